/**
 * YAML output: `sigs.k8s.io/yaml.Marshal` (Helm's `toYaml`) and the go-yaml
 * v3 encoder with indent 2 (Helm's `toYamlPretty`).
 *
 * @module
 */

import { GO_JSON, GoInt, GoStruct, isPlainMap } from "../gotpl/value.ts";
import {
  base64Std,
  formatJsonFloat,
  GO_TIME,
  marshal as jsonMarshal,
  structFields,
} from "../gojson/encode.ts";
import { GoJsonError } from "../gojson/errors.ts";
import { formatFloatShortest } from "../gojson/float.ts";
import { compareBytewise } from "../gojson/utf8.ts";
import { decodeFirstDocument, YamlDecodeProblem, type YValue } from "./decode.ts";
import { Emitter } from "./emitter.ts";
import { GoYamlError, syntaxMessage, YamlSyntaxProblem } from "./errors.ts";
import { decodeInput } from "./reader.ts";
import { isBase60Float, isOldBool, resolve, ResolvedInt, TAG } from "./resolve.ts";
import { sortYamlKeys } from "./sort.ts";
import { Ev, type Event, ScalarStyle } from "./tokens.ts";

const NO_MARK = { index: 0, line: 0, column: 0 };

function ev(type: Ev, extra: Partial<Event> = {}): Event {
  return { type, start: NO_MARK, end: NO_MARK, ...extra };
}

function scalarEvent(value: string, style: ScalarStyle): Event {
  return ev(Ev.Scalar, { value, implicit: true, quotedImplicit: true, style });
}

/** go-yaml's float text: 'g' shortest with YAML's spellings of the specials. */
function floatText(f: number): string {
  const s = formatFloatShortest(f, "g", 64);
  return s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s;
}

/** The style go-yaml's `stringv` picks for a string. */
function stringStyle(s: string, v3: boolean, flow = false): ScalarStyle {
  const plain = resolve("", s, v3).tag === TAG.str && !isBase60Float(s) && !(v3 && isOldBool(s));
  if (s.includes("\n")) return v3 && flow ? ScalarStyle.DoubleQuoted : ScalarStyle.Literal;
  return plain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
}

/** Events for a value decoded by go-yaml v2 from JSON (the toYaml path). */
function v2Events(v: YValue, out: Event[]): void {
  if (v === null) {
    out.push(scalarEvent("null", ScalarStyle.Plain));
  } else if (typeof v === "string") {
    out.push(scalarEvent(v, stringStyle(v, false)));
  } else if (typeof v === "boolean") {
    out.push(scalarEvent(v ? "true" : "false", ScalarStyle.Plain));
  } else if (typeof v === "number") {
    out.push(scalarEvent(floatText(v), ScalarStyle.Plain));
  } else if (v instanceof ResolvedInt) {
    out.push(scalarEvent(v.value.toString(), ScalarStyle.Plain));
  } else if (Array.isArray(v)) {
    out.push(ev(Ev.SequenceStart, { implicit: true, flow: false }));
    for (const e of v) v2Events(e, out);
    out.push(ev(Ev.SequenceEnd));
  } else {
    out.push(ev(Ev.MappingStart, { implicit: true, flow: false }));
    // JSON objects only have string keys.
    const byKey = new Map<string, YValue>();
    for (const { key, value } of v.entries.values()) byKey.set(String(key), value);
    for (const k of sortYamlKeys([...byKey.keys()])) {
      out.push(scalarEvent(k, stringStyle(k, false)));
      v2Events(byKey.get(k)!, out);
    }
    out.push(ev(Ev.MappingEnd));
  }
}

function emitDocument(body: Event[], v3: boolean): string {
  const events = [
    ev(Ev.StreamStart),
    ev(Ev.DocumentStart, { implicit: true }),
    ...body,
    ev(Ev.DocumentEnd, { implicit: true }),
  ];
  return new Emitter({ v3, indent: 2, width: v3 ? -1 : 80 }).emitAll(events);
}

/**
 * `sigs.k8s.io/yaml.Marshal`: the value is encoded as JSON (struct JSON
 * forms, base64 `[]byte`, NaN/Inf rejected), that JSON is read back by
 * go-yaml v2 (integral numbers become ints and print exactly) and written by
 * go-yaml v2's emitter: natural key order, 2-space indent, unindented
 * sequences, quoting of strings that would read back as non-strings, literal
 * blocks for multi-line text, folding at 80 columns.
 *
 * The result ends with a newline; Helm's `toYaml` trims one.
 *
 * @throws {GoYamlError} with Go's message (`error marshaling into JSON: json:
 * unsupported value: NaN`, `yaml: control characters are not allowed`).
 *
 * @example
 * ```ts
 * marshal({ b: [1, "yes"], a: { c: null } }); // 'a:\n  c: null\nb:\n- 1\n- "yes"\n'
 * ```
 */
export function marshal(value: unknown): string {
  // Fast path: the events go-yaml v2 would read back from the JSON, built
  // from the value itself. Values it does not cover take the exact round trip.
  const body: Event[] = [];
  if (directV2Events(value, body, 0)) return emitDocument(body, false);
  return marshalViaJson(value);
}

/** Longer keys take the round trip, which decides exactly where go-yaml's key limit bites. */
const MAX_DIRECT_KEY = 1000;

/** Values deeper than this take the JSON round trip (which reports Go's errors). */
const MAX_DIRECT_DEPTH = 1000;

/**
 * Appends the events of `v` as go-yaml v2 would decode `json.Marshal(v)`;
 * returns false (leaving `out` unusable) for anything beyond plain data:
 * structs, NaN/Inf, strings holding raw bytes, nil markers, cycles.
 */
function directV2Events(v: unknown, out: Event[], depth: number): boolean {
  if (depth > MAX_DIRECT_DEPTH) return false;
  if (v === null || v === undefined) {
    out.push(scalarEvent("null", ScalarStyle.Plain));
    return true;
  }
  switch (typeof v) {
    case "string":
      // Characters the round trip changes take the exact path: raw bytes (lone
      // surrogates) become U+FFFD in JSON; NEL folds as a line break and DEL, C1
      // controls, BOM and non-characters are refused when go-yaml reads JSON back.
      if (NEEDS_ROUND_TRIP.test(v)) return false;
      out.push(scalarEvent(v, stringStyle(v, false)));
      return true;
    case "boolean":
      out.push(scalarEvent(v ? "true" : "false", ScalarStyle.Plain));
      return true;
    case "number": {
      if (!Number.isFinite(v)) return false;
      return directScalar(formatJsonFloat(v), out);
    }
    case "object":
      break;
    default:
      return false;
  }
  if (v instanceof GoInt) return directScalar(v.toString(), out);
  if (v instanceof Uint8Array) {
    out.push(scalarEvent(base64Std(v), stringStyle(base64Std(v), false)));
    return true;
  }
  if ((v as Record<symbol, unknown>)[GO_NIL_KEY] === true) return false;
  if (Array.isArray(v)) {
    out.push(ev(Ev.SequenceStart, { implicit: true, flow: false }));
    for (const e of v) if (!directV2Events(e, out, depth + 1)) return false;
    out.push(ev(Ev.SequenceEnd));
    return true;
  }
  if (!isPlainMap(v)) return false;
  out.push(ev(Ev.MappingStart, { implicit: true, flow: false }));
  // Keys enter go-yaml's (non-transitive) natural sort in JSON's byte order, as on the round trip.
  for (const k of sortYamlKeys(Object.keys(v), false, compareBytewise)) {
    // go-yaml refuses simple keys of 1024+ characters when reading the JSON back.
    if (k.length > MAX_DIRECT_KEY) return false;
    if (!directV2Events(k, out, depth + 1)) return false;
    if (!directV2Events(v[k], out, depth + 1)) return false;
  }
  out.push(ev(Ev.MappingEnd));
  return true;
}

/** A JSON number's text, resolved as go-yaml v2 resolves it when reading the JSON back. */
function directScalar(text: string, out: Event[]): boolean {
  const r = resolve("", text, false).value;
  if (r instanceof ResolvedInt) out.push(scalarEvent(r.value.toString(), ScalarStyle.Plain));
  else if (typeof r === "number") out.push(scalarEvent(floatText(r), ScalarStyle.Plain));
  else return false;
  return true;
}

const GO_NIL_KEY = Symbol.for("charta.gotpl.nil");

const NEEDS_ROUND_TRIP =
  /[\x7f-\x9f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The exact sigs.k8s.io/yaml route: JSON text, read back by go-yaml v2, emitted. */
function marshalViaJson(value: unknown): string {
  let json: string;
  try {
    json = jsonMarshal(value);
  } catch (e) {
    if (e instanceof GoJsonError) throw new GoYamlError(`error marshaling into JSON: ${e.message}`, "json");
    throw e;
  }
  return jsonToYaml(json);
}

/**
 * `sigs.k8s.io/yaml.JSONToYAML`: JSON (any YAML, really) read by go-yaml v2
 * and written back out by its emitter.
 *
 * @throws {GoYamlError} for input go-yaml cannot read.
 */
export function jsonToYaml(json: string | Uint8Array): string {
  let decoded: YValue | undefined;
  try {
    decoded = decodeFirstDocument(decodeInput(json));
  } catch (e) {
    if (e instanceof YamlSyntaxProblem) throw new GoYamlError(syntaxMessage(e), e.kind, e.problemMark);
    if (e instanceof YamlDecodeProblem) throw new GoYamlError(e.message, "decoder");
    throw e;
  }
  const body: Event[] = [];
  v2Events(decoded ?? null, body);
  return emitDocument(body, false);
}

/** Events for a Go value encoded directly by go-yaml v3 (the toYamlPretty path). */
function v3Events(v: unknown, out: Event[], seen: Set<object>): void {
  if (v === undefined || v === null) {
    out.push(scalarEvent("null", ScalarStyle.Plain));
    return;
  }
  switch (typeof v) {
    case "string":
      out.push(scalarEvent(v, stringStyle(v, true)));
      return;
    case "boolean":
      out.push(scalarEvent(v ? "true" : "false", ScalarStyle.Plain));
      return;
    case "number":
      out.push(scalarEvent(floatText(v), ScalarStyle.Plain));
      return;
    case "bigint":
      out.push(scalarEvent(v.toString(), ScalarStyle.Plain));
      return;
    case "function":
    case "symbol":
      throw new GoYamlError(`cannot marshal type: ${typeof v}`, "json");
  }
  if (v instanceof GoInt) {
    out.push(scalarEvent(v.toString(), ScalarStyle.Plain));
    return;
  }
  const obj = v as object;
  const time = (obj as Record<symbol, unknown>)[GO_TIME];
  if (typeof time === "function") {
    // go-yaml writes time.Time as a plain RFC 3339 scalar.
    out.push(scalarEvent(time.call(obj), ScalarStyle.Plain));
    return;
  }
  if (seen.has(obj)) throw new GoYamlError("yaml: cannot marshal a value that contains itself", "json");
  seen.add(obj);
  try {
    if (obj instanceof Uint8Array || Array.isArray(obj)) {
      // []byte has no special form in v3: it is a sequence of small ints.
      out.push(ev(Ev.SequenceStart, { implicit: true, flow: false }));
      for (const e of obj instanceof Uint8Array ? [...obj].map((b) => new GoInt(BigInt(b), "uint8")) : obj) {
        v3Events(e, out, seen);
      }
      out.push(ev(Ev.SequenceEnd));
      return;
    }
    let entries: [string, unknown][];
    if (obj instanceof GoStruct) {
      // Fields in declaration order (JSON names stand in for yaml names).
      entries = [...structFields(obj)];
    } else if (isPlainMap(obj)) {
      entries = sortYamlKeys(Object.keys(obj), true).map((k) => [k, (obj as Record<string, unknown>)[k]]);
    } else if (obj instanceof Map) {
      entries = sortYamlKeys([...obj.keys()].map(String), true).map((k) => [k, obj.get(k)]);
    } else if (typeof (obj as Record<symbol, unknown>)[GO_JSON] === "function") {
      entries = [...((obj as Record<symbol, () => Map<string, unknown>>)[GO_JSON]())];
    } else {
      throw new GoYamlError(`cannot marshal type: ${obj.constructor?.name ?? "object"}`, "json");
    }
    out.push(ev(Ev.MappingStart, { implicit: true, flow: false }));
    for (const [k, e] of entries) {
      out.push(scalarEvent(k, stringStyle(k, true)));
      v3Events(e, out, seen);
    }
    out.push(ev(Ev.MappingEnd));
  } finally {
    seen.delete(obj);
  }
}

/**
 * The go-yaml v3 encoder with `SetIndent(2)` on the Go value itself (Helm's
 * `toYamlPretty`): no JSON step, so float64 1e6 prints `1e+06`; sequences are
 * indented under their key; YAML 1.1 booleans like `yes` are quoted; no line
 * folding. The result ends with a newline; Helm trims one.
 *
 * @example
 * ```ts
 * marshalPretty({ a: [1e6, "on"] }); // 'a:\n  - 1e+06\n  - "on"\n'
 * ```
 */
export function marshalPretty(value: unknown): string {
  const body: Event[] = [];
  v3Events(value, body, new Set());
  return emitDocument(body, true);
}
