/**
 * One operation at a time on a release, and no release left stuck.
 *
 * helm marks a revision `pending-install|upgrade|rollback` while it works;
 * when its process dies, the revision stays pending forever and every later
 * operation fails with "another operation (install/upgrade/rollback) is in
 * progress". charta holds a Lease (coordination.k8s.io/v1, named
 * `charta.release.NAME`, in the release namespace) for the whole of an
 * operation: its holder names the host and process, and it is renewed
 * while the operation runs. The next operation that finds the lease
 * expired, or held by a process of this host that no longer exists, takes
 * it over and marks the revision its holder left pending as failed (saying
 * so), then proceeds. A lease held by a live operation refuses the second
 * one with a conflict error naming the holder. The release records are
 * untouched by all this, so helm reads them as before.
 *
 * Only the cluster drivers (Secret, ConfigMap) keep leases: the memory and
 * SQL drivers have no cluster to hold them.
 *
 * @module
 */
import { newestRevision } from "../storage/storage.ts";
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient } from "../kube/client.ts";
import { KubeApiError } from "../kube/client.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import type { Configuration } from "./configuration.ts";
import { failpoint } from "../failpoint/mod.ts";

/** How long a lease lasts without renewal. */
export const LEASE_SECONDS = 30;
/** How often a held lease is renewed. */
const RENEW_MS = 10_000;

/** A release operation refused because another one holds the release. */
export class OperationConflictError extends ChartaError {
  /** @param message what holds the release and until when */
  constructor(message: string) {
    super(message);
    this.name = "OperationConflictError";
  }
}

interface LeaseObject {
  apiVersion: "coordination.k8s.io/v1";
  kind: "Lease";
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
  };
}

/** A held lease. */
export interface HeldLease {
  /** Who holds it (`host/pid/start/random`). */
  readonly holder: string;
  /** The holder whose expired lease this operation took over, if any. */
  readonly tookOverFrom?: string;
  /** Stops renewing and deletes the lease. */
  release(): Promise<void>;
}

/** Kubernetes' MicroTime: RFC 3339 with microseconds. */
function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/**
 * A running process's start time in clock ticks (Linux), so a reused pid
 * is not taken for the holder; undefined when no such process runs (a
 * killed process not yet reaped by its parent counts as gone).
 */
function processStart(pid: number): string | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // Fields 3 (state) and 22 (start time), counted after the command name, which may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] === "Z" || fields[0] === "X" ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

function hostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown";
  }
}

/** This process's holder identity. */
function ownIdentity(): string {
  return `${hostName()}/${Deno.pid}/${processStart(Deno.pid) ?? "0"}/${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Whether the holder is certainly gone: a process of this host whose pid
 * no longer runs (or runs another program, started at another time).
 */
export function holderGone(holder: string): boolean {
  const [host, pid, start] = holder.split("/");
  if (host !== hostName() || !/^\d+$/.test(pid ?? "")) return false;
  const now = processStart(Number(pid));
  if (now === undefined) return Deno.build.os === "linux";
  return start !== "0" && now !== start;
}

function expired(lease: LeaseObject, now: Date): boolean {
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? "");
  if (Number.isNaN(renewed)) return true;
  return renewed + (lease.spec.leaseDurationSeconds ?? LEASE_SECONDS) * 1000 < now.getTime();
}

function leaseName(release: string): string {
  return `charta.release.${release}`;
}

function leasePath(namespace: string, name?: string): string {
  const base = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

function describeHolder(holder: string): string {
  const [host, pid] = holder.split("/");
  return pid ? `process ${pid} on ${host}` : holder;
}

/**
 * Takes the release's lease for `operation`, taking over one whose holder
 * is gone.
 *
 * @throws OperationConflictError when a live operation holds it
 */
export async function acquireLease(
  kube: KubeClient,
  namespace: string,
  release: string,
  operation: string,
  log: LogFn,
): Promise<HeldLease> {
  const holder = ownIdentity();
  const now = new Date();
  const body: LeaseObject = {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: leaseName(release),
      namespace,
      labels: { "app.kubernetes.io/managed-by": "charta", "charta.dev/release": release },
      annotations: { "charta.dev/operation": operation },
    },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: LEASE_SECONDS,
      acquireTime: microTime(now),
      renewTime: microTime(now),
    },
  };
  let current: LeaseObject;
  let tookOverFrom: string | undefined;
  try {
    current = await kube.requestJson<LeaseObject>("POST", leasePath(namespace), { body });
  } catch (e) {
    // No namespace yet (the record's own write reports it as helm does), or no right to leases:
    // the operation goes on unguarded, as helm's would.
    if (e instanceof KubeApiError && (e.code === 404 || e.code === 403)) {
      log("DEBUG", "release lease unavailable; going on without it", [["release", release], ["error", e]]);
      return { holder, release: async () => {} };
    }
    if (!(e instanceof KubeApiError && e.code === 409)) throw e;
    const existing = await kube.requestJson<LeaseObject>("GET", leasePath(namespace, leaseName(release)));
    const other = existing.spec.holderIdentity ?? "";
    if (!expired(existing, now) && !holderGone(other)) {
      const op = existing.metadata.annotations?.["charta.dev/operation"] ?? "operation";
      const until = new Date(
        Date.parse(existing.spec.renewTime ?? "") +
          (existing.spec.leaseDurationSeconds ?? LEASE_SECONDS) * 1000,
      );
      throw new OperationConflictError(
        `another operation (${op}) on release ${JSON.stringify(release)} is in progress: ` +
          `${describeHolder(other)} holds it (lease charta.release.${release} in namespace ${namespace}, ` +
          `renewed until ${until.toISOString()}); try again when it has finished`,
      );
    }
    try {
      current = await kube.requestJson<LeaseObject>("PUT", leasePath(namespace, leaseName(release)), {
        body: { ...body, metadata: { ...body.metadata, resourceVersion: existing.metadata.resourceVersion } },
      });
    } catch (e2) {
      if (e2 instanceof KubeApiError && e2.code === 409) {
        throw new OperationConflictError(
          `another operation on release ${
            JSON.stringify(release)
          } took it over at the same moment; try again`,
        );
      }
      throw e2;
    }
    tookOverFrom = other;
    log("DEBUG", "took over an abandoned release lease", [["release", release], ["holder", other]]);
  }

  let stopped = false;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = (async () => {
      if (stopped) return;
      try {
        current = await kube.requestJson<LeaseObject>("PUT", leasePath(namespace, leaseName(release)), {
          body: { ...current, spec: { ...current.spec, renewTime: microTime(new Date()) } },
        });
      } catch (e) {
        log("WARN", "could not renew the release lease", [["release", release], ["error", e]]);
      }
    })();
  }, RENEW_MS);
  // The renewal timer must not keep a finished command alive.
  Deno.unrefTimer(timer);

  return {
    holder,
    tookOverFrom,
    async release() {
      stopped = true;
      clearInterval(timer);
      await renewing;
      try {
        const res = await kube.request("DELETE", leasePath(namespace, leaseName(release)), {
          body: {
            kind: "DeleteOptions",
            apiVersion: "v1",
            preconditions: { resourceVersion: current.metadata.resourceVersion },
          },
        });
        if (res.status >= 300 && res.status !== 404 && res.status !== 409) {
          log("WARN", "could not delete the release lease", [["release", release], ["status", res.status]]);
        }
      } catch (e) {
        log("WARN", "could not delete the release lease", [["release", release], ["error", e]]);
      }
    },
  };
}

/**
 * Marks the revision an abandoned operation left pending as failed, saying
 * who left it; returns it, or undefined when the last revision is not
 * pending.
 */
export async function recoverPending(
  cfg: Configuration,
  release: string,
  holder: string,
  log: LogFn,
): Promise<Release | undefined> {
  let history: Release[];
  try {
    history = await cfg.storage.history(release);
  } catch {
    return undefined;
  }
  const last = newestRevision(history);
  if (!last?.info.status.startsWith("pending-")) return undefined;
  const was = last.info.status;
  last.info.status = "failed";
  last.info.description = `${was} abandoned: ${describeHolder(holder)} stopped before finishing; ` +
    "marked failed by charta";
  await cfg.storage.update(last);
  log(
    "WARN",
    `release ${JSON.stringify(release)}: revision ${last.version} was left ${was} by ${
      describeHolder(holder)
    }, which is gone; it is marked failed and this operation proceeds`,
  );
  return last;
}

/** Whether the configuration's storage keeps records in the cluster (where leases live). */
export function leasesApply(cfg: Configuration): boolean {
  const kind = cfg.storage.driver.name();
  return kind === "Secret" || kind === "ConfigMap";
}

/**
 * Runs `fn` holding the release's lease (for the cluster drivers),
 * recovering a revision left pending by a holder that is gone.
 */
export async function withReleaseLease<T>(
  cfg: Configuration,
  namespace: string,
  release: string,
  operation: string,
  log: LogFn,
  fn: () => Promise<T>,
): Promise<T> {
  if (!leasesApply(cfg)) return await fn();
  const kube = await cfg.kube();
  const lease = await acquireLease(kube, namespace, release, operation, log);
  try {
    await failpoint("lease:acquired");
    if (lease.tookOverFrom !== undefined) await recoverPending(cfg, release, lease.tookOverFrom, log);
    return await fn();
  } finally {
    await lease.release();
  }
}
