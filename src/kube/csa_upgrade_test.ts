import assert from "node:assert/strict";
import { goAvailable, runPatchOracle } from "../../scripts/lib/patch_oracle.ts";
import { upgradeManagedFieldsPatch } from "./csa_upgrade.ts";
import type { KubeObject } from "./client.ts";

const haveGo = await goAvailable();

const T = "2026-01-02T03:04:05Z";
const deployFields = {
  "f:metadata": {
    "f:labels": { ".": {}, "f:app": {} },
    "f:annotations": { "f:meta.helm.sh/release-name": {} },
  },
  "f:spec": {
    "f:replicas": {},
    "f:template": {
      "f:spec": {
        "f:containers": {
          'k:{"name":"app"}': {
            ".": {},
            "f:image": {},
            "f:name": {},
            "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
          },
          'k:{"name":"b"}': { ".": {}, "f:args": {} },
        },
        "f:finalizers": { 'v:"a"': {}, 'v:"x<y"': {}, "v:2": {}, "v:true": {} },
        "f:list": { "i:10": {}, "i:2": {} },
      },
    },
  },
};
const applyFields = {
  "f:metadata": { "f:labels": { "f:tier": {} } },
  "f:spec": {
    "f:template": {
      "f:spec": {
        "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:image": {} }, 'k:{"name":"app"}': { "f:env": {} } },
      },
    },
  },
};

function obj(managedFields: unknown[] | undefined): KubeObject {
  const o: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", resourceVersion: "77" },
  };
  if (managedFields) o.metadata!.managedFields = managedFields;
  return o;
}

const cases: Array<[string, KubeObject]> = [
  ["no managed fields", obj(undefined)],
  ["empty managed fields", obj([])],
  [
    "helm update becomes apply",
    obj([
      {
        manager: "helm",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: deployFields,
      },
      {
        manager: "kube-controller-manager",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: { "f:status": { "f:replicas": {} } },
        subresource: "status",
      },
    ]),
  ],
  [
    "helm update merged into helm apply",
    obj([
      {
        manager: "helm",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: applyFields,
      },
      {
        manager: "helm",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: deployFields,
      },
    ]),
  ],
  [
    "helm update of another version is dropped",
    obj([
      {
        manager: "helm",
        operation: "Update",
        apiVersion: "apps/v1beta1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: deployFields,
      },
      {
        manager: "helm",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: applyFields,
      },
    ]),
  ],
  [
    "only an apply entry (re-encoded)",
    obj([
      {
        manager: "helm",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: deployFields,
      },
    ]),
  ],
  [
    "other managers only",
    obj([
      {
        manager: "kubectl",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: deployFields,
      },
    ]),
  ],
  [
    "helm status subresource untouched",
    obj([
      {
        manager: "helm",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T,
        fieldsType: "FieldsV1",
        fieldsV1: { "f:status": {} },
        subresource: "status",
      },
    ]),
  ],
];

Deno.test({
  name: "upgradeManagedFieldsPatch equals csaupgrade.UpgradeManagedFieldsPatch byte for byte",
  ignore: !haveGo,
  async fn() {
    const want = await runPatchOracle(cases.map(([, o]) => ({ mode: "csa-upgrade", original: o })));
    cases.forEach(([name, o], i) => {
      const got = upgradeManagedFieldsPatch(o, new Set(["helm"]), "helm") ?? "";
      assert.equal(got, want[i].patch, name);
    });
  },
});

Deno.test("upgradeManagedFieldsPatch: managedFields that is not a list is an error", () => {
  const o = obj(undefined);
  o.metadata!.managedFields = { bad: true };
  assert.throws(() => upgradeManagedFieldsPatch(o, new Set(["helm"]), "helm"), /managedFields is not a list/);
});
