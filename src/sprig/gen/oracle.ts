/**
 * Checks the Sprig case tables (`src/sprig/*_test.ts`, exporting `CASES`)
 * against real Sprig v3.3.0 through the Go harness in `oracle/`, and
 * optionally rewrites each case's expectation with Go's result.
 *
 *   deno run -A src/sprig/gen/oracle.ts [--write] src/sprig/strings_test.ts …
 *
 * The harness binary is taken from $SPRIG_ORACLE (default
 * /tmp/sprig-oracle/sprig-oracle); see README.md for building it.
 *
 * @module
 */

import { GoInt, goTypeTag, isPlainMap, withGoType } from "../../gotpl/value.ts";
import { isNilSlice, nilSlice } from "../goreflect.ts";
import { goBytes, goString } from "../gostring.ts";
import {
  canonicalOrder,
  checkCase,
  renderCase,
  sameGoValue,
  show,
  type SprigCase,
  type TemplateCase,
} from "../test_cases.ts";
import type { FuncMap } from "../../gotpl/value.ts";
import { sprigFuncs } from "../mod.ts";

interface Typed {
  t: string;
  v?: unknown;
  nil?: boolean;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

/** Describes a JS value as the harness's typed JSON. */
function encode(v: unknown): Typed {
  if (v === null || v === undefined) return { t: "nil" };
  if (typeof v === "string") return { t: "string", v: hex(goBytes(v)) };
  if (typeof v === "number") return { t: "float64", v: Object.is(v, -0) ? "-0" : String(v) };
  if (typeof v === "boolean") return { t: "bool", v };
  if (v instanceof GoInt) return { t: v.kind, v: v.value.toString() };
  if (v instanceof Uint8Array) return { t: "[]uint8", v: hex(v) };
  if (Array.isArray(v)) {
    return { t: goTypeTag(v) ?? "[]interface {}", nil: isNilSlice(v) || undefined, v: v.map(encode) };
  }
  if (isPlainMap(v)) {
    const items: Record<string, Typed> = {};
    for (const k of Object.keys(v)) items[k] = encode(v[k]);
    return { t: goTypeTag(v) ?? "map[string]interface {}", v: items };
  }
  throw new Error(`cannot send ${String(v)} to the oracle`);
}

/** The JS value of a typed result. */
function decode(t: Typed): unknown {
  switch (t.t) {
    case "nil":
      return null;
    case "string":
      return goString(unhex(t.v as string));
    case "bool":
      return t.v;
    case "float64":
      return parseGoFloat(t.v as string);
    case "[]uint8":
      return unhex(t.v as string);
  }
  if (/^u?int(8|16|32|64)?$/.test(t.t)) return GoInt.of(BigInt(t.v as string), t.t as GoInt["kind"]);
  if (t.t.startsWith("[]")) {
    if (t.nil) return nilSlice(t.t);
    const items = (t.v as Typed[]).map(decode);
    return t.t === "[]interface {}" ? items : withGoType(items, t.t);
  }
  if (t.t.startsWith("map[") || t.t.includes(".")) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(t.v as Record<string, Typed>)) {
      Object.defineProperty(out, k, {
        value: decode(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return t.t === "map[string]interface {}" ? out : withGoType(out, t.t);
  }
  throw new Error(`cannot decode oracle type ${t.t}`);
}

function parseGoFloat(s: string): number {
  if (s === "+Inf") return Infinity;
  if (s === "-Inf") return -Infinity;
  return Number(s);
}

/** A string literal with invisible characters (controls, format, separators) escaped. */
function quoteTS(s: string): string {
  return JSON.stringify(s).replace(
    /[^\x20-\x7e\p{L}\p{M}\p{N}\p{P}\p{S}]/gu,
    (ch) => ch.split("").map((u) => "\\u" + u.charCodeAt(0).toString(16).padStart(4, "0")).join(""),
  );
}

/** TypeScript source for a value, using the helpers of test_cases.ts. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return quoteTS(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "-Infinity";
    return Object.is(v, -0) ? "-0" : String(v);
  }
  if (v instanceof GoInt) {
    const n = v.value >= BigInt(Number.MIN_SAFE_INTEGER) && v.value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? v.value.toString()
      : `${v.value}n`;
    if (v.kind === "int") return `I(${n})`;
    if (v.kind === "int64") return `I64(${n})`;
    return `I(${n}, "${v.kind}")`;
  }
  if (v instanceof Uint8Array) return `new Uint8Array([${v.join(", ")}])`;
  if (Array.isArray(v)) {
    const tag = goTypeTag(v);
    if (isNilSlice(v)) return tag ? `NIL("${tag}")` : "NIL()";
    const body = `[${v.map(literal).join(", ")}]`;
    return tag ? `T("${tag}", ${body})` : body;
  }
  if (isPlainMap(v)) {
    const keys = Object.keys(v).sort();
    const body = keys.length === 0
      ? "{}"
      : `{ ${
        keys.map((k) => `${k === "__proto__" ? '["__proto__"]' : JSON.stringify(k)}: ${literal(v[k])}`).join(
          ", ",
        )
      } }`;
    const tag = goTypeTag(v);
    return tag ? `T("${tag}", ${body})` : body;
  }
  return String(v);
}

async function runOracle(
  calls: unknown[],
  bin = Deno.env.get("SPRIG_ORACLE") ?? "/tmp/sprig-oracle/sprig-oracle",
): Promise<({ ok?: Typed; err?: string; out?: string })[]> {
  const child = new Deno.Command(bin, { stdin: "piped", stdout: "piped" }).spawn();
  // Read while writing: a large batch would otherwise fill both pipes and deadlock.
  const output = child.output();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(calls.map((x) => JSON.stringify(x)).join("\n") + "\n"));
  await writer.close();
  const out = await output;
  return new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => JSON.parse(l));
}

/** Replaces the expectation at the end of a case's line. */
function rewrite(lines: string[], line: number, suffix: string): boolean {
  const idx = line - 1;
  const at = Math.max(lines[idx].lastIndexOf(").is("), lines[idx].lastIndexOf(").fails("));
  if (at < 0) return false;
  const tail = lines[idx].trimEnd().endsWith(",") ? "," : "";
  lines[idx] = lines[idx].slice(0, at + 1) + suffix + tail;
  return true;
}

/** Checks template cases against Go's text/template with Sprig (the `tplrun` harness). */
async function checkTemplates(file: string, cases: TemplateCase[], lines: string[]): Promise<number> {
  if (cases.length === 0) return 0;
  const bin = Deno.env.get("SPRIG_TPL_ORACLE") ?? "/tmp/sprig-oracle/tplrun";
  const results = await runOracle(cases.map((k) => ({ src: k.src, values: k.values })), bin);
  let problems = 0;
  cases.forEach((kase, i) => {
    const r = results[i];
    const goWant: { error: string } | { value: string } = r.err !== undefined
      ? { error: r.err }
      : { value: r.out ?? "" };
    const suffix = "error" in goWant ? `.fails(${quoteTS(goWant.error)})` : `.is(${quoteTS(goWant.value)})`;
    if (JSON.stringify(kase.want) !== JSON.stringify(goWant)) {
      if (write) {
        if (!rewrite(lines, kase.line, suffix)) console.log(`${file}:${kase.line}: cannot rewrite`);
      } else {
        console.log(`${file}:${kase.line}: case disagrees with Go; Go says ${suffix}`);
        problems++;
      }
    }
    const got = renderCase(funcs, kase);
    if (JSON.stringify(got) !== JSON.stringify(goWant)) {
      console.log(
        `${file}:${kase.line}: ${kase.src}: charta differs from Go: got ${JSON.stringify(got)}, Go ${
          JSON.stringify(goWant)
        }`,
      );
      problems++;
    }
  });
  return problems;
}

const write = Deno.args.includes("--write");
const files = Deno.args.filter((a) => !a.startsWith("--"));
const funcs: FuncMap = sprigFuncs();
let problems = 0;
for (const file of files) {
  const mod = await import(new URL(file, `file://${Deno.cwd()}/`).href);
  const cases = (mod.CASES ?? []) as SprigCase[];
  const calls = cases.map((k) => ({ fn: k.fn, args: k.args.map(encode) }));
  const results = calls.length === 0 ? [] : await runOracle(calls);
  const lines = (await Deno.readTextFile(file)).split("\n");
  cases.forEach((kase, i) => {
    const r = results[i];
    const goValue = r.ok === undefined ? undefined : decode(r.ok);
    const goWant = r.err !== undefined
      ? { error: r.err }
      : { value: kase.unorderedResult ? canonicalOrder(goValue) : goValue };
    const want = kase.want;
    const agrees = want !== undefined &&
      ("error" in goWant ? "error" in want && want.error === goWant.error : "value" in want &&
        sameGoValue(kase.unorderedResult ? canonicalOrder(want.value) : want.value, goWant.value));
    const suffix = "error" in goWant
      ? `.fails(${JSON.stringify(goWant.error)})`
      : `.is(${literal(goWant.value)})`;
    if (!agrees) {
      if (write) {
        if (!rewrite(lines, kase.line, suffix + (kase.unorderedResult ? ".unordered()" : ""))) {
          console.log(`${file}:${kase.line}: cannot rewrite`);
        }
      } else {
        console.log(
          `${file}:${kase.line}: ${kase.fn}: case says ${
            want ? JSON.stringify(want, (_k, x) => x instanceof GoInt ? String(x) : x) : "nothing"
          }; Go says ${suffix}`,
        );
        problems++;
      }
    }
    // The implementation must agree with Go too.
    const probe = { ...kase, want: goWant, args: calls[i].args.map(decode) } as SprigCase;
    const failure = checkCase(funcs, probe);
    if (failure) {
      console.log(
        `${file}:${kase.line}: ${kase.fn}(${
          probe.args.map(show).join(", ")
        }): charta differs from Go: ${failure}`,
      );
      problems++;
    }
  });
  problems += await checkTemplates(file, (mod.TEMPLATE_CASES ?? []) as TemplateCase[], lines);
  if (write) await Deno.writeTextFile(file, lines.join("\n"));
}
console.log(problems === 0 ? "all cases agree with Go" : `${problems} problem(s)`);
