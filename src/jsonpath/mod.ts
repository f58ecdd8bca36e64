/**
 * Kubernetes JSONPath templates (k8s.io/client-go/util/jsonpath), as
 * `helm show values --jsonpath` and `kubectl -o jsonpath` use them: text
 * with `{…}` actions (`.field`, `['key']`, `[0:2]`, `[*]`, `..name`,
 * `[?(@.x=="y")]`, unions, `range`/`end`), evaluated over values as Go
 * decoded them from JSON (maps, slices, float64 numbers, strings, bools,
 * nil). Results print as Go does: maps and slices as JSON, other values with
 * `fmt.Print`, several results separated by spaces.
 *
 * Go iterates maps in random order for `*` and `..`; here keys are sorted.
 *
 * @module
 */

import { marshal as jsonMarshal } from "../gojson/encode.ts";
import { formatFloatShortest } from "../gojson/float.ts";
import { isPrint, unquoteChar } from "../gotpl/quote.ts";

/** A JSONPath parse tree node. */
export type JsonPathNode =
  | { type: "list"; nodes: JsonPathNode[] }
  | { type: "text"; text: string }
  | { type: "field"; value: string }
  | { type: "identifier"; name: string }
  | { type: "array"; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: "filter"; left: ListNode; right: ListNode; operator: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; nodes: ListNode[] }
  | { type: "bool"; value: boolean };

/** A sequence of nodes. */
export type ListNode = { type: "list"; nodes: JsonPathNode[] };

/** One of an array selection's start, end and step. */
export interface ParamsEntry {
  /** The number. */
  value: number;
  /** Whether it was given (or derived). */
  known: boolean;
  /** Whether it was derived from the start (`[i]` selects `[i:i+1]`). */
  derived: boolean;
}

/** A JSONPath syntax error, with client-go's message. */
export class JsonPathError extends Error {
  /** An error with client-go's message. */
  constructor(message: string) {
    super(message);
    this.name = "JsonPathError";
  }
}

const EOF = -1;
const newList = (): ListNode => ({ type: "list", nodes: [] });

function isDigit(r: number): boolean {
  return r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
}
function isLetter(r: number): boolean {
  return r >= 0 && /\p{L}/u.test(String.fromCodePoint(r));
}
function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09;
}
function isEndOfLine(r: number): boolean {
  return r === 0x0d || r === 0x0a;
}
function isAlphaNumeric(r: number): boolean {
  return r === 0x5f || isLetter(r) || isDigit(r);
}
function isTerminator(r: number): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  return r === EOF || ".,[]$@{}".includes(String.fromCodePoint(r));
}

/** Go's `%#U`. */
function formatRune(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, "0");
  return isPrint(r) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/** Go's `strconv.Atoi` for the texts the parser passes it (digits with an optional sign). */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** client-go's `UnquoteExtend`: `strconv.Unquote` that also takes single-quoted strings. */
function unquoteExtend(s: string): string {
  const n = s.length;
  if (n < 2) throw new JsonPathError("invalid syntax");
  const quote = s[0];
  if (quote !== s[n - 1] || (quote !== '"' && quote !== "'")) throw new JsonPathError("invalid syntax");
  let body = s.slice(1, n - 1);
  if (!body.includes("\\") && !body.includes(quote)) return body;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  try {
    let i = 0;
    while (i < body.length) {
      const ch = unquoteChar(body, i, quote.charCodeAt(0));
      i = ch.next;
      if (ch.isByte || ch.value < 0x80) bytes.push(ch.value);
      else bytes.push(...enc.encode(String.fromCodePoint(ch.value)));
    }
  } catch {
    throw new JsonPathError("invalid syntax");
  }
  body = new TextDecoder().decode(new Uint8Array(bytes));
  return body;
}

class Parser {
  root: ListNode = newList();
  private input = "";
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): ListNode {
    this.input = text;
    this.root = newList();
    this.pos = 0;
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.rest().startsWith("{")) {
        if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node = newList();
    cur.nodes.push(node);
    return this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    // Iterative where Go recurses, so long templates do not exhaust the stack.
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith("}")) return this.parseRightDelim();
      if (rest.startsWith("[?(")) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith("..")) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathError("unclosed action");
      if (r === 0x20 || r === 0x40 || r === 0x24) {
        this.consumeText();
      } else if (r === 0x5b) {
        this.parseArray(cur);
      } else if (r === 0x22 || r === 0x27) {
        this.parseQuote(cur, r);
      } else if (r === 0x2e) {
        this.parseField(cur);
      } else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathError(`unrecognized character in action: ${formatRune(r)}`);
      }
    }
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    return this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ type: "bool", value: value === "true" });
    else cur.nodes.push({ type: "identifier", name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === "recursive") throw new JsonPathError("invalid multiple recursive descent");
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: "recursive" });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== undefined) {
      cur.nodes.push({ type: "int", value: i });
      return;
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ type: "float", value: Number(value) });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError("unterminated array");
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === "*") text = ":";
    const strs = text.split(",");
    if (strs.length > 1) {
      const union: ListNode[] = [];
      for (const s of strs) union.push(parseAction(`[${s.replace(/^ +| +$/g, "")}]`));
      cur.nodes.push({ type: "union", nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const value = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== "") {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === "") {
          params[i].known = false;
        } else {
          params[i].known = true;
          const n = atoi(value[i]);
          if (n === undefined) throw new JsonPathError(`array index ${value[i]} is not a number`);
          params[i].value = n;
        }
      } else if (i === 1) {
        params[i] = { value: params[0].value + 1, known: true, derived: true };
      }
    }
    cur.nodes.push({ type: "array", params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError("unterminated filter");
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === 0x29 && begin === end) {
        break;
      }
    }
    if (this.next() !== 0x5d) throw new JsonPathError("unclosed array expect ]");
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) {
      cur.nodes.push({ type: "filter", left: parseAction(text), right: newList(), operator: "exists" });
    } else {
      cur.nodes.push({ type: "filter", left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError("unterminated quoted string");
      if (r === end && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: "text", text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) { /* scan */ }
    const value = this.consumeText();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    else cur.nodes.push({ type: "field", value: value.replaceAll("\\", "") });
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** client-go's `parseAction`: an expression parsed as if inside `{…}`. */
function parseAction(text: string): ListNode {
  const root = new Parser().parse(`{${text}}`);
  return root.nodes[0] as ListNode;
}

/** A parsed JSONPath template. */
export interface JsonPathTemplate {
  /** The template's name (used in errors). */
  readonly name: string;
  /** The parse tree. */
  readonly root: ListNode;
}

/**
 * Parses a JSONPath template (`jsonpath.New(name).Parse(text)`).
 *
 * @throws {JsonPathError} client-go's syntax errors (`unclosed action`,
 * `unrecognized character in action: U+0023 '#'`, …)
 */
export function parseJsonPath(name: string, text: string): JsonPathTemplate {
  return { name, root: new Parser().parse(text) };
}

/** An integer from the template (Go `int`), or a byte of a string taken apart by `*`. */
class GoIntValue {
  constructor(readonly value: number) {}
}

type Kind = "bool" | "int" | "float" | "string" | "map" | "slice" | "nil";

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return "nil";
  if (v instanceof GoIntValue) return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "slice";
  return "map";
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  const basic = (k: Kind) => k === "bool" || k === "int" || k === "float" || k === "string";
  if (!basic(ka) || !basic(kb)) throw new JsonPathError("invalid type for comparison");
  if (ka !== kb) throw new JsonPathError("incompatible types for comparison");
  const x = a instanceof GoIntValue ? a.value : a as number | string | boolean;
  const y = b instanceof GoIntValue ? b.value : b as number | string | boolean;
  const less = () => {
    if (ka === "bool") throw new JsonPathError("invalid type for comparison");
    return x < y;
  };
  switch (op) {
    case "==":
      return x === y;
    case "!=":
      return x !== y;
    case "<":
      return less();
    case "<=":
      return less() || x === y;
    case ">":
      return !(less() || x === y);
    case ">=":
      return !less();
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

const utf8 = new TextEncoder();

function children(v: unknown): unknown[] {
  const k = kindOf(v);
  if (k === "map") {
    const m = v as Record<string, unknown>;
    return Object.keys(m).sort().map((key) => m[key]);
  }
  if (k === "slice") return [...(v as unknown[])];
  if (k === "string") return [...utf8.encode(v as string)].map((b) => new GoIntValue(b));
  return [];
}

class Executor {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  constructor(private readonly root: ListNode, private readonly allowMissingKeys: boolean) {}

  findResults(data: unknown, offset = 0): unknown[][] {
    const nodes = this.root.nodes;
    // Every top-level node starts again from the data, as in client-go.
    const cur: unknown[] = [data];
    const full: unknown[][] = [];
    for (let i = offset; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, i + 1));
        } else {
          this.findResults(null, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: JsonPathNode): unknown[] {
    switch (node.type) {
      case "list":
        return this.evalList(input, node);
      case "text":
        return [node.text];
      case "field":
        return this.evalField(input, node.value);
      case "array":
        return this.evalArray(input, node.params);
      case "filter":
        return this.evalFilter(input, node);
      case "int":
        return input.map(() => new GoIntValue(node.value));
      case "float":
      case "bool":
        return input.map(() => node.value);
      case "wildcard":
        return input.flatMap(children);
      case "recursive":
        return this.evalRecursive(input);
      case "union":
        return node.nodes.flatMap((l) => this.evalList(input, l));
      case "identifier":
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: unknown[], node: ListNode): unknown[] {
    let cur = input;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === "range") {
      this.beginRange++;
      return input;
    }
    if (name === "end") {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathError("not in range, nothing to end");
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalArray(input: unknown[], p: readonly ParamsEntry[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (kindOf(value) === "nil") continue;
      if (kindOf(value) !== "slice") throw new JsonPathError("value is not array or slice");
      const arr = value as unknown[];
      const len = arr.length;
      let start = p[0].known ? p[0].value : 0;
      if (start < 0) start += len;
      let end = p[1].known ? p[1].value : len;
      if (end < 0 || (end === 0 && p[1].derived)) end += len;
      if (end === start) return result;
      if (start >= len || start < 0) {
        throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
      }
      if (end > len || end < 0) {
        throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
      }
      if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
      const slice = arr.slice(start, end);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathError("step must be > 0");
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalField(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (kindOf(value) !== "map") continue;
      const m = value as Record<string, unknown>;
      if (Object.hasOwn(m, name)) results.push(m[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (kindOf(value) === "nil") continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(
    input: unknown[],
    node: { left: ListNode; right: ListNode; operator: string },
  ): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (kindOf(value) !== "slice") {
        throw new JsonPathError("value is not array or slice and cannot be filtered");
      }
      for (const item of value as unknown[]) {
        let lefts: unknown[];
        try {
          lefts = this.evalList([item], node.left);
        } catch (e) {
          if (node.operator === "exists") continue;
          throw e;
        }
        if (node.operator === "exists") {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError("can only compare one element at a time");
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError("can only compare one element at a time");
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

/** `fmt.Print` of a value, as client-go's `evalToText` does. */
function toText(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof GoIntValue) return String(v.value);
  if (typeof v === "number") return formatFloatShortest(v, "g", 64);
  return String(v);
}

/** What executing a template gave: the text, and the error Go's `Execute` returned, if any. */
export interface JsonPathResult {
  /** The text written before any error. */
  output: string;
  /** The execution error (nothing is written when finding results fails). */
  error?: JsonPathError;
}

/**
 * Executes a template over data (`JSONPath.Execute`): all results are found
 * first (an error there writes nothing), then printed group by group.
 */
export function executeJsonPath(
  t: JsonPathTemplate,
  data: unknown,
  opts: { allowMissingKeys?: boolean } = {},
): JsonPathResult {
  let groups: unknown[][];
  try {
    groups = new Executor(t.root, opts.allowMissingKeys ?? false).findResults(data);
  } catch (e) {
    if (e instanceof JsonPathError) return { output: "", error: e };
    throw e;
  }
  let output = "";
  for (const results of groups) {
    output += results.map((r) => {
      const k = kindOf(r);
      return k === "map" || k === "slice" ? jsonMarshal(r) : toText(r);
    }).join(" ");
  }
  return { output };
}
