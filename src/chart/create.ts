/**
 * Making a new chart as `helm create` does (pkg/chart/v2/util/create.go):
 * {@link createChart} writes helm's default chart under a name, and
 * {@link createFromStarter} copies a starter chart with the name put in
 * place of `<CHARTNAME>`.
 *
 * @module
 */

import { GoYamlError, marshal as yamlMarshal, parseYaml } from "../goyaml/mod.ts";
import { absPath } from "./directory.ts";
import { ChartLoadError, pathError } from "./errors.ts";
import { loadChartV2, type LoadOptions } from "./loader.ts";
import { joinPath, mkdirAll, saveDir, writeChartFile } from "./save_dir.ts";
import { DEFAULT_CHART_FILES } from "./starter/default_chart.ts";
import type { Metadata } from "./types.ts";
import { concatBytes } from "../bytes/mod.ts";

const encoder = new TextEncoder();

/** The placeholder helm replaces with the chart's name in starter templates and values. */
export const CHART_NAME_PLACEHOLDER = "<CHARTNAME>";

/** helm's (deliberately strict) rule for new chart names. */
export const CHART_NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;

/** helm's limit on new chart names. */
export const MAX_CHART_NAME_LENGTH = 250;

/** Puts the chart's name in place of `<CHARTNAME>` (helm's `transform`). */
export function fillChartName(text: string, name: string): string {
  return text.replaceAll(CHART_NAME_PLACEHOLDER, name);
}

/**
 * helm's check of a new chart's name (bytes counted as Go does).
 *
 * @throws {ChartLoadError} `chart name must be between 1 and 250 characters`,
 * `chart name must match the regular expression "^[a-zA-Z0-9._-]+$"`
 */
export function validateNewChartName(name: string): void {
  const length = new TextEncoder().encode(name).length;
  if (length === 0 || length > MAX_CHART_NAME_LENGTH) {
    throw new ChartLoadError(`chart name must be between 1 and ${MAX_CHART_NAME_LENGTH} characters`);
  }
  if (!CHART_NAME_PATTERN.test(name)) {
    throw new ChartLoadError(`chart name must match the regular expression "${CHART_NAME_PATTERN.source}"`);
  }
}

/** {@link fillChartName} on bytes, so that files that are not UTF-8 keep their bytes as in Go. */
export function fillChartNameBytes(data: Uint8Array, name: string): Uint8Array {
  const needle = encoder.encode(CHART_NAME_PLACEHOLDER);
  const replacement = encoder.encode(name);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (
    let i = data.indexOf(needle[0]);
    i >= 0 && i <= data.length - needle.length;
    i = data.indexOf(needle[0], i)
  ) {
    if (needle.every((b, k) => data[i + k] === b)) {
      parts.push(data.subarray(start, i), replacement);
      i += needle.length;
      start = i;
    } else {
      i++;
    }
  }
  if (start === 0) return data;
  parts.push(data.subarray(start));
  return concatBytes(parts);
}

/** The default chart's files for a name: paths relative to the chart directory and their texts. */
export function defaultChartFiles(name: string): { path: string; content: string }[] {
  return DEFAULT_CHART_FILES.map((f) => ({ path: f.path, content: fillChartName(f.content, name) }));
}

async function statOrError(path: string): Promise<Deno.FileInfo | Error> {
  try {
    return await Deno.stat(path);
  } catch (e) {
    return e as Error;
  }
}

/**
 * helm's `chartutil.Create`: writes the default chart as `dir/name/` and
 * returns that directory's absolute path. `dir` must exist; files already in
 * the chart directory are overwritten, each announced through `warn` as
 * helm does (`WARNING: File "…" already exists. Overwriting.`), and other
 * files are left alone.
 *
 * @throws {ChartLoadError} the name errors of {@link validateNewChartName},
 * `stat DIR: no such file or directory`, `no such directory DIR`, `file
 * DIR/NAME already exists and is not a directory`, and Go's write errors
 */
export async function createChart(
  name: string,
  dir: string,
  warn: (line: string) => void = () => {},
): Promise<string> {
  validateNewChartName(name);
  const path = absPath(dir);
  const info = await statOrError(path);
  if (info instanceof Error) throw pathError("stat", path, info);
  if (!info.isDirectory) throw new ChartLoadError(`no such directory ${path}`);
  const cdir = joinPath(path, name);
  const existing = await statOrError(cdir);
  if (!(existing instanceof Error) && !existing.isDirectory) {
    throw new ChartLoadError(`file ${cdir} already exists and is not a directory`);
  }
  for (const file of defaultChartFiles(name)) {
    const target = joinPath(cdir, file.path);
    if (!((await statOrError(target)) instanceof Error)) {
      warn(`WARNING: File ${JSON.stringify(target)} already exists. Overwriting.\n`);
    }
    await writeChartFile(target, file.content);
  }
  // charts/ holds no file of the default chart, so it is made explicitly.
  await mkdirAll(joinPath(cdir, "charts"));
  return cdir;
}

/**
 * helm's `chartutil.CreateFrom`: loads the starter chart at `src` (a
 * directory or archive), gives it `metadata` (its own Chart.yaml is
 * replaced), puts the new name in place of `<CHARTNAME>` in its templates
 * and values.yaml (other files are copied as they are), and saves it as
 * `dest/NAME/`.
 *
 * @throws {ChartLoadError} `could not load SRC: …`, `transforming values
 * file: …` (when the name makes values.yaml invalid YAML), and the errors
 * of {@link saveDir}
 */
export async function createFromStarter(
  metadata: Metadata,
  dest: string,
  src: string,
  opts: LoadOptions = {},
): Promise<void> {
  let starter;
  try {
    starter = await loadChartV2(src, opts);
  } catch (e) {
    throw new ChartLoadError(`could not load ${src}: ${(e as Error).message}`, { cause: e });
  }
  starter.metadata = metadata;
  const name = metadata.name;
  starter.templates = starter.templates.map((t) => ({
    ...t,
    data: fillChartNameBytes(t.data, name),
  }));
  // helm round-trips the parsed values through YAML with the name filled in,
  // which fails when the name does not fit where the placeholder was.
  try {
    const values = parseYaml(fillChartName(yamlMarshal(starter.values), name), { target: "map" });
    starter.values = (values ?? {}) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof GoYamlError) {
      throw new ChartLoadError(`transforming values file: ${e.message}`, { cause: e });
    }
    throw e;
  }
  // values.yaml is saved from its raw text (comments kept), so the name goes there too.
  starter.raw = (starter.raw ?? []).map((f) =>
    f.name === "values.yaml" ? { ...f, data: fillChartNameBytes(f.data, name) } : f
  );
  await saveDir(starter, dest);
}
