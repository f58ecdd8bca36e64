/**
 * A small description of Go target types, for decoding into something other
 * than `interface{}`: Helm decodes Chart.yaml into `chart.Metadata`, values
 * into `map[string]interface{}`, `fromYamlArray` into `[]interface{}`.
 *
 * The target decides the Go error messages (`json: cannot unmarshal array
 * into Go value of type map[string]interface {}`) and, on the YAML side, which
 * scalars sigs.k8s.io/yaml turns into strings before JSON decoding.
 *
 * @module
 */

/** Go integer kinds a target field may have. */
export type GoIntKind =
  | "int"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "uint"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64";

/** A Go type, as far as JSON decoding cares. */
export type GoType =
  | { readonly kind: "interface" }
  | { readonly kind: "string" }
  | { readonly kind: "bool" }
  | { readonly kind: "float64" }
  | { readonly kind: "float32" }
  | { readonly kind: GoIntKind }
  | { readonly kind: "map"; readonly elem: GoType; readonly name?: string }
  | { readonly kind: "slice"; readonly elem: GoType; readonly name?: string }
  | { readonly kind: "ptr"; readonly elem: GoType }
  | { readonly kind: "struct"; readonly name: string; readonly fields: readonly GoField[] };

/** A struct field: its JSON key (tag name or Go name) and type. */
export interface GoField {
  /** The key JSON uses for the field (the json tag name). */
  readonly json: string;
  /** The field's type. */
  readonly type: GoType;
}

/** `interface{}` */
export const INTERFACE: GoType = { kind: "interface" };
/** `map[string]interface{}` */
export const MAP_STRING_INTERFACE: GoType = { kind: "map", elem: INTERFACE };
/** `[]interface{}` */
export const SLICE_INTERFACE: GoType = { kind: "slice", elem: INTERFACE };

/**
 * The name Go's reflect prints for a type (`map[string]interface {}`,
 * `[]string`, `*chart.Maintainer`).
 */
export function goTypeString(t: GoType): string {
  switch (t.kind) {
    case "interface":
      return "interface {}";
    case "map":
      return t.name ?? `map[string]${goTypeString(t.elem)}`;
    case "slice":
      return t.name ?? `[]${goTypeString(t.elem)}`;
    case "ptr":
      return `*${goTypeString(t.elem)}`;
    case "struct":
      return t.name;
    default:
      return t.kind;
  }
}

/** The unqualified struct name (`chart.Metadata` → `Metadata`), as reflect's `Name()`. */
export function goTypeBaseName(t: GoType): string {
  // An anonymous struct (`struct { … }`) has no name.
  if (t.kind === "struct" && t.name.startsWith("struct ")) return "";
  const s = goTypeString(t);
  const dot = s.lastIndexOf(".");
  return dot >= 0 ? s.slice(dot + 1) : s;
}

/** Follows pointers to the pointed-to type. */
export function derefType(t: GoType): GoType {
  while (t.kind === "ptr") t = t.elem;
  return t;
}

/**
 * Folds a key the way encoding/json matches struct fields case-insensitively
 * (ASCII upper-casing plus Unicode simple folding).
 */
export function foldKey(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out += cp >= 0x61 && cp <= 0x7a ? String.fromCharCode(cp - 32) : ch;
      continue;
    }
    // Go folds to the smallest rune of the fold set; upper/lower case
    // mappings that stay a single code point approximate that set.
    let best = cp;
    for (const alt of [ch.toUpperCase(), ch.toLowerCase()]) {
      const a = alt.codePointAt(0)!;
      if (alt.length === String.fromCodePoint(a).length && a < best) best = a;
    }
    out += String.fromCodePoint(best);
  }
  return out;
}
