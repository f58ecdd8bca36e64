/**
 * Reads deno test's JUnit report and prints CI's closing line,
 * `N passed, N failed` (plus `, N skipped`). Exits 1 when a test failed or
 * when nothing ran, so that an empty run never passes.
 *
 * Usage: `deno run --allow-read scripts/test_summary.ts .test-results/junit.xml`
 *
 * @module
 */

/** Counts of a JUnit report. */
export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts the test cases of a JUnit XML report (deno's, or any). */
export function summarize(xml: string): Summary {
  const summary = { passed: 0, failed: 0, skipped: 0 };
  // A testcase is either self-closing or has a body that may hold <failure>, <error> or <skipped>.
  const re = /<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(re)) {
    const body = m[2] ?? "";
    if (/<(failure|error)\b/.test(body)) summary.failed++;
    else if (/<skipped\b/.test(body)) summary.skipped++;
    else summary.passed++;
  }
  return summary;
}

if (import.meta.main) {
  const path = Deno.args[0] ?? ".test-results/junit.xml";
  let xml = "";
  try {
    xml = await Deno.readTextFile(path);
  } catch {
    console.log("0 passed, 1 failed");
    console.error(`no test report at ${path}: the test run did not complete`);
    Deno.exit(1);
  }
  const { passed, failed, skipped } = summarize(xml);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  Deno.exit(failed > 0 || passed === 0 ? 1 : 0);
}
