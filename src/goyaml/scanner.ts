/**
 * The YAML scanner of go-yaml v2 (a port of libyaml's), reimplemented over
 * code points. Acceptance, token boundaries, marks and error wording follow
 * it closely because Helm users see these errors verbatim.
 *
 * @module
 */

import { type Mark, YamlSyntaxProblem } from "./errors.ts";
import type { DecodedInput } from "./reader.ts";
import { ScalarStyle, Tok, type Token } from "./tokens.ts";

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

function isBreakCp(c: number): boolean {
  return c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isBlankCp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isBlankzCp(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0 || isBreakCp(c);
}

function isAlphaCp(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f ||
    c === 0x2d;
}

function isHexCp(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function hexValue(c: number): number {
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return c - 0x30;
}

/** Collects code points and turns them into a string. */
class Text {
  cps: number[] = [];
  /** Whether a code point above U+FFFF was pushed (then fromCharCode cannot be used). */
  private astral = false;
  push(c: number): void {
    if (c > 0xffff) this.astral = true;
    this.cps.push(c);
  }
  append(o: Text): void {
    if (o.astral) this.astral = true;
    for (const c of o.cps) this.cps.push(c);
  }
  get length(): number {
    return this.cps.length;
  }
  clear(): void {
    this.cps.length = 0;
    this.astral = false;
  }
  toString(): string {
    const n = this.cps.length;
    if (!this.astral && n <= 4096) return String.fromCharCode.apply(null, this.cps);
    let s = "";
    for (let i = 0; i < n; i += 4096) {
      s += String.fromCodePoint(...this.cps.slice(i, i + 4096));
    }
    return s;
  }
}

/** Converts a UTF-8 byte sequence (from %-escapes in tags) to a string. */
function bytesToString(bytes: number[]): string {
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Produces tokens on demand for the parser. */
export class Scanner {
  private readonly chars: Uint32Array;
  private readonly length: number;
  private readonly safeLength: number;
  private readonly readerError?: YamlSyntaxProblem;

  private pos = 0;
  private line = 0;
  private column = 0;

  private tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;

  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();
  private flowLevel = 0;

  constructor(input: DecodedInput) {
    this.chars = input.chars;
    this.length = input.length;
    this.safeLength = input.safeLength;
    this.readerError = input.error;
  }

  // ---- character access ----------------------------------------------------

  /** Makes sure `n` characters from the cursor are decoded (may raise the reader error). */
  private cache(n: number): void {
    if (this.readerError && this.pos + n > this.safeLength) throw this.readerError;
  }

  private at(k = 0): number {
    // The decoded input ends with zero padding, which is what the scanner reads past the end.
    return this.chars[this.pos + k] ?? 0;
  }

  private mark(): Mark {
    return { index: this.pos, line: this.line, column: this.column };
  }

  private isBlankz(k = 0): boolean {
    return isBlankzCp(this.at(k));
  }

  private isBreak(k = 0): boolean {
    return isBreakCp(this.at(k));
  }

  private isBlank(k = 0): boolean {
    return isBlankCp(this.at(k));
  }

  private skip(): void {
    this.pos++;
    this.column++;
  }

  private skipLine(): void {
    if (this.at() === 0x0d && this.at(1) === 0x0a) {
      this.pos += 2;
      this.column = 0;
      this.line++;
    } else if (this.isBreak()) {
      this.pos++;
      this.column = 0;
      this.line++;
    }
  }

  private read(s: Text): void {
    s.push(this.at());
    this.pos++;
    this.column++;
  }

  /** Reads a line break, normalising CR, CRLF and NEL to LF. */
  private readLine(s: Text): void {
    const c = this.at();
    if (c === 0x0d && this.at(1) === 0x0a) {
      s.push(0x0a);
      this.pos += 2;
    } else if (c === 0x0d || c === 0x0a || c === 0x85) {
      s.push(0x0a);
      this.pos++;
    } else if (c === 0x2028 || c === 0x2029) {
      s.push(c);
      this.pos++;
    } else {
      return;
    }
    this.column = 0;
    this.line++;
  }

  private error(context: string, contextMark: Mark, problem: string): never {
    throw new YamlSyntaxProblem("scanner", problem, this.mark(), context, contextMark);
  }

  // ---- token queue ---------------------------------------------------------

  private insertToken(pos: number, tok: Token): void {
    if (pos < 0) this.tokens.push(tok);
    else this.tokens.splice(this.head + pos, 0, tok);
    if (this.head > 1024 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
  }

  /** The next token without consuming it (libyaml's `peek_token`). */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  /** Consumes the token returned by {@link peek}. */
  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.head].type === Tok.StreamEnd;
    this.head++;
  }

  /** True once the STREAM-END token has been consumed. */
  get atEnd(): boolean {
    return this.streamEndProduced;
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[idx])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    this.cache(1);
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.column);
    this.cache(4);
    const c = this.at();
    if (c === 0 && this.pos >= this.length) return this.fetchStreamEnd();
    if (this.column === 0 && c === 0x25) return this.fetchDirective();
    if (this.column === 0 && c === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x2d && this.isBlankz(3)) {
      return this.fetchDocumentIndicator(Tok.DocumentStart);
    }
    if (this.column === 0 && c === 0x2e && this.at(1) === 0x2e && this.at(2) === 0x2e && this.isBlankz(3)) {
      return this.fetchDocumentIndicator(Tok.DocumentEnd);
    }
    switch (c) {
      case 0x5b:
        return this.fetchFlowCollectionStart(Tok.FlowSequenceStart);
      case 0x7b:
        return this.fetchFlowCollectionStart(Tok.FlowMappingStart);
      case 0x5d:
        return this.fetchFlowCollectionEnd(Tok.FlowSequenceEnd);
      case 0x7d:
        return this.fetchFlowCollectionEnd(Tok.FlowMappingEnd);
      case 0x2c:
        return this.fetchFlowEntry();
    }
    if (c === 0x2d && this.isBlankz(1)) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || this.isBlankz(1))) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || this.isBlankz(1))) return this.fetchValue();
    if (c === 0x2a) return this.fetchAnchor(Tok.Alias);
    if (c === 0x26) return this.fetchAnchor(Tok.Anchor);
    if (c === 0x21) return this.fetchTag();
    if (c === 0x7c && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 0x3e && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 0x27) return this.fetchFlowScalar(true);
    if (c === 0x22) return this.fetchFlowScalar(false);
    // A plain scalar may start with any non-space, non-indicator character,
    // or with '-', '?', ':' followed by a non-space (':'/'?' in block only).
    const indicator = isBlankzCp(c) || "-?:,[]{}#&*!|>'\"%@`".includes(String.fromCharCode(c));
    if (
      !indicator || (c === 0x2d && !this.isBlank(1)) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !this.isBlankz(1))
    ) {
      return this.fetchPlainScalar();
    }
    this.error(
      "while scanning for the next token",
      this.mark(),
      "found character that cannot start any token",
    );
  }

  // ---- simple keys -----------------------------------------------------------

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    // A simple key is limited to one line and 1024 characters.
    if (key.mark.line < this.line || key.mark.index + 1024 < this.pos) {
      if (key.required) this.error("while scanning a simple key", key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
        mark: this.mark(),
      };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const key = this.simpleKeys[i];
    if (key.possible) {
      if (key.required) this.error("while scanning a simple key", key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark: this.mark(),
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      this.error(
        "while increasing flow level",
        this.simpleKeys[this.simpleKeys.length - 1].mark,
        `exceeded max depth of ${MAX_FLOW_LEVEL}`,
      );
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop()!;
      this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: Tok, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        this.error(
          "while increasing indent level",
          this.simpleKeys[this.simpleKeys.length - 1].mark,
          `exceeded max depth of ${MAX_INDENTS}`,
        );
      }
      const tok: Token = { type, start: mark, end: mark };
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, tok);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insertToken(-1, { type: Tok.BlockEnd, start: m, end: m });
      this.indent = this.indents.pop()!;
    }
  }

  // ---- token fetchers --------------------------------------------------------

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeysByTok = new Map();
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const m = this.mark();
    this.insertToken(-1, { type: Tok.StreamStart, start: m, end: m });
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.mark();
    this.insertToken(-1, { type: Tok.StreamEnd, start: m, end: m });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: Tok): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowCollectionStart(type: Tok): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowCollectionEnd(type: Tok): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: Tok.FlowEntry, start, end: this.mark() });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        this.error("", this.mark(), "block sequence entries are not allowed in this context");
      }
      this.rollIndent(this.column, -1, Tok.BlockSequenceStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: Tok.BlockEntry, start, end: this.mark() });
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error("", this.mark(), "mapping keys are not allowed in this context");
      this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: Tok.Key, start, end: this.mark() });
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      // The saved simple key becomes a KEY token, inserted where it started.
      this.insertToken(key.tokenNumber - this.tokensParsed, {
        type: Tok.Key,
        start: key.mark,
        end: key.mark,
      });
      this.rollIndent(key.mark.column, key.tokenNumber, Tok.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) {
          this.error("", this.mark(), "mapping values are not allowed in this context");
        }
        this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: Tok.Value, start, end: this.mark() });
  }

  private fetchAnchor(type: Tok): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  // ---- scanners --------------------------------------------------------------

  private scanToNextToken(): void {
    for (;;) {
      this.cache(1);
      // A BOM at the start of a line is skipped.
      if (this.column === 0 && this.at() === 0xfeff) this.skip();
      this.cache(1);
      // Tabs separate tokens only where no simple key may start (flow
      // context, or after a key/value indicator on the same line).
      while (this.at() === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === 0x09)) {
        this.skip();
        this.cache(1);
      }
      if (this.at() === 0x23) {
        while (!isBreakCp(this.at()) && !(this.at() === 0 && this.pos >= this.length)) {
          this.skip();
          this.cache(1);
        }
      }
      if (this.isBreak()) {
        this.cache(2);
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else {
        break;
      }
    }
  }

  private isBreakz(k = 0): boolean {
    const c = this.at(k);
    return isBreakCp(c) || c === 0;
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let tok: Token;
    if (name === "YAML") {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      tok = { type: Tok.VersionDirective, start, end: this.mark(), major, minor };
    } else if (name === "TAG") {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      tok = { type: Tok.TagDirective, start, end: this.mark(), value: handle, prefix };
    } else {
      this.error("while scanning a directive", start, "found unknown directive name");
    }
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    if (this.at() === 0x23) {
      while (!this.isBreakz()) {
        this.skip();
        this.cache(1);
      }
    }
    if (!this.isBreakz()) {
      this.error("while scanning a directive", start, "did not find expected comment or line break");
    }
    if (this.isBreak()) {
      this.cache(2);
      this.skipLine();
    }
    return tok;
  }

  private scanDirectiveName(start: Mark): string {
    this.cache(1);
    const s = new Text();
    while (isAlphaCp(this.at())) {
      this.read(s);
      this.cache(1);
    }
    if (s.length === 0) {
      this.error("while scanning a directive", start, "could not find expected directive name");
    }
    if (!this.isBlankz()) {
      this.error("while scanning a directive", start, "found unexpected non-alphabetical character");
    }
    return s.toString();
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    const major = this.scanVersionDirectiveNumber(start);
    if (this.at() !== 0x2e) {
      this.error("while scanning a %YAML directive", start, "did not find expected digit or '.' character");
    }
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    return [major, minor];
  }

  private scanVersionDirectiveNumber(start: Mark): number {
    this.cache(1);
    let value = 0;
    let length = 0;
    while (this.at() >= 0x30 && this.at() <= 0x39) {
      length++;
      if (length > 2) {
        this.error("while scanning a %YAML directive", start, "found extremely long version number");
      }
      value = value * 10 + (this.at() - 0x30);
      this.skip();
      this.cache(1);
    }
    if (length === 0) {
      this.error("while scanning a %YAML directive", start, "did not find expected version number");
    }
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    const handle = this.scanTagHandle(true, start);
    this.cache(1);
    if (!this.isBlank()) {
      this.error("while scanning a %TAG directive", start, "did not find expected whitespace");
    }
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    const prefix = this.scanTagUri(true, "", start);
    this.cache(1);
    if (!this.isBlankz()) {
      this.error("while scanning a %TAG directive", start, "did not find expected whitespace or line break");
    }
    return [handle, prefix];
  }

  private scanAnchor(type: Tok): Token {
    const start = this.mark();
    this.skip();
    this.cache(1);
    const s = new Text();
    while (isAlphaCp(this.at())) {
      this.read(s);
      this.cache(1);
    }
    const end = this.mark();
    const c = this.at();
    if (
      s.length === 0 ||
      !(this.isBlankz() || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 ||
        c === 0x40 || c === 0x60)
    ) {
      this.error(
        type === Tok.Anchor ? "while scanning an anchor" : "while scanning an alias",
        start,
        "did not find expected alphabetic or numeric character",
      );
    }
    return { type, start, end, value: s.toString() };
  }

  private scanTag(): Token {
    const start = this.mark();
    this.cache(2);
    let handle: string;
    let suffix: string;
    if (this.at(1) === 0x3c) {
      // Verbatim tag: !<uri>
      handle = "";
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, "", start);
      if (this.at() !== 0x3e) this.error("while scanning a tag", start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle[0] === "!" && handle.length > 1 && handle[handle.length - 1] === "!") {
        suffix = this.scanTagUri(false, "", start);
      } else {
        // Not a handle after all: "!foo" is the "!" handle with suffix "foo".
        suffix = this.scanTagUri(false, handle, start);
        handle = "!";
        if (suffix.length === 0) [handle, suffix] = [suffix, handle];
      }
    }
    this.cache(1);
    if (!this.isBlankz()) {
      this.error("while scanning a tag", start, "did not find expected whitespace or line break");
    }
    return { type: Tok.Tag, start, end: this.mark(), value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    const context = directive ? "while parsing a %TAG directive" : "while parsing a tag";
    this.cache(1);
    if (this.at() !== 0x21) this.error(context, start, "did not find expected '!'");
    const s = new Text();
    this.read(s);
    this.cache(1);
    while (isAlphaCp(this.at())) {
      this.read(s);
      this.cache(1);
    }
    if (this.at() === 0x21) {
      this.read(s);
    } else if (directive && s.toString() !== "!") {
      this.error(context, start, "did not find expected '!'");
    }
    return s.toString();
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    const context = directive ? "while parsing a %TAG directive" : "while parsing a tag";
    let out = head.length > 1 ? head.slice(1) : "";
    let hasTag = head.length > 0;
    this.cache(1);
    const URI = ";/?:@&=+$,.!~*'()[]%";
    for (;;) {
      const c = this.at();
      if (!(isAlphaCp(c) || (c !== 0 && URI.includes(String.fromCharCode(c))))) break;
      if (c === 0x25) {
        out += this.scanUriEscapes(context, start);
      } else {
        out += String.fromCodePoint(c);
        this.skip();
      }
      this.cache(1);
      hasTag = true;
    }
    if (!hasTag) this.error(context, start, "did not find expected tag URI");
    return out;
  }

  private scanUriEscapes(context: string, start: Mark): string {
    const bytes: number[] = [];
    let w = 1024;
    while (w > 0) {
      this.cache(3);
      if (!(this.at() === 0x25 && isHexCp(this.at(1)) && isHexCp(this.at(2)))) {
        this.error(context, start, "did not find URI escaped octet");
      }
      const octet = (hexValue(this.at(1)) << 4) + hexValue(this.at(2));
      if (w === 1024) {
        w = (octet & 0x80) === 0
          ? 1
          : (octet & 0xe0) === 0xc0
          ? 2
          : (octet & 0xf0) === 0xe0
          ? 3
          : (octet & 0xf8) === 0xf0
          ? 4
          : 0;
        if (w === 0) this.error(context, start, "found an incorrect leading UTF-8 octet");
      } else if ((octet & 0xc0) !== 0x80) {
        this.error(context, start, "found an incorrect trailing UTF-8 octet");
      }
      bytes.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    return bytesToString(bytes);
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.skip();
    this.cache(1);
    let chomping = 0;
    let increment = 0;
    const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
    if (this.at() === 0x2b || this.at() === 0x2d) {
      chomping = this.at() === 0x2b ? 1 : -1;
      this.skip();
      this.cache(1);
      if (isDigit(this.at())) {
        if (this.at() === 0x30) {
          this.error("while scanning a block scalar", start, "found an indentation indicator equal to 0");
        }
        increment = this.at() - 0x30;
        this.skip();
      }
    } else if (isDigit(this.at())) {
      if (this.at() === 0x30) {
        this.error("while scanning a block scalar", start, "found an indentation indicator equal to 0");
      }
      increment = this.at() - 0x30;
      this.skip();
      this.cache(1);
      if (this.at() === 0x2b || this.at() === 0x2d) {
        chomping = this.at() === 0x2b ? 1 : -1;
        this.skip();
      }
    }
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    if (this.at() === 0x23) {
      while (!this.isBreakz()) {
        this.skip();
        this.cache(1);
      }
    }
    if (!this.isBreakz()) {
      this.error("while scanning a block scalar", start, "did not find expected comment or line break");
    }
    if (this.isBreak()) {
      this.cache(2);
      this.skipLine();
    }
    let end = this.mark();
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;

    const s = new Text();
    const leadingBreak = new Text();
    const trailingBreaks = new Text();
    const breaks = () => {
      const r = this.scanBlockScalarBreaks(indent, trailingBreaks, start);
      indent = r.indent;
      end = r.end;
    };
    breaks();
    this.cache(1);
    let leadingBlank = false;
    let trailingBlank = false;
    while (this.column === indent && !(this.at() === 0 && this.pos >= this.length)) {
      trailingBlank = this.isBlank();
      // Folding joins lines with a space unless either line starts with a blank.
      if (
        !literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak.cps[0] === 0x0a
      ) {
        if (trailingBreaks.length === 0) s.push(0x20);
      } else {
        s.append(leadingBreak);
      }
      leadingBreak.clear();
      s.append(trailingBreaks);
      trailingBreaks.clear();
      leadingBlank = this.isBlank();
      while (!this.isBreakz()) {
        this.read(s);
        this.cache(1);
      }
      this.cache(2);
      this.readLine(leadingBreak);
      breaks();
    }
    if (chomping !== -1) s.append(leadingBreak);
    if (chomping === 1) s.append(trailingBreaks);
    return {
      type: Tok.Scalar,
      start,
      end,
      value: s.toString(),
      style: literal ? ScalarStyle.Literal : ScalarStyle.Folded,
    };
  }

  private scanBlockScalarBreaks(indent: number, breaks: Text, start: Mark): { indent: number; end: Mark } {
    let end = this.mark();
    let maxIndent = 0;
    for (;;) {
      this.cache(1);
      while ((indent === 0 || this.column < indent) && this.at() === 0x20) {
        this.skip();
        this.cache(1);
      }
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.at() === 0x09) {
        this.error(
          "while scanning a block scalar",
          start,
          "found a tab character where an indentation space is expected",
        );
      }
      if (!this.isBreak()) break;
      this.cache(2);
      this.readLine(breaks);
      end = this.mark();
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    return { indent, end };
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    const s = new Text();
    const leadingBreak = new Text();
    const trailingBreaks = new Text();
    const whitespaces = new Text();
    for (;;) {
      this.cache(4);
      if (
        this.column === 0 &&
        ((this.at() === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x2d) ||
          (this.at() === 0x2e && this.at(1) === 0x2e && this.at(2) === 0x2e)) &&
        this.isBlankz(3)
      ) {
        this.error("while scanning a quoted scalar", start, "found unexpected document indicator");
      }
      if (this.at() === 0 && this.pos >= this.length) {
        this.error("while scanning a quoted scalar", start, "found unexpected end of stream");
      }
      let leadingBlanks = false;
      while (!this.isBlankz()) {
        const c = this.at();
        if (single && c === 0x27 && this.at(1) === 0x27) {
          s.push(0x27);
          this.skip();
          this.skip();
        } else if (single && c === 0x27) {
          break;
        } else if (!single && c === 0x22) {
          break;
        } else if (!single && c === 0x5c && this.isBreak(1)) {
          // An escaped line break joins lines without a space.
          this.cache(3);
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          let codeLength = 0;
          switch (this.at(1)) {
            case 0x30:
              s.push(0);
              break;
            case 0x61:
              s.push(0x07);
              break;
            case 0x62:
              s.push(0x08);
              break;
            case 0x74:
            case 0x09:
              s.push(0x09);
              break;
            case 0x6e:
              s.push(0x0a);
              break;
            case 0x76:
              s.push(0x0b);
              break;
            case 0x66:
              s.push(0x0c);
              break;
            case 0x72:
              s.push(0x0d);
              break;
            case 0x65:
              s.push(0x1b);
              break;
            case 0x20:
              s.push(0x20);
              break;
            case 0x22:
              s.push(0x22);
              break;
            case 0x27:
              s.push(0x27);
              break;
            case 0x5c:
              s.push(0x5c);
              break;
            case 0x4e:
              s.push(0x85);
              break;
            case 0x5f:
              s.push(0xa0);
              break;
            case 0x4c:
              s.push(0x2028);
              break;
            case 0x50:
              s.push(0x2029);
              break;
            case 0x78:
              codeLength = 2;
              break;
            case 0x75:
              codeLength = 4;
              break;
            case 0x55:
              codeLength = 8;
              break;
            default:
              this.error("while parsing a quoted scalar", start, "found unknown escape character");
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            this.cache(codeLength);
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHexCp(this.at(k))) {
                this.error("while parsing a quoted scalar", start, "did not find expected hexdecimal number");
              }
              value = value * 16 + hexValue(this.at(k));
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.error(
                "while parsing a quoted scalar",
                start,
                "found invalid Unicode character escape code",
              );
            }
            s.push(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          this.read(s);
        }
        this.cache(2);
      }
      this.cache(1);
      if (this.at() === (single ? 0x27 : 0x22)) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else {
          this.cache(2);
          if (!leadingBlanks) {
            whitespaces.clear();
            this.readLine(leadingBreak);
            leadingBlanks = true;
          } else {
            this.readLine(trailingBreaks);
          }
        }
        this.cache(1);
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak.cps[0] === 0x0a) {
          if (trailingBreaks.length === 0) s.push(0x20);
          else s.append(trailingBreaks);
        } else {
          s.append(leadingBreak);
          s.append(trailingBreaks);
        }
        trailingBreaks.clear();
        leadingBreak.clear();
      } else {
        s.append(whitespaces);
        whitespaces.clear();
      }
    }
    this.skip();
    return {
      type: Tok.Scalar,
      start,
      end: this.mark(),
      value: s.toString(),
      style: single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted,
    };
  }

  private scanPlainScalar(): Token {
    const s = new Text();
    const leadingBreak = new Text();
    const trailingBreaks = new Text();
    const whitespaces = new Text();
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark();
    let end = this.mark();
    for (;;) {
      this.cache(4);
      if (
        this.column === 0 &&
        ((this.at() === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x2d) ||
          (this.at() === 0x2e && this.at(1) === 0x2e && this.at(2) === 0x2e)) &&
        this.isBlankz(3)
      ) break;
      if (this.at() === 0x23) break;
      while (!this.isBlankz()) {
        const c = this.at();
        if (
          (c === 0x3a && this.isBlankz(1)) ||
          (this.flowLevel > 0 &&
            (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d))
        ) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak.cps[0] === 0x0a) {
              if (trailingBreaks.length === 0) s.push(0x20);
              else s.append(trailingBreaks);
            } else {
              s.append(leadingBreak);
              s.append(trailingBreaks);
            }
            trailingBreaks.clear();
            leadingBreak.clear();
            leadingBlanks = false;
          } else {
            s.append(whitespaces);
            whitespaces.clear();
          }
        }
        this.read(s);
        end = this.mark();
        this.cache(2);
      }
      if (!(this.isBlank() || this.isBreak())) break;
      this.cache(1);
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.column < indent && this.at() === 0x09) {
            this.error(
              "while scanning a plain scalar",
              start,
              "found a tab character that violates indentation",
            );
          }
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else {
          this.cache(2);
          if (!leadingBlanks) {
            whitespaces.clear();
            this.readLine(leadingBreak);
            leadingBlanks = true;
          } else {
            this.readLine(trailingBreaks);
          }
        }
        this.cache(1);
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: Tok.Scalar, start, end, value: s.toString(), style: ScalarStyle.Plain };
  }
}
