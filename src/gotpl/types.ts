/**
 * Go type names and kinds of the JS values described in `value.ts`, as
 * `reflect` would report them (`%T`, error messages, comparisons).
 *
 * @module
 */

import {
  GO_METHODS,
  GO_TYPE,
  GoComplex,
  GoInt,
  type GoMethodSig,
  GoStruct,
  goTypeRegistrations,
  lookupGoType,
} from "./value.ts";

/** Go reflect kinds the engine distinguishes. */
export enum Kind {
  /** `undefined`: no value. */
  Invalid,
  /** `null`: a nil interface. */
  Nil,
  Bool,
  Int,
  Uint,
  Float,
  Complex,
  String,
  /** `Uint8Array` (`[]byte`). */
  Bytes,
  /** An array (a Go slice). */
  Slice,
  /** A plain object (a Go map with string keys). */
  Map,
  /** A {@link GoStruct} (or a pointer to one). */
  Struct,
  /** A JS function (a Go func value). */
  Func,
  /** Anything else a host put in the data. */
  Other,
}

/** The kind of a value (see {@link Kind}). */
export function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case "string":
      return Kind.String;
    case "number":
      return Kind.Float;
    case "boolean":
      return Kind.Bool;
    case "undefined":
      return Kind.Invalid;
    case "function":
      return Kind.Func;
    case "object": {
      if (v === null) return Kind.Nil;
      if (Array.isArray(v)) return Kind.Slice;
      if (v instanceof GoInt) return v.unsigned ? Kind.Uint : Kind.Int;
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) return Kind.Map;
      if (v instanceof GoStruct) return Kind.Struct;
      if (v instanceof Uint8Array) return Kind.Bytes;
      if (v instanceof GoComplex) return Kind.Complex;
      return Kind.Other;
    }
  }
  return Kind.Other;
}

/**
 * Go's `reflect.TypeOf(v).String()` for a value: `float64`, `int64`,
 * `string`, `[]interface {}`, `map[string]interface {}`, `[]uint8`, a struct's
 * `goType`, a {@link GO_TYPE} tag. `null` and `undefined` give `<nil>`.
 */
export function typeName(v: unknown): string {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "float64";
    case "boolean":
      return "bool";
    case "function":
      return (v as { [GO_TYPE]?: string })[GO_TYPE] ?? "func()";
    case "object": {
      if (v === null) return "<nil>";
      if (v instanceof GoInt) return v.kind;
      if (Array.isArray(v)) return (v as { [GO_TYPE]?: string })[GO_TYPE] ?? "[]interface {}";
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) {
        return (v as { [GO_TYPE]?: string })[GO_TYPE] ?? "map[string]interface {}";
      }
      if (v instanceof GoStruct) return v.goType;
      if (v instanceof Uint8Array) return (v as { [GO_TYPE]?: string })[GO_TYPE] ?? "[]uint8";
      if (v instanceof GoComplex) return "complex128";
      return (proto?.constructor?.name as string | undefined) ?? "object";
    }
  }
  return "<nil>";
}

/** Element type of a slice or map type name (`[]string` → `string`); named types resolve through their registration. */
export function elemTypeOf(type: string): string {
  // Field access on a named map asks this for every lookup: remembered per type name.
  if (elemCacheAt !== goTypeRegistrations()) {
    ELEM_CACHE.clear();
    elemCacheAt = goTypeRegistrations();
  }
  let e = ELEM_CACHE.get(type);
  if (e === undefined) {
    e = computeElemType(type);
    ELEM_CACHE.set(type, e);
  }
  return e;
}

const ELEM_CACHE = new Map<string, string>();
let elemCacheAt = -1;

function computeElemType(type: string): string {
  const u = underlyingOf(type);
  if (u.startsWith("[]")) return u.slice(2);
  if (u.startsWith("map[")) {
    let depth = 0;
    for (let i = 3; i < u.length; i++) {
      const c = u[i];
      if (c === "[") depth++;
      else if (c === "]" && --depth === 0) return u.slice(i + 1);
    }
  }
  return "interface {}";
}

/** The underlying type of a type name: itself when unnamed, else its registration or a map/slice default. */
export function underlyingOf(type: string): string {
  if (isUnnamed(type)) return type;
  return lookupGoType(type)?.underlying ?? type;
}

/** The underlying type of a value's dynamic type; unregistered tags default by shape (object → map, array → slice). */
export function valueUnderlying(v: object, name: string): string {
  if (isUnnamed(name) || !name.includes(".")) return name;
  const u = lookupGoType(name)?.underlying;
  if (u) return u;
  if (Array.isArray(v)) return "[]interface {}";
  if (v instanceof Uint8Array) return "[]uint8";
  if (v instanceof GoStruct) return name;
  return "map[string]interface {}";
}

/** True for type literals (`[]T`, `map[K]V`, `*T`, `func(…)`, `interface {}`); predeclared and package types are named. */
export function isUnnamed(type: string): boolean {
  const c = type.charCodeAt(0);
  return c === 0x5b || c === 0x2a || type.startsWith("map[") || type.startsWith("func(") ||
    type.startsWith("interface") || type.startsWith("struct") || type.startsWith("chan ");
}

/** Zero value Go gives a map element of the given element type (what `missingkey=zero` returns). */
export function zeroValueOf(type: string): unknown {
  switch (type) {
    case "string":
      return "";
    case "bool":
      return false;
    case "float64":
    case "float32":
      return 0;
    case "int":
    case "int8":
    case "int16":
    case "int32":
    case "int64":
    case "uint":
    case "uint8":
    case "uint16":
    case "uint32":
    case "uint64":
      return new GoInt(0n, type);
  }
  return null;
}

/** A callable method found on a value. */
export interface BoundMethod {
  readonly sig: GoMethodSig;
  readonly call: (args: unknown[]) => unknown;
}

const UPPER = /^\p{Lu}/u;

/** True when a Go identifier is exported (starts with an upper-case letter). */
export function isExported(name: string): boolean {
  const c = name.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return UPPER.test(name);
}

/**
 * Finds a method named `name` on a value: a struct's function property, or a
 * method registered for its {@link GO_TYPE} tag. Returns undefined if none.
 */
export function findMethod(v: object, name: string): BoundMethod | undefined {
  // Named integer types (time.Month, time.Duration) are GoInt subclasses with methods.
  if (v instanceof GoStruct || (v instanceof GoInt && Object.getPrototypeOf(v) !== GoInt.prototype)) {
    // Methods live on the prototype; an own function-valued property is a func-typed field.
    const fn = Object.hasOwn(v, name) ? undefined : (v as unknown as Record<string, unknown>)[name];
    if (typeof fn === "function" && isExported(name)) {
      const sigs = (v.constructor as unknown as { [GO_METHODS]?: Record<string, GoMethodSig> })[GO_METHODS];
      const sig = sigs?.[name] ?? defaultSig(fn.length);
      return { sig, call: (args) => fn.apply(v, args) };
    }
    const info = lookupGoType((v as { goType?: string }).goType ?? "");
    const m = info?.methods?.[name];
    if (m) return { sig: m, call: (args) => (m.fn as (...a: unknown[]) => unknown)(v, ...args) };
    return undefined;
  }
  const tag = (v as { [GO_TYPE]?: string })[GO_TYPE];
  if (tag === undefined) return undefined;
  const m = lookupGoType(tag)?.methods?.[name];
  if (!m) return undefined;
  return { sig: m, call: (args) => (m.fn as (...a: unknown[]) => unknown)(v, ...args) };
}

const DEFAULT_SIGS: GoMethodSig[] = [];

function defaultSig(n: number): GoMethodSig {
  return DEFAULT_SIGS[n] ??= { params: Array<string>(n).fill("interface {}") };
}

/** The fields of a struct in declaration order: its own enumerable properties except `goType`. */
export function structFields(v: GoStruct): string[] {
  const keys = Object.keys(v);
  const i = keys.indexOf("goType");
  if (i >= 0) keys.splice(i, 1);
  return keys;
}

/**
 * The parameters of a func type name such as `func(string, ...int) string`
 * (used for func values tagged with {@link GO_TYPE}); undefined if it is not one.
 */
export function funcSignature(type: string): GoMethodSig | undefined {
  if (!type.startsWith("func(")) return undefined;
  let depth = 0;
  let start = 5;
  const params: string[] = [];
  let variadic = false;
  for (let i = 5; i < type.length; i++) {
    const c = type[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if ((c === "," || c === ")") && depth === 0) {
      let p = type.slice(start, i).trim();
      if (p.startsWith("...")) {
        variadic = true;
        p = p.slice(3);
      }
      if (p !== "") params.push(p);
      start = i + 1;
      if (c === ")") return { params, variadic };
    }
  }
  return undefined;
}
