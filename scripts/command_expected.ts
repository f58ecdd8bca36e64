/**
 * Records what the reference helm prints and writes for each case of the
 * suites in fixtures/commands/ (see scripts/lib/differential.ts), so that
 * tests compare charta with helm without needing helm. With --check, fails
 * when helm's output differs from the committed expectations.
 *
 * Usage: `deno run -A scripts/command_expected.ts [--check] [SUITE...]`
 * (needs `deno task reference-helm`).
 *
 * @module
 */
import { referenceHelmPath } from "./lib/reference_helm.ts";
import {
  type CommandCase,
  expectedPath,
  loadCommandCases,
  loadSuites,
  runCase,
  type Runner,
} from "./lib/differential.ts";

export type { CommandCase };

/** The reference helm as a runner. */
export function helmRunner(helm: string): Runner {
  return async (args, cwd, env) => {
    const out = await new Deno.Command(helm, {
      args,
      cwd,
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  };
}

if (import.meta.main) {
  const helm = referenceHelmPath("v4");
  if (!helm) {
    console.error("Error: build the reference helm first: deno task reference-helm");
    Deno.exit(1);
  }
  const check = Deno.args.includes("--check");
  const wanted = Deno.args.filter((a) => !a.startsWith("--"));
  const suites = wanted.length ? wanted : await loadSuites();
  const home = await Deno.makeTempDir();
  let changed = 0;
  for (const suite of suites) {
    await Deno.mkdir(expectedPath(suite, { name: "x", args: [] }).replace(/\/[^/]*$/, ""), {
      recursive: true,
    });
    for (const c of await loadCommandCases(suite)) {
      const result = await runCase(c, home, helmRunner(helm));
      const path = expectedPath(suite, c);
      const text = JSON.stringify(result, null, 1) + "\n";
      if (check) {
        if ((await Deno.readTextFile(path).catch(() => "")) !== text) {
          changed++;
          console.error(`${suite}/${c.name}: helm's output differs from the committed expectation`);
        }
      } else {
        await Deno.writeTextFile(path, text);
      }
    }
  }
  await Deno.remove(home, { recursive: true });
  if (changed) Deno.exit(1);
}
