/**
 * The slice of Go's `reflect` that Sprig relies on, over charta's JavaScript
 * representation of Go values (see `src/gotpl/value.ts`): kinds, Sprig's
 * emptiness rule, `reflect.DeepEqual`, and nil slices.
 *
 * @module
 */

import { typeName } from "../gotpl/types.ts";
import {
  GO_TYPE,
  GoComplex,
  GoInt,
  goNil,
  GoStruct,
  goTypeTag,
  isGoNil,
  isPlainMap,
  withGoType,
} from "../gotpl/value.ts";

/**
 * Marks an empty array that stands for a **nil** slice. Go prints nil and
 * empty slices alike (`[]`) but JSON-encodes nil as `null` and DeepEqual tells
 * them apart; Sprig's `rest`/`initial` of an empty list and `concat` of empty
 * lists return nil slices.
 *
 * Registered with `Symbol.for` so encoders can recognise it without importing
 * this module.
 */
export { GO_NIL } from "../gotpl/value.ts";

/** The panic Go raises when Sprig calls `.Kind()` on the `reflect.Type` of a nil value. */
export const NIL_DEREFERENCE = "runtime error: invalid memory address or nil pointer dereference";

/** A new nil slice of the given Go type (default `[]interface {}`). */
export function nilSlice(goType = "[]interface {}"): unknown[] {
  const a: unknown[] = [];
  goNil(a);
  if (goType !== "[]interface {}") withGoType(a, goType);
  return a;
}

/** True for an array made by {@link nilSlice}. */
export function isNilSlice(v: unknown): boolean {
  return Array.isArray(v) && isGoNil(v);
}

/** A GoStruct may name its reflect kind when it is not a struct or pointer (e.g. a named map type). */
interface KindedStruct {
  goKind?: string;
}

/**
 * Go's `reflect.Kind` name for a value, as `reflect.Value.Kind().String()`
 * prints it; `invalid` for nil.
 *
 * @example
 * ```ts
 * goKind([1]); // "slice"
 * goKind(null); // "invalid"
 * ```
 */
export function goKind(v: unknown): string {
  if (v === undefined || v === null) return "invalid";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "number":
      return "float64";
    case "string":
      return "string";
    case "function":
      return "func";
    case "bigint":
      return "int64";
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof Uint8Array) return "slice";
  if (Array.isArray(v)) return /^\[\d/.test(goTypeTag(v) ?? "") ? "array" : "slice";
  if (isPlainMap(v)) return "map";
  if (v instanceof GoStruct) {
    const own = (v as KindedStruct).goKind;
    if (typeof own === "string") return own;
    return v.goType.startsWith("*") ? "ptr" : "struct";
  }
  return "struct";
}

/** True for the kinds Sprig's list functions accept. */
export function isListKind(kind: string): boolean {
  return kind === "slice" || kind === "array";
}

/** The elements of a slice or array value as a JavaScript array. */
export function listItems(v: unknown): unknown[] {
  if (v instanceof Uint8Array) return Array.from(v, (b) => GoInt.of(b, "uint8"));
  return v as unknown[];
}

/**
 * Sprig's `empty`: nil, false, zero numbers, and zero-length strings,
 * slices and maps. Structs are never empty; other non-nil values are not.
 */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case "boolean":
      return !v;
    case "number":
      return v === 0;
    case "string":
      return v.length === 0;
    case "bigint":
      return v === 0n;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length === 0;
  if (isPlainMap(v)) return Object.keys(v).length === 0;
  return false;
}

/**
 * Go's `reflect.DeepEqual` for template values: types must match exactly
 * (float64 1 is not int 1), nil and empty slices differ, NaN is unequal to
 * itself unless it is the very same slice or map.
 *
 * @example
 * ```ts
 * deepEqual([1, "a"], [1, "a"]); // true
 * deepEqual(1, GoInt.of(1)); // false
 * ```
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  const aNil = a === undefined || a === null;
  const bNil = b === undefined || b === null;
  if (aNil || bNil) return aNil && bNil;
  if (typeName(a) !== typeName(b)) return false;
  return deepValueEqual(a, b);
}

function deepValueEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null) {
    if (typeof a === "function") return false;
    return a === b;
  }
  if (a === b) return true;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (a instanceof Uint8Array) {
    const y = b as Uint8Array;
    return a.length === y.length && a.every((x, i) => x === y[i]);
  }
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (isNilSlice(a) !== isNilSlice(y) || a.length !== y.length) return false;
    return a.every((x, i) => deepEqual(x, y[i]));
  }
  if (isPlainMap(a)) {
    const y = b as Record<string, unknown>;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(y).length) return false;
    return ka.every((k) => Object.hasOwn(y, k) && deepEqual(a[k], y[k]));
  }
  if (a instanceof GoStruct) {
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const x = a as unknown as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    return keys.every((k) => Object.hasOwn(y, k) && deepEqual(x[k], y[k]));
  }
  return false;
}

/** Reads a map key without touching the prototype chain (`get $d "toString"` is a miss). */
export function mapGet(m: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

/** Writes a map key; `__proto__` becomes an ordinary own key as in Go. */
export function mapSet(m: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    m[key] = value;
  }
}

/** Copies the Go type tag of one array or map onto another. */
export function copyGoType<T extends object>(from: object, to: T): T {
  const tag = (from as Record<symbol, string | undefined>)[GO_TYPE];
  return tag === undefined ? to : withGoType(to, tag);
}
