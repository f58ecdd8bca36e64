/**
 * Records what the reference helm prints for each case of
 * fixtures/template/cases.yaml (exit code, stdout, stderr) into
 * fixtures/template/expected/, so that tests compare charta with helm
 * without needing helm. With --check, fails when helm's output changed.
 *
 * Usage: `deno run -A scripts/template_expected.ts [--check]` (needs `deno task reference-helm`).
 *
 * @module
 */
import { parse } from "yaml";
import { referenceHelmPath } from "./lib/reference_helm.ts";

/** One command line of the table. */
export interface CommandCase {
  name: string;
  args: string[];
}

/** What a run printed. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

const root = new URL("../", import.meta.url).pathname;

/** The cases, from fixtures/template/cases.yaml. */
export async function loadCommandCases(): Promise<CommandCase[]> {
  return parse(await Deno.readTextFile(`${root}fixtures/template/cases.yaml`)) as CommandCase[];
}

/** A clean environment, so the user's helm files never leak into expectations. */
export function caseEnv(home: string): Record<string, string> {
  return { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", TZ: "UTC" };
}

if (import.meta.main) {
  const helm = referenceHelmPath("v4");
  if (!helm) {
    console.error("Error: build the reference helm first: deno task reference-helm");
    Deno.exit(1);
  }
  const check = Deno.args.includes("--check");
  const home = await Deno.makeTempDir();
  let changed = 0;
  for (const c of await loadCommandCases()) {
    const out = await new Deno.Command(helm, {
      args: c.args,
      cwd: root,
      env: caseEnv(home),
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    const result: CommandResult = {
      code: out.code,
      stdout: dec.decode(out.stdout),
      stderr: dec.decode(out.stderr),
    };
    const path = `${root}fixtures/template/expected/${c.name}.json`;
    const text = JSON.stringify(result, null, 1) + "\n";
    if (check) {
      if ((await Deno.readTextFile(path).catch(() => "")) !== text) {
        changed++;
        console.error(`${c.name}: helm's output differs from the committed expectation`);
      }
    } else {
      await Deno.writeTextFile(path, text);
    }
  }
  await Deno.remove(home, { recursive: true });
  if (changed) Deno.exit(1);
}
