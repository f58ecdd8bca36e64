/**
 * charta as a library: everything the `charta` command does is available
 * here, so that other programs can use it.
 *
 * @example
 * ```ts
 * import { EnvSettings, envText, versionText } from "./mod.ts";
 *
 * const settings = EnvSettings.fromEnv();
 * console.log(await versionText({ short: true })); // v4.2.4
 * console.log(await envText(settings, "charta", "HELM_REPOSITORY_CONFIG"));
 * ```
 *
 * @module
 */

// Settings and paths.
export { type ColorMode, EnvSettings, parseGoBool } from "./src/settings/env_settings.ts";
export { type EnvLookup, type HelmPaths, helmPaths } from "./src/settings/helm_path.ts";

// Actions.
export { type VersionOptions, versionText } from "./src/action/version.ts";
export { envEntries, envText } from "./src/action/env.ts";

// Version information.
export {
  type BuildInfo,
  buildInfo,
  CHARTA_VERSION,
  formatBuildInfo,
  HELM_COMPAT_VERSION,
  shortVersion,
} from "./src/version/mod.ts";

// Charts, values and rendering.
export { loadChart, loadChartV2 } from "./src/chart/mod.ts";
export { mergeValueOptions, type ValueReader } from "./src/values/options.ts";
export { render, toRenderValues } from "./src/engine/mod.ts";
export { templateAction, type TemplateDeps, type TemplateRequest } from "./src/action/template.ts";
export {
  type DryRunStrategy,
  installAction,
  type InstallDeps,
  InstallError,
  type InstallRequest,
} from "./src/action/install.ts";
export { uninstallAction, type UninstallRequest, type UninstallResult } from "./src/action/uninstall.ts";
export {
  type ServerSideOption,
  upgradeAction,
  type UpgradeDeps,
  UpgradeError,
  type UpgradeRequest,
  type UpgradeResult,
} from "./src/action/upgrade.ts";
export { rollbackAction, type RollbackRequest } from "./src/action/rollback.ts";
export { type ProgressMode, type WaitRequest, type WaitStrategy } from "./src/action/release_wait.ts";
export { OperationConflictError, withReleaseLease } from "./src/action/release_lease.ts";
export { diffAction, type DiffMode, type DiffRequest, type DiffResult } from "./src/action/diff.ts";
export {
  compareObjects,
  type DiffFormat,
  type ObjectChange,
  renderChanges,
  type RenderOptions,
} from "./src/action/diff_render.ts";
export {
  parseTestFilters,
  releaseTesting,
  type ReleaseTestRequest,
  type ReleaseTestRun,
  type TestCommandOptions,
  type TestFilters,
  testRelease,
  writeTestPodLogs,
} from "./src/action/release_testing.ts";
export { releaseStatusText } from "./src/action/install_output.ts";
export { createAction, type CreateRequest } from "./src/action/create.ts";
export {
  showAction,
  showChart,
  type ShowDeps,
  type ShowFormat,
  type ShowRequest,
} from "./src/action/show.ts";
export { createChart, createFromStarter } from "./src/chart/create.ts";
export { saveDir } from "./src/chart/save_dir.ts";
export { executeJsonPath, parseJsonPath } from "./src/jsonpath/mod.ts";
export { packageAction, type PackageDeps, type PackageRequest } from "./src/action/package.ts";
export { verifyAction, type VerifyRequest } from "./src/action/verify.ts";
export { pushAction, type PushRequest } from "./src/action/push.ts";
export {
  indexDirectory,
  pullChart,
  type PullOptions,
  repoAdd,
  type RepoAddOptions,
  repoIndex,
  repoList,
  repoRemove,
  repoUpdate,
  searchRepo,
  type SearchRepoOptions,
} from "./src/action/repo.ts";
export { type HubChart, searchHub, type SearchHubOptions } from "./src/action/search_hub.ts";
export {
  registryLoginAction,
  type RegistryLoginRequest,
  registryLogoutAction,
} from "./src/action/registry.ts";
export {
  parseReference as parseOciReference,
  pullOciChart,
  type PullOciOptions,
  pushChart,
  type PushResult,
  type RegistryOptions,
} from "./src/registry/mod.ts";
export { signChart, type SignOptions, type Verification, verifyChart } from "./src/provenance/mod.ts";
export {
  dependencyBuildAction,
  dependencyListAction,
  dependencyUpdateAction,
  type DependencyUpdateRequest,
} from "./src/action/dependency.ts";
export { archiveChart, saveChart, type SaveOptions } from "./src/chart/save.ts";
export { lintAction, type LintDeps, type LintOutcome, type LintRequest } from "./src/action/lint.ts";
export {
  formatList,
  type ListElement,
  type ListOptions,
  type ListPrintOptions,
  listReleases,
} from "./src/action/list.ts";
export {
  formatHistory,
  formatHooks,
  formatManifest,
  formatMetadata,
  formatNotes,
  formatStatus,
  formatStatusTable,
  formatValues,
  type HistoryEntry,
  releaseContent,
  releaseHistory,
  releaseStatus,
  releaseValues,
  renderReleaseTemplate,
} from "./src/action/release_info.ts";
export { type OutputFormat, parseOutputFormat } from "./src/action/release_output.ts";
export { Linter, LintMessage, runAll as lintChart, Severity as LintSeverity } from "./src/lint/mod.ts";

// Errors.
export { ChartaError, UsageError } from "./src/errors/mod.ts";

// Chart, values and release types.
export type { Chart, ChartFile, Dependency, Lock, Maintainer, Metadata } from "./src/chart/types.ts";
export type { ValueOptions, Values } from "./src/values/types.ts";
export type {
  Hook,
  HookEvent,
  HookExecution,
  Info,
  Release,
  Status,
  StoredChart,
  StoredFile,
} from "./src/release/types.ts";

// Release storage: helm's record format and its secret, configmap and memory drivers.
export {
  ConfigMapsDriver,
  decodeRelease,
  type Driver,
  DriverError,
  encodeRelease,
  FakeKubeCluster,
  KubeApiError,
  type KubeObjects,
  makeKey,
  MemoryDriver,
  openStorage,
  type RecordKind,
  type RecordObject,
  releaseFromJson,
  releaseToJson,
  SecretsDriver,
  Storage,
  type StorageOptions,
  storedChart,
} from "./src/storage/mod.ts";

// Kubernetes access: kubeconfig (client-go's rules and helm's flags), a REST client with discovery and apply.
export {
  clientForSettings,
  ClientKubeObjects,
  KubeClient,
  type KubeClientOptions,
  KubeConfigError,
  type KubeObject,
  kubeObjects,
  loadRestConfig,
  NoKindMatchError,
  type PatchType,
  type ResourceMapping,
  type RestConfig,
} from "./src/kube/mod.ts";

// The command line, for embedding charta's CLI in another program.
export { type CliIO, runCli } from "./src/cli/run.ts";
