/**
 * The TOML encoder of BurntSushi/toml v1.6.0 (Helm's `toToml`), over
 * charta's Go value model.
 *
 * @module
 */

import { GoInt, GoStruct, isPlainMap } from "../gotpl/value.ts";
import { GO_TIME, structFields } from "../gojson/encode.ts";
import { formatFloatShortest } from "../gojson/float.ts";
import { compareBytewise } from "../gojson/utf8.ts";
import { TomlDatetime } from "./datetime.ts";

/** An encoding error with BurntSushi/toml's message. */
export class TomlEncodeError extends Error {
  /**
   * True when Go panics instead of returning an error (a nil value), so
   * `toToml` fails the template rather than returning the text.
   */
  readonly panic: boolean;

  /** Builds an error with the Go message text. */
  constructor(message: string, panic = false) {
    super(message);
    this.name = "TomlEncodeError";
    this.panic = panic;
  }
}

const enum TT {
  Datetime,
  Integer,
  Float,
  String,
  Bool,
  Array,
  Hash,
  ArrayHash,
}

const ERR_ARRAY_NIL = "toml: cannot encode array with nil element";
const ERR_NO_KEY = "toml: top-level values must be Go maps or structs";

/** The replacements of toml's `dblQuotedReplacer`. */
function escapeTomlString(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\r":
        out += "\\r";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out;
}

function isBareKey(k: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(k);
}

function quoteKeyPiece(k: string): string {
  if (k === "") return '""';
  return isBareKey(k) ? k : '"' + escapeTomlString(k) + '"';
}

/** `Key.String()`: dotted, each piece bare or quoted. */
function keyString(key: string[]): string {
  return key.map(quoteKeyPiece).join(".");
}

function isNil(v: unknown): boolean {
  return v === null || v === undefined;
}

/** Entries of a map-like value (sorted keys) or struct (declaration order). */
function entriesOf(v: object): [string, unknown][] {
  if (v instanceof GoStruct) return [...structFields(v)];
  if (v instanceof Map) return [...v.keys()].map(String).sort(compareBytewise).map((k) => [k, v.get(k)]);
  const o = v as Record<string, unknown>;
  return Object.keys(o).sort(compareBytewise).map((k) => [k, o[k]]);
}

function isTime(v: unknown): boolean {
  return v !== null && typeof v === "object" && typeof (v as Record<symbol, unknown>)[GO_TIME] === "function";
}

function isHash(v: unknown): boolean {
  return !isTime(v) && (v instanceof GoStruct || v instanceof Map || isPlainMap(v));
}

/** `tomlTypeOfGo`; undefined stands for nil. */
function tomlType(v: unknown): TT | undefined {
  if (isNil(v)) return undefined;
  switch (typeof v) {
    case "boolean":
      return TT.Bool;
    case "number":
      return TT.Float;
    case "bigint":
      return TT.Integer;
    case "string":
      return TT.String;
  }
  if (v instanceof GoInt) return TT.Integer;
  if (isTime(v)) return TT.Datetime;
  if (v instanceof Uint8Array) return TT.Array;
  if (Array.isArray(v)) return isTableArray(v) ? TT.ArrayHash : TT.Array;
  if (isHash(v)) return TT.Hash;
  throw new TomlEncodeError(`unsupported type: ${typeof v === "object" ? "struct" : typeof v}`);
}

function isTableArray(a: unknown[]): boolean {
  if (a.length === 0) return false;
  let ret = true;
  for (const e of a) {
    const tt = tomlType(e);
    if (tt === undefined) throw new TomlEncodeError(ERR_ARRAY_NIL);
    if (ret && tt !== TT.Hash) ret = false;
  }
  return ret;
}

function isTable(t: TT | undefined): boolean {
  return t === TT.Hash || t === TT.ArrayHash;
}

class Encoder {
  private out = "";
  private hasWritten = false;
  private readonly indentUnit = "  ";

  get text(): string {
    return this.out;
  }

  private write(s: string): void {
    this.out += s;
    this.hasWritten = true;
  }

  private newline(): void {
    if (this.hasWritten) this.write("\n");
  }

  private indentStr(key: string[]): string {
    return this.indentUnit.repeat(Math.max(key.length - 1, 0));
  }

  encode(key: string[], v: unknown): void {
    if (isNil(v)) return;
    if (Array.isArray(v) || v instanceof Uint8Array) {
      if (Array.isArray(v) && tomlType(v) === TT.ArrayHash) this.arrayOfTables(key, v);
      else this.keyValue(key, v, false);
      return;
    }
    if (isHash(v)) {
      this.table(key, v as object);
      return;
    }
    const t = typeof v;
    if (
      t === "boolean" || t === "number" || t === "string" || t === "bigint" || v instanceof GoInt || isTime(v)
    ) {
      this.keyValue(key, v, false);
      return;
    }
    throw new TomlEncodeError(
      `unsupported type for key '${keyString(key)}': ${t === "object" ? "struct" : t}`,
    );
  }

  private element(v: unknown): void {
    if (isNil(v)) throw new TomlEncodeError("reflect: call of reflect.Value.Interface on zero Value", true);
    switch (typeof v) {
      case "string":
        this.write('"' + escapeTomlString(v) + '"');
        return;
      case "boolean":
        this.write(v ? "true" : "false");
        return;
      case "bigint":
        this.write(v.toString());
        return;
      case "number": {
        if (Number.isNaN(v)) this.write("nan");
        else if (v === Infinity) this.write("inf");
        else if (v === -Infinity) this.write("-inf");
        else {
          const s = formatFloatShortest(v, "g", 64);
          // TOML floats need a decimal point or an exponent.
          this.write(s.includes("e") || s.includes(".") ? s : s + ".0");
        }
        return;
      }
    }
    if (v instanceof GoInt) {
      this.write(v.toString());
      return;
    }
    if (v instanceof TomlDatetime) {
      this.write(v.tomlText());
      return;
    }
    if (isTime(v)) {
      this.write((v as Record<symbol, () => string>)[GO_TIME]());
      return;
    }
    if (Array.isArray(v) || v instanceof Uint8Array) {
      const items = v instanceof Uint8Array ? [...v].map((b) => new GoInt(BigInt(b), "uint8")) : v;
      this.write("[");
      items.forEach((e, i) => {
        this.element(e);
        if (i !== items.length - 1) this.write(", ");
      });
      this.write("]");
      return;
    }
    if (isHash(v)) {
      this.map([], v as object, true);
      return;
    }
    throw new TomlEncodeError(`unexpected type: ${typeof v}`);
  }

  private keyValue(key: string[], v: unknown, inline: boolean): void {
    if (key.length === 0) {
      this.element(v);
      return;
    }
    this.write(`${this.indentStr(key)}${quoteKeyPiece(key[key.length - 1])} = `);
    this.element(v);
    if (!inline) this.newline();
  }

  private arrayOfTables(key: string[], a: unknown[]): void {
    if (key.length === 0) throw new TomlEncodeError(ERR_NO_KEY);
    for (const e of a) {
      if (isNil(e)) continue;
      this.newline();
      this.write(`${this.indentStr(key)}[[${keyString(key)}]]`);
      this.newline();
      this.map(key, e as object, false);
    }
  }

  private table(key: string[], v: object): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.write(`${this.indentStr(key)}[${keyString(key)}]`);
      this.newline();
    }
    this.map(key, v, false);
  }

  private map(key: string[], v: object, inline: boolean): void {
    const direct: [string, unknown][] = [];
    const sub: [string, unknown][] = [];
    for (const entry of entriesOf(v)) {
      (isTable(tomlType(entry[1])) ? sub : direct).push(entry);
    }
    const writeKeys = (entries: [string, unknown][], trailComma: boolean) => {
      entries.forEach(([k, val], i) => {
        if (isNil(val)) return;
        if (inline) {
          this.keyValue([k], val, true);
          if (trailComma || i !== entries.length - 1) this.write(", ");
        } else {
          this.encode([...key, k], val);
        }
      });
    };
    if (inline) this.write("{");
    writeKeys(direct, sub.length > 0);
    writeKeys(sub, false);
    if (inline) this.write("}");
  }
}

/**
 * Encodes a value as BurntSushi/toml's `Encoder.Encode` does: scalar keys
 * first, then tables, keys in byte order, nested tables indented by two
 * spaces, nil values skipped, floats always with a `.0` or exponent.
 *
 * @throws {TomlEncodeError} with the Go error text (`toml: cannot encode
 * array with nil element`, `toml: top-level values must be Go maps or
 * structs`); Helm's `toToml` returns that text instead of TOML.
 *
 * @example
 * ```ts
 * marshalToml({ b: { c: 1 }, a: "x" }); // 'a = "x"\n\n[b]\n  c = 1.0\n'
 * ```
 */
export function marshalToml(value: unknown): string {
  if (value === undefined || value === null) {
    throw new TomlEncodeError("reflect: call of reflect.Value.Type on zero Value", true);
  }
  const enc = new Encoder();
  enc.encode([], value);
  return enc.text;
}
