/**
 * Reading rendered manifests and CRD files as `helm lint` does: documents
 * split by apimachinery's YAML reader and decoded into helm's
 * `k8sYamlStruct` (apiVersion, kind, metadata name and namespace).
 *
 * @module
 */
import { GoYamlError, parseYaml } from "../goyaml/mod.ts";
import { GoJsonError, unmarshal } from "../gojson/mod.ts";
import type { GoType } from "../gojson/types.ts";
import { byteLength, trimGoSpace } from "../gotpl/utf8.ts";

const K8S_METADATA: GoType = {
  kind: "struct",
  name: "rules.k8sYamlMetadata",
  fields: [
    { json: "Namespace", type: { kind: "string" } },
    { json: "Name", type: { kind: "string" } },
  ],
};

/** helm's `k8sYamlStruct`: what each rendered document is decoded into. */
export const K8S_YAML_STRUCT: GoType = {
  kind: "ptr",
  elem: {
    kind: "struct",
    name: "rules.k8sYamlStruct",
    fields: [
      { json: "apiVersion", type: { kind: "string" } },
      { json: "Kind", type: { kind: "string" } },
      { json: "Metadata", type: K8S_METADATA },
    ],
  },
};

/** The fields of a manifest helm looks at. */
export interface K8sObject {
  apiVersion?: string;
  Kind?: string;
  Metadata?: { Namespace?: string; Name?: string };
}

/**
 * apimachinery's `YAMLReader`: the documents of a stream, lazily, one
 * `---` line apart; a separator followed by anything but a comment is an
 * error when reached.
 */
export function* yamlDocuments(content: string): Generator<string> {
  const lines = content.split("\n");
  const last = lines.pop()!;
  let buffer = "";
  // A last line without a newline arrives with EOF, which the reader drops
  // when its 4 KiB buffer reads it in full chunks (apimachinery's behaviour).
  const dropLast = last === "" || byteLength(last) % 4096 === 0;
  const all = dropLast ? lines : [...lines, last];
  for (const [i, raw] of all.entries()) {
    const line = i < lines.length && raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.startsWith("---")) {
      const trimmed = trimGoSpace(line.slice(3));
      if (trimmed.length > 0 && trimmed[0] !== "#") {
        throw new GoYamlError(`invalid Yaml document separator: ${trimmed}`, "reader");
      }
      if (buffer.length !== 0) {
        yield buffer;
        buffer = "";
        continue;
      }
    }
    buffer += line + "\n";
  }
  if (buffer.length !== 0) yield buffer;
}

/** helm's `validateYamlContent`: a decoding error, prefixed. */
export function validateYamlContent(err: Error | null): Error | null {
  return err ? new Error(`unable to parse YAML: ${err.message}`, { cause: err }) : null;
}

const JSON_SPACE = new Set([" ", "\t", "\n", "\r"]);

/** The end of the JSON value starting at `i` (a structural scan), or -1 when it does not end. */
function jsonValueEnd(s: string, i: number): number {
  let depth = 0;
  let inString = false;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (inString) {
      if (c === "\\") j++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return j + 1;
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return j + 1;
      if (depth < 0) return -1;
    } else if (depth === 0 && (JSON_SPACE.has(c) || c === ",")) return j;
  }
  return depth === 0 && !inString ? s.length : -1;
}

/** Whether apimachinery's decoder would take the stream for JSON: `{` after leading white space (first 4 KiB). */
function looksLikeJson(content: string): boolean {
  return trimGoSpace(content.slice(0, 4096) + "x").startsWith("{");
}

/**
 * The objects of a rendered file as helm's lint loop meets them: each
 * object, or, once, the error that ends the file (then nothing more).
 */
export function* decodeEach(content: string): Generator<{ obj: K8sObject | null; err: Error | null }> {
  const objects = decodeManifests(content);
  for (;;) {
    let next;
    try {
      next = objects.next();
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      yield { obj: null, err: e };
      return;
    }
    if (next.done) return;
    yield { obj: next.value, err: null };
  }
}

/**
 * The objects of a rendered manifest or CRD file, decoded as apimachinery's
 * `YAMLOrJSONDecoder` does into helm's `k8sYamlStruct` (`null` for empty
 * documents): a stream starting with `{` is read as JSON values, falling back
 * to YAML for the rest when a value does not parse; anything else is YAML
 * documents. A decoding error is thrown when the bad document is reached.
 */
export function* decodeManifests(content: string): Generator<K8sObject | null> {
  let rest = content;
  if (looksLikeJson(content)) {
    let pos = 0;
    let count = 0;
    let firstErr: Error | undefined;
    for (;;) {
      let start = pos;
      while (start < content.length && JSON_SPACE.has(content[start])) start++;
      if (start >= content.length) return;
      const end = jsonValueEnd(content, start);
      if (end >= 0) {
        try {
          const obj = unmarshal(content.slice(start, end), { target: K8S_YAML_STRUCT }) as K8sObject | null;
          count++;
          pos = end;
          yield obj;
          continue;
        } catch (e) {
          if (!(e instanceof GoJsonError)) throw e;
          firstErr = e.kind === "syntax"
            ? new Error(`json: offset ${start + (e.offset ?? 0) + 1}: ${e.message}`)
            : e;
          if (count > 1) throw e;
        }
      } else {
        try {
          unmarshal(content.slice(start));
          firstErr = new Error("unexpected EOF");
        } catch (e) {
          if (!(e instanceof GoJsonError)) throw e;
          firstErr = new Error(`json: offset ${start + (e.offset ?? 0) + 1}: ${e.message}`);
        }
        if (count > 1) throw new Error(firstErr.message.replace(/^json: offset \d+: /, ""));
      }
      // As apimachinery: back to the end of the last value, past white space up to a newline, then YAML.
      let k = pos;
      while (k < content.length && trimGoSpace(content[k]) === "") {
        k++;
        if (content[k - 1] === "\n") break;
      }
      rest = content.slice(k);
      const docs = yamlDocuments(rest);
      let first = true;
      for (;;) {
        let obj: K8sObject | null;
        try {
          const next = docs.next();
          if (next.done) return;
          obj = parseYaml(next.value, { target: K8S_YAML_STRUCT }) as K8sObject | null;
        } catch (e) {
          if (first && firstErr) throw firstErr;
          throw e;
        }
        first = false;
        yield obj;
      }
    }
  }
  for (const doc of yamlDocuments(rest)) {
    yield parseYaml(doc, { target: K8S_YAML_STRUCT }) as K8sObject | null;
  }
}
