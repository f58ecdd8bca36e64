import assert from "node:assert/strict";
import fc from "fast-check";
import { ChartValidationError } from "./errors.ts";
import {
  decodeLock,
  decodeMetadata,
  mergeDecoded,
  METADATA_GOTYPE,
  sanitizeString,
  validateDependency,
  validateMetadata,
} from "./metadata.ts";
import type { Metadata } from "./types.ts";
import { loadValues, mergeMaps, splitDocuments } from "./values.ts";

Deno.test("sanitizeString: white space becomes a space, unprintables go", () => {
  assert.equal(sanitizeString("a\tb\nc\u0085d\u00a0e\u2028f"), "a b c d e f");
  assert.equal(sanitizeString("x\u0007y\u00adz\u200bw\ufeff"), "xyzw");
  assert.equal(sanitizeString("日本語 ✓ é"), "日本語 ✓ é");
});

Deno.test("validateMetadata: sanitizes in place and accepts what helm accepts", () => {
  const md: Partial<Metadata> = {
    apiVersion: "v2",
    name: "a\u200b",
    version: "1.2.3-rc.1+b",
    description: "x\ty",
    keywords: ["a\tb"],
    maintainers: [{ name: "m\u0007" }],
    dependencies: [{ name: "d\t", alias: "d_1-x" }, { name: "d" }],
  };
  validateMetadata(md);
  assert.equal(md.name, "a");
  assert.equal(md.description, "x y");
  assert.deepEqual(md.keywords, ["a b"]);
  assert.deepEqual(md.maintainers, [{ name: "m" }]);
  assert.equal(md.dependencies![0].name, "d ");
  // A name that is only slashes passes filepath.Base's check, as in helm.
  validateMetadata({ apiVersion: "v2", name: "/", version: "1.0.0" });
  // Masterminds' loose parsing: a "v", missing parts and leading zeros pass.
  validateMetadata({ apiVersion: "v2", name: "a", version: "v1.2" });
  validateMetadata({ apiVersion: "v2", name: "a", version: "01.2" });
});

Deno.test("validateMetadata: helm's messages, in helm's order", () => {
  const bad = (md: Partial<Metadata> | null, message: string) =>
    assert.throws(() => validateMetadata(md), (e: unknown) => {
      assert.ok(e instanceof ChartValidationError);
      assert.equal(e.message, message);
      return true;
    });
  bad(null, "validation: chart.metadata is required");
  bad({}, "validation: chart.metadata.apiVersion is required");
  bad({ apiVersion: "v2", version: "x" }, "validation: chart.metadata.name is required");
  bad({ apiVersion: "v2", name: "..", version: "1" }, 'validation: chart.metadata.name ".." is not allowed');
  bad({ apiVersion: "v2", name: "a/", version: "1" }, 'validation: chart.metadata.name "a/" is invalid');
  bad({ apiVersion: "v2", name: "a" }, "validation: chart.metadata.version is required");
  bad(
    { apiVersion: "v2", name: "a", version: "1.2.3-01" },
    'validation: chart.metadata.version "1.2.3-01" is invalid',
  );
  bad(
    { apiVersion: "v2", name: "a", version: "1.2.3.4" },
    'validation: chart.metadata.version "1.2.3.4" is invalid',
  );
  bad(
    { apiVersion: "v2", name: "a", version: "1", type: "x" },
    "validation: chart.metadata.type must be application or library",
  );
  assert.throws(() => validateDependency({ name: "x", alias: "a b" }), {
    message: 'validation: dependency "x" has disallowed characters in the alias',
  });
});

Deno.test("mergeDecoded: Go's decoding into a value that is already set", () => {
  const cur = decodeMetadata(
    "name: a\nannotations: {x: 1}\ndependencies:\n- name: d\n  alias: al\n- name: e\nmaintainers: [{name: m}]\n",
  );
  const upd = decodeMetadata("annotations: {z: 2}\ndependencies:\n- repository: r\nmaintainers: ~\n");
  assert.deepEqual(mergeDecoded(METADATA_GOTYPE, cur, upd), {
    name: "a",
    annotations: { x: "1", z: "2" },
    dependencies: [{ name: "d", alias: "al", repository: "r" }],
    maintainers: null,
  });
});

Deno.test("decodeLock: time normalized as Go writes it; null is no lock", () => {
  assert.deepEqual(decodeLock("generated: 2024-01-02T03:04:05.000000000Z\ndigest: d\n"), {
    generated: "2024-01-02T03:04:05Z",
    digest: "d",
    dependencies: [],
  });
  assert.equal(decodeLock("~"), undefined);
  assert.equal(decodeLock(""), undefined);
  assert.equal(decodeLock("digest: 1\n")?.generated, "0001-01-01T00:00:00Z");
});

Deno.test("loadValues: k8s YAMLReader splitting and helm's MergeMaps", () => {
  const enc = new TextEncoder();
  assert.deepEqual(
    splitDocuments(enc.encode("a: 1\r\n--- # c\r\n\r\nb: 2")).map((d) => new TextDecoder().decode(d)),
    ["a: 1\n", "\nb: 2\n"],
  );
  assert.deepEqual(loadValues("a: {b: 1, c: [1]}\n---\na: {c: [2], d: ~}\n"), {
    a: { b: 1, c: [2], d: null },
  });
  assert.deepEqual(loadValues(""), {});
  assert.deepEqual(loadValues("---\n~\n---\n"), {});
  assert.throws(() => loadValues("a: 1\n----\n"), {
    message: "error reading yaml document: invalid Yaml document separator: -",
  });
  assert.throws(() => loadValues("a: 1\n---\nb: c: d\n"), {
    message: "cannot unmarshal yaml document: error converting YAML to JSON: yaml: " +
      "mapping values are not allowed in this context",
  });
  const merged = mergeMaps({ a: { b: 1 } }, JSON.parse('{"__proto__": {"x": 1}}'));
  assert.deepEqual(Object.keys(merged), ["a", "__proto__"]);
  assert.equal(Object.getPrototypeOf(merged), Object.prototype);
});

Deno.test("splitDocuments: one document without CRs comes back as the line-by-line split gives it", () => {
  const enc = new TextEncoder();
  const dec = (docs: Uint8Array[]) => docs.map((d) => new TextDecoder().decode(d));
  const text = fc.array(fc.constantFrom("a: 1", "\n", "-", "- x", "--", " ---", "#", "é", ""), {
    maxLength: 12,
  })
    .map((p) => p.join(""));
  fc.assert(
    fc.property(text, (t) => {
      fc.pre(!/(^|\n)---/.test(t));
      // A separator after the text forces the line-by-line split; its first document is the text's.
      const forced = t === "" || t.endsWith("\n") ? `${t}---\n` : `${t}\n---\n`;
      assert.deepEqual(dec(splitDocuments(enc.encode(t))), dec(splitDocuments(enc.encode(forced))));
    }),
    { numRuns: 2000 },
  );
});
