/**
 * The local control plane (scripts/cluster) behaves like a real cluster:
 * TLS with client certificates, workloads that become Ready through kwok,
 * Jobs that complete, namespace deletion by the controller-manager, RBAC.
 * Skipped locally when the binaries are not built (`deno task cluster:up`);
 * a failure in CI.
 */
import assert from "node:assert/strict";
import { type KubeClient, kubeClient } from "../scripts/cluster/mod.ts";
import { KUBERNETES_VERSION } from "../scripts/cluster/config.ts";
import { clusterForTests, testCluster } from "./lib/cluster.ts";
import { helm, helmBinary } from "./lib/cli.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();

type Obj = Record<string, unknown> & { status?: Record<string, unknown> };

/** Polls until `check` returns a value other than undefined, or fails after `seconds`. */
async function eventually<T>(what: string, seconds: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

/** Runs `fn` with an admin client in a fresh namespace, deleted afterwards. */
async function inNamespace(fn: (c: KubeClient, ns: string) => Promise<void>): Promise<void> {
  const info = await testCluster();
  const c = await kubeClient(info);
  const ns = `charta-test-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await c.json("POST", "/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns },
    });
    await fn(c, ns);
  } finally {
    const res = await c.request("DELETE", `/api/v1/namespaces/${ns}`);
    await res.body?.cancel();
    c.close();
  }
}

function podTemplate(labels: Record<string, string>, restartPolicy = "Always"): Obj {
  return {
    metadata: { labels },
    spec: { restartPolicy, containers: [{ name: "main", image: "example.invalid/app:1" }] },
  };
}

Deno.test({
  name: "cluster: the API server answers over TLS with client-certificate authentication",
  ignore: !enabled,
  async fn() {
    const info = await testCluster();
    const admin = await kubeClient(info);
    try {
      const version = await admin.json<{ gitVersion: string }>("GET", "/version");
      assert.equal(version.gitVersion, KUBERNETES_VERSION);
      const review = await admin.json<{ status: { userInfo: { username: string; groups: string[] } } }>(
        "POST",
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
      );
      assert.equal(review.status.userInfo.username, "admin");
      assert.ok(review.status.userInfo.groups.includes("system:masters"));
    } finally {
      admin.close();
    }

    // Without a client certificate the caller is anonymous and may not list anything.
    const anonymous = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(info.caCert)] });
    try {
      const res = await fetch(`${info.server}/api/v1/namespaces`, { client: anonymous });
      const body = await res.json();
      assert.equal(res.status, 403);
      assert.match(body.message, /system:anonymous/);
    } finally {
      anonymous.close();
    }

    // The serving certificate is checked: a client that does not trust the cluster's CA is refused.
    const untrusting = Deno.createHttpClient({});
    try {
      await assert.rejects(fetch(`${info.server}/version`, { client: untrusting }));
    } finally {
      untrusting.close();
    }
  },
});

Deno.test({
  name: "cluster: a Deployment's pods become Ready on the kwok nodes",
  ignore: !enabled,
  async fn() {
    await inNamespace(async (c, ns) => {
      await c.json("POST", `/apis/apps/v1/namespaces/${ns}/deployments`, {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "web" } },
          template: podTemplate({ app: "web" }),
        },
      });
      const status = await eventually("2 ready replicas", 90, async () => {
        const d = await c.json<Obj>("GET", `/apis/apps/v1/namespaces/${ns}/deployments/web`);
        return d.status?.readyReplicas === 2 ? d.status : undefined;
      });
      assert.equal(status.availableReplicas, 2);
      const pods = await c.json<{ items: { spec: { nodeName?: string }; status: { phase: string } }[] }>(
        "GET",
        `/api/v1/namespaces/${ns}/pods`,
      );
      assert.equal(pods.items.length, 2);
      for (const p of pods.items) {
        assert.equal(p.status.phase, "Running");
        assert.match(p.spec.nodeName ?? "", /^kwok-node-/);
      }
    });
  },
});

Deno.test({
  name: "cluster: a Job completes (kwok's pod-complete stage)",
  ignore: !enabled,
  async fn() {
    await inNamespace(async (c, ns) => {
      await c.json("POST", `/apis/batch/v1/namespaces/${ns}/jobs`, {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "hook" },
        spec: { backoffLimit: 0, template: podTemplate({ job: "hook" }, "Never") },
      });
      const status = await eventually("the Job to complete", 90, async () => {
        const j = await c.json<Obj>("GET", `/apis/batch/v1/namespaces/${ns}/jobs/hook`);
        const conditions = (j.status?.conditions ?? []) as { type: string; status: string }[];
        return conditions.some((x) => x.type === "Complete" && x.status === "True") ? j.status : undefined;
      });
      assert.equal(status.succeeded, 1);
    });
  },
});

Deno.test({
  name: "cluster: deleting a namespace removes it and its contents (namespace controller)",
  ignore: !enabled,
  async fn() {
    const info = await testCluster();
    const c = await kubeClient(info);
    const ns = `charta-test-del-${crypto.randomUUID().slice(0, 8)}`;
    try {
      await c.json("POST", "/api/v1/namespaces", {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: ns },
      });
      await c.json("POST", `/api/v1/namespaces/${ns}/configmaps`, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "cm" },
        data: { a: "b" },
      });
      await c.json("POST", `/api/v1/namespaces/${ns}/pods`, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p" },
        spec: podTemplate({}).spec,
      });
      const deleted = await c.json<Obj>("DELETE", `/api/v1/namespaces/${ns}`);
      assert.equal(deleted.status?.phase, "Terminating");
      await eventually("the namespace to disappear", 90, async () => {
        const res = await c.request("GET", `/api/v1/namespaces/${ns}`);
        await res.body?.cancel();
        return res.status === 404 ? true : undefined;
      });
    } finally {
      c.close();
    }
  },
});

Deno.test({
  name: "cluster: RBAC is enforced",
  ignore: !enabled,
  async fn() {
    await inNamespace(async (c, ns) => {
      // The admin (system:masters) may impersonate; jane has no bindings yet.
      const asJane = async () => {
        const res = await c.request("GET", `/api/v1/namespaces/${ns}/pods`, undefined, {
          "Impersonate-User": "jane",
        });
        await res.body?.cancel();
        return res.status;
      };
      assert.equal(await asJane(), 403);
      await c.json("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "jane-view" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "jane" }],
      });
      await eventually("jane to be allowed", 30, async () => (await asJane()) === 200 ? true : undefined);
    });
  },
});

Deno.test({
  name: "cluster: the reference helm installs a chart with --wait, lists, tests and uninstalls it",
  ignore: !enabled || !helmBin,
  async fn() {
    const info = await testCluster();
    const home = await Deno.makeTempDir();
    const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", KUBECONFIG: info.kubeconfig };
    const chart = new URL("../fixtures/charts/webapp", import.meta.url).pathname;
    const ns = `charta-test-helm-${crypto.randomUUID().slice(0, 8)}`;
    try {
      const install = await helm(helmBin!, [
        "install",
        "web",
        chart,
        "--namespace",
        ns,
        "--create-namespace",
        "--wait",
        "--timeout",
        "2m",
      ], env);
      assert.equal(install.code, 0, install.stderr);
      assert.match(install.stdout, /STATUS: deployed/);
      const list = await helm(helmBin!, ["list", "--namespace", ns, "-o", "json"], env);
      assert.equal(list.code, 0, list.stderr);
      const releases = JSON.parse(list.stdout) as { name: string; status: string }[];
      assert.deepEqual(releases.map((r) => [r.name, r.status]), [["web", "deployed"]]);
      // The chart's test hook is a bare Pod with restartPolicy Never: kwok makes it succeed.
      const test = await helm(helmBin!, ["test", "web", "--namespace", ns, "--timeout", "1m"], env);
      assert.equal(test.code, 0, test.stderr);
      assert.match(test.stdout, /Phase:\s+Succeeded/);
      const uninstall = await helm(helmBin!, ["uninstall", "web", "--namespace", ns, "--wait"], env);
      assert.equal(uninstall.code, 0, uninstall.stderr);
      assert.match(uninstall.stdout, /release "web" uninstalled/);
    } finally {
      const c = await kubeClient(info);
      const res = await c.request("DELETE", `/api/v1/namespaces/${ns}`);
      await res.body?.cancel();
      c.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});

Deno.test({
  name: "cluster: the reference helm runs a pre-install hook Job to completion and deletes it",
  ignore: !enabled || !helmBin,
  async fn() {
    const info = await testCluster();
    const home = await Deno.makeTempDir();
    const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", KUBECONFIG: info.kubeconfig };
    const chart = new URL("../fixtures/charts/hook-job", import.meta.url).pathname;
    const ns = `charta-test-hook-${crypto.randomUUID().slice(0, 8)}`;
    const c = await kubeClient(info);
    try {
      const install = await helm(helmBin!, [
        "install",
        "h",
        chart,
        "--namespace",
        ns,
        "--create-namespace",
        "--wait",
        "--timeout",
        "2m",
      ], env);
      assert.equal(install.code, 0, install.stderr);
      assert.match(install.stdout, /STATUS: deployed/);
      // hook-succeeded: helm deleted the Job once it completed.
      const job = await c.request("GET", `/apis/batch/v1/namespaces/${ns}/jobs/h-migrate`);
      await job.body?.cancel();
      assert.equal(job.status, 404);
      const cm = await c.json<{ data: Record<string, string> }>(
        "GET",
        `/api/v1/namespaces/${ns}/configmaps/h-config`,
      );
      assert.deepEqual(cm.data, { message: "hello" });
    } finally {
      const res = await c.request("DELETE", `/api/v1/namespaces/${ns}`);
      await res.body?.cancel();
      c.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});
