/**
 * Why an object is not ready, beyond kstatus's one-line message: its
 * conditions that are not healthy, its pods that are not ready (phase,
 * failing conditions such as `PodScheduled=False Unschedulable`, waiting
 * containers) and the latest events of those pods (or of the object).
 * charta appends this to helm's wait error and shows it in the live view.
 *
 * @module
 */
import type { KubeClient, KubeObject } from "../kube/client.ts";
import type { ResourceInfo } from "../action/release_objects.ts";
import { type LabelSelector, podReady, selectorString } from "./legacy.ts";
import { conditions, groupOf, stringField } from "./status.ts";

/** Conditions worth showing: healthy types that are not True, failure types that are. */
export function conditionLines(obj: KubeObject): string[] {
  const bad = new Set(["ReplicaFailure", "Failed", "Stalled", "Reconciling", "FailureTarget", "Suspended"]);
  const out: string[] = [];
  for (const c of conditions(obj)) {
    const show = bad.has(c.type) ? c.status === "True" : c.status !== "True";
    if (!show) continue;
    // A Deployment's Progressing=True still explains where the rollout is.
    out.push(`${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ""}${c.message ? `: ${c.message}` : ""}`);
  }
  if (obj.kind === "Deployment") {
    const p = conditions(obj).find((c) => c.type === "Progressing" && c.status === "True");
    if (p && p.reason !== "NewReplicaSetAvailable") {
      out.push(`Progressing=True ${p.reason ?? ""}: ${p.message ?? ""}`);
    }
  }
  return out;
}

interface ContainerStatus {
  name?: string;
  state?: {
    waiting?: { reason?: string; message?: string };
    terminated?: { reason?: string; exitCode?: number };
  };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
  restartCount?: number;
}

/** One line on a pod that is not ready: phase, failing conditions, waiting containers. */
export function podLine(pod: KubeObject): string {
  const parts = [`Pod ${pod.metadata?.name ?? ""}: ${stringField(pod, "status.phase", "Unknown")}`];
  for (const c of conditions(pod)) {
    if (c.status === "True") continue;
    if (c.type === "Ready" || c.type === "ContainersReady") {
      if (c.reason === "ContainersNotReady") continue; // the containers below say why
    }
    parts.push(`${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ""}${c.message ? `: ${c.message}` : ""}`);
  }
  const status = pod.status as {
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
  for (const cs of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])]) {
    const w = cs.state?.waiting;
    if (w?.reason) parts.push(`container ${cs.name}: ${w.reason}${w.message ? `: ${w.message}` : ""}`);
    const t = cs.state?.terminated ?? (cs.restartCount ? cs.lastState?.terminated : undefined);
    if (t && t.exitCode) {
      parts.push(`container ${cs.name} exited ${t.exitCode}${t.reason ? ` (${t.reason})` : ""}`);
    }
  }
  return parts.join("; ");
}

/** The latest events (newest last), warnings first when there are any: `Warning FailedScheduling: … (x3)`. */
export function eventLines(events: KubeObject[], max = 3): string[] {
  const time = (e: KubeObject) =>
    stringField(e, "lastTimestamp", "") || stringField(e, "eventTime", "") ||
    stringField(e, "metadata.creationTimestamp", "");
  const sorted = [...events].sort((a, b) => time(a).localeCompare(time(b)));
  const warnings = sorted.filter((e) => e.type === "Warning");
  // The same event recorded twice (two objects, or a series) is shown once, at its latest place.
  const lines = (warnings.length ? warnings : sorted).map((e) => {
    const count = typeof e.count === "number" && e.count > 1 ? ` (x${e.count})` : "";
    return `event ${e.type ?? ""} ${e.reason ?? ""}: ${String(e.message ?? "").trim()}${count}`;
  });
  return lines.filter((l, i) => lines.lastIndexOf(l) === i).slice(-max);
}

async function eventsFor(kube: KubeClient, ns: string, kind: string, name: string): Promise<KubeObject[]> {
  try {
    const sel = `involvedObject.kind=${kind},involvedObject.name=${name}`;
    return (await kube.list("v1", "Event", { namespace: ns, fieldSelector: sel })).items;
  } catch {
    return []; // events are a courtesy: no access to them must not hide the wait error
  }
}

const POD_OWNERS = new Set([
  "apps/Deployment",
  "apps/StatefulSet",
  "apps/DaemonSet",
  "apps/ReplicaSet",
  "batch/Job",
]);

/**
 * The lines explaining why `info` is not ready (empty when nothing more is
 * known). Reads pods and events; failures to read them are ignored.
 *
 * @param latest the object as last seen (read again when absent)
 */
export async function explain(kube: KubeClient, info: ResourceInfo, latest?: KubeObject): Promise<string[]> {
  let obj = latest;
  if (!obj) {
    try {
      obj = await kube.get(info.object, info.namespace);
    } catch (e) {
      return [`cannot read it: ${(e as Error).message}`];
    }
  }
  const out = conditionLines(obj);
  const key = `${groupOf(obj)}/${obj.kind}`;
  if (POD_OWNERS.has(key) || key === "/Pod") {
    let pods: KubeObject[] = [];
    if (key === "/Pod") pods = [obj];
    else {
      const sel = selectorString((obj.spec as { selector?: LabelSelector } | undefined)?.selector);
      if (sel) {
        try {
          pods = (await kube.list("v1", "Pod", { namespace: info.namespace, labelSelector: sel })).items;
        } catch {
          pods = [];
        }
      }
    }
    const notReady = pods.filter((p) => !podReady(p) && stringField(p, "status.phase", "") !== "Succeeded");
    for (const p of notReady.slice(0, 3)) {
      const line = podLine(p);
      out.push(line);
      const name = p.metadata?.name ?? "";
      // An event saying what the pod's condition already says adds nothing.
      const events = (await eventsFor(kube, info.namespace, "Pod", name)).filter((e) =>
        !(typeof e.message === "string" && e.message.trim() && line.includes(e.message.trim()))
      );
      for (const e of eventLines(events)) out.push(`  ${e}`);
    }
    if (notReady.length > 3) out.push(`… and ${notReady.length - 3} more pods not ready`);
  } else if (info.namespace) {
    for (const e of eventLines(await eventsFor(kube, info.namespace, info.mapping.kind, info.name))) {
      out.push(e);
    }
  }
  return out;
}
