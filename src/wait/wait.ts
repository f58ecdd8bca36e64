/**
 * Waiting for a release's objects, as helm 4's waiters do it:
 *
 * - `watcher` (`--wait`): kstatus over watches. One list-then-watch per
 *   kind and namespace (filtered to the awaited names); every change
 *   recomputes the object's status; done when every object is Current
 *   (a Failed one stops being waited for: intervention is needed). On
 *   timeout, helm's error: one `resource Kind/ns/name not ready. status:
 *   S, message: M` line per object not Current, then `context deadline
 *   exceeded`; charta appends why (conditions, pods, events).
 * - `legacy`: helm 3's ready checker polled every 2 s; `context deadline
 *   exceeded` on timeout.
 * - `hookOnly` (helm 4's default): does not wait.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient, KubeObject } from "../kube/client.ts";
import { listAndWatch } from "../kube/watch.ts";
import type { ResourceInfo } from "../action/release_objects.ts";
import {
  computeStatus,
  helmJobStatus,
  helmPodStatus,
  isPodController,
  isPodUnschedulable,
  SCHEDULE_WINDOW_MS,
  type Status,
  type StatusResult,
  withPodFailures,
} from "./status.ts";
import { isRetryableError, type LabelSelector, legacyIsReady, selectorString } from "./legacy.ts";
import { explain } from "./explain.ts";
import type { ProgressSink, ResourceState } from "./progress.ts";

/** helm 4's wait strategies (`--wait=watcher|legacy|hookOnly`). */
export type WaitStrategy = "watcher" | "legacy" | "hookOnly";

/** helm's default when a zero timeout reaches the status waiter. */
export const DEFAULT_STATUS_WATCHER_TIMEOUT_MS = 30_000;

/** Options of {@link waitForResources}. */
export interface WaitOptions {
  strategy: WaitStrategy;
  /** `--timeout` in ms; 0 means helm's default (30 s for the watcher, none for legacy). */
  timeoutMs: number;
  /** `--wait-for-jobs`: Jobs must complete (else a started Job counts as ready). */
  waitForJobs?: boolean;
  /** Live progress (see `defaultProgress`); none by default. */
  progress?: ProgressSink;
  /** Cancels the wait (`context canceled`). */
  signal?: AbortSignal;
  /** Append why each object is not ready to the error (default true). */
  explain?: boolean;
}

/**
 * A wait that did not succeed. `message` starts with helm's text
 * ({@link helmMessage}); {@link details} (charta's reasons) follows it.
 */
export class WaitError extends ChartaError {
  /**
   * @param helmMessage exactly what helm 4 reports
   * @param details charta's explanation lines (may be empty)
   */
  constructor(readonly helmMessage: string, readonly details: string[] = []) {
    super(details.length ? `${helmMessage}\n${details.join("\n")}` : helmMessage);
    this.name = "WaitError";
  }
}

/**
 * The text helm would have for an error: a {@link WaitError}'s
 * {@link WaitError.helmMessage} (without charta's reasons), else the
 * message. For what is recorded (a release's description), where helm's
 * bytes matter.
 */
export function helmErrorText(e: unknown): string {
  return e instanceof WaitError ? e.helmMessage : e instanceof Error ? e.message : String(e);
}

interface Entry {
  info: ResourceInfo;
  state: ResourceState;
  latest?: KubeObject;
  seq: number;
  recheck?: ReturnType<typeof setTimeout>;
}

type Reader = (obj: KubeObject, kube: KubeClient, signal: AbortSignal) => Promise<StatusResult>;

function stateOf(info: ResourceInfo): ResourceState {
  return {
    id: `${info.mapping.kind}/${info.namespace}/${info.name}`,
    kind: info.mapping.kind,
    namespace: info.namespace,
    name: info.name,
    status: "Unknown",
    message: "",
  };
}

/** kstatus's default readers, with helm's Job reader when jobs are awaited. */
function defaultReader(waitForJobs: boolean): Reader {
  return async (obj, kube) => {
    const now = Date.now();
    if (waitForJobs && obj.kind === "Job" && obj.apiVersion?.startsWith("batch/")) return helmJobStatus(obj);
    const own = computeStatus(obj, now);
    if (!isPodController(obj) || own.status !== "InProgress") return own;
    const sel = selectorString((obj.spec as { selector?: LabelSelector } | undefined)?.selector);
    if (!sel) return own;
    try {
      const pods = await kube.list("v1", "Pod", { namespace: obj.metadata?.namespace, labelSelector: sel });
      return withPodFailures(own, pods.items, now);
    } catch (e) {
      return { status: "Unknown", message: (e as Error).message };
    }
  };
}

/** helm's hook readers (`WatchUntilReady`): Jobs must complete, Pods succeed; anything else is ready. */
const hookReader: Reader = (obj) => {
  const g = obj.apiVersion?.includes("/") ? obj.apiVersion.split("/")[0] : "";
  if (g === "batch" && obj.kind === "Job") return Promise.resolve(helmJobStatus(obj));
  if (g === "" && obj.kind === "Pod") return Promise.resolve(helmPodStatus(obj));
  return Promise.resolve({ status: "Current", message: "Resource is current" });
};

/** helm's `statusObserver`: whether every object that still counts reached `desired`. */
export function reached(states: readonly { status: Status }[], desired: "Current" | "NotFound"): boolean {
  const counted = states.filter((s) =>
    !(s.status === "Unknown" && desired === "NotFound") && !(s.status === "Failed" && desired === "Current")
  );
  if (counted.some((s) => s.status === "Failed")) return false;
  if (counted.some((s) => s.status === "Unknown")) return false;
  return counted.every((s) => s.status === desired);
}

/**
 * Watches `entries` until `desired` is reached, the timeout passes or the
 * signal aborts. Returns how it ended.
 */
async function watchUntil(
  kube: KubeClient,
  entries: Entry[],
  desired: "Current" | "NotFound",
  read: Reader,
  timeoutMs: number,
  progress: ProgressSink | undefined,
  outer: AbortSignal | undefined,
): Promise<"done" | "timeout" | "canceled" | Error> {
  const all = entries.map((e) => e.state);
  const ctl = new AbortController();
  let outcome: "done" | "timeout" | "canceled" | Error | undefined;
  let finish!: () => void;
  const finished = new Promise<void>((r) => finish = r);
  const stop = (o: "done" | "timeout" | "canceled" | Error) => {
    if (outcome) return;
    outcome = o;
    ctl.abort();
    finish();
  };
  const timer = setTimeout(() => stop("timeout"), timeoutMs);
  const onAbort = () => stop("canceled");
  outer?.addEventListener("abort", onAbort);
  if (outer?.aborted) stop("canceled");

  // As helm's observer, judge only once every watch has listed (an object not listed yet is Unknown,
  // which a wait for deletion would take as gone).
  let syncedGroups = 0;
  let groupCount = 0;
  const check = () => {
    if (!outcome && syncedGroups === groupCount && reached(all, desired)) stop("done");
  };
  const set = (e: Entry, r: StatusResult) => {
    if (outcome) return;
    if (e.state.status === r.status && e.state.message === r.message) return;
    e.state.status = r.status;
    e.state.message = r.message;
    progress?.changed(e.state, all);
    check();
  };
  const pending = new Set<Promise<void>>();
  const update = (e: Entry, obj: KubeObject | undefined) => {
    const p = read1(e, obj);
    pending.add(p);
    p.catch(() => {}).finally(() => pending.delete(p));
  };
  const read1 = async (e: Entry, obj: KubeObject | undefined) => {
    const seq = ++e.seq;
    if (e.recheck !== undefined) clearTimeout(e.recheck);
    e.recheck = undefined;
    e.latest = obj;
    if (!obj) return set(e, { status: "NotFound", message: "Resource not found" });
    let r: StatusResult;
    try {
      r = await read(obj, kube, ctl.signal);
    } catch (err) {
      r = { status: "Unknown", message: (err as Error).message };
    }
    if (seq !== e.seq) return; // a newer version of the object arrived meanwhile
    set(e, r);
    // kstatus reads an unschedulable pod again once its scheduling window has passed.
    if (r.status === "InProgress" && isPodUnschedulable(obj) && !outcome) {
      e.recheck = setTimeout(() => update(e, e.latest), SCHEDULE_WINDOW_MS);
    }
  };

  // One watch per kind and namespace, as kstatus's RESTScopeNamespace.
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const m = e.info.mapping;
    const k = `${m.group}/${m.kind}/${e.info.namespace}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  groupCount = groups.size;
  progress?.begin(all, timeoutMs, desired === "Current" ? "ready" : "deleted");
  let detailTimer: ReturnType<typeof setInterval> | undefined;
  let firstDetails: ReturnType<typeof setTimeout> | undefined;
  if (progress?.wantsDetails && progress.details && desired === "Current") {
    const sink = progress;
    let busy = false;
    const refresh = async () => {
      if (busy || outcome) return;
      busy = true;
      try {
        for (const e of entries) {
          if (outcome) break;
          if (e.state.status === "Current" || e.state.status === "Unknown") continue;
          const lines = await explain(kube, e.info, e.latest);
          if (!outcome) sink.details!(e.state.id, lines);
        }
      } finally {
        busy = false;
      }
    };
    // Soon after the start (most objects are ready within a second), then every few seconds.
    firstDetails = setTimeout(refresh, 1000);
    detailTimer = setInterval(refresh, 3000);
  }
  check();
  const watches = [...groups.values()].map(async (group) => {
    // A name listed twice (a duplicated manifest document) is one object with one status.
    const byName = new Map<string, Entry[]>();
    for (const e of group) byName.set(e.info.name, [...(byName.get(e.info.name) ?? []), e]);
    const m = group[0].info.mapping;
    try {
      await listAndWatch(kube, m, {
        onEvent: (type, obj) => {
          for (const e of byName.get(obj.metadata?.name ?? "") ?? []) {
            update(e, type === "DELETED" ? undefined : obj);
          }
        },
        onSynced: async () => {
          await Promise.allSettled([...pending]);
          syncedGroups++;
          check();
        },
      }, {
        namespace: m.namespaced ? group[0].info.namespace : "",
        fieldSelector: byName.size === 1 ? `metadata.name=${group[0].info.name}` : undefined,
        signal: ctl.signal,
      });
    } catch (err) {
      stop(err as Error);
    }
  });
  await finished;
  clearTimeout(timer);
  if (detailTimer !== undefined) clearInterval(detailTimer);
  clearTimeout(firstDetails);
  outer?.removeEventListener("abort", onAbort);
  for (const e of entries) if (e.recheck !== undefined) clearTimeout(e.recheck);
  // The watches end on abort; should one hang in the transport, the wait still returns.
  let grace: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.allSettled(watches), new Promise((r) => grace = setTimeout(r, 2000))]);
  clearTimeout(grace);
  progress?.end(outcome === "done");
  return outcome!;
}

/** Objects explained in an error at most (each costs a few reads after the timeout). */
const MAX_EXPLAINED = 10;

async function detailsFor(
  kube: KubeClient,
  entries: Entry[],
  want: (e: Entry) => boolean,
): Promise<string[]> {
  const bad = entries.filter(want);
  const shown = bad.slice(0, MAX_EXPLAINED);
  const explained = await Promise.all(shown.map((e) => explain(kube, e.info, e.latest).catch(() => [])));
  const out: string[] = [];
  shown.forEach((e, i) => {
    if (explained[i].length === 0) return;
    out.push(`${e.state.id}:`);
    for (const l of explained[i]) out.push(`  ${l}`);
  });
  if (bad.length > shown.length) out.push(`(${bad.length - shown.length} more objects not explained)`);
  return out;
}

function timeoutOf(ms: number): number {
  return ms > 0 ? ms : DEFAULT_STATUS_WATCHER_TIMEOUT_MS;
}

/**
 * helm's `Waiter.Wait`/`WaitWithJobs`: waits until every resource is
 * ready by the chosen strategy.
 *
 * @throws WaitError on timeout or failure, with helm's message first
 */
export async function waitForResources(
  kube: KubeClient,
  resources: ResourceInfo[],
  options: WaitOptions,
): Promise<void> {
  if (options.strategy === "hookOnly") return;
  if (options.strategy === "legacy") return await legacyWait(kube, resources, options);
  // helm skips paused Deployments (as written in the chart).
  const entries: Entry[] = resources
    .filter((r) =>
      !(r.mapping.kind === "Deployment" &&
        (r.object.spec as { paused?: boolean } | undefined)?.paused === true)
    )
    .map((info) => ({ info, state: stateOf(info), seq: 0 }));
  const timeoutMs = timeoutOf(options.timeoutMs);
  const outcome = await watchUntil(
    kube,
    entries,
    "Current",
    defaultReader(options.waitForJobs ?? false),
    timeoutMs,
    options.progress,
    options.signal,
  );
  await report(kube, entries, outcome, "Current", options.explain ?? true);
}

/**
 * helm's `WatchUntilReady` with the status watcher (hooks): Jobs until
 * complete, Pods until succeeded, anything else ready at once.
 *
 * @throws WaitError as {@link waitForResources}
 */
export async function watchUntilReady(
  kube: KubeClient,
  resources: ResourceInfo[],
  options: { timeoutMs: number; progress?: ProgressSink; signal?: AbortSignal; explain?: boolean },
): Promise<void> {
  const entries = resources.map((info) => ({ info, state: stateOf(info), seq: 0 }));
  const outcome = await watchUntil(
    kube,
    entries,
    "Current",
    hookReader,
    timeoutOf(options.timeoutMs),
    options.progress,
    options.signal,
  );
  await report(kube, entries, outcome, "Current", options.explain ?? false);
}

/**
 * helm's `WaitForDelete` (`uninstall --wait`): until every resource is
 * gone. `hookOnly` does not wait; `legacy` polls GETs every 2 s.
 *
 * @throws WaitError with helm's `resource Kind/ns/name still exists. …` lines
 */
export async function waitForDelete(
  kube: KubeClient,
  resources: ResourceInfo[],
  options: Omit<WaitOptions, "waitForJobs">,
): Promise<void> {
  if (options.strategy === "hookOnly") return;
  if (options.strategy === "legacy") {
    await legacyPoll(options.timeoutMs, options.signal, async () => {
      for (const r of resources) {
        try {
          await kube.get(r.object, r.namespace);
          return false;
        } catch (e) {
          if (!(e instanceof Error && "code" in e && (e as { code: number }).code === 404)) throw e;
        }
      }
      return true;
    });
    return;
  }
  const entries = resources.map((info) => ({ info, state: stateOf(info), seq: 0 }));
  const outcome = await watchUntil(
    kube,
    entries,
    "NotFound",
    (obj) => Promise.resolve(computeStatus(obj)),
    timeoutOf(options.timeoutMs),
    options.progress,
    options.signal,
  );
  await report(kube, entries, outcome, "NotFound", false);
}

async function report(
  kube: KubeClient,
  entries: Entry[],
  outcome: "done" | "timeout" | "canceled" | Error,
  desired: "Current" | "NotFound",
  withDetails: boolean,
): Promise<void> {
  if (outcome instanceof Error) {
    throw new WaitError(outcome.message);
  }
  const errs: string[] = [];
  const bad = (e: Entry) =>
    desired === "Current"
      ? e.state.status !== "Current"
      : e.state.status !== "NotFound" && e.state.status !== "Unknown";
  for (const e of entries) {
    if (!bad(e)) continue;
    errs.push(
      desired === "Current"
        ? `resource ${e.state.id} not ready. status: ${e.state.status}, message: ${e.state.message}`
        : `resource ${e.state.id} still exists. status: ${e.state.status}, message: ${e.state.message}`,
    );
  }
  if (outcome === "timeout") errs.push("context deadline exceeded");
  if (outcome === "canceled") errs.push("context canceled");
  if (errs.length === 0) return;
  const details = withDetails ? await detailsFor(kube, entries, bad) : [];
  throw new WaitError(errs.join("\n"), details);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done);
  });
}

/** `wait.PollUntilContextCancel` every 2 s (first check at once); `timeoutMs` 0 = no limit, as helm's legacy waiter. */
async function legacyPoll(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  cond: () => Promise<boolean>,
): Promise<void> {
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  for (;;) {
    if (signal?.aborted) throw new WaitError("context canceled");
    if (Date.now() >= deadline) throw new WaitError("context deadline exceeded");
    if (await cond()) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new WaitError("context deadline exceeded");
    await sleep(Math.min(2000, left), signal);
    if (Date.now() >= deadline) throw new WaitError("context deadline exceeded");
  }
}

/** helm 3's `waitForResources`: resources checked in order each round; transient errors retried 30 times. */
async function legacyWait(kube: KubeClient, resources: ResourceInfo[], options: WaitOptions): Promise<void> {
  const errors = resources.map(() => 0);
  const progress = options.progress;
  const states = resources.map(stateOf);
  progress?.begin(states, options.timeoutMs, "ready");
  let ok = false;
  try {
    await legacyPoll(options.timeoutMs, options.signal, async () => {
      for (let i = 0; i < resources.length; i++) {
        let ready = false;
        let err: unknown;
        try {
          ready = await legacyIsReady(kube, resources[i], options.waitForJobs ?? false);
        } catch (e) {
          err = e;
        }
        if (err !== undefined && isRetryableError(err)) {
          errors[i]++;
          if (errors[i] > 30) throw err;
          return false;
        }
        errors[i] = 0;
        if (err !== undefined) throw err;
        const s: Status = ready ? "Current" : "InProgress";
        if (states[i].status !== s) {
          states[i].status = s;
          progress?.changed(states[i], states);
        }
        if (!ready) return false;
      }
      return true;
    });
    ok = true;
  } finally {
    progress?.end(ok);
  }
}

/**
 * helm's legacy `WatchUntilReady` (hooks under `--wait=legacy`): each
 * Job until complete and each Pod until succeeded, one watch each, kinds
 * in turn and objects of a kind together, each with its own timeout (0:
 * none). Errors are helm's: `job NAME failed: REASON`, `pod NAME failed`,
 * `timed out waiting for the condition`; several are joined by newlines.
 */
export async function legacyWatchUntilReady(
  kube: KubeClient,
  resources: ResourceInfo[],
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const one = async (info: ResourceInfo): Promise<void> => {
    const kind = info.mapping.kind;
    if (kind !== "Job" && kind !== "Pod") return;
    const ctl = new AbortController();
    let result: Error | null | undefined; // null: done
    let finish!: () => void;
    const finished = new Promise<void>((r) => finish = r);
    const end = (r: Error | null) => {
      if (result !== undefined) return;
      result = r;
      ctl.abort();
      finish();
    };
    const timer = options.timeoutMs > 0
      ? setTimeout(() => end(new ChartaError("timed out waiting for the condition")), options.timeoutMs)
      : undefined;
    const onAbort = () => end(new ChartaError("timed out waiting for the condition"));
    options.signal?.addEventListener("abort", onAbort);
    const name = info.name;
    const watch = listAndWatch(kube, info.mapping, {
      onEvent: (type, obj) => {
        if (type === "DELETED") return end(null);
        const st = obj.status as
          | { phase?: string; conditions?: Array<{ type: string; status: string; reason?: string }> }
          | undefined;
        if (kind === "Job") {
          for (const c of st?.conditions ?? []) {
            if (c.type === "Complete" && c.status === "True") return end(null);
            if (c.type === "Failed" && c.status === "True") {
              return end(new ChartaError(`job ${name} failed: ${c.reason ?? ""}`));
            }
          }
        } else if (st?.phase === "Succeeded") return end(null);
        else if (st?.phase === "Failed") return end(new ChartaError(`pod ${name} failed`));
      },
    }, {
      namespace: info.mapping.namespaced ? info.namespace : "",
      fieldSelector: `metadata.name=${name}`,
      signal: ctl.signal,
    }).catch((e) => end(e as Error));
    await finished;
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    await watch;
    if (result) throw result;
  };
  const errs: string[] = [];
  let i = 0;
  while (i < resources.length) {
    let j = i;
    while (j < resources.length && resources[j].mapping.kind === resources[i].mapping.kind) j++;
    const results = await Promise.allSettled(resources.slice(i, j).map(one));
    for (const r of results) if (r.status === "rejected") errs.push((r.reason as Error).message);
    i = j;
  }
  if (errs.length) throw new ChartaError(errs.join("\n"));
}
