/**
 * `test` on the local control plane, checked against the reference helm 4:
 * twin releases are tested by charta and by helm and must print the same
 * (times masked), exit the same and leave the same record; helm reads the
 * test suite charta ran and the other way round. Pods of the fixture chart
 * finish through kwok's stages (no containers run, so logs are an error,
 * the same one helm prints); a failing test is a pod that never finishes
 * or one whose phase the test sets to Failed.
 */
import assert from "node:assert/strict";
import { clusterForTests, inTestNamespace, type NamespaceEnv } from "./lib/cluster.ts";
import { helmBinary, type RunResult } from "./lib/cli.ts";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();
const helm3 = referenceHelmPath("v3");
const SUITE = new URL("../fixtures/charts/test-suite", import.meta.url).pathname;

type Env = NamespaceEnv & { helm: (...args: string[]) => Promise<RunResult> };

function inNamespace(fn: (e: Env) => Promise<void>): Promise<void> {
  return inTestNamespace(
    "charta-test",
    (e) => fn({ ...e, helm: (...args) => e.helmWith(helmBin!, ...args) }),
  );
}

function ok(r: RunResult, what: string): string {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
  return r.stdout;
}

/** Clock-dependent lines masked, charta's release name turned into helm's twin's. */
function normalize(text: string, from: string, to: string): string {
  return text.replaceAll(from, to).replace(
    /^(LAST DEPLOYED:|Last Started:|Last Completed:)\s+.*$/gm,
    "$1 T",
  )
    // client-go's klog lines (a watch cancelled as helm's wait ends) come and go with timing.
    .replace(/^[IWE]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \S+\] .*\n/gm, "");
}

/** A release record as stored in its Secret, decoded. */
async function record(e: Env, name: string, version = 1): Promise<Record<string, unknown>> {
  const r = await e.kube("GET", `/api/v1/namespaces/${e.ns}/secrets/sh.helm.release.v1.${name}.v${version}`);
  assert.equal(r.status, 200, `record of ${name}`);
  const s = await r.json() as { data: { release: string } };
  const gz = Uint8Array.from(atob(atob(s.data.release)), (ch) => ch.charCodeAt(0));
  const text = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")))
    .text();
  return JSON.parse(text);
}

/** The record's hooks as `name:phase`, in stored order, with whether they have run times. */
async function hookRuns(e: Env, name: string): Promise<string[]> {
  const rec = await record(e, name);
  return (rec.hooks as Array<{ name: string; last_run: { phase: string; started_at?: string } }>).map((h) =>
    `${h.name.replace(name, "R")}:${h.last_run.phase}:${h.last_run.started_at ? "ran" : "-"}`
  );
}

/**
 * Runs `test` with charta for release `c` and helm for release `h` (`REL` in
 * `args` is the release name); both must print and exit alike.
 */
async function same(e: Env, c: string, h: string, ...args: string[]): Promise<RunResult> {
  const rc = await e.charta("test", c, ...args.map((a) => a.replaceAll("REL", c)));
  const rh = await e.helm("test", h, ...args.map((a) => a.replaceAll("REL", h)));
  const what = `test ${args.join(" ")}`;
  assert.equal(normalize(rc.stdout, c, h), normalize(rh.stdout, h, h), `${what}: stdout`);
  assert.equal(normalize(rc.stderr, c, h), normalize(rh.stderr, h, h), `${what}: stderr`);
  assert.equal(rc.code, rh.code, `${what}: exit code`);
  return rc;
}

/** Sets the pod's phase to Failed once it exists (it must be one no node takes). */
async function failWhenCreated(e: Env, pod: string): Promise<void> {
  const path = `/api/v1/namespaces/${e.ns}/pods/${pod}`;
  for (let i = 0; i < 200; i++) {
    const r = await e.kube("GET", path);
    if (r.status === 200) {
      const obj = await r.json();
      obj.status = { ...obj.status, phase: "Failed" };
      const u = await e.kube("PUT", `${path}/status`, obj);
      await u.body?.cancel();
      if (u.status === 200) return;
    } else await r.body?.cancel();
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`pod ${pod} never appeared`);
}

Deno.test({
  name: "test: passing tests, filters, --logs, no tests and a missing release print as helm's",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      ok(await e.helm("install", "ts-c", SUITE), "install ts-c");
      ok(await e.helm("install", "ts-h", SUITE), "install ts-h");

      const out = (await same(e, "ts-c", "ts-h")).stdout;
      assert.match(
        out,
        /TEST SUITE: {5}ts-c-api\nLast Started: {3}.+\nLast Completed: .+\nPhase: {10}Succeeded\n/,
      );
      assert.doesNotMatch(out, /NOTES:/);
      assert.deepEqual(await hookRuns(e, "ts-c"), await hookRuns(e, "ts-h"));
      // The Job's policy is hook-succeeded: gone; the Pods stay (before-hook-creation).
      assert.equal((await e.kube("GET", `/apis/batch/v1/namespaces/${e.ns}/jobs/ts-c-job`)).status, 404);

      // Filters: skipped hooks move to the front of the record, as helm stores them.
      await same(e, "ts-c", "ts-h", "--filter", "name=REL-smoke");
      assert.deepEqual(await hookRuns(e, "ts-c"), await hookRuns(e, "ts-h"));
      await same(e, "ts-c", "ts-h", "--filter", "!name=REL-api,!name=REL-job");
      assert.deepEqual(await hookRuns(e, "ts-c"), await hookRuns(e, "ts-h"));

      // Logs: kwok has none, and the error is helm's (the pod is still there: logs come before clean-up).
      const logs = await same(e, "ts-c", "ts-h", "--logs", "--filter", "!name=REL-smoke");
      assert.equal(logs.code, 1);
      assert.match(logs.stdout, /Phase: {10}Succeeded\n\n$/);
      assert.match(
        logs.stderr,
        /^Error: unable to get logs for pod ts-c-api, container setup: no logs found for container "setup" in pod "[^"]+\/ts-c-api"\nunable to get logs for pod ts-c-api, container probe: .+\nunable to get logs for pod ts-c-api, container report: .+\n$/,
      );
      // A Job's test has no pod of its name.
      const job = await same(e, "ts-c", "ts-h", "--logs", "--filter", "name=REL-job");
      assert.equal(job.stderr, 'Error: unable to get pod ts-c-job: pods "ts-c-job" not found\n');

      // No tests at all; a missing release; an invalid name.
      ok(await e.helm("install", "none", SUITE, "--set", "tests=false"), "install none");
      const none = await same(e, "none", "none", "--logs");
      assert.match(none.stdout, /TEST SUITE: None\n\n$/);
      await same(e, "nope", "nope");
      await same(e, "Bad_Name", "Bad_Name");
    });
  },
});

Deno.test({
  name: "test: a failing test prints the status, then helm's error; the record says Failed",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      // A pod that keeps running: the wait times out.
      ok(await e.helm("install", "nd-c", SUITE, "--set", "neverDone=true"), "install");
      ok(await e.helm("install", "nd-h", SUITE, "--set", "neverDone=true"), "install");
      const r = await same(e, "nd-c", "nd-h", "--timeout", "2s");
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        `Error: resource Pod/${e.ns}/nd-c-never-done not ready. status: InProgress, message: Pod in progress\ncontext deadline exceeded\n`,
      );
      assert.match(r.stdout, /TEST SUITE: {5}nd-c-never-done\n.+\n.+\nPhase: {10}Failed\n/);
      assert.deepEqual(await hookRuns(e, "nd-c"), await hookRuns(e, "nd-h"));
      // The earlier Job (hook-succeeded) is deleted by the clean-up after a failure too.
      assert.equal((await e.kube("GET", `/apis/batch/v1/namespaces/${e.ns}/jobs/nd-c-job`)).status, 404);

      // A pod that fails (its phase set by hand: kwok only runs pods to success).
      ok(await e.helm("install", "us-c", SUITE, "--set", "unschedulable=true,tests=false"), "install");
      ok(await e.helm("install", "us-h", SUITE, "--set", "unschedulable=true,tests=false"), "install");
      const [c] = await Promise.all([
        e.charta("test", "us-c", "--timeout", "60s"),
        failWhenCreated(e, "us-c-stuck"),
      ]);
      const [h] = await Promise.all([
        e.helm("test", "us-h", "--timeout", "60s"),
        failWhenCreated(e, "us-h-stuck"),
      ]);
      assert.equal(normalize(c.stdout, "us-c", "us-h"), normalize(h.stdout, "us-h", "us-h"));
      assert.equal(c.stderr.replaceAll("us-c", "us-h"), h.stderr);
      assert.equal(
        c.stderr,
        `Error: resource Pod/${e.ns}/us-c-stuck not ready. status: Failed, message: pod us-c-stuck failed\n`,
      );
      assert.equal(c.code, 1);
      assert.deepEqual(await hookRuns(e, "us-c"), await hookRuns(e, "us-h"));
      // hook-failed: the failed pod is deleted.
      for (let i = 0; i < 50; i++) {
        const g = await e.kube("GET", `/api/v1/namespaces/${e.ns}/pods/us-c-stuck`);
        await g.body?.cancel();
        if (g.status === 404) break;
        assert.ok(i < 49, "us-c-stuck should be deleted");
        await new Promise((res) => setTimeout(res, 100));
      }
    });
  },
});

Deno.test({
  name: "test: helm reads the suite charta ran, and charta the one helm ran",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      // helm installs, charta tests, helm shows the suite.
      ok(await e.helm("install", "a", SUITE), "helm install");
      const tested = ok(await e.charta("test", "a"), "charta test");
      const st = ok(await e.helm("status", "a"), "helm status");
      const suite = (t: string) => t.slice(t.indexOf("TEST SUITE:"), t.indexOf("NOTES:"));
      assert.equal(suite(st), tested.slice(tested.indexOf("TEST SUITE:")));
      assert.match(st, /NOTES:\nRelease a says hello\.\n$/);
      assert.equal(
        ok(await e.helm("get", "hooks", "a"), "helm get hooks"),
        ok(await e.charta("get", "hooks", "a"), "charta get hooks"),
      );

      // charta installs, helm tests, charta shows the suite; then charta tests again over helm's record.
      ok(await e.charta("install", "b", SUITE), "charta install");
      const htested = ok(await e.helm("test", "b", "--filter", "!name=b-job"), "helm test");
      const cst = ok(await e.charta("status", "b"), "charta status");
      assert.equal(suite(cst), htested.slice(htested.indexOf("TEST SUITE:")));
      assert.equal(
        cst.replace(/RESOURCES:\n[\s\S]*?\n(?=TEST SUITE:)/, ""),
        ok(await e.helm("status", "b"), "").replace(/RESOURCES:\n[\s\S]*?\n(?=TEST SUITE:)/, ""),
      );
      const again = ok(await e.charta("test", "b", "--filter", "name=b-job"), "charta test");
      assert.match(again, /TEST SUITE: {5}b-job\n.+\n.+\nPhase: {10}Succeeded\n$/);
      assert.equal(
        suite(ok(await e.helm("status", "b"), "helm status")),
        again.slice(again.indexOf("TEST SUITE:")),
      );
    });
  },
});

Deno.test({
  name: "test: helm 3 reads charta's test runs and charta helm 3's; helm 3's --hide-notes is accepted",
  ignore: !enabled || !helmBin || !helm3,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const h3 = (...args: string[]) => e.helmWith(helm3!, ...args);
      ok(await e.charta("install", "v3", SUITE), "charta install");
      const tested = ok(
        await e.charta("test", "v3", "--hide-notes", "--filter", "name=v3-smoke"),
        "charta test",
      );
      assert.doesNotMatch(tested, /NOTES:/);
      const st3 = ok(await h3("status", "v3"), "helm 3 status");
      assert.match(st3, /TEST SUITE: {5}v3-smoke\n.+\n.+\nPhase: {10}Succeeded\n/);
      assert.equal(
        st3.slice(st3.indexOf("TEST SUITE:"), st3.indexOf("NOTES:")).match(/TEST SUITE:/g)?.length,
        1,
        "only the test that ran has times",
      );
      ok(await h3("test", "v3"), "helm 3 test");
      const st = ok(await e.charta("status", "v3"), "charta status");
      assert.match(st, /(TEST SUITE: {5}v3-\w+\n.+\n.+\nPhase: {10}Succeeded\n){3}NOTES:/);
    });
  },
});
