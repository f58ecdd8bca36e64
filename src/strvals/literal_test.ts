import { parseSetLiteral } from "./mod.ts";
import { type Case, runCases } from "./test_helpers.ts";

// Expected values and errors below were checked against Helm v4.2.4's strvals.

const LITERAL: Case[] = [
  // the value is the rest of the input, always a string
  { s: "a=b", want: { a: "b" } },
  { s: "a=b,c=d", want: { a: "b,c=d" } },
  { s: "a=1", want: { a: "1" } },
  { s: "a=true", want: { a: "true" } },
  { s: "a=null", want: { a: "null" } },
  { s: "a=", want: { a: "" } },
  { s: "a= spaced value =", want: { a: " spaced value =" } },
  { s: "a={x,y}", want: { a: "{x,y}" } },
  { s: "a=b\\,c", want: { a: "b\\,c" } },
  { s: "a=😀", want: { a: "😀" } },
  // keys: dots and indexes as in --set, but no commas and no escapes
  { s: "a.b=c,d", want: { a: { b: "c,d" } } },
  { s: "a.b.c={x,y}", want: { a: { b: { c: "{x,y}" } } } },
  { s: "a,b=c", want: { "a,b": "c" } },
  { s: "a\\,b=c", want: { "a\\,b": "c" } },
  { s: "a\\.b=c", want: { "a\\": { b: "c" } } },
  { s: "a[0]=x,y", want: { a: ["x,y"] } },
  { s: "a[1].b=c", want: { a: [null, { b: "c" }] } },
  { s: "a[0][1]=z", want: { a: [[null, "z"]] } },
  { s: "a[0].b[1].c=d", want: { a: [{ b: [null, { c: "d" }] }] } },
  { s: "=x", want: {} },
  { s: "[0]=x", want: {} },
  // input that ends early
  { s: "a[", want: {} },
  { s: "a[0]", want: { a: [] } },
  { s: "a.", want: {} },
  // errors
  { s: "a", want: {}, err: 'key "a" has no value' },
  { s: "a.b", want: {}, err: 'key "b" has no value' },
  { s: "a..b=1", want: {}, err: 'key map "a" has no value' },
  { s: "a[0]x=1", want: { a: [] }, err: "unexpected data at end of array index: ['x']" },
  { s: "a[x]=1", want: {}, err: 'error parsing index: strconv.Atoi: parsing "x": invalid syntax' },
  { s: "a[-1]=1", want: { a: [] }, err: "negative -1 index not allowed" },
  {
    s: "a[65537]=1",
    want: { a: [] },
    err: "index of 65537 is greater than maximum supported index of 65536",
  },
];

Deno.test("--set-literal: one key, the rest of the input verbatim", () => {
  runCases(LITERAL, parseSetLiteral);
});
