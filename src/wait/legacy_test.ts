import { deepStrictEqual as eq, throws } from "node:assert/strict";
import type { KubeObject } from "../kube/client.ts";
import { KubeApiError } from "../kube/errors.ts";
import {
  crdReady,
  daemonSetReady,
  deploymentReady,
  isRetryableError,
  jobReady,
  maxUnavailable,
  newReplicaSet,
  podReady,
  scaledValue,
  selectorString,
  serviceReady,
  statefulSetReady,
  volumeReady,
} from "./legacy.ts";

Deno.test("selectorString: matchLabels and expressions", () => {
  eq(selectorString({ matchLabels: { b: "2", a: "1" } }), "a=1,b=2");
  eq(
    selectorString({
      matchExpressions: [
        { key: "t", operator: "In", values: ["y", "x"] },
        { key: "u", operator: "NotIn", values: ["z"] },
        { key: "e", operator: "Exists" },
        { key: "n", operator: "DoesNotExist" },
      ],
    }),
    "t in (x,y),u notin (z),e,!n",
  );
  eq(selectorString({ app: "web" }), "app=web");
  eq(selectorString(undefined), "");
});

Deno.test("legacy: pods, jobs, services, claims, CRDs", () => {
  eq(podReady({ status: { conditions: [{ type: "Ready", status: "True" }] } }), true);
  eq(podReady({ status: { phase: "Running" } }), false);
  const job = (spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
    metadata: { name: "j", namespace: "ns" },
    spec,
    status,
  });
  eq(jobReady(job({ backoffLimit: 6, completions: 1 }, {})), false);
  eq(jobReady(job({ backoffLimit: 6, completions: 1 }, { succeeded: 1 })), true);
  eq(jobReady(job({ backoffLimit: 6 }, {})), true);
  throws(() => jobReady(job({ backoffLimit: 1 }, { failed: 2 })), { message: "job is failed: ns/j" });
  eq(serviceReady({ spec: { type: "ExternalName" } }), true);
  eq(serviceReady({ spec: { type: "ClusterIP" } }), false);
  eq(serviceReady({ spec: { type: "ClusterIP", clusterIP: "10.0.0.1" } }), true);
  eq(
    serviceReady({ spec: { type: "LoadBalancer", clusterIP: "10.0.0.1" }, status: { loadBalancer: {} } }),
    false,
  );
  eq(
    serviceReady({
      spec: { type: "LoadBalancer", clusterIP: "10.0.0.1" },
      status: { loadBalancer: { ingress: [] } },
    }),
    true,
  );
  eq(serviceReady({ spec: { type: "LoadBalancer", clusterIP: "1.1.1.1", externalIPs: ["2.2.2.2"] } }), true);
  eq(volumeReady({ status: { phase: "Pending" } }), false);
  eq(volumeReady({ status: { phase: "Bound" } }), true);
  eq(crdReady({ status: { conditions: [{ type: "Established", status: "True" }] } }), true);
  eq(crdReady({ status: { conditions: [{ type: "NamesAccepted", status: "False" }] } }), true);
  eq(crdReady({ status: {} }), false);
});

Deno.test("legacy: Deployment with its new ReplicaSet and maxUnavailable", () => {
  eq(scaledValue("25%", 4, false), 1);
  eq(scaledValue("25%", 3, true), 1);
  eq(scaledValue("25%", 3, false), 0);
  eq(scaledValue(2, 3, false), 2);
  const dep = (replicas: number, rollingUpdate?: unknown, type = "RollingUpdate"): KubeObject => ({
    metadata: { name: "d", uid: "u1", generation: 2 },
    spec: {
      replicas,
      strategy: { type, rollingUpdate },
      template: { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "c" }] } },
    },
    status: { observedGeneration: 2 },
  });
  eq(maxUnavailable(dep(4, { maxSurge: "25%", maxUnavailable: "25%" })), 1);
  eq(maxUnavailable(dep(3, { maxSurge: "25%", maxUnavailable: "25%" })), 0);
  eq(maxUnavailable(dep(3, { maxSurge: 0, maxUnavailable: 0 })), 1);
  eq(maxUnavailable(dep(3, undefined, "Recreate")), 0);
  const rs = (name: string, created: string, labels: Record<string, string>, ready: number): KubeObject => ({
    metadata: {
      name,
      creationTimestamp: created,
      generation: 1,
      ownerReferences: [{ uid: "u1", controller: true }],
    },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name: "c" }] } } },
    status: { observedGeneration: 1, readyReplicas: ready },
  });
  const old = rs("old", "2024-01-01T00:00:00Z", { app: "y", "pod-template-hash": "a" }, 4);
  const cur = rs("new", "2024-01-02T00:00:00Z", { app: "x", "pod-template-hash": "b" }, 3);
  const d = dep(4, { maxSurge: "25%", maxUnavailable: "25%" });
  eq(newReplicaSet(d, [old, cur])?.metadata?.name, "new");
  eq(newReplicaSet(d, [old]), undefined);
  eq(deploymentReady(cur, d), true);
  eq(deploymentReady({ ...cur, status: { observedGeneration: 1, readyReplicas: 2 } }, d), false);
  eq(deploymentReady(cur, { ...d, status: { observedGeneration: 1 } }), false);
});

Deno.test("legacy: DaemonSet and StatefulSet", () => {
  const ds = (status: Record<string, unknown>, maxUnavailable?: unknown): KubeObject => ({
    metadata: { generation: 1 },
    spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable } } },
    status: { observedGeneration: 1, ...status },
  });
  eq(daemonSetReady(ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 2 }, 1)), false);
  eq(daemonSetReady(ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 2 }, 1)), true);
  eq(daemonSetReady(ds({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 1 }, 1)), false);
  const sts = (status: Record<string, unknown>, partition?: number): KubeObject => ({
    metadata: { generation: 1 },
    spec: { replicas: 2, updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition } } },
    status: { observedGeneration: 1, ...status },
  });
  eq(
    statefulSetReady(
      sts({ updatedReplicas: 2, readyReplicas: 2, currentRevision: "a", updateRevision: "a" }),
    ),
    true,
  );
  eq(
    statefulSetReady(
      sts({ updatedReplicas: 2, readyReplicas: 2, currentRevision: "a", updateRevision: "b" }),
    ),
    false,
  );
  eq(
    statefulSetReady(
      sts({ updatedReplicas: 1, readyReplicas: 2, currentRevision: "a", updateRevision: "b" }, 1),
    ),
    true,
  );
  eq(statefulSetReady(sts({ updatedReplicas: 2, readyReplicas: 1 })), false);
});

Deno.test("legacy: which errors are retried", () => {
  eq(isRetryableError(new KubeApiError("x", 503, "ServiceUnavailable")), true);
  eq(isRetryableError(new KubeApiError("x", 501, "")), false);
  eq(isRetryableError(new KubeApiError("x", 404, "NotFound")), false);
  eq(isRetryableError(new Error("EOF")), true);
});
