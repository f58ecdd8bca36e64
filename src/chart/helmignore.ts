/**
 * `.helmignore` rules, as helm's `pkg/ignore` reads and applies them:
 *
 * - one pattern a line; blank lines and lines starting with `#` are
 *   skipped; surrounding white space is trimmed (a leading BOM too);
 * - patterns are Go `filepath.Match` globs; `**` is refused;
 * - `!pat` negates, `pat/` matches directories only, `/pat` matches from
 *   the chart root, a pattern with a `/` matches the whole relative path and
 *   one without matches the base name;
 * - rules are tried in order and the first decisive one wins; helm always
 *   adds `templates/.?*` (dot files in templates/).
 *
 * Negated rules keep helm's quirks: a non-matching negated rule ignores the
 * path, and a negated directory rule ignores every file.
 *
 * @module
 */

import { trimGoSpace } from "../gotpl/utf8.ts";
import { base } from "../sprig/gopath.ts";
import { ChartLoadError } from "./errors.ts";

/** The name of the ignore file in a chart directory. */
export const HELM_IGNORE = ".helmignore";

const BAD_PATTERN = "syntax error in pattern";
const MAX_LINE = 64 * 1024;

class BadPattern extends Error {}

/** A UTF-8 string cursor: Go's Match works on bytes. */
function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Go's utf8.DecodeRune: [rune, size]; invalid bytes give [0xFFFD, 1]. */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
  if (need === 0 || i + need > b.length) return [0xfffd, 1];
  let r = need === 2 ? c & 0x1f : need === 3 ? c & 0x0f : c & 0x07;
  for (let k = 1; k < need; k++) {
    const cc = b[i + k];
    if ((cc & 0xc0) !== 0x80) return [0xfffd, 1];
    r = (r << 6) | (cc & 0x3f);
  }
  // Overlong forms, surrogates and out-of-range values are invalid.
  if (
    (need === 3 && (r < 0x800 || (r >= 0xd800 && r <= 0xdfff))) ||
    (need === 4 && (r < 0x10000 || r > 0x10ffff))
  ) {
    return [0xfffd, 1];
  }
  return [r, need];
}

/** Go's scanChunk: leading stars, then the chunk up to the next star outside a range. */
function scanChunk(p: Uint8Array, at: number): { star: boolean; chunk: Uint8Array; rest: number } {
  let star = false;
  while (at < p.length && p[at] === 0x2a) {
    at++;
    star = true;
  }
  let inrange = false;
  let i = at;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === 0x5c) {
      if (i + 1 < p.length) i++;
    } else if (c === 0x5b) {
      inrange = true;
    } else if (c === 0x5d) {
      inrange = false;
    } else if (c === 0x2a && !inrange) {
      break;
    }
  }
  return { star, chunk: p.subarray(at, i), rest: i };
}

/** Go's getEsc: one possibly escaped character of a range. */
function getEsc(chunk: Uint8Array, at: number): [number, number] {
  if (at >= chunk.length || chunk[at] === 0x2d || chunk[at] === 0x5d) throw new BadPattern();
  if (chunk[at] === 0x5c) {
    at++;
    if (at >= chunk.length) throw new BadPattern();
  }
  const [r, n] = decodeRune(chunk, at);
  if (r === 0xfffd && n === 1) throw new BadPattern();
  at += n;
  if (at >= chunk.length) throw new BadPattern();
  return [r, at];
}

/** Go's matchChunk: the rest of `s` after the chunk, or -1; throws on a bad pattern. */
function matchChunk(chunk: Uint8Array, s: Uint8Array, si: number): number {
  let failed = false;
  let ci = 0;
  while (ci < chunk.length) {
    failed = failed || si >= s.length;
    const c = chunk[ci];
    if (c === 0x5b) {
      let r = 0;
      if (!failed) {
        const [rr, n] = decodeRune(s, si);
        r = rr;
        si += n;
      }
      ci++;
      let negated = false;
      if (ci < chunk.length && chunk[ci] === 0x5e) {
        negated = true;
        ci++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (ci < chunk.length && chunk[ci] === 0x5d && nrange > 0) {
          ci++;
          break;
        }
        let lo: number;
        let hi: number;
        [lo, ci] = getEsc(chunk, ci);
        hi = lo;
        if (chunk[ci] === 0x2d) [hi, ci] = getEsc(chunk, ci + 1);
        match = match || (lo <= r && r <= hi);
        nrange++;
      }
      failed = failed || match === negated;
    } else if (c === 0x3f) {
      if (!failed) {
        failed = s[si] === 0x2f;
        si += decodeRune(s, si)[1];
      }
      ci++;
    } else {
      if (c === 0x5c) {
        ci++;
        if (ci >= chunk.length) throw new BadPattern();
      }
      if (!failed) {
        failed = chunk[ci] !== s[si];
        si++;
      }
      ci++;
    }
  }
  return failed ? -1 : si;
}

/**
 * Go's `path/filepath.Match` on Linux: shell globs (`*`, `?`, `[a-z]`,
 * `[^x]`, `\` escapes) where `*` and `?` never match `/`.
 *
 * @throws {ChartLoadError} `syntax error in pattern` (Go's
 * `filepath.ErrBadPattern`), found only as far as matching gets, as in Go.
 */
export function goMatch(pattern: string, name: string): boolean {
  try {
    return matchBytes(utf8(pattern), utf8(name));
  } catch (e) {
    if (e instanceof BadPattern) throw new ChartLoadError(BAD_PATTERN);
    throw e;
  }
}

function matchBytes(p: Uint8Array, name: Uint8Array): boolean {
  let pi = 0;
  let ni = 0;
  outer: while (pi < p.length) {
    const { star, chunk, rest } = scanChunk(p, pi);
    pi = rest;
    if (star && chunk.length === 0) return !name.subarray(ni).includes(0x2f);
    let err: unknown;
    let t = -1;
    try {
      t = matchChunk(chunk, name, ni);
    } catch (e) {
      err = e;
    }
    if (t >= 0 && (t === name.length || pi < p.length)) {
      ni = t;
      continue;
    }
    if (err) throw err;
    if (star) {
      for (let i = ni; i < name.length && name[i] !== 0x2f; i++) {
        let t2 = -1;
        let err2: unknown;
        try {
          t2 = matchChunk(chunk, name, i + 1);
        } catch (e) {
          err2 = e;
        }
        if (t2 >= 0) {
          if (pi >= p.length && t2 < name.length) continue;
          ni = t2;
          continue outer;
        }
        if (err2) throw err2;
      }
    }
    return false;
  }
  return ni === name.length;
}

/**
 * {@link goMatch} as a regular expression, for patterns of literal text, `*` and `?` only
 * (nothing there can be malformed); `undefined` for classes and escapes, which keep Go's matcher.
 */
export function globRegExp(pattern: string): RegExp | undefined {
  if (/[\[\\]/.test(pattern)) return undefined;
  let src = "";
  for (const ch of pattern) {
    if (ch === "*") src += "[^/]*";
    else if (ch === "?") src += "[^/]";
    else src += ch.replace(/[.+^${}()|\/\]]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, "u");
}

/** A matcher for `pattern`: a regular expression when it is a simple glob, else Go's matcher. */
function matcher(pattern: string): (name: string) => boolean {
  const re = globRegExp(pattern);
  return re ? (n) => re.test(n) : (n) => safeMatch(pattern, n);
}

interface Pattern {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  match: (name: string) => boolean;
}

/** Errors of a matcher are logged by helm and count as no match. */
function safeMatch(rule: string, name: string): boolean {
  try {
    return goMatch(rule, name);
  } catch {
    return false;
  }
}

/** A parsed `.helmignore`: {@link HelmIgnore.ignores} decides what the directory loader skips. */
export class HelmIgnore {
  private readonly patterns: Pattern[] = [];

  /**
   * Parses `.helmignore` text (helm's `ignore.Parse`).
   *
   * @throws {ChartLoadError} `double-star (**) syntax is not supported` or
   * `syntax error in pattern`
   */
  static parse(text: string | Uint8Array): HelmIgnore {
    const rules = new HelmIgnore();
    const data = typeof text === "string" ? new TextEncoder().encode(text) : text;
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    let start = 0;
    let first = true;
    while (start < data.length) {
      let end = data.indexOf(0x0a, start);
      const next = end < 0 ? data.length : end + 1;
      if (end < 0) end = data.length;
      // bufio.Scanner holds a line and its newline in at most 64 KiB.
      if (end - start >= MAX_LINE) throw new ChartLoadError("bufio.Scanner: token too long");
      let line = data.subarray(start, end);
      if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
      if (first && line.length >= 3 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) {
        line = line.subarray(3);
      }
      first = false;
      rules.addRule(decoder.decode(line));
      start = next;
    }
    return rules;
  }

  /** An empty rule set. */
  static empty(): HelmIgnore {
    return new HelmIgnore();
  }

  /** Adds helm's default rule: dot files in `templates/` are ignored. */
  addDefaults(): void {
    this.addRule("templates/.?*");
  }

  /**
   * Adds one rule (helm's `parseRule`).
   * @throws {ChartLoadError} for `**` or a malformed glob
   */
  addRule(rule: string): void {
    rule = trimGoSpace(rule);
    if (rule === "" || rule.startsWith("#")) return;
    if (rule.includes("**")) throw new ChartLoadError("double-star (**) syntax is not supported");
    // Go checks the pattern by matching it against a non-empty name.
    goMatch(rule, "abc");
    const p: Pattern = { raw: rule, negate: false, mustDir: false, match: () => false };
    if (rule.startsWith("!")) {
      p.negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith("/")) {
      p.mustDir = true;
      rule = rule.slice(0, -1);
    }
    if (rule.startsWith("/")) {
      p.match = matcher(rule.slice(1));
    } else if (rule.includes("/")) {
      p.match = matcher(rule);
    } else {
      const m = matcher(rule);
      p.match = (n) => m(base(n));
    }
    this.patterns.push(p);
  }

  /**
   * Whether the path (relative to the chart root, `/`-separated) is ignored.
   * Rules are evaluated in order; the first match decides.
   */
  ignores(path: string, isDir: boolean): boolean {
    if (path === "" || path === "." || path === "./") return false;
    for (const p of this.patterns) {
      if (p.negate) {
        if (p.mustDir && !isDir) return true;
        if (!p.match(path)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.match(path)) return true;
    }
    return false;
  }
}
