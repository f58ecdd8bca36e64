/**
 * Sprig's `getHostByName`. Helm always replaces it with its own version
 * (which returns "" unless `--enable-dns` is given); this one exists so the
 * function map matches Sprig's.
 *
 * @module
 */

import { type FuncMap, goFunc } from "../gotpl/value.ts";

/**
 * Sprig's `getHostByName`. Deno has no synchronous resolver, so this
 * behaves as Sprig does when the lookup finds nothing: `rand.Intn(0)` panics.
 */
function getHostByName(_name: string): string {
  throw new Error("invalid argument to Intn");
}

/** Sprig's network functions. */
export const networkFuncs: FuncMap = {
  getHostByName: goFunc(["string"], getHostByName),
};
