/**
 * The `rollback` action, as helm 4's `action.Rollback`: a new revision
 * N+1 made from an earlier one (its chart, values, manifest and hooks),
 * recorded as `pending-rollback`, then pre-rollback hooks, the objects
 * updated to the earlier manifest ({@link updateResources}), waiting,
 * post-rollback hooks, and every other deployed revision superseded.
 *
 * @module
 */
import { newestRevision } from "../storage/storage.ts";
import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import { isDriverError } from "../storage/driver.ts";
import { nowReleaseTime } from "../storage/record.ts";
import type { Configuration } from "./configuration.ts";
import { validateReleaseName } from "./template.ts";
import {
  buildResources,
  deleteResources,
  execHooks,
  type HookContext,
  type ResourceInfo,
  setOwnership,
} from "./release_objects.ts";
import { UpdateError, updateResources } from "./release_update.ts";
import { recordedMessage, waitForRelease, type WaitRequest } from "./release_wait.ts";
import { withReleaseLease } from "./release_lease.ts";
import { serverSideFor, type ServerSideOption } from "./upgrade.ts";

/** What `charta rollback` was asked to do. */
export interface RollbackRequest extends WaitRequest {
  /** The release name. */
  name: string;
  /** The revision to roll back to (0: the one before the last). */
  version?: number;
  /** `--dry-run`. */
  dryRun?: boolean;
  /** `--no-hooks`. */
  disableHooks?: boolean;
  /** `--force-replace` (helm 3's `--force`). */
  forceReplace?: boolean;
  /** `--force-conflicts`. */
  forceConflicts?: boolean;
  /** `--server-side`. */
  serverSide?: ServerSideOption;
  /** `--cleanup-on-fail`. */
  cleanupOnFail?: boolean;
  /** `--history-max` (0: unlimited). */
  maxHistory?: number;
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Rolls a release back as `helm rollback NAME [REVISION]` does; returns
 * the new revision.
 *
 * @throws ChartaError with helm's message (`release has no 7 version`, …)
 */
export async function rollbackAction(
  req: RollbackRequest,
  cfg: Configuration,
  log: LogFn = () => {},
): Promise<Release> {
  const kube = await cfg.kube();
  await kube.isReachable();
  if (req.dryRun) return await rollbackHeld(req, cfg, log);
  return await withReleaseLease(
    cfg,
    cfg.namespace,
    req.name,
    "rollback",
    log,
    () => rollbackHeld(req, cfg, log),
  );
}

/**
 * {@link rollbackAction} for a caller that already holds the release's
 * lease (an upgrade rolling back on failure).
 */
export async function rollbackHeld(
  req: RollbackRequest,
  cfg: Configuration,
  log: LogFn = () => {},
): Promise<Release> {
  const kube = await cfg.kube();
  cfg.storage.maxHistory = req.maxHistory ?? 0;
  const name = req.name;
  try {
    validateReleaseName(name);
  } catch {
    throw new ChartaError(`prepareRollback: Release name is invalid: ${name}`);
  }
  const version = req.version ?? 0;
  if (version < 0) throw new ChartaError("invalid release revision");

  const history = await cfg.storage.history(name);
  const current = newestRevision(history);
  if (!current) throw new ChartaError(`no revision for release ${JSON.stringify(name)}`);
  const previousVersion = version === 0 ? current.version - 1 : version;
  const previous = history.find((r) => r.version === previousVersion);
  if (!previous) throw new ChartaError(`release has no ${previousVersion} version`);
  const serverSide = serverSideFor(req.serverSide, previous.apply_method);
  log("DEBUG", "rolling back", [["name", name], ["currentVersion", current.version], [
    "targetVersion",
    previousVersion,
  ]]);

  const target: Release = {
    name,
    namespace: current.namespace,
    chart: previous.chart,
    config: previous.config,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: nowReleaseTime(),
      status: "pending-rollback",
      description: `Rollback to ${previousVersion}`,
    },
    manifest: previous.manifest,
    hooks: previous.hooks,
    version: current.version + 1,
    labels: previous.labels,
    apply_method: serverSide ? "ssa" : "csa",
  };
  if (previous.info.notes !== undefined) target.info.notes = previous.info.notes;
  if (req.dryRun) return target;

  await cfg.storage.create(target);
  const record = async (r: Release) => {
    try {
      await cfg.storage.update(r);
    } catch (e) {
      log("WARN", "failed to update release", [["name", r.name], ["revision", r.version], ["error", e]]);
    }
  };

  let originals: ResourceInfo[];
  let targets: ResourceInfo[];
  try {
    originals = await buildResources(kube, current.manifest, current.namespace);
  } catch (e) {
    throw new ChartaError(
      `unable to build kubernetes objects from current release manifest: ${errMessage(e)}`,
      {
        cause: e,
      },
    );
  }
  try {
    targets = await buildResources(kube, target.manifest, target.namespace);
  } catch (e) {
    throw new ChartaError(`unable to build kubernetes objects from new release manifest: ${errMessage(e)}`, {
      cause: e,
    });
  }
  const hookCtx: HookContext = {
    kube,
    namespace: target.namespace,
    timeoutMs: req.timeoutMs ?? 300_000,
    record,
    serverSide,
    legacyWait: req.wait === "legacy",
    log,
  };
  if (!req.disableHooks) await execHooks(hookCtx, target, "pre-rollback");
  setOwnership(targets, target.name, target.namespace);
  try {
    await updateResources(kube, originals, targets, {
      serverSide,
      forceReplace: req.forceReplace,
      forceConflicts: req.forceConflicts,
      threeWayMergeForUnstructured: false,
      // helm always asks; it only changes objects still managed client-side by helm.
      upgradeClientSideFieldManager: true,
    }, log);
  } catch (e) {
    const msg = `Rollback ${JSON.stringify(name)} failed: ${errMessage(e)}`;
    log("WARN", msg);
    current.info.status = "superseded";
    target.info.status = "failed";
    target.info.description = msg;
    await record(current);
    await record(target);
    if (req.cleanupOnFail && e instanceof UpdateError && e.result.created.length > 0) {
      const errs = await deleteResources(kube, e.result.created, "Background");
      if (errs.length) {
        throw new ChartaError(
          `an error occurred while cleaning up resources. original rollback error: unable to cleanup resources: ${
            errs.join(", ")
          }`,
        );
      }
    }
    throw e;
  }
  try {
    await waitForRelease(kube, targets, req, log);
  } catch (e) {
    target.info.status = "failed";
    target.info.description = `Release ${JSON.stringify(name)} failed: ${recordedMessage(e)}`;
    await record(current);
    await record(target);
    throw new ChartaError(`release ${name} failed: ${errMessage(e)}`, { cause: e });
  }
  if (!req.disableHooks) await execHooks(hookCtx, target, "post-rollback");

  let deployed: Release[] = [];
  try {
    deployed = await cfg.storage.deployedAll(name);
  } catch (e) {
    if (!isDriverError(e, "no-deployed")) throw e;
  }
  for (const d of deployed) {
    log("DEBUG", "superseding previous deployment", [["version", d.version]]);
    d.info.status = "superseded";
    await record(d);
  }
  target.info.status = "deployed";
  await cfg.storage.update(target);
  return target;
}
