import assert from "node:assert/strict";
import type { GoType } from "../gojson/types.ts";
import { METADATA_GOTYPE } from "../chart/metadata.ts";
import { GoYamlError } from "./errors.ts";
import {
  jsonableToTarget,
  parseAllYaml,
  type ParseTarget,
  parseYaml,
  splitYamlDocuments,
  yamlToJsonable,
} from "./parse.ts";
import cases from "./testdata/parse.json" with { type: "json" };
import metaCases from "./testdata/chart_meta.json" with { type: "json" };
import loadCases from "./testdata/load_values.json" with { type: "json" };

/** Key-order-insensitive comparison (fixtures come from Go's JSON, which loses -0). */
function same(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v !== null && typeof v === "object"
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]))
      : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

function attempt(f: () => unknown, target: ParseTarget): { value: unknown; err?: string } {
  try {
    return { value: f() };
  } catch (e) {
    if (!(e instanceof GoYamlError)) throw e;
    const fallback = target === "map" ? {} : target === "slice" ? [] : null;
    return { value: e.partial ?? fallback, err: e.message };
  }
}

Deno.test("parseYaml matches sigs.k8s.io/yaml.Unmarshal (interface{}, map, slice) on the fixture table", () => {
  const bad: string[] = [];
  for (const c of cases) {
    const target = c.target as ParseTarget;
    const got = attempt(() => parseYaml(c.input, { target }), target);
    if (got.err !== c.err) {
      bad.push(`${JSON.stringify(c.input).slice(0, 80)} [${c.target}]: err ${got.err} want ${c.err}`);
    } else if (!c.err && !same(got.value, c.value)) {
      bad.push(`${JSON.stringify(c.input).slice(0, 80)} [${c.target}]: ${JSON.stringify(got.value)}`);
    }
  }
  assert.deepEqual(bad.slice(0, 20), []);
  assert.ok(cases.length > 2000);
});

Deno.test("parseYaml: YAML 1.1 scalars as go-yaml v2 resolves them, then float64 via JSON", () => {
  assert.deepEqual(
    parseYaml(
      "b1: yes\nb2: Off\nb3: y\nb4: yES\nn1: ~\nn2:\ni1: 0777\ni2: 0o17\ni3: 0x1F\ni4: 0b101\ni5: 1_000\ni6: 08\n" +
        "f1: .5\nf2: 1.\nf3: 1e3\nt1: 2001-12-14\ns1: 1:20\nbig: 12345678901234567890\n",
    ),
    {
      b1: true,
      b2: false,
      b3: true,
      b4: "yES",
      n1: null,
      n2: null,
      i1: 511,
      i2: 15,
      i3: 31,
      i4: 5,
      i5: 1000,
      i6: 8,
      f1: 0.5,
      f2: 1,
      f3: 1000,
      t1: "2001-12-14",
      s1: "1:20",
      big: 12345678901234567000,
    },
  );
});

Deno.test("parseYaml: -0.0 is a negative zero float, -0 an integer zero", () => {
  const v = parseYaml("a: -0.0\nb: -0\n") as Record<string, number>;
  assert.ok(Object.is(v.a, -0));
  assert.ok(Object.is(v.b, 0));
});

Deno.test("parseYaml: .inf and .nan are rejected by the JSON step", () => {
  assert.throws(() => parseYaml("a: .inf"), {
    message: "error converting YAML to JSON: json: unsupported value: +Inf",
  });
  assert.throws(() => parseYaml("a: [.nan]"), {
    message: "error converting YAML to JSON: json: unsupported value: NaN",
  });
});

Deno.test("parseYaml: merge keys, anchors, duplicate keys and non-string keys", () => {
  assert.deepEqual(
    parseYaml("base: &b {x: 1, z: 2}\nm:\n  <<: *b\n  z: 3\nd: 1\nd: 2\n1: one\n2.5: f\ntrue: t\n"),
    { base: { x: 1, z: 2 }, m: { x: 1, z: 3 }, d: 2, "1": "one", "2.5": "f", "true": "t" },
  );
  // YAML 1.1: the keys y and n are booleans.
  assert.deepEqual(parseYaml("y: 1\nn: 2\nx: 3"), { "true": 1, "false": 2, x: 3 });
  // A merge written after a key overrides it: go-yaml applies entries in order.
  assert.deepEqual(parseYaml("a: 1\n<<: {a: 2}"), { a: 2 });
  assert.throws(() => parseYaml("~: 1"), {
    message: "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1",
  });
});

Deno.test("parseYaml: __proto__ keys stay ordinary own properties", () => {
  const v = parseYaml("__proto__: {polluted: 1}\nconstructor: 2\n") as Record<string, unknown>;
  assert.deepEqual(Object.keys(v), ["__proto__", "constructor"]);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("parseYaml: errors keep Go's wording and carry file, line and column", () => {
  try {
    parseYaml("a: 1\nb: 2\nc: d: e\n", { filename: "values.yaml" });
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof GoYamlError);
    assert.equal(
      e.message,
      "error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context",
    );
    assert.equal(e.filename, "values.yaml");
    assert.equal(e.line, 3);
    assert.equal(e.column, 5);
    assert.equal(e.location, "values.yaml:3:5");
  }
  // go-yaml reports parser errors one line early (0-based problem line).
  assert.throws(() => parseYaml("a:\n  b: 1\n c: 2\n"), {
    message: "error converting YAML to JSON: yaml: line 2: did not find expected key",
  });
  assert.throws(() => parseYaml("a: *nope"), {
    message: "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced",
  });
  assert.throws(() => parseYaml("- 1", { target: "map" }), {
    message:
      "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}",
  });
});

Deno.test("parseYaml: bytes input is checked as UTF-8 like go-yaml's reader", () => {
  assert.deepEqual(parseYaml(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31])), { a: 1 });
  assert.throws(() => parseYaml(new Uint8Array([0x61, 0x3a, 0x20, 0xff])), {
    message: "error converting YAML to JSON: yaml: invalid leading UTF-8 octet",
  });
  assert.throws(() => parseYaml("a: \x7f"), {
    message: "error converting YAML to JSON: yaml: control characters are not allowed",
  });
});

Deno.test("parseYaml: only the first document is read; empty input is nil", () => {
  assert.deepEqual(parseYaml("a: 1\n---\nb: [\n"), { a: 1 });
  assert.equal(parseYaml(""), null);
  assert.deepEqual(parseYaml("", { target: "map" }), {});
  assert.deepEqual(parseYaml("# nothing", { target: "slice" }), []);
});

/** Helm's chart.Metadata as a decoding target (what Chart.yaml is read into). */
const METADATA: GoType = METADATA_GOTYPE;

/** Drops struct fields Go's `omitempty` would leave out, to compare with json.Marshal output. */
function omitEmpty(v: unknown, t: GoType): unknown {
  if (v === null || v === undefined) return v;
  if (t.kind === "ptr") return omitEmpty(v, t.elem);
  if (t.kind === "slice") return (v as unknown[]).map((e) => omitEmpty(e, t.elem));
  if (t.kind === "map") {
    return Object.fromEntries(Object.entries(v as object).map(([k, e]) => [k, omitEmpty(e, t.elem)]));
  }
  if (t.kind !== "struct") return v;
  const out: Record<string, unknown> = {};
  for (const f of t.fields) {
    const e = (v as Record<string, unknown>)[f.json];
    const empty = e === undefined || e === null || e === "" || e === false ||
      (Array.isArray(e) && e.length === 0) ||
      (typeof e === "object" && Object.keys(e as object).length === 0);
    const keep = f.json === "name" && t.name === "v2.Dependency" || f.json === "repository";
    if (!empty || (keep && e !== undefined)) out[f.json] = omitEmpty(e, f.type);
  }
  return out;
}

Deno.test("parseYaml into chart.Metadata: numbers become text for string fields (Chart.yaml)", () => {
  const bad: string[] = [];
  for (const c of metaCases) {
    const got = attempt(() => parseYaml(c.input, { target: METADATA }), "map");
    if (got.err !== c.err) bad.push(`${JSON.stringify(c.input)}: err ${got.err} want ${c.err}`);
    else if (!c.err && !same(omitEmpty(got.value, METADATA), c.value)) {
      bad.push(`${JSON.stringify(c.input)}: ${JSON.stringify(got.value)} want ${JSON.stringify(c.value)}`);
    }
  }
  assert.deepEqual(bad, []);
  assert.deepEqual(parseYaml("version: 1.10\nappVersion: 1.0\n", { target: METADATA }), {
    version: "1.1",
    appVersion: "1",
  });
});

/** Helm's `MergeMaps`: nested maps merge, anything else is replaced. */
function mergeMaps(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    const isMap = (x: unknown) => x !== null && typeof x === "object" && !Array.isArray(x);
    out[k] = isMap(v) && isMap(cur)
      ? mergeMaps(cur as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

Deno.test("parseAllYaml + MergeMaps reproduces Helm's LoadValues on the fixture table", () => {
  const bad: string[] = [];
  for (const c of loadCases) {
    let value: unknown = null;
    let err: string | undefined;
    try {
      value = (parseAllYaml(c.input, { target: "map" }) as Record<string, unknown>[]).reduce(mergeMaps, {});
    } catch (e) {
      if (!(e instanceof GoYamlError)) throw e;
      err = e.kind === "reader" && e.message.startsWith("invalid Yaml document separator")
        ? `error reading yaml document: ${e.message}`
        : `cannot unmarshal yaml document: ${e.message}`;
    }
    if (err !== c.err) bad.push(`${JSON.stringify(c.input)}: err ${err} want ${c.err}`);
    else if (!err && !same(value, c.value)) bad.push(`${JSON.stringify(c.input)}: ${JSON.stringify(value)}`);
  }
  assert.deepEqual(bad, []);
});

Deno.test("splitYamlDocuments: k8s YAMLReader rules", () => {
  assert.deepEqual(splitYamlDocuments("a: 1\r\n--- # c\r\n\r\nb: 2"), [
    { text: "a: 1\n", startLine: 0 },
    { text: "\nb: 2\n", startLine: 2 },
  ]);
  assert.throws(() => splitYamlDocuments("a\n----\n"), { message: "invalid Yaml document separator: -" });
});

Deno.test("parseAllYaml: error lines are per document in the message, absolute on the error", () => {
  try {
    parseAllYaml("a: 1\n---\nb: 2\nc: d: e\n", { filename: "v.yaml" });
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof GoYamlError);
    assert.equal(
      e.message,
      "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context",
    );
    assert.equal(e.line, 4);
    assert.equal(e.filename, "v.yaml");
  }
});

Deno.test("parseYaml: a struct of string fields reads block YAML as the full decoder does", () => {
  const target: GoType = {
    kind: "struct",
    name: "base",
    fields: [{ json: "apiVersion", type: { kind: "string" } }],
  };
  const docs = [
    "apiVersion: v2\nname: x\n",
    "APIVersion: v1\n",
    "apiversion: v1\napiVersion: v2\n",
    "apiVersion: 2\n",
    "apiVersion: ~\n",
    "apiVersion:\n",
    "apiVersion: [v2]\n",
    "name: x\n",
    "apiVersion: 'v2'\nother: [1, 2]\n",
    "\u212Apiversion: v1\n",
    "apiVersion: v1\napiVersion: v2\n",
    "apiVersion: v2\n---\napiVersion: v1\n",
    "apiVersion: v2\n  bad: indent\n",
  ];
  const run = (d: string, exact: boolean) => {
    try {
      const bytes = new TextEncoder().encode(d);
      return exact
        ? jsonableToTarget(yamlToJsonable(bytes, { target }), { target })
        : parseYaml(bytes, { target });
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  for (const d of docs) assert.deepStrictEqual(run(d, false), run(d, true), d);
  assert.deepStrictEqual(parseYaml("apiVersion: v2\n", { target }), { apiVersion: "v2" });
});

Deno.test("parseYaml: typed targets read block YAML as the full decoder does", () => {
  const docs = [
    'apiVersion: v2\nname: web\nversion: 1.2.3\nappVersion: "1.0"\ndescription: A chart\ntype: application\n' +
    "keywords: [a, b]\nmaintainers:\n- name: me\n  email: me@example.com\ndependencies:\n" +
    "- name: common\n  version: 2.x.x\n  repository: oci://r/c\n  tags: [t]\n  condition: c.enabled\n" +
    "  import-values:\n  - child: a\n    parent: b\n  - data\nannotations:\n  category: Web\n",
    "apiVersion: v2\nname: web\nversion: 1.0\nappVersion: 1.0\n",
    "apiVersion: v2\nName: web\nversion: 1.2.3\n",
    "apiVersion: v2\nname: web\nversion: 1.2.3\ndeprecated: yes\nannotations:\n  n: 1\n",
    "apiVersion: v2\nname: web\nversion: 1.2.3\nkeywords: [1, true]\nunknown: {a: 1}\nicon: ~\n",
    "apiVersion: v2\nname: web\nversion: 1.2.3\ndependencies:\n- name: a\n  enabled: true\n  alias: x\n",
    "apiVersion: v2\nname: web\nversion: 1.2.3\ndependencies:\n- name: a\n  enabled: 1\n",
    "apiVersion: v2\nname: [web]\n",
    "apiVersion: v2\nmaintainers: x\n",
    "apiVersion: v2\nname: é\nÉ: 1\n",
  ];
  const exact = (d: string) => {
    try {
      return jsonableToTarget(yamlToJsonable(d, { target: METADATA_GOTYPE }), { target: METADATA_GOTYPE });
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  const fast = (d: string) => {
    try {
      return parseYaml(d, { target: METADATA_GOTYPE });
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  for (const d of docs) assert.deepStrictEqual(fast(d), exact(d), d);
});
