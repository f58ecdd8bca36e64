/**
 * Helm 4's processing of a chart's dependencies before it is rendered
 * (`ProcessDependencies`, pkg/chart/v2/util/dependencies.go, called by
 * `helm install`/`upgrade`/`template`/`lint`):
 *
 * 1. **enabled** ({@link processDependencyEnabled}): every `dependencies`
 *    entry of Chart.yaml is matched with a subchart of `charts/` by name
 *    and version constraint, and that subchart is replaced by a copy, named
 *    after the entry's `alias` when it has one (so one chart can be used
 *    several times); subcharts no entry matches stay as they are. Then tags
 *    (`tags.NAME` in the values: an entry is disabled when one of its tags is
 *    false and none is true) and conditions (comma-separated value paths,
 *    the first boolean found decides, over the tags) disable entries, and
 *    the disabled subcharts are dropped, recursively.
 * 2. **import-values** ({@link processDependencyImportValues}), subcharts
 *    first: `{child, parent}` pairs copy the child's table `child` to the
 *    parent's path `parent`, and a plain string `NAME` copies the child's
 *    `exports.NAME` table to the parent's top level; the parent's own values
 *    win. Each chart with dependencies gets its values merged with its
 *    subcharts' as a result.
 *
 * Charts are changed in place, as Helm does: `metadata.dependencies` loses
 * its disabled entries, `name` becomes the alias, `enabled` is set and
 * `import-values` is rewritten to `{child, parent}` maps; `dependencies`
 * and `values` are replaced. Values tables may end up shared between charts
 * exactly where Helm's end up shared.
 *
 * Helm's log lines are reported through a {@link LogFn}: its `slog.Warn`s at
 * WARN, and the coalescing warnings (Go's `log.Printf`) at INFO.
 *
 * @module
 */

import { parseVersion } from "../semver/version.ts";
import { parseConstraint } from "../semver/constraints.ts";
import { sprintf } from "../gotpl/fmt.ts";
import { goTypeTag, isPlainMap, withGoType } from "../gotpl/value.ts";
import { setOwn } from "../gojson/decode.ts";
import {
  coalesceTables,
  coalesceValues,
  deepCopy,
  mergeTables,
  mergeValues,
  type WarnFn,
} from "../values/coalesce.ts";
import type { Values } from "../values/types.ts";
import type { LogFn } from "../log/slog.ts";
import type { Chart, Dependency, Metadata } from "./types.ts";

/** Options of {@link processDependencies}. */
export interface DependencyOptions {
  /** Receives Helm's log records (WARN for dependency problems, INFO for coalescing warnings). */
  log?: LogFn;
}

const noLog: LogFn = () => {};

function warnFn(log: LogFn): WarnFn {
  return (message) => log("INFO", message);
}

/**
 * Helm's `IsCompatibleRange`: whether `version` satisfies `constraint`;
 * false when either does not parse (an empty constraint does not).
 */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    const v = parseVersion(version);
    return parseConstraint(constraint).check(v);
  } catch {
    return false;
  }
}

/**
 * Each chart's parent, as Helm's `parent` pointers: set when subcharts are
 * attached (`SetDependencies`/`AddDependency`), never cleared. Copies made
 * for aliases share their own subcharts with the original tree, so a chart
 * reachable from two places has the parent that attached it last, as in
 * Helm (which then names its templates after that parent).
 */
const parents = new WeakMap<Chart, Chart>();

function setDependencies(chart: Chart, deps: Chart[]): void {
  chart.dependencies = deps;
  for (const d of deps) parents.set(d, chart);
}

/** Registers the parents of a chart tree as Helm's loader does. */
function registerTree(chart: Chart): void {
  for (const d of chart.dependencies ?? []) {
    parents.set(d, chart);
    registerTree(d);
  }
}

/**
 * Helm's `ChartFullPath`: `root/charts/sub/charts/subsub`, following the
 * parents recorded by {@link processDependencies} (a chart it has not seen
 * counts as a root). Template names and CRD paths use it.
 */
export function chartFullPath(chart: Chart): string {
  return fullPathUnder(chart, undefined);
}

/**
 * {@link chartFullPath} for a chart reached as a subchart of the chart at
 * `parentPath`, used when its parent is not recorded (a tree that
 * {@link processDependencies} has not seen).
 */
export function subchartFullPath(chart: Chart, parentPath: string): string {
  return fullPathUnder(chart, parentPath);
}

function fullPathUnder(chart: Chart, parentPath: string | undefined): string {
  const parent = parents.get(chart);
  if (parent === undefined) {
    return parentPath === undefined ? chart.metadata.name : `${parentPath}/charts/${chart.metadata.name}`;
  }
  return `${chartFullPath(parent)}/charts/${chart.metadata.name}`;
}

/**
 * Helm's `ProcessDependencies`: drops disabled subcharts (aliases, tags,
 * conditions) and imports values from the remaining ones, changing `chart`
 * in place. `values` are the user's values (not changed).
 *
 * `helm install`/`template` report a failure as `chart dependencies
 * processing failed: MESSAGE`.
 *
 * @throws {import("../values/coalesce.ts").CoalesceError} when the values
 * given for a subchart are not a table (`type mismatch on NAME: …`).
 */
export function processDependencies(
  chart: Chart,
  values: Values | null,
  options: DependencyOptions = {},
): void {
  const log = options.log ?? noLog;
  registerTree(chart);
  processDependencyEnabled(chart, values ?? {}, "", log);
  processDependencyImportValues(chart, true, log);
}

/**
 * Helm's `CheckDependencies`: every Chart.yaml dependency must have a
 * subchart of the same name (aliases are not considered).
 *
 * `helm install`/`template` report a failure as `an error occurred while
 * checking for chart dependencies. You may need to run 'helm dependency
 * build' to fetch missing dependencies: MESSAGE`.
 *
 * @throws {Error} `found in Chart.yaml, but missing in charts/ directory: a, b`
 */
export function checkDependencies(
  chart: Chart,
  reqs: readonly Dependency[] = chart.metadata.dependencies ?? [],
): void {
  const missing: string[] = [];
  for (const r of reqs) {
    if (!(chart.dependencies ?? []).some((d) => d.metadata.name === r.name)) missing.push(r.name);
  }
  if (missing.length > 0) {
    throw new Error(`found in Chart.yaml, but missing in charts/ directory: ${missing.join(", ")}`);
  }
}

/** Go's nil check for `Metadata.Dependencies`. */
function depsOf(md: Metadata): Dependency[] | undefined {
  const d = md.dependencies as Dependency[] | null | undefined;
  return d === null || d === undefined ? undefined : d;
}

function isTable(v: unknown): v is Values {
  if (!isPlainMap(v)) return false;
  const tag = goTypeTag(v);
  return tag === undefined || tag === "map[string]interface {}";
}

class NoTableError extends Error {
  constructor(key: string) {
    super(`${JSON.stringify(key)} is not a table`);
  }
}

/** `Values.Table`: the table at a dotted path. */
function table(v: Values, name: string): Values {
  let t = v;
  for (const part of name.split(".")) {
    if (!Object.hasOwn(t, part) || !isTable(t[part])) throw new NoTableError(part);
    t = t[part] as Values;
  }
  return t;
}

const NO_VALUE = Symbol("noValue");

/** `Values.PathValue`: a non-table value at a dotted path, or {@link NO_VALUE} (Go's ErrNoValue). */
function pathValue(v: Values, path: string): unknown {
  const parts = path.split(".");
  const key = parts.pop()!;
  let t = v;
  if (parts.length > 0) {
    try {
      t = table(v, parts.join("."));
    } catch {
      return NO_VALUE;
    }
  }
  if (Object.hasOwn(t, key) && !isTable(t[key])) return t[key];
  return NO_VALUE;
}

/** Helm's `processDependencyConditions`: the first boolean among a dependency's condition paths decides. */
function processDependencyConditions(
  reqs: Dependency[] | undefined,
  cvals: Values,
  cpath: string,
  log: LogFn,
) {
  if (reqs === undefined) return;
  for (const r of reqs) {
    if (!r) continue;
    for (const c of (r.condition ?? "").trim().split(",")) {
      if (c.length === 0) continue;
      const vv = pathValue(cvals, cpath + c);
      if (vv === NO_VALUE) continue;
      if (typeof vv === "boolean") {
        r.enabled = vv;
        break;
      }
      log("WARN", "returned non-bool value", [["path", c], ["chart", r.name]]);
    }
  }
}

/** Helm's `processDependencyTags`: disabled when some tag is false and none is true. */
function processDependencyTags(reqs: Dependency[] | undefined, cvals: Values, log: LogFn) {
  if (reqs === undefined) return;
  let vt: Values;
  try {
    vt = table(cvals, "tags");
  } catch {
    return;
  }
  for (const r of reqs) {
    if (!r) continue;
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags ?? []) {
      if (!Object.hasOwn(vt, k)) continue;
      const b = vt[k];
      if (typeof b === "boolean") {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        log("WARN", "returned non-bool value", [["tag", k], ["chart", r.name]]);
      }
    }
    r.enabled = hasTrue || !hasFalse;
  }
}

/** Helm's `copyMetadata`: a copy whose dependency entries are copies too. */
function copyMetadata(md: Metadata): Metadata {
  const out: Metadata = { ...md };
  const deps = depsOf(md);
  if (deps !== undefined) out.dependencies = deps.map((d) => (d ? { ...d } : d));
  return out;
}

/**
 * Helm's `getAliasDependency`: a copy of the first subchart matching the
 * entry's name and version constraint, renamed to the alias. Its own
 * subcharts are shallow copies (sharing metadata and values with the
 * originals, as in Helm).
 */
function getAliasDependency(charts: readonly Chart[], dep: Dependency): Chart | undefined {
  for (const c of charts) {
    if (!c) continue;
    if (c.metadata.name !== dep.name) continue;
    if (!isCompatibleRange(dep.version ?? "", c.metadata.version)) continue;
    const out: Chart = { ...c, metadata: copyMetadata(c.metadata) };
    setDependencies(out, (c.dependencies ?? []).map((d) => ({ ...d })));
    if (dep.alias) out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

/**
 * Helm's `processDependencyEnabled`: resolves aliases, applies tags and
 * conditions from `values` (looked up under `path`, e.g. `sub.` for a
 * subchart's own dependencies) and removes disabled subcharts, recursively.
 */
export function processDependencyEnabled(
  chart: Chart,
  values: Values,
  path: string,
  log: LogFn = noLog,
): void {
  const reqs = depsOf(chart.metadata);
  if (reqs === undefined) return;
  const existing = chart.dependencies ?? [];

  // Subcharts that no Chart.yaml entry matches are kept as they are.
  const chartDependencies: Chart[] = [];
  for (const sub of existing) {
    const matched = reqs.some((req) =>
      req && sub.metadata.name === req.name && isCompatibleRange(req.version ?? "", sub.metadata.version)
    );
    if (!matched) chartDependencies.push(sub);
  }
  for (const req of reqs) {
    if (!req) continue;
    const aliased = getAliasDependency(existing, req);
    if (aliased !== undefined) chartDependencies.push(aliased);
    if (req.alias) req.name = req.alias;
  }
  setDependencies(chart, chartDependencies);

  for (const r of reqs) if (r) r.enabled = true;
  const cvals = coalesceValues(chart, values, warnFn(log));
  processDependencyTags(reqs, cvals, log);
  processDependencyConditions(reqs, cvals, path, log);

  const rm = new Set<string>();
  for (const r of reqs) if (r && !r.enabled) rm.add(r.name);
  const cd = chart.dependencies.filter((n) => !rm.has(n.metadata.name));
  const cdMetadata = reqs.filter((n) => !(n && rm.has(n.name)));

  for (const t of cd) processDependencyEnabled(t, cvals, path + t.metadata.name + ".", log);

  // Go's append onto a nil slice: no entries left gives nil.
  if (cdMetadata.length > 0) chart.metadata.dependencies = cdMetadata;
  else delete chart.metadata.dependencies;
  setDependencies(chart, cd);
}

/** Helm's `pathToMap`: `data` nested under the dotted `path` (`.` is the top level). */
function pathToMap(path: string, data: Values): Values {
  if (path === ".") return data;
  let cur: Values = data;
  const parts = path.split(".");
  for (let i = parts.length - 1; i >= 0; i--) {
    const m: Values = {};
    setOwn(m, parts[i], cur);
    cur = m;
  }
  return cur;
}

/** `Values.AsMap`: an empty table becomes a new empty map; otherwise the same map. */
function asMap(v: Values): Values {
  return Object.keys(v).length === 0 ? {} : v;
}

/** Helm's `trimNilValues`: a copy without null entries, in nested tables too. */
function trimNilValues(vals: Values): Values {
  const copy = deepCopy(vals) as Values;
  const trim = (m: Values): Values => {
    for (const key of Object.keys(m)) {
      const val = m[key];
      if (val === null || val === undefined) delete m[key];
      else if (isTable(val)) m[key] = trim(val);
    }
    return m;
  };
  return trim(copy);
}

function mapStringString(child: string, parent: string): { child: string; parent: string } {
  return withGoType({ child, parent }, "map[string]string");
}

/** Helm's `processImportValues`: one chart's imports from its direct subcharts. */
function processImportValues(chart: Chart, merge: boolean, log: LogFn): void {
  const reqs = depsOf(chart.metadata);
  if (reqs === undefined) return;
  const warn = warnFn(log);
  let cvals = merge ? mergeValues(chart, null, warn) : coalesceValues(chart, null, warn);
  let b: Values = {};
  const combine = (dst: Values, src: Values): Values =>
    (merge ? mergeTables(dst, src, warn) : coalesceTables(dst, src, warn)) as Values;

  for (const r of reqs) {
    if (!r) continue;
    const outiv: { child: string; parent: string }[] = [];
    for (const riv of (r["import-values"] ?? []) as unknown[]) {
      if (isTable(riv)) {
        const child = sprintf("%v", riv.child ?? null);
        const parent = sprintf("%v", riv.parent ?? null);
        outiv.push(mapStringString(child, parent));
        let vv: Values;
        try {
          vv = table(cvals, `${r.name}.${child}`);
        } catch (e) {
          log("WARN", "ImportValues missing table from chart", [["chart", r.name], ["error", e]]);
          continue;
        }
        b = combine(b, pathToMap(parent, asMap(vv)));
      } else if (typeof riv === "string") {
        const child = "exports." + riv;
        outiv.push(mapStringString(child, "."));
        let vm: Values;
        try {
          vm = table(cvals, `${r.name}.${child}`);
        } catch (e) {
          log("WARN", "ImportValues missing table", [["error", e]]);
          continue;
        }
        b = combine(b, asMap(vm));
      }
    }
    if (outiv.length > 0) r["import-values"] = outiv;
    else delete r["import-values"];
  }

  // The parent's own values win over what it imports.
  if (merge) {
    cvals = deepCopy(cvals) as Values;
    chart.values = mergeTables(cvals, b, warn) as Values;
  } else {
    cvals = trimNilValues(cvals);
    chart.values = coalesceTables(cvals, b, warn) as Values;
  }
}

/**
 * Helm's `processDependencyImportValues`: imports values from subcharts
 * into parents, deepest charts first. `merge` keeps nulls (Helm passes
 * true from {@link processDependencies}).
 */
export function processDependencyImportValues(chart: Chart, merge: boolean, log: LogFn = noLog): void {
  for (const d of chart.dependencies ?? []) processDependencyImportValues(d, merge, log);
  processImportValues(chart, merge, log);
}
