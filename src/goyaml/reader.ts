/**
 * Input decoding as go-yaml's reader does it: UTF-8 (or UTF-16 with a BOM),
 * rejecting control characters, and reporting the problem only when the
 * scanner first needs text from the 512-byte chunk that holds it, so that
 * error precedence matches Go.
 *
 * @module
 */

import { YamlSyntaxProblem } from "./errors.ts";

const CHUNK = 512;

/** Decoded input: code points plus the lazily reported reader error. */
export interface DecodedInput {
  /** Code points, followed by zero padding. */
  chars: Uint32Array;
  /** Number of real code points (before the padding). */
  length: number;
  /**
   * Code points that decode before the chunk holding the first invalid
   * input; reading at or past this index raises {@link error}.
   */
  safeLength: number;
  /** The reader problem, if any. */
  error?: YamlSyntaxProblem;
}

function allowed(cp: number): boolean {
  return cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

type Problem = { problem: string; detectByte: number; inputLength: number };

/** Last-byte offsets of each decoded character, needed only to place an error. */
function endOffsets(cps: number[], start: number, utf16: boolean): number[] {
  const ends: number[] = new Array(cps.length);
  let off = start;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    off += utf16 ? (c >= 0x10000 ? 4 : 2) : c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    ends[i] = off - 1;
  }
  return ends;
}

function finish(cps: number[], start = 0, utf16 = false, err?: Problem): DecodedInput {
  const chars = new Uint32Array(cps.length + 8);
  chars.set(cps);
  let safeLength = cps.length;
  let error: YamlSyntaxProblem | undefined;
  if (err) {
    const ends = endOffsets(cps, start, utf16);
    error = new YamlSyntaxProblem("reader", err.problem);
    // Replay Go's reads: each fills the 512-byte raw buffer behind any
    // partial character left over; everything complete in it is decoded.
    // The chars decoded by the reads before the one that meets the bad
    // input are safe to scan.
    let total = 0;
    safeLength = 0;
    for (;;) {
      const leftover = safeLength === 0 ? total : total - (ends[safeLength - 1] + 1);
      const next = total + CHUNK - leftover;
      if (next > err.detectByte || next >= err.inputLength) break;
      total = next;
      while (safeLength < ends.length && ends[safeLength] < total) safeLength++;
    }
  }
  return { chars, length: cps.length, safeLength, error };
}

function decodeUtf8(b: Uint8Array, start: number): DecodedInput {
  const cps: number[] = [];
  const fail = (problem: string, detectByte: number) =>
    finish(cps, start, false, { problem, detectByte, inputLength: b.length });
  let i = start;
  while (i < b.length) {
    const c0 = b[i];
    let w: number, v: number;
    if ((c0 & 0x80) === 0) [w, v] = [1, c0];
    else if ((c0 & 0xe0) === 0xc0) [w, v] = [2, c0 & 0x1f];
    else if ((c0 & 0xf0) === 0xe0) [w, v] = [3, c0 & 0x0f];
    else if ((c0 & 0xf8) === 0xf0) [w, v] = [4, c0 & 0x07];
    else return fail("invalid leading UTF-8 octet", i);
    if (w > b.length - i) return fail("incomplete UTF-8 octet sequence", b.length);
    for (let k = 1; k < w; k++) {
      const o = b[i + k];
      if ((o & 0xc0) !== 0x80) return fail("invalid trailing UTF-8 octet", i + w - 1);
      v = (v << 6) + (o & 0x3f);
    }
    if (!(w === 1 || (w === 2 && v >= 0x80) || (w === 3 && v >= 0x800) || (w === 4 && v >= 0x10000))) {
      return fail("invalid length of a UTF-8 sequence", i + w - 1);
    }
    if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) return fail("invalid Unicode character", i + w - 1);
    if (!allowed(v)) return fail("control characters are not allowed", i + w - 1);
    cps.push(v);
    i += w;
  }
  return finish(cps);
}

function decodeUtf16(b: Uint8Array, start: number, little: boolean): DecodedInput {
  const cps: number[] = [];
  const fail = (problem: string, detectByte: number) =>
    finish(cps, start, true, { problem, detectByte, inputLength: b.length });
  const unit = (at: number) => little ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  let i = start;
  while (i < b.length) {
    if (b.length - i < 2) return fail("incomplete UTF-16 character", b.length);
    let v = unit(i);
    let w = 2;
    if ((v & 0xfc00) === 0xdc00) return fail("unexpected low surrogate area", i + 1);
    if ((v & 0xfc00) === 0xd800) {
      w = 4;
      if (b.length - i < 4) return fail("incomplete UTF-16 surrogate pair", b.length);
      const v2 = unit(i + 2);
      if ((v2 & 0xfc00) !== 0xdc00) return fail("expected low surrogate area", i + 3);
      v = 0x10000 + ((v & 0x3ff) << 10) + (v2 & 0x3ff);
    }
    if (!allowed(v)) return fail("control characters are not allowed", i + w - 1);
    cps.push(v);
    i += w;
  }
  return finish(cps);
}

/**
 * Decodes a string straight into the code point buffer; undefined when it
 * holds a character the reader refuses (then the careful path places the
 * error). Templates render strings, so this is the common case.
 */
function decodeStringFast(input: string): DecodedInput | undefined {
  const chars = new Uint32Array(input.length + 8);
  let n = 0;
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < input.length; i++) {
    let v = input.charCodeAt(i);
    if (v >= 0x20 && v <= 0x7e) {
      chars[n++] = v;
      continue;
    }
    if (v >= 0xd800 && v <= 0xdbff && i + 1 < input.length) {
      const d = input.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        v = ((v - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (v >= 0xd800 && v <= 0xdfff) v = 0xfffd;
    if (!allowed(v)) return undefined;
    chars[n++] = v;
  }
  return { chars, length: n, safeLength: n };
}

/**
 * Decodes YAML input. A string is treated as its UTF-8 encoding (lone
 * surrogates as U+FFFD); bytes may carry a UTF-8 or UTF-16 BOM.
 */
export function decodeInput(input: string | Uint8Array): DecodedInput {
  if (typeof input !== "string") {
    if (input.length >= 2 && input[0] === 0xff && input[1] === 0xfe) return decodeUtf16(input, 2, true);
    if (input.length >= 2 && input[0] === 0xfe && input[1] === 0xff) return decodeUtf16(input, 2, false);
    const bom = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
    return decodeUtf8(input, bom ? 3 : 0);
  }
  const fast = decodeStringFast(input);
  if (fast) return fast;
  const cps: number[] = [];
  let i = 0;
  let start = 0;
  if (input.charCodeAt(0) === 0xfeff) {
    i = 1;
    start = 3;
  }
  for (; i < input.length; i++) {
    let v = input.charCodeAt(i);
    if (v >= 0xd800 && v <= 0xdbff && i + 1 < input.length) {
      const d = input.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        v = ((v - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (v >= 0xd800 && v <= 0xdfff) v = 0xfffd;
    if (!allowed(v)) {
      const w = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
      const at = endOffsets(cps, start, false);
      const byte = at.length ? at[at.length - 1] + 1 : start;
      return finish(cps, start, false, {
        problem: "control characters are not allowed",
        detectByte: byte + w - 1,
        inputLength: Infinity,
      });
    }
    cps.push(v);
  }
  return finish(cps);
}
