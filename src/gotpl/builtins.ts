/**
 * text/template's builtin functions (`and or not len index slice print
 * printf println html js urlquery call eq ne lt le gt ge`) with Go's
 * semantics and error texts, plus Go's truth test.
 *
 * @module
 */

import { type CallSpec, Special } from "./funcs.ts";
import { sprint, sprintf, sprintln } from "./fmt.ts";
import { isPrint } from "./quote.ts";
import { paramType } from "./typecheck.ts";
import { elemTypeOf, findMethod, Kind, kindOf, structFields, typeName, zeroValueOf } from "./types.ts";
import { byteSlice, compareStrings, isASCII, utf8Encode, utf8Length } from "./utf8.ts";
import { GO_TYPE, GoComplex, GoInt, GoStruct } from "./value.ts";

/**
 * An argument that sat in an `interface {}` slot (a map or slice element),
 * passed as such to builtins that do not unwrap it (Go's `slice` indexes).
 */
export class InterfaceArg {
  /** The value inside the interface. */
  readonly value: unknown;
  /** Wraps a value. */
  constructor(value: unknown) {
    this.value = value;
  }
}

/** An error a builtin reports; the executor prefixes it with `error calling NAME: `. */
export class BuiltinError extends Error {}

function fail(format: string, ...args: unknown[]): never {
  throw new BuiltinError(sprintf(format, ...args));
}

/** Go's `template.IsTrue`: false for no value, nil, false, zero numbers and empty strings, slices and maps. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.length > 0;
    case "number":
      return v !== 0;
    case "undefined":
      return false;
    case "object": {
      if (v === null) return false;
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof GoInt) return v.value !== 0n;
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) {
        for (const _ in v) return true;
        return false;
      }
      if (v instanceof Uint8Array) return v.length > 0;
      if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
      return true;
    }
  }
  return true;
}

/** Go's indirectInterface: a nil interface becomes no value. */
function ind(v: unknown): unknown {
  return v === null ? undefined : v;
}

/** Go's reflect kind name as `%v` of a reflect.Kind would print, for pointer-aware comparisons. */
function reflectKind(v: unknown): string {
  const k = kindOf(v);
  if (k === Kind.Struct) return (v as GoStruct).goType.startsWith("*") ? "ptr" : "struct";
  if (k === Kind.Bytes) return "Slice";
  return Kind[k];
}

// ---- len / index / slice ----

function length(item: unknown): GoInt {
  if (item === undefined) fail("reflect: call of reflect.Value.Type on zero Value");
  if (item === null) fail("len of nil pointer");
  switch (kindOf(item)) {
    case Kind.String:
      return GoInt.of(utf8Length(item as string));
    case Kind.Slice:
      return GoInt.of((item as unknown[]).length);
    case Kind.Bytes:
      return GoInt.of((item as Uint8Array).length);
    case Kind.Map:
      return GoInt.of(Object.keys(item as object).length);
  }
  fail("len of type %s", typeName(item));
}

function indexArg(index: unknown, cap: number): number {
  let x: bigint;
  if (index instanceof InterfaceArg) {
    fail("cannot index slice/array with type interface {}");
  } else if (index instanceof GoInt) {
    x = index.unsigned ? BigInt.asIntN(64, index.value) : index.value;
  } else if (index === undefined) {
    fail("cannot index slice/array with nil");
  } else {
    fail("cannot index slice/array with type %s", typeName(index));
  }
  if (x < 0n || x > BigInt(cap)) fail("index out of range: %d", GoInt.of(x, "int64"));
  return Number(x);
}

function mapKey(index: unknown, keyType: string): string {
  if (index === undefined) fail("value is nil; should be of type %s", keyType);
  if (typeof index !== "string") fail("value has type %s; should be %s", typeName(index), keyType);
  return index;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  item = ind(item);
  if (item === undefined) fail("index of untyped nil");
  for (let idx of indexes) {
    idx = ind(idx);
    if (item === null) fail("index of nil pointer");
    switch (kindOf(item)) {
      case Kind.String: {
        const s = item as string;
        const bytes = isASCII(s) ? null : utf8Encode(s);
        const n = bytes ? bytes.length : s.length;
        const x = indexArg(idx, n);
        if (x === n) fail("reflect: string index out of range");
        item = new GoInt(BigInt(bytes ? bytes[x] : s.charCodeAt(x)), "uint8");
        break;
      }
      case Kind.Slice: {
        const a = item as unknown[];
        const x = indexArg(idx, a.length);
        if (x === a.length) fail("reflect: slice index out of range");
        item = a[x] === undefined ? null : a[x];
        break;
      }
      case Kind.Bytes: {
        const a = item as Uint8Array;
        const x = indexArg(idx, a.length);
        if (x === a.length) fail("reflect: slice index out of range");
        item = new GoInt(BigInt(a[x]), "uint8");
        break;
      }
      case Kind.Map: {
        const m = item as Record<string, unknown>;
        const k = mapKey(idx, "string");
        if (Object.hasOwn(m, k)) {
          const v = m[k];
          item = v === undefined ? null : v;
        } else {
          item = zeroValueOf(elemTypeOf(typeName(m)));
        }
        break;
      }
      default:
        fail("can't index item of type %s", typeName(item));
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  item = ind(item);
  if (item === undefined) fail("slice of untyped nil");
  if (indexes.length > 3) fail("too many slice indexes: %d", GoInt.of(indexes.length));
  let len: number;
  const k = kindOf(item);
  switch (k) {
    case Kind.String:
      if (indexes.length === 3) fail("cannot 3-index slice a string");
      len = utf8Length(item as string);
      break;
    case Kind.Slice:
    case Kind.Bytes:
      len = (item as ArrayLike<unknown>).length;
      break;
    default:
      fail("can't slice item of type %s", typeName(item));
  }
  const idx = [0, len, 0];
  for (let i = 0; i < indexes.length; i++) idx[i] = indexArg(indexes[i], len);
  if (idx[0] > idx[1]) fail("invalid slice index: %d > %d", GoInt.of(idx[0]), GoInt.of(idx[1]));
  if (indexes.length === 3 && idx[1] > idx[2]) {
    fail("invalid slice index: %d > %d", GoInt.of(idx[1]), GoInt.of(idx[2]));
  }
  if (k === Kind.String) return byteSlice(item as string, idx[0], idx[1]);
  if (k === Kind.Bytes) return (item as Uint8Array).slice(idx[0], idx[1]);
  const out = (item as unknown[]).slice(idx[0], idx[1]);
  const tag = (item as { [GO_TYPE]?: string })[GO_TYPE];
  if (tag !== undefined) Object.defineProperty(out, GO_TYPE, { value: tag, configurable: true });
  return out;
}

// ---- comparisons ----

const enum BasicKind {
  Invalid,
  Bool,
  Complex,
  Int,
  Float,
  String,
  Uint,
}

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case "boolean":
      return BasicKind.Bool;
    case "number":
      return BasicKind.Float;
    case "string":
      return BasicKind.String;
  }
  if (v instanceof GoInt) return v.unsigned ? BasicKind.Uint : BasicKind.Int;
  if (v instanceof GoComplex) return BasicKind.Complex;
  return BasicKind.Invalid;
}

function isNilValue(v: unknown): boolean {
  return v === undefined || v === null;
}

function comparable(v: unknown): boolean {
  const k = kindOf(v);
  if (k === Kind.Slice || k === Kind.Map || k === Kind.Bytes || k === Kind.Func) return false;
  if (k === Kind.Struct && !(v as GoStruct).goType.startsWith("*")) {
    return structFields(v as GoStruct).every((f) => comparable((v as unknown as Record<string, unknown>)[f]));
  }
  return true;
}

/** Go's `==` on interface values of comparable types. */
function goEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoInt && b instanceof GoInt) return a.value === b.value;
  if (a instanceof GoComplex && b instanceof GoComplex) return a.re === b.re && a.im === b.im;
  if (a instanceof GoStruct && b instanceof GoStruct && !a.goType.startsWith("*")) {
    const ra = a as unknown as Record<string, unknown>;
    const rb = b as unknown as Record<string, unknown>;
    return structFields(a).every((f) => goEqual(ra[f] ?? null, rb[f] ?? null));
  }
  return false;
}

function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  arg1 = ind(arg1);
  if (arg2.length === 0) fail("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = ind(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === BasicKind.Int && k2 === BasicKind.Uint) {
        truth = (arg1 as GoInt).value >= 0n && (arg1 as GoInt).value === (arg as GoInt).value;
      } else if (k1 === BasicKind.Uint && k2 === BasicKind.Int) {
        truth = (arg as GoInt).value >= 0n && (arg1 as GoInt).value === (arg as GoInt).value;
      } else if (arg1 !== undefined && arg !== undefined) {
        fail("incompatible types for comparison: %v and %v", typeName(arg1), typeName(arg));
      }
    } else {
      switch (k1) {
        case BasicKind.Bool:
        case BasicKind.Float:
        case BasicKind.String:
          truth = arg1 === arg;
          break;
        case BasicKind.Int:
        case BasicKind.Uint:
          truth = (arg1 as GoInt).value === (arg as GoInt).value;
          break;
        case BasicKind.Complex:
          truth = (arg1 as GoComplex).re === (arg as GoComplex).re &&
            (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        default: {
          const r1 = reflectKind(arg1);
          const r2 = reflectKind(arg);
          if (r1 !== r2 && arg1 !== undefined && arg !== undefined) {
            fail("non-comparable types %s: %v, %s: %v", arg1, typeName(arg1), typeName(arg), arg);
          }
          if (isNilValue(arg1) || isNilValue(arg)) {
            truth = isNilValue(arg) === isNilValue(arg1);
          } else {
            if (!comparable(arg)) fail("non-comparable type %s: %v", arg, typeName(arg));
            truth = goEqual(arg1, arg);
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function ne(arg1: unknown, arg2: unknown): boolean {
  return !eq(arg1, arg2);
}

function lt(arg1: unknown, arg2: unknown): boolean {
  arg1 = ind(arg1);
  const k1 = basicKind(arg1);
  if (k1 === BasicKind.Invalid) fail("invalid type for comparison");
  arg2 = ind(arg2);
  const k2 = basicKind(arg2);
  if (k2 === BasicKind.Invalid) fail("invalid type for comparison");
  if (k1 !== k2) {
    if (k1 === BasicKind.Int && k2 === BasicKind.Uint) {
      return (arg1 as GoInt).value < 0n || (arg1 as GoInt).value < (arg2 as GoInt).value;
    }
    if (k1 === BasicKind.Uint && k2 === BasicKind.Int) {
      return (arg2 as GoInt).value >= 0n && (arg1 as GoInt).value < (arg2 as GoInt).value;
    }
    fail("incompatible types for comparison: %v and %v", typeName(arg1), typeName(arg2));
  }
  switch (k1) {
    case BasicKind.Bool:
    case BasicKind.Complex:
      fail("invalid type for comparison");
      break;
    case BasicKind.Float:
      return (arg1 as number) < (arg2 as number);
    case BasicKind.String:
      return compareStrings(arg1 as string, arg2 as string) < 0;
  }
  return (arg1 as GoInt).value < (arg2 as GoInt).value;
}

function le(arg1: unknown, arg2: unknown): boolean {
  return lt(arg1, arg2) || eq(arg1, arg2);
}

function gt(arg1: unknown, arg2: unknown): boolean {
  return !le(arg1, arg2);
}

function ge(arg1: unknown, arg2: unknown): boolean {
  return !lt(arg1, arg2);
}

// ---- escapers ----

/** Go's printableValue applied for the escapers: no value and nil print as `<no value>`, pointers are followed. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  const printable = args.map((a) => {
    if (a === null || a === undefined) return "<no value>";
    if (
      a instanceof GoStruct && a.goType.startsWith("*") && !findMethod(a, "String") && !findMethod(a, "Error")
    ) {
      return derefStruct(a);
    }
    return a;
  });
  return sprint(...printable);
}

/** A view of a pointer struct as its value (prints `{…}` instead of `&{…}`). */
export function derefStruct(a: GoStruct): GoStruct {
  const view = Object.create(Object.getPrototypeOf(a)) as GoStruct;
  Object.assign(view, a);
  Object.defineProperty(view, "goType", { value: a.goType.slice(1), enumerable: true });
  return view;
}

/** Go's `template.HTMLEscapeString`. */
export function htmlEscapeString(s: string): string {
  if (!/["'&<>\0]/.test(s)) return s;
  return s.replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]);
}

const HTML_ESCAPES: Record<string, string> = {
  '"': "&#34;",
  "'": "&#39;",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\0": "\uFFFD",
};

/** Go's `template.JSEscapeString`. */
export function jsEscapeString(s: string): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c < 0x80) {
      switch (c) {
        case 0x5c:
          rep = "\\\\";
          break;
        case 0x27:
          rep = "\\'";
          break;
        case 0x22:
          rep = '\\"';
          break;
        case 0x3c:
          rep = "\\u003C";
          break;
        case 0x3e:
          rep = "\\u003E";
          break;
        case 0x26:
          rep = "\\u0026";
          break;
        case 0x3d:
          rep = "\\u003D";
          break;
        default:
          if (c >= 0x20) continue;
          rep = "\\u00" + "0123456789ABCDEF"[c >> 4] + "0123456789ABCDEF"[c & 15];
      }
      out += s.slice(last, i) + rep;
      last = i + 1;
      continue;
    }
    const cp = s.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (!isPrint(cp)) {
      out += s.slice(last, i) + "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
      last = i + w;
    }
    i += w - 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Go's `url.QueryEscape` (space → `+`, everything but `A-Za-z0-9-_.~` percent-encoded). */
export function urlQueryEscape(s: string): string {
  let out = "";
  for (const b of utf8Encode(s)) {
    if (
      (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) ||
      b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e
    ) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) {
      out += "+";
    } else {
      out += "%" + "0123456789ABCDEF"[b >> 4] + "0123456789ABCDEF"[b & 15];
    }
  }
  return out;
}

// ---- the table ----

function spec(
  params: string[],
  variadic: boolean,
  fn: (...args: never[]) => unknown,
  special = Special.None,
): CallSpec {
  return { params: params.map(paramType), variadic, fn: fn as (...args: unknown[]) => unknown, special };
}

const RV = "reflect.Value";
const ANY = "interface {}";

/** text/template's builtins by name. */
export const BUILTINS: ReadonlyMap<string, CallSpec> = new Map<string, CallSpec>([
  ["and", spec([RV, RV], true, () => undefined, Special.And)],
  ["or", spec([RV, RV], true, () => undefined, Special.Or)],
  ["call", spec([RV, RV], true, () => undefined, Special.Call)],
  ["html", spec([ANY], true, (...a: unknown[]) => htmlEscapeString(evalArgs(a)))],
  ["js", spec([ANY], true, (...a: unknown[]) => jsEscapeString(evalArgs(a)))],
  ["urlquery", spec([ANY], true, (...a: unknown[]) => urlQueryEscape(evalArgs(a)))],
  ["index", spec([RV, RV], true, index)],
  ["slice", { ...spec([RV, RV], true, slice), wrapIfaceArgs: true }],
  ["len", spec([RV], false, length)],
  ["not", spec([RV], false, (a: unknown) => !isTrue(a))],
  ["print", spec([ANY], true, sprint)],
  ["printf", spec(["string", ANY], true, sprintf)],
  ["println", spec([ANY], true, sprintln)],
  ["eq", spec([RV, RV], true, eq)],
  ["ne", spec([RV, RV], false, ne)],
  ["lt", spec([RV, RV], false, lt)],
  ["le", spec([RV, RV], false, le)],
  ["gt", spec([RV, RV], false, gt)],
  ["ge", spec([RV, RV], false, ge)],
]);
