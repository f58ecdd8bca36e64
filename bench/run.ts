/**
 * Runs charta's benchmarks against the reference helm and prints a markdown
 * table; with `--write`, replaces the results table in docs/benchmarks.md.
 *
 * Usage: `deno task bench [--write] [--runs N]`
 *
 * @module
 */
import { compare, type Comparison, row, shippedCharta } from "./lib.ts";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";
import { writeBigChart, writeLargeFiles, writeUmbrellaChart } from "./gen_chart.ts";
import { releaseBenchmarks } from "./releases.ts";
import { repoBenchmarks } from "./repos.ts";
import { clusterAvailable } from "../scripts/cluster/mod.ts";

const runsArg = Deno.args.indexOf("--runs");
const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 15;
const helm = referenceHelmPath("v4");
if (!helm) {
  console.error("Error: the reference helm is not built; run `deno task reference-helm` first");
  Deno.exit(1);
}
const main = new URL("../main.ts", import.meta.url).pathname;
const home = await Deno.makeTempDir();
const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "" };

// charta runs in its shipped form: the bundle that `deno task compile` embeds in the binary (one module
// graph read from a few files instead of hundreds of sources). The sources are timed once for reference.
const charta = await shippedCharta(`${home}/bundle`);
// The sources, run with the same V8 flags (everything of the bundle's command but its file).
const run = charta.slice(0, -1);

const results: Comparison[] = [];
results.push(await compare("cold start: `version`", [...charta, "version"], [helm, "version"], runs, env));
results.push(
  await compare(
    "cold start: `version` (from sources)",
    [...run, main, "version"],
    [helm, "version"],
    runs,
    env,
  ),
);

// Rendering: a big chart (300 templates, include chains 12 deep, tpl and toYaml in every template)
// and an umbrella chart with 50 subcharts, through the whole `template` command.
const big = `${home}/big`;
const umbrella = `${home}/umbrella`;
await writeBigChart(big, { templates: 300, helpers: 12, items: 20 });
await writeUmbrellaChart(umbrella, 50);
const sameOutput = async (args: string[]) => {
  const run = async (cmd: string[]) =>
    new TextDecoder().decode(
      (await new Deno.Command(cmd[0], { args: cmd.slice(1), env, stdout: "piped" }).output()).stdout,
    );
  if ((await run([...charta, ...args])) !== (await run([helm, ...args]))) {
    throw new Error(`charta and helm print different output for: ${args.join(" ")}`);
  }
};
const chartRuns = Math.max(5, Math.floor(runs / 3));
const benches: Array<[string, string[]]> = [
  ["`template` big chart (300 templates)", ["template", "bench", big]],
  ["`template` umbrella (50 subcharts)", ["template", "bench", umbrella]],
  ["`lint` umbrella (50 subcharts)", ["lint", umbrella]],
];
for (const [label, args] of benches) {
  await sameOutput(args);
  results.push(await compare(label, [...charta, ...args], [helm, ...args], chartRuns, env));
}

// Packaging: the big chart plus 4 MiB of text files (about 6 MiB in all); each tool writes its own
// archive, and the two must be byte-identical.
await writeLargeFiles(`${big}/files`, 200, 20 * 1024);
const [outCharta, outHelm] = [`${home}/pkg-charta`, `${home}/pkg-helm`];
const pkg = (out: string) => ["package", big, "-d", out];
results.push(
  await compare(
    "`package` large chart (6 MiB)",
    [...charta, ...pkg(outCharta)],
    [helm, ...pkg(outHelm)],
    chartRuns,
    env,
  ),
);
const archive = "big-1.0.0.tgz";
const [a, b] = await Promise.all([outCharta, outHelm].map((d) => Deno.readFile(`${d}/${archive}`)));
if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
  throw new Error("charta and helm packaged different archives");
}

// Chart repositories: `search repo`, `pull repo/chart` and `repo update` on a 15 MB index (bench/repos.ts).
results.push(
  ...(await repoBenchmarks({ charta, helm, home, runs: chartRuns, log: (m) => console.error(m) })),
);

// Releases on the local control plane (install of a 50-object chart, `list -A` over 1,000 releases),
// when its binaries are built: bench/releases.ts.
if (clusterAvailable()) {
  results.push(
    ...(await releaseBenchmarks({
      charta,
      helm,
      home,
      installRuns: chartRuns,
      listRuns: 5,
      releases: 1000,
      log: (m) => console.error(m),
    })),
  );
} else {
  console.error(
    "note: the local cluster is not built (`deno task cluster:up`); the release benchmarks are skipped",
  );
}

const table = [
  "| benchmark | charta (median) | helm (median) | ratio helm/charta | peak memory charta / helm |",
  "|---|---|---|---|---|",
  ...results.map(row),
].join("\n");
const cpu = (await Deno.readTextFile("/proc/cpuinfo").catch(() => "")).match(/model name\s*:\s*(.*)/)?.[1] ??
  "unknown";
const stamp =
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${navigator.hardwareConcurrency} cores), ` +
  `deno ${Deno.version.deno}, helm from \`${helm}\`, alternating runs after one warm-up each: ${runs} ` +
  `for start-up, ${chartRuns} for the chart and install rows, 5 for \`list -A\`.`;
console.log(`${table}\n\n${stamp}`);

if (Deno.args.includes("--write")) {
  const path = new URL("../docs/benchmarks.md", import.meta.url);
  const doc = await Deno.readTextFile(path);
  const start = "<!-- results:start -->";
  const end = "<!-- results:end -->";
  const updated = doc.replace(
    new RegExp(`${start}[\\s\\S]*${end}`),
    `${start}\n${table}\n\n${stamp}\n${end}`,
  );
  await Deno.writeTextFile(path, updated);
  console.log(`\nwrote ${path.pathname}`);
}
await Deno.remove(home, { recursive: true });
