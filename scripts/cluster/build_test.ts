import assert from "node:assert/strict";
import { stagingModules, wrapperGoMod } from "./build.ts";

Deno.test("stagingModules: the k8s.io modules required as v0.0.0, nothing else", () => {
  const goMod = [
    "module k8s.io/kubernetes",
    "",
    "require (",
    "\tgithub.com/spf13/cobra v1.10.0",
    "\tk8s.io/api v0.0.0",
    "\tk8s.io/klog/v2 v2.130.1",
    "\tk8s.io/kube-aggregator v0.0.0",
    ")",
    "",
    "require k8s.io/streaming v0.0.0",
    "",
    "replace (",
    "\tk8s.io/api => ./staging/src/k8s.io/api",
    "\tk8s.io/sample-controller => ./staging/src/k8s.io/sample-controller",
    ")",
  ].join("\n");
  assert.deepEqual(stagingModules(goMod), ["k8s.io/api", "k8s.io/kube-aggregator", "k8s.io/streaming"]);
  assert.deepEqual(stagingModules("module x\n"), []);
});

Deno.test("wrapperGoMod: staging replaces at v0.N.P and the binaries as tools", () => {
  const text = wrapperGoMod("kubernetes", "k8s.io/kubernetes", "v1.36.4", [
    "k8s.io/kubernetes/cmd/kube-apiserver",
  ], [
    "k8s.io/api",
  ]);
  assert.equal(
    text,
    [
      "module charta.local/cluster/kubernetes",
      "",
      "go 1.26.0",
      "",
      "require k8s.io/kubernetes v1.36.4",
      "",
      "replace (",
      "\tk8s.io/api => k8s.io/api v0.36.4",
      ")",
      "",
      "tool (",
      "\tk8s.io/kubernetes/cmd/kube-apiserver",
      ")",
      "",
    ].join("\n"),
  );
  assert.doesNotMatch(
    wrapperGoMod("etcd", "go.etcd.io/etcd/server/v3", "v3.6.8", ["go.etcd.io/etcd/server/v3"]),
    /replace/,
  );
});
