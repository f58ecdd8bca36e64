/**
 * Readiness of an object as kstatus computes it (`status.Compute` of
 * fluxcd/cli-utils, which helm 4's `--wait` uses): generic rules first
 * (deletion in progress, observed generation behind, `Reconciling` and
 * `Stalled` conditions), then per-kind rules for the built-in kinds, then
 * a `Ready` condition, else Current. Also helm's own Job and Pod readers
 * (`--wait-for-jobs` and hooks) and the pod-controller aggregation (a
 * ReplicaSet or StatefulSet with failed pods is Failed).
 *
 * Pure functions of objects as JSON; the messages are kstatus's, since helm
 * prints them in its errors.
 *
 * @module
 */
import type { KubeObject } from "../kube/client.ts";

/** kstatus's statuses. */
export type Status = "InProgress" | "Failed" | "Current" | "Terminating" | "NotFound" | "Unknown";

/** The status of one object and why. */
export interface StatusResult {
  status: Status;
  message: string;
  /** The reason of the Reconciling/Stalled condition kstatus would set (`LessAvailable`, …). */
  reason?: string;
}

/** A status condition as objects carry them. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** kstatus's `ScheduleWindow`: a pod unschedulable for longer than this is Failed. */
export const SCHEDULE_WINDOW_MS = 15_000;

function field(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** kstatus's `GetIntField`: an integer at `path`, else the default (a string or float is ignored, as in Go). */
export function intField(obj: unknown, path: string, def: number): number {
  const v = field(obj, path);
  return typeof v === "number" && Number.isInteger(v) ? v : def;
}

/** kstatus's `GetStringField`. */
export function stringField(obj: unknown, path: string, def: string): string {
  const v = field(obj, path);
  return typeof v === "string" ? v : def;
}

/** `status.conditions` (malformed entries dropped). */
export function conditions(obj: unknown): Condition[] {
  const c = field(obj, "status.conditions");
  if (!Array.isArray(c)) return [];
  return c.filter((x): x is Condition => x !== null && typeof x === "object" && typeof x.type === "string")
    .map((x) => ({ ...x, status: String(x.status ?? "") }));
}

function hasCondition(obj: unknown, type: string, status: string): Condition | undefined {
  return conditions(obj).find((c) => c.type === type && c.status === status);
}

const inProgress = (reason: string, message: string): StatusResult => ({
  status: "InProgress",
  message,
  reason,
});
const failed = (reason: string, message: string): StatusResult => ({ status: "Failed", message, reason });
const current = (message: string): StatusResult => ({ status: "Current", message });

/** The API group of an object (`apps` of `apps/v1`, `""` of `v1`). */
export function groupOf(obj: KubeObject): string {
  const av = obj.apiVersion ?? "";
  const i = av.indexOf("/");
  return i < 0 ? "" : av.slice(0, i);
}

function checkGeneration(obj: KubeObject): StatusResult | undefined {
  const gen = field(obj, "metadata.generation");
  if (typeof gen !== "number") return undefined;
  const observed = field(obj, "status.observedGeneration");
  if (typeof observed === "number" && observed !== gen) {
    return inProgress(
      "LatestGenerationNotObserved",
      `${obj.kind} generation is ${gen}, but latest observed generation is ${observed}`,
    );
  }
  return undefined;
}

function checkGeneric(obj: KubeObject): StatusResult | undefined {
  if (stringField(obj, "metadata.deletionTimestamp", "") !== "") {
    return { status: "Terminating", message: "Resource scheduled for deletion" };
  }
  const g = checkGeneration(obj);
  if (g) return g;
  for (const c of conditions(obj)) {
    if (c.type === "Reconciling" && c.status === "True") return inProgress(c.reason ?? "", c.message ?? "");
    if (c.type === "Stalled" && c.status === "True") return failed(c.reason ?? "", c.message ?? "");
  }
  return undefined;
}

const alwaysReady = (): StatusResult => current("Resource is always ready");

function statefulSet(obj: KubeObject): StatusResult {
  if (stringField(obj, "spec.updateStrategy.type", "") === "OnDelete") {
    return current("StatefulSet is using the ondelete update strategy");
  }
  const spec = intField(obj, "spec.replicas", 1);
  const ready = intField(obj, "status.readyReplicas", 0);
  const cur = intField(obj, "status.currentReplicas", 0);
  const updated = intField(obj, "status.updatedReplicas", 0);
  const replicas = intField(obj, "status.replicas", 0);
  const partition = intField(obj, "spec.updateStrategy.rollingUpdate.partition", -1);
  if (spec > replicas) return inProgress("LessReplicas", `Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress("LessReady", `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress("ExtraPods", `Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    if (updated < spec - partition) {
      return inProgress("PartitionRollout", `updated: ${updated}/${spec - partition}`);
    }
    return current(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > cur) return inProgress("LessCurrent", `current: ${cur}/${spec}`);
  if (stringField(obj, "status.currentRevision", "") !== stringField(obj, "status.updateRevision", "")) {
    return inProgress("RevisionMismatch", "Waiting for updated revision to match current");
  }
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}

function deployment(obj: KubeObject): StatusResult {
  let progressing = intField(obj, "spec.progressDeadlineSeconds", 2147483647) === 2147483647;
  let available = false;
  for (const c of conditions(obj)) {
    if (c.type === "Progressing") {
      if (c.reason === "ProgressDeadlineExceeded") return failed(c.reason, "Progress deadline exceeded");
      if (c.status === "True" && c.reason === "NewReplicaSetAvailable") progressing = true;
    } else if (c.type === "Available" && c.status === "True") available = true;
  }
  const spec = intField(obj, "spec.replicas", 1);
  const replicas = intField(obj, "status.replicas", 0);
  const updated = intField(obj, "status.updatedReplicas", 0);
  const ready = intField(obj, "status.readyReplicas", 0);
  const avail = intField(obj, "status.availableReplicas", 0);
  if (spec > replicas) return inProgress("LessReplicas", `Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress("LessUpdated", `Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress("ExtraPods", `Pending termination: ${replicas - spec}`);
  if (updated > avail) return inProgress("LessAvailable", `Available: ${avail}/${updated}`);
  if (spec > ready) return inProgress("LessReady", `Ready: ${ready}/${spec}`);
  if (!progressing) return inProgress("ReplicaSetNotAvailable", "ReplicaSet not Available");
  if (!available) return inProgress("DeploymentNotAvailable", "Deployment not Available");
  return current(`Deployment is available. Replicas: ${replicas}`);
}

function replicaSet(obj: KubeObject): StatusResult {
  if (hasCondition(obj, "ReplicaFailure", "True")) {
    return inProgress("ReplicaFailure", "Replica Failure condition. Check Pods");
  }
  const spec = intField(obj, "spec.replicas", 1);
  const replicas = intField(obj, "status.replicas", 0);
  const ready = intField(obj, "status.readyReplicas", 0);
  const avail = intField(obj, "status.availableReplicas", 0);
  const labelled = intField(obj, "status.fullyLabeledReplicas", 0);
  if (spec > labelled) return inProgress("LessLabelled", `Labelled: ${labelled}/${spec}`);
  if (spec > avail) return inProgress("LessAvailable", `Available: ${avail}/${spec}`);
  if (spec > ready) return inProgress("LessReady", `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress("ExtraPods", `Pending termination: ${replicas - spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}

function daemonSet(obj: KubeObject): StatusResult {
  if (typeof field(obj, "metadata.generation") !== "number") {
    return inProgress("NoGeneration", `${obj.kind} metadata.generation not found`);
  }
  if (typeof field(obj, "status.observedGeneration") !== "number") {
    return inProgress("NoObservedGeneration", `${obj.kind} status.observedGeneration not found`);
  }
  const desired = intField(obj, "status.desiredNumberScheduled", -1);
  const cur = intField(obj, "status.currentNumberScheduled", 0);
  const updated = intField(obj, "status.updatedNumberScheduled", 0);
  const avail = intField(obj, "status.numberAvailable", 0);
  const ready = intField(obj, "status.numberReady", 0);
  if (desired === -1) return inProgress("NoDesiredNumber", "Missing .status.desiredNumberScheduled");
  if (desired > cur) return inProgress("LessCurrent", `Current: ${cur}/${desired}`);
  if (desired > updated) return inProgress("LessUpdated", `Updated: ${updated}/${desired}`);
  if (desired > avail) return inProgress("LessAvailable", `Available: ${avail}/${desired}`);
  if (desired > ready) return inProgress("LessReady", `Ready: ${ready}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}

function pvc(obj: KubeObject): StatusResult {
  const phase = stringField(obj, "status.phase", "unknown");
  if (phase !== "Bound") return inProgress("NotBound", `PVC is not Bound. phase: ${phase}`);
  return current("PVC is Bound");
}

/** Whether a pod waits with `PodScheduled=False` reason `Unschedulable`. */
export function isPodUnschedulable(pod: KubeObject | undefined): boolean {
  if (!pod || pod.kind !== "Pod" || groupOf(pod) !== "") return false;
  return conditions(pod).some((c) =>
    c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable"
  );
}

function crashLooping(obj: KubeObject): string[] {
  const css = field(obj, "status.containerStatuses");
  if (!Array.isArray(css)) return [];
  return css.filter((cs) =>
    field(cs, "state.waiting.reason") === "CrashLoopBackOff" && typeof cs.name === "string"
  )
    .map((cs) => cs.name as string);
}

function pod(obj: KubeObject, now: number): StatusResult {
  const phase = stringField(obj, "status.phase", "");
  switch (phase) {
    case "Succeeded":
      return current("Pod has completed successfully");
    case "Failed":
      return current("Pod has completed, but not successfully");
    case "Running": {
      if (hasCondition(obj, "Ready", "True")) return current("Pod is Ready");
      const names = crashLooping(obj);
      if (names.length) {
        return failed("ContainerCrashLooping", `Containers in CrashLoop state: ${names.join(",")}`);
      }
      return inProgress("PodRunningNotReady", "Pod is running but is not Ready");
    }
    case "Pending": {
      const c = hasCondition(obj, "PodScheduled", "False");
      if (c && c.reason === "Unschedulable") {
        const created = Date.parse(stringField(obj, "metadata.creationTimestamp", ""));
        // Go compares with a zero time when the timestamp is missing: long ago.
        if (!Number.isNaN(created) && now - SCHEDULE_WINDOW_MS < created) {
          return inProgress("PodNotScheduled", "Pod has not been scheduled");
        }
        return failed("PodUnschedulable", "Pod could not be scheduled");
      }
      return inProgress("PodPending", "Pod is in the Pending phase");
    }
    case "":
      return inProgress("PodNotObserved", "Pod phase not available");
    default:
      return { status: "Unknown", message: `unknown phase ${phase}` };
  }
}

function job(obj: KubeObject): StatusResult {
  const parallelism = intField(obj, "spec.parallelism", 1);
  const completions = intField(obj, "spec.completions", parallelism);
  const succeeded = intField(obj, "status.succeeded", 0);
  const active = intField(obj, "status.active", 0);
  const nfailed = intField(obj, "status.failed", 0);
  for (const c of conditions(obj)) {
    if (c.type === "Complete" && c.status === "True") {
      return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    }
    if (c.type === "Failed" && c.status === "True") {
      return failed("JobFailed", `Job Failed. failed: ${nfailed}/${completions}`);
    }
  }
  if (stringField(obj, "status.startTime", "") === "") return inProgress("JobNotStarted", "Job not started");
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${nfailed}`);
}

function service(obj: KubeObject): StatusResult {
  if (
    stringField(obj, "spec.type", "ClusterIP") === "LoadBalancer" &&
    stringField(obj, "spec.clusterIP", "") === ""
  ) {
    return inProgress("NoIPAssigned", "ClusterIP not set. Service type: LoadBalancer");
  }
  return current("Service is ready");
}

function crd(obj: KubeObject): StatusResult {
  for (const c of conditions(obj)) {
    if (c.type === "NamesAccepted" && c.status === "False") return failed(c.reason ?? "", c.message ?? "");
    if (c.type === "Established") {
      if (c.status === "False" && c.reason !== "Installing") return failed(c.reason ?? "", c.message ?? "");
      if (c.status === "True") return current("CRD is established");
    }
  }
  return inProgress("Installing", "Install in progress");
}

const KIND_RULES: Record<string, (obj: KubeObject, now: number) => StatusResult> = {
  "Service": service,
  "Pod": pod,
  "Secret": alwaysReady,
  "PersistentVolumeClaim": pvc,
  "apps/StatefulSet": statefulSet,
  "apps/DaemonSet": daemonSet,
  "extensions/DaemonSet": daemonSet,
  "apps/Deployment": deployment,
  "extensions/Deployment": deployment,
  "apps/ReplicaSet": replicaSet,
  "extensions/ReplicaSet": replicaSet,
  "policy/PodDisruptionBudget": () => current("AllowedDisruptions has been computed."),
  "batch/CronJob": alwaysReady,
  "ConfigMap": alwaysReady,
  "batch/Job": job,
  "apiextensions.k8s.io/CustomResourceDefinition": crd,
};

/**
 * kstatus's `status.Compute`: the status of any object. Custom resources
 * follow their `Reconciling`/`Stalled`/`Ready` conditions; one with none
 * (or no status at all) is Current.
 *
 * @param now the clock (ms), for the unschedulable-pod window
 */
export function computeStatus(obj: KubeObject, now: number = Date.now()): StatusResult {
  const generic = checkGeneric(obj);
  if (generic) return generic;
  const g = groupOf(obj);
  const rule = KIND_RULES[g ? `${g}/${obj.kind}` : obj.kind ?? ""];
  if (rule) return rule(obj, now);
  const ready = conditions(obj).find((c) => c.type === "Ready");
  if (ready?.status === "True") return current("Resource is Ready");
  if (ready && (ready.status === "False" || ready.status === "Unknown")) {
    return inProgress(ready.reason ?? "", ready.message ?? "");
  }
  return current("Resource is current");
}

/** helm's Job reader (`--wait-for-jobs`, hooks): Current only once complete. */
export function helmJobStatus(obj: KubeObject): StatusResult {
  const parallelism = intField(obj, "spec.parallelism", 1);
  const completions = intField(obj, "spec.completions", parallelism);
  const succeeded = intField(obj, "status.succeeded", 0);
  const nfailed = intField(obj, "status.failed", 0);
  for (const c of conditions(obj)) {
    if (c.type === "Complete" && c.status === "True") {
      return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    }
    if (c.type === "Failed" && c.status === "True") {
      return failed("JobFailed", `Job Failed. failed: ${nfailed}/${completions}`);
    }
  }
  return inProgress("JobInProgress", "Job in progress");
}

/** helm's Pod reader for hooks: Current once Succeeded, Failed once Failed. */
export function helmPodStatus(obj: KubeObject): StatusResult {
  const phase = stringField(obj, "status.phase", "");
  const name = obj.metadata?.name ?? "";
  if (phase === "Succeeded") return current(`pod ${name} succeeded`);
  if (phase === "Failed") return failed("PodFailed", `pod ${name} failed`);
  return inProgress("PodInProgress", "Pod in progress");
}

/** Whether kstatus reads pods for this kind's status (its pod-controller readers). */
export function isPodController(obj: KubeObject): boolean {
  const g = groupOf(obj);
  return (g === "apps" || g === "extensions") && (obj.kind === "ReplicaSet" || obj.kind === "StatefulSet");
}

/**
 * kstatus's pod-controller reader: a ReplicaSet or StatefulSet still in
 * progress whose pods have failed (crash-looping; an unschedulable or
 * terminating pod does not count) is Failed.
 */
export function withPodFailures(
  own: StatusResult,
  pods: KubeObject[],
  now: number = Date.now(),
): StatusResult {
  if (own.status !== "InProgress") return own;
  const n =
    pods.filter((p) =>
      computeStatus(p, now).status === "Failed" && !p.metadata?.deletionTimestamp && !isPodUnschedulable(p)
    ).length;
  return n > 0 ? { status: "Failed", message: `${n} pods have failed` } : own;
}
