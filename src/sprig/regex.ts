/**
 * Sprig's regular-expression functions over Go RE2 semantics (see
 * `src/goregexp`): `regexMatch`, `regexFind`, `regexFindAll`,
 * `regexReplaceAll`, `regexReplaceAllLiteral`, `regexSplit`,
 * `regexQuoteMeta`, and the `must` forms.
 *
 * An invalid pattern makes `regexMatch` false and the other plain forms
 * panic with `regexp.MustCompile`'s text; the `must` forms return Go's
 * compile error instead.
 *
 * @module
 */

import { compileGoRegexp, type GoRegexp, mustCompileGoRegexp, quoteMeta } from "../goregexp/mod.ts";
import { type FuncMap, goFunc, withGoType } from "../gotpl/value.ts";
import { intArg } from "./cast.ts";
import { nilSlice } from "./goreflect.ts";

/** A Go `[]string`; undefined is Go's nil slice (no match, or n == 0), which toJson writes as null. */
function stringSlice(xs: string[] | undefined): string[] {
  return xs === undefined ? nilSlice("[]string") as string[] : withGoType(xs, "[]string");
}

function regexMatch(regex: string, s: string): boolean {
  try {
    return compileGoRegexp(regex).match(s);
  } catch {
    return false;
  }
}

/** The plain and `must` forms of a function over a compiled pattern. */
function pair<A extends unknown[], R>(
  params: string[],
  body: (re: GoRegexp, ...args: A) => R,
) {
  return {
    plain: goFunc(params, (regex: string, ...args: A) => body(mustCompileGoRegexp(regex), ...args)),
    must: goFunc(params, (regex: string, ...args: A) => body(compileGoRegexp(regex), ...args)),
  };
}

const findAll = pair(
  ["string", "string", "int"],
  (re, s: string, n: unknown) => stringSlice(re.findAll(s, intArg(n))),
);
const find = pair(["string", "string"], (re, s: string) => re.find(s));
const replaceAll = pair(
  ["string", "string", "string"],
  (re, s: string, repl: string) => re.replaceAll(s, repl),
);
const replaceAllLiteral = pair(
  ["string", "string", "string"],
  (re, s: string, repl: string) => re.replaceAllLiteral(s, repl),
);
const split = pair(
  ["string", "string", "int"],
  (re, s: string, n: unknown) => stringSlice(re.split(s, intArg(n))),
);

/** Sprig's regex functions. */
export const regexFuncs: FuncMap = {
  regexMatch: goFunc(["string", "string"], regexMatch),
  mustRegexMatch: goFunc(["string", "string"], (regex: string, s: string) => compileGoRegexp(regex).match(s)),
  regexFindAll: findAll.plain,
  mustRegexFindAll: findAll.must,
  regexFind: find.plain,
  mustRegexFind: find.must,
  regexReplaceAll: replaceAll.plain,
  mustRegexReplaceAll: replaceAll.must,
  regexReplaceAllLiteral: replaceAllLiteral.plain,
  mustRegexReplaceAllLiteral: replaceAllLiteral.must,
  regexSplit: split.plain,
  mustRegexSplit: split.must,
  regexQuoteMeta: goFunc(["string"], quoteMeta),
};
