/**
 * Masterminds/goutils v1.1.1 string helpers behind Sprig's `abbrev`,
 * `abbrevboth`, `wrap`, `wrapWith`, `initials`, `nospace`, `swapcase` and
 * `untitle`, including their byte-oriented quirks: `Abbreviate` and
 * `WrapCustom` count and cut bytes, and `Initials` and `DeleteWhiteSpace`
 * read each byte as if it were a Latin-1 rune.
 *
 * @module
 */

import { byteLength, byteSlice, canonical, goBytes, goString, isAscii, isByteEscape } from "./gostring.ts";
import { isLower, isSpace, isTitle, isUpper, RUNE_ERROR, toLower, toTitle, toUpper } from "./unicode.ts";

/** The runes of `[]rune(s)`: an invalid byte becomes U+FFFD. */
function toRunes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out.push(isByteEscape(c) ? RUNE_ERROR : c);
  }
  return out;
}

function fromRunes(rs: number[]): string {
  let out = "";
  for (let i = 0; i < rs.length; i += 4096) out += String.fromCodePoint(...rs.slice(i, i + 4096));
  return out;
}

/**
 * `goutils.AbbreviateFull(str, offset, maxWidth)`; returns undefined where Go
 * returns an error (Sprig then yields "").
 */
export function abbreviateFull(str: string, offset: number, maxWidth: number): string | undefined {
  if (str === "") return "";
  if (maxWidth < 4) return undefined;
  const len = byteLength(str);
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const marker = "...";
  if (offset <= 4) return byteSlice(str, 0, maxWidth - 3) + marker;
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < len) {
    return marker + (abbreviateFull(byteSlice(str, offset), 0, maxWidth - 3) ?? "");
  }
  return marker + byteSlice(str, len - (maxWidth - 3));
}

function lastIndexOfByte(b: Uint8Array, c: number, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (b[i] === c) return i;
  return -1;
}

/**
 * `goutils.WrapCustom(str, wrapLength, newLineStr, wrapLongWords)`: breaks
 * at spaces counting bytes; long words are cut only with `wrapLongWords`.
 */
export function wrapCustom(
  str: string,
  wrapLength: number,
  newLineStr: string,
  wrapLongWords: boolean,
): string {
  if (str === "") return "";
  if (newLineStr === "") newLineStr = "\n";
  if (wrapLength < 1) wrapLength = 1;
  const b = goBytes(str);
  const ascii = isAscii(str);
  const cut = (from: number, to: number) => ascii ? str.slice(from, to) : goString(b.subarray(from, to));
  const len = b.length;
  let offset = 0;
  let out = "";
  while (len - offset > wrapLength) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    let spaceToWrapAt = lastIndexOfByte(b, 0x20, offset, end);
    if (spaceToWrapAt >= offset) {
      out += cut(offset, spaceToWrapAt) + newLineStr;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      out += cut(offset, wrapLength + offset) + newLineStr;
      offset += wrapLength;
    } else {
      const from = wrapLength + offset;
      const index = b.indexOf(0x20, from);
      if (index === -1) {
        out += cut(offset, len);
        offset = len;
      } else {
        spaceToWrapAt = index;
        out += cut(offset, spaceToWrapAt) + newLineStr;
        offset = spaceToWrapAt + 1;
      }
    }
  }
  // The separator may complete a character split across the cut.
  return canonical(out + cut(offset, len));
}

/** `goutils.Initials(str)`: the first byte of each space-separated word, read as a Latin-1 rune. */
export function initials(str: string): string {
  let out = "";
  let lastWasGap = true;
  for (const byte of goBytes(str)) {
    if (isSpace(byte)) lastWasGap = true;
    else if (lastWasGap) {
      out += String.fromCharCode(byte);
      lastWasGap = false;
    }
  }
  return out;
}

/** `goutils.DeleteWhiteSpace(str)`: drops space bytes; if any went, the rest are re-read as Latin-1. */
export function deleteWhiteSpace(str: string): string {
  if (str === "") return str;
  const b = goBytes(str);
  let out = "";
  let count = 0;
  for (const byte of b) {
    if (!isSpace(byte)) {
      out += String.fromCharCode(byte);
      count++;
    }
  }
  return count === b.length ? str : out;
}

/** `goutils.SwapCase(str)`: upper/title → lower, lower → title after whitespace, else upper. */
export function swapCase(str: string): string {
  if (str === "") return str;
  const rs = toRunes(str);
  let whitespace = true;
  for (let i = 0; i < rs.length; i++) {
    const ch = rs[i];
    if (isUpper(ch) || isTitle(ch)) {
      rs[i] = toLower(ch);
      whitespace = false;
    } else if (isLower(ch)) {
      rs[i] = whitespace ? toTitle(ch) : toUpper(ch);
      whitespace = false;
    } else {
      whitespace = isSpace(ch);
    }
  }
  return fromRunes(rs);
}

/** `goutils.Uncapitalize(str)`: lower-cases the first rune of each whitespace-separated word. */
export function uncapitalize(str: string): string {
  if (str === "") return str;
  const rs = toRunes(str);
  let next = true;
  for (let i = 0; i < rs.length; i++) {
    if (isSpace(rs[i])) next = true;
    else if (next) {
      rs[i] = toLower(rs[i]);
      next = false;
    }
  }
  return fromRunes(rs);
}
