/**
 * Helm's `--set` family of value flags (`helm.sh/helm/v4/pkg/strvals` and the
 * `--set-json` handling of `pkg/cli/values`), parsed exactly as Helm parses
 * them, into an existing values table.
 *
 * | flag            | function                 | values become                          |
 * |-----------------|--------------------------|----------------------------------------|
 * | `--set`         | {@link parseSet}         | bool, null, int64 (`GoInt`), or string |
 * | `--set-string`  | {@link parseSetString}   | strings                                |
 * | `--set-file`    | {@link parseSetFile}     | whatever the reader returns            |
 * | `--set-json`    | {@link parseSetJSON}     | JSON values (numbers are float64)      |
 * | `--set-literal` | {@link parseSetLiteral}  | the rest of the input, verbatim        |
 *
 * Failures throw a {@link StrvalsError} whose message is Helm's error text
 * before the caller's wrapping; Helm's CLI prefixes it with
 * `failed parsing --set data: ` (or `--set-string`, `--set-file`,
 * `--set-literal`). `--set-json` failures are reported without the cause, see
 * {@link setJSONFailureMessage}.
 *
 * As in Helm, `dest` is changed in place and may be partly changed when an
 * error is thrown. Some malformed inputs are not errors in Helm and are not
 * here either: `a[1` or `a.` at the end of the input set nothing, `a[0]`
 * leaves an empty list.
 *
 * @example
 * ```ts
 * import { parseSet } from "./mod.ts";
 * const values: Record<string, unknown> = {};
 * parseSet("image.tag=v1,replicas=3,ports={80,443},debug=TRUE", values);
 * // { image: { tag: "v1" }, replicas: GoInt(3, int64), ports: [GoInt(80), GoInt(443)], debug: true }
 * ```
 *
 * @module
 */

import type { Values } from "../values/types.ts";
import { trimGoSpace } from "../gotpl/utf8.ts";
import { GoErr, StrvalsError, toThrown } from "./errors.ts";
import { decodeJSONObject, mergeMapsInto } from "./json_value.ts";
import { LiteralParser } from "./literal.ts";
import { Parser, runAsync, runSync } from "./parser.ts";

export { StrvalsError } from "./errors.ts";
export { MAX_INDEX, MAX_NESTED_NAME_LEVEL } from "./values.ts";

/**
 * Reads a `--set-file` value: receives the text after `=` (a path, a URL or
 * `-` in Helm) and returns the value to store, in Helm the file's content as
 * a string. Throwing fails the parse with that very error.
 */
export type FileValueReader = (path: string) => unknown;

/** Like {@link FileValueReader}, but may return a promise. */
export type AsyncFileValueReader = (path: string) => unknown | Promise<unknown>;

function check(err: GoErr | null): void {
  if (err) throw toThrown(err);
}

/**
 * Helm's `strvals.ParseInto` (`--set`): parses `name=value,…` into `dest`.
 *
 * `.` nests tables, `name[N]` indexes lists (padding with `null`, at most
 * {@link MAX_INDEX}), `{a,b}` is a list, `\` escapes the next character,
 * `name=` is `""`. Values `true`/`false`/`null` (any case) become booleans
 * and null, base-10 integers without a leading zero that fit int64 become
 * `GoInt` int64, everything else stays a string.
 *
 * @throws {StrvalsError} with Helm's message, e.g. `key "a" has no value`.
 */
export function parseSet(s: string, dest: Values): void {
  check(runSync(new Parser(s, dest, { kind: "typed", stringOnly: false }).parse()));
}

/**
 * Helm's `strvals.ParseIntoString` (`--set-string`): the `--set` grammar with
 * every value (list items included) kept as a string.
 *
 * @throws {StrvalsError} with Helm's message.
 */
export function parseSetString(s: string, dest: Values): void {
  check(runSync(new Parser(s, dest, { kind: "typed", stringOnly: true }).parse()));
}

/**
 * Helm's `strvals.ParseIntoFile` (`--set-file`): the `--set` grammar where
 * each value (each item of a `{…}` list too) is passed to `reader` and
 * replaced by what it returns.
 *
 * @throws whatever `reader` throws, unchanged (after storing `null` under
 * the key, as Helm does), or a {@link StrvalsError} for grammar errors.
 */
export function parseSetFile(s: string, dest: Values, reader: FileValueReader): void {
  check(runSync(
    new Parser(s, dest, { kind: "file" }).parse(),
    (path) => {
      const v = reader(path);
      if (v instanceof Promise) {
        throw new TypeError("parseSetFile: the reader returned a promise; use parseSetFileAsync");
      }
      return v;
    },
  ));
}

/** {@link parseSetFile} with a reader that may be asynchronous (URLs, stdin). */
export async function parseSetFileAsync(
  s: string,
  dest: Values,
  reader: AsyncFileValueReader,
): Promise<void> {
  check(await runAsync(new Parser(s, dest, { kind: "file" }).parse(), reader));
}

/**
 * One `--set-json` value, as Helm's `values.Options.MergeValues` handles it.
 *
 * When the value, trimmed of white space, starts with `{`, it is one JSON
 * object merged into `dest` (tables merge, anything else replaces).
 * Otherwise it is `strvals.ParseJSON`: `name=JSON,…` with the `--set` key
 * grammar, each value a JSON document (numbers float64, i.e. JS numbers),
 * an empty value meaning `null`.
 *
 * @throws {StrvalsError} with the JSON or grammar error; `jsonObject` tells
 * which form failed (Helm's messages differ, see {@link setJSONFailureMessage}).
 */
export function parseSetJSON(s: string, dest: Values): void {
  const trimmed = trimGoSpace(s);
  if (trimmed.length > 0 && trimmed[0] === "{") {
    const obj = decodeJSONObject(trimmed);
    if (obj instanceof GoErr) throw new StrvalsError(obj.message, { jsonObject: true });
    mergeMapsInto(dest, obj);
    return;
  }
  check(runSync(new Parser(s, dest, { kind: "json" }).parse()));
}

/**
 * Helm's `strvals.ParseLiteralInto` (`--set-literal`): `name=rest` where the
 * key has the `--set` key grammar minus `,` and escapes, and the value is the
 * whole rest of the input as a string (commas and all).
 *
 * @throws {StrvalsError} with Helm's message.
 */
export function parseSetLiteral(s: string, dest: Values): void {
  check(new LiteralParser(s, dest).parse());
}

/**
 * The message Helm's CLI prints for a failed `--set-json` value: Helm drops
 * the cause and names the value, with `JSON: ` for the whole-object form.
 *
 * @example
 * ```ts
 * // "failed parsing --set-json data a=1e400"
 * ```
 */
export function setJSONFailureMessage(value: string, err: StrvalsError): string {
  return err.jsonObject
    ? `failed parsing --set-json data JSON: ${value}`
    : `failed parsing --set-json data ${value}`;
}
