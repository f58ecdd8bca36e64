import assert from "node:assert/strict";
import { GO_JSON, GoInt, GoStruct } from "../gotpl/value.ts";
import { fromTagged } from "../gojson/testdata/tagged.ts";
import { GoYamlError } from "./errors.ts";
import { jsonToYaml, marshal, marshalPretty } from "./marshal.ts";
import cases from "./testdata/marshal.json" with { type: "json" };

function run(f: () => string): { out?: string; err?: string } {
  try {
    return { out: f() };
  } catch (e) {
    if (e instanceof GoYamlError) return { err: e.message };
    throw e;
  }
}

Deno.test("marshal matches sigs.k8s.io/yaml.Marshal and marshalPretty go-yaml v3 on the fixture table", () => {
  const bad: string[] = [];
  for (const c of cases) {
    const v = fromTagged(c.value);
    const y = run(() => marshal(v));
    const p = run(() => marshalPretty(v));
    if (JSON.stringify(y) !== JSON.stringify(c.yaml)) {
      bad.push(
        `toYaml ${JSON.stringify(c.value).slice(0, 80)}:\n${JSON.stringify(y)}\n${JSON.stringify(c.yaml)}`,
      );
    }
    if (JSON.stringify(p) !== JSON.stringify(c.pretty)) {
      bad.push(
        `pretty ${JSON.stringify(c.value).slice(0, 80)}:\n${JSON.stringify(p)}\n${JSON.stringify(c.pretty)}`,
      );
    }
  }
  assert.deepEqual(bad.slice(0, 10), []);
  assert.ok(cases.length > 300);
});

Deno.test("marshal: layout (natural key order, unindented sequences, empty collections)", () => {
  assert.equal(
    marshal({ b: [1, { y: 2, x: [] }], a10: {}, a2: null, "A_B": true, AB: "s" }),
    'A_B: true\nAB: s\na2: null\na10: {}\nb:\n- 1\n- x: []\n  "y": 2\n',
  );
  assert.equal(marshal([["a", "b"], []]), "- - a\n  - b\n- []\n");
  assert.equal(marshal("x"), "x\n");
  assert.equal(marshal(null), "null\n");
});

Deno.test("marshal: strings that would read back as something else are double-quoted", () => {
  const quoted = [
    "true",
    "yes",
    "Y",
    "on",
    "null",
    "~",
    "",
    "123",
    "0123",
    "08",
    "1_000",
    "0x1F",
    "1e3",
    ".5",
    "1.0",
    "+1",
  ];
  for (const s of quoted) assert.equal(marshal(s), `"${s}"\n`, s);
  assert.equal(marshal("2001-12-14"), '"2001-12-14"\n');
  assert.equal(marshal("12:30"), '"12:30"\n');
  for (const s of ["1.2.3", "v1", "yES", "<<", "2001-02-30"]) assert.equal(marshal(s), `${s}\n`, s);
});

Deno.test("marshal: strings plain YAML cannot hold are single-quoted", () => {
  assert.equal(marshal("- a"), "'- a'\n");
  assert.equal(marshal("a: b"), "'a: b'\n");
  assert.equal(marshal("Hello #comment"), "'Hello #comment'\n");
  assert.equal(marshal("it's: x"), "'it''s: x'\n");
  assert.equal(marshal(" lead"), "' lead'\n");
  assert.equal(marshal("*alias"), "'*alias'\n");
});

Deno.test("marshal: multi-line strings become literal blocks with chomping and indent hints", () => {
  assert.equal(marshal({ a: "x\ny" }), "a: |-\n  x\n  y\n");
  assert.equal(marshal({ a: "x\n" }), "a: |\n  x\n");
  assert.equal(marshal({ a: "x\n\n" }), "a: |+\n  x\n\n");
  assert.equal(marshal({ a: " x\ny" }), "a: |2-\n   x\n  y\n");
  // Trailing spaces on a line rule out a block: double quotes with \n.
  assert.equal(marshal({ a: "x \ny" }), 'a: "x \\ny"\n');
  assert.equal(marshal({ a: "tab\there\nz" }), 'a: "tab\\there\\nz"\n');
});

Deno.test("marshal: non-printable and 4-byte characters force double quotes", () => {
  assert.equal(marshal("a\tb"), '"a\\tb"\n');
  assert.equal(marshal("😀"), '"\\U0001F600"\n');
  assert.equal(marshal("é中"), "é中\n");
  // NEL reaches go-yaml raw inside the JSON string, where it reads as a line
  // break that folds into a space.
  assert.equal(marshal("\u0085"), "' '\n");
  assert.equal(marshalPretty("\u0085"), '"\\N"\n');
  assert.throws(() => marshal("a\x7fb"), { message: "yaml: control characters are not allowed" });
});

Deno.test("marshal: long scalars fold at 80 columns; keys over 128 bytes use '? '", () => {
  const words = "word ".repeat(20).trim();
  assert.equal(
    marshal({ k: words }),
    "k: word word word word word word word word word word word word word word word word\n  word word word word\n",
  );
  const key = "k".repeat(129);
  assert.equal(marshal({ [key]: 1 }), `? ${key}\n: 1\n`);
  assert.equal(marshal({ ["k".repeat(128)]: 1 }), `${"k".repeat(128)}: 1\n`);
});

Deno.test("marshal: numbers after the JSON round trip", () => {
  assert.equal(
    marshal([1e6, 1.5, 0.0001, 0.00001, 1e-7, 123456789.5, 1e21, 12345678901234567890, -0]),
    "- 1000000\n- 1.5\n- 0.0001\n- 1e-05\n- 1e-07\n- 1.234567895e+08\n- 1e+21\n- 12345678901234567000\n- 0\n",
  );
  assert.equal(marshal(new GoInt(3n, "int64")), "3\n");
  assert.throws(() => marshal(NaN), { message: "error marshaling into JSON: json: unsupported value: NaN" });
});

Deno.test("marshal: []byte is base64 (through JSON)", () => {
  assert.equal(marshal({ b: new Uint8Array([1, 2, 3]) }), "b: AQID\n");
});

class Meta extends GoStruct {
  readonly goType = "*chart.Metadata";
  [GO_JSON](): Map<string, unknown> {
    return new Map<string, unknown>([["name", "x"], ["apiVersion", "v2"], ["version", "1.0.0"]]);
  }
}

Deno.test("marshal: structs go through their JSON form, keys then sorted naturally", () => {
  assert.equal(marshal(new Meta()), "apiVersion: v2\nname: x\nversion: 1.0.0\n");
  // toYamlPretty keeps declaration order (go-yaml v3 encodes the struct itself).
  assert.equal(marshalPretty(new Meta()), "name: x\napiVersion: v2\nversion: 1.0.0\n");
});

Deno.test("jsonToYaml converts JSON text", () => {
  assert.equal(jsonToYaml('{"b":[1,2.5,"x"],"a":true}'), "a: true\nb:\n- 1\n- 2.5\n- x\n");
});

Deno.test("marshalPretty: go-yaml v3 layout on the Go value itself", () => {
  assert.equal(
    marshalPretty({ a: [1e6, "on", { b: 1 }], c: "x\ny" }),
    'a:\n  - 1e+06\n  - "on"\n  - b: 1\nc: |-\n  x\n  y\n',
  );
  assert.equal(marshalPretty(new GoInt(1000000n, "int64")), "1000000\n");
  assert.equal(marshalPretty({ t: "a\tb" }), 't: "a\\tb"\n');
  assert.equal(marshalPretty({ t: "a\tb\nc" }), "t: |-\n  a\tb\n  c\n");
  assert.equal(marshalPretty({ long: "word ".repeat(30).trim() }), `long: ${"word ".repeat(30).trim()}\n`);
  assert.equal(marshalPretty(new Uint8Array([1, 2])), "- 1\n- 2\n");
  assert.equal(marshalPretty(NaN), ".nan\n");
});

Deno.test("toYaml's direct path and the JSON round trip agree on random values", async () => {
  const fc = (await import("fast-check")).default;
  const { jsonToYaml, marshal } = await import("./marshal.ts");
  const { marshal: jsonMarshal } = await import("../gojson/mod.ts");
  const { GoInt } = await import("../gotpl/value.ts");
  const key = fc.oneof(
    fc.string(),
    fc.constantFrom("yes", "on", "1", "0x1F", "a b", "-", "~", "null", "1e3", "12:30"),
  );
  const scalar = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "yes",
      "no",
      "1.0",
      "0123",
      "",
      " x",
      "x ",
      "a: b",
      "#c",
      "- d",
      "line\nline",
      "é😀",
      "\u0085",
    ),
    fc.boolean(),
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer().map((n) => n / 8),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b) => new GoInt(b, "int64")),
    fc.uint8Array({ maxLength: 6 }),
  );
  const value = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: "small" },
      scalar,
      fc.array(tie("tree"), { maxLength: 4 }),
      fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
    ),
  })).tree;
  fc.assert(
    fc.property(value, (v) => {
      assert.equal(marshal(v), jsonToYaml(jsonMarshal(v)));
    }),
    { numRuns: 3000 },
  );
});
