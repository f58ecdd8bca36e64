/**
 * charta's engine against Helm's, case by case: each case of
 * fixtures/conformance/cases/ must render byte-identically to the result
 * Helm's engine produced (fixtures/conformance/expected/), errors included.
 */
import assert from "node:assert/strict";
import { loadCases } from "../scripts/lib/conformance_cases.ts";
import type { Chart } from "../src/chart/types.ts";
import { allTemplates, renderTemplates, toRenderValues } from "../src/engine/mod.ts";
import { readValues } from "../src/values/read.ts";
import { coalesceValues } from "../src/values/coalesce.ts";
import { parseSet, parseSetString } from "../src/strvals/mod.ts";

const root = new URL("../fixtures/conformance/", import.meta.url);
const enc = new TextEncoder();

function renderCase(c: Awaited<ReturnType<typeof loadCases>>[number]["cases"][number]) {
  const chart: Chart = {
    metadata: { apiVersion: "v2", name: "c", version: "0.1.0", appVersion: "1.0.0" },
    templates: Object.entries(c.templates).map(([name, text]) => ({ name, data: enc.encode(text) })),
    files: Object.entries(c.files ?? {}).map(([name, text]) => ({ name, data: enc.encode(text) })),
    values: readValues(c.values ?? ""),
    dependencies: [],
  };
  const user: Record<string, unknown> = {};
  for (const s of c.set ?? []) parseSet(s, user);
  for (const s of c.setString ?? []) parseSetString(s, user);
  const vals = toRenderValues(chart, coalesceValues(chart, user), {
    name: "x",
    namespace: "default",
    revision: 1,
    isInstall: true,
    isUpgrade: false,
  });
  return Object.fromEntries(renderTemplates(allTemplates(chart, vals)));
}

for (const { family, cases } of await loadCases(root)) {
  const expected = JSON.parse(await Deno.readTextFile(new URL(`expected/${family}.json`, root)));
  Deno.test(`conformance: ${family} (${cases.length} cases) renders as helm 4`, () => {
    const failures: string[] = [];
    for (const c of cases) {
      const want = expected[c.name] as { outputs?: Record<string, string>; error?: string };
      let got: { outputs?: Record<string, string>; error?: string };
      try {
        got = { outputs: renderCase(c) };
      } catch (e) {
        got = { error: (e as Error).message };
      }
      try {
        assert.deepEqual(got, want);
      } catch {
        failures.push(`${c.name}:\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
      }
    }
    assert.equal(failures.length, 0, `${failures.length}/${cases.length} differ:\n${failures.join("\n")}`);
  });
}
