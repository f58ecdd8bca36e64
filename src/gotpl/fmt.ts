/**
 * Go's `fmt` printing (`Sprint`, `Sprintln`, `Sprintf`) for the values
 * described in `value.ts`, with Go's verbs, flags, widths, precisions and
 * error notations (`%!d(float64=8080)`, `%!d(MISSING)`, `%!(EXTRA int=1)`).
 *
 * @example
 * ```ts
 * import { sprintf, sprint } from "./fmt.ts";
 * sprintf("%05.1f|%-4s|%x", 3.14159, "ab", "hi"); // "003.1|ab  |6869"
 * sprint("a", 1, 2, "b"); // "a1 2b"
 * ```
 *
 * @module
 */

import { formatFloat, formatFloat64 } from "./ftoa.ts";
import { canBackquote, isPrint, quote, quoteRune, quoteToASCII } from "./quote.ts";
import { findMethod, structFields, typeName } from "./types.ts";
import { runeCount, sortStrings, truncateRunes, utf8Decode, utf8Encode } from "./utf8.ts";
import { GoComplex, GoInt, GoStruct } from "./value.ts";

const LDIGITS = "0123456789abcdefx";
const UDIGITS = "0123456789ABCDEFX";
const MAX_RUNE = 0x10ffff;

// Go prints addresses for pointers, funcs and maps under %p; they are not
// reproducible anyway, so hand out stable fake ones per object.
const addresses = new WeakMap<object, bigint>();
let nextAddress = 0xc000010000n;
function addressOf(v: object): bigint {
  let a = addresses.get(v);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x30n;
    addresses.set(v, a);
  }
  return a;
}

function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A struct whose Go type is a pointer prints as `&{…}` at top level. */
function isPointerStruct(v: GoStruct): boolean {
  return v.goType.charCodeAt(0) === 0x2a;
}

/** Go's fmt printer state (`pp` + `fmt` in Go). One per call. */
class Printer {
  buf = "";
  // fmt flags
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  prec = 0;
  // pp state
  erroring = false;
  panicking = false;
  reordered = false;
  goodArgNum = true;

  clearflags(): void {
    this.widPresent =
      this.precPresent =
      this.minus =
      this.plus =
      this.sharp =
        false;
    this.space =
      this.zero =
      this.plusV =
      this.sharpV =
        false;
    this.wid = this.prec = 0;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? "0" : " ").repeat(n);
  }

  /** Pads with the width counted in runes. */
  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? "true" : "false");
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let hex = u.toString(16).toUpperCase();
    if (hex.length < prec) hex = "0".repeat(prec - hex.length) + hex;
    let s = "U+" + hex;
    if (this.sharp && u <= BigInt(MAX_RUNE) && isPrint(Number(u))) {
      s += " '" + String.fromCodePoint(Number(u)) + "'";
    }
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  /** Formats an integer given its exact value (signed or not). */
  fmtInteger(v: bigint, base: number, verb: string, digits: string): void {
    const negative = v < 0n;
    let u = negative ? -v : v;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s: string;
    if (base === 10 && u <= 0xffffffffn) s = String(Number(u));
    else {
      s = "";
      const b = BigInt(base);
      while (u >= b) {
        s = digits[Number(u % b)] + s;
        u /= b;
      }
      s = digits[Number(u)] + s;
    }
    if (prec > s.length) s = "0".repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = "0b" + s;
      else if (base === 8) {
        if (s[0] !== "0") s = "0" + s;
      } else if (base === 16) s = "0" + digits[16] + s;
    }
    if (verb === "O") s = "0o" + s;
    if (negative) s = "-" + s;
    else if (this.plus) s = "+" + s;
    else if (this.space) s = " " + s;
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  truncateString(s: string): string {
    return this.precPresent ? truncateRunes(s, this.prec) : s;
  }

  fmtS(s: string): void {
    this.pad(this.truncateString(s));
  }

  /** Hex encoding of a string's (or byte slice's) bytes. */
  fmtSbx(b: Uint8Array, digits: string): void {
    let length = b.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) {
        width += 2;
      }
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = this.sharp ? "0" + digits[16] : "";
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += " ";
        if (this.sharp) out += "0" + digits[16];
      }
      const c = b[i];
      out += digits[c >> 4] + digits[c & 15];
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: string): void {
    s = this.truncateString(s);
    if (this.sharp && canBackquote(s)) {
      this.pad("`" + s + "`");
      return;
    }
    this.pad(this.plus ? quoteToASCII(s) : quote(s));
  }

  fmtC(c: bigint): void {
    const r = c > BigInt(MAX_RUNE) ? 0xfffd : Number(c);
    this.pad(r >= 0xd800 && r <= 0xdfff ? "\ufffd" : String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c > BigInt(MAX_RUNE) ? 0xfffd : Number(c);
    this.pad(quoteRune(r, this.plus));
  }

  fmtFloatRaw(v: number, size: 32 | 64, verb: string, prec: number): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb as "g", prec, size);
    num = num[0] === "-" || num[0] === "+" ? num : "+" + num;
    if (this.space && num[0] === "+" && !this.plus) num = " " + num.slice(1);
    if (num[1] === "I" || num[1] === "N") {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === "N" && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== "b") {
      let digits = 0;
      if (verb === "v" || verb === "g" || verb === "G" || verb === "x") {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = "";
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < num.length; i++) {
        const c = num[i];
        if (c === ".") {
          hasDecimalPoint = true;
          continue;
        }
        if (c === "p" || c === "P" || ((c === "e" || c === "E") && verb !== "x" && verb !== "X")) {
          tail = num.slice(i);
          num = num.slice(0, i);
          break;
        }
        if (c !== "0") sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (num.length === 2 && num[1] === "0") digits--;
        num += ".";
      }
      if (digits > 0) num += "0".repeat(digits);
      num += tail;
    }
    if (this.plus || num[0] !== "+") {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  // ---- pp level ----

  badVerb(verb: string, v: unknown): void {
    this.erroring = true;
    this.buf += "%!" + verb + "(";
    if (v === null || v === undefined) {
      this.buf += "<nil>";
    } else {
      this.buf += typeName(v) + "=";
      this.printArg(v, "v");
    }
    this.buf += ")";
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === "t" || verb === "v") this.fmtBoolean(v);
    else this.badVerb(verb, v);
  }

  fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInteger(v, 16, "v", LDIGITS);
    this.sharp = sharp;
  }

  fmtIntegerVerb(n: GoInt, verb: string): void {
    const v = n.value;
    switch (verb) {
      case "v":
        if (this.sharpV && n.unsigned) this.fmt0x64(v, true);
        else this.fmtInteger(v, 10, verb, LDIGITS);
        return;
      case "d":
        return this.fmtInteger(v, 10, verb, LDIGITS);
      case "b":
        return this.fmtInteger(v, 2, verb, LDIGITS);
      case "o":
      case "O":
        return this.fmtInteger(v, 8, verb, LDIGITS);
      case "x":
        return this.fmtInteger(v, 16, verb, LDIGITS);
      case "X":
        return this.fmtInteger(v, 16, verb, UDIGITS);
      case "c":
        return this.fmtC(BigInt.asUintN(64, v));
      case "q":
        return this.fmtQc(BigInt.asUintN(64, v));
      case "U":
        return this.fmtUnicode(BigInt.asUintN(64, v));
    }
    this.badVerb(verb, n);
  }

  fmtFloat(v: number, size: 32 | 64, verb: string, original: unknown): void {
    switch (verb) {
      case "v":
        return this.fmtFloatRaw(v, size, "g", -1);
      case "b":
      case "g":
      case "G":
      case "x":
      case "X":
        return this.fmtFloatRaw(v, size, verb, -1);
      case "f":
      case "e":
      case "E":
        return this.fmtFloatRaw(v, size, verb, 6);
      case "F":
        return this.fmtFloatRaw(v, size, "f", 6);
    }
    this.badVerb(verb, original);
  }

  fmtComplex(v: GoComplex, verb: string): void {
    switch (verb) {
      case "v":
      case "b":
      case "g":
      case "G":
      case "x":
      case "X":
      case "f":
      case "F":
      case "e":
      case "E": {
        const oldPlus = this.plus;
        this.buf += "(";
        this.fmtFloat(v.re, 64, verb, v);
        this.plus = true;
        this.fmtFloat(v.im, 64, verb, v);
        this.buf += "i)";
        this.plus = oldPlus;
        return;
      }
    }
    this.badVerb(verb, v);
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case "v":
        if (this.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        return;
      case "s":
        return this.fmtS(v);
      case "x":
        return this.fmtSbx(utf8Encode(v), LDIGITS);
      case "X":
        return this.fmtSbx(utf8Encode(v), UDIGITS);
      case "q":
        return this.fmtQ(v);
    }
    this.badVerb(verb, v);
  }

  fmtBytes(v: Uint8Array, verb: string, typeString: string, depth: number): void {
    switch (verb) {
      case "v":
      case "d":
        if (this.sharpV) {
          this.buf += typeString + "{";
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.buf += ", ";
            this.fmt0x64(BigInt(v[i]), true);
          }
          this.buf += "}";
        } else {
          this.buf += "[";
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.buf += " ";
            this.fmtInteger(BigInt(v[i]), 10, verb, LDIGITS);
          }
          this.buf += "]";
        }
        return;
      case "s":
        return this.pad(this.truncateString(utf8Decode(v)));
      case "x":
        return this.fmtSbx(v, LDIGITS);
      case "X":
        return this.fmtSbx(v, UDIGITS);
      case "q":
        return this.fmtQ(utf8Decode(v));
    }
    this.printSlice(Array.from(v, (b) => new GoInt(BigInt(b), "uint8")), verb, depth, typeString);
  }

  fmtPointer(v: unknown, verb: string): void {
    const u = typeof v === "object" || typeof v === "function" ? addressOf(v as object) : 0n;
    switch (verb) {
      case "v":
        if (this.sharpV) {
          this.buf += "(" + typeName(v) + ")(";
          this.fmt0x64(u, true);
          this.buf += ")";
        } else {
          this.fmt0x64(u, !this.sharp);
        }
        return;
      case "p":
        return this.fmt0x64(u, !this.sharp);
      case "b":
      case "o":
      case "d":
      case "x":
      case "X":
        return this.fmtInteger(
          u,
          verb === "b" ? 2 : verb === "o" ? 8 : verb === "d" ? 10 : 16,
          verb,
          verb === "X" ? UDIGITS : LDIGITS,
        );
    }
    this.badVerb(verb, v);
  }

  /** Calls a String/Error method like Go's handleMethods; returns false when there is none. */
  handleMethods(v: unknown, verb: string): boolean {
    if (this.erroring || this.sharpV) return false;
    if (verb !== "v" && verb !== "s" && verb !== "x" && verb !== "X" && verb !== "q") return false;
    if (typeof v !== "object" || v === null) return false;
    const em = findMethod(v, "Error");
    const m = em ?? findMethod(v, "String");
    if (!m || m.sig.params.length !== 0) return false;
    const name = em ? "Error" : "String";
    let s: unknown;
    try {
      s = m.call([]);
    } catch (e) {
      if (this.panicking) throw e;
      const saved = this.saveFlags();
      this.clearflags();
      this.buf += "%!" + verb + "(PANIC=" + name + " method: ";
      this.panicking = true;
      this.printArg(e instanceof Error ? e.message : e, "v");
      this.panicking = false;
      this.buf += ")";
      this.restoreFlags(saved);
      return true;
    }
    this.fmtString(String(s), verb);
    return true;
  }

  saveFlags(): unknown[] {
    return [
      this.widPresent,
      this.precPresent,
      this.minus,
      this.plus,
      this.sharp,
      this.space,
      this.zero,
      this.plusV,
      this.sharpV,
      this.wid,
      this.prec,
    ];
  }

  restoreFlags(f: unknown[]): void {
    [
      this.widPresent,
      this.precPresent,
      this.minus,
      this.plus,
      this.sharp,
      this.space,
      this.zero,
      this.plusV,
      this.sharpV,
      this.wid,
      this.prec,
    ] = f as [
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      number,
      number,
    ];
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === "T" || verb === "v") this.pad("<nil>");
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === "T") {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === "p") {
      this.fmtPointer(arg, "p");
      return;
    }
    switch (typeof arg) {
      case "boolean":
        return this.fmtBool(arg, verb);
      case "number":
        return this.fmtFloat(arg, 64, verb, arg);
      case "string":
        return this.fmtString(arg, verb);
    }
    if (arg instanceof GoInt) {
      // A named integer type may be a Stringer (time.Month prints "March").
      if (Object.getPrototypeOf(arg) !== GoInt.prototype && this.handleMethods(arg, verb)) return;
      return this.fmtIntegerVerb(arg, verb);
    }
    if (arg instanceof Uint8Array) {
      if (this.handleMethods(arg, verb)) return;
      return this.fmtBytes(arg, verb, "[]byte", 0);
    }
    if (arg instanceof GoComplex) return this.fmtComplex(arg, verb);
    if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
  }

  printSlice(items: ArrayLike<unknown>, verb: string, depth: number, type: string): void {
    if (this.sharpV) {
      this.buf += type + "{";
      for (let i = 0; i < items.length; i++) {
        if (i > 0) this.buf += ", ";
        this.printValue(items[i], verb, depth + 1);
      }
      this.buf += "}";
    } else {
      this.buf += "[";
      for (let i = 0; i < items.length; i++) {
        if (i > 0) this.buf += " ";
        this.printValue(items[i], verb, depth + 1);
      }
      this.buf += "]";
    }
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0 && v !== null && v !== undefined && this.handleMethods(v, verb)) return;
    switch (typeof v) {
      case "boolean":
        return this.fmtBool(v, verb);
      case "number":
        return this.fmtFloat(v, 64, verb, v);
      case "string":
        return this.fmtString(v, verb);
      case "undefined":
        if (depth === 0) this.buf += "<invalid reflect.Value>";
        else if (this.sharpV) this.buf += "interface {}(nil)";
        else this.buf += "<nil>";
        return;
      case "function":
        return this.fmtPointer(v, verb);
    }
    if (v === null) {
      if (this.sharpV) this.buf += "interface {}(nil)";
      else this.buf += "<nil>";
      return;
    }
    if (v instanceof GoInt) return this.fmtIntegerVerb(v, verb);
    if (v instanceof GoComplex) return this.fmtComplex(v, verb);
    if (Array.isArray(v)) return this.printSlice(v, verb, depth, typeName(v));
    if (v instanceof Uint8Array) {
      if (verb === "s" || verb === "q" || verb === "x" || verb === "X") {
        return this.fmtBytes(v, verb, typeName(v), depth);
      }
      return this.printSlice(Array.from(v, (b) => new GoInt(BigInt(b), "uint8")), verb, depth, typeName(v));
    }
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      const m = v as Record<string, unknown>;
      if (this.sharpV) this.buf += typeName(v) + "{";
      else this.buf += "map[";
      const keys = sortStrings(Object.keys(m));
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) this.buf += this.sharpV ? ", " : " ";
        this.printValue(keys[i], verb, depth + 1);
        this.buf += ":";
        this.printValue(m[keys[i]], verb, depth + 1);
      }
      this.buf += this.sharpV ? "}" : "]";
      return;
    }
    if (v instanceof GoStruct) {
      if (isPointerStruct(v)) {
        if (depth === 0) {
          this.buf += "&";
          this.printStruct(v, verb, depth + 1, v.goType.slice(1));
          return;
        }
        return this.fmtPointer(v, verb);
      }
      return this.printStruct(v, verb, depth, v.goType);
    }
    this.buf += "?" + typeName(v) + "?";
  }

  printStruct(v: GoStruct, verb: string, depth: number, type: string): void {
    if (this.sharpV) this.buf += type;
    this.buf += "{";
    const fields = structFields(v);
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ", " : " ";
      if (this.plusV || this.sharpV) this.buf += fields[i] + ":";
      this.printValue((v as unknown as Record<string, unknown>)[fields[i]] ?? null, verb, depth + 1);
    }
    this.buf += "}";
  }

  doPrint(args: readonly unknown[]): void {
    let prevString = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const isString = typeof arg === "string";
      if (i > 0 && !isString && !prevString) this.buf += " ";
      this.printArg(arg, "v");
      prevString = isString;
    }
  }

  doPrintln(args: readonly unknown[]): void {
    for (let i = 0; i < args.length; i++) {
      if (i > 0) this.buf += " ";
      this.printArg(args[i], "v");
    }
    this.buf += "\n";
  }

  /** Go's intFromArg: the argument must be an integer that fits an int. */
  intFromArg(a: readonly unknown[], argNum: number): [number, boolean, number] {
    let num = 0;
    let isInt = false;
    let newArgNum = argNum;
    if (argNum < a.length) {
      const v = a[argNum];
      if (v instanceof GoInt) {
        const n = v.value;
        if (n >= -(2n ** 63n) && n < 2n ** 63n) {
          isInt = true;
          num = n > 10000000n ? 10000000 : n < -10000000n ? -10000000 : Number(n);
        }
      }
      newArgNum = argNum + 1;
      if (tooLarge(num)) {
        num = 0;
        isInt = false;
      }
    }
    return [num, isInt, newArgNum];
  }

  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== "[") return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && 0 <= index && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }

  doPrintf(format: string, a: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    formatLoop: for (let i = 0; i < end;) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format.charCodeAt(i) !== 0x25) i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearflags();
      simple: for (; i < end; i++) {
        const c = format[i];
        switch (c) {
          case "#":
            this.sharp = true;
            break;
          case "0":
            this.zero = true;
            break;
          case "+":
            this.plus = true;
            break;
          case "-":
            this.minus = true;
            break;
          case " ":
            this.space = true;
            break;
          default: {
            const cc = format.charCodeAt(i);
            if (cc >= 0x61 && cc <= 0x7a && argNum < a.length) {
              if (c === "v") {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
          }
        }
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i < end && format[i] === "*") {
        i++;
        [this.wid, this.widPresent, argNum] = this.intFromArg(a, argNum);
        if (!this.widPresent) this.buf += "%!(BADWIDTH)";
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === ".") {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === "*") {
          i++;
          [this.prec, this.precPresent, argNum] = this.intFromArg(a, argNum);
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += "%!(BADPREC)";
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(format, i, end);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i >= end) {
        this.buf += "%!(NOVERB)";
        break;
      }
      const cp = format.codePointAt(i)!;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === "%") {
        this.buf += "%";
      } else if (!this.goodArgNum) {
        this.buf += "%!" + verb + "(BADINDEX)";
      } else if (argNum >= a.length) {
        this.buf += "%!" + verb + "(MISSING)";
      } else {
        if (verb === "v") {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < a.length) {
      this.clearflags();
      this.buf += "%!(EXTRA ";
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ", ";
        const arg = a[k];
        if (arg === null || arg === undefined) this.buf += "<nil>";
        else {
          this.buf += typeName(arg) + "=";
          this.printArg(arg, "v");
        }
      }
      this.buf += ")";
    }
  }
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && isDigit(s.charCodeAt(i)); i++) {
    if (tooLarge(num)) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 0x30);
    isnum = true;
  }
  return [num, isnum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === "]") {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

/**
 * Go's `fmt.Sprint`: operands in their default format, with a space between
 * two operands when neither is a string.
 */
export function sprint(...args: unknown[]): string {
  if (args.length === 1) {
    const a = args[0];
    if (typeof a === "string") return a;
    if (typeof a === "number") return formatFloat64(a);
  }
  const p = new Printer();
  p.doPrint(args);
  return p.buf;
}

/** Go's `fmt.Sprintln`: operands separated by spaces, then a newline. */
export function sprintln(...args: unknown[]): string {
  const p = new Printer();
  p.doPrintln(args);
  return p.buf;
}

/** Go's `fmt.Sprintf`. Arguments use the representation of `value.ts` (a JS number is a float64). */
export function sprintf(format: string, ...args: unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/**
 * A value formatted as Go's `%v` (`fmt.Sprint(v)` for one operand): `1e+06`
 * for float64 1000000, `map[a:1]`, `[a b]`, `<nil>`.
 */
export function formatValue(v: unknown): string {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return formatFloat64(v);
    case "boolean":
      return v ? "true" : "false";
  }
  if (v instanceof GoInt && Object.getPrototypeOf(v) === GoInt.prototype) return v.value.toString();
  const p = new Printer();
  p.printArg(v, "v");
  return p.buf;
}
