/**
 * Test fixtures shared by the gotpl tests: a few Go-like structs, a named map
 * type and a FuncMap with typical signatures, plus a compact notation for
 * typed values. They mirror a small Go program used while developing to
 * check expectations against Go itself.
 *
 * @module
 */

import { typeName } from "./types.ts";
import {
  type FuncMap,
  GO_FIELDS,
  GO_METHODS,
  GO_TYPE,
  GoComplex,
  goFunc,
  GoInt,
  type GoMethodSig,
  GoStruct,
  registerGoType,
  withGoType,
} from "./value.ts";

/** Go: `type Point struct { X, Y int }` (a value). */
export class Point extends GoStruct {
  readonly goType: string = "main.Point";
  X: GoInt;
  Y: GoInt;
  constructor(x: number, y: number) {
    super();
    this.X = GoInt.of(x);
    this.Y = GoInt.of(y);
  }
}

/** Go: `*main.Point`. */
export class PointPtr extends Point {
  override readonly goType = "*main.Point";
}

/** Go: `*main.Obj` with methods Get, Add, Fail, Self, Vari. */
export class Obj extends GoStruct {
  readonly goType: string = "*main.Obj";
  static readonly [GO_METHODS]: Record<string, GoMethodSig> = {
    Get: { params: ["string"] },
    Add: { params: ["int", "int"] },
    Fail: { params: [] },
    Self: { params: [] },
    Vari: { params: ["string", "int"], variadic: true },
  };
  static readonly [GO_FIELDS]: Record<string, string> = { Any: "interface {}" };
  Name = "";
  Count: GoInt = GoInt.of(0);
  Inner: Obj | null = null;
  Any: unknown = null;
  F: ((s: string) => string) | null = null;
  // Go prints a nil map as map[]; an empty object gives the same output.
  M: Record<string, unknown> = {};
  priv: GoInt = GoInt.of(0);

  constructor(init: Partial<Pick<Obj, "Name" | "Count" | "Inner" | "Any" | "F" | "M">> = {}) {
    super();
    Object.assign(this, init);
    if (this.F) withGoType(this.F, "func(string) string");
  }
  Get(k: string): string {
    return "got-" + k;
  }
  Add(a: GoInt, b: GoInt): GoInt {
    return GoInt.of(a.value + b.value);
  }
  Fail(): string {
    throw new Error("method failed");
  }
  Self(): Obj {
    return this;
  }
  Vari(p: string, ...xs: GoInt[]): GoInt {
    return GoInt.of(new TextEncoder().encode(p).length + xs.length);
  }
}

/** Go: `type Named struct{ V string }` with a `String()` method. */
export class Named extends GoStruct {
  readonly goType = "main.Named";
  V: string;
  constructor(v: string) {
    super();
    this.V = v;
  }
  String(): string {
    return "Named(" + this.V + ")";
  }
}

registerGoType("main.Values", {
  underlying: "map[string]interface {}",
  methods: {
    YAML: { params: [], fn: () => "yaml!" },
    Pick: { params: ["string"], fn: (v: Record<string, unknown>, k: string) => v[k] ?? null },
  },
});

/** Go int of kind int. */
export function int(n: number | bigint): GoInt {
  return GoInt.of(n, "int");
}

/** Tags an array or object with a Go type. */
export function typed<T extends object>(v: T, t: string): T {
  return withGoType(v, t);
}

function fmtSprint(p: string, xs: GoInt[]): string {
  return p + "[" + xs.map((x) => x.toString()).join(" ") + "]";
}

/** The FuncMap mirrored by the Go oracle. */
export const TEST_FUNCS: FuncMap = {
  upper: goFunc(["string"], (s: string) => s.toUpperCase()),
  repeat: goFunc(["int", "string"], (n: GoInt, s: string) => {
    if (n.value < 0n) throw new Error("strings: negative Repeat count");
    return s.repeat(n.toNumber());
  }),
  fail: goFunc([], () => {
    throw new Error("boom");
  }),
  panicky: goFunc([], () => {
    throw new Error("oops");
  }),
  nilret: goFunc([], () => null),
  list: goFunc(["interface {}"], (...xs: unknown[]) => xs, { variadic: true }),
  dict: goFunc(["interface {}"], (...xs: unknown[]) => {
    const m: Record<string, unknown> = {};
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const k = xs[i];
      // Go's xs[i].(string) panics on anything else.
      if (typeof k !== "string") {
        throw new Error(
          `interface conversion: interface {} is ${k === null ? "nil" : typeName(k)}, not string`,
        );
      }
      m[k] = xs[i + 1];
    }
    return m;
  }, { variadic: true }),
  strs: goFunc(["string"], (...xs: string[]) => withGoType(xs, "[]string"), { variadic: true }),
  addi: goFunc(["int", "int"], (a: GoInt, b: GoInt) => GoInt.of(a.value + b.value)),
  i64: goFunc(["int"], (n: GoInt) => GoInt.of(n.value, "int64")),
  u8: goFunc(["int"], (n: GoInt) => GoInt.of(n.value, "uint8")),
  u64: goFunc(["int"], (n: GoInt) => GoInt.of(n.value, "uint64")),
  f64: goFunc(["int"], (n: GoInt) => n.toNumber()),
  echo: goFunc(["interface {}"], (x: unknown) => x),
  bytes: goFunc(["string"], (s: string) => new TextEncoder().encode(s)),
  smap: goFunc([], () => withGoType({ a: "A", b: "B" }, "map[string]string")),
  mulf: goFunc(["float64", "float64"], (a: number, b: number) => a * b),
  keysOf: goFunc(
    ["map[string]interface {}"],
    (m: Record<string, unknown> | null) => int(Object.keys(m ?? {}).length),
  ),
  vals: goFunc([], () => withGoType({ a: 1, YAML: "shadowed" }, "main.Values")),
  rv: goFunc(["reflect.Value"], (v: unknown) => reflectKind(v)),
  vstr: goFunc(["string", "int"], (p: string, ...xs: GoInt[]) => fmtSprint(p, xs), { variadic: true }),
  isnil: goFunc(["interface {}"], (x: unknown) => x === null || x === undefined),
  slen: goFunc(["[]interface {}"], (xs: unknown[] | null) => int(xs?.length ?? 0)),
  u: goFunc(["uint"], (n: GoInt) => n),
  ident: goFunc(["string"], (s: string) => s),
  bool2: goFunc(["bool"], (b: boolean) => !b),
  pt: goFunc([], () => new PointPtr(1, 2)),
  obj: goFunc([], () => new Obj({ Name: "o" })),
  cplx: goFunc(["complex128"], (c: GoComplex) => new GoComplex(c.re * 2, c.im * 2)),
  named: goFunc([], () => new Named("n")),
};

function reflectKind(v: unknown): string {
  if (v === undefined) return "invalid";
  if (v === null) return "interface";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v)) return "slice";
  if (v instanceof GoStruct) return v.goType.startsWith("*") ? "ptr" : "struct";
  return "map";
}

/** A value encoded for the Go oracle (typed JSON). */
export type Encoded = unknown;

/** Encodes a JS test value as the typed JSON the Go oracle decodes. */
export function encodeForOracle(v: unknown): Encoded {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      if (Number.isNaN(v)) return { $: "float64", v: "NaN" };
      if (v === Infinity) return { $: "float64", v: "+Inf" };
      if (v === -Infinity) return { $: "float64", v: "-Inf" };
      if (Object.is(v, -0)) return { $: "float64", v: "-0" };
      return v;
    case "function":
      return { $: "func" };
  }
  if (v instanceof GoInt) return { $: v.kind, v: v.value.toString() };
  if (v instanceof GoComplex) return { $: "complex", re: v.re, im: v.im };
  if (v instanceof Uint8Array) return { $: "[]byte", v: new TextDecoder().decode(v) };
  if (v instanceof Named) return { $: "Named", v: v.V };
  if (v instanceof Point) {
    return { $: v instanceof PointPtr ? "*Point" : "Point", v: { X: v.X.toNumber(), Y: v.Y.toNumber() } };
  }
  if (v instanceof Obj) {
    const o: Record<string, unknown> = { Name: v.Name, Count: v.Count.toNumber() };
    if (v.Inner) o.Inner = encodeForOracle(v.Inner);
    if (v.Any !== null) o.Any = encodeForOracle(v.Any);
    if (v.F) o.F = true;
    if (v.M) o.M = encodeForOracle(v.M);
    return { $: "*Obj", v: o };
  }
  const tag = (v as { [GO_TYPE]?: string })[GO_TYPE];
  if (Array.isArray(v)) {
    const items = v.map(encodeForOracle);
    if (tag === "[]string") return { $: "[]string", v: items };
    if (tag === "[]int") return { $: "[]int", v: v.map((x) => (x as GoInt).toNumber()) };
    return items;
  }
  const m = v as Record<string, unknown>;
  if (tag === "map[string]string") return { $: "map[string]string", v: m };
  if (tag === "map[string]int") {
    return {
      $: "map[string]int",
      v: Object.fromEntries(Object.entries(m).map(([k, x]) => [k, (x as GoInt).toNumber()])),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(m)) out[k] = encodeForOracle(x);
  if (tag === "main.Values") return { $: "Values", v: out };
  return out;
}
