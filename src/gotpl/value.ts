/**
 * How Go values are represented in JavaScript inside the template engine.
 *
 * Helm's output depends on Go's types (a float64 `1000000` prints `1e+06`, an
 * int prints `1000000`), so the engine keeps the distinctions Go makes:
 *
 * | Go                         | JavaScript                                   |
 * |----------------------------|----------------------------------------------|
 * | invalid (no value)         | `undefined`                                  |
 * | nil interface/pointer/map  | `null`                                       |
 * | bool                       | `boolean`                                    |
 * | string                     | `string`                                     |
 * | float64                    | `number`                                     |
 * | int, int64, uint64, …      | {@link GoInt}                                |
 * | []byte                     | `Uint8Array`                                 |
 * | []interface{} (or typed)   | `Array` (typed slices carry {@link GO_TYPE}) |
 * | map[string]interface{}     | plain object (typed maps carry {@link GO_TYPE}) |
 * | struct / named type        | an instance of a class (see {@link GoStruct}) |
 *
 * A plain object is one whose prototype is `Object.prototype` or `null`.
 *
 * Notes on nil:
 * - `null` is Go's nil interface (a `nil` map element, a function returning
 *   a nil `interface{}`). Like Go, the executor turns it into "no value" at
 *   the end of a pipeline, so `{{.x}}` prints `<no value>` for both a missing
 *   key and a null one, while `print .x` gets nil and prints `<nil>`.
 * - There are no typed nils: a nil slice or map is best given as an empty
 *   array or object (Go prints both as `[]`/`map[]`), and a nil pointer field
 *   of a struct behaves as a nil interface.
 * - A JS function in the data is a Go func value (callable with `call`); tag
 *   it with its Go type (`withGoType(fn, "func(string) string")`) so that
 *   `call` checks arguments like Go. A {@link GoFunc} object in the data is a
 *   plain object, hence a map.
 *
 * @module
 */

/** The Go integer kinds a template can meet. */
export type IntKind =
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

const INT_BITS: Record<IntKind, { bits: bigint; signed: boolean }> = {
  int: { bits: 64n, signed: true },
  int8: { bits: 8n, signed: true },
  int16: { bits: 16n, signed: true },
  int32: { bits: 32n, signed: true },
  int64: { bits: 64n, signed: true },
  uint: { bits: 64n, signed: false },
  uint8: { bits: 8n, signed: false },
  uint16: { bits: 16n, signed: false },
  uint32: { bits: 32n, signed: false },
  uint64: { bits: 64n, signed: false },
};

/**
 * A Go integer of a given kind. Plain JS numbers always mean float64, so any
 * integer that Go would hold in an integer type is wrapped in this class.
 *
 * @example
 * ```ts
 * const n = GoInt.of(3, "int64");
 * n.toNumber(); // 3
 * ```
 */
export class GoInt {
  /** The value, already wrapped to the kind's width. */
  readonly value: bigint;
  /** The Go kind, which decides printing (`%T`) and assignability. */
  readonly kind: IntKind;

  /** Wraps `value` to the width of `kind`, as a Go conversion would. */
  constructor(value: bigint, kind: IntKind = "int") {
    const { bits, signed } = INT_BITS[kind];
    this.value = signed ? BigInt.asIntN(Number(bits), value) : BigInt.asUintN(Number(bits), value);
    this.kind = kind;
  }

  /**
   * Builds a GoInt from a JS number (truncating toward zero, as a Go
   * conversion does) or a bigint. NaN and ±Inf give the minimum int64, which
   * is what Go produces for them on amd64.
   */
  static of(value: number | bigint, kind: IntKind = "int"): GoInt {
    if (typeof value === "bigint") return new GoInt(value, kind);
    return new GoInt(Number.isFinite(value) ? BigInt(Math.trunc(value)) : -(1n << 63n), kind);
  }

  /** The value as a JS number (exact up to 2^53). */
  toNumber(): number {
    return Number(this.value);
  }

  /** Decimal digits, as Go's `%d` prints them. */
  toString(): string {
    return this.value.toString();
  }

  /** True for the unsigned kinds. */
  get unsigned(): boolean {
    return !INT_BITS[this.kind].signed;
  }
}

/**
 * Symbol under which arrays and plain objects record a Go type other than the
 * default (`[]interface {}` for arrays, `map[string]interface {}` for objects),
 * e.g. `"[]string"`, `"[]int"`, `"map[string]string"`, `"chartutil.Values"`.
 */
export const GO_TYPE: unique symbol = Symbol.for("charta.gotpl.goType");

/** A value tagged with its Go type name. */
export interface GoTyped {
  /** The Go type name. */
  [GO_TYPE]?: string;
}

/**
 * Base class for Go structs and named types exposed to templates.
 *
 * Field lookup in templates follows Go: a method first, then a field.
 * Methods are the functions on the prototype chain (class methods) whose
 * name starts with an upper-case letter; their Go signatures may be declared
 * with {@link GO_METHODS}. Fields are the own enumerable properties, in
 * declaration order; an own function-valued property is a func-typed field
 * (callable with `call`, not invoked by `.Field`). Subclasses set
 * {@link GoStruct.goType} to the name Go's `%T` prints; a leading `*` makes
 * it a pointer (printed `&{…}` by `%v`).
 */
export abstract class GoStruct {
  /** The Go type name, e.g. `"chart.Metadata"` or `"*engine.files"`. */
  abstract readonly goType: string;
}

/** Tags an array or a plain object with a Go type name and returns it. */
export function withGoType<T extends object>(value: T, goType: string): T {
  Object.defineProperty(value, GO_TYPE, { value: goType, enumerable: false, configurable: true });
  return value;
}

/** The Go type recorded on an array or a plain object, if any. */
export function goTypeTag(value: object): string | undefined {
  return (value as GoTyped)[GO_TYPE];
}

/** True when the value is a plain object, i.e. a Go map. */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A Go `map[string]interface{}`-like value. */
export type GoMap = Record<string, unknown>;

/**
 * Method name under which a {@link GoStruct} may give its JSON form: a `Map`
 * of field name to value in declaration order, `omitempty` already applied,
 * as Go's encoding/json would see the struct. Encoders use it for `toJson`
 * and `toYaml` (which goes through JSON in Helm).
 */
export const GO_JSON: unique symbol = Symbol.for("charta.gotpl.json");

/** A struct that knows its JSON form. */
export interface GoJSONMarshaler {
  /** The struct's JSON fields in order, `omitempty` applied. */
  [GO_JSON](): Map<string, unknown>;
}

/**
 * A function callable from templates, with the Go signature the executor
 * needs to check and convert arguments exactly as text/template does.
 *
 * Parameter types are Go type strings: `"interface {}"`, `"string"`, `"int"`,
 * `"int64"`, `"float64"`, `"bool"`, `"[]interface {}"`, `"[]string"`,
 * `"map[string]interface {}"`, `"reflect.Value"`, … A function that throws
 * (Go: returns a non-nil error or panics) makes the executor report
 * `error calling NAME: MESSAGE`.
 */
export interface GoFunc {
  /** Go parameter types in order; with `variadic`, the last is the element type of `...T`. */
  readonly params: readonly string[];
  /** True when the Go function is variadic. */
  readonly variadic?: boolean;
  /** The implementation; receives converted arguments. */
  readonly fn: (...args: never[]) => unknown;
}

/** Functions by name, as Go's `template.FuncMap`. */
export type FuncMap = Record<string, GoFunc>;

/**
 * Builds a {@link GoFunc} from its Go parameter types and implementation.
 *
 * @example
 * ```ts
 * const repeat = goFunc(["int", "string"], (n: GoInt, s: string) => s.repeat(n.toNumber()));
 * const list = goFunc(["interface {}"], (...items: unknown[]) => items, { variadic: true });
 * ```
 */
export function goFunc<A extends unknown[]>(
  params: readonly string[],
  fn: (...args: A) => unknown,
  options: { variadic?: boolean } = {},
): GoFunc {
  return { params, variadic: options.variadic ?? false, fn: fn as unknown as (...args: never[]) => unknown };
}

/**
 * A Go complex128. Templates only meet it through literals such as `{{1i}}`,
 * which prints `(0+1i)`.
 */
export class GoComplex {
  /** Real part. */
  readonly re: number;
  /** Imaginary part. */
  readonly im: number;

  /** A complex number from its parts. */
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

/**
 * The Go signature of a method, as seen by the template executor: parameter
 * types (the receiver excluded) and whether the last one is variadic.
 */
export interface GoMethodSig {
  /** Go parameter types in order; with `variadic`, the last is the element type. */
  readonly params: readonly string[];
  /** True when the method is variadic. */
  readonly variadic?: boolean;
}

/**
 * Static property under which a {@link GoStruct} subclass may declare the Go
 * signatures of its methods, so that the executor checks and converts their
 * arguments like Go does. A method without a declaration takes as many
 * `interface {}` parameters as its JS `length`.
 *
 * Methods of a struct are its function-valued properties (own or inherited)
 * whose name starts with an upper-case letter, as Go only exports those.
 *
 * @example
 * ```ts
 * class Files extends GoStruct {
 *   readonly goType = "engine.files";
 *   static readonly [GO_METHODS] = { Get: { params: ["string"] } };
 *   Get(name: string): string { return ""; }
 * }
 * ```
 */
export const GO_METHODS: unique symbol = Symbol.for("charta.gotpl.methods");

/**
 * Static property under which a {@link GoStruct} subclass may declare the Go
 * types of its fields. Only `interface {}` matters to the executor: Go names
 * that static type in errors (`can't evaluate field x in type interface {}`)
 * for values reached through such a field.
 *
 * @example
 * ```ts
 * class Holder extends GoStruct {
 *   readonly goType = "main.Holder";
 *   static readonly [GO_FIELDS] = { Any: "interface {}" };
 *   Any: unknown = null;
 * }
 * ```
 */
export const GO_FIELDS: unique symbol = Symbol.for("charta.gotpl.fields");

/** A method of a named non-struct type (see {@link registerGoType}); it receives the receiver first. */
export interface GoMethod extends GoMethodSig {
  /** The implementation: `fn(receiver, ...args)`. Throwing reports `error calling NAME: MESSAGE`. */
  readonly fn: (receiver: never, ...args: never[]) => unknown;
}

/** What the executor knows about a named Go type used as a {@link GO_TYPE} tag. */
export interface GoTypeInfo {
  /**
   * The underlying type, e.g. `"map[string]interface {}"` for `chartutil.Values`.
   * It decides assignability to unnamed parameter types. Defaults to
   * `map[string]interface {}` for objects and `[]interface {}` for arrays.
   */
  readonly underlying?: string;
  /** Methods callable from templates as `.Name args…`; they shadow map keys of the same name. */
  readonly methods?: Readonly<Record<string, GoMethod>>;
}

const NAMED_TYPES = new Map<string, GoTypeInfo>();

/**
 * Registers a named Go type that plain objects or arrays carry as their
 * {@link GO_TYPE} tag, with its underlying type and its methods.
 *
 * @example
 * ```ts
 * registerGoType("chartutil.Values", {
 *   underlying: "map[string]interface {}",
 *   methods: { AsMap: { params: [], fn: (v: Record<string, unknown>) => v } },
 * });
 * ```
 */
export function registerGoType(name: string, info: GoTypeInfo): void {
  NAMED_TYPES.set(name, info);
  registrations++;
}

let registrations = 0;

/** How many registrations {@link registerGoType} has seen: caches of derived type facts compare it. */
export function goTypeRegistrations(): number {
  return registrations;
}

/** The registration of a named type, if any (see {@link registerGoType}). */
export function lookupGoType(name: string): GoTypeInfo | undefined {
  return NAMED_TYPES.get(name);
}

/**
 * Marks an array or a plain object as a Go nil slice or nil map. They print
 * like empty ones (`[]`, `map[]`) but encode to JSON as `null`, as Go's do.
 */
export const GO_NIL: unique symbol = Symbol.for("charta.gotpl.nil");

/** Marks an empty array or object as Go's nil slice or map and returns it. */
export function goNil<T extends object>(value: T): T {
  Object.defineProperty(value, GO_NIL, { value: true, enumerable: false });
  return value;
}

/** True for a value marked by {@link goNil}. */
export function isGoNil(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { [GO_NIL]?: boolean })[GO_NIL] === true;
}

/**
 * Method name under which a {@link GoStruct} that stands for a Go
 * `time.Time` gives its RFC 3339 (nanosecond) text. encoding/json writes it
 * as a JSON string; go-yaml v3 and TOML write it as a plain scalar.
 */
export const GO_TIME: unique symbol = Symbol.for("charta.gojson.time");
