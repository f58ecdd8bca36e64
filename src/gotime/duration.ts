/**
 * Go's `time.Duration` (int64 nanoseconds) as a bigint: `ParseDuration`,
 * `String()` and `Round`, with Go's overflow and error behaviour.
 *
 * @module
 */

/** One nanosecond, the unit of a duration. */
export const NANOSECOND = 1n;
/** Nanoseconds in a microsecond. */
export const MICROSECOND = 1000n;
/** Nanoseconds in a millisecond. */
export const MILLISECOND = 1000000n;
/** Nanoseconds in a second. */
export const SECOND = 1000000000n;
/** Nanoseconds in a minute. */
export const MINUTE = 60n * SECOND;
/** Nanoseconds in an hour. */
export const HOUR = 60n * MINUTE;

const MIN_DURATION = -(1n << 63n);
const MAX_DURATION = (1n << 63n) - 1n;

/** Wraps to int64 as Go's arithmetic does. */
export function int64(x: bigint): bigint {
  return BigInt.asIntN(64, x);
}

/** Go `time` package's own `quote` (non-ASCII and control bytes as `\xNN`), used in its error messages. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += "\\x" + b.toString(16).padStart(2, "0");
    } else {
      if (ch === '"' || ch === "\\") out += "\\";
      out += ch;
    }
  }
  return out + '"';
}

/** Go's fraction printer: digits of v below `prec`, trailing zeros and a bare point dropped. */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = "";
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print ||= digit !== 0n;
    if (print) digits = String(digit) + digits;
    v /= 10n;
  }
  return [print ? "." + digits : "", v];
}

/**
 * Go's `Duration.String()`: `72h3m0.5s`, `1.5µs`, `0s`.
 *
 * @example
 * ```ts
 * formatDuration(95n * SECOND); // "1m35s"
 * ```
 */
export function formatDuration(d: bigint): string {
  d = int64(d);
  const neg = d < 0n;
  // Go negates as uint64, so the minimum duration keeps its magnitude.
  let u = BigInt.asUintN(64, neg ? -d : d);
  let out: string;
  if (u < SECOND) {
    if (u === 0n) return "0s";
    let prec: number;
    let unit: string;
    if (u < MICROSECOND) {
      prec = 0;
      unit = "ns";
    } else if (u < MILLISECOND) {
      prec = 3;
      unit = "µs";
    } else {
      prec = 6;
      unit = "ms";
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = String(rest) + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = String(u % 60n) + frac + "s";
    u /= 60n;
    if (u > 0n) {
      out = String(u % 60n) + "m" + out;
      u /= 60n;
      // Hours are the largest unit because days vary in length.
      if (u > 0n) out = String(u) + "h" + out;
    }
  }
  return neg ? "-" + out : out;
}

const UNITS: Record<string, bigint> = {
  ns: NANOSECOND,
  us: MICROSECOND,
  "µs": MICROSECOND, // U+00B5 micro sign
  "μs": MICROSECOND, // U+03BC Greek mu
  ms: MILLISECOND,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

const LIMIT = 1n << 63n;

/** A duration string Go rejects; the message is Go's (`time: invalid duration "x"`). */
export class DurationError extends Error {
  /** Go's `time: MESSAGE "VALUE"`. */
  constructor(message: string, value: string) {
    super(`time: ${message} ${timeQuote(value)}`);
    this.name = "DurationError";
  }
}

/**
 * Go's `time.ParseDuration`: signed decimal numbers with units
 * `ns us µs ms s m h`, e.g. `1h30m`, `-1.5h`, `300ms`.
 *
 * @throws {DurationError} with Go's message.
 */
export function parseDuration(s: string): bigint {
  const orig = s;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw new DurationError("invalid duration", orig);
  let d = 0n;
  while (s !== "") {
    if (!(s[0] === "." || (s[0] >= "0" && s[0] <= "9"))) throw new DurationError("invalid duration", orig);
    // Integer part, rejecting values beyond 2^63.
    let i = 0;
    let v = 0n;
    for (; i < s.length && s[i] >= "0" && s[i] <= "9"; i++) {
      if (v > LIMIT / 10n) throw new DurationError("invalid duration", orig);
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > LIMIT) throw new DurationError("invalid duration", orig);
    }
    const pre = i > 0;
    s = s.slice(i);
    // Fraction: digits beyond int64 precision are read but ignored.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && s[j] >= "0" && s[j] <= "9"; j++) {
        if (overflow) continue;
        if (f > (LIMIT - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > LIMIT) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw new DurationError("invalid duration", orig);
    let k = 0;
    while (k < s.length && s[k] !== "." && !(s[k] >= "0" && s[k] <= "9")) k++;
    if (k === 0) throw new DurationError("missing unit in duration", orig);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[u];
    if (unit === undefined) throw new DurationError(`unknown unit ${timeQuote(u)} in duration`, orig);
    if (v > LIMIT / unit) throw new DurationError("invalid duration", orig);
    v *= unit;
    if (f > 0n) {
      // Go does this part in float64.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) throw new DurationError("invalid duration", orig);
    }
    d += v;
    if (d > LIMIT) throw new DurationError("invalid duration", orig);
  }
  if (neg) return int64(-d);
  if (d > MAX_DURATION) throw new DurationError("invalid duration", orig);
  return d;
}

/** Go's `Duration.Round(m)`: halves away from zero, saturating on overflow. */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  const lessThanHalf = (x: bigint, y: bigint) => BigInt.asUintN(64, x + x) < BigInt.asUintN(64, y);
  if (d < 0n) {
    r = -r;
    if (lessThanHalf(r, m)) return d + r;
    const d1 = int64(d - m + r);
    return d1 < d ? d1 : MIN_DURATION;
  }
  if (lessThanHalf(r, m)) return d - r;
  const d1 = int64(d + m - r);
  return d1 > d ? d1 : MAX_DURATION;
}
