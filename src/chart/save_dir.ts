/**
 * helm's `SaveDir` (pkg/chart/v2/util/save.go): a loaded chart written back
 * as a directory, with Go's file-system errors. `helm create --starter`
 * writes its chart this way.
 *
 * @module
 */

import { base, clean, dir } from "../sprig/gopath.ts";
import { chartFullPath, chartName } from "./chart.ts";
import { ChartLoadError, pathError } from "./errors.ts";
import { marshalChartYaml, saveChart, type SaveOptions } from "./save.ts";
import type { Chart } from "./types.ts";

/** helm's name of the chart's metadata file. */
export const CHARTFILE_NAME = "Chart.yaml";
/** helm's name of the chart's default values file. */
export const VALUES_FILE_NAME = "values.yaml";
/** helm's name of the values' JSON schema file. */
export const SCHEMA_FILE_NAME = "values.schema.json";
/** The directory of a chart's subcharts. */
export const CHARTS_DIR = "charts";

const encoder = new TextEncoder();

/** Go's `filepath.Join`. */
export function joinPath(...parts: string[]): string {
  const kept = parts.filter((p) => p !== "");
  return kept.length ? clean(kept.join("/")) : "";
}

async function statOrUndefined(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.stat(path);
  } catch {
    return undefined;
  }
}

/**
 * Go's `os.MkdirAll(path, 0755)` with Go's errors: an existing ancestor
 * that is not a directory fails as `mkdir ANCESTOR: not a directory`.
 */
export async function mkdirAll(path: string): Promise<void> {
  const info = await statOrUndefined(path);
  if (info?.isDirectory) return;
  if (info) throw pathError("mkdir", path, { code: "ENOTDIR" });
  const parent = dir(path);
  if (parent !== path) await mkdirAll(parent);
  try {
    await Deno.mkdir(path, { mode: 0o755 });
  } catch (e) {
    if ((await statOrUndefined(path))?.isDirectory) return;
    throw pathError("mkdir", path, e);
  }
}

/** Go's `os.WriteFile(name, data, 0644)`, with Go's error text. */
export async function writeGoFile(name: string, data: Uint8Array | string): Promise<void> {
  try {
    await Deno.writeFile(name, typeof data === "string" ? encoder.encode(data) : data, { mode: 0o644 });
  } catch (e) {
    throw pathError("open", name, e);
  }
}

/** helm's `writeFile`: the parent directories (0755), then the file (0644). */
export async function writeChartFile(name: string, data: Uint8Array | string): Promise<void> {
  await mkdirAll(dir(name));
  await writeGoFile(name, data);
}

/**
 * helm's `SaveDir`: writes the chart into `dest/NAME/`: Chart.yaml
 * re-marshalled from the metadata, values.yaml as it was read (comments
 * kept), values.schema.json, the templates and other files, and each
 * subchart as `charts/NAME-VERSION.tgz`. Files already there are
 * overwritten, others left alone; Chart.lock is not written.
 *
 * @throws {ChartLoadError} `"a/b" is not a valid chart name`, `file DIR
 * already exists and is not a directory`, `saving PATH: …` and Go's
 * file-system errors (`open …: is a directory`)
 */
export async function saveDir(c: Chart, dest: string, opts: SaveOptions = {}): Promise<void> {
  const name = chartName(c);
  if (base(name) !== name) throw new ChartLoadError(`${JSON.stringify(name)} is not a valid chart name`);
  const outdir = joinPath(dest, name);
  const info = await statOrUndefined(outdir);
  if (info && !info.isDirectory) {
    throw new ChartLoadError(`file ${outdir} already exists and is not a directory`);
  }
  await mkdirAll(outdir);
  await writeGoFile(joinPath(outdir, CHARTFILE_NAME), marshalChartYaml(c.metadata));
  for (const f of c.raw ?? []) {
    if (f.name === VALUES_FILE_NAME) await writeChartFile(joinPath(outdir, VALUES_FILE_NAME), f.data);
  }
  if (c.schema !== undefined) await writeChartFile(joinPath(outdir, SCHEMA_FILE_NAME), c.schema);
  for (const f of [...c.templates, ...c.files]) await writeChartFile(joinPath(outdir, f.name), f.data);
  const charts = joinPath(outdir, CHARTS_DIR);
  for (const dep of c.dependencies) {
    try {
      await saveChart(dep, charts, opts);
    } catch (e) {
      throw new ChartLoadError(`saving ${chartFullPath(dep)}: ${(e as Error).message}`, { cause: e });
    }
  }
}
