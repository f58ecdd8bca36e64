import assert from "node:assert/strict";
import { GoInt, goTypeTag } from "../gotpl/value.ts";
import { marshal as jsonMarshal } from "../gojson/encode.ts";
import { formatFloatShortest } from "../gojson/float.ts";
import { marshalPretty } from "../goyaml/marshal.ts";
import { TomlDatetime } from "./datetime.ts";
import { unmarshalToml } from "./decode.ts";
import { TomlParseError } from "./parser.ts";
import cases from "./testdata/decode.json" with { type: "json" };

/** The tagged form the fixtures use for Go types (int64, float64, time.Time, []map). */
function tag(v: unknown): unknown {
  if (v instanceof GoInt) return { $int: v.toString() };
  if (typeof v === "number") return { $float: formatFloatShortest(v, "g") };
  if (v instanceof TomlDatetime) return { $time: v.String(), rfc: v.rfc3339() };
  if (Array.isArray(v)) {
    const a = v.map(tag);
    return goTypeTag(v) === "[]map[string]interface {}" ? { $tables: a } : a;
  }
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, tag((v as Record<string, unknown>)[k])]));
  }
  return v;
}

function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

// The fixtures were recorded with the Go process on UTC.
const onUtc = new Date().getTimezoneOffset() === 0;

Deno.test({
  name: "unmarshalToml matches toml.Unmarshal into map[string]any on the fixture table",
  ignore: !onUtc,
  fn() {
    const bad: string[] = [];
    for (const c of cases) {
      let got: unknown;
      let err: string | undefined;
      try {
        got = tag(unmarshalToml(c.input));
      } catch (e) {
        if (!(e instanceof TomlParseError)) throw e;
        err = e.message;
      }
      if (err !== c.err) bad.push(`${JSON.stringify(c.input)}: err ${err} want ${c.err}`);
      else if (!err && JSON.stringify(canon(got)) !== JSON.stringify(canon(c.value))) {
        bad.push(`${JSON.stringify(c.input)}: ${JSON.stringify(got)}`);
      }
    }
    assert.deepEqual(bad, []);
    assert.ok(cases.length > 600);
  },
});

Deno.test("unmarshalToml: types as Go decodes them", () => {
  const v = unmarshalToml(
    'i = 0x1F\nf = 1.5\ns = "x"\nb = true\nd = 1979-05-27\n[[t]]\nk = 1\n[m]\nn = [1, "a"]\n',
  );
  assert.deepEqual(v.i, new GoInt(31n, "int64"));
  assert.equal(v.f, 1.5);
  assert.equal(v.s, "x");
  assert.equal(v.b, true);
  assert.ok(v.d instanceof TomlDatetime);
  assert.equal((v.d as TomlDatetime).kind, "local-date");
  assert.equal(goTypeTag(v.t as object), "[]map[string]interface {}");
  assert.deepEqual(v.m, { n: [new GoInt(1n, "int64"), "a"] });
});

Deno.test("unmarshalToml: errors carry line and last key like Go", () => {
  try {
    unmarshalToml("a = 1\nb = \n");
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof TomlParseError);
    assert.equal(e.message, "toml: line 2 (last key \"b\"): expected value but found '\\n' instead");
    assert.equal(e.line, 2);
  }
  assert.throws(() => unmarshalToml("a = 1\na = 2"), {
    message: "toml: line 2 (last key \"a\"): Key 'a' has already been defined.",
  });
});

Deno.test("datetimes encode as RFC 3339 in JSON and YAML", () => {
  const v = unmarshalToml("t = 1979-05-27T07:32:00.25Z\n");
  assert.equal(jsonMarshal(v), '{"t":"1979-05-27T07:32:00.25Z"}');
  assert.equal(marshalPretty(v), "t: 1979-05-27T07:32:00.25Z\n");
  assert.equal((v.t as TomlDatetime).String(), "1979-05-27 07:32:00.25 +0000 UTC");
});
