/**
 * Exact rationals (Go's `big.Rat` as the validator uses it): numeric
 * keywords compare the decimal text of both numbers, never float64s.
 *
 * @module
 */

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A normalised fraction num/den with den > 0. */
export class Rat {
  /** Numerator. */
  readonly num: bigint;
  /** Denominator, always positive. */
  readonly den: bigint;

  /** Builds num/den, normalised. */
  constructor(num: bigint, den: bigint = 1n) {
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num, den) || 1n;
    this.num = num / g;
    this.den = den / g;
  }

  /** `Rat.SetString` for decimal text (`-1.5e3`); undefined when it is not a number. */
  static parse(s: string): Rat | undefined {
    const m = DECIMAL.exec(s);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
    const frac = m[3] ?? "";
    let num = BigInt((m[2] || "0") + frac);
    if (m[1] === "-") num = -num;
    const exp = (m[4] ? Number(m[4]) : 0) - frac.length;
    if (Math.abs(exp) > 100_000) return undefined;
    let den = 1n;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den = 10n ** BigInt(-exp);
    return new Rat(num, den);
  }

  /** Compares with another rational: -1, 0 or 1. */
  cmp(o: Rat): number {
    const a = this.num * o.den;
    const b = o.num * this.den;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Whether the value is a whole number. */
  isInt(): boolean {
    return this.den === 1n;
  }

  /** Whether this / o is a whole number (o ≠ 0). */
  isMultipleOf(o: Rat): boolean {
    if (o.num === 0n) return false;
    return (this.num * o.den) % (this.den * o.num) === 0n;
  }

  /** The nearest float64 (`Rat.Float64`). */
  toFloat(): number {
    if (this.den === 1n) return Number(this.num);
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d) && Math.abs(n) < 2 ** 53 && d < 2 ** 53) return n / d;
    // Large terms: go through decimal text, which JavaScript rounds correctly.
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const scale = 40n;
    const q = (abs * 10n ** scale) / this.den;
    const digits = q.toString();
    return (neg ? -1 : 1) * Number(`${digits}e-${scale}`);
  }
}
