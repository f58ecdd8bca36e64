/**
 * `lookup` against the local control plane, charta beside the reference
 * helm 4: `template --dry-run=server` (and helm 3's `--validate`) reads the
 * same objects, lists, cluster-scoped objects, integer types and empty maps
 * as helm, fails as helm for a group version the server does not serve and
 * for objects another owner holds; install and upgrade keep a generated
 * password through lookup, whichever tool upgrades.
 */
import assert from "node:assert/strict";
import { clusterForTests } from "./lib/cluster.ts";
import { inHelmNamespace, ok } from "./lib/releases.ts";

const enabled = clusterForTests();
const CHART = new URL("../fixtures/charts/lookup", import.meta.url).pathname;
// The only random line: a password generated when no Secret exists yet.
const PASSWORD = /^ {2}password: .*$/m;

Deno.test({
  name: "lookup: template --dry-run=server reads the cluster as helm does, and fails as helm does",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inHelmNamespace("charta-lookup", async (e) => {
      const created = [
        await e.kube("POST", `/api/v1/namespaces/${e.ns}/configmaps`, {
          metadata: { name: "lookup-source" },
          data: { key: "hello" },
        }),
        await e.kube("POST", `/api/v1/namespaces/${e.ns}/services`, {
          metadata: { name: "lookup-svc" },
          spec: { ports: [{ port: 8080, targetPort: 80 }] },
        }),
      ];
      for (const r of created) assert.equal(r.status, 201, await r.text());

      const args = ["template", "rel", CHART, "--dry-run=server"];
      const helm = ok(await e.helm(...args), "helm template");
      const charta = ok(await e.charta(...args), "charta template");
      assert.equal(charta.replace(PASSWORD, ""), helm.replace(PASSWORD, ""));
      for (
        const line of [
          'value: "hello"',
          'port: "int64 8080"',
          `namespace: "${e.ns}"`,
          'gone: "map[] 0"',
          'nokind: "map[]"',
          "listItems: ConfigMap/v1/lookup-source",
        ]
      ) assert.ok(charta.includes(line), `${line} in\n${charta}`);
      // Without the cluster, lookup finds nothing.
      assert.ok(ok(await e.charta("template", "rel", CHART), "offline").includes('value: "none"'));

      // The same run through helm 3's flag, and the same failure for an unserved group version.
      const validate = await e.charta("template", "rel", CHART, "--validate");
      assert.equal(validate.code, 0, validate.stderr);
      for (const extra of [["--set", "badGroup=true"]]) {
        const h = await e.helm(...args, ...extra);
        const c = await e.charta(...args, ...extra);
        assert.equal(c.code, 1);
        assert.equal(c.stderr, h.stderr);
        assert.match(c.stderr, /error calling lookup: unable to get apiresource from unstructured/);
      }

      // An object the chart renders already exists outside the release: install's check, without --is-upgrade.
      const taken = await e.kube("POST", `/api/v1/namespaces/${e.ns}/configmaps`, {
        metadata: { name: "rel-seen" },
      });
      assert.equal(taken.status, 201);
      const h = await e.helm(...args);
      const c = await e.charta(...args);
      assert.equal(c.code, 1);
      assert.equal(c.stdout, "");
      assert.equal(c.stderr, h.stderr);
      assert.match(c.stderr, /^Error: unable to continue with install: ConfigMap "rel-seen"/);
      assert.equal((await e.charta(...args, "--is-upgrade")).code, 0);
    });
  },
});

Deno.test({
  name: "lookup: install and upgrade keep a generated password, whichever tool upgrades",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inHelmNamespace("charta-lookup-pw", async (e) => {
      const password = async () => {
        const r = await e.kube("GET", `/api/v1/namespaces/${e.ns}/secrets/app-pw`);
        assert.equal(r.status, 200);
        return ((await r.json()) as { data: { password: string } }).data.password;
      };
      ok(await e.charta("install", "app", CHART), "install");
      const first = await password();
      ok(await e.charta("upgrade", "app", CHART), "charta upgrade");
      assert.equal(await password(), first);
      ok(await e.helm("upgrade", "app", CHART), "helm upgrade");
      assert.equal(await password(), first);
      // A server dry run sees it too; a client one cannot.
      assert.ok(ok(await e.charta("upgrade", "app", CHART, "--dry-run=server"), "dry run").includes(first));
      assert.ok(
        !ok(await e.charta("upgrade", "app", CHART, "--dry-run=client"), "client dry run").includes(first),
      );
    });
  },
});
