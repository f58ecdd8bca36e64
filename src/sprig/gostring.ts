/**
 * Go strings are byte sequences; JavaScript strings are UTF-16. This module
 * converts between the two without losing bytes that are not valid UTF-8.
 *
 * Convention: a byte that is not part of a valid UTF-8 sequence is held in the
 * JavaScript string as the lone low surrogate `U+DC00 + byte` (U+DC80..U+DCFF),
 * the "surrogateescape" scheme. Valid Go text never contains lone surrogates
 * (Go rejects their UTF-8 encodings), so the mapping is a bijection: `trunc 1
 * "é"` keeps the single byte 0xC3, `b64dec` of binary data survives a later
 * `b64enc`, and `len` can count bytes exactly.
 *
 * @module
 */

export { byteLength, decodeRune, goBytes, goString, isByteEscape } from "../gotpl/utf8.ts";
import { goBytes, goString, isASCII as isAscii, isByteEscape } from "../gotpl/utf8.ts";

/** True when every code unit is ASCII, so bytes and code units coincide. */
export { isAscii };

/** Go's `s[start:end]` on bytes (bounds already checked by the caller). */
export function byteSlice(s: string, start: number, end?: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return goString(goBytes(s).subarray(start, end));
}

/**
 * The runes of a string as Go's `for range` yields them: code points, with an
 * escaped byte reported as U+FFFD (Go's RuneError) alongside its raw form.
 */
export function* runes(s: string): Generator<{ rune: number; text: string }> {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    yield { rune: isByteEscape(c) ? 0xfffd : c, text: ch };
  }
}

/**
 * Compares two strings as Go does (`<` on strings): byte-wise, which for
 * valid UTF-8 equals code-point order.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogate range code units order like code points.
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
    // Restart at the high half of a surrogate pair that both strings share.
    const at = i > 0 && a.charCodeAt(i - 1) >= 0xd800 && a.charCodeAt(i - 1) <= 0xdbff ? i - 1 : i;
    return compareBytes(goBytes(a.slice(at)), goBytes(b.slice(at)));
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const LONE_BYTE_ESCAPE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** True when the string holds at least one escaped raw byte. */
export function hasByteEscape(s: string): boolean {
  return LONE_BYTE_ESCAPE.test(s);
}

/**
 * The canonical form of a string: escaped bytes that together spell valid
 * UTF-8 (after concatenation, e.g. `"\xc3" + "\xa9"`) become the character,
 * as they are the same bytes in Go.
 */
export function canonical(s: string): string {
  return hasByteEscape(s) ? goString(goBytes(s)) : s;
}

/** Index of needle in haystack, comparing bytes, from a byte offset; -1 if absent. */
export function bytesIndexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
