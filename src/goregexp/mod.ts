/**
 * Go-compatible regular expressions: RE2 syntax compiled onto JavaScript
 * RegExp, with Go's error messages and Go's `regexp` package semantics for
 * finding, splitting and replacing.
 *
 * @example
 * ```ts
 * import { compileGoRegexp } from "./mod.ts";
 * compileGoRegexp("a(x*)b").replaceAll("-ab-axxb-", "${1}W"); // "-W-xxW-"
 * ```
 *
 * @module
 */

export {
  compileGoRegexp,
  type GoMatch,
  GoRegexp,
  matchGoRegexp,
  mustCompileGoRegexp,
  mustCompileMessage,
  quoteMeta,
} from "./regexp.ts";
export {
  type ClassPart,
  type ErrorCode,
  GoRegexpSyntaxError,
  type Node,
  type ParsedRegexp,
  parseGoRegexp,
} from "./parse.ts";
export { canBackquote, goQuote, isGoPrint } from "./quote.ts";
