/**
 * The arithmetic of shopspring/decimal v1.4.0 that Sprig's float functions
 * (`addf`, `subf`, `mulf`, `divf`, `add1f`) use: exact decimal add, sub and
 * mul, division rounded half away from zero to 16 places, and conversion back
 * to the nearest float64.
 *
 * @module
 */

/** An exact decimal `value · 10^exp`. */
export interface Decimal {
  /** The unscaled integer. */
  readonly value: bigint;
  /** The power of ten it is scaled by. */
  readonly exp: number;
}

/** Go's `decimal.DivisionPrecision`. */
const DIVISION_PRECISION = 16;

/**
 * `decimal.NewFromFloat`: the shortest decimal that round-trips to the float
 * (JavaScript's number-to-string produces the same digits as Go's).
 * Panics, as Go does, on NaN and infinities.
 */
export function fromFloat(f: number): Decimal {
  if (Number.isNaN(f) || !Number.isFinite(f)) {
    throw new Error(`Cannot create a Decimal from ${f > 0 ? "+Inf" : f < 0 ? "-Inf" : "NaN"}`);
  }
  if (f === 0) return { value: 0n, exp: 0 };
  const [mant, e] = f.toExponential().split("e");
  const digits = mant.replace(".", "").replace("-", "");
  const fracLen = mant.includes(".") ? mant.split(".")[1].length : 0;
  const value = BigInt(digits) * (f < 0 ? -1n : 1n);
  return { value, exp: Number(e) - fracLen };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function rescalePair(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.exp === b.exp) return [a.value, b.value, a.exp];
  if (a.exp < b.exp) return [a.value, b.value * pow10(b.exp - a.exp), a.exp];
  return [a.value * pow10(a.exp - b.exp), b.value, b.exp];
}

/** `d.Add(d2)`. */
export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = rescalePair(a, b);
  return { value: x + y, exp };
}

/** `d.Sub(d2)`. */
export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = rescalePair(a, b);
  return { value: x - y, exp };
}

/** `d.Mul(d2)`. */
export function mul(a: Decimal, b: Decimal): Decimal {
  return { value: a.value * b.value, exp: a.exp + b.exp };
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function cmp(a: Decimal, b: Decimal): number {
  const [x, y] = rescalePair(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `d.Div(d2)` = `DivRound(d2, 16)`: the quotient truncated to 16 places, then
 * rounded away from zero when the remainder is at least half a unit.
 */
export function div(a: Decimal, b: Decimal): Decimal {
  if (b.value === 0n) throw new Error("decimal division by 0");
  const precision = DIVISION_PRECISION;
  const scale = -precision;
  const e = a.exp - b.exp - scale;
  let aa: bigint;
  let bb: bigint;
  let scaleRest: number;
  if (e < 0) {
    aa = a.value;
    bb = b.value * pow10(-e);
    scaleRest = a.exp;
  } else {
    aa = a.value * pow10(e);
    bb = b.value;
    scaleRest = scale + b.exp;
  }
  // BigInt division truncates toward zero, like big.Int.QuoRem.
  const q = aa / bb;
  const r = aa % bb;
  const quotient: Decimal = { value: q, exp: scale };
  const twiceRest: Decimal = { value: abs(r) * 2n, exp: scaleRest + precision };
  if (cmp(twiceRest, { value: abs(b.value), exp: b.exp }) < 0) return quotient;
  const unit: Decimal = { value: 1n, exp: -precision };
  const negative = (a.value < 0n) !== (b.value < 0n) && a.value !== 0n;
  return negative ? sub(quotient, unit) : add(quotient, unit);
}

/** `d.Float64()`: the nearest float64 (big.Rat rounding); zero is always +0. */
export function toFloat(d: Decimal): number {
  if (d.value === 0n) return 0;
  return Number(`${d.value}e${d.exp}`);
}
