/**
 * Version constraints as Masterminds semver v3.5.0 reads and checks them:
 * `,` or space for AND, `||` for OR, `= != > < >= <= => =< ~ ~> ^`, `x`/`X`/`*`
 * wildcards, `1.2 - 1.4.5` ranges, and the rule that an AND group without a
 * prerelease comparator rejects prerelease versions (while a group with one
 * admits them, since 3.4.0).
 *
 * The grammar is expressed with Go regular expressions compiled by
 * `goregexp`, so `\s`, alternation order and FindAll behave as in Go.
 *
 * @module
 */

import { compileGoRegexp, goQuote } from "../goregexp/mod.ts";
import {
  byteLength,
  comparePrerelease,
  parseVersion,
  SemverError,
  strictParseVersion,
  type Version,
} from "./version.ts";

/** Longest constraint string accepted, in UTF-8 bytes. */
export const MAX_CONSTRAINT_LEN = 512;
/** Most `||` groups accepted. */
export const MAX_CONSTRAINT_GROUPS = 32;

// Alternatives in Masterminds' order: with leftmost-first matching the order decides what `=>` or `~>` become.
const OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
const WILD_NUM = "[0-9|x|X|\\*]";
const CV = `v?(${WILD_NUM}+)(\\.${WILD_NUM}+)?(\\.${WILD_NUM}+)?` +
  "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?" +
  "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";

const ONE_CONSTRAINT = compileGoRegexp(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const HYPHEN_RANGE = compileGoRegexp(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`);
const FIND_CONSTRAINT = compileGoRegexp(`(${OPS})\\s*(${CV})`);
const VALID_GROUP = compileGoRegexp(
  `^(\\s*(${OPS})\\s*(${CV})\\s*)((?:\\s+|,\\s*)(${OPS})\\s*(${CV})\\s*)*$`,
);

type Operator = "" | "=" | "!=" | ">" | "<" | ">=" | "=>" | "<=" | "=<" | "~" | "~>" | "^";

/** One comparator such as `>=1.2` or `~1.x`. */
interface Comparator {
  /** The version compared against, with wildcards read as 0. */
  readonly con: Version;
  /** The version text as written (`1.x`). */
  readonly orig: string;
  /** The operator as written. */
  readonly op: Operator;
  /** Some part was a wildcard or missing. */
  readonly dirty: boolean;
  /** The minor part was a wildcard or missing. */
  readonly minorDirty: boolean;
  /** The patch part was a wildcard or missing. */
  readonly patchDirty: boolean;
}

function isWild(x: string): boolean {
  return x === "x" || x === "*" || x === "X";
}

function parseComparator(c: string): Comparator {
  if (c.length === 0) {
    return {
      con: strictParseVersion("0.0.0"),
      orig: c,
      op: "",
      dirty: true,
      minorDirty: false,
      patchDirty: false,
    };
  }
  const m = ONE_CONSTRAINT.findSubmatch(c);
  if (m === undefined) throw new SemverError(`improper constraint: ${goQuote(c)}`);
  let ver = m[2];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isWild(m[3]) || m[3] === "") {
    ver = `0.0.0${m[6]}`;
    dirty = true;
  } else if (isWild(m[4].replace(/^\./, "")) || m[4] === "") {
    ver = `${m[3]}.0.0${m[6]}`;
    dirty = true;
    minorDirty = true;
  } else if (isWild(m[5].replace(/^\./, "")) || m[5] === "") {
    ver = `${m[3]}${m[4]}.0${m[6]}`;
    dirty = true;
    patchDirty = true;
  }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    // The grammar above should make this unreachable, as in Go.
    throw new SemverError("constraint parser error");
  }
  return { con, orig: m[2], op: m[1] as Operator, dirty, minorDirty, patchDirty };
}

/** Why a check failed, or undefined when it passed. */
type CheckResult = string | undefined;

const q = (x: Version | string) => goQuote(String(x));

function preMessage(v: Version): string {
  return `${q(v)} is a prerelease version and the constraint is only looking for release versions`;
}

function checkTilde(v: Version, c: Comparator): CheckResult {
  if (v.compare(c.con) < 0) return `${q(v)} is less than ${q(c.orig)}`;
  // ~0.0.0 accepts everything, like >=0.0.0.
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) {
    return undefined;
  }
  if (v.major !== c.con.major) return `${q(v)} does not have same major version as ${q(c.orig)}`;
  if (v.minor !== c.con.minor && !c.minorDirty) {
    return `${q(v)} does not have same major and minor version as ${q(c.orig)}`;
  }
  return undefined;
}

function checkCaret(v: Version, c: Comparator): CheckResult {
  if (v.compare(c.con) < 0) return `${q(v)} is less than ${q(c.orig)}`;
  if (c.con.major > 0n || c.minorDirty) {
    return v.major === c.con.major ? undefined : `${q(v)} does not have same major version as ${q(c.orig)}`;
  }
  if (v.major > 0n) return `${q(v)} does not have same major version as ${q(c.orig)}`;
  if (c.con.minor > 0n || c.patchDirty) {
    return v.minor === c.con.minor
      ? undefined
      : `${q(v)} does not have same minor version as ${
        q(c.orig)
      }. Expected minor versions to match when constraint major version is 0`;
  }
  if (v.minor > 0n) return `${q(v)} does not have same minor version as ${q(c.orig)}`;
  return c.con.patch === v.patch
    ? undefined
    : `${q(v)} does not equal ${
      q(c.orig)
    }. Expect version and constraint to equal when major and minor versions are 0`;
}

function checkNotEqual(v: Version, c: Comparator): CheckResult {
  const equalMsg = `${q(v)} is equal to ${q(c.orig)}`;
  if (c.dirty) {
    if (c.con.major !== v.major) return undefined;
    if (c.con.minor !== v.minor && !c.minorDirty) return undefined;
    if (c.minorDirty) return equalMsg;
    if (c.con.patch !== v.patch && !c.patchDirty) return undefined;
    if (c.patchDirty) {
      if (v.prerelease !== "" || c.con.prerelease !== "") {
        return comparePrerelease(v.prerelease, c.con.prerelease) !== 0 ? undefined : equalMsg;
      }
      return equalMsg;
    }
  }
  return v.equals(c.con) ? equalMsg : undefined;
}

function checkGreaterThan(v: Version, c: Comparator): CheckResult {
  const msg = `${q(v)} is less than or equal to ${q(c.orig)}`;
  if (!c.dirty) return v.compare(c.con) === 1 ? undefined : msg;
  if (v.major > c.con.major) return undefined;
  if (v.major < c.con.major) return msg;
  // >11 needs 12 or more; >11.1 needs 11.2 or more.
  if (c.minorDirty) return msg;
  if (c.patchDirty) return v.minor > c.con.minor ? undefined : msg;
  return v.compare(c.con) === 1 ? undefined : msg;
}

function checkLessThanEqual(v: Version, c: Comparator): CheckResult {
  const msg = `${q(v)} is greater than ${q(c.orig)}`;
  if (!c.dirty) return v.compare(c.con) <= 0 ? undefined : msg;
  if (v.major > c.con.major) return msg;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return msg;
  return undefined;
}

function checkComparator(v: Version, c: Comparator, includePre: boolean): CheckResult {
  // Whether prereleases are wanted is decided per AND group and passed in.
  if (v.prerelease !== "" && !includePre) return preMessage(v);
  switch (c.op) {
    case "":
    case "=":
      if (c.dirty) return checkTilde(v, c);
      return v.equals(c.con) ? undefined : `${q(v)} is not equal to ${q(c.orig)}`;
    case "!=":
      return checkNotEqual(v, c);
    case ">":
      return checkGreaterThan(v, c);
    case "<":
      return v.compare(c.con) < 0 ? undefined : `${q(v)} is greater than or equal to ${q(c.orig)}`;
    case ">=":
    case "=>":
      return v.compare(c.con) >= 0 ? undefined : `${q(v)} is less than ${q(c.orig)}`;
    case "<=":
    case "=<":
      return checkLessThanEqual(v, c);
    case "~":
    case "~>":
      return checkTilde(v, c);
    case "^":
      return checkCaret(v, c);
  }
}

/** Rewrites each `A - B` range into `>= A, <= B `, as Masterminds does before parsing. */
function rewriteRanges(s: string): string {
  const ms = HYPHEN_RANGE.findAllSubmatch(s, -1);
  if (ms === undefined) return s;
  let out = s;
  for (const m of ms) out = out.replace(m[0], () => `>= ${m[1]}, <= ${m[11]} `);
  return out;
}

/**
 * A parsed constraint: OR groups of AND-ed comparators.
 *
 * @example
 * ```ts
 * const c = parseConstraint(">= 1.19-0");
 * c.check(parseVersion("v1.29.0-eks-1")); // true
 * parseConstraint(">=1.19").check(parseVersion("v1.29.0-eks-1")); // false
 * ```
 */
export class Constraints {
  readonly #groups: Comparator[][];
  readonly #groupHasPre: boolean[];
  /**
   * Admit prereleases in every group (Go's `IncludePrerelease`); a group
   * with a prerelease comparator admits them regardless.
   */
  includePrerelease = false;

  /** @internal Use {@link parseConstraint}. */
  constructor(groups: Comparator[][], groupHasPre: boolean[]) {
    this.#groups = groups;
    this.#groupHasPre = groupHasPre;
  }

  /** Whether the version satisfies any OR group (Go's `Check`). */
  check(v: Version): boolean {
    return this.#groups.some((group, i) => {
      const includePre = this.includePrerelease || this.#groupHasPre[i];
      return group.every((c) => checkComparator(v, c, includePre) === undefined);
    });
  }

  /**
   * Go's `Validate`: whether the version satisfies the constraint and, when
   * it does not, the reasons in Go's words (the prerelease reason only once).
   */
  validate(v: Version): { ok: boolean; errors: string[] } {
    const errors: string[] = [];
    let preReported = false;
    for (let i = 0; i < this.#groups.length; i++) {
      const includePre = this.includePrerelease || this.#groupHasPre[i];
      let joy = true;
      for (const c of this.#groups[i]) {
        if (!includePre && v.prerelease !== "") {
          if (!preReported) {
            errors.push(preMessage(v));
            preReported = true;
          }
          joy = false;
        } else {
          const err = checkComparator(v, c, includePre);
          if (err !== undefined) {
            errors.push(err);
            joy = false;
          }
        }
      }
      if (joy) return { ok: true, errors: [] };
    }
    return { ok: false, errors };
  }

  /** The constraint as Masterminds prints it: operators and versions as written, ANDs spaced, ORs ` || `. */
  toString(): string {
    return this.#groups.map((g) => g.map((c) => c.op + c.orig).join(" ")).join(" || ");
  }
}

/**
 * Parses a constraint string, as Masterminds' `NewConstraint`.
 *
 * @throws {SemverError} with Go's message, e.g. `improper constraint: "foo"`.
 */
export function parseConstraint(c: string): Constraints {
  if (byteLength(c) > MAX_CONSTRAINT_LEN) {
    throw new SemverError(`constraint string is too long (max ${MAX_CONSTRAINT_LEN} bytes)`);
  }
  const ors = rewriteRanges(c).split("||");
  if (ors.length > MAX_CONSTRAINT_GROUPS) {
    throw new SemverError(`too many constraint groups (max ${MAX_CONSTRAINT_GROUPS})`);
  }
  const groups: Comparator[][] = [];
  const hasPre: boolean[] = [];
  for (const or of ors) {
    if (!VALID_GROUP.match(or)) throw new SemverError(`improper constraint: ${goQuote(or)}`);
    const parts = FIND_CONSTRAINT.findAll(or, -1) ?? [or];
    const group = parts.map(parseComparator);
    groups.push(group);
    hasPre.push(group.some((c) => c.con.prerelease !== ""));
  }
  return new Constraints(groups, hasPre);
}

/**
 * Go's `semverCompare`-style check in one call: parses both and checks.
 *
 * @throws {SemverError} when either does not parse.
 */
export function satisfies(constraint: string, version: string): boolean {
  const c = parseConstraint(constraint);
  return c.check(parseVersion(version));
}
