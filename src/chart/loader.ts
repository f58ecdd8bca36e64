/**
 * Loading a chart from a directory or a `.tgz` archive, as helm 4 does.
 *
 * Helm 4 has two entry points and charta keeps both, because their errors
 * differ:
 *
 * - {@link loadChart} is `pkg/chart/loader.Load`, used by `install`,
 *   `upgrade`, `template` and `package`: it reads Chart.yaml's `apiVersion`
 *   first and loads v1/v2 charts with the v2 rules and v3 charts with the
 *   (experimental) v3 rules; a broken archive is reported as `unable to load
 *   chart archive`.
 * - {@link loadChartV2} is `pkg/chart/v2/loader.Load`, used by `show`,
 *   `dependency`, `lint` and `pull`: always the v2 rules, with the archive's
 *   own error (`unexpected EOF`, `chart illegally references parent
 *   directory`, …).
 *
 * Both end in {@link loadFiles} (helm's `LoadFiles`): Chart.yaml into
 * `metadata` (apiVersion defaults to v1), Chart.lock, values.yaml (all
 * documents merged), values.schema.json, `templates/`, and `charts/`, whose
 * directories and archives are loaded recursively as subcharts (names
 * starting with `_` or `.` are skipped, `.prov` files stay files of the
 * parent). For v1 charts requirements.yaml and requirements.lock give the
 * dependencies and the lock. Everything else becomes `files`. The metadata
 * is then checked with helm's `Metadata.Validate`.
 *
 * @module
 */

import type { GoType } from "../gojson/types.ts";
import { GoYamlError, parseYaml } from "../goyaml/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { ext } from "../sprig/gopath.ts";
import {
  type ArchiveLimits,
  type ArchiveSource,
  type BufferedFile,
  DEFAULT_ARCHIVE_LIMITS,
  loadArchiveFiles,
  openArchiveFile,
} from "./archive.ts";
import { addDependency, setParent } from "./chart.ts";
import { absPath, loadDirFiles } from "./directory.ts";
import { ChartLoadError, pathError, wrapError } from "./errors.ts";
import {
  API_VERSION_V1,
  API_VERSION_V2,
  API_VERSION_V3,
  CHART_BASE_GOTYPE,
  decodeLock,
  mergeDecoded,
  METADATA_GOTYPE,
  METADATA_V3_GOTYPE,
  validateMetadata,
} from "./metadata.ts";
import type { Chart, ChartFile, Lock, Metadata } from "./types.ts";
import { loadValues } from "./values.ts";

/** Options of the loaders. */
export interface LoadOptions {
  /**
   * Receives helm's log records: an INFO record for each symbolic link
   * followed in a chart directory, and the INFO warnings about
   * requirements.yaml / requirements.lock in charts that are not v1.
   */
  log?: LogFn;
  /** Size limits (helm's defaults: 100 MiB per chart archive, 5 MiB per file). */
  limits?: ArchiveLimits;
}

/**
 * Which of helm's chart loaders applies the rules: `v2` (pkg/chart/v2, for
 * v1 and v2 charts) or `v3` (helm 4's experimental v3 charts).
 */
export type ChartRules = "v2" | "v3";
type Rules = ChartRules;

const noLog: LogFn = () => {};

function yamlError(prefix: string, e: unknown): ChartLoadError {
  if (e instanceof GoYamlError || e instanceof ChartLoadError) return wrapError(prefix, e);
  throw e;
}

function decodeInto(t: GoType, current: unknown, data: Uint8Array, prefix: string): unknown {
  let decoded: unknown;
  try {
    decoded = parseYaml(data, { target: t });
  } catch (e) {
    throw yamlError(prefix, e);
  }
  return mergeDecoded(t, current, decoded ?? {});
}

function lockOf(data: Uint8Array, prefix: string): Lock | undefined {
  try {
    return decodeLock(data);
  } catch (e) {
    throw yamlError(prefix, e);
  }
}

function fileOf(f: BufferedFile): ChartFile {
  const out: ChartFile = { name: f.name, data: f.data };
  if (f.modTime !== undefined) out.modTime = f.modTime;
  return out;
}

/**
 * helm's `LoadFiles`: a chart from files already in memory (names relative
 * to the chart root, `/`-separated). Subcharts under `charts/` are loaded
 * recursively, archives included.
 *
 * @param opts.rules `v2` (default) or `v3`: v3 charts ignore requirements.yaml
 * and default a missing apiVersion to v3.
 * @throws {ChartLoadError} `Chart.yaml file is missing`, `cannot load
 * Chart.yaml: …`, `cannot load values.yaml: …`, `validation: …`, `error
 * unpacking subchart sub in parent: …`
 */
export async function loadFiles(
  files: BufferedFile[],
  opts: LoadOptions & { rules?: ChartRules } = {},
): Promise<Chart> {
  const rules: Rules = opts.rules ?? "v2";
  const log = opts.log ?? noLog;
  const mdType = rules === "v3" ? METADATA_V3_GOTYPE : METADATA_GOTYPE;
  let metadata: Partial<Metadata> | undefined;
  let lock: Lock | undefined;
  let values: Record<string, unknown> | undefined;
  let schema: Uint8Array | undefined;
  let modTime: Date | undefined;
  let schemaModTime: Date | undefined;
  const raw: ChartFile[] = [];
  const templates: ChartFile[] = [];
  const other: ChartFile[] = [];
  const subcharts = new Map<string, BufferedFile[]>();

  for (const f of files) {
    raw.push(fileOf(f));
    if (f.name === "Chart.yaml") {
      metadata = decodeInto(mdType, metadata ?? {}, f.data, "cannot load Chart.yaml: ") as Partial<Metadata>;
      if (!metadata.apiVersion) metadata.apiVersion = rules === "v3" ? API_VERSION_V3 : API_VERSION_V1;
      modTime = f.modTime;
    }
  }

  for (const f of files) {
    const name = f.name;
    if (name === "Chart.yaml") continue;
    if (name === "Chart.lock") {
      lock = lockOf(f.data, "cannot load Chart.lock: ");
    } else if (name === "values.yaml") {
      try {
        values = loadValues(f.data);
      } catch (e) {
        throw yamlError("cannot load values.yaml: ", e);
      }
    } else if (name === "values.schema.json") {
      schema = f.data;
      schemaModTime = f.modTime;
    } else if (rules === "v2" && name === "requirements.yaml") {
      metadata ??= {};
      if (metadata.apiVersion !== API_VERSION_V1) {
        log(
          "INFO",
          'Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.',
        );
      }
      metadata = decodeInto(mdType, metadata, f.data, "cannot load requirements.yaml: ") as Partial<Metadata>;
      if (metadata.apiVersion === API_VERSION_V1) other.push(fileOf(f));
    } else if (rules === "v2" && name === "requirements.lock") {
      lock = lockOf(f.data, "cannot load requirements.lock: ");
      metadata ??= {};
      if (metadata.apiVersion !== API_VERSION_V1) {
        log(
          "INFO",
          'Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.',
        );
      }
      if (metadata.apiVersion === API_VERSION_V1) other.push(fileOf(f));
    } else if (name.startsWith("templates/")) {
      templates.push(fileOf(f));
    } else if (name.startsWith("charts/")) {
      if (ext(name) === ".prov") {
        other.push(fileOf(f));
        continue;
      }
      const fname = name.slice("charts/".length);
      const cname = fname.split("/", 1)[0];
      let list = subcharts.get(cname);
      if (!list) subcharts.set(cname, list = []);
      list.push({ name: fname, modTime: f.modTime, data: f.data });
    } else {
      other.push(fileOf(f));
    }
  }

  if (metadata === undefined) throw new ChartLoadError("Chart.yaml file is missing");
  validateMetadata(metadata);

  const chart: Chart = {
    metadata,
    templates,
    values: values ?? {},
    files: other,
    dependencies: [],
    raw,
  };
  if (lock !== undefined) chart.lock = lock;
  if (schema !== undefined) chart.schema = schema;
  if (modTime !== undefined) chart.modTime = modTime;
  if (schemaModTime !== undefined) chart.schemaModTime = schemaModTime;
  setParent(chart, undefined);

  for (const [n, list] of subcharts) {
    if (n.startsWith("_") || n.startsWith(".")) continue;
    let sub: Chart;
    if (ext(n) === ".tgz") {
      const file = list[0];
      if (file.name !== n) {
        throw new ChartLoadError(
          `error unpacking subchart tar in ${metadata.name}: expected ${n}, got ${file.name}`,
        );
      }
      try {
        sub = await loadFiles(await loadArchiveFiles(file.data, opts.limits), { ...opts, rules });
      } catch (e) {
        throw wrapError(`error unpacking subchart ${n} in ${metadata.name}: `, e);
      }
    } else {
      const buff: BufferedFile[] = [];
      for (const f of list) {
        const slash = f.name.indexOf("/");
        if (slash < 0) continue;
        buff.push({ name: f.name.slice(slash + 1), modTime: f.modTime, data: f.data });
      }
      try {
        sub = await loadFiles(buff, { ...opts, rules });
      } catch (e) {
        throw wrapError(`error unpacking subchart ${n} in ${metadata.name}: `, e);
      }
    }
    addDependency(chart, sub);
  }
  return chart;
}

async function stat(name: string): Promise<Deno.FileInfo> {
  try {
    return await Deno.stat(name);
  } catch (e) {
    throw pathError("stat", name, e);
  }
}

/** helm's v2 `LoadDir`: a chart directory, with `.helmignore` applied. */
export async function loadDir(dir: string, opts: LoadOptions = {}): Promise<Chart> {
  return await loadDirWith(dir, opts, "v2");
}

async function loadDirWith(dir: string, opts: LoadOptions, rules: Rules): Promise<Chart> {
  const files = await loadDirFiles(dir, { limits: opts.limits, log: opts.log });
  return await loadFiles(files, { ...opts, rules });
}

/** Stats, opens and sniffs an archive file (helm's checks before reading it). */
async function openArchive(name: string): Promise<ReadableStream<Uint8Array>> {
  const info = await stat(name);
  if (info.isDirectory) throw new ChartLoadError("cannot load a directory");
  return await openArchiveFile(name);
}

async function readArchive(name: string, opts: LoadOptions): Promise<BufferedFile[]> {
  return await loadArchiveFiles(await openArchive(name), opts.limits ?? DEFAULT_ARCHIVE_LIMITS);
}

/** The v2 `LoadFile` wording of a bad gzip header anywhere in the chart. */
function wrapHeaderError(name: string, e: unknown): unknown {
  if (e instanceof ChartLoadError && e.code === "gzip.ErrHeader") {
    return wrapError(`file '${name}' does not appear to be a valid chart file (details: `, e, ")");
  }
  return e;
}

/**
 * helm's v2 `LoadFile`: a chart archive file.
 *
 * @throws {ChartLoadError} `cannot load a directory`, `file 'x' does not
 * appear to be a gzipped archive; got '…'`, the archive's own errors, and
 * those of {@link loadFiles}
 */
export async function loadArchiveFile(name: string, opts: LoadOptions = {}): Promise<Chart> {
  try {
    return await loadFiles(await readArchive(name, opts), { ...opts, rules: "v2" });
  } catch (e) {
    throw wrapHeaderError(name, e);
  }
}

/**
 * helm's v2 `Load`: a chart directory or archive, always with the v2 rules
 * and the archive's own error texts (`helm show`, `helm dependency`,
 * `helm lint`).
 */
export async function loadChartV2(name: string, opts: LoadOptions = {}): Promise<Chart> {
  const info = await stat(name);
  return info.isDirectory ? await loadDir(name, opts) : await loadArchiveFile(name, opts);
}

function chartBaseVersion(data: Uint8Array): string {
  let base: { apiVersion?: string } | null;
  try {
    base = parseYaml(data, { target: CHART_BASE_GOTYPE }) as { apiVersion?: string } | null;
  } catch (e) {
    throw yamlError("cannot load Chart.yaml: ", e);
  }
  return base?.apiVersion ?? "";
}

function rulesFor(apiVersion: string): Rules {
  switch (apiVersion) {
    case API_VERSION_V1:
    case API_VERSION_V2:
    case "":
      return "v2";
    case API_VERSION_V3:
      return "v3";
    default:
      throw new ChartLoadError("unsupported chart version");
  }
}

/**
 * helm 4's `loader.Load` (`helm install`, `upgrade`, `template`,
 * `package`): a chart directory or `.tgz`, loaded with the rules of its
 * Chart.yaml `apiVersion` (v1 and v2 charts with the v2 rules, v3 with the
 * v3 rules).
 *
 * @example
 * ```ts
 * const chart = await loadChart("./mychart");
 * chart.metadata.name; // "mychart"
 * ```
 *
 * @throws {ChartLoadError} helm's messages, e.g. `stat x: no such file or
 * directory`, `unable to detect chart at /abs/x/Chart.yaml: open
 * /abs/x/Chart.yaml: no such file or directory`, `unsupported chart
 * version`, `unable to load chart archive`, `validation:
 * chart.metadata.name is required`
 */
export async function loadChart(name: string, opts: LoadOptions = {}): Promise<Chart> {
  const info = await stat(name);
  if (info.isDirectory) {
    const topdir = absPath(name);
    const chartfile = `${topdir}/Chart.yaml`;
    let data: Uint8Array;
    try {
      data = await Deno.readFile(chartfile);
    } catch (e) {
      throw wrapError(`unable to detect chart at ${chartfile}: `, pathError("open", chartfile, e));
    }
    const rules = rulesFor(chartBaseVersion(data));
    // helm's version-specific Load stats the path again before reading it.
    await stat(name);
    return await loadDirWith(name, opts, rules);
  }
  const stream = await openArchive(name);
  let files: BufferedFile[];
  try {
    files = await loadArchiveFiles(stream, opts.limits ?? DEFAULT_ARCHIVE_LIMITS);
  } catch (e) {
    if (!(e instanceof ChartLoadError)) throw e;
    if (e.code === "gzip.ErrHeader") {
      throw wrapError(`file '${name}' does not appear to be a valid chart file (details: `, e, ")");
    }
    throw new ChartLoadError("unable to load chart archive", { cause: e });
  }
  const chartYaml = files.find((f) => f.name === "Chart.yaml");
  if (!chartYaml) throw new ChartLoadError("unable to detect chart version, no Chart.yaml found");
  const rules = rulesFor(chartBaseVersion(chartYaml.data));
  try {
    return await loadFiles(files, { ...opts, rules });
  } catch (e) {
    throw wrapHeaderError(name, e);
  }
}

/**
 * helm 4's `loader.LoadArchive` (for SDK use): a chart from a gzipped tar
 * stream or bytes, loaded with the rules of its `apiVersion`.
 *
 * @throws {ChartLoadError} `stream does not appear to be a valid chart file
 * (details: gzip: invalid header)`, `unable to load chart archive: …`,
 * `unable to detect chart version, no Chart.yaml found`, and the errors of
 * {@link loadFiles}
 */
export async function loadArchive(src: ArchiveSource, opts: LoadOptions = {}): Promise<Chart> {
  let files: BufferedFile[];
  try {
    files = await loadArchiveFiles(src, opts.limits ?? DEFAULT_ARCHIVE_LIMITS);
  } catch (e) {
    if (!(e instanceof ChartLoadError)) throw e;
    if (e.code === "gzip.ErrHeader") {
      throw wrapError("stream does not appear to be a valid chart file (details: ", e, ")");
    }
    throw wrapError("unable to load chart archive: ", e);
  }
  const chartYaml = files.find((f) => f.name === "Chart.yaml");
  if (!chartYaml) throw new ChartLoadError("unable to detect chart version, no Chart.yaml found");
  return await loadFiles(files, { ...opts, rules: rulesFor(chartBaseVersion(chartYaml.data)) });
}
