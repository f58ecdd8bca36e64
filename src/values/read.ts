/**
 * Reading values files as helm does (chartutil.ReadValues): YAML parsed by
 * sigs.k8s.io/yaml's rules into a map, numbers as float64, an empty document
 * as an empty map.
 *
 * @module
 */
import { parseYaml } from "../goyaml/mod.ts";
import type { Values } from "./types.ts";

/** Parses a values document; throws helm's YAML error text on bad input. */
export function readValues(text: string | Uint8Array, filename?: string): Values {
  const vals = parseYaml(text, { target: "map", filename }) as Values | null;
  return vals && Object.keys(vals).length > 0 ? vals : {};
}
