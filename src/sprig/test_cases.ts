/**
 * Table-driven tests for Sprig functions: each case names a function, its
 * arguments (already in the Go types the executor would pass) and the Go
 * result, which `gen/oracle.ts` checks against (or fills from) real Sprig.
 *
 * @example
 * ```ts
 * const CASES = [c("trunc", I(3), "héllo").is("h\u00e9"), c("first", {}).fails("Cannot find first on type map")];
 * runCases("strings", stringFuncs, CASES);
 * ```
 *
 * @module
 */

import assert from "node:assert/strict";
import { Template } from "../gotpl/template.ts";
import { typeName } from "../gotpl/types.ts";
import { type FuncMap, GoInt, type IntKind, isPlainMap, withGoType } from "../gotpl/value.ts";
import { isNilSlice, nilSlice } from "./goreflect.ts";

/** One call and its expected outcome. */
export interface SprigCase {
  readonly fn: string;
  readonly args: readonly unknown[];
  /** Source file and line of the case, for reports and for the oracle's rewriting. */
  readonly file: string;
  readonly line: number;
  want?: { value: unknown } | { error: string };
  /** Set for results in Go's random map order: lists are compared as multisets. */
  unorderedResult?: boolean;
  is(value: unknown): SprigCase;
  fails(message: string): SprigCase;
  /** Marks the result as a list in random order (`keys`, `values`). */
  unordered(): SprigCase;
}

function callerLocation(): { file: string; line: number } {
  const stack = new Error().stack?.split("\n") ?? [];
  // [0] "Error", [1] callerLocation, [2] c(), [3] the case's line.
  const m = stack[3]?.match(/\((.*):(\d+):\d+\)$/) ?? stack[3]?.match(/at (.*):(\d+):\d+$/);
  return { file: m?.[1] ?? "?", line: Number(m?.[2] ?? 0) };
}

/** Starts a case: `c(fn, ...args).is(result)` or `.fails(message)`. */
export function c(fn: string, ...args: unknown[]): SprigCase {
  const where = callerLocation();
  const kase: SprigCase = {
    fn,
    args,
    ...where,
    is(value: unknown) {
      kase.want = { value };
      return kase;
    },
    fails(error: string) {
      kase.want = { error };
      return kase;
    },
    unordered() {
      kase.unorderedResult = true;
      return kase;
    },
  };
  return kase;
}

/** A Go integer of the given kind (default `int`). */
export function I(n: number | bigint, kind: IntKind = "int"): GoInt {
  return GoInt.of(n, kind);
}

/** A Go int64. */
export function I64(n: number | bigint): GoInt {
  return GoInt.of(n, "int64");
}

/** An array or map tagged with a Go type. */
export function T<V extends object>(goType: string, v: V): V {
  return withGoType(v, goType);
}

/** A nil slice of the given type. */
export function NIL(goType = "[]interface {}"): unknown[] {
  return nilSlice(goType);
}

/** Go equality for test results: same type, same value; NaN equals NaN and -0 differs from 0. */
export function sameGoValue(a: unknown, b: unknown): boolean {
  const aNil = a === null || a === undefined;
  const bNil = b === null || b === undefined;
  if (aNil || bNil) return aNil && bNil;
  if (typeName(a) !== typeName(b)) return false;
  if (typeof a === "number") return Object.is(a, b);
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (a instanceof Uint8Array) {
    const y = b as Uint8Array;
    return a.length === y.length && a.every((x, i) => x === y[i]);
  }
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return isNilSlice(a) === isNilSlice(y) && a.length === y.length &&
      a.every((x, i) => sameGoValue(x, y[i]));
  }
  if (isPlainMap(a)) {
    const y = b as Record<string, unknown>;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(y).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameGoValue(a[k], y[k]));
  }
  return a === b;
}

/** A list result in a canonical order, for results Go returns in random order. */
export function canonicalOrder(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const sorted = [...v].sort((a, b) => (show(a) < show(b) ? -1 : show(a) > show(b) ? 1 : 0));
  const tag = (v as unknown as Record<symbol, string | undefined>)[Symbol.for("charta.gotpl.goType")];
  return tag === undefined ? sorted : withGoType(sorted, tag);
}

/** A short printable form of a value for test names and failure messages. */
export function show(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v instanceof GoInt) return `${v.kind}(${v.value})`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof Uint8Array) return `[]byte{${v.join(",")}}`;
  if (Array.isArray(v)) return `${isNilSlice(v) ? "nil:" : ""}${typeName(v)}[${v.map(show).join(" ")}]`;
  if (isPlainMap(v)) {
    return `${typeName(v)}{${Object.keys(v).sort().map((k) => `${k}:${show(v[k])}`).join(" ")}}`;
  }
  return String(v);
}

/** Runs one case and returns a failure message, or undefined when it passes. */
export function checkCase(funcs: FuncMap, kase: SprigCase): string | undefined {
  const f = funcs[kase.fn];
  if (!f) return `no function ${kase.fn}`;
  let got: { value: unknown } | { error: string };
  try {
    got = { value: (f.fn as (...a: unknown[]) => unknown)(...kase.args) };
  } catch (e) {
    got = { error: e instanceof Error ? e.message : String(e) };
  }
  const want = kase.want;
  if (!want) return "case has no expectation";
  if ("error" in want) {
    if ("error" in got && got.error === want.error) return undefined;
    return `want error ${JSON.stringify(want.error)}, got ${
      "error" in got ? JSON.stringify(got.error) : show(got.value)
    }`;
  }
  if ("error" in got) return `want ${show(want.value)}, got error ${JSON.stringify(got.error)}`;
  const value = kase.unorderedResult ? canonicalOrder(got.value) : got.value;
  const expected = kase.unorderedResult ? canonicalOrder(want.value) : want.value;
  return sameGoValue(value, expected) ? undefined : `want ${show(expected)}, got ${show(value)}`;
}

/** Registers one Deno test per case. */
export function runCases(family: string, funcs: FuncMap, cases: readonly SprigCase[]): void {
  for (const kase of cases) {
    const name = `${family}: ${kase.fn}(${kase.args.map(show).join(", ")}) [line ${kase.line}]`;
    Deno.test(name, () => {
      const failure = checkCase(funcs, kase);
      assert.equal(failure, undefined, failure);
    });
  }
}

/** A template rendered with Sprig's functions and `{Values: values}` as data. */
export interface TemplateCase {
  readonly src: string;
  /** JSON-like values, as Helm loads them (numbers are float64). */
  readonly values: unknown;
  readonly file: string;
  readonly line: number;
  want?: { value: string } | { error: string };
  is(output: string): TemplateCase;
  fails(message: string): TemplateCase;
}

/** Starts a template case: `tc(src, values).is(output)` or `.fails(message)`. */
export function tc(src: string, values: unknown = {}): TemplateCase {
  const where = callerLocation();
  const kase: TemplateCase = {
    src,
    values,
    ...where,
    is(value: string) {
      kase.want = { value };
      return kase;
    },
    fails(error: string) {
      kase.want = { error };
      return kase;
    },
  };
  return kase;
}

/** Renders a template case the way Go's text/template would with Helm's missingkey=zero. */
export function renderCase(funcs: FuncMap, kase: TemplateCase): { value: string } | { error: string } {
  try {
    const t = new Template("t").option("missingkey=zero").funcs(funcs).parse(kase.src);
    return { value: t.execute({ Values: structuredClone(kase.values) }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Registers one Deno test per template case. */
export function runTemplateCases(family: string, funcs: FuncMap, cases: readonly TemplateCase[]): void {
  for (const kase of cases) {
    Deno.test(`${family}: ${kase.src} [line ${kase.line}]`, () => {
      const got = renderCase(funcs, kase);
      assert.deepEqual(got, kase.want);
    });
  }
}
