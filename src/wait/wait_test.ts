import { deepStrictEqual as eq, rejects } from "node:assert/strict";
import type { KubeClient, KubeObject, RequestOptions, ResourceMapping } from "../kube/client.ts";
import { KubeClient as Client } from "../kube/client.ts";
import { KubeApiError } from "../kube/errors.ts";
import type { ResourceInfo } from "../action/release_objects.ts";
import {
  helmErrorText,
  legacyWatchUntilReady,
  reached,
  WaitError,
  waitForDelete,
  waitForResources,
  watchUntilReady,
} from "./wait.ts";
import { PlainProgress } from "./progress.ts";

const enc = new TextEncoder();

const M: Record<string, ResourceMapping> = {
  Deployment: { group: "apps", version: "v1", kind: "Deployment", resource: "deployments", namespaced: true },
  Job: { group: "batch", version: "v1", kind: "Job", resource: "jobs", namespaced: true },
  ConfigMap: { group: "", version: "v1", kind: "ConfigMap", resource: "configmaps", namespaced: true },
};

function info(kind: string, name: string, object: KubeObject = {}): ResourceInfo {
  const m = M[kind];
  return {
    object: {
      apiVersion: m.group ? `${m.group}/v1` : "v1",
      kind,
      metadata: { name, namespace: "ns" },
      ...object,
    },
    mapping: m,
    namespace: "ns",
    name,
  };
}

/**
 * A fake cluster: each collection lists `initial` and its watch streams
 * `later` events, one every `everyMs`, then stays open until aborted.
 */
function fakeKube(
  collections: Record<string, { initial: KubeObject[]; later?: Array<[string, KubeObject]> }>,
  everyMs = 20,
): KubeClient {
  const kindOf = (path: string) => Object.keys(M).find((k) => path === Client.collectionPath(M[k], "ns"))!;
  return {
    requestJson(_m: string, path: string) {
      const c = collections[kindOf(path)] ?? { initial: [] };
      return Promise.resolve({ metadata: { resourceVersion: "1" }, items: structuredClone(c.initial) });
    },
    stream(_m: string, path: string, o: RequestOptions & { signal?: AbortSignal } = {}) {
      const later = [...(collections[kindOf(path)]?.later ?? [])];
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          const t = setInterval(() => {
            const next = later.shift();
            if (next) c.enqueue(enc.encode(JSON.stringify({ type: next[0], object: next[1] }) + "\n"));
          }, everyMs);
          const stop = () => {
            clearInterval(t);
            c.error(new DOMException("aborted", "AbortError"));
          };
          if (o.signal?.aborted) stop();
          else o.signal?.addEventListener("abort", stop);
        },
      });
      return Promise.resolve({ status: 200, headers: new Headers(), body });
    },
    list() {
      return Promise.resolve({ items: [] });
    },
    get(ref: KubeObject) {
      const c = collections[ref.kind ?? ""]?.initial.find((o) => o.metadata?.name === ref.metadata?.name);
      return c ? Promise.resolve(c) : Promise.reject(new KubeApiError("not found", 404, "NotFound"));
    },
  } as unknown as KubeClient;
}

const deployment = (name: string, status: Record<string, unknown>): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "ns", generation: 1, resourceVersion: String(Math.random()) },
  spec: { replicas: 1 },
  status: { observedGeneration: 1, ...status },
});

const READY = {
  replicas: 1,
  updatedReplicas: 1,
  availableReplicas: 1,
  readyReplicas: 1,
  conditions: [{ type: "Available", status: "True" }],
};

Deno.test("reached: helm's statusObserver", () => {
  eq(reached([], "Current"), true);
  eq(reached([{ status: "Current" }, { status: "Failed" }], "Current"), true);
  eq(reached([{ status: "Current" }, { status: "Unknown" }], "Current"), false);
  eq(reached([{ status: "InProgress" }], "Current"), false);
  eq(reached([{ status: "NotFound" }, { status: "Unknown" }], "NotFound"), true);
  eq(reached([{ status: "Current" }], "NotFound"), false);
});

Deno.test("watcher: returns once every object is Current, reporting each change", async () => {
  const kube = fakeKube({
    Deployment: {
      initial: [deployment("web", { replicas: 1, updatedReplicas: 1 })],
      later: [["MODIFIED", deployment("web", READY)]],
    },
    ConfigMap: {
      initial: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "ns" } }],
    },
  });
  const lines: string[] = [];
  await waitForResources(kube, [
    info("Deployment", "web"),
    info("ConfigMap", "cfg"),
    info("ConfigMap", "cfg"),
  ], {
    strategy: "watcher",
    timeoutMs: 5000,
    progress: new PlainProgress((t) => lines.push(t.trim())),
  });
  eq(lines.includes("Deployment/ns/web: InProgress: Available: 0/1"), true);
  eq(lines.includes("Deployment/ns/web: Current"), true);
  eq(lines.includes("ConfigMap/ns/cfg: Current"), true);
});

Deno.test("watcher: timeout gives helm's message; a missing object stays Unknown", async () => {
  const kube = fakeKube({
    Deployment: { initial: [deployment("web", { replicas: 1, updatedReplicas: 1 })] },
  });
  const t0 = Date.now();
  await rejects(
    waitForResources(kube, [info("Deployment", "web"), info("ConfigMap", "gone")], {
      strategy: "watcher",
      timeoutMs: 300,
      explain: false,
    }),
    (e: unknown) => {
      eq(e instanceof WaitError, true);
      eq(
        (e as WaitError).message,
        "resource Deployment/ns/web not ready. status: InProgress, message: Available: 0/1\n" +
          "resource ConfigMap/ns/gone not ready. status: Unknown, message: \n" +
          "context deadline exceeded",
      );
      return true;
    },
  );
  eq(Date.now() - t0 < 2000, true);
});

Deno.test("watcher: a Failed object ends the wait early, without a deadline error", async () => {
  const failedJob: KubeObject = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "j", namespace: "ns" },
    status: { failed: 1, conditions: [{ type: "Failed", status: "True" }] },
  };
  const kube = fakeKube({ Job: { initial: [failedJob] } });
  await rejects(
    waitForResources(kube, [info("Job", "j")], { strategy: "watcher", timeoutMs: 5000, waitForJobs: true }),
    (e: unknown) => {
      eq(
        (e as WaitError).helmMessage,
        "resource Job/ns/j not ready. status: Failed, message: Job Failed. failed: 1/1",
      );
      eq(helmErrorText(e), (e as WaitError).helmMessage);
      eq(helmErrorText(new Error("x")), "x");
      // charta's reasons follow helm's text.
      eq((e as WaitError).message, `${(e as WaitError).helmMessage}\nJob/ns/j:\n  Failed=True`);
      return true;
    },
  );
});

Deno.test("watcher: paused Deployments are skipped; hookOnly does not wait", async () => {
  const kube = fakeKube({});
  await waitForResources(kube, [info("Deployment", "p", { spec: { paused: true } })], {
    strategy: "watcher",
    timeoutMs: 200,
  });
  await waitForResources(kube, [info("Deployment", "web")], { strategy: "hookOnly", timeoutMs: 1 });
});

Deno.test("waitForDelete: done when deleted; objects never seen count as gone", async () => {
  const kube = fakeKube({
    Deployment: { initial: [deployment("web", READY)], later: [["DELETED", deployment("web", READY)]] },
  });
  await waitForDelete(kube, [info("Deployment", "web"), info("ConfigMap", "never")], {
    strategy: "watcher",
    timeoutMs: 5000,
  });
  const stuck = fakeKube({ Deployment: { initial: [deployment("web", READY)] } });
  await rejects(waitForDelete(stuck, [info("Deployment", "web")], { strategy: "watcher", timeoutMs: 200 }), {
    message:
      "resource Deployment/ns/web still exists. status: Current, message: Deployment is available. Replicas: 1\n" +
      "context deadline exceeded",
  });
});

Deno.test("legacy: polls until ready, else context deadline exceeded", async () => {
  const kube = fakeKube({ ConfigMap: { initial: [] } });
  await waitForResources(kube, [info("ConfigMap", "c")], { strategy: "legacy", timeoutMs: 1000 });
  const notFound = fakeKube({ Deployment: { initial: [] } });
  // A 404 is not retried by helm 3's checker: it ends the wait at once.
  await rejects(
    waitForResources(notFound, [info("Deployment", "web")], { strategy: "legacy", timeoutMs: 1000 }),
    { message: "not found" },
  );
  const pending = fakeKube({
    Job: { initial: [{ metadata: { name: "j" }, spec: { completions: 1 }, status: {} }] },
  });
  await rejects(
    waitForResources(pending, [info("Job", "j")], { strategy: "legacy", timeoutMs: 300, waitForJobs: true }),
    { message: "context deadline exceeded" },
  );
});

Deno.test("watchUntilReady (hooks): Jobs until complete, other kinds at once; legacy hook messages", async () => {
  const running: KubeObject = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "j", namespace: "ns" },
    status: {},
  };
  const complete: KubeObject = {
    ...running,
    status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] },
  };
  const failedJob: KubeObject = {
    ...running,
    status: { failed: 1, conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }] },
  };
  const cm: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "ns" } };
  await watchUntilReady(
    fakeKube({ Job: { initial: [running], later: [["MODIFIED", complete]] }, ConfigMap: { initial: [cm] } }),
    [info("ConfigMap", "cfg"), info("Job", "j")],
    { timeoutMs: 5000 },
  );
  await rejects(
    watchUntilReady(fakeKube({ Job: { initial: [running] } }), [info("Job", "j")], { timeoutMs: 200 }),
    {
      message:
        "resource Job/ns/j not ready. status: InProgress, message: Job in progress\ncontext deadline exceeded",
    },
  );
  await legacyWatchUntilReady(
    fakeKube({ Job: { initial: [running], later: [["MODIFIED", complete]] } }),
    [info("ConfigMap", "cfg"), info("Job", "j")],
    { timeoutMs: 5000 },
  );
  await rejects(
    legacyWatchUntilReady(fakeKube({ Job: { initial: [failedJob] } }), [info("Job", "j")], {
      timeoutMs: 5000,
    }),
    { message: "job j failed: BackoffLimitExceeded" },
  );
  await rejects(
    legacyWatchUntilReady(fakeKube({ Job: { initial: [running] } }), [info("Job", "j")], { timeoutMs: 200 }),
    { message: "timed out waiting for the condition" },
  );
});
