import assert from "node:assert/strict";
import {
  getChartVersion,
  isVersionRange,
  loadIndex,
  marshalIndexJson,
  marshalIndexYaml,
  mergeIndex,
  newIndexFile,
  pickVersion,
  resolveReferenceURL,
  urlJoin,
} from "./index_file.ts";
import type { LogLevel } from "../log/slog.ts";

function collect() {
  const lines: string[] = [];
  return { lines, log: (level: LogLevel, msg: string) => lines.push(`${level} ${msg}`) };
}

const INDEX = `apiVersion: v1
entries:
  app:
  - name: app
    version: 1.0.0
    urls: [app-1.0.0.tgz]
  - name: app
    version: 1.10.0
    urls: [https://cdn.example.com/app-1.10.0.tgz]
  - name: app
    version: 2.0.0-beta.1
    urls: [app-2.0.0-beta.1.tgz]
  - name: app
    version: 1.2.0
    urls: [sub/app-1.2.0.tgz]
generated: "2020-01-01T00:00:00Z"
`;

Deno.test("loadIndex sorts versions newest first, pre-releases by semver", () => {
  const i = loadIndex(INDEX, "test");
  assert.deepEqual(i.entries.app.map((v) => v.version), ["2.0.0-beta.1", "1.10.0", "1.2.0", "1.0.0"]);
  assert.equal(i.entries.app[0].apiVersion, "v1");
});

Deno.test("loadIndex refuses empty files, a missing apiVersion and duplicate keys with helm's errors", () => {
  assert.throws(() => loadIndex("", "x"), { message: "empty index.yaml file" });
  assert.throws(() => loadIndex("entries: {}\n", "x"), { message: "no API version specified" });
  assert.throws(
    () => loadIndex("apiVersion: v1\nentries:\n  a: []\n  a: []\n", "x"),
    {
      message: 'error converting YAML to JSON: yaml: unmarshal errors:\n  line 4: key "a" already set in map',
    },
  );
  assert.throws(() => loadIndex("apiVersion: v1\nentries: [\n", "x"), /yaml: line/);
});

Deno.test("loadIndex skips entries with missing fields, warning as helm does (from the end of the list)", () => {
  const c = collect();
  const i = loadIndex(
    "apiVersion: v1\nentries:\n  bad:\n  - name: bad\n    urls: [x]\n  - version: 1.0.0\n  -\n  - name: bad\n    version: 1.0.0\n",
    "http://repo",
    c.log,
  );
  assert.deepEqual(i.entries.bad.map((v) => v.version), ["1.0.0"]);
  assert.deepEqual(c.lines, [
    'WARN skipping loading invalid entry for chart "bad" from http://repo: empty entry',
    'WARN skipping loading invalid entry for chart "bad" "1.0.0" from http://repo: validation: chart.metadata.name is required',
    'WARN skipping loading invalid entry for chart "bad" "" from http://repo: validation: chart.metadata.version is required',
  ]);
});

Deno.test("loadIndex reads JSON indexes too", () => {
  const i = loadIndex(
    JSON.stringify({ apiVersion: "v1", entries: { a: [{ name: "a", version: "0.1.0", urls: ["a.tgz"] }] } }),
    "x",
  );
  assert.equal(i.entries.a[0].urls[0], "a.tgz");
});

Deno.test("getChartVersion: exact text first, then the newest version meeting the constraint", () => {
  const i = loadIndex(INDEX, "test");
  assert.equal(getChartVersion(i, "app", "").version, "1.10.0");
  assert.equal(getChartVersion(i, "app", "~1.2").version, "1.2.0");
  assert.equal(getChartVersion(i, "app", ">0.0.0-0").version, "2.0.0-beta.1");
  assert.throws(() => getChartVersion(i, "nope", ""), { message: "no chart name found" });
  assert.throws(() => getChartVersion(i, "app", "9.x"), { message: "no chart version found for app-9.x" });
  // As helm's Get: the text must parse as a constraint before an exact match is looked for.
  assert.throws(() => pickVersion([{ version: "bad" }], "bad"), /improper constraint: "bad"/);
  assert.equal(pickVersion([{ version: "1.0.0" }, { version: "1.0" }], "1.0")?.version, "1.0");
});

Deno.test("isVersionRange as helm tells ranges from versions", () => {
  for (const r of ["^1", "~1.2", ">=1", "1.x", "1.2.X", "1 - 2", "1 || 2", "*"]) {
    assert.ok(isVersionRange(r), r);
  }
  for (const v of ["1.2.3", "1.2.3-rc.1+x", "1.0.0-xyz"]) assert.ok(!isVersionRange(v), v);
});

Deno.test("chart URLs: relative ones resolve below the repository path, absolute ones stay", () => {
  assert.equal(resolveReferenceURL("http://h:1/charts", "a-1.tgz"), "http://h:1/charts/a-1.tgz");
  assert.equal(resolveReferenceURL("http://h:1/charts/", "sub/a-1.tgz"), "http://h:1/charts/sub/a-1.tgz");
  assert.equal(resolveReferenceURL("http://h/c?token=1", "a.tgz"), "http://h/c/a.tgz?token=1");
  assert.equal(resolveReferenceURL("http://h/c", "https://cdn/x.tgz"), "https://cdn/x.tgz");
  assert.equal(resolveReferenceURL("http://h/c", "/abs/x.tgz"), "http://h/abs/x.tgz");
  assert.equal(urlJoin("", ""), "");
  assert.equal(urlJoin("", "sub"), "sub");
  assert.equal(urlJoin("http://x/repo", "sub", "a.tgz"), "http://x/repo/sub/a.tgz");
  assert.equal(urlJoin("http://x", "a.tgz"), "http://x/a.tgz");
});

Deno.test("mergeIndex adds only the versions missing; YAML and JSON texts keep helm's layout", () => {
  const a = newIndexFile(new Date(0));
  a.entries.x = [{
    apiVersion: "v2",
    name: "x",
    version: "1.0.0",
    urls: ["x-1.0.0.tgz"],
    created: "2020-01-01T00:00:00Z",
  }];
  const b = newIndexFile(new Date(0));
  b.entries.x = [
    { apiVersion: "v2", name: "x", version: "1.0.0", urls: ["other.tgz"], created: "2020-01-01T00:00:00Z" },
    { apiVersion: "v2", name: "x", version: "0.9.0", urls: ["x-0.9.0.tgz"], created: "2020-01-01T00:00:00Z" },
  ];
  mergeIndex(a, b);
  assert.deepEqual(a.entries.x.map((v) => v.urls[0]), ["x-1.0.0.tgz", "x-0.9.0.tgz"]);
  a.generated = "2020-01-01T00:00:00Z";
  a.entries.x.pop();
  assert.equal(
    marshalIndexYaml(a),
    'apiVersion: v1\nentries:\n  x:\n  - apiVersion: v2\n    created: "2020-01-01T00:00:00Z"\n    name: x\n    urls:\n    - x-1.0.0.tgz\n    version: 1.0.0\ngenerated: "2020-01-01T00:00:00Z"\n',
  );
  assert.equal(
    marshalIndexJson(a),
    '{\n  "apiVersion": "v1",\n  "generated": "2020-01-01T00:00:00Z",\n  "entries": {\n    "x": [\n      {\n        "name": "x",\n        "version": "1.0.0",\n        "apiVersion": "v2",\n        "urls": [\n          "x-1.0.0.tgz"\n        ],\n        "created": "2020-01-01T00:00:00Z"\n      }\n    ]\n  }\n}',
  );
});
