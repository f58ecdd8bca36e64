/**
 * The `upgrade` action, as helm 4's `action.Upgrade`: the last revision is
 * found (a pending one refuses the upgrade), values are reused or reset as
 * the flags say, the chart rendered as revision N+1 and recorded as
 * `pending-upgrade`; then pre-upgrade hooks, the objects updated
 * ({@link updateResources}: created, applied, the dropped ones deleted),
 * waiting, post-upgrade hooks, and the previous revision superseded. A
 * failure marks the revision failed, and may clean up what it created
 * (`--cleanup-on-fail`) or roll back to the last good revision
 * (`--rollback-on-failure`).
 *
 * With `--install`, a release that does not exist (or was uninstalled
 * with its history kept) is installed instead, as helm's command does.
 *
 * @module
 */
import { newestFirst, newestRevision } from "../storage/storage.ts";
import type { ChartPathRequest } from "./chart_path.ts";
import { ChartaError } from "../errors/mod.ts";
import type { Chart } from "../chart/types.ts";
import { processDependencies } from "../chart/dependencies.ts";
import { toRenderValues } from "../engine/mod.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import { isDriverError } from "../storage/driver.ts";
import { nowReleaseTime, storedChart } from "../storage/record.ts";
import { coalesceTables, coalesceValues } from "../values/coalesce.ts";
import type { ValueOptions } from "../values/types.ts";
import type { KubeClient } from "../kube/client.ts";
import { installAction, type InstallDeps, type InstallRequest, serverCapabilities } from "./install.ts";
import { chartOf } from "./release_info.ts";
import { checkUserLabels, renderInto } from "./release_render.ts";
import {
  coalesceAndValidate,
  loadRequestedChart,
  templateCapabilities,
  validateReleaseName,
} from "./template.ts";
import {
  buildResources,
  deleteResources,
  execHooks,
  existingResources,
  type HookContext,
  type ResourceInfo,
  setOwnership,
} from "./release_objects.ts";
import { UpdateError, updateResources } from "./release_update.ts";
import { rollbackHeld } from "./rollback.ts";
import { withReleaseLease } from "./release_lease.ts";
import { failpoint } from "../failpoint/mod.ts";
import type { DryRunStrategy } from "./install.ts";
import { recordedMessage, waitForRelease, type WaitRequest } from "./release_wait.ts";

/** `--server-side`: `auto` follows the previous revision's apply method. */
export type ServerSideOption = "auto" | "true" | "false";

/** What `charta upgrade` was asked to do. */
export interface UpgradeRequest extends WaitRequest {
  /** The release name. */
  name: string;
  /** The chart reference (path or archive). */
  chart: string;
  /** The release namespace. */
  namespace: string;
  /** The user's values flags. */
  values: ValueOptions;
  /** `-i/--install`. */
  install?: boolean;
  /** `--create-namespace` (with `--install`). */
  createNamespace?: boolean;
  /** `--dry-run`. */
  dryRun?: DryRunStrategy;
  /** `--no-hooks`. */
  disableHooks?: boolean;
  /** `--description`. */
  description?: string;
  /** `--labels`, merged into the previous revision's (`null` removes one). */
  labels?: Record<string, string>;
  /** `--skip-crds` (with `--install`). */
  skipCrds?: boolean;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** `--render-subchart-notes`. */
  subNotes?: boolean;
  /** `--hide-secret` (dry runs only). */
  hideSecret?: boolean;
  /** `--reset-values`. */
  resetValues?: boolean;
  /** `--reuse-values`. */
  reuseValues?: boolean;
  /** `--reset-then-reuse-values`. */
  resetThenReuseValues?: boolean;
  /** `--history-max` (0: unlimited). */
  maxHistory?: number;
  /** `--rollback-on-failure` (helm 3's `--atomic`). */
  rollbackOnFailure?: boolean;
  /** `--cleanup-on-fail`. */
  cleanupOnFail?: boolean;
  /** `--force-replace` (helm 3's `--force`). */
  forceReplace?: boolean;
  /** `--force-conflicts`. */
  forceConflicts?: boolean;
  /** `--server-side`. */
  serverSide?: ServerSideOption;
  /** `--take-ownership`. */
  takeOwnership?: boolean;
  /** `--enable-dns`. */
  enableDNS?: boolean;
  /** `--debug`. */
  debug?: boolean;
  /** `--version`, `--repo`, `--verify`, `--keyring`, `--devel`. */
  chartPath?: ChartPathRequest;
  /** `--dependency-update`: fetch missing dependencies first. */
  dependencyUpdate?: boolean;
}

/** What upgrade needs from its surroundings. */
export interface UpgradeDeps extends InstallDeps {
  /** Called when `--install` finds no release and installs (helm prints a line then). */
  onInstall?: () => void;
}

/** What an upgrade did. */
export interface UpgradeResult {
  /** The new revision (for a dry run, the one that would be made). */
  release: Release;
  /** `--install` installed the release instead. */
  installed: boolean;
}

/**
 * An upgrade failure after the chart was loaded, with the revision as far
 * as it got (the command prefixes `UPGRADE FAILED: `).
 */
export class UpgradeError extends ChartaError {
  /** The revision, when one was made. */
  readonly release?: Release;
  /** @param message helm's error text; @param release the revision so far */
  constructor(message: string, release?: Release, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UpgradeError";
    this.release = release;
  }
}

/** helm's `errPending`. */
export const PENDING_MESSAGE = "another operation (install/upgrade/rollback) is in progress";

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** helm's `getUpgradeServerSideValue`. */
export function serverSideFor(
  option: ServerSideOption | undefined,
  previousMethod: string | undefined,
): boolean {
  switch (option ?? "auto") {
    case "auto":
      return previousMethod === "ssa";
    case "true":
      return true;
    case "false":
      return false;
  }
  throw new ChartaError(`invalid/unknown release server-side apply method: ${option}`);
}

/** helm's `isReleaseApplyMethodClientSideApply`. */
export function appliedClientSide(method: string | undefined): boolean {
  return method === undefined || method === "" || method === "csa";
}

/** helm's `mergeCustomLabels`: the new labels over the old, `null` values removing a label. */
function mergeLabels(
  current: Record<string, string> | undefined,
  desired: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const out: Record<string, string> = { ...(current ?? {}), ...(desired ?? {}) };
  for (const [k, v] of Object.entries(out)) if (v === "null") delete out[k];
  return Object.keys(out).length ? out : undefined;
}

/** helm's `reuseValues`: which values the new revision starts from. */
function valuesForUpgrade(
  req: UpgradeRequest,
  chart: Chart,
  current: Release,
  newVals: Record<string, unknown>,
  log: LogFn,
): Record<string, unknown> {
  if (req.resetValues) {
    log("DEBUG", "resetting values to the chart's original version");
    return newVals;
  }
  const config = current.config ?? {};
  if (req.reuseValues) {
    log("DEBUG", "reusing the old release's values");
    const old = chartOf(current);
    const oldVals = old ? coalesceValues(old, structuredClone(config)) : {};
    const merged = coalesceTables(newVals, structuredClone(config)) ?? {};
    chart.values = oldVals as Record<string, unknown>;
    return merged as Record<string, unknown>;
  }
  if (req.resetThenReuseValues) {
    log("DEBUG", "merging values from old release to new values");
    return (coalesceTables(newVals, structuredClone(config)) ?? {}) as Record<string, unknown>;
  }
  if (Object.keys(newVals).length === 0 && Object.keys(config).length > 0) {
    log("DEBUG", "copying values from old release", [["name", current.name], ["version", current.version]]);
    return config;
  }
  return newVals;
}

/** The last revision and the one the upgrade starts from (helm's `prepareUpgrade` lookups). */
async function currentRevisions(
  deps: InstallDeps,
  name: string,
): Promise<{ last: Release; current: Release }> {
  const storage = deps.config.storage;
  let history: Release[];
  try {
    history = await storage.history(name);
  } catch (e) {
    if (isDriverError(e, "not-found")) {
      throw new ChartaError(`${JSON.stringify(name)} has no deployed releases`);
    }
    throw e;
  }
  if (history.length === 0) throw new ChartaError(`${JSON.stringify(name)} has no deployed releases`);
  const sorted = newestFirst(history);
  const last = sorted[0];
  if (last.info.status.startsWith("pending-")) throw new ChartaError(PENDING_MESSAGE);
  if (last.info.status === "deployed") return { last, current: last };
  const deployed = sorted.find((r) => r.info.status === "deployed");
  if (deployed) return { last, current: deployed };
  if (last.info.status === "failed" || last.info.status === "superseded") return { last, current: last };
  throw new ChartaError(`${JSON.stringify(name)} has no deployed releases`);
}

/** Whether `--install` should install: no history, or the last revision uninstalled. */
async function needsInstall(
  deps: InstallDeps,
  name: string,
): Promise<{ install: boolean; replace: boolean }> {
  let history: Release[];
  try {
    history = await deps.config.storage.history(name);
  } catch (e) {
    if (isDriverError(e, "not-found")) return { install: true, replace: false };
    throw e;
  }
  const last = newestRevision(history);
  if (!last) return { install: true, replace: false };
  return last.info.status === "uninstalled"
    ? { install: true, replace: true }
    : { install: false, replace: false };
}

/** The install `upgrade --install` runs, with the upgrade's flags. */
function installRequest(req: UpgradeRequest, replace: boolean): InstallRequest {
  return {
    args: [req.name, req.chart],
    namespace: req.namespace,
    values: req.values,
    createNamespace: req.createNamespace,
    dryRun: req.dryRun,
    disableHooks: req.disableHooks,
    description: req.description,
    labels: req.labels,
    skipCrds: req.skipCrds,
    skipSchemaValidation: req.skipSchemaValidation,
    subNotes: req.subNotes,
    hideSecret: req.hideSecret,
    timeoutMs: req.timeoutMs,
    replace,
    takeOwnership: req.takeOwnership,
    serverSide: req.serverSide !== "false",
    forceConflicts: req.forceConflicts,
    enableDNS: req.enableDNS,
    debug: req.debug,
    wait: req.wait,
    waitForJobs: req.waitForJobs,
    rollbackOnFailure: req.rollbackOnFailure,
    progress: req.progress,
    chartPath: req.chartPath,
    dependencyUpdate: req.dependencyUpdate,
  };
}

/**
 * Upgrades a release as `helm upgrade` does (with `--install`, installs
 * it when it does not exist).
 *
 * @throws UpgradeError (or ChartaError) with helm's message; the command prefixes `UPGRADE FAILED: `
 */
export async function upgradeAction(req: UpgradeRequest, deps: UpgradeDeps): Promise<UpgradeResult> {
  if (req.install) {
    const { install, replace } = await needsInstall(deps, req.name);
    if (install) {
      deps.onInstall?.();
      return { release: await installAction(installRequest(req, replace), deps), installed: true };
    }
  }
  const { chart, values } = await loadRequestedChart(req.chart, req, deps);
  try {
    return { release: await runUpgrade(req, deps, chart, values), installed: false };
  } catch (e) {
    if (e instanceof UpgradeError) throw e;
    throw new UpgradeError(errMessage(e), undefined, { cause: e });
  }
}

/** What `--dry-run` asks: whether anything is written, and whether the cluster is asked at all. */
function dryRunMode(req: UpgradeRequest): { isDryRun: boolean; server: boolean } {
  const dryRun = req.dryRun ?? "none";
  return { isDryRun: dryRun !== "none", server: dryRun !== "client" };
}

/** helm's `Upgrade.RunWithContext`: everything after the chart and values are loaded. */
async function runUpgrade(
  req: UpgradeRequest,
  deps: UpgradeDeps,
  chart: Chart,
  values: Record<string, unknown>,
): Promise<Release> {
  const log: LogFn = deps.log ?? (() => {});
  const cfg = deps.config;
  const { isDryRun, server } = dryRunMode(req);

  let kube: KubeClient | undefined;
  try {
    kube = await cfg.kube();
    await kube.isReachable();
  } catch (e) {
    if (server || !(e instanceof ChartaError)) throw e;
    kube = undefined;
  }
  const wait = req.rollbackOnFailure && (req.wait ?? "hookOnly") === "hookOnly" ? "watcher" : req.wait;
  try {
    validateReleaseName(req.name);
  } catch {
    throw new ChartaError(`release name is invalid: ${req.name}`);
  }
  if (!isDryRun && req.hideSecret) throw new ChartaError("hiding Kubernetes secrets requires a dry-run mode");
  const body = () => upgradeRelease(req, deps, chart, values, kube, wait);
  if (isDryRun || !kube) return await body();
  return await withReleaseLease(cfg, req.namespace, req.name, "upgrade", log, body);
}

/** helm's `prepareUpgrade` and `performUpgrade`, holding the release. */
async function upgradeRelease(
  req: UpgradeRequest,
  deps: UpgradeDeps,
  chart: Chart,
  values: Record<string, unknown>,
  kube: KubeClient | undefined,
  wait: UpgradeRequest["wait"],
): Promise<Release> {
  const log: LogFn = deps.log ?? (() => {});
  const cfg = deps.config;
  const { isDryRun, server } = dryRunMode(req);
  const { last, current } = await currentRevisions(deps, req.name);
  const vals = valuesForUpgrade(req, chart, current, values, log);
  processDependencies(chart, vals, { log });
  const revision = last.version + 1;
  const caps = kube && server ? await serverCapabilities(kube) : templateCapabilities();
  const coalesced = await coalesceAndValidate(chart, vals, req, log);
  const renderVals = toRenderValues(chart, coalesced, {
    name: req.name,
    namespace: current.namespace,
    revision,
    isInstall: false,
    isUpgrade: true,
  }, caps);

  const upgraded: Release = {
    name: req.name,
    namespace: current.namespace,
    chart: storedChart(chart),
    config: vals,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: nowReleaseTime(),
      status: "pending-upgrade",
      description: "Preparing upgrade",
    },
    manifest: "",
    version: revision,
  };
  await renderInto(upgraded, chart, renderVals, {
    caps,
    subNotes: req.subNotes,
    hideSecret: req.hideSecret,
    enableDNS: req.enableDNS,
    log,
    kube: kube && server ? kube : undefined,
  });
  checkUserLabels(req.labels);
  const serverSide = serverSideFor(req.serverSide, last.apply_method);
  upgraded.labels = mergeLabels(last.labels, req.labels);
  upgraded.apply_method = serverSide ? "ssa" : "csa";
  if (!kube) {
    upgraded.info.description = req.description || "Dry run complete";
    return upgraded;
  }
  // helm's validateManifest builds the new objects once to check them; performUpgrade uses them below.
  const targets = await buildResources(kube, upgraded.manifest, current.namespace);

  // performUpgrade
  let originals: ResourceInfo[];
  try {
    originals = await buildResources(kube, current.manifest, current.namespace);
  } catch (e) {
    if (errMessage(e).includes("resource mapping not found")) {
      throw new UpgradeError(
        "current release manifest contains removed kubernetes api(s) for this kubernetes version and it is " +
          "therefore unable to build the kubernetes objects for performing the diff. error from kubernetes: " +
          errMessage(e),
        upgraded,
        { cause: e },
      );
    }
    throw new UpgradeError(
      `unable to build kubernetes objects from current release manifest: ${errMessage(e)}`,
      upgraded,
      { cause: e },
    );
  }
  setOwnership(targets, upgraded.name, upgraded.namespace);
  const key = (i: ResourceInfo) =>
    `${i.mapping.group}/${i.mapping.version}/${i.mapping.kind}/${i.namespace}/${i.name}`;
  const known = new Set(originals.map(key));
  const toBeCreated = targets.filter((t) => !known.has(key(t)));
  let toBeUpdated: ResourceInfo[];
  try {
    toBeUpdated = await existingResources(
      kube,
      toBeCreated,
      upgraded.name,
      upgraded.namespace,
      req.takeOwnership ?? false,
    );
  } catch (e) {
    throw new ChartaError(`unable to continue with update: ${errMessage(e)}`, { cause: e });
  }
  originals.push(...toBeUpdated);

  if (isDryRun) {
    upgraded.info.description = req.description || "Dry run complete";
    return upgraded;
  }

  cfg.storage.maxHistory = req.maxHistory ?? 0;
  await failpoint("upgrade:before-record");
  await cfg.storage.create(upgraded);
  await failpoint("upgrade:after-record");

  const record = async (r: Release) => {
    try {
      await cfg.storage.update(r);
    } catch (e) {
      log("WARN", "failed to update release", [["name", r.name], ["revision", r.version], ["error", e]]);
    }
  };
  const hookCtx: HookContext = {
    kube,
    namespace: upgraded.namespace,
    timeoutMs: req.timeoutMs ?? 300_000,
    record,
    serverSide,
    legacyWait: wait === "legacy",
    log,
  };
  let created: ResourceInfo[] = [];
  try {
    if (!req.disableHooks) {
      try {
        await execHooks(hookCtx, upgraded, "pre-upgrade");
      } catch (e) {
        throw new ChartaError(`pre-upgrade hooks failed: ${errMessage(e)}`, { cause: e });
      }
    }
    try {
      const res = await updateResources(kube, originals, targets, {
        serverSide,
        forceReplace: req.forceReplace,
        forceConflicts: req.forceConflicts,
        upgradeClientSideFieldManager: appliedClientSide(current.apply_method) && serverSide,
        threeWayMergeForUnstructured: true,
      }, log);
      created = res.created;
    } catch (e) {
      if (e instanceof UpdateError) created = e.result.created;
      await record(current);
      throw e;
    }
    try {
      await waitForRelease(kube, targets, { ...req, wait }, log);
    } catch (e) {
      await record(current);
      throw e;
    }
    if (!req.disableHooks) {
      try {
        await execHooks(hookCtx, upgraded, "post-upgrade");
      } catch (e) {
        throw new ChartaError(`post-upgrade hooks failed: ${errMessage(e)}`, { cause: e });
      }
    }
  } catch (e) {
    throw await failUpgrade(req, deps, upgraded, created, e, kube, wait);
  }
  current.info.status = "superseded";
  await record(current);
  upgraded.info.status = "deployed";
  upgraded.info.description = req.description || "Upgrade complete";
  await cfg.storage.update(upgraded);
  return upgraded;
}

/** helm's `failRelease`: the revision marked failed, then cleanup and rollback as asked; returns the error to throw. */
async function failUpgrade(
  req: UpgradeRequest,
  deps: InstallDeps,
  rel: Release,
  created: ResourceInfo[],
  err: unknown,
  kube: KubeClient,
  wait: UpgradeRequest["wait"],
): Promise<Error> {
  const log: LogFn = deps.log ?? (() => {});
  const cfg = deps.config;
  log("WARN", "upgrade failed", [["name", rel.name], ["error", recordedMessage(err)]]);
  rel.info.status = "failed";
  rel.info.description = `Upgrade ${JSON.stringify(rel.name)} failed: ${recordedMessage(err)}`;
  try {
    await cfg.storage.update(rel);
  } catch (e) {
    log("WARN", "failed to update release", [["name", rel.name], ["revision", rel.version], ["error", e]]);
  }
  if (req.cleanupOnFail && created.length > 0) {
    log("DEBUG", "cleanup on fail set", [["cleaning_resources", created.length]]);
    const errs = await deleteResources(kube, created, "Background");
    if (errs.length) {
      return new UpgradeError(
        `an error occurred while cleaning up resources. original upgrade error: ${errMessage(err)}: ` +
          `unable to cleanup resources: ${errs.join(", ")}`,
        rel,
        { cause: err },
      );
    }
  }
  if (req.rollbackOnFailure) {
    log(
      "DEBUG",
      "Upgrade failed and rollback-on-failure is set, rolling back to previous successful release",
    );
    let history: Release[];
    try {
      history = await cfg.storage.history(rel.name);
    } catch (e) {
      return new UpgradeError(
        `an error occurred while finding last successful release. original upgrade error: ${
          errMessage(err)
        }: ${errMessage(e)}`,
        rel,
      );
    }
    const good = history.filter((r) => r.info.status === "superseded" || r.info.status === "deployed")
      .sort((a, b) => b.version - a.version);
    if (good.length === 0) {
      return new UpgradeError(
        `unable to find a previously successful release when attempting to rollback. original upgrade error: ${
          errMessage(err)
        }`,
        rel,
      );
    }
    try {
      await rollbackHeld(
        {
          name: rel.name,
          version: good[0].version,
          wait,
          waitForJobs: req.waitForJobs,
          disableHooks: req.disableHooks,
          forceReplace: req.forceReplace,
          forceConflicts: req.forceConflicts,
          serverSide: req.serverSide,
          // The rollback gets a budget of its own: it must never time out into a pending revision.
          timeoutMs: req.timeoutMs,
          progress: req.progress,
        },
        cfg,
        log,
      );
    } catch (e) {
      return new UpgradeError(
        `an error occurred while rolling back the release. original upgrade error: ${errMessage(err)}: ${
          errMessage(e)
        }`,
        rel,
      );
    }
    return new UpgradeError(
      `release ${rel.name} failed, and has been rolled back due to rollback-on-failure being set: ${
        errMessage(err)
      }`,
      rel,
      { cause: err },
    );
  }
  return err instanceof Error ? err : new ChartaError(String(err));
}
