/**
 * Schema documents as santhosh-tekuri/jsonschema reads them: one JSON value
 * decoded with `UseNumber` (number literals kept as written, so `1.50` stays
 * `1.50` in messages and bounds compare exactly), with Go's decoder errors.
 *
 * @module
 */
import { GoJsonError } from "../gojson/errors.ts";
import { checkValid } from "../gojson/scanner.ts";
import { Rat } from "./rat.ts";

/** A JSON number kept as its literal text (Go's `json.Number`). */
export class JsonNumber {
  /** The literal as written in the document. */
  readonly text: string;
  #rat?: Rat;

  /** Wraps a number literal. */
  constructor(text: string) {
    this.text = text;
  }

  /** The exact value. */
  get rat(): Rat {
    return this.#rat ??= Rat.parse(this.text)!;
  }

  /** Go's `%v`: the literal itself. */
  toString(): string {
    return this.text;
  }
}

/** A JSON syntax error, with the message Go's `json.Decoder` gives. */
export class JsonSyntaxError extends Error {
  /** Builds the error. */
  constructor(message: string) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Decodes a schema document as `jsonschema.UnmarshalJSON` does: the first
 * JSON value, numbers as {@link JsonNumber}, and an error if anything but
 * whitespace follows it.
 *
 * @throws {JsonSyntaxError} with Go's message (`unexpected EOF`, `EOF`,
 * `invalid character 'x' looking for beginning of value`,
 * `invalid character after top-level value`).
 */
export function parseSchemaJson(data: Uint8Array | string): unknown {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  try {
    checkValid(bytes);
  } catch (e) {
    if (!(e instanceof GoJsonError)) throw e;
    if (e.message === "unexpected end of JSON input") {
      // The decoder reads a stream: nothing at all is io.EOF, a cut value io.ErrUnexpectedEOF.
      throw new JsonSyntaxError(bytes.every((b) => WHITESPACE.has(b)) ? "EOF" : "unexpected EOF");
    }
    if (e.message.endsWith(" after top-level value")) {
      throw new JsonSyntaxError("invalid character after top-level value");
    }
    throw new JsonSyntaxError(e.message);
  }
  const text = new TextDecoder().decode(bytes);
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, ctx?: { source?: string }) {
    if (typeof value === "number") return new JsonNumber(ctx?.source ?? String(value));
    return value;
  });
}
