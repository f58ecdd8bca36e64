import assert from "node:assert/strict";
import type { Release, Status } from "../release/types.ts";
import { MemoryDriver } from "../storage/memory.ts";
import { openStorage } from "../storage/storage.ts";
import { fixedTime } from "../storage/test_helpers.ts";
import type { Configuration } from "./configuration.ts";
import { formatList, listReleases, parseSelector, stateMask } from "./list.ts";
import { formatHistory, formatValues, releaseContent, releaseHistory } from "./release_info.ts";

function rel(name: string, version: number, status: Status, sec: number, namespace = "default"): Release {
  return {
    name,
    namespace,
    version,
    info: {
      status,
      last_deployed: fixedTime(sec, 5),
      first_deployed: fixedTime(sec),
      description: `rev ${version}`,
    },
    chart: {
      metadata: { apiVersion: "v2", name: "app", version: "1.0.0", appVersion: "2" },
      lock: null,
      templates: [],
      values: { a: 1 },
      schema: null,
      files: [],
    },
    config: { b: 2 },
    manifest: "",
  };
}

async function memoryConfig(rels: Release[], namespace = "default"): Promise<Configuration> {
  const memory = new MemoryDriver();
  for (const r of rels) {
    const s = openStorage({ driver: "memory", namespace: r.namespace, memory });
    await s.create(r);
  }
  const storage = openStorage({ driver: "memory", namespace, memory });
  return {
    namespace,
    storage,
    kube: () => Promise.reject(new Error("no cluster in unit tests")),
  };
}

const FIXTURE = [
  rel("zeta", 1, "superseded", 100),
  rel("zeta", 2, "deployed", 300),
  rel("alpha", 1, "failed", 200),
  rel("mid", 1, "superseded", 50),
  rel("mid", 2, "uninstalled", 60),
  rel("odd", 1, "unknown", 10),
  rel("other", 1, "deployed", 400, "team"),
];

const names = (rs: Release[]) => rs.map((r) => `${r.name}.v${r.version}`);

Deno.test("list: newest revision per release, sorted by name; unknown states are left out", async () => {
  const cfg = await memoryConfig(FIXTURE);
  assert.deepEqual(names(await listReleases(cfg)), ["alpha.v1", "mid.v2", "zeta.v2"]);
});

Deno.test("list: status filters combine; --superseded alone shows every superseded revision", async () => {
  const cfg = await memoryConfig(FIXTURE);
  assert.deepEqual(names(await listReleases(cfg, { deployed: true, failed: true })), ["alpha.v1", "zeta.v2"]);
  assert.deepEqual(names(await listReleases(cfg, { superseded: true })), ["mid.v1", "zeta.v1"]);
  assert.deepEqual(names(await listReleases(cfg, { uninstalled: true })), ["mid.v2"]);
  assert.deepEqual(names(await listReleases(cfg, { pending: true })), []);
  assert.equal(stateMask({}), 255);
});

Deno.test("list: -d sorts oldest first, -r reverses, --max and --offset page", async () => {
  const cfg = await memoryConfig(FIXTURE);
  assert.deepEqual(names(await listReleases(cfg, { byDate: true })), ["mid.v2", "alpha.v1", "zeta.v2"]);
  assert.deepEqual(names(await listReleases(cfg, { byDate: true, reverse: true })), [
    "zeta.v2",
    "alpha.v1",
    "mid.v2",
  ]);
  assert.deepEqual(names(await listReleases(cfg, { reverse: true })), ["zeta.v2", "mid.v2", "alpha.v1"]);
  assert.deepEqual(names(await listReleases(cfg, { limit: 1, offset: 1 })), ["mid.v2"]);
  assert.deepEqual(names(await listReleases(cfg, { offset: 3 })), []);
  assert.deepEqual(names(await listReleases(cfg, { limit: 0 })), ["alpha.v1", "mid.v2", "zeta.v2"]);
});

Deno.test("list: --filter is a Go regexp on the name; a bad one is Go's error", async () => {
  const cfg = await memoryConfig(FIXTURE);
  assert.deepEqual(names(await listReleases(cfg, { filter: "^[a-m]" })), ["alpha.v1", "mid.v2"]);
  await assert.rejects(listReleases(cfg, { filter: "(" }), {
    message: "error parsing regexp: missing closing ): `(`",
  });
});

Deno.test("list: -A lists every namespace", async () => {
  const cfg = await memoryConfig(FIXTURE, "");
  assert.deepEqual(names(await listReleases(cfg)), ["alpha.v1", "mid.v2", "other.v1", "zeta.v2"]);
});

Deno.test("list: label selectors as apimachinery reads them", () => {
  const m = parseSelector("a=1,b!=2,c,!d,e in (x,y),f notin (z)");
  assert.equal(m({ a: "1", c: "", e: "x" }), true);
  assert.equal(m({ a: "1", b: "2", c: "", e: "x" }), false);
  assert.equal(m({ a: "1", c: "", d: "", e: "x" }), false);
  assert.equal(m({ a: "1", c: "", e: "x", f: "z" }), false);
  assert.equal(parseSelector("")({}), true);
  assert.throws(() => parseSelector("a in"), /unable to parse requirement/);
});

Deno.test("list: table, short, JSON and YAML output as helm's", async () => {
  const cfg = await memoryConfig(FIXTURE);
  const rels = await listReleases(cfg, { deployed: true });
  assert.equal(
    formatList(rels, { format: "table" }),
    "NAME\tNAMESPACE\tREVISION\tUPDATED                                \tSTATUS  \tCHART    \tAPP VERSION\n" +
      "zeta\tdefault  \t2       \t1970-01-01 00:05:00.000000005 +0000 UTC\tdeployed\tapp-1.0.0\t2          \n",
  );
  assert.equal(formatList(rels, { format: "table", short: true }), "zeta\n");
  assert.equal(formatList([], { format: "json", short: true }), "[]\n");
  assert.equal(
    formatList(rels, { format: "json" }),
    '[{"name":"zeta","namespace":"default","revision":"2","updated":"1970-01-01 00:05:00.000000005 +0000 UTC",' +
      '"status":"deployed","chart":"app-1.0.0","app_version":"2"}]\n',
  );
  assert.match(
    formatList(rels, { format: "yaml", timeFormat: "2006" }),
    /^- app_version: "2"\n.*updated: "1970"\n$/s,
  );
});

Deno.test("history and get: revisions oldest first, --max keeps the newest; errors as helm's", async () => {
  const cfg = await memoryConfig(FIXTURE);
  const h = await releaseHistory(cfg, "zeta", 1);
  assert.deepEqual(h.map((e) => e.revision), [2]);
  assert.equal(
    formatHistory(h, "json"),
    '[{"revision":2,"updated":"1970-01-01T00:05:00.000000005Z","status":"deployed","chart":"app-1.0.0",' +
      '"app_version":"2","description":"rev 2"}]\n',
  );
  await assert.rejects(releaseHistory(cfg, "nope"), { message: "release: not found" });
  await assert.rejects(releaseHistory(cfg, "Bad_Name"), { message: "release name is invalid: Bad_Name" });
  await assert.rejects(releaseContent(cfg, "Bad_Name"), {
    message: "releaseContent: Release name is invalid: Bad_Name",
  });
  assert.equal((await releaseContent(cfg, "zeta")).version, 2);
  assert.equal((await releaseContent(cfg, "zeta", 1)).version, 1);
  await assert.rejects(releaseContent(cfg, "zeta", 7), { message: "release: not found" });
  assert.equal(formatValues({ b: 2 }, false, "table"), "USER-SUPPLIED VALUES:\nb: 2\n");
  assert.equal(formatValues(null, false, "json"), "null\n");
});
