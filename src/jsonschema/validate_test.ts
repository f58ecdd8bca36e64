import assert from "node:assert/strict";
import { Compiler, errorText, parseSchemaJson, SchemaError, validateValue } from "./mod.ts";
import { JsonSyntaxError } from "./json.ts";
import { goFloat, goInt, quote } from "./errors.ts";
import { GoInt } from "../gotpl/value.ts";
import { FORMATS } from "./formats.ts";

const URL = "file:///values.schema.json";
const HEAD = `jsonschema validation failed with '${URL}#'\n`;

/** The error lines helm would show for value against schema ("" when valid). */
function check(schema: string, value: unknown, loader: (url: string) => unknown = noLoader): string {
  const c = new Compiler(loader);
  c.addResource(URL, parseSchemaJson(schema));
  const err = validateValue(c.compile(URL), value);
  if (!err) return "";
  const text = errorText(err);
  assert.ok(text.startsWith(HEAD), text);
  return text.slice(HEAD.length);
}

function noLoader(url: string): unknown {
  throw new Error(`no loader for ${url}`);
}

function compileError(schema: string, loader: (url: string) => unknown = noLoader): string {
  const c = new Compiler(loader);
  c.addResource(URL, parseSchemaJson(schema));
  try {
    c.compile(URL);
  } catch (e) {
    assert.ok(e instanceof SchemaError);
    return e.message;
  }
  throw new Error("expected a compile error");
}

const D7 = `"$schema": "http://json-schema.org/draft-07/schema#"`;

Deno.test("type: names, integer from floats and GoInt, several wanted types", () => {
  const s = `{"properties": {"n": {"type": "integer"}, "m": {"type": ["string", "null", "integer"]}}}`;
  assert.equal(check(s, { n: "x" }), "- at '/n': got string, want integer");
  assert.equal(check(s, { n: 1.5 }), "- at '/n': got number, want integer");
  assert.equal(check(s, { n: 2 }), "");
  assert.equal(check(s, { n: 1e21 }), "");
  assert.equal(check(s, { n: GoInt.of(7, "int64") }), "");
  assert.equal(check(s, { m: true }), "- at '/m': got boolean, want null or integer or string");
  assert.equal(check(s, { m: [1] }), "- at '/m': got array, want null or integer or string");
  assert.equal(check(s, { m: {} }), "- at '/m': got object, want null or integer or string");
});

Deno.test("required, additionalProperties, min/maxProperties, dependencies", () => {
  const s = `{"required": ["a", "b"], "properties": {"a": {}}, "additionalProperties": false}`;
  assert.equal(check(s, {}), "- at '': missing properties 'a', 'b'");
  assert.equal(check(s, { a: 1 }), "- at '': missing property 'b'");
  assert.equal(
    check(s, { a: 1, x: 1, "it's": 2 }),
    "- at '': missing property 'b'\n- at '': additional properties 'x', 'it\\'s' not allowed",
  );
  assert.equal(check(`{"minProperties": 2}`, { a: 1 }), "- at '': minProperties: got 1, want 2");
  assert.equal(check(`{"maxProperties": 0}`, { a: 1 }), "- at '': maxProperties: got 1, want 0");
  assert.equal(
    check(`{${D7}, "dependencies": {"a": ["b", "c"]}}`, { a: 1 }),
    "- at '': properties 'b', 'c' required, if 'a' exists",
  );
  assert.equal(
    check(`{"dependentRequired": {"a": ["b"]}}`, { a: 1 }),
    "- at '': properties 'b' required, if 'a' exists",
  );
});

Deno.test("enum and const texts", () => {
  assert.equal(
    check(`{"enum": ["a", 1.50, null, true]}`, "b"),
    "- at '': value must be one of 'a', 1.50, <nil>, true",
  );
  assert.equal(check(`{"enum": ["a"]}`, "b"), "- at '': value must be 'a'");
  assert.equal(check(`{"enum": [[1], "a"]}`, "b"), "- at '': 'enum' failed");
  assert.equal(check(`{"enum": [1]}`, 1.0), "");
  assert.equal(check(`{"enum": [1.0]}`, GoInt.of(1)), "");
  assert.equal(check(`{"const": "x"}`, "y"), "- at '': value must be 'x'");
  assert.equal(check(`{"const": null}`, 0), "- at '': value must be <nil>");
  assert.equal(check(`{"const": {"a": 1}}`, { a: 2 }), "- at '': 'const' failed");
  assert.equal(check(`{"const": {"a": 1}}`, { a: 1 }), "");
});

Deno.test("numbers: bounds, multipleOf, x/text number layout", () => {
  assert.equal(check(`{"minimum": 30000}`, 80), "- at '': minimum: got 80, want 30,000");
  assert.equal(check(`{"maximum": 10}`, GoInt.of(1000000)), "- at '': maximum: got 1×10⁰⁶, want 10");
  assert.equal(check(`{"exclusiveMinimum": 0}`, -0.00001), "- at '': exclusiveMinimum: got -1×10⁻⁰⁵, want 0");
  assert.equal(check(`{"exclusiveMaximum": 1.5}`, 1.5), "- at '': exclusiveMaximum: got 1.5, want 1.5");
  assert.equal(check(`{"multipleOf": 0.1}`, 0.3), "");
  assert.equal(check(`{"multipleOf": 0.5}`, 0.3), "- at '': multipleOf: got 0.3, want 0.5");
  assert.equal(
    check(
      `{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": true}`,
      5,
    ),
    "- at '': exclusiveMaximum: got 5, want 5",
  );
  assert.equal(goFloat(1234567.25), "1.23456725×10⁰⁶");
  assert.equal(goFloat(123456.5), "123,456.5");
  assert.equal(goFloat(0.0001), "0.0001");
  assert.equal(goInt(-1234), "-1,234");
});

Deno.test("strings: lengths in runes, Go regexp patterns, quoting", () => {
  assert.equal(check(`{"minLength": 3}`, "éé"), "- at '': minLength: got 2, want 3");
  assert.equal(check(`{"maxLength": 1}`, "ab"), "- at '': maxLength: got 2, want 1");
  assert.equal(check(`{"pattern": "^\\\\d+$"}`, "1a"), "- at '': '1a' does not match pattern '^\\\\d+$'");
  assert.equal(check(`{"pattern": "b"}`, "abc"), "");
  assert.equal(quote(`it's "x"\n`), `'it\\'s "x"\\n'`);
});

Deno.test("arrays: items, prefixItems quirk, uniqueItems, contains", () => {
  assert.equal(check(`{"items": {"type": "string"}}`, ["a", 1]), "- at '/1': got number, want string");
  // Items past prefixItems are named by their offset after the prefix, as the library does.
  assert.equal(
    check(`{"prefixItems": [{}], "items": {"type": "string"}}`, ["a", "b", 3]),
    "- at '/1': got number, want string",
  );
  assert.equal(check(`{"minItems": 2}`, [1]), "- at '': minItems: got 1, want 2");
  assert.equal(check(`{"maxItems": 1}`, [1, 2]), "- at '': maxItems: got 2, want 1");
  assert.equal(check(`{"uniqueItems": true}`, [1, "a", 1.0]), "- at '': items at 0 and 2 are equal");
  assert.equal(
    check(`{"contains": {"const": 1}}`, [2, 3]),
    "- at '': no items match contains schema\n  - at '/0': value must be 1\n  - at '/1': value must be 1",
  );
  assert.equal(
    check(`{"contains": {"const": 1}, "minContains": 2}`, [1, 2]),
    "- at '': min 2 items required to match contains schema, but matched 1 items at 0\n  - at '/1': value must be 1",
  );
  assert.equal(
    check(`{"contains": {"const": 1}, "maxContains": 1}`, [1, 1]),
    "- at '': max 1 items required to match contains schema, but matched 2 items at 0 1",
  );
  assert.equal(
    check(`{${D7}, "items": [{}], "additionalItems": false}`, [1, 2, 3]),
    "- at '': last 2 additionalItem(s) not allowed",
  );
});

Deno.test("combinators: tree layout of allOf, anyOf, oneOf, not, if/then/else", () => {
  assert.equal(
    check(`{"oneOf": [{"type": "string"}, {"type": "integer", "minimum": 5}]}`, 1),
    "- at '': 'oneOf' failed, none matched\n  - at '': got number, want string\n  - at '': minimum: got 1, want 5",
  );
  assert.equal(
    check(`{"oneOf": [{}, {"type": "integer"}]}`, 1),
    "- at '': 'oneOf' failed, subschemas 0, 1 matched",
  );
  assert.equal(
    check(`{"anyOf": [{"type": "string"}, {"required": ["a", "b"], "minProperties": 3}]}`, { a: 1 }),
    "- at '': 'anyOf' failed\n  - at '': got object, want string\n  - at '': validation failed\n" +
      "    - at '': minProperties: got 1, want 3\n    - at '': missing property 'b'",
  );
  assert.equal(
    check(`{"allOf": [{"type": "object"}, {"required": ["x"]}]}`, {}),
    "- at '': 'allOf' failed\n  - at '': missing property 'x'",
  );
  assert.equal(check(`{"not": {"type": "string"}}`, "s"), "- at '': 'not' failed");
  const ite = `{"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"required": ["c"]}}`;
  assert.equal(check(ite, { a: 1 }), "- at '': missing property 'b'");
  assert.equal(check(ite, {}), "- at '': missing property 'c'");
  assert.equal(check(`false`, 1), "- at '': false schema");
  assert.equal(check(`{"properties": {"a": false}}`, { a: 1 }), "- at '/a': false schema");
});

Deno.test("$ref: draft-07 ignores siblings, 2020-12 applies them; references are not shown", () => {
  const defs = `"definitions": {"s": {"type": "string"}}`;
  assert.equal(check(`{${D7}, ${defs}, "$ref": "#/definitions/s", "minLength": 5}`, "ab"), "");
  assert.equal(check(`{${D7}, ${defs}, "$ref": "#/definitions/s"}`, 1), "- at '': got number, want string");
  assert.equal(
    check(`{"$defs": {"s": {"type": "string", "maxLength": 1}}, "$ref": "#/$defs/s", "minLength": 5}`, "ab"),
    "- at '': maxLength: got 2, want 1\n- at '': minLength: got 2, want 5",
  );
  assert.equal(
    check(`{"$defs": {"a": {"$anchor": "num", "type": "number"}}, "properties": {"x": {"$ref": "#num"}}}`, {
      x: "1",
    }),
    "- at '/x': got string, want number",
  );
  // A $ref whose target has several failures keeps a "validation failed" node.
  assert.equal(
    check(
      `{"$defs": {"o": {"required": ["a"], "minProperties": 2}}, "properties": {"x": {"$ref": "#/$defs/o"}}}`,
      {
        x: { b: 1 },
      },
    ),
    "- at '/x': validation failed\n  - at '/x': minProperties: got 1, want 2\n  - at '/x': missing property 'a'",
  );
});

Deno.test("$ref to other documents: loader, $id bases, metaschema documents", () => {
  const docs: Record<string, string> = {
    "https://example.com/defs.json": `{"$defs": {"port": {"maximum": 10}}}`,
  };
  const loader = (u: string) => {
    if (docs[u]) return parseSchemaJson(docs[u]);
    throw new Error(`open ${u}: no such file or directory`);
  };
  assert.equal(
    check(`{"properties": {"p": {"$ref": "https://example.com/defs.json#/$defs/port"}}}`, { p: 11 }, loader),
    "- at '/p': maximum: got 11, want 10",
  );
  assert.equal(
    check(
      `{"$id": "https://example.com/root.json", "properties": {"p": {"$ref": "defs.json#/$defs/port"}}}`,
      {
        p: 11,
      },
      loader,
    ),
    "- at '/p': maximum: got 11, want 10",
  );
  assert.equal(
    check(`{"$ref": "http://json-schema.org/draft-07/schema#/definitions/nonNegativeInteger"}`, -1),
    "- at '': minimum: got -1, want 0",
  );
  assert.equal(
    compileError(`{"$ref": "missing.json"}`, loader),
    `failing loading "file:///missing.json": open file:///missing.json: no such file or directory`,
  );
});

Deno.test("schema errors: pointers, anchors, metaschema", () => {
  assert.equal(
    compileError(`{"$ref": "#/definitions/none"}`),
    `json-pointer in "file:///values.schema.json#/definitions/none" not found`,
  );
  assert.equal(
    compileError(`{"$ref": "#nope"}`),
    `anchor in "file:///values.schema.json#nope" not found in schema "file:///values.schema.json"`,
  );
  assert.equal(
    compileError(`{${D7}, "required": true}`),
    `"file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with ` +
      `'http://json-schema.org/draft-07/schema#'\n- at '/required': got boolean, want array`,
  );
  assert.equal(
    compileError(`{"type": "foo"}`),
    `"file:///values.schema.json#" is not valid against metaschema: jsonschema validation failed with ` +
      `'https://json-schema.org/draft/2020-12/schema#'\n- at '': 'allOf' failed\n  - at '/type': 'anyOf' failed\n` +
      `    - at '/type': value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'\n` +
      `    - at '/type': got string, want array`,
  );
  assert.match(
    compileError(`{"pattern": "(["}`),
    /- at '\/pattern': '\(\[' is not valid regex: error parsing regexp: missing closing \]: `\[`$/,
  );
});

Deno.test("formats are asserted before 2019-09 only", () => {
  assert.equal(
    check(`{${D7}, "format": "email"}`, "nope"),
    "- at '': 'nope' is not valid email: missing @",
  );
  assert.equal(check(`{"format": "email"}`, "nope"), "");
  assert.equal(check(`{${D7}, "format": "email"}`, 5), "");
  assert.equal(check(`{${D7}, "format": "no-such-format"}`, "x"), "");
  const f = (name: string, v: string) => FORMATS[name](v);
  assert.equal(f("hostname", "a_b"), "invalid character '_'");
  assert.equal(f("hostname", "-a"), "label starts with hyphen");
  assert.equal(f("ipv4", "1.2.3"), "expected four decimals");
  assert.equal(f("ipv4", "1.2.3.04"), "leading zeros");
  assert.equal(f("ipv4", "1.2.3.x"), `strconv.Atoi: parsing "x": invalid syntax`);
  assert.equal(f("ipv4", "1.2.3.256"), "decimal must be between 0 and 255");
  assert.equal(f("ipv6", "::1"), undefined);
  assert.equal(f("ipv6", "1.2.3.4"), "missing colon");
  assert.equal(f("uuid", "123"), "must have 5 elements");
  assert.equal(f("uuid", "1234567g-1234-1234-1234-123456789012"), "non-hex character 'g'");
  assert.equal(f("date", "2020-02-30"), `parsing time "2020-02-30": day out of range`);
  assert.equal(f("date-time", "2020-01-01T10:00:00Z"), undefined);
  assert.equal(f("date-time", "2020-01-01 10:00:00Z"), "11th character must be t or T");
  assert.equal(f("time", "25:00:00Z"), "hour/min/sec out of range");
  assert.equal(f("duration", "P1D"), undefined);
  assert.equal(f("duration", "1D"), "must start with P");
  assert.equal(f("duration", "PT1D"), "invalid unit 'D'");
  assert.equal(f("uri", "/relative"), "relative url");
  assert.equal(f("uri", "https://example.com/x"), undefined);
  assert.equal(f("uri-reference", "a\\b"), "contains \\");
  assert.equal(f("json-pointer", "a"), "not starting with /");
  assert.equal(f("semver", "1.2"), "versionCore must have 3 numbers separated by dot");
  assert.equal(f("semver", "01.2.3"), "major starts with zero");
  assert.equal(f("email", "a..b@x.io"), "consecutive dots");
  assert.equal(f("email", "a@-x.io"), "invalid domain: label starts with hyphen");
});

Deno.test("propertyNames, unevaluatedProperties, dependentSchemas", () => {
  assert.equal(
    check(`{"propertyNames": {"maxLength": 2}}`, { abc: 1 }),
    "- at '': invalid propertyName 'abc'\n  - at '': maxLength: got 3, want 2",
  );
  assert.equal(
    check(`{"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": false}`, { a: 1, b: 2 }),
    "- at '/b': false schema",
  );
  assert.equal(
    check(`{"dependentSchemas": {"a": {"required": ["b"]}}}`, { a: 1 }),
    "- at '': missing property 'b'",
  );
});

Deno.test("schema JSON is decoded as Go's json.Decoder does", () => {
  const err = (s: string) => {
    try {
      parseSchemaJson(s);
    } catch (e) {
      assert.ok(e instanceof JsonSyntaxError);
      return e.message;
    }
    return "";
  };
  assert.equal(err(""), "EOF");
  assert.equal(err("  \n"), "EOF");
  assert.equal(err(`{"a": `), "unexpected EOF");
  assert.equal(err(`{"a": 1,}`), "invalid character '}' looking for beginning of object key string");
  assert.equal(err(`{} {}`), "invalid character after top-level value");
  assert.equal(err(`{}\n`), "");
});

Deno.test("reference cycles are reported", () => {
  assert.equal(
    check(`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`, 1),
    `- at '': both /$ref/$ref/$ref and /$ref resolve to "file:///values.schema.json#/$defs/a" causing reference cycle`,
  );
});
