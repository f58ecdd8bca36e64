/**
 * Shortest-digit float formatting as Go's `strconv.FormatFloat(x, fmt, -1, bits)`.
 *
 * Only the shortest (precision -1) mode is implemented: it is all the codecs
 * need. JS's own shortest conversion (`toExponential()` without argument)
 * yields the same digits as Go for float64 because both pick the shortest
 * string that round-trips and, among those, the closest one.
 *
 * @module
 */

/** Decimal digits and exponent of a finite, non-negative float. */
interface Digits {
  /** Significant digits without leading or trailing zeros ("0" for zero). */
  d: string;
  /** Position of the decimal point relative to the digits (Go's `dp`). */
  dp: number;
}

function shortestDigits64(abs: number): Digits {
  if (abs === 0) return { d: "0", dp: 1 };
  const e = abs.toExponential();
  const at = e.indexOf("e");
  const d = e.slice(0, at).replace(".", "");
  return { d, dp: Number(e.slice(at + 1)) + 1 };
}

function shortestDigits32(abs: number): Digits {
  if (abs === 0) return { d: "0", dp: 1 };
  const target = Math.fround(abs);
  // The closest p-digit decimal is tried for increasing p; the first that
  // rounds back to the same float32 is the shortest representation.
  for (let p = 1; p <= 9; p++) {
    const s = target.toPrecision(p);
    if (Math.fround(Number(s)) === target) {
      return shortestDigits64(Number(s));
    }
  }
  return shortestDigits64(target);
}

function fmtE(neg: boolean, { d, dp }: Digits, upper: boolean): string {
  let out = neg ? "-" : "";
  out += d[0];
  if (d.length > 1) out += "." + d.slice(1);
  out += upper ? "E" : "e";
  let exp = d === "0" ? 0 : dp - 1;
  out += exp < 0 ? "-" : "+";
  if (exp < 0) exp = -exp;
  out += exp < 10 ? "0" + exp : String(exp);
  return out;
}

function fmtF(neg: boolean, { d, dp }: Digits): string {
  let out = neg ? "-" : "";
  if (dp > 0) {
    out += d.length >= dp ? d.slice(0, dp) : d + "0".repeat(dp - d.length);
  } else {
    out += "0";
  }
  const frac = Math.max(d.length - dp, 0);
  if (frac > 0) {
    out += ".";
    for (let i = 1; i <= frac; i++) {
      const j = dp + i - 1;
      out += j < 0 || j >= d.length ? "0" : d[j];
    }
  }
  return out;
}

/** The formats Go's strconv supports in shortest mode here. */
export type FloatFormat = "e" | "E" | "f" | "g" | "G";

/**
 * Formats `x` like Go's `strconv.FormatFloat(x, fmt, -1, bitSize)`.
 *
 * @example
 * ```ts
 * formatFloatShortest(1e6, "g"); // "1e+06"
 * formatFloatShortest(0.1, "g", 32); // "0.1"
 * ```
 */
export function formatFloatShortest(x: number, fmt: FloatFormat, bitSize: 32 | 64 = 64): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  if (bitSize === 32 && !Number.isFinite(Math.fround(abs))) return neg ? "-Inf" : "+Inf";
  const digits = bitSize === 32 ? shortestDigits32(abs) : shortestDigits64(abs);
  switch (fmt) {
    case "e":
    case "E":
      return fmtE(neg, digits, fmt === "E");
    case "f":
      return fmtF(neg, digits);
    case "g":
    case "G": {
      const exp = digits.dp - 1;
      // Go uses precision 6 for the %e decision in shortest mode.
      if (exp < -4 || exp >= 6) return fmtE(neg, digits, fmt === "G");
      return fmtF(neg, digits);
    }
  }
}
