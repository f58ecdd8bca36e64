import assert from "node:assert/strict";
import { summarize } from "./test_summary.ts";

Deno.test("summarize counts passed, failed and skipped test cases", () => {
  const xml = `<testsuites><testsuite name="a">
<testcase name="ok one" classname="a" time="0.1"></testcase>
<testcase name="ok two" classname="a" time="0.1"/>
<testcase name="bad" classname="a"><failure message="x">boom</failure></testcase>
<testcase name="ignored" classname="a"><skipped/></testcase>
</testsuite></testsuites>`;
  assert.deepEqual(summarize(xml), { passed: 2, failed: 1, skipped: 1 });
  assert.deepEqual(summarize("<testsuites></testsuites>"), { passed: 0, failed: 0, skipped: 0 });
});
