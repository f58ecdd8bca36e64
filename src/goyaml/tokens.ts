/**
 * Token and event shapes shared by the scanner, parser and emitter.
 *
 * @module
 */

import type { Mark } from "./errors.ts";

/** Scanner token kinds (libyaml's). */
export const enum Tok {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

/** Scalar presentation styles. */
export const enum ScalarStyle {
  Any,
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
  Folded,
}

/** A scanner token. */
export interface Token {
  type: Tok;
  start: Mark;
  end: Mark;
  /** Scalar text, anchor/alias name, tag handle or %TAG handle. */
  value?: string;
  /** Tag suffix. */
  suffix?: string;
  /** %TAG prefix. */
  prefix?: string;
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}

/** Parser/emitter event kinds. */
export const enum Ev {
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MappingStart,
  MappingEnd,
}

/** A %TAG directive. */
export interface TagDirective {
  handle: string;
  prefix: string;
}

/** A parser or emitter event. */
export interface Event {
  type: Ev;
  start: Mark;
  end: Mark;
  anchor?: string;
  tag?: string;
  value?: string;
  /** Plain-implicit for scalars; implicit for collections and documents. */
  implicit?: boolean;
  quotedImplicit?: boolean;
  /** Scalar style, or flow (true) vs block for collections. */
  style?: ScalarStyle;
  flow?: boolean;
  versionDirective?: { major: number; minor: number };
  tagDirectives?: TagDirective[];
}

/** The default %TAG handles. */
export const DEFAULT_TAG_DIRECTIVES: readonly TagDirective[] = [
  { handle: "!", prefix: "!" },
  { handle: "!!", prefix: "tag:yaml.org,2002:" },
];
