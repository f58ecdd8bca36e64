/**
 * Value-level pieces shared by the `--set` parsers: Helm's `set`,
 * `setIndex`, `typedVal`, its index parsing, and the Go type assertions
 * whose failures Helm turns into `unable to parse key: …` errors.
 *
 * @module
 */

import { setOwn } from "../gojson/decode.ts";
import { typeName } from "../gotpl/types.ts";
import { quote, quoteRune } from "../gotpl/quote.ts";
import { GoInt, goTypeTag, isPlainMap } from "../gotpl/value.ts";
import { parseInt as goParseInt } from "../sprig/strconv.ts";
import { GoErr, GoPanic } from "./errors.ts";

/** A Go `map[string]interface{}` as the parsers build and mutate it. */
export type Table = Record<string, unknown>;

/**
 * Largest list index `--set` accepts (Helm's `strvals.MaxIndex`, 64 Ki);
 * `a[65536]` still works and makes a list of 65537 elements.
 */
export const MAX_INDEX = 65536;

/** Deepest `a.b.c` nesting accepted (Helm's `strvals.MaxNestedNameLevel`). */
export const MAX_NESTED_NAME_LEVEL = 30;

/** Helm's `set`: an empty key is silently ignored. */
export function set(data: Table, key: string, value: unknown): void {
  if (key.length === 0) return;
  setOwn(data, key, value);
}

/** True when `data` has `key` as its own entry (never an inherited property). */
export function has(data: Table, key: string): boolean {
  return Object.hasOwn(data, key);
}

/** The number of entries of a table, as Go's `len(map)`. */
export function size(data: Table): number {
  return Object.keys(data).length;
}

function assertionPanic(v: unknown, want: string): GoPanic {
  const have = v === null || v === undefined ? "nil" : typeName(v);
  return new GoPanic(`interface conversion: interface {} is ${have}, not ${want}`);
}

/** True for a value Go would see as `map[string]interface{}` (no other named type). */
export function isTable(v: unknown): v is Table {
  if (!isPlainMap(v)) return false;
  const tag = goTypeTag(v);
  return tag === undefined || tag === "map[string]interface {}";
}

/** True for a value Go would see as `[]interface{}`. */
export function isList(v: unknown): v is unknown[] {
  if (!Array.isArray(v)) return false;
  const tag = goTypeTag(v);
  return tag === undefined || tag === "[]interface {}";
}

/** `v.(map[string]any)`: panics like Go when `v` is anything else. */
export function assertTable(v: unknown): Table {
  if (isTable(v)) return v;
  throw assertionPanic(v, "map[string]interface {}");
}

/** `v.([]any)`: panics like Go when `v` is anything else. */
export function assertList(v: unknown): unknown[] {
  if (isList(v)) return v;
  throw assertionPanic(v, "[]interface {}");
}

/**
 * Helm's `setIndex`: stores `value` at `index`, growing the list with nulls.
 * A list that must grow is replaced by a new one (as Go's `make` + `copy`),
 * so other holders of the old list do not see the change.
 */
export function setIndex(list: unknown[], index: bigint, value: unknown): [unknown[], GoErr | null] {
  if (index < 0n) return [list, new GoErr(`negative ${index} index not allowed`)];
  if (index > BigInt(MAX_INDEX)) {
    return [list, new GoErr(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`)];
  }
  const i = Number(index);
  if (list.length <= i) {
    const grown = list.slice();
    while (grown.length <= i) grown.push(null);
    list = grown;
  }
  list[i] = value;
  return [list, null];
}

/** `strconv.Atoi` of a list index, with Go's `*NumError` message on failure. */
export function atoiIndex(s: string): [bigint, GoErr | null] {
  const r = goParseInt(s, 10, 64);
  if (r.err) {
    const why = r.err === "range" ? "value out of range" : "invalid syntax";
    return [0n, new GoErr(`strconv.Atoi: parsing ${quote(s)}: ${why}`)];
  }
  return [r.value, null];
}

/**
 * Go's `strings.EqualFold(s, word)` for an all-ASCII lower-case `word`.
 * Beyond ASCII case, Unicode simple folding only adds ſ (U+017F) ≡ s and
 * the Kelvin sign (U+212A) ≡ k.
 */
function equalFoldASCII(s: string, word: string): boolean {
  let i = 0;
  for (const ch of s) {
    if (i >= word.length) return false;
    let cp = ch.codePointAt(0)!;
    if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
    else if (cp === 0x17f) cp = 0x73;
    else if (cp === 0x212a) cp = 0x6b;
    if (cp !== word.charCodeAt(i)) return false;
    i++;
  }
  return i === word.length;
}

/**
 * Helm's `typedVal`: with `stringOnly` the text itself; otherwise `true`,
 * `false` and `null` in any case, base-10 integers that fit int64 and do not
 * start with `0` (except `0` itself) as int64, and anything else as text.
 */
export function typedVal(text: string, stringOnly: boolean): unknown {
  if (stringOnly) return text;
  if (equalFoldASCII(text, "true")) return true;
  if (equalFoldASCII(text, "false")) return false;
  if (equalFoldASCII(text, "null")) return null;
  if (text === "0") return GoInt.of(0, "int64");
  if (text.length !== 0 && text[0] !== "0") {
    const r = goParseInt(text, 10, 64);
    if (!r.err) return new GoInt(r.value, "int64");
  }
  return text;
}

/** Go's `%q` of a `[]rune`: `['a' 'b']`. */
export function quoteRunes(text: string): string {
  return "[" + [...text].map((c) => quoteRune(c.codePointAt(0)!)).join(" ") + "]";
}
