/**
 * Helm charts: the chart model and helm 4's chart loader.
 *
 * {@link loadChart} reads a chart directory or `.tgz` archive exactly as
 * `helm install`/`template` do (helm's `loader.Load`), {@link loadChartV2}
 * as `helm show`/`lint`/`dependency` do (`v2/loader.Load`): same files,
 * same metadata, same values and the same error messages. Directories
 * honour `.helmignore` and follow symbolic links; archives are streamed and
 * held to helm's limits (100 MiB decompressed, 5 MiB per file) and path
 * rules.
 *
 * @example
 * ```ts
 * import { chartFullPath, loadChart } from "./mod.ts";
 * const chart = await loadChart("./mychart-0.1.0.tgz");
 * for (const sub of chart.dependencies) console.log(chartFullPath(sub)); // "mychart/charts/redis"
 * ```
 *
 * @module
 */

export type { Chart, ChartFile, Dependency, Lock, Maintainer, Metadata } from "./types.ts";
export {
  type ChartRules,
  loadArchive,
  loadArchiveFile,
  loadChart,
  loadChartV2,
  loadDir,
  loadFiles,
  type LoadOptions,
} from "./loader.ts";
export {
  type ArchiveLimits,
  type ArchiveSource,
  type BufferedFile,
  DEFAULT_ARCHIVE_LIMITS,
  ensureArchive,
  loadArchiveFiles,
} from "./archive.ts";
export { type DirOptions, loadDirFiles } from "./directory.ts";
export { HELM_IGNORE, HelmIgnore } from "./helmignore.ts";
export { loadValues as loadChartValues, mergeMaps } from "./values.ts";
export {
  API_VERSION_V1,
  API_VERSION_V2,
  API_VERSION_V3,
  decodeLock,
  decodeMetadata,
  DEPENDENCY_GOTYPE,
  LOCK_GOTYPE,
  MAINTAINER_GOTYPE,
  METADATA_GOTYPE,
  sanitizeString,
  validateDependency,
  validateMetadata,
} from "./metadata.ts";
export {
  addDependency,
  chartFullPath,
  chartName,
  chartPath,
  type CRD,
  crdObjects,
  isRoot,
  rootChart,
  setDependencies,
} from "./chart.ts";
export { ChartLoadError, ChartValidationError, type GoErrorCode } from "./errors.ts";
export type { ChartaError } from "../errors/mod.ts";
export type { LogAttr, LogFn, LogLevel } from "../log/slog.ts";
export type { Values } from "../values/types.ts";
export type { GoField, GoIntKind, GoType } from "../gojson/types.ts";
