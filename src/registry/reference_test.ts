import assert from "node:assert/strict";
import {
  isOCI,
  parseReference,
  referenceString,
  tagToVersion,
  validateDigest,
  versionToTag,
} from "./reference.ts";

const D = "sha256:" + "a".repeat(64);

Deno.test("parseReference: host, repository, tag and digest", () => {
  assert.deepEqual(parseReference("oci://localhost:5000/charts/webapp:1.2.3"), {
    registry: "localhost:5000",
    repository: "charts/webapp",
    tag: "1.2.3",
    digest: "",
  });
  assert.deepEqual(parseReference(`oci://r.example/a/b@${D}`), {
    registry: "r.example",
    repository: "a/b",
    tag: "",
    digest: D,
  });
  assert.deepEqual(parseReference(`r.example/a/b:1.0.0@${D}`).tag, "1.0.0");
  assert.equal(parseReference("oci://r.example/a").tag, "");
});

Deno.test("parseReference: + in the tag becomes _", () => {
  const r = parseReference("oci://localhost:5000/charts/webapp:1.2.3+build.7");
  assert.equal(r.tag, "1.2.3_build.7");
  assert.equal(referenceString(r), "localhost:5000/charts/webapp:1.2.3_build.7");
});

Deno.test("parseReference: oras' errors as helm prints them", () => {
  assert.throws(() => parseReference("oci://webapp"), {
    message: "invalid reference: missing registry or repository",
  });
  assert.throws(() => parseReference("oci://localhost:5000/Charts/webapp"), {
    message: 'invalid reference: invalid repository "Charts/webapp"',
  });
  assert.throws(() => parseReference("oci://localhost:5000/charts/webapp:-bad"), {
    message: 'invalid reference: invalid tag "-bad"',
  });
  assert.throws(() => parseReference("oci://localhost:5000/charts/webapp@sha256:abc/x"), {
    message: 'invalid reference: invalid digest "sha256:abc/x": invalid checksum digest length',
  });
});

Deno.test("referenceString: digest only, tag wins", () => {
  assert.equal(referenceString(parseReference(`h/r@${D}`)), `h/r@${D}`);
  assert.equal(referenceString(parseReference(`h/r:1.0.0@${D}`)), "h/r:1.0.0");
});

Deno.test("tag rules and helpers", () => {
  assert.equal(versionToTag("1.0.0+a+b"), "1.0.0_a_b");
  assert.equal(tagToVersion("1.0.0_a"), "1.0.0+a");
  assert.ok(isOCI("oci://x/y"));
  assert.ok(!isOCI("https://x/y"));
  assert.equal(validateDigest(D), undefined);
  assert.equal(validateDigest("sha256:abc"), "invalid checksum digest length");
  assert.equal(validateDigest("md5:" + "a".repeat(32)), "unsupported digest algorithm");
  assert.equal(validateDigest("nope"), "invalid checksum digest format");
  assert.equal(validateDigest("sha256:" + "A".repeat(64)), "invalid checksum digest format");
});
