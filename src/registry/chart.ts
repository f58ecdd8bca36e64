/**
 * Helm charts as OCI artifacts: the media types helm uses, the config blob
 * (the chart's metadata as Go's `json.Marshal` writes helm's `Metadata`
 * struct), the `org.opencontainers.image.*` annotations helm derives from
 * Chart.yaml, and the image manifest, byte for byte as helm pushes them so
 * that the same archive gets the same digests from both.
 *
 * @module
 */
import type { Dependency, Maintainer, Metadata } from "../chart/types.ts";
import { quoteJsonString } from "../gojson/encode.ts";
import { marshal } from "../gojson/mod.ts";
import type { Descriptor } from "./client.ts";

/** The config media type of a helm chart manifest. */
export const CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
/** The chart archive layer. */
export const CHART_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
/** The provenance layer. */
export const PROV_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.provenance.v1.prov";
/** The chart layer media type of charts pushed by helm 3.0–3.7. */
export const LEGACY_CHART_LAYER_MEDIA_TYPE = "application/tar+gzip";

const q = (s: string) => quoteJsonString(s);

/** Go's `json.Marshal` of a struct: fields in order, `omitempty` ones dropped when empty. */
function struct(fields: Array<[string, string | undefined, boolean]>): string {
  const parts: string[] = [];
  for (const [name, json, omitEmpty] of fields) {
    if (json === undefined) {
      if (omitEmpty) continue;
      parts.push(`${q(name)}:null`);
      continue;
    }
    parts.push(`${q(name)}:${json}`);
  }
  return `{${parts.join(",")}}`;
}

function str(s: string | undefined): string | undefined {
  return s ? q(s) : undefined;
}

function strList(l: string[] | undefined): string | undefined {
  return l && l.length > 0 ? `[${l.map(q).join(",")}]` : undefined;
}

function strMap(m: Record<string, string> | undefined): string | undefined {
  if (!m) return undefined;
  const keys = Object.keys(m).sort(byteOrder);
  if (keys.length === 0) return undefined;
  return `{${keys.map((k) => `${q(k)}:${q(m[k])}`).join(",")}}`;
}

/** Go sorts map keys by bytes (UTF-8), which differs from UTF-16 order outside the BMP. */
function byteOrder(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

function maintainerJson(m: Maintainer | null | undefined): string {
  if (!m) return "null";
  return struct([["name", str(m.name), true], ["email", str(m.email), true], ["url", str(m.url), true]]);
}

function dependencyJson(d: Dependency | null | undefined): string {
  if (!d) return "null";
  const iv = d["import-values"] as unknown[] | undefined;
  return struct([
    ["name", q(d.name ?? ""), false],
    ["version", str(d.version), true],
    ["repository", q(d.repository ?? ""), false],
    ["condition", str(d.condition), true],
    ["tags", strList(d.tags), true],
    ["enabled", d.enabled ? "true" : undefined, true],
    ["import-values", iv && iv.length > 0 ? marshal(iv) : undefined, true],
    ["alias", str(d.alias), true],
  ]);
}

/** The config blob: helm's `json.Marshal(chart.Metadata)`. */
export function chartConfigJson(md: Metadata): string {
  return struct([
    ["name", str(md.name), true],
    ["home", str(md.home), true],
    ["sources", strList(md.sources), true],
    ["version", str(md.version), true],
    ["description", str(md.description), true],
    ["keywords", strList(md.keywords), true],
    [
      "maintainers",
      md.maintainers && md.maintainers.length > 0
        ? `[${md.maintainers.map(maintainerJson).join(",")}]`
        : undefined,
      true,
    ],
    ["icon", str(md.icon), true],
    ["apiVersion", str(md.apiVersion), true],
    ["condition", str(md.condition), true],
    ["tags", str(md.tags), true],
    ["appVersion", str(md.appVersion), true],
    ["deprecated", md.deprecated ? "true" : undefined, true],
    ["annotations", strMap(md.annotations), true],
    ["kubeVersion", str(md.kubeVersion), true],
    [
      "dependencies",
      md.dependencies && md.dependencies.length > 0
        ? `[${md.dependencies.map(dependencyJson).join(",")}]`
        : undefined,
      true,
    ],
    ["type", str(md.type), true],
  ]);
}

/** OCI annotation keys helm sets and a chart's own annotations cannot override. */
const IMMUTABLE = [
  "org.opencontainers.image.version",
  "org.opencontainers.image.title",
];

/** Go's `time.Format(time.RFC3339)` of a local time. */
export function rfc3339(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const zone = off === 0
    ? "Z"
    : `${off > 0 ? "+" : "-"}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${
    pad(d.getMinutes())
  }:${pad(d.getSeconds())}${zone}`;
}

/** helm's `generateOCIAnnotations`: image annotations from Chart.yaml plus the chart's own annotations. */
export function chartAnnotations(md: Metadata, created: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (k: string, v: string | undefined) => {
    if (v && v.trim().length > 0) out[k] = v;
  };
  add("org.opencontainers.image.description", md.description);
  add("org.opencontainers.image.title", md.name);
  add("org.opencontainers.image.version", md.version);
  add("org.opencontainers.image.url", md.home);
  add("org.opencontainers.image.created", created);
  if (md.sources && md.sources.length > 0) add("org.opencontainers.image.source", md.sources[0]);
  if (md.maintainers && md.maintainers.length > 0) {
    add(
      "org.opencontainers.image.authors",
      md.maintainers.map((m) => `${m?.name ?? ""}${m?.email ? ` (${m.email})` : ""}`).join(", "),
    );
  }
  for (const [k, v] of Object.entries(md.annotations ?? {})) {
    if (!IMMUTABLE.includes(k)) out[k] = v;
  }
  return out;
}

function descriptorJson(d: Descriptor): string {
  return struct([
    ["mediaType", q(d.mediaType), false],
    ["digest", q(d.digest), false],
    ["size", String(d.size), false],
    ["annotations", strMap(d.annotations), true],
  ]);
}

/** The image manifest helm pushes (`ocispec.Manifest` through Go's encoder; layers sorted by digest). */
export function chartManifestJson(
  config: Descriptor,
  layers: Descriptor[],
  annotations: Record<string, string>,
): string {
  const sorted = [...layers].sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  return struct([
    ["schemaVersion", "2", false],
    ["config", descriptorJson(config), false],
    ["layers", `[${sorted.map(descriptorJson).join(",")}]`, false],
    ["annotations", strMap(annotations), true],
  ]);
}
