/**
 * Shared pieces of the strvals tests: case tables run against a parse
 * function, with Helm's result (and error) as found with the reference helm.
 *
 * @module
 */

import assert from "node:assert/strict";
import { GoInt } from "../gotpl/value.ts";
import { StrvalsError } from "./mod.ts";

/** A Go int64, as `--set` produces for integers. */
export function i64(n: number | bigint): GoInt {
  return GoInt.of(n, "int64");
}

/** One case: input, optional starting values, the values afterwards and Helm's error. */
export interface Case {
  s: string;
  dest?: Record<string, unknown>;
  want: Record<string, unknown>;
  err?: string;
}

/** The message a thrown value shows; whole-object `--set-json` failures are marked `OBJ: `. */
export function messageOf(e: unknown): string {
  if (e instanceof StrvalsError) return (e.jsonObject ? "OBJ: " : "") + e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Runs every case through `parse`, checking the values (even after an error) and the error. */
export function runCases(
  cases: readonly Case[],
  parse: (s: string, dest: Record<string, unknown>) => void,
): void {
  for (const c of cases) {
    const dest = structuredCloneValues(c.dest ?? {});
    let err: string | undefined;
    try {
      parse(c.s, dest);
    } catch (e) {
      err = messageOf(e);
    }
    assert.equal(err, c.err, `error of ${JSON.stringify(c.s)}`);
    assert.deepStrictEqual(dest, c.want, `values of ${JSON.stringify(c.s)}`);
  }
}

/** A deep copy that keeps GoInt instances (structuredClone would not). */
export function structuredCloneValues<T>(v: T): T {
  if (Array.isArray(v)) return v.map(structuredCloneValues) as T;
  if (v !== null && typeof v === "object" && !(v instanceof GoInt)) {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) out[k] = structuredCloneValues(e);
    return out as T;
  }
  return v;
}
