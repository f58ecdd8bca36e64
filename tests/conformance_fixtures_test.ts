import assert from "node:assert/strict";
import { loadCases } from "../scripts/lib/conformance_cases.ts";

const root = new URL("../fixtures/conformance/", import.meta.url);

Deno.test("every conformance case has helm's expected result committed, and nothing else is", async () => {
  for (const { family, cases } of await loadCases(root)) {
    const expected = JSON.parse(await Deno.readTextFile(new URL(`expected/${family}.json`, root)));
    assert.deepEqual(Object.keys(expected).sort(), cases.map((c) => c.name).sort(), family);
    for (
      const [name, r] of Object.entries(expected) as Array<[string, { outputs?: unknown; error?: unknown }]>
    ) {
      assert.ok(
        (r.outputs === undefined) !== (r.error === undefined),
        `${family}/${name}: outputs xor error`,
      );
    }
  }
});

Deno.test({
  name: "differential: the committed expected results are what helm's engine renders today",
  // Needs Go and the module proxy to build the oracle; CI always runs it.
  ignore: !Deno.env.get("CI") && !Deno.env.get("CHARTA_CONFORMANCE"),
  fn: async () => {
    const script = new URL("../scripts/conformance.ts", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", "--quiet", script, "--check"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  },
});
