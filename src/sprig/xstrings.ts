/**
 * huandu/xstrings v1.5.0's case converters behind Sprig's `snakecase`,
 * `kebabcase` and `camelcase` (= `ToPascalCase`), and `Shuffle`.
 *
 * Strings are walked rune by rune as Go's `utf8.DecodeRuneInString` does;
 * an invalid byte or U+FFFD counts as `utf8.RuneError`.
 *
 * @module
 */

import { isByteEscape } from "./gostring.ts";
import { isLetter, isNumber, isPunct, isSpace, isUpper, RUNE_ERROR, toLower, toUpper } from "./unicode.ts";

/** Decodes the rune at the start of s: [rune, width in UTF-16 code units]. */
function decode(s: string): [number, number] {
  if (s.length === 0) return [RUNE_ERROR, 0];
  const c = s.codePointAt(0)!;
  return [isByteEscape(c) ? RUNE_ERROR : c, c > 0xffff ? 2 : 1];
}

/** Go's `WriteRune`. */
function runeText(r: number): string {
  return String.fromCodePoint(r);
}

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isSpace(r);
}

const MIN_CJK = 0x3400;

/** A letter that is not a CJK ideograph. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < MIN_CJK) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

function toCamelCase(str: string, isBig: boolean): string {
  if (str.length === 0) return "";
  let buf = "";
  let isFirstRuneUpper = false;
  let r0 = 0;
  let r1 = 0;
  let size = 0;
  // Leading connectors are kept.
  while (str.length > 0) {
    [r0, size] = decode(str);
    str = str.slice(size);
    if (!isConnector(r0)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = isBig ? toUpper(r0) : toLower(r0);
      break;
    }
    buf += runeText(r0);
  }
  if (str.length === 0) {
    // Go writes the last rune again here, even when it was a connector.
    if (size !== 0) buf += runeText(r0);
    return buf;
  }
  while (str.length > 0) {
    r1 = r0;
    [r0, size] = decode(str);
    str = str.slice(size);
    if (isConnector(r0) && isConnector(r1)) {
      buf += runeText(r1);
      continue;
    }
    if (isConnector(r1)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (isFirstRuneUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else isFirstRuneUpper = false;
      }
      buf += runeText(r1);
    }
  }
  if (isFirstRuneUpper && !isBig) r0 = toLower(r0);
  return buf + runeText(r0);
}

/**
 * `xstrings.ToPascalCase`: words separated by space, `_` or `-` joined with
 * upper-case initials (`"http_server"` → `"HttpServer"`).
 */
export function toPascalCase(str: string): string {
  return toCamelCase(str, true);
}

/** `xstrings.ToCamelCase` (lower camel case). */
export function toLowerCamelCase(str: string): string {
  return toCamelCase(str, false);
}

const enum WordType {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

function nextValidRune(str: string, prev: number): [number, number] {
  let size = 0;
  while (str.length > 0) {
    const [r, sz] = decode(str);
    size += sz;
    if (r !== RUNE_ERROR) return [r, size];
    str = str.slice(sz);
  }
  return [prev, size];
}

/** Splits off the next word: [type, word, remaining]. */
function nextWord(str: string): [WordType, string, string] {
  if (str.length === 0) return [WordType.Invalid, "", ""];
  let offset = 0;
  let remaining = str;
  let [r, size] = nextValidRune(remaining, RUNE_ERROR);
  offset += size;
  if (r === RUNE_ERROR) return [WordType.Invalid, str.slice(0, offset), str.slice(offset)];
  let wt: WordType;
  // Consumes runes while pred holds, as each branch of Go's switch does.
  const consume = (pred: (r: number) => boolean) => {
    while (remaining.length > 0) {
      [r, size] = nextValidRune(remaining, r);
      if (!pred(r)) break;
      offset += size;
      remaining = remaining.slice(size);
    }
  };
  if (isConnector(r)) {
    wt = WordType.Connector;
    remaining = remaining.slice(size);
    consume(isConnector);
  } else if (isPunct(r)) {
    wt = WordType.Punct;
    remaining = remaining.slice(size);
    consume(isPunct);
  } else if (isUpper(r)) {
    wt = WordType.UpperCase;
    remaining = remaining.slice(size);
    if (remaining.length > 0) {
      [r, size] = nextValidRune(remaining, r);
      if (isUpper(r)) {
        let prevSize = size;
        offset += size;
        remaining = remaining.slice(size);
        while (remaining.length > 0) {
          [r, size] = nextValidRune(remaining, r);
          if (!isUpper(r)) break;
          prevSize = size;
          offset += size;
          remaining = remaining.slice(size);
        }
        // "HTTPStatus" splits as "HTTP" + "Status": give the last capital back.
        if (remaining.length > 0 && isAlphabet(r)) {
          offset -= prevSize;
          remaining = str.slice(offset);
        }
      } else if (isAlphabet(r)) {
        offset += size;
        remaining = remaining.slice(size);
        consume((x) => isAlphabet(x) && !isUpper(x));
      }
    }
  } else if (isAlphabet(r)) {
    wt = WordType.Alphabet;
    remaining = remaining.slice(size);
    consume((x) => isAlphabet(x) && !isUpper(x));
  } else if (isNumber(r)) {
    wt = WordType.Number;
    remaining = remaining.slice(size);
    consume(isNumber);
  } else {
    wt = WordType.Other;
    remaining = remaining.slice(size);
    while (remaining.length > 0) {
      [r, size] = nextValidRune(remaining, r);
      if (size === 0 || isConnector(r) || isAlphabet(r) || isNumber(r) || isPunct(r)) break;
      offset += size;
      remaining = remaining.slice(size);
    }
  }
  return [wt, str.slice(0, offset), remaining];
}

function lowerWord(wt: WordType, str: string, connector: string): string {
  if (wt !== WordType.UpperCase && wt !== WordType.Connector) return str;
  let out = "";
  while (str.length > 0) {
    const [r, size] = decode(str);
    str = str.slice(size);
    if (isConnector(r)) out += connector;
    else if (isUpper(r)) out += runeText(toLower(r));
    else out += runeText(r);
  }
  return out;
}

function camelCaseToLowerCase(str: string, connector: string): string {
  if (str.length === 0) return "";
  let buf = "";
  let [wt, word, remaining] = nextWord(str);
  while (remaining.length > 0) {
    if (wt !== WordType.Connector) buf += lowerWord(wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word, remaining] = nextWord(remaining);
    switch (prev) {
      case WordType.Number:
        while (wt === WordType.Alphabet || wt === WordType.Number) {
          buf += lowerWord(wt, word, connector);
          [wt, word, remaining] = nextWord(remaining);
        }
        if (wt !== WordType.Invalid && wt !== WordType.Punct && wt !== WordType.Connector) buf += connector;
        break;
      case WordType.Connector:
        buf += lowerWord(prev, last, connector);
        break;
      case WordType.Punct:
        break;
      default: {
        if (wt !== WordType.Number) {
          if (wt !== WordType.Connector && wt !== WordType.Punct) buf += connector;
          break;
        }
        if (remaining.length === 0) break;
        const numberWord = word;
        [wt, word, remaining] = nextWord(remaining);
        // A number followed by a non-letter belongs to the previous word ("Bld4Floor" → "bld4_floor").
        if (wt !== WordType.Alphabet) {
          buf += lowerWord(WordType.Number, numberWord, connector);
          if (wt !== WordType.Connector && wt !== WordType.Punct) buf += connector;
          break;
        }
        // Lower-case letters after a number start a new word ("HTTP2xx" → "http_2xx").
        buf += connector + lowerWord(WordType.Number, numberWord, connector);
        while (wt === WordType.Alphabet || wt === WordType.Number) {
          buf += lowerWord(wt, word, connector);
          [wt, word, remaining] = nextWord(remaining);
        }
        if (wt !== WordType.Invalid && wt !== WordType.Connector && wt !== WordType.Punct) buf += connector;
      }
    }
  }
  return buf + lowerWord(wt, word, connector);
}

/** `xstrings.ToSnakeCase` (`"HTTPServer"` → `"http_server"`). */
export function toSnakeCase(str: string): string {
  return camelCaseToLowerCase(str, "_");
}

/** `xstrings.ToKebabCase` (`"HTTPServer"` → `"http-server"`). */
export function toKebabCase(str: string): string {
  return camelCaseToLowerCase(str, "-");
}

/** `xstrings.Shuffle`: a random permutation of the runes (invalid bytes become U+FFFD). */
export function shuffle(str: string, random: () => number = Math.random): string {
  if (str === "") return str;
  const rs: string[] = [];
  for (const ch of str) rs.push(isByteEscape(ch.charCodeAt(0)) ? "\ufffd" : ch);
  for (let i = rs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rs[i], rs[j]] = [rs[j], rs[i]];
  }
  return rs.join("");
}
