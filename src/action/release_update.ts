/**
 * helm 4's `kube.Client.Update`, which upgrade and rollback share: every
 * object of the new manifest is created when missing or updated when
 * present (server-side apply, replacement with `--force-replace`, or a
 * three-way patch for releases applied client-side), then the objects of
 * the old manifest that the new one no longer has are deleted, except
 * those annotated `helm.sh/resource-policy: keep`.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient, KubeObject } from "../kube/client.ts";
import { KubeApiError } from "../kube/client.ts";
import { applyResources, type ResourceInfo } from "./release_objects.ts";
import type { LogFn } from "../log/slog.ts";
import { failpoint } from "../failpoint/mod.ts";

/** How objects are updated. */
export interface UpdateOptions {
  /** Server-side apply (helm 4's default); otherwise a client-side three-way patch. */
  serverSide: boolean;
  /** `--force-replace`: objects are replaced (PUT) instead. */
  forceReplace?: boolean;
  /** `--force-conflicts`: server-side apply takes conflicting fields. */
  forceConflicts?: boolean;
  /**
   * Moves client-side managed fields of `helm` to its server-side apply
   * entry first (a release changing from client-side to server-side apply).
   */
  upgradeClientSideFieldManager?: boolean;
  /** A three-way JSON merge patch for custom resources (rollback: false; upgrade: helm's default). */
  threeWayMergeForUnstructured?: boolean;
}

/** What an update did (helm's `kube.Result`). */
export interface UpdateResult {
  /** Objects that did not exist and were created (even when creating failed). */
  created: ResourceInfo[];
  /** Objects that existed and were updated. */
  updated: ResourceInfo[];
  /** Objects of the old manifest deleted. */
  deleted: ResourceInfo[];
}

/** An update failure, with what was done before it. */
export class UpdateError extends ChartaError {
  /** What the update did before failing (for `--cleanup-on-fail`). */
  readonly result: UpdateResult;
  /** @param message helm's text; @param result see {@link UpdateError.result} */
  constructor(message: string, result: UpdateResult, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UpdateError";
    this.result = result;
  }
}

/** helm's `ResourceList.Get` match: same name, namespace, group and kind. */
function sameObject(a: ResourceInfo, b: ResourceInfo): boolean {
  return a.name === b.name && a.namespace === b.namespace && a.mapping.group === b.mapping.group &&
    a.mapping.kind === b.mapping.kind;
}

/** `helm.sh/resource-policy: keep` on the live object. */
export function hasKeepPolicy(obj: KubeObject | undefined): boolean {
  return obj?.metadata?.annotations?.["helm.sh/resource-policy"] === "keep";
}

async function liveObject(kube: KubeClient, info: ResourceInfo): Promise<KubeObject | undefined> {
  try {
    return await kube.get(info.object, info.namespace);
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return undefined;
    throw e;
  }
}

/** The client-side apply functions (loaded only for releases applied client-side). */
type ClientSide = typeof import("../kube/client_side_apply.ts");

/**
 * Runs `fn` over the targets kind by kind (InstallOrder), the objects of a
 * kind concurrently: helm visits them one at a time, but objects of one
 * kind never depend on each other.
 */
async function byKind(infos: ResourceInfo[], fn: (i: ResourceInfo) => Promise<void>): Promise<void> {
  let i = 0;
  while (i < infos.length) {
    let j = i;
    while (j < infos.length && infos[j].mapping.kind === infos[i].mapping.kind) j++;
    const results = await Promise.allSettled(infos.slice(i, j).map(fn));
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
    i = j;
    if (i < infos.length) await failpoint("update:mid-apply");
  }
}

/**
 * helm's `Client.Update(originals, targets)`: creates, updates, then
 * deletes what the targets dropped.
 *
 * @throws UpdateError with helm's text (update errors joined with ` && `)
 */
export async function updateResources(
  kube: KubeClient,
  originals: ResourceInfo[],
  targets: ResourceInfo[],
  options: UpdateOptions,
  log: LogFn = () => {},
): Promise<UpdateResult> {
  if (options.forceConflicts && options.forceReplace) {
    throw new UpdateError(
      "invalid operation: cannot use force conflicts and force replace together",
      empty(),
    );
  }
  const res: UpdateResult = empty();
  const updateErrors: string[] = [];
  const csa: ClientSide | undefined = options.serverSide && !options.upgradeClientSideFieldManager &&
      !options.forceReplace
    ? undefined
    : await import("../kube/client_side_apply.ts");

  const create = async (info: ResourceInfo): Promise<void> => {
    if (options.serverSide) await applyResources(kube, [info], { force: options.forceConflicts });
    else await csa!.createClientSide(kube, info);
  };
  const update = async (original: KubeObject, info: ResourceInfo): Promise<void> => {
    if (options.forceReplace) return void await csa!.replaceResource(kube, info);
    if (options.serverSide) {
      if (options.upgradeClientSideFieldManager) await csa!.upgradeClientSideFieldManager(kube, info);
      return await applyResources(kube, [info], { force: options.forceConflicts });
    }
    await csa!.patchClientSide(kube, original, info, {
      threeWayMergeForUnstructured: options.threeWayMergeForUnstructured ?? false,
    });
  };

  try {
    await byKind(targets, async (target) => {
      let live: KubeObject | undefined;
      try {
        live = await liveObject(kube, target);
      } catch (e) {
        throw new ChartaError(`could not get information about the resource: ${(e as Error).message}`, {
          cause: e,
        });
      }
      if (!live) {
        res.created.push(target);
        try {
          await create(target);
        } catch (e) {
          throw new ChartaError(`failed to create resource: ${(e as Error).message}`, { cause: e });
        }
        return;
      }
      // An object the old release did not have (adopted, or kept by a resource policy): its live state is the baseline.
      let original = originals.find((o) => sameObject(o, target))?.object;
      if (!original) {
        log(
          "WARN",
          "resource exists on cluster but not in original release, using cluster state as baseline",
          [
            ["namespace", target.namespace],
            ["name", target.name],
            ["kind", target.mapping.kind],
          ],
        );
        original = live;
      }
      try {
        await update(original, target);
      } catch (e) {
        updateErrors.push((e as Error).message);
      }
      res.updated.push(target);
    });
  } catch (e) {
    throw new UpdateError((e as Error).message, res, { cause: e });
  }
  if (updateErrors.length) throw new UpdateError(updateErrors.join(" && "), res);

  const gone = originals.filter((o) => !targets.some((t) => sameObject(o, t)));
  await Promise.all(gone.map(async (info) => {
    let live: KubeObject | undefined;
    try {
      live = await liveObject(kube, info);
    } catch {
      return; // helm logs and skips objects it cannot read
    }
    if (!live || hasKeepPolicy(live)) return;
    try {
      await kube.delete(info.object, {
        namespace: info.namespace || undefined,
        propagationPolicy: "Background",
      });
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 404) return;
      updateErrors.push(
        `failed to delete resource namespace=${info.namespace}, name=${info.name}, kind=${info.mapping.kind}: ${
          (e as Error).message
        }`,
      );
      return;
    }
    res.deleted.push(info);
  }));
  if (updateErrors.length) throw new UpdateError(updateErrors.join(" && "), res);
  return res;
}

function empty(): UpdateResult {
  return { created: [], updated: [], deleted: [] };
}
