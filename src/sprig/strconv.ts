/**
 * Go's strconv number parsing in the shape Sprig's conversions use (a value
 * plus an optional error kind), over the template engine's strconv port.
 *
 * @module
 */
import {
  parseFloat as goParseFloat,
  parseInt as goParseInt,
  type ParseResult,
  parseUint as goParseUint,
} from "../gotpl/number.ts";

/** Why Go's parser failed. */
export type NumError = "syntax" | "range";

/** An integer result: the value Go returns (0 on a syntax error, clamped on a range error). */
export interface ParsedInt {
  value: bigint;
  /** Set when Go returns an error. */
  err?: NumError;
}

/** A float result: the value Go returns (0 on a syntax error, ±Inf on overflow). */
export interface ParsedFloat {
  value: number;
  /** Set when Go returns an error. */
  err?: NumError;
}

function parsed<T>(r: ParseResult<T>): { value: T; err?: NumError } {
  return r.ok ? { value: r.value } : { value: r.value, err: r.err };
}

/** Go's `strconv.ParseUint(s, base, bitSize)`. */
export function parseUint(s: string, base: number, bitSize: number): ParsedInt {
  return parsed(goParseUint(s, base, bitSize));
}

/** Go's `strconv.ParseInt(s, base, bitSize)`. */
export function parseInt(s: string, base: number, bitSize: number): ParsedInt {
  return parsed(goParseInt(s, base, bitSize));
}

/** Go's `strconv.Atoi`: base 10 only, clamped on overflow. */
export function atoi(s: string): ParsedInt {
  return parseInt(s, 10, 64);
}

/**
 * Go's `strconv.ParseFloat(s, 64)`. Overflow gives ±Inf with `ErrRange`.
 *
 * @example
 * ```ts
 * parseFloat("1_000.5"); // { value: 1000.5 }
 * parseFloat("0x1p-2"); // { value: 0.25 }
 * ```
 */
export function parseFloat(s: string): ParsedFloat {
  return parsed(goParseFloat(s));
}
