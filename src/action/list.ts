/**
 * `charta list`: helm 4's `action.List` and its writer (pkg/action/list.go,
 * pkg/cmd/list.go) — the newest revision of each release, filtered by
 * status, name (Go regexp) and label selector, sorted, paged, printed as a
 * table, JSON or YAML.
 *
 * Speed: with the secret and configmap drivers the records are chosen by
 * their labels (`name`, `version`, `status`, user labels) and only the
 * ones shown are decoded (helm decodes every record). A record whose
 * contents disagree with its labels, or which cannot be decoded, makes
 * the listing fall back to helm's way, so that results are always helm's.
 *
 * @module
 */
import {
  decodeObjectList,
  type ListedObject,
  PROTOBUF,
  PROTOBUF_METADATA_LIST,
} from "../kube/metadata_proto.ts";
import { parseLabelSelector } from "./label_selector.ts";
import type { Release } from "../release/types.ts";
import type { Configuration } from "./configuration.ts";
import { formatTable } from "./uitable.ts";
import {
  encodeStructured,
  formatAppVersion,
  formatChartName,
  jsonString,
  type OutputFormat,
  releaseTime,
  structJson,
} from "./release_output.ts";
import type { RecordKind } from "../storage/kube_objects.ts";
import { decodeRelease } from "../storage/record.ts";
import type { KubeClient } from "../kube/client.ts";

/** Status filters (helm's `ListStates` bits). */
export const LIST_STATES = {
  deployed: 1,
  uninstalled: 2,
  uninstalling: 4,
  "pending-install": 8,
  "pending-upgrade": 16,
  "pending-rollback": 32,
  superseded: 64,
  failed: 128,
  unknown: 256,
} as const;

/** Every state but `unknown` (helm's `ListAll`). */
export const LIST_ALL = 255;

/** What `list` selects and how it sorts. */
export interface ListOptions {
  /** `--deployed` (no status flag at all: every state but unknown). */
  deployed?: boolean;
  /** `--uninstalled`. */
  uninstalled?: boolean;
  /** `--uninstalling`. */
  uninstalling?: boolean;
  /** `--pending`: pending-install, pending-upgrade, pending-rollback. */
  pending?: boolean;
  /** `--failed`. */
  failed?: boolean;
  /** `--superseded` (alone: every superseded revision, not only the newest). */
  superseded?: boolean;
  /** `-d`: by date (oldest first, as helm). */
  byDate?: boolean;
  /** `-r`. */
  reverse?: boolean;
  /** `-m` (default 256; 0 or less: no limit). */
  limit?: number;
  /** `--offset`. */
  offset?: number;
  /** `-f`: a Go regexp on the name. */
  filter?: string;
  /** `-l`: a label selector over the records' labels. */
  selector?: string;
}

/** helm's `SetStateMask`. */
export function stateMask(o: ListOptions): number {
  let s = 0;
  if (o.deployed) s |= LIST_STATES.deployed;
  if (o.uninstalled) s |= LIST_STATES.uninstalled;
  if (o.uninstalling) s |= LIST_STATES.uninstalling;
  if (o.pending) {
    s |= LIST_STATES["pending-install"] | LIST_STATES["pending-rollback"] | LIST_STATES["pending-upgrade"];
  }
  if (o.failed) s |= LIST_STATES.failed;
  if (o.superseded) s |= LIST_STATES.superseded;
  return s === 0 ? LIST_ALL : s;
}

function stateBit(status: string): number {
  return (LIST_STATES as Record<string, number>)[status] ?? LIST_STATES.unknown;
}

// ---------------------------------------------------------------- selector

/**
 * apimachinery's `labels.Parse` (see {@link parseLabelSelector}).
 *
 * @throws {ChartaError} for a selector apimachinery refuses
 */
export function parseSelector(selector: string): (labels: Record<string, string>) => boolean {
  return parseLabelSelector(selector);
}

// ---------------------------------------------------------------- list

/** One record as listing sees it before decoding. */
interface Entry {
  key: string;
  name: string;
  namespace: string;
  version: number;
  status: string;
  labels: Record<string, string>;
}

/** helm's newest-revision-per-release (`filterLatestReleases`), by namespace and name. */
function latest<T extends { name: string; namespace: string; version: number }>(items: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const r of items) {
    const key = `${r.namespace}/${r.name}`;
    const seen = byKey.get(key);
    if (seen && seen.version > r.version) continue;
    byKey.set(key, r);
  }
  return [...byKey.values()];
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** helm's `sort`: name (default), name reversed (`-r`), date (`-d`, oldest first), date reversed. */
function sortReleases(rels: Release[], o: ListOptions): void {
  if (o.byDate) {
    const unix = (r: Release) => releaseTime(r.info?.last_deployed).Unix().valueOf();
    rels.sort((a, b) => Number(unix(a)) - Number(unix(b)) || byName(a, b));
    if (o.reverse) rels.reverse();
  } else {
    rels.sort(byName);
    if (o.reverse) rels.reverse();
  }
}

/** helm's paging: `--offset` then `--max` (0 or less: all). */
function page<T>(items: T[], o: ListOptions): T[] {
  const offset = o.offset ?? 0;
  if (offset >= items.length) return [];
  const limit = o.limit ?? 256;
  const end = limit > 0 ? Math.min(items.length, Math.max(0, offset) + limit) : items.length;
  return items.slice(Math.max(0, offset), end);
}

/** Helm's full listing: every record decoded. */
async function listSlow(
  cfg: Configuration,
  o: ListOptions,
  match: (name: string) => boolean,
): Promise<Release[]> {
  const all = await cfg.storage.list((r) => match(r.name));
  return finish(all, o);
}

function finish(all: Release[], o: ListOptions): Release[] {
  const mask = stateMask(o);
  let rels = mask !== LIST_STATES.superseded ? latest(all) : all;
  rels = rels.filter((r) => (mask & stateBit(r.info?.status ?? "")) !== 0);
  const sel = parseSelector(o.selector ?? "");
  rels = rels.filter((r) => sel(r.labels ?? {}));
  sortReleases(rels, o);
  return page(rels, o);
}

/**
 * Lists releases as `helm list` does.
 *
 * @throws {ChartaError} a bad `--filter` (Go's regexp error), a bad
 * selector, storage errors
 */
export async function listReleases(cfg: Configuration, o: ListOptions = {}): Promise<Release[]> {
  let match: (name: string) => boolean = () => true;
  if (o.filter) {
    // Loaded only for --filter: Go's regexp engine is a fifth of what list would load otherwise.
    const { compileGoRegexp } = await import("../goregexp/mod.ts");
    const re = compileGoRegexp(o.filter);
    match = (n) => re.match(n);
  }
  parseSelector(o.selector ?? "");
  const driverName = cfg.storage.driver.name();
  if (driverName !== "Secret" && driverName !== "ConfigMap") return listSlow(cfg, o, match);

  const kind: RecordKind = driverName === "Secret" ? "Secret" : "ConfigMap";
  const client = await cfg.kube();
  const plural = kind === "Secret" ? "secrets" : "configmaps";
  const path = cfg.namespace === "" ? `/api/v1/${plural}` : `/api/v1/namespaces/${cfg.namespace}/${plural}`;
  // Labels only (no record data): the server sends object metadata.
  const metas = await recordLabels(client, path);
  // Let the driver report a failure in helm's words.
  if (!metas) return listSlow(cfg, o, match);
  const entries: Entry[] = [];
  for (const item of metas) {
    const l = item.labels ?? {};
    const version = Number(l.version);
    if (!l.name || !Number.isSafeInteger(version) || String(version) !== l.version) {
      return listSlow(cfg, o, match);
    }
    if (!match(l.name)) continue;
    entries.push({
      key: item.name,
      name: l.name,
      namespace: item.namespace ?? cfg.namespace,
      version,
      status: l.status ?? "",
      labels: l,
    });
  }
  const mask = stateMask(o);
  let chosen = mask !== LIST_STATES.superseded ? latest(entries) : entries;
  chosen = chosen.filter((e) => (mask & stateBit(e.status)) !== 0);
  const sel = parseSelector(o.selector ?? "");
  chosen = chosen.filter((e) => sel(e.labels));
  let shown: Entry[];
  if (o.byDate) {
    // Dates live in the records: decode the candidates, then sort.
    shown = chosen;
  } else {
    chosen.sort(byName);
    if (o.reverse) chosen.reverse();
    shown = page(chosen, o);
  }
  const records = await fetchRecords(client, path, kind, shown);
  if (!records) return listSlow(cfg, o, match);
  let rels: Release[] = [];
  for (const e of shown) {
    const rec = records.get(`${e.namespace}/${e.key}`);
    // One at a time: the gunzips run faster in a row than all started at once.
    const r = rec ? await decodeRelease(rec.text).catch(() => undefined) : undefined;
    if (!rec || !r || r.name !== e.name || r.version !== e.version || (r.info?.status ?? "") !== e.status) {
      return listSlow(cfg, o, match);
    }
    r.labels = { ...rec.labels };
    if (!r.namespace) r.namespace = e.namespace;
    rels.push(r);
  }
  if (o.byDate) {
    sortReleases(rels, o);
    rels = page(rels, o);
  }
  return rels;
}

/** Asks the API server for object metadata only. */
const METADATA_ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

/**
 * A LIST at `path` asked in protobuf (the server encodes it about twice as
 * fast as JSON, and Secret values come as bytes rather than base64) or in
 * JSON when the server answers that; undefined when the request fails.
 * `secrets`: the data values are Secret bytes, base64 in JSON (decoded here,
 * so that both encodings give the bytes as Latin-1 text).
 */
async function listObjects(
  client: KubeClient,
  path: string,
  accept: string,
  labelSelector: string,
  secrets = false,
): Promise<ListedObject[] | undefined> {
  try {
    const res = await client.stream("GET", path, { accept, query: { labelSelector } });
    const body = await new Response(res.body).bytes();
    if (res.status < 200 || res.status > 299) return undefined;
    if ((res.headers.get("content-type") ?? "").startsWith(PROTOBUF)) return decodeObjectList(body);
    const items = (JSON.parse(new TextDecoder().decode(body)) as {
      items?: Array<
        { metadata: ListedObject & { labels?: Record<string, string> }; data?: Record<string, string> }
      >;
    }).items ?? [];
    return items.map((i) => ({
      name: i.metadata.name,
      namespace: i.metadata.namespace,
      labels: i.metadata.labels ?? {},
      data: i.data && secrets
        ? Object.fromEntries(Object.entries(i.data).map(([k, v]) => [k, atob(v)]))
        : i.data,
    }));
  } catch {
    return undefined;
  }
}

/** Name, namespace and labels of every release record at `path` (object metadata only). */
function recordLabels(client: KubeClient, path: string): Promise<ListedObject[] | undefined> {
  return listObjects(
    client,
    path,
    `${PROTOBUF_METADATA_LIST},${METADATA_ACCEPT},application/json`,
    "owner=helm",
  );
}

/** A record's labels and its text (helm's base64 of the gzipped JSON). */
interface FetchedRecord {
  labels: Record<string, string>;
  text: string;
}

/**
 * The records of the entries, in one LIST narrowed by the `name` and
 * `version` labels (a superset: other revisions with those numbers come
 * too), keyed `NAMESPACE/OBJECT`; undefined when the request fails.
 */
async function fetchRecords(
  client: KubeClient,
  path: string,
  kind: RecordKind,
  entries: Entry[],
): Promise<Map<string, FetchedRecord> | undefined> {
  const out = new Map<string, FetchedRecord>();
  if (entries.length === 0) return out;
  const names = [...new Set(entries.map((e) => e.name))].sort();
  const versions = [...new Set(entries.map((e) => String(e.version)))].sort();
  // Long selectors are split so that URLs stay short.
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += 200) chunks.push(names.slice(i, i + 200));
  // The chunks are asked for at once: the server answers them in parallel.
  const lists = await Promise.all(chunks.map((chunk) =>
    listObjects(
      client,
      path,
      `${PROTOBUF},application/json`,
      `owner=helm,name in (${chunk.join(",")}),version in (${versions.join(",")})`,
      kind === "Secret",
    )
  ));
  for (const items of lists) {
    if (!items) return undefined;
    for (const item of items) {
      out.set(`${item.namespace ?? ""}/${item.name}`, {
        labels: item.labels,
        text: item.data?.release ?? "",
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- output

/** One row of `helm list` (helm's `releaseElement`). */
export interface ListElement {
  /** Release name. */
  name: string;
  /** Release namespace. */
  namespace: string;
  /** Revision, as text. */
  revision: string;
  /** Last deployed, formatted (`-` when unset). */
  updated: string;
  /** Status. */
  status: string;
  /** `CHART-VERSION` (`MISSING` without a chart). */
  chart: string;
  /** The chart's appVersion. */
  app_version: string;
}

/** helm's `newReleaseListWriter` rows: `UPDATED` as Go's `Time.String()` or `--time-format`, `-` when unset. */
export function listElements(rels: Release[], timeFormat = ""): ListElement[] {
  return rels.map((r) => {
    const t = releaseTime(r.info?.last_deployed);
    return {
      name: r.name,
      namespace: r.namespace,
      revision: String(r.version),
      updated: t.IsZero() ? "-" : timeFormat !== "" ? t.format(timeFormat) : t.String(),
      status: r.info?.status ?? "",
      chart: formatChartName(r.chart),
      app_version: formatAppVersion(r.chart),
    };
  });
}

/** How `list` prints. */
export interface ListPrintOptions {
  /** `-o`. */
  format: OutputFormat;
  /** `-q`: names only. */
  short?: boolean;
  /** `--no-headers` (table only). */
  noHeaders?: boolean;
  /** `--time-format`: a Go layout for `UPDATED`. */
  timeFormat?: string;
}

/** `helm list`'s output for the releases. */
export function formatList(rels: Release[], p: ListPrintOptions): string {
  if (p.short) {
    const names = rels.map((r) => r.name);
    if (p.format === "table") return names.map((n) => n + "\n").join("");
    const json = names.length === 0 ? "[]" : `[${names.map(jsonString).join(",")}]`;
    return encodeStructured(json, p.format);
  }
  const els = listElements(rels, p.timeFormat);
  if (p.format === "table") {
    const rows: string[][] = [];
    if (!p.noHeaders) {
      rows.push(["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"]);
    }
    for (const e of els) {
      rows.push([e.name, e.namespace, e.revision, e.updated, e.status, e.chart, e.app_version]);
    }
    return formatTable(rows) + "\n";
  }
  const json = `[${
    els.map((e) =>
      structJson([
        ["name", jsonString(e.name)],
        ["namespace", jsonString(e.namespace)],
        ["revision", jsonString(e.revision)],
        ["updated", jsonString(e.updated)],
        ["status", jsonString(e.status)],
        ["chart", jsonString(e.chart)],
        ["app_version", jsonString(e.app_version)],
      ])
    ).join(",")
  }]`;
  return encodeStructured(json, p.format);
}
