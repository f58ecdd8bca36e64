import assert from "node:assert/strict";
import { sortYamlKeys, yamlKeyLess } from "./sort.ts";
import fc from "fast-check";

Deno.test("yaml.v2 natural order: non-letters before letters, digit runs numerically", () => {
  assert.deepEqual(sortYamlKeys(["ab", "a~", "AB", "A_B", "a10", "a2", "a1", "B", "b", "1", "10", "2", ""]), [
    "",
    "1",
    "2",
    "10",
    "A_B",
    "AB",
    "B",
    "a~",
    "a1",
    "a2",
    "a10",
    "ab",
    "b",
  ]);
});

Deno.test("yaml.v2 natural order: prefixes first, leading zeros", () => {
  assert.ok(yamlKeyLess("a", "ab"));
  assert.ok(yamlKeyLess("a1", "a01"));
  assert.ok(yamlKeyLess("a01", "a2"));
  assert.ok(yamlKeyLess("105", "1005"));
  assert.ok(!yamlKeyLess("x", "x"));
});

Deno.test("yaml.v3 order: after a digit, letters sort before non-letters", () => {
  assert.ok(yamlKeyLess("1_", "1a", false));
  assert.ok(yamlKeyLess("1a", "1_", true));
  assert.ok(yamlKeyLess("a_", "aa", true));
});

Deno.test("digit runs accumulate in int64 and wrap like Go", () => {
  // 2^63 wraps to a negative number, so it sorts before 1.
  assert.ok(yamlKeyLess("k9223372036854775808", "k1"));
  assert.ok(!yamlKeyLess("k1", "k9223372036854775808"));
  // 20 nines wrap to a positive number.
  assert.ok(yamlKeyLess("k1", "k99999999999999999999"));
});

Deno.test("digit-free ASCII keys: the total order gives what the pairwise order gives", () => {
  const key = fc.array(fc.constantFrom("a", "b", "Z", "A", "_", "-", ".", "/", "~", "[", "`", "{", " "), {
    maxLength: 5,
  }).map((cs) => cs.join(""));
  fc.assert(
    fc.property(fc.uniqueArray(key, { maxLength: 12 }), fc.boolean(), (keys, v3) => {
      const pairwise = [...keys].sort((a, b) => (a === b ? 0 : yamlKeyLess(a, b, v3) ? -1 : 1));
      assert.deepEqual(sortYamlKeys(keys, v3), pairwise);
    }),
    { numRuns: 2000 },
  );
});
