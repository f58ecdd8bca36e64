import assert from "node:assert/strict";
import { type FloatFormat, formatFloatShortest } from "./float.ts";
import cases from "./testdata/float.json" with { type: "json" };

Deno.test("formatFloatShortest matches strconv.FormatFloat(x, fmt, -1, bits) on the fixture table", () => {
  const bad: string[] = [];
  for (const c of cases) {
    const got = formatFloatShortest(Number(c.x), c.fmt as FloatFormat, c.bits as 32 | 64);
    if (got !== c.out) bad.push(`${c.x} ${c.fmt} ${c.bits}: got ${got}, want ${c.out}`);
  }
  assert.deepEqual(bad, []);
  assert.ok(cases.length > 400);
});

Deno.test("formatFloatShortest: 'g' switches to exponent form at 1e6 and below 1e-4", () => {
  assert.equal(formatFloatShortest(1e6, "g"), "1e+06");
  assert.equal(formatFloatShortest(999999, "g"), "999999");
  assert.equal(formatFloatShortest(0.0001, "g"), "0.0001");
  assert.equal(formatFloatShortest(0.00001, "g"), "1e-05");
  assert.equal(formatFloatShortest(123456789.5, "g"), "1.234567895e+08");
  assert.equal(formatFloatShortest(-0, "g"), "-0");
});

Deno.test("formatFloatShortest: specials and float32 precision", () => {
  assert.equal(formatFloatShortest(NaN, "g"), "NaN");
  assert.equal(formatFloatShortest(Infinity, "f"), "+Inf");
  assert.equal(formatFloatShortest(-Infinity, "e"), "-Inf");
  assert.equal(formatFloatShortest(1.1, "g", 32), "1.1");
  assert.equal(formatFloatShortest(3.14159265, "g", 32), "3.1415927");
  assert.equal(formatFloatShortest(1e21, "f"), "1000000000000000000000");
  assert.equal(formatFloatShortest(5e-324, "e"), "5e-324");
});
