/**
 * Go strings are UTF-8 bytes while JS strings are UTF-16 code units. These
 * helpers give the byte- and rune-level views Go's semantics depend on
 * (`len`, string indexing, map key order, `%5s` widths, error columns).
 *
 * @module
 */

/** The UTF-8 bytes of a string (lone surrogates become U+FFFD). */
export function utf8Encode(s: string): Uint8Array {
  return goBytes(s);
}

/** Decodes UTF-8 bytes; invalid sequences become U+FFFD, as a Go string conversion would print them. */
export function utf8Decode(bytes: Uint8Array): string {
  return goString(bytes);
}

/** True when every code unit is ASCII, which lets callers skip byte conversions. */
export function isASCII(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return false;
  }
  return true;
}

/** Length in UTF-8 bytes, as Go's `len(s)`. */
export function utf8Length(s: string): number {
  return byteLength(s);
}

/** Number of runes (code points), as Go's `utf8.RuneCountInString`. */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The first `n` runes of `s`. */
export function truncateRunes(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return s.slice(0, i);
}

/**
 * Compares two strings in Go's order (byte-wise on UTF-8, which equals code
 * point order). Plain `<` on JS strings compares UTF-16 units and misorders
 * supplementary characters against U+E000–U+FFFF.
 */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800–DFFF) encode code points above FFFF, so they must sort
    // after E000–FFFF: shift the two ranges past each other.
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Sorts strings in Go's byte-wise order (returns a new array). */
export function sortStrings(keys: readonly string[]): string[] {
  const out = keys.slice();
  // Plain ASCII keys (the usual case) sort identically with the default comparator.
  for (const k of out) {
    if (!isASCII(k)) return out.sort(compareStrings);
  }
  return out.sort();
}

/** Go's `unicode.IsSpace`. */
export function isGoSpace(cp: number): boolean {
  switch (cp) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
  }
  return cp >= 0x2000 && cp <= 0x200a;
}

/** Go's `strings.TrimSpace` / `bytes.TrimSpace` (Unicode white space, not BOM). */
export function trimGoSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Go's `strings.SplitN(s, sep, n)` for n > 0. */
export function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** Byte offset → JS index in `s` (clamped); used to slice strings by Go byte offsets. */
export function byteSlice(s: string, from: number, to: number): string {
  if (isASCII(s)) return s.slice(from, to);
  return utf8Decode(utf8Encode(s).subarray(from, to));
}

// Byte-exact conversions: Go strings may hold bytes that are not valid UTF-8.
// A byte outside a valid sequence is held as the lone surrogate U+DC00+byte
// (U+DC80..U+DCFF), so `trunc`, `b64dec` and `len` see the bytes Go sees.

const ESCAPE_BASE = 0xdc00;
const ENCODER = new TextEncoder();

/** True when the UTF-16 code unit is an escaped raw byte. */
export function isByteEscape(unit: number): boolean {
  return unit >= 0xdc80 && unit <= 0xdcff;
}

/**
 * The Go bytes of a string: UTF-8, with escaped raw bytes restored. Any other
 * lone surrogate (which cannot come from Go) becomes U+FFFD, as Go's
 * `string(rune)` conversion would.
 *
 * @example
 * ```ts
 * goBytes("é"); // Uint8Array [0xc3, 0xa9]
 * goBytes("\udcc3"); // Uint8Array [0xc3]
 * ```
 */
export function goBytes(s: string): Uint8Array {
  // Without lone surrogates (no escaped raw bytes), the native encoder gives the same bytes,
  // and it does not wait for the JIT as a loop over code units does.
  if (s.isWellFormed()) return ENCODER.encode(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
        continue;
      }
    }
    if (isByteEscape(c)) {
      out.push(c - ESCAPE_BASE);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/**
 * Decodes one UTF-8 sequence the way Go's `utf8.DecodeRune` does.
 * Returns the code point and its width, or `-1` and width 1 for an invalid byte.
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const b0 = b[i];
  if (b0 < 0x80) return [b0, 1];
  const n = b.length - i;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    if (n >= 2 && (b[i + 1] & 0xc0) === 0x80) return [((b0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
    return [-1, 1];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    // The second byte's range excludes overlong forms (E0) and surrogates (ED).
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (n >= 3 && b[i + 1] >= lo && b[i + 1] <= hi && (b[i + 2] & 0xc0) === 0x80) {
      return [((b0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
    }
    return [-1, 1];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    if (
      n >= 4 && b[i + 1] >= lo && b[i + 1] <= hi && (b[i + 2] & 0xc0) === 0x80 &&
      (b[i + 3] & 0xc0) === 0x80
    ) {
      return [
        ((b0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f),
        4,
      ];
    }
  }
  return [-1, 1];
}

/**
 * The JavaScript string for Go bytes: valid UTF-8 decodes normally and each
 * invalid byte becomes its escape (see the module comment).
 *
 * @example
 * ```ts
 * goString(new Uint8Array([0x68, 0xc3])); // "h\udcc3"
 * ```
 */
export function goString(b: Uint8Array): string {
  let out = "";
  let chunk: number[] = [];
  for (let i = 0; i < b.length;) {
    const [r, w] = decodeRune(b, i);
    chunk.push(r < 0 ? ESCAPE_BASE + b[i] : r);
    i += w;
    if (chunk.length >= 4096) {
      out += String.fromCodePoint(...chunk);
      chunk = [];
    }
  }
  return out + String.fromCodePoint(...chunk);
}

/** Go's `len(s)`: the number of bytes. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || isByteEscape(c)) n += 1;
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
