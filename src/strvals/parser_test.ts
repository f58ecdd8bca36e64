import assert from "node:assert/strict";
import { GoInt } from "../gotpl/value.ts";
import {
  MAX_INDEX,
  MAX_NESTED_NAME_LEVEL,
  parseSet,
  parseSetFile,
  parseSetJSON,
  parseSetLiteral,
  parseSetString,
} from "./mod.ts";
import { type Case, i64, runCases } from "./test_helpers.ts";

// Expected values and errors below were checked against Helm v4.2.4's strvals.

const SET: Case[] = [
  // typing: booleans and null in any case, int64 without a leading zero, strings otherwise
  { s: "a=b", want: { a: "b" } },
  { s: "a=true", want: { a: true } },
  { s: "a=TRUE", want: { a: true } },
  { s: "a=tRuE", want: { a: true } },
  { s: "a=False", want: { a: false } },
  { s: "a=falſe", want: { a: false } },
  { s: "a=NULL", want: { a: null } },
  { s: "a=nil", want: { a: "nil" } },
  { s: "a=~", want: { a: "~" } },
  { s: "a=yes", want: { a: "yes" } },
  { s: "a=1", want: { a: i64(1) } },
  { s: "a=0", want: { a: i64(0) } },
  { s: "a=-0", want: { a: i64(0) } },
  { s: "a=+5", want: { a: i64(5) } },
  { s: "a=-12", want: { a: i64(-12) } },
  { s: "a=007", want: { a: "007" } },
  { s: "a=-07", want: { a: i64(-7) } },
  { s: "a=0x10", want: { a: "0x10" } },
  { s: "a=1e3", want: { a: "1e3" } },
  { s: "a=1.5", want: { a: "1.5" } },
  { s: "a=1_000", want: { a: "1_000" } },
  { s: "a=9223372036854775807", want: { a: i64(9223372036854775807n) } },
  { s: "a=9223372036854775808", want: { a: "9223372036854775808" } },
  { s: "a=-9223372036854775808", want: { a: i64(-9223372036854775808n) } },
  { s: "a=-9223372036854775809", want: { a: "-9223372036854775809" } },
  { s: "a=+", want: { a: "+" } },
  { s: "a=ключ", want: { a: "ключ" } },
  // pairs, nesting and empty values
  { s: "a=b,c=d", want: { a: "b", c: "d" } },
  { s: "a.b=1", want: { a: { b: i64(1) } } },
  { s: "a.b.c=d", want: { a: { b: { c: "d" } } } },
  { s: "a.b=1,a.c=2", want: { a: { b: i64(1), c: i64(2) } } },
  { s: "a=x,a=y", want: { a: "y" } },
  { s: "a.b=x,a=y", want: { a: "y" } },
  {
    s: "a=null,a.b=1",
    want: { a: null },
    err: "unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}",
  },
  { s: "a=", want: { a: "" } },
  { s: "a=,b=1", want: { a: "", b: i64(1) } },
  { s: "a=1,", want: { a: i64(1) } },
  { s: "a=1,,b=2", want: { a: i64(1) }, err: 'key "" has no value (cannot end with ,)' },
  { s: "a=b=c", want: { a: "b=c" } },
  { s: " a = b ", want: { " a ": " b " } },
  { s: "a=x y", want: { a: "x y" } },
  { s: 'a="b,c"', want: { a: '"b' }, err: 'key "c\\"" has no value' },
  { s: "=1", want: {} },
  { s: "=", want: {} },
  { s: ".a=1", want: {} },
  // backslash escapes
  { s: "a=b\\,c", want: { a: "b,c" } },
  { s: "a=b\\,c,d=e", want: { a: "b,c", d: "e" } },
  { s: "a\\.b=c", want: { "a.b": "c" } },
  { s: "a\\=b=c", want: { "a=b": "c" } },
  { s: "a\\[0]=c", want: { "a[0]": "c" } },
  { s: "a=\\{b}", want: { a: "{b}" } },
  { s: "a=b\\\\c", want: { a: "b\\c" } },
  { s: "a=x\\ny", want: { a: "xny" } },
  { s: "a=b\\", want: { a: "b" } },
  // brace lists
  { s: "a={}", want: { a: [""] } },
  { s: "a={b}", want: { a: ["b"] } },
  { s: "a={b,c}", want: { a: ["b", "c"] } },
  { s: "a={1,true,null,x}", want: { a: [i64(1), true, null, "x"] } },
  { s: "a={b,c},d=e", want: { a: ["b", "c"], d: "e" } },
  { s: "a={b,c}d=e", want: { a: ["b", "c"], d: "e" } },
  { s: "a={b},", want: { a: ["b"] } },
  { s: "a={b,}", want: { a: ["b", ""] } },
  { s: "a={,}", want: { a: ["", ""] } },
  { s: "a={b\\}c}", want: { a: ["b}c"] } },
  { s: "a={b\\,c}", want: { a: ["b,c"] } },
  // list indexes
  { s: "a[0]=1", want: { a: [i64(1)] } },
  { s: "a[1]=1", want: { a: [null, i64(1)] } },
  { s: "a[2]=x,a[0]=y", want: { a: ["y", null, "x"] } },
  { s: "a[0]=1,a[0]=2", want: { a: [i64(2)] } },
  { s: "a[0]=", want: { a: [""] } },
  { s: "a[0]=,b=1", want: { a: [""], b: i64(1) } },
  { s: "a[0]={x,y}", want: { a: [["x", "y"]] } },
  { s: "a[0].b=1", want: { a: [{ b: i64(1) }] } },
  { s: "a[0].b=1,a[0].c=2", want: { a: [{ b: i64(1), c: i64(2) }] } },
  { s: "a[1].b=1,a[0].c=2", want: { a: [{ c: i64(2) }, { b: i64(1) }] } },
  { s: "a[0]=1,a[0].b=2", want: { a: [{ b: i64(2) }] } },
  { s: "a[0]=null,a[0].b=1", want: { a: [{ b: i64(1) }] } },
  { s: "a[0][0]=1", want: { a: [[i64(1)]] } },
  { s: "a[0][1]=1,a[0][0]=2", want: { a: [[i64(2), i64(1)]] } },
  { s: "a[1][0]=1", want: { a: [null, [i64(1)]] } },
  { s: "a[0][0].b=c", want: { a: [[{ b: "c" }]] } },
  { s: "a[0]=null,a[0][0]=1", want: { a: [[i64(1)]] } },
  { s: "a.b[0].c[1].d=e", want: { a: { b: [{ c: [null, { d: "e" }] }] } } },
  { s: "a[+1]=1", want: { a: [null, i64(1)] } },
  { s: "a[01]=1", want: { a: [null, i64(1)] } },
  { s: "[0]=1", want: {} },
  // input that ends early is not an error
  { s: "a[", want: {} },
  { s: "a[1", want: {} },
  { s: "a[0][1", want: { a: [] } },
  { s: "a[0]", want: { a: [] } },
  { s: "a[0].", want: { a: [] } },
  { s: "a.", want: {} },
  { s: "a.b[", want: {} },
  // errors
  { s: "a", want: {}, err: 'key "a" has no value' },
  { s: "a\\", want: {}, err: 'key "a" has no value' },
  { s: "\\", want: {} },
  { s: "a,b=1", want: { a: "" }, err: 'key "a" has no value (cannot end with ,)' },
  { s: ",", want: {}, err: 'key "" has no value (cannot end with ,)' },
  { s: "a=1,b", want: { a: i64(1) }, err: 'key "b" has no value' },
  { s: "a.b", want: {}, err: 'key "b" has no value' },
  { s: "a.b,", want: { a: { b: "" } }, err: 'key "b" has no value (cannot end with ,)' },
  { s: "a.b=1,a", want: { a: { b: i64(1) } }, err: 'key "a" has no value' },
  { s: "a..b=1", want: {}, err: 'key map "a" has no value' },
  { s: "a.,b=1", want: {}, err: 'key "" has no value (cannot end with ,)' },
  { s: "a={", want: {}, err: "list must terminate with '}'" },
  { s: "a={b", want: {}, err: "list must terminate with '}'" },
  { s: "a={b,c", want: {}, err: "list must terminate with '}'" },
  { s: "a[0]x=1", want: { a: [] }, err: "unexpected data at end of array index: ['x']" },
  { s: "a[0],b=1", want: { a: [] }, err: "unexpected data at end of array index: [',' 'b']" },
  { s: "a[0]]=1", want: { a: [] }, err: "unexpected data at end of array index: [']']" },
  { s: "k😀[0]x😀=1", want: { "k😀": [] }, err: "unexpected data at end of array index: ['x' '😀']" },
  { s: "a[x]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing "x": invalid syntax' },
  { s: "a[]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing "": invalid syntax' },
  { s: "a[ 1]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing " 1": invalid syntax' },
  { s: "a[1_0]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing "1_0": invalid syntax' },
  { s: "a[[0]]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing "[0": invalid syntax' },
  {
    s: "a[99999999999999999999]=1",
    want: {},
    err: 'error parsing index: strconv.Atoi: parsing "99999999999999999999": value out of range',
  },
  {
    s: "a[9223372036854775808]=1",
    want: {},
    err: 'error parsing index: strconv.Atoi: parsing "9223372036854775808": value out of range',
  },
  { s: "a[-1]=1", want: { a: [] }, err: "negative -1 index not allowed" },
  {
    s: "a[-99999999999999999999]=1",
    want: {},
    err: 'error parsing index: strconv.Atoi: parsing "-99999999999999999999": value out of range',
  },
  {
    s: "a[65537]=x",
    want: { a: [] },
    err: "index of 65537 is greater than maximum supported index of 65536",
  },
  {
    s: "a[100000]=x",
    want: { a: [] },
    err: "index of 100000 is greater than maximum supported index of 65536",
  },
  {
    s: "a[0][65537]=x",
    want: { a: [] },
    err: "index of 65537 is greater than maximum supported index of 65536",
  },
  {
    s: "a=1,a[0]=2",
    want: { a: i64(1) },
    err: "unable to parse key: interface conversion: interface {} is int64, not []interface {}",
  },
  {
    s: "a=1,a.b=2",
    want: { a: i64(1) },
    err: "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}",
  },
  {
    s: "a.b=1,a[0]=2",
    want: { a: { b: i64(1) } },
    err:
      "unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}",
  },
  {
    s: "a[0]=1,a.b=2",
    want: { a: [i64(1)] },
    err:
      "unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}",
  },
  {
    s: "a[0]=1,a[0][0]=2",
    want: { a: [i64(1)] },
    err: "unable to parse key: interface conversion: interface {} is int64, not []interface {}",
  },
  {
    s: "a=null,a[0]=1",
    want: { a: null },
    err: "unable to parse key: interface conversion: interface {} is nil, not []interface {}",
  },
  { s: "a\tb", want: {}, err: 'key "a\\tb" has no value' },
  { s: "ключ", want: {}, err: 'key "ключ" has no value' },
  { s: "a\\u0001", want: {}, err: 'key "au0001" has no value' },
];

Deno.test("--set: typing, nesting, escapes, lists, indexes and errors as in Helm", () => {
  runCases(SET, parseSet);
});

const SET_STRING: Case[] = [
  { s: "a=1", want: { a: "1" } },
  { s: "a=true,b=null,c=0,d=", want: { a: "true", b: "null", c: "0", d: "" } },
  { s: "a=-5,b=TRUE,c=007", want: { a: "-5", b: "TRUE", c: "007" } },
  { s: "a={1,true}", want: { a: ["1", "true"] } },
  { s: "a[0]=1,b.c=2", want: { a: ["1"], b: { c: "2" } } },
  { s: "a=b\\,c", want: { a: "b,c" } },
  { s: "a={b,c}d=e", want: { a: ["b", "c"], d: "e" } },
  { s: "a", want: {}, err: 'key "a" has no value' },
  { s: "a.b", want: {}, err: 'key "b" has no value' },
  { s: "a[x]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing "x": invalid syntax' },
  {
    s: "a=1,a.b=2",
    want: { a: "1" },
    err: "unable to parse key: interface conversion: interface {} is string, not map[string]interface {}",
  },
];

Deno.test("--set-string: the --set grammar with every value a string", () => {
  runCases(SET_STRING, parseSetString);
});

type Op = "set" | "string" | "literal" | "json";
const PARSERS: Record<Op, (s: string, dest: Record<string, unknown>) => void> = {
  set: parseSet,
  string: parseSetString,
  literal: parseSetLiteral,
  json: parseSetJSON,
};

const INTO_EXISTING: Array<Case & { op: Op }> = [
  // merging into values that are already there
  { op: "set", s: "a.c=2", dest: { a: { b: 1 } }, want: { a: { b: 1, c: i64(2) } } },
  { op: "set", s: "a=2", dest: { a: { b: 1 } }, want: { a: i64(2) } },
  {
    op: "set",
    s: "a.b.c=1",
    dest: { a: { b: "x" } },
    want: { a: { b: "x" } },
    err: "unable to parse key: interface conversion: interface {} is string, not map[string]interface {}",
  },
  { op: "set", s: "a[1]=2", dest: { a: [1, 2, 3] }, want: { a: [1, i64(2), 3] } },
  { op: "set", s: "a[5]=2", dest: { a: [1] }, want: { a: [1, null, null, null, null, i64(2)] } },
  { op: "set", s: "a[0].y=2", dest: { a: [{ x: 1 }] }, want: { a: [{ x: 1, y: i64(2) }] } },
  { op: "set", s: "a[0][1]=2", dest: { a: [[1]] }, want: { a: [[1, i64(2)]] } },
  { op: "set", s: "a[0].b=1", dest: { a: ["x"] }, want: { a: [{ b: i64(1) }] } },
  { op: "set", s: "a[0].b=1", dest: { a: [null] }, want: { a: [{ b: i64(1) }] } },
  { op: "set", s: "a.b", dest: { a: {} }, want: { a: {} }, err: 'key "b" has no value' },
  { op: "set", s: "a.", dest: { a: { x: 1 } }, want: { a: { x: 1 } } },
  {
    op: "set",
    s: "a.b=1,c=2,a.d=3",
    dest: { a: { x: 1 } },
    want: { a: { b: i64(1), d: i64(3), x: 1 }, c: i64(2) },
  },
  {
    op: "set",
    s: "a[70000]=1",
    dest: { a: [1] },
    want: { a: [1] },
    err: "index of 70000 is greater than maximum supported index of 65536",
  },
  // type assertions on existing values fail as in Go
  {
    op: "set",
    s: "a[0]=1",
    dest: { a: "str" },
    want: { a: "str" },
    err: "unable to parse key: interface conversion: interface {} is string, not []interface {}",
  },
  {
    op: "set",
    s: "a[0]=1",
    dest: { a: null },
    want: { a: null },
    err: "unable to parse key: interface conversion: interface {} is nil, not []interface {}",
  },
  {
    op: "set",
    s: "a[0]=1",
    dest: { a: 1.5 },
    want: { a: 1.5 },
    err: "unable to parse key: interface conversion: interface {} is float64, not []interface {}",
  },
  {
    op: "set",
    s: "a[0]=1",
    dest: { a: true },
    want: { a: true },
    err: "unable to parse key: interface conversion: interface {} is bool, not []interface {}",
  },
  {
    op: "set",
    s: "a[0]=1",
    dest: { a: {} },
    want: { a: {} },
    err:
      "unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}",
  },
  {
    op: "set",
    s: "a.b=1",
    dest: { a: null },
    want: { a: null },
    err: "unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}",
  },
  {
    op: "set",
    s: "a.b=1",
    dest: { a: [] },
    want: { a: [] },
    err:
      "unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}",
  },
  {
    op: "set",
    s: "a.b=1",
    dest: { a: 2 },
    want: { a: 2 },
    err: "unable to parse key: interface conversion: interface {} is float64, not map[string]interface {}",
  },
  {
    op: "set",
    s: "a[0][0]=1",
    dest: { a: ["x"] },
    want: { a: ["x"] },
    err: "unable to parse key: interface conversion: interface {} is string, not []interface {}",
  },
  {
    op: "set",
    s: "a[0][0]=1",
    dest: { a: [{}] },
    want: { a: [{}] },
    err:
      "unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}",
  },
  {
    op: "set",
    s: "x=1,a[0]=1",
    dest: { a: "s" },
    want: { a: "s", x: i64(1) },
    err: "unable to parse key: interface conversion: interface {} is string, not []interface {}",
  },
  { op: "string", s: "a[0].b=1", dest: { a: [i64(1)] }, want: { a: [{ b: "1" }] } },
  {
    op: "literal",
    s: "a.b=x",
    dest: { a: "s" },
    want: { a: "s" },
    err: "unable to parse key: interface conversion: interface {} is string, not map[string]interface {}",
  },
  {
    op: "literal",
    s: "a[0]=x",
    dest: { a: "s" },
    want: { a: "s" },
    err: "unable to parse key: interface conversion: interface {} is string, not []interface {}",
  },
  {
    op: "literal",
    s: "a[0][0]=x",
    dest: { a: [1] },
    want: { a: [1] },
    err: "unable to parse key: interface conversion: interface {} is float64, not []interface {}",
  },
  { op: "literal", s: "a[1].c=x", dest: { a: [1, 1] }, want: { a: [1, { c: "x" }] } },
  {
    op: "json",
    s: "a.b=1",
    dest: { a: "s" },
    want: { a: "s" },
    err: "unable to parse key: interface conversion: interface {} is string, not map[string]interface {}",
  },
  {
    op: "json",
    s: "a[0][0]=1",
    dest: { a: ["s"] },
    want: { a: ["s"] },
    err: "unable to parse key: interface conversion: interface {} is string, not []interface {}",
  },
  { op: "json", s: 'a={"c":2}', dest: { a: { b: 1 } }, want: { a: { c: 2 } } },
  // the whole-object --set-json form merges tables
  { op: "json", s: '{"a":{"c":2}}', dest: { a: { b: 1 } }, want: { a: { b: 1, c: 2 } } },
  { op: "json", s: '{"a":3}', dest: { a: { b: 1 } }, want: { a: 3 } },
  {
    op: "json",
    s: '{"a":{"b":{"c":1}}}',
    dest: { a: { b: "s", d: i64(4) } },
    want: { a: { b: { c: 1 }, d: i64(4) } },
  },
  { op: "json", s: '{"a":null}', dest: { a: { b: 1 } }, want: { a: null } },
];

Deno.test("parsing into existing values: merges, overwrites and Go's failed type assertions", () => {
  for (const op of Object.keys(PARSERS) as Op[]) {
    runCases(INTO_EXISTING.filter((c) => c.op === op), PARSERS[op]);
  }
});

Deno.test("--set: the largest index is 65536 and pads with nulls", () => {
  const dest: Record<string, unknown> = {};
  parseSet(`a[${MAX_INDEX}]=x`, dest);
  const list = dest.a as unknown[];
  assert.equal(list.length, MAX_INDEX + 1);
  assert.equal(list[MAX_INDEX], "x");
  assert.ok(list.slice(0, MAX_INDEX).every((v) => v === null));
});

Deno.test("--set: 30 dots of nesting are allowed, 31 are not; dots after an index do not count", () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`).join(".");
  const ok: Record<string, unknown> = {};
  parseSet(`${names(MAX_NESTED_NAME_LEVEL + 1)}=1`, ok);
  let node: unknown = ok;
  for (let i = 0; i <= MAX_NESTED_NAME_LEVEL; i++) node = (node as Record<string, unknown>)[`k${i}`];
  assert.deepStrictEqual(node, i64(1));

  for (const parse of [parseSet, parseSetLiteral, parseSetJSON]) {
    assert.throws(
      () => parse(`${names(MAX_NESTED_NAME_LEVEL + 2)}=1`, {}),
      { message: "value name nested level is greater than maximum supported nested level of 30" },
    );
    // `a[0].` does not count, so 30 more dots still fit.
    parse(`a[0].${names(MAX_NESTED_NAME_LEVEL + 1)}=1`, {});
    parse("x" + Array.from({ length: 40 }, (_, i) => `[0].k${i}`).join("") + "=1", {});
  }
});

Deno.test("--set: keys are own properties, even __proto__ and Object.prototype names", () => {
  const dest: Record<string, unknown> = {};
  parseSet("__proto__.x=1,constructor=c,toString[0]=t", dest);
  assert.equal(Object.getPrototypeOf(dest), Object.prototype);
  assert.deepStrictEqual(Object.keys(dest), ["__proto__", "constructor", "toString"]);
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(dest, "__proto__")?.value, { x: i64(1) });
  assert.equal(dest.constructor, "c");
  assert.deepStrictEqual(dest.toString, ["t"]);
  // An inherited name is not an existing value: no type assertion failure.
  const d2: Record<string, unknown> = {};
  parseSet("hasOwnProperty.a=1", d2);
  assert.deepStrictEqual(d2.hasOwnProperty, { a: i64(1) });
});

Deno.test("--set: keys in error messages are quoted like Go's %q", () => {
  assert.throws(() => parseSet("a\u0001b", {}), { message: 'key "a\\x01b" has no value' });
  assert.throws(() => parseSet('q"\u00e9', {}), { message: 'key "q\\"\u00e9" has no value' });
  assert.throws(() => parseSet("a\u200bb,", {}), {
    message: 'key "a\\u200bb" has no value (cannot end with ,)',
  });
  assert.throws(() => parseSet("a[0]\u0007=1", {}), {
    message: "unexpected data at end of array index: ['\\a']",
  });
});

Deno.test("--set: an existing list that grows is replaced, not extended in place", () => {
  const shared = [1];
  const dest: Record<string, unknown> = { a: shared };
  parseSet("a[2]=x", dest);
  assert.deepStrictEqual(shared, [1]);
  assert.deepStrictEqual(dest.a, [1, null, "x"]);
  // Within bounds the list is written in place, as Go writes the slice.
  parseSet("a[0]=y", dest);
  assert.deepStrictEqual(dest.a, ["y", null, "x"]);
});

Deno.test("--set: typed values are Go int64, not JS numbers", () => {
  const dest: Record<string, unknown> = {};
  parseSet("n=42,big=9223372036854775807", dest);
  assert.ok(dest.n instanceof GoInt && dest.n.kind === "int64");
  assert.equal((dest.big as GoInt).value, 9223372036854775807n);
});

Deno.test("--set-file: a reader that returns a promise must use the async variant", () => {
  assert.throws(() => parseSetFile("a=f", {}, () => Promise.resolve("x")), TypeError);
});
