/**
 * The `show` action: what `helm show all|chart|values|readme|crds` prints
 * for a chart (pkg/action/show.go): Chart.yaml re-marshalled from the
 * metadata, values.yaml as written (or filtered by a JSONPath), the first
 * README, and the CRD files of the chart and its subcharts, joined by `---`
 * lines.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import type { Chart, ChartFile } from "../chart/types.ts";
import type { LogFn } from "../log/slog.ts";
import { type ChartPathRequest, locateChart, pathExists, verifyChartArchive } from "./chart_path.ts";

/** What `helm show` can print. */
export type ShowFormat = "all" | "chart" | "values" | "readme" | "crds";

/** What `charta show` was asked to do. */
export interface ShowRequest {
  /** Which part of the chart to print. */
  format: ShowFormat;
  /** The chart reference as given (a chart directory or archive). */
  chart: string;
  /** `--jsonpath` (show values): a JSONPath template applied to the parsed values instead. */
  jsonpath?: string;
  /** `--version`: a version constraint (used for charts in repositories). */
  version?: string;
  /** `--devel`: development versions too (`>0.0.0-0` when no `--version`). */
  devel?: boolean;
  /** `--repo`. */
  repoURL?: string;
  /** `--verify`: check the chart archive's provenance file. */
  verify?: boolean;
  /** `--keyring`, for `--verify`. */
  keyring?: string;
  /** Credentials, TLS flags and helm's files for charts in repositories and registries. */
  chartPath?: ChartPathRequest;
}

/** What the action needs from its surroundings (tests and library users pass their own). */
export interface ShowDeps {
  /** Loads a chart from a path (directory or archive), as helm's v2 loader does. */
  loadChart?: (path: string) => Promise<Chart>;
  /** Whether a local path exists. */
  exists?: (path: string) => Promise<boolean>;
  /** Receives the loader's log records (symbolic links followed, requirements.yaml warnings). */
  log?: LogFn;
}

/** The names helm recognizes as a chart's README, in its order. */
export const README_FILE_NAMES = ["readme.md", "readme.txt", "readme"] as const;

/** helm's `findReadme`: the first file (in load order) whose name is a README name, ignoring case. */
export function findReadme(files: readonly ChartFile[]): ChartFile | undefined {
  return files.find((f) => README_FILE_NAMES.some((n) => f.name.toLowerCase() === n));
}

const decoder = new TextDecoder();

/** Go's `string(bytes)` for output: invalid UTF-8 is passed through as the CLI writes text. */
function text(data: Uint8Array): string {
  return decoder.decode(data);
}

function startsWithDashes(data: Uint8Array): boolean {
  return data[0] === 0x2d && data[1] === 0x2d && data[2] === 0x2d;
}

/** The output of `helm show FORMAT` for a loaded chart. */
export async function showChart(
  chart: Chart,
  format: ShowFormat,
  jsonpath = "",
): Promise<string> {
  const { marshalChartYaml } = await import("../chart/save.ts");
  const cf = marshalChartYaml(chart.metadata);
  let out = "";
  const all = format === "all";
  if (format === "chart" || all) out += `${cf}\n`;
  // helm's chart.Values is nil only when the chart has no values.yaml.
  const hasValues = (chart.raw ?? []).some((f) => f.name === "values.yaml");
  if ((format === "values" || all) && hasValues) {
    if (all) out += "---\n";
    if (jsonpath !== "") {
      const { executeJsonPath, parseJsonPath } = await import("../jsonpath/mod.ts");
      let template;
      try {
        template = parseJsonPath("out", jsonpath);
      } catch (e) {
        throw new ChartaError(`error parsing jsonpath ${jsonpath}: ${(e as Error).message}`, { cause: e });
      }
      // helm ignores execution errors: whatever was printed before the error stays.
      out += executeJsonPath(template, chart.values).output;
    } else {
      for (const f of chart.raw ?? []) {
        if (f.name === "values.yaml") out += `${text(f.data)}\n`;
      }
    }
  }
  if (format === "readme" || all) {
    const readme = findReadme(chart.files);
    if (readme) {
      if (all) out += "---\n";
      out += `${text(readme.data)}\n`;
    }
  }
  if (format === "crds" || all) {
    const { crdObjects } = await import("../chart/chart.ts");
    for (const crd of crdObjects(chart)) {
      if (!startsWithDashes(crd.file.data)) out += "---\n";
      out += `${text(crd.file.data)}\n`;
    }
  }
  return out;
}

/**
 * Prints a chart as `helm show` does.
 *
 * @throws {ChartaError} helm's errors: chart not found, loading errors,
 * `error parsing jsonpath …`
 *
 * @example
 * ```ts
 * const text = await showAction({ format: "chart", chart: "./mychart" });
 * ```
 */
export async function showAction(req: ShowRequest, deps: ShowDeps = {}): Promise<string> {
  const log = deps.log ?? (() => {});
  log("DEBUG", "original chart version", [["version", req.version ?? ""]]);
  if (!req.version && req.devel) log("DEBUG", "setting version to >0.0.0-0");
  const name = req.chart.trim();
  let pulled = "";
  const located = await locateChart(name, {
    exists: deps.exists ?? pathExists,
    repoURL: req.repoURL,
    chartPath: { version: req.version, devel: req.devel, ...req.chartPath },
    // helm prints an OCI pull's `Pulled:`/`Digest:` lines before what it shows.
    out: (t) => (pulled += t),
  });
  const { absPath } = await import("../chart/directory.ts");
  // Repository and registry references come back as an archive in the content cache.
  const path = located !== name ? located : absPath(name);
  if (req.verify) await verifyChartArchive(path, req.keyring ?? "");
  const load = deps.loadChart ??
    (async (p: string) => (await import("../chart/loader.ts")).loadChartV2(p, { log: deps.log }));
  return pulled + await showChart(await load(path), req.format, req.jsonpath);
}
