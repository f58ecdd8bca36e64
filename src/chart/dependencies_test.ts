/**
 * Dependency processing; expected values are helm 4.2.4's
 * (`chartutil.ProcessDependencies` on the same charts).
 */
import assert from "node:assert/strict";
import { collectLog } from "../log/slog.ts";
import type { Chart, Dependency } from "./types.ts";
import { chartFullPath, checkDependencies, isCompatibleRange, processDependencies } from "./dependencies.ts";

function mk(
  name: string,
  values: Record<string, unknown> = {},
  reqs?: Dependency[],
  subs: Chart[] = [],
  version = "1.0.0",
): Chart {
  return {
    metadata: { apiVersion: "v2", name, version, ...(reqs ? { dependencies: reqs } : {}) },
    templates: [],
    values,
    files: [],
    dependencies: subs,
  };
}

function tree(c: Chart): unknown {
  return { [c.metadata.name]: c.dependencies.map(tree) };
}

Deno.test("aliases copy the subchart; unlisted subcharts stay; unmatched versions are not used", () => {
  const top = mk("top", {}, [
    { name: "sub", version: "^1", alias: "one" },
    { name: "sub", version: "1.0.0", alias: "two" },
    { name: "sub", version: "2.x", alias: "three" },
    { name: "other", version: "" },
  ], [mk("sub", { a: 1 }), mk("extra"), mk("other")]);
  const sub = top.dependencies[0];
  processDependencies(top, {});
  // "other" asks for no version: no entry matches it, so it stays as an unlisted subchart.
  assert.deepEqual(tree(top), { top: [{ extra: [] }, { other: [] }, { one: [] }, { two: [] }] });
  assert.equal(sub.metadata.name, "sub");
  assert.deepEqual(top.metadata.dependencies!.map((d) => [d.name, d.alias, d.enabled]), [
    ["one", "one", true],
    ["two", "two", true],
    ["three", "three", true],
    ["other", undefined, true],
  ]);
  assert.deepEqual(top.values, {
    extra: { global: {} },
    one: { a: 1, global: {} },
    other: { global: {} },
    two: { a: 1, global: {} },
  });
});

Deno.test("tags disable only when one is false and none true; conditions override; the first bool wins", () => {
  const lines: string[] = [];
  const top = mk("top", {
    tags: { off: false, on: true, str: "yes" },
    a: { enabled: "no" },
    c: { enabled: true },
    d: { x: { y: false } },
  }, [
    { name: "a", version: "*", tags: ["off"], condition: "a.enabled,missing.path" },
    { name: "b", version: "*", tags: ["off", "on"] },
    { name: "c", version: "*", tags: ["off"], condition: "c.enabled" },
    { name: "d", version: "*", tags: ["str"], condition: " nothing , d.x.y,c.enabled " },
    { name: "e", version: "*", tags: ["unknown"] },
  ], ["a", "b", "c", "d", "e"].map((n) => mk(n)));
  processDependencies(top, {}, { log: collectLog(lines) });
  // d: condition paths are not trimmed one by one (" d.x.y" is no path), so c.enabled decides.
  assert.deepEqual(tree(top), { top: [{ b: [] }, { c: [] }, { d: [] }, { e: [] }] });
  assert.deepEqual(top.metadata.dependencies!.map((d) => d.name), ["b", "c", "d", "e"]);
  assert.deepEqual(lines, [
    'level=WARN msg="returned non-bool value" tag=str chart=d\n',
    'level=WARN msg="returned non-bool value" path=a.enabled chart=a\n',
  ]);
});

Deno.test("user values decide; nested conditions are looked up under the parent's path", () => {
  const leaf = mk("leaf", { v: 1 });
  const mid = mk("mid", { leaf: { enabled: true } }, [{
    name: "leaf",
    version: "*",
    condition: "leaf.enabled",
  }], [leaf]);
  const top = mk("top", {}, [{ name: "mid", version: "*", condition: "mid.enabled" }], [mid]);
  processDependencies(top, { mid: { leaf: { enabled: false } } });
  assert.deepEqual(tree(top), { top: [{ mid: [] }] });
  // All of mid's dependencies are gone: its metadata has none and its values are not merged.
  assert.equal(top.dependencies[0].metadata.dependencies, undefined);
  assert.deepEqual(top.dependencies[0].values, { leaf: { enabled: true } });

  const top2 = mk("top", {}, [{ name: "mid", version: "*", condition: "mid.enabled" }], [
    mk("mid", {}, [{ name: "leaf", version: "*" }], [mk("leaf")]),
  ]);
  processDependencies(top2, { mid: { enabled: false } });
  assert.deepEqual(tree(top2), { top: [] });
  assert.equal(top2.metadata.dependencies, undefined);
  assert.deepEqual(top2.values, {});
});

Deno.test("import-values: both forms, bottom-up, parent values win, entries rewritten", () => {
  const lines: string[] = [];
  const leaf = mk("leaf", { exports: { deep: { fromLeaf: 1 } }, data: { l: 1 } });
  const sub = mk(
    "sub",
    {
      exported: { keep: "child", extra: 1 },
      exports: { data: { imported: true, own: "child" } },
    },
    [{ name: "leaf", version: "*", "import-values": ["deep", { child: "data", parent: "leafData" }] }],
    [leaf],
  );
  const top = mk("top", { fromsub: { keep: "parent" }, own: "parent" }, [{
    name: "sub",
    version: "*",
    alias: "s",
    "import-values": [{ child: "exported", parent: "fromsub" }, "data", "missing", {
      child: "nope",
      parent: "x",
    }],
  }], [sub]);
  processDependencies(top, {}, { log: collectLog(lines) });
  const s = top.dependencies[0];
  assert.deepEqual(s.values, {
    exported: { keep: "child", extra: 1 },
    exports: { data: { imported: true, own: "child" } },
    fromLeaf: 1,
    leafData: { l: 1 },
    leaf: { exports: { deep: { fromLeaf: 1 } }, data: { l: 1 }, global: {} },
  });
  assert.deepEqual(top.values.fromsub, { keep: "parent", extra: 1 });
  assert.equal(top.values.own, "parent");
  assert.equal(top.values.imported, true);
  assert.deepEqual(top.metadata.dependencies![0]["import-values"], [
    { child: "exported", parent: "fromsub" },
    { child: "exports.data", parent: "." },
    { child: "exports.missing", parent: "." },
    { child: "nope", parent: "x" },
  ]);
  assert.deepEqual(lines, [
    'level=WARN msg="ImportValues missing table" error="\\"missing\\" is not a table"\n',
    'level=WARN msg="ImportValues missing table from chart" chart=s error="\\"nope\\" is not a table"\n',
  ]);
});

Deno.test("coalescing warnings are INFO lines; a non-table for a subchart is an error", () => {
  const lines: string[] = [];
  const top = mk("top", { s: { scalar: { x: 1 } } }, [{ name: "s", version: "*" }], [mk("s", { scalar: 5 })]);
  processDependencies(top, {}, { log: collectLog(lines) });
  assert.deepEqual(lines, [
    'level=INFO msg="warning: skipped value for top.s.scalar: Not a table."\n',
    'level=INFO msg="warning: skipped value for top.s.scalar: Not a table."\n',
  ]);
  const bad = mk("top", {}, [{ name: "s", version: "*" }], [mk("s")]);
  assert.throws(() => processDependencies(bad, { s: "x" }), { message: "type mismatch on s: %!t(string=x)" });
});

Deno.test("chartFullPath: subcharts shared by alias copies keep the parent that attached them last", () => {
  const tiny = mk("tiny");
  const leaf = mk("leaf", {}, [], [tiny]);
  const mid = mk("mid", {}, [], [leaf]);
  const top = mk("top", {}, [{ name: "mid", version: "*", alias: "m1" }, {
    name: "mid",
    version: "*",
    alias: "m2",
  }], [mid]);
  processDependencies(top, {});
  const [m1, m2] = top.dependencies;
  assert.equal(chartFullPath(m2), "top/charts/m2");
  assert.equal(chartFullPath(m2.dependencies[0]), "top/charts/m2/charts/leaf");
  assert.equal(m1.dependencies[0].dependencies[0], m2.dependencies[0].dependencies[0]);
  assert.equal(chartFullPath(m2.dependencies[0].dependencies[0]), "top/charts/m1/charts/leaf/charts/tiny");
});

Deno.test("checkDependencies and isCompatibleRange", () => {
  const c = mk("top", {}, [{ name: "a", version: "1" }, { name: "b", version: "1", alias: "x" }, {
    name: "c",
  }], [mk("b")]);
  assert.throws(() => checkDependencies(c), {
    message: "found in Chart.yaml, but missing in charts/ directory: a, c",
  });
  assert.equal(isCompatibleRange("", "1.0.0"), false);
  assert.equal(isCompatibleRange("^1", "1.2.0"), true);
  assert.equal(isCompatibleRange("^1", "bad"), false);
});
