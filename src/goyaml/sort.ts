/**
 * go-yaml's "natural" map key order (`keyList.Less`), for string keys.
 *
 * Runs of digits compare numerically and a non-letter sorts before a letter
 * (v2); v3 flips that last rule right after a digit. Digit runs accumulate
 * in int64, overflow included, as Go does.
 *
 * @module
 */

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(cp: number): boolean {
  return cp < 0x80
    ? (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)
    : LETTER.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  return cp < 0x80 ? cp >= 0x30 && cp <= 0x39 : DIGIT.test(String.fromCodePoint(cp));
}

/** A string's code points; a lone surrogate stays as it is. */
export function runes(s: string): number[] {
  const out: number[] = new Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    out[n++] = c;
  }
  out.length = n;
  return out;
}

/** Where the digit run starting at `i` ends. */
function digitEnd(r: readonly number[], i: number): number {
  let k = i;
  while (k < r.length && isDigit(r[k])) k++;
  return k;
}

/** Accumulates a digit run like Go's `an = an*10 + int64(r-'0')` (wrapping). */
function digitRun(r: readonly number[], i: number, end: number, start: bigint): bigint {
  let n = start;
  for (let k = i; k < end; k++) n = BigInt.asIntN(64, n * 10n + BigInt(r[k] - 0x30));
  return n;
}

/** The same for runs short enough to stay exact in a double (no int64 wrapping possible). */
function smallDigitRun(r: readonly number[], i: number, end: number, start: number): number {
  let n = start;
  for (let k = i; k < end; k++) n = n * 10 + (r[k] - 0x30);
  return n;
}

/** True when key `a` sorts before key `b` in go-yaml's order. */
export function yamlKeyLess(a: string, b: string, v3 = false): boolean {
  return runesLess(runes(a), runes(b), v3);
}

function runesLess(ar: number[], br: number[], v3: boolean): boolean {
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return v3 && digits ? al : bl;
    let an = 0n, bn = 0n;
    if (ar[i] === 0x30 || br[i] === 0x30) {
      // Inside a number (a non-zero digit before the zeros), zeros are significant.
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    const ai = digitEnd(ar, i);
    const bi = digitEnd(br, i);
    if (ai - i <= 15 && bi - i <= 15) {
      const na = smallDigitRun(ar, i, ai, Number(an));
      const nb = smallDigitRun(br, i, bi, Number(bn));
      if (na !== nb) return na < nb;
    } else {
      const na = digitRun(ar, i, ai, an);
      const nb = digitRun(br, i, bi, bn);
      if (na !== nb) return na < nb;
    }
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

/** ASCII without digits: where go-yaml's order is total (see {@link compareDigitFree}). */
// deno-lint-ignore no-control-regex
const DIGIT_FREE_ASCII = /^[\x00-\x2f\x3a-\x7f]*$/;

/** A letter ranks above every other character; otherwise by code. */
function rank(c: number): number {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? c + 0x80 : c;
}

/**
 * go-yaml's order on ASCII keys without digits: at the first difference two letters, or two
 * other characters, compare by code, and a non-letter comes before a letter; a prefix comes
 * first. No digit runs means no numeric comparison and no v2/v3 difference, and the order is
 * total, so any sort gives go-yaml's result whatever the input order.
 */
function compareDigitFree(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = rank(a.charCodeAt(i)) - rank(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * Sorts string keys in go-yaml's order. The order is not transitive in general, so the result
 * depends on the order keys come in: `inputOrder`, when given, sorts them first (as the map
 * iteration go-yaml sorts would have them).
 */
export function sortYamlKeys(
  keys: string[],
  v3 = false,
  inputOrder?: (a: string, b: string) => number,
): string[] {
  if (keys.every((k) => DIGIT_FREE_ASCII.test(k))) return keys.slice().sort(compareDigitFree);
  if (inputOrder) keys = keys.slice().sort(inputOrder);
  const decorated = keys.map((k) => ({ k, r: runes(k) }));
  decorated.sort((a, b) => (a.k === b.k ? 0 : runesLess(a.r, b.r, v3) ? -1 : 1));
  return decorated.map((d) => d.k);
}
