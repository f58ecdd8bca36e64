/**
 * The template conformance table: cases under fixtures/conformance/cases/
 * (YAML lists of template snippets with values) are rendered by Helm's own
 * engine (the oracle, built from the Go module proxy) and the results are
 * written to fixtures/conformance/expected/, which tests compare charta with.
 *
 * Usage:
 *   deno task conformance           regenerate the expected outputs
 *   deno task conformance --check   fail if the committed outputs differ from helm's
 *
 * @module
 */
import { buildEngineOracle } from "./lib/reference_helm.ts";
import { type ConformanceCase, type Expected, loadCases } from "./lib/conformance_cases.ts";

const root = new URL("../fixtures/conformance/", import.meta.url);

async function oracle(bin: string, cases: ConformanceCase[]): Promise<Expected[]> {
  const child = new Deno.Command(bin, { stdin: "piped", stdout: "piped", stderr: "inherit" }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(cases.map((c) => ({
    name: c.name,
    templates: c.templates,
    values: c.values ?? "",
    set: c.set ?? [],
    setString: c.setString ?? [],
    files: c.files ?? {},
  })))));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error(`the engine oracle failed (exit ${out.code})`);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const bin = await buildEngineOracle();
  let differences = 0;
  for (const { family, cases } of await loadCases(root)) {
    const results = await oracle(bin, cases);
    const expected: Record<string, Omit<Expected, "name">> = {};
    for (const r of results) {
      expected[r.name] = r.error !== undefined ? { error: r.error } : { outputs: r.outputs };
    }
    const text = JSON.stringify(expected, null, 1) + "\n";
    const path = new URL(`expected/${family}.json`, root);
    if (check) {
      const committed = await Deno.readTextFile(path).catch(() => "");
      if (committed !== text) {
        differences++;
        console.error(`${family}: committed expected outputs differ from helm's`);
      }
    } else {
      await Deno.writeTextFile(path, text);
      console.log(`${family}: ${cases.length} cases`);
    }
  }
  if (differences) Deno.exit(1);
}
