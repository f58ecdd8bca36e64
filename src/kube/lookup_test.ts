import assert from "node:assert/strict";
import { clusterLookup, unstructuredJson } from "./lookup.ts";
import { GoInt } from "../gotpl/value.ts";

const RESOURCES: Record<string, unknown> = {
  "/api/v1": {
    resources: [
      { name: "configmaps", kind: "ConfigMap", namespaced: true },
      { name: "pods/log", kind: "Pod", namespaced: true },
      { name: "pods", kind: "Pod", namespaced: true },
      { name: "namespaces", kind: "Namespace", namespaced: false },
    ],
  },
  "/apis/apps/v1": { resources: [{ name: "deployments", kind: "Deployment", namespaced: true }] },
};

function fakeServer(objects: Record<string, unknown>) {
  const asked: string[] = [];
  const get = (path: string) => {
    asked.push(path);
    const body = RESOURCES[path] ?? objects[path];
    if (body === undefined) {
      return {
        status: 404,
        body: '{"kind":"Status","message":"the server could not find the requested resource"}',
      };
    }
    return typeof body === "number"
      ? { status: body, body: `{"kind":"Status","code":${body},"message":"denied by test"}` }
      : { status: 200, body: JSON.stringify(body) };
  };
  return { get, asked };
}

Deno.test("unstructuredJson: integers as int64, other numbers as float64", () => {
  const v = unstructuredJson(
    '{"a":1,"b":1.0,"c":1e3,"d":-9223372036854775808,"e":9223372036854775808,"f":[2]}',
  );
  assert.deepEqual(v.a, new GoInt(1n, "int64"));
  assert.equal(v.b, 1);
  assert.equal(v.c, 1000);
  assert.deepEqual(v.d, new GoInt(-(2n ** 63n), "int64"));
  assert.equal(typeof v.e, "number");
  assert.deepEqual(v.f, [new GoInt(2n, "int64")]);
});

Deno.test("clusterLookup: GET, LIST with kinds filled in, cluster-scoped objects, and not-found as an empty map", () => {
  const { get, asked } = fakeServer({
    "/api/v1/namespaces/prod/configmaps/a": { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "a" } },
    "/api/v1/namespaces/prod/configmaps": {
      kind: "ConfigMapList",
      apiVersion: "v1",
      metadata: {},
      items: [{ metadata: { name: "a" } }],
    },
    "/api/v1/namespaces/prod": { kind: "Namespace", apiVersion: "v1", metadata: { name: "prod" } },
    "/apis/apps/v1/deployments": { kind: "DeploymentList", apiVersion: "apps/v1", metadata: {} },
  });
  const lookup = clusterLookup(get);
  assert.deepEqual(lookup("v1", "ConfigMap", "prod", "a").metadata, { name: "a" });
  assert.deepEqual(lookup("v1", "ConfigMap", "prod", "").items, [
    { metadata: { name: "a" }, kind: "ConfigMap", apiVersion: "v1" },
  ]);
  // A namespace given for a cluster-scoped kind is dropped; none given for a namespaced kind lists everywhere.
  assert.equal((lookup("v1", "Namespace", "other", "prod").metadata as { name: string }).name, "prod");
  assert.deepEqual(lookup("apps/v1", "Deployment", "", "").items, []);
  assert.deepEqual(lookup("v1", "ConfigMap", "prod", "missing"), {});
  // A kind the group version does not serve: client-go's empty resource name.
  assert.deepEqual(lookup("v1", "Nothing", "prod", "x"), {});
  assert.equal(asked.at(-1), "/api/v1/x");
  // Discovery is asked once per group version.
  assert.equal(asked.filter((p) => p === "/api/v1").length, 1);
});

Deno.test("clusterLookup: client-go's errors for unserved group versions, refusals and bad names", () => {
  const { get } = fakeServer({ "/api/v1/namespaces/prod/configmaps/secret": 403 });
  const logged: string[] = [];
  const lookup = clusterLookup(get, (level, msg) => logged.push(`${level} ${msg}`));
  assert.throws(
    () => lookup("nope.example.com/v1", "Thing", "", "x"),
    {
      message: "unable to get apiresource from unstructured: nope.example.com/v1, Kind=Thing: " +
        "the server could not find the requested resource",
    },
  );
  assert.deepEqual(logged, ["ERROR unable to retrieve resource list", "ERROR unable to get apiresource"]);
  assert.throws(() => lookup("v1", "ConfigMap", "prod", "secret"), { message: "denied by test" });
  assert.throws(() => lookup("v1", "ConfigMap", "prod", "a/b"), {
    message: `invalid resource name "a/b": [may not contain '/']`,
  });
  assert.throws(() => lookup("", "ConfigMap", "prod", "a"), /groupVersion shouldn't be empty/);
});
