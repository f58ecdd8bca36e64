/**
 * Helpers to run charta (in-process or as a real process) and the reference helm in tests.
 *
 * @module
 */
import { runCli } from "../../src/cli/run.ts";
import { referenceHelmPath } from "../../scripts/lib/reference_helm.ts";

/** Output of one run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An environment isolated from the user's own helm files. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", ...extra };
}

/** Runs charta in-process with a given environment. */
export async function charta(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: (n) => env[n],
    binPath: "charta",
  });
  return { code, stdout, stderr };
}

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** Runs `main.ts` as a real process, as a user would. */
export async function chartaProcess(args: string[], env?: Record<string, string>): Promise<RunResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--quiet", MAIN, ...args],
    env,
    clearEnv: env !== undefined,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/**
 * The reference helm 4 binary. Tests that compare against it run when it is
 * built (`deno task reference-helm`); in CI its absence is a failure.
 */
export function helmBinary(): string | undefined {
  const path = referenceHelmPath("v4");
  if (!path && Deno.env.get("CI")) throw new Error("reference helm is not built; .ci/run must build it");
  return path;
}

/** Runs the reference helm. */
export async function helm(bin: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  const out = await new Deno.Command(bin, { args, env, clearEnv: true, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
