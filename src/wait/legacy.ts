/**
 * helm 3's ready checker (helm 4's `--wait=legacy`): per-kind readiness
 * from the live objects, polled every 2 seconds until all are ready or the
 * timeout passes (then `context deadline exceeded`, helm's whole message).
 * The rules are pure functions here; {@link legacyIsReady} reads what
 * they need from the cluster.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient, KubeObject } from "../kube/client.ts";
import { KubeApiError } from "../kube/errors.ts";
import type { ResourceInfo } from "../action/release_objects.ts";
import { conditions, intField, stringField } from "./status.ts";

/** A label selector (`spec.selector` of workloads, `metav1.LabelSelector`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** A `metav1.LabelSelector` as the query string the API server takes. */
export function selectorString(sel: LabelSelector | Record<string, string> | undefined): string {
  if (!sel) return "";
  const isStructured = "matchLabels" in sel || "matchExpressions" in sel;
  const labels = (isStructured ? (sel as LabelSelector).matchLabels : sel as Record<string, string>) ?? {};
  const parts = Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`);
  for (const e of (isStructured ? (sel as LabelSelector).matchExpressions : undefined) ?? []) {
    const vals = [...(e.values ?? [])].sort().join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${vals})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.join(",");
}

/** A pod with condition Ready=True. */
export function podReady(pod: KubeObject): boolean {
  return conditions(pod).some((c) => c.type === "Ready" && c.status === "True");
}

/** helm 3's `jobReady`: throws once failures exceed the backoff limit; ready when completions are reached. */
export function jobReady(job: KubeObject): boolean {
  if (intField(job, "status.failed", 0) > intField(job, "spec.backoffLimit", 6)) {
    throw new ChartaError(`job is failed: ${job.metadata?.namespace ?? ""}/${job.metadata?.name ?? ""}`);
  }
  const completions = intField(job, "spec.completions", -1);
  return !(completions >= 0 && intField(job, "status.succeeded", 0) < completions);
}

/** helm 3's `serviceReady`: a cluster IP, and for a LoadBalancer an ingress or external IPs. */
export function serviceReady(svc: KubeObject): boolean {
  const type = stringField(svc, "spec.type", "");
  if (type === "ExternalName") return true;
  if (stringField(svc, "spec.clusterIP", "") === "") return false;
  if (type === "LoadBalancer") {
    const ext = (svc.spec as { externalIPs?: unknown[] } | undefined)?.externalIPs;
    if (Array.isArray(ext) && ext.length > 0) return true;
    const ingress = (svc.status as { loadBalancer?: { ingress?: unknown } } | undefined)?.loadBalancer
      ?.ingress;
    if (ingress === undefined || ingress === null) return false;
  }
  return true;
}

/** helm 3's `volumeReady`: the claim is Bound. */
export function volumeReady(pvc: KubeObject): boolean {
  return stringField(pvc, "status.phase", "") === "Bound";
}

function generationObserved(obj: KubeObject): boolean {
  return intField(obj, "status.observedGeneration", 0) === intField(obj, "metadata.generation", 0);
}

/** apimachinery's `GetScaledValueFromIntOrPercent`. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.endsWith("%")) {
    const n = Number(v.slice(0, -1));
    if (!Number.isNaN(n)) return roundUp ? Math.ceil((n * total) / 100) : Math.floor((n * total) / 100);
  }
  if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
  return 0;
}

/** The deployment controller's `MaxUnavailable`. */
export function maxUnavailable(dep: KubeObject): number {
  const replicas = intField(dep, "spec.replicas", 1);
  if (stringField(dep, "spec.strategy.type", "RollingUpdate") !== "RollingUpdate" || replicas === 0) return 0;
  const ru = (dep.spec as { strategy?: { rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } } })
    ?.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? "25%", replicas, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? "25%", replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return Math.min(unavailable, replicas);
}

/** helm 3's `deploymentReady` given the deployment's new ReplicaSet. */
export function deploymentReady(rs: KubeObject, dep: KubeObject): boolean {
  if (!generationObserved(rs)) return false;
  if (!generationObserved(dep)) return false;
  const expected = intField(dep, "spec.replicas", 1) - maxUnavailable(dep);
  return intField(rs, "status.readyReplicas", 0) >= expected;
}

/** helm 3's `daemonSetReady`. */
export function daemonSetReady(ds: KubeObject): boolean {
  if (!generationObserved(ds)) return false;
  if (stringField(ds, "spec.updateStrategy.type", "RollingUpdate") !== "RollingUpdate") return true;
  const desired = intField(ds, "status.desiredNumberScheduled", 0);
  if (intField(ds, "status.updatedNumberScheduled", 0) !== desired) return false;
  const mu = (ds.spec as { updateStrategy?: { rollingUpdate?: { maxUnavailable?: unknown } } })
    ?.updateStrategy
    ?.rollingUpdate?.maxUnavailable;
  const max = mu === undefined ? desired : scaledValue(mu, desired, true);
  return intField(ds, "status.numberReady", 0) >= desired - max;
}

/** helm 3's `crdReady`: Established, or names not accepted (nothing more will happen). */
export function crdReady(crd: KubeObject): boolean {
  for (const c of conditions(crd)) {
    if (c.type === "Established" && c.status === "True") return true;
    if (c.type === "NamesAccepted" && c.status === "False") return true;
  }
  return false;
}

/** helm 3's `statefulSetReady`. */
export function statefulSetReady(sts: KubeObject): boolean {
  if (!generationObserved(sts)) return false;
  if (stringField(sts, "spec.updateStrategy.type", "RollingUpdate") !== "RollingUpdate") return true;
  const partition = intField(sts, "spec.updateStrategy.rollingUpdate.partition", 0);
  const replicas = intField(sts, "spec.replicas", 1);
  if (intField(sts, "status.updatedReplicas", 0) < replicas - partition) return false;
  if (intField(sts, "status.readyReplicas", 0) !== replicas) return false;
  if (
    partition === 0 &&
    stringField(sts, "status.currentRevision", "") !== stringField(sts, "status.updateRevision", "")
  ) return false;
  return true;
}

function stripHash(template: unknown): string {
  const t = structuredClone(template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  delete t.metadata?.labels?.["pod-template-hash"];
  return canonical(t);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${
      Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
        .join(",")
    }}`;
  }
  return JSON.stringify(v);
}

/** The deployment controller's `FindNewReplicaSet`: the oldest owned ReplicaSet with the deployment's template. */
export function newReplicaSet(dep: KubeObject, replicaSets: KubeObject[]): KubeObject | undefined {
  const uid = dep.metadata?.uid;
  const owned = replicaSets.filter((rs) =>
    ((rs.metadata?.ownerReferences as Array<{ uid?: string; controller?: boolean }> | undefined) ?? [])
      .some((o) => o.controller && o.uid === uid)
  );
  owned.sort((a, b) =>
    stringField(a, "metadata.creationTimestamp", "").localeCompare(
      stringField(b, "metadata.creationTimestamp", ""),
    )
  );
  const want = stripHash((dep.spec as { template?: unknown })?.template);
  return owned.find((rs) => stripHash((rs.spec as { template?: unknown })?.template) === want);
}

async function listPods(kube: KubeClient, ns: string, selector: unknown): Promise<KubeObject[]> {
  const sel = selectorString(selector as LabelSelector);
  try {
    return (await kube.list("v1", "Pod", { namespace: ns, labelSelector: sel })).items;
  } catch (e) {
    throw new ChartaError(`failed to list pods: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * helm 3's `ReadyChecker.IsReady` (paused Deployments count as ready):
 * reads the object (and its ReplicaSets or pods where needed) and judges it.
 */
export async function legacyIsReady(
  kube: KubeClient,
  info: ResourceInfo,
  checkJobs: boolean,
): Promise<boolean> {
  const kind = info.mapping.kind;
  const group = info.mapping.group;
  const get = () => kube.get(info.object, info.namespace);
  if (group === "" && kind === "Pod") return podReady(await get());
  if (group === "batch" && kind === "Job") return checkJobs ? jobReady(await get()) : true;
  if ((group === "apps" || group === "extensions") && kind === "Deployment") {
    const dep = await get();
    if ((dep.spec as { paused?: boolean })?.paused) return true;
    const rsList = await kube.list("apps/v1", "ReplicaSet", {
      namespace: info.namespace,
      labelSelector: selectorString((dep.spec as { selector?: LabelSelector })?.selector),
    });
    const rs = newReplicaSet(dep, rsList.items);
    return rs !== undefined && deploymentReady(rs, dep);
  }
  if (group === "" && kind === "PersistentVolumeClaim") return volumeReady(await get());
  if (group === "" && kind === "Service") return serviceReady(await get());
  if ((group === "apps" || group === "extensions") && kind === "DaemonSet") {
    return daemonSetReady(await get());
  }
  if (group === "apiextensions.k8s.io" && kind === "CustomResourceDefinition") return crdReady(await get());
  if (group === "apps" && kind === "StatefulSet") return statefulSetReady(await get());
  if (
    (group === "" && kind === "ReplicationController") ||
    ((group === "apps" || group === "extensions") && kind === "ReplicaSet")
  ) {
    const obj = await get();
    if (!generationObserved(obj)) return false;
    const pods = await listPods(kube, info.namespace, (obj.spec as { selector?: unknown })?.selector);
    return pods.every(podReady);
  }
  return true;
}

/** helm 3's `isRetryableError`: API errors with code 0, 429 or 5xx (not 501); any other error is assumed transient. */
export function isRetryableError(e: unknown): boolean {
  if (e instanceof KubeApiError) return e.code === 0 || e.code === 429 || (e.code >= 500 && e.code !== 501);
  return true;
}
