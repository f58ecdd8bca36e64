/**
 * Real-world trial: runs `template`, `lint` and `show all` on every chart
 * of a charts repository checkout (e.g. bitnami/charts, fetched outside
 * this repository) with charta and with the reference helm, and reports,
 * per command, which print identical output.
 * Dependencies are vendored from the same checkout into each chart's
 * `charts/` folder, so no registry is needed. Nothing is written here.
 *
 * Usage: `deno run -A --v8-flags=--stack-size=1800 scripts/trial_charts.ts CHARTS-DIR [WORK-DIR] [--only NAME]
 * [--commands template,lint,show]`
 *
 * @module
 */
import { parse } from "yaml";
import { runCli } from "../src/cli/run.ts";
import { referenceHelmPath } from "./lib/reference_helm.ts";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyDir(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** Copies `name` from the checkout into `dir`, then its own dependencies into it, recursively. */
async function vendor(source: string, name: string, dir: string, depth = 0): Promise<boolean> {
  if (depth > 5) return false;
  try {
    await Deno.stat(`${source}/${name}/Chart.yaml`);
  } catch {
    return false;
  }
  await copyDir(`${source}/${name}`, dir);
  const meta = parse(await Deno.readTextFile(`${dir}/Chart.yaml`)) as {
    dependencies?: Array<{ name: string }>;
  };
  for (const dep of meta.dependencies ?? []) {
    const target = `${dir}/charts/${dep.name}`;
    try {
      await Deno.stat(target);
      continue;
    } catch {
      // not vendored yet
    }
    if (!(await vendor(source, dep.name, target, depth + 1))) return false;
  }
  return true;
}

async function runHelm(helm: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  const out = await new Deno.Command(helm, { args, env, clearEnv: true, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/**
 * True when charta's output equals helm's, where lines that differ between
 * two helm runs (random passwords, certificates) only need to be present.
 */
function equivalent(a: Outcome, b: Outcome, c: Outcome): boolean {
  if (a.code !== c.code || a.stderr !== c.stderr) return false;
  if (a.stdout === c.stdout) return true;
  const [la, lb, lc] = [a.stdout, b.stdout, c.stdout].map((s) => s.split("\n"));
  if (la.length !== lb.length || la.length !== lc.length) return false;
  return la.every((line, i) => line === lc[i] || line !== lb[i]);
}

async function runCharta(args: string[], env: Record<string, string>): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: (n) => env[n],
    binPath: "helm",
  });
  return { code, stdout, stderr: stderr.replaceAll("charta", "helm") };
}

if (import.meta.main) {
  const valued = new Set(["--only", "--commands"]);
  const positional = Deno.args.filter((a, i) => !a.startsWith("--") && !valued.has(Deno.args[i - 1]));
  const [source, work = await Deno.makeTempDir({ prefix: "charta-trial-" })] = positional;
  const flag = (name: string) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Deno.args[i + 1] : undefined;
  };
  const only = flag("--only");
  const commands = (flag("--commands") ?? "template,lint,show").split(",");
  const helm = referenceHelmPath("v4");
  if (!source || !helm) {
    console.error("usage: trial_charts.ts CHARTS-DIR [WORK-DIR] (needs `deno task reference-helm`)");
    Deno.exit(1);
  }
  const env = { HOME: work, PATH: Deno.env.get("PATH") ?? "", TZ: "UTC" };
  const names: string[] = [];
  for await (const e of Deno.readDir(source)) {
    if (e.isDirectory && (!only || e.name === only)) names.push(e.name);
  }
  names.sort();
  const argsFor: Record<string, (dir: string) => string[]> = {
    template: (dir) => ["template", "trial", dir],
    lint: (dir) => ["lint", dir],
    show: (dir) => ["show", "all", dir],
  };
  const tally = new Map(commands.map((c) => [c, { identical: 0, different: [] as string[] }]));
  let skipped = 0;
  for (const name of names) {
    const dir = `${work}/${name}`;
    if (!(await vendor(source, name, dir))) {
      skipped++;
      continue;
    }
    for (const command of commands) {
      const args = argsFor[command](dir);
      // charta runs between helm's two runs: a line that depends on the clock (or on chance) then
      // differs between helm's runs whenever it could differ from charta's.
      const h = await runHelm(helm, args, env);
      const c = await runCharta(args, env);
      const h2 = await runHelm(helm, args, env);
      const t = tally.get(command)!;
      if (equivalent(h, h2, c)) {
        t.identical++;
      } else {
        t.different.push(name);
        await Deno.writeTextFile(
          `${work}/${name}.${command}.helm.txt`,
          `${h.code}\n${h.stderr}\n${h.stdout}`,
        );
        await Deno.writeTextFile(
          `${work}/${name}.${command}.charta.txt`,
          `${c.code}\n${c.stderr}\n${c.stdout}`,
        );
      }
    }
  }
  const tried = names.length - skipped;
  console.log(
    `${names.length} charts, ${skipped} skipped (dependencies not in the checkout), ${tried} tried`,
  );
  for (const [command, t] of tally) {
    console.log(`${command}: ${t.identical} identical, ${t.different.length} different`);
    if (t.different.length) console.log(`  different: ${t.different.join(" ")}`);
  }
  console.log(`(outputs of differing runs in ${work})`);
}
