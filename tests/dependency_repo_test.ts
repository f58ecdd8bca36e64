/**
 * `dependency update` from a chart repository served over HTTP, charta
 * against the reference helm on one shared HOME: the cases the concurrent
 * downloads of src/downloader/manager.ts must report exactly as helm's
 * one-at-a-time loop does (a chart URL met twice, a failed download before
 * or after successful ones), with the same Chart.lock and charts/.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { charta, helm, helmBinary } from "./lib/cli.ts";
import { readTree, repoFixture } from "./lib/chart_repo.ts";

const HELM = helmBinary();

/** Chart.lock without its time stamp, and the other files' names and bytes. */
async function tree(dir: string) {
  const m = await readTree(dir);
  const lock = new TextDecoder().decode(m.get("Chart.lock") ?? new Uint8Array()).replace(
    /generated: .*\n/,
    "",
  );
  m.delete("Chart.lock");
  return { lock, rest: m };
}

Deno.test({
  name: "dependency update reports repeated chart URLs and failed downloads in Chart.yaml's order, as helm",
  ignore: HELM === undefined,
  fn: async () => {
    const fx = await repoFixture();
    try {
      assert.equal((await helm(HELM!, ["repo", "add", "fx", fx.server.url], fx.env)).code, 0);
      const operator = [];
      for await (const e of Deno.readDir(fx.repoDir)) {
        if (e.name.startsWith("operator-")) operator.push(e.name);
      }
      const cases: [string, string, boolean][] = [
        [
          "one chart twice under aliases",
          `- name: webapp\n  version: ^1.0.0\n  repository: "@fx"\n  alias: a1\n` +
          `- name: operator\n  version: ">=2.0.0-0"\n  repository: "alias:fx"\n` +
          `- name: webapp\n  version: 1.4.2\n  repository: ${fx.server.url}\n  alias: a2\n`,
          false,
        ],
        [
          "the last download fails",
          `- name: webapp\n  version: ^1.0.0\n  repository: "@fx"\n` +
          `- name: operator\n  version: ">=2.0.0-0"\n  repository: "@fx"\n`,
          true,
        ],
        [
          "the first download fails while the next one runs",
          `- name: operator\n  version: ">=2.0.0-0"\n  repository: "@fx"\n` +
          `- name: webapp\n  version: ^1.0.0\n  repository: "@fx"\n`,
          true,
        ],
      ];
      for (const [i, [what, deps, broken]] of cases.entries()) {
        // The operator archive disappears from the server: its download gets a 404.
        for (const f of operator) {
          const [a, b] = broken ? [fx.repoDir, fx.root] : [fx.root, fx.repoDir];
          await Deno.rename(join(a, f), join(b, f)).catch(() => {});
        }
        const chartYaml = `apiVersion: v2\nname: par\nversion: 0.1.0\ndependencies:\n${deps}`;
        const pc = join(fx.root, `c${i}`), ph = join(fx.root, `h${i}`);
        for (const d of [pc, ph]) {
          await Deno.mkdir(join(d, "charts"), { recursive: true });
          await Deno.writeTextFile(join(d, "Chart.yaml"), chartYaml);
          // An outdated archive: removed on success, kept when the update fails.
          await Deno.copyFile(join(fx.repoDir, "webapp-1.4.2.tgz"), join(d, "charts", "webapp-0.0.1.tgz"));
        }
        const c = await charta(["dependency", "update", pc], fx.env);
        const h = await helm(HELM!, ["dependency", "update", ph], fx.env);
        assert.deepEqual(
          { code: c.code, stdout: c.stdout, stderr: c.stderr },
          { code: h.code, stdout: h.stdout, stderr: h.stderr },
          what,
        );
        assert.equal(c.code, broken ? 1 : 0, what);
        assert.deepEqual(await tree(pc), await tree(ph), what);
        if (!broken) assert.match(c.stdout, /Already downloaded webapp from repo http:/, what);
      }
    } finally {
      await fx.close();
    }
  },
});

/**
 * Runs `commands` (given the chart's folder) with charta and with helm, each in its own cache, on a chart
 * `par` whose one dependency names the served repository by URL only (never added); returns per tool the
 * outputs (folder paths replaced), the cache's helm files and the chart's charts/, sorted.
 */
async function unmanagedTwins(commands: (chart: string, dir: string) => string[][]) {
  const fx = await repoFixture();
  try {
    const chartYaml = "apiVersion: v2\nname: par\nversion: 0.1.0\ndependencies:\n" +
      `- name: webapp\n  version: ^1.0.0\n  repository: ${fx.server.url}\n`;
    const results: Record<string, string[]> = {};
    for (const tool of ["charta", "helm"]) {
      const dir = join(fx.root, tool);
      const env = { ...fx.env, HELM_CACHE_HOME: join(dir, "cache"), HELM_CONFIG_HOME: join(dir, "config") };
      await Deno.mkdir(join(dir, "par"), { recursive: true });
      await Deno.writeTextFile(join(dir, "par", "Chart.yaml"), chartYaml);
      const out: string[] = [];
      for (const args of commands(join(dir, "par"), dir)) {
        const r = tool === "charta" ? await charta(args, env) : await helm(HELM!, args, env);
        out.push(`${r.code}\n${r.stdout}${r.stderr}`.replaceAll(dir, "DIR"));
      }
      for await (const e of Deno.readDir(join(dir, "cache", "repository"))) {
        if (!e.name.includes(".charta.")) out.push(e.name);
      }
      out.push(...(await readTree(join(dir, "par", "charts"))).keys());
      results[tool] = out.sort();
    }
    return results;
  } finally {
    await fx.close();
  }
}

Deno.test({
  name: "dependency update caches a repository named only by URL under helm's generated name, as helm",
  ignore: HELM === undefined,
  fn: async () => {
    const results = await unmanagedTwins((chart) => [
      ["dependency", "update", chart, "--skip-refresh"],
      ["dependency", "update", chart],
    ]);
    assert.deepEqual(results.charta, results.helm);
    assert.ok(results.charta.some((l) => l.includes("Getting updates for unmanaged Helm repositories...")));
    assert.ok(results.charta.some((l) => /^helm-manager-[0-9a-f]{64}-index\.yaml$/.test(l)));
  },
});

Deno.test({
  name: "package --dependency-update refreshes an unmanaged repository into the cache, as helm",
  ignore: HELM === undefined,
  fn: async () => {
    const results = await unmanagedTwins((chart, dir) => [["package", chart, "-u", "-d", join(dir, "out")]]);
    assert.deepEqual(results.charta, results.helm);
    assert.ok(results.charta.includes("webapp-1.4.2.tgz"));
  },
});
