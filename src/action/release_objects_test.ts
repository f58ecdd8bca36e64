import assert from "node:assert/strict";
import { checkOwnership, type ResourceInfo, resourceString, setOwnership } from "./release_objects.ts";

const info = (kind: string, name: string, namespace: string): ResourceInfo => ({
  object: { apiVersion: "v1", kind, metadata: { name, labels: { a: "b" } } },
  mapping: {
    group: "",
    version: "v1",
    kind,
    resource: `${kind.toLowerCase()}s`,
    namespaced: namespace !== "",
  },
  namespace,
  name,
});

Deno.test("resourceString names kind, name and namespace as helm", () => {
  assert.equal(resourceString(info("ConfigMap", "x", "ns")), 'ConfigMap "x" in namespace "ns"');
  assert.equal(resourceString(info("Namespace", "x", "")), 'Namespace "x" in namespace ""');
});

Deno.test("setOwnership adds helm's label and annotations, keeping the object's own", () => {
  const i = info("ConfigMap", "x", "ns");
  setOwnership([i], "rel", "ns");
  assert.deepEqual(i.object.metadata?.labels, { a: "b", "app.kubernetes.io/managed-by": "Helm" });
  assert.deepEqual(i.object.metadata?.annotations, {
    "meta.helm.sh/release-name": "rel",
    "meta.helm.sh/release-namespace": "ns",
  });
  assert.equal(checkOwnership(i.object, "rel", "ns"), undefined);
});

Deno.test("checkOwnership lists every missing or wrong key", () => {
  assert.equal(
    checkOwnership({ metadata: {} }, "rel", "ns"),
    'invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; ' +
      'annotation validation error: missing key "meta.helm.sh/release-name": must be set to "rel"; ' +
      'annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "ns"',
  );
  const other = info("ConfigMap", "x", "ns");
  setOwnership([other], "other", "ns");
  assert.equal(
    checkOwnership(other.object, "rel", "ns"),
    'invalid ownership metadata; annotation validation error: key "meta.helm.sh/release-name" must equal "rel": ' +
      'current value is "other"',
  );
});
