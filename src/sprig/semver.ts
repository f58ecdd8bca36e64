/**
 * Sprig's `semver` and `semverCompare`, on the Masterminds semver v3.5.0
 * port in `src/semver`.
 *
 * @module
 */

import { type FuncMap, goFunc } from "../gotpl/value.ts";
import { parseConstraint, parseVersion, type Version } from "../semver/mod.ts";

/** Sprig's `semverCompare`: whether the version satisfies the constraint; parse errors are returned. */
function semverCompare(constraint: string, version: string): boolean {
  const c = parseConstraint(constraint);
  return c.check(parseVersion(version));
}

/** Sprig's semver functions. */
export const semverFuncs: FuncMap = {
  semver: goFunc(["string"], (version: string): Version => parseVersion(version)),
  semverCompare: goFunc(["string", "string"], semverCompare),
};
