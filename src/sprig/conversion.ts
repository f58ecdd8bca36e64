/**
 * Sprig's type conversion functions: `atoi`, `int`, `int64`, `float64`,
 * `toString`, `toStrings` and `toDecimal`, plus the `strval`/`strslice`
 * helpers other families share.
 *
 * @module
 */

import { formatValue, sprint } from "../gotpl/fmt.ts";
import { type FuncMap, goFunc, GoInt, goTypeTag, withGoType } from "../gotpl/value.ts";
import { toFloat64, toInt, toInt64 } from "./cast.ts";
import { goKind, isListKind, listItems } from "./goreflect.ts";
import { goString } from "./gostring.ts";
import { atoi, parseInt } from "./strconv.ts";

/**
 * Sprig's `strval`: a string as is, `[]byte` as its text, an error's
 * `Error()`, a Stringer's `String()`, anything else as `%v` (nil → `<nil>`).
 *
 * @example
 * ```ts
 * strval(1e6); // "1e+06"
 * strval(null); // "<nil>"
 * ```
 */
export function strval(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return goString(v);
  return formatValue(v);
}

/**
 * Sprig's `strslice`: a list's elements through {@link strval} with nils
 * dropped; nil gives an empty list and any other value a one-element list.
 * The result is a Go `[]string`.
 */
export function strslice(v: unknown): string[] {
  // Go hands a []string back unchanged.
  if (Array.isArray(v) && goTypeTag(v) === "[]string") return v as string[];
  let out: string[];
  if (v instanceof Uint8Array || (Array.isArray(v) && isListKind(goKind(v)))) {
    out = listItems(v).filter((x) => x !== null && x !== undefined).map(strval);
  } else if (v === null || v === undefined) {
    out = [];
  } else {
    out = [strval(v)];
  }
  return withGoType(out, "[]string");
}

/** Sprig's conversion functions. */
export const conversionFuncs: FuncMap = {
  atoi: goFunc(["string"], (s: string) => GoInt.of(atoi(s).value, "int")),
  int: goFunc(["interface {}"], (v: unknown) => GoInt.of(toInt(v), "int")),
  int64: goFunc(["interface {}"], (v: unknown) => GoInt.of(toInt64(v), "int64")),
  float64: goFunc(["interface {}"], (v: unknown) => toFloat64(v)),
  toString: goFunc(["interface {}"], (v: unknown) => strval(v)),
  toStrings: goFunc(["interface {}"], (v: unknown) => strslice(v)),
  toDecimal: goFunc(["interface {}"], (v: unknown) => {
    // Go formats the value with %v first, so a float64 1e+06 never parses.
    const r = parseInt(sprint(v), 8, 64);
    return GoInt.of(r.err ? 0n : r.value, "int64");
  }),
};
