/**
 * UTF-8 helpers with Go's semantics.
 *
 * Go strings are byte strings; JS strings are UTF-16. Lone surrogates in a JS
 * string play the role of invalid UTF-8 in Go and become U+FFFD, and invalid
 * bytes decode one U+FFFD per byte, as `utf8.DecodeRune` does.
 *
 * @module
 */
import { decodeRune as decodeGoRune } from "../gotpl/utf8.ts";

const encoder = new TextEncoder();

/** UTF-8 bytes of `s` (lone surrogates become U+FFFD). */
export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Length in bytes of the UTF-8 encoding of code point `cp`. */
export function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Byte length of the UTF-8 encoding of `s`, as Go's `len(s)`. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * Decodes one rune at `i` like Go's `utf8.DecodeRune`: returns the code point
 * and its width, or U+FFFD with width 1 for an invalid or truncated sequence.
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const [r, w] = decodeGoRune(b, i);
  return [r < 0 ? 0xfffd : r, w];
}

/** Decodes bytes to a JS string, one U+FFFD per invalid byte (Go's `for range`). */
export function decodeUtf8Go(b: Uint8Array): string {
  let out = "";
  let chunk: number[] = [];
  for (let i = 0; i < b.length;) {
    const [cp, w] = decodeRune(b, i);
    chunk.push(cp);
    i += w;
    if (chunk.length >= 4096) {
      out += String.fromCodePoint(...chunk);
      chunk = [];
    }
  }
  return out + String.fromCodePoint(...chunk);
}

/** True when `b` is entirely valid UTF-8 (Go's `utf8.Valid`). */
export function validUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length;) {
    const [cp, w] = decodeRune(b, i);
    if (cp === 0xfffd && w === 1 && !(b[i] === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd)) {
      return false;
    }
    i += w;
  }
  return true;
}

/** Code points of a JS string; lone surrogates become U+FFFD. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

/** Compares two strings by UTF-8 bytes (code point order), like Go's `strings.Compare`. */
export function compareBytewise(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate stands for a supplementary character, which follows every
    // BMP character in code point order (UTF-16 order puts U+E000.. after it).
    const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
