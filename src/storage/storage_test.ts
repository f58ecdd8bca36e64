import assert from "node:assert/strict";
import type { Release, Status } from "../release/types.ts";
import { FakeKubeCluster } from "./kube_objects.ts";
import { MemoryDriver } from "./memory.ts";
import { lazyKubeObjects, makeKey, openStorage, type Storage } from "./storage.ts";
import { ConfigMapsDriver, SecretsDriver } from "./kube_drivers.ts";

function rel(name: string, version: number, status: Status): Release {
  return { name, version, namespace: "ns", info: { status }, config: null, manifest: "" };
}

function storages(): Array<[string, () => Storage]> {
  return [
    ["memory", () => openStorage({ driver: "memory", namespace: "ns" })],
    ["secret", () => openStorage({ namespace: "ns", kube: new FakeKubeCluster().objects("ns") })],
    [
      "configmap",
      () => openStorage({ driver: "configmaps", namespace: "ns", kube: new FakeKubeCluster().objects("ns") }),
    ],
  ];
}

Deno.test("makeKey", () => {
  assert.equal(makeKey("my-app", 12), "sh.helm.release.v1.my-app.v12");
});

for (const [driver, open] of storages()) {
  Deno.test(`storage (${driver}): history, deployed, last`, async () => {
    const s = open();
    for (const [v, st] of [[1, "superseded"], [2, "superseded"], [3, "deployed"], [4, "failed"]] as const) {
      await s.create(rel("app", v, st));
    }
    await s.create(rel("other", 1, "uninstalled"));
    assert.deepEqual((await s.history("app")).map((r) => r.version).sort(), [1, 2, 3, 4]);
    assert.equal((await s.deployed("app")).version, 3);
    assert.equal((await s.last("app")).version, 4);
    assert.equal((await s.get("app", 2)).version, 2);
    assert.deepEqual((await s.listDeployed()).map((r) => r.name), ["app"]);
    assert.deepEqual((await s.listUninstalled()).map((r) => r.name), ["other"]);
    assert.equal((await s.listReleases()).length, 5);
    await assert.rejects(s.deployed("other"), { message: '"other" has no deployed releases' });
    await assert.rejects(s.deployed("nope"), { message: '"nope" has no deployed releases' });
    await assert.rejects(s.history("nope"), { message: "release: not found" });
    await assert.rejects(s.last("nope"), { message: "release: not found" });
    await assert.rejects(s.get("nope", 1), { message: "release: not found" });
    await assert.rejects(s.create(rel("app", 4, "failed")), { message: "release: already exists" });
    const d = await s.delete("app", 4);
    assert.equal(d.info.status, "failed");
    assert.equal((await s.last("app")).version, 3);
  });

  Deno.test(`storage (${driver}): max history prunes the oldest, never the deployed one`, async () => {
    const s = open();
    await s.create(rel("app", 1, "deployed"));
    for (let v = 2; v <= 5; v++) await s.create(rel("app", v, "superseded"));
    s.maxHistory = 3;
    await s.create(rel("app", 6, "pending-upgrade"));
    // Revision 1 is the deployed one: kept; the oldest others go until 2 remain, then 6 is added.
    assert.deepEqual((await s.history("app")).map((r) => r.version).sort((a, b) => a - b), [1, 5, 6]);
    s.maxHistory = 1;
    await s.create(rel("fresh", 1, "pending-install"));
    assert.deepEqual((await s.history("fresh")).map((r) => r.version), [1]);
  });
}

Deno.test("openStorage: HELM_DRIVER names", () => {
  const kube = new FakeKubeCluster().objects("ns");
  assert.ok(openStorage({ namespace: "ns", kube }).driver instanceof SecretsDriver);
  assert.ok(openStorage({ driver: "secrets", namespace: "ns", kube }).driver instanceof SecretsDriver);
  assert.ok(openStorage({ driver: "configmap", namespace: "ns", kube }).driver instanceof ConfigMapsDriver);
  const mem = new MemoryDriver();
  assert.equal(openStorage({ driver: "memory", namespace: "x", memory: mem }).driver, mem);
  assert.equal(mem.namespace, "x");
  assert.throws(() => openStorage({ driver: "etcd", namespace: "ns" }), { message: 'unknown driver "etcd"' });
  // The sql driver connects on first use (src/storage/sql_test.ts).
  assert.equal(openStorage({ driver: "sql", namespace: "ns" }).driver.name(), "SQL");
  assert.throws(() => openStorage({ driver: "secret", namespace: "ns" }), /needs a Kubernetes client/);
  assert.equal(openStorage({ driver: "memory", namespace: "ns", maxHistory: 7 }).maxHistory, 7);
});

Deno.test("lazyKubeObjects: the client is made on first use only", async () => {
  let made = 0;
  const cluster = new FakeKubeCluster();
  const kube = lazyKubeObjects("ns", () => {
    made++;
    return Promise.resolve(cluster.objects("ns"));
  });
  const s = openStorage({ namespace: "ns", kube });
  assert.equal(made, 0);
  await s.create(rel("a", 1, "deployed"));
  assert.equal((await s.last("a")).version, 1);
  assert.equal(made, 1);
});
