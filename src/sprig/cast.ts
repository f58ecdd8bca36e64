/**
 * spf13/cast v1.7.0's `ToInt64`, `ToInt` and `ToFloat64`, which Sprig uses for
 * all integer and float arithmetic and for `int`, `int64` and `float64`.
 * Unconvertible values give 0, never an error.
 *
 * @module
 */

import { GoInt } from "../gotpl/value.ts";
import { parseFloat, parseInt } from "./strconv.ts";

const MIN_INT64 = -(1n << 63n);

/**
 * Go's `int64(f)` for a float64 on amd64: truncation toward zero, and the
 * "integer indefinite" value -2^63 for NaN, ±Inf and anything out of range.
 */
export function float64ToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** cast's `trimZeroDecimal`: `"2.00"` → `"2"`, but `"2.50"` and `"2."` stay. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === ".") {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === "0") {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/**
 * cast.ToInt64: ints wrap to 64 bits, floats truncate, strings go through
 * `ParseInt(s, 0, 0)` after dropping a zero fraction (`"010"` → 8, `"08"` → 0,
 * `"2.0"` → 2, `"2.5"` → 0), bools give 1/0, anything else 0.
 *
 * @example
 * ```ts
 * toInt64("0x10"); // 16n
 * toInt64(2.9); // 2n
 * ```
 */
export function toInt64(v: unknown): bigint {
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  switch (typeof v) {
    case "number":
      return float64ToInt64(v);
    case "string": {
      const r = parseInt(trimZeroDecimal(v), 0, 64);
      return r.err ? 0n : r.value;
    }
    case "boolean":
      return v ? 1n : 0n;
    case "bigint":
      return BigInt.asIntN(64, v);
  }
  return 0n;
}

/** cast.ToInt: the same rules as {@link toInt64} (Go's int is 64-bit). */
export function toInt(v: unknown): bigint {
  return toInt64(v);
}

/**
 * cast.ToFloat64: numbers convert, strings go through `ParseFloat` (0 on any
 * error, including overflow), bools give 1/0, anything else 0.
 *
 * @example
 * ```ts
 * toFloat64("1e3"); // 1000
 * toFloat64(GoInt.of(2)); // 2
 * ```
 */
export function toFloat64(v: unknown): number {
  if (v instanceof GoInt) return Number(v.value);
  switch (typeof v) {
    case "number":
      return v;
    case "string": {
      const r = parseFloat(v);
      return r.err ? 0 : r.value;
    }
    case "boolean":
      return v ? 1 : 0;
    case "bigint":
      return Number(v);
  }
  return 0;
}

/** A JavaScript number from an argument the executor converted to a Go `int`. */
export function intArg(v: unknown): number {
  if (v instanceof GoInt) return Number(v.value);
  if (typeof v === "bigint") return Number(v);
  return typeof v === "number" ? Math.trunc(v) : 0;
}
