/**
 * Runs charta's benchmarks against the reference helm and prints a markdown
 * table; with `--write`, replaces the results table in docs/benchmarks.md.
 *
 * Usage: `deno task bench [--write] [--runs N]`
 *
 * @module
 */
import { compare, type Comparison, row } from "./lib.ts";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";

const runsArg = Deno.args.indexOf("--runs");
const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 15;
const helm = referenceHelmPath("v4");
if (!helm) {
  console.error("Error: the reference helm is not built; run `deno task reference-helm` first");
  Deno.exit(1);
}
const main = new URL("../main.ts", import.meta.url).pathname;
const charta = [Deno.execPath(), "run", "--allow-all", "--quiet", main];
const home = await Deno.makeTempDir();
const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "" };

const results: Comparison[] = [];
results.push(await compare("cold start: `version`", [...charta, "version"], [helm, "version"], runs, env));

const table = [
  "| benchmark | charta (median) | helm (median) | ratio helm/charta |",
  "|---|---|---|---|",
  ...results.map(row),
].join("\n");
const cpu = (await Deno.readTextFile("/proc/cpuinfo").catch(() => "")).match(/model name\s*:\s*(.*)/)?.[1] ??
  "unknown";
const stamp =
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${navigator.hardwareConcurrency} cores), ` +
  `deno ${Deno.version.deno}, helm from \`${helm}\`, ${runs} alternating runs each after one warm-up.`;
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
