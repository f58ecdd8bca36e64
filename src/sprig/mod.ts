/**
 * Sprig v3.3.0's template functions (`sprig.TxtFuncMap()`), as Helm uses
 * them: without `env` and `expandenv`, which Helm deletes. Helm then adds and
 * overrides its own functions (`include`, `tpl`, `toYaml`, `toJson`,
 * `fromJson`, `fail`, `getHostByName`, …) on top of this map.
 *
 * @example
 * ```ts
 * import { sprigFuncs } from "./mod.ts";
 * const funcs = sprigFuncs();
 * funcs.upper.fn; // strings.ToUpper
 * ```
 *
 * @module
 */

import type { FuncMap } from "../gotpl/value.ts";
import { conversionFuncs } from "./conversion.ts";
import { defaultFuncs } from "./defaults.ts";
import { dictFuncs } from "./dicts.ts";
import { encodingFuncs } from "./encoding.ts";
import { listFuncs } from "./lists.ts";
import { mathFuncs } from "./math.ts";
import { networkFuncs } from "./network.ts";
import { pathFuncs } from "./paths.ts";
import { reflectionFuncs } from "./reflection.ts";
import { stringFuncs } from "./strings.ts";
import { urlFuncs } from "./urls.ts";
import { dateFuncs } from "./dates.ts";
import { randomFuncs } from "./random.ts";
import { regexFuncs } from "./regex.ts";
import { semverFuncs } from "./semver.ts";
import { cryptoFuncs } from "./crypto.ts";

/** The function families, in the order their maps are merged. */
export const SPRIG_FAMILIES: Readonly<Record<string, FuncMap>> = {
  strings: stringFuncs,
  conversion: conversionFuncs,
  math: mathFuncs,
  defaults: defaultFuncs,
  encoding: encodingFuncs,
  lists: listFuncs,
  dicts: dictFuncs,
  reflection: reflectionFuncs,
  paths: pathFuncs,
  urls: urlFuncs,
  network: networkFuncs,
  dates: dateFuncs,
  random: randomFuncs,
  regex: regexFuncs,
  semver: semverFuncs,
  crypto: cryptoFuncs,
};

/**
 * A fresh copy of Sprig's function map minus `env`/`expandenv`; callers may
 * add or replace entries without affecting other users.
 */
export function sprigFuncs(): FuncMap {
  const out: FuncMap = {};
  for (const family of Object.values(SPRIG_FAMILIES)) Object.assign(out, family);
  return out;
}

export { conversionFuncs, defaultFuncs, dictFuncs, encodingFuncs, listFuncs, mathFuncs };
export { networkFuncs, pathFuncs, reflectionFuncs, stringFuncs, urlFuncs };
export { cryptoFuncs, dateFuncs, randomFuncs, regexFuncs, semverFuncs };
export type { FuncMap, GoFunc } from "../gotpl/value.ts";
