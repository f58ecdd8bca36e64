/**
 * Sprig's integer and float arithmetic and integer sequences.
 *
 * Integer functions convert every operand with cast.ToInt64 (floats
 * truncate, `"08"` is 0) and return int64 with Go's wrap-around; float
 * functions go through shopspring/decimal and return float64. `randInt` is in
 * the random family.
 *
 * @module
 */

import { type FuncMap, goFunc, GoInt, withGoType } from "../gotpl/value.ts";
import { intArg, toFloat64, toInt64 } from "./cast.ts";
import * as decimal from "./decimal.ts";

const ANY = "interface {}";

function int64(n: bigint): GoInt {
  return new GoInt(n, "int64");
}

function checkedDivisor(b: bigint): bigint {
  if (b === 0n) throw new Error("runtime error: integer divide by zero");
  return b;
}

/** Sprig's `execDecimalOp`: folds the operands as decimals, then back to the nearest float64. */
function decimalFold(
  first: unknown,
  rest: unknown[],
  op: (a: decimal.Decimal, b: decimal.Decimal) => decimal.Decimal,
) {
  let acc = decimal.fromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, decimal.fromFloat(toFloat64(x)));
  return decimal.toFloat(acc);
}

const float64Buf = new DataView(new ArrayBuffer(8));

/** Go's `math.Frexp` for finite non-zero x: x = frac · 2^exp with |frac| in [0.5, 1). */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52;
    exp = -52;
  }
  float64Buf.setFloat64(0, x);
  const hi = float64Buf.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  float64Buf.setUint32(0, (hi & ~(0x7ff << 20)) | (1022 << 20));
  return [float64Buf.getFloat64(0), exp];
}

/** frac · 2^exp without overflowing the intermediate power of two. */
function ldexp(frac: number, exp: number): number {
  while (exp > 1000) {
    frac *= 2 ** 1000;
    exp -= 1000;
  }
  while (exp < -1000) {
    frac *= 2 ** -1000;
    exp += 1000;
  }
  return frac * 2 ** exp;
}

/**
 * Go's `math.Pow(x, y)` for an integral y, by the same repeated squaring on
 * mantissas, so `round`'s scaling factor matches Go bit for bit.
 */
export function goPowInt(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(y) >= 2 ** 63) return x ** y;
  let [x1, xe] = frexp(x);
  let a1 = 1;
  let ae = 0;
  for (let i = BigInt(Math.abs(y)); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      // Certain underflow or overflow, as Go decides it.
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** Sprig's `round(a, p, roundOn=.5)`: scale, then Ceil when the fraction reaches roundOn, else Floor. */
export function round(a: unknown, places: number, roundOn = 0.5): number {
  const val = toFloat64(a);
  const pow = goPowInt(10, places);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

/** Sprig's `untilStep`: start, start+step, … up to (excluding) stop, as Go `[]int`. */
export function untilStep(start: number, stop: number, step: number): GoInt[] {
  const out: GoInt[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop; i += step) out.push(GoInt.of(i, "int"));
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop; i += step) out.push(GoInt.of(i, "int"));
  return out;
}

function intSlice(xs: GoInt[]): GoInt[] {
  return withGoType(xs, "[]int");
}

/** Sprig's `seq`: like GNU seq — `seq 5`, `seq 2 5`, `seq 0 2 10` — as a space-separated string. */
export function seq(...params: number[]): string {
  const join = (xs: GoInt[]) => xs.join(" ");
  switch (params.length) {
    case 1: {
      const start = 1;
      const end = params[0];
      const inc = end < start ? -1 : 1;
      return join(untilStep(start, end + inc, inc));
    }
    case 2: {
      const [start, end] = params;
      const step = end < start ? -1 : 1;
      return join(untilStep(start, end + step, step));
    }
    case 3: {
      const [start, step, end] = params;
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return "";
      }
      return join(untilStep(start, end + inc, step));
    }
  }
  return "";
}

const addF = goFunc([ANY], (...xs: unknown[]) => int64(xs.reduce<bigint>((a, x) => a + toInt64(x), 0n)), {
  variadic: true,
});

const maxF = goFunc([ANY, ANY], (a: unknown, ...xs: unknown[]) => {
  let m = toInt64(a);
  for (const x of xs) {
    const v = toInt64(x);
    if (v > m) m = v;
  }
  return int64(m);
}, { variadic: true });

/** Sprig's math functions. */
export const mathFuncs: FuncMap = {
  add1: goFunc([ANY], (a: unknown) => int64(toInt64(a) + 1n)),
  add: addF,
  sub: goFunc([ANY, ANY], (a: unknown, b: unknown) => int64(toInt64(a) - toInt64(b))),
  div: goFunc([ANY, ANY], (a: unknown, b: unknown) => int64(toInt64(a) / checkedDivisor(toInt64(b)))),
  mod: goFunc([ANY, ANY], (a: unknown, b: unknown) => int64(toInt64(a) % checkedDivisor(toInt64(b)))),
  mul: goFunc([ANY, ANY], (a: unknown, ...xs: unknown[]) => {
    let v = toInt64(a);
    for (const x of xs) v = BigInt.asIntN(64, v * toInt64(x));
    return int64(v);
  }, { variadic: true }),
  biggest: maxF,
  max: maxF,
  min: goFunc([ANY, ANY], (a: unknown, ...xs: unknown[]) => {
    let m = toInt64(a);
    for (const x of xs) {
      const v = toInt64(x);
      if (v < m) m = v;
    }
    return int64(m);
  }, { variadic: true }),
  add1f: goFunc([ANY], (a: unknown) => decimalFold(a, [1], decimal.add)),
  addf: goFunc([ANY], (...xs: unknown[]) => decimalFold(0, xs, decimal.add), { variadic: true }),
  subf: goFunc([ANY, ANY], (a: unknown, ...xs: unknown[]) => decimalFold(a, xs, decimal.sub), {
    variadic: true,
  }),
  divf: goFunc([ANY, ANY], (a: unknown, ...xs: unknown[]) => decimalFold(a, xs, decimal.div), {
    variadic: true,
  }),
  mulf: goFunc([ANY, ANY], (a: unknown, ...xs: unknown[]) => decimalFold(a, xs, decimal.mul), {
    variadic: true,
  }),
  maxf: goFunc(
    [ANY, ANY],
    (a: unknown, ...xs: unknown[]) => xs.reduce<number>((m, x) => goMax(m, toFloat64(x)), toFloat64(a)),
    {
      variadic: true,
    },
  ),
  minf: goFunc(
    [ANY, ANY],
    (a: unknown, ...xs: unknown[]) => xs.reduce<number>((m, x) => goMin(m, toFloat64(x)), toFloat64(a)),
    {
      variadic: true,
    },
  ),
  ceil: goFunc([ANY], (a: unknown) => Math.ceil(toFloat64(a))),
  floor: goFunc([ANY], (a: unknown) => Math.floor(toFloat64(a))),
  round: goFunc(
    [ANY, "int", "float64"],
    (a: unknown, p: unknown, ...on: unknown[]) => round(a, intArg(p), on.length > 0 ? Number(on[0]) : 0.5),
    { variadic: true },
  ),
  until: goFunc(["int"], (n: unknown) => {
    const count = intArg(n);
    return intSlice(untilStep(0, count, count < 0 ? -1 : 1));
  }),
  untilStep: goFunc(
    ["int", "int", "int"],
    (a: unknown, b: unknown, c: unknown) => intSlice(untilStep(intArg(a), intArg(b), intArg(c))),
  ),
  seq: goFunc(["int"], (...ps: unknown[]) => seq(...ps.map(intArg)), { variadic: true }),
};

/** Go's `math.Max`: +Inf beats NaN, then NaN wins, +0 beats -0. */
function goMax(a: number, b: number): number {
  if (a === Infinity || b === Infinity) return Infinity;
  return Math.max(a, b);
}

/** Go's `math.Min`: -Inf beats NaN, then NaN wins, -0 beats +0. */
function goMin(a: number, b: number): number {
  if (a === -Infinity || b === -Infinity) return -Infinity;
  return Math.min(a, b);
}
