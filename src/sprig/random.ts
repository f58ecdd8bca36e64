/**
 * Sprig's random strings and integers: `randAlphaNum`, `randAlpha`,
 * `randAscii`, `randNumeric` (Masterminds goutils' crypto-random helpers)
 * and `randInt` (math/rand's `Intn(max-min) + min`).
 *
 * @module
 */

import { type FuncMap, goFunc, GoInt } from "../gotpl/value.ts";
import { intArg } from "./cast.ts";

/** A uniformly random integer in [0, n) from the system CSPRNG, n ≤ 2^32. */
function randomBelow(n: number): number {
  const buf = new Uint32Array(1);
  // Reject the top of the range so every value is equally likely.
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) return buf[0] % n;
  }
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * goutils' `CryptoRandom` restricted to what Sprig uses: characters drawn
 * from [start, end) (or ' '..'z' when both are 0 and a filter is on), kept
 * when they pass the letter/digit filter. Within ASCII, Go's Unicode letter
 * and digit tests are the ASCII ones. A negative count is an error that
 * Sprig ignores, giving "".
 */
function cryptoRandom(count: number, start: number, end: number, letters: boolean, numbers: boolean): string {
  if (count <= 0) return "";
  if (start === 0 && end === 0) {
    start = 0x20;
    end = 0x7a + 1;
  }
  let out = "";
  while (out.length < count) {
    const c = start + randomBelow(end - start);
    if ((letters && isLetter(c)) || (numbers && isDigit(c)) || (!letters && !numbers)) {
      out += String.fromCharCode(c);
    }
  }
  return out;
}

/** Go's `rand.Intn(max-min) + min`, panicking like Go when max ≤ min. */
function randInt(min: unknown, max: unknown): GoInt {
  const lo = BigInt.asIntN(64, BigInt(intArg(min)));
  const n = BigInt.asIntN(64, BigInt(intArg(max)) - lo);
  if (n <= 0n) throw new Error("invalid argument to Intn");
  // Draw 32-bit chunks up to the bit length of n and reject values ≥ n, for uniformity.
  const bits = n.toString(2).length;
  let r: bigint;
  do {
    r = 0n;
    for (let b = 0; b < bits; b += 32) r = (r << 32n) | BigInt(randomBelow(0x100000000));
    r &= (1n << BigInt(bits)) - 1n;
  } while (r >= n);
  return new GoInt(r + lo, "int");
}

const countFunc = (letters: boolean, numbers: boolean, start = 0, end = 0) =>
  goFunc(["int"], (count: unknown) => cryptoRandom(intArg(count), start, end, letters, numbers));

/** Sprig's random-value functions (the string ones are listed under strings in Sprig). */
export const randomFuncs: FuncMap = {
  randAlphaNum: countFunc(true, true),
  randAlpha: countFunc(true, false),
  randAscii: countFunc(false, false, 32, 127),
  randNumeric: countFunc(false, true),
  randInt: goFunc(["int", "int"], randInt),
};
