/**
 * A chart repository's index (helm's `repo.IndexFile`): loading with helm's
 * rules (empty file, missing apiVersion, invalid entries skipped with a
 * warning, versions sorted newest first), version lookup with Masterminds
 * constraints, `repo index` generation and merge, and the YAML and JSON
 * texts helm writes.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { marshal as yamlMarshal, parseYaml } from "../goyaml/mod.ts";
import { jsonableToTarget } from "../goyaml/parse.ts";
import { toJsonable } from "../goyaml/tojson.ts";
import { MAP_STRING_INTERFACE } from "../gojson/mod.ts";
import { quoteJsonString } from "../gojson/mod.ts";
import { checkValid } from "../gojson/scanner.ts";
import { decodeFirstDocumentStrict } from "../goyaml/decode.ts";
import { decodeInput } from "../goyaml/reader.ts";
import { API_VERSION_V1, validateMetadata } from "../chart/metadata.ts";
import { scanBlockYaml } from "../goyaml/block_scan.ts";
import { goTimeText, metadataObject, omitEmpty } from "../chart/save.ts";
import type { Metadata } from "../chart/types.ts";
import { parseConstraint, parseVersion } from "../semver/mod.ts";
import type { LogFn } from "../log/slog.ts";

/** One chart version of an index: Chart.yaml's fields plus where to get it. */
export interface ChartVersion extends Metadata {
  /** Download URLs, absolute or relative to the repository URL. */
  urls: string[];
  /** Go time text. */
  created: string;
  /** Marked removed. */
  removed?: boolean;
  /** `sha256` hex of the archive. */
  digest?: string;
}

/** An index (helm's `repo.IndexFile`). */
export interface IndexFile {
  /** `v1`. */
  apiVersion: string;
  /** Go time text. */
  generated: string;
  /** Chart versions by chart name, newest first after {@link sortEntries}. */
  entries: Record<string, ChartVersion[]>;
  /** Repository keys. */
  publicKeys?: string[];
  /** Server information. */
  serverInfo?: Record<string, unknown>;
  /** Free-form annotations. */
  annotations?: Record<string, string>;
}

/** A new, empty index dated now (helm's `NewIndexFile`). */
export function newIndexFile(now = new Date()): IndexFile {
  return { apiVersion: "v1", generated: goTimeText(now), entries: {}, publicKeys: [] };
}

function isValidVersion(v: string): boolean {
  try {
    parseVersion(v);
    return true;
  } catch {
    return false;
  }
}

/** Sorts every chart's versions newest first (helm's `SortEntries`: unparsable versions sort last). */
export function sortEntries(index: IndexFile): void {
  for (const versions of Object.values(index.entries)) {
    const parsed = new Map(
      versions.map((cv) => [cv, isValidVersion(cv.version) ? parseVersion(cv.version) : null]),
    );
    versions.sort((a, b) => {
      const va = parsed.get(a), vb = parsed.get(b);
      if (!vb) return -1;
      if (!va) return 1;
      return vb.compare(va);
    });
  }
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : String(v);
}

function strList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.every((x) => typeof x === "string") ? v : v.map((x) => String(x ?? ""));
}

/** ChartVersion's string fields. */
const STRING_FIELDS = [
  "name",
  "version",
  "apiVersion",
  "appVersion",
  "description",
  "home",
  "icon",
  "kubeVersion",
  "type",
  "condition",
  "tags",
  "digest",
  "created",
];

/**
 * A decoded entry as a ChartVersion (strings where helm's struct has
 * strings). The entry was decoded for this call alone, so it is converted in
 * place: a copy of every entry of a big index costs more than its decoding.
 */
function toChartVersion(raw: Record<string, unknown>): ChartVersion {
  const cv = raw;
  for (const k of STRING_FIELDS) {
    if (k in cv && typeof cv[k] !== "string") cv[k] = str(cv[k]);
  }
  for (const k of ["urls", "keywords", "sources"]) if (k in cv) cv[k] = strList(cv[k]);
  cv.urls ??= [];
  cv.created ??= "";
  // Only a true `deprecated` is kept (and `delete` is avoided: it slows every later access to the object).
  if (cv.deprecated !== true && "deprecated" in cv) delete cv.deprecated;
  return cv as unknown as ChartVersion;
}

/**
 * sigs.k8s.io/yaml's `UnmarshalStrict` into a map, in one decoding pass:
 * duplicate keys are helm's error; syntax errors come from the regular
 * parser so their text is Go's.
 */
export function decodeYamlStrict(text: string): unknown {
  let decoded;
  try {
    decoded = decodeFirstDocumentStrict(decodeInput(text));
  } catch {
    return parseYaml(text, { target: "map" });
  }
  if (decoded.errors.length) {
    throw new ChartaError(
      `error converting YAML to JSON: yaml: unmarshal errors:\n  ${decoded.errors.join("\n  ")}`,
    );
  }
  let jsonable;
  try {
    jsonable = toJsonable(decoded.value ?? null, MAP_STRING_INTERFACE);
  } catch {
    return parseYaml(text, { target: "map" });
  }
  return jsonableToTarget(jsonable, { target: "map" });
}

/** Whether the text can be valid JSON at all: its first non-space character starts a JSON value. */
function mayBeJson(text: string): boolean {
  const m = /[^ \t\r\n]/.exec(text);
  return m !== null && /[{["\-0-9tfn]/.test(m[0]);
}

/**
 * Decodes an index (helm's `loadIndex`): JSON when the text is valid JSON,
 * else YAML; invalid entries are skipped with helm's warning.
 *
 * @param source the URL or path named in warnings
 * @throws {ChartaError} `empty index.yaml file`, `no API version specified`,
 * or the YAML/JSON error
 */
export function loadIndex(data: Uint8Array | string, source: string, log?: LogFn): IndexFile {
  const text = typeof data === "string" ? data : new TextDecoder().decode(data);
  if (text.length === 0) throw new ChartaError("empty index.yaml file");
  let raw: unknown;
  let isJson = false;
  if (mayBeJson(text)) {
    try {
      checkValid(new TextEncoder().encode(text));
      isJson = true;
    } catch { /* not JSON: YAML */ }
  }
  try {
    raw = isJson ? JSON.parse(text) : scanBlockYaml(text) ?? decodeYamlStrict(text);
  } catch (e) {
    throw new ChartaError((e as Error).message, { cause: e });
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ChartaError(
      "error unmarshaling JSON: json: cannot unmarshal into Go value of type repo.IndexFile",
    );
  }
  const obj = raw as Record<string, unknown>;
  const index: IndexFile = {
    apiVersion: str(obj.apiVersion) ?? "",
    generated: str(obj.generated) ?? "",
    entries: {},
  };
  if (Array.isArray(obj.publicKeys)) index.publicKeys = strList(obj.publicKeys);
  if (obj.serverInfo && typeof obj.serverInfo === "object") {
    index.serverInfo = obj.serverInfo as Record<string, unknown>;
  }
  if (obj.annotations && typeof obj.annotations === "object") {
    index.annotations = obj.annotations as Record<string, string>;
  }
  const entries = (obj.entries ?? {}) as Record<string, unknown>;
  for (const [name, list] of Object.entries(entries)) {
    const out: ChartVersion[] = [];
    // helm walks each list from the end, so its warnings come in that order.
    const items = Array.isArray(list) ? [...list].reverse() : [];
    for (const item of items) {
      if (item === null || typeof item !== "object") {
        log?.("WARN", `skipping loading invalid entry for chart "${name}" from ${source}: empty entry`);
        continue;
      }
      const cv = toChartVersion(item as Record<string, unknown>);
      if (!cv.apiVersion) cv.apiVersion = API_VERSION_V1;
      try {
        validateMetadata(cv);
      } catch (e) {
        const msg = (e as Error).message;
        if (!msg.startsWith("validation: more than one dependency with name or alias")) {
          log?.(
            "WARN",
            `skipping loading invalid entry for chart "${name}" "${cv.version ?? ""}" from ${source}: ${msg}`,
          );
          continue;
        }
      }
      out.push(cv);
    }
    index.entries[name] = out.reverse();
  }
  sortEntries(index);
  if (!index.apiVersion) throw new ChartaError("no API version specified");
  return index;
}

/**
 * Reads an index file (helm's `LoadIndexFile`).
 *
 * @throws {ChartaError} `error loading PATH: …`
 */
export async function loadIndexFile(path: string, log?: LogFn): Promise<IndexFile> {
  const data = await Deno.readFile(path);
  try {
    return loadIndex(data, path, log);
  } catch (e) {
    throw new ChartaError(`error loading ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Whether a version text is a range rather than one version (helm's `isVersionRange`). */
export function isVersionRange(version: string): boolean {
  if (/[\^~<>=!*]/.test(version) || version.includes("||") || version.includes(" - ")) return true;
  const idx = version.search(/[-+]/);
  const core = idx === -1 ? version : version.slice(0, idx);
  return /[xX]/.test(core);
}

/** Anything with a version, as {@link pickVersion} reads it. */
export interface Versioned {
  /** The version text. */
  version: string;
}

/**
 * The version of a chart that `version` selects (helm's `IndexFile.Get`):
 * an exact text match first, else the newest version meeting the
 * constraint (`*` when empty). `versions` must be sorted newest first.
 *
 * @throws {ChartaError} for an unparsable constraint
 */
export function pickVersion<T extends Versioned>(versions: readonly T[], version: string): T | undefined {
  const constraint = parseConstraint(version === "" ? "*" : version);
  if (version !== "") {
    const exact = versions.find((v) => v.version === version);
    if (exact) return exact;
  }
  for (const v of versions) {
    let parsed;
    try {
      parsed = parseVersion(v.version);
    } catch {
      continue;
    }
    if (constraint.check(parsed)) return v;
  }
  return undefined;
}

/**
 * The chart version `name`/`version` selects.
 *
 * @throws {ChartaError} helm's `no chart name found`, `no chart version found`,
 * `no chart version found for NAME-VERSION`
 */
export function getChartVersion(index: IndexFile, name: string, version: string): ChartVersion {
  const vs = index.entries[name];
  if (!vs) throw new ChartaError("no chart name found");
  if (vs.length === 0) throw new ChartaError("no chart version found");
  const found = pickVersion(vs, version);
  if (!found) throw new ChartaError(`no chart version found for ${name}-${version}`);
  return found;
}

/** Whether the index has that chart version (helm's `Has`). */
export function hasChartVersion(index: IndexFile, name: string, version: string): boolean {
  try {
    getChartVersion(index, name, version);
    return true;
  } catch {
    return false;
  }
}

/** Adds the entries of `other` this index lacks (helm's `Merge`). */
export function mergeIndex(index: IndexFile, other: IndexFile): void {
  for (const cvs of Object.values(other.entries)) {
    for (const cv of cvs) {
      if (!hasChartVersion(index, cv.name, cv.version)) {
        (index.entries[cv.name] ??= []).push(cv);
      }
    }
  }
}

/** A chart version as Go's JSON encoder writes `*repo.ChartVersion` (field order of the structs). */
export function chartVersionObject(cv: ChartVersion): Record<string, unknown> {
  const out = metadataObject(cv as Metadata);
  out.urls = cv.urls ?? [];
  out.created = cv.created || "0001-01-01T00:00:00Z";
  omitEmpty(out, "removed", cv.removed);
  omitEmpty(out, "digest", cv.digest);
  return out;
}

function indexObject(index: IndexFile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  omitEmpty(out, "serverInfo", index.serverInfo);
  out.apiVersion = index.apiVersion;
  out.generated = index.generated;
  const entries: Record<string, unknown> = {};
  for (const name of Object.keys(index.entries).sort()) {
    entries[name] = index.entries[name].map(chartVersionObject);
  }
  out.entries = entries;
  omitEmpty(out, "publicKeys", index.publicKeys);
  omitEmpty(out, "annotations", index.annotations);
  return out;
}

/** The index as helm's `WriteFile` writes it (`yaml.Marshal`). */
export function marshalIndexYaml(index: IndexFile): string {
  return yamlMarshal(indexObject(index));
}

/** The index as helm's `WriteJSONFile` writes it (`json.MarshalIndent(i, "", "  ")`, no final newline). */
export function marshalIndexJson(index: IndexFile): string {
  return structJson(indexObject(index), "");
}

/** `json.MarshalIndent(v, "", "  ")` of plain data whose objects are Go structs (keys in insertion order). */
function structJson(v: unknown, indent: string): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return quoteJsonString(v);
  if (typeof v === "number" || typeof v === "boolean") return JSON.stringify(v);
  const inner = indent + "  ";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => inner + structJson(x, inner)).join(",\n")}\n${indent}]`;
  }
  const keys = Object.keys(v as object);
  if (keys.length === 0) return "{}";
  const obj = v as Record<string, unknown>;
  return `{\n${
    keys.map((k) => `${inner}${quoteJsonString(k)}: ${structJson(obj[k], inner)}`).join(",\n")
  }\n${indent}}`;
}

/** Chart metadata ready for an index entry (helm's `MustAdd` checks). */
export function indexEntry(
  md: Metadata,
  filename: string,
  baseURL: string,
  digest: string,
  now = new Date(),
): ChartVersion {
  const meta = structuredClone(md);
  if (!meta.apiVersion) meta.apiVersion = API_VERSION_V1;
  try {
    validateMetadata(meta);
  } catch (e) {
    throw new ChartaError(`validate failed for ${filename}: ${(e as Error).message}`, { cause: e });
  }
  const u = baseURL === "" ? filename : urlJoin(baseURL, filename.split("/").pop()!);
  return { ...meta, urls: [u], digest, created: goTimeText(now) };
}

/** helm's `urlutil.URLJoin`: path segments joined onto a URL's path. */
export function urlJoin(baseURL: string, ...paths: string[]): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)(.*)$/.exec(baseURL)!;
  const prefix = m[1] ?? "";
  const joined = pathJoin([m[2], ...paths]);
  const path = prefix && joined && !joined.startsWith("/") ? `/${joined}` : joined;
  return `${prefix}${path}${m[3]}`;
}

/** Go's `path.Join`. */
function pathJoin(parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== "");
  if (nonEmpty.length === 0) return "";
  const abs = nonEmpty[0].startsWith("/");
  const out: string[] = [];
  for (const seg of nonEmpty.join("/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length && out[out.length - 1] !== "..") out.pop();
      else if (!abs) out.push("..");
      continue;
    }
    out.push(seg);
  }
  const s = (abs ? "/" : "") + out.join("/");
  return s === "" ? (abs ? "/" : ".") : s;
}

/**
 * A chart's download URL resolved against its repository URL (helm's
 * `ResolveReferenceURL`): absolute URLs stay, relative ones are taken
 * below the repository path, with the repository's query kept.
 */
export function resolveReferenceURL(baseURL: string, ref: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref)) return ref;
  const base = new URL(baseURL);
  const query = base.search;
  base.search = "";
  base.hash = "";
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  const resolved = new URL(ref, base);
  resolved.search = query;
  return resolved.toString();
}
