/**
 * `charta diff upgrade|rollback|install` on the local control plane: the
 * changes shown are exactly those the operation makes (changed, added,
 * removed, kept objects), Secret values are masked, `--detailed-exitcode`
 * answers 2 for changes and 0 for none, errors read as the operation's, and
 * nothing in the cluster or the release history is changed by a diff.
 */
import assert from "node:assert/strict";
import { clusterForTests, inTestNamespace, type NamespaceEnv } from "./lib/cluster.ts";
import type { RunResult } from "./lib/cli.ts";

const enabled = clusterForTests();
const EVOLVE = new URL("../fixtures/charts/evolve", import.meta.url).pathname;
const SECRET = new URL("../fixtures/charts/diff-secret", import.meta.url).pathname;

function ok(r: RunResult, what: string): string {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * What a diff must not change: the ConfigMaps' and Secrets' (release
 * records included) resource versions, and the Deployments' generations
 * (their status is the controllers' to update meanwhile).
 */
async function clusterState(e: NamespaceEnv): Promise<string> {
  const state: string[] = [];
  for (
    const [path, field] of [
      [`/api/v1/namespaces/${e.ns}/configmaps`, "resourceVersion"],
      [`/api/v1/namespaces/${e.ns}/secrets`, "resourceVersion"],
      [`/apis/apps/v1/namespaces/${e.ns}/deployments`, "generation"],
    ] as const
  ) {
    const r = await e.kube("GET", path);
    const list = await r.json() as { items: Array<{ metadata: Record<string, unknown> }> };
    for (const i of list.items) state.push(`${path} ${i.metadata.name} ${i.metadata[field]}`);
  }
  return state.sort().join("\n");
}

Deno.test({
  name: "diff upgrade/rollback/install show exactly what the operation would change, and change nothing",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inTestNamespace("charta-diff", async (e) => {
      const ns = e.ns;
      ok(await e.charta("install", "rel", EVOLVE), "install");
      const before = await clusterState(e);

      // Changed ConfigMap and Deployment env, an added ConfigMap; nothing else.
      const up = await e.charta(
        "diff",
        "upgrade",
        "rel",
        EVOLVE,
        "--set",
        "message=two,extra=true",
        "--detailed-exitcode",
        "--context",
        "0",
        "--no-color",
      );
      assert.equal(up.code, 2, up.stderr);
      assert.equal(up.stderr, "");
      assert.equal(
        up.stdout,
        [
          `${ns}, rel-data, ConfigMap (v1) has changed:`,
          "@@ -3,1 +3,1 @@",
          "-   message: hello",
          "+   message: two",
          "@@ -11,1 +11,1 @@",
          '-     revision: "1"',
          '+     revision: "2"',
          "",
          `${ns}, rel-extra, ConfigMap (v1) has been added:`,
          "+ apiVersion: v1",
          "+ data:",
          '+   extra: "yes"',
          "+ kind: ConfigMap",
          "+ metadata:",
          "+   annotations:",
          "+     meta.helm.sh/release-name: rel",
          `+     meta.helm.sh/release-namespace: ${ns}`,
          "+   labels:",
          "+     app.kubernetes.io/managed-by: Helm",
          "+   name: rel-extra",
          `+   namespace: ${ns}`,
          "",
          `${ns}, rel-app, Deployment (apps) has changed:`,
          "@@ -32,1 +32,1 @@",
          "-           value: hello",
          "+           value: two",
          "",
        ].join("\n"),
      );
      // Whole objects by default; without --detailed-exitcode changes exit 0.
      const whole = await e.charta("diff", "upgrade", "rel", EVOLVE, "--set", "message=two", "--no-color");
      assert.equal(whole.code, 0, whole.stderr);
      assert.match(whole.stdout, /^ {6}app\.kubernetes\.io\/managed-by: Helm$/m);
      assert.match(whole.stdout, /^ {10}imagePullPolicy: IfNotPresent$/m, "the server's defaults are shown");
      assert.doesNotMatch(whole.stdout, /managedFields|resourceVersion|uid:|creationTimestamp|status:/);
      const simple = ok(
        await e.charta(
          "diff",
          "upgrade",
          "rel",
          EVOLVE,
          "--set",
          "message=two,extra=true",
          "--output",
          "simple",
        ),
        "simple",
      );
      assert.equal(
        simple,
        `${ns}, rel-data, ConfigMap (v1) to be changed.\n${ns}, rel-extra, ConfigMap (v1) to be added.\n` +
          `${ns}, rel-app, Deployment (apps) to be changed.\nPlan: 1 to add, 2 to change, 0 to destroy.\n`,
      );
      assert.equal(await clusterState(e), before, "diff upgrade changed nothing");

      // After a real upgrade: rollback to 1 drops the extra ConfigMap but keeps the kept one.
      ok(await e.charta("upgrade", "rel", EVOLVE, "--set", "message=two,extra=true,kept=true"), "upgrade");
      const afterUpgrade = await clusterState(e);
      const rb = await e.charta("diff", "rollback", "rel", "1", "--output", "json", "--detailed-exitcode");
      assert.equal(rb.code, 2, rb.stderr);
      assert.deepEqual(JSON.parse(rb.stdout), [
        { api: "v1", kind: "ConfigMap", namespace: ns, name: "rel-data", change: "MODIFY" },
        { api: "apps", kind: "Deployment", namespace: ns, name: "rel-app", change: "MODIFY" },
        { api: "v1", kind: "ConfigMap", namespace: ns, name: "rel-extra", change: "REMOVE" },
      ]);
      const rbDiff = ok(
        await e.charta("diff", "rollback", "rel", "--context", "0", "--no-color"),
        "rollback",
      );
      assert.match(rbDiff, /^- {3}message: two\n\+ {3}message: hello$/m);
      // The same upgrade again changes only the revision label.
      const again = await e.charta(
        "diff",
        "upgrade",
        "rel",
        EVOLVE,
        "--reuse-values",
        "--output",
        "json",
        "--detailed-exitcode",
      );
      assert.equal(again.code, 2, again.stderr);
      assert.deepEqual(JSON.parse(again.stdout).map((c: { name: string }) => c.name), ["rel-data"]);
      assert.equal(await clusterState(e), afterUpgrade, "diff rollback changed nothing");

      // Install: every object added; a name in use is refused as install refuses it.
      const inst = ok(
        await e.charta("diff", "install", "other", EVOLVE, "--output", "simple"),
        "diff install",
      );
      assert.equal(
        inst,
        `${ns}, other-data, ConfigMap (v1) to be added.\n${ns}, other-app, Deployment (apps) to be added.\n` +
          "Plan: 2 to add, 0 to change, 0 to destroy.\n",
      );
      const asUpgrade = await e.charta("diff", "upgrade", "--install", "other", EVOLVE, "--output", "simple");
      assert.equal(ok(asUpgrade, "diff upgrade --install"), inst);
      const taken = await e.charta("diff", "install", "rel", EVOLVE);
      assert.deepEqual([taken.code, taken.stderr], [1, "Error: cannot reuse a name that is still in use\n"]);

      // Errors read as the operation's.
      const missing = await e.charta("diff", "upgrade", "missing", EVOLVE);
      assert.deepEqual([missing.code, missing.stdout, missing.stderr], [
        1,
        "",
        'Error: "missing" has no deployed releases\n',
      ]);
      const noRev = await e.charta("diff", "rollback", "rel", "9");
      assert.deepEqual([noRev.code, noRev.stderr], [1, "Error: release has no 9 version\n"]);
      const badOut = await e.charta("diff", "upgrade", "rel", EVOLVE, "--output", "yaml");
      assert.deepEqual([badOut.code, badOut.stderr], [
        1,
        'Error: unknown output format "yaml": must be one of diff, simple, json\n',
      ]);
      assert.equal(await clusterState(e), afterUpgrade, "diff install and failed diffs changed nothing");
    });
  },
});

Deno.test({
  name: "diff masks Secret values unless --show-secrets; no changes print nothing and exit 0",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inTestNamespace("charta-diff-secret", async (e) => {
      const ns = e.ns;
      ok(await e.charta("install", "sec", SECRET), "install");
      const before = await clusterState(e);
      const same = await e.charta("diff", "upgrade", "sec", SECRET, "--detailed-exitcode");
      assert.deepEqual([same.code, same.stdout, same.stderr], [0, "", ""]);
      const sameJson = await e.charta(
        "diff",
        "upgrade",
        "sec",
        SECRET,
        "--output",
        "json",
        "--detailed-exitcode",
      );
      assert.deepEqual([sameJson.code, sameJson.stdout], [0, "[]\n"]);

      const changed = await e.charta(
        "diff",
        "upgrade",
        "sec",
        SECRET,
        "--set",
        "password=changed",
        "--context",
        "1",
        "--no-color",
        "--detailed-exitcode",
      );
      assert.equal(changed.code, 2, changed.stderr);
      assert.equal(
        changed.stdout,
        [
          `${ns}, sec-creds, Secret (v1) has changed:`,
          "@@ -2,3 +2,3 @@",
          "  data:",
          "-   password: '-------- # (6 bytes)'",
          "+   password: '++++++++ # (7 bytes)'",
          "    token: 'REDACTED # (3 bytes)'",
          "",
        ].join("\n"),
      );
      const shown = ok(
        await e.charta("diff", "upgrade", "sec", SECRET, "--set", "password=changed", "--show-secrets"),
        "show-secrets",
      );
      assert.match(shown, new RegExp(`^- {3}password: ${btoa("s3cret")}$`, "m"));
      assert.match(shown, new RegExp(`^\\+ {3}password: ${btoa("changed")}$`, "m"));

      const rendered = ok(await e.charta("diff", "install", "other", SECRET, "--no-color"), "diff install");
      assert.match(rendered, /^\+ {3}password: '\+\+\+\+\+\+\+\+ # \(6 bytes\)'$/m);
      assert.ok(!rendered.includes(btoa("s3cret")), "an added Secret is masked too");
      assert.equal(await clusterState(e), before, "nothing changed");
    });
  },
});

Deno.test({
  name: "diff of a release applied client-side previews its three-way patch, and a move to server-side apply",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inTestNamespace("charta-diff-csa", async (e) => {
      const ns = e.ns;
      ok(await e.charta("install", "csa", EVOLVE, "--server-side=false", "--set", "extra=true"), "install");
      const before = await clusterState(e);
      const expected = `${ns}, csa-data, ConfigMap (v1) to be changed.\n` +
        `${ns}, csa-app, Deployment (apps) to be changed.\n` +
        `${ns}, csa-extra, ConfigMap (v1) to be removed.\n` +
        "Plan: 0 to add, 2 to change, 1 to destroy.\n";
      for (const serverSide of ["auto", "true"]) {
        const r = await e.charta(
          "diff",
          "upgrade",
          "csa",
          EVOLVE,
          "--set",
          "replicas=2",
          "--output",
          "simple",
          `--server-side=${serverSide}`,
        );
        assert.equal(ok(r, `--server-side=${serverSide}`), expected);
      }
      const lines = ok(
        await e.charta("diff", "upgrade", "csa", EVOLVE, "--set", "replicas=2", "-C", "0", "--no-color"),
        "diff",
      );
      assert.match(lines, /^- {3}replicas: 1\n\+ {3}replicas: 2$/m);
      assert.equal(await clusterState(e), before, "nothing changed");
    });
  },
});
