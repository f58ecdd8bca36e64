/**
 * go-yaml v2's `Unmarshal(data, &interface{})`: the node tree of the first
 * document, then decoding with YAML 1.1 resolution, merge keys, aliases and
 * map semantics (duplicate keys: last one wins).
 *
 * The result keeps Go's dynamic types (int vs uint64 vs float64, non-string
 * map keys) because the JSON step of sigs.k8s.io/yaml depends on them.
 *
 * @module
 */

import { decodeUtf8Go } from "../gojson/utf8.ts";
import { type Mark, YamlSyntaxProblem } from "./errors.ts";
import { Parser } from "./parser.ts";
import type { DecodedInput } from "./reader.ts";
import { resolve, type Resolved, ResolvedInt, ResolveError, TAG } from "./resolve.ts";
import { Ev, type Event } from "./tokens.ts";

/** A decoded YAML value with Go's dynamic types. */
export type YValue = Resolved | YMap | YValue[];

/** A Go `map[interface{}]interface{}`: keys compared as Go compares interfaces. */
export class YMap {
  /** Entries by key identity, in first-insertion order. */
  readonly entries = new Map<string | number, { key: YValue; value: YValue }>();
  private nanCount = 0;

  /** The identity Go's `==` on interface keys implies. */
  private identity(k: YValue): string | number {
    if (k === null) return "n";
    switch (typeof k) {
      case "boolean":
        return k ? "b1" : "b0";
      case "string":
        return "s" + k;
      case "number":
        // NaN never equals itself: every NaN key is a new entry.
        return Number.isNaN(k) ? -(++this.nanCount) : "f" + (Object.is(k, -0) ? "0" : String(k));
    }
    if (k instanceof ResolvedInt) return (k.unsigned ? "u" : "i") + k.value;
    throw new Error("unhashable map key");
  }

  /** Whether the map already holds `key`. */
  has(key: YValue): boolean {
    return this.entries.has(this.identity(key));
  }

  set(key: YValue, value: YValue): void {
    const id = this.identity(key);
    const prev = this.entries.get(id);
    if (prev) prev.value = value;
    else this.entries.set(id, { key, value });
  }
}

/** Thrown as go-yaml's `failf`: message already prefixed with `yaml: `. */
export class YamlDecodeProblem extends Error {
  constructor(message: string, readonly mark?: Mark) {
    super(message);
  }
}

const enum Kind {
  Document,
  Mapping,
  Sequence,
  Scalar,
  Alias,
}

interface Node {
  kind: Kind;
  line: number;
  column: number;
  tag: string;
  value: string;
  implicit: boolean;
  children: Node[];
  alias?: Node;
  anchors?: Map<string, Node>;
}

const EVENT_NAMES: Record<Ev, string> = {
  [Ev.StreamStart]: "stream start",
  [Ev.StreamEnd]: "stream end",
  [Ev.DocumentStart]: "document start",
  [Ev.DocumentEnd]: "document end",
  [Ev.Alias]: "alias",
  [Ev.Scalar]: "scalar",
  [Ev.SequenceStart]: "sequence start",
  [Ev.SequenceEnd]: "sequence end",
  [Ev.MappingStart]: "mapping start",
  [Ev.MappingEnd]: "mapping end",
};

/** Builds go-yaml's node tree from parser events. */
class Composer {
  private event?: Event;
  private doc?: Node;
  private started = false;

  constructor(private readonly parser: Parser) {}

  private peek(): Ev {
    if (!this.event) this.event = this.parser.next();
    if (!this.event) {
      throw new YamlDecodeProblem("yaml: attempted to go past the end of stream; corrupted value?");
    }
    return this.event.type;
  }

  private expect(e: Ev): Event {
    const type = this.peek();
    const ev = this.event!;
    if (type === Ev.StreamEnd) {
      throw new YamlDecodeProblem("yaml: attempted to go past the end of stream; corrupted value?");
    }
    if (type !== e) {
      throw new YamlSyntaxProblem("parser", `expected ${EVENT_NAMES[e]} event but got ${EVENT_NAMES[type]}`);
    }
    this.event = undefined;
    return ev;
  }

  private node(kind: Kind): Node {
    const ev = this.event!;
    return {
      kind,
      line: ev.start.line,
      column: ev.start.column,
      tag: "",
      value: "",
      implicit: false,
      children: [],
    };
  }

  private anchor(n: Node, anchor: string | undefined): void {
    if (anchor !== undefined) this.doc!.anchors!.set(anchor, n);
  }

  /** The first document's node, or undefined for an empty stream. */
  parse(): Node | undefined {
    if (!this.started) {
      this.expect(Ev.StreamStart);
      this.started = true;
    }
    switch (this.peek()) {
      case Ev.Scalar:
        return this.scalar();
      case Ev.Alias:
        return this.alias();
      case Ev.MappingStart:
        return this.mapping();
      case Ev.SequenceStart:
        return this.sequence();
      case Ev.DocumentStart:
        return this.document();
      case Ev.StreamEnd:
        return undefined;
      default:
        throw new Error("attempted to parse unknown event");
    }
  }

  private document(): Node {
    const n = this.node(Kind.Document);
    n.anchors = new Map();
    this.doc = n;
    this.expect(Ev.DocumentStart);
    n.children.push(this.parse()!);
    this.expect(Ev.DocumentEnd);
    return n;
  }

  private alias(): Node {
    const n = this.node(Kind.Alias);
    n.value = this.event!.anchor ?? "";
    n.alias = this.doc!.anchors!.get(n.value);
    if (!n.alias) {
      throw new YamlDecodeProblem(`yaml: unknown anchor '${n.value}' referenced`, this.event!.start);
    }
    this.expect(Ev.Alias);
    return n;
  }

  private scalar(): Node {
    const n = this.node(Kind.Scalar);
    const ev = this.event!;
    n.value = ev.value ?? "";
    n.tag = ev.tag ?? "";
    n.implicit = ev.implicit ?? false;
    this.anchor(n, ev.anchor);
    this.expect(Ev.Scalar);
    return n;
  }

  private sequence(): Node {
    const n = this.node(Kind.Sequence);
    this.anchor(n, this.event!.anchor);
    this.expect(Ev.SequenceStart);
    while (this.peek() !== Ev.SequenceEnd) n.children.push(this.parse()!);
    this.expect(Ev.SequenceEnd);
    return n;
  }

  private mapping(): Node {
    const n = this.node(Kind.Mapping);
    this.anchor(n, this.event!.anchor);
    this.expect(Ev.MappingStart);
    while (this.peek() !== Ev.MappingEnd) {
      n.children.push(this.parse()!);
      n.children.push(this.parse()!);
    }
    this.expect(Ev.MappingEnd);
    return n;
  }
}

const ALIAS_RATIO_LOW = 400000;
const ALIAS_RATIO_HIGH = 4000000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

const B64_VALUES = new Map(
  [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].map((c, i) => [c, i]),
);

/** Go's `base64.StdEncoding.DecodeString`, which skips CR and LF; undefined on error. */
function decodeBase64Std(s: string): Uint8Array | undefined {
  const clean = s.replace(/[\r\n]/g, "");
  if (clean.length % 4 !== 0) return undefined;
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const q = clean.slice(i, i + 4);
    const pad = q.endsWith("==") ? 2 : q.endsWith("=") ? 1 : 0;
    if (pad && i + 4 !== clean.length) return undefined;
    let n = 0;
    for (let k = 0; k < 4 - pad; k++) {
      const v = B64_VALUES.get(q[k]);
      if (v === undefined) return undefined;
      n |= v << (18 - 6 * k);
    }
    // Go rejects non-zero padding bits (strict decoding of the final quantum).
    if (pad === 2 && (n & 0xffff) !== 0) return undefined;
    if (pad === 1 && (n & 0xff) !== 0) return undefined;
    out.push((n >> 16) & 0xff);
    if (pad < 2) out.push((n >> 8) & 0xff);
    if (pad < 1) out.push(n & 0xff);
  }
  return new Uint8Array(out);
}

/** Decodes nodes into Go-typed values (go-yaml's `decoder` with an `interface{}` target). */
class Decoder {
  /** go-yaml's strict mode (`UnmarshalStrict`): duplicate keys are collected here. */
  readonly strictErrors: string[] = [];
  constructor(private readonly strict = false) {}

  private readonly aliases = new Set<Node>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;

  unmarshal(n: Node, into?: YMap): YValue {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > 100 && this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      throw new YamlDecodeProblem("yaml: document contains excessive aliasing");
    }
    switch (n.kind) {
      case Kind.Document:
        return n.children.length === 1 ? this.unmarshal(n.children[0], into) : null;
      case Kind.Alias:
        return this.alias(n, into);
      case Kind.Scalar:
        return this.scalar(n);
      case Kind.Mapping:
        return this.mapping(n, into ?? new YMap());
      case Kind.Sequence:
        return n.children.map((c) => this.unmarshal(c));
    }
  }

  private alias(n: Node, into?: YMap): YValue {
    if (this.aliases.has(n)) throw new YamlDecodeProblem(`yaml: anchor '${n.value}' value contains itself`);
    this.aliases.add(n);
    this.aliasDepth++;
    const v = this.unmarshal(n.alias!, into);
    this.aliasDepth--;
    this.aliases.delete(n);
    return v;
  }

  private scalar(n: Node): YValue {
    if (n.tag === "" && !n.implicit) return n.value;
    let r;
    try {
      r = resolve(n.tag, n.value);
    } catch (e) {
      if (e instanceof ResolveError) throw new YamlDecodeProblem("yaml: " + e.message);
      throw e;
    }
    if (r.tag === TAG.binary) {
      const bytes = decodeBase64Std(String(r.value));
      if (!bytes) throw new YamlDecodeProblem("yaml: !!binary value contains invalid base64 data");
      // The bytes become a Go string; JSON encoding later replaces invalid UTF-8.
      return decodeUtf8Go(bytes);
    }
    // Timestamps decode into interface{} as their original text.
    if (r.tag === TAG.timestamp) return n.value;
    return r.value;
  }

  private mapping(n: Node, out: YMap): YMap {
    for (let i = 0; i < n.children.length; i += 2) {
      const k = n.children[i];
      if (isMerge(k)) {
        this.merge(n.children[i + 1], out);
        continue;
      }
      const key = this.unmarshal(k);
      if (key instanceof YMap || Array.isArray(key)) {
        throw new YamlDecodeProblem(`yaml: invalid map key: ${goSyntax(key)}`);
      }
      const value = this.unmarshal(n.children[i + 1]);
      if (this.strict && out.has(key)) {
        this.strictErrors.push(`line ${n.children[i + 1].line + 1}: key ${goSyntax(key)} already set in map`);
      }
      out.set(key, value);
    }
    return out;
  }

  private merge(n: Node, out: YMap): void {
    const wantMap = () =>
      new YamlDecodeProblem("yaml: map merge requires map or sequence of maps as the value");
    switch (n.kind) {
      case Kind.Mapping:
        this.unmarshal(n, out);
        return;
      case Kind.Alias:
        if (n.alias && n.alias.kind !== Kind.Mapping) throw wantMap();
        this.unmarshal(n, out);
        return;
      case Kind.Sequence:
        // Earlier maps take precedence, so merge them last.
        for (let i = n.children.length - 1; i >= 0; i--) {
          const c = n.children[i];
          if (c.kind === Kind.Alias) {
            if (c.alias && c.alias.kind !== Kind.Mapping) throw wantMap();
          } else if (c.kind !== Kind.Mapping) {
            throw wantMap();
          }
          this.unmarshal(c, out);
        }
        return;
      default:
        throw wantMap();
    }
  }
}

function isMerge(n: Node): boolean {
  return n.kind === Kind.Scalar && n.value === "<<" && (n.implicit || n.tag === TAG.merge);
}

/** Go's `%#v` for decoded values (used in `invalid map key` messages). */
export function goSyntax(v: YValue): string {
  if (v === null) return "interface {}(nil)";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "boolean":
      return String(v);
    case "number":
      return String(v);
  }
  if (v instanceof ResolvedInt) return v.unsigned ? "0x" + v.value.toString(16) : v.value.toString();
  if (Array.isArray(v)) return "[]interface {}{" + v.map(goSyntax).join(", ") + "}";
  const parts = [...v.entries.values()].map((e) => `${goSyntax(e.key)}:${goSyntax(e.value)}`).sort();
  return "map[interface {}]interface {}{" + parts.join(", ") + "}";
}

/**
 * Decodes the first document of the input like go-yaml v2's `Unmarshal` into
 * an `interface{}`. Returns undefined for an empty stream (Go leaves the
 * target untouched).
 *
 * @throws {YamlSyntaxProblem} for reader, scanner and parser errors.
 * @throws {YamlDecodeProblem} for decoder errors (unknown anchors, bad merges…).
 */
export function decodeFirstDocument(input: DecodedInput): YValue | undefined {
  const composer = new Composer(new Parser(input));
  const node = composer.parse();
  if (node === undefined) return undefined;
  return new Decoder().unmarshal(node);
}

/**
 * go-yaml v2's `UnmarshalStrict` into an `interface{}`: as
 * {@link decodeFirstDocument}, plus the duplicate-key errors strict mode
 * collects (`line 4: key "name" already set in map`).
 */
export function decodeFirstDocumentStrict(
  input: DecodedInput,
): { value: YValue | undefined; errors: string[] } {
  const composer = new Composer(new Parser(input));
  const node = composer.parse();
  if (node === undefined) return { value: undefined, errors: [] };
  const d = new Decoder(true);
  const value = d.unmarshal(node);
  return { value, errors: d.strictErrors };
}
