/**
 * Shortest-digit float formatting as Go's `strconv.FormatFloat(x, fmt, -1, bits)`,
 * as the codecs need it: the template engine's Go strconv port, precision -1.
 *
 * @module
 */
import { type FloatFormat, formatFloat } from "../gotpl/ftoa.ts";

export type { FloatFormat };

/**
 * Go's `strconv.FormatFloat(x, fmt, -1, bitSize)`: the shortest digits that
 * read back to the same float.
 *
 * @example
 * ```ts
 * formatFloatShortest(1e6, "g"); // "1e+06"
 * formatFloatShortest(0.1, "g", 32); // "0.1"
 * ```
 */
export function formatFloatShortest(x: number, fmt: FloatFormat, bitSize: 32 | 64 = 64): string {
  return formatFloat(x, fmt, -1, bitSize);
}
