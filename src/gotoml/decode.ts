/**
 * `toml.Unmarshal(data, &map[string]any{})` of BurntSushi/toml v1.6.0 (Helm's
 * `fromToml`).
 *
 * @module
 */

import { Parser, TomlParseError } from "./parser.ts";

/**
 * Decodes a TOML document into plain values: tables become plain objects,
 * integers {@link GoInt} int64, floats numbers, datetimes
 * {@link TomlDatetime} (Go `time.Time`), arrays of tables arrays tagged
 * `[]map[string]interface {}`.
 *
 * @throws {TomlParseError} with Go's message, e.g. `toml: line 1 (last key
 * "a"): expected value but found '\n' instead`. Helm's `fromToml` puts that
 * text under the `Error` key of the result.
 *
 * @example
 * ```ts
 * unmarshalToml('a = 1\n[b]\nc = "x"\n'); // { a: GoInt(1n, "int64"), b: { c: "x" } }
 * ```
 */
export function unmarshalToml(text: string): Record<string, unknown> {
  if (text.startsWith("\ufeff")) text = text.slice(1);
  // Go checks the first six bytes for NUL, a sign of UTF-16 input.
  const head = new TextEncoder().encode(text).slice(0, 6);
  if (head.includes(0)) {
    throw new TomlParseError(
      "files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8",
      1,
      "",
    );
  }
  return new Parser(text).parse();
}
