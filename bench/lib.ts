/**
 * Side-by-side timing of charta and the reference helm: the two commands run
 * alternately in one process, so both see the same machine state.
 *
 * @module
 */

/** Timing of one command over several runs. */
export interface Timing {
  /** Median wall time in milliseconds. */
  median: number;
  /** Fastest run. */
  min: number;
  runs: number;
}

/** One benchmark's result: charta against helm. */
export interface Comparison {
  name: string;
  charta: Timing;
  helm: Timing;
  /** Peak resident memory in KiB (from GNU time), when /usr/bin/time is there. */
  chartaPeakKiB?: number;
  helmPeakKiB?: number;
  /** helm's median divided by charta's: above 1 means charta is faster. */
  speedup: number;
}

async function timeOnce(cmd: string[], env?: Record<string, string>): Promise<number> {
  const start = performance.now();
  const out = await new Deno.Command(cmd[0], { args: cmd.slice(1), env, stdout: "null", stderr: "piped" })
    .output();
  const elapsed = performance.now() - start;
  if (!out.success) {
    throw new Error(`${cmd.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return elapsed;
}

const GNU_TIME = "/usr/bin/time";

/** Peak resident set size of one run in KiB, measured by GNU time; undefined without it. */
export async function peakKiB(cmd: string[], env?: Record<string, string>): Promise<number | undefined> {
  try {
    const out = await new Deno.Command(GNU_TIME, {
      args: ["-f", "%M", ...cmd],
      env,
      stdout: "null",
      stderr: "piped",
    }).output();
    const lines = new TextDecoder().decode(out.stderr).trim().split("\n");
    const kib = Number(lines[lines.length - 1]);
    return out.success && Number.isFinite(kib) ? kib : undefined;
  } catch {
    return undefined;
  }
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], runs: sorted.length };
}

/**
 * A command line, or a function making a new one for every run (for commands
 * that change state, such as an install into a fresh namespace each time).
 */
export type Cmd = string[] | (() => string[]);

const line = (cmd: Cmd): string[] => (typeof cmd === "function" ? cmd() : cmd);

/** Runs both commands `runs` times, alternating, after one warm-up each. */
export async function compare(
  name: string,
  chartaCmd: Cmd,
  helmCmd: Cmd,
  runs = 15,
  env?: Record<string, string>,
): Promise<Comparison> {
  await timeOnce(line(chartaCmd), env);
  await timeOnce(line(helmCmd), env);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await timeOnce(line(chartaCmd), env));
    b.push(await timeOnce(line(helmCmd), env));
  }
  const charta = timing(a);
  const helm = timing(b);
  return {
    name,
    charta,
    helm,
    speedup: helm.median / charta.median,
    chartaPeakKiB: await peakKiB(line(chartaCmd), env),
    helmPeakKiB: await peakKiB(line(helmCmd), env),
  };
}

/** A markdown table row for a comparison. */
export function row(c: Comparison): string {
  const ms = (t: Timing) => `${t.median.toFixed(1)} ms`;
  const verdict = c.speedup >= 1
    ? `${c.speedup.toFixed(2)}× faster`
    : `${(1 / c.speedup).toFixed(2)}× slower`;
  const mib = (k?: number) => (k === undefined ? "–" : `${(k / 1024).toFixed(0)} MiB`);
  return `| ${c.name} | ${ms(c.charta)} | ${ms(c.helm)} | ${c.speedup.toFixed(2)} (${verdict}) | ` +
    `${mib(c.chartaPeakKiB)} / ${mib(c.helmPeakKiB)} |`;
}

/**
 * The V8 flags the single binary is built with: read from deno.json's `compile` task, so the
 * benchmarks always time what ships. `CHARTA_BENCH_V8_FLAGS` overrides them (for trying flags).
 */
export async function shippedV8Flags(): Promise<string> {
  const override = Deno.env.get("CHARTA_BENCH_V8_FLAGS");
  if (override) return override;
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  const flags = /--v8-flags=(\S+)/.exec(config.tasks.compile)?.[1];
  if (!flags) throw new Error("deno.json's compile task names no --v8-flags");
  return flags;
}

/**
 * Bundles main.ts into `dir` (what `deno task compile` embeds) and returns the command that runs
 * it as the binary runs, with the binary's V8 flags.
 */
export async function shippedCharta(dir: string): Promise<string[]> {
  const { bundle } = await import("../scripts/lib/bundle.ts");
  await bundle(dir);
  return [
    Deno.execPath(),
    "run",
    "--allow-all",
    "--quiet",
    `--v8-flags=${await shippedV8Flags()}`,
    `${dir}/main.js`,
  ];
}
