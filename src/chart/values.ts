/**
 * A chart's values.yaml as helm 4 reads it (`loader.LoadValues`): the file
 * is split into YAML documents as k8s.io/apimachinery's `YAMLReader` does,
 * each document is read into a map by sigs.k8s.io/yaml, and the maps are
 * deep-merged in order (`loader.MergeMaps`).
 *
 * @module
 */

import { setOwn } from "../gojson/decode.ts";
import { GoYamlError, parseYaml } from "../goyaml/mod.ts";
import type { Values } from "../values/types.ts";
import { ChartLoadError } from "./errors.ts";
import { trimGoSpace } from "../gotpl/utf8.ts";

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** helm's `MergeMaps`: a new map with `b` deep-merged over `a` (maps merge, anything else replaces). */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = {};
  for (const k of Object.keys(a)) setOwn(out, k, a[k]);
  for (const k of Object.keys(b)) {
    const v = b[k];
    const cur = Object.hasOwn(out, k) ? out[k] : undefined;
    setOwn(out, k, isMap(v) && isMap(cur) ? mergeMaps(cur, v) : v);
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Splits a YAML stream into documents as `utilyaml.YAMLReader`: a line
 * starting with `---` ends a document and may only be followed by a
 * comment; lines are re-terminated with `\n` (a `\r` before a newline is
 * dropped); empty documents are skipped.
 *
 * @throws {ChartLoadError} `error reading yaml document: invalid Yaml document separator: …`
 */
export function splitDocuments(data: Uint8Array): Uint8Array[] {
  // The common case, one document without CRs: the lines joined again are the data itself.
  if (!hasSeparatorOrCR(data)) {
    if (data.length === 0 || data[data.length - 1] === 0x0a) return data.length ? [data] : [];
    const doc = new Uint8Array(data.length + 1);
    doc.set(data);
    doc[data.length] = 0x0a;
    return [doc];
  }
  const docs: Uint8Array[] = [];
  let parts: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    const doc = new Uint8Array(size);
    let off = 0;
    for (const p of parts) {
      doc.set(p, off);
      off += p.length;
      doc[off++] = 0x0a;
    }
    docs.push(doc);
    parts = [];
    size = 0;
  };
  let start = 0;
  const n = data.length;
  while (start < n) {
    let end = data.indexOf(0x0a, start);
    const hasNewline = end >= 0;
    if (!hasNewline) end = n;
    let lineEnd = end;
    if (hasNewline && lineEnd > start && data[lineEnd - 1] === 0x0d) lineEnd--;
    const line = data.subarray(start, lineEnd);
    start = hasNewline ? end + 1 : n;
    if (line.length >= 3 && line[0] === 0x2d && line[1] === 0x2d && line[2] === 0x2d) {
      const trimmed = trimGoSpace(utf8.decode(line.subarray(3)));
      if (trimmed.length > 0 && trimmed[0] !== "#") {
        throw new ChartLoadError(`error reading yaml document: invalid Yaml document separator: ${trimmed}`);
      }
      if (size !== 0) flush();
      continue;
    }
    parts.push(line);
    size += line.length + 1;
  }
  if (size !== 0) flush();
  return docs;
}

/** Whether a line starts with `---`, or a CR is anywhere (both need the line-by-line split). */
function hasSeparatorOrCR(data: Uint8Array): boolean {
  if (data.indexOf(0x0d) >= 0) return true;
  for (let i = data.indexOf(0x2d); i >= 0; i = data.indexOf(0x2d, i + 1)) {
    if ((i === 0 || data[i - 1] === 0x0a) && data[i + 1] === 0x2d && data[i + 2] === 0x2d) return true;
  }
  return false;
}

/**
 * helm's `LoadValues`: every document of the stream read into a map, the
 * maps deep-merged in order. An empty stream gives an empty map.
 *
 * @throws {ChartLoadError} `error reading yaml document: …` or `cannot
 * unmarshal yaml document: error converting YAML to JSON: yaml: line 2: …`
 */
export function loadValues(data: Uint8Array | string): Values {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let values: Values = {};
  for (const doc of splitDocuments(bytes)) {
    let current: Values;
    try {
      current = (parseYaml(doc, { target: "map" }) as Values | null) ?? {};
    } catch (e) {
      if (e instanceof GoYamlError) {
        throw new ChartLoadError(`cannot unmarshal yaml document: ${e.message}`, { cause: e });
      }
      throw e;
    }
    values = mergeMaps(values, current);
  }
  return values;
}
