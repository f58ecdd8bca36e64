/**
 * dario.cat/mergo v1.0.1's `Merge` and `MergeWithOverwrite`, specialised to
 * what Sprig passes it: a `map[string]interface{}` destination and source.
 *
 * The rules, per source key (Go visits keys in random order, but the outcome
 * does not depend on it):
 * - a nil source value is copied only when overwriting;
 * - a map source value is merged recursively into a map destination value, in
 *   place, when the destination value is a non-empty map;
 * - otherwise the source value replaces the destination value when
 *   overwriting, when the key is missing, or when the destination value is
 *   empty (nil, false, 0, "", empty slice or map). Slices are never merged
 *   element-wise, and a non-empty destination value is kept without overwrite;
 *   with overwrite a source slice always replaces.
 *
 * Replacements share the source's maps and slices, as Go's do.
 *
 * @module
 */

import { goKind, isEmpty, mapGet, mapSet } from "./goreflect.ts";
import { goTypeTag, isPlainMap } from "../gotpl/value.ts";

/** The Go type of a map value: typed maps only take their element type. */
function elementType(m: Record<string, unknown>): string {
  const tag = goTypeTag(m) ?? "map[string]interface {}";
  const close = tag.indexOf("]");
  return tag.startsWith("map[") && close > 0 ? tag.slice(close + 1) : "interface {}";
}

/** reflect's SetMapIndex assignability check for the typed maps Sprig can produce. */
function checkAssignable(dst: Record<string, unknown>, value: unknown, fromType: string): void {
  const elem = elementType(dst);
  if (elem === "interface {}" || elem === fromType) return;
  if (elem === "string" && typeof value === "string" && fromType === "string") return;
  throw new Error(
    `reflect.Value.SetMapIndex: value of type ${fromType} is not assignable to type ${elem}`,
  );
}

function deepMergeMap(
  dst: Record<string, unknown>,
  src: Record<string, unknown>,
  overwrite: boolean,
): void {
  // Values read from a map[string]interface{} are interfaces; a typed map's are its element type.
  const srcElem = elementType(src);
  for (const key of Object.keys(src)) {
    const sv = src[key];
    const dstHas = Object.hasOwn(dst, key);
    const dv = mapGet(dst, key);
    if (sv === null || sv === undefined) {
      if (overwrite) {
        checkAssignable(dst, sv, srcElem);
        mapSet(dst, key, null);
      }
      continue;
    }
    const srcKind = goKind(sv);
    if (srcKind === "map" && dstHas && isPlainMap(dv) && isPlainMap(sv)) {
      deepMergeMap(dv, sv, overwrite);
    }
    if (srcKind === "slice" && overwrite) {
      // mergo's slice branch stores the source slice before the emptiness check below.
      checkAssignable(dst, sv, srcElem);
      mapSet(dst, key, sv);
      continue;
    }
    if (dstHas && !isEmpty(dv)) {
      if (srcKind === "slice") continue;
      if (srcKind === "map" && goKind(dv) === "map") continue;
    }
    if (overwrite || !dstHas || isEmpty(dv)) {
      checkAssignable(dst, sv, srcElem);
      mapSet(dst, key, sv);
    }
  }
}

/**
 * `mergo.Merge(&dst, src)`: fills dst's missing or empty keys from src,
 * recursing into nested maps. Mutates and returns dst (a nil dst becomes a new map).
 *
 * @example
 * ```ts
 * merge({ a: "", b: 1 }, { a: "x", b: 2, c: 3 }); // { a: "x", b: 1, c: 3 }
 * ```
 */
export function merge(
  dst: Record<string, unknown> | null,
  src: Record<string, unknown> | null,
): Record<string, unknown> {
  const out = dst ?? {};
  if (src) deepMergeMap(out, src, false);
  return out;
}

/**
 * `mergo.MergeWithOverwrite(&dst, src)`: src values win, including nil,
 * false, 0 and ""; nested maps still merge key by key.
 *
 * @example
 * ```ts
 * mergeOverwrite({ a: 1, n: { x: 1 } }, { a: 0, n: { y: 2 } }); // { a: 0, n: { x: 1, y: 2 } }
 * ```
 */
export function mergeOverwrite(
  dst: Record<string, unknown> | null,
  src: Record<string, unknown> | null,
): Record<string, unknown> {
  const out = dst ?? {};
  if (src) deepMergeMap(out, src, true);
  return out;
}
