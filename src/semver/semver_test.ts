import assert from "node:assert/strict";
import fc from "fast-check";
import { GoInt } from "../gotpl/value.ts";
import {
  parseConstraint,
  parseVersion,
  satisfies,
  SemverError,
  sortVersions,
  strictParseVersion,
} from "./mod.ts";
import { SEMVER_CONSTRAINTS, SEMVER_VALIDATE, SEMVER_VERSIONS } from "./testdata_go_cases.ts";

function errorOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    assert.ok(e instanceof SemverError, String(e));
    return e.message;
  }
}

Deno.test("semver: NewVersion and StrictNewVersion agree with Go", () => {
  for (const [input, want, isErr, strictErr] of SEMVER_VERSIONS) {
    if (isErr) assert.equal(errorOf(() => parseVersion(input)), want, input);
    else assert.equal(parseVersion(input).toString(), want, input);
    assert.equal(errorOf(() => strictParseVersion(input)), strictErr, `strict ${input}`);
  }
});

Deno.test("semver: NewConstraint and Check agree with Go", () => {
  const candidates = SEMVER_VERSIONS.filter(([, , isErr]) => !isErr).map(([v]) => v);
  for (const [constraint, want, isErr, accepted] of SEMVER_CONSTRAINTS) {
    if (isErr) {
      assert.equal(errorOf(() => parseConstraint(constraint)), want, constraint);
      continue;
    }
    const c = parseConstraint(constraint);
    assert.equal(c.toString(), want, constraint);
    const got = candidates.filter((v) => c.check(parseVersion(v)));
    assert.deepEqual(got, accepted, constraint);
  }
});

Deno.test("semver: Validate gives Go's reasons", () => {
  for (const [constraint, version, ok, reasons] of SEMVER_VALIDATE) {
    const got = parseConstraint(constraint).validate(parseVersion(version));
    assert.deepEqual(got, { ok, errors: reasons }, `${constraint} / ${version}`);
  }
});

Deno.test("semver: the prerelease rules charts depend on", () => {
  assert.equal(satisfies(">=1.19", "v1.29.0-eks-1"), false);
  assert.equal(satisfies(">=1.19-0", "v1.29.0-eks-1"), true);
  // Since 3.4.0 one prerelease comparator opens the whole AND group.
  assert.equal(satisfies(">=1.0.0-0 <2.0.0", "1.5.0-rc.1"), true);
  const c = parseConstraint(">=1.0.0");
  c.includePrerelease = true;
  assert.equal(c.check(parseVersion("1.5.0-rc.1")), true);
});

Deno.test("semver: Version exposes Go's template methods", () => {
  const v = parseVersion("v1.2-beta.1+sha");
  assert.equal(v.goType, "*semver.Version");
  assert.equal(v.String(), "1.2.0-beta.1+sha");
  assert.equal(v.Original(), "v1.2-beta.1+sha");
  assert.deepEqual(v.Major(), new GoInt(1n, "uint64"));
  assert.deepEqual(v.Minor(), new GoInt(2n, "uint64"));
  assert.equal(v.Prerelease(), "beta.1");
  assert.equal(v.Metadata(), "sha");
  const next = v.IncMinor();
  assert.equal(next.goType, "semver.Version");
  assert.equal(next.original, "v1.3.0");
  // A Version value has no pointer-receiver methods for templates, as in Go.
  assert.equal((next as unknown as Record<string, unknown>).Original, undefined);
  assert.equal(next.String(), "1.3.0");
  assert.equal(v.IncPatch().String(), "1.2.0");
  assert.equal(parseVersion("1.2.3").IncPatch().String(), "1.2.4");
  assert.deepEqual(v.Compare(parseVersion("1.2.0")), GoInt.of(-1));
  assert.equal(new TextDecoder().decode(v.MarshalJSON()), '"1.2.0-beta.1+sha"');
  assert.throws(() => v.SetPrerelease("01"), { message: "version segment starts with 0" });
});

Deno.test("semver property: ordering is a total preorder consistent with the printed form", () => {
  const ident = fc.oneof(
    fc.stringMatching(/^[1-9][0-9]{0,2}$/),
    fc.constant("0"),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,4}$/),
  );
  const version = fc.record({
    major: fc.nat(20),
    minor: fc.nat(20),
    patch: fc.nat(20),
    pre: fc.array(ident, { maxLength: 3 }),
  }).map(({ major, minor, patch, pre }) =>
    parseVersion(`${major}.${minor}.${patch}${pre.length ? "-" + pre.join(".") : ""}`)
  );
  fc.assert(
    fc.property(version, version, version, (a, b, c) => {
      if (a.compare(b) !== -b.compare(a)) return false;
      if (a.compare(b) <= 0 && b.compare(c) <= 0 && a.compare(c) > 0) return false;
      return parseVersion(a.toString()).compare(a) === 0;
    }),
  );
  fc.assert(
    fc.property(fc.array(version, { maxLength: 8 }), (vs) => {
      const sorted = sortVersions([...vs]);
      return sorted.every((v, i) => i === 0 || sorted[i - 1].compare(v) <= 0);
    }),
  );
});

Deno.test("semver property: a caret range holds exactly the same-major versions above it", () => {
  fc.assert(
    fc.property(fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(6), fc.nat(6), fc.nat(6), (a, b, c, x, y, z) => {
      fc.pre(a > 0);
      const inRange = parseConstraint(`^${a}.${b}.${c}`).check(parseVersion(`${x}.${y}.${z}`));
      const v = parseVersion(`${x}.${y}.${z}`);
      return inRange === (x === a && v.compare(parseVersion(`${a}.${b}.${c}`)) >= 0);
    }),
  );
});
