import assert from "node:assert/strict";
import { GoInt } from "../gotpl/value.ts";
import { fromTagged } from "../gojson/testdata/tagged.ts";
import { marshalToml, TomlEncodeError } from "./encode.ts";
import { unmarshalToml } from "./decode.ts";
import cases from "./testdata/encode.json" with { type: "json" };

Deno.test("marshalToml matches BurntSushi/toml's Encoder on the fixture table", () => {
  const bad: string[] = [];
  for (const c of cases) {
    let got: { out?: string; err?: string; panic?: string };
    try {
      got = { out: marshalToml(fromTagged(c.value)) };
    } catch (e) {
      if (!(e instanceof TomlEncodeError)) throw e;
      got = e.panic ? { panic: e.message } : { err: e.message };
    }
    // On error Go's buffered writer is never flushed: only the error counts.
    const want = c.panic ? { panic: c.panic } : c.err ? { err: c.err } : { out: c.out };
    if (got.out !== want.out || got.err !== want.err || got.panic !== want.panic) {
      bad.push(
        `${JSON.stringify(c.value).slice(0, 80)}: ${JSON.stringify(got)} want ${JSON.stringify(want)}`,
      );
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(cases.length > 250);
});

Deno.test("marshalToml: scalars first, then tables; floats keep a decimal point", () => {
  assert.equal(
    marshalToml({ t: { x: 1 }, a: "s", n: new GoInt(3n, "int64"), arr: [{ k: true }] }),
    'a = "s"\nn = 3\n\n[[arr]]\n  k = true\n\n[t]\n  x = 1.0\n',
  );
  assert.equal(marshalToml({ f: 1e6, g: 2.5 }), "f = 1e+06\ng = 2.5\n");
});

Deno.test("marshalToml: errors are Go's texts; nil panics", () => {
  assert.throws(() => marshalToml({ a: [1, null] }), {
    message: "toml: cannot encode array with nil element",
  });
  assert.throws(() => marshalToml([{ a: 1 }]), {
    message: "toml: top-level values must be Go maps or structs",
  });
  try {
    marshalToml(null);
    assert.fail("expected a panic");
  } catch (e) {
    assert.ok(e instanceof TomlEncodeError && e.panic);
  }
});

Deno.test("marshalToml writes decoded datetimes back in their TOML form", () => {
  const v = unmarshalToml("a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.5-07:00\n");
  assert.equal(marshalToml(v), "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.5-07:00\n");
});
