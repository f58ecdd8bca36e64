/**
 * Parameter types of template-callable functions: parsing Go type strings
 * and Go's assignability rules, which decide whether an argument passes
 * (`wrong type for value; expected int; got float64` otherwise). There is no
 * numeric conversion: a float64 never becomes an int.
 *
 * @module
 */

import { findMethod, isUnnamed, typeName, underlyingOf, valueUnderlying } from "./types.ts";
import { GoComplex, GoInt, GoStruct, type IntKind } from "./value.ts";

/** How the executor treats a parameter. */
export enum ParamKind {
  /** No type (Go passes a nil reflect.Type for `(pipe).Field` receivers). */
  NoType,
  /** `interface {}`: anything, nil for no value. */
  Iface,
  /** `reflect.Value`: the raw value, `undefined` for no value. */
  RValue,
  Bool,
  Int,
  Uint,
  Float,
  Complex,
  String,
  /** Slices, maps, structs, pointers, funcs, named and non-empty interface types. */
  Other,
}

/** A parsed parameter type. */
export interface ParamType {
  /** The type as Go prints it (`interface {}`, `[]string`, `int`). */
  readonly name: string;
  /** How the executor converts arguments for it. */
  readonly kind: ParamKind;
  /** For Int/Uint kinds. */
  readonly intKind?: IntKind;
  /** Float32 parameters round literals to single precision. */
  readonly float32?: boolean;
  /** Whether an untyped nil is assignable (Go's canBeNil). */
  readonly nillable: boolean;
}

const INT_KINDS = new Set(["int", "int8", "int16", "int32", "int64"]);
const UINT_KINDS = new Set(["uint", "uint8", "uint16", "uint32", "uint64", "uintptr"]);
// Non-empty interface parameter types the executor understands, with their method.
const INTERFACES = new Map([["error", "Error"], ["fmt.Stringer", "String"]]);

/** Normalises spellings to Go's reflect names (`any` → `interface {}`, `byte` → `uint8`). */
export function normalizeTypeName(t: string): string {
  return t.trim()
    .replace(/interface\s*\{\s*\}/g, "interface {}")
    .replace(/\bany\b/g, "interface {}")
    .replace(/\bbyte\b/g, "uint8")
    .replace(/\brune\b/g, "int32");
}

const cache = new Map<string, ParamType>();

/** The parameter type for a Go type string (cached). */
export function paramType(t: string): ParamType {
  let p = cache.get(t);
  if (p === undefined) {
    p = buildParamType(normalizeTypeName(t));
    cache.set(t, p);
  }
  return p;
}

/** The type of a `(pipe).Field` receiver: no conversion at all. */
export const NO_TYPE: ParamType = { name: "", kind: ParamKind.NoType, nillable: true };

function buildParamType(name: string): ParamType {
  if (name === "interface {}") return { name, kind: ParamKind.Iface, nillable: true };
  if (name === "reflect.Value") return { name, kind: ParamKind.RValue, nillable: true };
  if (name === "bool") return { name, kind: ParamKind.Bool, nillable: false };
  if (name === "string") return { name, kind: ParamKind.String, nillable: false };
  if (name === "float64" || name === "float32") {
    return { name, kind: ParamKind.Float, float32: name === "float32", nillable: false };
  }
  if (name === "complex128" || name === "complex64") {
    return { name, kind: ParamKind.Complex, nillable: false };
  }
  if (INT_KINDS.has(name)) return { name, kind: ParamKind.Int, intKind: name as IntKind, nillable: false };
  if (UINT_KINDS.has(name)) {
    return {
      name,
      kind: ParamKind.Uint,
      intKind: (name === "uintptr" ? "uint64" : name) as IntKind,
      nillable: false,
    };
  }
  return { name, kind: ParamKind.Other, nillable: isNillable(name) };
}

function isNillable(name: string): boolean {
  if (INTERFACES.has(name)) return true;
  const u = underlyingOf(name);
  return u.startsWith("[]") || u.startsWith("map[") || u.startsWith("*") || u.startsWith("func(") ||
    u.startsWith("chan ") || u.startsWith("interface");
}

/** The zero value a nillable parameter receives for "no value" or `nil`. */
export function nilFor(t: ParamType): unknown {
  return t.kind === ParamKind.RValue ? undefined : null;
}

/**
 * Whether a (non-nil) value is assignable to a parameter type; returns the
 * value to pass, or `FAIL`. Mirrors Go's `AssignableTo` plus the one pointer
 * dereference text/template tries.
 */
export function assign(v: unknown, t: ParamType): unknown {
  switch (t.kind) {
    case ParamKind.NoType:
    case ParamKind.Iface:
    case ParamKind.RValue:
      return v;
    case ParamKind.Bool:
      return typeof v === "boolean" ? v : FAIL;
    case ParamKind.String:
      return typeof v === "string" ? v : FAIL;
    case ParamKind.Float:
      return typeof v === "number" && !t.float32 ? v : FAIL;
    case ParamKind.Int:
    case ParamKind.Uint:
      return v instanceof GoInt && v.kind === t.intKind && t.name !== "uintptr" ? v : FAIL;
    case ParamKind.Complex:
      return v instanceof GoComplex && t.name === "complex128" ? v : FAIL;
  }
  if (v === null || v === undefined) return FAIL;
  const iface = INTERFACES.get(t.name);
  if (iface !== undefined) {
    const m = typeof v === "object" ? findMethod(v, iface) : undefined;
    return m && m.sig.params.length === 0 ? v : FAIL;
  }
  const vt = typeName(v);
  if (vt === t.name) return v;
  if (typeof v === "object") {
    const vu = valueUnderlying(v, vt);
    const tu = underlyingOf(t.name);
    if (vu === tu && (isUnnamed(vt) || isUnnamed(t.name))) return v;
    // text/template also tries one dereference or address-of.
    if (v instanceof GoStruct && (vt === "*" + t.name || t.name === "*" + vt)) return v;
  }
  return FAIL;
}

/** Marker returned by {@link assign} when the value does not fit. */
export const FAIL: unique symbol = Symbol("assign-fail");

/** Go's intLike conversions used by `call` and map indexing (prepareArg). */
export function convertIntLike(v: unknown, t: ParamType): unknown {
  if (v instanceof GoInt && (t.kind === ParamKind.Int || t.kind === ParamKind.Uint)) {
    return new GoInt(v.value, t.intKind!);
  }
  return FAIL;
}
