/**
 * Chart repository benchmarks, charta against helm side by side on one
 * served repository whose index.yaml is about 15 MB (bitnami's size: a few
 * hundred charts with many versions, maintainers, dependencies and
 * annotations each): `search repo`, `pull repo/chart`, `repo update`, and
 * `dependency update` of an umbrella chart with 20 dependencies on packaged
 * charts of that index (see {@link dependencyUpdateRow}).
 *
 * `deno task bench` runs them after the chart benchmarks. Alone:
 * `deno run -A --v8-flags=--stack-size=1800 bench/repos.ts [--runs N] [--rows search,pull,update,dependency]`
 *
 * @module
 */
import { join } from "node:path";
import { compare, type Comparison, row, shippedCharta } from "./lib.ts";
import { type RepoServer, startRepoServer } from "../scripts/chart_repo_server.ts";
import { parseConstraint, parseVersion } from "../src/semver/mod.ts";

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
  /** The rows to run (default: all). */
  rows?: RepoRow[];
}

/** A chart version of the generated index that is a real archive in the served folder. */
export interface RealChart {
  name: string;
  version: string;
  /** sha256 hex of the archive. */
  digest: string;
}

/** The version of a generated chart's `v`-th version (0 oldest): 0.0.0, 0.1.1, 0.2.2, … 4.7.2 for 48 versions. */
export function generatedVersion(v: number): string {
  return `${Math.floor(v / 10)}.${v % 10}.${v % 3}`;
}

/** The name of the `i`-th generated chart. */
export function generatedName(i: number): string {
  return `${WORDS[i % WORDS.length]}-app-${i}`;
}

const WORDS = [
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

/**
 * An index.yaml text of `charts` charts with `versions` versions each (~1 KB per version). The versions of
 * `real` take their digest from there (and `real` charts missing from the generated names are added, with
 * the real version as their newest).
 */
export function bigIndex(
  charts: number,
  versions: number,
  real: RealChart | RealChart[],
) {
  const reals = Array.isArray(real) ? real : [real];
  const realOf = (name: string, version: string) =>
    reals.find((r) => r.name === name && r.version === version);
  const out: string[] = ["apiVersion: v1", "entries:"];
  const words = WORDS;
  const generated = Array.from({ length: charts }, (_, i) => generatedName(i));
  const extra = reals.filter((r) => !generated.includes(r.name));
  const names = [...new Set([...generated, ...extra.map((r) => r.name)])].sort();
  for (const name of names) {
    out.push(`  ${name}:`);
    const extraChart = extra.find((r) => r.name === name);
    for (let v = versions - 1; v >= 0; v--) {
      const version = extraChart && v === versions - 1 ? extraChart.version : generatedVersion(v);
      const real = realOf(name, version);
      const digest = real ? real.digest : (name.length * 7919 + v).toString(16).padStart(64, "a");
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

/** The umbrella's version constraints, of every form helm's resolver meets (tilde, caret, exact, range, wildcard). */
const DEP_CONSTRAINTS = ["~1.2.0", "^2.0.0", "3.4.1", ">=1.0.0 <3.0.0", "4.x", "~3.5", "^4.0.0", "1.x.x"];

/** A chart of its own with a few templates, for the umbrella's dependencies. */
async function writeDepChart(dir: string, name: string, version: string): Promise<void> {
  await Deno.mkdir(join(dir, "templates"), { recursive: true });
  await Deno.writeTextFile(
    join(dir, "Chart.yaml"),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "${version}"\ndescription: ${name}\n`,
  );
  await Deno.writeTextFile(join(dir, "values.yaml"), `replicas: 1\nimage: example/${name}:${version}\n`);
  for (const kind of ["deployment", "service", "configmap"]) {
    await Deno.writeTextFile(
      join(dir, "templates", `${kind}.yaml`),
      `# ${kind} of {{ .Chart.Name }}\nkind: ${kind}\nmetadata:\n  name: {{ .Release.Name }}-${name}\n` +
        `data:\n  replicas: {{ .Values.replicas | quote }}\n  image: {{ .Values.image | quote }}\n`,
    );
  }
}

/** One dependency of the umbrella chart: its Chart.yaml entry and the version it must resolve to. */
export interface UmbrellaDep {
  name: string;
  constraint: string;
  repository: string;
  version: string;
}

/**
 * The umbrella's 20 dependencies: charts of the generated index (spread over it), constraints of every
 * kind, repositories as `@deps`, `alias:deps` and the repository's URL. Each resolves to a generated
 * version, packaged for real by the caller.
 */
function umbrellaDeps(url: string, versions: number): UmbrellaDep[] {
  const all = Array.from({ length: versions }, (_, v) => generatedVersion(v)).reverse();
  return Array.from({ length: 20 }, (_, i) => {
    const constraint = DEP_CONSTRAINTS[i % DEP_CONSTRAINTS.length];
    const c = parseConstraint(constraint);
    const version = all.find((v) => c.check(parseVersion(v)));
    if (!version) throw new Error(`no generated version satisfies ${constraint}`);
    const repository = ["@deps", "alias:deps", url][i % 3];
    return { name: generatedName(i * 14 + 3), constraint, repository, version };
  });
}

async function run(cmd: string[], env: Record<string, string>, cwd?: string): Promise<string> {
  const out = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    env,
    cwd,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`${cmd.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  return text;
}

/** The files of a folder (relative name to bytes), Chart.lock without its `generated` line. */
async function treeOf(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string, prefix: string) {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p, `${prefix}${e.name}/`);
      else if (e.name === "Chart.lock") {
        out.set(prefix + e.name, (await Deno.readTextFile(p)).replace(/^generated: .*\n/m, ""));
      } else out.set(prefix + e.name, await sha256Hex(p));
    }
  }
  await walk(dir, "");
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Which rows to run (all by default). */
export type RepoRow = "search" | "pull" | "update" | "dependency";

/** The served benchmark repository. */
export interface BigRepo {
  server: RepoServer;
  /** The umbrella's dependencies, packaged in the served folder. */
  deps: UmbrellaDep[];
}

/**
 * Packages the fixture webapp chart and the umbrella's 20 dependency charts into `HOME/bigrepo`, writes
 * the big index naming them, and serves the folder.
 */
export async function serveBigRepo(o: Pick<RepoBenchOptions, "helm" | "home" | "log">): Promise<BigRepo> {
  const dir = join(o.home, "bigrepo");
  await Deno.mkdir(dir, { recursive: true });
  const pkg = await new Deno.Command(o.helm, {
    args: ["package", new URL("../fixtures/charts/webapp", import.meta.url).pathname, "-d", dir],
    stdout: "null",
  }).output();
  if (!pkg.success) throw new Error("packaging the fixture chart failed");
  const archive = join(dir, "webapp-1.4.2.tgz");
  const real: RealChart[] = [{ name: "webapp", version: "1.4.2", digest: await sha256Hex(archive) }];
  // The server's port is known only once it runs: it serves the folder, so the index is written after.
  const server = await startRepoServer({ dir });
  const deps = umbrellaDeps(server.url, 48);
  const srcDir = join(o.home, "dep-sources");
  for (const d of deps) {
    await writeDepChart(join(srcDir, d.name), d.name, d.version);
    await run([o.helm, "package", join(srcDir, d.name), "-d", dir], { PATH: Deno.env.get("PATH") ?? "" });
    real.push({
      name: d.name,
      version: d.version,
      digest: await sha256Hex(join(dir, `${d.name}-${d.version}.tgz`)),
    });
  }
  const text = bigIndex(300, 48, real);
  await Deno.writeTextFile(join(dir, "index.yaml"), text);
  o.log?.(`index.yaml: ${(text.length / 1024 / 1024).toFixed(1)} MiB`);
  return { server, deps };
}

/** Runs the repository benchmarks; the caller prints or records the rows. */
export async function repoBenchmarks(o: RepoBenchOptions): Promise<Comparison[]> {
  const rows = new Set<RepoRow>(o.rows ?? ["search", "pull", "update", "dependency"]);
  const { server, deps } = await serveBigRepo(o);
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
    if (rows.has("search")) {
      results.push(
        await compare(
          "`search repo` (5 repos × 15 MB index)",
          [...o.charta, ...search],
          [o.helm, ...search],
          o.runs,
          env,
        ),
      );
    }
    const pull = ["pull", "big0/webapp", "--version", "1.4.2", "-d", pullDir];
    if (rows.has("pull")) {
      results.push(
        await compare(
          "`pull repo/chart` (15 MB index)",
          [...o.charta, ...pull],
          [o.helm, ...pull],
          o.runs,
          env,
        ),
      );
    }
    const update = ["repo", "update"];
    if (rows.has("update")) {
      results.push(
        await compare(
          "`repo update` (5 repos × 15 MB index)",
          [...o.charta, ...update],
          [o.helm, ...update],
          Math.max(3, Math.floor(o.runs / 3)),
          env,
        ),
      );
    }
    if (rows.has("dependency")) results.push(await dependencyUpdateRow(o, server.url, deps));
  } finally {
    await server.close();
  }
  return results;
}

/**
 * `dependency update` of an umbrella chart with 20 dependencies on the served repository, added once as
 * `deps` in a configuration of its own (the rows above add the same URL five times; helm would load
 * every added repository's index once per dependency to find who owns a chart URL).
 *
 * Every timed run starts from the same state: the umbrella (one copy per tool) without charts/ and without
 * Chart.lock, the repository cache holding the index as the previous run left it. Neither tool skips
 * work thanks to a warm cache: without `--skip-refresh` both download the index again and rewrite the
 * cache (charta also rebuilds its compact files from the new download), and neither looks in the content
 * cache for dependency archives (helm 4 consults it only when the index's digest comes along, which the
 * dependency path does not pass), so all 20 archives are downloaded on every run.
 */
export async function dependencyUpdateRow(
  o: RepoBenchOptions,
  url: string,
  deps: UmbrellaDep[],
): Promise<Comparison> {
  const env = {
    HOME: o.home,
    PATH: Deno.env.get("PATH") ?? "",
    HELM_CONFIG_HOME: join(o.home, "dep-config"),
    HELM_CACHE_HOME: join(o.home, "dep-cache"),
  };
  await run([o.helm, "repo", "add", "deps", url], env);
  const chartYaml = [
    "apiVersion: v2",
    "name: umbrella",
    "version: 1.0.0",
    "dependencies:",
    ...deps.flatMap((d) => [
      `- name: ${d.name}`,
      `  version: "${d.constraint}"`,
      `  repository: "${d.repository}"`,
    ]),
    "",
  ].join("\n");
  const chartDir = (tool: string) => join(o.home, `umbrella-${tool}`);
  for (const tool of ["charta", "helm"]) {
    await Deno.mkdir(chartDir(tool), { recursive: true });
    await Deno.writeTextFile(join(chartDir(tool), "Chart.yaml"), chartYaml);
  }
  const fresh = (tool: string, cmd: string[]) => () => {
    for (const f of ["charts", "Chart.lock"]) {
      try {
        Deno.removeSync(join(chartDir(tool), f), { recursive: true });
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
    }
    return cmd;
  };
  const args = (tool: string) => ["dependency", "update", chartDir(tool)];
  // Both must print the same lines and leave the same Chart.lock and archives before anything is timed.
  const outC = await run([...o.charta, ...args("charta")], env);
  const outH = await run([o.helm, ...args("helm")], env);
  if (outC !== outH) throw new Error(`dependency update: charta printed\n${outC}\nhelm printed\n${outH}`);
  const [treeC, treeH] = [await treeOf(chartDir("charta")), await treeOf(chartDir("helm"))];
  if (JSON.stringify([...treeC]) !== JSON.stringify([...treeH])) {
    throw new Error("dependency update: charta and helm left different Chart.lock or charts/");
  }
  const lock = treeC.get("Chart.lock") ?? "";
  for (const d of deps) {
    if (!lock.includes(`- name: ${d.name}\n  repository: ${url}\n  version: ${d.version}\n`)) {
      throw new Error(`dependency update: Chart.lock does not lock ${d.name} at ${d.version}:\n${lock}`);
    }
  }
  return await compare(
    "`dependency update` (20 dependencies, 15 MB index)",
    fresh("charta", [...o.charta, ...args("charta")]),
    fresh("helm", [o.helm, ...args("helm")]),
    Math.max(3, Math.floor(o.runs / 3)),
    env,
  );
}

if (import.meta.main) {
  const { referenceHelmPath } = await import("../scripts/lib/reference_helm.ts");
  const helm = referenceHelmPath("v4");
  if (!helm) throw new Error("the reference helm is not built; run `deno task reference-helm` first");
  const runsArg = Deno.args.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 5;
  const rowsArg = Deno.args.indexOf("--rows");
  const rows = rowsArg >= 0 ? Deno.args[rowsArg + 1].split(",") as RepoRow[] : undefined;
  const home = await Deno.makeTempDir();
  // The shipped form, as run.ts times it: the bundle `deno task compile` embeds.
  const charta = await shippedCharta(`${home}/bundle`);
  try {
    for (const r of await repoBenchmarks({ charta, helm, home, runs, rows, log: console.error })) {
      console.log(row(r));
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}
