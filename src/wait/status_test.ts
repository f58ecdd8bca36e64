import { deepStrictEqual as eq } from "node:assert/strict";
import type { KubeObject } from "../kube/client.ts";
import {
  computeStatus,
  helmJobStatus,
  helmPodStatus,
  intField,
  isPodController,
  isPodUnschedulable,
  withPodFailures,
} from "./status.ts";

const dep = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "ns", generation: 1 },
  spec: { replicas: 1, progressDeadlineSeconds: 600, ...spec },
  status: { observedGeneration: 1, ...status },
});

Deno.test("Deployment: replicas, updated, available, ready, then conditions", () => {
  eq(computeStatus(dep({})), {
    status: "InProgress",
    message: "Replicas: 0/1",
    reason: "LessReplicas",
  });
  eq(computeStatus(dep({ replicas: 1 })).message, "Updated: 0/1");
  eq(computeStatus(dep({ replicas: 2, updatedReplicas: 1 })).message, "Pending termination: 1");
  eq(computeStatus(dep({ replicas: 1, updatedReplicas: 1 })).message, "Available: 0/1");
  eq(computeStatus(dep({ replicas: 1, updatedReplicas: 1, availableReplicas: 1 })).message, "Ready: 0/1");
  const counts = { replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 };
  eq(computeStatus(dep(counts)).message, "ReplicaSet not Available");
  eq(
    computeStatus(
      dep({
        ...counts,
        conditions: [{ type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" }],
      }),
    ).message,
    "Deployment not Available",
  );
  eq(
    computeStatus(dep({
      ...counts,
      conditions: [
        { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
        { type: "Available", status: "True" },
      ],
    })),
    { status: "Current", message: "Deployment is available. Replicas: 1" },
  );
  // Without a progress deadline the Progressing condition is not needed.
  eq(
    computeStatus(
      dep({ ...counts, conditions: [{ type: "Available", status: "True" }] }, {
        progressDeadlineSeconds: undefined,
      }),
    ).status,
    "Current",
  );
});

Deno.test("Deployment: a passed progress deadline is Failed", () => {
  const r = computeStatus(dep({
    replicas: 1,
    conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "x" }],
  }));
  eq(r.status, "Failed");
  eq(r.message, "Progress deadline exceeded");
});

Deno.test("generic rules: deletion, generation, Reconciling, Stalled", () => {
  const d = dep({ replicas: 1 });
  d.metadata!.deletionTimestamp = "2024-01-01T00:00:00Z";
  eq(computeStatus(d), { status: "Terminating", message: "Resource scheduled for deletion" });
  eq(
    computeStatus(dep({ observedGeneration: 0 }, {})).message,
    "Deployment generation is 1, but latest observed generation is 0",
  );
  const cr = (conds: unknown[]): KubeObject => ({
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w" },
    status: { conditions: conds },
  });
  eq(computeStatus(cr([{ type: "Reconciling", status: "True", reason: "R", message: "busy" }])), {
    status: "InProgress",
    message: "busy",
    reason: "R",
  });
  eq(
    computeStatus(cr([{ type: "Stalled", status: "True", reason: "S", message: "stuck" }])).status,
    "Failed",
  );
});

Deno.test("custom resources: Ready condition, or Current without status", () => {
  const cr = (status?: unknown): KubeObject => ({
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w", generation: 1 },
    ...(status === undefined ? {} : { status }),
  });
  eq(computeStatus(cr()), { status: "Current", message: "Resource is current" });
  eq(computeStatus(cr({})).status, "Current");
  eq(computeStatus(cr({ conditions: [{ type: "Ready", status: "True" }] })).message, "Resource is Ready");
  eq(
    computeStatus(
      cr({ conditions: [{ type: "Ready", status: "False", reason: "Wait", message: "not yet" }] }),
    ),
    {
      status: "InProgress",
      message: "not yet",
      reason: "Wait",
    },
  );
  eq(
    computeStatus(cr({ conditions: [{ type: "Ready", status: "Unknown", message: "?" }] })).status,
    "InProgress",
  );
  // A generation observed behind is in progress even with Ready=True.
  eq(
    computeStatus(cr({ observedGeneration: 0, conditions: [{ type: "Ready", status: "True" }] })).status,
    "InProgress",
  );
  // Malformed conditions are ignored.
  eq(computeStatus(cr({ conditions: "nope" })).status, "Current");
});

Deno.test("StatefulSet rules", () => {
  const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db", generation: 1 },
    spec: { replicas: 2, ...spec },
    status: { observedGeneration: 1, ...status },
  });
  eq(computeStatus(sts({}, { updateStrategy: { type: "OnDelete" } })).status, "Current");
  eq(computeStatus(sts({ replicas: 1 })).message, "Replicas: 1/2");
  eq(computeStatus(sts({ replicas: 2, readyReplicas: 1 })).message, "Ready: 1/2");
  eq(computeStatus(sts({ replicas: 2, readyReplicas: 2, currentReplicas: 1 })).message, "current: 1/2");
  eq(
    computeStatus(
      sts({ replicas: 2, readyReplicas: 2, updatedReplicas: 1 }, {
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } },
      }),
    ).message,
    "Partition rollout complete. updated: 1",
  );
  eq(
    computeStatus(
      sts({ replicas: 2, readyReplicas: 2, currentReplicas: 2, currentRevision: "a", updateRevision: "b" }),
    )
      .message,
    "Waiting for updated revision to match current",
  );
  eq(
    computeStatus(
      sts({ replicas: 2, readyReplicas: 2, currentReplicas: 2, currentRevision: "a", updateRevision: "a" }),
    ),
    { status: "Current", message: "All replicas scheduled as expected. Replicas: 2" },
  );
});

Deno.test("DaemonSet rules", () => {
  const ds = (status: Record<string, unknown> | undefined, gen = true): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "d", ...(gen ? { generation: 1 } : {}) },
    ...(status ? { status } : {}),
  });
  eq(computeStatus(ds(undefined, false)).message, "DaemonSet metadata.generation not found");
  eq(computeStatus(ds({})).message, "DaemonSet status.observedGeneration not found");
  eq(computeStatus(ds({ observedGeneration: 1 })).message, "Missing .status.desiredNumberScheduled");
  eq(
    computeStatus(ds({ observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3 }))
      .message,
    "Updated: 0/3",
  );
  eq(
    computeStatus(ds({
      observedGeneration: 1,
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      numberReady: 3,
    })),
    { status: "Current", message: "All replicas scheduled as expected. Replicas: 3" },
  );
});

Deno.test("Pod rules, with the scheduling window", () => {
  const now = Date.parse("2024-01-01T00:01:00Z");
  const pod = (status: Record<string, unknown>, created = "2024-01-01T00:00:00Z"): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", creationTimestamp: created },
    status,
  });
  eq(computeStatus(pod({}), now).message, "Pod phase not available");
  eq(computeStatus(pod({ phase: "Succeeded" }), now).status, "Current");
  eq(computeStatus(pod({ phase: "Failed" }), now).message, "Pod has completed, but not successfully");
  eq(
    computeStatus(pod({ phase: "Running", conditions: [{ type: "Ready", status: "True" }] }), now).message,
    "Pod is Ready",
  );
  eq(computeStatus(pod({ phase: "Running" }), now).message, "Pod is running but is not Ready");
  eq(
    computeStatus(
      pod({
        phase: "Running",
        containerStatuses: [{ name: "c", state: { waiting: { reason: "CrashLoopBackOff" } } }],
      }),
      now,
    ),
    { status: "Failed", message: "Containers in CrashLoop state: c", reason: "ContainerCrashLooping" },
  );
  const unsched = {
    phase: "Pending",
    conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable" }],
  };
  eq(computeStatus(pod(unsched, "2024-01-01T00:00:50Z"), now).message, "Pod has not been scheduled");
  eq(computeStatus(pod(unsched), now), {
    status: "Failed",
    message: "Pod could not be scheduled",
    reason: "PodUnschedulable",
  });
  eq(isPodUnschedulable(pod(unsched)), true);
  eq(computeStatus(pod({ phase: "Pending" }), now).message, "Pod is in the Pending phase");
  eq(computeStatus(pod({ phase: "Weird" }), now).status, "Unknown");
});

Deno.test("Job: kstatus counts a started Job as Current; helm's reader waits for completion", () => {
  const job = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "j" },
    spec,
    status,
  });
  eq(computeStatus(job({})).message, "Job not started");
  eq(computeStatus(job({ startTime: "t", active: 1 })), {
    status: "Current",
    message: "Job in progress. success:0, active: 1, failed: 0",
  });
  eq(helmJobStatus(job({ startTime: "t", active: 1 })).message, "Job in progress");
  eq(helmJobStatus(job({ startTime: "t", active: 1 })).status, "InProgress");
  const done = job({ succeeded: 3, conditions: [{ type: "Complete", status: "True" }] }, { completions: 3 });
  eq(computeStatus(done).message, "Job Completed. succeeded: 3/3");
  eq(helmJobStatus(done).status, "Current");
  const bad = job({ failed: 2, conditions: [{ type: "Failed", status: "True" }] }, { parallelism: 2 });
  eq(computeStatus(bad), { status: "Failed", message: "Job Failed. failed: 2/2", reason: "JobFailed" });
  eq(helmJobStatus(bad).message, "Job Failed. failed: 2/2");
});

Deno.test("helm's hook Pod reader", () => {
  const pod = (phase: string): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "t" },
    status: { phase },
  });
  eq(helmPodStatus(pod("Succeeded")).message, "pod t succeeded");
  eq(helmPodStatus(pod("Failed")), { status: "Failed", message: "pod t failed", reason: "PodFailed" });
  eq(helmPodStatus(pod("Running")).message, "Pod in progress");
});

Deno.test("Service, PVC, CRD, ConfigMap, PDB", () => {
  eq(
    computeStatus({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { clusterIP: "10.0.0.1" },
    }),
    {
      status: "Current",
      message: "Service is ready",
    },
  );
  eq(
    computeStatus({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { type: "LoadBalancer" },
    })
      .message,
    "ClusterIP not set. Service type: LoadBalancer",
  );
  eq(
    computeStatus({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "c" },
      status: { phase: "Pending" },
    })
      .message,
    "PVC is not Bound. phase: Pending",
  );
  eq(
    computeStatus({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "c" } }).message,
    "PVC is not Bound. phase: unknown",
  );
  const crd = (conds: unknown[]): KubeObject => ({
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    status: { conditions: conds },
  });
  eq(computeStatus(crd([])).message, "Install in progress");
  eq(computeStatus(crd([{ type: "Established", status: "True" }])).message, "CRD is established");
  eq(
    computeStatus(crd([{ type: "Established", status: "False", reason: "Installing" }])).status,
    "InProgress",
  );
  eq(computeStatus(crd([{ type: "NamesAccepted", status: "False", reason: "Conflict", message: "taken" }])), {
    status: "Failed",
    message: "taken",
    reason: "Conflict",
  });
  eq(
    computeStatus({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }).message,
    "Resource is always ready",
  );
  eq(
    computeStatus({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "p" } }).status,
    "Current",
  );
});

Deno.test("pod controllers: failed pods make an in-progress ReplicaSet Failed, unschedulable ones do not", () => {
  const rs: KubeObject = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "r" },
    spec: { replicas: 1 },
  };
  eq(isPodController(rs), true);
  eq(isPodController({ apiVersion: "apps/v1", kind: "Deployment" }), false);
  const own = computeStatus(rs);
  eq(own.message, "Labelled: 0/1");
  const crash: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    status: {
      phase: "Running",
      containerStatuses: [{ name: "c", state: { waiting: { reason: "CrashLoopBackOff" } } }],
    },
  };
  eq(withPodFailures(own, [crash]), { status: "Failed", message: "1 pods have failed" });
  const unsched: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", creationTimestamp: "2000-01-01T00:00:00Z" },
    status: {
      phase: "Pending",
      conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable" }],
    },
  };
  eq(withPodFailures(own, [unsched]), own);
});

Deno.test("intField ignores non-integers as Go's GetIntField does", () => {
  eq(intField({ a: { b: 2 } }, "a.b", 7), 2);
  eq(intField({ a: { b: "2" } }, "a.b", 7), 7);
  eq(intField({ a: { b: 2.5 } }, "a.b", 7), 7);
  eq(intField({ a: [] }, "a.b", 7), 7);
});
