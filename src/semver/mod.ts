/**
 * Masterminds semver v3.5.0 in TypeScript: parsing, ordering and
 * constraint checking with Go's exact rules and error messages. Used by the
 * `semver`/`semverCompare` template functions, chart dependency resolution
 * and `kubeVersion` checks.
 *
 * @example
 * ```ts
 * import { parseConstraint, parseVersion } from "./mod.ts";
 * parseConstraint("^1.2 || ~2.0.1").check(parseVersion("2.0.5")); // true
 * ```
 *
 * @module
 */

export {
  byteLength,
  comparePrerelease,
  MAX_VERSION_LEN,
  parseVersion,
  SemverError,
  sortVersions,
  strictParseVersion,
  Version,
} from "./version.ts";
export {
  Constraints,
  MAX_CONSTRAINT_GROUPS,
  MAX_CONSTRAINT_LEN,
  parseConstraint,
  satisfies,
} from "./constraints.ts";
