import assert from "node:assert/strict";
import { GoInt } from "../gotpl/value.ts";
import { unmarshal } from "./decode.ts";
import { GoJsonError } from "./errors.ts";
import { type GoType, MAP_STRING_INTERFACE, SLICE_INTERFACE } from "./types.ts";
import cases from "./testdata/unmarshal.json" with { type: "json" };

const TARGETS: Record<string, GoType | undefined> = {
  any: undefined,
  map: MAP_STRING_INTERFACE,
  slice: SLICE_INTERFACE,
};

Deno.test("unmarshal matches json.Unmarshal (interface{}, map, slice targets) on the fixture table", () => {
  const bad: string[] = [];
  for (const c of cases) {
    let value: unknown;
    let err: string | undefined;
    try {
      value = unmarshal(c.input, { target: TARGETS[c.target] });
    } catch (e) {
      if (!(e instanceof GoJsonError)) throw e;
      err = e.message;
      value = e.partial ?? null;
    }
    if (err !== c.err) {
      bad.push(`${JSON.stringify(c.input).slice(0, 60)} [${c.target}]: err ${err} want ${c.err}`);
    } else if (JSON.stringify(value ?? null) !== JSON.stringify(c.value)) {
      bad.push(`${JSON.stringify(c.input).slice(0, 60)} [${c.target}]: ${JSON.stringify(value)}`);
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(cases.length > 200);
});

Deno.test("unmarshal: __proto__ and friends become ordinary own keys", () => {
  const v = unmarshal('{"__proto__":{"polluted":1},"constructor":2}') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ["__proto__", "constructor"]);
  assert.deepEqual(v["__proto__"], { polluted: 1 });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("unmarshal: syntax errors carry Go's wording and offset", () => {
  const err = (s: string) => {
    try {
      unmarshal(s);
    } catch (e) {
      return [(e as GoJsonError).message, (e as GoJsonError).offset];
    }
  };
  assert.deepEqual(err("[1,]"), ["invalid character ']' looking for beginning of value", 3]);
  assert.deepEqual(err('{"a":1'), ["unexpected end of JSON input", 6]);
  assert.deepEqual(err("é"), ["invalid character 'Ã' looking for beginning of value", 0]);
  assert.deepEqual(err("[1] 2"), ["invalid character '2' after top-level value", 4]);
});

const MAINTAINER: GoType = {
  kind: "ptr",
  elem: {
    kind: "struct",
    name: "chart.Maintainer",
    fields: [
      { json: "name", type: { kind: "string" } },
      { json: "email", type: { kind: "string" } },
    ],
  },
};
const THING: GoType = {
  kind: "struct",
  name: "pkg.Thing",
  fields: [
    { json: "name", type: { kind: "string" } },
    { json: "count", type: { kind: "int" } },
    { json: "ratio", type: { kind: "float64" } },
    { json: "on", type: { kind: "bool" } },
    { json: "tags", type: { kind: "slice", elem: { kind: "string" } } },
    { json: "labels", type: { kind: "map", elem: { kind: "string" } } },
    { json: "maintainers", type: { kind: "slice", elem: MAINTAINER } },
  ],
};

Deno.test("unmarshal into a struct: case-insensitive fields, typed values, unknown keys dropped", () => {
  const v = unmarshal(
    '{"NAME":"x","count":3,"ratio":1,"on":true,"tags":["a"],"labels":{"k":"v","n":null},"other":1,"maintainers":[{"name":"m"},null]}',
    { target: THING },
  );
  assert.deepEqual(v, {
    name: "x",
    count: new GoInt(3n, "int"),
    ratio: 1,
    on: true,
    tags: ["a"],
    labels: { k: "v", n: "" },
    maintainers: [{ name: "m" }, null],
  });
});

Deno.test("unmarshal into a struct: type errors name the struct field path like Go", () => {
  const msg = (s: string) => {
    try {
      unmarshal(s, { target: THING });
      return "";
    } catch (e) {
      return (e as GoJsonError).message;
    }
  };
  assert.equal(
    msg('{"name":1}'),
    "json: cannot unmarshal number into Go struct field Thing.name of type string",
  );
  assert.equal(
    msg('{"count":1.5}'),
    "json: cannot unmarshal number 1.5 into Go struct field Thing.count of type int",
  );
  assert.equal(
    msg('{"on":"yes"}'),
    "json: cannot unmarshal string into Go struct field Thing.on of type bool",
  );
  assert.equal(
    msg('{"tags":"a"}'),
    "json: cannot unmarshal string into Go struct field Thing.tags of type []string",
  );
  assert.equal(
    msg('{"maintainers":[{"email":[]}]}'),
    "json: cannot unmarshal array into Go struct field Maintainer.maintainers.email of type string",
  );
  assert.equal(msg("[]"), "json: cannot unmarshal array into Go value of type pkg.Thing");
});

Deno.test("unmarshal: a type error keeps decoding and exposes the partial value", () => {
  try {
    unmarshal('{"a":1e400,"b":2}', { target: MAP_STRING_INTERFACE });
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof GoJsonError);
    assert.equal(e.message, "json: cannot unmarshal number 1e400 into Go value of type float64");
    assert.deepEqual(e.partial, { a: null, b: 2 });
  }
});
