/**
 * `install` and `uninstall` on the local control plane, checked against the
 * reference helm 4: what charta installs helm lists, reads and uninstalls as
 * if helm had installed it (compared with a helm-installed twin), what helm
 * installs charta uninstalls; hooks and delete policies, `resource-policy:
 * keep`, the ownership error, dry runs and failed installs. Each test works
 * in a fresh namespace, deleted afterwards.
 */
import assert from "node:assert/strict";
import { clusterForTests, normalizeResources } from "./lib/cluster.ts";
import { helmBinary } from "./lib/cli.ts";
import { type Env, exists, inHelmNamespace, normalizeRecord, ok, record, records } from "./lib/releases.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();
const WEBAPP = new URL("../fixtures/charts/webapp", import.meta.url).pathname;
const OPERATOR = new URL("../fixtures/charts/operator", import.meta.url).pathname;
const LIFECYCLE = new URL("../fixtures/charts/lifecycle", import.meta.url).pathname;

function inNamespace(fn: (e: Env) => Promise<void>): Promise<void> {
  return inHelmNamespace("charta-rw", fn);
}

const rename = (text: string, from: string, to: string) => text.replaceAll(from, to);
const dropDeployed = (text: string) => text.replace(/^LAST DEPLOYED: .*\n/m, "");

Deno.test({
  name: "install: helm reads what charta installed exactly as its own twin, and uninstalls it",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const installed = ok(
        await e.charta("install", "web-c", WEBAPP, "--set", "replicaCount=2"),
        "charta install",
      );
      const twin = ok(await e.helm("install", "web-h", WEBAPP, "--set", "replicaCount=2"), "helm install");
      assert.equal(dropDeployed(rename(installed, "web-c", "web-h")), dropDeployed(twin));
      assert.match(
        installed,
        /^NAME: web-c\nLAST DEPLOYED: .+\nNAMESPACE: .+\nSTATUS: deployed\nREVISION: 1\n/,
      );

      const list = ok(await e.helm("list", "-o", "json"), "helm list");
      const rows = JSON.parse(list) as Array<Record<string, string>>;
      assert.deepEqual(rows.map((r) => [r.name, r.status, r.chart, r.revision]), [
        ["web-c", "deployed", "webapp-1.4.2", "1"],
        ["web-h", "deployed", "webapp-1.4.2", "1"],
      ]);
      for (const cmd of [["get", "values"], ["get", "values", "--all"], ["get", "notes"], ["get", "hooks"]]) {
        const c = ok(await e.helm(...cmd, "web-c"), cmd.join(" "));
        const h = ok(await e.helm(...cmd, "web-h"), cmd.join(" "));
        assert.equal(rename(c, "web-c", "web-h"), h, cmd.join(" "));
      }
      const norm = (t: string) => t.replace(/checksum\/config: [0-9a-f]{64}/g, "SUM");
      assert.equal(
        norm(rename(ok(await e.helm("get", "manifest", "web-c"), "manifest"), "web-c", "web-h")),
        norm(ok(await e.helm("get", "manifest", "web-h"), "manifest")),
      );
      // helm prints the live resources in map order: compare the rest.
      const head = (t: string) => dropDeployed(t.replace(/RESOURCES:\n[\s\S]*?\n(?=NOTES:|TEST SUITE:)/, ""));
      assert.equal(
        head(rename(ok(await e.helm("status", "web-c"), "status"), "web-c", "web-h")),
        head(ok(await e.helm("status", "web-h"), "status")),
      );
      assert.equal(
        normalizeRecord(await record(e, "web-c"), "web-c"),
        normalizeRecord(await record(e, "web-h"), "web-h"),
      );

      // Objects carry helm's ownership metadata and were applied server-side by the `helm` field manager.
      const dep = await (await e.kube(
        "GET",
        `/apis/apps/v1/namespaces/${e.ns}/deployments/web-c-webapp?showManagedFields=true`,
      )).json();
      assert.equal(dep.metadata.labels["app.kubernetes.io/managed-by"], "Helm");
      assert.equal(dep.metadata.annotations["meta.helm.sh/release-name"], "web-c");
      assert.equal(dep.metadata.annotations["meta.helm.sh/release-namespace"], e.ns);
      assert.ok(
        (dep.metadata.managedFields as Array<{ manager: string; operation: string }>).some((f) =>
          f.manager === "helm" && f.operation === "Apply"
        ),
      );

      assert.equal(ok(await e.helm("uninstall", "web-c"), "helm uninstall"), 'release "web-c" uninstalled\n');
      assert.equal(await exists(e, `/apis/apps/v1/namespaces/${e.ns}/deployments/web-c-webapp`), false);
      assert.equal(
        ok(await e.charta("uninstall", "web-h"), "charta uninstall"),
        'release "web-h" uninstalled\n',
      );
      assert.equal(await exists(e, `/apis/apps/v1/namespaces/${e.ns}/deployments/web-h-webapp`), false);
      assert.deepEqual(await records(e), []);
    });
  },
});

Deno.test({
  name: "install/uninstall: hooks with weights and delete policies, resource-policy keep, as helm",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const c = ok(await e.charta("install", "lc-c", LIFECYCLE), "charta install");
      const h = ok(await e.helm("install", "lc-h", LIFECYCLE), "helm install");
      assert.equal(dropDeployed(rename(c, "lc-c", "lc-h")), dropDeployed(h));
      assert.match(c, /NOTES:\nlc-c says hello\.\n$/);
      const rec = await record(e, "lc-c");
      const hooks = rec.hooks as Array<{ name: string; last_run: { phase: string } }>;
      // Ran hooks succeeded; delete hooks have not run yet.
      const phases = Object.fromEntries(hooks.map((x) => [x.name, x.last_run.phase]));
      assert.deepEqual(phases, {
        "lc-c-pre-install-marker": "Succeeded",
        "lc-c-pre-install": "Succeeded",
        "lc-c-post-install": "Succeeded",
        "lc-c-pre-delete": "",
        "lc-c-post-delete": "",
      });
      assert.equal(normalizeRecord(rec, "lc-c"), normalizeRecord(await record(e, "lc-h"), "lc-h"));
      // hook-succeeded Jobs are gone; the before-hook-creation ConfigMap stays.
      assert.equal(await exists(e, `/apis/batch/v1/namespaces/${e.ns}/jobs/lc-c-pre-install`), false);
      assert.equal(await exists(e, `/api/v1/namespaces/${e.ns}/configmaps/lc-c-pre-install-marker`), true);

      const uc = ok(await e.charta("uninstall", "lc-h"), "charta uninstall");
      assert.equal(
        uc,
        'These resources were kept due to the resource policy:\n[ConfigMap] lc-h-kept\n\nrelease "lc-h" uninstalled\n',
      );
      const uh = ok(await e.helm("uninstall", "lc-c"), "helm uninstall");
      assert.equal(rename(uh, "lc-c", "lc-h"), uc);
      for (const r of ["lc-c", "lc-h"]) {
        assert.equal(await exists(e, `/api/v1/namespaces/${e.ns}/configmaps/${r}-data`), false);
        assert.equal(await exists(e, `/api/v1/namespaces/${e.ns}/configmaps/${r}-kept`), true);
        assert.equal(await exists(e, `/apis/batch/v1/namespaces/${e.ns}/jobs/${r}-pre-delete`), false);
      }
      assert.deepEqual(await records(e), []);
    });
  },
});

Deno.test({
  name: "uninstall --keep-history marks the record uninstalled; errors as helm's",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      ok(await e.helm("install", "k", LIFECYCLE, "--no-hooks"), "helm install");
      assert.equal(
        ok(
          await e.charta("uninstall", "k", "--keep-history", "--no-hooks", "--description", "bye"),
          "uninstall",
        ),
        'These resources were kept due to the resource policy:\n[ConfigMap] k-kept\n\nrelease "k" uninstalled\n',
      );
      const rec = await record(e, "k");
      assert.equal((rec.info as Record<string, string>).status, "uninstalled");
      assert.equal((rec.info as Record<string, string>).description, "bye");
      const again = [
        await e.charta("uninstall", "k", "--keep-history"),
        await e.helm("uninstall", "k", "--keep-history"),
      ];
      assert.equal(again[0].stderr, again[1].stderr);
      assert.equal(again[0].code, 1);
      for (
        const args of [["uninstall", "nope"], ["uninstall", "nope", "--ignore-not-found"], [
          "uninstall",
          "Bad_Name",
        ]]
      ) {
        const [c, h] = [await e.charta(...args), await e.helm(...args)];
        assert.deepEqual([c.code, c.stdout, c.stderr], [h.code, h.stdout, h.stderr], args.join(" "));
      }
    });
  },
});

Deno.test({
  name: "install: an object not owned by the release, a name in use, a failed install",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      await (await e.kube("POST", `/api/v1/namespaces/${e.ns}/configmaps`, { metadata: { name: "x-data" } }))
        .body
        ?.cancel();
      const [c, h] = [await e.charta("install", "x", LIFECYCLE), await e.helm("install", "x", LIFECYCLE)];
      assert.equal(c.code, 1);
      assert.equal(c.stderr, h.stderr);
      assert.match(
        c.stderr,
        /exists and cannot be imported into the current release: invalid ownership metadata/,
      );
      assert.deepEqual(await records(e), []);
      // --take-ownership adopts it.
      const adopted = ok(
        await e.charta("install", "x", LIFECYCLE, "--take-ownership", "--no-hooks"),
        "adopt",
      );
      assert.match(adopted, /STATUS: deployed\n/);
      const cm = await (await e.kube("GET", `/api/v1/namespaces/${e.ns}/configmaps/x-data`)).json();
      assert.equal(cm.metadata.annotations["meta.helm.sh/release-name"], "x");
      assert.equal(cm.data.message, "hello");
      // uninstall --dry-run changes nothing.
      assert.equal(ok(await e.charta("uninstall", "x", "--dry-run"), "dry run"), 'release "x" uninstalled\n');
      assert.deepEqual(await records(e), ["sh.helm.release.v1.x.v1"]);
      ok(await e.charta("uninstall", "x", "--no-hooks"), "uninstall");

      const failed = await e.charta("install", "y", LIFECYCLE, "--no-hooks", "--set", "broken=true");
      assert.equal(failed.code, 1);
      assert.match(
        failed.stderr,
        /^Error: INSTALLATION FAILED: server-side apply failed for object \S+\/y-broken \/v1, Kind=Service: Service "y-broken" is invalid: /,
      );
      const rec = await record(e, "y");
      const info = rec.info as Record<string, string>;
      assert.equal(info.status, "failed");
      assert.equal(
        info.description,
        `Release "y" failed: ${failed.stderr.slice("Error: INSTALLATION FAILED: ".length, -1)}`,
      );
      const st = ok(await e.helm("status", "y"), "status");
      assert.match(st, /STATUS: failed\n/);

      const hFailed = await e.helm("install", "z", LIFECYCLE, "--no-hooks", "--set", "broken=true");
      assert.equal(failed.stderr, rename(hFailed.stderr, "z-broken", "y-broken"));

      const [c2, h2] = [await e.charta("install", "y", LIFECYCLE), await e.helm("install", "y", LIFECYCLE)];
      assert.deepEqual([c2.code, c2.stdout, c2.stderr], [h2.code, h2.stdout, h2.stderr]);
      // --replace reuses the name of a failed release.
      const rep = ok(await e.charta("install", "y", LIFECYCLE, "--replace", "--no-hooks"), "replace");
      assert.match(rep, /STATUS: deployed\nREVISION: 2\n/);
      ok(await e.charta("uninstall", "y", "--no-hooks"), "uninstall");
      ok(await e.helm("uninstall", "z", "--no-hooks"), "uninstall");
    });
  },
});

Deno.test({
  name: "install --dry-run prints helm's output and writes nothing",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      for (const mode of ["--dry-run=client", "--dry-run=server", "--dry-run"]) {
        const [c, h] = [
          await e.charta("install", "d", WEBAPP, mode),
          await e.helm("install", "d", WEBAPP, mode),
        ];
        assert.equal(c.code, 0, c.stderr);
        assert.equal(dropDeployed(c.stdout), dropDeployed(h.stdout), mode);
        assert.equal(c.stderr, h.stderr, mode);
        assert.match(c.stdout, /STATUS: pending-install\n/);
        assert.match(c.stdout, /DESCRIPTION: Dry run complete\n/);
      }
      const j = ok(await e.charta("install", "d", LIFECYCLE, "--dry-run=server", "-o", "json"), "json");
      const hj = ok(await e.helm("install", "d", LIFECYCLE, "--dry-run=server", "-o", "json"), "json");
      assert.equal(normalizeRecord(JSON.parse(j), "d"), normalizeRecord(JSON.parse(hj), "d"));
      assert.deepEqual(await records(e), []);
      assert.equal(await exists(e, `/api/v1/namespaces/${e.ns}/configmaps/d-data`), false);
    });
  },
});

Deno.test({
  name: "install: CRDs of crds/ first, then objects of the new kind; uninstall --no-hooks",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      // The chart also makes a cluster-scoped Namespace, so the two releases take turns.
      try {
        const c = ok(await e.charta("install", "op-c", OPERATOR), "charta install");
        assert.equal(
          await exists(e, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"),
          true,
        );
        assert.equal(await exists(e, `/apis/example.com/v1/namespaces/${e.ns}/widgets/op-c-widget`), true);
        const recC = normalizeRecord(await record(e, "op-c"), "op-c");
        ok(await e.helm("uninstall", "op-c", "--no-hooks"), "helm uninstall");
        assert.equal(await exists(e, `/apis/example.com/v1/namespaces/${e.ns}/widgets/op-c-widget`), false);
        // Namespace deletion finishes in the background.
        for (let i = 0; i < 240 && await exists(e, `/api/v1/namespaces/${e.ns}-extra`); i++) {
          await new Promise((r) => setTimeout(r, 250));
        }

        const h = ok(await e.helm("install", "op-h", OPERATOR), "helm install");
        assert.equal(dropDeployed(rename(c, "op-c", "op-h")), dropDeployed(h));
        assert.equal(recC, normalizeRecord(await record(e, "op-h"), "op-h"));
        const uc = await e.charta("uninstall", "op-h", "--no-hooks");
        assert.equal(uc.code, 0, uc.stderr);
        assert.equal(uc.stdout, 'release "op-h" uninstalled\n');
        assert.equal(await exists(e, `/apis/example.com/v1/namespaces/${e.ns}/widgets/op-h-widget`), false);
      } finally {
        await (await e.kube("DELETE", `/api/v1/namespaces/${e.ns}-extra`)).body?.cancel();
      }
      assert.deepEqual(await records(e), []);
    });
  },
});

Deno.test({
  name:
    "install: a hook that never completes fails the install at --timeout, with hook-failed deletion, as helm",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const args = ["--set", "failingHook=true", "--timeout", "2s"];
      const c = await e.charta("install", "hx", LIFECYCLE, ...args);
      const h = await e.helm("install", "hy", LIFECYCLE, ...args);
      assert.equal(c.code, 1);
      assert.equal(rename(c.stderr, "hx-", "hy-"), h.stderr);
      assert.match(
        c.stderr,
        /^Error: INSTALLATION FAILED: failed pre-install: resource Pod\/\S+\/hx-never-done not ready/,
      );
      const info = (await record(e, "hx")).info as Record<string, string>;
      assert.equal(info.status, "failed");
      assert.match(info.description, /^Release "hx" failed: failed pre-install: /);
      assert.equal(
        normalizeResources(
          rename(ok(await e.helm("status", "hx"), "status"), "hx", "hy").replace(/^LAST DEPLOYED.*\n/m, ""),
        ),
        normalizeResources(ok(await e.helm("status", "hy"), "status").replace(/^LAST DEPLOYED.*\n/m, "")),
      );
      // The failed hook and the earlier hook-succeeded Job are deleted; the hook without a policy stays.
      for (const r of ["hx", "hy"]) {
        assert.equal(await exists(e, `/api/v1/namespaces/${e.ns}/pods/${r}-never-done`), false);
        assert.equal(await exists(e, `/apis/batch/v1/namespaces/${e.ns}/jobs/${r}-pre-install`), false);
        assert.equal(await exists(e, `/api/v1/namespaces/${e.ns}/configmaps/${r}-pre-install-marker`), true);
      }
    });
  },
});
