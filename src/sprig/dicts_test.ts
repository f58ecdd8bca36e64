import assert from "node:assert/strict";
import { dictFuncs } from "./dicts.ts";
import { c, I, NIL, runCases, T } from "./test_cases.ts";

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts).
// deno-fmt-ignore
export const CASES = [
  // dict: keys through toString, odd count pads with ""
  c("dict").is({}),
  c("dict", "a", 1, "b", "two").is({ "a": 1, "b": "two" }),
  c("dict", "a").is({ "a": "" }),
  c("dict", "a", 1, "b").is({ "a": 1, "b": "" }),
  c("dict", 1, "x", 2.5, "y", true, "z", null, "n", I(7), "i").is({ "1": "x", "2.5": "y", "7": "i", "<nil>": "n", "true": "z" }),
  c("dict", "k", 1, "k", 2).is({ "k": 2 }),
  c("dict", ["a"], 1, { b: 1 }, 2).is({ "[a]": 1, "map[b:1]": 2 }),
  c("dict", "__proto__", 1, "toString", 2).is({ ["__proto__"]: 1, "toString": 2 }),
  // get / hasKey never look at the prototype chain
  c("get", { a: 1 }, "a").is(1),
  c("get", { a: 1 }, "b").is(""),
  c("get", { a: null }, "a").is(null),
  c("get", {}, "toString").is(""),
  c("get", null, "a").is(""),
  c("hasKey", { a: null }, "a").is(true),
  c("hasKey", { a: 1 }, "b").is(false),
  c("hasKey", {}, "constructor").is(false),
  c("hasKey", null, "a").is(false),
  // set / unset return the mutated map
  c("set", { a: 1 }, "b", 2).is({ "a": 1, "b": 2 }),
  c("set", { a: 1 }, "a", null).is({ "a": null }),
  c("set", null, "a", 1).fails("assignment to entry in nil map"),
  c("unset", { a: 1, b: 2 }, "a").is({ "b": 2 }),
  c("unset", { a: 1 }, "zz").is({ "a": 1 }),
  c("unset", null, "a").is({}),
  // pluck, pick, omit
  c("pluck", "name", { name: "a" }, { other: 1 }, { name: "b" }, { name: null }).is(["a", "b", null]),
  c("pluck", "x").is([]),
  c("pick", { a: 1, b: 2, c: 3 }, "a", "c", "zz").is({ "a": 1, "c": 3 }),
  c("pick", { a: 1 }).is({}),
  c("pick", null, "a").is({}),
  c("omit", { a: 1, b: 2, c: 3 }, "b", "zz").is({ "a": 1, "c": 3 }),
  c("omit", { a: 1 }).is({ "a": 1 }),
  c("omit", null, "a").is({}),
  // keys and values: each map's keys sorted (Go's order is random)
  c("keys", { b: 1, a: 2, c: 3 }).is(T("[]string", ["a", "b", "c"])).unordered(),
  c("keys").is(T("[]string", [])),
  c("keys", { b: 1 }, { a: 1, b: 2 }).is(T("[]string", ["a", "b", "b"])).unordered(),
  c("values", { b: 1, a: "x", c: null }).is(["x", 1, null]).unordered(),
  c("keys", {}).is(T("[]string", [])),
  c("values", { a: "x" }).is(["x"]),
  c("values", {}).is([]),
  // merge: dst's empty values are filled, non-empty ones kept; slices are not merged
  c("merge", { a: 1, b: "", c: false, d: null, e: 0, f: [], g: {} }, { a: 2, b: "x", c: true, d: "y", e: 5, f: [1], g: { h: 1 }, z: 9 }).is({ "a": 1, "b": "x", "c": true, "d": "y", "e": 5, "f": [1], "g": { "h": 1 }, "z": 9 }),
  c("merge", { l: [1, 2] }, { l: [3] }).is({ "l": [1, 2] }),
  c("merge", { n: { a: 1, b: { c: 1 } } }, { n: { a: 2, x: 3, b: { d: 4 } } }).is({ "n": { "a": 1, "b": { "c": 1, "d": 4 }, "x": 3 } }),
  c("merge", { n: "str" }, { n: { a: 1 } }).is({ "n": "str" }),
  c("merge", { n: { a: 1 } }, { n: "str" }).is({ "n": { "a": 1 } }),
  c("merge", { a: 1 }, { b: null }).is({ "a": 1 }),
  c("merge", { a: 1 }, { a: null }).is({ "a": 1 }),
  c("merge", {}, { a: 1 }, { a: 2, b: 2 }, { c: 3 }).is({ "a": 1, "b": 2, "c": 3 }),
  c("merge", { a: 1 }).is({ "a": 1 }),
  c("merge", null, { a: 1 }).is({ "a": 1 }),
  c("merge", { a: 1 }, null).is({ "a": 1 }),
  c("merge", { m: T("map[string]string", { a: "x" }) }, { m: { b: "y" } }).fails("reflect.Value.SetMapIndex: value of type interface {} is not assignable to type string"),
  c("merge", { m: { a: "x" } }, { m: T("map[string]string", { b: "y" }) }).is({ "m": { "a": "x", "b": "y" } }),
  c("mustMerge", { a: "" }, { a: "v" }).is({ "a": "v" }),
  // mergeOverwrite: src wins even when empty; nested maps still merge
  c("mergeOverwrite", { a: 1, b: "x", c: true }, { a: 0, b: "", c: false }).is({ "a": 0, "b": "", "c": false }),
  c("mergeOverwrite", { a: 1 }, { a: null }).is({ "a": null }),
  c("mergeOverwrite", { l: [1, 2] }, { l: [3] }).is({ "l": [3] }),
  c("mergeOverwrite", { l: [1, 2] }, { l: [] }).is({ "l": [] }),
  c("mergeOverwrite", { n: { a: 1, b: 2 } }, { n: { b: 3, c: 4 } }).is({ "n": { "a": 1, "b": 3, "c": 4 } }),
  c("mergeOverwrite", { n: { a: 1 } }, { n: "flat" }).is({ "n": "flat" }),
  c("mergeOverwrite", { n: "flat" }, { n: { a: 1 } }).is({ "n": { "a": 1 } }),
  c("mergeOverwrite", { a: 1 }, { b: 2 }, { a: 3 }).is({ "a": 3, "b": 2 }),
  c("mustMergeOverwrite", { x: { y: 1 } }, { x: {} }).is({ "x": { "y": 1 } }),
  // deepCopy keeps Go types
  c("deepCopy", { a: [1, { b: T("[]string", ["x"]) }], n: null }).is({ "a": [1, { "b": T("[]string", ["x"]) }], "n": null }),
  c("deepCopy", null).fails("reflect: call of reflect.Value.Type on zero Value"),
  c("deepCopy", "s").is("s"),
  c("deepCopy", NIL()).is(NIL()),
  c("mustDeepCopy", [I(1), 2.5]).is([I(1), 2.5]),
  // dig walks nested maps; a non-map step or .Values (a named type) panics
  c("dig", "a", "b", "def", { a: { b: 1 } }).is(1),
  c("dig", "a", "x", "def", { a: { b: 1 } }).is("def"),
  c("dig", "a", "def", { a: null }).is(null),
  c("dig", "a", "b", "def", { a: null }).fails("interface conversion: interface {} is nil, not map[string]interface {}"),
  c("dig", "a", "b", "def", { a: "str" }).fails("interface conversion: interface {} is string, not map[string]interface {}"),
  c("dig", "a", "def", T("chartutil.Values", { a: 1 })).fails("interface conversion: interface {} is chartutil.Values, not map[string]interface {}"),
  c("dig", "a", "def", null).fails("interface conversion: interface {} is nil, not map[string]interface {}"),
  c("dig", 1, "def", { a: 1 }).fails("interface conversion: interface {} is float64, not string"),
  c("dig", "a", { a: 1 }).fails("dig needs at least three arguments"),
  c("dig", "a", "b", "c", "def", { a: { b: { c: false } } }).is(false),
  c("dig", "a", "b", "def", { a: T("map[string]string", { b: "x" }) }).fails("interface conversion: interface {} is map[string]string, not map[string]interface {}"),
];

runCases("dicts", dictFuncs, CASES);

Deno.test("dicts: merge mutates and returns dst; replacements share src values", () => {
  const dst: Record<string, unknown> = { a: "" };
  const inner = { x: 1 };
  const out = (dictFuncs.merge.fn as (...a: unknown[]) => unknown)(dst, { a: inner });
  assert.equal(out, dst);
  assert.equal(dst.a, inner);
});

Deno.test("dicts: set mutates its argument", () => {
  const d: Record<string, unknown> = {};
  (dictFuncs.set.fn as (...a: unknown[]) => unknown)(d, "k", 1);
  assert.deepEqual(d, { k: 1 });
});

Deno.test("dicts: deepCopy does not alias", () => {
  const src = { a: [1, { b: 2 }] };
  const copy = (dictFuncs.deepCopy.fn as (v: unknown) => typeof src)(src);
  assert.deepEqual(copy, src);
  assert.notEqual(copy.a, src.a);
});
