import assert from "node:assert/strict";
import { KubeClient, type KubeObject, type ResourceMapping } from "./client.ts";
import type { HttpRequest, HttpResponse } from "./transport.ts";
import {
  createClientSide,
  patchClientSide,
  replaceResource,
  type ResourceTarget,
  upgradeClientSideFieldManager,
} from "./client_side_apply.ts";
import { usesStrategicMergePatch } from "./patch_meta.ts";

/** A fake API server: discovery, OpenAPI v3 for apps/v1, and objects answered by `handler`. */
function fakeClient(
  handler: (req: HttpRequest, url: URL) => { status: number; body: unknown } | undefined,
): { kube: KubeClient; log: string[] } {
  const log: string[] = [];
  const json = (status: number, body: unknown): HttpResponse => ({
    status,
    headers: new Headers({ "content-type": "application/json" }),
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const openapi = {
    components: {
      schemas: {
        "io.k8s.api.apps.v1.Deployment": {
          type: "object",
          properties: {
            metadata: {
              allOf: [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }],
            },
            spec: { allOf: [{ $ref: "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec" }] },
          },
          "x-kubernetes-group-version-kind": [{ group: "apps", version: "v1", kind: "Deployment" }],
        },
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
          type: "object",
          properties: { labels: { type: "object", additionalProperties: { type: "string" } } },
        },
        "io.k8s.api.apps.v1.DeploymentSpec": {
          type: "object",
          properties: {
            replicas: { type: "integer" },
            items: {
              type: "array",
              items: { type: "object", properties: { name: { type: "string" } } },
              "x-kubernetes-patch-strategy": "merge",
              "x-kubernetes-patch-merge-key": "name",
            },
          },
        },
      },
    },
  };
  const send = (req: HttpRequest): Promise<HttpResponse> => {
    const url = new URL(req.url);
    const ct = req.headers.find(([k]) => k === "Content-Type")?.[1] ?? "";
    log.push(
      `${req.method} ${url.pathname}${url.search}${ct ? ` ${ct}` : ""}${req.body ? ` ${req.body}` : ""}`,
    );
    switch (url.pathname) {
      case "/api":
        return Promise.resolve(json(200, { versions: ["v1"] }));
      case "/apis":
        return Promise.resolve(json(200, {
          groups: [{ versions: [{ groupVersion: "apps/v1" }, { groupVersion: "example.com/v1" }] }],
        }));
      case "/api/v1":
        return Promise.resolve(
          json(200, { resources: [{ name: "configmaps", kind: "ConfigMap", namespaced: true }] }),
        );
      case "/apis/apps/v1":
        return Promise.resolve(
          json(200, { resources: [{ name: "deployments", kind: "Deployment", namespaced: true }] }),
        );
      case "/apis/example.com/v1":
        return Promise.resolve(
          json(200, { resources: [{ name: "widgets", kind: "Widget", namespaced: true }] }),
        );
      case "/openapi/v3":
        return Promise.resolve(
          json(200, { paths: { "apis/apps/v1": { serverRelativeURL: "/openapi/v3/apis/apps/v1?hash=X" } } }),
        );
      case "/openapi/v3/apis/apps/v1":
        return Promise.resolve(json(200, openapi));
    }
    const r = handler(req, url);
    if (!r) {
      return Promise.resolve(
        json(404, { kind: "Status", message: "not found", reason: "NotFound", code: 404 }),
      );
    }
    return Promise.resolve(json(r.status, r.body));
  };
  const kube = new KubeClient({
    server: "http://fake",
    insecure: false,
    auth: { userName: "u" },
    impersonateGroups: [],
    namespace: "default",
    contextName: "",
    qps: -1,
    burst: 100,
    userAgent: "charta-test",
  }, { send, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
  return { kube, log };
}

const deployMapping: ResourceMapping = {
  group: "apps",
  version: "v1",
  kind: "Deployment",
  resource: "deployments",
  namespaced: true,
};
const widgetMapping: ResourceMapping = {
  group: "example.com",
  version: "v1",
  kind: "Widget",
  resource: "widgets",
  namespaced: true,
};

function dep(replicas: number, items: string[]): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { replicas, items: items.map((name) => ({ name })) },
  };
}

function target(object: KubeObject, mapping = deployMapping): ResourceTarget {
  return { object, mapping, namespace: "ns", name: object.metadata!.name! };
}

const PATH = "/apis/apps/v1/namespaces/ns/deployments/web";

Deno.test("patchClientSide sends apimachinery's strategic patch with field manager helm", async () => {
  const liveObj = { ...dep(1, ["a", "b"]), metadata: { name: "web", namespace: "ns", resourceVersion: "5" } };
  const { kube, log } = fakeClient((req, url) => {
    if (url.pathname !== PATH) return undefined;
    return { status: 200, body: req.method === "PATCH" ? { ...liveObj, patched: true } : liveObj };
  });
  const res = await patchClientSide(kube, dep(1, ["a", "b"]), target(dep(2, ["b", "c"])));
  assert.equal(res.patch?.type, "strategic");
  assert.equal(res.object.patched, true);
  const patchLine = log.find((l) => l.startsWith("PATCH"));
  assert.equal(
    patchLine,
    `PATCH ${PATH}?fieldManager=helm application/strategic-merge-patch+json ` +
      '{"spec":{"$setElementOrder/items":[{"name":"b"},{"name":"c"}],"items":[{"name":"c"},{"$patch":"delete","name":"a"}],"replicas":2}}',
  );
  // The OpenAPI document is fetched once per client and group/version.
  await patchClientSide(kube, dep(1, ["a", "b"]), target(dep(2, ["b", "c"])));
  assert.equal(log.filter((l) => l.startsWith("GET /openapi/v3/apis/apps/v1")).length, 1);
  kube.close();
});

Deno.test("patchClientSide skips an empty patch and refreshes the object", async () => {
  const liveObj = { ...dep(1, ["a"]), metadata: { name: "web", namespace: "ns" } };
  const { kube, log } = fakeClient((req, url) =>
    url.pathname === PATH && req.method === "GET" ? { status: 200, body: liveObj } : undefined
  );
  const res = await patchClientSide(kube, dep(1, ["a"]), target(dep(1, ["a"])));
  assert.equal(res.patch, undefined);
  assert.deepEqual(res.object, liveObj);
  assert.equal(log.filter((l) => l.startsWith("PATCH")).length, 0);
  kube.close();
});

Deno.test("patchClientSide uses a JSON merge patch for custom resources", async () => {
  const wpath = "/apis/example.com/v1/namespaces/ns/widgets/w";
  const w = (spec: unknown): KubeObject => ({
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w" },
    spec,
  });
  const { kube, log } = fakeClient((_req, url) =>
    url.pathname === wpath
      ? { status: 200, body: { ...w({ a: 1, live: true }), metadata: { name: "w", namespace: "ns" } } }
      : undefined
  );
  const res = await patchClientSide(kube, w({ a: 1, b: 2 }), target(w({ a: 3 }), widgetMapping));
  assert.equal(res.patch?.type, "merge");
  assert.equal(
    log.find((l) => l.startsWith("PATCH")),
    `PATCH ${wpath}?fieldManager=helm application/merge-patch+json {"spec":{"a":3,"b":null}}`,
  );
  // --take-ownership's three-way merge keeps what only the live object has, and checks the name.
  const three = await patchClientSide(kube, w({ a: 1, b: 2 }), target(w({ a: 3 }), widgetMapping), {
    threeWayMergeForUnstructured: true,
  });
  assert.equal(three.patch?.patch, '{"spec":{"a":3,"b":null}}');
  await assert.rejects(
    patchClientSide(
      kube,
      w({}),
      target({ ...w({}), kind: "Widget", apiVersion: "example.com/v2" }, widgetMapping),
      {
        threeWayMergeForUnstructured: true,
      },
    ),
    /^ChartaError: failed to create patch: precondition failed for: map\[apiVersion:example.com\/v2\]$/,
  );
  kube.close();
});

Deno.test("patchClientSide errors read as helm's", async () => {
  const liveObj = { ...dep(1, ["a"]), metadata: { name: "web", namespace: "ns" } };
  const { kube } = fakeClient((req, url) => {
    if (url.pathname !== PATH) return undefined;
    if (req.method === "PATCH") {
      return {
        status: 422,
        body: {
          kind: "Status",
          message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1',
          reason: "Invalid",
          code: 422,
        },
      };
    }
    return { status: 200, body: liveObj };
  });
  await assert.rejects(
    patchClientSide(kube, dep(1, ["a"]), target(dep(-1, ["a"]))),
    (e: Error) =>
      e.message ===
        'cannot patch "web" with kind Deployment: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1',
  );
  await assert.rejects(
    patchClientSide(kube, dep(1, ["a"]), target({ ...dep(1, []), spec: { items: [{ noName: 1 }] } })),
    (e: Error) =>
      e.message === "failed to create patch: map: map[noName:1] does not contain declared merge key: name",
  );
  await assert.rejects(
    patchClientSide(
      kube,
      { ...dep(1, ["a"]), spec: { bogus: { x: 0 } } },
      target({ ...dep(1, ["a"]), spec: { bogus: { x: 1 } } }),
    ),
    (e: Error) =>
      e.message ===
        'failed to create patch: unable to find api field in struct DeploymentSpec for the json field "bogus"',
  );
  kube.close();

  const { kube: down } = fakeClient((_req, url) =>
    url.pathname === PATH
      ? { status: 403, body: { kind: "Status", message: "forbidden!", reason: "Forbidden", code: 403 } }
      : undefined
  );
  await assert.rejects(
    patchClientSide(down, dep(1, ["a"]), target(dep(2, ["a"]))),
    (e: Error) =>
      e.message === "failed to create patch: unable to get data for current object ns/web: forbidden!",
  );
  down.close();
});

Deno.test("replaceResource PUTs with the live resourceVersion; createClientSide POSTs as helm", async () => {
  const { kube, log } = fakeClient((req, url) => {
    if (url.pathname === PATH && req.method === "GET") {
      return { status: 200, body: { ...dep(1, []), metadata: { name: "web", resourceVersion: "9" } } };
    }
    if (url.pathname === PATH && req.method === "PUT") return { status: 200, body: JSON.parse(req.body!) };
    if (url.pathname === "/apis/apps/v1/namespaces/ns/deployments" && req.method === "POST") {
      return {
        status: 409,
        body: {
          kind: "Status",
          message: 'deployments.apps "web" already exists',
          reason: "AlreadyExists",
          code: 409,
        },
      };
    }
    return undefined;
  });
  const out = await replaceResource(kube, target(dep(2, [])));
  assert.equal(out.metadata?.resourceVersion, "9");
  assert.equal(out.metadata?.namespace, "ns");
  assert.match(
    log.find((l) => l.startsWith("PUT"))!,
    /^PUT \/apis\/apps\/v1\/namespaces\/ns\/deployments\/web\?fieldManager=helm&fieldValidation=Strict /,
  );
  await assert.rejects(
    createClientSide(kube, target({ ...dep(1, []), metadata: { name: "web", resourceVersion: "3" } })),
    /already exists/,
  );
  const post = log.find((l) => l.startsWith("POST"))!;
  assert.match(
    post,
    /^POST \/apis\/apps\/v1\/namespaces\/ns\/deployments\?fieldManager=helm application\/json /,
  );
  assert.ok(!post.includes("resourceVersion"));
  kube.close();

  const { kube: k2 } = fakeClient((req, url) =>
    url.pathname === PATH && req.method === "PUT"
      ? { status: 422, body: { kind: "Status", message: "bad", reason: "Invalid", code: 422 } }
      : undefined
  );
  await assert.rejects(
    replaceResource(k2, target(dep(2, []))),
    (e: Error) => e.message === "failed to replace object: bad",
  );
  k2.close();
});

Deno.test("upgradeClientSideFieldManager patches helm's Update entry and retries conflicts", async () => {
  let gets = 0, patches = 0;
  const liveObj = () => ({
    ...dep(1, []),
    metadata: {
      name: "web",
      namespace: "ns",
      resourceVersion: String(10 + gets),
      managedFields: [{
        manager: "helm",
        operation: "Update",
        apiVersion: "apps/v1",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:spec": { "f:replicas": {} } },
      }],
    },
  });
  const { kube, log } = fakeClient((req, url) => {
    if (url.pathname !== PATH) return undefined;
    if (req.method === "GET") {
      gets++;
      return { status: 200, body: liveObj() };
    }
    patches++;
    if (patches === 1) {
      return { status: 409, body: { kind: "Status", message: "conflict", reason: "Conflict", code: 409 } };
    }
    return { status: 200, body: { ...liveObj(), upgraded: true } };
  });
  const res = await upgradeClientSideFieldManager(kube, target(dep(1, [])));
  assert.equal(res.patched, true);
  assert.equal(res.object.upgraded, true);
  assert.equal(gets, 2);
  assert.equal(
    log.filter((l) => l.startsWith("PATCH")).at(-1),
    `PATCH ${PATH}?fieldManager=helm&fieldValidation=Strict application/json-patch+json ` +
      '[{"op":"replace","path":"/metadata/managedFields","value":[{"manager":"helm","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},{"op":"replace","path":"/metadata/resourceVersion","value":"12"}]',
  );
  kube.close();

  const { kube: k2 } = fakeClient((req, url) => {
    if (url.pathname !== PATH) return undefined;
    if (req.method === "GET") return { status: 200, body: liveObj() };
    return { status: 422, body: { kind: "Status", message: "nope", reason: "Invalid", code: 422 } };
  });
  await assert.rejects(
    upgradeClientSideFieldManager(k2, target(dep(1, []))),
    (e: Error) =>
      e.message ===
        "failed to patch object to upgrade CSA field manager ns/web apps/v1, Kind=Deployment: nope",
  );
  k2.close();
  const { kube: k3 } = fakeClient(() => undefined);
  await assert.rejects(
    upgradeClientSideFieldManager(k3, target(dep(1, []))),
    (e: Error) => e.message === "failed to get object ns/web apps/v1, Kind=Deployment: not found",
  );
  k3.close();
});

Deno.test("usesStrategicMergePatch: built-in group/versions only", () => {
  assert.equal(usesStrategicMergePatch("", "v1"), true);
  assert.equal(usesStrategicMergePatch("apps", "v1"), true);
  assert.equal(usesStrategicMergePatch("apiextensions.k8s.io", "v1"), true);
  assert.equal(usesStrategicMergePatch("apiextensions.k8s.io", "v1beta1"), false);
  assert.equal(usesStrategicMergePatch("apiregistration.k8s.io", "v1"), false);
  assert.equal(usesStrategicMergePatch("example.com", "v1"), false);
  assert.equal(usesStrategicMergePatch("apps", "v1", false), false);
});
