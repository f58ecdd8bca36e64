import assert from "node:assert/strict";
import { collectLog } from "../log/slog.ts";
import { chartFullPath, chartPath, crdObjects, isRoot, rootChart } from "./chart.ts";
import { ChartLoadError, ChartValidationError } from "./errors.ts";
import { loadArchive, loadChart, loadChartV2, loadDir, loadFiles } from "./loader.ts";
import type { Chart } from "./types.ts";
import { chartYaml, tgz, type Tree, withTempDir, writeTree } from "./test_helpers.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const T = "templates/x.yaml";

async function loadTree(tree: Tree, f = loadChartV2): Promise<Chart> {
  return await withTempDir(async (dir) => {
    await writeTree(`${dir}/c`, tree);
    return await f(`${dir}/c`);
  });
}

/** The error message of loading a tree, with the temp dir replaced by `DIR`. */
async function treeError(tree: Tree, f = loadChartV2): Promise<string> {
  return await withTempDir(async (dir) => {
    await writeTree(`${dir}/c`, tree);
    try {
      await f(`${dir}/c`);
    } catch (e) {
      assert.ok(e instanceof ChartLoadError, `not a ChartLoadError: ${e}`);
      return e.message.replaceAll(dir, "DIR");
    }
    assert.fail("loaded");
  });
}

const names = (files: { name: string }[]) => files.map((f) => f.name);

Deno.test("loadDir: a chart directory, its parts sorted into place", async () => {
  const c = await loadTree({
    "Chart.yaml": chartYaml("mychart", "appVersion: 1.0\n"),
    "values.yaml": "replicas: 2\n",
    "values.schema.json": "{}",
    "Chart.lock":
      "generated: 2024-01-02T03:04:05.5+02:00\ndigest: sha256:x\ndependencies:\n- name: x\n  version: 1.0.0\n  repository: r\n",
    "templates/b.yaml": "b",
    "templates/a.yaml": "a",
    "templates/_helpers.tpl": "h",
    "crds/crd.yaml": "kind: CustomResourceDefinition",
    "README.md": "hi",
  });
  assert.deepEqual(c.metadata, { apiVersion: "v2", name: "mychart", version: "0.1.0", appVersion: "1" });
  assert.deepEqual(c.values, { replicas: 2 });
  assert.equal(dec.decode(c.schema), "{}");
  assert.deepEqual(c.lock, {
    generated: "2024-01-02T03:04:05.5+02:00",
    digest: "sha256:x",
    dependencies: [{ name: "x", version: "1.0.0", repository: "r" }],
  });
  assert.deepEqual(names(c.templates), ["templates/_helpers.tpl", "templates/a.yaml", "templates/b.yaml"]);
  assert.deepEqual(names(c.files), ["README.md", "crds/crd.yaml"]);
  assert.deepEqual(names(c.raw!), [
    "Chart.lock",
    "Chart.yaml",
    "README.md",
    "crds/crd.yaml",
    "templates/_helpers.tpl",
    "templates/a.yaml",
    "templates/b.yaml",
    "values.schema.json",
    "values.yaml",
  ]);
  assert.ok(c.modTime instanceof Date);
  assert.ok(isRoot(c));
  assert.deepEqual(crdObjects(c).map((x) => x.filename), ["mychart/crds/crd.yaml"]);
});

Deno.test("loadDir: values.yaml documents are merged; a BOM is stripped", async () => {
  const c = await loadTree({
    "Chart.yaml": "\ufeff" + chartYaml("a"),
    "values.yaml": "\ufeffa: {b: 1, c: 2}\n---\na: {b: 3}\nd: 4\n--- # c\n\n---\n",
  });
  assert.deepEqual(c.values, { a: { b: 3, c: 2 }, d: 4 });
  assert.equal(dec.decode(c.raw!.find((f) => f.name === "values.yaml")!.data).charCodeAt(0), 0x61);
});

Deno.test("loadDir: Chart.yaml is decoded as Go decodes it into chart.Metadata", async () => {
  const c = await loadTree({
    "Chart.yaml":
      "APIVERSION: v2\nName: cf\nVERSION: 1.10\nkeywords: [a, 1]\nannotations: {a: 1, b: true}\n" +
      'unknown: x\ndescription: "x\\ty\\u00adz"\n',
  });
  assert.deepEqual(c.metadata, {
    apiVersion: "v2",
    name: "cf",
    version: "1.1",
    keywords: ["a", "1"],
    annotations: { a: "1", b: "true" },
    description: "x yz",
  });
});

Deno.test("loadDir: helm's validation messages", async () => {
  const cases: [string, string][] = [
    ["apiVersion: v2\nversion: 1.0.0\n", "validation: chart.metadata.name is required"],
    ["", "validation: chart.metadata.name is required"],
    ["apiVersion: v2\nname: a\n", "validation: chart.metadata.version is required"],
    ["apiVersion: v2\nname: a\nversion: 1.x\n", 'validation: chart.metadata.version "1.x" is invalid'],
    ["apiVersion: v2\nname: '.'\nversion: 1.0.0\n", 'validation: chart.metadata.name "." is not allowed'],
    ["apiVersion: v2\nname: a/b\nversion: 1.0.0\n", 'validation: chart.metadata.name "a/b" is invalid'],
    [
      "apiVersion: v2\nname: a\nversion: 1.0.0\ntype: foo\n",
      "validation: chart.metadata.type must be application or library",
    ],
    [
      "apiVersion: v2\nname: a\nversion: 1.0.0\nmaintainers: [~]\n",
      "validation: maintainers must not contain empty or null nodes",
    ],
    [
      "apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies: [~]\n",
      "validation: dependencies must not contain empty or null nodes",
    ],
    [
      "apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: x\n  alias: a.b\n",
      'validation: dependency "x" has disallowed characters in the alias',
    ],
    [
      "apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: x\n- name: y\n  alias: x\n",
      'validation: more than one dependency with name or alias "x"',
    ],
    [
      "name: [\n",
      "cannot load Chart.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content",
    ],
    [
      "- a\n",
      "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type v2.Metadata",
    ],
  ];
  for (const [chart, message] of cases) {
    assert.equal(await treeError({ "Chart.yaml": chart }), message, chart);
  }
  await assert.rejects(
    () => loadTree({ "Chart.yaml": "apiVersion: v2\nversion: 1.0.0\n" }),
    ChartValidationError,
  );
  // Without apiVersion a chart is v1.
  assert.equal((await loadTree({ "Chart.yaml": "name: a\nversion: 1.0.0\n" })).metadata.apiVersion, "v1");
});

Deno.test("loadDir: values, lock and requirements errors", async () => {
  const C = chartYaml("a");
  assert.equal(
    await treeError({ "Chart.yaml": C, "values.yaml": "a: 1\n--- x\n" }),
    "cannot load values.yaml: error reading yaml document: invalid Yaml document separator: x",
  );
  assert.equal(
    await treeError({ "Chart.yaml": C, "values.yaml": "- 1\n" }),
    "cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: " +
      "json: cannot unmarshal array into Go value of type map[string]interface {}",
  );
  assert.equal(
    await treeError({ "Chart.yaml": C, "Chart.lock": "generated: yesterday\n" }),
    'cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time "yesterday" as ' +
      '"2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
  );
  assert.equal(
    await treeError({ "Chart.yaml": C, "Chart.lock": "generated: 5\n" }),
    "cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: Time.UnmarshalJSON: input is not a JSON string",
  );
  assert.equal((await loadTree({ "Chart.yaml": C, "Chart.lock": "" })).lock, undefined);
});

Deno.test("loadDir: v1 requirements.yaml and requirements.lock", async () => {
  const v1 = "apiVersion: v1\nname: a\nversion: 0.1.0\n";
  const c = await loadTree({
    "Chart.yaml": v1 + "dependencies:\n- name: x\n  version: 1.0.0\n  alias: al\n  tags: [a]\n- name: y\n",
    "requirements.yaml": "dependencies:\n- repository: r\n  tags: [b]\n",
    "requirements.lock": "digest: d\n",
  });
  // Decoded into the existing metadata, as Go does: the first entry keeps its fields.
  assert.deepEqual(c.metadata.dependencies, [{
    name: "x",
    version: "1.0.0",
    alias: "al",
    tags: ["b"],
    repository: "r",
  }]);
  assert.equal(c.lock?.digest, "d");
  assert.equal(c.lock?.generated, "0001-01-01T00:00:00Z");
  assert.deepEqual(names(c.files), ["requirements.lock", "requirements.yaml"]);

  // In v2 charts they still apply, with a warning, and are not files.
  const lines: string[] = [];
  const v2 = await withTempDir(async (dir) => {
    await writeTree(`${dir}/c`, {
      "Chart.yaml": chartYaml("a"),
      "requirements.yaml": "dependencies:\n- name: x\n",
    });
    return await loadChartV2(`${dir}/c`, { log: collectLog(lines) });
  });
  assert.deepEqual(v2.metadata.dependencies, [{ name: "x" }]);
  assert.deepEqual(v2.files, []);
  assert.deepEqual(lines, [
    'level=INFO msg="Warning: Dependencies are handled in Chart.yaml since apiVersion \\"v2\\". ' +
    'We recommend migrating dependencies to Chart.yaml."\n',
  ]);
  // v3 charts ignore them.
  const v3 = await loadTree({
    "Chart.yaml": "apiVersion: v3\nname: a\nversion: 1.0.0\n",
    "requirements.yaml": "x: 1",
  }, loadChart);
  assert.deepEqual(names(v3.files), ["requirements.yaml"]);
});

Deno.test("loadDir: .helmignore", async () => {
  const c = await loadTree({
    "Chart.yaml": chartYaml("a"),
    ".helmignore": "# comment\n*.txt\nsecret/\n/top.md\n",
    "a.txt": "x",
    "d/b.txt": "x",
    "secret/x": "x",
    "top.md": "x",
    "d/top.md": "x",
    "templates/.hidden": "x",
    [T]: "a: 1",
  });
  assert.deepEqual(names(c.raw!), [".helmignore", "Chart.yaml", "d/top.md", T]);
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), ".helmignore": "a/**/b\n" }),
    "double-star (**) syntax is not supported",
  );
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), ".helmignore": "a[\n" }),
    "syntax error in pattern",
  );
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), ".helmignore": "Chart.yaml\n" }),
    "Chart.yaml file is missing",
  );
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), ".helmignore": { dir: true } }),
    "read DIR/c/.helmignore: is a directory",
  );
});

Deno.test("loadDir: symbolic links are followed and logged; broken ones refused", async () => {
  await withTempDir(async (dir) => {
    await writeTree(`${dir}/c`, {
      "Chart.yaml": chartYaml("a"),
      "templates": { symlink: "tpl" },
      "tpl/x.yaml": "a: 1",
      "l.yaml": { symlink: "tpl/x.yaml" },
    });
    const lines: string[] = [];
    const c = await loadDir(`${dir}/c`, { log: collectLog(lines) });
    assert.deepEqual(names(c.templates), ["templates/x.yaml"]);
    assert.deepEqual(names(c.files), ["l.yaml", "tpl/x.yaml"]);
    assert.deepEqual(lines, [
      `level=INFO msg="found symbolic link in path. Contents of linked file included and used" path=${dir}/c/l.yaml resolved=${dir}/c/tpl/x.yaml\n`,
      `level=INFO msg="found symbolic link in path. Contents of linked file included and used" path=${dir}/c/templates resolved=${dir}/c/tpl\n`,
    ]);
  });
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), "x": { symlink: "nope" } }),
    "error evaluating symlink DIR/c/x: lstat DIR/c/nope: no such file or directory",
  );
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), "f": "x", "x": { symlink: "f/g" } }),
    "error evaluating symlink DIR/c/x: not a directory",
  );
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), "x": { symlink: "y" }, "y": { symlink: "x" } }),
    "error evaluating symlink DIR/c/x: EvalSymlinks: too many links",
  );
  // A link to an ancestor recurses until the path is too long, as in helm.
  const loop = await treeError({ "Chart.yaml": chartYaml("a"), "l": { symlink: ".." } });
  assert.match(
    loop,
    /^open DIR\/c\/l\/c\/l\/c\/l\/.*: (file name too long|too many levels of symbolic links)$/,
  );
});

Deno.test("loadDir: irregular and oversized files are refused", async () => {
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), "f": { fifo: true } }),
    "cannot load irregular file DIR/c/f as it has file mode type bits set",
  );
  // Ignored first, so not refused.
  await loadTree({ "Chart.yaml": chartYaml("a"), "f": { fifo: true }, ".helmignore": "f\n" });
  assert.equal(
    await treeError({ "Chart.yaml": chartYaml("a"), "big.bin": new Uint8Array(5 * 1024 * 1024 + 1) }),
    'chart file "big.bin" is larger than the maximum file size 5242880',
  );
  await loadTree({ "Chart.yaml": chartYaml("a"), "big.bin": new Uint8Array(5 * 1024 * 1024) });
});

Deno.test("loadDir: subcharts from charts/ (directories and archives), recursively", async () => {
  const sub = await tgz([{ name: "s2/Chart.yaml", data: chartYaml("s2") }, {
    name: "s2/values.yaml",
    data: "x: 1\n",
  }]);
  const c = await loadTree({
    "Chart.yaml": chartYaml("p"),
    "charts/s/Chart.yaml": chartYaml("s"),
    "charts/s/templates/x.yaml": "a: 1",
    "charts/s/charts/t/Chart.yaml": chartYaml("t"),
    "charts/s/charts/t/crds/c.yaml": "kind: CRD",
    "charts/s/x.prov": "p",
    "charts/s2-1.0.0.tgz": sub,
    "charts/s2-1.0.0.tgz.prov": "sig",
    "charts/_x/Chart.yaml": "bad",
    "charts/.y/z": "x",
  });
  assert.deepEqual(c.dependencies.map((d) => d.metadata.name), ["s", "s2"]);
  // .prov files stay with the parent, wherever they are under charts/.
  assert.deepEqual(names(c.files), ["charts/s/x.prov", "charts/s2-1.0.0.tgz.prov"]);
  const [s, s2] = c.dependencies;
  assert.deepEqual(s2.values, { x: 1 });
  const t = s.dependencies[0];
  assert.equal(chartFullPath(t), "p/charts/s/charts/t");
  assert.equal(chartPath(t), "p.s.t");
  assert.equal(rootChart(t), c);
  assert.equal(t.parent, s);
  assert.deepEqual(crdObjects(c).map((x) => x.filename), ["p/charts/s/charts/t/crds/c.yaml"]);
  // The parent link does not show up in JSON or key listings.
  assert.ok(!Object.keys(s).includes("parent"));
  JSON.stringify(c, (_k, v) => v instanceof Uint8Array ? null : v);
});

Deno.test("loadDir: subchart errors are wrapped as helm wraps them", async () => {
  const C = chartYaml("p");
  const cases: [Tree, string][] = [
    [{ "charts/README.md": "x" }, "error unpacking subchart README.md in p: Chart.yaml file is missing"],
    [
      { "charts/s/Chart.yaml": "apiVersion: v2\nname: s\n" },
      "error unpacking subchart s in p: validation: chart.metadata.version is required",
    ],
    [
      { "charts/s/Chart.yaml": chartYaml("s"), "charts/s/charts/t/Chart.yaml": "name: [" },
      "error unpacking subchart s in p: error unpacking subchart t in s: cannot load Chart.yaml: " +
      "error converting YAML to JSON: yaml: line 1: did not find expected node content",
    ],
    [
      { "charts/s.tgz/Chart.yaml": chartYaml("s") },
      "error unpacking subchart tar in p: expected s.tgz, got s.tgz/Chart.yaml",
    ],
    [{ "charts/s.tgz": "" }, "error unpacking subchart s.tgz in p: EOF"],
    [{ "charts/s.tgz": "hello" }, "error unpacking subchart s.tgz in p: unexpected EOF"],
    [
      { "charts/s.tgz": new Uint8Array([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 0, 0]) },
      "error unpacking subchart s.tgz in p: gzip: invalid header",
    ],
  ];
  for (const [tree, message] of cases) assert.equal(await treeError({ "Chart.yaml": C, ...tree }), message);
});

Deno.test("loadChart / loadChartV2: entry points and their different errors", async () => {
  await withTempDir(async (dir) => {
    const trunc = (await tgz([{ name: "c/Chart.yaml", data: chartYaml("c") }])).slice(0, 30);
    await Deno.writeFile(`${dir}/trunc.tgz`, trunc);
    await assert.rejects(() => loadChart(`${dir}/trunc.tgz`), { message: "unable to load chart archive" });
    await assert.rejects(() => loadChartV2(`${dir}/trunc.tgz`), { message: "unexpected EOF" });

    await Deno.writeFile(`${dir}/hdr.tgz`, new Uint8Array([0x1f, 0x8b, 8, 0x02, 0, 0, 0, 0, 0, 0, 0, 0]));
    for (const f of [loadChart, loadChartV2]) {
      await assert.rejects(() => f(`${dir}/hdr.tgz`), {
        message:
          `file '${dir}/hdr.tgz' does not appear to be a valid chart file (details: gzip: invalid header)`,
      });
    }
    // A bad subchart header anywhere is reported the same way for archives.
    await Deno.writeFile(
      `${dir}/p.tgz`,
      await tgz([{ name: "p/Chart.yaml", data: chartYaml("p") }, {
        name: "p/charts/s.tgz",
        data: new Uint8Array([0x1f, 0x8b, 9, 0, 0, 0, 0, 0, 0, 0]),
      }]),
    );
    await assert.rejects(() => loadChartV2(`${dir}/p.tgz`), {
      message:
        `file '${dir}/p.tgz' does not appear to be a valid chart file (details: error unpacking subchart s.tgz in p: gzip: invalid header)`,
    });

    await Deno.writeFile(`${dir}/nochart.tgz`, await tgz([{ name: "c/values.yaml", data: "a: 1" }]));
    await assert.rejects(() => loadChart(`${dir}/nochart.tgz`), {
      message: "unable to detect chart version, no Chart.yaml found",
    });
    await assert.rejects(() => loadChartV2(`${dir}/nochart.tgz`), { message: "Chart.yaml file is missing" });

    await Deno.writeTextFile(`${dir}/values.yaml`, "a: 1\n");
    await assert.rejects(() => loadChart(`${dir}/values.yaml`), {
      message: `file '${dir}/values.yaml' seems to be a YAML file, but expected a gzipped archive`,
    });

    await assert.rejects(() => loadChart(`${dir}/nope`), {
      message: `stat ${dir}/nope: no such file or directory`,
    });

    await Deno.mkdir(`${dir}/empty`);
    await assert.rejects(() => loadChart(`${dir}/empty`), {
      message:
        `unable to detect chart at ${dir}/empty/Chart.yaml: open ${dir}/empty/Chart.yaml: no such file or directory`,
    });
    await assert.rejects(() => loadChartV2(`${dir}/empty`), { message: "Chart.yaml file is missing" });

    await writeTree(`${dir}/v9`, { "Chart.yaml": "apiVersion: v9\nname: a\nversion: 1.0.0\n" });
    await assert.rejects(() => loadChart(`${dir}/v9`), { message: "unsupported chart version" });
    assert.equal((await loadChartV2(`${dir}/v9`)).metadata.apiVersion, "v9");

    await writeTree(`${dir}/v3`, { "Chart.yaml": "apiVersion: v3\nname: a\nversion: 1.0.0\n" });
    assert.equal((await loadChart(`${dir}/v3`)).metadata.apiVersion, "v3");
  });
});

Deno.test("loadArchive: a stream, with helm's SDK wording of errors", async () => {
  const c = await loadArchive(
    await tgz([{ name: "c/Chart.yaml", data: chartYaml("c") }, { name: "c/" + T, data: "a: 1" }]),
  );
  assert.deepEqual(names(c.templates), [T]);
  await assert.rejects(() => loadArchive(enc.encode("not gzip at all")), {
    message: "stream does not appear to be a valid chart file (details: gzip: invalid header)",
  });
  const evil = await tgz([{ name: "c/../x", data: "x" }]);
  await assert.rejects(() => loadArchive(evil), {
    message: "unable to load chart archive: chart illegally references parent directory",
  });
});

Deno.test("loadFiles: later Chart.yaml entries decode into the same metadata", async () => {
  const c = await loadFiles([
    { name: "Chart.yaml", data: enc.encode(chartYaml("c", "description: one\n")) },
    { name: "Chart.yaml", data: enc.encode("name: d\nkeywords: [k]\n") },
  ]);
  assert.deepEqual(c.metadata, {
    apiVersion: "v2",
    name: "d",
    version: "0.1.0",
    description: "one",
    keywords: ["k"],
  });
});
