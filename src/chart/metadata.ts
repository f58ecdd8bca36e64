/**
 * Chart.yaml and Chart.lock as helm decodes and checks them: the Go types
 * they are decoded into (so that YAML is read exactly as sigs.k8s.io/yaml
 * reads it into `chart.Metadata`: numbers in string fields become text,
 * unknown keys are dropped, keys match case-insensitively), and
 * `Metadata.Validate` with helm's messages and its sanitizing of strings.
 *
 * @module
 */

import type { GoType } from "../gojson/types.ts";
import { quote } from "../gotpl/quote.ts";
import { base } from "../sprig/gopath.ts";
import { parseVersion } from "../semver/mod.ts";
import { parseTime } from "../gotime/layout.ts";
import { GoTime, localLocation, UTC } from "../gotime/mod.ts";
import { GoYamlError, parseYaml } from "../goyaml/mod.ts";
import { ChartValidationError } from "./errors.ts";
import type { Dependency, Lock, Maintainer, Metadata } from "./types.ts";

const STR: GoType = { kind: "string" };
const STRINGS: GoType = { kind: "slice", elem: STR };

/** helm's `*chart.Maintainer`. */
export const MAINTAINER_GOTYPE: GoType = {
  kind: "ptr",
  elem: {
    kind: "struct",
    name: "v2.Maintainer",
    fields: [
      { json: "name", type: STR },
      { json: "email", type: STR },
      { json: "url", type: STR },
    ],
  },
};

/** helm's `*chart.Dependency`. */
export const DEPENDENCY_GOTYPE: GoType = {
  kind: "ptr",
  elem: {
    kind: "struct",
    name: "v2.Dependency",
    fields: [
      { json: "name", type: STR },
      { json: "version", type: STR },
      { json: "repository", type: STR },
      { json: "condition", type: STR },
      { json: "tags", type: STRINGS },
      { json: "enabled", type: { kind: "bool" } },
      { json: "import-values", type: { kind: "slice", elem: { kind: "interface" } } },
      { json: "alias", type: STR },
    ],
  },
};

/** helm's `chart.Metadata` (pkg/chart/v2), what Chart.yaml (and requirements.yaml) is decoded into. */
export const METADATA_GOTYPE: GoType = {
  kind: "struct",
  name: "v2.Metadata",
  fields: [
    { json: "name", type: STR },
    { json: "home", type: STR },
    { json: "sources", type: STRINGS },
    { json: "version", type: STR },
    { json: "description", type: STR },
    { json: "keywords", type: STRINGS },
    { json: "maintainers", type: { kind: "slice", elem: MAINTAINER_GOTYPE } },
    { json: "icon", type: STR },
    { json: "apiVersion", type: STR },
    { json: "condition", type: STR },
    { json: "tags", type: STR },
    { json: "appVersion", type: STR },
    { json: "deprecated", type: { kind: "bool" } },
    { json: "annotations", type: { kind: "map", elem: STR } },
    { json: "kubeVersion", type: STR },
    { json: "dependencies", type: { kind: "slice", elem: DEPENDENCY_GOTYPE } },
    { json: "type", type: STR },
  ],
};

/** The v3 chart metadata (helm 4's internal chart v3): the same fields as v2. */
export const METADATA_V3_GOTYPE: GoType = { ...METADATA_GOTYPE, name: "v3.Metadata" } as GoType;

/**
 * helm's `*chart.Lock` as a decoding target. `generated` is a `time.Time`,
 * which decodes its own JSON, so it is read untyped here and checked by
 * {@link decodeLock}.
 */
export const LOCK_GOTYPE: GoType = {
  kind: "ptr",
  elem: {
    kind: "struct",
    name: "v2.Lock",
    fields: [
      { json: "generated", type: { kind: "interface" } },
      { json: "digest", type: STR },
      { json: "dependencies", type: { kind: "slice", elem: DEPENDENCY_GOTYPE } },
    ],
  },
};

/** The struct helm 4's loader reads first to pick the chart API version (`loader.chartBase`). */
export const CHART_BASE_GOTYPE: GoType = {
  kind: "struct",
  name: "loader.chartBase",
  fields: [{ json: "apiVersion", type: STR }],
};

/** Chart API version 1 (helm 2 charts; dependencies in requirements.yaml). */
export const API_VERSION_V1 = "v1";
/** Chart API version 2 (helm 3 and 4). */
export const API_VERSION_V2 = "v2";
/** Chart API version 3 (experimental in helm 4). */
export const API_VERSION_V3 = "v3";

/** Go's zero `time.Time` as its JSON text. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

const RFC3339 = "2006-01-02T15:04:05Z07:00";
const RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

/**
 * Decodes Chart.lock or requirements.lock as helm does (`yaml.Unmarshal`
 * into `*chart.Lock`); an empty or `null` document is no lock.
 * `generated` comes back in Go's JSON form (RFC 3339 with nanoseconds), or
 * {@link ZERO_TIME} when missing.
 *
 * @throws {GoYamlError} YAML and type errors, with sigs.k8s.io/yaml's message
 */
export function decodeLock(data: Uint8Array | string): Lock | undefined {
  const v = parseYaml(data, { target: LOCK_GOTYPE }) as Record<string, unknown> | null;
  if (v === null) return undefined;
  let generated = ZERO_TIME;
  const g = v.generated;
  if (g !== undefined && g !== null) {
    if (typeof g !== "string") {
      throw new GoYamlError(
        "error unmarshaling JSON: while decoding JSON: Time.UnmarshalJSON: input is not a JSON string",
        "json",
      );
    }
    try {
      const t = GoTime.fromInstant(parseTime(RFC3339, g, UTC, localLocation()));
      generated = t.format(RFC3339_NANO);
    } catch (e) {
      throw new GoYamlError(
        `error unmarshaling JSON: while decoding JSON: ${e instanceof Error ? e.message : String(e)}`,
        "json",
      );
    }
  }
  return {
    generated,
    digest: typeof v.digest === "string" ? v.digest : "",
    dependencies: (v.dependencies ?? []) as Lock["dependencies"],
  };
}

/** Decodes Chart.yaml into helm's Metadata type (fields absent from the YAML stay absent). */
export function decodeMetadata(data: Uint8Array | string, v3 = false): Partial<Metadata> {
  return (parseYaml(data, { target: v3 ? METADATA_V3_GOTYPE : METADATA_GOTYPE }) ?? {}) as Partial<Metadata>;
}

/**
 * Go's decoding of a struct into one that already has values (helm reads
 * requirements.yaml into the Metadata Chart.yaml filled): fields present in
 * `update` replace or merge into those of `current`; slices of structs
 * decode element-wise into the existing elements; maps gain keys.
 */
export function mergeDecoded(t: GoType, current: unknown, update: unknown): unknown {
  if (update === undefined) return current;
  switch (t.kind) {
    case "ptr":
      if (update === null || current === null || current === undefined) return update;
      return mergeDecoded(t.elem, current, update);
    case "struct": {
      if (update === null || typeof update !== "object") return current;
      const out: Record<string, unknown> = { ...(current as Record<string, unknown> ?? {}) };
      for (const f of t.fields) {
        if (Object.hasOwn(update, f.json)) {
          out[f.json] = mergeDecoded(f.type, out[f.json], (update as Record<string, unknown>)[f.json]);
        }
      }
      return out;
    }
    case "map":
      if (update === null || current === null || current === undefined) return update;
      return { ...(current as Record<string, unknown>), ...(update as Record<string, unknown>) };
    case "slice": {
      if (update === null || !Array.isArray(current)) return update;
      return (update as unknown[]).map((e, i) =>
        i < current.length ? mergeDecoded(t.elem, current[i], e) : e
      );
    }
    default:
      return update;
  }
}

/**
 * helm's `sanitizeString`: white space becomes a plain space and other
 * unprintable characters are dropped.
 */
export function sanitizeString(s: string): string {
  // Printable ASCII stays as it is: the common case needs no per-character Unicode tests (and no new string).
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) break;
    i++;
  }
  if (i === s.length) return s;
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (/^\p{White_Space}$/u.test(ch)) out += " ";
    else if (isGoPrint(cp)) out += ch;
  }
  return out;
}

const PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols and the ASCII space). */
function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return PRINT.test(String.fromCodePoint(cp));
}

const ALIAS_NAME = /^[a-zA-Z0-9_-]+$/;
function isValidSemver(v: string): boolean {
  try {
    parseVersion(v);
    return true;
  } catch {
    return false;
  }
}

function sanitizeField<T extends object>(o: T, key: keyof T): void {
  const v = o[key];
  if (typeof v === "string") (o as Record<keyof T, unknown>)[key] = sanitizeString(v);
}

function validateMaintainer(m: Maintainer | null): void {
  if (m === null || m === undefined) {
    throw new ChartValidationError("maintainers must not contain empty or null nodes");
  }
  sanitizeField(m, "name");
  sanitizeField(m, "email");
  sanitizeField(m, "url");
}

/**
 * helm's `Dependency.Validate`: sanitizes the strings and checks the alias
 * (`^[a-zA-Z0-9_-]+$`).
 *
 * @throws {ChartValidationError}
 */
export function validateDependency(d: Dependency | null): void {
  if (d === null || d === undefined) {
    throw new ChartValidationError("dependencies must not contain empty or null nodes");
  }
  sanitizeField(d, "name");
  sanitizeField(d, "version");
  sanitizeField(d, "repository");
  sanitizeField(d, "condition");
  if (d.tags) d.tags = d.tags.map(sanitizeString);
  if (d.alias && !ALIAS_NAME.test(d.alias)) {
    throw new ChartValidationError(
      `dependency ${quote(d.name ?? "")} has disallowed characters in the alias`,
    );
  }
}

/**
 * helm's `Metadata.Validate`: sanitizes the metadata's strings in place,
 * then checks it. The messages are helm's, e.g. `validation:
 * chart.metadata.name is required`, `validation: chart.metadata.version
 * "1.x" is invalid`, `validation: more than one dependency with name or
 * alias "db"`.
 *
 * @throws {ChartValidationError}
 */
export function validateMetadata(md: Partial<Metadata> | null | undefined): asserts md is Metadata {
  if (md === null || md === undefined) throw new ChartValidationError("chart.metadata is required");
  for (
    const k of [
      "name",
      "description",
      "home",
      "icon",
      "condition",
      "tags",
      "appVersion",
      "kubeVersion",
    ] as const
  ) {
    sanitizeField(md, k);
  }
  if (md.sources) md.sources = md.sources.map(sanitizeString);
  if (md.keywords) md.keywords = md.keywords.map(sanitizeString);

  if (!md.apiVersion) throw new ChartValidationError("chart.metadata.apiVersion is required");
  if (!md.name) throw new ChartValidationError("chart.metadata.name is required");
  if (md.name === "." || md.name === "..") {
    throw new ChartValidationError(`chart.metadata.name ${quote(md.name)} is not allowed`);
  }
  if (md.name !== base(md.name)) {
    throw new ChartValidationError(`chart.metadata.name ${quote(md.name)} is invalid`);
  }
  if (!md.version) throw new ChartValidationError("chart.metadata.version is required");
  if (!isValidSemver(md.version)) {
    throw new ChartValidationError(`chart.metadata.version ${quote(md.version)} is invalid`);
  }
  if (md.type !== undefined && md.type !== "" && md.type !== "application" && md.type !== "library") {
    throw new ChartValidationError("chart.metadata.type must be application or library");
  }
  for (const m of md.maintainers ?? []) validateMaintainer(m);
  const seen = new Set<string>();
  for (const d of md.dependencies ?? []) {
    validateDependency(d);
    const key = d.alias ? d.alias : d.name ?? "";
    if (seen.has(key)) {
      throw new ChartValidationError(`more than one dependency with name or alias ${quote(key)}`);
    }
    seen.add(key);
  }
}
