/**
 * A chart repository fixture for tests: the fixture charts packaged by
 * charta into a temporary folder and indexed, served by the real HTTP server
 * of scripts/chart_repo_server.ts, plus an isolated helm environment
 * (HOME and HELM_* folders) that charta and the reference helm share.
 *
 * @module
 */
import { join } from "node:path";
import { type RepoServer, type RepoServerOptions, startRepoServer } from "../../scripts/chart_repo_server.ts";
import { charta } from "./cli.ts";

export { type RepoServer, startRepoServer };

const FIXTURES = new URL("../../fixtures/charts/", import.meta.url).pathname;

/**
 * Packages fixture charts (default: webapp and operator) into `dir` and
 * writes its index.yaml with `charta repo index` (chart URLs relative).
 */
export async function buildFixtureRepo(dir: string, charts = ["webapp", "operator"]): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for (const c of charts) {
    const r = await charta(["package", join(FIXTURES, c), "-d", dir], { HOME: dir });
    if (r.code !== 0) throw new Error(`package ${c}: ${r.stderr}`);
  }
  const r = await charta(["repo", "index", dir], { HOME: dir });
  if (r.code !== 0) throw new Error(`repo index: ${r.stderr}`);
}

/** A scratch folder with a fixture repository served over HTTP, and helm folders for both tools. */
export interface RepoFixture {
  /** The scratch folder. */
  root: string;
  /** The served folder. */
  repoDir: string;
  /** The server. */
  server: RepoServer;
  /** Environment for charta and helm (HOME and the HELM_* folders under `root`). */
  env: Record<string, string>;
  /** Stops the server and removes the scratch folder. */
  close(): Promise<void>;
}

/** Builds and serves a fixture repository. */
export async function repoFixture(
  opts: Omit<RepoServerOptions, "dir"> = {},
  charts?: string[],
): Promise<RepoFixture> {
  const root = await Deno.makeTempDir({ prefix: "charta-repo-" });
  const repoDir = join(root, "repo");
  await buildFixtureRepo(repoDir, charts);
  const server = await startRepoServer({ ...opts, dir: repoDir });
  const env = {
    HOME: join(root, "home"),
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HELM_CONFIG_HOME: join(root, "config"),
    HELM_CACHE_HOME: join(root, "cache"),
    HELM_DATA_HOME: join(root, "data"),
  };
  return {
    root,
    repoDir,
    server,
    env,
    async close() {
      await server.close();
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
}

/** Every file under `dir` (relative paths, sorted) with its bytes. */
export async function readTree(dir: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  async function walk(d: string, prefix: string) {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p, `${prefix}${e.name}/`);
      else out.set(`${prefix}${e.name}`, await Deno.readFile(p));
    }
  }
  await walk(dir, "");
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
