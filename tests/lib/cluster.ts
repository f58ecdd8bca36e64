/**
 * The local control plane for integration tests (scripts/cluster, docs/cluster.md).
 *
 * @module
 */
import { clusterAvailable, type ClusterInfo, ensureCluster, kubeClient } from "../../scripts/cluster/mod.ts";
import { charta, helm, type RunResult } from "./cli.ts";

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

/** What a test gets in its own namespace. */
export interface NamespaceEnv {
  /** The namespace, created for the test and deleted after it. */
  ns: string;
  /** A scratch HOME, so no helm file of the machine's leaks in. */
  home: string;
  /** The cluster's admin kubeconfig. */
  kubeconfig: string;
  /** The environment commands run with (`HOME`, `PATH`, `KUBECONFIG`, `HELM_NAMESPACE`). */
  env: Record<string, string>;
  /** charta in-process with that environment. */
  charta: (...args: string[]) => Promise<RunResult>;
  /** A helm binary (`bin`) with that environment. */
  helmWith: (bin: string, ...args: string[]) => Promise<RunResult>;
  /** A raw request to the API server as the admin (`body` sent as JSON unless `headers` say otherwise). */
  kube: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

/**
 * Runs `fn` in a fresh namespace (`PREFIX-xxxxxxxx`) on the test cluster,
 * then deletes the namespace and the scratch HOME, whatever happened.
 */
export async function inTestNamespace(prefix: string, fn: (e: NamespaceEnv) => Promise<void>): Promise<void> {
  const info = await testCluster();
  const c = await kubeClient(info);
  const ns = `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
  const home = await Deno.makeTempDir();
  const env = {
    HOME: home,
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    KUBECONFIG: info.kubeconfig,
    HELM_NAMESPACE: ns,
  };
  try {
    const r = await c.request("POST", "/api/v1/namespaces", { metadata: { name: ns } });
    if (r.status !== 201) throw new Error(`creating namespace ${ns}: ${r.status} ${await r.text()}`);
    await fn({
      ns,
      home,
      kubeconfig: info.kubeconfig,
      env,
      charta: (...args) => charta(args, env),
      helmWith: (bin, ...args) => helm(bin, args, env),
      kube: (m, p, b, h) => c.request(m, p, b, h),
    });
  } finally {
    await (await c.request("DELETE", `/api/v1/namespaces/${ns}`)).body?.cancel();
    c.close();
    await Deno.remove(home, { recursive: true });
  }
}

/**
 * A `status` output with its RESOURCES groups sorted and AGE cells masked:
 * helm prints the groups in Go map order (random) and ages change by the second.
 */
export function normalizeResources(out: string): string {
  const start = out.indexOf("RESOURCES:\n");
  if (start < 0) return out;
  const end = out.indexOf("\n\n\n", start);
  const block = out.slice(start + "RESOURCES:\n".length, end + 1);
  const groups = block.split(/\n(?=\n==> )/).map((g) =>
    g.trim().split("\n").map((l) => l.replace(/\s+\d+[smhd](\d+[smh])?$/, " AGE").replace(/ +/g, " ")).join(
      "\n",
    )
  ).sort();
  return out.slice(0, start) + "RESOURCES:\n" + groups.join("\n\n") + out.slice(end + 2);
}
