/**
 * `upgrade` and `rollback` on the local control plane against the
 * reference helm 4: the same steps done by charta on one release and by
 * helm on its twin print the same output, leave the same records and the
 * same objects; a release passes from one tool to the other at every step
 * (install → upgrade → rollback → upgrade, alternating); failures and
 * `--rollback-on-failure`, `--history-max`, `--install`, labels.
 */
import assert from "node:assert/strict";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";
import { clusterForTests } from "./lib/cluster.ts";
import { helmBinary, type RunResult } from "./lib/cli.ts";
import { type Env, exists, inHelmNamespace, normalizeRecord, ok, record, records } from "./lib/releases.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();
const helm3Bin = referenceHelmPath("v3");
const EVOLVE = new URL("../fixtures/charts/evolve", import.meta.url).pathname;

function inNamespace(fn: (e: Env) => Promise<void>): Promise<void> {
  return inHelmNamespace("charta-up", fn);
}

const dropDeployed = (text: string) => text.replace(/^LAST DEPLOYED: .*\n/m, "");
/** `history` with its UPDATED column masked. */
const history = (text: string) => text.replace(/\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, "T");

/** The twin releases: charta's and helm's. */
const C = "twin-c";
const H = "twin-h";

/** Runs one step with charta on release {@link C} and with helm on {@link H}; both outputs must match. */
async function twin(e: Env, args: string[]): Promise<RunResult> {
  const sub = (name: string) => args.map((a) => a === "REL" ? name : a);
  const [c, h] = await Promise.all([e.charta(...sub(C)), e.helm(...sub(H))]);
  // client-go's klog lines (a watch cancelled as helm's wait ends) come and go with timing.
  const klog = /^[IWE]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \S+\] .*\n/gm;
  const norm = (text: string, name: string) =>
    dropDeployed(history(text)).replaceAll(name, "REL").replace(klog, "");
  const what = args.join(" ");
  assert.equal(c.code, h.code, `${what}: exit codes differ\ncharta: ${c.stderr}\nhelm: ${h.stderr}`);
  assert.equal(norm(c.stdout, C), norm(h.stdout, H), `${what}: stdout differs`);
  assert.equal(norm(c.stderr, C), norm(h.stderr, H), `${what}: stderr differs`);
  return c;
}

async function sameRecords(e: Env, version: number): Promise<void> {
  assert.equal(
    normalizeRecord(await record(e, C, version), C),
    normalizeRecord(await record(e, H, version), H),
    `record v${version}`,
  );
}

const cm = (e: Env, name: string) => `/api/v1/namespaces/${e.ns}/configmaps/${name}`;

Deno.test({
  name: "upgrade/rollback: charta and helm make the same revisions, outputs and objects, step by step",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      await twin(e, ["install", "REL", EVOLVE]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--set", "extra=true,kept=true,message=two"]);
      await sameRecords(e, 2);
      for (const rel of [C, H]) {
        assert.ok(await exists(e, cm(e, `${rel}-extra`)), `${rel}: the new object is created`);
        assert.ok(await exists(e, cm(e, `${rel}-pre-upgrade`)), `${rel}: pre-upgrade hook ran`);
        assert.ok(await exists(e, cm(e, `${rel}-post-upgrade`)), `${rel}: post-upgrade hook ran`);
      }
      // Values reused and overridden; the extra object dropped, the kept one stays.
      await twin(e, [
        "upgrade",
        "REL",
        EVOLVE,
        "--reuse-values",
        "--set",
        "extra=false,kept=false,message=three",
      ]);
      await sameRecords(e, 3);
      for (const rel of [C, H]) {
        assert.ok(!await exists(e, cm(e, `${rel}-extra`)), `${rel}: the dropped object is deleted`);
        assert.ok(await exists(e, cm(e, `${rel}-kept`)), `${rel}: resource-policy keep is honoured`);
      }
      await twin(e, ["get", "values", "REL", "-o", "json"]);
      await twin(e, ["rollback", "REL", "2"]);
      await sameRecords(e, 4);
      for (const rel of [C, H]) {
        assert.ok(await exists(e, cm(e, `${rel}-extra`)), `${rel}: rollback recreates the object`);
        assert.ok(await exists(e, cm(e, `${rel}-post-rollback`)), `${rel}: post-rollback hook ran`);
      }
      await twin(e, ["rollback", "REL"]);
      await twin(e, [
        "upgrade",
        "REL",
        EVOLVE,
        "--reset-then-reuse-values",
        "--set",
        "replicas=2",
        "-l",
        "team=a",
      ]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--history-max", "3", "-l", "team=null,tier=web"]);
      await twin(e, ["history", "REL"]);
      assert.equal(
        ok(await e.charta("list", "-l", "tier=web", "-q"), "charta list"),
        ok(await e.helm("list", "-l", "tier=web", "-q"), "helm list"),
      );
      assert.equal((await records(e)).length, 6, "history-max 3 keeps three revisions of each");
      await twin(e, ["get", "manifest", "REL"]);
    });
  },
});

Deno.test({
  name: "upgrade/rollback: errors and failed revisions are reported and recorded as helm does",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      await twin(e, ["upgrade", "REL", EVOLVE]);
      await twin(e, ["rollback", "REL"]);
      await twin(e, ["upgrade", "--install", "REL", EVOLVE]);
      await twin(e, ["upgrade", "-i", "REL", EVOLVE, "--set", "message=again"]);
      await twin(e, ["rollback", "REL", "9"]);
      await twin(e, ["rollback", "REL", "x1"]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--wait=maybe"]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--server-side=sometimes"]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--force-replace", "--force-conflicts"]);
      // The API server refuses an object: the revision is recorded failed, and the next upgrade works.
      const failed = await twin(e, ["upgrade", "REL", EVOLVE, "--set", "broken=true"]);
      assert.match(failed.stderr, /^Error: UPGRADE FAILED: .*Service "twin-c-broken" is invalid/m);
      await sameRecords(e, 3);
      await twin(e, ["history", "REL"]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--set", "message=fixed"]);
      await twin(e, ["history", "REL"]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--set", "broken=true,extra=true", "--cleanup-on-fail"]);
      for (const rel of [C, H]) {
        assert.ok(
          !await exists(e, cm(e, `${rel}-extra`)),
          `${rel}: --cleanup-on-fail deletes what it created`,
        );
      }
      await twin(e, ["upgrade", "REL", EVOLVE, "--set", "broken=true", "--rollback-on-failure"]);
      await twin(e, ["history", "REL"]);
      await twin(e, ["upgrade", "REL", EVOLVE, "--dry-run", "--set", "message=dry"]);
      await twin(e, ["rollback", "REL", "1", "--dry-run"]);
      await twin(e, ["history", "REL"]);
    });
  },
});

Deno.test({
  name: "upgrade/rollback: one release passes between charta and helm 4 at every step",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      ok(await e.charta("install", "mix", EVOLVE), "charta install");
      ok(await e.helm("upgrade", "mix", EVOLVE, "--set", "extra=true"), "helm upgrade");
      ok(await e.charta("upgrade", "mix", EVOLVE, "--reuse-values", "--set", "message=c3"), "charta upgrade");
      ok(await e.helm("rollback", "mix", "1"), "helm rollback");
      assert.ok(!await exists(e, cm(e, "mix-extra")));
      ok(await e.charta("rollback", "mix", "3"), "charta rollback");
      assert.ok(await exists(e, cm(e, "mix-extra")));
      ok(await e.helm("upgrade", "mix", EVOLVE, "--reuse-values", "--set", "message=h6"), "helm upgrade");
      const ch = ok(await e.charta("history", "mix"), "charta history");
      assert.equal(history(ch), history(ok(await e.helm("history", "mix"), "helm history")));
      assert.match(history(ch), /6\s+T\s+deployed\s+evolve-1.0.0\s+1.0\s+Upgrade complete/);
      const live = await (await e.kube("GET", cm(e, "mix-data"))).json() as { data: { message: string } };
      assert.equal(live.data.message, "h6");
      ok(await e.charta("uninstall", "mix"), "charta uninstall");
      assert.deepEqual(await records(e), []);
    });
  },
});

Deno.test({
  name: "upgrade/rollback: a helm 3 release (applied client-side) passes between charta and helm 3 and 4",
  ignore: !enabled || !helmBin || !helm3Bin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const helm3 = (...args: string[]) => e.helmWith(helm3Bin!, ...args);
      ok(await helm3("install", "old", EVOLVE, "--set", "extra=true"), "helm 3 install");
      // Someone scales the Deployment by hand: a client-side three-way patch keeps what the chart does not set.
      const patched = await e.kube(
        "PATCH",
        `/apis/apps/v1/namespaces/${e.ns}/deployments/old-app?fieldManager=someone-else`,
        { metadata: { annotations: { "ops/note": "by hand" } } },
        { "content-type": "application/merge-patch+json" },
      );
      assert.equal(patched.status, 200, await patched.text());
      ok(
        await e.charta("upgrade", "old", EVOLVE, "--set", "message=c2"),
        "charta upgrade (client-side, as recorded)",
      );
      const rec2 = await record(e, "old", 2);
      assert.equal(rec2.apply_method, "csa", "auto keeps a helm 3 release client-side");
      const dep = await (await e.kube("GET", `/apis/apps/v1/namespaces/${e.ns}/deployments/old-app`))
        .json() as {
          metadata: { annotations: Record<string, string> };
          spec: { template: { spec: { containers: Array<{ env: Array<{ value: string }> }> } } };
        };
      assert.equal(dep.metadata.annotations["ops/note"], "by hand", "the hand-made change is kept");
      assert.equal(dep.spec.template.spec.containers[0].env[0].value, "c2");
      assert.ok(!await exists(e, cm(e, "old-extra")), "values not reused: the extra object goes");
      ok(await helm3("rollback", "old", "1"), "helm 3 rollback");
      ok(
        await e.charta("upgrade", "old", EVOLVE, "--set", "message=c4", "--server-side=true"),
        "charta to SSA",
      );
      assert.equal((await record(e, "old", 4)).apply_method, "ssa");
      ok(await e.helm("rollback", "old", "2"), "helm 4 rollback");
      ok(await e.charta("rollback", "old", "3"), "charta rollback");
      const h3 = history(ok(await helm3("history", "old"), "helm 3 history"));
      assert.equal(history(ok(await e.charta("history", "old"), "charta history")), h3);
      assert.match(h3, /6\s+T\s+deployed\s+evolve-1.0.0\s+1.0\s+Rollback to 3/);
      ok(await helm3("uninstall", "old"), "helm 3 uninstall");
      assert.deepEqual(await records(e), []);
    });
  },
});

Deno.test({
  name:
    "upgrade --wait: a Deployment that never becomes ready fails in time with the reason; rollback-on-failure",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      await twin(e, ["install", "REL", EVOLVE, "--wait", "--timeout", "60s"]);
      const args = (name: string, ...extra: string[]) => [
        "upgrade",
        name,
        EVOLVE,
        "--set",
        "unschedulable=true",
        "--wait",
        "--timeout",
        "4s",
        ...extra,
      ];
      for (const extra of [[], ["--rollback-on-failure"]]) {
        const started = Date.now();
        const [c, h] = await Promise.all([e.charta(...args(C, ...extra)), e.helm(...args(H, ...extra))]);
        assert.ok(Date.now() - started < 30_000, "the failure comes within the timeout");
        assert.equal(c.code, 1);
        assert.equal(h.code, 1);
        // charta prints helm's error, then why the object is not ready.
        const helmErr = h.stderr.replaceAll(H, "REL");
        const chartaErr = c.stderr.replaceAll(C, "REL");
        const [first] = helmErr.split("\nError: ");
        assert.ok(chartaErr.startsWith(first), `charta:\n${chartaErr}\nhelm:\n${helmErr}`);
        assert.ok(
          chartaErr.includes(helmErr.slice(first.length)),
          `charta:\n${chartaErr}\nhelm:\n${helmErr}`,
        );
        assert.match(chartaErr, /Unschedulable: 0\/3 nodes are available/);
      }
      await twin(e, ["history", "REL"]);
      await sameRecords(e, 4);
    });
  },
});

Deno.test({
  name:
    "upgrade: a pre-upgrade hook Job that fails fails the upgrade as helm's does, and the next upgrade works",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      await twin(e, ["install", "REL", EVOLVE]);
      const failed = await twin(e, [
        "upgrade",
        "REL",
        EVOLVE,
        "--set",
        "failingHookJob=true",
        "--timeout",
        "60s",
      ]);
      assert.match(failed.stderr, /^Error: UPGRADE FAILED: pre-upgrade hooks failed: .*Job/m);
      await twin(e, ["history", "REL"]);
      await sameRecords(e, 2);
      await twin(e, ["upgrade", "REL", EVOLVE, "--set", "message=fine"]);
    });
  },
});
