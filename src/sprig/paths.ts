/**
 * Sprig's path functions: `base`, `dir`, `clean`, `ext`, `isAbs` (Go's
 * `path`) and their `os*` forms (Go's `path/filepath`, which on Linux, where
 * Helm runs, behaves the same).
 *
 * @module
 */

import { type FuncMap, goFunc } from "../gotpl/value.ts";
import { base, clean, dir, ext, isAbs } from "./gopath.ts";

const STR = ["string"] as const;

/** Sprig's path functions. */
export const pathFuncs: FuncMap = {
  base: goFunc(STR, base),
  dir: goFunc(STR, dir),
  clean: goFunc(STR, clean),
  ext: goFunc(STR, ext),
  isAbs: goFunc(STR, isAbs),
  osBase: goFunc(STR, base),
  osClean: goFunc(STR, clean),
  osDir: goFunc(STR, dir),
  osExt: goFunc(STR, ext),
  osIsAbs: goFunc(STR, isAbs),
};
