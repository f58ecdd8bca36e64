/**
 * `sigs.k8s.io/yaml.Unmarshal` as Helm uses it for values files, Chart.yaml,
 * `fromYaml` and `fromYamlArray`, plus the multi-document reading of
 * `loader.LoadValues`.
 *
 * @module
 */

import { GoJsonError } from "../gojson/errors.ts";
import { type GoType, INTERFACE, MAP_STRING_INTERFACE, SLICE_INTERFACE } from "../gojson/types.ts";
import { decodeFirstDocument, YamlDecodeProblem } from "./decode.ts";
import { GoYamlError, syntaxMessage, YamlSyntaxProblem } from "./errors.ts";
import { decodeInput } from "./reader.ts";
import { ConvertProblem, decodeJsonable, toJsonable } from "./tojson.ts";
import { scanBlockYamlText } from "./block_scan.ts";
import { isPlainMap } from "../gotpl/value.ts";

/** What the YAML is decoded into. */
export type ParseTarget = "any" | "map" | "slice" | GoType;

/** Options for {@link parseYaml}. */
export interface ParseOptions {
  /** File name recorded on errors (not part of the Go message). */
  filename?: string;
  /**
   * The Go type decoded into: `"any"` (`interface{}`, the default), `"map"`
   * (`map[string]interface{}`: values files, `fromYaml`), `"slice"`
   * (`[]interface{}`: `fromYamlArray`) or a described Go type (Chart.yaml's
   * `chart.Metadata`, whose string fields turn numbers into text).
   */
  target?: ParseTarget;
}

function targetType(t: ParseTarget | undefined): GoType {
  if (t === undefined || t === "any") return INTERFACE;
  if (t === "map") return MAP_STRING_INTERFACE;
  if (t === "slice") return SLICE_INTERFACE;
  return t;
}

const CONVERT = "error converting YAML to JSON: ";
const UNMARSHAL = "error unmarshaling JSON: while decoding JSON: ";

/**
 * Parses the first YAML document as `sigs.k8s.io/yaml.Unmarshal` does: go-yaml
 * v2 decoding (YAML 1.1 booleans, `0777` octal, merge keys, last duplicate key
 * wins, timestamps kept as text, non-string keys turned into strings), then a
 * JSON round trip, so every number is a float64 (JS number) and maps are
 * plain objects. An empty document gives `null` (Go's nil).
 *
 * @throws {GoYamlError} whose message is Go's, e.g. `error converting YAML to
 * JSON: yaml: line 3: mapping values are not allowed in this context` or
 * `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array
 * into Go value of type map[string]interface {}`.
 *
 * @example
 * ```ts
 * parseYaml("a: yes\nb: 0777\nc: 1e3\n"); // { a: true, b: 511, c: 1000 }
 * ```
 */
export function parseYaml(text: string | Uint8Array, opts: ParseOptions = {}): unknown {
  if (opts.target !== "slice") {
    // Values files, Chart.yaml and most other documents are block YAML, which the block scanner
    // decodes in a fraction of the time; it declines anything else, errors included. Its value is
    // the map target's; other targets take it when their decoding would read the same JSON.
    const fast = scanBlockYamlText(text);
    if (fast !== undefined) {
      if (opts.target === "map") return fast;
      const target = targetType(opts.target);
      if (fitsExactly(fast, target)) return jsonableToTarget(fast, opts);
    }
  }
  return jsonableToTarget(yamlToJsonable(text, opts), opts);
}

/**
 * Whether a value decoded for a `map[string]interface{}` target is also what sigs.k8s.io/yaml
 * hands encoding/json for `target`: it turns scalars into strings only for string fields, so
 * strings must be where strings go, booleans where booleans go, plain numbers only where any
 * value goes; and struct keys must name their field exactly (no case-folding match).
 */
function fitsExactly(v: unknown, t: GoType): boolean {
  if (v === null) return true;
  switch (t.kind) {
    case "interface":
      return true;
    case "string":
      return typeof v === "string";
    case "bool":
      return typeof v === "boolean";
    case "ptr":
      return fitsExactly(v, t.elem);
    case "slice":
      return Array.isArray(v) && v.every((e) => fitsExactly(e, t.elem));
    case "map":
      return isPlainMap(v) && Object.values(v).every((e) => fitsExactly(e, t.elem));
    case "struct": {
      if (!isPlainMap(v)) return false;
      for (const [k, e] of Object.entries(v)) {
        const field = t.fields.find((f) => f.json === k);
        if (field) {
          if (!fitsExactly(e, field.type)) return false;
        } else if (NON_ASCII.test(k) || t.fields.some((f) => f.json.toLowerCase() === k.toLowerCase())) {
          return false;
        }
      }
      return true;
    }
    default:
      // Numeric fields: YAML's number text matters to them (1.0 into an int), which the map form lost.
      return false;
  }
}

const NON_ASCII = /[\u0080-\uffff]/;

function failWith(opts: ParseOptions) {
  return (
    message: string,
    kind: GoYamlError["kind"],
    mark?: { line: number; column: number; index: number },
  ) => {
    const e = new GoYamlError(message, kind, mark);
    e.filename = opts.filename;
    return e;
  };
}

/**
 * The first half of {@link parseYaml}: the YAML decoded and converted to the
 * JSON-able value sigs.k8s.io/yaml would marshal (typed by `opts.target`).
 * Callers that can read that value directly skip the JSON round trip.
 *
 * @throws {GoYamlError} `error converting YAML to JSON: …`
 */
export function yamlToJsonable(text: string | Uint8Array, opts: ParseOptions = {}): unknown {
  const target = targetType(opts.target);
  const fail = failWith(opts);
  let y;
  try {
    y = decodeFirstDocument(decodeInput(text));
  } catch (e) {
    if (e instanceof YamlSyntaxProblem) {
      throw fail(CONVERT + syntaxMessage(e), e.kind, e.problemMark ?? e.contextMark);
    }
    if (e instanceof YamlDecodeProblem) throw fail(CONVERT + e.message, "decoder", e.mark);
    throw e;
  }
  try {
    return toJsonable(y ?? null, target);
  } catch (e) {
    if (e instanceof ConvertProblem) throw fail(CONVERT + e.message, "json");
    throw e;
  }
}

/**
 * The second half of {@link parseYaml}: the JSON-able value decoded into
 * `opts.target` as encoding/json would decode its JSON text.
 *
 * @throws {GoYamlError} `error unmarshaling JSON: while decoding JSON: …`
 */
export function jsonableToTarget(jsonable: unknown, opts: ParseOptions = {}): unknown {
  const target = targetType(opts.target);
  const fail = failWith(opts);
  try {
    return decodeJsonable(jsonable, target);
  } catch (e) {
    if (e instanceof GoJsonError) {
      if (e.kind === "unsupported-value" || e.kind === "unsupported-type") {
        throw fail(CONVERT + e.message, "json");
      }
      const err = fail(UNMARSHAL + e.message, "json");
      err.partial = e.partial;
      throw err;
    }
    throw e;
  }
}

/** A document of a multi-document file, with where it starts. */
export interface YamlDocument {
  /** The document's text (lines end in `\n`; CRLF becomes LF). */
  text: string;
  /** 0-based line in the whole input where the document's text starts. */
  startLine: number;
}

/**
 * Splits a stream into documents as k8s.io/apimachinery's `YAMLReader` (used
 * by Helm's `LoadValues`): a line starting with `---` separates documents,
 * only a comment may follow it, empty documents are dropped, and lines are
 * re-terminated with `\n`.
 *
 * @throws {GoYamlError} `invalid Yaml document separator: …`
 */
export function splitYamlDocuments(text: string, filename?: string): YamlDocument[] {
  const docs: YamlDocument[] = [];
  const lines = text.split("\n");
  // A trailing newline does not start another line.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  let buf = "";
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.startsWith("---")) {
      const trimmed = line.slice(3).replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, "");
      if (trimmed.length > 0 && trimmed[0] !== "#") {
        const e = new GoYamlError(`invalid Yaml document separator: ${trimmed}`, "reader", {
          line: i,
          column: 3,
          index: 0,
        });
        e.filename = filename;
        throw e;
      }
      if (buf.length !== 0) {
        docs.push({ text: buf, startLine: start });
        buf = "";
      }
      start = i + 1;
      continue;
    }
    if (buf.length === 0) start = i;
    buf += line + "\n";
  }
  if (buf.length !== 0) docs.push({ text: buf, startLine: start });
  return docs;
}

/**
 * Parses every document of a multi-document file the way Helm's
 * `LoadValues` reads values files: split with {@link splitYamlDocuments},
 * then each document parsed with {@link parseYaml}. Error messages keep Go's
 * per-document line numbers; `GoYamlError.line` is made absolute.
 */
export function parseAllYaml(text: string, opts: ParseOptions = {}): unknown[] {
  return splitYamlDocuments(text, opts.filename).map((doc) => {
    try {
      return parseYaml(doc.text, opts);
    } catch (e) {
      if (e instanceof GoYamlError && e.line !== undefined) e.line += doc.startLine;
      throw e;
    }
  });
}
