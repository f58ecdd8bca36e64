/**
 * Helm's own template functions beside Sprig's: YAML, JSON and TOML
 * conversion, and the placeholders that the engine binds per render
 * (include, tpl, required, fail, lookup, getHostByName).
 *
 * Errors are swallowed where helm swallows them (toYaml → "", fromYaml →
 * `{Error: …}`) and raised where helm panics (the must* forms).
 *
 * @module
 */
import { goFunc } from "../gotpl/value.ts";
import type { FuncMap } from "../gotpl/value.ts";
import {
  GoJsonError,
  MAP_STRING_INTERFACE,
  marshal as jsonMarshal,
  SLICE_INTERFACE,
  unmarshal as jsonUnmarshal,
} from "../gojson/mod.ts";
import {
  GoYamlError,
  marshal as yamlMarshal,
  marshalPretty as yamlMarshalPretty,
  parseYaml,
} from "../goyaml/mod.ts";
import { marshalToml, TomlEncodeError, unmarshalToml } from "../gotoml/mod.ts";

function trimOneNewline(s: string): string {
  return s.endsWith("\n") ? s.slice(0, -1) : s;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What Go leaves in a map target when decoding fails part-way, plus helm's `Error` key. */
function mapWithError(e: unknown): Record<string, unknown> {
  const partial = e instanceof GoYamlError || e instanceof GoJsonError ? e.partial : undefined;
  const m = partial && typeof partial === "object" && !Array.isArray(partial)
    ? partial as Record<string, unknown>
    : {};
  m.Error = errorText(e);
  return m;
}

/** Helm's toYaml: sigs.k8s.io/yaml output with one trailing newline trimmed; "" on error. */
export function toYAML(v: unknown): string {
  try {
    return trimOneNewline(yamlMarshal(v));
  } catch {
    return "";
  }
}

/** Helm's toJson: Go encoding/json output; "" on error. */
export function toJSON(v: unknown): string {
  try {
    return jsonMarshal(v);
  } catch {
    return "";
  }
}

/** Helm's extra functions (placeholders for the render-bound ones are replaced by the engine). */
export function helmFuncs(): FuncMap {
  return {
    toToml: goFunc(["interface {}"], (v: unknown) => {
      try {
        return marshalToml(v);
      } catch (e) {
        // A Go panic inside the encoder (e.g. a nil value) fails the template in helm too.
        if (e instanceof TomlEncodeError && e.panic) throw e;
        return errorText(e);
      }
    }),
    mustToToml: goFunc(["interface {}"], (v: unknown) => marshalToml(v)),
    fromToml: goFunc(["string"], (s: string) => {
      try {
        return unmarshalToml(s);
      } catch (e) {
        return { Error: errorText(e) };
      }
    }),
    toYaml: goFunc(["interface {}"], toYAML),
    mustToYaml: goFunc(["interface {}"], (v: unknown) => trimOneNewline(yamlMarshal(v))),
    toYamlPretty: goFunc(["interface {}"], (v: unknown) => {
      try {
        return trimOneNewline(yamlMarshalPretty(v));
      } catch {
        return "";
      }
    }),
    fromYaml: goFunc(["string"], (s: string) => {
      try {
        return parseYaml(s, { target: "map" }) ?? {};
      } catch (e) {
        return mapWithError(e);
      }
    }),
    fromYamlArray: goFunc(["string"], (s: string) => {
      try {
        return parseYaml(s, { target: "slice" }) ?? [];
      } catch (e) {
        return [errorText(e)];
      }
    }),
    toJson: goFunc(["interface {}"], toJSON),
    mustToJson: goFunc(["interface {}"], (v: unknown) => jsonMarshal(v)),
    fromJson: goFunc(["string"], (s: string) => {
      try {
        return jsonUnmarshal(s, { target: MAP_STRING_INTERFACE }) ?? {};
      } catch (e) {
        return mapWithError(e);
      }
    }),
    fromJsonArray: goFunc(["string"], (s: string) => {
      try {
        return jsonUnmarshal(s, { target: SLICE_INTERFACE }) ?? [];
      } catch (e) {
        return [errorText(e)];
      }
    }),
    // Offline, lookup finds nothing (helm's placeholder returns an empty map).
    lookup: goFunc(["string", "string", "string", "string"], () => ({})),
  };
}
