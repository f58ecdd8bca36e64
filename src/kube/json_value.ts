/**
 * JSON values as Go's `encoding/json` decodes them into `interface{}`
 * (maps, slices, float64, string, bool, nil), with the Go operations the
 * patch algorithms rely on: `reflect.TypeOf` equality, `reflect.DeepEqual`,
 * `fmt.Sprintf("%v")` and byte-order string comparison.
 *
 * Maps are prototype-less objects so that keys such as `__proto__` or
 * `constructor` are ordinary keys, as in Go.
 *
 * @module
 */
import { formatFloatShortest } from "../gojson/float.ts";
import { formatJsonFloat } from "../gojson/mod.ts";

/** A decoded JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonMap;
/** A decoded JSON object (`map[string]interface{}`). */
export interface JsonMap {
  [key: string]: JsonValue;
}

/**
 * Go's dynamic type of a decoded value, as `reflect.TypeOf` tells them
 * apart. apimachinery's JSON decoder makes a number an `int64` when its
 * text is an integer that fits, else a `float64`; the documents it decodes
 * were written by Go's `json.Marshal`, so an integral float64 below 1e21
 * comes back as an int64.
 */
export type GoKind = "map" | "slice" | "string" | "int64" | "float64" | "bool" | "nil";

const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;

/** `int64` or `float64`, as a Go-marshalled number decodes in apimachinery. */
export function numberKind(x: number): "int64" | "float64" {
  if (Number.isSafeInteger(x)) return "int64";
  const text = formatJsonFloat(x);
  if (!/^-?\d+$/.test(text)) return "float64";
  const b = BigInt(text);
  return b >= INT64_MIN && b <= INT64_MAX ? "int64" : "float64";
}

/** The Go type of `v`. */
export function goKind(v: unknown): GoKind {
  if (v === null || v === undefined) return "nil";
  if (Array.isArray(v)) return "slice";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return numberKind(v);
    case "bigint":
      return "int64";
    case "boolean":
      return "bool";
  }
  return "map";
}

/** True when `v` is a JSON object. */
export function isMap(v: unknown): v is JsonMap {
  return goKind(v) === "map";
}

/** A new empty map. */
export function newMap(): JsonMap {
  return Object.create(null) as JsonMap;
}

/** Own-key lookup (never the prototype chain). */
export function has(m: JsonMap, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}

/** A deep copy with prototype-less maps (what Go gets from marshalling and decoding again). */
export function cloneJson(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(cloneJson);
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      return v;
    case "bigint":
      return Number(v);
    case "object": {
      const out = newMap();
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x !== undefined) out[k] = cloneJson(x);
      }
      return out;
    }
  }
  throw new TypeError(`not a JSON value: ${typeof v}`);
}

/** `reflect.DeepEqual` of two decoded values. */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  const ka = goKind(a), kb = goKind(b);
  if (ka !== kb) return false;
  if (ka === "slice") {
    const x = a as JsonValue[], y = b as JsonValue[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  if (ka === "map") {
    const x = a as JsonMap, y = b as JsonMap;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) {
      if (!has(y, k) || !deepEqual(x[k], y[k])) return false;
    }
    return true;
  }
  return false;
}

/** Go's `==` on two interface values holding scalars (maps and slices never compare equal here). */
export function goEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  const ka = goKind(a);
  if (ka !== goKind(b)) return false;
  if (ka === "nil") return true;
  if (ka === "map" || ka === "slice") return a === b;
  return a === b;
}

/** Go's `<` on strings: byte order of the UTF-8 encoding, which is code point order. */
export function goStringLess(a: string, b: string): boolean {
  return goStringCompare(a, b) < 0;
}

/** Go's `strings.Compare` (code point order, unlike JavaScript's UTF-16 order). */
export function goStringCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (code points above U+FFFF) sort after every BMP character in UTF-8.
    const sx = x >= 0xd800 && x <= 0xdfff, sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** `fmt.Sprintf("%v", v)` of a decoded value. */
export function sprintV(v: JsonValue | undefined): string {
  switch (goKind(v)) {
    case "nil":
      return "<nil>";
    case "string":
      return v as string;
    case "bool":
      return v ? "true" : "false";
    case "int64":
      // The int64's digits are those Go's json.Marshal wrote for the float (shortest, zero-padded).
      return typeof (v as unknown) === "bigint" ? String(v) : formatJsonFloat(v as number);
    case "float64":
      return formatFloatShortest(Number(v), "g");
    case "slice":
      return `[${(v as JsonValue[]).map(sprintV).join(" ")}]`;
    case "map": {
      const m = v as JsonMap;
      const keys = Object.keys(m).sort((a, b) => goStringCompare(a, b));
      return `map[${keys.map((k) => `${k}:${sprintV(m[k])}`).join(" ")}]`;
    }
  }
}
