/**
 * Syntax check of JSON input with encoding/json's exact error messages.
 *
 * Go validates the whole input (`checkValid`) before decoding anything, with
 * a byte-at-a-time state machine; the error names the offending byte and the
 * state it was found in (`invalid character 'x' looking for beginning of
 * value`). This module reproduces those states.
 *
 * @module
 */

import { GoJsonError } from "./errors.ts";

const MAX_NESTING_DEPTH = 10000;

const enum Ctx {
  ObjectKey,
  ObjectValue,
  ArrayValue,
}

const enum St {
  BeginValue,
  BeginValueOrEmpty,
  BeginStringOrEmpty,
  BeginString,
  EndValue,
  EndTop,
  InString,
  InStringEsc,
  InStringEscU,
  InStringEscU1,
  InStringEscU12,
  InStringEscU123,
  Neg,
  One,
  Zero,
  Dot,
  Dot0,
  E,
  ESign,
  E0,
  T,
  Tr,
  Tru,
  F,
  Fa,
  Fal,
  Fals,
  N,
  Nu,
  Nul,
}

/** Go's `quoteChar`: the byte as a single-quoted Go literal. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  return "'" + goQuoteRune(c) + "'";
}

/** The inside of `strconv.Quote(string(rune(c)))` for c < 256. */
function goQuoteRune(c: number): string {
  switch (c) {
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x0b:
      return "\\v";
    case 0x5c:
      return "\\\\";
  }
  if (c < 0x20 || c === 0x7f) return "\\x" + c.toString(16).padStart(2, "0");
  if ((c >= 0x80 && c < 0xa0) || c === 0xad) return "\\u" + c.toString(16).padStart(4, "0");
  return String.fromCharCode(c);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Checks that `data` is one valid JSON value (surrounding space allowed).
 *
 * @throws {GoJsonError} a syntax error with Go's message and byte offset.
 */
export function checkValid(data: Uint8Array): void {
  const stack: Ctx[] = [];
  let step = St.BeginValue;
  let endTop = false;
  let offset = 0;

  const fail = (c: number, context: string): never => {
    throw new GoJsonError(`invalid character ${quoteChar(c)} ${context}`, "syntax", offset);
  };

  const push = (c: number, ctx: Ctx) => {
    stack.push(ctx);
    if (stack.length > MAX_NESTING_DEPTH) fail(c, "exceeded max depth");
  };

  const pop = () => {
    stack.pop();
    if (stack.length === 0) {
      step = St.EndTop;
      endTop = true;
    } else {
      step = St.EndValue;
    }
  };

  // Returns nothing; throws on error. Mirrors Go's step functions, where one
  // state may hand the byte to another.
  const feed = (c: number): void => {
    for (;;) {
      switch (step) {
        case St.BeginValueOrEmpty:
          if (isSpace(c)) return;
          if (c === 0x5d) {
            step = St.EndValue;
            continue;
          }
          step = St.BeginValue;
          continue;
        case St.BeginValue:
          if (isSpace(c)) return;
          switch (c) {
            case 0x7b:
              step = St.BeginStringOrEmpty;
              push(c, Ctx.ObjectKey);
              return;
            case 0x5b:
              step = St.BeginValueOrEmpty;
              push(c, Ctx.ArrayValue);
              return;
            case 0x22:
              step = St.InString;
              return;
            case 0x2d:
              step = St.Neg;
              return;
            case 0x30:
              step = St.Zero;
              return;
            case 0x74:
              step = St.T;
              return;
            case 0x66:
              step = St.F;
              return;
            case 0x6e:
              step = St.N;
              return;
          }
          if (c >= 0x31 && c <= 0x39) {
            step = St.One;
            return;
          }
          return fail(c, "looking for beginning of value");
        case St.BeginStringOrEmpty:
          if (isSpace(c)) return;
          if (c === 0x7d) {
            stack[stack.length - 1] = Ctx.ObjectValue;
            step = St.EndValue;
            continue;
          }
          step = St.BeginString;
          continue;
        case St.BeginString:
          if (isSpace(c)) return;
          if (c === 0x22) {
            step = St.InString;
            return;
          }
          return fail(c, "looking for beginning of object key string");
        case St.EndValue: {
          const n = stack.length;
          if (n === 0) {
            step = St.EndTop;
            endTop = true;
            continue;
          }
          if (isSpace(c)) return;
          const ps = stack[n - 1];
          if (ps === Ctx.ObjectKey) {
            if (c === 0x3a) {
              stack[n - 1] = Ctx.ObjectValue;
              step = St.BeginValue;
              return;
            }
            return fail(c, "after object key");
          }
          if (ps === Ctx.ObjectValue) {
            if (c === 0x2c) {
              stack[n - 1] = Ctx.ObjectKey;
              step = St.BeginString;
              return;
            }
            if (c === 0x7d) {
              pop();
              return;
            }
            return fail(c, "after object key:value pair");
          }
          if (c === 0x2c) {
            step = St.BeginValue;
            return;
          }
          if (c === 0x5d) {
            pop();
            return;
          }
          return fail(c, "after array element");
        }
        case St.EndTop:
          if (!isSpace(c)) fail(c, "after top-level value");
          return;
        case St.InString:
          if (c === 0x22) {
            step = St.EndValue;
            return;
          }
          if (c === 0x5c) {
            step = St.InStringEsc;
            return;
          }
          if (c < 0x20) return fail(c, "in string literal");
          return;
        case St.InStringEsc:
          switch (c) {
            case 0x62:
            case 0x66:
            case 0x6e:
            case 0x72:
            case 0x74:
            case 0x5c:
            case 0x2f:
            case 0x22:
              step = St.InString;
              return;
            case 0x75:
              step = St.InStringEscU;
              return;
          }
          return fail(c, "in string escape code");
        case St.InStringEscU:
        case St.InStringEscU1:
        case St.InStringEscU12:
        case St.InStringEscU123:
          if (isHex(c)) {
            step = step === St.InStringEscU123 ? St.InString : step + 1;
            return;
          }
          return fail(c, "in \\u hexadecimal character escape");
        case St.Neg:
          if (c === 0x30) {
            step = St.Zero;
            return;
          }
          if (c >= 0x31 && c <= 0x39) {
            step = St.One;
            return;
          }
          return fail(c, "in numeric literal");
        case St.One:
          if (isDigit(c)) return;
          step = St.Zero;
          continue;
        case St.Zero:
          if (c === 0x2e) {
            step = St.Dot;
            return;
          }
          if (c === 0x65 || c === 0x45) {
            step = St.E;
            return;
          }
          step = St.EndValue;
          continue;
        case St.Dot:
          if (isDigit(c)) {
            step = St.Dot0;
            return;
          }
          return fail(c, "after decimal point in numeric literal");
        case St.Dot0:
          if (isDigit(c)) return;
          if (c === 0x65 || c === 0x45) {
            step = St.E;
            return;
          }
          step = St.EndValue;
          continue;
        case St.E:
          if (c === 0x2b || c === 0x2d) {
            step = St.ESign;
            return;
          }
          step = St.ESign;
          continue;
        case St.ESign:
          if (isDigit(c)) {
            step = St.E0;
            return;
          }
          return fail(c, "in exponent of numeric literal");
        case St.E0:
          if (isDigit(c)) return;
          step = St.EndValue;
          continue;
        default:
          return literal(c);
      }
    }
  };

  const LITERALS: Partial<Record<St, [number, St, string]>> = {
    [St.T]: [0x72, St.Tr, "in literal true (expecting 'r')"],
    [St.Tr]: [0x75, St.Tru, "in literal true (expecting 'u')"],
    [St.Tru]: [0x65, St.EndValue, "in literal true (expecting 'e')"],
    [St.F]: [0x61, St.Fa, "in literal false (expecting 'a')"],
    [St.Fa]: [0x6c, St.Fal, "in literal false (expecting 'l')"],
    [St.Fal]: [0x73, St.Fals, "in literal false (expecting 's')"],
    [St.Fals]: [0x65, St.EndValue, "in literal false (expecting 'e')"],
    [St.N]: [0x75, St.Nu, "in literal null (expecting 'u')"],
    [St.Nu]: [0x6c, St.Nul, "in literal null (expecting 'l')"],
    [St.Nul]: [0x6c, St.EndValue, "in literal null (expecting 'l')"],
  };

  const literal = (c: number): void => {
    const [want, next, context] = LITERALS[step]!;
    if (c !== want) fail(c, context);
    step = next;
  };

  for (; offset < data.length; offset++) {
    feed(data[offset]);
  }
  offset = data.length;
  // Go's eof(): a final space completes a pending number or literal end.
  if (endTop) return;
  feed(0x20);
  if (endTop) return;
  throw new GoJsonError("unexpected end of JSON input", "syntax", data.length);
}
