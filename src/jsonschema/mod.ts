/**
 * JSON Schema validation as helm 4 performs it with
 * santhosh-tekuri/jsonschema v6: drafts 4, 6, 7, 2019-09 and 2020-12
 * (2020-12 when `$schema` is absent), `$ref` across documents through a
 * loader, Go regular expressions, format assertion for drafts before
 * 2019-09, and the library's error texts and tree layout.
 *
 * @example
 * ```ts
 * import { Compiler, parseSchemaJson, validateValue, errorText } from "./mod.ts";
 * const c = new Compiler(() => { throw new Error("no loader"); });
 * c.addResource("file:///s.json", parseSchemaJson('{"type":"integer"}'));
 * const err = validateValue(c.compile("file:///s.json"), "x");
 * errorText(err!); // "jsonschema validation failed with 'file:///s.json#'\n- at '': got string, want integer"
 * ```
 *
 * @module
 */
export { Compiler, type Draft, draftFromUrl, type Schema, type SchemaLoader } from "./compile.ts";
export { JsonNumber, JsonSyntaxError, parseSchemaJson } from "./json.ts";
export { errorText, quote, SchemaError, type ValidationError } from "./errors.ts";
export { equals, typeOf, validateValue } from "./validate.ts";
export { type FormatCheck, FORMATS } from "./formats.ts";
export { Rat } from "./rat.ts";
