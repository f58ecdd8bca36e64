/**
 * Bad input and faults of the release commands on the local control plane
 * (issue 5, "Bad input and faults"): no cluster, an unknown context, bad
 * credentials, RBAC, a missing namespace, a name in use, an object owned by
 * another release, an object the API server refuses and a record too large
 * for a Secret. Each fault must give one clear `Error: …` line, the same as
 * the reference helm 4 prints unless charta's is better (said where so), and
 * leave no half-written record: nothing when the install stopped before the
 * record, a `failed` record with the reason when it stopped after.
 */
import assert from "node:assert/strict";
import { clusterForTests } from "./lib/cluster.ts";
import { helmBinary, type RunResult } from "./lib/cli.ts";
import { type Env, inHelmNamespace, record, records, statusOf } from "./lib/releases.ts";
import { freePort } from "../scripts/lib/free_port.ts";

const enabled = clusterForTests();
const helmBin = helmBinary();
const WEBAPP = new URL("../fixtures/charts/webapp", import.meta.url).pathname;
const COMMANDS: ReadonlyArray<readonly string[]> = [
  ["install", "x", WEBAPP],
  ["list"],
  ["status", "x"],
  ["uninstall", "x"],
];

function inNamespace(fn: (e: Env) => Promise<void>): Promise<void> {
  return inHelmNamespace("charta-fault", fn);
}

const status = statusOf;

/** The failure is one `Error: …` line, the last thing printed (install's log line aside). */
function oneLineError(r: RunResult, what: string): string {
  assert.equal(r.code, 1, `${what}: ${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, "", what);
  const lines = r.stderr.trimEnd().split("\n");
  const errors = lines.filter((l) => l.startsWith("Error: "));
  assert.equal(errors.length, 1, `${what}: ${r.stderr}`);
  assert.equal(errors[0], lines.at(-1), `${what}: ${r.stderr}`);
  return errors[0];
}

/** charta and helm 4 fail alike on the same command. */
async function sameFailure(e: Env, args: readonly string[], rename?: [string, string]): Promise<string> {
  const c = await e.charta(...args);
  const h = await e.helm(...args);
  const line = oneLineError(c, `charta ${args.join(" ")}`);
  const hStderr = rename ? h.stderr.replaceAll(rename[0], rename[1]) : h.stderr;
  assert.deepEqual([c.code, c.stdout, c.stderr], [h.code, h.stdout, hStderr], args.join(" "));
  return line;
}

Deno.test({
  name: "faults: no cluster, an unknown context and bad credentials fail as helm's, writing nothing",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const admin = await Deno.readTextFile(e.kubeconfig);
      // A closed port: nothing listens there (Deno refuses a few "bad ports" such as 1, so a freed one is used).
      const closed = `${e.home}/closed.kubeconfig`;
      await Deno.writeTextFile(
        closed,
        admin.replace(/server: .*/, `server: https://127.0.0.1:${freePort()}`),
      );
      // No client certificate: the API server sees only the bogus token and answers 401.
      const tokenOnly = `${e.home}/token.kubeconfig`;
      await Deno.writeTextFile(
        tokenOnly,
        admin.replace(/^\s+client-(certificate|key)-data: .*\n/gm, "").replace(/^ {2}user:$/m, "  user: {}"),
      );
      for (const cmd of COMMANDS) {
        const unreachable = await sameFailure(e, [...cmd, "--kubeconfig", closed]);
        assert.match(
          unreachable,
          /kubernetes cluster unreachable: Get "https:\/\/127\.0\.0\.1:\d+\/version": dial tcp /,
        );
        const noContext = await sameFailure(e, [...cmd, "--kube-context", "nope"]);
        assert.match(noContext, /kubernetes cluster unreachable: context "nope" does not exist$/);
        const unauthorized = await sameFailure(e, [
          ...cmd,
          "--kubeconfig",
          tokenOnly,
          "--kube-token",
          "bogus",
        ]);
        assert.match(
          unauthorized,
          /kubernetes cluster unreachable: the server has asked for the client to provide credentials$/,
        );
      }
      assert.deepEqual(await records(e), []);
    });
  },
});

Deno.test({
  name: "faults: forbidden by RBAC and a missing namespace fail as helm's, writing nothing",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      for (const cmd of COMMANDS) {
        const forbidden = await sameFailure(e, [...cmd, "--kube-as-user", "nobody"]);
        assert.match(forbidden, /is forbidden: User "nobody" cannot (get|list) resource/);
      }
      assert.deepEqual(await records(e), []);

      const missing = `charta-missing-${crypto.randomUUID().slice(0, 8)}`;
      const install = await sameFailure(e, ["install", "x", WEBAPP, "-n", missing]);
      assert.equal(
        install,
        `Error: INSTALLATION FAILED: create: failed to create: namespaces "${missing}" not found`,
      );
      assert.equal(await status(e, `/api/v1/namespaces/${missing}`), 404);
      // list of a namespace without releases is an empty table for both.
      const [cl, hl] = [await e.charta("list", "-n", missing), await e.helm("list", "-n", missing)];
      assert.deepEqual([cl.code, cl.stdout, cl.stderr], [hl.code, hl.stdout, hl.stderr]);
      assert.equal(await sameFailure(e, ["status", "x", "-n", missing]), "Error: release: not found");
      assert.equal(
        await sameFailure(e, ["uninstall", "x", "-n", missing]),
        "Error: uninstall: Release not loaded: x: release: not found",
      );
    });
  },
});

Deno.test({
  name: "faults: a name in use, an object of another release, an object the API server refuses",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const first = await e.charta("install", "a", WEBAPP);
      assert.equal(first.code, 0, first.stderr);

      assert.equal(
        await sameFailure(e, ["install", "a", WEBAPP]),
        "Error: INSTALLATION FAILED: release name check failed: cannot reuse a name that is still in use",
      );
      assert.equal((await record(e, "a") as { info: { status: string } }).info.status, "deployed");

      // b renders the objects of a: refused before b's record is written, a's objects untouched.
      const owned = await sameFailure(e, ["install", "b", WEBAPP, "--set", "fullnameOverride=a-webapp"]);
      assert.equal(
        owned,
        `Error: INSTALLATION FAILED: unable to continue with install: ServiceAccount "a-webapp" in namespace "${e.ns}" ` +
          `exists and cannot be imported into the current release: invalid ownership metadata; annotation validation ` +
          `error: key "meta.helm.sh/release-name" must equal "b": current value is "a"`,
      );
      assert.deepEqual(await records(e), ["sh.helm.release.v1.a.v1"]);
      const sa = await (await e.kube("GET", `/api/v1/namespaces/${e.ns}/serviceaccounts/a-webapp`)).json();
      assert.equal(sa.metadata.annotations["meta.helm.sh/release-name"], "a");

      // Refused by the API server after the record: recorded failed with the reason.
      const c = await e.charta("install", "c", WEBAPP, "--set", "replicaCount=-1");
      const h = await e.helm("install", "h", WEBAPP, "--set", "replicaCount=-1");
      const line = oneLineError(c, "invalid object");
      assert.equal(c.stderr, h.stderr.replaceAll("h-webapp", "c-webapp"));
      assert.match(
        line,
        /^Error: INSTALLATION FAILED: server-side apply failed for object \S+\/c-webapp apps\/v1, Kind=Deployment: Deployment\.apps "c-webapp" is invalid: spec\.replicas: Invalid value: -1: /,
      );
      const info = (await record(e, "c")).info as Record<string, string>;
      assert.equal(info.status, "failed");
      assert.equal(
        info.description,
        `Release "c" failed: ${line.slice("Error: INSTALLATION FAILED: ".length)}`,
      );
      for (const [who, run] of [["charta", e.charta], ["helm", e.helm]] as const) {
        const st = await run("status", "c");
        assert.equal(st.code, 0, `${who} status: ${st.stderr}`);
        assert.match(
          st.stdout,
          /\nSTATUS: failed\nREVISION: 1\nDESCRIPTION: Release "c" failed: server-side apply/,
        );
      }
      const cl = await e.charta("list", "--failed", "-o", "json");
      const hl = await e.helm("list", "--failed", "-o", "json");
      assert.equal(cl.stdout, hl.stdout);
      assert.deepEqual(
        (JSON.parse(cl.stdout) as Array<{ name: string }>).map((r) => r.name),
        ["c", "h"],
      );
      // A failed release is uninstalled like any other.
      for (const name of ["a", "c"]) {
        const u = await e.charta("uninstall", name);
        assert.equal(u.code, 0, u.stderr);
      }
      assert.equal(await sameFailure(e, ["status", "c"]), "Error: release: not found");
      assert.deepEqual(await records(e), ["sh.helm.release.v1.h.v1"]);
    });
  },
});

Deno.test({
  name: "faults: a record too large for a Secret is refused before anything is applied",
  ignore: !enabled || !helmBin,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await inNamespace(async (e) => {
      const chart = `${e.home}/big`;
      await Deno.mkdir(`${chart}/templates`, { recursive: true });
      await Deno.mkdir(`${chart}/files`);
      await Deno.mkdir(`${chart}/crds`);
      await Deno.writeTextFile(`${chart}/Chart.yaml`, "apiVersion: v2\nname: big\nversion: 0.1.0\n");
      await Deno.writeTextFile(
        `${chart}/templates/cm.yaml`,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  a: b\n",
      );
      // Random bytes do not compress: 800 kB of them make a record of more than 1 MiB.
      const blob = new Uint8Array(800_000);
      // getRandomValues fills at most 64 KiB at a time.
      for (let o = 0; o < blob.length; o += 65_536) crypto.getRandomValues(blob.subarray(o, o + 65_536));
      await Deno.writeFile(`${chart}/files/blob.bin`, blob);
      const group = `g${crypto.randomUUID().slice(0, 8)}.charta.test`;
      await Deno.writeTextFile(
        `${chart}/crds/crd.yaml`,
        `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: bigs.${group}
spec:
  group: ${group}
  names: {kind: Big, plural: bigs, singular: big, listKind: BigList}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object}}
`,
      );
      const newNs = `charta-big-${crypto.randomUUID().slice(0, 8)}`;
      try {
        const c = await e.charta("install", "big", chart, "-n", newNs, "--create-namespace");
        const line = oneLineError(c, "big record");
        // helm 4.2.4 has no such check: it applies the CRDs, creates the namespace and only then fails with
        // `create: failed to create: Secret "sh.helm.release.v1.big.v1" is invalid: data: Too long: …`.
        // charta's error says why and that nothing was applied, which is better.
        assert.match(
          line,
          /^Error: INSTALLATION FAILED: release "big" is too large to be stored in a Secret: its record is \d+ bytes after encoding, more than the limit of 1048576 bytes \(1 MiB\); nothing was applied$/,
        );
        assert.equal(await status(e, `/api/v1/namespaces/${newNs}`), 404);
        assert.equal(
          await status(e, `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/bigs.${group}`),
          404,
        );
        // In an existing namespace too (the check after rendering): no record, no object.
        const c2 = await e.charta("install", "big", chart, "--skip-crds");
        assert.match(oneLineError(c2, "big record"), /is too large to be stored in a Secret/);
        assert.deepEqual(await records(e), []);
        assert.equal(await status(e, `/api/v1/namespaces/${e.ns}/configmaps/big-cm`), 404);

        // helm's failure, for the record (without the CRD, which it would leave behind).
        await Deno.remove(`${chart}/crds`, { recursive: true });
        const h = await e.helm("install", "big", chart);
        assert.equal(h.code, 1);
        assert.match(h.stderr, /Secret "sh\.helm\.release\.v1\.big\.v1" is invalid: data: Too long: /);
        assert.deepEqual(await records(e), []);
      } finally {
        await (await e.kube("DELETE", `/api/v1/namespaces/${newNs}`)).body?.cancel();
        await (await e.kube(
          "DELETE",
          `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/bigs.${group}`,
        ))
          .body?.cancel();
      }
    });
  },
});
