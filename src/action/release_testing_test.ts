import assert from "node:assert/strict";
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient, KubeObject, ResourceMapping } from "../kube/client.ts";
import { KubeApiError } from "../kube/errors.ts";
import type { Hook, Release } from "../release/types.ts";
import { MemoryDriver } from "../storage/memory.ts";
import { Storage } from "../storage/storage.ts";
import type { Configuration } from "./configuration.ts";
import type { ReadConfiguration } from "./release_config.ts";
import { parseTestFilters, releaseTesting, testRelease, writeTestPodLogs } from "./release_testing.ts";

function hook(name: string, kind: string, weight = 0, events: Hook["events"] = ["test"]): Hook {
  return {
    name,
    kind,
    path: `t/templates/tests/${name}.yaml`,
    manifest: `apiVersion: ${kind === "Job" ? "batch/v1" : "v1"}\nkind: ${kind}\nmetadata:\n  name: ${name}`,
    events,
    last_run: { phase: "" },
    weight,
  };
}

function release(hooks: Hook[]): Release {
  return {
    name: "t",
    namespace: "default",
    version: 1,
    info: { status: "deployed", description: "Install complete", notes: "the notes" },
    chart: {
      metadata: { apiVersion: "v2", name: "t", version: "1.0.0" },
      lock: null,
      templates: null,
      values: null,
      schema: null,
      files: null,
    },
    config: null,
    manifest: "",
    hooks,
  };
}

/** A Kubernetes client that knows Pods and Jobs, whose pods end in `phases` and whose logs are `logs`. */
class FakeKube {
  applied: string[] = [];
  deleted: string[] = [];
  phases: Record<string, string> = {};
  pods: Record<
    string,
    { spec: { initContainers?: Array<{ name: string }>; containers: Array<{ name: string }> } }
  > = {};
  logs: Record<string, string> = {};
  #live = new Set<string>();

  mapping(_apiVersion: string, kind: string): Promise<ResourceMapping> {
    return Promise.resolve({
      group: kind === "Job" ? "batch" : "",
      version: "v1",
      kind,
      resource: kind.toLowerCase() + "s",
      namespaced: true,
    });
  }
  apply(obj: KubeObject): Promise<KubeObject> {
    this.applied.push(obj.metadata!.name!);
    this.#live.add(obj.metadata!.name!);
    return Promise.resolve(obj);
  }
  /** A client-side create (releases without `apply_method: ssa`). */
  create(obj: KubeObject): Promise<KubeObject> {
    return this.apply(obj);
  }
  #object(name: string, kind: string): KubeObject {
    const phase = this.phases[name] ?? "Succeeded";
    return {
      apiVersion: kind === "Job" ? "batch/v1" : "v1",
      kind,
      metadata: { name, namespace: "default", resourceVersion: "1" },
      status: kind === "Job" ? { conditions: [{ type: "Complete", status: "True" }] } : { phase },
    };
  }
  get(ref: KubeObject): Promise<KubeObject> {
    const name = ref.metadata!.name!;
    if (!this.#live.has(name)) {
      return Promise.reject(new KubeApiError(`"${name}" not found`, 404, "NotFound"));
    }
    return Promise.resolve(this.#object(name, ref.kind!));
  }
  delete(ref: KubeObject): Promise<KubeObject> {
    this.deleted.push(ref.metadata!.name!);
    this.#live.delete(ref.metadata!.name!);
    return Promise.resolve({});
  }
  requestJson<T>(
    _method: string,
    path: string,
    o: { query?: Record<string, string | undefined> } = {},
  ): Promise<T> {
    const name = path.split("/").pop()!;
    // The waiter's list: the one object its field selector names.
    if (name === "pods" || name === "jobs") {
      const wanted = o.query?.fieldSelector?.replace("metadata.name=", "");
      const items = [...this.#live].filter((n) => n === wanted)
        .map((n) => this.#object(n, name === "jobs" ? "Job" : "Pod"));
      return Promise.resolve({ items, metadata: { resourceVersion: "1" } } as T);
    }
    const pod = this.pods[name];
    if (!pod) return Promise.reject(new KubeApiError(`pods "${name}" not found`, 404, "NotFound"));
    return Promise.resolve(pod as T);
  }
  /** The waiter's watch: no events, open until the waiter is done. */
  stream(_method: string, _path: string, o: { signal?: AbortSignal }) {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        o.signal?.addEventListener("abort", () => c.close());
      },
    });
    return Promise.resolve({ status: 200, headers: new Headers(), body });
  }
  request(_method: string, path: string, o: { query?: Record<string, string> }) {
    const key = `${path.split("/")[6]}/${o.query?.container}`;
    const body = this.logs[key];
    if (body === undefined) {
      return Promise.resolve({
        status: 400,
        headers: new Headers(),
        body: JSON.stringify({
          kind: "Status",
          code: 400,
          reason: "BadRequest",
          message: `no logs for ${key}`,
        }),
      });
    }
    return Promise.resolve({ status: 200, headers: new Headers(), body });
  }
}

/** A memory driver that does not say so, so that the action uses the given client rather than helm's fake. */
class ClusterLikeDriver extends MemoryDriver {
  override name(): string {
    return "Secret";
  }
}

async function setup(hooks: Hook[], kube?: FakeKube): Promise<{ rc: ReadConfiguration; storage: Storage }> {
  const storage = new Storage(kube ? new ClusterLikeDriver() : new MemoryDriver());
  await storage.create(release(hooks));
  const cfg: Configuration = {
    namespace: "default",
    storage,
    kube: () => Promise.resolve(kube as unknown as KubeClient),
  };
  return { rc: { cfg, reachable: () => Promise.resolve() }, storage };
}

Deno.test("parseTestFilters reads name= and !name= (one space allowed) and ignores the rest", () => {
  assert.deepEqual(parseTestFilters(["name=a", "!name=b", "! name=c", "!  name=d", "kind=Pod", "name="]), {
    include: ["a", ""],
    exclude: ["b", "c"],
  });
  assert.deepEqual(parseTestFilters([]), { include: [], exclude: [] });
});

Deno.test("releaseTesting runs test hooks by weight and stores last_run, skipped hooks first", async () => {
  const kube = new FakeKube();
  const a = hook("t-a", "Pod");
  a.delete_policies = ["hook-succeeded"];
  const { rc, storage } = await setup([
    hook("t-b", "Pod", 1),
    a,
    hook("t-job", "Job", -1),
    hook("t-pre", "Job", 0, ["pre-install"]),
  ], kube);
  const run = await releaseTesting(rc, { name: "t", filters: parseTestFilters(["!name=t-b"]) });
  assert.equal(run.error, undefined);
  assert.deepEqual(kube.applied, ["t-job", "t-a"]);
  const stored = await storage.get("t", 1);
  assert.deepEqual(stored.hooks!.map((h) => `${h.name}:${h.last_run.phase}`), [
    "t-b:",
    "t-a:Succeeded",
    "t-job:Succeeded",
    "t-pre:",
  ]);
  assert.ok(stored.hooks![1].last_run.started_at && stored.hooks![1].last_run.completed_at);
  // Deletions by policy wait for the caller (logs are read first).
  assert.deepEqual(kube.deleted, ["t-job"]);
  await run.shutdown();
  assert.deepEqual(kube.deleted, ["t-job", "t-a"]);
});

Deno.test("releaseTesting: a failing test is reported with the release, and recorded as Failed", async () => {
  const kube = new FakeKube();
  kube.phases["t-a"] = "Failed";
  const failed = hook("t-a", "Pod");
  failed.delete_policies = ["hook-failed"];
  const { rc, storage } = await setup([failed, hook("t-b", "Pod", 5)], kube);
  const run = await releaseTesting(rc, { name: "t" });
  assert.equal(
    run.error?.message,
    "resource Pod/default/t-a not ready. status: Failed, message: pod t-a failed",
  );
  assert.equal(run.release?.name, "t");
  assert.deepEqual(kube.applied, ["t-a"]);
  const stored = await storage.get("t", 1);
  assert.deepEqual(stored.hooks!.map((h) => `${h.name}:${h.last_run.phase}`), ["t-a:Failed", "t-b:"]);
  assert.deepEqual(kube.deleted, []);
  await run.shutdown();
  assert.deepEqual(kube.deleted, ["t-a"], "hook-failed deletes the failed pod at shutdown");
});

Deno.test("releaseTesting: helm's errors for an unreachable cluster, a bad name and a missing release", async () => {
  const { rc } = await setup([]);
  const down = {
    ...rc,
    reachable: () => Promise.reject(new ChartaError("kubernetes cluster unreachable: x")),
  };
  assert.equal(
    (await releaseTesting(down, { name: "Bad_Name" })).error?.message,
    "kubernetes cluster unreachable: x",
  );
  const bad = await releaseTesting(rc, { name: "Bad_Name" });
  assert.equal(bad.error?.message, "releaseTest: Release name is invalid: Bad_Name");
  assert.equal(bad.release, undefined);
  assert.equal((await releaseTesting(rc, { name: "nope" })).error?.message, "release: not found");
});

Deno.test("releaseTesting with the memory driver passes every test, as helm's fake client does", async () => {
  const { rc, storage } = await setup([hook("t-a", "Pod"), hook("t-j", "Job")]);
  const run = await releaseTesting(rc, { name: "t" });
  assert.equal(run.error, undefined);
  await run.shutdown();
  assert.deepEqual((await storage.get("t", 1)).hooks!.map((h) => h.last_run.phase), [
    "Succeeded",
    "Succeeded",
  ]);
});

Deno.test("writeTestPodLogs prints every container's log, init containers first, test pods by weight", async () => {
  const kube = new FakeKube();
  kube.pods["t-a"] = { spec: { initContainers: [{ name: "init" }], containers: [{ name: "main" }] } };
  kube.pods["t-b"] = { spec: { containers: [{ name: "c" }] } };
  kube.logs["t-a/init"] = "ready\n";
  kube.logs["t-a/main"] = "ok";
  kube.logs["t-b/c"] = "";
  let out = "";
  await writeTestPodLogs(
    kube as unknown as KubeClient,
    "default",
    release([hook("t-b", "Pod", 2), hook("t-a", "Pod", 1), hook("t-pre", "Pod", 0, ["pre-install"])]),
    { include: [], exclude: [] },
    (t) => (out += t),
  );
  assert.equal(out, "POD LOGS: t-a (init)\nready\n\nPOD LOGS: t-a (main)\nok\nPOD LOGS: t-b (c)\n\n");
});

Deno.test("writeTestPodLogs: a container without logs fails after the others; a missing pod at once", async () => {
  const kube = new FakeKube();
  kube.pods["t-a"] = { spec: { containers: [{ name: "x" }, { name: "y" }, { name: "z" }] } };
  kube.logs["t-a/y"] = "y says hi";
  let out = "";
  const rel = release([hook("t-a", "Pod"), hook("t-job", "Job", 1)]);
  await assert.rejects(
    writeTestPodLogs(
      kube as unknown as KubeClient,
      "default",
      rel,
      { include: [], exclude: [] },
      (t) => (out += t),
    ),
    {
      message: "unable to get logs for pod t-a, container x: no logs for t-a/x\n" +
        "unable to get logs for pod t-a, container z: no logs for t-a/z",
    },
  );
  assert.equal(out, "POD LOGS: t-a (y)\ny says hi\n");
  await assert.rejects(
    writeTestPodLogs(
      kube as unknown as KubeClient,
      "default",
      rel,
      { include: ["t-job"], exclude: [] },
      () => {},
    ),
    { message: 'unable to get pod t-job: pods "t-job" not found' },
  );
  // Filtered out: nothing asked.
  await writeTestPodLogs(kube as unknown as KubeClient, "default", rel, {
    include: [],
    exclude: ["t-a", "t-job"],
  }, () => {
    throw new Error("nothing to print");
  });
});

Deno.test("testRelease prints the status without notes, then logs; a test failure comes after both", async () => {
  const kube = new FakeKube();
  kube.phases["t-a"] = "Failed";
  kube.pods["t-a"] = { spec: { containers: [{ name: "c" }] } };
  const { rc } = await setup([hook("t-a", "Pod")], kube);
  let out = "";
  await assert.rejects(
    testRelease(rc, { name: "t", namespace: "default", logs: true }, (t) => (out += t)),
    {
      message: "resource Pod/default/t-a not ready. status: Failed, message: pod t-a failed\n" +
        "unable to get logs for pod t-a, container c: no logs for t-a/c",
    },
  );
  assert.match(
    out,
    /^NAME: t\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nDESCRIPTION: Install complete\nTEST SUITE: {5}t-a\nLast Started: {3}.+\nLast Completed: .+\nPhase: {10}Failed\n\n$/,
  );
});

Deno.test("testRelease: nothing printed when the release cannot be read; no tests print None", async () => {
  const { rc } = await setup([]);
  let out = "";
  await assert.rejects(testRelease(rc, { name: "nope", namespace: "default" }, (t) => (out += t)), {
    message: "release: not found",
  });
  assert.equal(out, "");
  await testRelease(rc, { name: "t", namespace: "default" }, (t) => (out += t));
  assert.equal(
    out,
    "NAME: t\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nDESCRIPTION: Install complete\nTEST SUITE: None\n",
  );
});
