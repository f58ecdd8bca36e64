/**
 * Sprig's defaults and flow functions (`default`, `empty`, `coalesce`, `all`,
 * `any`, `ternary`, `fail`) and its JSON functions.
 *
 * Helm replaces `fail`, `toJson`, `fromJson` (and, in Helm 4, `mustToJson`)
 * with its own versions; Sprig's are kept here so the map matches Sprig's.
 *
 * @module
 */

import { GoJsonError, marshal, unmarshal } from "../gojson/mod.ts";
import { type FuncMap, goFunc } from "../gotpl/value.ts";
import { isEmpty } from "./goreflect.ts";

const ANY = "interface {}";

/** `json.Marshal` (or `MarshalIndent` with two spaces). */
function toJson(v: unknown, indent?: string): string {
  return marshal(v, indent === undefined ? {} : { indent });
}

/** A `json.Encoder` with HTML escaping off; Sprig trims the encoder's newline. */
function toRawJson(v: unknown): string {
  return marshal(v, { escapeHTML: false });
}

/** Runs an encoder, giving "" where Sprig swallows the error. */
function orEmpty(encode: () => string): string {
  try {
    return encode();
  } catch (e) {
    if (e instanceof GoJsonError) return "";
    throw e;
  }
}

/** `json.Unmarshal` into `interface{}`; Sprig's `fromJson` keeps whatever was decoded before an error. */
function fromJson(s: string): unknown {
  try {
    return unmarshal(s);
  } catch (e) {
    if (e instanceof GoJsonError) return e.partial ?? null;
    throw e;
  }
}

/** Sprig's defaults, flow and JSON functions. */
export const defaultFuncs: FuncMap = {
  default: goFunc([ANY, ANY], (d: unknown, ...given: unknown[]) => {
    if (given.length === 0 || isEmpty(given[0])) return d;
    return given[0];
  }, { variadic: true }),
  empty: goFunc([ANY], isEmpty),
  coalesce: goFunc([ANY], (...v: unknown[]) => v.find((x) => !isEmpty(x)) ?? null, { variadic: true }),
  all: goFunc([ANY], (...v: unknown[]) => v.every((x) => !isEmpty(x)), { variadic: true }),
  any: goFunc([ANY], (...v: unknown[]) => v.some((x) => !isEmpty(x)), { variadic: true }),
  ternary: goFunc([ANY, ANY, "bool"], (vt: unknown, vf: unknown, v: boolean) => v ? vt : vf),
  fail: goFunc(["string"], (msg: string): never => {
    throw new Error(msg);
  }),
  fromJson: goFunc(["string"], fromJson),
  mustFromJson: goFunc(["string"], (s: string) => unmarshal(s)),
  toJson: goFunc([ANY], (v: unknown) => orEmpty(() => toJson(v))),
  mustToJson: goFunc([ANY], (v: unknown) => toJson(v)),
  toPrettyJson: goFunc([ANY], (v: unknown) => orEmpty(() => toJson(v, "  "))),
  mustToPrettyJson: goFunc([ANY], (v: unknown) => toJson(v, "  ")),
  toRawJson: goFunc([ANY], toRawJson),
  mustToRawJson: goFunc([ANY], toRawJson),
};
