/**
 * The live objects of a release for `status` (helm's `KubeClient.Get` with
 * related pods) and their `RESOURCES:` tables, printed as kubectl's
 * `TablePrinter` prints the API server's `Table` responses.
 *
 * helm groups objects by `VERSION/KIND` in a Go map and prints the groups
 * in map order, which Go randomizes; charta prints them in manifest order.
 *
 * @module
 */
import { parseAllYaml } from "../goyaml/mod.ts";
import type { KubeClient } from "../kube/client.ts";
import { KubeClient as KubeClientClass } from "../kube/client.ts";

/** The `Accept` header helm's `transformRequests` sends for tables. */
const TABLE_ACCEPT =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

type Obj = Record<string, unknown>;

function selectorOf(o: Obj): Record<string, string> | undefined {
  const spec = o.spec as Obj | undefined;
  switch (o.kind) {
    case "ReplicaSet":
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "Job": {
      const m = (spec?.selector as Obj | undefined)?.matchLabels;
      return m && typeof m === "object" ? m as Record<string, string> : undefined;
    }
    case "ReplicationController": {
      const m = spec?.selector;
      return m && typeof m === "object" ? m as Record<string, string> : undefined;
    }
  }
  return undefined;
}

/**
 * helm's `Status.Run` resource lookup: every object of the manifest that
 * exists (missing ones are skipped), grouped by `VERSION/KIND`, plus the
 * pods selected by workloads under `v1/Pod(related)`. With `table`, the
 * server's `Table` renderings are returned instead of the objects.
 */
export async function releaseResources(
  client: KubeClient,
  manifest: string,
  namespace: string,
  table: boolean,
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const docs = parseAllYaml(manifest).map((d) => d as unknown).filter((d): d is Obj =>
    d !== null && typeof d === "object" && !Array.isArray(d)
  );
  const selectors: string[] = [];
  const accept = table ? TABLE_ACCEPT : "application/json";
  const query = table ? { includeObject: "Object" } : undefined;
  for (const doc of docs) {
    const apiVersion = String(doc.apiVersion ?? "");
    const kind = String(doc.kind ?? "");
    const meta = (doc.metadata ?? {}) as Obj;
    const name = String(meta.name ?? "");
    const m = await client.mapping(apiVersion, kind);
    const ns = m.namespaced ? String(meta.namespace ?? "") || namespace : "";
    const res = await client.request("GET", `${KubeClientClass.collectionPath(m, ns)}/${name}`, {
      accept,
      query,
    });
    if (res.status < 200 || res.status > 299) continue;
    const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
    (out[`${version}/${kind}`] ??= []).push(JSON.parse(res.body));
    const sel = selectorOf(doc);
    if (!sel) continue;
    const labelSelector = Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join(",");
    const seen = JSON.stringify(Object.keys(sel).sort().map((k) => [k, sel[k]]));
    if (selectors.includes(seen)) continue;
    selectors.push(seen);
    const pods = await client.request("GET", `/api/v1/namespaces/${ns || namespace}/pods`, {
      accept,
      query: { ...query, labelSelector },
    });
    if (pods.status < 200 || pods.status > 299) continue;
    const body = JSON.parse(pods.body) as Obj;
    const key = "v1/Pod(related)";
    // One list object, as the resource builder returns it; decoded lists name their items' kind.
    if (!table && Array.isArray(body.items)) {
      body.items = (body.items as Obj[]).map((p) => ({ ...p, apiVersion: "v1", kind: "Pod" }));
    }
    (out[key] ??= []).push(body);
  }
  return out;
}

interface Column {
  name: string;
  priority?: number;
}

/** Go's tabwriter as kubectl sets it up (min width 6, padding 3), for one flush. */
function tabwrite(lines: string[][]): string {
  const widths: number[] = [];
  for (const cells of lines) {
    cells.slice(0, -1).forEach((c, i) =>
      widths[i] = Math.max(widths[i] ?? 0, Math.max([...c].length + 3, 6))
    );
  }
  return lines.map((cells) =>
    cells.map((c, i) => i < cells.length - 1 ? c + " ".repeat(widths[i] - [...c].length) : c).join("") + "\n"
  ).join("");
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? v : String(v);
  const br = s.search(/[\f\n\r]/);
  return br >= 0 ? s.slice(0, br) + "..." : s;
}

/** The `RESOURCES:` section of `helm status` (empty when nothing is live). */
export function formatResources(resources: Record<string, unknown[]>): string {
  const keys = Object.keys(resources);
  if (keys.length === 0) return "";
  let buf = "";
  let lastColumns = "";
  let printedHeaders = false;
  for (const key of keys) {
    buf += `==> ${key}\n`;
    for (const t of resources[key] as Obj[]) {
      const cols = (t.columnDefinitions as Column[] | undefined) ?? [];
      const rows = (t.rows as Array<{ cells: unknown[] }> | undefined) ?? [];
      const colsJson = JSON.stringify(cols);
      let noHeaders = false;
      if (printedHeaders && (cols.length === 0 || colsJson === lastColumns)) noHeaders = true;
      if (cols.length > 0 && colsJson !== lastColumns) {
        lastColumns = colsJson;
        printedHeaders = false;
      }
      if (rows.length > 0) printedHeaders = true;
      const shown = cols.map((c, i) => [c, i] as const).filter(([c]) => (c.priority ?? 0) === 0);
      const lines: string[][] = [];
      if (!noHeaders) {
        if (rows.length === 0) continue;
        lines.push(shown.map(([c]) => c.name.toUpperCase()));
      }
      for (const r of rows) {
        lines.push(shown.filter(([, i]) => i < r.cells.length).map(([, i]) => cellText(r.cells[i])));
      }
      buf += tabwrite(lines);
    }
    buf += "\n";
  }
  return `RESOURCES:\n${buf}\n`;
}
