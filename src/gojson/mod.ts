/**
 * Go-compatible JSON: `encoding/json.Marshal`/`MarshalIndent` and
 * `json.Unmarshal`, byte for byte, over charta's Go value model
 * (see `src/gotpl/value.ts`).
 *
 * @example
 * ```ts
 * import { marshal, unmarshal } from "./mod.ts";
 * marshal({ b: [1, 0.000001], a: "<" }); // '{"a":"\u003c","b":[1,0.000001]}'
 * unmarshal('{"n": 1}'); // { n: 1 }
 * ```
 *
 * @module
 */

export {
  base64Std,
  formatJsonFloat,
  GO_TIME,
  marshal,
  type MarshalOptions,
  quoteJsonString,
} from "./encode.ts";
export { setOwn, unmarshal, type UnmarshalOptions } from "./decode.ts";
export { GoJsonError, type GoJsonErrorKind } from "./errors.ts";
export {
  type GoField,
  type GoIntKind,
  type GoType,
  goTypeString,
  INTERFACE,
  MAP_STRING_INTERFACE,
  SLICE_INTERFACE,
} from "./types.ts";
export { type FloatFormat, formatFloatShortest } from "./float.ts";
