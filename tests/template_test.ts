/**
 * `charta template` against `helm template`, command line by command line:
 * exit code, stdout and stderr must equal what the reference helm printed
 * (recorded in fixtures/template/expected/ by scripts/template_expected.ts).
 */
import assert from "node:assert/strict";
import { charta } from "./lib/cli.ts";
import { caseEnv, type CommandResult, loadCommandCases } from "../scripts/template_expected.ts";

const root = new URL("../", import.meta.url).pathname;
const home = await Deno.makeTempDir();

for (const c of await loadCommandCases()) {
  Deno.test(`template: ${c.name} prints what helm template prints`, async () => {
    const want = JSON.parse(
      await Deno.readTextFile(`${root}fixtures/template/expected/${c.name}.json`),
    ) as CommandResult;
    const got = await charta(c.args, caseEnv(home));
    assert.deepEqual(
      { code: got.code, stdout: got.stdout, stderr: got.stderr.replaceAll("charta", "helm") },
      want,
    );
  });
}
