/**
 * The `install` action, as helm 4's `action.Install`: the chart is loaded
 * and rendered as `template` does (shared steps of `template.ts`), then on
 * the cluster: CRDs of `crds/` applied first, the release recorded as
 * `pending-install`, pre-install hooks, the objects created with
 * server-side apply in InstallOrder (ownership label and annotations set,
 * objects owned by something else refused), post-install hooks, and the
 * record marked `deployed` (or `failed` with the reason).
 *
 * @module
 */
import { newestRevision } from "../storage/storage.ts";
import type { ChartPathRequest } from "./chart_path.ts";
import { ChartaError } from "../errors/mod.ts";
import type { Chart } from "../chart/types.ts";
import { processDependencies } from "../chart/dependencies.ts";
import { Capabilities, defaultCapabilities, KubeVersion, toRenderValues } from "../engine/mod.ts";
import type { LogFn } from "../log/slog.ts";
import type { Configuration } from "./configuration.ts";
import type { KubeClient } from "../kube/client.ts";
import { KubeApiError } from "../kube/client.ts";
import type { Release } from "../release/types.ts";
import type { ValueOptions } from "../values/types.ts";
import { encodeRelease, nowReleaseTime, releaseToJson, storedChart } from "../storage/record.ts";
import {
  coalesceAndValidate,
  loadRequestedChart,
  nameAndChart,
  templateCapabilities,
  type TemplateDeps,
  validateReleaseName,
} from "./template.ts";
import { crdObjects } from "./template_output.ts";
import { checkUserLabels, renderInto } from "./release_render.ts";
import { updateResources } from "./release_update.ts";
import { recordedMessage, waitForRelease, type WaitRequest } from "./release_wait.ts";
import { acquireLease, leasesApply, recoverPending } from "./release_lease.ts";
import {
  applyResources,
  buildResources,
  execHooks,
  existingResources,
  type HookContext,
  perform,
  type ResourceInfo,
  setOwnership,
} from "./release_objects.ts";

/** `--dry-run`: none (install), client (render only) or server (also check against the cluster). */
export type DryRunStrategy = "none" | "client" | "server";

/** What `charta install` was asked to do. */
export interface InstallRequest extends WaitRequest {
  /** `[NAME] CHART` as given. */
  args: readonly string[];
  /** `-g/--generate-name`. */
  generateName?: boolean;
  /** `--name-template`. */
  nameTemplate?: string;
  /** The release namespace. */
  namespace: string;
  /** The user's values flags. */
  values: ValueOptions;
  /** `--create-namespace`. */
  createNamespace?: boolean;
  /** `--dry-run`. */
  dryRun?: DryRunStrategy;
  /** `--no-hooks`. */
  disableHooks?: boolean;
  /** `--description`. */
  description?: string;
  /** `--labels`: labels of the release record. */
  labels?: Record<string, string>;
  /** `--skip-crds`. */
  skipCrds?: boolean;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** `--render-subchart-notes`. */
  subNotes?: boolean;
  /** `--hide-secret` (dry runs only). */
  hideSecret?: boolean;
  /** `--timeout` in milliseconds (hooks). */
  timeoutMs?: number;
  /** `--replace`. */
  replace?: boolean;
  /** `--take-ownership`. */
  takeOwnership?: boolean;
  /** `--server-side` (default true): recorded as the apply method; objects are always applied server-side. */
  serverSide?: boolean;
  /** `--force-conflicts`. */
  forceConflicts?: boolean;
  /** `--enable-dns`. */
  enableDNS?: boolean;
  /** `--debug`. */
  debug?: boolean;
  /** `--rollback-on-failure` (helm 3's `--atomic`): a failed install is uninstalled. */
  rollbackOnFailure?: boolean;
  /** `--force-replace` (only for objects being adopted). */
  forceReplace?: boolean;
  /** `--version`, `--repo`, `--verify`, `--keyring`, `--devel`. */
  chartPath?: ChartPathRequest;
  /** `--dependency-update`: fetch missing dependencies first. */
  dependencyUpdate?: boolean;
}

/** What install needs from its surroundings. */
export interface InstallDeps extends TemplateDeps {
  /** Storage and the Kubernetes client of the release namespace. */
  config: Configuration;
}

/** An install failure, with the release as far as it got (helm prints nothing else). */
export class InstallError extends ChartaError {
  /** The release, when one was made. */
  readonly release?: Release;
  /** @param message helm's error text; @param release the release so far */
  constructor(message: string, release?: Release, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InstallError";
    this.release = release;
  }
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The most a Secret's or ConfigMap's data may hold (the API server's
 * validation of both kinds): 1 MiB.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** A record of the chart and values alone, to size before anything is rendered. */
function provisionalRecord(
  name: string,
  namespace: string,
  chart: Chart,
  values: Release["config"],
): Release {
  const ts = nowReleaseTime();
  return {
    name,
    namespace,
    chart: storedChart(chart),
    config: values,
    info: { first_deployed: ts, last_deployed: ts, status: "pending-install" },
    manifest: "",
    version: 1,
  };
}

/**
 * Refuses a release whose record the API server would refuse. helm 4 has no
 * such check: it applies CRDs (and creates the namespace) and only then
 * fails on `create: failed to create: Secret … is invalid: data: Too long`.
 * charta stops before anything is applied, with the size and the limit.
 */
function checkRecordSize(cfg: Configuration, rel: Release): void {
  const kind = cfg.storage.driver.name();
  if (kind !== "Secret" && kind !== "ConfigMap") return;
  // base64(gzip(json)) is at most about 4/3 of the JSON: small records need no compression to be sized.
  const jsonBytes = new TextEncoder().encode(releaseToJson(rel)).length;
  if (jsonBytes * 1.4 + 1024 < MAX_RECORD_BYTES) return;
  const size = encodeRelease(rel).length;
  if (size <= MAX_RECORD_BYTES) return;
  const quoted = JSON.stringify(rel.name);
  throw new ChartaError(
    `release ${quoted} is too large to be stored in a ${kind}: its record is ${size} bytes after encoding, ` +
      `more than the limit of ${MAX_RECORD_BYTES} bytes (1 MiB); nothing was applied`,
  );
}

/** helm's `getCapabilities` against the server: its version and every group/version and group/version/Kind it serves. */
export async function serverCapabilities(kube: KubeClient): Promise<Capabilities> {
  const [v, mappings] = await Promise.all([kube.serverVersion(), kube.mappings()]);
  const set = new Set<string>();
  for (const m of mappings) {
    const gv = m.group ? `${m.group}/${m.version}` : m.version;
    set.add(gv);
    set.add(`${gv}/${m.kind}`);
  }
  const kv = new KubeVersion(v.gitVersion, v.major, v.minor);
  return new Capabilities(kv, [...set].sort(), defaultCapabilities().HelmVersion);
}

async function installCrds(kube: KubeClient, chart: Chart, namespace: string, force: boolean): Promise<void> {
  const decoder = new TextDecoder();
  const all: ResourceInfo[] = [];
  for (const crd of crdObjects(chart)) {
    let infos: ResourceInfo[];
    try {
      infos = await buildResources(kube, decoder.decode(crd.file.data), namespace);
    } catch (e) {
      throw new ChartaError(`failed to install CRD ${crd.name}: ${errMessage(e)}`, { cause: e });
    }
    if (infos.length === 0) throw new ChartaError(`failed to install CRD ${crd.name}: resources are empty`);
    try {
      await applyResources(kube, infos, { force });
    } catch (e) {
      throw new ChartaError(`failed to install CRD ${crd.name}: ${errMessage(e)}`, { cause: e });
    }
    all.push(...infos);
  }
  if (all.length === 0) return;
  // The kinds must be served before objects of them are mapped.
  const deadline = Date.now() + 60_000;
  for (const info of all) {
    if (info.mapping.kind !== "CustomResourceDefinition") continue;
    while (Date.now() < deadline) {
      const o = await kube.get(info.object);
      const conds = ((o.status ?? {}) as { conditions?: Array<{ type: string; status: string }> }).conditions;
      if (conds?.some((c) => c.type === "Established" && c.status === "True")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  kube.invalidateDiscovery();
}

/**
 * Installs a chart as `helm install` does; returns the release (for a dry
 * run, the release that would be installed).
 *
 * @throws InstallError (or ChartaError) with helm's message; the command prefixes `INSTALLATION FAILED: `
 */
export async function installAction(req: InstallRequest, deps: InstallDeps): Promise<Release> {
  const log: LogFn = deps.log ?? (() => {});
  const dryRun = req.dryRun ?? "none";
  const isDryRun = dryRun !== "none";
  const wait = req.rollbackOnFailure && (req.wait ?? "hookOnly") === "hookOnly" ? "watcher" : req.wait;
  const server = dryRun !== "client";
  const [name, chartRef] = await nameAndChart(
    { ...req, isUpgrade: false },
    deps.now ?? (() => Math.floor(Date.now() / 1000)),
  );
  const { chart, values } = await loadRequestedChart(chartRef, req, deps);
  const cfg = deps.config;

  let kube: KubeClient | undefined;
  if (server) {
    try {
      // A missing context fails while the client is made: helm reports it as unreachable too.
      kube = await cfg.kube();
      await kube.isReachable();
    } catch (e) {
      log("ERROR", `cluster reachability check failed: ${errMessage(e)}`);
      throw new ChartaError(`cluster reachability check failed: ${errMessage(e)}`, { cause: e });
    }
  }
  if (!isDryRun && req.hideSecret) {
    log("ERROR", "hiding Kubernetes secrets requires a dry-run mode");
    throw new ChartaError("hiding Kubernetes secrets requires a dry-run mode");
  }

  // helm's availableName.
  try {
    validateReleaseName(name);
    if (!isDryRun) {
      let history: Release[] = [];
      try {
        history = await cfg.storage.history(name);
      } catch {
        // no history: the name is free
      }
      const last = newestRevision(history);
      if (last) {
        const st = last.info.status;
        if (!(req.replace && (st === "uninstalled" || st === "failed"))) {
          throw new ChartaError("cannot reuse a name that is still in use");
        }
      }
    }
  } catch (e) {
    log("ERROR", "release name check failed", [["error", e]]);
    throw new ChartaError(`release name check failed: ${errMessage(e)}`, { cause: e });
  }

  try {
    processDependencies(chart, values, { log });
  } catch (e) {
    log("ERROR", "chart dependencies processing failed", [["error", e]]);
    throw new ChartaError(`chart dependencies processing failed: ${errMessage(e)}`, { cause: e });
  }

  if (server && !req.skipCrds && crdObjects(chart).length > 0) {
    // CRDs are applied before rendering: a record that cannot be stored must stop the install before them.
    if (!isDryRun) checkRecordSize(cfg, provisionalRecord(name, req.namespace, chart, values));
    if (isDryRun) {
      log(
        "WARN",
        "This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies.",
      );
    } else await installCrds(kube!, chart, req.namespace, req.forceConflicts ?? false);
  }

  const caps = server ? await serverCapabilities(kube!) : templateCapabilities();
  const coalesced = await coalesceAndValidate(chart, values, req, log);
  const vals = toRenderValues(chart, coalesced, {
    name,
    namespace: req.namespace,
    revision: 1,
    isInstall: true,
    isUpgrade: false,
  }, caps);

  const labels = req.labels ?? {};
  checkUserLabels(labels);

  const ts = nowReleaseTime();
  const rel: Release = {
    name,
    namespace: req.namespace,
    chart: storedChart(chart),
    config: values,
    info: { first_deployed: ts, last_deployed: ts, status: "unknown" },
    manifest: "",
    version: 1,
    labels: Object.keys(labels).length ? { ...labels } : undefined,
    apply_method: req.serverSide === false ? "csa" : "ssa",
  };

  try {
    await renderInto(rel, chart, vals, {
      caps,
      subNotes: req.subNotes,
      hideSecret: req.hideSecret,
      enableDNS: req.enableDNS,
      log,
      kube: server ? kube : undefined,
    });
  } catch (e) {
    rel.info.status = "failed";
    rel.info.description = `failed to render resource: ${errMessage(e)}`;
    throw new InstallError(errMessage(e), rel, { cause: e });
  }
  rel.info.status = "pending-install";
  rel.info.description = "Initial install underway";
  if (!isDryRun) checkRecordSize(cfg, rel);

  let resources: ResourceInfo[] = [];
  let toBeAdopted: ResourceInfo[] = [];
  if (server) {
    try {
      resources = await buildResources(kube!, rel.manifest, req.namespace);
    } catch (e) {
      throw new ChartaError(`unable to build kubernetes objects from release manifest: ${errMessage(e)}`, {
        cause: e,
      });
    }
    setOwnership(resources, name, req.namespace);
    if (resources.length > 0) {
      try {
        toBeAdopted = await existingResources(
          kube!,
          resources,
          name,
          req.namespace,
          req.takeOwnership ?? false,
        );
      } catch (e) {
        throw new ChartaError(`unable to continue with install: ${errMessage(e)}`, { cause: e });
      }
    }
  }

  if (isDryRun) {
    rel.info.description = "Dry run complete";
    return rel;
  }
  kube = kube!;

  if (req.createNamespace) {
    try {
      await kube.apply({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: req.namespace, labels: { name: req.namespace } },
      });
    } catch (e) {
      if (!(e instanceof KubeApiError && e.code === 409)) throw e;
    }
  }

  // One operation at a time on a release; a revision abandoned by a dead process is recovered first.
  const lease = leasesApply(cfg) ? await acquireLease(kube, req.namespace, name, "install", log) : undefined;
  try {
    if (lease?.tookOverFrom !== undefined) await recoverPending(cfg, name, lease.tookOverFrom, log);
    if (req.replace) {
      let history: Release[] = [];
      try {
        history = await cfg.storage.history(name);
      } catch {
        // none
      }
      const last = newestRevision(history);
      if (last) {
        rel.version = last.version + 1;
        if (last.info.status !== "failed") {
          last.info.status = "superseded";
          last.info.description = "superseded by new release";
          await cfg.storage.update(last);
        }
      }
    }

    await cfg.storage.create(rel);

    const hookCtx: HookContext = {
      kube,
      namespace: req.namespace,
      timeoutMs: req.timeoutMs ?? 300_000,
      record: (r) => cfg.storage.update(r),
      serverSide: req.serverSide !== false,
      legacyWait: wait === "legacy",
      log,
    };
    try {
      if (!req.disableHooks) {
        try {
          await execHooks(hookCtx, rel, "pre-install");
        } catch (e) {
          throw new ChartaError(`failed pre-install: ${errMessage(e)}`, { cause: e });
        }
      }
      const serverSide = req.serverSide !== false;
      if (toBeAdopted.length === 0 && resources.length > 0) {
        if (serverSide) await applyResources(kube, resources);
        else {
          const { createClientSide } = await import("../kube/client_side_apply.ts");
          await perform(resources, async (info) => {
            await createClientSide(kube!, info);
          });
        }
      } else if (resources.length > 0) {
        await updateResources(kube, toBeAdopted, resources, {
          serverSide,
          forceReplace: req.forceReplace,
          forceConflicts: req.forceConflicts,
          threeWayMergeForUnstructured: (req.takeOwnership ?? false) && !serverSide,
          upgradeClientSideFieldManager: true,
        }, log);
      }
      await waitForRelease(kube, resources, { ...req, wait }, log);
      if (!req.disableHooks) {
        try {
          await execHooks(hookCtx, rel, "post-install");
        } catch (e) {
          throw new ChartaError(`failed post-install: ${errMessage(e)}`, { cause: e });
        }
      }
    } catch (e) {
      rel.info.status = "failed";
      rel.info.description = `Release ${JSON.stringify(name)} failed: ${recordedMessage(e)}`;
      if (req.rollbackOnFailure) {
        log("DEBUG", "install failed and rollback-on-failure is set, uninstalling release", [[
          "release",
          name,
        ]]);
        const { uninstallAction } = await import("./uninstall.ts");
        try {
          await uninstallAction({ name, disableHooks: req.disableHooks, timeoutMs: req.timeoutMs }, cfg, log);
        } catch (ue) {
          throw new InstallError(
            `an error occurred while uninstalling the release. original install error: ${errMessage(e)}: ${
              errMessage(ue)
            }`,
            rel,
            { cause: e },
          );
        }
        throw new InstallError(
          `release ${name} failed, and has been uninstalled due to rollback-on-failure being set: ${
            errMessage(e)
          }`,
          rel,
          { cause: e },
        );
      }
      try {
        await cfg.storage.update(rel);
      } catch {
        // helm ignores this: the install error matters more
      }
      throw new InstallError(errMessage(e), rel, { cause: e });
    }
    rel.info.status = "deployed";
    rel.info.description = req.description ? req.description : "Install complete";
    try {
      await cfg.storage.update(rel);
    } catch (e) {
      log("ERROR", "failed to record the release", [["error", e]]);
    }
    return rel;
  } finally {
    await lease?.release();
  }
}
