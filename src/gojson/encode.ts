/**
 * `encoding/json.Marshal` and `MarshalIndent` over charta's Go value model.
 *
 * @module
 */

import { GO_JSON, GoInt, GoStruct, goTypeTag, isGoNil, isPlainMap } from "../gotpl/value.ts";
import { GoJsonError } from "./errors.ts";
import { formatFloatShortest } from "./float.ts";
import { compareBytewise } from "./utf8.ts";

/** Options for {@link marshal}. */
export interface MarshalOptions {
  /**
   * Escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (Go's default;
   * `toRawJson` turns it off through `Encoder.SetEscapeHTML(false)`).
   */
  escapeHTML?: boolean;
  /** When set, output is indented like `json.MarshalIndent(v, prefix, indent)`. */
  indent?: string;
  /** Line prefix for indented output. */
  prefix?: string;
}

export { GO_TIME } from "../gotpl/value.ts";
import { GO_TIME } from "../gotpl/value.ts";

const HEX = "0123456789abcdef";

/** Appends the JSON string literal for `s` as Go's encoder writes it. */
export function quoteJsonString(s: string, escapeHTML = true): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c) {
      switch (c) {
        case 0x22:
          esc = '\\"';
          break;
        case 0x5c:
          esc = "\\\\";
          break;
        case 0x08:
          esc = "\\b";
          break;
        case 0x0c:
          esc = "\\f";
          break;
        case 0x0a:
          esc = "\\n";
          break;
        case 0x0d:
          esc = "\\r";
          break;
        case 0x09:
          esc = "\\t";
          break;
        default:
          esc = "\\u00" + HEX[c >> 4] + HEX[c & 0xf];
      }
    } else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) {
      esc = "\\u00" + HEX[c >> 4] + HEX[c & 0xf];
    } else if (c === 0x2028 || c === 0x2029) {
      // Go escapes these even without HTML escaping: JSONP safety.
      esc = c === 0x2028 ? "\\u2028" : "\\u2029";
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        i++;
        continue;
      }
      esc = "\\ufffd";
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/** Go's float64 JSON form: 'f' unless the magnitude calls for 'e'. */
export function formatJsonFloat(f: number, bits: 32 | 64 = 64): string {
  if (!Number.isFinite(f)) {
    throw new GoJsonError(
      `json: unsupported value: ${formatFloatShortest(f, "g", bits)}`,
      "unsupported-value",
    );
  }
  const abs = Math.abs(f);
  // In this range Go writes the shortest round-trip digits in plain notation, which is what
  // JavaScript's Number-to-String conversion gives (except for -0).
  if (bits === 64 && abs >= 1e-6 && abs < 1e21) return String(f);
  let fmt: "e" | "f" = "f";
  if (abs !== 0) {
    if (bits === 64 && (abs < 1e-6 || abs >= 1e21) || bits === 32 && (abs < 1e-6 || abs >= 1e21)) fmt = "e";
  }
  let s = formatFloatShortest(f, fmt, bits);
  if (fmt === "e") {
    // Go shortens e-07 to e-7 (but keeps e+21 as is).
    const n = s.length;
    if (n >= 4 && s[n - 4] === "e" && s[n - 3] === "-" && s[n - 2] === "0") {
      s = s.slice(0, n - 2) + s[n - 1];
    }
  }
  return s;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard padded base64, as Go's `base64.StdEncoding`. */
export function base64Std(b: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < b.length) {
    const n = (b[i] << 16) | ((i + 1 < b.length ? b[i + 1] : 0) << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63];
    out += i + 1 < b.length ? B64[(n >> 6) & 63] : "=";
    out += "=";
  }
  return out;
}

/** The Go type name Go's errors would print for a container value. */
function goTypeName(v: object): string {
  if (Array.isArray(v)) return goTypeTag(v) ?? "[]interface {}";
  if (v instanceof GoStruct) return v.goType;
  return goTypeTag(v) ?? "map[string]interface {}";
}

/** Field name/value pairs of a struct, in declaration order. */
export function structFields(v: GoStruct): Map<string, unknown> {
  const json = (v as unknown as Record<symbol, unknown>)[GO_JSON];
  if (typeof json === "function") return json.call(v) as Map<string, unknown>;
  // Without an explicit JSON form, exported own fields in definition order.
  const m = new Map<string, unknown>();
  for (const k of Object.keys(v)) {
    if (k === "goType") continue;
    const val = (v as unknown as Record<string, unknown>)[k];
    if (typeof val !== "function") m.set(k, val);
  }
  return m;
}

class Encoder {
  private readonly escapeHTML: boolean;
  private readonly indent?: string;
  private readonly prefix: string;
  private readonly stack = new Set<object>();

  constructor(opts: MarshalOptions) {
    this.escapeHTML = opts.escapeHTML ?? true;
    this.indent = opts.indent;
    this.prefix = opts.prefix ?? "";
  }

  private newline(depth: number): string {
    return "\n" + this.prefix + (this.indent ?? "").repeat(depth);
  }

  private enter(v: object): void {
    if (this.stack.has(v)) {
      throw new GoJsonError(
        `json: unsupported value: encountered a cycle via ${goTypeName(v)}`,
        "unsupported-value",
      );
    }
    this.stack.add(v);
  }

  encode(v: unknown, depth: number): string {
    if (v === undefined || v === null) return "null";
    switch (typeof v) {
      case "boolean":
        return v ? "true" : "false";
      case "number":
        return formatJsonFloat(v);
      case "bigint":
        return v.toString();
      case "string":
        return quoteJsonString(v, this.escapeHTML);
      case "function":
        throw new GoJsonError("json: unsupported type: func()", "unsupported-type");
      case "symbol":
        throw new GoJsonError("json: unsupported type: symbol", "unsupported-type");
    }
    if (v instanceof GoInt) return v.toString();
    if (v instanceof Uint8Array) return '"' + base64Std(v) + '"';
    const obj = v as object;
    // Go's nil slices and maps encode as null.
    if (isGoNil(obj)) return "null";
    this.enter(obj);
    try {
      if (Array.isArray(obj)) return this.encodeArray(obj, depth);
      // A struct with Go's MarshalJSON (time.Time, *semver.Version) writes its own JSON.
      const marshalJSON = (obj as { MarshalJSON?: unknown }).MarshalJSON;
      if (obj instanceof GoStruct && typeof marshalJSON === "function") {
        return this.marshalerOutput(marshalJSON.call(obj));
      }
      const time = (obj as Record<symbol, unknown>)[GO_TIME];
      if (typeof time === "function") return quoteJsonString(time.call(obj), this.escapeHTML);
      if (obj instanceof GoStruct) return this.encodeEntries([...structFields(obj)], depth);
      if (isPlainMap(obj)) {
        const keys = Object.keys(obj).sort(compareBytewise);
        return this.encodeEntries(keys.map((k) => [k, obj[k]]), depth);
      }
      if (obj instanceof Map) {
        const keys = [...obj.keys()].map(String).sort(compareBytewise);
        return this.encodeEntries(keys.map((k) => [k, obj.get(k)]), depth);
      }
      throw new GoJsonError(
        `json: unsupported type: ${obj.constructor?.name ?? "object"}`,
        "unsupported-type",
      );
    } finally {
      this.stack.delete(obj);
    }
  }

  /** What a Go MarshalJSON returned, compacted as encoding/json does (strings are re-escaped). */
  private marshalerOutput(out: unknown): string {
    const text = (typeof out === "string" ? out : new TextDecoder().decode(out as Uint8Array)).trim();
    if (text.startsWith('"')) return quoteJsonString(JSON.parse(text), this.escapeHTML);
    return text;
  }

  private encodeArray(a: readonly unknown[], depth: number): string {
    if (a.length === 0) return "[]";
    const parts = a.map((e) => this.encode(e, depth + 1));
    if (this.indent === undefined) return "[" + parts.join(",") + "]";
    const nl = this.newline(depth + 1);
    return "[" + nl + parts.join("," + nl) + this.newline(depth) + "]";
  }

  private encodeEntries(entries: [string, unknown][], depth: number): string {
    if (entries.length === 0) return "{}";
    const sep = this.indent === undefined ? ":" : ": ";
    const parts = entries.map(([k, e]) =>
      quoteJsonString(k, this.escapeHTML) + sep + this.encode(e, depth + 1)
    );
    if (this.indent === undefined) return "{" + parts.join(",") + "}";
    const nl = this.newline(depth + 1);
    return "{" + nl + parts.join("," + nl) + this.newline(depth) + "}";
  }
}

/**
 * Encodes a Go value as `encoding/json.Marshal` does (or `MarshalIndent` when
 * `indent` is given). Map keys are sorted byte-wise, struct fields come from
 * `[GO_JSON]()`, `[]byte` becomes base64 and float64 uses Go's JSON float form.
 *
 * @throws {GoJsonError} for NaN/±Inf (`json: unsupported value: NaN`), cycles
 * and unsupported types.
 *
 * @example
 * ```ts
 * marshal({ b: 1e21, a: "<x>" }); // '{"a":"\u003cx\u003e","b":1e+21}'
 * ```
 */
export function marshal(value: unknown, opts: MarshalOptions = {}): string {
  return new Encoder(opts).encode(value, 0);
}
