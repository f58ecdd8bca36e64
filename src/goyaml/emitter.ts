/**
 * The YAML emitter of go-yaml (libyaml's), reimplemented over code points.
 * Layout, quoting choices and line folding are decided here exactly as in
 * go-yaml v2 (toYaml) or v3 (toYamlPretty, `v3: true`).
 *
 * @module
 */

import { byteLength } from "../gojson/utf8.ts";
import { runes } from "./sort.ts";
import { DEFAULT_TAG_DIRECTIVES, Ev, type Event, ScalarStyle, type TagDirective } from "./tokens.ts";

const enum St {
  StreamStart,
  FirstDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  FlowSequenceFirstItem,
  FlowSequenceItem,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingSimpleValue,
  FlowMappingValue,
  BlockSequenceFirstItem,
  BlockSequenceItem,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingSimpleValue,
  BlockMappingValue,
  End,
}

/** Emitter settings. */
export interface EmitterOptions {
  /** go-yaml v3 behaviour (indented sequences, tabs allowed in blocks). */
  v3?: boolean;
  /** Indentation step (2..9; go-yaml v2 uses 2). */
  indent?: number;
  /** Preferred line width; negative means unlimited. */
  width?: number;
  /** Writes every scalar code point by code point, never copying runs whole (for tests). */
  exact?: boolean;
}

/** Raised for emitter state errors (never expected from charta's own events). */
export class EmitterError extends Error {}

function isBreak(c: number): boolean {
  return c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isBlankz(c: number | undefined): boolean {
  return c === undefined || c === 0 || isBlank(c) || isBreak(c);
}

/** libyaml's `is_printable` on a code point (4-byte characters are not). */
function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function isAlpha(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f ||
    c === 0x2d;
}

// The writers go code point by code point, as libyaml does; text they would copy unchanged is
// appended whole. These tell when: no surrogates (a code unit is a code point, so columns are
// lengths), no line breaks, and for double quotes nothing to escape.
const SURROGATE_OR_BREAK = /[\r\n\x85\u2028\u2029\ud800-\udfff]/;
const SURROGATE_OR_ODD_BREAK = /[\r\x85\u2028\u2029\ud800-\udfff]/;
const DOUBLE_QUOTE_SAFE = /^[\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

interface ScalarAnalysis {
  /** The scalar's text. */
  text: string;
  value: number[];
  byteLength: number;
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  style: ScalarStyle;
}

/** Serialises an event list into YAML text. */
export class Emitter {
  private readonly v3: boolean;
  private readonly bestIndent: number;
  private readonly bestWidth: number;
  private readonly copyRuns: boolean;
  private out = "";

  private events: Event[] = [];
  private head = 0;
  private state = St.StreamStart;
  private states: St[] = [];
  private indents: number[] = [];
  private indent = -1;
  private flowLevel = 0;
  private tagDirectives: TagDirective[] = [];

  private rootContext = false;
  private sequenceContext = false;
  private mappingContext = false;
  private simpleKeyContext = false;

  private line = 0;
  private column = 0;
  private whitespace = true;
  private indention = true;
  private openEnded = false;

  private anchor?: { name: string; alias: boolean };
  private tagHandle = "";
  private tagSuffix = "";
  private scalar?: ScalarAnalysis;

  constructor(opts: EmitterOptions = {}) {
    this.v3 = opts.v3 ?? false;
    let indent = opts.indent ?? 2;
    if (indent < 2 || indent > 9) indent = 2;
    this.bestIndent = indent;
    let width = opts.width ?? 80;
    if (width >= 0 && width <= indent * 2) width = 80;
    if (width < 0) width = 2 ** 31 - 1;
    this.bestWidth = width;
    this.copyRuns = !opts.exact;
  }

  /** Emits all events and returns the text. */
  emitAll(events: Event[]): string {
    this.events = events;
    for (this.head = 0; this.head < events.length; this.head++) {
      const ev = events[this.head];
      this.analyzeEvent(ev);
      this.stateMachine(ev);
    }
    return this.out;
  }

  private fail(problem: string): never {
    throw new EmitterError(problem);
  }

  // ---- output primitives -----------------------------------------------------

  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  private putBreak(): void {
    this.out += "\n";
    this.column = 0;
    this.line++;
    if (this.v3) this.indention = true;
  }

  private write(c: number): void {
    this.out += String.fromCodePoint(c);
    this.column++;
  }

  private writeAll(s: string): void {
    for (const ch of s) {
      this.out += ch;
      this.column++;
    }
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) {
      this.putBreak();
    } else {
      this.write(c);
      this.column = 0;
      this.line++;
      if (this.v3) this.indention = true;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) {
      this.indent = flow ? this.bestIndent : 0;
    } else if (!indentless) {
      if (!this.v3) {
        this.indent += this.bestIndent;
      } else if (this.states[this.states.length - 1] === St.BlockSequenceItem) {
        this.indent += 2;
      } else {
        this.indent = this.bestIndent * Math.trunc((this.indent + this.bestIndent) / this.bestIndent);
      }
    }
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ) {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.writeAll(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  // ---- state machine ---------------------------------------------------------

  private stateMachine(ev: Event): void {
    switch (this.state) {
      case St.StreamStart:
        return this.emitStreamStart(ev);
      case St.FirstDocumentStart:
        return this.emitDocumentStart(ev, true);
      case St.DocumentStart:
        return this.emitDocumentStart(ev, false);
      case St.DocumentContent:
        this.states.push(St.DocumentEnd);
        return this.emitNode(ev, true, false, false, false);
      case St.DocumentEnd:
        return this.emitDocumentEnd(ev);
      case St.FlowSequenceFirstItem:
        return this.emitFlowSequenceItem(ev, true);
      case St.FlowSequenceItem:
        return this.emitFlowSequenceItem(ev, false);
      case St.FlowMappingFirstKey:
        return this.emitFlowMappingKey(ev, true);
      case St.FlowMappingKey:
        return this.emitFlowMappingKey(ev, false);
      case St.FlowMappingSimpleValue:
        return this.emitFlowMappingValue(ev, true);
      case St.FlowMappingValue:
        return this.emitFlowMappingValue(ev, false);
      case St.BlockSequenceFirstItem:
        return this.emitBlockSequenceItem(ev, true);
      case St.BlockSequenceItem:
        return this.emitBlockSequenceItem(ev, false);
      case St.BlockMappingFirstKey:
        return this.emitBlockMappingKey(ev, true);
      case St.BlockMappingKey:
        return this.emitBlockMappingKey(ev, false);
      case St.BlockMappingSimpleValue:
        return this.emitBlockMappingValue(ev, true);
      case St.BlockMappingValue:
        return this.emitBlockMappingValue(ev, false);
      case St.End:
        this.fail("expected nothing after STREAM-END");
    }
  }

  private emitStreamStart(ev: Event): void {
    if (ev.type !== Ev.StreamStart) this.fail("expected STREAM-START");
    this.indent = -1;
    this.line = 0;
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
    this.state = St.FirstDocumentStart;
  }

  private emitDocumentStart(ev: Event, first: boolean): void {
    if (ev.type === Ev.DocumentStart) {
      for (const d of DEFAULT_TAG_DIRECTIVES) {
        if (!this.tagDirectives.some((t) => t.handle === d.handle)) this.tagDirectives.push({ ...d });
      }
      let implicit = ev.implicit ?? true;
      if (!first) implicit = false;
      if (!implicit) {
        this.writeIndent();
        this.writeIndicator("---", true, false, false);
        if (this.v3) this.writeIndent();
      }
      this.state = St.DocumentContent;
      return;
    }
    if (ev.type === Ev.StreamEnd) {
      if (this.openEnded) {
        this.writeIndicator("...", true, false, false);
        this.writeIndent();
      }
      this.state = St.End;
      return;
    }
    this.fail("expected DOCUMENT-START or STREAM-END");
  }

  private emitDocumentEnd(ev: Event): void {
    if (ev.type !== Ev.DocumentEnd) this.fail("expected DOCUMENT-END");
    this.writeIndent();
    if (!(ev.implicit ?? true)) {
      this.writeIndicator("...", true, false, false);
      this.writeIndent();
    }
    this.state = St.DocumentStart;
    this.tagDirectives = [];
  }

  private emitFlowSequenceItem(ev: Event, first: boolean): void {
    if (first) {
      this.writeIndicator("[", true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (ev.type === Ev.SequenceEnd) {
      this.flowLevel--;
      this.popIndent();
      if (this.v3 && this.column === 0) this.writeIndent();
      this.writeIndicator("]", false, false, false);
      this.popState();
      return;
    }
    if (!first) this.writeIndicator(",", false, false, false);
    if (this.v3 && this.column === 0) this.writeIndent();
    if (this.column > this.bestWidth) this.writeIndent();
    this.states.push(St.FlowSequenceItem);
    this.emitNode(ev, false, true, false, false);
  }

  private emitFlowMappingKey(ev: Event, first: boolean): void {
    if (first) {
      this.writeIndicator("{", true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (ev.type === Ev.MappingEnd) {
      this.flowLevel--;
      this.popIndent();
      if (this.v3 && this.column === 0) this.writeIndent();
      this.writeIndicator("}", false, false, false);
      this.popState();
      return;
    }
    if (!first) this.writeIndicator(",", false, false, false);
    if (this.v3 && this.column === 0) this.writeIndent();
    if (this.column > this.bestWidth) this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push(St.FlowMappingSimpleValue);
      this.emitNode(ev, false, false, true, true);
      return;
    }
    this.writeIndicator("?", true, false, false);
    this.states.push(St.FlowMappingValue);
    this.emitNode(ev, false, false, true, false);
  }

  private emitFlowMappingValue(ev: Event, simple: boolean): void {
    if (simple) {
      this.writeIndicator(":", false, false, false);
    } else {
      if (this.column > this.bestWidth) this.writeIndent();
      this.writeIndicator(":", true, false, false);
    }
    this.states.push(St.FlowMappingKey);
    this.emitNode(ev, false, false, true, false);
  }

  private emitBlockSequenceItem(ev: Event, first: boolean): void {
    if (first) {
      // v2 writes a sequence under a mapping key at the key's indentation.
      this.increaseIndent(false, !this.v3 && this.mappingContext && !this.indention);
    }
    if (ev.type === Ev.SequenceEnd) {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    this.writeIndicator("-", true, false, true);
    this.states.push(St.BlockSequenceItem);
    this.emitNode(ev, false, true, false, false);
  }

  private emitBlockMappingKey(ev: Event, first: boolean): void {
    if (first) this.increaseIndent(false, false);
    if (ev.type === Ev.MappingEnd) {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push(St.BlockMappingSimpleValue);
      this.emitNode(ev, false, false, true, true);
      return;
    }
    this.writeIndicator("?", true, false, true);
    this.states.push(St.BlockMappingValue);
    this.emitNode(ev, false, false, true, false);
  }

  private emitBlockMappingValue(ev: Event, simple: boolean): void {
    if (simple) {
      this.writeIndicator(":", false, false, false);
    } else {
      this.writeIndent();
      this.writeIndicator(":", true, false, true);
    }
    this.states.push(St.BlockMappingKey);
    this.emitNode(ev, false, false, true, false);
  }

  private emitNode(ev: Event, root: boolean, sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.rootContext = root;
    this.sequenceContext = sequence;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (ev.type) {
      case Ev.Alias:
        this.processAnchor();
        this.popState();
        return;
      case Ev.Scalar:
        return this.emitScalar(ev);
      case Ev.SequenceStart:
        this.processAnchor();
        this.processTag();
        this.state = this.flowLevel > 0 || ev.flow || this.checkEmpty(Ev.SequenceStart, Ev.SequenceEnd)
          ? St.FlowSequenceFirstItem
          : St.BlockSequenceFirstItem;
        return;
      case Ev.MappingStart:
        this.processAnchor();
        this.processTag();
        this.state = this.flowLevel > 0 || ev.flow || this.checkEmpty(Ev.MappingStart, Ev.MappingEnd)
          ? St.FlowMappingFirstKey
          : St.BlockMappingFirstKey;
        return;
      default:
        this.fail(`expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS, but got ${ev.type}`);
    }
  }

  private emitScalar(ev: Event): void {
    this.selectScalarStyle(ev);
    this.processAnchor();
    this.processTag();
    this.increaseIndent(true, false);
    this.processScalar();
    this.popIndent();
    this.popState();
  }

  private checkEmpty(start: Ev, end: Ev): boolean {
    if (this.events.length - this.head < 2) return false;
    return this.events[this.head].type === start && this.events[this.head + 1].type === end;
  }

  private checkSimpleKey(): boolean {
    const ev = this.events[this.head];
    let length = 0;
    const anchorLen = this.anchor ? byteLength(this.anchor.name) : 0;
    const tagLen = byteLength(this.tagHandle) + byteLength(this.tagSuffix);
    switch (ev.type) {
      case Ev.Alias:
        length += anchorLen;
        break;
      case Ev.Scalar:
        if (this.scalar!.multiline) return false;
        length += anchorLen + tagLen + this.scalar!.byteLength;
        break;
      case Ev.SequenceStart:
        if (!this.checkEmpty(Ev.SequenceStart, Ev.SequenceEnd)) return false;
        length += anchorLen + tagLen;
        break;
      case Ev.MappingStart:
        if (!this.checkEmpty(Ev.MappingStart, Ev.MappingEnd)) return false;
        length += anchorLen + tagLen;
        break;
      default:
        return false;
    }
    return length <= 128;
  }

  private selectScalarStyle(ev: Event): void {
    const s = this.scalar!;
    const noTag = this.tagHandle.length === 0 && this.tagSuffix.length === 0;
    if (noTag && !ev.implicit && !ev.quotedImplicit) {
      this.fail("neither tag nor implicit flags are specified");
    }
    let style = ev.style ?? ScalarStyle.Any;
    if (style === ScalarStyle.Any) style = ScalarStyle.Plain;
    if (this.simpleKeyContext && s.multiline) style = ScalarStyle.DoubleQuoted;
    if (style === ScalarStyle.Plain) {
      if ((this.flowLevel > 0 && !s.flowPlainAllowed) || (this.flowLevel === 0 && !s.blockPlainAllowed)) {
        style = ScalarStyle.SingleQuoted;
      }
      if (s.value.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) {
        style = ScalarStyle.SingleQuoted;
      }
      if (noTag && !ev.implicit) style = ScalarStyle.SingleQuoted;
    }
    if (style === ScalarStyle.SingleQuoted && !s.singleQuotedAllowed) style = ScalarStyle.DoubleQuoted;
    if (style === ScalarStyle.Literal || style === ScalarStyle.Folded) {
      if (!s.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext) style = ScalarStyle.DoubleQuoted;
    }
    if (noTag && !ev.quotedImplicit && style !== ScalarStyle.Plain) this.tagHandle = "!";
    s.style = style;
  }

  private processAnchor(): void {
    if (!this.anchor) return;
    this.writeIndicator(this.anchor.alias ? "*" : "&", true, false, false);
    this.writeAll(this.anchor.name);
    this.whitespace = false;
    this.indention = false;
  }

  private processTag(): void {
    if (this.tagHandle.length === 0 && this.tagSuffix.length === 0) return;
    if (this.tagHandle.length > 0) {
      this.writeTagHandle(this.tagHandle);
      if (this.tagSuffix.length > 0) this.writeTagContent(this.tagSuffix, false);
    } else {
      this.writeIndicator("!<", true, false, false);
      this.writeTagContent(this.tagSuffix, false);
      this.writeIndicator(">", false, false, false);
    }
  }

  private writeTagHandle(value: string): void {
    if (!this.whitespace) this.put(" ");
    this.writeAll(value);
    this.whitespace = false;
    this.indention = false;
  }

  private writeTagContent(value: string, needWhitespace: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    const bytes = new TextEncoder().encode(value);
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i];
      if (isAlpha(b) || ";/?:@&=+$,_.~*'()[]".includes(String.fromCharCode(b))) {
        this.put(String.fromCharCode(b));
        i++;
      } else {
        const w = (b & 0x80) === 0 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : 4;
        for (let k = 0; k < w; k++, i++) {
          const o = bytes[i];
          this.put("%");
          this.put((o >> 4).toString(16).toUpperCase());
          this.put((o & 0xf).toString(16).toUpperCase());
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private processScalar(): void {
    const s = this.scalar!;
    switch (s.style) {
      case ScalarStyle.Plain:
        return this.writePlain(s.value, !this.simpleKeyContext, s.text);
      case ScalarStyle.SingleQuoted:
        return this.writeSingleQuoted(s.value, !this.simpleKeyContext);
      case ScalarStyle.DoubleQuoted:
        return this.writeDoubleQuoted(s.value, !this.simpleKeyContext, s.text);
      case ScalarStyle.Literal:
        return this.writeLiteral(s.value, s.text);
      case ScalarStyle.Folded:
        return this.writeFolded(s.value);
    }
  }

  // ---- analysis ---------------------------------------------------------------

  private analyzeEvent(ev: Event): void {
    this.anchor = undefined;
    this.tagHandle = "";
    this.tagSuffix = "";
    this.scalar = undefined;
    switch (ev.type) {
      case Ev.Alias:
        this.anchor = this.analyzeAnchor(ev.anchor ?? "", true);
        break;
      case Ev.Scalar:
        if (ev.anchor) this.anchor = this.analyzeAnchor(ev.anchor, false);
        if (ev.tag && !ev.implicit && !ev.quotedImplicit) this.analyzeTag(ev.tag);
        this.scalar = this.analyzeScalar(ev.value ?? "");
        break;
      case Ev.SequenceStart:
      case Ev.MappingStart:
        if (ev.anchor) this.anchor = this.analyzeAnchor(ev.anchor, false);
        if (ev.tag && !ev.implicit) this.analyzeTag(ev.tag);
        break;
    }
  }

  private analyzeAnchor(name: string, alias: boolean): { name: string; alias: boolean } {
    const what = alias ? "alias" : "anchor";
    if (name.length === 0) this.fail(`${what} value must not be empty`);
    for (const ch of name) {
      if (!isAlpha(ch.codePointAt(0)!)) {
        this.fail(`${what} value must contain alphanumerical characters only`);
      }
    }
    return { name, alias };
  }

  private analyzeTag(tag: string): void {
    for (const d of this.tagDirectives) {
      if (tag.startsWith(d.prefix)) {
        this.tagHandle = d.handle;
        this.tagSuffix = tag.slice(d.prefix.length);
        return;
      }
    }
    this.tagSuffix = tag;
  }

  private analyzeScalar(text: string): ScalarAnalysis {
    const value = runes(text);
    const result: ScalarAnalysis = {
      text,
      value,
      byteLength: byteLength(text),
      multiline: false,
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
      style: ScalarStyle.Any,
    };
    if (value.length === 0) return result;

    let blockIndicators = false;
    let flowIndicators = false;
    let lineBreaks = false;
    let specialCharacters = false;
    let tabCharacters = false;
    let leadingSpace = false;
    let leadingBreak = false;
    let trailingSpace = false;
    let trailingBreak = false;
    let breakSpace = false;
    let spaceBreak = false;
    let previousSpace = false;
    let previousBreak = false;

    if (
      value.length >= 3 &&
      ((value[0] === 0x2d && value[1] === 0x2d && value[2] === 0x2d) ||
        (value[0] === 0x2e && value[1] === 0x2e && value[2] === 0x2e))
    ) {
      blockIndicators = true;
      flowIndicators = true;
    }

    let precededByWhitespace = true;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      const followedByWhitespace = i + 1 >= value.length || isBlank(value[i + 1]);
      if (i === 0) {
        switch (c) {
          case 0x23: // #
          case 0x2c: // ,
          case 0x5b: // [
          case 0x5d: // ]
          case 0x7b: // {
          case 0x7d: // }
          case 0x26: // &
          case 0x2a: // *
          case 0x21: // !
          case 0x7c: // |
          case 0x3e: // >
          case 0x27: // '
          case 0x22: // "
          case 0x25: // %
          case 0x40: // @
          case 0x60: // `
            flowIndicators = true;
            blockIndicators = true;
            break;
          case 0x3f: // ?
          case 0x3a: // :
            flowIndicators = true;
            if (followedByWhitespace) blockIndicators = true;
            break;
          case 0x2d: // -
            if (followedByWhitespace) {
              flowIndicators = true;
              blockIndicators = true;
            }
            break;
        }
      } else {
        switch (c) {
          case 0x2c:
          case 0x3f:
          case 0x5b:
          case 0x5d:
          case 0x7b:
          case 0x7d:
            flowIndicators = true;
            break;
          case 0x3a:
            flowIndicators = true;
            if (followedByWhitespace) blockIndicators = true;
            break;
          case 0x23:
            if (precededByWhitespace) {
              flowIndicators = true;
              blockIndicators = true;
            }
            break;
        }
      }

      if (this.v3 && c === 0x09) tabCharacters = true;
      else if (!isPrintable(c)) specialCharacters = true;

      if (c === 0x20) {
        if (i === 0) leadingSpace = true;
        if (i + 1 === value.length) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(c)) {
        lineBreaks = true;
        if (i === 0) leadingBreak = true;
        if (i + 1 === value.length) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlankz(c);
    }

    result.multiline = lineBreaks;
    result.flowPlainAllowed = true;
    result.blockPlainAllowed = true;
    result.singleQuotedAllowed = true;
    result.blockAllowed = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      result.flowPlainAllowed = false;
      result.blockPlainAllowed = false;
    }
    if (trailingSpace) result.blockAllowed = false;
    if (breakSpace) {
      result.flowPlainAllowed = false;
      result.blockPlainAllowed = false;
      result.singleQuotedAllowed = false;
    }
    if (spaceBreak || tabCharacters || specialCharacters) {
      result.flowPlainAllowed = false;
      result.blockPlainAllowed = false;
      result.singleQuotedAllowed = false;
    }
    if (spaceBreak || specialCharacters) result.blockAllowed = false;
    if (lineBreaks) {
      result.flowPlainAllowed = false;
      result.blockPlainAllowed = false;
    }
    if (flowIndicators) result.flowPlainAllowed = false;
    if (blockIndicators) result.blockPlainAllowed = false;
    return result;
  }

  // ---- scalar writers -----------------------------------------------------------

  private writePlain(value: number[], allowBreaks: boolean, text: string): void {
    if ((!this.v3 || value.length > 0) && !this.whitespace) this.put(" ");
    // A line is folded only at a space past the width: a scalar that ends within it is copied.
    if (
      this.copyRuns && (!allowBreaks || this.column + text.length <= this.bestWidth) &&
      !SURROGATE_OR_BREAK.test(text)
    ) {
      this.out += text;
      this.column += text.length;
      if (!this.v3 || value.length > 0) this.whitespace = false;
      this.indention = false;
      if (this.rootContext) this.openEnded = true;
      return;
    }
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && value[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (!this.v3 || value.length > 0) this.whitespace = false;
    this.indention = false;
    if (this.rootContext) this.openEnded = true;
  }

  private writeSingleQuoted(value: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === 0x20) {
        if (
          allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < value.length - 1 &&
          value[i + 1] !== 0x20
        ) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: number[], allowBreaks: boolean, text: string): void {
    this.writeIndicator('"', true, false, false);
    if (
      this.copyRuns && (!allowBreaks || this.column + text.length <= this.bestWidth) &&
      DOUBLE_QUOTE_SAFE.test(text)
    ) {
      this.out += text;
      this.column += text.length;
    } else {
      this.writeDoubleQuotedBody(value, allowBreaks);
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** The characters between the quotes, escaped and folded as go-yaml does. */
  private writeDoubleQuotedBody(value: number[], allowBreaks: boolean): void {
    let spaces = false;
    // go-yaml tests for a BOM at the start of the value, not at each position,
    // so a leading BOM makes every character escaped.
    const bom = value[0] === 0xfeff;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put("\\");
        switch (c) {
          case 0x00:
            this.put("0");
            break;
          case 0x07:
            this.put("a");
            break;
          case 0x08:
            this.put("b");
            break;
          case 0x09:
            this.put("t");
            break;
          case 0x0a:
            this.put("n");
            break;
          case 0x0b:
            this.put("v");
            break;
          case 0x0c:
            this.put("f");
            break;
          case 0x0d:
            this.put("r");
            break;
          case 0x1b:
            this.put("e");
            break;
          case 0x22:
            this.put('"');
            break;
          case 0x5c:
            this.put("\\");
            break;
          case 0x85:
            this.put("N");
            break;
          case 0xa0:
            this.put("_");
            break;
          case 0x2028:
            this.put("L");
            break;
          case 0x2029:
            this.put("P");
            break;
          default: {
            const [prefix, width] = c <= 0xff ? ["x", 2] : c <= 0xffff ? ["u", 4] : ["U", 8];
            this.put(prefix);
            const hex = c.toString(16).toUpperCase().padStart(width, "0");
            for (const h of hex) this.put(h);
          }
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < value.length - 1) {
          this.writeIndent();
          if (value[i + 1] === 0x20) this.put("\\");
        } else {
          this.write(c);
        }
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
  }

  private writeBlockScalarHints(value: number[]): void {
    if (value[0] === 0x20 || isBreak(value[0])) {
      this.writeIndicator(String(this.bestIndent), false, false, false);
    }
    this.openEnded = false;
    let chomp = "";
    if (value.length === 0) {
      chomp = "-";
    } else {
      const last = value.length - 1;
      if (!isBreak(value[last])) {
        chomp = "-";
      } else if (last === 0) {
        chomp = "+";
        this.openEnded = true;
      } else if (isBreak(value[last - 1])) {
        chomp = "+";
        this.openEnded = true;
      }
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteral(value: number[], text: string): void {
    this.writeIndicator("|", true, false, false);
    this.writeBlockScalarHints(value);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    if (this.copyRuns && !SURROGATE_OR_ODD_BREAK.test(text)) {
      // Line by line: indent a line that has text, copy it, then break.
      let start = 0;
      while (start <= text.length) {
        let end = text.indexOf("\n", start);
        if (end < 0) end = text.length;
        if (end > start) {
          if (breaks) this.writeIndent();
          this.out += text.slice(start, end);
          this.column += end - start;
          this.indention = false;
          breaks = false;
        }
        if (end === text.length) break;
        this.putBreak();
        this.indention = true;
        breaks = true;
        start = end + 1;
      }
      return;
    }
    for (const c of value) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeFolded(value: number[]): void {
    this.writeIndicator(">", true, false, false);
    this.writeBlockScalarHints(value);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let leadingSpaces = true;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (isBreak(c)) {
        if (!breaks && !leadingSpaces && c === 0x0a) {
          let k = 0;
          while (isBreak(value[k])) k++;
          if (!isBlankz(value[k])) this.putBreak();
        }
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          leadingSpaces = isBlank(c);
        }
        if (!breaks && c === 0x20 && value[i + 1] !== 0x20 && this.column > this.bestWidth) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        this.indention = false;
        breaks = false;
      }
    }
  }
}
