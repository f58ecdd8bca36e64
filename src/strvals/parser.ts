/**
 * Helm's `--set` parser (`strvals.parser`), shared by `--set`,
 * `--set-string`, `--set-file` and the `key=value` form of `--set-json`.
 *
 * Grammar, as Helm reads it: `,` ends a pair; in a key `.` descends into a
 * table and `[N]` into a list (the index may be followed by `.`, `[` or
 * `=`); after `=` comes either `{a,b,…}` (a list) or a plain value up to the
 * next `,`. A backslash anywhere takes the next character literally.
 *
 * The steps are generators so that one implementation serves both a
 * synchronous and an asynchronous `--set-file` reader: a step yields the
 * text to be read and is resumed with the reader's result.
 *
 * @module
 */

import { EOF, ERR_NOT_LIST, GoErr, GoPanic, isEOF, wrap } from "./errors.ts";
import { decodeJSONPrefix } from "./json_value.ts";
import { emptyVal, END, RuneScanner, runesUntil, stopSet } from "./scanner.ts";
import {
  assertList,
  assertTable,
  atoiIndex,
  has,
  isTable,
  MAX_NESTED_NAME_LEVEL,
  quoteRunes,
  set,
  setIndex,
  size,
  type Table,
  typedVal,
} from "./values.ts";
import { quote } from "../gotpl/quote.ts";

/** What a reader step is resumed with. */
export type ReadOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A parser step: yields texts to read, returns its result. */
export type Step<T> = Generator<string, T, ReadOutcome>;

/** How values after `=` become Go values. */
export type ValueMode =
  /** `--set` (`stringOnly` false) and `--set-string` (true). */
  | { kind: "typed"; stringOnly: boolean }
  /** `--set-file`: each value is handed to the reader. */
  | { kind: "file" }
  /** `--set-json`: each value is one JSON document. */
  | { kind: "json" };

const KEY_STOP = stopSet("=[,.");
const INDEX_STOP = stopSet("]");
const ITEM_STOP = stopSet("[.=");
const VALUE_STOP = stopSet(",");
const LIST_STOP = stopSet(",}");

const LBRACE = 0x7b;
const COMMA = 0x2c;

/** A value produced from text, or the reader's failure. */
interface Read {
  value: unknown;
  err: GoErr | null;
}

/** The `strvals.parser` state machine over one input. */
export class Parser {
  private readonly sc: RuneScanner;

  constructor(input: string, private readonly data: Table, private readonly mode: ValueMode) {
    this.sc = new RuneScanner(input);
  }

  /** Parses every pair; end of input (even a wrapped `io.EOF`) is success. */
  *parse(): Step<GoErr | null> {
    for (;;) {
      const err = yield* this.key(this.data, 0);
      if (err === null) continue;
      return isEOF(err) ? null : err;
    }
  }

  /** Turns the text of a value into a Go value (the parser's `reader`). */
  private *read(text: string): Step<Read> {
    if (this.mode.kind === "typed") return { value: typedVal(text, this.mode.stringOnly), err: null };
    const outcome = yield text;
    if (outcome.ok) return { value: outcome.value, err: null };
    const e = outcome.error;
    return { value: null, err: new GoErr(e instanceof Error ? e.message : String(e), undefined, e) };
  }

  /** One key (and what follows it) into `data`; Go's deferred `recover` included. */
  private *key(data: Table, level: number): Step<GoErr | null> {
    try {
      return yield* this.keyBody(data, level);
    } catch (e) {
      if (e instanceof GoPanic) return new GoErr(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private *keyBody(data: Table, level: number): Step<GoErr | null> {
    const { text: k, last, err } = runesUntil(this.sc, KEY_STOP, true);
    if (err) {
      if (k.length === 0) return err;
      return new GoErr(`key ${quote(k)} has no value`);
    }
    switch (last) {
      case 0x5b: { // [
        const [i, ierr] = this.keyIndex();
        if (ierr) return wrap("error parsing index: ", ierr);
        const list = has(data, k) ? assertList(data[k]) : [];
        const [out, lerr] = yield* this.listItem(list, i, level);
        // Stored even on error, as Helm does.
        set(data, k, out);
        return lerr;
      }
      case 0x3d: { // =
        if (this.mode.kind === "json") {
          if (emptyVal(this.sc)) {
            set(data, k, null);
            return null;
          }
          const d = decodeJSONPrefix(this.sc.rest());
          if (d instanceof GoErr) return d;
          set(data, k, d.value);
          this.sc.skip(d.consumed);
          emptyVal(this.sc);
          return null;
        }
        const [vl, e] = yield* this.valList();
        if (e === null) {
          set(data, k, vl);
          return null;
        }
        if (e === EOF) {
          set(data, k, "");
          return e;
        }
        if (e === ERR_NOT_LIST) {
          const r = yield* this.read(this.val());
          set(data, k, r.value);
          return r.err;
        }
        return e;
      }
      case COMMA:
        set(data, k, "");
        return new GoErr(`key ${quote(k)} has no value (cannot end with ,)`);
      default: { // .
        level++;
        if (level > MAX_NESTED_NAME_LEVEL) {
          return new GoErr(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        const inner = has(data, k) ? assertTable(data[k]) : {};
        const e = yield* this.key(inner, level);
        if (e === null && size(inner) === 0) return new GoErr(`key map ${quote(k)} has no value`);
        if (size(inner) !== 0) set(data, k, inner);
        return e;
      }
    }
  }

  /** The index between `[` and `]`. */
  private keyIndex(): [bigint, GoErr | null] {
    const { text, err } = runesUntil(this.sc, INDEX_STOP, true);
    if (err) return [0n, err];
    return atoiIndex(text);
  }

  /** What follows `name[i]`: `=value`, `.key…` or another `[j]`. */
  private *listItem(list: unknown[], i: bigint, level: number): Step<[unknown[], GoErr | null]> {
    if (i < 0n) return [list, new GoErr(`negative ${i} index not allowed`)];
    const { text: k, last, err } = runesUntil(this.sc, ITEM_STOP, true);
    if (k.length > 0) return [list, new GoErr(`unexpected data at end of array index: ${quoteRunes(k)}`)];
    if (err) return [list, err];
    switch (last) {
      case 0x3d: { // =
        if (this.mode.kind === "json") {
          if (emptyVal(this.sc)) return setIndex(list, i, null);
          const d = decodeJSONPrefix(this.sc.rest());
          if (d instanceof GoErr) return [list, d];
          const [out, serr] = setIndex(list, i, d.value);
          if (serr) return [out, serr];
          this.sc.skip(d.consumed);
          emptyVal(this.sc);
          return [out, null];
        }
        const [vl, e] = yield* this.valList();
        if (e === null) return setIndex(list, i, vl);
        if (e === EOF) return setIndex(list, i, "");
        if (e === ERR_NOT_LIST) {
          const r = yield* this.read(this.val());
          if (r.err) return [list, r.err];
          return setIndex(list, i, r.value);
        }
        return [list, e];
      }
      case 0x5b: { // [ : a list inside the list
        const [next, ierr] = this.keyIndex();
        if (ierr) return [list, wrap("error parsing index: ", ierr)];
        let current: unknown[] = [];
        if (BigInt(list.length) > i) {
          const existing = list[Number(i)];
          if (existing !== null && existing !== undefined) current = assertList(existing);
        }
        const [inner, e] = yield* this.listItem(current, next, level);
        if (e) return [list, e];
        return setIndex(list, i, inner);
      }
      default: { // . : a table inside the list
        let inner: Table = {};
        if (BigInt(list.length) > i) {
          const existing = list[Number(i)];
          if (isTable(existing)) inner = existing;
          else list[Number(i)] = inner; // whatever was there is replaced
        }
        // No nesting level increment here: Helm only counts dots after names.
        const e = yield* this.key(inner, level);
        if (e) return [list, e];
        return setIndex(list, i, inner);
      }
    }
  }

  /** A plain value: everything up to the next unescaped `,`. */
  private val(): string {
    return runesUntil(this.sc, VALUE_STOP, true).text;
  }

  /** A `{a,b,…}` list value, or {@link ERR_NOT_LIST} when the value is not one. */
  private *valList(): Step<[unknown[], GoErr | null]> {
    const r = this.sc.readRune();
    if (r === END) return [[], EOF];
    if (r !== LBRACE) {
      this.sc.unreadRune();
      return [[], ERR_NOT_LIST];
    }
    const list: unknown[] = [];
    for (;;) {
      const { text, last, err } = runesUntil(this.sc, LIST_STOP, true);
      if (err) return [list, err === EOF ? new GoErr("list must terminate with '}'") : err];
      if (last === 0x7d) {
        // A comma right after `}` belongs to the list; anything else is the next key.
        const after = this.sc.readRune();
        if (after !== END && after !== COMMA) this.sc.unreadRune();
        const item = yield* this.read(text);
        list.push(item.value);
        return [list, item.err];
      }
      const item = yield* this.read(text);
      if (item.err) return [list, item.err];
      list.push(item.value);
    }
  }
}

/** Runs a parser whose reader is synchronous. */
export function runSync(step: Step<GoErr | null>, reader?: (text: string) => unknown): GoErr | null {
  let next = step.next();
  while (!next.done) {
    let outcome: ReadOutcome;
    try {
      outcome = { ok: true, value: reader!(next.value) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    next = step.next(outcome);
  }
  return next.value;
}

/** Runs a parser whose reader may be asynchronous. */
export async function runAsync(
  step: Step<GoErr | null>,
  reader: (text: string) => unknown | Promise<unknown>,
): Promise<GoErr | null> {
  let next = step.next();
  while (!next.done) {
    let outcome: ReadOutcome;
    try {
      outcome = { ok: true, value: await reader(next.value) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    next = step.next(outcome);
  }
  return next.value;
}
