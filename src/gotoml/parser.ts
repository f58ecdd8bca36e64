/**
 * The TOML parser of BurntSushi/toml v1.6.0, reimplemented: builds the
 * `map[string]any` Helm's `fromToml` returns, with Go's error texts.
 *
 * @module
 */

import { GoInt, withGoType } from "../gotpl/value.ts";
import { quote } from "../gotpl/quote.ts";
import { setOwn } from "../gojson/decode.ts";
import { TomlDatetime } from "./datetime.ts";
import { isDigit, isHex, It, type Item, Lexer, type Position } from "./lexer.ts";

/** A TOML parse error; `message` is BurntSushi/toml's `ParseError.Error()`. */
export class TomlParseError extends Error {
  /** 1-based line of the problem. */
  readonly line: number;
  /** The last key parsed before the error, if any. */
  readonly lastKey: string;
  /** The bare problem text, without the `toml: line N` prefix. */
  readonly problem: string;

  /** Builds an error with Go's wording. */
  constructor(problem: string, line: number, lastKey: string) {
    super(
      lastKey === ""
        ? `toml: line ${line}: ${problem}`
        : `toml: line ${line} (last key ${quote(lastKey)}): ${problem}`,
    );
    this.name = "TomlParseError";
    this.problem = problem;
    this.line = line;
    this.lastKey = lastKey;
  }
}

const enum TT {
  Integer = "Integer",
  Float = "Float",
  Datetime = "Datetime",
  String = "String",
  Bool = "Bool",
  Array = "Array",
  Hash = "Hash",
  ArrayHash = "ArrayHash",
}

type Table = Record<string, unknown>;
/** An array of tables (`[[x]]`), Go's `[]map[string]any`. */
type TableArray = Table[] & { tableArray: true };

function isTableArray(v: unknown): v is TableArray {
  return Array.isArray(v) && (v as Partial<TableArray>).tableArray === true;
}

function isTable(v: unknown): v is Table {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof GoInt) &&
    !(v instanceof TomlDatetime);
}

function isBareKeyChar(c: string): boolean {
  return /^[A-Za-z0-9_-]$/.test(c);
}

/** `Key.String()`. */
function keyString(key: string[]): string {
  return key.map((k) => {
    if (k === "") return '""';
    for (const c of k) if (!isBareKeyChar(c)) return '"' + escapeKey(k) + '"';
    return k;
  }).join(".");
}

function escapeKey(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out;
}

function numHasLeadingZero(s: string): boolean {
  if (s.length > 1 && s[0] === "0" && !(s[1] === "b" || s[1] === "o" || s[1] === "x")) return true;
  if (s.length > 2 && (s[0] === "-" || s[0] === "+") && s[1] === "0") return true;
  return false;
}

function numUnderscoresOK(s: string): boolean {
  if (["nan", "+nan", "-nan", "inf", "-inf", "+inf"].includes(s)) return true;
  let accept = false;
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (ch === "_" && !accept) return false;
    accept = isHex(r);
  }
  return accept;
}

function numPeriodsOK(s: string): boolean {
  let period = false;
  for (const ch of s) {
    if (period && !isDigit(ch.codePointAt(0)!)) return false;
    period = ch === ".";
  }
  return !period;
}

function stripFirstNewline(s: string): string {
  if (s.startsWith("\n")) return s.slice(1);
  if (s.startsWith("\r\n")) return s.slice(2);
  return s;
}

/** Removes `\` + whitespace-with-newline sequences (line-ending backslashes). */
function stripEscapedNewlines(s: string): string {
  let out = "";
  let i = 0;
  for (;;) {
    const ix = s.indexOf("\\", i);
    if (ix < 0) return out + s;
    i = ix;
    if (s[i + 1] === "\\") {
      i += 2;
      continue;
    }
    let j = i + 1;
    while (j < s.length && " \t\r\n".includes(s[j])) j++;
    if (j === i + 1 || !s.slice(i, j).includes("\n")) {
      i++;
      continue;
    }
    out += s.slice(0, i);
    s = s.slice(j);
    i = 0;
  }
}

/** Parses a whole TOML document into nested tables. */
export class Parser {
  private readonly lx: Lexer;
  private context: string[] = [];
  private currentKey = "";
  private pos: Position = { line: 0, start: 0, len: 0 };
  private readonly keyInfo = new Map<string, TT>();
  readonly mapping: Table = {};
  private readonly implicits = new Set<string>();

  constructor(input: string) {
    this.lx = new Lexer(input);
  }

  parse(): Table {
    for (;;) {
      const item = this.next();
      if (item.typ === It.EOF) break;
      this.topLevel(item);
    }
    return this.mapping;
  }

  private current(): string {
    if (this.currentKey.length === 0) return keyString(this.context);
    if (this.context.length === 0) return this.currentKey;
    return `${keyString(this.context)}.${this.currentKey}`;
  }

  private fail(problem: string, line: number): never {
    throw new TomlParseError(problem, line, this.current());
  }

  private next(): Item {
    const it = this.lx.nextItem();
    if (it.typ === It.Error) this.fail(it.err ?? it.val, it.pos.line);
    return it;
  }

  private nextPos(): Item {
    const it = this.next();
    this.pos = it.pos;
    return it;
  }

  private expect(typ: It): Item {
    const it = this.next();
    if (it.typ !== typ) throw new Error(`BUG: Expected '${typ}' but got '${it.typ}'.`);
    return it;
  }

  private readKey(first: Item, end: It): string[] {
    const key: string[] = [];
    let name = first;
    for (; name.typ !== end && name.typ !== It.EOF; name = this.next()) key.push(this.keyString(name));
    if (name.typ !== end) throw new Error("BUG: unexpected end of key");
    return key;
  }

  private topLevel(item: Item): void {
    switch (item.typ) {
      case It.CommentStart:
        this.expect(It.Text);
        return;
      case It.TableStart: {
        const key = this.readKey(this.nextPos(), It.TableEnd);
        this.addContext(key, false);
        this.setType("", TT.Hash);
        return;
      }
      case It.ArrayTableStart: {
        const key = this.readKey(this.nextPos(), It.ArrayTableEnd);
        this.addContext(key, true);
        this.setType("", TT.ArrayHash);
        return;
      }
      case It.KeyStart: {
        const outer = this.context;
        const key = this.readKey(this.nextPos(), It.KeyEnd);
        this.currentKey = key[key.length - 1];
        const parents = key.slice(0, -1);
        for (let i = 0; i < parents.length; i++) this.addImplicitContext([...this.context, parents[i]]);
        const vItem = this.next();
        const [val, typ] = this.value(vItem, false);
        this.setValue(this.currentKey, val);
        this.setType(this.currentKey, typ);
        this.context = outer;
        this.currentKey = "";
        return;
      }
      default:
        throw new Error(`BUG: Unexpected type at top level: ${item.typ}`);
    }
  }

  private keyString(it: Item): string {
    if (it.typ === It.Text) return it.val;
    return this.value(it, false)[0] as string;
  }

  private value(it: Item, parentIsArray: boolean): [unknown, TT] {
    switch (it.typ) {
      case It.String:
      case It.RawString:
        return [it.val, TT.String];
      case It.StringEsc:
        return [this.replaceEscapes(it, it.val), TT.String];
      case It.MultilineString:
        return [this.replaceEscapes(it, stripEscapedNewlines(stripFirstNewline(it.val))), TT.String];
      case It.RawMultilineString:
        return [stripFirstNewline(it.val), TT.String];
      case It.Integer:
        return [this.valueInteger(it), TT.Integer];
      case It.Float:
        return [this.valueFloat(it), TT.Float];
      case It.Bool:
        return [it.val === "true", TT.Bool];
      case It.Datetime:
        return [this.valueDatetime(it), TT.Datetime];
      case It.Array:
        return this.valueArray();
      case It.InlineTableStart:
        return this.valueInlineTable(parentIsArray);
      default:
        throw new Error(`BUG: Unexpected value type: ${it.typ}`);
    }
  }

  private valueInteger(it: Item): GoInt {
    if (!numUnderscoresOK(it.val)) {
      this.fail(`Invalid integer ${quote(it.val)}: underscores must be surrounded by digits`, it.pos.line);
    }
    if (numHasLeadingZero(it.val)) {
      this.fail(`Invalid integer ${quote(it.val)}: cannot have leading zeroes`, it.pos.line);
    }
    let s = it.val.replace(/_/g, "");
    let neg = false;
    if (s[0] === "+" || s[0] === "-") {
      neg = s[0] === "-";
      s = s.slice(1);
    }
    let n: bigint;
    if (s.startsWith("0x")) n = BigInt("0x" + s.slice(2));
    else if (s.startsWith("0o")) n = BigInt("0o" + s.slice(2));
    else if (s.startsWith("0b")) n = BigInt("0b" + s.slice(2));
    else n = BigInt(s);
    if (neg) n = -n;
    if (n < -(2n ** 63n) || n > 2n ** 63n - 1n) this.fail(`${it.val} is out of range for int64`, it.pos.line);
    return new GoInt(n, "int64");
  }

  private valueFloat(it: Item): number {
    const parts = it.val.split(/[.eE]/).filter((p) => p.length > 0);
    for (const part of parts) {
      if (!numUnderscoresOK(part)) {
        this.fail(`Invalid float ${quote(it.val)}: underscores must be surrounded by digits`, it.pos.line);
      }
    }
    if (parts.length > 0 && numHasLeadingZero(parts[0])) {
      this.fail(`Invalid float ${quote(it.val)}: cannot have leading zeroes`, it.pos.line);
    }
    if (!numPeriodsOK(it.val)) {
      this.fail(`Invalid float ${quote(it.val)}: '.' must be followed by one or more digits`, it.pos.line);
    }
    let val = it.val.replace(/_/g, "");
    let negNaN = false;
    if (val === "+nan" || val === "-nan") {
      negNaN = val === "-nan";
      val = "nan";
    }
    let num: number;
    const special = /^([+-]?)(inf|nan)$/.exec(val);
    if (special) {
      num = special[2] === "nan" ? NaN : special[1] === "-" ? -Infinity : Infinity;
    } else if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(val)) {
      num = Number(val);
      if (!Number.isFinite(num)) this.fail(`${it.val} is out of range for float64`, it.pos.line);
    } else {
      this.fail(`Invalid float value: ${quote(it.val)}`, it.pos.line);
    }
    // JS has one NaN; the sign of -nan is not observable here.
    return negNaN ? -num : num;
  }

  private valueDatetime(it: Item): TomlDatetime {
    const v = it.val.replace(/z/g, "Z").replace(/t/g, "T").replace(/ /g, "T");
    const d = TomlDatetime.parse(v);
    if (!d) this.fail(`invalid datetime: ${quote(v)}`, it.pos.line);
    return d;
  }

  private valueArray(): [unknown, TT] {
    this.setType(this.currentKey, TT.Array);
    const array: unknown[] = [];
    for (let it = this.next(); it.typ !== It.ArrayEnd; it = this.next()) {
      if (it.typ === It.CommentStart) {
        this.expect(It.Text);
        continue;
      }
      array.push(this.value(it, true)[0]);
    }
    return [array, TT.Array];
  }

  private valueInlineTable(parentIsArray: boolean): [unknown, TT] {
    const topHash: Table = {};
    const outerContext = this.context;
    const outerKey = this.currentKey;
    this.context = [...this.context, this.currentKey];
    const prevContext = this.context;
    this.currentKey = "";
    this.addImplicit(this.context);
    this.addContext(this.context, parentIsArray);
    for (let it = this.next(); it.typ !== It.InlineTableEnd; it = this.next()) {
      if (it.typ === It.CommentStart) {
        this.expect(It.Text);
        continue;
      }
      const key = this.readKey(this.nextPos(), It.KeyEnd);
      this.currentKey = key[key.length - 1];
      const parents = key.slice(0, -1);
      for (let i = 0; i < parents.length; i++) this.addImplicitContext([...this.context, parents[i]]);
      const [val, typ] = this.value(this.next(), false);
      this.setValue(this.currentKey, val);
      this.setType(this.currentKey, typ);
      let hash = topHash;
      for (const c of parents) {
        let h = hash[c];
        if (!Object.hasOwn(hash, c)) {
          h = {};
          setOwn(hash, c, h);
        }
        if (!isTable(h)) this.fail(`${quote(keyString(this.context))} is not a table`, this.pos.line);
        hash = h;
      }
      setOwn(hash, this.currentKey, val);
      this.context = prevContext;
    }
    this.context = outerContext;
    this.currentKey = outerKey;
    return [topHash, TT.Hash];
  }

  private addContext(key: string[], array: boolean): void {
    let hashContext: Table = this.mapping;
    const keyContext: string[] = [];
    for (const k of key.slice(0, -1)) {
      const ok = Object.hasOwn(hashContext, k);
      keyContext.push(k);
      if (!ok) {
        this.addImplicit(keyContext);
        setOwn(hashContext, k, {});
      }
      const t = hashContext[k];
      if (isTableArray(t)) hashContext = t[t.length - 1];
      else if (isTable(t)) hashContext = t;
      else this.fail(`Key '${keyString(keyContext)}' was already created as a hash.`, this.pos.line);
    }
    this.context = keyContext;
    const last = key[key.length - 1];
    if (array) {
      if (!Object.hasOwn(hashContext, last)) {
        const arr = withGoType([] as unknown as TableArray, "[]map[string]interface {}");
        Object.defineProperty(arr, "tableArray", { value: true, enumerable: false });
        setOwn(hashContext, last, arr);
      }
      const t = hashContext[last];
      if (isTableArray(t)) t.push({});
      else {this.fail(
          `Key '${keyString(key)}' was already created and cannot be used as an array.`,
          this.pos.line,
        );}
    } else {
      this.setValue(last, {});
    }
    this.context = [...this.context, last];
  }

  private setValue(key: string, value: unknown): void {
    let hash: Table = this.mapping;
    const keyContext: string[] = [];
    for (const k of this.context) {
      keyContext.push(k);
      if (!Object.hasOwn(hash, k)) {
        throw new Error(`BUG: Context for key '${keyString(keyContext)}' has not been established.`);
      }
      const t = hash[k];
      if (isTableArray(t)) hash = t[t.length - 1];
      else if (isTable(t)) hash = t;
      else this.fail(`Key '${keyString(keyContext)}' has already been defined.`, this.pos.line);
    }
    keyContext.push(key);
    if (Object.hasOwn(hash, key)) {
      if (this.isArray(keyContext)) {
        if (!this.isImplicit(keyContext)) {
          this.fail(`Key '${keyString(keyContext)}' has already been defined.`, this.pos.line);
        }
        this.removeImplicit(keyContext);
        setOwn(hash, key, value);
        return;
      }
      if (this.isImplicit(keyContext)) {
        this.removeImplicit(keyContext);
        return;
      }
      this.fail(`Key '${keyString(keyContext)}' has already been defined.`, this.pos.line);
    }
    setOwn(hash, key, value);
  }

  private setType(key: string, typ: TT): void {
    let keyContext = [...this.context];
    if (key.length > 0) keyContext.push(key);
    if (keyContext.length === 0) keyContext = [""];
    this.keyInfo.set(keyString(keyContext), typ);
  }

  private addImplicit(key: string[]): void {
    this.implicits.add(keyString(key));
  }
  private removeImplicit(key: string[]): void {
    this.implicits.delete(keyString(key));
  }
  private isImplicit(key: string[]): boolean {
    return this.implicits.has(keyString(key));
  }
  private isArray(key: string[]): boolean {
    return this.keyInfo.get(keyString(key)) === TT.Array;
  }
  private addImplicitContext(key: string[]): void {
    this.addImplicit(key);
    this.addContext(key, false);
  }

  private replaceEscapes(it: Item, str: string): string {
    let out = "";
    const cps = [...str];
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = cps[i + 1];
      switch (e) {
        case " ":
        case "\t":
          this.fail(`invalid escape: '\\${e}'`, it.pos.line);
          break;
        case "b":
          out += "\b";
          break;
        case "t":
          out += "\t";
          break;
        case "n":
          out += "\n";
          break;
        case "f":
          out += "\f";
          break;
        case "r":
          out += "\r";
          break;
        case "e":
          out += "\x1b";
          break;
        case '"':
          out += '"';
          break;
        case "\\":
          out += "\\";
          break;
        case "x":
        case "u":
        case "U": {
          const n = e === "x" ? 2 : e === "u" ? 4 : 8;
          const hex = cps.slice(i + 2, i + 2 + n).join("");
          const cp = parseInt(hex, 16);
          if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
            this.fail(`Escaped character '\\u${hex}' is not valid UTF-8.`, it.pos.line);
          }
          out += String.fromCodePoint(cp);
          i += n;
          break;
        }
        default:
          throw new Error(`BUG: Expected valid escape code after \\, but got ${e}.`);
      }
      i++;
    }
    return out;
  }
}
