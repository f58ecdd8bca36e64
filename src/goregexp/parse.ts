/**
 * A parser for Go's RE2 syntax (regexp/syntax with the `Perl` flags that
 * `regexp.Compile` uses), producing a small tree that `emit.ts` turns into a
 * JavaScript pattern.
 *
 * It follows Go's stack-based parser closely because Go's error messages and
 * some quirks depend on it: `a(?i)*` repeats `a`, `a**` is an error, `{` that
 * does not start a valid repeat is a literal, and every error quotes exactly
 * the text Go quotes.
 *
 * @module
 */

import { unicodeTable } from "./unicode_names.ts";

/** Case-insensitive matching, `(?i)`. */
export const FOLD_CASE = 1;
/** `.` matches `\n`, `(?s)`. */
export const DOT_NL = 2;
/** `^`/`$` match only at text boundaries (cleared by `(?m)`). */
export const ONE_LINE = 4;
/** Repetition operators default to non-greedy, `(?U)`. */
export const NON_GREEDY = 8;

/** A piece of a character class. */
export type ClassPart =
  /** Explicit code point ranges as `[lo0, hi0, lo1, hi1, …]`, sorted and merged. */
  | { kind: "ranges"; ranges: number[] }
  /** A Unicode property as JavaScript spells it (`gc=Lu`, `sc=Greek`). */
  | { kind: "prop"; property: string; negated: boolean };

/** A node of the parsed expression. */
export type Node =
  | { op: "literal"; cp: number; fold: boolean }
  | { op: "class"; parts: ClassPart[]; negated: boolean; fold: boolean }
  | { op: "anyCharNotNL" }
  | { op: "anyChar" }
  | { op: "beginLine" }
  | { op: "endLine" }
  | { op: "beginText" }
  | { op: "endText" }
  | { op: "wordBoundary" }
  | { op: "noWordBoundary" }
  | { op: "capture"; index: number; name: string; sub: Node }
  | { op: "concat"; subs: Node[] }
  | { op: "alternate"; subs: Node[] }
  | { op: "emptyMatch" }
  | { op: "repeat"; min: number; max: number; greedy: boolean; counted: boolean; sub: Node };

/** The parsed expression with what the matcher needs to know about its groups. */
export interface ParsedRegexp {
  /** The expression tree. */
  readonly root: Node;
  /** Number of capturing groups. */
  readonly numCap: number;
  /** Group names by index; index 0 (the whole match) and unnamed groups are "". */
  readonly names: readonly string[];
}

/** Go's `syntax.ErrorCode` texts. */
export type ErrorCode =
  | "invalid character class"
  | "invalid character class range"
  | "invalid escape sequence"
  | "invalid named capture"
  | "invalid or unsupported Perl syntax"
  | "invalid nested repetition operator"
  | "invalid repeat count"
  | "missing closing ]"
  | "missing closing )"
  | "missing argument to repetition operator"
  | "trailing backslash at end of expression"
  | "unexpected )"
  | "expression nests too deeply"
  | "expression too large"
  | "invalid UTF-8";

/**
 * A syntax error, printed as Go's `*syntax.Error`:
 * ``error parsing regexp: CODE: `EXPR` ``.
 */
export class GoRegexpSyntaxError extends Error {
  /** The Go error code text. */
  readonly code: ErrorCode;
  /** The part of the pattern Go quotes. */
  readonly expr: string;

  /** An error with Go's code and the quoted part of the pattern. */
  constructor(code: ErrorCode, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.name = "GoRegexpSyntaxError";
    this.code = code;
    this.expr = expr;
  }
}

const MAX_RUNE = 0x10ffff;

// Perl and POSIX classes are ASCII-only in RE2; ranges as [lo, hi, …].
const PERL_GROUPS: Record<string, { sign: 1 | -1; ranges: number[] }> = {
  "\\d": { sign: 1, ranges: [0x30, 0x39] },
  "\\D": { sign: -1, ranges: [0x30, 0x39] },
  "\\s": { sign: 1, ranges: [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20] },
  "\\S": { sign: -1, ranges: [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20] },
  "\\w": { sign: 1, ranges: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a] },
  "\\W": { sign: -1, ranges: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a] },
};

const POSIX_CLASSES: Record<string, number[]> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

/** Sorts and merges `[lo, hi, …]` ranges. */
export function cleanRanges(r: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i], r[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1] + 1) {
      if (hi > out[n - 1]) out[n - 1] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

/** The complement of clean ranges over all code points. */
export function negateRanges(r: number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i] > next) out.push(next, r[i] - 1);
    next = r[i + 1] + 1;
  }
  if (next <= MAX_RUNE) out.push(next, MAX_RUNE);
  return out;
}

/**
 * Closes an ASCII set under Go's simple case folding: letters gain their
 * other case, and `s`/`k` gain the two non-ASCII members of their orbits
 * (ſ U+017F and the Kelvin sign U+212A).
 */
function foldAsciiRanges(r: number[]): number[] {
  const out = [...r];
  const has = (c: number) => {
    for (let i = 0; i < r.length; i += 2) if (r[i] <= c && c <= r[i + 1]) return true;
    return false;
  };
  for (let c = 0x41; c <= 0x5a; c++) {
    if (has(c) || has(c + 0x20)) out.push(c, c, c + 0x20, c + 0x20);
  }
  if (has(0x53) || has(0x73)) out.push(0x17f, 0x17f);
  if (has(0x4b) || has(0x6b)) out.push(0x212a, 0x212a);
  return cleanRanges(out);
}

function groupRanges(sign: number, ranges: number[], fold: boolean): number[] {
  const set = fold ? foldAsciiRanges(ranges) : cleanRanges(ranges);
  return sign < 0 ? negateRanges(set) : set;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

type StackItem =
  | Node
  | { op: "leftParen"; cap: number; name: string; flags: number }
  | { op: "verticalBar" };

function isPseudo(item: StackItem): item is Exclude<StackItem, Node> {
  return item.op === "leftParen" || item.op === "verticalBar";
}

/**
 * The parser works on the pattern as a JS string and an index into it; Go's
 * `s[:len(s)-len(t)]` slices become `pattern.slice(start, index)`.
 */
class Parser {
  readonly src: string;
  flags = ONE_LINE;
  stack: StackItem[] = [];
  numCap = 0;
  names: string[] = [""];

  constructor(src: string) {
    this.src = src;
  }

  /**
   * Code point at `i` and the index after it; at the end, `-1` and `i`. A
   * lone surrogate is how charta holds a byte that is not valid UTF-8 (see
   * sprig/gostring.ts), which Go's parser rejects.
   */
  rune(i: number): [number, number] {
    if (i >= this.src.length) return [-1, i];
    const cp = this.src.codePointAt(i)!;
    if (cp >= 0xd800 && cp <= 0xdfff) throw new GoRegexpSyntaxError("invalid UTF-8", this.src.slice(i));
    return [cp, i + (cp > 0xffff ? 2 : 1)];
  }

  push(node: Node): void {
    this.stack.push(node);
  }

  literal(cp: number): void {
    this.push({ op: "literal", cp, fold: (this.flags & FOLD_CASE) !== 0 });
  }

  /** Replaces the items above the topmost pseudo-operator with their concatenation. */
  concat(): void {
    let i = this.stack.length;
    while (i > 0 && !isPseudo(this.stack[i - 1])) i--;
    const subs = this.stack.splice(i) as Node[];
    if (subs.length === 0) this.stack.push({ op: "emptyMatch" });
    else if (subs.length === 1) this.stack.push(subs[0]);
    else this.stack.push({ op: "concat", subs });
  }

  /** Pops `concat (| concat)*` and returns their alternation. */
  alternate(): Node | undefined {
    const branches: Node[] = [];
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined || isPseudo(top)) break;
      branches.unshift(this.stack.pop() as Node);
      const bar = this.stack[this.stack.length - 1];
      if (bar !== undefined && bar.op === "verticalBar") this.stack.pop();
      else break;
    }
    if (branches.length === 0) return undefined;
    return branches.length === 1 ? branches[0] : { op: "alternate", subs: branches };
  }

  repeat(min: number, max: number, counted: boolean, before: number, afterOp: number, lastRepeat: number) {
    let flags = this.flags;
    let after = afterOp;
    if (this.src[after] === "?") {
      after++;
      flags ^= NON_GREEDY;
    }
    if (lastRepeat >= 0) {
      throw new GoRegexpSyntaxError("invalid nested repetition operator", this.src.slice(lastRepeat, after));
    }
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || isPseudo(top)) {
      throw new GoRegexpSyntaxError("missing argument to repetition operator", this.src.slice(before, after));
    }
    const node: Node = { op: "repeat", min, max, counted, greedy: (flags & NON_GREEDY) === 0, sub: top };
    this.stack[this.stack.length - 1] = node;
    if (counted && (min >= 2 || max >= 2) && !repeatIsValid(node, 1000)) {
      throw new GoRegexpSyntaxError("invalid repeat count", this.src.slice(before, after));
    }
    return after;
  }

  parse(): ParsedRegexp {
    const s = this.src;
    let t = 0;
    let lastRepeat = -1;
    while (t < s.length) {
      let repeat = -1;
      const c = s[t];
      switch (c) {
        case "(":
          if (s[t + 1] === "?") {
            t = this.parsePerlFlags(t);
            break;
          }
          this.numCap++;
          this.names.push("");
          this.stack.push({ op: "leftParen", cap: this.numCap, name: "", flags: this.flags });
          t++;
          break;
        case "|":
          this.concat();
          this.stack.push({ op: "verticalBar" });
          t++;
          break;
        case ")":
          this.parseRightParen();
          t++;
          break;
        case "^":
          this.push({ op: this.flags & ONE_LINE ? "beginText" : "beginLine" });
          t++;
          break;
        case "$":
          this.push({ op: this.flags & ONE_LINE ? "endText" : "endLine" });
          t++;
          break;
        case ".":
          this.push({ op: this.flags & DOT_NL ? "anyChar" : "anyCharNotNL" });
          t++;
          break;
        case "[":
          t = this.parseClass(t);
          break;
        case "*":
        case "+":
        case "?": {
          const [min, max] = c === "*" ? [0, -1] : c === "+" ? [1, -1] : [0, 1];
          const before = t;
          t = this.repeat(min, max, false, before, t + 1, lastRepeat);
          repeat = before;
          break;
        }
        case "{": {
          const before = t;
          const r = parseRepeat(s, t);
          if (r === undefined) {
            this.literal(0x7b);
            t++;
            break;
          }
          const [min, max, after] = r;
          if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) {
            throw new GoRegexpSyntaxError("invalid repeat count", s.slice(before, after));
          }
          t = this.repeat(min, max, true, before, after, lastRepeat);
          repeat = before;
          break;
        }
        case "\\":
          t = this.parseBackslash(t);
          break;
        default: {
          const [cp, next] = this.rune(t);
          this.literal(cp);
          t = next;
        }
      }
      lastRepeat = repeat;
    }
    this.concat();
    const root = this.alternate() ?? { op: "emptyMatch" };
    if (this.stack.length !== 0) throw new GoRegexpSyntaxError("missing closing )", s);
    return { root, numCap: this.numCap, names: this.names };
  }

  parseRightParen(): void {
    this.concat();
    const body = this.alternate();
    const open = this.stack.pop();
    if (body === undefined || open === undefined || open.op !== "leftParen") {
      throw new GoRegexpSyntaxError("unexpected )", this.src);
    }
    this.flags = open.flags;
    if (open.cap === 0) this.push(body);
    else this.push({ op: "capture", index: open.cap, name: open.name, sub: body });
  }

  /** Handles `\…` outside a class; returns the index after it. */
  parseBackslash(t: number): number {
    const s = this.src;
    switch (s[t + 1]) {
      case "A":
        this.push({ op: "beginText" });
        return t + 2;
      case "b":
        this.push({ op: "wordBoundary" });
        return t + 2;
      case "B":
        this.push({ op: "noWordBoundary" });
        return t + 2;
      case "C":
        throw new GoRegexpSyntaxError("invalid escape sequence", "\\C");
      case "Q": {
        const end = s.indexOf("\\E", t + 2);
        const lit = end < 0 ? s.slice(t + 2) : s.slice(t + 2, end);
        for (let k = t + 2; k < t + 2 + lit.length;) {
          const [cp, next] = this.rune(k);
          this.literal(cp);
          k = next;
        }
        return end < 0 ? s.length : end + 2;
      }
      case "z":
        this.push({ op: "endText" });
        return t + 2;
    }
    const fold = (this.flags & FOLD_CASE) !== 0;
    if (s[t + 1] === "p" || s[t + 1] === "P") {
      const [part, next] = this.parseUnicodeClass(t);
      this.push({ op: "class", parts: [part], negated: false, fold });
      return next;
    }
    const group = PERL_GROUPS[s.slice(t, t + 2)];
    if (group !== undefined) {
      const ranges = groupRanges(group.sign, group.ranges, fold);
      this.push({ op: "class", parts: [{ kind: "ranges", ranges }], negated: false, fold });
      return t + 2;
    }
    const [cp, next] = this.parseEscape(t);
    this.literal(cp);
    return next;
  }

  /** Go's `parseEscape`: a single escaped code point starting at the backslash at `start`. */
  parseEscape(start: number): [number, number] {
    const s = this.src;
    let t = start + 1;
    if (t >= s.length) throw new GoRegexpSyntaxError("trailing backslash at end of expression", "");
    let c: number;
    [c, t] = this.rune(t);
    const fail = (): never => {
      throw new GoRegexpSyntaxError("invalid escape sequence", s.slice(start, t));
    };
    const isOctal = (i: number) => s[i] !== undefined && s[i] >= "0" && s[i] <= "7";
    switch (c) {
      case 0x31:
      case 0x32:
      case 0x33:
      case 0x34:
      case 0x35:
      case 0x36:
      case 0x37:
        // A single non-zero digit would be a backreference, which RE2 lacks.
        if (!isOctal(t)) return fail();
      // falls through
      case 0x30: {
        let r = c - 0x30;
        for (let i = 1; i < 3 && isOctal(t); i++) {
          r = r * 8 + s.charCodeAt(t) - 0x30;
          t++;
        }
        return [r, t];
      }
      case 0x78: { // x
        if (t >= s.length) return fail();
        [c, t] = this.rune(t);
        if (c === 0x7b) {
          let nhex = 0;
          let r = 0;
          for (;;) {
            if (t >= s.length) return fail();
            [c, t] = this.rune(t);
            if (c === 0x7d) break;
            const v = unhex(c);
            if (v < 0) return fail();
            r = r * 16 + v;
            if (r > MAX_RUNE) return fail();
            nhex++;
          }
          if (nhex === 0) return fail();
          return [r, t];
        }
        const x = unhex(c);
        [c, t] = this.rune(t);
        const y = unhex(c);
        if (x < 0 || y < 0) return fail();
        return [x * 16 + y, t];
      }
      case 0x61:
        return [0x07, t];
      case 0x66:
        return [0x0c, t];
      case 0x6e:
        return [0x0a, t];
      case 0x72:
        return [0x0d, t];
      case 0x74:
        return [0x09, t];
      case 0x76:
        return [0x0b, t];
      default:
        // Escaped ASCII punctuation is itself; letters, digits and non-ASCII are errors.
        if (c < 0x80 && !isAlnum(c)) return [c, t];
        return fail();
    }
  }

  /** Go's `parseUnicodeClass` at a `\p` or `\P`; returns the class part and the index after it. */
  parseUnicodeClass(start: number): [ClassPart, number] {
    const s = this.src;
    let sign = s[start + 1] === "P" ? -1 : 1;
    let [c, t] = this.rune(start + 2);
    let seq: string;
    let name: string;
    if (c !== 0x7b) {
      seq = s.slice(start, t);
      name = s.slice(start + 2, t);
    } else {
      const end = s.indexOf("}", start);
      if (end < 0) throw new GoRegexpSyntaxError("invalid character class range", s.slice(start));
      seq = s.slice(start, end + 1);
      name = s.slice(start + 3, end);
      t = end + 1;
    }
    if (name.startsWith("^")) {
      sign = -sign;
      name = name.slice(1);
    }
    const table = unicodeTable(name);
    if (table === undefined) throw new GoRegexpSyntaxError("invalid character class range", seq);
    const fold = (this.flags & FOLD_CASE) !== 0;
    switch (table.kind) {
      case "any":
        return [{ kind: "ranges", ranges: sign > 0 ? [0, MAX_RUNE] : [] }, t];
      case "ascii": {
        // Go folds ASCII with the two non-ASCII members of the s and k orbits.
        const set = fold ? [0, 0x7f, 0x17f, 0x17f, 0x212a, 0x212a] : [0, 0x7f];
        return [{ kind: "ranges", ranges: sign > 0 ? set : negateRanges(set) }, t];
      }
      default:
        return [{ kind: "prop", property: table.property, negated: sign * table.sign < 0 }, t];
    }
  }

  /** Go's `parseClass` at `[`; pushes the class and returns the index after `]`. */
  parseClass(start: number): number {
    const s = this.src;
    const fold = (this.flags & FOLD_CASE) !== 0;
    let t = start + 1;
    let negated = false;
    if (s[t] === "^") {
      negated = true;
      t++;
    }
    const ranges: number[] = [];
    const parts: ClassPart[] = [];
    let first = true;
    while (t >= s.length || s[t] !== "]" || first) {
      first = false;
      if (s.length - t > 2 && s[t] === "[" && s[t + 1] === ":") {
        const end = s.indexOf(":]", t + 2);
        if (end >= 0) {
          const name = s.slice(t, end + 2);
          const inner = s.slice(t + 2, end);
          const neg = inner.startsWith("^");
          const set = POSIX_CLASSES[neg ? inner.slice(1) : inner];
          if (set === undefined) throw new GoRegexpSyntaxError("invalid character class range", name);
          ranges.push(...groupRanges(neg ? -1 : 1, set, fold));
          t = end + 2;
          continue;
        }
      }
      if (s[t] === "\\" && (s[t + 1] === "p" || s[t + 1] === "P")) {
        const [part, next] = this.parseUnicodeClass(t);
        if (part.kind === "ranges") ranges.push(...part.ranges);
        else parts.push(part);
        t = next;
        continue;
      }
      const group = PERL_GROUPS[s.slice(t, t + 2)];
      if (group !== undefined) {
        ranges.push(...groupRanges(group.sign, group.ranges, fold));
        t += 2;
        continue;
      }
      const rangeStart = t;
      let lo: number;
      [lo, t] = this.parseClassChar(t, start);
      let hi = lo;
      // [a-] means a or -, so a dash before the closing bracket is literal.
      if (s.length - t >= 2 && s[t] === "-" && s[t + 1] !== "]") {
        [hi, t] = this.parseClassChar(t + 1, start);
        if (hi < lo) throw new GoRegexpSyntaxError("invalid character class range", s.slice(rangeStart, t));
      }
      ranges.push(lo, hi);
    }
    const clean = cleanRanges(ranges);
    if (clean.length > 0 || parts.length === 0) parts.unshift({ kind: "ranges", ranges: clean });
    this.push({ op: "class", parts, negated, fold });
    return t + 1;
  }

  parseClassChar(t: number, classStart: number): [number, number] {
    if (t >= this.src.length) throw new GoRegexpSyntaxError("missing closing ]", this.src.slice(classStart));
    if (this.src[t] === "\\") return this.parseEscape(t);
    return this.rune(t);
  }

  /** Go's `parsePerlFlags` at `(?`: named groups, `(?flags)` and `(?flags:`. */
  parsePerlFlags(start: number): number {
    const s = this.src;
    const rest = s.length - start;
    const startsWithP = rest > 4 && s[start + 2] === "P" && s[start + 3] === "<";
    const startsWithName = rest > 3 && s[start + 2] === "<";
    if (startsWithP || startsWithName) {
      const exprStart = start + (startsWithP ? 4 : 3);
      const end = s.indexOf(">", start);
      if (end < 0) throw new GoRegexpSyntaxError("invalid named capture", s.slice(start));
      const name = s.slice(exprStart, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) {
        throw new GoRegexpSyntaxError("invalid named capture", s.slice(start, end + 1));
      }
      this.numCap++;
      this.names.push(name);
      this.stack.push({ op: "leftParen", cap: this.numCap, name, flags: this.flags });
      return end + 1;
    }
    let t = start + 2;
    let flags = this.flags;
    let sign = 1;
    let sawFlag = false;
    while (t < s.length) {
      let c: number;
      [c, t] = this.rune(t);
      const ch = String.fromCodePoint(c);
      if (ch === "i" || ch === "s" || ch === "U" || ch === "m") {
        const bit = ch === "i" ? FOLD_CASE : ch === "s" ? DOT_NL : ch === "U" ? NON_GREEDY : ONE_LINE;
        // (?m) turns OneLine off, the others turn their flag on; '-' inverts.
        const on = (ch === "m" ? -1 : 1) * sign > 0;
        flags = on ? flags | bit : flags & ~bit;
        sawFlag = true;
      } else if (ch === "-") {
        if (sign < 0) break;
        sign = -1;
        sawFlag = false;
      } else if (ch === ":" || ch === ")") {
        if (sign < 0 && !sawFlag) break;
        if (ch === ":") this.stack.push({ op: "leftParen", cap: 0, name: "", flags: this.flags });
        this.flags = flags;
        return t;
      } else {
        break;
      }
    }
    throw new GoRegexpSyntaxError("invalid or unsupported Perl syntax", s.slice(start, t));
  }
}

/** Go's `parseInt` for repeat counts: no leading zeros; -1 when ≥ 1e8. */
function parseInt10(s: string, t: number): [number, number] | undefined {
  if (t >= s.length || s[t] < "0" || s[t] > "9") return undefined;
  if (s[t] === "0" && s[t + 1] >= "0" && s[t + 1] <= "9") return undefined;
  let n = 0;
  let i = t;
  for (; i < s.length && s[i] >= "0" && s[i] <= "9"; i++) {
    if (n >= 1e8) n = -1;
    else if (n >= 0) n = n * 10 + s.charCodeAt(i) - 0x30;
  }
  return [n, i];
}

/** Go's `parseRepeat` at `{`: `[min, max (-1 = no limit), indexAfter]`, or undefined if `{` is literal. */
function parseRepeat(s: string, t: number): [number, number, number] | undefined {
  const a = parseInt10(s, t + 1);
  if (a === undefined) return undefined;
  let [min, i] = a;
  let max: number;
  if (i >= s.length) return undefined;
  if (s[i] !== ",") {
    max = min;
  } else {
    i++;
    if (i >= s.length) return undefined;
    if (s[i] === "}") {
      max = -1;
    } else {
      const b = parseInt10(s, i);
      if (b === undefined) return undefined;
      [max, i] = b;
      if (max < 0) min = -1;
    }
  }
  if (i >= s.length || s[i] !== "}") return undefined;
  return [min, max, i + 1];
}

/** Go's `repeatIsValid`: nested counted repeats may not exceed n copies of the innermost thing. */
function repeatIsValid(node: Node, n: number): boolean {
  if (node.op === "repeat" && node.counted) {
    let m = node.max;
    if (m === 0) return true;
    if (m < 0) m = node.min;
    if (m > n) return false;
    if (m > 0) n = Math.trunc(n / m);
  }
  switch (node.op) {
    case "repeat":
    case "capture":
      return repeatIsValid(node.sub, n);
    case "concat":
    case "alternate":
      return node.subs.every((sub) => repeatIsValid(sub, n));
    default:
      return true;
  }
}

/**
 * Parses a Go regular expression (as `regexp.Compile` would).
 *
 * @throws {GoRegexpSyntaxError} with Go's exact message when Go rejects it.
 */
export function parseGoRegexp(pattern: string): ParsedRegexp {
  return new Parser(pattern).parse();
}
