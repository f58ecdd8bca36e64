/**
 * Go's `strconv.Quote` and `strconv.CanBackquote`, which error messages of
 * `regexp` and Masterminds semver embed (`%q`). Kept here because the regexp
 * panic text (`regexp: Compile(…)`) needs them and this package has no other
 * dependency.
 *
 * @module
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** True when Go's `unicode.IsPrint` holds for the code point (ASCII space is the only printable space). */
export function isGoPrint(cp: number): boolean {
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

const SHORT_ESCAPES: Record<number, string> = {
  0x07: "\\a",
  0x08: "\\b",
  0x0c: "\\f",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
  0x0b: "\\v",
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/**
 * Go's `strconv.Quote`: a double-quoted string with Go escapes; printable
 * runes stay as they are.
 *
 * @example
 * ```ts
 * goQuote('a"b\n'); // "\"a\\\"b\\n\""
 * ```
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x22 || cp === 0x5c) {
      out += "\\" + ch;
    } else if (isGoPrint(cp)) {
      out += ch;
    } else if (SHORT_ESCAPES[cp] !== undefined) {
      out += SHORT_ESCAPES[cp];
    } else if (cp < 0x20 || cp === 0x7f) {
      out += "\\x" + hex(cp, 2);
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate cannot come from Go text; Go would see U+FFFD.
      out += "\\ufffd";
    } else if (cp < 0x10000) {
      out += "\\u" + hex(cp, 4);
    } else {
      out += "\\U" + hex(cp, 8);
    }
  }
  return out + '"';
}

/** Go's `strconv.CanBackquote`: no backquote, no control character but tab, no BOM. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if ((cp < 0x20 && cp !== 0x09) || cp === 0x60 || cp === 0x7f) return false;
  }
  return true;
}
