/**
 * A rune reader over the input, standing in for the `bytes.Buffer` Helm's
 * parsers read from: one code point at a time, with a single-rune unread.
 *
 * @module
 */

import { isGoSpace } from "../gotpl/utf8.ts";
import { EOF, type GoErr } from "./errors.ts";

/** Returned by {@link RuneScanner.readRune} at the end of input. */
export const END = -1;

/** Sequential code-point reader over a string. */
export class RuneScanner {
  private pos = 0;
  private lastWidth = 0;

  constructor(private readonly input: string) {}

  /** The next code point, or {@link END}. */
  readRune(): number {
    if (this.pos >= this.input.length) {
      this.lastWidth = 0;
      return END;
    }
    const cp = this.input.codePointAt(this.pos)!;
    this.lastWidth = cp > 0xffff ? 2 : 1;
    this.pos += this.lastWidth;
    return cp;
  }

  /** Steps back over the rune just read (a no-op after {@link END}, as in Go). */
  unreadRune(): void {
    this.pos -= this.lastWidth;
    this.lastWidth = 0;
  }

  /** What is left to read (Go's `Buffer.String()`). */
  rest(): string {
    return this.input.slice(this.pos);
  }

  /** Discards `units` UTF-16 code units of input. */
  skip(units: number): void {
    this.pos += units;
    this.lastWidth = 0;
  }
}

/** The result of {@link runesUntil}: the text read, the stop rune and the error. */
export interface Until {
  /** The runes read before the stop rune, escapes resolved. */
  text: string;
  /** The stop rune that ended the read (0 at the end of input, like Go's zero rune). */
  last: number;
  /** {@link EOF} when the input ended before a stop rune. */
  err: GoErr | null;
}

/**
 * Reads until one of `stop`. With `escapes`, a backslash takes the next rune
 * literally (the `--set` grammar); the literal grammar has no escapes.
 */
export function runesUntil(sc: RuneScanner, stop: ReadonlySet<number>, escapes: boolean): Until {
  let text = "";
  for (;;) {
    const r = sc.readRune();
    if (r === END) return { text, last: 0, err: EOF };
    if (stop.has(r)) return { text, last: r, err: null };
    if (escapes && r === 0x5c) {
      const next = sc.readRune();
      if (next === END) return { text, last: 0, err: EOF };
      text += String.fromCodePoint(next);
      continue;
    }
    text += String.fromCodePoint(r);
  }
}

/** A stop set from its characters. */
export function stopSet(chars: string): ReadonlySet<number> {
  return new Set([...chars].map((c) => c.codePointAt(0)!));
}

/**
 * Helm's `emptyVal`: skips Unicode white space; true at the end of input or
 * at a comma (consumed), false before anything else (left unread).
 */
export function emptyVal(sc: RuneScanner): boolean {
  for (;;) {
    const r = sc.readRune();
    if (r === END || r === 0x2c) return true;
    if (!isGoSpace(r)) {
      sc.unreadRune();
      return false;
    }
  }
}
