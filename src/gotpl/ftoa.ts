/**
 * Go's `strconv.FormatFloat`: float → decimal text with Go's exact rounding
 * (round half to even on the exact binary value) and Go's layouts (`1e+06`,
 * `-0`, `+Inf`, `NaN`, `0x1.8p+01`).
 *
 * @module
 */

/** A decimal digit string with the decimal point after `dp` digits (value = 0.d × 10^dp). */
interface Decimal {
  d: string;
  dp: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

interface Bits {
  neg: boolean;
  /** Biased exponent field. */
  expField: number;
  mant: bigint;
}

function bits64(x: number): Bits {
  f64[0] = x;
  const b = u64[0];
  return { neg: (b >> 63n) !== 0n, expField: Number((b >> 52n) & 0x7ffn), mant: b & 0xfffffffffffffn };
}

function bits32(x: number): Bits {
  f32[0] = x;
  const b = u32[0];
  return { neg: b >>> 31 !== 0, expField: (b >>> 23) & 0xff, mant: BigInt(b & 0x7fffff) };
}

/** Exact decimal expansion of mant × 2^e2 (mant > 0). */
function exactDecimal(mant: bigint, e2: number): Decimal {
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    // mant / 2^k = mant × 5^k / 10^k
    const k = -e2;
    digits = (mant * 5n ** BigInt(k)).toString();
    dp = digits.length - k;
  }
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end--;
  return { d: digits.slice(0, end), dp };
}

/** Shortest digits that round-trip (float64 via the JS algorithm, which is also shortest-closest). */
function shortest64(x: number): Decimal {
  const s = Math.abs(x).toExponential();
  const e = s.indexOf("e");
  const mantissa = s.slice(0, e).replace(".", "");
  const exp = Number(s.slice(e + 1));
  let end = mantissa.length;
  while (end > 1 && mantissa.charCodeAt(end - 1) === 0x30) end--;
  return { d: mantissa.slice(0, end), dp: exp + 1 };
}

function shortest32(x: number): Decimal {
  const a = Math.abs(x);
  for (let p = 1; p <= 9; p++) {
    const s = a.toExponential(p - 1);
    if (Math.fround(Number(s)) === a) {
      const e = s.indexOf("e");
      const mantissa = s.slice(0, e).replace(".", "");
      let end = mantissa.length;
      while (end > 1 && mantissa.charCodeAt(end - 1) === 0x30) end--;
      return { d: mantissa.slice(0, end), dp: Number(s.slice(e + 1)) + 1 };
    }
  }
  return shortest64(a);
}

/** Go's decimal.Round(nd): round to nd digits, half to even on exact ties. */
function roundDecimal(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const c = a.d.charCodeAt(nd);
  let up: boolean;
  if (c === 0x35 && nd + 1 === a.d.length) {
    up = nd > 0 && (a.d.charCodeAt(nd - 1) - 0x30) % 2 === 1;
  } else {
    up = c >= 0x35;
  }
  if (!up) {
    let end = nd;
    while (end > 0 && a.d.charCodeAt(end - 1) === 0x30) end--;
    return { d: a.d.slice(0, end), dp: end === 0 ? 0 : a.dp };
  }
  let i = nd - 1;
  while (i >= 0 && a.d.charCodeAt(i) === 0x39) i--;
  if (i < 0) return { d: "1", dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
}

function fmtE(neg: boolean, d: Decimal, prec: number, fmt: string): string {
  let out = neg ? "-" : "";
  const nd = d.d.length;
  out += nd !== 0 ? d.d[0] : "0";
  if (prec > 0) {
    out += ".";
    let i = 1;
    const m = Math.min(nd, prec + 1);
    if (i < m) {
      out += d.d.slice(i, m);
      i = m;
    }
    for (; i <= prec; i++) out += "0";
  }
  out += fmt;
  let exp = nd === 0 ? 0 : d.dp - 1;
  if (exp < 0) {
    out += "-";
    exp = -exp;
  } else out += "+";
  return out + (exp < 10 ? "0" + exp : String(exp));
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? "-" : "";
  const nd = d.d.length;
  if (d.dp > 0) {
    const m = Math.min(nd, d.dp);
    out += d.d.slice(0, m);
    if (m < d.dp) out += "0".repeat(d.dp - m);
  } else out += "0";
  if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) {
      const j = d.dp + i;
      out += j >= 0 && j < nd ? d.d[j] : "0";
    }
  }
  return out;
}

function formatDigits(shortest: boolean, neg: boolean, d: Decimal, prec: number, fmt: string): string {
  switch (fmt) {
    case "e":
    case "E":
      return fmtE(neg, d, prec, fmt);
    case "f":
      return fmtF(neg, d, prec);
    case "g":
    case "G": {
      const nd = d.d.length;
      let eprec = prec;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, d, prec - 1, fmt === "g" ? "e" : "E");
      }
      if (prec > d.dp) prec = nd;
      return fmtF(neg, d, Math.max(prec - d.dp, 0));
    }
  }
  return "%" + fmt;
}

function fmtB(neg: boolean, mant: bigint, exp: number, mantBits: number): string {
  const e = exp - mantBits;
  return (neg ? "-" : "") + mant.toString() + "p" + (e >= 0 ? "+" : "") + e;
}

function fmtX(prec: number, fmt: string, neg: boolean, mant: bigint, exp: number, mantBits: number): string {
  if (mant === 0n) exp = 0;
  const MASK = (1n << 64n) - 1n;
  mant = (mant << BigInt(60 - mantBits)) & MASK;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant = (mant << 1n) & MASK;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant = (mant << (60n - shift)) & MASK;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === "X" ? "0123456789ABCDEF" : "0123456789abcdef";
  let out = (neg ? "-" : "") + "0" + fmt + String(Number((mant >> 60n) & 1n));
  mant = (mant << 4n) & MASK;
  if (prec < 0 && mant !== 0n) {
    out += ".";
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK;
    }
  } else if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK;
    }
  }
  out += fmt === "X" ? "P" : "p";
  if (exp < 0) {
    out += "-";
    exp = -exp;
  } else out += "+";
  return out + (exp < 10 ? "0" + exp : String(exp));
}

/** The format characters {@link formatFloat} accepts. */
export type FloatFormat = "e" | "E" | "f" | "g" | "G" | "b" | "x" | "X";

/**
 * Go's `strconv.FormatFloat(x, fmt, prec, bitSize)`. A precision of -1 gives
 * the shortest text that parses back to the same value.
 *
 * @example
 * ```ts
 * formatFloat(1e6, "g", -1, 64); // "1e+06"
 * formatFloat(0.125, "f", 2, 64); // "0.12" (ties round to even)
 * ```
 */
export function formatFloat(x: number, fmt: FloatFormat, prec: number, bitSize: 32 | 64 = 64): string {
  if (bitSize === 32) x = Math.fround(x);
  const b = bitSize === 32 ? bits32(x) : bits64(x);
  const expBits = bitSize === 32 ? 8 : 11;
  const mantBits = bitSize === 32 ? 23 : 52;
  const bias = bitSize === 32 ? -127 : -1023;
  if (b.expField === (1 << expBits) - 1) {
    if (b.mant !== 0n) return "NaN";
    return b.neg ? "-Inf" : "+Inf";
  }
  let exp = b.expField;
  let mant = b.mant;
  if (exp === 0) exp++;
  else mant |= 1n << BigInt(mantBits);
  exp += bias;
  if (fmt === "b") return fmtB(b.neg, mant, exp, mantBits);
  if (fmt === "x" || fmt === "X") return fmtX(prec, fmt, b.neg, mant, exp, mantBits);
  const shortest = prec < 0;
  if (mant === 0n) return formatDigits(shortest, b.neg, { d: "", dp: 0 }, prec, fmt);
  let d: Decimal;
  if (shortest) {
    d = bitSize === 32 ? shortest32(x) : shortest64(x);
    switch (fmt) {
      case "e":
      case "E":
        prec = Math.max(d.d.length - 1, 0);
        break;
      case "f":
        prec = Math.max(d.d.length - d.dp, 0);
        break;
      case "g":
      case "G":
        prec = d.d.length;
        break;
    }
  } else {
    d = exactDecimal(mant, exp - mantBits);
    switch (fmt) {
      case "e":
      case "E":
        d = roundDecimal(d, prec + 1);
        break;
      case "f":
        d = roundDecimal(d, d.dp + prec);
        break;
      case "g":
      case "G":
        if (prec === 0) prec = 1;
        d = roundDecimal(d, prec);
        break;
    }
  }
  return formatDigits(shortest, b.neg, d, prec, fmt);
}

/** Go's `%v` of a float64 (`strconv.FormatFloat(x, 'g', -1, 64)`), with a fast path for small integers. */
export function formatFloat64(x: number): string {
  if (Number.isInteger(x) && x < 1e21 && x > -1e21) {
    if (x >= 0 ? x < 1e6 : x > -1e6) return Object.is(x, -0) ? "-0" : String(x);
  }
  return formatFloat(x, "g", -1, 64);
}
