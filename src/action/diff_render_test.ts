import assert from "node:assert/strict";
import type { KubeObject } from "../kube/client.ts";
import {
  apiName,
  compareObjects,
  maskSecretValues,
  type ObjectChange,
  parseDiffFormat,
  renderChanges,
  stripVolatile,
} from "./diff_render.ts";

const cm = (data: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "web", namespace: "default", ...extra },
  data,
});

Deno.test("stripVolatile drops what the server changes on every write, and nothing else", () => {
  const live: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "default",
      uid: "u",
      resourceVersion: "7",
      generation: 3,
      creationTimestamp: "2026-01-01T00:00:00Z",
      managedFields: [{ manager: "helm" }],
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}", keep: "me" },
      labels: { a: "b" },
    },
    spec: { replicas: 1 },
    status: { readyReplicas: 1 },
  };
  const out = stripVolatile(live);
  assert.deepEqual(out, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", annotations: { keep: "me" }, labels: { a: "b" } },
    spec: { replicas: 1 },
  });
  assert.equal(live.metadata?.uid, "u", "the input is not changed");
  const onlyLastApplied = stripVolatile(
    cm({}, { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" } }),
  );
  assert.equal(onlyLastApplied.metadata?.annotations, undefined, "an emptied annotations map goes too");
});

Deno.test("maskSecretValues tells changed, unchanged, added and removed values apart by marker only", () => {
  const secret = (data: Record<string, string>, stringData?: Record<string, string>): KubeObject => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s" },
    data,
    ...(stringData ? { stringData } : {}),
  });
  const before = secret({ same: btoa("abc"), changed: btoa("old"), gone: btoa("12345") });
  const after = secret({ same: btoa("abc"), changed: btoa("newer"), added: btoa("x") }, { plain: "héllo" });
  maskSecretValues(before, after);
  assert.deepEqual(before.data, {
    same: "REDACTED # (3 bytes)",
    changed: "-------- # (3 bytes)",
    gone: "-------- # (5 bytes)",
  });
  assert.deepEqual(after.data, {
    same: "REDACTED # (3 bytes)",
    changed: "++++++++ # (5 bytes)",
    added: "++++++++ # (1 bytes)",
  });
  assert.deepEqual(after.stringData, { plain: "++++++++ # (6 bytes)" }, "stringData counts UTF-8 bytes");

  const other = cm({ k: "v" });
  maskSecretValues(other, undefined);
  assert.deepEqual(other.data, { k: "v" }, "other kinds are not masked");
  const added = secret({ k: btoa("v") });
  maskSecretValues(undefined, added);
  assert.deepEqual(added.data, { k: "++++++++ # (1 bytes)" });
});

Deno.test("compareObjects: equal states are no change; otherwise YAML of each side", () => {
  assert.equal(compareObjects(cm({ a: "1" }, { uid: "x" }), cm({ a: "1" }, { uid: "y" })), undefined);
  assert.equal(compareObjects(undefined, undefined), undefined);
  const mod = compareObjects(cm({ a: "1" }), cm({ a: "2" }))!;
  assert.equal(mod.change, "MODIFY");
  assert.equal(mod.api, "v1");
  assert.equal(mod.namespace, "default");
  assert.match(mod.before, /^ {2}a: "1"$/m);
  assert.match(mod.after, /^ {2}a: "2"$/m);
  assert.equal(compareObjects(undefined, cm({}))!.change, "ADD");
  assert.equal(compareObjects(cm({}), undefined)!.change, "REMOVE");

  const s = (v: string): KubeObject => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s" },
    data: { p: btoa(v) },
  });
  const masked = compareObjects(s("old"), s("new"))!;
  assert.ok(!masked.before.includes(btoa("old")) && !masked.after.includes(btoa("new")), "values masked");
  assert.equal(compareObjects(s("same"), s("same")), undefined);
  const shown = compareObjects(s("old"), s("new"), true)!;
  assert.ok(shown.after.includes(btoa("new")), "--show-secrets shows them");
});

Deno.test("apiName is the group, or the version of the core group (helm-diff's header)", () => {
  assert.equal(apiName("apps/v1"), "apps");
  assert.equal(apiName("v1"), "v1");
  assert.equal(apiName("networking.k8s.io/v1"), "networking.k8s.io");
});

const changes = (): ObjectChange[] => [
  compareObjects(
    cm({ a: "1", b: "2", c: "3", d: "4", e: "5" }),
    cm({ a: "1", b: "2", c: "X", d: "4", e: "5" }),
  )!,
  compareObjects(undefined, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "app", namespace: "ns" },
  })!,
  compareObjects({ apiVersion: "v1", kind: "Namespace", metadata: { name: "gone" } }, undefined)!,
];

Deno.test("renderChanges diff: whole objects by default, hunks with --context, headers as helm-diff's", async () => {
  const whole = await renderChanges(changes(), { format: "diff", context: -1, color: false });
  assert.equal(
    whole,
    [
      "default, web, ConfigMap (v1) has changed:",
      "  apiVersion: v1",
      "  data:",
      '    a: "1"',
      '    b: "2"',
      '-   c: "3"',
      "+   c: X",
      '    d: "4"',
      '    e: "5"',
      "  kind: ConfigMap",
      "  metadata:",
      "    name: web",
      "    namespace: default",
      "",
      "ns, app, Deployment (apps) has been added:",
      "+ apiVersion: apps/v1",
      "+ kind: Deployment",
      "+ metadata:",
      "+   name: app",
      "+   namespace: ns",
      "",
      ", gone, Namespace (v1) has been removed:",
      "- apiVersion: v1",
      "- kind: Namespace",
      "- metadata:",
      "-   name: gone",
      "",
    ].join("\n"),
  );
  const ctx1 = await renderChanges(changes().slice(0, 1), { format: "diff", context: 1, color: false });
  assert.equal(
    ctx1,
    [
      "default, web, ConfigMap (v1) has changed:",
      "@@ -4,3 +4,3 @@",
      '    b: "2"',
      '-   c: "3"',
      "+   c: X",
      '    d: "4"',
      "",
    ].join("\n"),
  );
});

Deno.test("renderChanges colours only when asked", async () => {
  const plain = await renderChanges(changes(), { format: "diff", context: 0, color: false });
  assert.ok(!plain.includes("\x1b["));
  const painted = await renderChanges(changes(), { format: "diff", context: 0, color: true });
  assert.ok(painted.includes('\x1b[31m-   c: "3"\x1b[0m'));
  assert.ok(painted.includes("\x1b[32m+   c: X\x1b[0m"));
  assert.ok(painted.includes("\x1b[33mdefault, web, ConfigMap (v1) has changed:\x1b[0m"));
  assert.ok(painted.includes("\x1b[36m@@ -5,1 +5,1 @@\x1b[0m"));
});

Deno.test("renderChanges simple and json; no changes print nothing", async () => {
  assert.equal(
    await renderChanges(changes(), { format: "simple", context: -1, color: false }),
    "default, web, ConfigMap (v1) to be changed.\n" +
      "ns, app, Deployment (apps) to be added.\n" +
      ", gone, Namespace (v1) to be removed.\n" +
      "Plan: 1 to add, 1 to change, 1 to destroy.\n",
  );
  assert.deepEqual(JSON.parse(await renderChanges(changes(), { format: "json", context: -1, color: true })), [
    { api: "v1", kind: "ConfigMap", namespace: "default", name: "web", change: "MODIFY" },
    { api: "apps", kind: "Deployment", namespace: "ns", name: "app", change: "ADD" },
    { api: "v1", kind: "Namespace", namespace: "", name: "gone", change: "REMOVE" },
  ]);
  for (const format of ["diff", "simple"] as const) {
    assert.equal(await renderChanges([], { format, context: -1, color: true }), "");
  }
  assert.equal(await renderChanges([], { format: "json", context: -1, color: false }), "[]\n");
});

Deno.test("parseDiffFormat refuses unknown formats", () => {
  assert.equal(parseDiffFormat("simple"), "simple");
  assert.throws(() => parseDiffFormat("yaml"), {
    message: 'unknown output format "yaml": must be one of diff, simple, json',
  });
});
