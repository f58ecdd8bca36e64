import assert from "node:assert/strict";
import fc from "fast-check";
import { marshal } from "../goyaml/mod.ts";
import { scanBlockYaml } from "../goyaml/block_scan.ts";
import { decodeYamlStrict, loadIndex } from "./index_file.ts";

/** The full decoder's answer: its value, or its error text. */
function full(text: string): { value?: unknown; error?: string } {
  try {
    return { value: decodeYamlStrict(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Every object's keys in order, depth first (deepStrictEqual does not compare key order). */
function keyOrder(v: unknown, out: string[][] = []): string[][] {
  if (Array.isArray(v)) v.forEach((x) => keyOrder(x, out));
  else if (v !== null && typeof v === "object") {
    out.push(Object.keys(v));
    for (const k of Object.keys(v)) keyOrder((v as Record<string, unknown>)[k], out);
  }
  return out;
}

/**
 * The scanner's contract: it returns what the full decoder returns (same
 * values, types and key order), or steps aside. Returns whether it decoded.
 */
function agrees(text: string): boolean {
  const fast = scanBlockYaml(text);
  if (fast === undefined) return false;
  const f = full(text);
  assert.equal(f.error, undefined, `the fast path accepted what the full decoder refuses:\n${text}`);
  assert.deepStrictEqual(fast, f.value, text);
  assert.deepStrictEqual(keyOrder(fast), keyOrder(f.value), text);
  return true;
}

function fast(text: string): Record<string, unknown> {
  assert.ok(agrees(text), `expected the fast path for:\n${text}`);
  return scanBlockYaml(text)!;
}

function fallsBack(text: string): void {
  assert.equal(scanBlockYaml(text), undefined, `expected a fallback for:\n${text}`);
}

/** An index in `helm repo index`'s layout, with the fields real indexes carry. */
function helmStyleIndex(charts: number, versions: number): string {
  const out = ["apiVersion: v1", "entries:"];
  for (let c = 0; c < charts; c++) {
    const name = `chart-${c}`;
    out.push(`  ${name}:`);
    for (let v = versions - 1; v >= 0; v--) {
      out.push(
        "  - annotations:",
        "      category: Database",
        "      images: |",
        `        - name: ${name}`,
        `          image: docker.io/example/${name}:1.${v}.0`,
        "      licenses: Apache-2.0",
        "    apiVersion: v2",
        `    appVersion: 1.${v}.0`,
        `    created: "2024-01-0${1 + (v % 9)}T10:00:00.123456789Z"`,
        "    dependencies:",
        "    - name: common",
        "      repository: oci://registry-1.docker.io/bitnamicharts",
        "      tags:",
        "      - bitnami-common",
        "      version: 2.x.x",
        "    description: Apache Airflow is a tool to express and execute workflows as directed",
        "      acyclic graphs (DAGs). It includes utilities to schedule tasks, monitor task",
        "      progress and handle task dependencies.",
        `    digest: ${(c * 1000 + v).toString(16).padStart(64, "0")}`,
        "    home: https://bitnami.com",
        "    icon: https://bitnami.com/assets/stacks/airflow/img/airflow-stack-220x234.png",
        "    keywords:",
        "    - apache",
        "    - workflow",
        "    maintainers:",
        "    - name: Broadcom, Inc. All Rights Reserved.",
        "      url: https://github.com/bitnami/charts",
        `    name: ${name}`,
        "    sources:",
        "    - https://github.com/bitnami/charts/tree/main/bitnami/airflow",
        "    urls:",
        `    - https://charts.bitnami.com/bitnami/${name}-${v}.0.${v % 3}.tgz`,
        `    version: ${v}.0.${v % 3}`,
      );
    }
  }
  out.push('generated: "2024-06-01T00:00:00.000000000Z"', "");
  return out.join("\n");
}

Deno.test("index scan: a helm-style index takes the fast path and equals the full decoder", () => {
  const v = fast(helmStyleIndex(3, 4));
  const entries = v.entries as Record<string, Record<string, unknown>[]>;
  assert.deepEqual(Object.keys(entries), ["chart-0", "chart-1", "chart-2"]);
  const cv = entries["chart-1"][0];
  assert.equal(cv.version, "3.0.0");
  assert.equal(
    cv.description,
    "Apache Airflow is a tool to express and execute workflows as directed acyclic graphs (DAGs). " +
      "It includes utilities to schedule tasks, monitor task progress and handle task dependencies.",
  );
  assert.equal(
    (cv.annotations as Record<string, string>).images,
    "- name: chart-1\n  image: docker.io/example/chart-1:1.3.0\n",
  );
});

Deno.test("index scan: scalars resolve as YAML 1.1 through JSON", () => {
  const v = fast(
    [
      "va: yes",
      "vb: Off",
      "vc: 0777",
      "vd: 0x1F",
      "ve: 1e3",
      "vf: 1_000",
      "vg: ~",
      "vh:",
      "vi: 2001-12-14",
      "vj: 1.10",
      "vk: '1.10'",
      'vl: "yes"',
      "vm: -0.0",
      "vn: 0b101",
      "vo: 12345678901234567890",
      "vp: +12",
      "vq: .5",
      "vr: 1.2.3",
      "vs: <<",
      "vt: 2001-12-14T21:59:43.10-05:00",
      "",
    ].join("\n"),
  );
  assert.equal(v.va, true);
  assert.equal(v.vb, false);
  assert.equal(v.vc, 511);
  assert.equal(v.vd, 31);
  assert.equal(v.ve, 1000);
  assert.equal(v.vf, 1000);
  assert.equal(v.vg, null);
  assert.equal(v.vh, null);
  assert.equal(v.vi, "2001-12-14");
  assert.equal(v.vj, 1.1);
  assert.equal(v.vk, "1.10");
  assert.equal(v.vl, "yes");
  assert.ok(Object.is(v.vm, -0));
  assert.equal(v.vn, 5);
  assert.equal(v.vo, 12345678901234567000);
  assert.equal(v.vr, "1.2.3");
  assert.equal(v.vs, "<<");
  assert.equal(v.vt, "2001-12-14T21:59:43.10-05:00");
});

Deno.test("index scan: quoted, folded and block scalars", () => {
  const cases: [string, unknown][] = [
    ["k: 'it''s'\n", "it's"],
    ['k: "a\\tb\\x41\\u00e9\\U0001F600\\\\\\"\\ \\_"\n', 'a\tbAé😀\\" \xa0'],
    ['k: "one\n  two\n\n  three"\n', "one two\nthree"],
    ['k: "join\\\n  ed"\n', "joined"],
    ["k: 'a \n   b  '\n", "a b  "],
    ["k: one\n  two\n\n\n  three\n", "one two\n\nthree"],
    ["k: one # comment\n", "one"],
    ["k: a#b\n", "a#b"],
    ["k: http://x/y?a=b:c\n", "http://x/y?a=b:c"],
    ["k: |\n  a\n   b\n\n  c\n\n\nz: 1\n", "a\n b\n\nc\n"],
    ["k: |-\n  a\n  b\n", "a\nb"],
    ["k: |+\n  a\n\n\n", "a\n\n\n"],
    ["k: >\n  a\n  b\n\n  c\n   d\n  e\n", "a b\nc\n d\ne\n"],
    ["k: >-\n  folded\n  text\n", "folded text"],
    ["k: |2\n    two\n  one\n", "  two\none\n"],
    ["k: |\n  # not a comment\n", "# not a comment\n"],
    ["k: |\nz: 1\n", ""],
    ["k: []\n", []],
    ["k: {} # empty\n", {}],
    ["k:\n  plain on its own line\n  and folded\n", "plain on its own line and folded"],
    ["k:\n  'quoted on its own line'\n", "quoted on its own line"],
    ["k: é😀 ok\n", "é😀 ok"],
  ];
  for (const [text, want] of cases) assert.deepEqual(fast(text).k, want, text);
});

Deno.test("index scan: collections, comments and keys", () => {
  const v = fast(
    [
      "---",
      "# leading comment",
      "z: 1",
      "a:",
      "- x",
      "-",
      "- - # not nested: a comment",
      "  # indented comment",
      "b:",
      "    c: 1",
      "    d:",
      "      - e: 1",
      "        f: 2",
      "      -   g: 3",
      "'q k': 1",
      '"d k": 2',
      "__proto__: 3",
      "10: skipped",
      "",
    ].join("\n").replace("- - # not nested: a comment\n", "- # a comment\n").replace("10: skipped\n", ""),
  );
  assert.deepEqual(Object.keys(v), ["__proto__", "a", "b", "d k", "q k", "z"]);
  assert.deepEqual(v.a, ["x", null, null]);
  assert.deepEqual(v.b, { c: 1, d: [{ e: 1, f: 2 }, { g: 3 }] });
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(v.__proto__, 3);
});

Deno.test("index scan: steps aside for what it does not handle", () => {
  for (
    const text of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: [[1], 2]\n",
      "a: [1,\n  2]\n",
      "a: [a b]\n",
      "a: [a,,b]\n",
      "a: [,]\n",
      "a: [-]\n",
      "a: [a: b]\n",
      "a: [{b: 1}]\n",
      "a: [.inf]\n",
      "a: [a]x\n",
      "a: {b: [1]}\n",
      "a: {b}\n",
      "a: {b: }\n",
      "a: {b:c}\n",
      "a: {b: c: d}\n",
      "a: {b: 1, b: 2}\n",
      "a: {1: a}\n",
      "a: {yes: a}\n",
      "a: {b: 1,\n  c: 2}\n",
      "a:\tb\n",
      "a: b\r\n",
      "a: 1\na: 2\n",
      "a: 1\nb: 2\na: 3\n",
      "<<: {}\n",
      "yes: 1\n",
      "1: 1\n",
      "a: .inf\n",
      "a: b: c\n",
      "a: b\n c: d\n",
      "a:\n  b: 1\n c: 2\n",
      "a: 1\n---\nb: 2\n",
      "%YAML 1.1\n---\na: 1\n",
      "- a\n",
      "a: 'unterminated\n",
      'a: "\\/"\n',
      "a: \x01\n",
      "a: \ufeffb\n",
      "a: |0\n  x\n",
      "? a\n: b\n",
      "",
      "# only a comment\n",
    ]
  ) {
    fallsBack(text);
  }
});

Deno.test("index scan: loadIndex keeps helm's errors and warnings", () => {
  assert.throws(
    () => loadIndex("apiVersion: v1\nentries: {}\napiVersion: v2\n", "x"),
    /already set in map/,
  );
  assert.throws(() => loadIndex("entries: {}\n", "x"), /no API version specified/);
  const warnings: string[] = [];
  const idx = loadIndex(
    "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n  -\n  - name: a\n    version: bad\n",
    "repo",
    (_level, msg) => warnings.push(msg),
  );
  assert.deepEqual(idx.entries.a.map((cv) => cv.version), ["1.0.0"]);
  assert.equal(warnings.length, 2);
});

/** A small seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = [
  "abc",
  "a b",
  "1.0",
  "1.2.3",
  "yes",
  "No",
  "~",
  "null",
  "0777",
  "0x1F",
  "1e3",
  "-1",
  "+1",
  ".5",
  ".inf",
  "2001-12-14",
  "2001-12-14T21:59:43.10-05:00",
  "a:b",
  "a #b",
  "a#b",
  "http://x/y",
  "é",
  "😀",
  "<<",
  "-a",
  "?a",
  ":a",
  "a: b",
  "a:",
  "[x]",
  "[]",
  "{}",
  "[ ]",
  "*x",
  "&x y",
  "!!str x",
  "%x",
  "@x",
  "`x",
  ",x",
  "x,y",
  "x]",
  "1_000",
  "0b101",
  "-0",
  "On",
  "true",
  "False",
  "a'b",
  'a"b',
  "a\\b",
  "- x",
  "-",
  "#x",
];
const QUOTED = [
  "'it''s'",
  "''",
  '""',
  '"a\\nb"',
  '"\\x41\\u00e9\\U0001F600"',
  '"\\/"',
  '"\\q"',
  '"tab\\tq\\"x"',
  "'a: b'",
  '"yes"',
  "'1'",
  "'x' y",
  '"x"#c',
  "'unterminated",
];
const KEYS = [
  "name",
  "version",
  "a",
  "b",
  "apiVersion",
  "x y",
  "'q k'",
  '"d k"',
  "yes",
  "1",
  "0",
  "10",
  "__proto__",
  "constructor",
  "é",
  "a:b",
  "k ",
  "<<",
  "-k",
  "'a''b'",
];
/** Flow collections after a key: the ones the fast path reads, and ones near them. */
const FLOW = [
  " []",
  " {}",
  " [] # c",
  ' ["ALL"]',
  " [a, b]",
  " [ 1, 2.5, -3, +4, 0x1F, 012, yes, Off, ~, null, 1e3, .5 ]",
  " [a,]",
  " ['x', \"y\", 'it''s', \"\\u00e9\"] # c",
  " [a-b, a_b, a.b, /p, x=y, v1.2.3, 2001-12-14]",
  ' {repository: nginx, tag: "1.0"}',
  " {a: 1, b: true, c: ~, 'd e': x, \"f\": 2.5,} # c",
  " {z: 1, a: 2, __proto__: 3, m: x}",
  " {b: 1, a: 2}",
];
const WILD_FLOW = [
  " {}x",
  " [a",
  " [a b]",
  " [[a]]",
  " [a,,b]",
  " [,]",
  " [a: b]",
  " [-]",
  " [ - a]",
  " ['x'y]",
  " [a]x",
  ,
  " {a}",
  " {a: }",
  " {a:b}",
  " {a: b: c}",
  " {a: 1, a: 2}",
  " {1: a}",
  " {yes: a}",
  " {<<: a}",
  " {a: [1]}",
];
const BLOCK_HEADERS = ["|", "|-", "|+", ">", ">-", ">+", "|2", "|1-", ">2+", "|0", "| # c", "|x"];

const TAME_PLAIN = PLAIN.filter((p) =>
  !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(p) && !/: |:$/.test(p) && p !== ".inf" && !p.startsWith("- ")
).concat(["-a", "?a", ":a"]);
const TAME_QUOTED = QUOTED.filter((q) => !["'unterminated", '"\\/"', '"\\q"', "'x' y", '"x"#c'].includes(q));
const TAME_KEYS = KEYS.filter((k) => !["yes", "1", "0", "10", "<<", "k "].includes(k));
const TAME_BLOCK_HEADERS = BLOCK_HEADERS.filter((h) => !["|0", "|x"].includes(h));

/**
 * Random YAML in (and around) the shapes index files use. Tame documents are
 * valid and use only what the fast path handles; wild ones anything nearby.
 */
class YamlGen {
  lines: string[] = [];
  private readonly plain: string[];
  private readonly quoted: string[];
  private readonly keys: string[];
  private readonly headers: string[];
  constructor(private r: () => number, private wild = true) {
    this.plain = wild ? PLAIN : TAME_PLAIN;
    this.quoted = wild ? QUOTED : TAME_QUOTED;
    this.keys = wild ? KEYS : TAME_KEYS;
    this.headers = wild ? BLOCK_HEADERS : TAME_BLOCK_HEADERS;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  noise(n: number): void {
    if (this.chance(0.1)) this.lines.push("");
    if (this.chance(0.08)) this.lines.push(" ".repeat(this.int(n + 3)) + "# comment");
    if (this.chance(0.03)) this.lines.push(" ".repeat(this.int(n + 3)));
  }
  doc(): string {
    if (this.chance(0.1)) this.lines.push("---");
    if (this.chance(0.1)) this.lines.push("# head");
    this.mapping(this.chance(0.9) ? 0 : 1, 0);
    if (this.wild && this.chance(0.05)) this.lines.push(this.pick(["---", "...", "x", "- y", " z: 1"]));
    return this.lines.join("\n") + (this.chance(0.8) ? "\n" : "");
  }
  /** A mapping at indentation n; `first` starts its first line (a sequence item's "- "). */
  mapping(n: number, depth: number, first?: string): void {
    const count = 1 + this.int(4);
    const used: string[] = [];
    for (let i = 0; i < count; i++) {
      let key = this.pick(this.keys);
      if (used.includes(key) && (!this.wild || this.chance(0.8))) key = `k${i}`;
      used.push(key);
      const skew = this.wild && this.chance(0.03) ? this.pick([-1, 1]) : 0;
      const prefix = i === 0 && first !== undefined ? first : " ".repeat(Math.max(0, n + skew));
      this.lines.push(`${prefix}${key}:`);
      this.value(n, depth);
      this.noise(n);
    }
  }
  sequence(m: number, depth: number): void {
    const count = 1 + this.int(3);
    for (let i = 0; i < count; i++) {
      const prefix = " ".repeat(m) + "-" + " ".repeat(this.chance(0.9) ? 1 : 1 + this.int(3));
      const c = this.r();
      if (c < 0.35 || depth > 3) {
        this.lines.push(prefix.trimEnd());
        this.lines[this.lines.length - 1] += " ";
        this.scalar(m);
      } else if (c < 0.75) {
        this.mapping(prefix.length, depth + 1, prefix);
      } else if (c < 0.85) {
        this.lines.push(" ".repeat(m) + "-");
      } else if (c < 0.92 || !this.wild) {
        this.lines.push(prefix + this.pick(this.headers));
        this.blockBody(m);
      } else {
        this.lines.push(prefix + "- " + this.pick(this.plain));
      }
      this.noise(m);
    }
  }
  /** The value after "key:" on the last line, in a collection at indentation n. */
  value(n: number, depth: number): void {
    const c = this.r();
    const last = this.lines.length - 1;
    if (c < 0.4 || depth > 3) {
      this.lines[last] += " ";
      this.scalar(n);
    } else if (c < 0.5) {
      if (this.chance(0.3)) this.lines[last] += " # note";
    } else if (c < 0.65) {
      this.mapping(n + this.pick([1, 2, 2, 4]), depth + 1);
    } else if (c < 0.8) {
      this.sequence(this.chance(0.5) ? n : n + this.pick([1, 2]), depth + 1);
    } else if (c < 0.92) {
      this.lines[last] += " " + this.pick(this.headers);
      this.blockBody(n);
    } else if (c < 0.96) {
      this.lines[last] += this.pick(this.wild ? [...FLOW, ...WILD_FLOW] : FLOW);
    } else {
      this.lines.push(" ".repeat(n + 2) + this.pick([...this.plain, ...this.quoted]));
    }
  }
  /** A scalar appended to the last line (continuing on more lines sometimes). */
  scalar(n: number): void {
    const last = this.lines.length - 1;
    if (this.chance(0.25)) {
      this.lines[last] += this.pick(this.quoted);
      if (this.chance(0.2)) {
        // A quoted scalar over several lines.
        const q = this.pick(["'", '"']);
        this.lines[last] = this.lines[last].replace(/['"].*$/, "") + q + "first";
        if (this.chance(0.2)) this.lines[last] += this.pick([" ", "\\"]);
        if (this.chance(0.3)) this.lines.push("");
        const ind = n + (this.wild ? this.pick([-1, 0, 1, 2, 3]) : this.pick([1, 2, 3]));
        this.lines.push(" ".repeat(Math.max(0, ind)) + "second" + q);
      }
      return;
    }
    this.lines[last] += this.pick(this.plain);
    while (this.chance(0.25)) {
      if (this.chance(0.3)) this.lines.push(this.chance(0.5) ? "" : " ".repeat(this.int(n + 4)));
      const ind = Math.max(0, n + this.pick(this.wild ? [0, 1, 1, 2, 4] : [1, 2, 4]));
      this.lines.push(
        " ".repeat(ind) + this.pick(this.plain.filter((p) => this.wild || /^[a-z0-9é😀.~+<]/.test(p))),
      );
    }
  }
  blockBody(n: number): void {
    const base = n + this.pick([1, 2, 2, 3]);
    if (this.chance(0.1)) this.lines.push(this.chance(0.5) ? "" : " ".repeat(base + this.int(3)));
    const count = this.int(5);
    for (let i = 0; i < count; i++) {
      const c = this.r();
      if (c < 0.15) this.lines.push("");
      else if (c < 0.25) this.lines.push(" ".repeat(base + 1 + this.int(2)) + "more indented");
      else if (c < 0.3) this.lines.push(" ".repeat(base) + "# text");
      else if (c < 0.35) this.lines.push(" ".repeat(this.int(base + 3)));
      else this.lines.push(" ".repeat(base) + this.pick(this.plain));
    }
  }
}

Deno.test("index scan: generated YAML decodes as the full decoder decodes it, or steps aside", () => {
  let decoded = 0;
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      if (agrees(new YamlGen(rng(seed)).doc())) decoded++;
    }),
    { numRuns: 3000 },
  );
  // The generator is no use if the fast path never runs.
  assert.ok(decoded > 300, `only ${decoded} documents took the fast path`);
});

Deno.test("index scan: valid YAML in the handled shapes takes the fast path", () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const text = new YamlGen(rng(seed), false).doc();
      if (full(text).error === undefined) assert.ok(agrees(text), `expected the fast path for:\n${text}`);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("index scan: mutated indexes decode as the full decoder decodes them, or step aside", () => {
  const base = helmStyleIndex(2, 2);
  const pieces = [
    " ",
    "  ",
    "\n",
    ":",
    ": ",
    "-",
    "- ",
    "#",
    " #",
    "'",
    '"',
    "|",
    ">",
    "\\",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "x",
    "\n\n",
  ];
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.constantFrom(...pieces)), {
        minLength: 1,
        maxLength: 3,
      }),
      (edits) => {
        let text = base;
        for (const [at, del, ins] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + ins + text.slice(p + del);
        }
        agrees(text);
      },
    ),
    { numRuns: 1500 },
  );
});

// Strings as charts carry them: printable text, some that only quoting keeps strings, long ones the
// writer folds over lines, and several-line ones it writes as literal blocks.
const TEXT = fc.oneof(
  fc.string({
    unit: fc.constantFrom(...Array.from("abcXYZ019 :-#'\"\\|>&*!%@`?,[]{}~=<.+_/é中😀")),
    maxLength: 12,
  }),
  fc.constantFrom("yes", "no", "null", "1.0", "0777", "1e3", "2001-12-14", "", " lead", "trail ", "<<", "-"),
  fc.array(fc.constantFrom("word", "x", " ", "  ", "a-b", "é", ":", "#", "\n", "\n\n", " \n"), {
    maxLength: 60,
  })
    .map((a) => a.join("")),
);
// Keys as indexes have them: one line (longer ones are written as `? ` complex keys), and no `<<`
// (written plain, read back as a merge key).
const KEY = TEXT.filter((k) => k !== "<<" && !k.includes("\n"));
const VALUE = fc.letrec<{ v: unknown; list: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    TEXT,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    tie("list"),
    fc.dictionary(KEY, tie("v"), { maxKeys: 4 }),
  ),
  list: fc.array(
    fc.oneof(TEXT, fc.integer(), fc.constant(null), fc.dictionary(KEY, tie("v"), { maxKeys: 4 })),
    {
      maxLength: 4,
    },
  ),
})).v;

Deno.test("index scan: what sigs.k8s.io/yaml writes (as `helm repo index` does) takes the fast path", () => {
  fc.assert(
    fc.property(fc.dictionary(KEY, VALUE, { minKeys: 1, maxKeys: 5 }), (v) => {
      const text = marshal(v);
      assert.ok(agrees(text), `expected the fast path for:\n${text}`);
    }),
    { numRuns: 1500 },
  );
});
