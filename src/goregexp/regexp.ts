/**
 * Go `regexp.Regexp` semantics on top of a JavaScript RegExp: FindAll's
 * empty-match rules, Split's limits, ReplaceAll's `$` template expansion.
 *
 * Positions are UTF-16 indexes; since every result is a substring, that is
 * invisible to callers, but stepping past an empty match advances by a whole
 * code point as Go advances by a whole rune.
 *
 * @module
 */

import { emitJsSource } from "./emit.ts";
import { parseGoRegexp } from "./parse.ts";
import { canBackquote, goQuote } from "./quote.ts";

/** One match: the whole match's bounds and each group's text (undefined when the group did not take part). */
export interface GoMatch {
  /** Index of the first character of the match. */
  readonly start: number;
  /** Index after the last character of the match. */
  readonly end: number;
  /** Index 0 is the whole match. */
  readonly groups: readonly (string | undefined)[];
}

const LETTER_DIGIT_UNDERSCORE = /[\p{L}\p{Nd}_]/u;

/**
 * Go's `extract` for `Expand`: reads `name` or `{name}` after a `$`.
 * Returns the name, its number (-1 when it is not a plain number) and the
 * index after it, or undefined when malformed.
 */
function extractName(tpl: string, i: number): { name: string; num: number; next: number } | undefined {
  let brace = false;
  if (tpl[i] === "{") {
    brace = true;
    i++;
  }
  let j = i;
  while (j < tpl.length) {
    const cp = tpl.codePointAt(j)!;
    const ch = String.fromCodePoint(cp);
    if (!LETTER_DIGIT_UNDERSCORE.test(ch)) break;
    j += ch.length;
  }
  if (j === i) return undefined;
  const name = tpl.slice(i, j);
  if (brace) {
    if (tpl[j] !== "}") return undefined;
    j++;
  }
  let num = 0;
  for (const c of name) {
    if (c < "0" || c > "9" || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c.charCodeAt(0) - 0x30);
  }
  if (name[0] === "0" && name.length > 1) num = -1;
  return { name, num, next: j };
}

/** A compiled Go regular expression. */
export class GoRegexp {
  /** The Go source pattern. */
  readonly source: string;
  /** Number of capturing groups. */
  readonly numSubexp: number;
  /** Group names by index; index 0 and unnamed groups are "". */
  readonly subexpNames: readonly string[];
  /** The JavaScript pattern that implements it (for debugging). */
  readonly jsSource: string;
  readonly #re: RegExp;

  /**
   * Compiles a Go pattern; prefer {@link compileGoRegexp}, which caches.
   *
   * @throws {import("./parse.ts").GoRegexpSyntaxError} when Go rejects the pattern.
   */
  constructor(source: string) {
    const parsed = parseGoRegexp(source);
    this.source = source;
    this.numSubexp = parsed.numCap;
    this.subexpNames = parsed.names;
    this.jsSource = emitJsSource(parsed.root);
    this.#re = new RegExp(this.jsSource, "gu");
  }

  /** The leftmost match starting at or after `pos`, with the whole input as context (like Go's doExecute). */
  execAt(s: string, pos: number): GoMatch | undefined {
    this.#re.lastIndex = pos;
    const m = this.#re.exec(s);
    if (m === null) return undefined;
    return { start: m.index, end: m.index + m[0].length, groups: [...m] };
  }

  /** `MatchString`: whether s contains a match. */
  match(s: string): boolean {
    return this.execAt(s, 0) !== undefined;
  }

  /** `FindString`: the leftmost match, or "" when there is none. */
  find(s: string): string {
    const m = this.execAt(s, 0);
    return m === undefined ? "" : s.slice(m.start, m.end);
  }

  /** `FindStringSubmatch`: the groups of the leftmost match ("" for groups that did not take part), or undefined. */
  findSubmatch(s: string): string[] | undefined {
    const m = this.execAt(s, 0);
    return m?.groups.map((g) => g ?? "");
  }

  /**
   * Go's `allMatches`: up to n successive non-overlapping matches (all when
   * n < 0); an empty match right after a previous match is skipped.
   */
  findAllMatches(s: string, n: number): GoMatch[] {
    const limit = n < 0 ? s.length + 1 : n;
    const out: GoMatch[] = [];
    let pos = 0;
    let prevMatchEnd = -1;
    while (out.length < limit && pos <= s.length) {
      const m = this.execAt(s, pos);
      if (m === undefined) break;
      let accept = true;
      if (m.end === pos) {
        if (m.start === prevMatchEnd) accept = false;
        pos += pos < s.length ? (s.codePointAt(pos)! > 0xffff ? 2 : 1) : 1;
      } else {
        pos = m.end;
      }
      prevMatchEnd = m.end;
      if (accept) out.push(m);
    }
    return out;
  }

  /** `FindAllString`: the match texts, or undefined (Go's nil) when there are none. */
  findAll(s: string, n: number): string[] | undefined {
    const ms = this.findAllMatches(s, n);
    return ms.length === 0 ? undefined : ms.map((m) => s.slice(m.start, m.end));
  }

  /** `FindAllStringSubmatch`: each match's groups, or undefined when there are none. */
  findAllSubmatch(s: string, n: number): string[][] | undefined {
    const ms = this.findAllMatches(s, n);
    return ms.length === 0 ? undefined : ms.map((m) => m.groups.map((g) => g ?? ""));
  }

  /**
   * `Split`: the substrings between matches, at most n of them when n > 0;
   * undefined (Go's nil) when n == 0.
   */
  split(s: string, n: number): string[] | undefined {
    if (n === 0) return undefined;
    if (this.source.length > 0 && s.length === 0) return [""];
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of this.findAllMatches(s, n)) {
      if (n > 0 && out.length >= n - 1) break;
      end = m.start;
      if (m.end !== 0) out.push(s.slice(beg, end));
      beg = m.end;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }

  /** Go's `replaceAll` loop; `repl` appends the replacement for one match. */
  #replace(src: string, repl: (m: GoMatch) => string): string {
    let out = "";
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length) {
      const m = this.execAt(src, searchPos);
      if (m === undefined) break;
      out += src.slice(lastMatchEnd, m.start);
      // No replacement for an empty match right after the previous match.
      if (m.end > lastMatchEnd || m.start === 0) out += repl(m);
      lastMatchEnd = m.end;
      const width = searchPos < src.length ? (src.codePointAt(searchPos)! > 0xffff ? 2 : 1) : 0;
      if (searchPos + width > m.end) searchPos += width;
      else if (searchPos + 1 > m.end) searchPos++;
      else searchPos = m.end;
    }
    return out + src.slice(lastMatchEnd);
  }

  /** `ReplaceAllString`: replaces every match, expanding `$1`, `${1}`, `$name`, `${name}` and `$$` in repl. */
  replaceAll(src: string, repl: string): string {
    return this.#replace(src, (m) => this.expand(repl, m));
  }

  /** `ReplaceAllLiteralString`: replaces every match with repl as is. */
  replaceAllLiteral(src: string, repl: string): string {
    return this.#replace(src, () => repl);
  }

  /** `ReplaceAllStringFunc`: replaces every match with f(match text). */
  replaceAllFunc(src: string, f: (match: string) => string): string {
    return this.#replace(src, (m) => f(m.groups[0] ?? ""));
  }

  /**
   * Go's `Expand` for one match. `$name` takes the longest run of letters,
   * digits and `_`, so `$1x` names the group "1x" (empty when absent); a
   * malformed `$` stays literal.
   */
  expand(template: string, m: GoMatch): string {
    let out = "";
    let i = 0;
    for (;;) {
      const dollar = template.indexOf("$", i);
      if (dollar < 0) break;
      out += template.slice(i, dollar);
      i = dollar + 1;
      if (template[i] === "$") {
        out += "$";
        i++;
        continue;
      }
      const ref = i < template.length ? extractName(template, i) : undefined;
      if (ref === undefined) {
        out += "$";
        continue;
      }
      i = ref.next;
      if (ref.num >= 0) {
        out += m.groups[ref.num] ?? "";
      } else {
        // Go takes the first group of that name that took part in the match.
        const idx = this.subexpNames.findIndex((n, k) => n === ref.name && m.groups[k] !== undefined);
        if (idx > 0) out += m.groups[idx];
      }
    }
    return out + template.slice(i);
  }
}

const cache = new Map<string, GoRegexp>();
const CACHE_LIMIT = 500;

/**
 * Compiles a Go (RE2) regular expression, as Go's `regexp.Compile`.
 * Compiled expressions are cached, since templates recompile the same
 * pattern on every call.
 *
 * @throws {import("./parse.ts").GoRegexpSyntaxError} with Go's message
 * (`error parsing regexp: …`) when Go would reject the pattern.
 *
 * @example
 * ```ts
 * const re = compileGoRegexp("(?P<first>[a-z]+) (\\w+)");
 * re.replaceAll("hello world", "${2} $first"); // "world hello"
 * ```
 */
export function compileGoRegexp(pattern: string): GoRegexp {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = new GoRegexp(pattern);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(pattern, re);
  }
  return re;
}

/** Go's `regexp.MustCompile` panic text for a pattern: ``regexp: Compile(`pat`): error parsing regexp: …``. */
export function mustCompileMessage(pattern: string, err: Error): string {
  const quoted = canBackquote(pattern) ? "`" + pattern + "`" : goQuote(pattern);
  return `regexp: Compile(${quoted}): ${err.message}`;
}

/**
 * Go's `regexp.MustCompile`: like {@link compileGoRegexp} but the error
 * carries MustCompile's panic text.
 */
export function mustCompileGoRegexp(pattern: string): GoRegexp {
  try {
    return compileGoRegexp(pattern);
  } catch (e) {
    throw new Error(mustCompileMessage(pattern, e as Error), { cause: e });
  }
}

/** Go's `regexp.MatchString`. */
export function matchGoRegexp(pattern: string, s: string): boolean {
  return compileGoRegexp(pattern).match(s);
}

const SPECIAL = new Set("\\.+*?()|[]{}^$");

/** Go's `regexp.QuoteMeta`: escapes `\.+*?()|[]{}^$`. */
export function quoteMeta(s: string): string {
  let out = "";
  for (const c of s) out += SPECIAL.has(c) ? "\\" + c : c;
  return out;
}
