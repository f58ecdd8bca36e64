import assert from "node:assert/strict";
import { goAvailable, type PatchOracleCase, runPatchOracle } from "../../scripts/lib/patch_oracle.ts";
import { createThreeWayMergePatch, PatchError } from "./strategic_patch.ts";
import { createMergePatch, createThreeWayJsonMergePatch } from "./merge_patch.ts";
import { type OpenApiDocument, OpenApiPatchMeta } from "./patch_meta.ts";
import { requireKeyUnchanged, requireMetadataKeyUnchanged } from "./strategic_patch.ts";

const haveGo = await goAvailable();

type Obj = Record<string, unknown>;

function deployment(
  containers: Obj[],
  extra: { labels?: Record<string, string>; spec?: Obj; pod?: Obj } = {},
): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: extra.labels ?? { app: "web" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      ...extra.spec,
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers, ...extra.pod },
      },
    },
  };
}

function live(obj: Obj, changes: (o: Obj) => void = () => {}): Obj {
  const o = structuredClone(obj);
  (o.metadata as Obj).uid = "1234";
  (o.metadata as Obj).resourceVersion = "42";
  (o.metadata as Obj).managedFields = [{ manager: "helm", operation: "Update" }];
  o.status = { replicas: 1 };
  changes(o);
  return o;
}

const c = (name: string, image: string, more: Obj = {}): Obj => ({ name, image, ...more });

/** [name, kind, original, modified, current]. */
const strategicCases: Array<[string, string, Obj | undefined, Obj, Obj | undefined]> = [];
function add(name: string, kind: string, original: Obj | undefined, modified: Obj, current?: Obj): void {
  strategicCases.push([name, kind, original, modified, current ?? (original ? live(original) : undefined)]);
}

const base = deployment([c("app", "nginx:1")]);
add("no change", "Deployment", base, base);
add("image changed", "Deployment", base, deployment([c("app", "nginx:2")]));
add("container added", "Deployment", base, deployment([c("app", "nginx:1"), c("side", "busybox")]));
add("container added first", "Deployment", base, deployment([c("side", "busybox"), c("app", "nginx:1")]));
add(
  "container removed",
  "Deployment",
  deployment([c("app", "nginx:1"), c("side", "busybox")]),
  deployment([c("app", "nginx:1")]),
);
add(
  "containers reordered",
  "Deployment",
  deployment([c("a", "x"), c("b", "y"), c("c", "z")]),
  deployment([c("c", "z"), c("a", "x"), c("b", "y")]),
);
add(
  "containers replaced, added and removed",
  "Deployment",
  deployment([c("a", "x"), c("b", "y"), c("c", "z")]),
  deployment([c("d", "w"), c("b", "y2"), c("a", "x")]),
);
add(
  "env changed",
  "Deployment",
  deployment([c("app", "x", { env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] })]),
  deployment([c("app", "x", { env: [{ name: "B", value: "3" }, { name: "C", value: "4" }] })]),
);
add(
  "env valueFrom replaces value",
  "Deployment",
  deployment([c("app", "x", { env: [{ name: "A", value: "1" }] })]),
  deployment([
    c("app", "x", { env: [{ name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] }),
  ]),
);
add(
  "ports by containerPort",
  "Deployment",
  deployment([
    c("app", "x", { ports: [{ containerPort: 80, name: "http" }, { containerPort: 443, name: "https" }] }),
  ]),
  deployment([c("app", "x", {
    ports: [{ containerPort: 8080, name: "http" }, { containerPort: 443, name: "https", protocol: "TCP" }],
  })]),
);
add(
  "ports with large numbers sort as Go's %v",
  "Deployment",
  deployment([
    c("app", "x", { ports: [{ containerPort: 9 }, { containerPort: 10 }, { containerPort: 100000 }] }),
  ]),
  deployment([
    c("app", "x", { ports: [{ containerPort: 1000000 }, { containerPort: 9 }, { containerPort: 20 }] }),
  ]),
);
add(
  "volumes with retainKeys",
  "Deployment",
  deployment([c("app", "x")], {
    pod: { volumes: [{ name: "data", emptyDir: {} }, { name: "cfg", configMap: { name: "a" } }] },
  }),
  deployment([c("app", "x")], {
    pod: {
      volumes: [{ name: "data", persistentVolumeClaim: { claimName: "pvc" } }, {
        name: "new",
        secret: { secretName: "s" },
      }],
    },
  }),
);
add(
  "strategy type change with retainKeys",
  "Deployment",
  deployment([c("app", "x")], {
    spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } },
  }),
  deployment([c("app", "x")], { spec: { strategy: { type: "Recreate" } } }),
);
add(
  "label removed",
  "Deployment",
  deployment([c("app", "x")], { labels: { app: "web", tier: "front" } }),
  deployment([c("app", "x")], { labels: { app: "web" } }),
);
add(
  "field removed from original",
  "Deployment",
  deployment([c("app", "x", { imagePullPolicy: "Always", args: ["a", "b"] })], {
    spec: { revisionHistoryLimit: 3 },
  }),
  deployment([c("app", "x")]),
);
add(
  "live change by someone else kept",
  "Deployment",
  base,
  deployment([c("app", "nginx:2")]),
  live(base, (o) => {
    (o.metadata as Obj).annotations = { "deployment.kubernetes.io/revision": "3" };
    (o.spec as Obj).replicas = 5;
    const pod = ((o.spec as Obj).template as Obj).spec as Obj;
    (pod.containers as Obj[]).push(c("injected", "proxy"));
    (pod.containers as Obj[])[0].resources = {};
  }),
);
add(
  "live replicas overridden by the chart",
  "Deployment",
  deployment([c("app", "x")], { spec: { replicas: 2 } }),
  deployment([c("app", "x")], { spec: { replicas: 3 } }),
  live(deployment([c("app", "x")], { spec: { replicas: 7 } })),
);
add(
  "nulls in the manifest",
  "Deployment",
  deployment([c("app", "x", { command: null })]),
  deployment([c("app", "x", { command: null, args: null, resources: { limits: null } })]),
);
add(
  "primitive list changed (args replace)",
  "Deployment",
  deployment([c("app", "x", { args: ["--a", "--b"] })]),
  deployment([c("app", "x", { args: ["--b", "--c", "--a"] })]),
);
add("no original (adopted)", "Deployment", undefined, deployment([c("app", "nginx:2")]), live(base));
add(
  "type change map to string",
  "ConfigMap",
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "2", b: "<&>", c: "ü\u2028" } },
);
add(
  "configmap data removed",
  "ConfigMap",
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1", b: "2" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
);
add(
  "service ports merge by port",
  "Service",
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s" },
    spec: {
      type: "ClusterIP",
      ports: [{ port: 80, targetPort: "http", name: "http" }],
      selector: { app: "a" },
    },
  },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s" },
    spec: {
      type: "NodePort",
      ports: [{ port: 443, targetPort: 8443, name: "https" }, { port: 80, targetPort: 8080, name: "http" }],
      selector: { app: "b" },
    },
  },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s", uid: "u" },
    spec: {
      type: "ClusterIP",
      clusterIP: "10.0.0.1",
      clusterIPs: ["10.0.0.1"],
      ports: [{ port: 80, targetPort: "http", name: "http", protocol: "TCP" }],
      selector: { app: "a" },
    },
  },
);
add(
  "pod finalizers primitive merge list",
  "Pod",
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", finalizers: ["a", "b", "c"] },
    spec: { containers: [c("x", "y")] },
  },
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", finalizers: ["c", "d", "a"] },
    spec: { containers: [c("x", "y")] },
  },
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", finalizers: ["b", "a", "live", "c"] },
    spec: { containers: [c("x", "y")] },
  },
);
add(
  "pod tolerations (replace list) and owner references",
  "Pod",
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", ownerReferences: [{ uid: "1", name: "a", kind: "K", apiVersion: "v1" }] },
    spec: { containers: [c("x", "y")], tolerations: [{ key: "a", operator: "Exists" }] },
  },
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", ownerReferences: [{ uid: "2", name: "b", kind: "K", apiVersion: "v1" }] },
    spec: { containers: [c("x", "y")], tolerations: [{ key: "b", operator: "Exists" }] },
  },
);
add(
  "duplicate env names",
  "Deployment",
  deployment([c("app", "x", { env: [{ name: "A", value: "1" }, { name: "A", value: "2" }, { name: "B" }] })]),
  deployment([c("app", "x", { env: [{ name: "A", value: "3" }, { name: "B" }, { name: "A", value: "4" }] })]),
);
add(
  "many containers (pdqsort path)",
  "Deployment",
  deployment(Array.from({ length: 30 }, (_, i) => c(`c${(i * 7) % 30}`, `img${i}`))),
  deployment(Array.from({ length: 28 }, (_, i) => c(`c${(i * 11) % 31}`, `img${i % 5}`))),
);
add(
  "many duplicate env names (unstable sort order)",
  "Deployment",
  deployment([
    c("app", "x", { env: Array.from({ length: 40 }, (_, i) => ({ name: `E${i % 7}`, value: `${i}` })) }),
  ]),
  deployment([
    c("app", "x", {
      env: Array.from({ length: 33 }, (_, i) => ({ name: `E${(i * 3) % 8}`, value: `${i % 4}` })),
    }),
  ]),
);
add(
  "directive in the manifest",
  "Deployment",
  deployment([c("app", "x")], { pod: { $patch: "replace", hostname: "a" } }),
  deployment([c("app", "x")], { pod: { $patch: "merge", hostname: "b" } }),
);
add(
  "empty lists and maps",
  "Deployment",
  deployment([c("app", "x", { env: [], ports: [{ containerPort: 1 }] })], { pod: { volumes: [] } }),
  deployment([c("app", "x", { env: [{ name: "A" }], ports: [] })], {
    pod: { volumes: [], nodeSelector: {} },
  }),
);
add(
  "mixed types in a primitive merge list (error)",
  "Pod",
  { apiVersion: "v1", kind: "Pod", metadata: { name: "p", finalizers: ["a", 1] } },
  { apiVersion: "v1", kind: "Pod", metadata: { name: "p", finalizers: ["a", true] } },
);
add(
  "numbers and booleans as merge-list scalars",
  "Pod",
  { apiVersion: "v1", kind: "Pod", metadata: { name: "p", finalizers: [3, 1.5, -2, 1e21] } },
  { apiVersion: "v1", kind: "Pod", metadata: { name: "p", finalizers: [1e21, 2, 3, 0.000001] } },
);
add(
  "retainKeys with nulls",
  "Deployment",
  deployment([c("app", "x")], { spec: { strategy: { type: "RollingUpdate", rollingUpdate: null } } }),
  deployment([c("app", "x")], { spec: { strategy: { type: null, rollingUpdate: { maxSurge: "25%" } } } }),
);
add(
  "list of lists (error)",
  "Deployment",
  deployment([c("app", "x")], { pod: { volumes: [["a"]] } }),
  deployment([c("app", "x")], { pod: { volumes: [["b"]] } }),
);
add(
  "unknown field differs (error)",
  "Deployment",
  deployment([c("app", "x", { bogus: { a: 1 } })]),
  deployment([c("app", "x", { bogus: { a: 2 } })]),
);
add(
  "unknown field same (no error)",
  "Deployment",
  deployment([c("app", "x", { bogus: { a: 1 } })]),
  deployment([c("app", "x", { bogus: { a: 1 } })]),
);
add(
  "missing merge key (error)",
  "Deployment",
  deployment([c("app", "x", { env: [{ name: "A" }] })]),
  deployment([c("app", "x", { env: [{ value: "A" }] })]),
);
add(
  "map in a string map (error)",
  "ConfigMap",
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { a: { b: 1 } } } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { a: { b: 2 } } } },
);
add(
  "CRD schema property change",
  "CustomResourceDefinition",
  {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "xs.example.com" },
    spec: {
      group: "example.com",
      names: { kind: "X", plural: "xs" },
      scope: "Namespaced",
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object" } } } },
      }],
    },
  },
  {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "xs.example.com" },
    spec: {
      group: "example.com",
      names: { kind: "X", plural: "xs" },
      scope: "Namespaced",
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "string" } } } },
      }],
    },
  },
);

const KINDS = ["Deployment", "Service", "ConfigMap", "Pod", "CustomResourceDefinition"];

async function metas(): Promise<Map<string, OpenApiPatchMeta>> {
  const res = await runPatchOracle(KINDS.map((kind) => ({ mode: "schema", kind })));
  return new Map(
    KINDS.map((k, i) => [k, OpenApiPatchMeta.forKind(res[i].schema as OpenApiDocument, "oracle", "v1", k)!]),
  );
}

function ours(f: () => string): { patch?: string; error?: string } {
  try {
    return { patch: f() };
  } catch (e) {
    if (!(e instanceof PatchError) && !(e instanceof Error && e.name === "PatchMetaError")) throw e;
    return { error: (e as Error).message };
  }
}

Deno.test({
  name: "createThreeWayMergePatch equals apimachinery's byte for byte",
  ignore: !haveGo,
  async fn() {
    const meta = await metas();
    const cases: PatchOracleCase[] = strategicCases.map(([, kind, original, modified, current]) => ({
      mode: "three-way",
      kind,
      original,
      modified,
      current,
    }));
    const want = await runPatchOracle(cases);
    strategicCases.forEach(([name, kind, original, modified, current], i) => {
      const got = ours(() => createThreeWayMergePatch(original, modified, current, meta.get(kind)!));
      assert.deepEqual(got, want[i], name);
    });
  },
});

const mergeCases: Array<[string, Obj, Obj, Obj]> = [
  ["no change", { a: 1 }, { a: 1 }, { a: 1 }],
  ["nested change and removal", { a: { b: 1, c: [1, 2] }, d: "x" }, { a: { b: 2, c: [1, 2] } }, {
    a: { b: 1, c: [1, 2] },
    d: "x",
    e: 3,
  }],
  ["type change", { a: { b: 1 } }, { a: "s" }, { a: { b: 1 } }],
  ["null and empty map", { a: null, b: {} }, { a: null, b: {}, c: { d: null } }, { b: { x: 1 } }],
  ["list of objects with nulls", {}, { l: [{ a: null, b: 1 }, null] }, {}],
  ["html escapes", {}, { s: "<a href='x'>&</a>\u2028" }, {}],
  [
    "custom resource",
    {
      apiVersion: "example.com/v1",
      kind: "X",
      metadata: { name: "x", labels: { a: "1" } },
      spec: { size: 1, list: [1, 2] },
    },
    { apiVersion: "example.com/v1", kind: "X", metadata: { name: "x" }, spec: { size: 2, list: [2] } },
    {
      apiVersion: "example.com/v1",
      kind: "X",
      metadata: { name: "x", labels: { a: "1", live: "y" }, uid: "u" },
      spec: { size: 1, list: [1, 2], extra: true },
      status: { ok: true },
    },
  ],
  ["name changed (precondition)", { metadata: { name: "a" } }, { metadata: { name: "b" } }, {
    metadata: { name: "a" },
  }],
  ["kind changed (precondition)", { kind: "A" }, { kind: "B", x: 1.5e300 }, { kind: "A" }],
];

Deno.test({
  name: "createMergePatch and createThreeWayJsonMergePatch equal Go's byte for byte",
  ignore: !haveGo,
  async fn() {
    const cases: PatchOracleCase[] = mergeCases.flatMap(([, original, modified, current]) => [
      { mode: "merge", original, modified },
      { mode: "three-way-json", original, modified, current },
    ]);
    const want = await runPatchOracle(cases);
    const pre = [
      requireKeyUnchanged("apiVersion"),
      requireKeyUnchanged("kind"),
      requireMetadataKeyUnchanged("name"),
    ];
    mergeCases.forEach(([name, original, modified, current], i) => {
      assert.deepEqual(ours(() => createMergePatch(original, modified)), want[2 * i], `${name} (two-way)`);
      assert.deepEqual(
        ours(() => createThreeWayJsonMergePatch(original, modified, current, pre)),
        want[2 * i + 1],
        `${name} (three-way)`,
      );
    });
  },
});

Deno.test("createThreeWayMergePatch: bad input is a PatchError, nothing is mutated", () => {
  const schemas = {
    "x.Root": {
      type: "object",
      properties: {
        items: {
          type: "array",
          items: { type: "object", properties: { name: { type: "string" } } },
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-patch-merge-key": "name",
        },
      },
      "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Root" }],
    },
  };
  const meta = OpenApiPatchMeta.forKind({ components: { schemas } }, "", "v1", "Root")!;
  const original = { items: [{ name: "a" }] };
  const modified = { items: [["nested"]] };
  const before = structuredClone(original);
  assert.throws(() => createThreeWayMergePatch(original, modified, original, meta), PatchError);
  assert.deepEqual(original, before);
  assert.throws(
    () => createThreeWayMergePatch({ items: [{ name: "a" }] }, { items: [{ x: 1 }] }, {}, meta),
    /does not contain declared merge key: name/,
  );
  assert.equal(
    createThreeWayMergePatch({}, { items: [{ name: "b" }] }, { items: [{ name: "a" }] }, meta),
    '{"$setElementOrder/items":[{"name":"b"}],"items":[{"name":"b"}]}',
  );
});

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPod(r: () => number): Obj {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: T[], max = xs.length): T[] => xs.filter(() => r() < max / xs.length / 1.5);
  const names = ["app", "side", "init", "proxy", "z", "a10", "a9"];
  const containers = some(names, 4).map((name) => {
    const ctr: Obj = { name, image: pick(["nginx:1", "nginx:2", "busybox", "<img>"]) };
    if (r() < 0.5) {
      ctr.env = some(["A", "B", "C", "D", "E"], 3).map((n) => ({ name: n, value: pick(["1", "2", ""]) }));
    }
    if (r() < 0.4) {
      ctr.ports = some([80, 443, 8080, 9, 100000], 3).map((p) => ({ containerPort: p, name: `p${p}` }));
    }
    if (r() < 0.3) ctr.args = some(["--a", "--b", "--c", "-v"], 3);
    if (r() < 0.2) ctr.resources = pick([{}, { limits: { cpu: "1" } }, { limits: null }]);
    if (r() < 0.1) ctr.command = null;
    return ctr;
  });
  const pod: Obj = { containers };
  if (r() < 0.4) {
    pod.volumes = some(["data", "cfg", "tmp"], 2).map((name) =>
      pick([{ name, emptyDir: {} }, { name, configMap: { name: "c" } }, {
        name,
        secret: { secretName: "s" },
      }])
    );
  }
  if (r() < 0.3) {
    pod.tolerations = some([{ key: "a", operator: "Exists" }, { key: "b", effect: "NoSchedule" }]);
  }
  return pod;
}

function randomDeployment(r: () => number): Obj {
  const labels: Record<string, string> = { app: "web" };
  if (r() < 0.5) labels.tier = r() < 0.5 ? "front" : "back";
  const d = deployment([], { labels, pod: randomPod(r) });
  const spec = d.spec as Obj;
  if (r() < 0.3) spec.replicas = Math.floor(r() * 4);
  if (r() < 0.3) {
    spec.strategy = r() < 0.5
      ? { type: "Recreate" }
      : { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } };
  }
  if (r() < 0.2) (d.metadata as Obj).finalizers = ["x", "y", "z"].filter(() => r() < 0.6);
  if (r() < 0.2) (d.metadata as Obj).annotations = { note: r() < 0.5 ? "a" : "b" };
  if (r() < 0.1) delete spec.template;
  return d;
}

Deno.test({
  name: "createThreeWayMergePatch equals apimachinery's on 400 generated deployments",
  ignore: !haveGo,
  async fn() {
    const meta = await metas();
    const r = rng(20261124);
    const triples = Array.from({ length: 400 }, () => {
      const original = randomDeployment(r);
      const modified = r() < 0.1 ? structuredClone(original) : randomDeployment(r);
      const x = r();
      const current = x < 0.4 ? live(original) : x < 0.5 ? live(modified) : live(randomDeployment(r));
      return [r() < 0.05 ? undefined : original, modified, current] as const;
    });
    const want = await runPatchOracle(
      triples.map(([original, modified, current]) => ({
        mode: "three-way",
        kind: "Deployment",
        original,
        modified,
        current,
      })),
    );
    triples.forEach(([original, modified, current], i) => {
      const got = ours(() => createThreeWayMergePatch(original, modified, current, meta.get("Deployment")!));
      assert.deepEqual(got, want[i], `case ${i}: ${JSON.stringify({ original, modified, current })}`);
    });
  },
});
