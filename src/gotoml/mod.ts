/**
 * Go-compatible TOML as Helm's `toToml` and `fromToml` use it
 * (BurntSushi/toml v1.6.0).
 *
 * @example
 * ```ts
 * import { marshalToml, unmarshalToml } from "./mod.ts";
 * marshalToml({ server: { port: 8080 } }); // '[server]\n  port = 8080.0\n'
 * unmarshalToml("port = 8080"); // { port: GoInt(8080n, "int64") }
 * ```
 *
 * @module
 */

export { marshalToml, TomlEncodeError } from "./encode.ts";
export { unmarshalToml } from "./decode.ts";
export { TomlParseError } from "./parser.ts";
export { TomlDatetime, type TomlDatetimeKind } from "./datetime.ts";
