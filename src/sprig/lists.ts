/**
 * Sprig's list functions. They accept any Go slice or array (typed slices,
 * `[]byte`) and return `[]interface{}`; the plain forms panic where the
 * `must*` forms return an error, and both fail alike on nil, where Go
 * dereferences a nil `reflect.Type`.
 *
 * Membership (`has`, `uniq`, `without`) uses Go's DeepEqual, so float64 1
 * (from values files) never equals int 1 (from a template literal).
 *
 * @module
 */

import { type FuncMap, goFunc, withGoType } from "../gotpl/value.ts";
import { float64ToInt64, intArg, toInt } from "./cast.ts";
import { strslice, strval } from "./conversion.ts";
import {
  copyGoType,
  deepEqual,
  goKind,
  isEmpty,
  isListKind,
  listItems,
  NIL_DEREFERENCE,
  nilSlice,
} from "./goreflect.ts";
import { compareGoStrings } from "./gostring.ts";

/** Sprig's `reflect.TypeOf(list).Kind()`, which panics for nil. */
function kindOfList(v: unknown): string {
  if (v === null || v === undefined) throw new Error(NIL_DEREFERENCE);
  return goKind(v);
}

/**
 * Runs a list operation: the items of a slice or array, or the error text
 * Sprig gives for other kinds (`Cannot find first on type map`).
 */
function withList<T>(v: unknown, message: (kind: string) => string, op: (items: unknown[]) => T): T {
  const kind = kindOfList(v);
  if (!isListKind(kind)) throw new Error(message(kind));
  return op(listItems(v));
}

const push = (list: unknown, v: unknown) =>
  withList(list, (k) => `Cannot push on type ${k}`, (l) => [...l, v]);
const prepend = (list: unknown, v: unknown) =>
  withList(list, (k) => `Cannot prepend on type ${k}`, (l) => [v, ...l]);
const first = (list: unknown) =>
  withList(list, (k) => `Cannot find first on type ${k}`, (l) => l.length === 0 ? null : l[0]);
const last = (list: unknown) =>
  withList(list, (k) => `Cannot find last on type ${k}`, (l) => l.length === 0 ? null : l[l.length - 1]);
const rest = (list: unknown) =>
  withList(list, (k) => `Cannot find rest on type ${k}`, (l) => l.length === 0 ? nilSlice() : l.slice(1));
const initial = (list: unknown) =>
  withList(
    list,
    (k) => `Cannot find initial on type ${k}`,
    (l) => l.length === 0 ? nilSlice() : l.slice(0, -1),
  );
const reverse = (list: unknown) =>
  withList(list, (k) => `Cannot find reverse on type ${k}`, (l) => [...l].reverse());
const compact = (list: unknown) =>
  withList(list, (k) => `Cannot compact on type ${k}`, (l) => l.filter((x) => !isEmpty(x)));

const inList = (haystack: unknown[], needle: unknown) => haystack.some((h) => deepEqual(needle, h));

const uniq = (list: unknown) =>
  withList(list, (k) => `Cannot find uniq on type ${k}`, (l) => {
    const out: unknown[] = [];
    for (const x of l) if (!inList(out, x)) out.push(x);
    return out;
  });

const without = (list: unknown, ...omit: unknown[]) =>
  withList(list, (k) => `Cannot find without on type ${k}`, (l) => l.filter((x) => !inList(omit, x)));

const has = (needle: unknown, haystack: unknown) => {
  if (haystack === null || haystack === undefined) return false;
  return withList(haystack, (k) => `Cannot find has on type ${k}`, (l) => inList(l, needle));
};

/** Sprig's `slice`: keeps the input's slice type; indices go through cast.ToInt. */
function slice(list: unknown, ...indices: unknown[]): unknown {
  const kind = kindOfList(list);
  if (!isListKind(kind)) throw new Error(`list should be type of slice or array but ${kind}`);
  const len = (list as ArrayLike<unknown>).length;
  if (len === 0) return null;
  const start = indices.length > 0 ? Number(toInt(indices[0])) : 0;
  const end = indices.length < 2 ? len : Number(toInt(indices[1]));
  if (start < 0 || end < start || end > len) {
    throw new Error("reflect.Value.Slice: slice index out of bounds");
  }
  if (list instanceof Uint8Array) return list.subarray(start, end);
  return copyGoType(list as unknown[], (list as unknown[]).slice(start, end));
}

function concat(...lists: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const list of lists) {
    const kind = kindOfList(list);
    if (!isListKind(kind)) throw new Error(`Cannot concat type ${kind} as list`);
    out.push(...listItems(list));
  }
  // Go appends to a nil slice, which stays nil when nothing was added.
  return out.length === 0 ? nilSlice() : out;
}

/** Go's `int(f)` for the float arithmetic in Sprig's `chunk`. */
function goIntOfFloat(f: number): number {
  return Number(float64ToInt64(f));
}

function makeLength(n: number): number {
  if (n < 0) throw new Error("runtime error: makeslice: len out of range");
  return n;
}

function chunk(size: unknown, list: unknown): unknown[][] {
  const n = intArg(size);
  return withList(list, (k) => `Cannot chunk type ${k}`, (l) => {
    // The same float formulas as Sprig, so zero and negative sizes fail as in Go.
    const cs = makeLength(goIntOfFloat(Math.floor((l.length - 1) / n) + 1));
    const out: unknown[][] = [];
    for (let i = 0; i < cs; i++) {
      let clen = n;
      if (i === cs - 1) {
        clen = goIntOfFloat(Math.floor(l.length % n));
        if (clen === 0) clen = n;
      }
      const part: unknown[] = new Array(makeLength(clen)).fill(null);
      for (let j = 0; j < clen; j++) {
        const ix = i * n + j;
        if (ix < 0 || ix >= l.length) {
          throw new Error("reflect: slice index out of range");
        }
        part[j] = l[ix];
      }
      out.push(part);
    }
    return withGoType(out, "[][]interface {}");
  });
}

/** Sprig's `sortAlpha`: toString each element, drop nils, sort byte-wise; a non-list becomes `[toString x]`. */
function sortAlpha(list: unknown): string[] {
  const kind = goKind(list);
  if (isListKind(kind)) {
    // For a []string Go sorts the caller's slice in place.
    return strslice(list).sort(compareGoStrings);
  }
  return withGoType([strval(list)], "[]string");
}

const any = "interface {}";
const unary = (fn: (v: unknown) => unknown) => goFunc([any], fn);
const listF = goFunc([any], (...v: unknown[]) => [...v], { variadic: true });
const pushF = goFunc([any, any], push);
const prependF = goFunc([any, any], prepend);
const firstF = unary(first);
const restF = unary(rest);
const lastF = unary(last);
const initialF = unary(initial);
const reverseF = unary(reverse);
const uniqF = unary(uniq);
const withoutF = goFunc([any, any], without, { variadic: true });
const hasF = goFunc([any, any], has);
const sliceF = goFunc([any, any], slice, { variadic: true });
const chunkF = goFunc(["int", any], chunk);
const compactF = unary(compact);

/**
 * Sprig's list functions. Each `must*` form shares its plain form's
 * implementation: a Go panic and a returned error both reach the template as
 * `error calling NAME: …`.
 */
export const listFuncs: FuncMap = {
  list: listF,
  tuple: listF,
  append: pushF,
  push: pushF,
  mustAppend: pushF,
  mustPush: pushF,
  prepend: prependF,
  mustPrepend: prependF,
  first: firstF,
  mustFirst: firstF,
  rest: restF,
  mustRest: restF,
  last: lastF,
  mustLast: lastF,
  initial: initialF,
  mustInitial: initialF,
  reverse: reverseF,
  mustReverse: reverseF,
  uniq: uniqF,
  mustUniq: uniqF,
  without: withoutF,
  mustWithout: withoutF,
  has: hasF,
  mustHas: hasF,
  slice: sliceF,
  mustSlice: sliceF,
  concat: goFunc(["interface {}"], concat, { variadic: true }),
  chunk: chunkF,
  mustChunk: chunkF,
  compact: compactF,
  mustCompact: compactF,
  sortAlpha: goFunc(["interface {}"], sortAlpha),
};
