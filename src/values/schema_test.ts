import assert from "node:assert/strict";
import type { Chart } from "../chart/types.ts";
import { ChartaError } from "../errors/mod.ts";
import { GoInt } from "../gotpl/value.ts";
import { collectLog } from "../log/slog.ts";
import { schemaFailures, validateAgainstSchema, validateAgainstSingleSchema } from "./schema.ts";

const enc = (s: string) => new TextEncoder().encode(s);

function chart(name: string, schema?: string, deps: Chart[] = []): Chart {
  return {
    metadata: { name, version: "0.1.0", apiVersion: "v2" },
    templates: [],
    values: {},
    files: [],
    dependencies: deps,
    ...(schema === undefined ? {} : { schema: enc(schema) }),
  } as Chart;
}

const HEAD = "values don't meet the specifications of the schema(s) in the following chart(s):\n";

function failure(c: Chart, values: Record<string, unknown>): string {
  try {
    validateAgainstSchema(c, values);
  } catch (e) {
    assert.ok(e instanceof ChartaError);
    assert.ok(e.message.startsWith(HEAD), e.message);
    return e.message.slice(HEAD.length);
  }
  return "";
}

const INT = `{"properties": {"n": {"type": "integer"}}}`;

Deno.test("root chart: errors listed under its name, one per line, ending in a newline", () => {
  const c = chart("app", `{"required": ["image"], "properties": {"n": {"type": "integer"}}}`);
  assert.equal(failure(c, { n: 1 }), "app:\n- at '': missing property 'image'\n");
  assert.equal(failure(c, { image: "x", n: "1" }), "app:\n- at '/n': got string, want integer\n");
  assert.equal(failure(c, { image: "x", n: GoInt.of(3, "int64") }), "");
  assert.equal(failure(chart("plain"), { anything: true }), "");
});

Deno.test("subcharts: each checked against its own values, root first, nested names", () => {
  const leaf = chart("leaf", INT);
  const mid = chart("mid", undefined, [leaf]);
  const root = chart("app", INT, [mid, chart("other", INT)]);
  assert.equal(
    failure(root, { n: 1.5, mid: { leaf: { n: "x" } }, other: { n: true } }),
    "app:\n- at '/n': got number, want integer\nleaf:\n- at '/n': got string, want integer\n" +
      "other:\n- at '/n': got boolean, want integer\n",
  );
  // Subcharts without values (or with null) are not checked at all.
  assert.equal(failure(root, { n: 1, other: null }), "");
});

Deno.test("subchart values that are not a map are reported with Go's type", () => {
  const root = chart("app", undefined, [chart("a", INT), chart("b"), chart("c"), chart("d")]);
  assert.equal(
    failure(root, { a: "str", b: GoInt.of(5, "int64"), c: [1], d: 2.5 }),
    "a:\ninvalid type for values: expected object (map), got string\n" +
      "b:\ninvalid type for values: expected object (map), got int64\n" +
      "c:\ninvalid type for values: expected object (map), got []interface {}\n" +
      "d:\ninvalid type for values: expected object (map), got float64\n",
  );
});

Deno.test("globals copied into subchart values are checked by the subchart's schema", () => {
  const sub = chart("db", `{"properties": {"global": {"properties": {"env": {"pattern": "^[a-z]+$"}}}}}`);
  const root = chart("app", `{"properties": {"global": {"properties": {"env": {"enum": ["dev"]}}}}}`, [sub]);
  assert.equal(
    failure(root, { global: { env: "QA" }, db: { global: { env: "QA" } } }),
    "app:\n- at '/global/env': value must be 'dev'\ndb:\n- at '/global/env': 'QA' does not match pattern '^[a-z]+$'\n",
  );
});

Deno.test("a schema that is not JSON: the decoder's message, without a trailing newline", () => {
  const root = chart("app", `{"type": "object",}`, [chart("sub", INT)]);
  assert.equal(
    failure(root, { sub: { n: "x" } }),
    "app:\ninvalid character '}' looking for beginning of object key stringsub:\n- at '/n': got string, want integer\n",
  );
  assert.equal(failure(chart("empty", ""), {}), "empty:\nEOF");
});

Deno.test("draft-07 and 2020-12 schemas side by side", () => {
  const d7 = `{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"s": {"type": "string"}},
    "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 1}, "e": {"format": "email"}}}`;
  const d2020 =
    `{"$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/s", "maxLength": 1},
    "e": {"format": "email"}}}`;
  assert.equal(failure(chart("x", d7), { a: "long", e: "ok@example.com" }), "");
  assert.equal(
    failure(chart("x", d7), { e: "nope" }),
    "x:\n- at '/e': 'nope' is not valid email: missing @\n",
  );
  assert.equal(failure(chart("x", d2020), { a: "long" }), "x:\n- at '/a': maxLength: got 4, want 1\n");
  assert.equal(failure(chart("x", d2020), { e: "nope" }), "");
});

Deno.test("single schema: compile errors are returned as they are", () => {
  assert.equal(
    validateAgainstSingleSchema({}, enc(`{"$ref": "ftp://x/y.json"}`)),
    `failing loading "ftp://x/y.json": no URLLoader registered for "ftp://x/y.json"`,
  );
  assert.equal(
    validateAgainstSingleSchema({}, enc(`{"$ref": "https://example.invalid/s.json"}`)),
    `failing loading "https://example.invalid/s.json": HTTP request failed for https://example.invalid/s.json: not fetched`,
  );
  assert.equal(validateAgainstSingleSchema({ a: 1 }, enc(`true`)), undefined);
});

Deno.test("urn references: a permissive schema and one warning per run; debug lines as helm logs them", () => {
  const lines: string[] = [];
  const schema = `{"properties": {"a": {"$ref": "urn:example:a"}, "b": {"$ref": "urn:example:a"}}}`;
  const root = chart("app", schema, [chart("sub", schema)]);
  validateAgainstSchema(root, { a: 1, sub: { b: 2 } }, { log: collectLog(lines) });
  assert.deepEqual(lines.filter((l) => l.startsWith("level=WARN")), [
    'level=WARN msg="unresolved URN reference ignored; using permissive schema" urn=urn:example:a\n',
  ]);
  assert.deepEqual(lines.filter((l) => !l.includes("JSON schema") && l.startsWith("level=DEBUG")), [
    'level=DEBUG msg="chart name" chart-name=app\n',
    'level=DEBUG msg="number of dependencies in the chart" chart=app dependencies=1\n',
    'level=DEBUG msg="chart name" chart-name=sub\n',
    'level=DEBUG msg="number of dependencies in the chart" chart=sub dependencies=0\n',
  ]);
});

Deno.test("schemaFailures is empty when everything passes", () => {
  assert.equal(schemaFailures(chart("app", INT, [chart("s", INT)]), { n: 1, s: { n: 2 } }), "");
});
