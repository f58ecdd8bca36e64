/**
 * The client-side apply update path (src/kube/client_side_apply.ts) on the
 * local control plane, against the reference helms:
 *
 * - helm 3 installs a chart client-side in two namespaces and the live
 *   objects are changed by "someone else"; helm 3 upgrades one namespace,
 *   charta's patchClientSide/createClientSide the other: the objects and
 *   helm's managed fields come out the same;
 * - helm 3 installs in two namespaces; helm 4 upgrades one with
 *   `--server-side=true`, charta the other with upgradeClientSideFieldManager
 *   and a server-side apply: the managed fields come out the same.
 *
 * - the patch metadata read from the server's OpenAPI v3 documents gives
 *   the same strategic patches as helm's Go structs (the patch oracle).
 *
 * Skipped locally when the cluster or a reference helm is not built.
 */
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { goAvailable, runPatchOracle } from "../scripts/lib/patch_oracle.ts";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";
import { clientForSettings, type KubeClient, type KubeObject } from "../src/kube/client.ts";
import {
  createClientSide,
  patchClientSide,
  type ResourceTarget,
  upgradeClientSideFieldManager,
} from "../src/kube/client_side_apply.ts";
import { patchMetaForKind } from "../src/kube/patch_meta.ts";
import { createThreeWayMergePatch } from "../src/kube/strategic_patch.ts";
import { EnvSettings } from "../src/settings/env_settings.ts";
import { clusterForTests, inTestNamespace, type NamespaceEnv, testCluster } from "./lib/cluster.ts";
import { helmBinary, type RunResult } from "./lib/cli.ts";

const enabled = clusterForTests();
const helm4 = helmBinary();
const helm3 = referenceHelmPath("v3");
const CRD_NAME = "widgets.csapatch.charta.test";

type Obj = Record<string, unknown>;

const crd: Obj = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: CRD_NAME },
  spec: {
    group: "csapatch.charta.test",
    names: { kind: "Widget", plural: "widgets", singular: "widget", listKind: "WidgetList" },
    scope: "Namespaced",
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    }],
  },
};

function deployment(containers: Obj[], labels: Record<string, string>, pod: Obj = {}, spec: Obj = {}): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      ...spec,
      template: { metadata: { labels: { app: "web" } }, spec: { containers, ...pod } },
    },
  };
}

const v1: Obj[] = [
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1", b: "2" } },
  deployment(
    [
      {
        name: "app",
        image: "nginx:1",
        env: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
        ports: [{ containerPort: 80, name: "http" }, { containerPort: 443, name: "https" }],
        args: ["--x", "--y"],
      },
      { name: "side", image: "busybox:1" },
    ],
    { app: "web", tier: "front" },
    { volumes: [{ name: "data", emptyDir: {} }, { name: "cfg", configMap: { name: "cfg" } }] },
    { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } },
  ),
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http", name: "http" }] },
  },
  {
    apiVersion: "csapatch.charta.test/v1",
    kind: "Widget",
    metadata: { name: "w", labels: { a: "1" } },
    spec: { size: 1, list: [1, 2], nested: { keep: true, drop: "x" } },
  },
];

const v2: Obj[] = [
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { b: "3", c: "<4>" } },
  deployment(
    [
      { name: "init", image: "alpine:3" },
      {
        name: "app",
        image: "nginx:2",
        env: [{ name: "B", value: "3" }, { name: "C", value: "4" }],
        ports: [{ containerPort: 8080, name: "http" }, { containerPort: 443, name: "https" }],
        args: ["--y", "--z"],
      },
    ],
    { app: "web" },
    { volumes: [{ name: "data", persistentVolumeClaim: { claimName: "pvc" } }] },
    { strategy: { type: "Recreate" } },
  ),
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: {
      type: "NodePort",
      selector: { app: "web" },
      ports: [{ port: 443, targetPort: 8443, name: "https" }, { port: 80, targetPort: 8080, name: "http" }],
    },
  },
  {
    apiVersion: "csapatch.charta.test/v1",
    kind: "Widget",
    metadata: { name: "w" },
    spec: { size: 2, list: [2], nested: { keep: true } },
  },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "added" }, data: { x: "val" } },
];

async function writeChart(dir: string, version: string, objects: Obj[]): Promise<string> {
  const root = `${dir}/${version}`;
  await Deno.mkdir(`${root}/templates`, { recursive: true });
  await Deno.mkdir(`${root}/crds`, { recursive: true });
  await Deno.writeTextFile(
    `${root}/Chart.yaml`,
    `apiVersion: v2\nname: csapatch\nversion: 0.1.${version.slice(1)}\n`,
  );
  await Deno.writeTextFile(`${root}/crds/widget.yaml`, stringify(crd));
  await Deno.writeTextFile(`${root}/templates/all.yaml`, objects.map((o) => stringify(o)).join("---\n"));
  return root;
}

function ok(r: RunResult, what: string): void {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
}

/** helm's setMetadataVisitor: what helm adds to every object it writes for a release. */
function withReleaseMetadata(o: Obj, ns: string): KubeObject {
  const obj = structuredClone(o) as KubeObject;
  obj.metadata = {
    ...obj.metadata,
    labels: { ...obj.metadata?.labels, "app.kubernetes.io/managed-by": "Helm" },
    annotations: {
      ...obj.metadata?.annotations,
      "meta.helm.sh/release-name": "rel",
      "meta.helm.sh/release-namespace": ns,
    },
  };
  return obj;
}

async function target(kube: KubeClient, o: KubeObject, ns: string): Promise<ResourceTarget> {
  const mapping = await kube.mapping(o.apiVersion!, o.kind!);
  return { object: o, mapping, namespace: mapping.namespaced ? ns : "", name: o.metadata!.name! };
}

/** Someone else's changes to the live objects, the same in every namespace. */
async function tamper(e: NamespaceEnv, replicas = true): Promise<void> {
  const kube = await adminClient(e.kubeconfig, e.ns);
  const patch = async (path: string, body: unknown) => {
    await kube.requestJson("PATCH", path, {
      body,
      contentType: "application/strategic-merge-patch+json",
      query: { fieldManager: "someone-else" },
    });
  };
  try {
    await patch(`/apis/apps/v1/namespaces/${e.ns}/deployments/web`, {
      metadata: { annotations: { "someone/else": "yes" } },
      spec: {
        ...(replicas ? { replicas: 3 } : {}),
        template: { spec: { containers: [{ name: "app", imagePullPolicy: "Always" }] } },
      },
    });
    await patch(`/api/v1/namespaces/${e.ns}/configmaps/cfg`, { data: { live: "kept" } });
  } finally {
    kube.close();
  }
}

async function adminClient(kubeconfig: string, ns?: string): Promise<KubeClient> {
  const home = Deno.makeTempDirSync();
  try {
    const env: Record<string, string> = { HOME: home, KUBECONFIG: kubeconfig };
    const s = EnvSettings.fromEnv((n) => env[n], "linux");
    if (ns) s.namespaceOverride = ns;
    return await clientForSettings(s);
  } finally {
    Deno.removeSync(home, { recursive: true });
  }
}

/** The live objects of the chart, without what differs by namespace, time or controller timing. */
async function snapshot(
  kube: KubeClient,
  ns: string,
  objects: Obj[],
  managers: string[],
): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const o of objects) {
    const t = await target(kube, o as KubeObject, ns);
    const live = structuredClone(await kube.get(t.object, ns)) as Obj;
    const meta = live.metadata as Obj;
    const fields = ((meta.managedFields as Obj[] | undefined) ?? [])
      .filter((f) => managers.includes(f.manager as string))
      .map(({ time: _, ...rest }) => rest)
      // The API server orders entries by operation, then by time to the second, then by
      // manager: which comes first depends on whether two writes fell in the same second.
      .sort((x, y) =>
        `${x.operation}/${x.manager}/${x.apiVersion}`.localeCompare(
          `${y.operation}/${y.manager}/${y.apiVersion}`,
        )
      );
    for (const k of ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"]) {
      delete meta[k];
    }
    const annotations = meta.annotations as Record<string, string> | undefined;
    if (annotations) delete annotations["deployment.kubernetes.io/revision"];
    delete live.status;
    const spec = live.spec as Obj | undefined;
    if (live.kind === "Service" && spec) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
      for (const p of (spec.ports as Obj[]) ?? []) delete p.nodePort;
    }
    out.push(JSON.parse(JSON.stringify({ live, fields }).replaceAll(ns, "NS")));
  }
  return out;
}

async function withNamespaces(
  fn: (a: NamespaceEnv, b: NamespaceEnv, c: NamespaceEnv, charts: string) => Promise<void>,
) {
  const charts = await Deno.makeTempDir({ prefix: "charta-csa-" });
  try {
    await inTestNamespace(
      "csa-a",
      (a) => inTestNamespace("csa-b", (b) => inTestNamespace("csa-c", (c) => fn(a, b, c, charts))),
    );
  } finally {
    await Deno.remove(charts, { recursive: true });
    const info = await testCluster();
    const kube = await adminClient(info.kubeconfig);
    try {
      await kube.requestJson("DELETE", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}`)
        .catch(() => {});
    } finally {
      kube.close();
    }
  }
}

Deno.test({
  name: "patchClientSide updates helm 3's release as helm 3's and helm 4's client-side upgrades do",
  ignore: !enabled || !helm3 || !helm4,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withNamespaces(async (a, b, c, charts) => {
      const c1 = await writeChart(charts, "v1", v1);
      const c2 = await writeChart(charts, "v2", v2);
      for (const e of [a, b, c]) {
        ok(await e.helmWith(helm3!, "install", "rel", c1), `helm 3 install (${e.ns})`);
        await tamper(e);
      }
      ok(await a.helmWith(helm3!, "upgrade", "rel", c2), "helm 3 upgrade (a)");
      ok(await c.helmWith(helm4!, "upgrade", "rel", c2, "--server-side=false"), "helm 4 upgrade (c)");

      const kube = await adminClient(b.kubeconfig, b.ns);
      try {
        const byName = new Map(v1.map((o) => [`${o.kind}/${(o.metadata as Obj).name}`, o]));
        const patchTypes: string[] = [];
        for (const o of v2) {
          const t = await target(kube, withReleaseMetadata(o, b.ns), b.ns);
          const original = byName.get(`${o.kind}/${t.name}`);
          if (!original) {
            await createClientSide(kube, t);
            continue;
          }
          const res = await patchClientSide(kube, original as KubeObject, t);
          patchTypes.push(`${o.kind}:${res.patch?.type ?? "none"}`);
        }
        assert.deepEqual(patchTypes, [
          "ConfigMap:strategic",
          "Deployment:strategic",
          "Service:strategic",
          "Widget:merge",
        ]);
        // A second run finds nothing to change.
        const again = await patchClientSide(
          kube,
          v2[0] as KubeObject,
          await target(kube, withReleaseMetadata(v2[0], b.ns), b.ns),
        );
        assert.equal(again.patch, undefined);

        const kubeA = await adminClient(a.kubeconfig, a.ns);
        const kubeC = await adminClient(c.kubeconfig, c.ns);
        try {
          const managers = ["helm", "someone-else"];
          const ours = await snapshot(kube, b.ns, v2, managers);
          assert.deepEqual(ours, await snapshot(kubeA, a.ns, v2, managers), "helm 3");
          assert.deepEqual(ours, await snapshot(kubeC, c.ns, v2, managers), "helm 4");
        } finally {
          kubeA.close();
          kubeC.close();
        }
      } finally {
        kube.close();
      }
    });
  },
});

Deno.test({
  name: "upgradeClientSideFieldManager + apply leaves managed fields as helm 4's --server-side=true upgrade",
  ignore: !enabled || !helm3 || !helm4,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withNamespaces(async (a, b, _c, charts) => {
      const c1 = await writeChart(charts, "v1", v1);
      const c2 = await writeChart(charts, "v2", v2);
      ok(await a.helmWith(helm3!, "install", "rel", c1), "helm 3 install (a)");
      ok(await b.helmWith(helm3!, "install", "rel", c1), "helm 3 install (b)");
      await tamper(a, false);
      await tamper(b, false);
      ok(await a.helmWith(helm4!, "upgrade", "rel", c2, "--server-side=true"), "helm 4 upgrade (a)");

      const kube = await adminClient(b.kubeconfig, b.ns);
      try {
        const existing = new Set(v1.map((o) => `${o.kind}/${(o.metadata as Obj).name}`));
        let upgraded = 0;
        for (const o of v2) {
          const t = await target(kube, withReleaseMetadata(o, b.ns), b.ns);
          if (existing.has(`${o.kind}/${t.name}`)) {
            if ((await upgradeClientSideFieldManager(kube, t)).patched) upgraded++;
          }
          await kube.apply(t.object, {
            namespace: t.namespace,
            fieldManager: "helm",
            fieldValidation: "Strict",
          });
        }
        assert.equal(upgraded, 4);
        const kubeA = await adminClient(a.kubeconfig, a.ns);
        try {
          const managers = ["helm", "someone-else"];
          assert.deepEqual(
            await snapshot(kube, b.ns, v2, managers),
            await snapshot(kubeA, a.ns, v2, managers),
          );
        } finally {
          kubeA.close();
        }
      } finally {
        kube.close();
      }
    });
  },
});

Deno.test({
  name: "patch metadata from the server's OpenAPI gives the patches helm's Go structs give",
  ignore: !enabled || !(await goAvailable()),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const info = await testCluster();
    const kube = await adminClient(info.kubeconfig);
    try {
      const pairs: Array<[Obj, Obj, Obj]> = [];
      for (const [i, o] of v1.entries()) {
        const n = v2[i];
        if (o.kind === "Widget") continue;
        pairs.push([o, n, o], [n, o, n], [o, n, { ...n, metadata: { name: "x", labels: { live: "1" } } }]);
      }
      const crd2 = structuredClone(crd);
      ((crd2.spec as Obj).names as Obj).shortNames = ["wd"];
      (crd2.spec as Obj).versions = [{ name: "v1", served: true, storage: true }, {
        name: "v2",
        served: false,
      }];
      pairs.push([crd, crd2, crd], [crd2, crd, crd2]);
      const want = await runPatchOracle(
        pairs.map(([original, modified, current]) => ({
          mode: "three-way",
          kind: modified.kind as string,
          original,
          modified,
          current,
        })),
      );
      for (const [i, [original, modified, current]] of pairs.entries()) {
        const [group, version] = (modified.apiVersion as string).includes("/")
          ? (modified.apiVersion as string).split("/")
          : ["", modified.apiVersion as string];
        const meta = await patchMetaForKind(kube, group, version, modified.kind as string);
        assert.equal(createThreeWayMergePatch(original, modified, current, meta), want[i].patch, `pair ${i}`);
      }
    } finally {
      kube.close();
    }
  },
});
