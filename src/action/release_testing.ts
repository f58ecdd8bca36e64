/**
 * `helm test`, as helm 4's `action.ReleaseTesting` (pkg/action/release_testing.go)
 * and its command (pkg/cmd/release_testing.go): the `test` hooks of the
 * newest revision run (filtered by name), their `last_run` stored in the
 * record, the release printed as `status` prints it (notes hidden), and
 * with `--logs` every container's log of the test pods, read before the
 * hooks are deleted by policy.
 *
 * @module
 */
import type { LogFn } from "../log/slog.ts";
import { ChartaError } from "../errors/mod.ts";
import { apiError, type KubeClient } from "../kube/client.ts";
import type { Hook, Release } from "../release/types.ts";
import type { ReadConfiguration } from "./release_config.ts";
import { formatStatusTable } from "./release_info.ts";
import { execHooksWithDelayedShutdown, type HookContext, type HookRun } from "./release_objects.ts";
import { nowReleaseTime } from "../storage/record.ts";
import { validateReleaseName } from "./template.ts";

/** Which tests run: helm's `Filters` map (`name` and `!name`). */
export interface TestFilters {
  /** Names to run (`name=X`); empty means all. */
  include: string[];
  /** Names to skip (`!name=X`). */
  exclude: string[];
}

/**
 * helm's reading of `--filter` values: `name=X` includes, `!name=X` (or
 * `! name=X`) excludes, anything else is ignored.
 */
export function parseTestFilters(values: readonly string[]): TestFilters {
  const out: TestFilters = { include: [], exclude: [] };
  const notName = /^!\s?name=/;
  for (const f of values) {
    if (f.startsWith("name=")) out.include.push(f.slice("name=".length));
    else if (notName.test(f)) out.exclude.push(f.replace(notName, ""));
  }
  return out;
}

/** What `charta test` was asked to do. */
export interface ReleaseTestRequest {
  /** The release name. */
  name: string;
  /** `--timeout` in milliseconds (each hook's wait). */
  timeoutMs?: number;
  /** `--filter`, parsed. */
  filters?: TestFilters;
  /** helm's log (hook output log policies write there). */
  log?: LogFn;
}

/** How a test run went (helm's `Run` results). */
export interface ReleaseTestRun {
  /** The release, absent when it could not be read. */
  release?: Release;
  /** Why the run failed. */
  error?: Error;
  /** Deletes the test hooks per their policies; call it after reading logs. */
  shutdown: () => Promise<void>;
}

const noop = () => Promise.resolve();

/** helm's `hookByWeight`: by weight, then name. */
function byWeight(a: Hook, b: Hook): number {
  return a.weight !== b.weight ? a.weight - b.weight : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The `test` hooks as helm runs them over its `PrintingKubeClient` (the
 * memory driver's client): nothing is created, waited for or deleted, so
 * each hook is recorded as running, then succeeds at once.
 */
async function execPrintedHooks(rel: Release, record: (r: Release) => Promise<void>): Promise<HookRun> {
  const hooks = (rel.hooks ?? []).filter((h) => h.events.includes("test")).sort(byWeight);
  for (const h of hooks) {
    if (!h.delete_policies || h.delete_policies.length === 0) h.delete_policies = ["before-hook-creation"];
    h.last_run = { started_at: nowReleaseTime(), phase: "Running" };
    try {
      await record(rel);
    } catch {
      // helm logs and goes on
    }
    h.last_run.completed_at = nowReleaseTime();
    h.last_run.phase = "Succeeded";
  }
  return { shutdown: noop };
}

function isMemory(rc: ReadConfiguration): boolean {
  return rc.cfg.storage.driver.name() === "Memory";
}

/**
 * helm's `ReleaseTesting.Run`: the newest revision's `test` hooks run
 * (after the filters), the record updated with their `last_run`, skipped
 * hooks first (helm stores them in that order).
 */
export async function releaseTesting(
  rc: ReadConfiguration,
  req: ReleaseTestRequest,
): Promise<ReleaseTestRun> {
  const fail = (error: unknown): ReleaseTestRun => ({ error: error as Error, shutdown: noop });
  try {
    await rc.reachable();
  } catch (e) {
    return fail(e);
  }
  try {
    validateReleaseName(req.name);
  } catch {
    return fail(new ChartaError(`releaseTest: Release name is invalid: ${req.name}`));
  }
  let rel: Release;
  try {
    rel = await rc.cfg.storage.last(req.name);
  } catch (e) {
    return fail(e);
  }
  const { include = [], exclude = [] } = req.filters ?? {};
  const skipped: Hook[] = [];
  let executing = rel.hooks ?? [];
  if (exclude.length > 0) {
    skipped.push(...executing.filter((h) => exclude.includes(h.name)));
    executing = executing.filter((h) => !exclude.includes(h.name));
  }
  if (include.length > 0) {
    skipped.push(...executing.filter((h) => !include.includes(h.name)));
    executing = executing.filter((h) => include.includes(h.name));
  }
  // The records written while hooks run hold only the running ones, as helm's do.
  rel.hooks = executing;
  const record = (r: Release) => rc.cfg.storage.update(r);
  let run: HookRun;
  if (isMemory(rc)) run = await execPrintedHooks(rel, record);
  else {
    let kube: KubeClient;
    try {
      kube = await rc.cfg.kube();
    } catch (e) {
      return { release: rel, ...fail(e) };
    }
    // helm creates test hooks server-side only for releases applied that way.
    const ctx: HookContext = {
      kube,
      namespace: rel.namespace,
      timeoutMs: req.timeoutMs ?? 300_000,
      record,
      serverSide: rel.apply_method === "ssa",
      log: req.log,
    };
    run = await execHooksWithDelayedShutdown(ctx, rel, "test");
  }
  rel.hooks = [...skipped, ...rel.hooks];
  if (run.error !== undefined) {
    try {
      await rc.cfg.storage.update(rel);
    } catch {
      // helm ignores this one: the hook's failure is what it reports
    }
    return { release: rel, error: run.error, shutdown: run.shutdown };
  }
  try {
    await rc.cfg.storage.update(rel);
  } catch (e) {
    return { release: rel, error: e as Error, shutdown: run.shutdown };
  }
  return { release: rel, shutdown: run.shutdown };
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface PodSpec {
  spec?: { initContainers?: Array<{ name: string }>; containers?: Array<{ name: string }> };
}

/**
 * helm's `GetPodLogs`: for each `test` hook by weight (filters applied),
 * `POD LOGS: POD (CONTAINER)` and the log of every init and regular
 * container of the pod of that name; stops at the first pod with errors.
 *
 * @throws {ChartaError} `unable to get pod …`, `unable to get logs for pod …, container …` (one line each)
 */
export async function writeTestPodLogs(
  kube: KubeClient,
  namespace: string,
  rel: Release,
  filters: TestFilters,
  out: (text: string) => void,
): Promise<void> {
  const hooks = [...rel.hooks ?? []].sort(byWeight);
  const ns = encodeURIComponent(namespace);
  for (const h of hooks) {
    for (const e of h.events) {
      if (e !== "test") continue;
      if (filters.exclude.includes(h.name)) continue;
      if (filters.include.length > 0 && !filters.include.includes(h.name)) continue;
      const pod = encodeURIComponent(h.name);
      let spec: PodSpec;
      try {
        spec = await kube.requestJson<PodSpec>("GET", `/api/v1/namespaces/${ns}/pods/${pod}`);
      } catch (err) {
        throw new ChartaError(`unable to get pod ${h.name}: ${errMessage(err)}`, { cause: err });
      }
      const containers = [...spec.spec?.initContainers ?? [], ...spec.spec?.containers ?? []];
      const errs: string[] = [];
      for (const c of containers) {
        let text: string;
        try {
          const res = await kube.request("GET", `/api/v1/namespaces/${ns}/pods/${pod}/log`, {
            query: { container: c.name },
            accept: "application/json, */*",
          });
          if (res.status < 200 || res.status > 299) throw apiError(res);
          text = res.body;
        } catch (err) {
          errs.push(`unable to get logs for pod ${h.name}, container ${c.name}: ${errMessage(err)}`);
          continue;
        }
        out(`POD LOGS: ${h.name} (${c.name})\n${text}\n`);
      }
      if (errs.length > 0) throw new ChartaError(errs.join("\n"));
    }
  }
}

/** What `charta test` prints and how. */
export interface TestCommandOptions extends ReleaseTestRequest {
  /** `--logs`. */
  logs?: boolean;
  /** `--debug`: values, hooks and manifest in the status. */
  debug?: boolean;
  /** The namespace the pods' logs are read in (helm takes the settings' one). */
  namespace: string;
}

/** `errors.Join` of the errors that are set. */
function joinErrors(...errs: Array<Error | undefined>): Error | undefined {
  const set = errs.filter((e): e is Error => e !== undefined);
  if (set.length <= 1) return set[0];
  return new ChartaError(set.map((e) => e.message).join("\n"), { cause: set[0] });
}

/**
 * `helm test RELEASE`: runs the tests, prints the release's status (and
 * with `logs` the test pods' logs) through `out`, then deletes hooks by
 * policy. A failed test still prints the status before its error.
 *
 * @throws {ChartaError} the release cannot be read, a test failed, logs could not be read
 */
export async function testRelease(
  rc: ReadConfiguration,
  options: TestCommandOptions,
  out: (text: string) => void,
): Promise<void> {
  const filters = options.filters ?? { include: [], exclude: [] };
  const run = await releaseTesting(rc, { ...options, filters });
  let err = run.error;
  try {
    if (run.release === undefined) throw err;
    out(formatStatusTable(run.release, { debug: options.debug, hideNotes: true }));
    if (options.logs) {
      out("\n");
      try {
        await writeTestPodLogs(await rc.cfg.kube(), options.namespace, run.release, filters, out);
      } catch (e) {
        err = joinErrors(err, e as Error);
      }
    }
  } finally {
    try {
      await run.shutdown();
    } catch (e) {
      err ??= e as Error;
    }
  }
  if (err !== undefined) throw err;
}
