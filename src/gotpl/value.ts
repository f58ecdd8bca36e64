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

  constructor(value: bigint, kind: IntKind = "int") {
    const { bits, signed } = INT_BITS[kind];
    this.value = signed ? BigInt.asIntN(Number(bits), value) : BigInt.asUintN(Number(bits), value);
    this.kind = kind;
  }

  /** Builds a GoInt from a JS integer (truncating toward zero) or a bigint. */
  static of(value: number | bigint, kind: IntKind = "int"): GoInt {
    return new GoInt(typeof value === "bigint" ? value : BigInt(Math.trunc(value)), kind);
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
  [GO_TYPE]?: string;
}

/**
 * Base class for Go structs and named types exposed to templates.
 *
 * Field lookup in templates follows Go: a method (a function-valued property
 * on the instance or its prototype) first, then a field (an own property).
 * Subclasses set {@link GoStruct.goType} to the name Go's `%T` prints.
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
}

/** The registration of a named type, if any (see {@link registerGoType}). */
export function lookupGoType(name: string): GoTypeInfo | undefined {
  return NAMED_TYPES.get(name);
}
