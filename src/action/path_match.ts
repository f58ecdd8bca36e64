/**
 * Go's `path/filepath.Match` on a Unix system (separator `/`), as
 * `helm template --show-only` matches template paths: `*` is any run of
 * non-`/` bytes, `?` one non-`/` character, `[...]` a class (`^` negates,
 * `a-z` ranges, `\` escapes), `\x` a literal `x`. A malformed pattern
 * matches nothing (Go's `ErrBadPattern`, which Helm ignores).
 *
 * Matching works on UTF-8 bytes, like Go.
 *
 * @module
 */

import { decodeRune, encodeUtf8 } from "../gojson/utf8.ts";

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
const QUESTION = 0x3f;

class BadPattern extends Error {}

/** Splits the pattern at `from` into leading stars and the chunk up to the next unbracketed `*`. */
function nextChunk(p: Uint8Array, from: number): { star: boolean; start: number; end: number } {
  let i = from;
  let star = false;
  while (i < p.length && p[i] === STAR) {
    i++;
    star = true;
  }
  const start = i;
  let inRange = false;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (c === LBRACKET) {
      inRange = true;
    } else if (c === RBRACKET) {
      inRange = false;
    } else if (c === STAR && !inRange) {
      break;
    }
  }
  return { star, start, end: i };
}

/** One class bound at `i` (possibly escaped): the rune and the index after it. */
function classRune(p: Uint8Array, i: number, end: number): [number, number] {
  if (i >= end || p[i] === DASH || p[i] === RBRACKET) throw new BadPattern();
  if (p[i] === BACKSLASH) {
    i++;
    if (i >= end) throw new BadPattern();
  }
  const [r, n] = decodeRune(p.subarray(0, end), i);
  if (r === 0xfffd && n === 1) throw new BadPattern();
  const next = i + n;
  if (next >= end) throw new BadPattern();
  return [r, next];
}

/**
 * Matches the chunk `p[start:end]` against the start of `s[from:]`: the index
 * in `s` after the match, or -1. Throws {@link BadPattern} for a malformed
 * chunk (checked even after a mismatch, as Go does).
 */
function matchChunk(p: Uint8Array, start: number, end: number, s: Uint8Array, from: number): number {
  let i = start;
  let j = from;
  let failed = false;
  while (i < end) {
    if (!failed && j >= s.length) failed = true;
    const c = p[i];
    if (c === LBRACKET) {
      let r = 0;
      if (!failed) {
        const [rr, n] = decodeRune(s, j);
        r = rr;
        j += n;
      }
      i++;
      let negated = false;
      if (i < end && p[i] === CARET) {
        negated = true;
        i++;
      }
      let matched = false;
      let nrange = 0;
      for (;;) {
        if (i < end && p[i] === RBRACKET && nrange > 0) {
          i++;
          break;
        }
        const [lo, afterLo] = classRune(p, i, end);
        i = afterLo;
        let hi = lo;
        if (p[i] === DASH) {
          const [h, afterHi] = classRune(p, i + 1, end);
          hi = h;
          i = afterHi;
        }
        if (lo <= r && r <= hi) matched = true;
        nrange++;
      }
      if (matched === negated) failed = true;
    } else if (c === QUESTION) {
      if (!failed) {
        if (s[j] === SLASH) failed = true;
        j += decodeRune(s, j)[1];
      }
      i++;
    } else {
      if (c === BACKSLASH) {
        i++;
        if (i >= end) throw new BadPattern();
      }
      if (!failed) {
        if (p[i] !== s[j]) failed = true;
        j++;
      }
      i++;
    }
  }
  return failed ? -1 : j;
}

function matchBytes(p: Uint8Array, s: Uint8Array): boolean {
  let pi = 0;
  let si = 0;
  outer: while (pi < p.length) {
    const { star, start, end } = nextChunk(p, pi);
    pi = end;
    if (star && start === end) {
      // A trailing star matches the rest when it has no separator.
      return !s.subarray(si).includes(SLASH);
    }
    const t = matchChunk(p, start, end, s, si);
    if (t >= 0 && (t === s.length || pi < p.length)) {
      si = t;
      continue;
    }
    if (star) {
      for (let k = si; k < s.length && s[k] !== SLASH; k++) {
        const t2 = matchChunk(p, start, end, s, k + 1);
        if (t2 >= 0) {
          if (pi === p.length && t2 < s.length) continue;
          si = t2;
          continue outer;
        }
      }
    }
    // No match: the rest of the pattern must still be well formed.
    while (pi < p.length) {
      const next = nextChunk(p, pi);
      pi = next.end;
      matchChunk(p, next.start, next.end, new Uint8Array(0), 0);
    }
    return false;
  }
  return si === s.length;
}

/** Go's `filepath.Match(pattern, name)` result, a malformed pattern giving false. */
export function pathMatch(pattern: string, name: string): boolean {
  try {
    return matchBytes(encodeUtf8(pattern), encodeUtf8(name));
  } catch (e) {
    if (e instanceof BadPattern) return false;
    throw e;
  }
}
