/**
 * charta against helm, command line by command line, for every suite of
 * fixtures/commands/: exit code, stdout, stderr and the files written must
 * equal what the reference helm printed and wrote (recorded by
 * scripts/command_expected.ts). Set CASES=suite or CASES=suite/name to run a part.
 */
import assert from "node:assert/strict";
import { runCli } from "../src/cli/run.ts";
import {
  type CommandResult,
  expectedPath,
  loadCommandCases,
  loadSuites,
  runCase,
  type Runner,
} from "../scripts/lib/differential.ts";

const home = await Deno.makeTempDir();
const only = Deno.env.get("CASES");

/** charta in-process; the working directory is the case's for the time of the run. */
const chartaRunner: Runner = async (args, cwd, env) => {
  let stdout = "";
  let stderr = "";
  const previous = Deno.cwd();
  Deno.chdir(cwd);
  try {
    const code = await runCli(args, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: (n) => env[n],
      binPath: "charta",
    });
    return { code, stdout, stderr: stderr.replaceAll("charta", "helm") };
  } finally {
    Deno.chdir(previous);
  }
};

for (const suite of await loadSuites()) {
  for (const c of await loadCommandCases(suite)) {
    const id = `${suite}/${c.name}`;
    if (only && only !== suite && only !== id) continue;
    Deno.test(`${suite}: ${c.name} matches helm`, async () => {
      const want = JSON.parse(await Deno.readTextFile(expectedPath(suite, c))) as CommandResult;
      const got = await runCase(c, home, chartaRunner);
      assert.deepEqual(got, want);
    });
  }
}
