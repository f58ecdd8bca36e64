/**
 * The local control plane for integration tests (scripts/cluster, docs/cluster.md).
 *
 * @module
 */
import { clusterAvailable, type ClusterInfo, ensureCluster } from "../../scripts/cluster/mod.ts";

export type { ClusterInfo };

/**
 * Whether tests needing a cluster run: its binaries are built (then
 * {@link testCluster} starts or reuses it in seconds). Locally they are
 * skipped otherwise; in CI (`CI` set) the absence is a failure, since
 * `.ci/run` starts the cluster before the tests.
 */
export function clusterForTests(): boolean {
  const ok = clusterAvailable();
  if (!ok && Deno.env.get("CI")) {
    throw new Error("the local cluster is not built; .ci/run must start it (deno task cluster:up)");
  }
  return ok;
}

/** Starts the cluster or reuses the running one; it keeps running after the tests (`deno task cluster:down`). */
export function testCluster(): Promise<ClusterInfo> {
  return ensureCluster();
}
