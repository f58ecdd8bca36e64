import assert from "node:assert/strict";
import type { Release, Status } from "../release/types.ts";
import { MemoryDriver } from "./memory.ts";
import { makeKey } from "./storage.ts";

function rel(name: string, version: number, namespace = "default", status: Status = "deployed"): Release {
  return { name, version, namespace, info: { status }, config: null, manifest: "" };
}

async function seeded(): Promise<MemoryDriver> {
  const m = new MemoryDriver();
  for (
    const r of [rel("a", 2), rel("a", 1, "default", "superseded"), rel("b", 1, "other"), rel("c", 1, "")]
  ) {
    await m.create(makeKey(r.name, r.version), r);
  }
  return m;
}

Deno.test("memory: create, get, list and query per namespace", async () => {
  const m = await seeded();
  // The last create (namespace "" → default) decides the namespace.
  assert.equal(m.namespace, "default");
  assert.equal((await m.get(makeKey("a", 1))).info.status, "superseded");
  assert.deepEqual((await m.list(() => true)).map((r) => `${r.name}.${r.version}`), ["a.1", "a.2", "c.1"]);
  assert.deepEqual((await m.query({ name: "a", owner: "helm", status: "deployed" })).map((r) => r.version), [
    2,
  ]);
  m.setNamespace("");
  assert.deepEqual((await m.list(() => true)).map((r) => r.name).sort(), ["a", "a", "b", "c"]);
  m.setNamespace("other");
  await assert.rejects(m.get(makeKey("a", 1)), { message: "release: not found" });
  assert.equal((await m.query({ name: "b" })).length, 1);
});

Deno.test("memory: helm's errors", async () => {
  const m = await seeded();
  await assert.rejects(m.create(makeKey("a", 1), rel("a", 1)), { message: "release: already exists" });
  await assert.rejects(m.get("sh.helm.release.v1.a"), { message: "release: invalid key" });
  await assert.rejects(m.get("sh.helm.release.v1.a.vx"), { message: "release: invalid key" });
  // A name holding ".v" makes an invalid key in helm too.
  await assert.rejects(m.get(makeKey("my.vault", 1)), { message: "release: invalid key" });
  await assert.rejects(m.delete("bad"), { message: "release: invalid key" });
  await assert.rejects(m.query({ name: "zzz" }), { message: "release: not found" });
  // Only helm's own labels are matched; a missing label reads as "".
  assert.equal((await m.query({ name: "a", team: "" })).length, 2);
  await assert.rejects(m.query({ team: "x" }), { message: "release: not found" });
  await assert.rejects(m.update(makeKey("zz", 1), rel("zz", 1)), { message: "release: not found" });
});

Deno.test("memory: update and delete", async () => {
  const m = await seeded();
  await m.update(makeKey("a", 2), rel("a", 2, "default", "superseded"));
  assert.equal((await m.get(makeKey("a", 2))).info.status, "superseded");
  assert.equal((await m.delete(makeKey("a", 1))).version, 1);
  await assert.rejects(m.delete(makeKey("a", 1)), { message: "release: not found" });
  assert.deepEqual((await m.list(() => true)).map((r) => `${r.name}.${r.version}`), ["a.2", "c.1"]);
  assert.equal(m.name(), "Memory");
});
