/**
 * The event parser of go-yaml v2 (libyaml's LL(1) state machine), turning
 * scanner tokens into events.
 *
 * @module
 */

import { type Mark, YamlSyntaxProblem } from "./errors.ts";
import type { DecodedInput } from "./reader.ts";
import { Scanner } from "./scanner.ts";
import {
  DEFAULT_TAG_DIRECTIVES,
  Ev,
  type Event,
  ScalarStyle,
  type TagDirective,
  Tok,
  type Token,
} from "./tokens.ts";

const enum State {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

/** Pulls events from YAML text, one at a time. */
export class Parser {
  private readonly scanner: Scanner;
  private state = State.StreamStart;
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagDirectives: TagDirective[] = [];
  private done = false;

  constructor(input: DecodedInput) {
    this.scanner = new Scanner(input);
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skipToken();
  }

  private error(problem: string, mark: Mark): never {
    throw new YamlSyntaxProblem("parser", problem, mark);
  }

  private errorContext(context: string, contextMark: Mark, problem: string, mark: Mark): never {
    throw new YamlSyntaxProblem("parser", problem, mark, context, contextMark);
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  /** The next event, or undefined after STREAM-END. */
  next(): Event | undefined {
    if (this.done || this.scanner.atEnd || this.state === State.End) return undefined;
    const ev = this.dispatch();
    if (ev.type === Ev.StreamEnd) this.done = true;
    return ev;
  }

  private dispatch(): Event {
    switch (this.state) {
      case State.StreamStart:
        return this.streamStart();
      case State.ImplicitDocumentStart:
        return this.documentStart(true);
      case State.DocumentStart:
        return this.documentStart(false);
      case State.DocumentContent:
        return this.documentContent();
      case State.DocumentEnd:
        return this.documentEnd();
      case State.BlockNode:
        return this.node(true, false);
      case State.BlockNodeOrIndentlessSequence:
        return this.node(true, true);
      case State.FlowNode:
        return this.node(false, false);
      case State.BlockSequenceFirstEntry:
        return this.blockSequenceEntry(true);
      case State.BlockSequenceEntry:
        return this.blockSequenceEntry(false);
      case State.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case State.BlockMappingFirstKey:
        return this.blockMappingKey(true);
      case State.BlockMappingKey:
        return this.blockMappingKey(false);
      case State.BlockMappingValue:
        return this.blockMappingValue();
      case State.FlowSequenceFirstEntry:
        return this.flowSequenceEntry(true);
      case State.FlowSequenceEntry:
        return this.flowSequenceEntry(false);
      case State.FlowSequenceEntryMappingKey:
        return this.flowSequenceEntryMappingKey();
      case State.FlowSequenceEntryMappingValue:
        return this.flowSequenceEntryMappingValue();
      case State.FlowSequenceEntryMappingEnd:
        return this.flowSequenceEntryMappingEnd();
      case State.FlowMappingFirstKey:
        return this.flowMappingKey(true);
      case State.FlowMappingKey:
        return this.flowMappingKey(false);
      case State.FlowMappingValue:
        return this.flowMappingValue(false);
      case State.FlowMappingEmptyValue:
        return this.flowMappingValue(true);
      default:
        throw new Error("invalid parser state");
    }
  }

  private streamStart(): Event {
    const tok = this.peek();
    if (tok.type !== Tok.StreamStart) this.error("did not find expected <stream-start>", tok.start);
    this.state = State.ImplicitDocumentStart;
    this.skip();
    return { type: Ev.StreamStart, start: tok.start, end: tok.end };
  }

  private documentStart(implicit: boolean): Event {
    let tok = this.peek();
    if (!implicit) {
      while (tok.type === Tok.DocumentEnd) {
        this.skip();
        tok = this.peek();
      }
    }
    if (
      implicit && tok.type !== Tok.VersionDirective && tok.type !== Tok.TagDirective &&
      tok.type !== Tok.DocumentStart && tok.type !== Tok.StreamEnd
    ) {
      this.processDirectives();
      this.states.push(State.DocumentEnd);
      this.state = State.BlockNode;
      return { type: Ev.DocumentStart, start: tok.start, end: tok.end, implicit: true };
    }
    if (tok.type !== Tok.StreamEnd) {
      const start = tok.start;
      const { version, tags } = this.processDirectives();
      tok = this.peek();
      if (tok.type !== Tok.DocumentStart) this.error("did not find expected <document start>", tok.start);
      this.states.push(State.DocumentEnd);
      this.state = State.DocumentContent;
      const end = tok.end;
      this.skip();
      return {
        type: Ev.DocumentStart,
        start,
        end,
        versionDirective: version,
        tagDirectives: tags,
        implicit: false,
      };
    }
    this.state = State.End;
    this.skip();
    return { type: Ev.StreamEnd, start: tok.start, end: tok.end };
  }

  private documentContent(): Event {
    const tok = this.peek();
    if (
      tok.type === Tok.VersionDirective || tok.type === Tok.TagDirective || tok.type === Tok.DocumentStart ||
      tok.type === Tok.DocumentEnd || tok.type === Tok.StreamEnd
    ) {
      this.popState();
      return emptyScalar(tok.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): Event {
    const tok = this.peek();
    const start = tok.start;
    let end = tok.start;
    let implicit = true;
    if (tok.type === Tok.DocumentEnd) {
      end = tok.end;
      this.skip();
      implicit = false;
    }
    this.tagDirectives = [];
    this.state = State.DocumentStart;
    return { type: Ev.DocumentEnd, start, end, implicit };
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    let tok = this.peek();
    if (tok.type === Tok.Alias) {
      this.popState();
      this.skip();
      return { type: Ev.Alias, start: tok.start, end: tok.end, anchor: tok.value };
    }
    let start = tok.start;
    let end = tok.start;
    let tagToken = false;
    let tagHandle = "";
    let tagSuffix = "";
    let anchor: string | undefined;
    let tagMark = tok.start;
    if (tok.type === Tok.Anchor) {
      anchor = tok.value;
      start = tok.start;
      end = tok.end;
      this.skip();
      tok = this.peek();
      if (tok.type === Tok.Tag) {
        tagToken = true;
        tagHandle = tok.value ?? "";
        tagSuffix = tok.suffix ?? "";
        tagMark = tok.start;
        end = tok.end;
        this.skip();
        tok = this.peek();
      }
    } else if (tok.type === Tok.Tag) {
      tagToken = true;
      tagHandle = tok.value ?? "";
      tagSuffix = tok.suffix ?? "";
      start = tok.start;
      tagMark = tok.start;
      end = tok.end;
      this.skip();
      tok = this.peek();
      if (tok.type === Tok.Anchor) {
        anchor = tok.value;
        end = tok.end;
        this.skip();
        tok = this.peek();
      }
    }
    let tag = "";
    if (tagToken) {
      if (tagHandle.length === 0) {
        tag = tagSuffix;
      } else {
        const d = this.tagDirectives.find((t) => t.handle === tagHandle);
        if (d) tag = d.prefix + tagSuffix;
        if (tag.length === 0) {
          this.errorContext("while parsing a node", start, "found undefined tag handle", tagMark);
        }
      }
    }
    const implicit = tag.length === 0;
    const tagOut = tag.length > 0 ? tag : undefined;
    if (indentlessSequence && tok.type === Tok.BlockEntry) {
      end = tok.end;
      this.state = State.IndentlessSequenceEntry;
      return { type: Ev.SequenceStart, start, end, anchor, tag: tagOut, implicit, flow: false };
    }
    if (tok.type === Tok.Scalar) {
      let plainImplicit = false;
      let quotedImplicit = false;
      end = tok.end;
      if ((tag.length === 0 && tok.style === ScalarStyle.Plain) || tag === "!") plainImplicit = true;
      else if (tag.length === 0) quotedImplicit = true;
      this.popState();
      this.skip();
      return {
        type: Ev.Scalar,
        start,
        end,
        anchor,
        tag: tagOut,
        value: tok.value,
        implicit: plainImplicit,
        quotedImplicit,
        style: tok.style,
      };
    }
    if (tok.type === Tok.FlowSequenceStart) {
      end = tok.end;
      this.state = State.FlowSequenceFirstEntry;
      return { type: Ev.SequenceStart, start, end, anchor, tag: tagOut, implicit, flow: true };
    }
    if (tok.type === Tok.FlowMappingStart) {
      end = tok.end;
      this.state = State.FlowMappingFirstKey;
      return { type: Ev.MappingStart, start, end, anchor, tag: tagOut, implicit, flow: true };
    }
    if (block && tok.type === Tok.BlockSequenceStart) {
      end = tok.end;
      this.state = State.BlockSequenceFirstEntry;
      return { type: Ev.SequenceStart, start, end, anchor, tag: tagOut, implicit, flow: false };
    }
    if (block && tok.type === Tok.BlockMappingStart) {
      end = tok.end;
      this.state = State.BlockMappingFirstKey;
      return { type: Ev.MappingStart, start, end, anchor, tag: tagOut, implicit, flow: false };
    }
    if (anchor !== undefined || tag.length > 0) {
      this.popState();
      return {
        type: Ev.Scalar,
        start,
        end,
        anchor,
        tag: tagOut,
        value: "",
        implicit,
        quotedImplicit: false,
        style: ScalarStyle.Plain,
      };
    }
    this.errorContext(
      block ? "while parsing a block node" : "while parsing a flow node",
      start,
      "did not find expected node content",
      tok.start,
    );
  }

  private blockSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let tok = this.peek();
    if (tok.type === Tok.BlockEntry) {
      const mark = tok.end;
      this.skip();
      tok = this.peek();
      if (tok.type !== Tok.BlockEntry && tok.type !== Tok.BlockEnd) {
        this.states.push(State.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.BlockSequenceEntry;
      return emptyScalar(mark);
    }
    if (tok.type === Tok.BlockEnd) {
      this.popState();
      this.marks.pop();
      this.skip();
      return { type: Ev.SequenceEnd, start: tok.start, end: tok.end };
    }
    const contextMark = this.marks.pop()!;
    this.errorContext(
      "while parsing a block collection",
      contextMark,
      "did not find expected '-' indicator",
      tok.start,
    );
  }

  private indentlessSequenceEntry(): Event {
    let tok = this.peek();
    if (tok.type === Tok.BlockEntry) {
      const mark = tok.end;
      this.skip();
      tok = this.peek();
      if (
        tok.type !== Tok.BlockEntry && tok.type !== Tok.Key && tok.type !== Tok.Value &&
        tok.type !== Tok.BlockEnd
      ) {
        this.states.push(State.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.IndentlessSequenceEntry;
      return emptyScalar(mark);
    }
    this.popState();
    return { type: Ev.SequenceEnd, start: tok.start, end: tok.start };
  }

  private blockMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let tok = this.peek();
    if (tok.type === Tok.Key) {
      const mark = tok.end;
      this.skip();
      tok = this.peek();
      if (tok.type !== Tok.Key && tok.type !== Tok.Value && tok.type !== Tok.BlockEnd) {
        this.states.push(State.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = State.BlockMappingValue;
      return emptyScalar(mark);
    }
    if (tok.type === Tok.BlockEnd) {
      this.popState();
      this.marks.pop();
      this.skip();
      return { type: Ev.MappingEnd, start: tok.start, end: tok.end };
    }
    const contextMark = this.marks.pop()!;
    this.errorContext("while parsing a block mapping", contextMark, "did not find expected key", tok.start);
  }

  private blockMappingValue(): Event {
    let tok = this.peek();
    if (tok.type === Tok.Value) {
      const mark = tok.end;
      this.skip();
      tok = this.peek();
      if (tok.type !== Tok.Key && tok.type !== Tok.Value && tok.type !== Tok.BlockEnd) {
        this.states.push(State.BlockMappingKey);
        return this.node(true, true);
      }
      this.state = State.BlockMappingKey;
      return emptyScalar(mark);
    }
    this.state = State.BlockMappingKey;
    return emptyScalar(tok.start);
  }

  private flowSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let tok = this.peek();
    if (tok.type !== Tok.FlowSequenceEnd) {
      if (!first) {
        if (tok.type === Tok.FlowEntry) {
          this.skip();
          tok = this.peek();
        } else {
          const contextMark = this.marks.pop()!;
          this.errorContext(
            "while parsing a flow sequence",
            contextMark,
            "did not find expected ',' or ']'",
            tok.start,
          );
        }
      }
      if (tok.type === Tok.Key) {
        this.state = State.FlowSequenceEntryMappingKey;
        this.skip();
        return { type: Ev.MappingStart, start: tok.start, end: tok.end, implicit: true, flow: true };
      }
      if (tok.type !== Tok.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skip();
    return { type: Ev.SequenceEnd, start: tok.start, end: tok.end };
  }

  private flowSequenceEntryMappingKey(): Event {
    const tok = this.peek();
    if (tok.type !== Tok.Value && tok.type !== Tok.FlowEntry && tok.type !== Tok.FlowSequenceEnd) {
      this.states.push(State.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    const mark = tok.end;
    this.skip();
    this.state = State.FlowSequenceEntryMappingValue;
    return emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): Event {
    let tok = this.peek();
    if (tok.type === Tok.Value) {
      this.skip();
      tok = this.peek();
      if (tok.type !== Tok.FlowEntry && tok.type !== Tok.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = State.FlowSequenceEntryMappingEnd;
    return emptyScalar(tok.start);
  }

  private flowSequenceEntryMappingEnd(): Event {
    const tok = this.peek();
    this.state = State.FlowSequenceEntry;
    return { type: Ev.MappingEnd, start: tok.start, end: tok.start };
  }

  private flowMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let tok = this.peek();
    if (tok.type !== Tok.FlowMappingEnd) {
      if (!first) {
        if (tok.type === Tok.FlowEntry) {
          this.skip();
          tok = this.peek();
        } else {
          const contextMark = this.marks.pop()!;
          this.errorContext(
            "while parsing a flow mapping",
            contextMark,
            "did not find expected ',' or '}'",
            tok.start,
          );
        }
      }
      if (tok.type === Tok.Key) {
        this.skip();
        tok = this.peek();
        if (tok.type !== Tok.Value && tok.type !== Tok.FlowEntry && tok.type !== Tok.FlowMappingEnd) {
          this.states.push(State.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = State.FlowMappingValue;
        return emptyScalar(tok.start);
      }
      if (tok.type !== Tok.FlowMappingEnd) {
        this.states.push(State.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skip();
    return { type: Ev.MappingEnd, start: tok.start, end: tok.end };
  }

  private flowMappingValue(empty: boolean): Event {
    let tok = this.peek();
    if (empty) {
      this.state = State.FlowMappingKey;
      return emptyScalar(tok.start);
    }
    if (tok.type === Tok.Value) {
      this.skip();
      tok = this.peek();
      if (tok.type !== Tok.FlowEntry && tok.type !== Tok.FlowMappingEnd) {
        this.states.push(State.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = State.FlowMappingKey;
    return emptyScalar(tok.start);
  }

  private processDirectives(): { version?: { major: number; minor: number }; tags: TagDirective[] } {
    let version: { major: number; minor: number } | undefined;
    const tags: TagDirective[] = [];
    let tok = this.peek();
    while (tok.type === Tok.VersionDirective || tok.type === Tok.TagDirective) {
      if (tok.type === Tok.VersionDirective) {
        if (version) this.error("found duplicate %YAML directive", tok.start);
        if (tok.major !== 1 || tok.minor !== 1) this.error("found incompatible YAML document", tok.start);
        version = { major: tok.major, minor: tok.minor };
      } else {
        const value = { handle: tok.value ?? "", prefix: tok.prefix ?? "" };
        this.appendTagDirective(value, false, tok.start);
        tags.push(value);
      }
      this.skip();
      tok = this.peek();
    }
    for (const d of DEFAULT_TAG_DIRECTIVES) this.appendTagDirective(d, true, tok.start);
    return { version, tags };
  }

  private appendTagDirective(value: TagDirective, allowDuplicates: boolean, mark: Mark): void {
    if (this.tagDirectives.some((t) => t.handle === value.handle)) {
      if (allowDuplicates) return;
      this.error("found duplicate %TAG directive", mark);
    }
    this.tagDirectives.push({ ...value });
  }
}

function emptyScalar(mark: Mark): Event {
  return {
    type: Ev.Scalar,
    start: mark,
    end: mark,
    value: "",
    implicit: true,
    quotedImplicit: false,
    style: ScalarStyle.Plain,
  };
}
