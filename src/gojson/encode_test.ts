import assert from "node:assert/strict";
import { GO_JSON, GoInt, GoStruct, withGoType } from "../gotpl/value.ts";
import { formatJsonFloat, marshal, quoteJsonString } from "./encode.ts";
import { GoJsonError } from "./errors.ts";
import { fromTagged } from "./testdata/tagged.ts";
import { formatFloatShortest } from "./float.ts";
import cases from "./testdata/marshal.json" with { type: "json" };

function run(f: () => string): { out?: string; err?: string } {
  try {
    return { out: f() };
  } catch (e) {
    if (e instanceof GoJsonError) return { err: e.message };
    throw e;
  }
}

Deno.test("marshal matches json.Marshal and json.MarshalIndent on the fixture table", () => {
  const bad: string[] = [];
  for (const c of cases) {
    const v = fromTagged(c.value);
    const compact = run(() => marshal(v));
    const indented = run(() => marshal(v, { indent: "  " }));
    if (JSON.stringify(compact) !== JSON.stringify(c.compact)) {
      bad.push(`${JSON.stringify(c.value)}: ${JSON.stringify(compact)}`);
    }
    if (JSON.stringify(indented) !== JSON.stringify(c.indent)) {
      bad.push(`indent ${JSON.stringify(c.value)}: ${JSON.stringify(indented)}`);
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("marshal: HTML escaping, U+2028/2029 and control characters", () => {
  assert.equal(marshal("<a>&</a>"), '"\\u003ca\\u003e\\u0026\\u003c/a\\u003e"');
  assert.equal(marshal("<a>&", { escapeHTML: false }), '"<a>&"');
  assert.equal(marshal("\u2028\u2029", { escapeHTML: false }), '"\\u2028\\u2029"');
  assert.equal(marshal("\b\f\n\r\t\x00\x1f\x7f"), '"\\b\\f\\n\\r\\t\\u0000\\u001f\x7f"');
  assert.equal(marshal("a\ud800b"), '"a\\ufffdb"');
  assert.equal(marshal("\udc00\ud83d\ude00"), '"\\ufffd\ud83d\ude00"');
});

Deno.test("marshal: floats use 'f' between 1e-6 and 1e21, 'e' outside, with e-07 shortened", () => {
  assert.equal(formatJsonFloat(1e6), "1000000");
  assert.equal(formatJsonFloat(0.000001), "0.000001");
  assert.equal(formatJsonFloat(1e-7), "1e-7");
  assert.equal(formatJsonFloat(1.5e-10), "1.5e-10");
  assert.equal(formatJsonFloat(1e21), "1e+21");
  assert.equal(formatJsonFloat(12345678901234567890), "12345678901234567000");
  assert.equal(formatJsonFloat(-0), "-0");
  assert.throws(() => marshal({ a: NaN }), { message: "json: unsupported value: NaN" });
  assert.throws(() => marshal([Infinity]), { message: "json: unsupported value: +Inf" });
});

Deno.test("marshal: map keys sort byte-wise (code point order), not UTF-16 order", () => {
  assert.equal(marshal({ "\uffff": 1, "😀": 2, b: 3, B: 4, "": 5 }), '{"":5,"B":4,"b":3,"\uffff":1,"😀":2}');
});

Deno.test("marshal: GoInt, []byte, nil and no-value", () => {
  assert.equal(marshal(new GoInt(-(2n ** 63n), "int64")), "-9223372036854775808");
  assert.equal(marshal(GoInt.of(2n ** 64n - 1n, "uint64")), "18446744073709551615");
  assert.equal(marshal(new Uint8Array([0xfb, 0xff])), '"+/8="');
  assert.equal(marshal(new Uint8Array()), '""');
  assert.equal(marshal([null, undefined]), "[null,null]");
  assert.equal(marshal(withGoType(["a"], "[]string")), '["a"]');
});

class Maintainer extends GoStruct {
  readonly goType = "*chart.Maintainer";
  constructor(readonly name: string, readonly email: string) {
    super();
  }
  [GO_JSON](): Map<string, unknown> {
    const m = new Map<string, unknown>([["name", this.name]]);
    if (this.email) m.set("email", this.email);
    return m;
  }
}

Deno.test("marshal: structs keep field order from GO_JSON", () => {
  assert.equal(marshal(new Maintainer("z", "")), '{"name":"z"}');
  assert.equal(marshal({ m: [new Maintainer("z", "a@b")] }), '{"m":[{"name":"z","email":"a@b"}]}');
  assert.equal(
    marshal(new Maintainer("z", "e"), { indent: "\t", prefix: ">" }),
    '{\n>\t"name": "z",\n>\t"email": "e"\n>}',
  );
});

Deno.test("marshal: cycles are reported like Go's cycle detection", () => {
  const a: Record<string, unknown> = {};
  a.self = a;
  assert.throws(() => marshal(a), {
    message: "json: unsupported value: encountered a cycle via map[string]interface {}",
  });
  // Shared (non-cyclic) references are fine.
  const shared = { x: 1 };
  assert.equal(marshal([shared, shared]), '[{"x":1},{"x":1}]');
});

Deno.test("quoteJsonString leaves non-ASCII printable text raw", () => {
  assert.equal(quoteJsonString("é中😀\u00a0"), '"é中😀\u00a0"');
});

Deno.test("formatJsonFloat: the plain-notation fast path equals Go's shortest 'f' digits", () => {
  const buf = new DataView(new ArrayBuffer(8));
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 20000; i++) {
    buf.setUint32(0, next() * 2);
    buf.setUint32(4, next() * 2);
    const samples = [
      buf.getFloat64(0),
      next() / 10 ** (next() % 12),
      (next() % 100000) * 10 ** (next() % 16),
    ];
    for (const f of samples) {
      const abs = Math.abs(f);
      if (!(abs >= 1e-6 && abs < 1e21)) continue;
      assert.equal(formatJsonFloat(f), formatFloatShortest(f, "f"), String(f));
    }
  }
  assert.equal(formatJsonFloat(-0), "-0");
});
