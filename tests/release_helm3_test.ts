/**
 * Interop with helm 3 (the reference v3) on the local control plane: what
 * charta installs helm 3 lists, reads and uninstalls; what helm 3 installs
 * charta lists, shows and uninstalls. helm 3 records have no
 * `apply_method` and were applied client-side; both must not matter.
 */
import assert from "node:assert/strict";
import { kubeClient } from "../scripts/cluster/mod.ts";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";
import { clusterForTests, normalizeResources, testCluster } from "./lib/cluster.ts";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";

const enabled = clusterForTests();
const helm4 = helmBinary();
const helm3 = referenceHelmPath("v3");
if (!helm3 && Deno.env.get("CI")) throw new Error("reference helm 3 is not built; .ci/run must build it");
const WEBAPP = new URL("../fixtures/charts/webapp", import.meta.url).pathname;

function ok(r: RunResult, what: string): string {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
  return r.stdout;
}

interface ListRow {
  name: string;
  namespace: string;
  revision: string;
  status: string;
  chart: string;
  app_version: string;
}

const row = (r: ListRow) => [r.name, r.namespace, r.revision, r.status, r.chart, r.app_version];

Deno.test({
  name: "helm 3 interop: helm 3 reads and uninstalls charta's releases, charta helm 3's",
  ignore: !enabled || !helm3 || !helm4,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const info = await testCluster();
    const c = await kubeClient(info);
    const ns = `charta-h3-${crypto.randomUUID().slice(0, 8)}`;
    const home = await Deno.makeTempDir();
    const env = {
      HOME: home,
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      KUBECONFIG: info.kubeconfig,
      HELM_NAMESPACE: ns,
    };
    const run = {
      charta: (...args: string[]) => charta(args, env),
      helm3: (...args: string[]) => helm(helm3!, args, env),
      helm4: (...args: string[]) => helm(helm4!, args, env),
    };
    const exists = async (path: string) => {
      const r = await c.request("GET", path);
      await r.body?.cancel();
      return r.status === 200;
    };
    const records = async () => {
      const r = await c.request("GET", `/api/v1/namespaces/${ns}/secrets?labelSelector=owner%3Dhelm`);
      return ((await r.json()).items as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name)
        .sort();
    };
    try {
      const r = await c.request("POST", "/api/v1/namespaces", { metadata: { name: ns } });
      assert.equal(r.status, 201, await r.text());

      // charta installs, helm 3 reads and uninstalls.
      ok(await run.charta("install", "by-charta", WEBAPP, "--set", "replicaCount=2"), "charta install");
      const rows = JSON.parse(ok(await run.helm3("list", "-o", "json"), "helm 3 list")) as ListRow[];
      assert.deepEqual(rows.map(row), [["by-charta", ns, "1", "deployed", "webapp-1.4.2", "2.7.0"]]);
      assert.equal(
        ok(await run.helm3("get", "manifest", "by-charta"), "helm 3 get manifest"),
        ok(await run.charta("get", "manifest", "by-charta"), "charta get manifest"),
      );
      assert.equal(
        ok(await run.helm3("get", "values", "by-charta", "-o", "json"), "helm 3 get values"),
        '{"replicaCount":2}\n',
      );
      const st3 = ok(await run.helm3("status", "by-charta"), "helm 3 status");
      assert.match(
        st3,
        /^NAME: by-charta\nLAST DEPLOYED: .+\nNAMESPACE: .+\nSTATUS: deployed\nREVISION: 1\n/,
      );
      assert.match(st3, /\nNOTES:\n/);
      assert.equal(
        ok(await run.helm3("uninstall", "by-charta"), "helm 3 uninstall"),
        'release "by-charta" uninstalled\n',
      );
      assert.deepEqual(await records(), []);
      assert.equal(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/by-charta-webapp`), false);
      assert.equal(await exists(`/api/v1/namespaces/${ns}/services/by-charta-webapp`), false);

      // helm 3 installs, charta reads and uninstalls.
      ok(await run.helm3("install", "by-helm3", WEBAPP, "--set", "replicaCount=1"), "helm 3 install");
      const listed = ok(await run.charta("list", "-o", "json"), "charta list");
      assert.deepEqual((JSON.parse(listed) as ListRow[]).map(row), [
        ["by-helm3", ns, "1", "deployed", "webapp-1.4.2", "2.7.0"],
      ]);
      assert.equal(listed, ok(await run.helm4("list", "-o", "json"), "helm 4 list"));
      assert.equal(ok(await run.charta("list"), "charta list"), ok(await run.helm4("list"), "helm 4 list"));
      const st = ok(await run.charta("status", "by-helm3"), "charta status");
      assert.match(st, /^NAME: by-helm3\nLAST DEPLOYED: .+\nNAMESPACE: .+\nSTATUS: deployed\nREVISION: 1\n/);
      assert.equal(
        normalizeResources(st),
        normalizeResources(ok(await run.helm4("status", "by-helm3"), "helm 4 status")),
      );
      assert.equal(
        ok(await run.charta("get", "manifest", "by-helm3"), "charta get manifest"),
        ok(await run.helm3("get", "manifest", "by-helm3"), "helm 3 get manifest"),
      );
      assert.equal(
        ok(await run.charta("uninstall", "by-helm3"), "charta uninstall"),
        'release "by-helm3" uninstalled\n',
      );
      assert.deepEqual(await records(), []);
      assert.equal(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/by-helm3-webapp`), false);
      assert.equal(await exists(`/api/v1/namespaces/${ns}/configmaps/by-helm3-webapp-config`), false);
      const gone = await run.helm3("status", "by-helm3");
      assert.deepEqual([gone.code, gone.stderr], [1, "Error: release: not found\n"]);
    } finally {
      await (await c.request("DELETE", `/api/v1/namespaces/${ns}`)).body?.cancel();
      c.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});
