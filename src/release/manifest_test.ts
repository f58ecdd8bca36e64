/**
 * Manifest splitting and sorting; expected values are helm 4.2.4's (its
 * `helm template` output and its SortManifests run on the same input).
 */
import assert from "node:assert/strict";
import { collectLog } from "../log/slog.ts";
import {
  compareSplitManifestKeys,
  InstallOrder,
  ManifestParseError,
  parseHead,
  sortManifests,
  splitManifests,
  UninstallOrder,
} from "./manifest.ts";

Deno.test("splitManifests: separators at line starts, blank documents dropped, leading space trimmed", () => {
  const m = splitManifests(
    "---\n---\nkind: A\n--- \t\nkind: B\n---kind: D\n---  # c\nkind: E\n\r---\nkind: F\n",
  );
  assert.deepEqual([...m], [
    ["manifest-0", "kind: A\n"],
    ["manifest-1", "kind: B\n"],
    ["manifest-2", "kind: D\n"],
    ["manifest-3", "# c\nkind: E\n\r---\nkind: F\n"],
  ]);
  assert.deepEqual([...splitManifests("  \n\n---\n# just comment\n---\n\n")], [[
    "manifest-0",
    "# just comment\n",
  ]]);
  assert.deepEqual([...splitManifests("a: 1\n ---\nb: 2\n----\nc")], [["manifest-0", "a: 1\n ---\nb: 2\n"], [
    "manifest-1",
    "-\nc",
  ]]);
  assert.deepEqual([...splitManifests("")], []);
});

Deno.test("compareSplitManifestKeys: numeric order", () => {
  assert.deepEqual(
    ["manifest-10", "manifest-9", "manifest-0"].sort(compareSplitManifestKeys),
    ["manifest-0", "manifest-9", "manifest-10"],
  );
});

Deno.test("parseHead: case-insensitive keys, scalars as strings, nil metadata", () => {
  assert.deepEqual(
    parseHead("Kind: Secret\napiversion: v1\nmetadata:\n  NAME: 5\n  annotations:\n    w: 5\n"),
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "5", annotations: { w: "5" } },
    },
  );
  assert.deepEqual(parseHead("# nothing\n"), { apiVersion: "", kind: "" });
  assert.deepEqual(parseHead("kind: A\nmetadata: null\n"), { apiVersion: "", kind: "A" });
});

const sources: [string, string][] = [
  [
    "kind: [1]\n",
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field SimpleHead.kind of type string",
  ],
  [
    "metadata: 5\n",
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field SimpleHead.metadata of type " +
    'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }',
  ],
  [
    "metadata:\n  name: [1]\n",
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.name of type string",
  ],
  [
    "metadata:\n  annotations:\n    a: [1]\n",
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.annotations of type string",
  ],
  [
    "metadata:\n  annotations: 7\n",
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field .metadata.annotations of type map[string]string",
  ],
  ["a: b: c\n", "error converting YAML to JSON: yaml: mapping values are not allowed in this context"],
  [
    "- a\n- b\n",
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead",
  ],
  [
    "x\n",
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead",
  ],
];

Deno.test("sortManifests: helm's YAML parse errors, with what was found before", () => {
  for (const [text, message] of sources) {
    assert.throws(
      () => sortManifests({ "c/templates/a.yaml": "kind: Job\n---\n" + text }, null, InstallOrder),
      (e: unknown) => {
        assert.ok(e instanceof ManifestParseError);
        assert.equal(e.message, `YAML parse error on c/templates/a.yaml: ${message}`);
        assert.deepEqual(e.manifests.map((m) => m.head.kind), ["Job"]);
        return true;
      },
    );
  }
});

Deno.test("sortManifests: install order, unknown kinds last by name, stable", () => {
  const { hooks, manifests } = sortManifests(
    new Map([
      ["c/templates/z.yaml", "kind: Deployment\nmetadata:\n  name: z\n"],
      ["c/templates/_partial.yaml", "kind: Namespace\n"],
      ["c/templates/blank.yaml", " \n\n"],
      ["c/templates/B.yaml", "kind: Foo\n---\nkind: Bar\n---\nkind: Service\n---\n# none\n"],
      [
        "c/templates/a.yaml",
        "kind: Namespace\n---\nkind: Deployment\nmetadata:\n  name: a\n---\nkind: Foo\n",
      ],
      ["c/templates/é.yaml", "kind: Namespace\n"],
    ]),
    null,
    InstallOrder,
  );
  assert.deepEqual(hooks, []);
  assert.deepEqual(manifests.map((m) => `${m.name}:${m.head.kind}`), [
    "c/templates/a.yaml:Namespace",
    "c/templates/é.yaml:Namespace",
    "c/templates/B.yaml:Service",
    "c/templates/a.yaml:Deployment",
    "c/templates/z.yaml:Deployment",
    "c/templates/B.yaml:",
    "c/templates/B.yaml:Bar",
    "c/templates/B.yaml:Foo",
    "c/templates/a.yaml:Foo",
  ]);
  assert.deepEqual(manifests[3].head, { apiVersion: "", kind: "Deployment", metadata: { name: "a" } });
});

Deno.test("sortManifests: hooks with events, weights and policies; unknown events drop the document", () => {
  const lines: string[] = [];
  const doc = (kind: string, ann: string) =>
    `kind: ${kind}\nmetadata:\n  name: ${kind.toLowerCase()}\n  annotations:\n${ann}`;
  const { hooks, manifests } = sortManifests(
    {
      "c/templates/h.yaml": [
        doc("Job", '    helm.sh/hook: " Pre-Install,post-upgrade "\n    helm.sh/hook-weight: "-5"\n'),
        doc(
          "Pod",
          '    helm.sh/hook: test-success\n    helm.sh/hook-weight: "x"\n    helm.sh/hook-delete-policy: "Hook-Succeeded, ,before-hook-creation"\n    helm.sh/hook-output-log-policy: hook-failed\n',
        ),
        doc("Secret", "    helm.sh/hook: pre-install, bogus\n"),
        doc("ConfigMap", '    helm.sh/hook: ""\n'),
        doc("Service", "    other: x\n"),
        doc("ServiceAccount", "    helm.sh/hook: post-delete\n    helm.sh/hook-weight: 007\n"),
      ].join("---\n"),
    },
    null,
    InstallOrder,
    { log: collectLog(lines) },
  );
  assert.deepEqual(manifests.map((m) => m.head.kind), ["Service"]);
  assert.deepEqual(
    hooks.map((h) => [h.kind, h.name, h.events, h.weight, h.delete_policies, h.output_log_policies]),
    [
      ["ServiceAccount", "serviceaccount", ["post-delete"], 7, [], []],
      ["Pod", "pod", ["test"], 0, ["hook-succeeded", "", "before-hook-creation"], ["hook-failed"]],
      ["Job", "job", ["pre-install", "post-upgrade"], -5, [], []],
    ],
  );
  assert.equal(hooks[2].path, "c/templates/h.yaml");
  assert.deepEqual(hooks[2].last_run, { phase: "" });
  assert.ok(hooks[2].manifest.startsWith("kind: Job\n"));
  assert.deepEqual(lines, [
    'level=INFO msg="skipping unknown hooks" hookTypes="pre-install, bogus"\n',
    'level=INFO msg="skipping unknown hooks" hookTypes=""\n',
  ]);
});

Deno.test("InstallOrder and UninstallOrder cover the same kinds", () => {
  assert.equal(InstallOrder.length, 38);
  assert.deepEqual([...InstallOrder].sort(), [...UninstallOrder].sort());
  assert.equal(UninstallOrder[0], "ValidatingWebhookConfiguration");
});

Deno.test("parseHead: the fast path reads every head as the exact encoding/json path does", () => {
  const docs = [
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    x: 1\n    helm.sh/hook: pre-install\n",
    "apiVersion: 1\nkind: true\n",
    "Kind: Pod\nkind: Svc\n",
    "KIND: Pod\n",
    "kind: [a]\n",
    "metadata: null\n",
    "metadata: {}\n",
    "metadata:\n  Name: x\n",
    "metadata:\n  name: 12\n  annotations: null\n",
    "metadata:\n  annotations:\n    a: null\n",
    "metadata:\n  annotations: [a]\n",
    "x: .nan\nkind: A\n",
    "x: 123456789012345678901234567890\nkind: A\n",
    "x: {a: [1, 2.5, true, null, ~], b: {c: d}}\nkind: A\nmetadata: {name: n, annotations: {b: c}, labels: {x: y}}\n",
    "\u212Aind: A\n",
    'kind: "\\udc80"\n',
    "",
    "# only a comment\n",
    "- a\n",
    "kind: A\nmetadata: [1]\n",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template: {}\n",
    "kind: A\nspec:\n  a: [1, {b: .inf}]\n",
    "kind: A\nspec:\n  big: 18446744073709551615\n  neg: -9223372036854775808\n",
    "# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 'a'\n" +
    '  annotations:\n    "helm.sh/hook": "pre-install"\n    w: |\n      x\ndata:\n  k: |-\n    a\n    b\n  n: "1"\n',
    "kind: A\nmetadata:\n  name: a\n  annotations:\n    x: 2001-12-14\n",
    "kind: A\nmetadata:\n  name: a\n  annotations:\n    x: yes\n",
    "kind: A\nmetadata:\n  name: a\n  name: b\n",
    "kind: A\nmetadata:\n  name: a\n  annotations:\n    x: &a 1\n",
    "kind: A\nmetadata:\n  name: [\n",
    "kind: A\n\tx: 1\n",
    "---\nkind: A\nmetadata:\n  name: ~\n",
    "kind: A\nspec:\n  - a\n  -b\n",
  ];
  const run = (d: string, exactOnly: boolean) => {
    try {
      return parseHead(d, { exactOnly });
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  for (const d of docs) assert.deepEqual(run(d, false), run(d, true), d);
});
