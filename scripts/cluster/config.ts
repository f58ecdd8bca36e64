/**
 * Versions and file locations of the local control plane (see docs/cluster.md).
 *
 * @module
 */
import { cacheRoot } from "../lib/reference_helm.ts";

/**
 * The pinned Kubernetes release. 1.36 matches the client-go of the reference
 * helm (v4.2.4 uses k8s.io/client-go v0.36.x); v1.36.4 is the newest patch the
 * checksum database knows (v1.36.5 is on the proxy but not in sum.golang.org).
 */
export const KUBERNETES_VERSION = "v1.36.4";

/** etcd's server: the 3.6 release Kubernetes 1.36's go.mod pins its etcd client to. */
export const ETCD_VERSION = "v3.6.8";

/** kwok, which plays the kubelet for fake Nodes; v0.8.0 is built against Kubernetes 1.36. */
export const KWOK_VERSION = "v0.8.0";

/** The control-plane binaries, in start order. */
export const BINARIES = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kwok",
] as const;

/** One of {@link BINARIES}. */
export type ClusterBinary = typeof BINARIES[number];

/** `~/.cache/charta/cluster`: everything the cluster keeps, outside the repository. */
export function clusterCacheDir(): string {
  return `${cacheRoot()}/cluster`;
}

/** Where the binaries of the pinned release are built. */
export function binDir(): string {
  return `${clusterCacheDir()}/${KUBERNETES_VERSION}/bin`;
}

/** The generated wrapper Go modules the binaries are built from. */
export function srcDir(): string {
  return `${clusterCacheDir()}/${KUBERNETES_VERSION}/src`;
}

/** The running cluster's state: certificates, kubeconfig, etcd data, logs, pids. */
export function runDir(): string {
  return Deno.env.get("CHARTA_CLUSTER_RUN_DIR") || `${clusterCacheDir()}/run`;
}

/** The kubeconfig written for a running cluster (context `charta-local`). */
export function kubeconfigPath(): string {
  return `${runDir()}/kubeconfig`;
}

/** The kubeconfig context name. */
export const CONTEXT = "charta-local";

/** The service CIDR; its first address is the `kubernetes` Service's. */
export const SERVICE_CIDR = "10.96.0.0/16";

/** The `kubernetes` Service's address (first of {@link SERVICE_CIDR}), a SAN of the serving certificate. */
export const FIRST_SERVICE_IP = "10.96.0.1";

/** The fake Nodes kwok manages. */
export const NODES = ["kwok-node-0", "kwok-node-1", "kwok-node-2"] as const;
