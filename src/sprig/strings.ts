/**
 * Sprig's string functions: trimming, case, slicing by bytes, wrapping,
 * quoting, indenting, splitting and joining.
 *
 * Arguments arrive converted to the Go parameter types (an `int` as a
 * {@link GoInt}); Go panics become thrown Errors with Go's message text.
 *
 * @module
 */

import { formatValue } from "../gotpl/fmt.ts";
import { type FuncMap, goFunc, withGoType } from "../gotpl/value.ts";
import { quote as goQuote } from "../gotpl/quote.ts";
import { intArg } from "./cast.ts";
import { strslice, strval } from "./conversion.ts";
import {
  byteLength,
  bytesIndexOf,
  byteSlice,
  canonical,
  goBytes,
  goString,
  hasByteEscape,
  isAscii,
  isByteEscape,
} from "./gostring.ts";
import { abbreviateFull, deleteWhiteSpace, initials, swapCase, uncapitalize, wrapCustom } from "./goutils.ts";
import { isDigit, isLetter, isSpace, RUNE_ERROR, toLower, toTitle, toUpper } from "./unicode.ts";
import { shuffle, toKebabCase, toPascalCase, toSnakeCase } from "./xstrings.ts";

/** The rune Go decodes for a code point of a JS string (an escaped byte is RuneError). */
function goRune(cp: number): number {
  return isByteEscape(cp) ? RUNE_ERROR : cp;
}

/**
 * Go's `strings.Map` with a rune mapping: an invalid byte is decoded as
 * RuneError and written back as U+FFFD.
 */
function mapRunes(s: string, mapping: (r: number) => number): string {
  let out = "";
  for (const ch of s) out += String.fromCodePoint(mapping(goRune(ch.codePointAt(0)!)));
  return out;
}

/** `strings.ToUpper`. */
export function goToUpper(s: string): string {
  if (isAscii(s)) return s.toUpperCase();
  return mapRunes(s, toUpper);
}

/** `strings.ToLower`. */
export function goToLower(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  return mapRunes(s, toLower);
}

/** `strings.Title`'s separator test. */
function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    return !((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f);
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** `strings.Title`: title-cases every letter that follows a separator. */
export function goTitle(s: string): string {
  let prev = 0x20;
  return mapRunes(s, (r) => {
    const out = isSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return out;
  });
}

/** The code point ending just before index `end` of s, and its length in code units. */
function codePointBefore(s: string, end: number): [number, number] {
  const lo = s.charCodeAt(end - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && end >= 2) {
    const hi = s.charCodeAt(end - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return [s.codePointAt(end - 2)!, 2];
  }
  return [lo, 1];
}

/** Drops leading and trailing runes matching `drop` (Go's `strings.TrimFunc`). */
function trimRunes(s: string, drop: (r: number) => boolean): string {
  let start = 0;
  while (start < s.length) {
    const cp = s.codePointAt(start)!;
    if (!drop(goRune(cp))) break;
    start += cp > 0xffff ? 2 : 1;
  }
  let end = s.length;
  while (end > start) {
    const [cp, width] = codePointBefore(s, end);
    if (!drop(goRune(cp))) break;
    end -= width;
  }
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** `strings.TrimSpace`. */
export function goTrimSpace(s: string): string {
  return trimRunes(s, isSpace);
}

/** `strings.Trim(s, cutset)`: drops leading and trailing runes found in cutset. */
export function goTrim(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  const set = new Set(Array.from(cutset, (c) => goRune(c.codePointAt(0)!)));
  return trimRunes(s, (r) => set.has(r));
}

/** `strings.Repeat`, with Go's panic for a negative count. */
export function goRepeat(s: string, count: number): string {
  if (count < 0) throw new Error("strings: negative Repeat count");
  return canonical(s.repeat(count));
}

/**
 * True when a search must compare bytes: an escaped raw byte can match part
 * of a multi-byte character in Go (`contains "\xc3" "é"` is true).
 */
function needsBytes(...strs: string[]): boolean {
  return strs.some(hasByteEscape);
}

/** Splits s around every occurrence of sep, comparing bytes. */
function splitBytes(s: string, sep: string): string[] {
  const b = goBytes(s);
  const sepBytes = goBytes(sep);
  const parts: string[] = [];
  let start = 0;
  for (let i = bytesIndexOf(b, sepBytes); i >= 0; i = bytesIndexOf(b, sepBytes, start)) {
    parts.push(goString(b.subarray(start, i)));
    start = i + sepBytes.length;
  }
  parts.push(goString(b.subarray(start)));
  return parts;
}

/** `strings.Contains`. */
export function goContains(s: string, sub: string): boolean {
  if (needsBytes(s, sub)) return bytesIndexOf(goBytes(s), goBytes(sub)) >= 0;
  return s.includes(sub);
}

/** `strings.HasPrefix`. */
export function goHasPrefix(s: string, prefix: string): boolean {
  if (needsBytes(s, prefix)) {
    return bytesIndexOf(goBytes(s).subarray(0, byteLength(prefix)), goBytes(prefix)) === 0;
  }
  return s.startsWith(prefix);
}

/** `strings.HasSuffix`. */
export function goHasSuffix(s: string, suffix: string): boolean {
  if (needsBytes(s, suffix)) {
    const b = goBytes(s);
    const x = goBytes(suffix);
    return x.length <= b.length && bytesIndexOf(b.subarray(b.length - x.length), x) === 0;
  }
  return s.endsWith(suffix);
}

/** `strings.TrimPrefix`. */
export function goTrimPrefix(s: string, prefix: string): string {
  if (!goHasPrefix(s, prefix)) return s;
  return needsBytes(s, prefix) ? byteSlice(s, byteLength(prefix)) : s.slice(prefix.length);
}

/** `strings.TrimSuffix`. */
export function goTrimSuffix(s: string, suffix: string): string {
  if (!goHasSuffix(s, suffix)) return s;
  return needsBytes(s, suffix)
    ? byteSlice(s, 0, byteLength(s) - byteLength(suffix))
    : s.slice(0, s.length - suffix.length);
}

/** `strings.Replace(s, old, new, -1)`; an empty old inserts around every rune. */
export function goReplaceAll(s: string, old: string, repl: string): string {
  if (old === repl) return s;
  if (old === "") {
    let out = repl;
    for (const ch of s) out += ch + repl;
    return canonical(out);
  }
  if (needsBytes(s, old, repl)) return canonical(splitBytes(s, old).join(repl));
  return s.split(old).join(repl);
}

/** Go's `genSplit` for `strings.SplitN(s, sep, n)`; n = -1 splits all (`strings.Split`). */
export function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === "") {
    const cps = Array.from(s);
    if (n < 0 || n > cps.length) n = cps.length;
    if (n === 0) return [];
    return [...cps.slice(0, n - 1), cps.slice(n - 1).join("")];
  }
  const parts = needsBytes(s, sep) ? splitBytes(s, sep) : s.split(sep);
  if (n < 0 || n >= parts.length) return parts;
  return [...parts.slice(0, n - 1), canonical(parts.slice(n - 1).join(sep))];
}

/** The `{_0: …, _1: …}` map Sprig's `split` and `splitn` return (Go `map[string]string`). */
function indexedParts(parts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  parts.forEach((p, i) => (out["_" + i] = p));
  return withGoType(out, "map[string]string");
}

/** Go's panic text for an out-of-range `s[a:b]`. */
function sliceBoundsError(detail: string): Error {
  return new Error(`runtime error: slice bounds out of range ${detail}`);
}

/** Sprig's `substring`: byte offsets, Go's panics when out of range. */
export function substring(start: number, end: number, s: string): string {
  const len = byteLength(s);
  if (start < 0) {
    if (end < 0) throw sliceBoundsError(`[:${end}]`);
    if (end > len) throw sliceBoundsError(`[:${end}] with length ${len}`);
    return byteSlice(s, 0, end);
  }
  if (end < 0 || end > len) {
    if (start > len) throw sliceBoundsError(`[${start}:${len}]`);
    return byteSlice(s, start);
  }
  if (start > end) throw sliceBoundsError(`[${start}:${end}]`);
  return byteSlice(s, start, end);
}

/** Sprig's `trunc`: the first c bytes, or the last -c bytes when c < 0. */
export function trunc(c: number, s: string): string {
  const len = byteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function indent(spaces: number, v: string): string {
  const pad = goRepeat(" ", spaces);
  return pad + v.split("\n").join("\n" + pad);
}

const str = ["string"] as const;

/** Sprig's string functions. */
export const stringFuncs: FuncMap = {
  hello: goFunc([], () => "Hello!"),
  abbrev: goFunc(["int", "string"], (width: unknown, s: string) => {
    const w = intArg(width);
    return w < 4 ? s : abbreviateFull(s, 0, w) ?? "";
  }),
  abbrevboth: goFunc(["int", "int", "string"], (left: unknown, right: unknown, s: string) => {
    const l = intArg(left);
    const r = intArg(right);
    if (r < 4 || (l > 0 && r < 7)) return s;
    return abbreviateFull(s, l, r) ?? "";
  }),
  trunc: goFunc(["int", "string"], (c: unknown, s: string) => trunc(intArg(c), s)),
  trim: goFunc(str, goTrimSpace),
  upper: goFunc(str, goToUpper),
  lower: goFunc(str, goToLower),
  title: goFunc(str, goTitle),
  untitle: goFunc(str, uncapitalize),
  substr: goFunc(
    ["int", "int", "string"],
    (a: unknown, b: unknown, s: string) => substring(intArg(a), intArg(b), s),
  ),
  repeat: goFunc(["int", "string"], (count: unknown, s: string) => goRepeat(s, intArg(count))),
  trimall: goFunc(["string", "string"], (cutset: string, s: string) => goTrim(s, cutset)),
  trimAll: goFunc(["string", "string"], (cutset: string, s: string) => goTrim(s, cutset)),
  trimSuffix: goFunc(
    ["string", "string"],
    (suffix: string, s: string) =>
      suffix !== "" && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s,
  ),
  trimPrefix: goFunc(
    ["string", "string"],
    (prefix: string, s: string) => s.startsWith(prefix) ? s.slice(prefix.length) : s,
  ),
  nospace: goFunc(str, deleteWhiteSpace),
  initials: goFunc(str, initials),
  swapcase: goFunc(str, swapCase),
  shuffle: goFunc(str, (s: string) => shuffle(s)),
  snakecase: goFunc(str, toSnakeCase),
  camelcase: goFunc(str, toPascalCase),
  kebabcase: goFunc(str, toKebabCase),
  wrap: goFunc(["int", "string"], (l: unknown, s: string) => wrapCustom(s, intArg(l), "", false)),
  wrapWith: goFunc(
    ["int", "string", "string"],
    (l: unknown, sep: string, s: string) => wrapCustom(s, intArg(l), sep, true),
  ),
  contains: goFunc(["string", "string"], (sub: string, s: string) => goContains(s, sub)),
  hasPrefix: goFunc(["string", "string"], (prefix: string, s: string) => goHasPrefix(s, prefix)),
  hasSuffix: goFunc(["string", "string"], (suffix: string, s: string) => goHasSuffix(s, suffix)),
  quote: goFunc(
    ["interface {}"],
    (...args: unknown[]) =>
      // fmt's %q of a string is strconv.Quote.
      args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(strval(a))).join(" "),
    { variadic: true },
  ),
  squote: goFunc(
    ["interface {}"],
    (...args: unknown[]) =>
      args.filter((a) => a !== null && a !== undefined).map((a) => `'${formatValue(a)}'`).join(" "),
    { variadic: true },
  ),
  cat: goFunc(
    ["interface {}"],
    (...args: unknown[]) =>
      canonical(args.filter((a) => a !== null && a !== undefined).map(formatValue).join(" ")),
    { variadic: true },
  ),
  indent: goFunc(["int", "string"], (n: unknown, v: string) => indent(intArg(n), v)),
  nindent: goFunc(["int", "string"], (n: unknown, v: string) => "\n" + indent(intArg(n), v)),
  replace: goFunc(
    ["string", "string", "string"],
    (old: string, repl: string, s: string) => goReplaceAll(s, old, repl),
  ),
  plural: goFunc(
    ["string", "string", "int"],
    (one: string, many: string, n: unknown) => intArg(n) === 1 ? one : many,
  ),
  split: goFunc(["string", "string"], (sep: string, s: string) => indexedParts(goSplitN(s, sep, -1))),
  splitn: goFunc(
    ["string", "int", "string"],
    (sep: string, n: unknown, s: string) => indexedParts(goSplitN(s, sep, intArg(n))),
  ),
  splitList: goFunc(
    ["string", "string"],
    (sep: string, s: string) => withGoType(goSplitN(s, sep, -1), "[]string"),
  ),
  join: goFunc(["string", "interface {}"], (sep: string, v: unknown) => canonical(strslice(v).join(sep))),
};
