import assert from "node:assert/strict";
import { Manager } from "./manager.ts";
import { getLocalPath, hashReq } from "./resolver.ts";
import { loadChart } from "../chart/loader.ts";

const FIXTURES = new URL("../../fixtures/charts/", import.meta.url).pathname;

/** A scratch directory with copies of fixture charts. */
async function scratch(...charts: string[]): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const c of charts) {
    await new Deno.Command("cp", { args: ["-r", `${FIXTURES}${c}`, `${dir}/${c}`] }).output();
  }
  return dir;
}

function collect(): { out: (t: string) => void; text: () => string } {
  let s = "";
  return { out: (t) => (s += t), text: () => s };
}

Deno.test("hashReq is helm's Chart.lock digest", async () => {
  const c = await loadChart(`${FIXTURES}pkg-parent`);
  const locked = [
    { name: "pkg-dep-a", repository: "file://../pkg-dep-a", version: "1.2.3" },
    { name: "pkg-dep-b", repository: "file://../pkg-dep-b", version: "0.5.0" },
  ];
  // The digest helm 4.2.4 wrote for this chart.
  assert.equal(
    await hashReq(c.metadata.dependencies, locked),
    "sha256:67288188951ef046d67f355c4c7455dabc9f4f9ec41f2c494de62b8b13b1f052",
  );
});

Deno.test("getLocalPath: relative to the chart, absolute as given, helm's error when missing", async () => {
  assert.equal(await getLocalPath("file://../pkg-dep-a", `${FIXTURES}pkg-parent`), `${FIXTURES}pkg-dep-a`);
  assert.equal(await getLocalPath(`file://${FIXTURES}webapp`, "/nowhere"), `${FIXTURES}webapp`);
  await assert.rejects(() => getLocalPath("file://../nope", "/tmp"), {
    message: "directory /nope not found",
  });
});

Deno.test("update writes Chart.lock with the injected time and packages file:// dependencies", async () => {
  const dir = await scratch("pkg-parent", "pkg-dep-a", "pkg-dep-b");
  try {
    const o = collect();
    await new Manager({
      chartPath: `${dir}/pkg-parent`,
      out: o.out,
      now: () => new Date("2024-05-06T07:08:09.250Z"),
    }).update();
    assert.equal(o.text(), "Saving 2 charts\nDeleting outdated charts\n");
    const lock = await Deno.readTextFile(`${dir}/pkg-parent/Chart.lock`);
    assert.match(lock, /\ngenerated: "2024-05-06T07:08:09.25Z"\n$/);
    const names = [...Deno.readDirSync(`${dir}/pkg-parent/charts`)].map((e) => e.name).sort();
    assert.deepEqual(names, ["pkg-dep-a-1.2.3.tgz", "pkg-dep-b-0.5.0.tgz"]);
    // No staging directory is left behind.
    assert.deepEqual(
      [...Deno.readDirSync(`${dir}/pkg-parent`)].map((e) => e.name).filter((n) => n.startsWith("tmpcharts")),
      [],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("update reports a repository it has no index for before writing anything", async () => {
  const dir = await scratch("pkg-dep-a");
  try {
    await Deno.mkdir(`${dir}/p`);
    await Deno.writeTextFile(
      `${dir}/p/Chart.yaml`,
      "apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n" +
        "- name: pkg-dep-a\n  version: 1.2.3\n  repository: file://../pkg-dep-a\n" +
        "- name: nginx\n  version: 1.0.0\n  repository: https://charts.example.com\n",
    );
    const o = collect();
    // Chart repositories are served by src/repo's fetcher; without a cache to refresh into (no
    // repositoryCache given), the index of a repository named by URL is not there, as with --skip-refresh.
    await assert.rejects(
      () => new Manager({ chartPath: `${dir}/p`, out: o.out }).update(),
      /no cached repository for helm-manager-[0-9a-f]{64} found\. \(try 'helm repo update'\)/,
    );
    assert.equal(o.text(), "");
    assert.deepEqual([...Deno.readDirSync(`${dir}/p`)].map((e) => e.name), ["Chart.yaml"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("update does not write Chart.lock through a symbolic link", async () => {
  const dir = await scratch("pkg-parent", "pkg-dep-a", "pkg-dep-b");
  try {
    const target = `${dir}/elsewhere.lock`;
    await Deno.writeTextFile(
      target,
      'dependencies: []\ndigest: sha256:00\ngenerated: "2024-01-01T00:00:00Z"\n',
    );
    await Deno.symlink(target, `${dir}/pkg-parent/Chart.lock`);
    await assert.rejects(
      () => new Manager({ chartPath: `${dir}/pkg-parent`, out: () => {} }).update(),
      (e: Error) => e.message === `the Chart.lock file is a symlink to "${dir}/elsewhere.lock"`,
    );
    assert.match(await Deno.readTextFile(`${dir}/elsewhere.lock`), /digest: sha256:00\n/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("update reports a malformed constraint with helm's message", async () => {
  const dir = await scratch("pkg-dep-a");
  try {
    await Deno.mkdir(`${dir}/p`);
    await Deno.writeTextFile(
      `${dir}/p/Chart.yaml`,
      "apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n" +
        "- name: pkg-dep-a\n  version: '!!'\n  repository: file://../pkg-dep-a\n",
    );
    await assert.rejects(
      () => new Manager({ chartPath: `${dir}/p`, out: () => {} }).update(),
      (e: Error) => e.message.startsWith('dependency "pkg-dep-a" has an invalid version/constraint format: '),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
