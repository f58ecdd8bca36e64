/**
 * The waiting engine on the local control plane (kwok makes scheduled pods
 * Ready and Job pods succeed): Deployments that become ready or never do,
 * a custom resource without status, Jobs that complete or fail, a
 * ClusterIP Service, an unbound PVC, deletion, the legacy checker, and the
 * timeout message compared with the reference helm 4's `install --wait`.
 */
import assert from "node:assert/strict";
import { clusterForTests, inTestNamespace, type NamespaceEnv } from "./lib/cluster.ts";
import { helmBinary } from "./lib/cli.ts";
import { EnvSettings } from "../src/settings/env_settings.ts";
import { clientForSettings, type KubeClient } from "../src/kube/client.ts";
import { applyResources, buildResources, deleteResources } from "../src/action/release_objects.ts";
import {
  legacyWatchUntilReady,
  PlainProgress,
  WaitError,
  waitForDelete,
  waitForResources,
  type WaitOptions,
} from "../src/wait/mod.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();

async function withKube(
  prefix: string,
  fn: (e: NamespaceEnv, kube: KubeClient) => Promise<void>,
): Promise<void> {
  await inTestNamespace(prefix, async (e) => {
    const kube = await clientForSettings(EnvSettings.fromEnv((n) => e.env[n]));
    try {
      await fn(e, kube);
    } finally {
      kube.close();
    }
  });
}

async function applyAndWait(
  kube: KubeClient,
  ns: string,
  manifest: string,
  options: Partial<WaitOptions> = {},
): Promise<{ lines: string[]; ms: number; error?: WaitError }> {
  const infos = await buildResources(kube, manifest, ns);
  await applyResources(kube, infos);
  const lines: string[] = [];
  const t0 = Date.now();
  try {
    await waitForResources(kube, infos, {
      strategy: "watcher",
      timeoutMs: 60_000,
      progress: new PlainProgress((t) => lines.push(t.trimEnd())),
      ...options,
    });
    return { lines, ms: Date.now() - t0 };
  } catch (err) {
    if (!(err instanceof WaitError)) throw err;
    return { lines, ms: Date.now() - t0, error: err };
  }
}

const deployment = (name: string, extraPodSpec = "") => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:${extraPodSpec}
      containers:
      - name: c
        image: nginx
`;

const NEVER_READY = deployment("web", `\n      nodeSelector: {charta-test/nowhere: "true"}`);

const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !enabled, sanitizeResources: false, sanitizeOps: false, fn });

test("a Deployment becomes ready; a ClusterIP Service and a ConfigMap are ready at once", async () => {
  await withKube("charta-wait", async (e, kube) => {
    const r = await applyAndWait(
      kube,
      e.ns,
      deployment("web") + `---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {a: b}
`,
    );
    assert.equal(r.error, undefined, r.error?.message);
    assert.ok(r.lines.includes(`Deployment/${e.ns}/web: Current`), r.lines.join("\n"));
    assert.ok(r.lines.includes(`Service/${e.ns}/web: Current`), r.lines.join("\n"));
    assert.ok(r.lines.includes(`ConfigMap/${e.ns}/cfg: Current`), r.lines.join("\n"));
    // Deleting waits for the objects to be gone (watch DELETED events).
    const infos = await buildResources(kube, deployment("web"), e.ns);
    assert.deepEqual(await deleteResources(kube, infos, "Background"), []);
    await waitForDelete(kube, infos, { strategy: "watcher", timeoutMs: 30_000 });
  });
});

test("a Deployment that is never scheduled times out with helm's message and the pod's reason", async () => {
  await withKube("charta-wait", async (e, kube) => {
    const r = await applyAndWait(kube, e.ns, NEVER_READY, { timeoutMs: 5000 });
    assert.ok(r.error, "the wait must fail");
    assert.equal(
      r.error.helmMessage,
      `resource Deployment/${e.ns}/web not ready. status: InProgress, message: Available: 0/1\ncontext deadline exceeded`,
    );
    assert.ok(r.error.message.startsWith(r.error.helmMessage + "\n"));
    assert.match(r.error.message, /PodScheduled=False Unschedulable: 0\/3 nodes are available/);
    // The FailedScheduling event says what the condition says: shown once.
    const lines = r.error.details;
    assert.equal(lines.filter((l) => l.includes("0/3 nodes are available")).length, 1, lines.join("\n"));
    assert.ok(r.ms >= 4900 && r.ms < 8000, `took ${r.ms} ms`);
    assert.ok(r.lines.includes(`Deployment/${e.ns}/web: InProgress: Available: 0/1`), r.lines.join("\n"));
  });
});

test("legacy: a ready Deployment passes, a never-ready one ends with context deadline exceeded", async () => {
  await withKube("charta-wait", async (e, kube) => {
    const ok = await applyAndWait(kube, e.ns, deployment("ok"), { strategy: "legacy" });
    assert.equal(ok.error, undefined, ok.error?.message);
    const bad = await applyAndWait(kube, e.ns, NEVER_READY, { strategy: "legacy", timeoutMs: 3000 });
    assert.equal(bad.error?.message, "context deadline exceeded");
  });
});

test("a custom resource without status is Current once its CRD is established", async () => {
  await withKube("charta-wait", async (e, kube) => {
    const group = `${e.ns}.charta.test`;
    const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.${group}}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;
    try {
      const r1 = await applyAndWait(kube, e.ns, crd);
      assert.equal(r1.error, undefined, r1.error?.message);
      assert.ok(
        r1.lines.includes(`CustomResourceDefinition//widgets.${group}: Current`),
        r1.lines.join("\n"),
      );
      kube.invalidateDiscovery();
      const r2 = await applyAndWait(
        kube,
        e.ns,
        `apiVersion: ${group}/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n`,
      );
      assert.equal(r2.error, undefined, r2.error?.message);
      assert.ok(r2.lines.includes(`Widget/${e.ns}/w: Current`), r2.lines.join("\n"));
    } finally {
      await (await e.kube(
        "DELETE",
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.${group}`,
      ))
        .body?.cancel();
    }
  });
});

const job = (name: string, extra = "", podExtra = "") => `
apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:${extra}
  backoffLimit: 0
  template:
    spec:${podExtra}
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
`;

test("Jobs: --wait-for-jobs waits for completion; a Job past its deadline fails early", async () => {
  await withKube("charta-wait", async (e, kube) => {
    const done = await applyAndWait(kube, e.ns, job("done"), { waitForJobs: true });
    assert.equal(done.error, undefined, done.error?.message);
    assert.ok(done.lines.includes(`Job/${e.ns}/done: Current`), done.lines.join("\n"));
    // Never scheduled, so the job controller fails it when activeDeadlineSeconds passes.
    const failed = await applyAndWait(
      kube,
      e.ns,
      job("late", "\n  activeDeadlineSeconds: 2", `\n      nodeSelector: {charta-test/nowhere: "true"}`),
      { waitForJobs: true, timeoutMs: 30_000 },
    );
    assert.ok(failed.error, "the wait must fail");
    assert.match(
      failed.error.helmMessage,
      new RegExp(
        `^resource Job/${e.ns}/late not ready\\. status: Failed, message: Job Failed\\. failed: \\d/1$`,
      ),
    );
    assert.ok(failed.ms < 20_000, `a failed Job ends the wait early (took ${failed.ms} ms)`);
    assert.match(failed.error.message, /Failed=True DeadlineExceeded/);
    // Hooks under --wait=legacy: helm 3's watch of each Job, with its messages.
    const hooks = await buildResources(kube, job("hook-ok") + "---" + job("late"), e.ns);
    await applyResources(kube, hooks.slice(0, 1));
    await assert.rejects(legacyWatchUntilReady(kube, hooks, { timeoutMs: 30_000 }), {
      message: "job late failed: DeadlineExceeded",
    });
    await legacyWatchUntilReady(kube, hooks.slice(0, 1), { timeoutMs: 30_000 });
  });
});

test("an unbound PVC stays InProgress until the timeout", async () => {
  await withKube("charta-wait", async (e, kube) => {
    const r = await applyAndWait(
      kube,
      e.ns,
      `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`,
      { timeoutMs: 3000 },
    );
    assert.equal(
      r.error?.helmMessage,
      `resource PersistentVolumeClaim/${e.ns}/data not ready. status: InProgress, message: PVC is not Bound. phase: Pending\ncontext deadline exceeded`,
    );
  });
});

Deno.test({
  name: "the timeout message starts with helm 4's for the same never-ready Deployment",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withKube("charta-wait", async (e, kube) => {
      const chart = await Deno.makeTempDir();
      try {
        await Deno.mkdir(`${chart}/templates`);
        await Deno.writeTextFile(`${chart}/Chart.yaml`, "apiVersion: v2\nname: nr\nversion: 0.1.0\n");
        await Deno.writeTextFile(`${chart}/templates/dep.yaml`, NEVER_READY.replaceAll("web", "helm-web"));
        const h = await e.helmWith(helmBin!, "install", "nr", chart, "--wait", "--timeout", "5s");
        assert.equal(h.code, 1);
        const r = await applyAndWait(kube, e.ns, NEVER_READY.replaceAll("web", "ours"), { timeoutMs: 5000 });
        assert.ok(r.error);
        assert.equal(
          `Error: INSTALLATION FAILED: ${r.error.helmMessage.replaceAll("ours", "helm-web")}\n`,
          h.stderr,
        );
      } finally {
        await Deno.remove(chart, { recursive: true });
      }
    });
  },
});
