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

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], runs: sorted.length };
}

/** Runs both commands `runs` times, alternating, after one warm-up each. */
export async function compare(
  name: string,
  chartaCmd: string[],
  helmCmd: string[],
  runs = 15,
  env?: Record<string, string>,
): Promise<Comparison> {
  await timeOnce(chartaCmd, env);
  await timeOnce(helmCmd, env);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await timeOnce(chartaCmd, env));
    b.push(await timeOnce(helmCmd, env));
  }
  const charta = timing(a);
  const helm = timing(b);
  return { name, charta, helm, speedup: helm.median / charta.median };
}

/** A markdown table row for a comparison. */
export function row(c: Comparison): string {
  const ms = (t: Timing) => `${t.median.toFixed(1)} ms`;
  const verdict = c.speedup >= 1
    ? `${c.speedup.toFixed(2)}× faster`
    : `${(1 / c.speedup).toFixed(2)}× slower`;
  return `| ${c.name} | ${ms(c.charta)} | ${ms(c.helm)} | ${c.speedup.toFixed(2)} (${verdict}) |`;
}
