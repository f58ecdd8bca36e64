import assert from "node:assert/strict";
import { pathMatch } from "./path_match.ts";

// Expected results are Go's filepath.Match (errors count as no match).
const cases: [string, string, boolean][] = [
  ["templates/*", "templates/a.yaml", true],
  ["templates/*", "templates/sub/a.yaml", false],
  ["*", "templates", true],
  ["*", "", true],
  ["", "", true],
  ["", "a", false],
  ["templates/?.yaml", "templates/é.yaml", true],
  ["templates/[a-c]*", "templates/b.yaml", true],
  ["templates/[^a-c]*", "templates/b.yaml", false],
  ["templates/[^a-c]*", "templates/d.yaml", true],
  ["templates/[]a]", "templates/]", false],
  ["templates/[", "templates/[", false],
  ["templates/[a-]", "templates/a", false],
  ["a\\*b", "a*b", true],
  ["a\\", "a", false],
  ["[\\]]", "]", true],
  ["*x", "ax/x", false],
  ["*/*", "a/b", true],
  ["a*b*c", "abxbc", true],
  ["a*", "a/b", false],
  ["*[", "a", false],
  ["ab[", "x", false],
  ["?", "/", false],
  ["[^a]", "/", true],
  ["**", "ab", true],
  ["𝄞?", "𝄞é", true],
];

Deno.test("pathMatch: Go's filepath.Match", () => {
  for (const [p, n, want] of cases) assert.equal(pathMatch(p, n), want, `${p} ~ ${n}`);
});
