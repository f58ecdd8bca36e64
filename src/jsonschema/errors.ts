/**
 * Validation errors and their texts, worded and laid out as
 * santhosh-tekuri/jsonschema v6 prints them (the texts helm shows).
 *
 * @module
 */
import { goQuote } from "../goregexp/mod.ts";
import { formatFloat } from "../gotpl/ftoa.ts";
import { JsonNumber } from "./json.ts";
import { GoInt } from "../gotpl/value.ts";
import type { Rat } from "./rat.ts";

/** What went wrong at one place; `kind` names the keyword or structure. */
export type ErrorKind =
  | { kind: "schema"; location: string }
  | { kind: "group" }
  | { kind: "reference"; keyword: string; url: string }
  | { kind: "message"; keyword: string; text: string };

/** A tree of validation failures (the library's `*ValidationError`). */
export interface ValidationError {
  /** Where in the schema, `url#ptr`. */
  schemaUrl: string;
  /** JSON-pointer tokens of the failing value. */
  instanceLocation: string[];
  /** What failed. */
  kind: ErrorKind;
  /** Nested failures (subschemas of a combinator, a group, a reference). */
  causes: ValidationError[];
}

/** The library's quote: Go's %q, then single quotes outside and `"` unescaped. */
export function quote(s: string): string {
  const q = goQuote(s).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${q}'`;
}

/** Quoted names joined with ", ". */
export function joinQuoted(arr: readonly string[]): string {
  return arr.map(quote).join(", ");
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * `%v` of a float64 through golang.org/x/text's English printer (the library
 * formats its messages with one): shortest digits, `,` grouping, and
 * `1.5×10⁰⁶` where Go's `%v` would print `1.5e+06`.
 */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f < 0 ? "-∞" : "∞";
  const sign = f < 0 || Object.is(f, -0) ? "-" : "";
  const abs = Math.abs(f);
  const [mant, e] = formatFloat(abs, "e", -1, 64).split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const sup = [...String(Math.abs(exp)).padStart(2, "0")].map((d) => SUPERSCRIPT[Number(d)]).join("");
    return `${sign}${mant}×10${exp < 0 ? "⁻" : ""}${sup}`;
  }
  const [int, frac] = formatFloat(abs, "f", -1, 64).split(".");
  return sign + group(int) + (frac ? "." + frac : "");
}

/** `%d` of an integer through golang.org/x/text's English printer (`1,024`). */
export function goInt(n: number | bigint): string {
  const s = String(n);
  return s.startsWith("-") ? "-" + group(s.slice(1)) : group(s);
}

/** Whether a value (from a schema or the values) is an array or object rather than a primitive. */
export function isComposite(v: unknown): boolean {
  return Array.isArray(v) ||
    (typeof v === "object" && v !== null && !(v instanceof JsonNumber) && !(v instanceof GoInt));
}

/** The library's display of a primitive JSON value (`%v`, strings quoted, composites as "value"). */
export function display(v: unknown): string {
  if (typeof v === "string") return quote(v);
  if (v === null || v === undefined) return "<nil>";
  if (isComposite(v)) return "value";
  if (typeof v === "number") return goFloat(v);
  return String(v);
}

/** A keyword failure with its message. */
export function msg(keyword: string, text: string): ErrorKind {
  return { kind: "message", keyword, text };
}

/** `minimum: got 1, want 2` and the other numeric bounds. */
export function boundMsg(keyword: string, got: Rat, want: Rat): ErrorKind {
  return msg(keyword, `${keyword}: got ${goFloat(got.toFloat())}, want ${goFloat(want.toFloat())}`);
}

/** `'enum' failed` or `value must be one of …`. */
export function enumMsg(want: readonly unknown[]): ErrorKind {
  if (want.some(isComposite)) return msg("enum", "'enum' failed");
  if (want.length === 1) return msg("enum", `value must be ${display(want[0])}`);
  return msg("enum", `value must be one of ${want.map(display).join(", ")}`);
}

/** `'const' failed` or `value must be …`. */
export function constMsg(want: unknown): ErrorKind {
  return isComposite(want) ? msg("const", "'const' failed") : msg("const", `value must be ${display(want)}`);
}

function escapeToken(tok: string): string {
  return tok.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** JSON pointer text for tokens. */
export function jsonPtr(tokens: readonly string[]): string {
  return tokens.map((t) => "/" + escapeToken(t)).join("");
}

function kindText(k: ErrorKind): string {
  switch (k.kind) {
    case "schema":
      return `jsonschema validation failed with ${quote(k.location)}`;
    case "group":
    case "reference":
      return "validation failed";
    case "message":
      return k.text;
  }
}

function skip(e: ValidationError): boolean {
  return e.causes.length === 1 && e.kind.kind === "reference";
}

function displayInto(e: ValidationError, out: string[], indent: number): void {
  if (!skip(e)) {
    if (indent > 0) out.push("\n" + "  ".repeat(indent - 1) + "- ");
    indent++;
    if (e.kind.kind === "schema") out.push(kindText(e.kind));
    else out.push(`at ${quote(jsonPtr(e.instanceLocation))}: ${kindText(e.kind)}`);
  }
  for (const c of e.causes) displayInto(c, out, indent);
}

/** The error's text, as the library's `Error()` prints it. */
export function errorText(e: ValidationError): string {
  const out: string[] = [];
  displayInto(e, out, 0);
  return out.join("");
}

/** A failure to compile or load a schema, with the library's message. */
export class SchemaError extends Error {
  /** Builds the error. */
  constructor(message: string) {
    super(message);
    this.name = "SchemaError";
  }
}

/** Validation failed; `message` is the library's text for `tree`. */
export class SchemaValidationFailure extends Error {
  /** The error tree. */
  readonly tree: ValidationError;

  /** Builds the error from its tree. */
  constructor(tree: ValidationError) {
    super(errorText(tree));
    this.name = "SchemaValidationFailure";
    this.tree = tree;
  }
}
