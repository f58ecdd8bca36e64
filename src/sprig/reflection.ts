/**
 * Sprig's reflection functions: `typeOf` (Go's `%T`), `typeIs`,
 * `typeIsLike`, `kindOf` (reflect kind names such as `slice`, `map`, `ptr`,
 * `invalid` for nil), `kindIs` and `deepEqual`.
 *
 * @module
 */

import { sprintf } from "../gotpl/fmt.ts";
import { type FuncMap, goFunc } from "../gotpl/value.ts";
import { deepEqual, goKind } from "./goreflect.ts";

const ANY = "interface {}";

/** Go's `fmt.Sprintf("%T", v)`: `float64`, `[]interface {}`, `<nil>`, … */
export function typeOf(v: unknown): string {
  return sprintf("%T", v);
}

/** Sprig's reflection functions. */
export const reflectionFuncs: FuncMap = {
  typeOf: goFunc([ANY], typeOf),
  typeIs: goFunc(["string", ANY], (target: string, v: unknown) => target === typeOf(v)),
  typeIsLike: goFunc(["string", ANY], (target: string, v: unknown) => {
    const t = typeOf(v);
    return target === t || "*" + target === t;
  }),
  kindOf: goFunc([ANY], goKind),
  kindIs: goFunc(["string", ANY], (target: string, v: unknown) => target === goKind(v)),
  deepEqual: goFunc([ANY, ANY], deepEqual),
};
