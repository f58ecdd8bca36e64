/**
 * The `uninstall` action, as helm 4's `action.Uninstall`: pre-delete
 * hooks, the release's objects deleted in UninstallOrder (those annotated
 * `helm.sh/resource-policy: keep` kept), post-delete hooks, and the
 * records purged (or the last one marked `uninstalled` with
 * `--keep-history`).
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { isDriverError } from "../storage/driver.ts";
import { nowReleaseTime } from "../storage/record.ts";
import type { Release } from "../release/types.ts";
import { sortManifests, splitManifests, UninstallOrder } from "../release/manifest.ts";
import type { Configuration } from "./configuration.ts";
import type { LogFn } from "../log/slog.ts";
import { validateReleaseName } from "./template.ts";
import {
  buildResources,
  deleteResources,
  execHooks,
  type HookContext,
  type ResourceInfo,
} from "./release_objects.ts";

/** What `charta uninstall` was asked to do for one release. */
export interface UninstallRequest {
  /** The release name. */
  name: string;
  /** `--keep-history`. */
  keepHistory?: boolean;
  /** `--no-hooks`. */
  disableHooks?: boolean;
  /** `--ignore-not-found`. */
  ignoreNotFound?: boolean;
  /** `--dry-run`. */
  dryRun?: boolean;
  /** `--cascade`: background (default), foreground or orphan. */
  cascade?: "background" | "foreground" | "orphan";
  /** `--description`. */
  description?: string;
  /** `--timeout` in milliseconds (hooks, and waiting with `wait`). */
  timeoutMs?: number;
  /** `--wait`: with `watcher` or `legacy`, waits until the deleted objects are gone. */
  wait?: "watcher" | "hookOnly" | "legacy";
}

/** What uninstall gives back (helm's `UninstallReleaseResponse`). */
export interface UninstallResult {
  /** The release, absent when `--ignore-not-found` skipped it. */
  release?: Release;
  /** `These resources were kept due to the resource policy:\n[Kind] name\n…`, or empty. */
  info: string;
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const PROPAGATION = { background: "Background", foreground: "Foreground", orphan: "Orphan" } as const;

/**
 * Uninstalls one release as `helm uninstall NAME` does.
 *
 * @throws ChartaError with helm's message (`uninstall: Release not loaded: NAME: release: not found`, …)
 */
export async function uninstallAction(
  req: UninstallRequest,
  config: Configuration,
  log: LogFn = () => {},
): Promise<UninstallResult> {
  const kube = await config.kube();
  await kube.isReachable();
  const name = req.name;
  if (req.dryRun) {
    try {
      const rel = await config.storage.last(name);
      return { release: rel, info: "" };
    } catch (e) {
      if (req.ignoreNotFound && isDriverError(e, "not-found")) return { info: "" };
      throw e;
    }
  }
  try {
    validateReleaseName(name);
  } catch {
    throw new ChartaError(`uninstall: Release name is invalid: ${name}`);
  }
  let rels: Release[];
  try {
    rels = await config.storage.history(name);
  } catch (e) {
    if (req.ignoreNotFound) return { info: "" };
    throw new ChartaError(`uninstall: Release not loaded: ${name}: ${errMessage(e)}`, { cause: e });
  }
  if (rels.length < 1) throw new ChartaError("no release provided");
  rels = [...rels].sort((a, b) => a.version - b.version);
  const rel = rels[rels.length - 1];

  const purge = async () => {
    for (const r of rels) await config.storage.delete(r.name, r.version);
  };
  if (rel.info.status === "uninstalled") {
    if (!req.keepHistory) {
      try {
        await purge();
      } catch (e) {
        throw new ChartaError(`uninstall: Failed to purge the release: ${errMessage(e)}`, { cause: e });
      }
      return { release: rel, info: "" };
    }
    throw new ChartaError(`the release named ${JSON.stringify(name)} is already deleted`);
  }

  log("DEBUG", "uninstall: deleting release", [["name", name]]);
  rel.info.status = "uninstalling";
  rel.info.deleted = nowReleaseTime();
  rel.info.description = "Deletion in progress (or silently failed)";
  const hookCtx: HookContext = {
    kube,
    namespace: rel.namespace,
    timeoutMs: req.timeoutMs ?? 300_000,
    record: (r) => config.storage.update(r),
    log,
  };
  if (!req.disableHooks) await execHooks(hookCtx, rel, "pre-delete");
  try {
    await config.storage.update(rel);
  } catch (e) {
    log("DEBUG", "uninstall: Failed to store updated release", [["error", e]]);
  }

  // helm's deleteRelease: documents in UninstallOrder, `keep` ones left alone.
  let kept = "";
  const errs: string[] = [];
  let infos: ResourceInfo[] = [];
  try {
    const { manifests } = sortManifests(splitManifests(rel.manifest), null, UninstallOrder);
    let toDelete = "";
    for (const m of manifests) {
      const policy = m.head.metadata?.annotations?.["helm.sh/resource-policy"];
      if (policy !== undefined) {
        if (policy.trim().toLowerCase() === "keep") kept += `[${m.head.kind}] ${m.head.metadata!.name}\n`;
        continue;
      }
      toDelete += "\n---\n" + m.content;
    }
    infos = await buildResources(kube, toDelete, rel.namespace);
    if (infos.length > 0) {
      errs.push(...await deleteResources(kube, infos, PROPAGATION[req.cascade ?? "background"]));
    }
  } catch (e) {
    errs.push(errMessage(e));
  }
  if (errs.length) {
    log("DEBUG", "uninstall: Failed to delete release", [["error", errs.join("; ")]]);
    throw new ChartaError(`failed to delete release: ${name}`);
  }
  const info = kept ? "These resources were kept due to the resource policy:\n" + kept : "";

  const later: string[] = [];
  if (req.wait && req.wait !== "hookOnly" && infos.length > 0) {
    // helm 4's WaitForDelete: the objects must be gone (finalizers run) before post-delete hooks.
    const { waitForDelete } = await import("../wait/mod.ts");
    try {
      await waitForDelete(kube, infos, { strategy: req.wait, timeoutMs: req.timeoutMs ?? 300_000 });
    } catch (e) {
      later.push(errMessage(e));
    }
  }
  if (!req.disableHooks) {
    try {
      await execHooks(hookCtx, rel, "post-delete");
    } catch (e) {
      later.push(errMessage(e));
    }
  }
  rel.info.status = "uninstalled";
  rel.info.description = req.description ? req.description : "Uninstallation complete";
  const res = { release: rel, info };
  const done = () => {
    if (later.length) {
      throw new ChartaError(`uninstallation completed with ${later.length} error(s): ${later.join("; ")}`);
    }
    return res;
  };
  if (!req.keepHistory) {
    try {
      await purge();
    } catch (e) {
      later.push(`uninstall: Failed to purge the release: ${errMessage(e)}`);
    }
    return done();
  }
  try {
    await config.storage.update(rel);
  } catch (e) {
    log("DEBUG", "uninstall: Failed to store updated release", [["error", e]]);
  }
  let deployed: Release[] = [];
  try {
    deployed = await config.storage.deployedAll(name);
  } catch (e) {
    if (!isDriverError(e, "no-deployed")) throw e;
  }
  for (const d of deployed) {
    d.info.status = "superseded";
    try {
      await config.storage.update(d);
    } catch (e) {
      log("DEBUG", "uninstall: Failed to store updated release", [["error", e]]);
    }
  }
  return done();
}
