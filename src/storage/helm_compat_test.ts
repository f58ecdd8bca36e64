// Differential tests against helm's own storage code (scripts/release_oracle:
// helm 4's and helm 3's drivers over client-go's fake clientset).
import assert from "node:assert/strict";
import { goAvailable } from "../../scripts/lib/gzip_oracle.ts";
import { type OracleObject, runReleaseOracle } from "../../scripts/lib/release_oracle.ts";
import type { Release } from "../release/types.ts";
import { ConfigMapsDriver, SecretsDriver } from "./kube_drivers.ts";
import { FakeKubeCluster, type RecordKind } from "./kube_objects.ts";
import { decodeRelease, encodeRelease, releaseToJson } from "./record.ts";
import { buildTestRelease, fixedTime, type TestReleaseOptions } from "./test_helpers.ts";
import { makeKey, openStorage } from "./storage.ts";
import type { Status } from "../release/types.ts";

const HAVE_GO = await goAvailable();
const dec = new TextDecoder();

function fromWire(b64: string): string {
  return dec.decode(Uint8Array.fromBase64(b64));
}

/** The request the oracle reads: the release's JSON kept byte for byte. */
function encodeRequest(r: Release): string {
  return `{"namespace":${JSON.stringify(r.namespace)},"labels":${JSON.stringify(r.labels ?? {})},"release":${
    releaseToJson(r)
  }}`;
}

const CASES: TestReleaseOptions[] = [
  { chart: "webapp", name: "web", namespace: "apps" },
  {
    chart: "webapp",
    name: "web-upgraded",
    version: 3,
    status: "superseded",
    description: "Upgrade complete",
    config: {
      replicaCount: 3,
      image: { tag: "1.2.<3>&" },
      big: 1e21,
      small: 0.000001,
      list: [1, "x", null, true],
    },
    labels: { team: "payments", tier: "backend" },
    applyMethod: "ssa",
  },
  { chart: "umbrella", name: "umb", namespace: "ns-1", config: { tags: { frontend: true } } },
  { chart: "operator", name: "op", ranHooks: true, applyMethod: "csa" },
  {
    chart: "operator",
    name: "op-gone",
    status: "uninstalled",
    deleted: true,
    description: "Uninstallation complete",
  },
  { chart: "showcase", name: "show", status: "failed", description: 'Release "show" failed: boom' },
  { chart: "starter", name: "starter", status: "pending-install", description: "Initial install underway" },
  { chart: "packaging", name: "pkg", namespace: "kube-system" },
  { chart: "pkg-v1", name: "v1chart", status: "pending-rollback", description: "Rollback to 1", version: 4 },
];

async function charta(kind: RecordKind, r: Release) {
  const cluster = new FakeKubeCluster();
  const kube = cluster.objects(r.namespace);
  const driver = kind === "Secret" ? new SecretsDriver(kube) : new ConfigMapsDriver(kube);
  await driver.create(makeKey(r.name, r.version), r);
  return await kube.get(kind, makeKey(r.name, r.version));
}

function sameLabels(got: Record<string, string> | undefined, want: Record<string, string> | undefined) {
  const g = { ...got };
  const w = { ...want };
  // createdAt is "now" on both sides.
  assert.ok(
    Math.abs(Number(g.createdAt) - Number(w.createdAt)) <= 5,
    `createdAt ${g.createdAt} vs ${w.createdAt}`,
  );
  delete g.createdAt;
  delete w.createdAt;
  assert.deepEqual(g, w);
}

for (const c of CASES) {
  Deno.test({
    name: `helm 4 writes the same record as charta: ${c.chart} ${c.name}`,
    ignore: !HAVE_GO,
    async fn() {
      const r = await buildTestRelease(c);
      const json = releaseToJson(r);
      const helm = await runReleaseOracle("encode4", encodeRequest(r));
      // helm decodes charta's JSON and marshals it back unchanged.
      assert.equal(helm.json, json);
      // The record string: base64(gzip -9(JSON)), byte for byte.
      const record = encodeRelease(r);
      assert.equal(fromWire(helm.secret.data!.release), record);
      assert.equal(helm.configmap.data!.release, record);

      const secret = await charta("Secret", r);
      const want: OracleObject = helm.secret;
      assert.equal(secret.metadata.name, want.metadata.name);
      assert.equal(secret.type, want.type);
      assert.deepEqual(secret.data, want.data);
      sameLabels(secret.metadata.labels, want.metadata.labels);

      const cm = await charta("ConfigMap", r);
      assert.equal(cm.metadata.name, helm.configmap.metadata.name);
      assert.equal(cm.type, undefined);
      assert.deepEqual(cm.data, helm.configmap.data);
      sameLabels(cm.metadata.labels, helm.configmap.metadata.labels);
    },
  });

  Deno.test({
    name: `helm 4 and helm 3 read charta's record, charta reads helm 3's: ${c.chart} ${c.name}`,
    ignore: !HAVE_GO,
    async fn() {
      const r = await buildTestRelease(c);
      const record = encodeRelease(r);
      const labels = {
        ...r.labels,
        name: r.name,
        owner: "helm",
        status: r.info.status,
        version: "1",
        createdAt: "5",
      };
      for (const driver of ["secret", "configmap"]) {
        const h4 = await runReleaseOracle("decode4", { record, labels, driver });
        assert.equal(h4.error, undefined);
        assert.equal(h4.json, releaseToJson(r));
        // Get keeps the user's labels only.
        assert.deepEqual(h4.labels ?? {}, r.labels ?? {});
      }
      // Charta's own round trip.
      assert.equal(releaseToJson(await decodeRelease(record)), releaseToJson(r));

      // helm 3 reads charta's record as it reads its own.
      const h3own = await runReleaseOracle("encode3", encodeRequest(r));
      const h3 = await runReleaseOracle("decode3", { record, labels });
      assert.equal(h3.error, undefined);
      assert.equal(h3.json, h3own.json);

      // charta reads helm 3's record as helm 4 does.
      const v3record = fromWire(h3own.secret.data!.release);
      const h4of3 = await runReleaseOracle("decode4", { record: v3record });
      const mine = await decodeRelease(v3record);
      assert.equal(releaseToJson(mine), h4of3.json);
      // helm 3 writes zero times as "" and has no modification times.
      assert.match(h3own.json, /"deleted":/);
      assert.equal(mine.info.first_deployed, r.info.first_deployed);
      // ...and charta writes it back as helm 4 would.
      const back = await runReleaseOracle("encode4", encodeRequest({ ...mine, labels: {} }));
      assert.equal(fromWire(back.secret.data!.release), encodeRelease(mine));
    },
  });
}

Deno.test({
  name: "charta reads what helm's Get reads: labels filtered, plain JSON records, bad records",
  ignore: !HAVE_GO,
  async fn() {
    const r = await buildTestRelease({ chart: "webapp", name: "plain", labels: { a: "b" } });
    const plain = new TextEncoder().encode(releaseToJson(r)).toBase64();
    const inputs = [
      plain,
      "not base64!",
      "QUJD\nREVG",
      "QUJD=",
      new TextEncoder().encode("{not json").toBase64(),
      new TextEncoder().encode('{"version":"x"}').toBase64(),
      new TextEncoder().encode('{"version":1.5}').toBase64(),
      new TextEncoder().encode('{"info":{"first_deployed":"yesterday"}}').toBase64(),
      new TextEncoder().encode('{"info":{"first_deployed":""},"hooks":[{"last_run":{"started_at":""}}]}')
        .toBase64(),
      new TextEncoder().encode('{"chart":{"templates":[{"name":"x","data":"!!"}]}}').toBase64(),
      new TextEncoder().encode(
        '{"Name":"folded","NAMESPACE":"x","unknown":1,"Info":{"STATUS":"deployed","Notes":"n"}}',
      ).toBase64(),
      Uint8Array.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3]).toBase64(),
      Uint8Array.from([0x1f, 0x8b, 0x08, 0, 1]).toBase64(),
      new TextEncoder().encode("[1]").toBase64(),
      new TextEncoder().encode('{"name":1}').toBase64(),
      new TextEncoder().encode('{"info":{"deleted":5}}').toBase64(),
      "",
      encodeRelease(r).slice(0, 200),
    ];
    const labels = {
      a: "b",
      name: "plain",
      owner: "helm",
      status: "deployed",
      version: "1",
      modifiedAt: "9",
    };
    for (const record of inputs) {
      for (const driver of ["secret", "configmap"] as const) {
        const helm = await runReleaseOracle("decode4", { record, labels, driver });
        const cluster = new FakeKubeCluster();
        const kube = cluster.objects("default");
        const key = "sh.helm.release.v1.oracle.v1";
        if (driver === "secret") {
          await kube.create("Secret", {
            metadata: { name: key, labels },
            type: "helm.sh/release.v1",
            data: { release: new TextEncoder().encode(record).toBase64() },
          });
        } else {
          await kube.create("ConfigMap", { metadata: { name: key, labels }, data: { release: record } });
        }
        const d = driver === "secret" ? new SecretsDriver(kube) : new ConfigMapsDriver(kube);
        let got: Release | undefined;
        let err: string | undefined;
        try {
          got = await d.get(key);
        } catch (e) {
          err = (e as Error).message;
        }
        assert.equal(err, helm.error, `${driver} ${record.slice(0, 40)}`);
        if (got) {
          assert.equal(releaseToJson(got), helm.json, record.slice(0, 40));
          assert.deepEqual(got.labels, helm.labels ?? {});
        }
      }
    }
  },
});

Deno.test({
  name: "hook times and phases survive both ways",
  ignore: !HAVE_GO,
  async fn() {
    const r = await buildTestRelease({ chart: "operator", name: "hooks", ranHooks: true });
    r.hooks![0].last_run = { phase: "Running", started_at: fixedTime(1_700_000_000, 1) };
    const helm = await runReleaseOracle("encode4", encodeRequest(r));
    assert.equal(fromWire(helm.secret.data!.release), encodeRelease(r));
  },
});

Deno.test({
  name: "max history prunes the same revisions as helm's storage",
  ignore: !HAVE_GO,
  async fn() {
    const mk = (version: number, status: Status): Release => ({
      name: "app",
      version,
      namespace: "ns",
      info: { status },
      config: null,
      manifest: "",
    });
    const scenarios: Array<{ max: number; existing: Array<[number, Status]>; create: [number, Status] }> = [
      {
        max: 3,
        existing: [[1, "deployed"], [2, "superseded"], [3, "superseded"], [4, "superseded"]],
        create: [5, "pending-upgrade"],
      },
      {
        max: 2,
        existing: [[1, "superseded"], [2, "superseded"], [3, "deployed"], [4, "failed"]],
        create: [5, "pending-upgrade"],
      },
      { max: 1, existing: [[1, "superseded"], [2, "deployed"]], create: [3, "pending-rollback"] },
      { max: 5, existing: [[1, "deployed"], [2, "failed"]], create: [3, "pending-upgrade"] },
      { max: 2, existing: [[1, "failed"], [2, "failed"], [3, "failed"]], create: [4, "pending-upgrade"] },
      {
        max: 3,
        existing: [[1, "deployed"], [2, "deployed"], [3, "superseded"], [4, "superseded"]],
        create: [4, "failed"],
      },
    ];
    for (const sc of scenarios) {
      const existing = sc.existing.map(([v, st]) => mk(v, st));
      const create = mk(...sc.create);
      const helm = await runReleaseOracle(
        "history4",
        `{"namespace":"ns","max_history":${sc.max},"existing":[${existing.map(releaseToJson).join(",")}],` +
          `"create":${releaseToJson(create)}}`,
      );
      const s = openStorage({ namespace: "ns", kube: new FakeKubeCluster().objects("ns") });
      for (const r of existing) await s.create(r);
      s.maxHistory = sc.max;
      let error: string | undefined;
      try {
        await s.create(create);
      } catch (e) {
        error = (e as Error).message;
      }
      const versions = (await s.history("app")).map((r) => r.version).sort((a, b) => a - b);
      assert.deepEqual(
        { versions, error },
        { versions: helm.versions, error: helm.error },
        JSON.stringify(sc),
      );
    }
  },
});
