/**
 * Helm's `--set-literal` parser (`strvals.literalParser`): the key grammar of
 * `--set` without `,` and without backslash escapes, and a value that is the
 * rest of the input, verbatim, always a string.
 *
 * @module
 */

import { quote } from "../gotpl/quote.ts";
import { GoErr, GoPanic, isEOF, wrap } from "./errors.ts";
import { RuneScanner, runesUntil, stopSet } from "./scanner.ts";
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
} from "./values.ts";

const KEY_STOP = stopSet("=[.");
const INDEX_STOP = stopSet("]");
const ITEM_STOP = stopSet("[.=");
const NOTHING = stopSet("");

/** The literal parser over one input. */
export class LiteralParser {
  private readonly sc: RuneScanner;

  constructor(input: string, private readonly data: Table) {
    this.sc = new RuneScanner(input);
  }

  /** Parses the input into the table; end of input is success. */
  parse(): GoErr | null {
    for (;;) {
      const err = this.key(this.data, 0);
      if (err === null) continue;
      return isEOF(err) ? null : err;
    }
  }

  private key(data: Table, level: number): GoErr | null {
    try {
      return this.keyBody(data, level);
    } catch (e) {
      if (e instanceof GoPanic) return new GoErr(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyBody(data: Table, level: number): GoErr | null {
    const { text: key, last, err } = runesUntil(this.sc, KEY_STOP, false);
    if (err) {
      if (key.length === 0) return err;
      return new GoErr(`key ${quote(key)} has no value`);
    }
    switch (last) {
      case 0x3d: // =
        set(data, key, this.val());
        return null;
      case 0x2e: { // .
        level++;
        if (level > MAX_NESTED_NAME_LEVEL) {
          return new GoErr(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        const inner = has(data, key) ? assertTable(data[key]) : {};
        const e = this.key(inner, level);
        if (e === null && size(inner) === 0) return new GoErr(`key map ${quote(key)} has no value`);
        if (size(inner) !== 0) set(data, key, inner);
        return e;
      }
      default: { // [
        const [i, ierr] = this.keyIndex();
        if (ierr) return wrap("error parsing index: ", ierr);
        const list = has(data, key) ? assertList(data[key]) : [];
        const [out, lerr] = this.listItem(list, i, level);
        set(data, key, out);
        return lerr;
      }
    }
  }

  private keyIndex(): [bigint, GoErr | null] {
    const { text, err } = runesUntil(this.sc, INDEX_STOP, false);
    if (err) return [0n, err];
    return atoiIndex(text);
  }

  private listItem(list: unknown[], i: bigint, level: number): [unknown[], GoErr | null] {
    if (i < 0n) return [list, new GoErr(`negative ${i} index not allowed`)];
    const { text: key, last, err } = runesUntil(this.sc, ITEM_STOP, false);
    if (key.length > 0) return [list, new GoErr(`unexpected data at end of array index: ${quoteRunes(key)}`)];
    if (err) return [list, err];
    switch (last) {
      case 0x3d: // =
        return setIndex(list, i, this.val());
      case 0x2e: { // .
        let inner: Table = {};
        if (BigInt(list.length) > i) {
          const existing = list[Number(i)];
          if (isTable(existing)) inner = existing;
          else list[Number(i)] = inner;
        }
        const e = this.key(inner, level);
        if (e) return [list, e];
        return setIndex(list, i, inner);
      }
      default: { // [
        const [next, ierr] = this.keyIndex();
        if (ierr) return [list, wrap("error parsing index: ", ierr)];
        let current: unknown[] = [];
        if (BigInt(list.length) > i) {
          const existing = list[Number(i)];
          if (existing !== null && existing !== undefined) current = assertList(existing);
        }
        const [inner, e] = this.listItem(current, next, level);
        if (e) return [list, e];
        return setIndex(list, i, inner);
      }
    }
  }

  /** The value: all remaining input, verbatim. */
  private val(): string {
    return runesUntil(this.sc, NOTHING, false).text;
  }
}
