/**
 * Sprig's dictionary functions over Go `map[string]interface{}` values.
 *
 * `set`, `unset`, `merge` and `mergeOverwrite` mutate their first argument,
 * as in Go. Go iterates maps in random order; `keys` and `values` here list
 * each map's keys sorted byte-wise (a result Go can also produce), so output
 * is deterministic.
 *
 * @module
 */

import { typeName } from "../gotpl/types.ts";
import { type FuncMap, goFunc, goTypeTag, isPlainMap, withGoType } from "../gotpl/value.ts";
import { strval } from "./conversion.ts";
import { copyGoType, isNilSlice, mapSet, nilSlice } from "./goreflect.ts";
import { compareGoStrings } from "./gostring.ts";
import { merge, mergeOverwrite } from "./mergo.ts";

/** A Go `map[string]interface{}`. */
export type GoMap = Record<string, unknown>;

/** A nil map parameter arrives as null; reading it behaves like an empty map. */
function entries(d: GoMap | null): GoMap {
  return d ?? {};
}

/** A map's keys in the deterministic order charta uses for Go's random map order. */
export function sortedKeys(d: GoMap | null): string[] {
  return Object.keys(entries(d)).sort(compareGoStrings);
}

function dict(...v: unknown[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < v.length; i += 2) {
    mapSet(out, strval(v[i]), i + 1 < v.length ? v[i + 1] : "");
  }
  return out;
}

function set(d: GoMap | null, key: string, value: unknown): GoMap | null {
  if (d === null) throw new Error("assignment to entry in nil map");
  mapSet(d, key, value);
  return d;
}

function unset(d: GoMap | null, key: string): GoMap {
  // Deleting from a nil map is a no-op in Go; the nil map prints as map[].
  if (d === null) return {};
  if (Object.hasOwn(d, key)) delete d[key];
  return d;
}

function pick(d: GoMap | null, ...keys: string[]): GoMap {
  const out: GoMap = {};
  for (const k of keys) if (Object.hasOwn(entries(d), k)) mapSet(out, k, entries(d)[k]);
  return out;
}

function omit(d: GoMap | null, ...keys: string[]): GoMap {
  const drop = new Set(keys);
  const out: GoMap = {};
  for (const k of Object.keys(entries(d))) if (!drop.has(k)) mapSet(out, k, entries(d)[k]);
  return out;
}

/** copystructure.Copy: maps and slices are copied recursively, keeping their Go types. */
export function deepCopy(v: unknown): unknown {
  // copystructure reflects on its argument and panics on a nil interface.
  if (v === null || v === undefined) throw new Error("reflect: call of reflect.Value.Type on zero Value");
  return copyValue(v);
}

function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) {
    if (isNilSlice(v)) return nilSlice(goTypeTag(v));
    return copyGoType(v, v.map(copyValue));
  }
  if (v instanceof Uint8Array) return copyGoType(v, v.slice());
  if (isPlainMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) mapSet(out, k, copyValue(v[k]));
    return copyGoType(v, out);
  }
  return v;
}

/** Go's panic text for a failed `x.(map[string]interface{})` or `x.(string)` assertion. */
function assertionError(v: unknown, want: string): Error {
  const got = v === null || v === undefined ? "nil" : typeName(v);
  return new Error(`interface conversion: interface {} is ${got}, not ${want}`);
}

function asMap(v: unknown): GoMap {
  if (isPlainMap(v) && (goTypeTag(v) ?? "map[string]interface {}") === "map[string]interface {}") return v;
  throw assertionError(v, "map[string]interface {}");
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) throw new Error("dig needs at least three arguments");
  let current = asMap(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== "string") throw assertionError(k, "string");
    return k;
  });
  for (let i = 0; i < keys.length; i++) {
    if (!Object.hasOwn(current, keys[i])) return def;
    const step = current[keys[i]];
    if (i === keys.length - 1) return step;
    current = asMap(step);
  }
  return def;
}

const MAP = "map[string]interface {}";
const ANY = "interface {}";

const mergeF = goFunc([MAP, MAP], (dst: GoMap | null, ...srcs: (GoMap | null)[]) => {
  let out = dst;
  for (const src of srcs) out = merge(out, src);
  return out ?? {};
}, { variadic: true });

const mergeOverwriteF = goFunc([MAP, MAP], (dst: GoMap | null, ...srcs: (GoMap | null)[]) => {
  let out = dst;
  for (const src of srcs) out = mergeOverwrite(out, src);
  return out ?? {};
}, { variadic: true });

const deepCopyF = goFunc([ANY], deepCopy);

/**
 * Sprig's dict functions. `mustMerge`, `mustMergeOverwrite` and
 * `mustDeepCopy` share the plain implementations: mergo cannot fail on two
 * `map[string]interface{}` values, and copying plain data cannot fail.
 */
export const dictFuncs: FuncMap = {
  dict: goFunc([ANY], dict, { variadic: true }),
  get: goFunc(
    [MAP, "string"],
    (d: GoMap | null, key: string) => Object.hasOwn(entries(d), key) ? entries(d)[key] : "",
  ),
  set: goFunc([MAP, "string", ANY], set),
  unset: goFunc([MAP, "string"], unset),
  hasKey: goFunc([MAP, "string"], (d: GoMap | null, key: string) => Object.hasOwn(entries(d), key)),
  pluck: goFunc(["string", MAP], (key: string, ...ds: (GoMap | null)[]) => {
    const out: unknown[] = [];
    for (const d of ds) if (Object.hasOwn(entries(d), key)) out.push(entries(d)[key]);
    return out;
  }, { variadic: true }),
  keys: goFunc([MAP], (...ds: (GoMap | null)[]) => withGoType(ds.flatMap(sortedKeys), "[]string"), {
    variadic: true,
  }),
  pick: goFunc([MAP, "string"], pick, { variadic: true }),
  omit: goFunc([MAP, "string"], omit, { variadic: true }),
  merge: mergeF,
  mustMerge: mergeF,
  mergeOverwrite: mergeOverwriteF,
  mustMergeOverwrite: mergeOverwriteF,
  values: goFunc([MAP], (d: GoMap | null) => sortedKeys(d).map((k) => entries(d)[k])),
  deepCopy: deepCopyF,
  mustDeepCopy: deepCopyF,
  dig: goFunc([ANY], dig, { variadic: true }),
};
