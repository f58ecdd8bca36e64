import assert from "node:assert/strict";
import { parseSetJSON, setJSONFailureMessage, StrvalsError } from "./mod.ts";
import { type Case, runCases } from "./test_helpers.ts";

// Expected values and errors below were checked against Helm v4.2.4 (strvals.ParseJSON
// and the whole-object branch of values.Options.MergeValues). "OBJ: " marks errors of
// the whole-object form.

const JSON_CASES: Case[] = [
  // each value is one JSON document; numbers are float64
  { s: "a=1", want: { a: 1 } },
  { s: "a=1.5", want: { a: 1.5 } },
  { s: "a=1e3", want: { a: 1000 } },
  { s: "a=-0", want: { a: -0 } },
  { s: "a=100000000000000000000", want: { a: 100000000000000000000 } },
  { s: 'a="x"', want: { a: "x" } },
  { s: "a=true", want: { a: true } },
  { s: "a=null", want: { a: null } },
  { s: 'a=[1,"x",{"b":null}]', want: { a: [1, "x", { b: null }] } },
  { s: 'a={"b":{"c":[1]}}', want: { a: { b: { c: [1] } } } },
  { s: 'a={"b":1},c=2', want: { a: { b: 1 }, c: 2 } },
  { s: 'a="\\u00e9\\ud83d\\ude00"', want: { a: "é😀" } },
  { s: 'a="😀",b=1', want: { a: "😀", b: 1 } },
  { s: 'a="x,y",b=[1,2]', want: { a: "x,y", b: [1, 2] } },
  // empty values are null; blanks around values are skipped
  { s: "a=", want: { a: null } },
  { s: "a=,b=2", want: { a: null, b: 2 } },
  { s: "a=  ,b=2", want: { a: null, b: 2 } },
  { s: "a= 1", want: { a: 1 } },
  { s: "a=1 ", want: { a: 1 } },
  { s: "a=1 ,b=2", want: { a: 1, b: 2 } },
  { s: "a=1\t,b=2", want: { a: 1, b: 2 } },
  // whatever follows the document starts the next key
  { s: "a=1x", want: { a: 1 }, err: 'key "x" has no value' },
  { s: "a=1 2", want: { a: 1 }, err: 'key "2" has no value' },
  { s: 'a="x"y=1', want: { a: "x", y: 1 } },
  { s: "a=[1,2]b=3", want: { a: [1, 2], b: 3 } },
  { s: "a=1.5.3", want: { a: 1.5 }, err: 'key "3" has no value' },
  // keys
  { s: "a.b=1", want: { a: { b: 1 } } },
  { s: "a.b=", want: { a: { b: null } } },
  { s: "a[0]=1", want: { a: [1] } },
  { s: 'a[1]={"x":1}', want: { a: [null, { x: 1 }] } },
  { s: "a[0]=", want: { a: [null] } },
  { s: "a[0]=1,a[2]=2", want: { a: [1, null, 2] } },
  { s: "a[0][0]=1", want: { a: [[1]] } },
  { s: "a[0].b=2", want: { a: [{ b: 2 }] } },
  // JSON errors
  { s: "a=1e400", want: {}, err: "json: cannot unmarshal number 1e400 into Go value of type float64" },
  { s: 'a={"b":1', want: {}, err: "unexpected EOF" },
  { s: 'a={"b":1,c=2', want: {}, err: "invalid character 'c' looking for beginning of object key string" },
  { s: "a=[1,2", want: {}, err: "unexpected EOF" },
  { s: "a=tru", want: {}, err: "unexpected EOF" },
  { s: "a=tru,b=1", want: {}, err: "invalid character ',' in literal true (expecting 'e')" },
  { s: "a=nul", want: {}, err: "unexpected EOF" },
  { s: "a=1.", want: {}, err: "unexpected EOF" },
  { s: "a=-", want: {}, err: "unexpected EOF" },
  { s: "a=.5", want: {}, err: "invalid character '.' looking for beginning of value" },
  { s: "a=01", want: { a: 0 }, err: 'key "1" has no value' },
  { s: "a=x", want: {}, err: "invalid character 'x' looking for beginning of value" },
  { s: "a='x'", want: {}, err: "invalid character '\\'' looking for beginning of value" },
  { s: 'a="unterminated', want: {}, err: "unexpected EOF" },
  // grammar errors
  { s: "a", want: {}, err: 'key "a" has no value' },
  { s: "a,b=1", want: { a: "" }, err: 'key "a" has no value (cannot end with ,)' },
  { s: "a[x]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing "x": invalid syntax' },
  { s: "a[-1]=1", want: { a: [] }, err: "negative -1 index not allowed" },
  {
    s: "a[65537]=1",
    want: { a: [] },
    err: "index of 65537 is greater than maximum supported index of 65536",
  },
  { s: "a.", want: {} },
  // the whole-object form
  { s: '{"a":1}', want: { a: 1 } },
  { s: ' {"a":{"b":2}} ', want: { a: { b: 2 } } },
  { s: "{}", want: {} },
  { s: '{"a":1} x', want: {}, err: "OBJ: invalid character 'x' after top-level value" },
  { s: "{a", want: {}, err: "OBJ: invalid character 'a' looking for beginning of object key string" },
  { s: "{", want: {}, err: "OBJ: unexpected end of JSON input" },
  {
    s: '{"a":1e400}',
    want: {},
    err: "OBJ: json: cannot unmarshal number 1e400 into Go value of type float64",
  },
  { s: "[1]", want: {} },
];

Deno.test("--set-json: JSON documents as values, and the whole-object form", () => {
  runCases(JSON_CASES, parseSetJSON);
});

Deno.test("--set-json: the CLI message drops the cause and names the value", () => {
  const failure = (value: string) => {
    try {
      parseSetJSON(value, {});
    } catch (e) {
      assert.ok(e instanceof StrvalsError);
      return setJSONFailureMessage(value, e);
    }
    throw new Error("no error");
  };
  assert.equal(failure("a=1e400"), "failed parsing --set-json data a=1e400");
  assert.equal(failure(" {a"), "failed parsing --set-json data JSON:  {a");
});

Deno.test("--set-json: the whole-object form makes new merged tables", () => {
  const inner = { b: 1 };
  const dest: Record<string, unknown> = { a: inner };
  parseSetJSON('{"a":{"c":2}}', dest);
  assert.deepStrictEqual(inner, { b: 1 });
  assert.deepStrictEqual(dest, { a: { b: 1, c: 2 } });
});

Deno.test("--set-json: __proto__ in a document is an ordinary key", () => {
  const dest: Record<string, unknown> = {};
  parseSetJSON('a={"__proto__":{"x":1}}', dest);
  const a = dest.a as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(a), Object.prototype);
  assert.deepStrictEqual(Object.keys(a), ["__proto__"]);
});
