/**
 * helm's methods on a loaded chart (pkg/chart/v2/chart.go): the parent
 * link of subcharts, dotted and slashed paths, CRD files.
 *
 * @module
 */

import { clean } from "../sprig/gopath.ts";
import type { Chart, ChartFile } from "./types.ts";

/** The chart's name (`Chart.Name()`), "" without metadata. */
export function chartName(c: Chart): string {
  return c.metadata?.name ?? "";
}

/**
 * Sets the parent link of a subchart. The link is non-enumerable so that
 * charts remain trees for `structuredClone`-free copies, deep comparison
 * and JSON.
 */
export function setParent(child: Chart, parent: Chart | undefined): void {
  Object.defineProperty(child, "parent", {
    value: parent,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/** Appends subcharts and links them to `c` (`Chart.AddDependency`). */
export function addDependency(c: Chart, ...charts: Chart[]): void {
  for (const sub of charts) {
    setParent(sub, c);
    c.dependencies.push(sub);
  }
}

/** Replaces the subcharts (`Chart.SetDependencies`). */
export function setDependencies(c: Chart, ...charts: Chart[]): void {
  c.dependencies = [];
  addDependency(c, ...charts);
}

/** Whether the chart has no parent (`Chart.IsRoot`). */
export function isRoot(c: Chart): boolean {
  return c.parent === undefined;
}

/** The top chart of the tree (`Chart.Root`). */
export function rootChart(c: Chart): Chart {
  let cur = c;
  while (cur.parent !== undefined) cur = cur.parent;
  return cur;
}

/** The chart's path in dot notation: `parent.sub` (`Chart.ChartPath`). */
export function chartPath(c: Chart): string {
  return c.parent === undefined ? chartName(c) : `${chartPath(c.parent)}.${chartName(c)}`;
}

/** The chart's path: `parent/charts/sub` (`Chart.ChartFullPath`). */
export function chartFullPath(c: Chart): string {
  return c.parent === undefined ? chartName(c) : `${chartFullPath(c.parent)}/charts/${chartName(c)}`;
}

/** A CRD file of a chart or subchart (`chart.CRD`). */
export interface CRD {
  /** The file's name in its chart (`crds/x.yaml`). */
  name: string;
  /** The name with the chart's full path: `parent/charts/sub/crds/x.yaml`. */
  filename: string;
  /** The file itself. */
  file: ChartFile;
}

function hasManifestExtension(name: string): boolean {
  const slash = name.lastIndexOf("/");
  const dot = name.lastIndexOf(".");
  if (dot <= slash) return false;
  const ext = name.slice(dot).toLowerCase();
  return ext === ".yaml" || ext === ".yml" || ext === ".json";
}

/** Go's `filepath.Join` of two elements. */
function joinPath(a: string, b: string): string {
  if (a === "") return b === "" ? "" : clean(b);
  return clean(b === "" ? a : `${a}/${b}`);
}

/** `.yaml`, `.yml` and `.json` files under `crds/` of the chart and its subcharts (`Chart.CRDObjects`). */
export function crdObjects(c: Chart): CRD[] {
  const out: CRD[] = [];
  for (const f of c.files) {
    if (f.name.startsWith("crds/") && hasManifestExtension(f.name)) {
      out.push({ name: f.name, filename: joinPath(chartFullPath(c), f.name), file: f });
    }
  }
  for (const dep of c.dependencies) out.push(...crdObjects(dep));
  return out;
}
