import assert from "node:assert/strict";
import {
  archiveChart,
  chartTar,
  marshalChartYaml,
  marshalLock,
  saveChart,
  validateChartName,
} from "./save.ts";
import { loadArchive, loadChart } from "./loader.ts";
import { loadArchiveFiles } from "./archive.ts";
import type { Chart } from "./types.ts";

const FIXTURES = new URL("../../fixtures/charts/", import.meta.url).pathname;

function tinyChart(name = "tiny", extra: Partial<Chart> = {}): Chart {
  return {
    metadata: { apiVersion: "v2", name, version: "1.0.0" },
    templates: [{ name: "templates/a.yaml", data: new TextEncoder().encode("a: 1\n") }],
    values: {},
    files: [],
    dependencies: [],
    raw: [],
    ...extra,
  };
}

Deno.test("marshalChartYaml: sorted keys, empty fields left out, dependencies with name and repository", () => {
  const text = marshalChartYaml({
    apiVersion: "v2",
    name: "x",
    version: "1.0.0",
    description: "yes: no",
    keywords: [],
    deprecated: false,
    annotations: { b: "1", a: "true" },
    maintainers: [{ name: "Ada", email: "" }],
    dependencies: [{ name: "dep", version: "~1", tags: ["t"], enabled: false }],
  });
  assert.equal(
    text,
    'annotations:\n  a: "true"\n  b: "1"\napiVersion: v2\ndependencies:\n- name: dep\n  repository: ""\n  tags:\n  - t\n' +
      "  version: ~1\ndescription: 'yes: no'\nmaintainers:\n- name: Ada\nname: x\nversion: 1.0.0\n",
  );
});

Deno.test("marshalChartYaml leaves v1 dependencies to requirements.yaml", () => {
  const text = marshalChartYaml({
    apiVersion: "v1",
    name: "x",
    version: "1.0.0",
    dependencies: [{ name: "d" }],
  });
  assert.equal(text, "apiVersion: v1\nname: x\nversion: 1.0.0\n");
});

Deno.test("marshalLock writes helm's Chart.lock", () => {
  const text = marshalLock({
    generated: "2024-01-02T03:04:05.5Z",
    digest: "sha256:ab",
    dependencies: [{ name: "a", repository: "file://../a", version: "1.0.0" }],
  });
  assert.equal(
    text,
    'dependencies:\n- name: a\n  repository: file://../a\n  version: 1.0.0\ndigest: sha256:ab\ngenerated: "2024-01-02T03:04:05.5Z"\n',
  );
});

Deno.test("validateChartName refuses names with path segments", () => {
  validateChartName("ok-name");
  assert.throws(() => validateChartName("../evil"), { message: '"../evil" is not a valid chart name' });
  assert.throws(() => validateChartName("a/b"), { message: '"a/b" is not a valid chart name' });
});

Deno.test("archiveChart refuses a subchart whose name has path segments", () => {
  const c = tinyChart("parent", { dependencies: [tinyChart("../escape")] });
  assert.throws(() => archiveChart(c), { message: '"../escape" is not a valid chart name' });
});

Deno.test("archiveChart refuses an invalid values.schema.json, as helm does", () => {
  const c = tinyChart("s", { schema: new TextEncoder().encode('{"type": "object",}') });
  assert.throws(() => archiveChart(c), { message: "invalid JSON in values.schema.json" });
});

Deno.test("archiveChart: an archive loads back to the same chart", async () => {
  const c = await loadChart(`${FIXTURES}umbrella`);
  const back = await loadArchive(archiveChart(c));
  assert.equal(back.metadata.name, "umbrella");
  assert.deepEqual(back.dependencies.map((d) => d.metadata.name).sort(), [
    "backend",
    "common",
    "metrics",
    "worker",
  ]);
  assert.deepEqual(back.values, c.values);
});

Deno.test("sourceDateEpoch stamps every entry and makes archives independent of file times", async () => {
  const c1 = await loadChart(`${FIXTURES}webapp`);
  const c2 = await loadChart(`${FIXTURES}webapp`);
  for (const f of [...c2.templates, ...(c2.raw ?? [])]) f.modTime = new Date(0);
  c2.modTime = new Date(123456789);
  const a1 = archiveChart(c1, { sourceDateEpoch: 1700000000 });
  const a2 = archiveChart(c2, { sourceDateEpoch: 1700000000 });
  assert.deepEqual(a1, a2);
  const files = await loadArchiveFiles(a1);
  assert.ok(files.every((f) => f.modTime?.getTime() === 1700000000_000));
});

Deno.test("files without a modification time get the current time", () => {
  const c = tinyChart();
  const tar = chartTar(c, { now: () => new Date(42_000) });
  // The mtime field of the first header (octal, offset 136).
  const mtime = new TextDecoder().decode(tar[0].subarray(136, 147));
  assert.equal(parseInt(mtime, 8), 42);
});

Deno.test("saveChart writes NAME-VERSION.tgz, creating the destination", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const p = await saveChart(tinyChart(), `${dir}/a/b`, { sourceDateEpoch: 0 });
    assert.equal(p, `${dir}/a/b/tiny-1.0.0.tgz`);
    const back = await loadArchive(await Deno.readFile(p));
    assert.equal(back.metadata.name, "tiny");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("saveChart: bad destinations fail with helm's errors and write nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/file`, "x");
    await assert.rejects(() => saveChart(tinyChart(), `${dir}/file`), {
      message: `is not a directory: ${dir}/file`,
    });
    await assert.rejects(() => saveChart(tinyChart(), "/dev/null/sub"), {
      message: "stat /dev/null/sub: not a directory",
    });
    await assert.rejects(
      () => saveChart(tinyChart("x", { metadata: { apiVersion: "v2", name: "x", version: "" } }), dir),
      { message: "chart validation: validation: chart.metadata.version is required" },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("saveChart removes its archive when writing fails (as helm's rollback)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const c = tinyChart("s", { schema: new TextEncoder().encode("{") });
    await assert.rejects(() => saveChart(c, dir), { message: "invalid JSON in values.schema.json" });
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
