/**
 * What the release-reading commands share for printing, as helm's
 * pkg/cli/output: the `-o table|json|yaml` formats (JSON as Go's
 * `json.Encoder`, YAML as `sigs.k8s.io/yaml.Marshal` of that JSON), Go
 * struct JSON in field order, and release times as Go prints them.
 *
 * @module
 */
import { UsageError } from "../errors/mod.ts";
import { quoteJsonString } from "../gojson/mod.ts";
import { jsonToYaml } from "../goyaml/mod.ts";
import { parseTime } from "../gotime/layout.ts";
import { GoTime, localLocation, UTC } from "../gotime/mod.ts";
import type { StoredChart } from "../release/types.ts";

/** helm's output formats. */
export type OutputFormat = "table" | "json" | "yaml";

/** helm's `--output` flag value check: `invalid format type` for anything else. */
export function parseOutputFormat(value: string): OutputFormat {
  if (value === "table" || value === "json" || value === "yaml") return value;
  throw new UsageError(`invalid argument "${value}" for "-o, --output" flag: invalid format type`);
}

/** The help text of helm's `-o/--output` flag. */
export const OUTPUT_USAGE = "prints the output in the specified format. Allowed values: table, json, yaml";

/** A Go struct's JSON: fields in declaration order; each value already JSON text. */
export function structJson(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const parts: string[] = [];
  for (const [k, v] of fields) if (v !== undefined) parts.push(`${quoteJsonString(k)}:${v}`);
  return `{${parts.join(",")}}`;
}

/** A JSON string literal as Go writes it (HTML characters escaped). */
export const jsonString = (s: string): string => quoteJsonString(s);

/** `output.EncodeJSON` (json.Encoder: one line) or `output.EncodeYAML` of a JSON text. */
export function encodeStructured(json: string, format: "json" | "yaml"): string {
  return format === "json" ? json + "\n" : jsonToYaml(json);
}

/** A stored RFC 3339 time as a Go `time.Time` (zero when unset), zone as Go's parser gives it. */
export function releaseTime(text: string | undefined): GoTime {
  if (text === undefined || text === "") return GoTime.zero();
  return GoTime.fromInstant(parseTime("2006-01-02T15:04:05Z07:00", text, UTC, localLocation()));
}

/** Go's `time.ANSIC` layout. */
export const ANSIC = "Mon Jan _2 15:04:05 2006";

/** helm's `formatChartName`: `NAME-VERSION`, `MISSING` without a chart. */
export function formatChartName(c: StoredChart | undefined): string {
  if (!c?.metadata) return "MISSING";
  return `${c.metadata.name ?? ""}-${c.metadata.version ?? ""}`;
}

/** helm's `formatAppVersion`: the chart's appVersion, `MISSING` without a chart. */
export function formatAppVersion(c: StoredChart | undefined): string {
  if (!c?.metadata) return "MISSING";
  return c.metadata.appVersion ?? "";
}
