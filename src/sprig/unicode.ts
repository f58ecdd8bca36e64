/**
 * Go's `unicode` package predicates and simple case mappings, driven by tables
 * generated from Go's own Unicode version (see `gen/unicode_tables_gen.go`).
 *
 * JavaScript's `toUpperCase` applies full (multi-character) mappings and a
 * newer Unicode version; Go maps one rune to one rune, so these functions are
 * what Sprig's string functions must use.
 *
 * @module
 */

import { CASE_RANGES, DIGIT, LETTER, LOWER, NUMBER, PUNCT, SPACE, TITLE, UPPER } from "./unicode_tables.ts";

/** Go's `unicode.MaxRune + 1`, the marker of alternating upper/lower runs. */
const UPPER_LOWER = 0x110000;

/** Go's `utf8.RuneError`. */
export const RUNE_ERROR = 0xfffd;

function inTable(table: readonly number[], r: number): boolean {
  let lo = 0;
  let hi = table.length / 3 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const first = table[mid * 3];
    const last = table[mid * 3 + 1];
    if (r < first) hi = mid - 1;
    else if (r > last) lo = mid + 1;
    else return (r - first) % table[mid * 3 + 2] === 0;
  }
  return false;
}

/** `unicode.IsSpace`. */
export function isSpace(r: number): boolean {
  return inTable(SPACE, r);
}

/** `unicode.IsLetter`. */
export function isLetter(r: number): boolean {
  return inTable(LETTER, r);
}

/** `unicode.IsUpper`. */
export function isUpper(r: number): boolean {
  return inTable(UPPER, r);
}

/** `unicode.IsLower`. */
export function isLower(r: number): boolean {
  return inTable(LOWER, r);
}

/** `unicode.IsTitle`. */
export function isTitle(r: number): boolean {
  return inTable(TITLE, r);
}

/** `unicode.IsDigit`. */
export function isDigit(r: number): boolean {
  return inTable(DIGIT, r);
}

/** `unicode.IsNumber`. */
export function isNumber(r: number): boolean {
  return inTable(NUMBER, r);
}

/** `unicode.IsPunct`. */
export function isPunct(r: number): boolean {
  return inTable(PUNCT, r);
}

const UPPER_CASE = 0;
const LOWER_CASE = 1;
const TITLE_CASE = 2;

function toCase(which: number, r: number): number {
  let lo = 0;
  let hi = CASE_RANGES.length / 5 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const first = CASE_RANGES[mid * 5];
    const last = CASE_RANGES[mid * 5 + 1];
    if (r < first) hi = mid - 1;
    else if (r > last) lo = mid + 1;
    else {
      const delta = CASE_RANGES[mid * 5 + 2 + which];
      if (delta === UPPER_LOWER) {
        // Even offsets in the run are upper case, odd ones lower; title is upper.
        return first + (((r - first) & ~1) | (which & 1));
      }
      return r + delta;
    }
  }
  return r;
}

/** `unicode.ToUpper`. */
export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return toCase(UPPER_CASE, r);
}

/** `unicode.ToLower`. */
export function toLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  return toCase(LOWER_CASE, r);
}

/** `unicode.ToTitle`. */
export function toTitle(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return toCase(TITLE_CASE, r);
}
