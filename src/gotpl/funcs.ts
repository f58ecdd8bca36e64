/**
 * Compiled form of a template-callable function: its Go signature parsed
 * once, so that each call only checks and converts arguments.
 *
 * @module
 */

import { type ParamType, paramType } from "./typecheck.ts";
import type { GoFunc, GoMethodSig } from "./value.ts";

/** Builtins that text/template evaluates specially. */
export enum Special {
  None,
  /** `and`: short-circuits, returns the deciding value. */
  And,
  /** `or`: short-circuits, returns the deciding value. */
  Or,
  /** `call`: calls its first argument. */
  Call,
}

/** A function or method ready to be called by the executor. */
export interface CallSpec {
  /** Parameter types; with `variadic`, the last is the element type. */
  readonly params: readonly ParamType[];
  /** True when the last parameter is variadic. */
  readonly variadic: boolean;
  /** The implementation, called with converted arguments. */
  readonly fn: (...args: unknown[]) => unknown;
  /** Set only on text/template's own builtins (a FuncMap entry of the same name is never special). */
  readonly special: Special;
  /** Pass arguments that sat in interface slots wrapped (Go's `slice` sees them as interface values). */
  readonly wrapIfaceArgs?: boolean;
}

/** Compiles a FuncMap entry. */
export function compileFunc(f: GoFunc): CallSpec {
  // Accept Go's spelling of a variadic parameter ("...string") as well.
  const last = f.params[f.params.length - 1];
  const dots = last !== undefined && last.startsWith("...");
  const params = dots ? [...f.params.slice(0, -1), last.slice(3)] : f.params;
  return {
    params: params.map(paramType),
    variadic: f.variadic === true || dots,
    fn: f.fn as (...args: unknown[]) => unknown,
    special: Special.None,
  };
}

const sigCache = new WeakMap<GoMethodSig, readonly ParamType[]>();

/** Compiles a method signature with its bound implementation. */
export function compileMethod(sig: GoMethodSig, call: (args: unknown[]) => unknown): CallSpec {
  let params = sigCache.get(sig);
  if (params === undefined) {
    params = sig.params.map(paramType);
    sigCache.set(sig, params);
  }
  return {
    params,
    variadic: sig.variadic === true,
    fn: (...args: unknown[]) => call(args),
    special: Special.None,
  };
}
