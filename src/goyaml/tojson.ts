/**
 * The JSON step of sigs.k8s.io/yaml's `Unmarshal`: decoded YAML values are
 * made JSON-compatible (map keys become strings, scalars headed for Go
 * `string` fields become strings), encoded with encoding/json and decoded
 * into the target, so every number ends up a float64.
 *
 * @module
 */

import { GoInt } from "../gotpl/value.ts";
import { setOwn } from "../gojson/decode.ts";
import { marshal as jsonMarshal } from "../gojson/encode.ts";
import { GoJsonError } from "../gojson/errors.ts";
import { formatFloatShortest } from "../gojson/float.ts";
import { unmarshal as jsonUnmarshal } from "../gojson/decode.ts";
import { derefType, foldKey, type GoType, goTypeString, INTERFACE } from "../gojson/types.ts";
import { compareBytewise } from "../gojson/utf8.ts";
import { goSyntax, YMap, type YValue } from "./decode.ts";
import { ResolvedInt } from "./resolve.ts";

/** An error of the conversion itself (not of JSON encoding or decoding). */
export class ConvertProblem extends Error {}

/** go-yaml's float-to-text for keys and string coercion: 'g' at float32 precision. */
function float32Text(f: number): string {
  const s = formatFloatShortest(f, "g", 32);
  switch (s) {
    case "+Inf":
      return ".inf";
    case "-Inf":
      return "-.inf";
    case "NaN":
      return ".nan";
  }
  return s;
}

function keyTypeName(k: YValue): string {
  if (k === null) return "%!s(<nil>)";
  if (k instanceof ResolvedInt) return k.unsigned ? "uint64" : "int";
  if (Array.isArray(k)) return "[]interface {}";
  if (k instanceof YMap) return "map[interface {}]interface {}";
  return typeof k === "number" ? "float64" : typeof k === "boolean" ? "bool" : "string";
}

function topSyntax(v: YValue): string {
  return v === null ? "<nil>" : goSyntax(v);
}

function keyString(k: YValue, v: YValue): string {
  if (typeof k === "string") return k;
  if (typeof k === "boolean") return k ? "true" : "false";
  if (typeof k === "number") return float32Text(k);
  if (k instanceof ResolvedInt && !k.unsigned) return k.value.toString();
  throw new ConvertProblem(
    `unsupported map key of type: ${keyTypeName(k)}, key: ${topSyntax(k)}, value: ${topSyntax(v)}`,
  );
}

/** The field of a struct target a key maps to (exact, else case-insensitive). */
function fieldType(t: GoType, key: string): GoType | undefined {
  if (t.kind !== "struct") return undefined;
  for (const f of t.fields) if (f.json === key) return f.type;
  let folded = foldedNames.get(t);
  if (!folded) foldedNames.set(t, folded = t.fields.map((f) => foldKey(f.json)));
  const k = foldKey(key);
  const i = folded.indexOf(k);
  return i < 0 ? undefined : t.fields[i].type;
}

/** Each struct type's folded field names, computed once (folding is Unicode-aware and not cheap). */
const foldedNames = new WeakMap<GoType, string[]>();

/**
 * The JSON-compatible form: plain objects with string keys, arrays,
 * strings, booleans, null, {@link GoInt} for integers and numbers for floats.
 */
export function toJsonable(y: YValue, target?: GoType): unknown {
  const t = target === undefined ? undefined : derefType(target);
  if (y instanceof YMap) {
    const out: Record<string, unknown> = {};
    for (const { key, value } of y.entries.values()) {
      const ks = keyString(key, value);
      let sub: GoType | undefined;
      if (t?.kind === "struct") sub = fieldType(t, ks);
      else if (t?.kind === "map") sub = t.elem;
      setOwn(out, ks, toJsonable(value, sub));
    }
    return out;
  }
  if (Array.isArray(y)) {
    const elem = t?.kind === "slice" ? t.elem : undefined;
    return y.map((e) => toJsonable(e, elem));
  }
  if (t?.kind === "string" && y !== null && typeof y !== "string") {
    if (y instanceof ResolvedInt) return y.value.toString();
    // Unlike keys, coerced values keep Go's spelling of the specials (+Inf, NaN).
    if (typeof y === "number") return formatFloatShortest(y, "g", 32);
    if (typeof y === "boolean") return y ? "true" : "false";
  }
  if (y instanceof ResolvedInt) return new GoInt(y.value, y.unsigned ? "uint64" : "int64");
  return y;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || v instanceof GoInt) return "number";
  return "object";
}

/**
 * Turns the JSON-compatible form into what `json.Decode` into an untyped
 * target yields (numbers become float64), checking NaN/Inf in the order
 * `json.Marshal` would meet them.
 */
function finishUntyped(v: unknown): unknown {
  if (v === null || typeof v !== "object") {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new GoJsonError(`json: unsupported value: ${formatFloatShortest(v, "g")}`, "unsupported-value");
    }
    return v;
  }
  if (v instanceof GoInt) return Number(v.value);
  if (Array.isArray(v)) return v.map(finishUntyped);
  const obj = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort(compareBytewise)) setOwn(out, k, finishUntyped(obj[k]));
  return out;
}

function isUntyped(t: GoType): boolean {
  if (t.kind === "interface") return true;
  if ((t.kind === "map" || t.kind === "slice") && t.name === undefined) return t.elem.kind === "interface";
  return false;
}

/** The error sigs.k8s.io/yaml reports for a JSON decode type mismatch. */
function typeMismatch(value: unknown, t: GoType): GoJsonError {
  return new GoJsonError(
    `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${goTypeString(t)}`,
    "unmarshal-type",
  );
}

/**
 * Decodes the JSON-compatible form into `target`, as sigs.k8s.io/yaml does
 * with `json.NewDecoder(...).Decode`.
 *
 * @throws {GoJsonError} encoding errors (`json: unsupported value: NaN`) are
 * raised unwrapped with kind `unsupported-value`; decode errors with kind
 * `unmarshal-type` and the partial result.
 */
export function decodeJsonable(v: unknown, target: GoType = INTERFACE): unknown {
  if (isUntyped(target)) {
    const value = finishUntyped(v);
    // sigs.k8s.io/yaml decodes through an interface holding the target
    // pointer, so a JSON null clears that interface and leaves an (empty)
    // map or slice target as it was.
    if (value === null) return target.kind === "map" ? {} : target.kind === "slice" ? [] : null;
    if (target.kind === "map" && (typeof value !== "object" || Array.isArray(value))) {
      const err = typeMismatch(value, target);
      err.partial = {};
      throw err;
    }
    if (target.kind === "slice" && !Array.isArray(value)) {
      const err = typeMismatch(value, target);
      err.partial = [];
      throw err;
    }
    return value;
  }
  if (v === null) {
    return target.kind === "map" || target.kind === "struct" ? {} : target.kind === "slice" ? [] : null;
  }
  const text = jsonMarshal(v);
  return jsonUnmarshal(text, { target });
}
