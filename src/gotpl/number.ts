/**
 * Go's strconv number parsing (`ParseInt`, `ParseUint`, `ParseFloat`) with
 * Go's accepted syntax (base prefixes, legacy octal, `_` separators, hex
 * floats) and Go's error kinds.
 *
 * @module
 */

/** Why a parse failed: `"syntax"` (strconv.ErrSyntax) or `"range"` (strconv.ErrRange). */
export type NumErrorKind = "syntax" | "range";

/** Result of a Go number parse: a value, or the error kind (Go then also returns a clamped value). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; err: NumErrorKind; value: T };

function lower(c: number): number {
  return c | 0x20;
}

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
export function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === "0") {
    const c = lower(s.charCodeAt(1));
    if (c === 0x62 || c === 0x6f || c === 0x78) {
      i = 2;
      saw = "0";
      hex = c === 0x78;
    }
  }
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (hex && lower(c) >= 0x61 && lower(c) <= 0x66)) {
      saw = "0";
      continue;
    }
    if (c === 0x5f) {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/**
 * Go's `strconv.ParseUint(s, base, bitSize)`; base 0 reads `0x`, `0o`, `0b`
 * and a leading `0` (octal) prefixes and allows `_` separators.
 */
export function parseUint(s: string, base = 0, bitSize = 64): ParseResult<bigint> {
  if (s === "") return { ok: false, err: "syntax", value: 0n };
  const base0 = base === 0;
  const s0 = s;
  if (base === 0) {
    base = 10;
    if (s[0] === "0") {
      const c = s.length >= 3 ? lower(s.charCodeAt(1)) : 0;
      if (c === 0x62) {
        base = 2;
        s = s.slice(2);
      } else if (c === 0x6f) {
        base = 8;
        s = s.slice(2);
      } else if (c === 0x78) {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  } else if (base < 2 || base > 36) {
    return { ok: false, err: "syntax", value: 0n };
  }
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const b = BigInt(base);
  let underscores = false;
  let n = 0n;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c === 0x5f && base0) {
      underscores = true;
      continue;
    } else if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (lower(c) >= 0x61 && lower(c) <= 0x7a) d = lower(c) - 0x61 + 10;
    else return { ok: false, err: "syntax", value: 0n };
    if (d >= base) return { ok: false, err: "syntax", value: 0n };
    n = n * b + BigInt(d);
    if (n > maxVal) return { ok: false, err: "range", value: maxVal };
  }
  if (underscores && !underscoreOK(s0)) return { ok: false, err: "syntax", value: 0n };
  return { ok: true, value: n };
}

/** Go's `strconv.ParseInt(s, base, bitSize)` (an optional sign, then as {@link parseUint}). */
export function parseInt(s: string, base = 0, bitSize = 64): ParseResult<bigint> {
  if (s === "") return { ok: false, err: "syntax", value: 0n };
  let neg = false;
  let body = s;
  if (s[0] === "+") body = s.slice(1);
  else if (s[0] === "-") {
    neg = true;
    body = s.slice(1);
  }
  const u = parseUint(body, base, bitSize);
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!u.ok && u.err !== "range") return { ok: false, err: u.err, value: 0n };
  if (!u.ok || (!neg && u.value >= cutoff)) {
    return { ok: false, err: "range", value: neg ? -cutoff : cutoff - 1n };
  }
  if (neg && u.value > cutoff) return { ok: false, err: "range", value: -cutoff };
  return { ok: true, value: neg ? -u.value : u.value };
}

interface Scanned {
  ok: boolean;
  /** Characters consumed. */
  n: number;
  neg: boolean;
  hex: boolean;
  /** Digits without separators, sign, prefix or exponent (hex digits when hex). */
  digits: string;
  /** Position of the point within digits, or -1. */
  point: number;
  /** Exponent (decimal for decimal numbers, binary for hex). */
  exp: number;
}

/** Go's readFloat: the syntax check, returning what it consumed. */
function readFloat(s: string): Scanned {
  const r: Scanned = { ok: false, n: 0, neg: false, hex: false, digits: "", point: -1, exp: 0 };
  let i = 0;
  let underscores = false;
  if (i >= s.length) return r;
  if (s[i] === "+") i++;
  else if (s[i] === "-") {
    i++;
    r.neg = true;
  }
  let expChar = 0x65;
  if (i + 2 < s.length && s[i] === "0" && lower(s.charCodeAt(i + 1)) === 0x78) {
    i += 2;
    expChar = 0x70;
    r.hex = true;
  }
  let sawdot = false;
  let sawdigits = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      underscores = true;
      continue;
    }
    if (c === 0x2e) {
      if (sawdot) break;
      sawdot = true;
      r.point = r.digits.length;
      continue;
    }
    if ((c >= 0x30 && c <= 0x39) || (r.hex && lower(c) >= 0x61 && lower(c) <= 0x66)) {
      sawdigits = true;
      r.digits += s[i];
      continue;
    }
    break;
  }
  r.n = i;
  if (!sawdigits) return r;
  if (i < s.length && lower(s.charCodeAt(i)) === expChar) {
    i++;
    if (i >= s.length) return r;
    let esign = 1;
    if (s[i] === "+") i++;
    else if (s[i] === "-") {
      i++;
      esign = -1;
    }
    if (i >= s.length || s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return r;
    let e = 0;
    for (; i < s.length && ((s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) || s[i] === "_"); i++) {
      if (s[i] === "_") {
        underscores = true;
        continue;
      }
      if (e < 10000) e = e * 10 + (s.charCodeAt(i) - 0x30);
    }
    r.exp = e * esign;
  } else if (r.hex) {
    r.n = i;
    return r;
  }
  r.n = i;
  if (underscores && !underscoreOK(s.slice(0, i))) return r;
  r.ok = true;
  return r;
}

function special(s: string): number | undefined {
  let t = s;
  let sign = 1;
  if (t[0] === "+" || t[0] === "-") {
    if (t[0] === "-") sign = -1;
    t = t.slice(1);
  }
  const l = t.toLowerCase();
  if (l === "inf" || l === "infinity") return sign * Infinity;
  if (l === "nan" && s === t) return NaN;
  return undefined;
}

function hexToFloat(sc: Scanned): number {
  const digits = sc.digits;
  const frac = sc.point < 0 ? 0 : digits.length - sc.point;
  const m = BigInt("0x" + (digits || "0"));
  if (m === 0n) return sc.neg ? -0 : 0;
  // value = m × 2^e2, rounded once to 53 bits (fewer for subnormals), ties to even.
  const e2 = sc.exp - 4 * frac;
  const bits = m.toString(2).length;
  const shift = Math.max(bits - 53, -1074 - e2);
  let q = m;
  let e = e2;
  if (shift > 0) {
    const sh = BigInt(shift);
    q = m >> sh;
    const rem = m & ((1n << sh) - 1n);
    const half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    e += shift;
  }
  let f = Number(q);
  while (e > 0 && f !== Infinity) {
    const k = Math.min(e, 1000);
    f *= 2 ** k;
    e -= k;
  }
  while (e < 0) {
    const k = Math.min(-e, 1000);
    f /= 2 ** k;
    e += k;
  }
  return sc.neg ? -f : f;
}

/**
 * Go's `strconv.ParseFloat(s, 64)`: decimal and hex (`0x1p-2`) forms,
 * `_` separators, `inf`/`nan`. Overflow gives ±Inf with a range error.
 */
export function parseFloat(s: string): ParseResult<number> {
  const sp = special(s);
  if (sp !== undefined) return { ok: true, value: sp };
  const sc = readFloat(s);
  if (!sc.ok || sc.n !== s.length) return { ok: false, err: "syntax", value: 0 };
  let f: number;
  if (sc.hex) f = hexToFloat(sc);
  else {
    const mant = sc.point < 0 ? sc.digits : sc.digits.slice(0, sc.point) + "." + sc.digits.slice(sc.point);
    f = Number((sc.neg ? "-" : "") + mant + "e" + sc.exp);
  }
  if (!Number.isFinite(f)) return { ok: false, err: "range", value: f };
  return { ok: true, value: f };
}
