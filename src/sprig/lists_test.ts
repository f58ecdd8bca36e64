import assert from "node:assert/strict";
import { listFuncs } from "./lists.ts";
import { c, I, I64, NIL, runCases, T } from "./test_cases.ts";

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts).
// deno-fmt-ignore
export const CASES = [
  // list/tuple always give a fresh []interface{}, never nil
  c("list").is([]),
  c("list", 1, "a", null, I(2)).is([1, "a", null, I(2)]),
  c("tuple", true).is([true]),
  // append/push, prepend
  c("append", [1, 2], 3).is([1, 2, 3]),
  c("push", T("[]string", ["a"]), "b").is(["a", "b"]),
  c("append", [], null).is([null]),
  c("append", "abc", 1).fails("Cannot push on type string"),
  c("append", { a: 1 }, 1).fails("Cannot push on type map"),
  c("append", null, 1).fails("runtime error: invalid memory address or nil pointer dereference"),
  c("mustAppend", 1.5, 1).fails("Cannot push on type float64"),
  c("mustPush", [1], [2]).is([1, [2]]),
  c("prepend", [2, 3], 1).is([1, 2, 3]),
  c("prepend", T("[]int", [I(1)]), I(0)).is([I(0), I(1)]),
  c("mustPrepend", true, 1).fails("Cannot prepend on type bool"),
  c("prepend", new Uint8Array([104]), 1).is([1, I(104, "uint8")]),
  // first, last, rest, initial
  c("first", [1, 2, 3]).is(1),
  c("first", []).is(null),
  c("first", T("[]string", ["x", "y"])).is("x"),
  c("first", { a: 1 }).fails("Cannot find first on type map"),
  c("first", "abc").fails("Cannot find first on type string"),
  c("first", null).fails("runtime error: invalid memory address or nil pointer dereference"),
  c("first", I(3)).fails("Cannot find first on type int"),
  c("mustFirst", { a: 1 }).fails("Cannot find first on type map"),
  c("first", new Uint8Array([104, 105])).is(I(104, "uint8")),
  c("last", [1, 2, 3]).is(3),
  c("last", []).is(null),
  c("mustLast", 1e3).fails("Cannot find last on type float64"),
  c("rest", [1, 2, 3]).is([2, 3]),
  c("rest", [1]).is([]),
  c("rest", []).is(NIL()),
  c("rest", T("[]string", ["a", "b"])).is(["b"]),
  c("mustRest", "x").fails("Cannot find rest on type string"),
  c("initial", [1, 2, 3]).is([1, 2]),
  c("initial", []).is(NIL()),
  c("mustInitial", false).fails("Cannot find initial on type bool"),
  // reverse
  c("reverse", [1, "b", null]).is([null, "b", 1]),
  c("reverse", []).is([]),
  c("reverse", T("[]string", ["a", "b"])).is(["b", "a"]),
  c("mustReverse", {}).fails("Cannot find reverse on type map"),
  // uniq / without / has use DeepEqual: float64 1 is not int 1
  c("uniq", [1, 1, "1", I(1), I(1), I64(1), null, null, [1], [1], { a: 1 }, { a: 1 }]).is([1, "1", I(1), I64(1), null, [1], { "a": 1 }]),
  c("uniq", []).is([]),
  c("uniq", T("[]string", ["b", "a", "b"])).is(["b", "a"]),
  c("uniq", [NaN, NaN]).is([NaN, NaN]),
  c("mustUniq", "s").fails("Cannot find uniq on type string"),
  c("without", [1, 2, 3, 2], 2).is([1, 3]),
  c("without", [1, 2, 3], I(2)).is([1, 2, 3]),
  c("without", ["a", "b", null], null, "a").is(["b"]),
  c("without", [1, 2]).is([1, 2]),
  c("mustWithout", { a: 1 }, 1).fails("Cannot find without on type map"),
  c("has", 1, [1, 2]).is(true),
  c("has", I(1), [1, 2]).is(false),
  c("has", "1", [1, 2]).is(false),
  c("has", 1, null).is(false),
  c("has", null, [null]).is(true),
  c("has", [1], [[1], 2]).is(true),
  c("has", { a: "b" }, [{ a: "b" }]).is(true),
  c("has", "a", "abc").fails("Cannot find has on type string"),
  c("mustHas", "a", { a: 1 }).fails("Cannot find has on type map"),
  c("has", "b", T("[]string", ["a", "b"])).is(true),
  c("has", NaN, [NaN]).is(false),
  // slice keeps the input's slice type; indices go through cast.ToInt
  c("slice", [1, 2, 3, 4]).is([1, 2, 3, 4]),
  c("slice", [1, 2, 3, 4], I(1)).is([2, 3, 4]),
  c("slice", [1, 2, 3, 4], I(1), I(3)).is([2, 3]),
  c("slice", [1, 2, 3, 4], "1", 2.9).is([2]),
  c("slice", [1, 2, 3, 4], I(3), I(1)).fails("reflect.Value.Slice: slice index out of bounds"),
  c("slice", [1, 2, 3, 4], I(0), I(5)).fails("reflect.Value.Slice: slice index out of bounds"),
  c("slice", [1, 2, 3, 4], I(-1)).fails("reflect.Value.Slice: slice index out of bounds"),
  c("slice", []).is(null),
  c("slice", [], I(1), I(2)).is(null),
  c("slice", T("[]string", ["a", "b", "c"]), I(1)).is(T("[]string", ["b", "c"])),
  c("slice", "abc", I(1)).fails("list should be type of slice or array but string"),
  c("mustSlice", { a: 1 }).fails("list should be type of slice or array but map"),
  c("slice", null).fails("runtime error: invalid memory address or nil pointer dereference"),
  c("slice", new Uint8Array([1, 2, 3]), I(1)).is(new Uint8Array([2, 3])),
  // concat
  c("concat", [1], T("[]string", ["a"]), []).is([1, "a"]),
  c("concat").is(NIL()),
  c("concat", [], []).is(NIL()),
  c("concat", [1], "x").fails("Cannot concat type string as list"),
  c("concat", [1], null).fails("runtime error: invalid memory address or nil pointer dereference"),
  c("concat", [[1]], [[2]]).is([[1], [2]]),
  // chunk: float arithmetic, odd sizes fail like Go
  c("chunk", I(2), [1, 2, 3, 4, 5]).is(T("[][]interface {}", [[1, 2], [3, 4], [5]])),
  c("chunk", I(2), [1, 2, 3, 4]).is(T("[][]interface {}", [[1, 2], [3, 4]])),
  c("chunk", I(5), [1, 2]).is(T("[][]interface {}", [[1, 2]])),
  c("chunk", I(3), []).is(T("[][]interface {}", [])),
  c("chunk", I(1), T("[]string", ["a", "b"])).is(T("[][]interface {}", [["a"], ["b"]])),
  c("chunk", I(0), [1, 2]).fails("runtime error: makeslice: len out of range"),
  c("chunk", I(-1), [1, 2, 3]).fails("runtime error: makeslice: len out of range"),
  c("chunk", I(-2), [1]).is(T("[][]interface {}", [[1]])),
  c("chunk", I(-1), [1]).fails("runtime error: makeslice: len out of range"),
  c("chunk", I(2), "ab").fails("Cannot chunk type string"),
  c("mustChunk", I(2), { a: 1 }).fails("Cannot chunk type map"),
  // compact drops empties (0, "", false, nil, empty collections)
  c("compact", [0, 1, "", "a", false, true, null, [], [0], {}, { a: 1 }, I(0), I(2)]).is([1, "a", true, [0], { "a": 1 }, I(2)]),
  c("compact", []).is([]),
  c("compact", T("[]string", ["", "x"])).is(["x"]),
  c("mustCompact", "x").fails("Cannot compact on type string"),
  // sortAlpha: toString, byte order, non-lists wrap
  c("sortAlpha", ["b", "a", "B", "10", "9", I(3), 2.5, null, "é", "z"]).is(T("[]string", ["10", "2.5", "3", "9", "B", "a", "b", "z", "é"])),
  c("sortAlpha", T("[]string", ["beta", "alpha"])).is(T("[]string", ["alpha", "beta"])),
  c("sortAlpha", "single").is(T("[]string", ["single"])),
  c("sortAlpha", null).is(T("[]string", ["<nil>"])),
  c("sortAlpha", 1e6).is(T("[]string", ["1e+06"])),
  c("sortAlpha", { b: 1, a: 2 }).is(T("[]string", ["map[a:2 b:1]"])),
  c("sortAlpha", []).is(T("[]string", [])),
  c("sortAlpha", ["\u{1F600}", "\uffff", "a"]).is(T("[]string", ["a", "\uffff", "😀"])),
];

runCases("lists", listFuncs, CASES);

Deno.test("lists: sortAlpha sorts a []string in place, as Go does", () => {
  const l = Object.assign(["b", "a"], {});
  const tagged = T("[]string", l);
  (listFuncs.sortAlpha.fn as (v: unknown) => unknown)(tagged);
  assert.deepEqual([...tagged], ["a", "b"]);
});

Deno.test("lists: append copies, never aliases the input", () => {
  const input = [1, 2];
  const out = (listFuncs.append.fn as (l: unknown, v: unknown) => unknown[])(input, 3);
  out[0] = 9;
  assert.deepEqual(input, [1, 2]);
});
