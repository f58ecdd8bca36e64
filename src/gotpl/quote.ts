/**
 * Go's strconv quoting: `Quote`, `QuoteToASCII`, `QuoteRune`, `Unquote`,
 * `UnquoteChar`, `CanBackquote` and `IsPrint`, over JS strings.
 *
 * @module
 */

import { utf8Decode, utf8Encode } from "./utf8.ts";

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const HEX = "0123456789abcdef";

/** Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp > 0x10ffff) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hexDigits(n: number, width: number): string {
  let s = n.toString(16);
  while (s.length < width) s = "0" + s;
  return s;
}

function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 0x5c) return "\\" + String.fromCharCode(r);
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return String.fromCharCode(r);
  } else if (isPrint(r)) {
    return String.fromCodePoint(r);
  }
  switch (r) {
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x0b:
      return "\\v";
  }
  if (r < 0x20 || r === 0x7f) return "\\x" + HEX[r >> 4] + HEX[r & 15];
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  if (r < 0x10000) return "\\u" + hexDigits(r, 4);
  return "\\U" + hexDigits(r, 8);
}

function quoteWith(s: string, quote: number, asciiOnly: boolean): string {
  const q = String.fromCharCode(quote);
  let out = q;
  let run = 0; // start of the pending run of printable ASCII, copied as one slice
  for (let i = 0; i < s.length; i++) {
    let r = s.charCodeAt(i);
    if (r >= 0x20 && r < 0x7f && r !== quote && r !== 0x5c) continue;
    out += s.slice(run, i);
    run = i + 1;
    if (r >= 0xd800 && r <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        r = 0x10000 + ((r - 0xd800) << 10) + (lo - 0xdc00);
        i++;
        run = i + 1;
      }
    }
    out += escapeRune(r, quote, asciiOnly);
  }
  return out + s.slice(run) + q;
}

/** Go's `strconv.Quote`: a double-quoted Go literal; printable Unicode stays raw. */
export function quote(s: string): string {
  return quoteWith(s, 0x22, false);
}

/** Go's `strconv.QuoteToASCII`: like {@link quote} but escapes every non-ASCII rune. */
export function quoteToASCII(s: string): string {
  return quoteWith(s, 0x22, true);
}

/** Go's `strconv.QuoteRune` (`asciiOnly` gives `QuoteRuneToASCII`). Invalid runes become U+FFFD. */
export function quoteRune(r: number, asciiOnly = false): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return "'" + escapeRune(r, 0x27, asciiOnly) + "'";
}

/** Go's `strconv.CanBackquote`. */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfeff) return false;
    if ((c < 0x20 && c !== 0x09) || c === 0x60 || c === 0x7f) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const lo = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || lo < 0xdc00 || lo > 0xdfff) return false;
      i++;
    }
  }
  return true;
}

/** The error Go's strconv returns for malformed literals. */
export class SyntaxError extends Error {
  constructor() {
    super("invalid syntax");
    this.name = "SyntaxError";
  }
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Result of {@link unquoteChar}: a rune, or a single byte when `isByte` (from `\x` or octal escapes). */
export interface UnquotedChar {
  /** The code point, or the byte value when `isByte`. */
  value: number;
  /** True for `\xNN` and `\NNN` escapes, which denote raw bytes. */
  isByte: boolean;
  /** JS index just past the character in the input. */
  next: number;
}

/**
 * Go's `strconv.UnquoteChar` applied at index `i` of `s`; `quote` is `'`, `"`
 * or 0. Throws {@link SyntaxError} on a malformed escape.
 */
export function unquoteChar(s: string, i: number, quote: number): UnquotedChar {
  if (i >= s.length) throw new SyntaxError();
  const c = s.charCodeAt(i);
  if (c === quote && (quote === 0x27 || quote === 0x22)) throw new SyntaxError();
  if (c !== 0x5c) {
    const cp = s.codePointAt(i)!;
    return { value: cp, isByte: false, next: i + (cp > 0xffff ? 2 : 1) };
  }
  if (i + 1 >= s.length) throw new SyntaxError();
  const e = s.charCodeAt(i + 1);
  let j = i + 2;
  let value: number;
  let isByte = false;
  switch (e) {
    case 0x61: // a
      value = 7;
      break;
    case 0x62: // b
      value = 8;
      break;
    case 0x66: // f
      value = 12;
      break;
    case 0x6e: // n
      value = 10;
      break;
    case 0x72: // r
      value = 13;
      break;
    case 0x74: // t
      value = 9;
      break;
    case 0x76: // v
      value = 11;
      break;
    case 0x78: // x
    case 0x75: // u
    case 0x55: { // U
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      if (j + n > s.length) throw new SyntaxError();
      let v = 0;
      for (let k = 0; k < n; k++) {
        const x = unhex(s.charCodeAt(j + k));
        if (x < 0) throw new SyntaxError();
        v = v * 16 + x;
      }
      j += n;
      if (e === 0x78) {
        isByte = true;
      } else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
        throw new SyntaxError();
      }
      value = v;
      break;
    }
    case 0x30:
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37: {
      let v = e - 0x30;
      if (j + 2 > s.length) throw new SyntaxError();
      for (let k = 0; k < 2; k++) {
        const x = s.charCodeAt(j + k) - 0x30;
        if (x < 0 || x > 7) throw new SyntaxError();
        v = (v << 3) | x;
      }
      j += 2;
      if (v > 255) throw new SyntaxError();
      value = v;
      isByte = true;
      break;
    }
    case 0x5c:
      value = 0x5c;
      break;
    case 0x27:
    case 0x22:
      if (e !== quote) throw new SyntaxError();
      value = e;
      break;
    default:
      throw new SyntaxError();
  }
  return { value, isByte, next: j };
}

/**
 * Go's `strconv.Unquote` for `"…"`, `` `…` `` and `'…'` literals. Throws
 * {@link SyntaxError}. Bytes from `\x`/octal escapes that do not form valid
 * UTF-8 become U+FFFD, since a JS string cannot hold them.
 */
export function unquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new SyntaxError();
  const q = s.charCodeAt(0);
  if (q !== s.charCodeAt(n - 1)) throw new SyntaxError();
  const body = s.slice(1, n - 1);
  if (q === 0x60) {
    if (body.includes("`")) throw new SyntaxError();
    return body.includes("\r") ? body.replaceAll("\r", "") : body;
  }
  if (q !== 0x22 && q !== 0x27) throw new SyntaxError();
  if (!body.includes("\\") && !body.includes("\n")) {
    if (q === 0x22) {
      if (body.includes('"')) throw new SyntaxError();
      return body;
    }
    const cp = body.codePointAt(0);
    if (cp !== undefined && body.length === (cp > 0xffff ? 2 : 1) && cp !== 0x27) return body;
  }
  const bytes: number[] = [];
  let i = 1;
  const end = n - 1;
  while (i < end) {
    if (s.charCodeAt(i) === 0x0a) throw new SyntaxError();
    const ch = unquoteChar(s, i, q);
    if (ch.next > end) throw new SyntaxError();
    i = ch.next;
    if (ch.isByte || ch.value < 0x80) bytes.push(ch.value);
    else for (const b of utf8Encode(String.fromCodePoint(ch.value))) bytes.push(b);
    if (q === 0x27) break;
  }
  if (i !== end) throw new SyntaxError();
  return utf8Decode(Uint8Array.from(bytes));
}
