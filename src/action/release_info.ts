/**
 * The commands that read one release: `history`, `status` and `get
 * all|hooks|manifest|metadata|notes|values`, as helm 4's actions
 * (pkg/action/{history,status,get,get_values,get_metadata}.go) and their
 * printers (pkg/cmd/{history,status,get_*}.go).
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { quoteJsonString } from "../gojson/mod.ts";
import { marshal as jsonMarshal } from "../gojson/mod.ts";
import type { Chart } from "../chart/types.ts";
import type { Release } from "../release/types.ts";
import { releaseToJson } from "../storage/record.ts";
import { coalesceValues } from "../values/coalesce.ts";
import type { Configuration } from "./configuration.ts";
import { formatTable } from "./uitable.ts";
import {
  ANSIC,
  encodeStructured,
  formatAppVersion,
  formatChartName,
  jsonString,
  type OutputFormat,
  releaseTime,
  structJson,
} from "./release_output.ts";
import { validateReleaseName } from "./template.ts";
import { Template } from "../gotpl/mod.ts";
import { GoInt, GoStruct } from "../gotpl/value.ts";
import type { GoTime } from "../gotime/mod.ts";
import { metadataAsMap } from "../engine/render_values.ts";
import { formatResources, releaseResources } from "./status_resources.ts";

/**
 * helm's `releaseContent`: the newest revision (`version` ≤ 0) or the
 * given one.
 *
 * @throws {ChartaError} `releaseContent: Release name is invalid: NAME`,
 * `release: not found`
 */
export async function releaseContent(cfg: Configuration, name: string, version = 0): Promise<Release> {
  try {
    validateReleaseName(name);
  } catch {
    throw new ChartaError(`releaseContent: Release name is invalid: ${name}`);
  }
  return await (version <= 0 ? cfg.storage.last(name) : cfg.storage.get(name, version));
}

// ---------------------------------------------------------------- history

/** One row of `helm history` (helm's `releaseInfo`). */
export interface HistoryEntry {
  /** The revision. */
  revision: number;
  /** RFC 3339 as stored; undefined when unset. */
  updated?: string;
  /** Status. */
  status: string;
  /** `CHART-VERSION` (`MISSING` without a chart). */
  chart: string;
  /** The chart's appVersion. */
  app_version: string;
  /** The revision's description. */
  description: string;
}

/**
 * `helm history`: the newest `max` revisions, oldest first.
 *
 * @throws {ChartaError} `release name is invalid: NAME`, `release: not found`
 */
export async function releaseHistory(cfg: Configuration, name: string, max = 256): Promise<HistoryEntry[]> {
  try {
    validateReleaseName(name);
  } catch {
    throw new ChartaError(`release name is invalid: ${name}`);
  }
  const hist = [...await cfg.storage.history(name)].sort((a, b) => a.version - b.version).reverse();
  const rels = hist.slice(0, Math.max(0, Math.min(hist.length, max)));
  return rels.reverse().map((r) => ({
    revision: r.version,
    updated: releaseTime(r.info?.last_deployed).IsZero() ? undefined : r.info.last_deployed,
    status: r.info?.status ?? "",
    chart: formatChartName(r.chart),
    app_version: formatAppVersion(r.chart),
    description: r.info?.description ?? "",
  }));
}

/** `helm history`'s output. */
export function formatHistory(h: HistoryEntry[], format: OutputFormat): string {
  if (format === "table") {
    const rows = [["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"]];
    for (const e of h) {
      rows.push([
        String(e.revision),
        releaseTime(e.updated).format(ANSIC),
        e.status,
        e.chart,
        e.app_version,
        e.description,
      ]);
    }
    return formatTable(rows) + "\n";
  }
  const json = h.length === 0 && format === "json" ? "[]" : `[${
    h.map((e) =>
      structJson([
        ["revision", String(e.revision)],
        ["updated", e.updated === undefined ? undefined : releaseTime(e.updated).toJSONString()],
        ["status", jsonString(e.status)],
        ["chart", jsonString(e.chart)],
        ["app_version", jsonString(e.app_version)],
        ["description", jsonString(e.description)],
      ])
    ).join(",")
  }]`;
  return encodeStructured(json, format);
}

// ---------------------------------------------------------------- values

/** The chart of a release as charta's chart model (no subcharts: helm stores none). */
export function chartOf(r: Release): Chart | undefined {
  const c = r.chart;
  if (!c?.metadata) return undefined;
  return {
    metadata: c.metadata,
    templates: [],
    values: c.values ?? {},
    files: [],
    dependencies: [],
  };
}

/**
 * `helm get values`: the user-supplied values, or with `all` the chart's
 * values coalesced with them.
 */
export function releaseValues(r: Release, all = false): Record<string, unknown> | null {
  if (!all) return r.config;
  const c = chartOf(r);
  if (!c) return r.config ?? {};
  return coalesceValues(c, r.config ?? {}) as Record<string, unknown>;
}

/** `helm get values`'s output. */
export function formatValues(
  vals: Record<string, unknown> | null,
  all: boolean,
  format: OutputFormat,
): string {
  const json = jsonMarshal(vals);
  if (format === "json") return json + "\n";
  const yaml = encodeStructured(json, "yaml");
  if (format === "yaml") return yaml;
  return (all ? "COMPUTED VALUES:\n" : "USER-SUPPLIED VALUES:\n") + yaml;
}

// ---------------------------------------------------------------- hooks, manifest, notes

/** `helm get hooks`'s output. */
export function formatHooks(r: Release): string {
  return (r.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join("");
}

/** `helm get manifest`'s output. */
export function formatManifest(r: Release): string {
  return r.manifest + "\n";
}

/** `helm get notes`'s output (nothing without notes). */
export function formatNotes(r: Release): string {
  const n = r.info?.notes ?? "";
  return n.length > 0 ? `NOTES:\n${n}\n` : "";
}

// ---------------------------------------------------------------- metadata

/** Go's JSON of a value read from a record, keys in their stored order (structs). */
function orderedJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return quoteJsonString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(orderedJson).join(",")}]`;
  return `{${
    Object.entries(v as Record<string, unknown>).map(([k, x]) => `${quoteJsonString(k)}:${orderedJson(x)}`)
      .join(",")
  }}`;
}

/** `k8s.io/apimachinery/pkg/labels.Set.String()`: `k=v` sorted by key, comma-separated. */
function labelSetString(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${m![k]}`).join(",");
}

/** helm's `get metadata` printer for one release. */
export function formatMetadata(r: Release, format: OutputFormat): string {
  const md = r.chart?.metadata;
  if (!md) throw new ChartaError("invalid chart apiVersion");
  const deployedAt = releaseTime(r.info?.last_deployed).format("2006-01-02T15:04:05Z07:00");
  const deps = md.dependencies ?? [];
  const labels = r.labels ?? {};
  const annotations = md.annotations ?? {};
  if (format === "table") {
    const applyMethod = r.apply_method ?? "";
    const am = applyMethod === ""
      ? "client-side apply (defaulted)"
      : applyMethod === "csa"
      ? "client-side apply"
      : applyMethod === "ssa"
      ? "server-side apply"
      : `unknown (${JSON.stringify(applyMethod)})`;
    const depNames = deps.map((d) => d.name).sort();
    return [
      `NAME: ${r.name}`,
      `CHART: ${md.name ?? ""}`,
      `VERSION: ${md.version ?? ""}`,
      `APP_VERSION: ${md.appVersion ?? ""}`,
      `ANNOTATIONS: ${labelSetString(annotations)}`,
      `LABELS: ${labelSetString(labels)}`,
      `DEPENDENCIES: ${depNames.join(",")}`,
      `NAMESPACE: ${r.namespace}`,
      `REVISION: ${r.version}`,
      `STATUS: ${r.info?.status ?? ""}`,
      `DEPLOYED_AT: ${deployedAt}`,
      `APPLY_METHOD: ${am}`,
    ].join("\n") + "\n";
  }
  let depsJson: string | undefined;
  if (deps.length > 0) {
    // The dependencies as the record stores them (Go's struct order).
    const stored = JSON.parse(releaseToJson({ ...r, info: r.info, hooks: undefined }));
    depsJson = orderedJson(stored.chart?.metadata?.dependencies ?? []);
  }
  const json = structJson([
    ["name", jsonString(r.name)],
    ["chart", jsonString(md.name ?? "")],
    ["version", jsonString(md.version ?? "")],
    ["appVersion", jsonString(md.appVersion ?? "")],
    ["annotations", Object.keys(annotations).length > 0 ? jsonMarshal(annotations) : undefined],
    ["labels", Object.keys(labels).length > 0 ? jsonMarshal(labels) : undefined],
    ["dependencies", depsJson],
    ["namespace", jsonString(r.namespace)],
    ["revision", String(r.version)],
    ["status", jsonString(r.info?.status ?? "")],
    ["deployedAt", jsonString(deployedAt)],
    ["applyMethod", r.apply_method ? jsonString(r.apply_method) : undefined],
  ]);
  return encodeStructured(json, format);
}

// ---------------------------------------------------------------- status, get all

/** What helm's `statusPrinter` shows besides the basics. */
export interface StatusPrintOptions {
  /** `get all`: values, hooks and manifest. */
  debug?: boolean;
  /** `get all`: chart name and versions. */
  showMetadata?: boolean;
  /** No NOTES section (`test` always hides them). */
  hideNotes?: boolean;
}

/** helm's `statusPrinter.WriteTable` (without live resources). */
export function formatStatusTable(r: Release, o: StatusPrintOptions = {}): string {
  let out = `NAME: ${r.name}\n`;
  const last = releaseTime(r.info?.last_deployed);
  if (!last.IsZero()) out += `LAST DEPLOYED: ${last.format(ANSIC)}\n`;
  out += `NAMESPACE: ${r.namespace}\n`;
  out += `STATUS: ${r.info?.status ?? ""}\n`;
  out += `REVISION: ${r.version}\n`;
  if (o.showMetadata) {
    const md = r.chart?.metadata;
    if (!md) throw new ChartaError("runtime error: invalid memory address or nil pointer dereference");
    out += `CHART: ${md.name ?? ""}\nVERSION: ${md.version ?? ""}\nAPP_VERSION: ${md.appVersion ?? ""}\n`;
  }
  out += `DESCRIPTION: ${r.info?.description ?? ""}\n`;
  if (r.info?.resources) out += formatResources(r.info.resources);
  const tests = (r.hooks ?? []).filter((h) => h.events.includes("test"));
  if (tests.length === 0) out += "TEST SUITE: None\n";
  else {
    for (const h of tests) {
      const started = releaseTime(h.last_run?.started_at);
      if (started.IsZero()) continue;
      out += `TEST SUITE:     ${h.name}\nLast Started:   ${started.format(ANSIC)}\nLast Completed: ${
        releaseTime(h.last_run?.completed_at).format(ANSIC)
      }\nPhase:          ${h.last_run?.phase ?? ""}\n`;
    }
  }
  if (o.debug) {
    out += "USER-SUPPLIED VALUES:\n" + encodeStructured(jsonMarshal(r.config), "yaml") + "\n";
    out += "COMPUTED VALUES:\n" + encodeStructured(jsonMarshal(releaseValues(r, true)), "yaml") + "\n";
  }
  if ((r.info?.description ?? "").toLowerCase() === "dry run complete" || o.debug) {
    out += "HOOKS:\n" + formatHooks(r);
    out += `MANIFEST:\n${r.manifest}\n`;
  }
  const notes = r.info?.notes ?? "";
  if (!o.hideNotes && notes.length > 0) out += `NOTES:\n${notes.trim()}\n`;
  return out;
}

/** `helm status`'s output (`-o json|yaml`: the release without its chart). */
export function formatStatus(r: Release, format: OutputFormat): string {
  if (format === "table") return formatStatusTable(r);
  return encodeStructured(releaseToJson({ ...r, chart: undefined }), format);
}

/**
 * helm's `Status.Run`: the release (newest or `version`) with its live
 * objects in `info.resources` — server-rendered tables for the table
 * output, the objects themselves for JSON and YAML.
 */
export async function releaseStatus(
  cfg: Configuration,
  name: string,
  version: number,
  format: OutputFormat,
): Promise<Release> {
  const rel = await releaseContent(cfg, name, version);
  // With the memory driver helm's client is a fake that finds no objects.
  if (cfg.storage.driver.name() === "Memory") return rel;
  const resources = await releaseResources(await cfg.kube(), rel.manifest, cfg.namespace, format === "table");
  rel.info = { ...rel.info, resources: Object.keys(resources).length > 0 ? resources : undefined };
  return rel;
}

// ---------------------------------------------------------------- get all --template

/** helm's `*v1.Info` for templates: Go field names, times as `time.Time`. */
class TemplateInfo extends GoStruct {
  readonly goType = "*v1.Info";
  FirstDeployed: GoTime;
  LastDeployed: GoTime;
  Deleted: GoTime;
  Description: string;
  Status: string;
  Notes: string;
  Resources: Record<string, unknown[]> | null;
  constructor(i: Release["info"]) {
    super();
    this.FirstDeployed = releaseTime(i?.first_deployed);
    this.LastDeployed = releaseTime(i?.last_deployed);
    this.Deleted = releaseTime(i?.deleted);
    this.Description = i?.description ?? "";
    this.Status = i?.status ?? "";
    this.Notes = i?.notes ?? "";
    this.Resources = null;
  }
}

/** helm's `*v2.Chart` for templates (metadata and values; helm stores no subcharts). */
class TemplateChart extends GoStruct {
  readonly goType = "*v2.Chart";
  Metadata: Record<string, unknown> | null;
  Values: Record<string, unknown> | null;
  constructor(c: NonNullable<Release["chart"]>) {
    super();
    this.Metadata = c.metadata ? metadataAsMap(c.metadata) as Record<string, unknown> : null;
    this.Values = c.values;
  }
}

/** helm's `*v1.Release` for templates. */
class TemplateRelease extends GoStruct {
  readonly goType = "*v1.Release";
  Name: string;
  Info: TemplateInfo;
  Chart: TemplateChart | null;
  Config: Record<string, unknown> | null;
  Manifest: string;
  Version: GoInt;
  Namespace: string;
  Labels: Record<string, string> | null;
  ApplyMethod: string;
  constructor(r: Release) {
    super();
    this.Name = r.name;
    this.Info = new TemplateInfo(r.info);
    this.Chart = r.chart ? new TemplateChart(r.chart) : null;
    this.Config = r.config;
    this.Manifest = r.manifest;
    this.Version = GoInt.of(r.version, "int");
    this.Namespace = r.namespace;
    this.Labels = r.labels ?? null;
    this.ApplyMethod = r.apply_method ?? "";
  }
}

/**
 * `helm get all --template`: Go's text/template (no extra functions) over
 * `{Release: *v1.Release}`.
 *
 * @throws {ChartaError} Go's parse and execution errors
 */
export function renderReleaseTemplate(template: string, r: Release): string {
  try {
    return new Template("_").parse(template).execute({ Release: new TemplateRelease(r) });
  } catch (e) {
    throw new ChartaError(e instanceof Error ? e.message : String(e), { cause: e });
  }
}
