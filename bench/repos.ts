/**
 * Chart repository benchmarks, charta against helm side by side on one
 * served repository whose index.yaml is about 15 MB (bitnami's size: a few
 * hundred charts with many versions, maintainers, dependencies and
 * annotations each): `search repo`, `pull repo/chart`, and `repo update`.
 *
 * `deno task bench` runs them after the chart benchmarks. Alone:
 * `deno run -A --v8-flags=--stack-size=1800 bench/repos.ts [--runs N]`
 *
 * @module
 */
import { join } from "node:path";
import { compare, type Comparison, row } from "./lib.ts";
import { startRepoServer } from "../scripts/chart_repo_server.ts";

/** What the repository benchmarks need from the caller. */
export interface RepoBenchOptions {
  /** charta's command line up to the subcommand. */
  charta: string[];
  /** The reference helm binary. */
  helm: string;
  /** A scratch directory. */
  home: string;
  /** Timed runs per benchmark. */
  runs: number;
  /** Progress messages. */
  log?: (msg: string) => void;
}

/** An index.yaml text of `charts` charts with `versions` versions each (~1 KB per version). */
export function bigIndex(
  charts: number,
  versions: number,
  realChart: { name: string; version: string; digest: string },
) {
  const out: string[] = ["apiVersion: v1", "entries:"];
  const words = [
    "web",
    "database",
    "cache",
    "queue",
    "proxy",
    "monitoring",
    "logging",
    "storage",
    "auth",
    "api",
  ];
  const names = Array.from({ length: charts }, (_, i) => `${words[i % words.length]}-app-${i}`);
  names.push(realChart.name);
  names.sort();
  for (const name of names) {
    out.push(`  ${name}:`);
    for (let v = versions - 1; v >= 0; v--) {
      const real = name === realChart.name && v === versions - 1;
      const version = real ? realChart.version : `${Math.floor(v / 10)}.${v % 10}.${v % 3}`;
      const digest = real ? realChart.digest : (name.length * 7919 + v).toString(16).padStart(64, "a");
      out.push(
        `  - annotations:`,
        `      category: Infrastructure`,
        `      images: |`,
        `        - name: ${name}`,
        `          image: docker.io/example/${name}:${version}-debian-12-r${v}`,
        `      licenses: Apache-2.0`,
        `    apiVersion: v2`,
        `    appVersion: ${v}.${v % 7}.0`,
        `    created: "2024-0${1 + (v % 9)}-1${v % 10}T10:00:00.000000000Z"`,
        `    dependencies:`,
        `    - name: common`,
        `      repository: oci://registry-1.docker.io/examplecharts`,
        `      tags:`,
        `      - example-common`,
        `      version: 2.x.x`,
        `    description: ${name} is a ${
          words[v % words.length]
        } component packaged for Kubernetes, with sensible defaults.`,
        `    digest: ${digest}`,
        `    home: https://example.com/charts/${name}`,
        `    icon: https://example.com/icons/${name}.svg`,
        `    keywords:`,
        `    - ${words[(v + 1) % words.length]}`,
        `    - ${words[(v + 2) % words.length]}`,
        `    maintainers:`,
        `    - name: Example Maintainers`,
        `      url: https://github.com/example/charts`,
        `    name: ${name}`,
        `    sources:`,
        `    - https://github.com/example/charts/tree/main/${name}`,
        `    urls:`,
        `    - ${name}-${version}.tgz`,
        `    version: ${version}`,
      );
    }
  }
  out.push(`generated: "2024-06-01T00:00:00.000000000Z"`, "");
  return out.join("\n");
}

async function sha256Hex(path: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", await Deno.readFile(path)));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Runs the repository benchmarks; the caller prints or records the rows. */
export async function repoBenchmarks(o: RepoBenchOptions): Promise<Comparison[]> {
  const dir = join(o.home, "bigrepo");
  await Deno.mkdir(dir, { recursive: true });
  const pkg = await new Deno.Command(o.helm, {
    args: ["package", new URL("../fixtures/charts/webapp", import.meta.url).pathname, "-d", dir],
    stdout: "null",
  }).output();
  if (!pkg.success) throw new Error("packaging the fixture chart failed");
  const archive = join(dir, "webapp-1.4.2.tgz");
  const text = bigIndex(300, 48, { name: "webapp", version: "1.4.2", digest: await sha256Hex(archive) });
  await Deno.writeTextFile(join(dir, "index.yaml"), text);
  o.log?.(`index.yaml: ${(text.length / 1024 / 1024).toFixed(1)} MiB`);
  const server = await startRepoServer({ dir });
  const env = {
    HOME: o.home,
    PATH: Deno.env.get("PATH") ?? "",
    HELM_CONFIG_HOME: join(o.home, "repo-config"),
    HELM_CACHE_HOME: join(o.home, "repo-cache"),
  };
  const results: Comparison[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const add = await new Deno.Command(o.helm, {
        args: ["repo", "add", `big${i}`, server.url],
        env,
        stdout: "null",
      })
        .output();
      if (!add.success) throw new Error("helm repo add failed");
    }
    // charta builds its compact indexes once (as after its own `repo update`).
    await new Deno.Command(o.charta[0], {
      args: [...o.charta.slice(1), "repo", "update"],
      env,
      stdout: "null",
    }).output();
    const pullDir = join(o.home, "pulled");
    await Deno.mkdir(pullDir, { recursive: true });
    const search = ["search", "repo", "database", "--versions"];
    results.push(
      await compare(
        "`search repo` (5 repos × 15 MB index)",
        [...o.charta, ...search],
        [o.helm, ...search],
        o.runs,
        env,
      ),
    );
    const pull = ["pull", "big0/webapp", "--version", "1.4.2", "-d", pullDir];
    results.push(
      await compare(
        "`pull repo/chart` (15 MB index)",
        [...o.charta, ...pull],
        [o.helm, ...pull],
        o.runs,
        env,
      ),
    );
    const update = ["repo", "update"];
    results.push(
      await compare(
        "`repo update` (5 repos × 15 MB index)",
        [...o.charta, ...update],
        [o.helm, ...update],
        Math.max(3, Math.floor(o.runs / 3)),
        env,
      ),
    );
  } finally {
    await server.close();
  }
  return results;
}

if (import.meta.main) {
  const { referenceHelmPath } = await import("../scripts/lib/reference_helm.ts");
  const helm = referenceHelmPath("v4");
  if (!helm) throw new Error("the reference helm is not built; run `deno task reference-helm` first");
  const runsArg = Deno.args.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 5;
  const home = await Deno.makeTempDir();
  // The shipped form, as run.ts times it: the bundle `deno task compile` embeds.
  const { bundle } = await import("../scripts/lib/bundle.ts");
  await bundle(`${home}/bundle`);
  const charta = [
    Deno.execPath(),
    "run",
    "--allow-all",
    "--quiet",
    "--v8-flags=--stack-size=1800,--max-semi-space-size=4",
    `${home}/bundle/main.js`,
  ];
  try {
    for (const r of await repoBenchmarks({ charta, helm, home, runs, log: console.error })) {
      console.log(row(r));
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}
