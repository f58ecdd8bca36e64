import assert from "node:assert/strict";
import type { Chart } from "../chart/types.ts";
import { GoInt } from "../gotpl/value.ts";
import { coalesceTables, coalesceValues, mergeTables, mergeValues } from "./coalesce.ts";
import type { Values } from "./types.ts";

const i64 = (n: number) => GoInt.of(n, "int64");

function chart(name: string, values: Values = {}, dependencies: Chart[] = []): Chart {
  return {
    metadata: { apiVersion: "v2", name, version: "0.1.0" },
    templates: [],
    files: [],
    values,
    dependencies,
  };
}

interface CoalesceCase {
  name: string;
  /** coalesceValues (default), mergeValues, coalesceTables (vals into src) or mergeTables. */
  op?: "merge" | "ctables" | "mtables";
  chart?: Chart;
  vals?: Values;
  src?: Values;
  want?: Values;
  err?: string;
  /** Sorted: Helm walks Go maps, so its warning order is random. */
  warnings?: string[];
}

// Results, errors and warnings below were checked against Helm v4.2.4's
// chart/common/util (CoalesceValues, MergeValues, CoalesceTables, MergeTables).
const CASES: CoalesceCase[] = [
  // user values over chart defaults
  { name: "no user values", chart: chart("c", { a: 1, b: { c: "x" } }), want: { a: 1, b: { c: "x" } } },
  {
    name: "user value replaces a scalar",
    chart: chart("c", { a: 1, b: "x" }),
    vals: { a: i64(2) },
    want: { a: i64(2), b: "x" },
  },
  {
    name: "tables merge key by key",
    chart: chart("c", { img: { repo: "r", tag: "1", pull: "Always" } }),
    vals: { img: { tag: "2" } },
    want: { img: { pull: "Always", repo: "r", tag: "2" } },
  },
  {
    name: "nested tables merge deeply",
    chart: chart("c", { a: { b: { c: 1, d: 2 }, e: 3 } }),
    vals: { a: { b: { c: 9 } } },
    want: { a: { b: { c: 9, d: 2 }, e: 3 } },
  },
  {
    name: "lists replace, never merge",
    chart: chart("c", { l: [1, 2, 3] }),
    vals: { l: [i64(9)] },
    want: { l: [i64(9)] },
  },
  {
    name: "user keys the chart lacks are kept",
    chart: chart("c", { a: 1 }),
    vals: { z: "new", y: { x: 1 } },
    want: { a: 1, y: { x: 1 }, z: "new" },
  },
  {
    name: "empty user table keeps chart entries",
    chart: chart("c", { a: { b: 1 } }),
    vals: { a: {} },
    want: { a: { b: 1 } },
  },
  { name: "chart without values", chart: chart("c"), vals: { a: 1 }, want: { a: 1 } },
  {
    name: "falsy user values still win",
    chart: chart("c", { a: true, b: "x", n: 5 }),
    vals: { a: false, b: "", n: 0 },
    want: { a: false, b: "", n: 0 },
  },
  // null deletes
  {
    name: "user null deletes a chart default",
    chart: chart("c", { a: 1, b: 2 }),
    vals: { a: null },
    want: { b: 2 },
  },
  {
    name: "user null deletes a chart table",
    chart: chart("c", { a: { b: 1 } }),
    vals: { a: null },
    want: {},
  },
  {
    name: "nested user null deletes a nested default",
    chart: chart("c", { a: { b: 1, c: 2 } }),
    vals: { a: { b: null } },
    want: { a: { c: 2 } },
  },
  {
    name: "user null for a key the chart lacks stays at top level",
    chart: chart("c", { a: 1 }),
    vals: { z: null },
    want: { a: 1, z: null },
  },
  {
    name: "nested user null for a key the chart lacks stays",
    chart: chart("c", { a: { b: 1 } }),
    vals: { a: { z: null } },
    want: { a: { b: 1, z: null } },
  },
  {
    name: "nested user null over a chart null stays",
    chart: chart("c", { a: { b: null, c: 1 } }),
    vals: { a: { b: null } },
    want: { a: { b: null, c: 1 } },
  },
  {
    name: "chart null defaults are dropped",
    chart: chart("c", { a: null, b: { c: null, d: 1, e: { f: null } } }),
    want: { b: { d: 1, e: {} } },
  },
  {
    name: "chart nulls inside user-merged tables are dropped",
    chart: chart("c", { a: { n: null, d: 1, t: { n: null } } }),
    vals: { a: { x: 1 } },
    want: { a: { d: 1, t: {}, x: 1 } },
  },
  {
    name: "chart nulls inside lists stay",
    chart: chart("c", { l: [null, { a: null }] }),
    want: { l: [null, { a: null }] },
  },
  {
    name: "merge keeps the user null",
    op: "merge",
    chart: chart("c", { a: 1, b: { c: 1 } }),
    vals: { a: null, b: { c: null } },
    want: { a: null, b: { c: null } },
  },
  {
    name: "merge keeps chart nulls",
    op: "merge",
    chart: chart("c", { a: null, b: { c: null } }),
    want: { a: null, b: { c: null } },
  },
  // table and non-table
  {
    name: "user scalar over a chart table: user wins silently",
    chart: chart("c", { a: { b: 1 } }),
    vals: { a: "s" },
    want: { a: "s" },
  },
  {
    name: "user table over a chart scalar: warning, user table kept",
    chart: chart("c", { a: "s" }),
    vals: { a: { b: 1 } },
    want: { a: { b: 1 } },
    warnings: ["warning: skipped value for c.a: Not a table."],
  },
  {
    name: "user table over a chart null: no warning",
    chart: chart("c", { a: null }),
    vals: { a: { b: 1 } },
    want: { a: { b: 1 } },
  },
  {
    name: "user table over a chart list: warning",
    chart: chart("c", { a: [1, 2] }),
    vals: { a: { b: 1 } },
    want: { a: { b: 1 } },
    warnings: ["warning: skipped value for c.a: Not a table."],
  },
  {
    name: "nested: user scalar over a chart table",
    chart: chart("c", { a: { b: { c: 1 } } }),
    vals: { a: { b: i64(5) } },
    want: { a: { b: i64(5) } },
    warnings: ["warning: cannot overwrite table with non table for c.a.b (map[c:1])"],
  },
  {
    name: "nested: user table over a chart scalar",
    chart: chart("c", { a: { b: 1.5 } }),
    vals: { a: { b: { c: i64(1) } } },
    want: { a: { b: { c: i64(1) } } },
    warnings: ["warning: destination for c.a.b is a table. Ignoring non-table value (1.5)"],
  },
  {
    name: "nested: user list over a chart table",
    chart: chart("c", { a: { b: { c: 1 } } }),
    vals: { a: { b: [i64(1), "x"] } },
    want: { a: { b: [i64(1), "x"] } },
    warnings: ["warning: cannot overwrite table with non table for c.a.b (map[c:1])"],
  },
  {
    name: "nested: user table over a chart map-valued list",
    chart: chart("c", { a: { b: [{ x: 1 }] } }),
    vals: { a: { b: { c: true } } },
    want: { a: { b: { c: true } } },
    warnings: ["warning: destination for c.a.b is a table. Ignoring non-table value ([map[x:1]])"],
  },
  {
    name: "nested: warnings print Go values",
    chart: chart("c", { a: { big: 1000000, f: 0.5, m: { y: 2, x: [1, "s"] } } }),
    vals: { a: { big: { x: 1 }, f: { x: 1 }, m: "s" } },
    want: { a: { big: { x: 1 }, f: { x: 1 }, m: "s" } },
    warnings: [
      "warning: cannot overwrite table with non table for c.a.m (map[x:[1 s] y:2])",
      "warning: destination for c.a.big is a table. Ignoring non-table value (1e+06)",
      "warning: destination for c.a.f is a table. Ignoring non-table value (0.5)",
    ],
  },
  // subcharts
  {
    name: "subchart defaults appear under its name",
    chart: chart("p", { a: 1 }, [chart("s", { x: 1, y: { z: 2 } })]),
    want: { a: 1, s: { global: {}, x: 1, y: { z: 2 } } },
  },
  {
    name: "parent values for a subchart win",
    chart: chart("p", { s: { x: 10 } }, [chart("s", { x: 1, y: 2 })]),
    want: { s: { global: {}, x: 10, y: 2 } },
  },
  {
    name: "user values for a subchart win over both",
    chart: chart("p", { s: { x: 10, w: 5 } }, [chart("s", { x: 1, y: 2 })]),
    vals: { s: { x: i64(100) } },
    want: { s: { global: {}, w: 5, x: i64(100), y: 2 } },
  },
  {
    name: "user null deletes a subchart default",
    chart: chart("p", {}, [chart("s", { x: 1, y: 2 })]),
    vals: { s: { x: null } },
    want: { s: { global: {}, y: 2 } },
  },
  {
    name: "a parent null for a subchart default is dropped, the default stays",
    chart: chart("p", { s: { x: null } }, [chart("s", { x: 1, y: 2 })]),
    want: { s: { global: {}, x: 1, y: 2 } },
  },
  {
    name: "user null for the subchart key: subchart still coalesced",
    chart: chart("p", { s: { a: 1 } }, [chart("s", { x: 1 })]),
    vals: { s: null },
    want: { s: { global: {}, x: 1 } },
  },
  {
    name: "two subcharts",
    chart: chart("p", {}, [chart("a", { v: "a" }), chart("b", { v: "b" })]),
    want: { a: { global: {}, v: "a" }, b: { global: {}, v: "b" } },
  },
  {
    name: "grandchildren",
    chart: chart("p", { s: { g: { v: "from p" } } }, [
      chart("s", { g: { w: "from s" } }, [chart("g", { v: "g", w: "g", u: "g" })]),
    ]),
    want: { s: { g: { global: {}, u: "g", v: "from p", w: "from s" }, global: {} } },
  },
  {
    name: "user values reach grandchildren",
    chart: chart("p", {}, [chart("s", {}, [chart("g", { v: 1 })])]),
    vals: { s: { g: { v: i64(2) } } },
    want: { s: { g: { global: {}, v: i64(2) }, global: {} } },
  },
  {
    name: "subchart values that are not a table fail",
    chart: chart("p", {}, [chart("s", { x: 1 })]),
    vals: { s: "oops" },
    err: "type mismatch on s: %!t(string=oops)",
  },
  {
    name: "subchart values that are a list fail",
    chart: chart("p", {}, [chart("s", { x: 1 })]),
    vals: { s: [i64(1)] },
    err: "type mismatch on s: [%!t(int64=1)]",
  },
  {
    name: "subchart values that are true fail",
    chart: chart("p", {}, [chart("s", { x: 1 })]),
    vals: { s: true },
    err: "type mismatch on s: true",
  },
  {
    name: "chart default for a subchart that is not a table fails",
    chart: chart("p", { s: 3 }, [chart("s", { x: 1 })]),
    err: "type mismatch on s: %!t(float64=3)",
  },
  {
    name: "parent nulls for a subchart are dropped before they reach it",
    chart: chart("p", { s: { x: null, k: { n: null } } }, [chart("s", { x: 1, k: { n: 1, m: 2 } })]),
    want: { s: { global: {}, k: { m: 2, n: 1 }, x: 1 } },
  },
  {
    name: "merge keeps nulls down the tree",
    op: "merge",
    chart: chart("p", { s: { x: null } }, [chart("s", { x: 1, y: null })]),
    vals: { s: { y: null } },
    want: { s: { global: {}, x: null, y: null } },
  },
  // globals
  {
    name: "parent globals reach the subchart",
    chart: chart("p", { global: { r: "reg" } }, [chart("s", { a: 1 })]),
    want: { global: { r: "reg" }, s: { a: 1, global: { r: "reg" } } },
  },
  {
    name: "parent globals win over subchart globals",
    chart: chart("p", { global: { r: "p", t: { a: 1 } } }, [
      chart("s", { global: { r: "s", o: "s", t: { a: 2, b: 2 } } }),
    ]),
    want: { global: { r: "p", t: { a: 1 } }, s: { global: { o: "s", r: "p", t: { a: 1, b: 2 } } } },
  },
  {
    name: "user globals win and reach every level",
    chart: chart("p", { global: { r: "p" } }, [chart("s", {}, [chart("g", { global: { r: "g" } })])]),
    vals: { global: { r: "user" } },
    want: { global: { r: "user" }, s: { g: { global: { r: "user" } }, global: { r: "user" } } },
  },
  {
    name: "globals set under a subchart stay in that subchart",
    chart: chart("p", {}, [chart("a", {}), chart("b", {})]),
    vals: { a: { global: { only: "a" } } },
    want: { a: { global: { only: "a" } }, b: { global: {} } },
  },
  {
    name: "user null global deletes the default",
    chart: chart("p", { global: { r: "p", k: 1 } }, [chart("s", {})]),
    vals: { global: { r: null } },
    want: { global: { k: 1 }, s: { global: { k: 1 } } },
  },
  {
    name: "parent global null removes a subchart global",
    chart: chart("p", { global: { r: null } }, [chart("s", { global: { r: "s" } })]),
    want: { global: {}, s: { global: { r: "s" } } },
  },
  {
    name: "global table over a subchart global scalar: conflict",
    chart: chart("p", { global: { t: { a: 1 } } }, [chart("s", {})]),
    vals: { s: { global: { t: "scalar" } } },
    want: { global: { t: { a: 1 } }, s: { global: { t: "scalar" } } },
    warnings: ['Conflict: cannot merge map onto non-map for "t". Skipping.'],
  },
  {
    name: "global scalar over a subchart global table: skipped",
    chart: chart("p", { global: { t: "scalar" } }, [chart("s", {})]),
    vals: { s: { global: { t: { a: 1 } } } },
    want: { global: { t: "scalar" }, s: { global: { t: { a: 1 } } } },
    warnings: ["key t is table. Skipping"],
  },
  {
    name: "global that is not a table in the parent",
    chart: chart("p", {}, [chart("s", { global: { a: 1 } })]),
    vals: { global: "x" },
    want: { global: "x", s: { global: { a: 1 } } },
    warnings: ["warning: skipping globals because source global is not a table."],
  },
  {
    name: "global that is not a table in the subchart values",
    chart: chart("p", { global: { a: 1 } }, [chart("s", {})]),
    vals: { s: { global: i64(3) } },
    want: { global: { a: 1 }, s: { global: i64(3) } },
    warnings: ["warning: skipping globals because destination global is not a table."],
  },
  {
    name: "user null global",
    chart: chart("p", { global: { a: 1 } }, [chart("s", { global: { b: 2 } })]),
    vals: { global: null },
    want: { s: { global: { b: 2 } } },
  },
  {
    name: "nested global tables leak between siblings as in Helm",
    chart: chart("p", { global: { t: { p: 1 } } }, [chart("a", {}), chart("b", {})]),
    vals: { a: { global: { t: { a: 1 } } } },
    want: { a: { global: { t: { a: 1, p: 1 } } }, b: { global: { t: { p: 1 } } }, global: { t: { p: 1 } } },
  },
  {
    name: "global deep merge",
    chart: chart("p", { global: { t: { x: { y: 1 } } } }, [
      chart("s", { global: { t: { x: { z: 2 }, w: 3 } } }),
    ]),
    want: { global: { t: { x: { y: 1, z: 2 } } }, s: { global: { t: { w: 3, x: { y: 1, z: 2 } } } } },
  },
  {
    name: "merge: globals keep nulls",
    op: "merge",
    chart: chart("p", { global: { r: null, k: 1 } }, [chart("s", { global: { r: "s" } })]),
    want: { global: { k: 1, r: null }, s: { global: { k: 1, r: null } } },
  },
  {
    name: "no global anywhere still creates empty globals",
    chart: chart("p", {}, [chart("s", {}, [chart("g", {})])]),
    want: { s: { g: { global: {} }, global: {} } },
  },
  // coalesceTables and mergeTables
  {
    name: "dst wins, tables merge",
    op: "ctables",
    vals: { a: 1, t: { x: 1 } },
    src: { a: 2, b: 2, t: { x: 2, y: 2 } },
    want: { a: 1, b: 2, t: { x: 1, y: 2 } },
  },
  {
    name: "dst null deletes a src value",
    op: "ctables",
    vals: { a: null, t: { x: null } },
    src: { a: 2, t: { x: 1, y: 1 } },
    want: { t: { y: 1 } },
  },
  {
    name: "dst null over nothing stays",
    op: "ctables",
    vals: { a: null },
    src: { b: 1 },
    want: { a: null, b: 1 },
  },
  {
    name: "dst null over a src null stays",
    op: "ctables",
    vals: { a: null },
    src: { a: null },
    want: { a: null },
  },
  {
    name: "src null does not override",
    op: "ctables",
    vals: { a: 1 },
    src: { a: null, b: null },
    want: { a: 1, b: null },
  },
  {
    name: "mismatches warn",
    op: "ctables",
    vals: { a: "s", t: { x: 1 } },
    src: { a: { b: 1 }, t: 5 },
    want: { a: "s", t: { x: 1 } },
    warnings: [
      "warning: cannot overwrite table with non table for a (map[b:1])",
      "warning: destination for t is a table. Ignoring non-table value (5)",
    ],
  },
  { name: "missing src returns dst", op: "ctables", vals: { a: 1 }, want: { a: 1 } },
  {
    name: "merge keeps dst nulls",
    op: "mtables",
    vals: { a: null, t: { x: null } },
    src: { a: 2, t: { x: 1, y: 1 } },
    want: { a: null, t: { x: null, y: 1 } },
  },
];

function run(c: CoalesceCase): { result?: Values | null; err?: string; warnings: string[] } {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  try {
    let result: Values | null | undefined;
    switch (c.op) {
      case undefined:
        result = coalesceValues(c.chart!, c.vals, warn);
        break;
      case "merge":
        result = mergeValues(c.chart!, c.vals, warn);
        break;
      case "ctables":
        result = coalesceTables(c.vals, c.src, warn);
        break;
      case "mtables":
        result = mergeTables(c.vals, c.src, warn);
        break;
    }
    return { result, warnings: warnings.sort() };
  } catch (e) {
    return { err: (e as Error).message, warnings: warnings.sort() };
  }
}

for (const c of CASES) {
  Deno.test(`coalesce: ${c.name}`, () => {
    const got = run(c);
    assert.equal(got.err, c.err);
    if (c.err === undefined) assert.deepStrictEqual(got.result, c.want);
    assert.deepStrictEqual(got.warnings, c.warnings ?? []);
  });
}

Deno.test("coalesce: neither the user's values nor any chart's values are changed", () => {
  const snapshot = (v: unknown) => JSON.stringify(v);
  const sub = chart("s", { x: 1, t: { n: null, k: 1 }, global: { g: { s: 1 } } });
  const parent = chart("p", { s: { t: { k: 2 } }, global: { g: { p: 1 } }, a: { n: null } }, [sub]);
  const vals: Values = { s: { t: { z: null } }, a: { b: 1 }, global: { g: { u: 1 } } };
  const before = [snapshot(parent.values), snapshot(sub.values), snapshot(vals)];
  const out = coalesceValues(parent, vals);
  assert.deepStrictEqual([snapshot(parent.values), snapshot(sub.values), snapshot(vals)], before);
  // The result shares no tables with the inputs.
  (out.a as Values).b = 2;
  assert.deepStrictEqual(vals.a, { b: 1 });
});

Deno.test("coalesce: missing user values are an empty table", () => {
  assert.deepStrictEqual(coalesceValues(chart("c", { a: 1 })), { a: 1 });
  assert.deepStrictEqual(coalesceValues(chart("c", { a: 1 }), null), { a: 1 });
  assert.deepStrictEqual(mergeValues(chart("c", { a: null }), undefined), { a: null });
});

Deno.test("coalesce: the tables API returns the other side when one is missing", () => {
  const t = { a: 1 };
  assert.equal(coalesceTables(null, t), t);
  assert.equal(coalesceTables(t, undefined), t);
  assert.equal(mergeTables(undefined, t), t);
});

Deno.test("coalesce: keys are own properties, __proto__ and subchart names included", () => {
  const vals: Values = {};
  Object.defineProperty(vals, "__proto__", {
    value: { x: 1 },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  const out = coalesceValues(chart("c", { constructor: "c" }, [chart("toString", { y: 2 })]), vals);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepStrictEqual(Object.keys(out).sort(), ["__proto__", "constructor", "toString"]);
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, { x: 1 });
  assert.deepStrictEqual(out.toString, { global: {}, y: 2 });
});

Deno.test("coalesce: --set integers stay Go int64 and YAML numbers stay float64", () => {
  const out = coalesceValues(chart("c", { n: 1, m: 2 }), { n: i64(5) });
  assert.deepStrictEqual(out, { n: i64(5), m: 2 });
  assert.ok(out.n instanceof GoInt);
});
