/**
 * `encoding/json.Unmarshal` into `interface{}` or a described Go type.
 *
 * @module
 */

import { GoInt } from "../gotpl/value.ts";
import { GoJsonError } from "./errors.ts";
import { checkValid } from "./scanner.ts";
import {
  derefType,
  foldKey,
  type GoField,
  type GoIntKind,
  type GoType,
  goTypeBaseName,
  goTypeString,
  INTERFACE,
} from "./types.ts";
import { decodeRune, encodeUtf8 } from "./utf8.ts";

/** Options for {@link unmarshal}. */
export interface UnmarshalOptions {
  /** The Go type decoded into; `interface{}` when omitted. */
  target?: GoType;
  /**
   * The value the target already holds (Go decodes into an existing map,
   * keeping its entries); defaults to an empty map, struct or slice.
   */
  into?: Record<string, unknown> | unknown[];
}

/** Sets an own enumerable property, even for keys like `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

const INT_RANGE: Record<GoIntKind, [bigint, bigint]> = {
  int: [-(2n ** 63n), 2n ** 63n - 1n],
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint: [0n, 2n ** 64n - 1n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

const INT_KINDS = new Set<string>(Object.keys(INT_RANGE));

/** Struct field lookup, exact first then case-folded, as encoding/json does. */
function findField(fields: readonly GoField[], key: string): GoField | undefined {
  const exact = fields.find((f) => f.json === key);
  if (exact) return exact;
  const folded = foldKey(key);
  return fields.find((f) => foldKey(f.json) === folded);
}

/** Error context: innermost struct and the path of JSON field names. */
interface Context {
  struct?: GoType;
  fields: string[];
}

class Decoder {
  private off = 0;
  private saved?: GoJsonError;
  private readonly ctx: Context = { fields: [] };

  constructor(private readonly data: Uint8Array) {}

  get error(): GoJsonError | undefined {
    return this.saved;
  }

  private saveTypeError(value: string, t: GoType, offset: number): void {
    if (this.saved) return;
    let msg: string;
    if (this.ctx.struct !== undefined || this.ctx.fields.length > 0) {
      const structName = this.ctx.struct ? goTypeBaseName(this.ctx.struct) : "";
      msg = `json: cannot unmarshal ${value} into Go struct field ${structName}.${
        this.ctx.fields.join(".")
      } of type ${goTypeString(t)}`;
    } else {
      msg = `json: cannot unmarshal ${value} into Go value of type ${goTypeString(t)}`;
    }
    this.saved = new GoJsonError(msg, "unmarshal-type", offset);
  }

  private skipSpace(): void {
    const d = this.data;
    while (this.off < d.length) {
      const c = d[this.off];
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.off++;
    }
  }

  /** Decodes the value at the cursor into `t`; `cur` is the current Go value. */
  value(t: GoType, cur: unknown): unknown {
    this.skipSpace();
    const c = this.data[this.off];
    if (c === 0x7b) return this.object(t, cur);
    if (c === 0x5b) return this.array(t, cur);
    return this.literal(t, cur);
  }

  private object(t: GoType, cur: unknown): unknown {
    const start = this.off;
    const base = derefType(t);
    if (base.kind !== "interface" && base.kind !== "map" && base.kind !== "struct") {
      this.saveTypeError("object", base, start + 1);
      this.skipValue();
      return cur;
    }
    this.off++; // {
    const out: Record<string, unknown> = base.kind === "map" && cur !== null && typeof cur === "object"
      ? cur as Record<string, unknown>
      : base.kind === "struct" && cur !== null && typeof cur === "object"
      ? cur as Record<string, unknown>
      : {};
    const saved = { struct: this.ctx.struct, depth: this.ctx.fields.length };
    this.skipSpace();
    if (this.data[this.off] === 0x7d) {
      this.off++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const key = this.string();
      this.skipSpace();
      this.off++; // :
      if (base.kind === "struct") {
        const f = findField(base.fields, key);
        if (f) {
          this.ctx.struct = base;
          this.ctx.fields.push(f.json);
          const prev = Object.hasOwn(out, f.json) ? out[f.json] : undefined;
          const v = this.value(f.type, prev);
          if (v !== undefined) setOwn(out, f.json, v);
        } else {
          this.skipValue();
        }
      } else {
        const elem = base.kind === "map" ? base.elem : INTERFACE;
        const v = this.value(elem, undefined);
        setOwn(out, key, v === undefined ? zeroValue(elem) : v);
      }
      this.ctx.fields.length = saved.depth;
      this.ctx.struct = saved.struct;
      this.skipSpace();
      const c = this.data[this.off++];
      if (c === 0x7d) break;
    }
    return out;
  }

  private array(t: GoType, cur: unknown): unknown {
    const start = this.off;
    const base = derefType(t);
    if (base.kind !== "interface" && base.kind !== "slice") {
      this.saveTypeError("array", base, start + 1);
      this.skipValue();
      return cur;
    }
    this.off++; // [
    const elem = base.kind === "slice" ? base.elem : INTERFACE;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.data[this.off] === 0x5d) {
      this.off++;
      return out;
    }
    for (;;) {
      const v = this.value(elem, undefined);
      out.push(v === undefined ? zeroValue(elem) : v);
      this.skipSpace();
      const c = this.data[this.off++];
      if (c === 0x5d) break;
    }
    return out;
  }

  private literal(t: GoType, cur: unknown): unknown {
    const start = this.off;
    const d = this.data;
    const c = d[this.off];
    const base = derefType(t);
    if (c === 0x22) {
      const s = this.string();
      if (base.kind === "interface" || base.kind === "string") return s;
      this.saveTypeError("string", base, this.off);
      return cur;
    }
    if (c === 0x6e) {
      this.off += 4;
      // null zeroes interfaces, pointers, maps and slices; others keep their value.
      if (t.kind === "interface" || t.kind === "ptr" || t.kind === "map" || t.kind === "slice") return null;
      return cur;
    }
    if (c === 0x74 || c === 0x66) {
      const v = c === 0x74;
      this.off += v ? 4 : 5;
      if (base.kind === "interface" || base.kind === "bool") return v;
      this.saveTypeError("bool", base, this.off);
      return cur;
    }
    // number
    while (this.off < d.length) {
      const b = d[this.off];
      if ((b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x65 || b === 0x45) {
        this.off++;
      } else break;
    }
    let s = "";
    for (let i = start; i < this.off; i++) s += String.fromCharCode(d[i]);
    if (base.kind === "interface" || base.kind === "float64" || base.kind === "float32") {
      const f = Number(s);
      const out = base.kind === "float32" ? Math.fround(f) : f;
      if (!Number.isFinite(out)) {
        this.saveTypeError("number " + s, base.kind === "interface" ? { kind: "float64" } : base, this.off);
        return base.kind === "interface" ? null : cur;
      }
      return out;
    }
    if (INT_KINDS.has(base.kind)) {
      const kind = base.kind as GoIntKind;
      const [lo, hi] = INT_RANGE[kind];
      if (/^-?\d+$/.test(s) && (kind.startsWith("u") ? !s.startsWith("-") : true)) {
        const n = BigInt(s);
        if (n >= lo && n <= hi) return new GoInt(n, kind);
      }
      this.saveTypeError("number " + s, base, this.off);
      return cur;
    }
    this.saveTypeError("number", base, this.off);
    return cur;
  }

  /** Reads a JSON string literal at the cursor with Go's unquoting rules. */
  private string(): string {
    const d = this.data;
    let i = this.off + 1;
    let out = "";
    let chunk: number[] = [];
    const flush = () => {
      if (chunk.length) {
        out += String.fromCodePoint(...chunk);
        chunk = [];
      }
    };
    const hex4 = (at: number): number => {
      let v = 0;
      for (let k = 0; k < 4; k++) {
        const h = d[at + k];
        v = v * 16 + (h <= 0x39 ? h - 0x30 : (h | 0x20) - 0x57);
      }
      return v;
    };
    for (;;) {
      const c = d[i];
      if (c === 0x22) {
        i++;
        break;
      }
      if (c === 0x5c) {
        const e = d[i + 1];
        i += 2;
        switch (e) {
          case 0x62:
            chunk.push(8);
            break;
          case 0x66:
            chunk.push(12);
            break;
          case 0x6e:
            chunk.push(10);
            break;
          case 0x72:
            chunk.push(13);
            break;
          case 0x74:
            chunk.push(9);
            break;
          case 0x75: {
            let r = hex4(i);
            i += 4;
            if (r >= 0xd800 && r <= 0xdfff) {
              // A valid pair is consumed whole; anything else becomes U+FFFD.
              if (r <= 0xdbff && d[i] === 0x5c && d[i + 1] === 0x75) {
                const r2 = hex4(i + 2);
                if (r2 >= 0xdc00 && r2 <= 0xdfff) {
                  r = ((r - 0xd800) << 10) + (r2 - 0xdc00) + 0x10000;
                  i += 6;
                } else r = 0xfffd;
              } else r = 0xfffd;
            }
            chunk.push(r);
            break;
          }
          default:
            chunk.push(e);
        }
      } else if (c < 0x80) {
        chunk.push(c);
        i++;
      } else {
        const [r, w] = decodeRune(d, i);
        chunk.push(r);
        i += w;
      }
      if (chunk.length > 4096) flush();
    }
    flush();
    this.off = i;
    return out;
  }

  /** Skips the (valid) value at the cursor. */
  private skipValue(): void {
    this.skipSpace();
    const d = this.data;
    const c = d[this.off];
    if (c === 0x22) {
      this.string();
      return;
    }
    if (c !== 0x7b && c !== 0x5b) {
      while (this.off < d.length && !isDelimiter(d[this.off])) this.off++;
      return;
    }
    let depth = 0;
    do {
      const b = d[this.off];
      if (b === 0x22) {
        this.string();
        continue;
      }
      if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) depth--;
      this.off++;
    } while (depth > 0);
  }
}

function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === 0x3a || c === 0x20 || c === 0x09 || c === 0x0a ||
    c === 0x0d;
}

/** The Go zero value for elements created while decoding. */
function zeroValue(t: GoType): unknown {
  switch (t.kind) {
    case "string":
      return "";
    case "bool":
      return false;
    case "float64":
    case "float32":
      return 0;
    case "struct":
      return {};
    case "interface":
    case "ptr":
    case "map":
    case "slice":
      return null;
    default:
      return new GoInt(0n, t.kind);
  }
}

/**
 * Decodes JSON text as Go's `json.Unmarshal(data, &v)`.
 *
 * With no target, `v` is an `interface{}`: objects become plain objects (any
 * key, `__proto__` included, is an own property), arrays become arrays,
 * numbers float64 (JS numbers). With a target type, values are checked and
 * converted as Go would (integers become {@link GoInt}); struct targets give
 * plain objects keyed by the fields' JSON names, holding only fields present.
 *
 * @throws {GoJsonError} with Go's message: syntax errors (`invalid character
 * 'x' looking for beginning of value`, `unexpected end of JSON input`) or the
 * first type error (`json: cannot unmarshal array into Go value of type
 * map[string]interface {}`), which carries the partial result in `partial`.
 *
 * @example
 * ```ts
 * unmarshal('{"a":[1,true]}'); // { a: [1, true] }
 * ```
 */
export function unmarshal(input: string | Uint8Array, opts: UnmarshalOptions = {}): unknown {
  const data = typeof input === "string" ? encodeUtf8(input) : input;
  const target = opts.target ?? INTERFACE;
  // Helm decodes into fresh `map[string]any{}` / `[]any{}` values, which
  // errors leave untouched.
  const initial = opts.into ??
    (target.kind === "map" || target.kind === "struct" ? {} : target.kind === "slice" ? [] : undefined);
  try {
    checkValid(data);
  } catch (e) {
    // Go validates before decoding, so the target is left untouched.
    if (e instanceof GoJsonError) e.partial = initial;
    throw e;
  }
  const dec = new Decoder(data);
  const v = dec.value(target, initial);
  const err = dec.error;
  if (err) {
    err.partial = v;
    throw err;
  }
  return v;
}
