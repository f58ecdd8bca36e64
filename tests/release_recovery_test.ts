/**
 * No release ever stuck: charta killed (SIGKILL) at each step of an
 * upgrade — before its record, after it, between two kinds of objects,
 * during a hook, while waiting — leaves a release the next upgrade
 * recovers (the abandoned revision marked failed, no revision lost, helm
 * still reading and upgrading the history); two upgrades started together
 * never both proceed. Runs charta as real processes on the local control
 * plane, stopped at failpoints (src/failpoint).
 */
import assert from "node:assert/strict";
import { restartApiServer } from "../scripts/cluster/mod.ts";
import { clusterForTests } from "./lib/cluster.ts";
import { helmBinary } from "./lib/cli.ts";
import { type Env, inHelmNamespace, ok, records } from "./lib/releases.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();
const EVOLVE = new URL("../fixtures/charts/evolve", import.meta.url).pathname;
const MAIN = new URL("../main.ts", import.meta.url).pathname;

function inNamespace(fn: (e: Env) => Promise<void>): Promise<void> {
  return inHelmNamespace("charta-recover", fn);
}

/** Deno's own cache, kept when HOME is a scratch directory (else each process would fetch its modules again). */
const DENO_DIR = Deno.env.get("DENO_DIR") ??
  `${Deno.env.get("XDG_CACHE_HOME") ?? `${Deno.env.get("HOME")}/.cache`}/deno`;

/** charta as a real process, with failpoints. */
function spawn(e: Env, args: string[], failpoints: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--quiet", "--v8-flags=--stack-size=1800", MAIN, ...args],
    env: { ...e.env, DENO_DIR, CHARTA_FAILPOINTS: failpoints },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Reads the process's stderr until `charta failpoint NAME reached`, then kills it. */
async function killAt(child: Deno.ChildProcess, name: string): Promise<void> {
  const reader = child.stderr.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  const deadline = setTimeout(() => child.kill("SIGKILL"), 60_000);
  try {
    while (!seen.includes(`charta failpoint ${name} reached`)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`charta ended before failpoint ${name}:\n${seen}`);
      seen += decoder.decode(value);
    }
  } finally {
    clearTimeout(deadline);
    reader.releaseLock();
  }
  child.kill("SIGKILL");
  await child.status;
  await child.stdout.cancel();
  await child.stderr.cancel();
}

interface HistoryRow {
  revision: number;
  status: string;
  description: string;
}

async function historyOf(e: Env, tool: "charta" | "helm", name: string): Promise<HistoryRow[]> {
  const r = tool === "charta"
    ? await e.charta("history", name, "-o", "json")
    : await e.helm("history", name, "-o", "json");
  return JSON.parse(ok(r, `${tool} history`));
}

const STEPS: Array<{ failpoint: string; extra?: string[]; recordMade: boolean }> = [
  { failpoint: "upgrade:before-record", recordMade: false },
  { failpoint: "upgrade:after-record", recordMade: true },
  { failpoint: "hook:pre-upgrade", recordMade: true },
  { failpoint: "update:mid-apply", recordMade: true },
  { failpoint: "wait", extra: ["--wait", "--timeout", "60s"], recordMade: true },
];

for (const step of STEPS) {
  Deno.test({
    name: `recovery: an upgrade killed at ${step.failpoint} is recovered by the next one`,
    ignore: !enabled || !helmBin,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      await inNamespace(async (e) => {
        ok(await e.charta("install", "rec", EVOLVE, "--set", "extra=true"), "install");
        const child = spawn(
          e,
          ["upgrade", "rec", EVOLVE, "--set", "message=killed", ...(step.extra ?? [])],
          step.failpoint,
        );
        await killAt(child, step.failpoint);

        const next = await e.charta("upgrade", "rec", EVOLVE, "--set", "message=after");
        assert.equal(next.code, 0, `the next upgrade must succeed:\n${next.stderr}`);
        if (step.recordMade) {
          assert.match(
            next.stderr,
            /revision 2 was left pending-upgrade by process \d+ on .*, which is gone/,
          );
        }
        const rows = await historyOf(e, "charta", "rec");
        const expected = step.recordMade
          ? [[1, "superseded"], [2, "failed"], [3, "deployed"]]
          : [[1, "superseded"], [2, "deployed"]];
        assert.deepEqual(rows.map((r) => [r.revision, r.status]), expected);
        if (step.recordMade) assert.match(rows[1].description, /abandoned/);
        // helm reads the same history and goes on from it.
        assert.deepEqual(await historyOf(e, "helm", "rec"), rows);
        ok(await e.helm("upgrade", "rec", EVOLVE, "--set", "message=helm"), "helm upgrade after recovery");
        const live = await (await e.kube("GET", `/api/v1/namespaces/${e.ns}/configmaps/rec-data`)).json() as {
          data: { message: string };
        };
        assert.equal(live.data.message, "helm");
        const leases = await (await e.kube("GET", `/apis/coordination.k8s.io/v1/namespaces/${e.ns}/leases`))
          .json() as { items: unknown[] };
        assert.equal(leases.items.length, 0, "the lease is released");
      });
    },
  });
}

Deno.test({
  name: "recovery: of two upgrades started together, one proceeds and the other gets a conflict, every time",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      ok(await e.charta("install", "race", EVOLVE), "install");
      let revision = 1;
      for (let round = 0; round < 4; round++) {
        // Each holds the release a while once it has it, so the two always overlap.
        const a = spawn(
          e,
          ["upgrade", "race", EVOLVE, "--set", `message=a${round}`],
          "lease:acquired=sleep(4000)",
        );
        const b = spawn(
          e,
          ["upgrade", "race", EVOLVE, "--set", `message=b${round}`],
          "lease:acquired=sleep(4000)",
        );
        const [ra, rb] = await Promise.all([a.output(), b.output()]);
        const codes = [ra.code, rb.code].sort();
        assert.deepEqual(codes, [0, 1], `round ${round}: exactly one succeeds`);
        const loser = new TextDecoder().decode((ra.code === 1 ? ra : rb).stderr);
        assert.match(
          loser,
          /^Error: UPGRADE FAILED: another operation \(upgrade\) on release "race" is in progress/m,
        );
        revision++;
      }
      const rows = await historyOf(e, "charta", "race");
      assert.deepEqual(rows.map((r) => r.revision), [1, 2, 3, 4, 5]);
      assert.equal(rows.filter((r) => r.status === "deployed").length, 1);
      assert.equal(rows.at(-1)!.revision, revision);
      assert.equal((await records(e)).length, 5);
    });
  },
});

Deno.test({
  name:
    "recovery: the API server restarted mid-upgrade gives a clear error (or rides it out), then upgrades work",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      ok(await e.charta("install", "restart", EVOLVE, "--set", "extra=true"), "install");
      const child = spawn(
        e,
        ["upgrade", "restart", EVOLVE, "--set", "message=during"],
        "update:mid-apply=sleep(1500)",
      );
      const reader = child.stderr.getReader();
      const decoder = new TextDecoder();
      let stderr = "";
      while (!stderr.includes("charta failpoint update:mid-apply reached")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`charta ended before the failpoint:\n${stderr}`);
        stderr += decoder.decode(value);
      }
      // The API server goes away while charta sleeps between two kinds of objects, and comes back.
      await restartApiServer();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        stderr += decoder.decode(value);
      }
      const status = await child.status;
      await child.stdout.cancel();
      if (!status.success) {
        const errors = stderr.split("\n").filter((l) => l.startsWith("Error: "));
        assert.equal(errors.length, 1, stderr);
        assert.match(
          errors[0],
          /^Error: UPGRADE FAILED: .*(connection refused|connection reset|EOF|unreachable)/,
        );
        assert.doesNotMatch(stderr, /^\s+at /m, "no stack trace");
      }
      const next = await e.charta("upgrade", "restart", EVOLVE, "--set", "message=after");
      assert.equal(next.code, 0, next.stderr);
      const rows = await historyOf(e, "charta", "restart");
      assert.equal(rows.at(-1)!.status, "deployed");
      assert.ok(rows.every((r) => !r.status.startsWith("pending")), JSON.stringify(rows));
      assert.deepEqual(await historyOf(e, "helm", "restart"), rows);
    });
  },
});
