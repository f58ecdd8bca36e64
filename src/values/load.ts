/**
 * Helm's values loading for `-f` files and (helm 4) multi-document
 * values.yaml: every YAML document is read into a map and the maps are
 * deep-merged in order (loader.LoadValues and loader.MergeMaps).
 *
 * @module
 */
import { GoYamlError, parseYaml, splitYamlDocuments } from "../goyaml/mod.ts";
import { mergeMapsInto } from "../strvals/json_value.ts";
import type { Values } from "./types.ts";

/** helm's MergeMaps: a new map with `b` deep-merged over `a` (tables merge, anything else replaces). */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  mergeMapsInto(out, b);
  return out;
}

/** helm's LoadValues: all documents of a YAML stream merged; errors worded as helm's. */
export function loadValues(text: string | Uint8Array, filename?: string): Values {
  const source = typeof text === "string" ? text : new TextDecoder("utf-8", { ignoreBOM: true }).decode(text);
  let values: Values = {};
  for (const doc of splitYamlDocuments(source, filename)) {
    let current: Values;
    try {
      current = (parseYaml(doc.text, { target: "map", filename }) as Values | null) ?? {};
    } catch (e) {
      if (e instanceof GoYamlError) {
        if (e.line !== undefined) e.line += doc.startLine;
        throw new GoYamlError(`cannot unmarshal yaml document: ${e.message}`, e.kind);
      }
      throw e;
    }
    values = mergeMaps(values, current);
  }
  return values;
}
