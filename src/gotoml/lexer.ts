/**
 * The TOML lexer of BurntSushi/toml v1.6.0, reimplemented: a state machine
 * whose items the parser pulls one at a time, so error precedence and
 * positions match Go.
 *
 * @module
 */

import { quote, quoteRune } from "../gotpl/quote.ts";

/** Lexer item kinds. */
export const enum It {
  Error,
  EOF,
  Text,
  String,
  StringEsc,
  RawString,
  MultilineString,
  RawMultilineString,
  Bool,
  Integer,
  Float,
  Datetime,
  Array,
  ArrayEnd,
  TableStart,
  TableEnd,
  ArrayTableStart,
  ArrayTableEnd,
  KeyStart,
  KeyEnd,
  CommentStart,
  InlineTableStart,
  InlineTableEnd,
}

/** Where an item sits: line (1-based), start offset and length. */
export interface Position {
  line: number;
  start: number;
  len: number;
}

/** A lexed item. */
export interface Item {
  typ: It;
  val: string;
  pos: Position;
  /** For error items, the message. */
  err?: string;
}

type StateFn = ((lx: Lexer) => StateFn) | null;

const EOF = 0;
const RUNE_ERROR = 0xfffd;

/** TOML whitespace: tab or space. */
export function isWhitespace(r: number): boolean {
  return r === 0x09 || r === 0x20;
}
/** A line break character (LF or CR). */
export function isNL(r: number): boolean {
  return r === 0x0a || r === 0x0d;
}
function isControl(r: number): boolean {
  if (r === 0x09 || r === 0x0d || r === 0x0a) return false;
  return (r >= 0 && r <= 0x1f) || r === 0x7f;
}
/** An ASCII decimal digit. */
export function isDigit(r: number): boolean {
  return r >= 0x30 && r <= 0x39;
}
function isBinary(r: number): boolean {
  return r === 0x30 || r === 0x31;
}
function isOctal(r: number): boolean {
  return r >= 0x30 && r <= 0x37;
}
/** An ASCII hexadecimal digit. */
export function isHex(r: number): boolean {
  return (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x66);
}
function isBareKeyChar(r: number): boolean {
  return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || (r >= 0x30 && r <= 0x39) || r === 0x5f ||
    r === 0x2d;
}
const LETTER = /\p{L}/u;
function isLetter(r: number): boolean {
  return r < 0x80
    ? (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a)
    : LETTER.test(String.fromCodePoint(r));
}

/** Go's `%q` of a rune. */
function q(r: number): string {
  return quoteRune(r);
}

function runeOrEOF(r: number): string {
  return r === EOF ? "end of file" : "'" + String.fromCodePoint(r) + "'";
}

/** Lexer state over the input's code points (byte offsets kept for positions). */
export class Lexer {
  readonly input: number[];
  /** Byte offset of each code point index (plus one past the end). */
  private readonly offsets: number[];
  start = 0;
  pos = 0;
  line = 1;
  state: StateFn = lexTop;
  private items: Item[] = [];
  esc = false;
  private prevWidths = [0, 0, 0, 0];
  private nprev = 0;
  atEOF = false;
  private stack: StateFn[] = [];

  constructor(input: string) {
    this.input = [];
    this.offsets = [0];
    let off = 0;
    for (const ch of input) {
      const cp = ch.codePointAt(0)!;
      this.input.push(cp);
      off += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      this.offsets.push(off);
    }
  }

  /** The next item, running states until one is produced. */
  nextItem(): Item {
    for (;;) {
      const it = this.items.shift();
      if (it) return it;
      if (!this.state) throw new Error("BUG in lexer: no state");
      this.state = this.state(this);
    }
  }

  /** Remembers the state to return to after a nested construct. */
  push(state: StateFn): void {
    this.stack.push(state);
  }

  /** The state remembered by {@link push}. */
  pop(): StateFn {
    if (this.stack.length === 0) throw new Error("BUG in lexer: no states to pop");
    return this.stack.pop()!;
  }

  /** The text of the item being lexed. */
  current(): string {
    return String.fromCodePoint(...this.input.slice(this.start, this.pos));
  }

  private getPos(): Position {
    const p = {
      line: this.line,
      start: this.offsets[this.start],
      len: this.offsets[this.pos] - this.offsets[this.start],
    };
    if (p.len <= 0) p.len = 1;
    return p;
  }

  /** Queues the current text as an item. */
  emit(typ: It): void {
    this.items.push({ typ, pos: this.getPos(), val: this.current() });
    this.start = this.pos;
  }

  /** Queues the current text, trimmed, as an item. */
  emitTrim(typ: It): void {
    this.items.push({ typ, pos: this.getPos(), val: this.current().trim() });
    this.start = this.pos;
  }

  /** Consumes one character (0 at the end); control characters queue an error. */
  next(): number {
    if (this.atEOF) throw new Error("BUG in lexer: next called after EOF");
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input[this.pos];
    if (r === 0x0a) this.line++;
    this.prevWidths[3] = this.prevWidths[2];
    this.prevWidths[2] = this.prevWidths[1];
    this.prevWidths[1] = this.prevWidths[0];
    if (this.nprev < 4) this.nprev++;
    if (
      isControl(r) ||
      (r === 0x0d && (this.input.length - 1 === this.pos || this.input[this.pos + 1] !== 0x0a))
    ) {
      this.errorPos(
        this.offsets[this.pos],
        1,
        `TOML files cannot contain control characters: '0x${r.toString(16).padStart(2, "0")}'`,
      );
      return RUNE_ERROR;
    }
    this.prevWidths[0] = 1;
    this.pos++;
    return r;
  }

  /** Drops the text consumed so far. */
  ignore(): void {
    this.start = this.pos;
  }

  /** Steps back over the last character read. */
  backup(): void {
    if (this.atEOF) {
      this.atEOF = false;
      return;
    }
    if (this.nprev < 1) throw new Error("BUG in lexer: backed up too far");
    const w = this.prevWidths[0];
    this.prevWidths[0] = this.prevWidths[1];
    this.prevWidths[1] = this.prevWidths[2];
    this.prevWidths[2] = this.prevWidths[3];
    this.nprev--;
    this.pos -= w;
    if (this.pos < this.input.length && this.input[this.pos] === 0x0a) this.line--;
  }

  /** Consumes the next character if it is `valid`. */
  accept(valid: number): boolean {
    if (this.next() === valid) return true;
    this.backup();
    return false;
  }

  /** The next character, not consumed. */
  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  /** Consumes and drops characters while `pred` holds. */
  skip(pred: (r: number) => boolean): void {
    for (;;) {
      const r = this.next();
      if (pred(r)) continue;
      this.backup();
      this.ignore();
      return;
    }
  }

  /** Queues an error item at the current text. */
  error(msg: string): StateFn {
    if (this.atEOF) return this.errorPrevLine(msg);
    this.items.push({ typ: It.Error, pos: this.getPos(), val: "", err: msg });
    return null;
  }

  /** Queues an error item reported on the previous line. */
  errorPrevLine(msg: string): StateFn {
    const pos = this.getPos();
    pos.line--;
    pos.len = 1;
    pos.start = this.offsets[this.pos] - 1;
    this.items.push({ typ: It.Error, pos, val: "", err: msg });
    return null;
  }

  /** Queues an error item at an explicit position. */
  errorPos(start: number, length: number, msg: string): StateFn {
    const pos = this.getPos();
    pos.start = start;
    pos.len = length;
    this.items.push({ typ: It.Error, pos, val: "", err: msg });
    return null;
  }

  /** Queues an error item (at EOF, on the last character). */
  errorf(msg: string): StateFn {
    if (this.atEOF) {
      const pos = this.getPos();
      if (this.pos >= 1 && this.input[this.pos - 1] === 0x0a) pos.line--;
      pos.len = 1;
      pos.start = this.offsets[this.pos] - 1;
      this.items.push({ typ: It.Error, pos, val: "", err: msg });
      return null;
    }
    this.items.push({ typ: It.Error, pos: this.getPos(), val: "", err: msg });
    return null;
  }
}

function lexSkip(lx: Lexer, next: StateFn): StateFn {
  lx.ignore();
  return next;
}

function lexTop(lx: Lexer): StateFn {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexTop);
  switch (r) {
    case 0x23:
      lx.push(lexTop);
      return lexCommentStart;
    case 0x5b:
      return lexTableStart;
    case EOF:
      if (lx.pos > lx.start) return lx.errorf("unexpected EOF");
      lx.emit(It.EOF);
      return null;
  }
  lx.backup();
  lx.push(lexTopEnd);
  return lexKeyStart;
}

function lexTopEnd(lx: Lexer): StateFn {
  const r = lx.next();
  if (r === 0x23) {
    lx.push(lexTop);
    return lexCommentStart;
  }
  if (isWhitespace(r)) return lexTopEnd;
  if (isNL(r)) {
    lx.ignore();
    return lexTop;
  }
  if (r === EOF) {
    lx.emit(It.EOF);
    return null;
  }
  return lx.errorf(
    `expected a top-level item to end with a newline, comment, or EOF, but got ${q(r)} instead`,
  );
}

function lexTableStart(lx: Lexer): StateFn {
  if (lx.peek() === 0x5b) {
    lx.next();
    lx.emit(It.ArrayTableStart);
    lx.push(lexArrayTableEnd);
  } else {
    lx.emit(It.TableStart);
    lx.push(lexTableEnd);
  }
  return lexTableNameStart;
}

function lexTableEnd(lx: Lexer): StateFn {
  lx.emit(It.TableEnd);
  return lexTopEnd;
}

function lexArrayTableEnd(lx: Lexer): StateFn {
  const r = lx.next();
  if (r !== 0x5d) return lx.errorf(`expected end of table array name delimiter ']', but got ${q(r)} instead`);
  lx.emit(It.ArrayTableEnd);
  return lexTopEnd;
}

function lexTableNameStart(lx: Lexer): StateFn {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === 0x5d || r === EOF) return lx.errorf("unexpected end of table name (table names cannot be empty)");
  if (r === 0x2e) return lx.errorf("unexpected table separator (table names cannot be empty)");
  if (r === 0x22 || r === 0x27) {
    lx.ignore();
    lx.push(lexTableNameEnd);
    return lexQuotedName;
  }
  lx.push(lexTableNameEnd);
  return lexBareName;
}

function lexTableNameEnd(lx: Lexer): StateFn {
  lx.skip(isWhitespace);
  const r = lx.next();
  if (r === 0x2e) {
    lx.ignore();
    return lexTableNameStart;
  }
  if (r === 0x5d) return lx.pop();
  return lx.errorf(`expected '.' or ']' to end table name, but got ${q(r)} instead`);
}

function lexBareName(lx: Lexer): StateFn {
  const r = lx.next();
  if (isBareKeyChar(r)) return lexBareName;
  lx.backup();
  lx.emit(It.Text);
  return lx.pop();
}

function lexQuotedName(lx: Lexer): StateFn {
  const r = lx.next();
  if (r === 0x22) {
    lx.ignore();
    return lexString;
  }
  if (r === 0x27) {
    lx.ignore();
    return lexRawString;
  }
  if (isWhitespace(r)) return lexSkip(lx, lexValue);
  if (r === EOF) return lx.errorf("unexpected EOF; expected value");
  return lx.errorf(`expected value but found ${q(r)} instead`);
}

function lexKeyStart(lx: Lexer): StateFn {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === 0x3d || r === EOF) return lx.errorf("unexpected '=': key name appears blank");
  if (r === 0x2e) return lx.errorf("unexpected '.': keys cannot start with a '.'");
  if (r === 0x22 || r === 0x27) lx.ignore();
  lx.emit(It.KeyStart);
  return lexKeyNameStart;
}

function lexKeyNameStart(lx: Lexer): StateFn {
  lx.skip(isWhitespace);
  const r = lx.peek();
  if (r === 0x22 || r === 0x27) {
    lx.ignore();
    lx.push(lexKeyEnd);
    return lexQuotedName;
  }
  if (r === 0x3d || r === EOF) return lx.errorf("unexpected '='");
  if (r === 0x2e) return lx.errorf("unexpected '.'");
  lx.push(lexKeyEnd);
  return lexBareName;
}

function lexKeyEnd(lx: Lexer): StateFn {
  lx.skip(isWhitespace);
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexKeyEnd);
  if (r === EOF) return lx.errorf("unexpected EOF; expected key separator '='");
  if (r === 0x2e) {
    lx.ignore();
    return lexKeyNameStart;
  }
  if (r === 0x3d) {
    lx.emit(It.KeyEnd);
    return lexSkip(lx, lexValue);
  }
  if (r === 0x0a) return lx.errorPrevLine(`expected '.' or '=', but got ${q(r)} instead`);
  return lx.errorf(`expected '.' or '=', but got ${q(r)} instead`);
}

function lexValue(lx: Lexer): StateFn {
  const r = lx.next();
  if (isWhitespace(r)) return lexSkip(lx, lexValue);
  if (isDigit(r)) {
    lx.backup();
    return lexNumberOrDateStart;
  }
  switch (r) {
    case 0x5b:
      lx.ignore();
      lx.emit(It.Array);
      return lexArrayValue;
    case 0x7b:
      lx.ignore();
      lx.emit(It.InlineTableStart);
      return lexInlineTableValue;
    case 0x22:
      if (lx.accept(0x22)) {
        if (lx.accept(0x22)) {
          lx.ignore();
          return lexMultilineString;
        }
        lx.backup();
      }
      lx.ignore();
      return lexString;
    case 0x27:
      if (lx.accept(0x27)) {
        if (lx.accept(0x27)) {
          lx.ignore();
          return lexMultilineRawString;
        }
        lx.backup();
      }
      lx.ignore();
      return lexRawString;
    case 0x2e:
      return lx.errorf("floats must start with a digit, not '.'");
    case 0x69:
    case 0x6e:
      if ((lx.accept(0x6e) && lx.accept(0x66)) || (lx.accept(0x61) && lx.accept(0x6e))) {
        lx.emit(It.Float);
        return lx.pop();
      }
      break;
    case 0x2d:
    case 0x2b:
      return lexDecimalNumberStart;
  }
  if (isLetter(r)) {
    lx.backup();
    return lexBool;
  }
  if (r === EOF) return lx.errorf("unexpected EOF; expected value");
  if (r === 0x0a) return lx.errorPrevLine(`expected value but found ${q(r)} instead`);
  return lx.errorf(`expected value but found ${q(r)} instead`);
}

function lexArrayValue(lx: Lexer): StateFn {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValue);
  if (r === 0x23) {
    lx.push(lexArrayValue);
    return lexCommentStart;
  }
  if (r === 0x2c) return lx.errorf("unexpected comma");
  if (r === 0x5d) return lexArrayEnd;
  lx.backup();
  lx.push(lexArrayValueEnd);
  return lexValue;
}

function lexArrayValueEnd(lx: Lexer): StateFn {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValueEnd);
  if (r === 0x23) {
    lx.push(lexArrayValueEnd);
    return lexCommentStart;
  }
  if (r === 0x2c) {
    lx.ignore();
    return lexArrayValue;
  }
  if (r === 0x5d) return lexArrayEnd;
  return lx.errorf(`expected a comma (',') or array terminator (']'), but got ${runeOrEOF(r)}`);
}

function lexArrayEnd(lx: Lexer): StateFn {
  lx.ignore();
  lx.emit(It.ArrayEnd);
  return lx.pop();
}

function lexInlineTableValue(lx: Lexer): StateFn {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexInlineTableValue);
  if (r === 0x23) {
    lx.push(lexInlineTableValue);
    return lexCommentStart;
  }
  if (r === 0x2c) return lx.errorf("unexpected comma");
  if (r === 0x7d) return lexInlineTableEnd;
  lx.backup();
  lx.push(lexInlineTableValueEnd);
  return lexKeyStart;
}

function lexInlineTableValueEnd(lx: Lexer): StateFn {
  const r = lx.next();
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexInlineTableValueEnd);
  if (r === 0x23) {
    lx.push(lexInlineTableValueEnd);
    return lexCommentStart;
  }
  if (r === 0x2c) {
    lx.ignore();
    lx.skip(isWhitespace);
    if (lx.peek() === 0x7d) return lexInlineTableValueEnd;
    return lexInlineTableValue;
  }
  if (r === 0x7d) return lexInlineTableEnd;
  return lx.errorf(`expected a comma or an inline table terminator '}', but got ${runeOrEOF(r)} instead`);
}

function lexInlineTableEnd(lx: Lexer): StateFn {
  lx.ignore();
  lx.emit(It.InlineTableEnd);
  return lx.pop();
}

function lexString(lx: Lexer): StateFn {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected '"'`);
  if (isNL(r)) return lx.errorPrevLine("strings cannot contain newlines");
  if (r === 0x5c) {
    lx.push(lexString);
    return lexStringEscape;
  }
  if (r === 0x22) {
    lx.backup();
    if (lx.esc) {
      lx.esc = false;
      lx.emit(It.StringEsc);
    } else {
      lx.emit(It.String);
    }
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexString;
}

function lexMultilineString(lx: Lexer): StateFn {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected '"""'`);
  if (r === 0x5c) return lexMultilineStringEscape;
  if (r === 0x22) {
    if (lx.accept(0x22)) {
      if (lx.accept(0x22)) {
        if (lx.peek() === 0x22) {
          const cur = lx.current();
          if (cur.endsWith(`"""""`) && !cur.endsWith(`\\"""""`)) return lx.errorf(`unexpected '""""""'`);
          lx.backup();
          lx.backup();
          return lexMultilineString;
        }
        lx.backup();
        lx.backup();
        lx.backup();
        lx.esc = false;
        lx.emit(It.MultilineString);
        lx.next();
        lx.next();
        lx.next();
        lx.ignore();
        return lx.pop();
      }
      lx.backup();
    }
  }
  return lexMultilineString;
}

function lexRawString(lx: Lexer): StateFn {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected "'"`);
  if (isNL(r)) return lx.errorPrevLine("strings cannot contain newlines");
  if (r === 0x27) {
    lx.backup();
    lx.emit(It.RawString);
    lx.next();
    lx.ignore();
    return lx.pop();
  }
  return lexRawString;
}

function lexMultilineRawString(lx: Lexer): StateFn {
  const r = lx.next();
  if (r === EOF) return lx.errorf(`unexpected EOF; expected "'''"`);
  if (r === 0x27) {
    if (lx.accept(0x27)) {
      if (lx.accept(0x27)) {
        if (lx.peek() === 0x27) {
          if (lx.current().endsWith("'''''")) return lx.errorf(`unexpected "''''''"`);
          lx.backup();
          lx.backup();
          return lexMultilineRawString;
        }
        lx.backup();
        lx.backup();
        lx.backup();
        lx.emit(It.RawMultilineString);
        lx.next();
        lx.next();
        lx.next();
        lx.ignore();
        return lx.pop();
      }
      lx.backup();
    }
  }
  return lexMultilineRawString;
}

function lexMultilineStringEscape(lx: Lexer): StateFn {
  if (isNL(lx.next())) return lexMultilineString;
  lx.backup();
  lx.push(lexMultilineString);
  return lexStringEscape(lx);
}

function lexStringEscape(lx: Lexer): StateFn {
  lx.esc = true;
  const r = lx.next();
  switch (r) {
    case 0x65: // e
    case 0x62: // b
    case 0x74: // t
    case 0x6e: // n
    case 0x66: // f
    case 0x72: // r
    case 0x22: // "
    case 0x20: // space
    case 0x09: // tab
    case 0x5c: // backslash
      return lx.pop();
    case 0x78:
      return lexHexEscape(2, "x", "two");
    case 0x75:
      return lexHexEscape(4, "u", "four");
    case 0x55:
      return lexHexEscape(8, "U", "eight");
  }
  return lx.error(`invalid escape in string '\\${String.fromCodePoint(r)}'`);
}

function lexHexEscape(n: number, letter: string, word: string): StateFn {
  return (lx: Lexer) => {
    for (let i = 0; i < n; i++) {
      const r = lx.next();
      if (!isHex(r)) {
        return lx.errorf(
          `expected ${word} hexadecimal digits after '\\${letter}', but got ${quote(lx.current())} instead`,
        );
      }
    }
    return lx.pop();
  };
}

function lexNumberOrDateStart(lx: Lexer): StateFn {
  if (lx.next() === 0x30) return lexBaseNumberOrDate;
  return lexNumberOrDate;
}

function lexNumberOrDate(lx: Lexer): StateFn {
  const r = lx.next();
  if (isDigit(r)) return lexNumberOrDate;
  switch (r) {
    case 0x2d:
    case 0x3a:
      return lexDatetime;
    case 0x5f:
      return lexDecimalNumber;
    case 0x2e:
    case 0x65:
    case 0x45:
      return lexFloat;
  }
  lx.backup();
  lx.emit(It.Integer);
  return lx.pop();
}

function lexDatetime(lx: Lexer): StateFn {
  const r = lx.next();
  if (isDigit(r)) return lexDatetime;
  if ("-:Tt .Zz+".includes(String.fromCodePoint(r)) && r !== EOF) return lexDatetime;
  lx.backup();
  lx.emitTrim(It.Datetime);
  return lx.pop();
}

function lexDigits(pred: (r: number) => boolean): StateFn {
  const self = (lx: Lexer): StateFn => {
    const r = lx.next();
    if (pred(r) || r === 0x5f) return self;
    lx.backup();
    lx.emit(It.Integer);
    return lx.pop();
  };
  return self;
}

const lexHexInteger = lexDigits(isHex);
const lexOctalInteger = lexDigits(isOctal);
const lexBinaryInteger = lexDigits(isBinary);

function lexDecimalNumber(lx: Lexer): StateFn {
  const r = lx.next();
  if (isDigit(r)) return lexDecimalNumber;
  switch (r) {
    case 0x2e:
    case 0x65:
    case 0x45:
      return lexFloat;
    case 0x5f:
      return lexDecimalNumber;
  }
  lx.backup();
  lx.emit(It.Integer);
  return lx.pop();
}

function lexDecimalNumberStart(lx: Lexer): StateFn {
  const r = lx.next();
  switch (r) {
    case 0x69:
      if (!lx.accept(0x6e) || !lx.accept(0x66)) return lx.errorf(`invalid float: '${lx.current()}'`);
      lx.emit(It.Float);
      return lx.pop();
    case 0x6e:
      if (!lx.accept(0x61) || !lx.accept(0x6e)) return lx.errorf(`invalid float: '${lx.current()}'`);
      lx.emit(It.Float);
      return lx.pop();
    case 0x30: {
      const p = lx.peek();
      if (p === 0x62 || p === 0x6f || p === 0x78) {
        return lx.errorf(
          `cannot use sign with non-decimal numbers: '${lx.current()}${String.fromCodePoint(p)}'`,
        );
      }
      break;
    }
    case 0x2e:
      return lx.errorf("floats must start with a digit, not '.'");
  }
  if (isDigit(r)) return lexDecimalNumber;
  return lx.errorf(`expected a digit but got ${q(r)}`);
}

function lexBaseNumberOrDate(lx: Lexer): StateFn {
  let r = lx.next();
  if (isDigit(r)) return lexNumberOrDate;
  switch (r) {
    case 0x5f:
      return lexDecimalNumber;
    case 0x2e:
    case 0x65:
    case 0x45:
      return lexFloat;
    case 0x62:
      r = lx.peek();
      // Go records the error but keeps lexing; the parser meets it in order.
      if (!isBinary(r)) lx.errorf(`not a binary number: '${lx.current()}${String.fromCodePoint(r)}'`);
      return lexBinaryInteger;
    case 0x6f:
      r = lx.peek();
      if (!isOctal(r)) lx.errorf(`not an octal number: '${lx.current()}${String.fromCodePoint(r)}'`);
      return lexOctalInteger;
    case 0x78:
      r = lx.peek();
      if (!isHex(r)) lx.errorf(`not a hexadecimal number: '${lx.current()}${String.fromCodePoint(r)}'`);
      return lexHexInteger;
  }
  lx.backup();
  lx.emit(It.Integer);
  return lx.pop();
}

function lexFloat(lx: Lexer): StateFn {
  const r = lx.next();
  if (isDigit(r)) return lexFloat;
  switch (r) {
    case 0x5f:
    case 0x2e:
    case 0x2d:
    case 0x2b:
    case 0x65:
    case 0x45:
      return lexFloat;
  }
  lx.backup();
  lx.emit(It.Float);
  return lx.pop();
}

function lexBool(lx: Lexer): StateFn {
  const rs: number[] = [];
  for (;;) {
    const r = lx.next();
    if (!isLetter(r)) {
      lx.backup();
      break;
    }
    rs.push(r);
  }
  const s = String.fromCodePoint(...rs);
  if (s === "true" || s === "false") {
    lx.emit(It.Bool);
    return lx.pop();
  }
  return lx.errorf(`expected value but found ${quote(s)} instead`);
}

function lexCommentStart(lx: Lexer): StateFn {
  lx.ignore();
  lx.emit(It.CommentStart);
  return lexComment;
}

function lexComment(lx: Lexer): StateFn {
  const r = lx.next();
  if (isNL(r) || r === EOF) {
    lx.backup();
    lx.emit(It.Text);
    return lx.pop();
  }
  return lexComment;
}
