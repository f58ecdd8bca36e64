/**
 * The JSON side of `--set-json`: decoding one JSON value from the front of
 * the remaining input, as Helm does with a `json.Decoder` and its
 * `InputOffset`, and the whole-object form `{...}`.
 *
 * @module
 */

import { setOwn, unmarshal } from "../gojson/decode.ts";
import { GoJsonError } from "../gojson/errors.ts";
import { checkValid } from "../gojson/scanner.ts";
import { MAP_STRING_INTERFACE } from "../gojson/types.ts";
import { encodeUtf8 } from "../gojson/utf8.ts";
import { GoErr } from "./errors.ts";
import { isTable, type Table } from "./values.ts";

/** One decoded value and how many UTF-16 units of input it used. */
export interface DecodedPrefix {
  value: unknown;
  consumed: number;
}

const decoder = new TextDecoder();

/**
 * Decodes the first JSON value of `rest` (which starts with a non-space
 * character) like `json.NewDecoder(…).Decode(&v)`.
 *
 * A decoder stops after the first complete value and leaves whatever follows
 * for the caller, so a trailing-garbage error from a whole-input syntax check
 * just marks where the value ended. Running out of input inside the value
 * (`tru`, `1.`, `{"a":1`) is `unexpected EOF` (`io.ErrUnexpectedEOF`), not
 * Unmarshal's `unexpected end of JSON input` or `invalid character ' ' …`.
 */
export function decodeJSONPrefix(rest: string): DecodedPrefix | GoErr {
  const bytes = encodeUtf8(rest);
  let end = bytes.length;
  try {
    checkValid(bytes);
  } catch (e) {
    if (!(e instanceof GoJsonError)) throw e;
    // At the end of input a decoder reports io.ErrUnexpectedEOF, whatever the
    // whole-input check (which feeds a final space) would have said.
    if (e.offset === bytes.length) return new GoErr("unexpected EOF");
    if (!e.message.endsWith(" after top-level value")) return new GoErr(e.message);
    end = e.offset!;
  }
  const head = bytes.subarray(0, end);
  let value: unknown;
  try {
    value = unmarshal(head);
  } catch (e) {
    if (e instanceof GoJsonError) return new GoErr(e.message);
    throw e;
  }
  // The cut is always on a character boundary (the byte that ended the value
  // is ASCII or the lead byte of a rune), so the decoded prefix is exact.
  return { value, consumed: decoder.decode(head).length };
}

/**
 * The whole-object form of `--set-json` (`json.Unmarshal` into a
 * `map[string]any`); throws the JSON error as a {@link GoErr}.
 */
export function decodeJSONObject(trimmed: string): Table | GoErr {
  try {
    return unmarshal(trimmed, { target: MAP_STRING_INTERFACE }) as Table;
  } catch (e) {
    if (e instanceof GoJsonError) return new GoErr(e.message);
    throw e;
  }
}

/**
 * Helm's `loader.MergeMaps(dest, src)` written back into `dest`: tables
 * merge recursively, anything else from `src` replaces. Merged tables are new
 * objects, as in Helm, so tables `dest` shared with others are not changed.
 */
export function mergeMapsInto(dest: Table, src: Table): void {
  for (const key of Object.keys(src)) {
    const v = src[key];
    const cur = Object.hasOwn(dest, key) ? dest[key] : undefined;
    if (isTable(v) && isTable(cur)) {
      const out: Table = {};
      for (const k of Object.keys(cur)) setOwn(out, k, cur[k]);
      mergeMapsInto(out, v);
      setOwn(dest, key, out);
    } else {
      setOwn(dest, key, v);
    }
  }
}
