/**
 * Go-compatible YAML, byte for byte with what Helm does:
 *
 * - {@link parseYaml} is `sigs.k8s.io/yaml.Unmarshal` (go-yaml v2 decoding
 *   with YAML 1.1 scalars, then a JSON round trip so numbers are float64), as
 *   Helm reads values files, Chart.yaml, `fromYaml` and `fromYamlArray`;
 *   {@link parseAllYaml} reads multi-document files like `LoadValues`.
 * - {@link marshal} is `sigs.k8s.io/yaml.Marshal` (Helm's `toYaml` before it
 *   trims one trailing newline); {@link marshalPretty} is go-yaml v3 with
 *   indent 2 (`toYamlPretty`).
 *
 * The YAML scanner, parser and emitter are a TypeScript reimplementation of
 * go-yaml's libyaml port, so acceptance, error messages (`yaml: line 3:
 * mapping values are not allowed in this context`), quoting and line folding
 * match Go. Errors are {@link GoYamlError}s whose `message` is Go's text.
 *
 * @example
 * ```ts
 * import { marshal, parseYaml } from "./mod.ts";
 * const v = parseYaml("replicas: 3\nenabled: yes\n", { target: "map" });
 * marshal(v); // "enabled: true\nreplicas: 3\n"
 * ```
 *
 * @module
 */

export {
  parseAllYaml,
  type ParseOptions,
  type ParseTarget,
  parseYaml,
  splitYamlDocuments,
  type YamlDocument,
} from "./parse.ts";
export { jsonToYaml, marshal, marshalPretty } from "./marshal.ts";
export { GoYamlError, type YamlProblemKind } from "./errors.ts";
export { sortYamlKeys, yamlKeyLess } from "./sort.ts";
