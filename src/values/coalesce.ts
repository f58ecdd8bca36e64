/**
 * Helm 4's values coalescing (`pkg/chart/common/util/coalesce.go`): how the
 * user's values, a chart's `values.yaml` and its subcharts' values combine
 * into the `.Values` a chart renders with.
 *
 * The rules, as Helm applies them:
 *
 * - user values win over chart defaults, table by table (maps merge, every
 *   other value, lists included, replaces);
 * - with {@link coalesceValues}, a user `null` deletes the key, chart default
 *   included, and `null` defaults are dropped; {@link mergeValues} keeps
 *   nulls (Helm uses it where values are coalesced again later);
 * - a table meeting a non-table is not merged: the user's value stays and a
 *   warning is reported;
 * - each subchart's values live under its name in the parent's values, and
 *   the parent's `global` table is copied into every subchart's `global`,
 *   parent entries winning, recursively down `chart.dependencies`.
 *
 * Helm prints warnings with `log.Printf`; here they go to a callback.
 * Tables are plain objects; the walk mirrors Helm's, including which tables
 * it copies and which it changes in place, since that decides what a parent
 * and its subcharts end up sharing.
 *
 * @module
 */

import type { Chart } from "../chart/types.ts";
import { setOwn } from "../gojson/decode.ts";
import { sprintf } from "../gotpl/fmt.ts";
import { quote } from "../gotpl/quote.ts";
import { GO_TYPE, goTypeTag, isPlainMap, withGoType } from "../gotpl/value.ts";
import type { Values } from "./types.ts";

/** Receives Helm's coalescing warnings (Helm logs them), without a trailing newline. */
export type WarnFn = (message: string) => void;

/** A failure of {@link coalesceValues} or {@link mergeValues}, with Helm's message. */
export class CoalesceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CoalesceError";
  }
}

/** The key Helm copies from parents to subcharts (`common.GlobalKey`). */
export const GLOBAL_KEY = "global";

const ignore: WarnFn = () => {};

/**
 * Helm's `CoalesceValues`: the values a chart renders with, from the user's
 * values (`vals`, not modified) and the chart's and its subcharts' defaults.
 *
 * @throws {CoalesceError} `type mismatch on NAME: …` when the values for a
 * subchart are not a table.
 *
 * @example
 * ```ts
 * // chart values {image: {tag: "1", pull: "Always"}}, user values {image: {tag: "2"}}
 * // → {image: {tag: "2", pull: "Always"}}
 * ```
 */
export function coalesceValues(chart: Chart, vals?: Values | null, warn: WarnFn = ignore): Values {
  return coalesce(warn, chart, copyValues(vals), "", false);
}

/**
 * Helm's `MergeValues`: like {@link coalesceValues} but nulls are kept, both
 * the user's and the charts', for a later coalescing to act on.
 *
 * @throws {CoalesceError} as {@link coalesceValues}.
 */
export function mergeValues(chart: Chart, vals?: Values | null, warn: WarnFn = ignore): Values {
  return coalesce(warn, chart, copyValues(vals), "", true);
}

/**
 * Helm's `CoalesceTables`: merges `src` into `dst`, `dst` winning, and
 * returns `dst` (changed in place; `src` may be changed too). A null in
 * `dst` over a non-null in `src` removes the key. When one side is missing
 * the other is returned as is.
 */
export function coalesceTables<T extends Values | null | undefined, S extends Values | null | undefined>(
  dst: T,
  src: S,
  warn: WarnFn = ignore,
): T | S {
  return coalesceTablesFullKey(warn, dst, src, "", false);
}

/** Helm's `MergeTables`: {@link coalesceTables} keeping nulls. */
export function mergeTables<T extends Values | null | undefined, S extends Values | null | undefined>(
  dst: T,
  src: S,
  warn: WarnFn = ignore,
): T | S {
  return coalesceTablesFullKey(warn, dst, src, "", true);
}

/** Go's `istable`: a `map[string]interface{}` (a named map type is not one). */
function isTable(v: unknown): v is Values {
  if (!isPlainMap(v)) return false;
  const tag = goTypeTag(v);
  return tag === undefined || tag === "map[string]interface {}";
}

/** Go's `v == nil` for an interface; `undefined` counts as nil too. */
function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

function has(m: Values, key: string): boolean {
  return Object.hasOwn(m, key);
}

function concatPrefix(a: string, b: string): string {
  return a === "" ? b : `${a}.${b}`;
}

function chartName(chart: Chart): string {
  return chart.metadata?.name ?? "";
}

/**
 * A deep copy of tables and lists (Helm's `copystructure.Copy`); scalars and
 * other objects (GoInt is immutable) are shared. Go type tags are kept.
 */
export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = v.map(deepCopy);
    const tag = goTypeTag(v);
    return tag === undefined ? out : withGoType(out, tag);
  }
  if (isPlainMap(v)) {
    const out: Values = Object.getPrototypeOf(v) === null ? Object.create(null) : {};
    for (const k of Object.keys(v)) setOwn(out, k, deepCopy(v[k]));
    const tag = (v as { [GO_TYPE]?: string })[GO_TYPE];
    return tag === undefined ? out : withGoType(out, tag);
  }
  if (v instanceof Uint8Array) return v.slice();
  return v;
}

function copyValues(vals: Values | null | undefined): Values {
  if (vals === null || vals === undefined) return {};
  return deepCopy(vals) as Values;
}

/** Coalesces one chart's own values, then its subcharts'. */
function coalesce(warn: WarnFn, chart: Chart, dest: Values, prefix: string, merge: boolean): Values {
  coalesceChartValues(warn, chart, dest, prefix, merge);
  return coalesceDeps(warn, chart, dest, prefix, merge);
}

/** Helm's `coalesceDeps`: each subchart's values, under its name, with the globals pushed down. */
function coalesceDeps(warn: WarnFn, chart: Chart, dest: Values, prefix: string, merge: boolean): Values {
  for (const sub of chart.dependencies ?? []) {
    const name = chartName(sub);
    if (!has(dest, name)) {
      setOwn(dest, name, {});
    } else if (!isTable(dest[name])) {
      throw new CoalesceError(sprintf("type mismatch on %s: %t", name, dest[name]));
    }
    const subValues = dest[name] as Values;
    const subPrefix = concatPrefix(prefix, chartName(chart));
    coalesceGlobals(warn, subValues, dest, subPrefix);
    setOwn(dest, name, coalesce(warn, sub, subValues, subPrefix, merge));
  }
  return dest;
}

/**
 * Helm's `coalesceGlobals`: copies `src.global` into `dest.global`, `src`
 * winning. Tables are copied one level deep only, so nested global tables
 * stay shared with the parent, as in Helm.
 */
function coalesceGlobals(warn: WarnFn, dest: Values, src: Values, prefix: string): void {
  let dg: Values;
  if (!has(dest, GLOBAL_KEY)) {
    dg = {};
  } else if (isTable(dest[GLOBAL_KEY])) {
    dg = dest[GLOBAL_KEY] as Values;
  } else {
    warn(`warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
    return;
  }
  let sg: Values;
  if (!has(src, GLOBAL_KEY)) {
    sg = {};
  } else if (isTable(src[GLOBAL_KEY])) {
    sg = src[GLOBAL_KEY] as Values;
  } else {
    warn(`warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
    return;
  }

  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isTable(val)) {
      const vv: Values = {};
      for (const k of Object.keys(val)) setOwn(vv, k, val[k]);
      if (!has(dg, key)) {
        setOwn(dg, key, vv);
      } else if (!isTable(dg[key])) {
        warn(`Conflict: cannot merge map onto non-map for ${quote(key)}. Skipping.`);
      } else {
        // The parent's table is authoritative; nulls are kept here and removed
        // when the subchart's values are coalesced.
        coalesceTablesFullKey(warn, vv, dg[key] as Values, concatPrefix(prefix, key), true);
        setOwn(dg, key, vv);
      }
    } else if (has(dg, key) && isTable(dg[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      setOwn(dg, key, val);
    }
  }
  setOwn(dest, GLOBAL_KEY, dg);
}

/**
 * Helm's `coalesceValues` (the unexported one): merges a copy of the chart's
 * values into `v`, the values given for that chart.
 */
function coalesceChartValues(warn: WarnFn, chart: Chart, v: Values, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, chartName(chart));
  // A copy, so that coalescing never changes the chart's own values.
  const vc = isPlainMap(chart.values) ? deepCopy(chart.values) as Values : {};

  for (const key of Object.keys(vc)) {
    const val = vc[key];
    if (has(v, key)) {
      const value = v[key];
      if (isNil(value) && !merge) {
        // A user null removes the key, whatever the chart says.
        delete v[key];
      } else if (isTable(value)) {
        if (!isTable(val)) {
          if (!isNil(val)) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          const m = isSubchartName(chart, key) || merge;
          if (!m) cleanNilValues(val);
          coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), m);
        }
      }
    } else {
      if (!merge) {
        // Chart default nulls neither shadow globals nor print as `%!s(<nil>)`.
        if (isNil(val)) continue;
        if (isTable(val)) cleanNilValues(val);
      }
      setOwn(v, key, val);
    }
  }
}

/**
 * Helm's `childChartMergeTrue`: a key naming a subchart is merged keeping
 * nulls, since that subchart's own coalescing handles them.
 */
function isSubchartName(chart: Chart, key: string): boolean {
  return (chart.dependencies ?? []).some((sub) => chartName(sub) === key);
}

/** Helm's `coalesceTablesFullKey`: `src` into `dst`, `dst` winning; `prefix` names keys in warnings. */
function coalesceTablesFullKey<T extends Values | null | undefined, S extends Values | null | undefined>(
  warn: WarnFn,
  dst: T,
  src: S,
  prefix: string,
  merge: boolean,
): T | S {
  if (isNil(src)) return dst;
  if (isNil(dst)) return src;
  // Keys the chart really set: a user null over one of them deletes it; a
  // user null over nothing stays null.
  const srcNonNil = new Set<string>();
  for (const key of Object.keys(src)) {
    if (!isNil(src[key])) srcNonNil.add(key);
  }
  for (const key of Object.keys(dst)) {
    if (isNil(dst[key])) setOwn(src, key, null);
  }
  for (const key of Object.keys(src)) {
    const val = src[key];
    const fullKey = concatPrefix(prefix, key);
    const inDst = has(dst, key);
    const dv = inDst ? dst[key] : undefined;
    if (inDst && !merge && isNil(dv) && srcNonNil.has(key)) {
      delete dst[key];
    } else if (!inDst) {
      setOwn(dst, key, val);
    } else if (isTable(val)) {
      if (isTable(dv)) {
        coalesceTablesFullKey(warn, dv, val, fullKey, merge);
      } else {
        warn(sprintf("warning: cannot overwrite table with non table for %s (%v)", fullKey, val));
      }
    } else if (isTable(dv) && !isNil(val)) {
      warn(sprintf("warning: destination for %s is a table. Ignoring non-table value (%v)", fullKey, val));
    }
  }
  return dst;
}

/** Helm's `cleanNilValues`: removes null entries from a table and its nested tables, in place. */
function cleanNilValues(m: Values): void {
  for (const key of Object.keys(m)) {
    const val = m[key];
    if (isNil(val)) delete m[key];
    else if (isTable(val)) cleanNilValues(val);
  }
}
