/**
 * A fast decoder for block YAML: repository indexes, values files,
 * Chart.yaml, rendered manifests.
 *
 * helm reads these with sigs.k8s.io/yaml (go-yaml v2 decoding, then a JSON
 * round trip). charta's full decoder (src/goyaml) reproduces that exactly but
 * builds tokens, events and a node tree first, which costs seconds on a 15 MB
 * index and most of the time of small documents. Such files use a small part
 * of YAML: block mappings and sequences, plain and quoted scalars (folded
 * over lines when long), literal and folded block scalars, and flow
 * sequences and mappings of scalars closed on their line (`[]`, `["ALL"]`,
 * `{a: 1}`). {@link scanBlockYaml} decodes that part straight into the value
 * the full decoder returns (same strings, numbers, booleans and nulls by YAML
 * 1.1 resolution, keys in the same order) and gives up — returning
 * `undefined` so the caller runs the full decoder — on anything else:
 * anchors, aliases, tags, directives, nested or multi-line flow collections,
 * tabs, CR line ends, control characters, duplicate or non-string keys, merge
 * keys, several documents, unusual indentation, and every syntax error. The
 * full decoder then produces helm's value or helm's error text.
 *
 * @module
 */
import { compareBytewise } from "../gojson/utf8.ts";
import { resolve, ResolvedInt, TAG } from "./resolve.ts";

const NL = 0x0a;
const SP = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const SQ = 0x27;
const DQ = 0x22;
const BS = 0x5c;

/** Thrown inside the scanner when the input needs the full decoder. */
const FALLBACK = Symbol("fallback");

function giveUp(): never {
  throw FALLBACK;
}

/**
 * Characters the scanner leaves to the full decoder: tabs, CR, control
 * characters (the full decoder's reader errors), YAML 1.1 line breaks
 * (NEL, LS, PS), BOMs, U+FFFD (a replaced invalid byte) and non-characters.
 */
// deno-lint-ignore no-control-regex
const UNHANDLED_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffd-\uffff]/;

/** Document markers at the start of a line (several documents, or an explicit end). */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \n]|$)/m;

/** Characters that cannot start a plain scalar (with `-`, `?`, `:`, which may if a non-space follows). */
function isIndicator(c: number): boolean {
  switch (c) {
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case SQ:
    case DQ:
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
  }
  return false;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Characters a plain item of a flow collection may start with: letters, digits, `_./~`. */
function isFlowPlainHead(c: number): boolean {
  return isAlnum(c) || c === 0x5f || c === 0x2e || c === 0x2f || c === 0x7e;
}

/** Characters of the plain items {@link BlockScanner.flowScalar} reads: those, and `+=-`. */
function isFlowPlain(c: number): boolean {
  return isFlowPlainHead(c) || c === 0x2b || c === 0x3d || c === DASH;
}

/** A plain item starts with {@link isFlowPlainHead}, or is `-` or `+` and a digit. */
function isFlowPlainStart(c: number, next: number): boolean {
  if (c === DASH || c === 0x2b) return next >= 0x30 && next <= 0x39;
  return isFlowPlainHead(c);
}

/** Whether a plain scalar's text can resolve to anything but a string (go-yaml's resolve hints). */
function mayResolve(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true;
  switch (c) {
    case 0x2b: // +
    case DASH:
    case 0x2e: // .
    case 0x7e: // ~
    case 0x79: // y
    case 0x59: // Y
    case 0x6e: // n
    case 0x4e: // N
    case 0x74: // t
    case 0x54: // T
    case 0x66: // f
    case 0x46: // F
    case 0x6f: // o
    case 0x4f: // O
      return true;
  }
  return false;
}

/**
 * Decodes YAML text as charta's full decoder does with a
 * `map[string]interface{}` target (`parseYaml(text, { target: "map" })`
 * plus strict duplicate-key checks): nested plain objects with keys in
 * bytewise order, arrays, strings, float64 numbers, booleans and nulls.
 *
 * @returns the decoded mapping, or `undefined` when the text uses YAML this
 * scanner does not handle (the caller then runs the full decoder, which also
 * reports errors with Go's text)
 */
export function scanBlockYaml(text: string): Record<string, unknown> | undefined {
  if (UNHANDLED_CHARS.test(text) || !text.isWellFormed()) return undefined;
  const marker = DOCUMENT_MARKER.exec(text);
  let start = 0;
  if (marker) {
    // A leading `---` alone on its line is the only marker handled.
    if (marker.index !== 0 || !text.startsWith("---")) return undefined;
    let k = 3;
    while (text.charCodeAt(k) === SP) k++;
    if (k < text.length && text.charCodeAt(k) !== NL) return undefined;
    start = k + 1;
    if (DOCUMENT_MARKER.test(text.slice(start))) return undefined;
  }
  try {
    return new BlockScanner(text).document(start);
  } catch {
    // FALLBACK, or anything unforeseen (deep nesting): the full decoder decides.
    return undefined;
  }
}

class BlockScanner {
  private readonly s: string;
  private readonly len: number;
  /** Start of the current content line (its first character, before the indentation). */
  private lineStart = 0;
  /** Indentation of the current content line; -1 at the end of the input. */
  private ind = -1;
  /** End of the current content line (its `\n`, or the input's end). */
  private lineEnd = 0;
  /** Plain scalars that may resolve to non-strings, resolved once. */
  private readonly resolved = new Map<string, unknown>();
  /** Keys seen, by length and first character. */
  private readonly keys = new Map<number, string[]>();
  /** Keys and values of the mappings being read. */
  private readonly keyStack: string[] = [];
  private readonly valueStack: unknown[] = [];
  /** No surrogates in the text: strings compare bytewise with `<`. */
  private readonly bmp: boolean;

  constructor(s: string) {
    this.s = s;
    this.len = s.length;
    this.bmp = !/[\ud800-\udfff]/.test(s);
  }

  document(start: number): Record<string, unknown> {
    this.nextLineFrom(start);
    if (this.ind < 0) giveUp();
    const first = this.lineStart + this.ind;
    if (this.keyEnd(first) < 0) giveUp();
    const root = this.mapping(this.ind, first);
    if (this.ind >= 0) giveUp();
    return root;
  }

  /** Moves to the first line at or after `p` that is neither blank nor a comment. */
  private nextLineFrom(p: number): void {
    const s = this.s, len = this.len;
    while (p < len) {
      let k = p;
      while (s.charCodeAt(k) === SP) k++;
      if (k >= len) break;
      const c = s.charCodeAt(k);
      if (c === NL) {
        p = k + 1;
        continue;
      }
      const e = s.indexOf("\n", k);
      const end = e < 0 ? len : e;
      if (c === HASH) {
        p = end + 1;
        continue;
      }
      this.lineStart = p;
      this.ind = k - p;
      this.lineEnd = end;
      return;
    }
    this.lineStart = len;
    this.lineEnd = len;
    this.ind = -1;
  }

  /** Moves the current line to the one holding position `p` (after a scalar spanning lines). */
  private setLineAt(p: number): void {
    const s = this.s;
    const ls = p === 0 ? 0 : s.lastIndexOf("\n", p - 1) + 1;
    const e = s.indexOf("\n", p);
    this.lineStart = ls;
    this.lineEnd = e < 0 ? this.len : e;
  }

  private isSeqEntry(p: number): boolean {
    const c = this.s.charCodeAt(p + 1);
    return this.s.charCodeAt(p) === DASH && (p + 1 >= this.len || c === SP || c === NL);
  }

  /**
   * Where the `:` of a simple key starting at `p` on the current line is,
   * or -1 when the line does not start with a key this scanner handles.
   */
  private keyEnd(p: number): number {
    const s = this.s, end = this.lineEnd;
    const c = s.charCodeAt(p);
    let i: number;
    if (c === DQ || c === SQ) {
      i = p + 1;
      for (;;) {
        if (i >= end) return -1;
        const d = s.charCodeAt(i);
        if (d === c) {
          if (c === SQ && s.charCodeAt(i + 1) === SQ) {
            i += 2;
            continue;
          }
          break;
        }
        if (d === BS && c === DQ) i++;
        i++;
      }
      i++;
      while (s.charCodeAt(i) === SP) i++;
      if (s.charCodeAt(i) !== COLON) return -1;
    } else {
      if (isIndicator(c)) return -1;
      if ((c === DASH || c === 0x3f || c === COLON) && this.blankAt(p + 1)) return -1;
      i = p;
      for (;;) {
        if (i >= end) return -1;
        const d = s.charCodeAt(i);
        if (d === COLON && this.blankAt(i + 1)) break;
        if (d === SP && s.charCodeAt(i + 1) === HASH) return -1;
        i++;
      }
    }
    if (!this.blankAt(i + 1)) return -1;
    // go-yaml limits a simple key to 1024 characters.
    if (i - p > 1000) return -1;
    return i;
  }

  /** Space, line break or end of input at `p`. */
  private blankAt(p: number): boolean {
    if (p >= this.len) return true;
    const c = this.s.charCodeAt(p);
    return c === SP || c === NL;
  }

  /** The key text of a key starting at `p` whose `:` is at `colon`. */
  private keyText(p: number, colon: number): string {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c === DQ || c === SQ) {
      let q = colon;
      while (s.charCodeAt(q - 1) === SP) q--;
      const [v, after] = this.quoted(p, c === SQ, -1);
      if (after !== q) giveUp();
      return v;
    }
    let e = colon;
    while (s.charCodeAt(e - 1) === SP) e--;
    const k = this.keyString(p, e);
    // `<<` is a merge key; keys that resolve to non-strings are converted with
    // rules of their own. Both are rare: the full decoder handles them.
    if (k === "<<" || (mayResolve(c) && typeof this.plainValue(k) !== "string")) giveUp();
    return k;
  }

  /**
   * The text from `p` to `e` as a key: the same few keys repeat in every
   * entry, so each is sliced once and reused (a fresh copy would have to be
   * looked up in V8's string table every time it names a property).
   */
  private keyString(p: number, e: number): string {
    const slot = (e - p) * 128 + (this.s.charCodeAt(p) & 127);
    let known = this.keys.get(slot);
    if (known) {
      for (let i = 0; i < known.length; i++) {
        if (this.s.startsWith(known[i], p)) return known[i];
      }
    } else {
      this.keys.set(slot, known = []);
    }
    const k = this.s.slice(p, e);
    if (known.length < 16) known.push(k);
    return k;
  }

  /** A block mapping at indentation `n` whose first key starts at `p` on the current line. */
  private mapping(n: number, p: number): Record<string, unknown> {
    // Keys and values wait on shared stacks (no arrays per mapping) until the object is built.
    const base = this.keyStack.length;
    for (;;) {
      const colon = this.keyEnd(p);
      if (colon < 0) giveUp();
      const key = this.keyText(p, colon);
      const value = this.valueAfter(colon + 1, n);
      // Pushed together: a nested mapping uses the stacks above while the value is read.
      this.keyStack.push(key);
      this.valueStack.push(value);
      if (this.ind === n) {
        p = this.lineStart + n;
        if (this.isSeqEntry(p)) giveUp();
        continue;
      }
      if (this.ind > n) giveUp();
      const obj = this.buildObject(base);
      this.keyStack.length = base;
      this.valueStack.length = base;
      return obj;
    }
  }

  /**
   * The object of the mapping whose keys and values are on the stacks from
   * `base`: keys in bytewise order (as the JSON step leaves them); duplicate
   * keys give up (helm's error).
   */
  private buildObject(base: number): Record<string, unknown> {
    const keys = this.keyStack, values = this.valueStack;
    const end = keys.length;
    let sorted = true;
    for (let i = base + 1; i < end; i++) {
      const a = keys[i - 1], b = keys[i];
      // Plain comparison is bytewise unless surrogates are involved.
      if (this.bmp ? a >= b : compareBytewise(a, b) >= 0) {
        sorted = false;
        break;
      }
    }
    let order: number[] | undefined;
    if (!sorted) {
      const ks = keys.slice(base, end);
      if (new Set(ks).size !== ks.length) giveUp();
      order = ks.map((_, i) => base + i).sort((a, b) => compareBytewise(keys[a], keys[b]));
    }
    const out: Record<string, unknown> = {};
    for (let j = base; j < end; j++) {
      const i = order ? order[j - base] : j;
      const k = keys[i];
      if (k === "__proto__") {
        Object.defineProperty(out, k, {
          value: values[i],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        out[k] = values[i];
      }
    }
    return out;
  }

  /** The value of a mapping entry at indentation `n` whose `:` ends before `p`. */
  private valueAfter(p: number, n: number): unknown {
    const s = this.s;
    while (s.charCodeAt(p) === SP) p++;
    if (p >= this.lineEnd || s.charCodeAt(p) === HASH) {
      this.nextLineFrom(this.lineEnd + 1);
      if (this.ind < n) return null;
      if (this.ind === n) {
        // A sequence may sit at its key's indentation.
        return this.isSeqEntry(this.lineStart + n) ? this.sequence(n) : null;
      }
      const c = this.lineStart + this.ind;
      if (this.isSeqEntry(c)) return this.sequence(this.ind);
      if (this.keyEnd(c) >= 0) return this.mapping(this.ind, c);
      return this.inlineValue(c, n);
    }
    return this.inlineValue(p, n);
  }

  /** A block sequence at indentation `m`; the current line holds its first `-`. */
  private sequence(m: number): unknown[] {
    const s = this.s;
    const items: unknown[] = [];
    for (;;) {
      let p = this.lineStart + m + 1;
      while (s.charCodeAt(p) === SP) p++;
      if (p >= this.lineEnd || s.charCodeAt(p) === HASH) {
        this.nextLineFrom(this.lineEnd + 1);
        if (this.ind > m) giveUp();
        items.push(null);
      } else if (this.isSeqEntry(p)) {
        giveUp();
      } else if (this.keyEnd(p) >= 0) {
        items.push(this.mapping(p - this.lineStart, p));
      } else {
        items.push(this.inlineValue(p, m));
      }
      if (this.ind === m && this.isSeqEntry(this.lineStart + m)) continue;
      if (this.ind > m) giveUp();
      return items;
    }
  }

  /**
   * A scalar (or empty flow collection) starting at `p`, in a collection at
   * indentation `n`; afterwards the current line is the next content line.
   */
  private inlineValue(p: number, n: number): unknown {
    const s = this.s;
    const c = s.charCodeAt(p);
    let value: unknown;
    let after: number;
    switch (c) {
      case DQ:
      case SQ:
        [value, after] = this.quoted(p, c === SQ, n);
        break;
      case 0x7c: // |
      case 0x3e: // >
        return this.blockScalar(p, c === 0x7c, n);
      case 0x5b: // [
        [value, after] = this.flowSequence(p);
        break;
      case 0x7b: // {
        [value, after] = this.flowMapping(p);
        break;
      default:
        if (isIndicator(c)) giveUp();
        if ((c === DASH || c === 0x3f || c === COLON) && this.blankAt(p + 1)) giveUp();
        return this.plain(p, n);
    }
    // Only spaces and a comment may follow on the line.
    let k = after;
    while (s.charCodeAt(k) === SP) k++;
    if (k < this.len && s.charCodeAt(k) !== NL && !(s.charCodeAt(k) === HASH && k > after)) giveUp();
    this.setLineAt(after - 1);
    this.nextLineFrom(this.lineEnd + 1);
    return value;
  }

  /** Scans one line of a plain scalar from `p`: its end (spaces trimmed) and whether a comment cut it. */
  private plainLine(p: number): [number, boolean] {
    const s = this.s, end = this.lineEnd;
    let i = p;
    let comment = false;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c === COLON && this.blankAt(i + 1)) giveUp(); // a mapping value where none is allowed
      if (c === SP && s.charCodeAt(i + 1) === HASH) {
        comment = true;
        break;
      }
      i++;
    }
    while (i > p && s.charCodeAt(i - 1) === SP) i--;
    return [i, comment];
  }

  /**
   * A flow sequence of scalars closed on its line (`[]`, `["ALL"]`, `[a, 1, 'b',]`): its
   * items and the position after `]`. Nested collections, a line break, and plain items with
   * characters other than letters, digits and `_./+=-~` are left to the full decoder.
   */
  private flowSequence(p: number): [unknown[], number] {
    const s = this.s, end = this.lineEnd;
    const items: unknown[] = [];
    let i = p + 1;
    for (;;) {
      while (i < end && s.charCodeAt(i) === SP) i++;
      if (i >= end) giveUp();
      if (s.charCodeAt(i) === 0x5d) return [items, i + 1];
      const [v, after] = this.flowScalar(i);
      items.push(v);
      i = after;
      while (i < end && s.charCodeAt(i) === SP) i++;
      const d = s.charCodeAt(i);
      if (d === 0x5d) return [items, i + 1];
      if (d !== 0x2c || i >= end) giveUp();
      i++;
    }
  }

  /** A scalar item of a flow collection at `i`: its value and the position after it. */
  private flowScalar(i: number): [unknown, number] {
    const s = this.s, end = this.lineEnd;
    const c = s.charCodeAt(i);
    if (c === DQ || c === SQ) return this.quoted(i, c === SQ, -1);
    let j = i;
    while (j < end && isFlowPlain(s.charCodeAt(j))) j++;
    if (j === i || !isFlowPlainStart(c, s.charCodeAt(i + 1))) giveUp();
    const text = s.slice(i, j);
    return [mayResolve(c) ? this.plainValue(text) : text, j];
  }

  /**
   * A flow mapping of scalars closed on its line (`{}`, `{repository: nginx, tag: "1.0"}`): the
   * object and the position after `}`. Keys are followed by `: `; keys that resolve to
   * non-strings, nested collections and a line break are left to the full decoder.
   */
  private flowMapping(p: number): [Record<string, unknown>, number] {
    const s = this.s, end = this.lineEnd;
    const base = this.keyStack.length;
    let i = p + 1;
    for (;;) {
      while (i < end && s.charCodeAt(i) === SP) i++;
      if (i >= end) giveUp();
      if (s.charCodeAt(i) === 0x7d) break;
      const [key, afterKey] = this.flowScalar(i);
      if (typeof key !== "string" || key === "<<") giveUp();
      if (s.charCodeAt(afterKey) !== COLON || s.charCodeAt(afterKey + 1) !== SP) giveUp();
      i = afterKey + 2;
      while (i < end && s.charCodeAt(i) === SP) i++;
      if (i >= end) giveUp();
      const [value, afterValue] = this.flowScalar(i);
      this.keyStack.push(key);
      this.valueStack.push(value);
      i = afterValue;
      while (i < end && s.charCodeAt(i) === SP) i++;
      const d = s.charCodeAt(i);
      if (d === 0x7d) break;
      if (d !== 0x2c || i >= end) giveUp();
      i++;
    }
    const obj = this.buildObject(base);
    this.keyStack.length = base;
    this.valueStack.length = base;
    return [obj, i + 1];
  }

  /** A plain scalar from `p` (folded over more indented lines), resolved. */
  private plain(p: number, n: number): unknown {
    const s = this.s, len = this.len;
    let [e, comment] = this.plainLine(p);
    let text = s.slice(p, e);
    while (!comment) {
      // The scalar goes on over blank lines onto lines indented past the collection.
      let j = this.lineEnd + 1;
      let blank = 0;
      let k = j;
      for (;;) {
        k = j;
        while (s.charCodeAt(k) === SP) k++;
        if (k < len && s.charCodeAt(k) === NL) {
          blank++;
          j = k + 1;
          continue;
        }
        break;
      }
      if (k >= len || k - j <= n || s.charCodeAt(k) === HASH) break;
      const c = s.charCodeAt(k);
      // Lines starting with an indicator are text too, but rare enough to leave to the full decoder.
      if (isIndicator(c) || c === DASH || c === 0x3f || c === COLON) giveUp();
      this.lineStart = j;
      const nl = s.indexOf("\n", k);
      this.lineEnd = nl < 0 ? len : nl;
      [e, comment] = this.plainLine(k);
      text += (blank ? "\n".repeat(blank) : " ") + s.slice(k, e);
    }
    this.nextLineFrom(this.lineEnd + 1);
    return mayResolve(text.charCodeAt(0)) ? this.plainValue(text) : text;
  }

  /** A plain scalar's value as the full decoder gives it (YAML 1.1 resolution, then JSON types). */
  private plainValue(text: string): unknown {
    const cached = this.resolved.get(text);
    if (cached !== undefined || this.resolved.has(text)) return cached;
    const r = resolve("", text);
    let v: unknown;
    if (r.tag === TAG.timestamp) v = text;
    else if (r.value instanceof ResolvedInt) v = Number(r.value.value);
    else if (typeof r.value === "number" && !Number.isFinite(r.value)) giveUp(); // JSON cannot hold it
    else v = r.value;
    this.resolved.set(text, v);
    return v;
  }

  /**
   * A single- or double-quoted scalar starting at `p`: its value and the
   * position after the closing quote. Lines it continues on must be indented
   * past `n` (-1: it must close on its line).
   */
  private quoted(p: number, single: boolean, n: number): [string, number] {
    const s = this.s, len = this.len;
    const quote = single ? SQ : DQ;
    // The common case: no escapes, no line breaks.
    let i = p + 1;
    for (;;) {
      if (i >= len) giveUp();
      const c = s.charCodeAt(i);
      if (c === quote) {
        if (single && s.charCodeAt(i + 1) === SQ) break;
        return [s.slice(p + 1, i), i + 1];
      }
      if (c === NL || (c === BS && !single) || (c === SP && s.charCodeAt(i + 1) === NL)) break;
      i++;
    }
    if (n < 0) {
      // A key: single line only (`''` and escapes are fine).
      const e = s.indexOf("\n", p);
      const r = this.quotedSlow(p, single, 0);
      if (e >= 0 && r[1] > e) giveUp();
      return r;
    }
    return this.quotedSlow(p, single, n);
  }

  /** go-yaml's quoted scalar scanning, with escapes and line folding. */
  private quotedSlow(p: number, single: boolean, n: number): [string, number] {
    const s = this.s, len = this.len;
    const quote = single ? SQ : DQ;
    let out = "";
    let leadingBreak = "";
    let trailingBreaks = "";
    let whitespaces = "";
    let i = p + 1;
    for (;;) {
      if (i >= len) giveUp();
      let leadingBlanks = false;
      let run = i;
      while (i < len) {
        const c = s.charCodeAt(i);
        if (c === SP || c === NL) break;
        if (single && c === SQ && s.charCodeAt(i + 1) === SQ) {
          out += s.slice(run, i) + "'";
          i += 2;
          run = i;
        } else if (c === quote) {
          break;
        } else if (!single && c === BS && s.charCodeAt(i + 1) === NL) {
          // An escaped line break joins the lines without a space.
          out += s.slice(run, i);
          i += 2;
          this.continuation(i, n);
          run = i;
          leadingBlanks = true;
          break;
        } else if (!single && c === BS) {
          out += s.slice(run, i);
          i = this.escape(i, (t) => out += t);
          run = i;
        } else {
          i++;
        }
      }
      out += s.slice(run, i);
      if (s.charCodeAt(i) === quote) break;
      for (;;) {
        const c = s.charCodeAt(i);
        if (c === SP) {
          if (!leadingBlanks) whitespaces += " ";
          i++;
        } else if (c === NL) {
          i++;
          this.continuation(i, n);
          if (!leadingBlanks) {
            whitespaces = "";
            leadingBreak = "\n";
            leadingBlanks = true;
          } else {
            trailingBreaks += "\n";
          }
        } else {
          break;
        }
      }
      if (leadingBlanks) {
        if (leadingBreak === "\n") out += trailingBreaks === "" ? " " : trailingBreaks;
        else out += leadingBreak + trailingBreaks;
        leadingBreak = "";
        trailingBreaks = "";
      } else {
        out += whitespaces;
        whitespaces = "";
      }
    }
    return [out, i + 1];
  }

  /** Checks a line a quoted scalar continues on (from its start `p`): blank or indented past `n`. */
  private continuation(p: number, n: number): void {
    const s = this.s;
    let k = p;
    while (s.charCodeAt(k) === SP) k++;
    if (k >= this.len) giveUp();
    if (s.charCodeAt(k) !== NL && k - p <= n) giveUp();
  }

  /** Decodes the escape at `i` (a backslash); returns the position after it. */
  private escape(i: number, put: (t: string) => void): number {
    const s = this.s;
    const e = s.charCodeAt(i + 1);
    let code = 0;
    switch (e) {
      case 0x30:
        put("\0");
        break;
      case 0x61:
        put("\x07");
        break;
      case 0x62:
        put("\b");
        break;
      case 0x74:
        put("\t");
        break;
      case 0x6e:
        put("\n");
        break;
      case 0x76:
        put("\v");
        break;
      case 0x66:
        put("\f");
        break;
      case 0x72:
        put("\r");
        break;
      case 0x65:
        put("\x1b");
        break;
      case SP:
        put(" ");
        break;
      case DQ:
        put('"');
        break;
      case SQ:
        put("'");
        break;
      case BS:
        put("\\");
        break;
      case 0x4e:
        put("\x85");
        break;
      case 0x5f:
        put("\xa0");
        break;
      case 0x4c:
        put("\u2028");
        break;
      case 0x50:
        put("\u2029");
        break;
      case 0x78:
        code = 2;
        break;
      case 0x75:
        code = 4;
        break;
      case 0x55:
        code = 8;
        break;
      default:
        giveUp();
    }
    i += 2;
    if (code) {
      const hex = s.slice(i, i + code);
      if (hex.length !== code || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
      const v = parseInt(hex, 16);
      if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) giveUp();
      put(String.fromCodePoint(v));
      i += code;
    }
    return i;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose indicator is at `p`,
   * in a collection at indentation `n` (go-yaml's block scalar scanning).
   */
  private blockScalar(p: number, literal: boolean, n: number): string {
    const s = this.s, len = this.len;
    let i = p + 1;
    let chomping = 0;
    let increment = 0;
    const digit = (c: number) => c >= 0x31 && c <= 0x39;
    let c = s.charCodeAt(i);
    if (c === 0x2b || c === DASH) {
      chomping = c === 0x2b ? 1 : -1;
      c = s.charCodeAt(++i);
      if (digit(c)) {
        increment = c - 0x30;
        i++;
      }
    } else if (digit(c)) {
      increment = c - 0x30;
      c = s.charCodeAt(++i);
      if (c === 0x2b || c === DASH) {
        chomping = c === 0x2b ? 1 : -1;
        i++;
      }
    }
    while (s.charCodeAt(i) === SP) i++;
    if (s.charCodeAt(i) === HASH) {
      while (i < len && s.charCodeAt(i) !== NL) i++;
    }
    if (i < len && s.charCodeAt(i) !== NL) giveUp();
    if (i < len) i++;
    let indent = increment > 0 ? n + increment : 0;
    let ls = i; // start of the line `i` is in
    let trailingBreaks = "";
    let leadingBreak = "";
    let out = "";
    const breaks = () => {
      let maxIndent = 0;
      for (;;) {
        while ((indent === 0 || i - ls < indent) && s.charCodeAt(i) === SP) i++;
        if (i - ls > maxIndent) maxIndent = i - ls;
        if (i >= len || s.charCodeAt(i) !== NL) break;
        trailingBreaks += "\n";
        i++;
        ls = i;
      }
      if (indent === 0) indent = Math.max(maxIndent, n + 1, 1);
    };
    breaks();
    let leadingBlank = false;
    while (i - ls === indent && i < len) {
      const trailingBlank = s.charCodeAt(i) === SP;
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak === "\n") {
        if (trailingBreaks === "") out += " ";
      } else {
        out += leadingBreak;
      }
      leadingBreak = "";
      out += trailingBreaks;
      trailingBreaks = "";
      leadingBlank = trailingBlank;
      const e = s.indexOf("\n", i);
      const end = e < 0 ? len : e;
      out += s.slice(i, end);
      i = end;
      if (i < len) {
        leadingBreak = "\n";
        i++;
        ls = i;
      }
      breaks();
    }
    if (chomping !== -1) out += leadingBreak;
    if (chomping === 1) out += trailingBreaks;
    this.nextLineFrom(i >= len ? len : ls);
    return out;
  }
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** {@link scanBlockYaml} on text or on bytes that are valid UTF-8 (a kept BOM makes it decline). */
export function scanBlockYamlText(text: string | Uint8Array): Record<string, unknown> | undefined {
  let s: string;
  try {
    s = typeof text === "string" ? text : STRICT_UTF8.decode(text);
  } catch {
    return undefined;
  }
  return scanBlockYaml(s);
}
