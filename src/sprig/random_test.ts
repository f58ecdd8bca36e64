import assert from "node:assert/strict";
import fc from "fast-check";
import type { GoInt } from "../gotpl/value.ts";
import { randomFuncs } from "./random.ts";
import { c, I, runCases } from "./test_cases.ts";

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts).
// deno-fmt-ignore
export const CASES = [
  c("randAlphaNum", I(0)).is(""),
  c("randAlphaNum", I(-3)).is(""),
  c("randAscii", I(-1)).is(""),
  c("randInt", I(5), I(5)).fails("invalid argument to Intn"),
  c("randInt", I(6), I(5)).fails("invalid argument to Intn"),
  c("randInt", I(7), I(8)).is(I(7)),
];

runCases("random", randomFuncs, CASES);

const call = <T>(name: string, ...args: unknown[]) =>
  (randomFuncs[name].fn as (...a: unknown[]) => T)(...args);

Deno.test("random property: strings have the requested length and alphabet", () => {
  const alphabets: Record<string, RegExp> = {
    randAlphaNum: /^[A-Za-z0-9]*$/,
    randAlpha: /^[A-Za-z]*$/,
    randNumeric: /^[0-9]*$/,
    randAscii: /^[\x20-\x7e]*$/,
  };
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(alphabets)), fc.nat(200), (name, n) => {
      const s = call<string>(name, I(n));
      return s.length === n && alphabets[name].test(s);
    }),
  );
});

Deno.test("random property: randInt stays in [min, max) and is an int", () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (min, span) => {
      const r = call<GoInt>("randInt", I(min), I(min + span));
      return r.kind === "int" && r.value >= BigInt(min) && r.value < BigInt(min + span);
    }),
  );
});

Deno.test("random: every character class shows up over many draws", () => {
  const s = call<string>("randAlphaNum", I(2000));
  assert.match(s, /[a-z]/);
  assert.match(s, /[A-Z]/);
  assert.match(s, /[0-9]/);
  const seen = new Set(call<string>("randNumeric", I(500)));
  assert.equal(seen.size, 10);
});
