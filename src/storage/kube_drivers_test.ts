import assert from "node:assert/strict";
import type { Release, Status } from "../release/types.ts";
import { ConfigMapsDriver, SecretsDriver } from "./kube_drivers.ts";
import { FakeKubeCluster, KubeApiError, type KubeObjects, selectorMatcher } from "./kube_objects.ts";
import { decodeRelease, encodeRelease } from "./record.ts";
import { checkUserLabels, filterSystemLabels } from "./driver.ts";
import { makeKey } from "./storage.ts";

function rel(
  name: string,
  version: number,
  status: Status = "deployed",
  labels?: Record<string, string>,
): Release {
  const r: Release = { name, version, namespace: "ns", info: { status }, config: null, manifest: "m" };
  if (labels) r.labels = labels;
  return r;
}

let clock = 1000;
const now = () => clock;

Deno.test("secret driver: the object helm creates", async () => {
  const cluster = new FakeKubeCluster();
  const kube = cluster.objects("ns");
  const d = new SecretsDriver(kube, { now });
  const r = rel("app", 1, "deployed", { team: "x" });
  await d.create(makeKey("app", 1), r);
  const s = await kube.get("Secret", "sh.helm.release.v1.app.v1");
  assert.equal(s.type, "helm.sh/release.v1");
  assert.deepEqual(s.metadata.labels, {
    team: "x",
    createdAt: "1000",
    name: "app",
    owner: "helm",
    status: "deployed",
    version: "1",
  });
  // Secret data is the record's bytes, base64 on the wire.
  const record = new TextDecoder().decode(Uint8Array.fromBase64(s.data!.release));
  assert.equal(record, encodeRelease(r));
  assert.equal((await decodeRelease(record)).name, "app");
  await assert.rejects(d.create(makeKey("app", 1), r), { message: "release: already exists" });
});

Deno.test("secret driver: get filters helm's labels, list and query keep them", async () => {
  const kube = new FakeKubeCluster().objects("ns");
  const d = new SecretsDriver(kube, { now });
  await d.create(makeKey("app", 1), rel("app", 1, "superseded", { team: "x" }));
  await d.create(makeKey("app", 2), rel("app", 2, "deployed"));
  await d.create(makeKey("other", 1), rel("other", 1, "failed"));
  assert.deepEqual((await d.get(makeKey("app", 1))).labels, { team: "x" });
  const all = await d.list(() => true);
  assert.equal(all.length, 3);
  assert.equal(all[0].labels?.owner, "helm");
  const q = await d.query({ name: "app", owner: "helm", status: "deployed" });
  assert.deepEqual(q.map((r) => r.version), [2]);
  await assert.rejects(d.query({ name: "nope" }), { message: "release: not found" });
  await assert.rejects(d.query({ name: "Bad Value" }), {
    message:
      'invalid label value: "Bad Value": a valid label must be an empty string or consist of alphanumeric ' +
      "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or " +
      "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  });
  await assert.rejects(d.get(makeKey("app", 9)), { message: "release: not found" });
});

Deno.test("secret driver: update stamps modifiedAt; a listed release keeps its createdAt", async () => {
  const kube = new FakeKubeCluster().objects("ns");
  const d = new SecretsDriver(kube, { now });
  clock = 1000;
  await d.create(makeKey("app", 1), rel("app", 1, "deployed"));
  clock = 2000;
  const [listed] = await d.list(() => true);
  listed.info.status = "superseded";
  await d.update(makeKey("app", 1), listed);
  const s = await kube.get("Secret", makeKey("app", 1));
  assert.equal(s.metadata.labels?.createdAt, "1000");
  assert.equal(s.metadata.labels?.modifiedAt, "2000");
  assert.equal(s.metadata.labels?.status, "superseded");
  await assert.rejects(d.update(makeKey("gone", 1), rel("gone", 1)), {
    message: 'update: failed to update: secrets "sh.helm.release.v1.gone.v1" not found',
  });
  assert.equal((await d.delete(makeKey("app", 1))).info.status, "superseded");
  await assert.rejects(d.delete(makeKey("app", 1)), { message: "release: not found" });
});

Deno.test("list skips records that cannot be decoded", async () => {
  const kube = new FakeKubeCluster().objects("ns");
  const logs: string[] = [];
  const d = new SecretsDriver(kube, { now, log: (_l, msg) => logs.push(msg) });
  await d.create(makeKey("app", 1), rel("app", 1));
  await kube.create("Secret", {
    metadata: { name: "sh.helm.release.v1.bad.v1", labels: { owner: "helm", name: "bad" } },
    data: { release: btoa("garbage!") },
  });
  assert.deepEqual((await d.list(() => true)).map((r) => r.name), ["app"]);
  assert.deepEqual(logs, ["list failed to decode release"]);
  await assert.rejects(d.get("sh.helm.release.v1.bad.v1"), {
    message: 'get: failed to decode data "sh.helm.release.v1.bad.v1": illegal base64 data at input byte 7',
  });
});

/** A client whose every call fails as an API server refusing access would. */
function forbidden(): KubeObjects {
  const fail = () =>
    Promise.reject(new KubeApiError('secrets is forbidden: User "u" cannot list', 403, "Forbidden"));
  return { namespace: "ns", get: fail, list: fail, create: fail, update: fail, delete: fail };
}

Deno.test("secret driver wraps API errors with context, configmap driver does not", async () => {
  const s = new SecretsDriver(forbidden());
  const c = new ConfigMapsDriver(forbidden());
  const msg = 'secrets is forbidden: User "u" cannot list';
  await assert.rejects(s.get("k"), { message: `get: failed to get "k": ${msg}` });
  await assert.rejects(c.get("k"), { message: msg });
  await assert.rejects(s.list(() => true), { message: `list: failed to list: ${msg}` });
  await assert.rejects(c.list(() => true), { message: msg });
  await assert.rejects(s.query({ a: "b" }), { message: `query: failed to query with labels: ${msg}` });
  await assert.rejects(s.create("k", rel("a", 1)), { message: `create: failed to create: ${msg}` });
  await assert.rejects(c.create("k", rel("a", 1)), { message: msg });
  await assert.rejects(s.update("k", rel("a", 1)), { message: `update: failed to update: ${msg}` });
  const err = await s.get("k").catch((e) => e);
  assert.ok(err.cause instanceof KubeApiError);
});

Deno.test("configmap driver: the record as text, no type", async () => {
  const kube = new FakeKubeCluster().objects("ns");
  const d = new ConfigMapsDriver(kube, { now });
  const r = rel("app", 1);
  await d.create(makeKey("app", 1), r);
  const cm = await kube.get("ConfigMap", makeKey("app", 1));
  assert.equal(cm.type, undefined);
  assert.equal(cm.data?.release, encodeRelease(r));
  assert.equal((await d.get(makeKey("app", 1))).name, "app");
  assert.equal(d.name(), "ConfigMap");
  assert.equal(new SecretsDriver(kube).name(), "Secret");
});

Deno.test("fake cluster: namespaces and selectors", async () => {
  const cluster = new FakeKubeCluster();
  await cluster.objects("a").create("Secret", { metadata: { name: "x", labels: { owner: "helm" } } });
  await cluster.objects("b").create("Secret", { metadata: { name: "y", labels: { owner: "helm", k: "v" } } });
  assert.deepEqual(
    (await cluster.objects("").list("Secret", "owner=helm")).map((o) => o.metadata.namespace),
    [
      "a",
      "b",
    ],
  );
  assert.equal((await cluster.objects("a").list("Secret", "owner=helm")).length, 1);
  assert.equal((await cluster.objects("").list("ConfigMap", "")).length, 0);
  await assert.rejects(cluster.objects("").create("Secret", { metadata: { name: "z" } }), KubeApiError);
  assert.ok(selectorMatcher("k=v,owner==helm")({ owner: "helm", k: "v" }));
  assert.ok(!selectorMatcher("k!=v")({ k: "v" }));
  assert.ok(selectorMatcher("!k")({}));
  assert.ok(selectorMatcher("k")({ k: "" }));
});

Deno.test("user labels may not use helm's own", () => {
  checkUserLabels({ team: "x" });
  checkUserLabels(undefined);
  assert.throws(() => checkUserLabels({ owner: "me" }), {
    message: "user supplied labels contains system reserved label name. System labels: " +
      "[name owner status version createdAt modifiedAt]",
  });
  assert.deepEqual(filterSystemLabels({ a: "1", name: "n", modifiedAt: "2" }), { a: "1" });
});
