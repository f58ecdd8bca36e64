/**
 * The Kubernetes side of release actions, as helm's `kube.Client` and
 * `action` helpers do it: building objects from a manifest (namespace
 * defaulted, REST mapping checked), ownership metadata and the adoption
 * check, creating with server-side apply in kind batches, deleting, and
 * hooks (delete policies, weights, waiting for Jobs and Pods).
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient, KubeObject, ResourceMapping } from "../kube/client.ts";
import { KubeApiError, NoKindMatchError } from "../kube/client.ts";
import { parseAllYaml } from "../goyaml/parse.ts";
import type { Hook, HookEvent, Release } from "../release/types.ts";
import { nowReleaseTime } from "../storage/record.ts";
import { failpoint } from "../failpoint/mod.ts";
import type { LogFn } from "../log/slog.ts";

/** An object of a release with its REST mapping (helm's `resource.Info`). */
export interface ResourceInfo {
  /** The object as sent to the server. */
  object: KubeObject;
  /** Where its kind is served. */
  mapping: ResourceMapping;
  /** Its namespace (`""` for cluster-scoped kinds). */
  namespace: string;
  /** Its name. */
  name: string;
}

/** helm's `resourceString`: `Kind "name" in namespace "ns"`. */
export function resourceString(info: ResourceInfo): string {
  return `${info.mapping.kind} ${JSON.stringify(info.name)} in namespace ${JSON.stringify(info.namespace)}`;
}

/** The group/version/kind as Go prints a `GroupVersionKind` (`apps/v1, Kind=Deployment`, `/v1, Kind=Service`). */
function gvkString(m: ResourceMapping): string {
  return `${m.group}/${m.version}, Kind=${m.kind}`;
}

/**
 * helm's `KubeClient.Build`: every document of the manifest as an object,
 * namespaced ones without a namespace put in `namespace`.
 *
 * @throws ChartaError for YAML errors and kinds the server does not serve
 */
export async function buildResources(
  kube: KubeClient,
  manifest: string,
  namespace: string,
): Promise<ResourceInfo[]> {
  let docs: unknown[];
  try {
    docs = parseAllYaml(manifest);
  } catch (e) {
    throw new ChartaError(`error parsing : ${(e as Error).message}`, { cause: e });
  }
  const out: ResourceInfo[] = [];
  const errs: string[] = [];
  for (const doc of docs) {
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) continue;
    const object = doc as KubeObject;
    if (Object.keys(object).length === 0) continue;
    const name = object.metadata?.name ?? "";
    let mapping: ResourceMapping;
    try {
      if (!object.apiVersion || !object.kind) {
        throw new ChartaError(`Object 'Kind' is missing in '${JSON.stringify(object)}'`);
      }
      mapping = await kube.mapping(object.apiVersion, object.kind);
    } catch (e) {
      if (e instanceof NoKindMatchError) {
        errs.push(
          `resource mapping not found for name: ${JSON.stringify(name)} namespace: ${
            JSON.stringify(object.metadata?.namespace ?? "")
          } from "": ${e.message}\nensure CRDs are installed first`,
        );
        continue;
      }
      throw e;
    }
    let ns = "";
    if (mapping.namespaced) {
      ns = object.metadata?.namespace || namespace;
      object.metadata = { ...object.metadata, namespace: ns };
    }
    out.push({ object, mapping, namespace: ns, name });
  }
  if (errs.length === 1) throw new ChartaError(errs[0]);
  if (errs.length > 1) throw new ChartaError(`[${errs.join(", ")}]`);
  return out;
}

const MANAGED_BY = "app.kubernetes.io/managed-by";
const RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
const RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";

/** helm's `setMetadataVisitor` with forced ownership: the managed-by label and release annotations. */
export function setOwnership(infos: ResourceInfo[], releaseName: string, releaseNamespace: string): void {
  for (const info of infos) {
    const md = info.object.metadata ??= {};
    md.labels = { ...(md.labels ?? {}), [MANAGED_BY]: "Helm" };
    md.annotations = {
      ...(md.annotations ?? {}),
      [RELEASE_NAME_ANNOTATION]: releaseName,
      [RELEASE_NAMESPACE_ANNOTATION]: releaseNamespace,
    };
  }
}

function requireValue(m: Record<string, string> | undefined, k: string, v: string): string | undefined {
  const actual = m?.[k];
  if (actual === undefined) return `missing key ${JSON.stringify(k)}: must be set to ${JSON.stringify(v)}`;
  if (actual !== v) {
    return `key ${JSON.stringify(k)} must equal ${JSON.stringify(v)}: current value is ${
      JSON.stringify(actual)
    }`;
  }
  return undefined;
}

/** helm's `checkOwnership`: the error text, or undefined when the object belongs to the release. */
export function checkOwnership(
  obj: KubeObject,
  releaseName: string,
  releaseNamespace: string,
): string | undefined {
  const errs: string[] = [];
  const l = requireValue(obj.metadata?.labels, MANAGED_BY, "Helm");
  if (l) errs.push(`label validation error: ${l}`);
  const a1 = requireValue(obj.metadata?.annotations, RELEASE_NAME_ANNOTATION, releaseName);
  if (a1) errs.push(`annotation validation error: ${a1}`);
  const a2 = requireValue(obj.metadata?.annotations, RELEASE_NAMESPACE_ANNOTATION, releaseNamespace);
  if (a2) errs.push(`annotation validation error: ${a2}`);
  return errs.length ? `invalid ownership metadata; ${errs.join("; ")}` : undefined;
}

async function getExisting(kube: KubeClient, info: ResourceInfo): Promise<KubeObject | undefined> {
  try {
    return await kube.get(info.object, info.namespace);
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return undefined;
    throw new ChartaError(
      `could not get information about the resource ${resourceString(info)}: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** Existence checks of an install sent at once (each resource kind is paced by the client's limiter). */
const EXISTENCE_CHECKS_IN_FLIGHT = 16;

/**
 * helm's `existingResourceConflict` (or `requireAdoption` with
 * `takeOwnership`): the objects that already exist, failing for one owned
 * by something else.
 */
export async function existingResources(
  kube: KubeClient,
  infos: ResourceInfo[],
  releaseName: string,
  releaseNamespace: string,
  takeOwnership: boolean,
): Promise<ResourceInfo[]> {
  const out: ResourceInfo[] = [];
  const named = infos.filter((info) => info.name || !info.object.metadata?.generateName);
  // The GETs go out together (a few at a time) but are judged in order: the error reported is the
  // one helm's sequential loop would stop at.
  const found: Array<Promise<KubeObject | undefined>> = [];
  let next = 0;
  const fetchUpTo = (end: number) => {
    while (next < Math.min(named.length, end)) {
      const p = getExisting(kube, named[next++]);
      p.catch(() => {}); // judged in order below; an earlier failure must not leave this one unhandled
      found.push(p);
    }
  };
  for (let k = 0; k < named.length; k++) {
    fetchUpTo(k + EXISTENCE_CHECKS_IN_FLIGHT);
    const info = named[k];
    const existing = await found[k];
    if (!existing) continue;
    if (!takeOwnership) {
      const err = checkOwnership(existing, releaseName, releaseNamespace);
      if (err) {
        throw new ChartaError(
          `${resourceString(info)} exists and cannot be imported into the current release: ${err}`,
        );
      }
    }
    out.push(info);
  }
  return out;
}

/** Runs `fn` over the objects as helm's `perform`: objects of one kind in a row concurrently, kinds in turn; errors joined. */
export async function perform(infos: ResourceInfo[], fn: (i: ResourceInfo) => Promise<void>): Promise<void> {
  const errs: string[] = [];
  let i = 0;
  while (i < infos.length) {
    let j = i;
    while (j < infos.length && infos[j].mapping.kind === infos[i].mapping.kind) j++;
    const results = await Promise.allSettled(infos.slice(i, j).map(fn));
    for (const r of results) {
      if (r.status === "rejected") errs.push((r.reason as Error).message ?? String(r.reason));
    }
    i = j;
  }
  if (errs.length) throw new ChartaError(errs.join("\n"));
}

/**
 * helm's `Client.Create` with server-side apply (its default): each object
 * applied whole with field manager `helm`, strict field validation.
 */
export async function applyResources(
  kube: KubeClient,
  infos: ResourceInfo[],
  options: { force?: boolean; dryRun?: boolean } = {},
): Promise<void> {
  if (infos.length === 0) return;
  await perform(infos, async (info) => {
    try {
      await kube.apply(info.object, {
        namespace: info.namespace || undefined,
        force: options.force ?? false,
        dryRun: options.dryRun,
        fieldValidation: "Strict",
      });
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 409) {
        throw new ChartaError(
          `conflict occurred while applying object ${info.namespace}/${info.name} ${
            gvkString(info.mapping)
          }: ${e.message}`,
          { cause: e },
        );
      }
      if (e instanceof KubeApiError && e.code === 415) {
        throw new ChartaError(`server-side apply not available on the server: ${e.message}`, { cause: e });
      }
      throw new ChartaError(
        `server-side apply failed for object ${info.namespace}/${info.name} ${gvkString(info.mapping)}: ${
          (e as Error).message
        }`,
        { cause: e },
      );
    }
  });
}

/** helm's `Client.Delete`: every object deleted (NotFound ignored), errors collected. */
export async function deleteResources(
  kube: KubeClient,
  infos: ResourceInfo[],
  propagationPolicy: "Background" | "Foreground" | "Orphan" = "Background",
): Promise<string[]> {
  const errs: string[] = [];
  // Kind by kind in the given order, objects of one kind concurrently (helm's perform).
  let i = 0;
  while (i < infos.length) {
    let j = i;
    while (j < infos.length && infos[j].mapping.kind === infos[i].mapping.kind) j++;
    await Promise.all(
      infos.slice(i, j).map(async (info) => {
        try {
          await kube.delete(info.object, { namespace: info.namespace || undefined, propagationPolicy });
        } catch (e) {
          if (e instanceof KubeApiError && e.code === 404) return;
          errs.push((e as Error).message);
        }
      }),
    );
    i = j;
  }
  return errs;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Waits until a hook Job completes or a hook Pod succeeds (other kinds are
 * ready once seen), as helm's `WatchUntilReady` with the status watcher:
 * watches, helm's messages (`resource Job/ns/name not ready. status: …`).
 */
export async function waitHookReady(
  kube: KubeClient,
  infos: ResourceInfo[],
  timeoutMs: number,
  legacy = false,
): Promise<void> {
  const { legacyWatchUntilReady, watchUntilReady } = await import("../wait/wait.ts");
  // `--wait=legacy` waits for hooks with helm 3's checker, as helm 4 does.
  if (legacy) await legacyWatchUntilReady(kube, infos, { timeoutMs });
  else await watchUntilReady(kube, infos, { timeoutMs });
}

/** What running hooks needs. */
export interface HookContext {
  kube: KubeClient;
  /** The release namespace (objects without one go there). */
  namespace: string;
  /** `--timeout` in milliseconds. */
  timeoutMs: number;
  /** Saves the release (helm records it before each hook runs). */
  record: (rel: Release) => Promise<void>;
  /**
   * How hook objects are created: server-side apply (default), or a
   * client-side create for releases applied client-side, as helm 4 does.
   */
  serverSide?: boolean;
  /** `--wait=legacy`: hooks are waited for with helm 3's checker. */
  legacyWait?: boolean;
  /**
   * helm's log: the container logs a hook's `helm.sh/hook-output-log-policy`
   * asks for arrive here at INFO, as helm's `log.Writer()` passes them on.
   */
  log?: LogFn;
}

function hasDeletePolicy(h: Hook, policy: string): boolean {
  return (h.delete_policies ?? []).includes(policy as "hook-succeeded");
}

async function deleteHookByPolicy(ctx: HookContext, h: Hook, policy: string): Promise<void> {
  if (h.kind === "CustomResourceDefinition" || !hasDeletePolicy(h, policy)) return;
  const infos = await buildResources(ctx.kube, h.manifest, ctx.namespace);
  const errs = await deleteResources(ctx.kube, infos, "Background");
  if (errs.length) throw new ChartaError(errs.join("; "));
  // The next hook of the same name must not collide with the one being deleted.
  await waitGone(ctx.kube, infos, ctx.timeoutMs);
}

async function waitGone(kube: KubeClient, infos: ResourceInfo[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + (timeoutMs > 0 ? timeoutMs : 300_000);
  for (const info of infos) {
    while (Date.now() < deadline) {
      try {
        await kube.get(info.object, info.namespace);
      } catch (e) {
        if (e instanceof KubeApiError && e.code === 404) break;
        throw e;
      }
      await sleep(200);
    }
  }
}

/** helm's `deriveNamespace`: the hook's own `metadata.namespace`, else the release's. */
function hookNamespace(h: Hook, releaseNamespace: string): string {
  let doc: unknown;
  try {
    doc = parseAllYaml(h.manifest)[0];
  } catch (e) {
    throw new ChartaError(
      `unable to parse metadata.namespace from kubernetes manifest for output logs hook ${h.path}: ${
        (e as Error).message
      }`,
      { cause: e },
    );
  }
  const ns = (doc as { metadata?: { namespace?: unknown } } | null)?.metadata?.namespace;
  return typeof ns === "string" && ns !== "" ? ns : releaseNamespace;
}

/**
 * helm's `outputLogsByPolicy`: when the hook's output log policy names
 * `policy`, the logs of every container of its pods (a Job's by `job-name`,
 * a Pod itself), each passed to the log at INFO.
 */
async function outputLogsByPolicy(ctx: HookContext, h: Hook, policy: "hook-succeeded" | "hook-failed") {
  if (!(h.output_log_policies ?? []).includes(policy)) return;
  const ns = hookNamespace(h, ctx.namespace);
  let query: Record<string, string>;
  if (h.kind === "Job") query = { labelSelector: `job-name=${h.name}` };
  else if (h.kind === "Pod") query = { fieldSelector: `metadata.name=${h.name}` };
  else return;
  const base = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`;
  const pods = await ctx.kube.requestJson<{
    items?: Array<{ metadata: { name: string }; spec?: { containers?: Array<{ name: string }> } }>;
  }>("GET", base, { query });
  for (const pod of pods.items ?? []) {
    for (const c of pod.spec?.containers ?? []) {
      let text: string;
      try {
        const res = await ctx.kube.request("GET", `${base}/${encodeURIComponent(pod.metadata.name)}/log`, {
          query: { container: c.name },
          accept: "*/*",
        });
        if (res.status < 200 || res.status > 299) throw new Error(String(res.status));
        text = res.body;
      } catch (e) {
        throw new ChartaError(
          `failed to stream pod logs for pod: ${pod.metadata.name}, container: ${c.name}`,
          {
            cause: e,
          },
        );
      }
      // One write through Go's log writer: one record, its final newline dropped.
      if (text !== "") ctx.log?.("INFO", text.endsWith("\n") ? text.slice(0, -1) : text);
    }
  }
}

/** {@link outputLogsByPolicy}, whose failures helm only logs. */
async function outputLogs(ctx: HookContext, h: Hook, policy: "hook-succeeded" | "hook-failed") {
  try {
    await outputLogsByPolicy(ctx, h, policy);
  } catch (e) {
    ctx.log?.("INFO", `error outputting logs for hook failure: ${(e as Error).message}`);
  }
}

/**
 * helm's `execHook`: the release's hooks for `event`, by weight then name,
 * each deleted first per `before-hook-creation` (the default policy),
 * created with server-side apply, waited for, and deleted per
 * `hook-succeeded`/`hook-failed`; `last_run` is kept in the release.
 */
export async function execHooks(ctx: HookContext, rel: Release, event: HookEvent): Promise<void> {
  const run = await execHooksWithDelayedShutdown(ctx, rel, event);
  // As helm: a failing clean-up replaces the hook's error.
  await run.shutdown();
  if (run.error !== undefined) throw run.error;
}

/** What {@link execHooksWithDelayedShutdown} leaves to do, and how the hooks went. */
export interface HookRun {
  /** Deletes hooks per `hook-succeeded`/`hook-failed` (a no-op when a hook never got to run). */
  shutdown: () => Promise<void>;
  /** Why the hooks stopped; undefined when they all succeeded. */
  error?: Error;
}

/**
 * helm's `execHookWithDelayedShutdown`: {@link execHooks} with the
 * deletions by policy left to the caller, so that `test --logs` reads the
 * pods before they go.
 */
export async function execHooksWithDelayedShutdown(
  ctx: HookContext,
  rel: Release,
  event: HookEvent,
): Promise<HookRun> {
  const noop = () => Promise.resolve();
  const hooks = (rel.hooks ?? []).filter((h) => h.events.includes(event));
  hooks.sort((a, b) =>
    a.weight !== b.weight ? a.weight - b.weight : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  for (let i = 0; i < hooks.length; i++) {
    const h = hooks[i];
    if (!h.delete_policies || h.delete_policies.length === 0) h.delete_policies = ["before-hook-creation"];
    try {
      await deleteHookByPolicy(ctx, h, "before-hook-creation");
    } catch (e) {
      return { shutdown: noop, error: e as Error };
    }
    let infos: ResourceInfo[];
    try {
      infos = await buildResources(ctx.kube, h.manifest, ctx.namespace);
    } catch (e) {
      return {
        shutdown: noop,
        error: new ChartaError(
          `unable to build kubernetes object for ${event} hook ${h.path}: ${(e as Error).message}`,
          { cause: e },
        ),
      };
    }
    h.last_run = { started_at: nowReleaseTime(), phase: "Running" };
    try {
      await ctx.record(rel);
    } catch {
      // helm logs and goes on
    }
    h.last_run.phase = "Unknown";
    try {
      if (ctx.serverSide === false) {
        const { createClientSide } = await import("../kube/client_side_apply.ts");
        await perform(infos, async (info) => {
          await createClientSide(ctx.kube, info);
        });
      } else await applyResources(ctx.kube, infos);
      await failpoint(`hook:${event}`);
    } catch (e) {
      h.last_run.completed_at = nowReleaseTime();
      h.last_run.phase = "Failed";
      return {
        shutdown: noop,
        error: new ChartaError(`warning: Hook ${event} ${h.path} failed: ${(e as Error).message}`, {
          cause: e,
        }),
      };
    }
    try {
      await waitHookReady(ctx.kube, infos, ctx.timeoutMs, ctx.legacyWait);
    } catch (e) {
      h.last_run.completed_at = nowReleaseTime();
      h.last_run.phase = "Failed";
      await outputLogs(ctx, h, "hook-failed");
      const done = hooks.slice(0, i);
      return {
        error: e as Error,
        shutdown: async () => {
          try {
            await deleteHookByPolicy(ctx, h, "hook-failed");
          } catch {
            // helm only logs this
          }
          for (const d of done) await deleteHookByPolicy(ctx, d, "hook-succeeded");
        },
      };
    }
    h.last_run.completed_at = nowReleaseTime();
    h.last_run.phase = "Succeeded";
  }
  return {
    shutdown: async () => {
      for (let i = hooks.length - 1; i >= 0; i--) {
        await outputLogs(ctx, hooks[i], "hook-succeeded");
        await deleteHookByPolicy(ctx, hooks[i], "hook-succeeded");
      }
    },
  };
}
