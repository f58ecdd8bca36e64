/**
 * src/kube against the local control plane (scripts/cluster): client
 * certificates, ServiceAccount tokens, exec plugins, impersonation, CRUD of
 * core, apps and custom kinds, server-side apply, the API server's errors,
 * and the release storage drivers on real Secrets and ConfigMaps (read back
 * by the reference helm when it is built). Skipped locally when the cluster
 * is not built; a failure in CI.
 */
import assert from "node:assert/strict";
import { EnvSettings } from "../src/settings/env_settings.ts";
import { clientForSettings, KubeApiError, type KubeClient, type KubeObject } from "../src/kube/client.ts";
import { kubeObjects } from "../src/kube/objects.ts";
import { ConfigMapsDriver, SecretsDriver } from "../src/storage/kube_drivers.ts";
import { buildTestRelease } from "../src/storage/test_helpers.ts";
import { clusterForTests, type ClusterInfo, testCluster } from "./lib/cluster.ts";
import { helm, helmBinary } from "./lib/cli.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();
const HOME = Deno.makeTempDirSync({ prefix: "charta-kube-test-home-" });

/** Settings as the CLI would make them from `env`, then adjusted by `set` (the global flags). */
function settingsFor(env: Record<string, string>, set: (s: EnvSettings) => void = () => {}): EnvSettings {
  const s = EnvSettings.fromEnv((n) => ({ HOME, ...env })[n], "linux");
  set(s);
  return s;
}

async function adminClient(info: ClusterInfo, set: (s: EnvSettings) => void = () => {}): Promise<KubeClient> {
  return await clientForSettings(settingsFor({ KUBECONFIG: info.kubeconfig }, set));
}

/** Runs `fn` with an admin client in a fresh namespace, deleted afterwards. */
async function inNamespace(
  fn: (c: KubeClient, ns: string, info: ClusterInfo) => Promise<void>,
): Promise<void> {
  const info = await testCluster();
  const ns = `charta-kube-${crypto.randomUUID().slice(0, 8)}`;
  const c = await adminClient(info, (s) => s.namespaceOverride = ns);
  try {
    await c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    await fn(c, ns, info);
  } finally {
    await c.delete({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }).catch(() => {});
    c.close();
  }
}

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
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

/** Who the API server thinks we are (SelfSubjectReview). */
async function whoAmI(c: KubeClient): Promise<string> {
  const r = await c.create<KubeObject & { status: { userInfo: { username: string } } }>({
    apiVersion: "authentication.k8s.io/v1",
    kind: "SelfSubjectReview",
  });
  return r.status.userInfo.username;
}

/** A ServiceAccount in `ns` and a short-lived token for it (TokenRequest API). */
async function serviceAccountToken(c: KubeClient, ns: string, name: string): Promise<string> {
  await c.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: ns } });
  const tr = await c.requestJson<{ status: { token: string } }>(
    "POST",
    `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`,
    {
      body: {
        apiVersion: "authentication.k8s.io/v1",
        kind: "TokenRequest",
        spec: { expirationSeconds: 600 },
      },
    },
  );
  return tr.status.token;
}

const opts = { ignore: !enabled, sanitizeResources: false, sanitizeOps: false };

Deno.test({
  name: "kube: client certificate from the kubeconfig; discovery timing",
  ...opts,
  fn: async () => {
    const info = await testCluster();
    const c = await adminClient(info);
    try {
      const t0 = performance.now();
      await c.isReachable();
      const t1 = performance.now();
      const m = await c.mapping("apps/v1", "Deployment");
      const t2 = performance.now();
      console.log(
        `first request (GET /version) ${(t1 - t0).toFixed(1)} ms; discovery ${(t2 - t1).toFixed(1)} ms`,
      );
      assert.deepEqual(m, {
        group: "apps",
        version: "v1",
        kind: "Deployment",
        resource: "deployments",
        namespaced: true,
      });
      assert.equal((await c.mapping("rbac.authorization.k8s.io/v1", "ClusterRole")).namespaced, false);
      assert.equal(await whoAmI(c), "admin"); // the CN of the kubeconfig's client certificate
      const ns = await c.get({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
      assert.equal(ns.metadata?.name, "default");
    } finally {
      c.close();
    }
  },
});

Deno.test({
  name: "kube: bearer token from the TokenRequest API (--kube-token, --kube-apiserver, --kube-ca-file)",
  ...opts,
  fn: () =>
    inNamespace(async (admin, ns, info) => {
      const token = await serviceAccountToken(admin, ns, "robot");
      const c = await clientForSettings(settingsFor({ KUBECONFIG: `${HOME}/absent` }, (s) => {
        s.kubeAPIServer = info.server;
        s.kubeCaFile = info.caCert;
        s.kubeToken = token;
      }));
      try {
        assert.equal(await whoAmI(c), `system:serviceaccount:${ns}:robot`);
        // The ServiceAccount has no RBAC: the server's Forbidden text comes through.
        await assert.rejects(c.list("v1", "Secret", { namespace: ns }), (e: Error) => {
          assert.ok(e instanceof KubeApiError);
          assert.equal(e.code, 403);
          assert.equal(
            e.message,
            `secrets is forbidden: User "system:serviceaccount:${ns}:robot" cannot list resource "secrets" in API group "" in the namespace "${ns}"`,
          );
          return true;
        });
      } finally {
        c.close();
      }
      // A bad token: 401 Unauthorized.
      const bad = await clientForSettings(settingsFor({ KUBECONFIG: `${HOME}/absent` }, (s) => {
        s.kubeAPIServer = info.server;
        s.kubeCaFile = info.caCert;
        s.kubeToken = "not-a-token";
      }));
      try {
        await assert.rejects(bad.serverVersion(), {
          message: "Unauthorized",
          code: 401,
          reason: "Unauthorized",
        });
      } finally {
        bad.close();
      }
    }),
});

Deno.test({
  name: "kube: exec credential plugins (token and client certificate), their failures, and token files",
  ...opts,
  fn: () =>
    inNamespace(async (admin, ns, info) => {
      const token = await serviceAccountToken(admin, ns, "plugin-user");
      const dir = await Deno.makeTempDir();
      try {
        const credential = JSON.stringify({
          apiVersion: "client.authentication.k8s.io/v1",
          kind: "ExecCredential",
          status: { token },
        });
        await Deno.writeTextFile(`${dir}/plugin.sh`, `#!/bin/sh\ncat <<'EOF'\n${credential}\nEOF\n`);
        await Deno.chmod(`${dir}/plugin.sh`, 0o755);
        await Deno.writeTextFile(`${dir}/token`, token);
        const ca = btoa(await Deno.readTextFile(info.caCert));
        await Deno.writeTextFile(
          `${dir}/kubeconfig`,
          `apiVersion: v1
kind: Config
current-context: exec
clusters:
- name: local
  cluster: {server: "${info.server}", certificate-authority-data: ${ca}}
contexts:
- name: exec
  context: {cluster: local, user: exec-user, namespace: ${ns}}
- name: file
  context: {cluster: local, user: file-user}
users:
- name: exec-user
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: Never}
- name: file-user
  user: {tokenFile: token}
`,
        );
        const certCredential = JSON.stringify({
          apiVersion: "client.authentication.k8s.io/v1",
          kind: "ExecCredential",
          status: {
            clientCertificateData: await Deno.readTextFile(info.cert),
            clientKeyData: await Deno.readTextFile(info.key),
          },
        });
        await Deno.writeTextFile(`${dir}/cert-plugin.sh`, `#!/bin/sh\ncat <<'EOF'\n${certCredential}\nEOF\n`);
        await Deno.writeTextFile(`${dir}/failing-plugin.sh`, "#!/bin/sh\nexit 3\n");
        for (const f of ["cert-plugin.sh", "failing-plugin.sh"]) await Deno.chmod(`${dir}/${f}`, 0o755);
        await Deno.writeTextFile(
          `${dir}/kubeconfig`,
          (await Deno.readTextFile(`${dir}/kubeconfig`)) + `- name: cert-user
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./cert-plugin.sh, interactiveMode: Never}
- name: failing-user
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./failing-plugin.sh, interactiveMode: Never}
- name: missing-user
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: charta-no-such-plugin, interactiveMode: Never}
- name: nomode-user
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./cert-plugin.sh}
contexts:
- name: cert
  context: {cluster: local, user: cert-user}
- name: failing
  context: {cluster: local, user: failing-user}
- name: missing
  context: {cluster: local, user: missing-user}
`.replace(/\ncontexts:\n[\s\S]*$/, "\n"),
        );
        // Contexts appended above would duplicate the key; add them to the existing list instead.
        const text = await Deno.readTextFile(`${dir}/kubeconfig`);
        await Deno.writeTextFile(
          `${dir}/kubeconfig`,
          text.replace(
            "contexts:\n",
            "contexts:\n- name: cert\n  context: {cluster: local, user: cert-user}\n" +
              "- name: failing\n  context: {cluster: local, user: failing-user}\n" +
              "- name: missing\n  context: {cluster: local, user: missing-user}\n" +
              "- name: nomode\n  context: {cluster: local, user: nomode-user}\n",
          ),
        );
        const expect: Record<string, string> = {
          exec: `system:serviceaccount:${ns}:plugin-user`,
          file: `system:serviceaccount:${ns}:plugin-user`,
          cert: "admin",
        };
        for (const [context, user] of Object.entries(expect)) {
          const c = await clientForSettings(
            settingsFor({ KUBECONFIG: `${dir}/kubeconfig` }, (s) => s.kubeContext = context),
          );
          try {
            assert.equal(await whoAmI(c), user, context);
          } finally {
            c.close();
          }
        }
        for (const context of ["failing", "missing", "nomode"]) {
          let ours = "";
          try {
            const c = await clientForSettings(
              settingsFor({ KUBECONFIG: `${dir}/kubeconfig` }, (s) => s.kubeContext = context),
            );
            try {
              await c.isReachable();
            } finally {
              c.close();
            }
          } catch (e) {
            ours = (e as Error).message;
          }
          assert.match(
            ours,
            context === "nomode"
              ? /^kubernetes cluster unreachable: invalid configuration: interactiveMode must be specified/
              : /^kubernetes cluster unreachable: Get "https:\/\/127\.0\.0\.1:\d+\/version": getting credentials: exec: /,
          );
          if (helmBin) {
            const r = await helm(helmBin, ["list", "--kube-context", context], {
              HOME,
              KUBECONFIG: `${dir}/kubeconfig`,
            });
            assert.equal(r.stderr.trim(), `Error: ${ours}`, context);
          }
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    }),
});

Deno.test({
  name: "kube: impersonation without RBAC is Forbidden with the server's message",
  ...opts,
  fn: () =>
    inNamespace(async (_admin, ns, info) => {
      const c = await adminClient(info, (s) => {
        s.namespaceOverride = ns;
        s.kubeAsUser = "nobody";
        s.kubeAsGroups = ["team-a", "team-b"];
      });
      try {
        const r = await c.create<
          KubeObject & { status: { userInfo: { username: string; groups: string[] } } }
        >({
          apiVersion: "authentication.k8s.io/v1",
          kind: "SelfSubjectReview",
        });
        assert.equal(r.status.userInfo.username, "nobody");
        assert.deepEqual(r.status.userInfo.groups.filter((g) => g.startsWith("team-")), ["team-a", "team-b"]);
        await assert.rejects(c.list("v1", "ConfigMap"), {
          message:
            `configmaps is forbidden: User "nobody" cannot list resource "configmaps" in API group "" in the namespace "${ns}"`,
          reason: "Forbidden",
        });
      } finally {
        c.close();
      }
    }),
});

Deno.test({
  name: "kube: TLS options through node:https (--kube-tls-server-name, --kube-insecure-skip-tls-verify)",
  ...opts,
  fn: async () => {
    const info = await testCluster();
    const port = new URL(info.server).port;
    for (
      const set of [
        (s: EnvSettings) => s.kubeTLSServerName = "kubernetes.default.svc",
        (s: EnvSettings) => s.kubeInsecureSkipTLSVerify = true,
      ]
    ) {
      const c = await adminClient(info, (s) => {
        s.kubeAPIServer = `https://localhost:${port}`;
        set(s);
      });
      try {
        assert.equal(
          (await c.list("v1", "Namespace")).items.some((n) => n.metadata?.name === "default"),
          true,
        );
      } finally {
        c.close();
      }
    }
    const wrong = await adminClient(info, (s) => s.kubeTLSServerName = "not-the-server.example");
    try {
      await assert.rejects(wrong.isReachable(), /kubernetes cluster unreachable: Get ".*\/version": tls: /);
    } finally {
      wrong.close();
    }
  },
});

Deno.test({
  name: "kube: CRUD of a ConfigMap with every patch type and label selectors",
  ...opts,
  fn: () =>
    inNamespace(async (c, ns) => {
      const ref = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" } };
      const created = await c.create({
        ...ref,
        metadata: { name: "cfg", labels: { app: "x" } },
        data: { a: "1" },
      });
      assert.equal(created.metadata?.namespace, ns);
      await assert.rejects(c.create({ ...ref, data: {} }), {
        message: 'configmaps "cfg" already exists',
        reason: "AlreadyExists",
        code: 409,
      });
      await c.patch(ref, { data: { b: "2" } }, "merge");
      await c.patch(ref, { data: { c: "3" } }, "strategic");
      await c.patch(ref, [{ op: "add", path: "/data/d", value: "4" }], "json");
      const got = await c.get<KubeObject & { data: Record<string, string> }>(ref);
      assert.deepEqual(got.data, { a: "1", b: "2", c: "3", d: "4" });
      await c.replace({ ...ref, metadata: { name: "cfg", labels: { app: "y" } }, data: { z: "26" } });
      assert.deepEqual((await c.get<KubeObject & { data: unknown }>(ref)).data, { z: "26" });
      await c.create({ ...ref, metadata: { name: "other", labels: { app: "x" } } });
      const listed = await c.list("v1", "ConfigMap", { labelSelector: "app=y" });
      assert.deepEqual(listed.items.map((i) => [i.kind, i.metadata?.name]), [["ConfigMap", "cfg"]]);
      const paged = await c.list("v1", "ConfigMap", { labelSelector: "app", limit: 1 });
      assert.deepEqual(paged.items.map((i) => i.metadata?.name).sort(), ["cfg", "other"]);
      await c.delete(ref);
      await assert.rejects(c.get(ref), { message: 'configmaps "cfg" not found', reason: "NotFound" });
      await assert.rejects(c.delete(ref), { message: 'configmaps "cfg" not found', code: 404 });
    }),
});

Deno.test({
  name: "kube: a Deployment by server-side apply, conflicts, force, and deletion with a propagation policy",
  ...opts,
  fn: () =>
    inNamespace(async (c, ns) => {
      const deployment = (replicas: number) => ({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: ns },
        spec: {
          replicas,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
          },
        },
      });
      const applied = await c.apply(deployment(1), { fieldManager: "charta-a" });
      assert.equal((applied.spec as { replicas: number }).replicas, 1);
      await assert.rejects(c.apply(deployment(3), { fieldManager: "charta-b" }), (e: Error) => {
        assert.ok(e instanceof KubeApiError);
        assert.equal(e.code, 409);
        assert.equal(e.reason, "Conflict");
        assert.equal(e.message, 'Apply failed with 1 conflict: conflict with "charta-a": .spec.replicas');
        return true;
      });
      const forced = await c.apply(deployment(3), { fieldManager: "charta-b", force: true });
      assert.equal((forced.spec as { replicas: number }).replicas, 3);
      await c.patch(deployment(3), {
        spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } },
      }, "strategic");
      const got = await c.get<
        KubeObject & { spec: { template: { spec: { containers: { image: string }[] } } } }
      >(
        deployment(3),
      );
      assert.equal(got.spec.template.spec.containers[0].image, "nginx:1.28");
      // The strategic patch above was made by the client's manager (`helm`), so it now owns the image too.
      await assert.rejects(c.apply(deployment(5), { fieldManager: "charta-b" }), /conflict with "helm"/);
      const dryRun = await c.apply(deployment(5), { fieldManager: "charta-b", dryRun: true, force: true });
      assert.equal((dryRun.spec as { replicas: number }).replicas, 5);
      assert.equal(((await c.get(deployment(3))).spec as { replicas: number }).replicas, 3);
      await c.delete(deployment(3), { propagationPolicy: "Foreground" });
      await eventually("the Deployment to go", 30, async () => {
        try {
          await c.get(deployment(3));
          return undefined;
        } catch (e) {
          return e instanceof KubeApiError && e.reason === "NotFound" ? true : undefined;
        }
      });
    }),
});

Deno.test({
  name: "kube: a CRD and an instance of it (the mapping refreshes once the CRD is established)",
  ...opts,
  fn: () =>
    inNamespace(async (c, ns) => {
      const group = `t${crypto.randomUUID().slice(0, 8)}.charta.example`;
      const crd = {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: `widgets.${group}` },
        spec: {
          group,
          scope: "Namespaced",
          names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
          versions: [{
            name: "v1",
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
          }],
        },
      };
      // Discovery is cached before the CRD exists.
      await c.mapping("v1", "ConfigMap");
      await assert.rejects(c.mapping(`${group}/v1`, "Widget"), {
        message: `no matches for kind "Widget" in version "${group}/v1"`,
      });
      await c.create(crd);
      try {
        await eventually("the CRD to be established", 30, async () => {
          const got = await c.get<
            KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
          >(crd);
          return got.status?.conditions?.some((x) => x.type === "Established" && x.status === "True")
            ? true
            : undefined;
        });
        const widget = {
          apiVersion: `${group}/v1`,
          kind: "Widget",
          metadata: { name: "w1" },
          spec: { size: 3 },
        };
        await eventually("the Widget kind to be served", 30, async () => (await c.create(widget), true));
        const got = await c.get<KubeObject & { spec: { size: number } }>(widget);
        assert.equal(got.metadata?.namespace, ns);
        assert.equal(got.spec.size, 3);
        await c.apply({ ...widget, spec: { size: 4 } }, { force: true });
        assert.equal(
          (await c.list<KubeObject & { spec: { size: number } }>(`${group}/v1`, "Widget")).items[0].spec.size,
          4,
        );
        await c.delete(widget);
      } finally {
        await c.delete(crd).catch(() => {});
      }
    }),
});

Deno.test({
  name: "kube: a namespace that does not exist and an unreachable server give helm's errors",
  ...opts,
  fn: async () => {
    const info = await testCluster();
    const c = await adminClient(info, (s) => s.namespaceOverride = "charta-no-such-namespace");
    try {
      await assert.rejects(
        c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }),
        { message: 'namespaces "charta-no-such-namespace" not found', reason: "NotFound", code: 404 },
      );
    } finally {
      c.close();
    }
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (l.addr as Deno.NetAddr).port;
    l.close();
    const down = await adminClient(info, (s) => s.kubeAPIServer = `https://127.0.0.1:${port}`);
    const expected =
      `kubernetes cluster unreachable: Get "https://127.0.0.1:${port}/version": dial tcp 127.0.0.1:${port}: connect: connection refused`;
    try {
      await assert.rejects(down.isReachable(), { message: expected });
    } finally {
      down.close();
    }
    if (helmBin) {
      const r = await helm(helmBin, ["list", "--kube-apiserver", `https://127.0.0.1:${port}`], {
        HOME,
        KUBECONFIG: info.kubeconfig,
      });
      assert.equal(r.stderr.trim(), `Error: ${expected}`);
    }
    // A kubeconfig context that does not exist.
    await assert.rejects(adminClient(info, (s) => s.kubeContext = "nope"), {
      message: 'kubernetes cluster unreachable: context "nope" does not exist',
    });
  },
});

Deno.test({
  name:
    "kube: the secret and configmap storage drivers round-trip releases on the cluster (and helm reads them)",
  ...opts,
  fn: () =>
    inNamespace(async (c, ns, info) => {
      const rls = await buildTestRelease({
        chart: "webapp",
        name: "roundtrip",
        namespace: ns,
        status: "deployed",
      });
      const secrets = new SecretsDriver(kubeObjects(c, ns));
      await secrets.create("sh.helm.release.v1.roundtrip.v1", rls);
      const raw = await c.get<KubeObject & { type: string; data: Record<string, string> }>({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "sh.helm.release.v1.roundtrip.v1" },
      });
      assert.equal(raw.type, "helm.sh/release.v1");
      assert.equal(raw.metadata?.labels?.owner, "helm");
      const back = await secrets.get("sh.helm.release.v1.roundtrip.v1");
      assert.equal(back.manifest, rls.manifest);
      assert.equal(back.name, "roundtrip");
      const all = new SecretsDriver(kubeObjects(c, ""));
      assert.ok((await all.query({ name: "roundtrip", owner: "helm" })).some((r) => r.namespace === ns));
      await assert.rejects(secrets.create("sh.helm.release.v1.roundtrip.v1", rls), /already exists/);

      const cms = new ConfigMapsDriver(kubeObjects(c, ns));
      await cms.create("sh.helm.release.v1.roundtrip.v1", rls);
      rls.info.description = "changed";
      await cms.update("sh.helm.release.v1.roundtrip.v1", rls);
      assert.equal((await cms.get("sh.helm.release.v1.roundtrip.v1")).info.description, "changed");

      if (helmBin) {
        const env = { HOME, KUBECONFIG: info.kubeconfig };
        const list = await helm(helmBin, ["list", "-n", ns, "-o", "json"], env);
        assert.equal(list.code, 0, list.stderr);
        assert.deepEqual(JSON.parse(list.stdout).map((r: { name: string }) => r.name), ["roundtrip"]);
        const manifest = await helm(helmBin, ["get", "manifest", "roundtrip", "-n", ns], env);
        assert.equal(manifest.stdout.trim(), rls.manifest.trim());
      }
      await secrets.delete("sh.helm.release.v1.roundtrip.v1");
      await cms.delete("sh.helm.release.v1.roundtrip.v1");
      await assert.rejects(secrets.query({ name: "roundtrip" }), /not found/);
    }),
});

Deno.test({
  name: "kube: kubeconfig errors read exactly as helm's (no cluster needed)",
  ignore: !helmBin,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const files: Record<string, string> = {
        "bad.yaml": "garbage: [\n",
        "boolname.yaml": "contexts:\n- name: y\n  context: {}\n",
        "dangling.yaml": "apiVersion: v1\nkind: Config\ncurrent-context: z\n",
        "noca.yaml": `clusters:
- name: c
  cluster: {server: "https://127.0.0.1:9", certificate-authority: absent/ca.crt}
contexts:
- {name: x, context: {cluster: c, user: u}}
current-context: x
users:
- {name: u, user: {token: t, username: a}}
`,
      };
      for (const [f, text] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${f}`, text);
      const cases: Array<{ env: Record<string, string>; flags: string[]; set: (s: EnvSettings) => void }> = [
        ...Object.keys(files).map((f) => ({ env: { KUBECONFIG: `${dir}/${f}` }, flags: [], set: () => {} })),
        {
          env: { KUBECONFIG: `${dir}/noca.yaml` },
          flags: ["--kube-context", "nope"],
          set: (s: EnvSettings) => s.kubeContext = "nope",
        },
        {
          env: {},
          flags: ["--kubeconfig", `${dir}/absent.yaml`],
          set: (s: EnvSettings) => s.kubeConfig = `${dir}/absent.yaml`,
        },
      ];
      for (const c of cases) {
        const r = await helm(helmBin!, ["list", ...c.flags], { HOME, ...c.env });
        let ours = "";
        try {
          (await clientForSettings(settingsFor(c.env, c.set))).close();
        } catch (e) {
          ours = (e as Error).message;
        }
        assert.equal(`Error: ${ours}`, r.stderr.trim(), JSON.stringify(c));
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
