import assert from "node:assert/strict";
import { ChartLoadError } from "./errors.ts";
import {
  createChart,
  createFromStarter,
  defaultChartFiles,
  fillChartNameBytes,
  validateNewChartName,
} from "./create.ts";
import { starterMetadata } from "../action/create.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir());
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function write(path: string, text: string): Promise<void> {
  await Deno.mkdir(path.replace(/\/[^/]*$/, ""), { recursive: true });
  await Deno.writeTextFile(path, text);
}

Deno.test("new chart names follow helm's rule", () => {
  for (const ok of ["web", "a.b_c-1", ".", "x".repeat(250)]) validateNewChartName(ok);
  assert.throws(() => validateNewChartName(""), {
    message: "chart name must be between 1 and 250 characters",
  });
  assert.throws(() => validateNewChartName("x".repeat(251)), ChartLoadError);
  assert.throws(() => validateNewChartName("my chart"), {
    message: 'chart name must match the regular expression "^[a-zA-Z0-9._-]+$"',
  });
  assert.throws(() => validateNewChartName("a/b"), ChartLoadError);
});

Deno.test("the placeholder is replaced byte for byte, other bytes kept", () => {
  const data = new Uint8Array([
    0xff,
    ...enc.encode("<CHARTNAME>-<CHARTNAME"),
    0xfe,
    ...enc.encode("<CHARTNAME>"),
  ]);
  const out = fillChartNameBytes(data, "web");
  assert.deepEqual(out, new Uint8Array([0xff, ...enc.encode("web-<CHARTNAME"), 0xfe, ...enc.encode("web")]));
  const plain = enc.encode("nothing to do");
  assert.equal(fillChartNameBytes(plain, "web"), plain);
});

Deno.test("createChart writes the default chart and an empty charts/ directory", async () => {
  await withTempDir(async (dir) => {
    const warnings: string[] = [];
    const cdir = await createChart("web", dir, (l) => warnings.push(l));
    assert.equal(cdir, `${dir}/web`);
    assert.deepEqual(warnings, []);
    for (const f of defaultChartFiles("web")) {
      assert.equal(await Deno.readTextFile(`${cdir}/${f.path}`), f.content);
    }
    assert.ok((await Deno.stat(`${cdir}/charts`)).isDirectory);
    assert.equal((await Deno.stat(`${cdir}/Chart.yaml`)).mode! & 0o777, 0o644);
  });
});

Deno.test("createChart overwrites existing files with a warning and leaves others alone", async () => {
  await withTempDir(async (dir) => {
    await write(`${dir}/web/Chart.yaml`, "old");
    await write(`${dir}/web/mine.txt`, "keep");
    const warnings: string[] = [];
    await createChart("web", dir, (l) => warnings.push(l));
    assert.deepEqual(warnings, [`WARNING: File "${dir}/web/Chart.yaml" already exists. Overwriting.\n`]);
    assert.equal(await Deno.readTextFile(`${dir}/web/mine.txt`), "keep");
    assert.ok((await Deno.readTextFile(`${dir}/web/Chart.yaml`)).includes("name: web"));
  });
});

Deno.test("createChart fails as helm does on bad destinations", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(() => createChart("web", `${dir}/missing`), {
      message: `stat ${dir}/missing: no such file or directory`,
    });
    await write(`${dir}/file`, "x");
    await assert.rejects(() => createChart("web", `${dir}/file`), {
      message: `no such directory ${dir}/file`,
    });
    await assert.rejects(() => createChart("file", dir), {
      message: `file ${dir}/file already exists and is not a directory`,
    });
    await Deno.mkdir(`${dir}/c/Chart.yaml`, { recursive: true });
    await assert.rejects(() => createChart("c", dir), {
      message: `open ${dir}/c/Chart.yaml: is a directory`,
    });
    await write(`${dir}/d/templates`, "x");
    await assert.rejects(() => createChart("d", dir), {
      message: `mkdir ${dir}/d/templates: not a directory`,
    });
    await assert.rejects(() => createChart("bad name", dir), ChartLoadError);
  });
});

Deno.test("createFromStarter fills in the name in templates and values.yaml only", async () => {
  await withTempDir(async (dir) => {
    const src = `${dir}/starter`;
    await write(`${src}/Chart.yaml`, "apiVersion: v2\nname: starter\nversion: 9.9.9\n");
    await write(`${src}/values.yaml`, "# for <CHARTNAME>\nname: <CHARTNAME>\n");
    await write(`${src}/templates/cm.yaml`, 'name: {{ include "<CHARTNAME>.fullname" . }}\n');
    await write(`${src}/README.md`, "# <CHARTNAME>\n");
    await write(`${src}/Chart.lock`, "generated: 2024-01-02T03:04:05Z\ndigest: x\ndependencies: []\n");
    await createFromStarter(starterMetadata("web"), `${dir}/out`, src);
    const out = `${dir}/out/web`;
    assert.equal(
      await Deno.readTextFile(`${out}/Chart.yaml`),
      "apiVersion: v2\nappVersion: 0.1.0\ndescription: A Helm chart for Kubernetes\nname: web\ntype: application\nversion: 0.1.0\n",
    );
    assert.equal(await Deno.readTextFile(`${out}/values.yaml`), "# for web\nname: web\n");
    assert.equal(
      await Deno.readTextFile(`${out}/templates/cm.yaml`),
      'name: {{ include "web.fullname" . }}\n',
    );
    assert.equal(await Deno.readTextFile(`${out}/README.md`), "# <CHARTNAME>\n");
    await assert.rejects(() => Deno.stat(`${out}/Chart.lock`), Deno.errors.NotFound);
  });
});

Deno.test("createFromStarter reports unloadable starters and names that break values.yaml", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(() => createFromStarter(starterMetadata("web"), dir, `${dir}/nope`), {
      message: `could not load ${dir}/nope: stat ${dir}/nope: no such file or directory`,
    });
    await write(`${dir}/s/Chart.yaml`, "apiVersion: v2\nname: s\nversion: 1.0.0\n");
    await write(`${dir}/s/values.yaml`, "name: <CHARTNAME>\n");
    await assert.rejects(
      () => createFromStarter(starterMetadata("a: b"), dir, `${dir}/s`),
      (e: Error) => e.message.startsWith("transforming values file: ") && e instanceof ChartLoadError,
    );
    assert.equal(dec.decode(await Deno.readFile(`${dir}/s/values.yaml`)), "name: <CHARTNAME>\n");
  });
});
