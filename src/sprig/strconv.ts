/**
 * The parts of Go's `strconv` that Sprig's conversions depend on, with Go's
 * exact acceptance rules: base prefixes, legacy octal, `_` separators, range
 * errors that clamp, and `ParseFloat`'s hex floats and `inf`/`nan` spellings.
 *
 * @module
 */

/** Why a parse failed, as Go's `strconv.ErrSyntax` / `strconv.ErrRange`. */
export type NumError = "syntax" | "range";

/** A parse result: Go returns a value even alongside `ErrRange`. */
export interface ParsedInt {
  /** The value (0 on a syntax error, clamped on a range error). */
  value: bigint;
  /** Set when Go returns an error. */
  err?: NumError;
}

/** A parse result for floats. */
export interface ParsedFloat {
  /** The value (0 on a syntax error, ±Inf on overflow). */
  value: number;
  /** Set when Go returns an error. */
  err?: NumError;
}

const lower = (c: string) => c.toLowerCase();

/** Go's `underscoreOK`: `_` may only separate digits (or follow a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "box".includes(lower(s[1]))) {
    i = 2;
    saw = "0";
    hex = lower(s[1]) === "x";
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= "0" && c <= "9") || (hex && lower(c) >= "a" && lower(c) <= "f")) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const l = lower(c).charCodeAt(0);
  if (l >= 97 && l <= 122) return l - 97 + 10;
  return 99;
}

/**
 * Go's `strconv.ParseUint(s, base, bitSize)`.
 *
 * @example
 * ```ts
 * parseUint("0x10", 0, 64); // { value: 16n }
 * ```
 */
export function parseUint(s: string, base: number, bitSize: number): ParsedInt {
  if (s === "") return { value: 0n, err: "syntax" };
  const base0 = base === 0;
  const s0 = s;
  if (base === 0) {
    base = 10;
    if (s[0] === "0") {
      const p = s.length >= 3 ? lower(s[1]) : "";
      if (p === "b") [base, s] = [2, s.slice(2)];
      else if (p === "o") [base, s] = [8, s.slice(2)];
      else if (p === "x") [base, s] = [16, s.slice(2)];
      else [base, s] = [8, s.slice(1)];
    }
  }
  if (bitSize === 0) bitSize = 64;
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const b = BigInt(base);
  let underscores = false;
  let n = 0n;
  for (const c of s) {
    if (c === "_" && base0) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return { value: 0n, err: "syntax" };
    n = n * b + BigInt(d);
    if (n > maxVal) return { value: maxVal, err: "range" };
  }
  if (underscores && !underscoreOK(s0)) return { value: 0n, err: "syntax" };
  return { value: n };
}

/**
 * Go's `strconv.ParseInt(s, base, bitSize)`; on `ErrRange` the value is clamped.
 *
 * @example
 * ```ts
 * parseInt("010", 0, 64); // { value: 8n }
 * ```
 */
export function parseInt(s: string, base: number, bitSize: number): ParsedInt {
  if (s === "") return { value: 0n, err: "syntax" };
  let neg = false;
  if (s[0] === "+") s = s.slice(1);
  else if (s[0] === "-") {
    s = s.slice(1);
    neg = true;
  }
  const un = parseUint(s, base, bitSize);
  if (un.err === "syntax") return { value: 0n, err: "syntax" };
  const cutoff = 1n << BigInt((bitSize === 0 ? 64 : bitSize) - 1);
  if (!neg && un.value >= cutoff) return { value: cutoff - 1n, err: "range" };
  if (neg && un.value > cutoff) return { value: -cutoff, err: "range" };
  return { value: neg ? -un.value : un.value };
}

/** Go's `strconv.Atoi`: base 10 only, clamped on overflow. */
export function atoi(s: string): ParsedInt {
  return parseInt(s, 10, 64);
}

/** Go's `special`: `inf`, `infinity` (either with a sign) and unsigned `nan`. */
function special(s: string): number | undefined {
  const t = s.toLowerCase();
  let sign = 1;
  let body = t;
  if (t[0] === "+" || t[0] === "-") {
    sign = t[0] === "-" ? -1 : 1;
    body = t.slice(1);
  } else if (t === "nan") return NaN;
  if (body === "inf" || body === "infinity") return sign * Infinity;
  return undefined;
}

/**
 * Go's `readFloat` syntax check: returns the literal without `_`, whether it
 * is hex, or undefined when the whole string is not a float literal.
 */
function scanFloat(s: string): { text: string; hex: boolean } | undefined {
  let i = 0;
  let underscores = false;
  if (s[i] === "+" || s[i] === "-") i++;
  let hex = false;
  if (i + 2 < s.length && s[i] === "0" && lower(s[i + 1]) === "x") {
    hex = true;
    i += 2;
  }
  let sawdot = false;
  let sawdigits = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === "_") {
      underscores = true;
      continue;
    }
    if (c === ".") {
      if (sawdot) break;
      sawdot = true;
      continue;
    }
    if ((c >= "0" && c <= "9") || (hex && lower(c) >= "a" && lower(c) <= "f")) {
      sawdigits = true;
      continue;
    }
    break;
  }
  if (!sawdigits) return undefined;
  const expChar = hex ? "p" : "e";
  if (i < s.length && lower(s[i]) === expChar) {
    i++;
    if (i >= s.length) return undefined;
    if (s[i] === "+" || s[i] === "-") i++;
    if (i >= s.length || s[i] < "0" || s[i] > "9") return undefined;
    for (; i < s.length && ((s[i] >= "0" && s[i] <= "9") || s[i] === "_"); i++) {
      if (s[i] === "_") underscores = true;
    }
  } else if (hex) {
    return undefined;
  }
  if (underscores && !underscoreOK(s.slice(0, i))) return undefined;
  if (i !== s.length) return undefined;
  return { text: s.replaceAll("_", ""), hex };
}

/** Rounds mantissa·2^exp to the nearest float64, ties to even. */
function hexToFloat(neg: boolean, mant: bigint, exp: number): number {
  if (mant === 0n) return neg ? -0 : 0;
  const bits = mant.toString(2).length;
  let shift = bits - 53;
  if (exp + shift < -1074) shift = -1074 - exp;
  if (shift > 0) {
    const b = BigInt(shift);
    const rem = mant & ((1n << b) - 1n);
    const half = 1n << (b - 1n);
    mant >>= b;
    if (rem > half || (rem === half && (mant & 1n) === 1n)) mant += 1n;
    exp += shift;
  }
  const v = Number(mant) * 2 ** exp;
  return neg ? -v : v;
}

function parseHexFloat(text: string): number {
  let i = 0;
  let neg = false;
  if (text[0] === "+" || text[0] === "-") {
    neg = text[0] === "-";
    i++;
  }
  i += 2;
  let mant = 0n;
  let fracDigits = 0;
  let sawdot = false;
  for (; i < text.length && lower(text[i]) !== "p"; i++) {
    if (text[i] === ".") {
      sawdot = true;
      continue;
    }
    mant = mant * 16n + BigInt(digitValue(text[i]));
    if (sawdot) fracDigits++;
  }
  const e = Number(text.slice(i + 1));
  // Huge exponents saturate; Go caps its accumulator the same way.
  const exp = Math.max(Math.min(e, 100000), -100000) - 4 * fracDigits;
  return hexToFloat(neg, mant, exp);
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
  const sp = special(s);
  if (sp !== undefined) return { value: sp };
  const scanned = scanFloat(s);
  if (!scanned) return { value: 0, err: "syntax" };
  const value = scanned.hex ? parseHexFloat(scanned.text) : Number(scanned.text);
  if (!Number.isFinite(value)) return { value, err: "range" };
  return { value };
}
