/**
 * Semantic versions as Masterminds semver v3.5.0 parses, prints and orders
 * them (the library behind Helm's chart versions, `semver`/`semverCompare`
 * in templates, dependency ranges and `kubeVersion`).
 *
 * @module
 */

import { compileGoRegexp } from "../goregexp/mod.ts";
import { GO_METHODS, GoInt, type GoMethodSig, GoStruct } from "../gotpl/value.ts";
import { byteLength, splitN } from "../gotpl/utf8.ts";

/** A version or constraint string that Masterminds semver rejects; the message is Go's. */
export class SemverError extends Error {
  /** An error with Go's message. */
  constructor(message: string) {
    super(message);
    this.name = "SemverError";
  }
}

/** Longest version string accepted, in UTF-8 bytes. */
export const MAX_VERSION_LEN = 256;

const ERR_INVALID = "invalid semantic version";
const ERR_EMPTY = "version string empty";
const ERR_INVALID_CHARS = "invalid characters in version";
const ERR_STARTS_ZERO = "version segment starts with 0";
const ERR_METADATA = "invalid metadata string";
const ERR_PRERELEASE = "invalid prerelease string";
const ERR_TOO_LONG = `version string is too long (max ${MAX_VERSION_LEN} bytes)`;

const UINT64_MAX = (1n << 64n) - 1n;
const NUM = /^[0-9]*$/;
const ALLOWED = /^[0-9A-Za-z-]*$/;

/** The loose grammar NewVersion uses (v prefix, optional minor and patch). */
const LOOSE_VERSION = compileGoRegexp(
  "^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?" +
    "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?" +
    "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$",
);

/** UTF-8 length, since Go's limits count bytes. */
export { byteLength };

/** Go's `strconv.ParseUint(s, 10, 64)` on an all-digit string. */
function parseUint64(digits: string): bigint {
  const n = digits === "" ? -1n : BigInt(digits);
  if (n < 0n || n > UINT64_MAX || !NUM.test(digits)) {
    const reason = n > UINT64_MAX ? "value out of range" : "invalid syntax";
    throw new SemverError(`strconv.ParseUint: parsing "${digits}": ${reason}`);
  }
  return n;
}

function parseSegment(digits: string): bigint {
  try {
    return parseUint64(digits);
  } catch (e) {
    throw new SemverError(`error parsing version segment: ${(e as Error).message}`);
  }
}

/** Checks dot-separated prerelease identifiers: non-empty, `[0-9A-Za-z-]`, numeric ones without leading zeros. */
function validatePrerelease(p: string): void {
  for (const part of p.split(".")) {
    if (part === "") throw new SemverError(ERR_PRERELEASE);
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === "0") throw new SemverError(ERR_STARTS_ZERO);
    } else if (!ALLOWED.test(part)) {
      throw new SemverError(ERR_PRERELEASE);
    }
  }
}

/** Checks dot-separated metadata identifiers: non-empty, `[0-9A-Za-z-]`. */
function validateMetadata(m: string): void {
  for (const part of m.split(".")) {
    if (part === "" || !ALLOWED.test(part)) throw new SemverError(ERR_METADATA);
  }
}

function compareUint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders one prerelease identifier against another, numbers below words, as Masterminds does. */
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  const asNum = (x: string) => (NUM.test(x) && BigInt(x) <= UINT64_MAX ? BigInt(x) : undefined);
  const si = asNum(s);
  const oi = asNum(o);
  if (si === undefined && oi === undefined) return s > o ? 1 : -1;
  if (oi === undefined) return -1;
  if (si === undefined) return 1;
  return si > oi ? 1 : -1;
}

/** Orders two prerelease strings identifier by identifier; a missing identifier sorts first. */
export function comparePrerelease(v: string, o: string): number {
  const sp = v.split(".");
  const op = o.split(".");
  const n = Math.max(sp.length, op.length);
  for (let i = 0; i < n; i++) {
    const d = comparePrePart(sp[i] ?? "", op[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A parsed semantic version. In templates it is Go's `*semver.Version`:
 * it prints normalised (`1.2.0` for `v1.2`) and offers Go's methods
 * (`.Major` is a uint64, `.Original` the input, `.Compare`, `.IncMinor`…).
 *
 * @example
 * ```ts
 * const v = parseVersion("v1.2-beta.1");
 * v.toString(); // "1.2.0-beta.1"
 * v.major; // 1n
 * ```
 */
export class Version extends GoStruct {
  /** Go signatures of the methods templates may call. */
  static readonly [GO_METHODS]: Record<string, GoMethodSig> = {
    SetPrerelease: { params: ["string"] },
    SetMetadata: { params: ["string"] },
    Compare: { params: ["*semver.Version"] },
    LessThan: { params: ["*semver.Version"] },
    LessThanEqual: { params: ["*semver.Version"] },
    GreaterThan: { params: ["*semver.Version"] },
    GreaterThanEqual: { params: ["*semver.Version"] },
    Equal: { params: ["*semver.Version"] },
  };
  readonly #goType: string;
  readonly #major: bigint;
  readonly #minor: bigint;
  readonly #patch: bigint;
  readonly #pre: string;
  readonly #metadata: string;
  readonly #original: string;

  /**
   * Builds a version from parts, like Go's `semver.New` (no validation of
   * prerelease or metadata). `original` defaults to the printed form.
   */
  constructor(
    major: bigint,
    minor: bigint,
    patch: bigint,
    pre = "",
    metadata = "",
    original?: string,
    goType = "*semver.Version",
  ) {
    super();
    this.#major = major;
    this.#minor = minor;
    this.#patch = patch;
    this.#pre = pre;
    this.#metadata = metadata;
    this.#original = original ?? formatVersion(major, minor, patch, pre, metadata);
    this.#goType = goType;
  }

  /** Go type name for `%T`: a pointer from `semver`, a value from `IncMajor` and friends. */
  get goType(): string {
    return this.#goType;
  }

  /** Major number. */
  get major(): bigint {
    return this.#major;
  }
  /** Minor number. */
  get minor(): bigint {
    return this.#minor;
  }
  /** Patch number. */
  get patch(): bigint {
    return this.#patch;
  }
  /** Prerelease without the leading `-` ("" when none). */
  get prerelease(): string {
    return this.#pre;
  }
  /** Build metadata without the leading `+` ("" when none). */
  get metadata(): string {
    return this.#metadata;
  }
  /** The string this version was parsed from. */
  get original(): string {
    return this.#original;
  }

  /** The normalised form `X.Y.Z[-pre][+meta]`, without any `v`. */
  override toString(): string {
    return formatVersion(this.#major, this.#minor, this.#patch, this.#pre, this.#metadata);
  }

  /** -1, 0 or 1 by precedence; metadata is ignored and a prerelease sorts before its release. */
  compare(o: Version): number {
    const d = compareUint(this.#major, o.#major) || compareUint(this.#minor, o.#minor) ||
      compareUint(this.#patch, o.#patch);
    if (d !== 0) return d;
    if (this.#pre === "" && o.#pre === "") return 0;
    if (this.#pre === "") return 1;
    if (o.#pre === "") return -1;
    return comparePrerelease(this.#pre, o.#pre);
  }

  /** Equal precedence (metadata ignored). */
  equals(o: Version): boolean {
    return this === o || this.compare(o) === 0;
  }

  #vPrefix(): string {
    return this.#original.startsWith("v") ? "v" : "";
  }

  #derive(major: bigint, minor: bigint, patch: bigint, pre: string, metadata: string): Version {
    const printed = formatVersion(major, minor, patch, pre, metadata);
    return new VersionValue(major, minor, patch, pre, metadata, this.#vPrefix() + printed, "semver.Version");
  }

  /** The next patch version; a prerelease just drops its prerelease and metadata. */
  incPatch(): Version {
    if (this.#pre !== "") return this.#derive(this.#major, this.#minor, this.#patch, "", "");
    if (this.#patch === UINT64_MAX) throw new Error("patch version increment would overflow uint64");
    return this.#derive(this.#major, this.#minor, this.#patch + 1n, "", "");
  }

  /** The next minor version (patch 0, no prerelease or metadata). */
  incMinor(): Version {
    if (this.#minor === UINT64_MAX) throw new Error("minor version increment would overflow uint64");
    return this.#derive(this.#major, this.#minor + 1n, 0n, "", "");
  }

  /** The next major version (minor and patch 0, no prerelease or metadata). */
  incMajor(): Version {
    if (this.#major === UINT64_MAX) throw new Error("major version increment would overflow uint64");
    return this.#derive(this.#major + 1n, 0n, 0n, "", "");
  }

  /** A copy with another prerelease (validated unless empty). */
  withPrerelease(pre: string): Version {
    if (pre !== "") validatePrerelease(pre);
    return this.#derive(this.#major, this.#minor, this.#patch, pre, this.#metadata);
  }

  /** A copy with other metadata (validated unless empty). */
  withMetadata(metadata: string): Version {
    if (metadata !== "") validateMetadata(metadata);
    return this.#derive(this.#major, this.#minor, this.#patch, this.#pre, metadata);
  }

  // Go's methods, as templates call them.

  /** Go `String()`. */
  String(): string {
    return this.toString();
  }
  /** Go `Original()`. */
  Original(): string {
    return this.#original;
  }
  /** Go `Major()`, a uint64. */
  Major(): GoInt {
    return new GoInt(this.#major, "uint64");
  }
  /** Go `Minor()`, a uint64. */
  Minor(): GoInt {
    return new GoInt(this.#minor, "uint64");
  }
  /** Go `Patch()`, a uint64. */
  Patch(): GoInt {
    return new GoInt(this.#patch, "uint64");
  }
  /** Go `Prerelease()`. */
  Prerelease(): string {
    return this.#pre;
  }
  /** Go `Metadata()`. */
  Metadata(): string {
    return this.#metadata;
  }
  /** Go `IncPatch()`. */
  IncPatch(): Version {
    return this.incPatch();
  }
  /** Go `IncMinor()`. */
  IncMinor(): Version {
    return this.incMinor();
  }
  /** Go `IncMajor()`. */
  IncMajor(): Version {
    return this.incMajor();
  }
  /** Go `SetPrerelease(string) (Version, error)`. */
  SetPrerelease(pre: string): Version {
    return this.withPrerelease(pre);
  }
  /** Go `SetMetadata(string) (Version, error)`. */
  SetMetadata(metadata: string): Version {
    return this.withMetadata(metadata);
  }
  /** Go `Compare(*Version) int`. */
  Compare(o: Version): GoInt {
    return GoInt.of(this.compare(o), "int");
  }
  /** Go `LessThan(*Version) bool`. */
  LessThan(o: Version): boolean {
    return this.compare(o) < 0;
  }
  /** Go `LessThanEqual(*Version) bool`. */
  LessThanEqual(o: Version): boolean {
    return this.compare(o) <= 0;
  }
  /** Go `GreaterThan(*Version) bool`. */
  GreaterThan(o: Version): boolean {
    return this.compare(o) > 0;
  }
  /** Go `GreaterThanEqual(*Version) bool`. */
  GreaterThanEqual(o: Version): boolean {
    return this.compare(o) >= 0;
  }
  /** Go `Equal(*Version) bool`. */
  Equal(o: Version): boolean {
    return this.equals(o);
  }
  /** Go `MarshalJSON()`: the JSON string of the normalised form, as bytes. */
  MarshalJSON(): Uint8Array {
    return new TextEncoder().encode(JSON.stringify(this.toString()));
  }
  /** Go `MarshalText()`: the normalised form as bytes. */
  MarshalText(): Uint8Array {
    return new TextEncoder().encode(this.toString());
  }
}

/**
 * A `semver.Version` value (what `IncMajor` and friends return) rather than
 * a pointer: templates cannot call Go's pointer-receiver methods on it, so
 * they are hidden from the template executor here. The TypeScript API is
 * unaffected.
 */
class VersionValue extends Version {}
for (
  const name of [
    "Original",
    "Compare",
    "LessThan",
    "LessThanEqual",
    "GreaterThan",
    "GreaterThanEqual",
    "Equal",
  ]
) {
  Object.defineProperty(VersionValue.prototype, name, { value: undefined });
}

function formatVersion(major: bigint, minor: bigint, patch: bigint, pre: string, metadata: string): string {
  let s = `${major}.${minor}.${patch}`;
  if (pre !== "") s += `-${pre}`;
  if (metadata !== "") s += `+${metadata}`;
  return s;
}

/**
 * Parses a version loosely, as Masterminds' `NewVersion` (with its default
 * `CoerceNewVersion`): an optional `v`, and missing minor or patch read as 0.
 *
 * @throws {SemverError} with Go's message, e.g. `invalid semantic version`.
 */
export function parseVersion(v: string): Version {
  if (byteLength(v) > MAX_VERSION_LEN) throw new SemverError(ERR_TOO_LONG);
  const m = LOOSE_VERSION.findSubmatch(v);
  if (m === undefined) throw new SemverError(ERR_INVALID);
  const major = parseSegment(m[1]);
  const minor = m[2] !== "" ? parseSegment(m[2].slice(1)) : 0n;
  const patch = m[3] !== "" ? parseSegment(m[3].slice(1)) : 0n;
  const pre = m[5];
  const metadata = m[8];
  if (pre !== "") validatePrerelease(pre);
  if (metadata !== "") validateMetadata(metadata);
  return new Version(major, minor, patch, pre, metadata, v);
}

/**
 * Parses a strict `X.Y.Z[-pre][+meta]` version, as Masterminds'
 * `StrictNewVersion`: no `v`, all three numbers, no leading zeros.
 *
 * @throws {SemverError} with Go's message.
 */
export function strictParseVersion(v: string): Version {
  if (v.length === 0) throw new SemverError(ERR_EMPTY);
  if (byteLength(v) > MAX_VERSION_LEN) throw new SemverError(ERR_TOO_LONG);
  const parts = splitN(v, ".", 3);
  if (parts.length !== 3) throw new SemverError(ERR_INVALID);
  let metadata = "";
  let pre = "";
  if (parts[2].includes("+")) {
    const [head, tail] = splitN(parts[2], "+", 2);
    metadata = tail;
    parts[2] = head;
    validateMetadata(metadata);
  }
  if (parts[2].includes("-")) {
    const [head, tail] = splitN(parts[2], "-", 2);
    pre = tail;
    parts[2] = head;
    validatePrerelease(pre);
  }
  for (const p of parts) {
    if (!NUM.test(p)) throw new SemverError(ERR_INVALID_CHARS);
    if (p.length > 1 && p[0] === "0") throw new SemverError(ERR_STARTS_ZERO);
  }
  return new Version(parseUint64(parts[0]), parseUint64(parts[1]), parseUint64(parts[2]), pre, metadata, v);
}

/** Sorts versions ascending by precedence (Masterminds' `Collection`), in place. */
export function sortVersions(versions: Version[]): Version[] {
  return versions.sort((a, b) => a.compare(b));
}
