/**
 * The `diff` action: what `upgrade`, `rollback` or `install` would change
 * in the cluster, object by object, without changing anything.
 *
 * The revision that would be made comes from the action itself run as a
 * server-side dry run (same values handling, same checks, same errors).
 * Each of its objects, with helm's ownership metadata, is then written as
 * a dry run (`dryRun=All`) the way the operation would write it:
 * server-side apply with field manager `helm` (forcing conflicts with
 * `--force-conflicts`), or for a release applied client-side the same
 * three-way patch. The server's answer is the object as it would be
 * afterwards; it is compared with the live object (a missing one: added).
 * Objects of the current revision that the new one drops are shown as
 * removed, unless annotated `helm.sh/resource-policy: keep`.
 *
 * Hooks and the chart's `crds/` are not compared: hooks are recreated by
 * every operation, their live state says nothing about what would change.
 *
 * @module
 */
import { newestFirst, newestRevision } from "../storage/storage.ts";
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient, KubeObject } from "../kube/client.ts";
import { KubeApiError } from "../kube/client.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import { isDriverError } from "../storage/driver.ts";
import type { ValueOptions } from "../values/types.ts";
import { compareObjects, type ObjectChange } from "./diff_render.ts";
import { installAction } from "./install.ts";
import { buildResources, type ResourceInfo, setOwnership } from "./release_objects.ts";
import { hasKeepPolicy } from "./release_update.ts";
import { rollbackAction } from "./rollback.ts";
import { appliedClientSide, type ServerSideOption, upgradeAction, type UpgradeDeps } from "./upgrade.ts";

/** Which operation `charta diff` previews. */
export type DiffMode = "upgrade" | "rollback" | "install";

/** What `charta diff upgrade|rollback|install` was asked. */
export interface DiffRequest {
  mode: DiffMode;
  /** The release name. */
  name: string;
  /** The release namespace. */
  namespace: string;
  /** The chart reference (upgrade, install). */
  chart?: string;
  /** The revision to roll back to (rollback; 0: the one before the last). */
  revision?: number;
  /** The user's values flags (upgrade, install). */
  values?: ValueOptions;
  /** `upgrade --install`: a release that does not exist is diffed as an install. */
  install?: boolean;
  /** `--reuse-values`. */
  reuseValues?: boolean;
  /** `--reset-values`. */
  resetValues?: boolean;
  /** `--reset-then-reuse-values`. */
  resetThenReuseValues?: boolean;
  /** `--server-side` (upgrade, rollback). */
  serverSide?: ServerSideOption;
  /** `--force-conflicts`. */
  forceConflicts?: boolean;
  /** `--take-ownership`. */
  takeOwnership?: boolean;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** `--enable-dns`. */
  enableDNS?: boolean;
  /** `--show-secrets`: Secret values shown instead of masked. */
  showSecrets?: boolean;
}

/** What `charta diff` found. */
export interface DiffResult {
  /** The revision the operation would make. */
  release: Release;
  /** The objects that would change, in the order the operation writes them, removals last. */
  changes: ObjectChange[];
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function gvk(info: ResourceInfo): string {
  return `${info.mapping.group}/${info.mapping.version}, Kind=${info.mapping.kind}`;
}

/** Computes the object after the write, given the live one (undefined: does not exist). */
type DryWrite = (info: ResourceInfo, live: KubeObject | undefined) => Promise<KubeObject>;

async function liveObject(kube: KubeClient, info: ResourceInfo): Promise<KubeObject | undefined> {
  try {
    return await kube.get(info.object, info.namespace);
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return undefined;
    throw new ChartaError(
      `could not get information about the resource ${info.mapping.kind} ${JSON.stringify(info.name)} ` +
        `in namespace ${JSON.stringify(info.namespace)}: ${errMessage(e)}`,
      { cause: e },
    );
  }
}

/**
 * A new object whose namespace does not exist yet (`install
 * --create-namespace`) cannot be dry-run: the rendered object stands in.
 */
function missingNamespace(e: unknown, live: KubeObject | undefined): boolean {
  return !live && e instanceof KubeApiError && e.code === 404;
}

/** Whether client-side writes of `helm` own fields of the object (helm moves them to its apply entry first). */
function clientSideManaged(live: KubeObject | undefined): boolean {
  const entries = live?.metadata?.managedFields as
    | Array<{ manager?: string; operation?: string }>
    | undefined;
  return (entries ?? []).some((m) => m.manager === "helm" && m.operation === "Update");
}

/**
 * Server-side apply as a dry run, as upgrade, rollback and install apply.
 * With `migrate`, the operation first hands `helm`'s client-side fields to
 * its apply entry (a release moving to server-side apply); a dry run
 * cannot chain that step, so the apply forces instead, which takes the
 * same fields (fields the chart dropped then still show as kept).
 */
function serverSideWrite(kube: KubeClient, force: boolean, migrate = false): DryWrite {
  return async (info, live) => {
    try {
      return await kube.apply(info.object, {
        namespace: info.namespace || undefined,
        force: force || (migrate && clientSideManaged(live)),
        dryRun: true,
        fieldValidation: "Strict",
      });
    } catch (e) {
      if (missingNamespace(e, live)) return structuredClone(info.object);
      if (e instanceof KubeApiError && e.code === 409) {
        throw new ChartaError(
          `conflict occurred while applying object ${info.namespace}/${info.name} ${gvk(info)}: ${e.message}`,
          { cause: e },
        );
      }
      throw new ChartaError(
        `server-side apply failed for object ${info.namespace}/${info.name} ${gvk(info)}: ${errMessage(e)}`,
        { cause: e },
      );
    }
  };
}

/** The client-side three-way patch (or create) of a release applied client-side, as a dry run. */
async function clientSideWrite(
  kube: KubeClient,
  originals: ResourceInfo[],
  threeWayMergeForUnstructured: boolean,
): Promise<DryWrite> {
  const { createClientSidePatch } = await import("../kube/client_side_apply.ts");
  return async (info, live) => {
    if (!live) {
      try {
        return await kube.create(info.object, { namespace: info.namespace || undefined, dryRun: true });
      } catch (e) {
        if (missingNamespace(e, live)) return structuredClone(info.object);
        throw new ChartaError(`failed to create resource: ${errMessage(e)}`, { cause: e });
      }
    }
    const original = originals.find((o) => sameObject(o, info))?.object ?? live;
    let patch;
    try {
      patch = await createClientSidePatch(kube, original, info, { threeWayMergeForUnstructured });
    } catch (e) {
      throw new ChartaError(`failed to create patch: ${errMessage(e)}`, { cause: e });
    }
    if (patch.patch === "{}") return live;
    try {
      return await kube.patch(info.object, patch.patch, patch.type, {
        namespace: info.namespace || undefined,
        dryRun: true,
      });
    } catch (e) {
      throw new ChartaError(`cannot patch "${info.name}" with kind ${info.mapping.kind}: ${errMessage(e)}`, {
        cause: e,
      });
    }
  };
}

/** helm's `ResourceList.Get` match: same name, namespace, group and kind. */
function sameObject(a: ResourceInfo, b: ResourceInfo): boolean {
  return a.name === b.name && a.namespace === b.namespace && a.mapping.group === b.mapping.group &&
    a.mapping.kind === b.mapping.kind;
}

/**
 * The changes from the current objects to the targets: each target
 * against its dry-run write, then the dropped originals (live, not kept)
 * as removals.
 */
async function planChanges(
  kube: KubeClient,
  originals: ResourceInfo[],
  targets: ResourceInfo[],
  write: DryWrite,
  showSecrets: boolean,
): Promise<ObjectChange[]> {
  const written = await Promise.all(targets.map(async (info) => {
    const live = await liveObject(kube, info);
    return compareObjects(live, await write(info, live), showSecrets);
  }));
  const gone = originals.filter((o) => !targets.some((t) => sameObject(o, t)));
  const removed = await Promise.all(gone.map(async (info) => {
    const live = await liveObject(kube, info);
    return live && !hasKeepPolicy(live) ? compareObjects(live, undefined, showSecrets) : undefined;
  }));
  return [...written, ...removed].filter((c): c is ObjectChange => c !== undefined);
}

async function build(kube: KubeClient, manifest: string, namespace: string, which: string) {
  try {
    return await buildResources(kube, manifest, namespace);
  } catch (e) {
    throw new ChartaError(`unable to build kubernetes objects from ${which} manifest: ${errMessage(e)}`, {
      cause: e,
    });
  }
}

async function historyOf(deps: UpgradeDeps, name: string): Promise<Release[]> {
  try {
    return await deps.config.storage.history(name);
  } catch (e) {
    if (isDriverError(e, "not-found")) return [];
    throw e;
  }
}

/** The revision an upgrade starts from: the deployed one, else the last (as upgrade chooses). */
function currentOf(history: Release[]): Release | undefined {
  const sorted = newestFirst(history);
  return sorted.find((r) => r.info.status === "deployed") ?? sorted[0];
}

async function diffInstall(req: DiffRequest, deps: UpgradeDeps, checkName: boolean): Promise<DiffResult> {
  if (checkName) {
    const history = await historyOf(deps, req.name);
    const last = newestRevision(history);
    if (last && last.info.status !== "uninstalled") {
      throw new ChartaError("cannot reuse a name that is still in use");
    }
  }
  const release = await installAction({
    args: [req.name, req.chart ?? ""],
    namespace: req.namespace,
    values: req.values ?? {},
    dryRun: "server",
    skipSchemaValidation: req.skipSchemaValidation,
    takeOwnership: req.takeOwnership,
    forceConflicts: req.forceConflicts,
    enableDNS: req.enableDNS,
  }, deps);
  const kube = await deps.config.kube();
  const targets = await build(kube, release.manifest, release.namespace, "release");
  setOwnership(targets, release.name, release.namespace);
  const changes = await planChanges(
    kube,
    [],
    targets,
    serverSideWrite(kube, req.forceConflicts ?? false),
    req.showSecrets ?? false,
  );
  return { release, changes };
}

async function diffUpgrade(req: DiffRequest, deps: UpgradeDeps): Promise<DiffResult> {
  if (req.install) {
    const history = await historyOf(deps, req.name);
    const last = newestRevision(history);
    if (!last || last.info.status === "uninstalled") return await diffInstall(req, deps, false);
  }
  const { release } = await upgradeAction({
    name: req.name,
    chart: req.chart ?? "",
    namespace: req.namespace,
    values: req.values ?? {},
    dryRun: "server",
    reuseValues: req.reuseValues,
    resetValues: req.resetValues,
    resetThenReuseValues: req.resetThenReuseValues,
    serverSide: req.serverSide,
    forceConflicts: req.forceConflicts,
    takeOwnership: req.takeOwnership,
    skipSchemaValidation: req.skipSchemaValidation,
    enableDNS: req.enableDNS,
  }, deps); // its errors print without upgrade's `UPGRADE FAILED:` framing: nothing was attempted
  const current = currentOf(await historyOf(deps, req.name));
  if (!current) throw new ChartaError(`${JSON.stringify(req.name)} has no deployed releases`);
  const kube = await deps.config.kube();
  const originals = await build(kube, current.manifest, current.namespace, "current release");
  const targets = await build(kube, release.manifest, current.namespace, "new release");
  setOwnership(targets, release.name, release.namespace);
  const write = release.apply_method === "csa"
    ? await clientSideWrite(kube, originals, true)
    : serverSideWrite(kube, req.forceConflicts ?? false, appliedClientSide(current.apply_method));
  return { release, changes: await planChanges(kube, originals, targets, write, req.showSecrets ?? false) };
}

async function diffRollback(req: DiffRequest, deps: UpgradeDeps, log: LogFn): Promise<DiffResult> {
  const cfg = deps.config;
  const release = await rollbackAction(
    {
      name: req.name,
      version: req.revision ?? 0,
      dryRun: true,
      serverSide: req.serverSide,
      forceConflicts: req.forceConflicts,
    },
    cfg,
    log,
  );
  const history = await cfg.storage.history(req.name);
  // The rollback above found the history, so it is not empty.
  const current = newestRevision(history)!;
  const kube = await cfg.kube();
  const originals = await build(kube, current.manifest, current.namespace, "current release");
  const targets = await build(kube, release.manifest, release.namespace, "new release");
  setOwnership(targets, release.name, release.namespace);
  const write = release.apply_method === "csa"
    ? await clientSideWrite(kube, originals, false)
    : serverSideWrite(kube, req.forceConflicts ?? false, true); // rollback always migrates
  return { release, changes: await planChanges(kube, originals, targets, write, req.showSecrets ?? false) };
}

/**
 * Previews `upgrade`, `rollback` or `install` (see the module doc): the
 * revision that would be made and every object that would change, with
 * its state now and after, Secret values masked unless `showSecrets`.
 * Nothing is written to the cluster or the release history.
 *
 * @throws ChartaError with the operation's own message (`"NAME" has no deployed releases`, …)
 */
export async function diffAction(req: DiffRequest, deps: UpgradeDeps): Promise<DiffResult> {
  const log: LogFn = deps.log ?? (() => {});
  switch (req.mode) {
    case "upgrade":
      return await diffUpgrade(req, deps);
    case "rollback":
      return await diffRollback(req, deps, log);
    case "install":
      return await diffInstall(req, deps, true);
  }
}
