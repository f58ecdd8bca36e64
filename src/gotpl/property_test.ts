import assert from "node:assert/strict";
import fc from "fast-check";
import { TemplateExecError, TemplateParseError } from "./errors.ts";
import { sprintf } from "./fmt.ts";
import { Template } from "./template.ts";
import { Obj, Point, TEST_FUNCS, typed } from "./test_helpers.ts";
import { GoInt } from "./value.ts";

// Token soup: mostly invalid templates, to exercise every lexer and parser error path.
const TOKENS = [
  "a",
  " ",
  "\n",
  "{{",
  "}}",
  "{{- ",
  " -}}",
  "/*",
  "*/",
  ".",
  ".a",
  ".b.c",
  ".list",
  "$",
  "$x",
  "$y",
  ":=",
  "=",
  "|",
  "(",
  ")",
  ",",
  "if",
  "else",
  "end",
  "range",
  "with",
  "define",
  "template",
  "block",
  "break",
  "continue",
  "nil",
  "true",
  "false",
  "1",
  "-2",
  "1.5",
  "0x1F",
  "1e3",
  "2i",
  "'c'",
  '"s"',
  '"%d"',
  '"t"',
  "`r`",
  "printf",
  "print",
  "println",
  "len",
  "index",
  "slice",
  "eq",
  "ne",
  "lt",
  "and",
  "or",
  "not",
  "html",
  "js",
  "urlquery",
  "call",
  "upper",
  "repeat",
  "list",
  "dict",
  "%",
  "#",
  "\\",
  "é",
  "😀",
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join(""));

// Structured templates: valid syntax most of the time, so that execution paths run.
const { template: structured } = fc.letrec((tie) => ({
  operand: fc.oneof(
    fc.constantFrom(
      ".",
      ".a",
      ".b.c",
      ".list",
      ".num",
      ".nil",
      ".missing",
      "$",
      "$.a",
      "1",
      "-3",
      "2.5",
      "0",
      '"s"',
      "true",
      "nil",
      "'x'",
      "1e6",
    ),
    tie("paren"),
  ),
  paren: fc.tuple(tie("command")).map(([c]) => "(" + c + ")"),
  command: fc.oneof(
    tie("operand"),
    fc.tuple(
      fc.constantFrom(
        "print",
        "printf",
        "len",
        "index",
        "slice",
        "eq",
        "lt",
        "and",
        "or",
        "not",
        "html",
        "js",
        "upper",
        "repeat",
        "list",
        "dict",
        "call",
        "urlquery",
        "ge",
      ),
      fc.array(tie("operand"), { maxLength: 3 }),
    ).map(([f, args]) => [f, ...(args as string[])].join(" ")),
  ),
  call: fc.tuple(
    fc.constantFrom(
      "print",
      "printf",
      "len",
      "index",
      "slice",
      "eq",
      "lt",
      "and",
      "or",
      "not",
      "html",
      "upper",
      "repeat",
      "list",
    ),
    fc.array(tie("operand"), { maxLength: 2 }),
  ).map(([f, args]) => [f, ...(args as string[])].join(" ")),
  pipeline: fc.tuple(tie("command"), fc.array(tie("call"), { maxLength: 2 }), fc.boolean()).map(
    ([first, rest, decl]) => (decl ? "$v := " : "") + [first as string, ...(rest as string[])].join(" | "),
  ),
  node: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("x", " ", "\n", "ü") },
    { weight: 4, arbitrary: tie("pipeline").map((p) => "{{" + p + "}}") },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constantFrom("if", "with", "range"),
        tie("pipeline"),
        tie("body"),
        tie("body"),
        fc.boolean(),
        fc.constantFrom("", "", "{{break}}", "{{continue}}"),
      ).map(([k, p, a, b, e, jump]) =>
        `{{${k} ${p}}}${a}${k === "range" ? jump : ""}${e ? "{{else}}" + b : ""}{{end}}`
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('{{template "d" .}}', "{{/* c */}}", "{{- 1 -}}", "{{$v}}") },
  ),
  body: fc.array(tie("node"), { maxLength: 4 }).map((n) => (n as string[]).join("")),
  template: fc.tuple(tie("body"), fc.boolean(), tie("body")).map(([body, withDefine, def]) =>
    (withDefine ? `{{define "d"}}${def}{{end}}` : "") + body
  ),
}));

const leaf = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }).map((n) => GoInt.of(n)),
  fc.integer({ min: 0, max: 5 }).map((n) => GoInt.of(n, "uint8")),
  fc.string({ maxLength: 3 }).map((s) => new TextEncoder().encode(s)),
);
const { value: dataValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("list"), tie("map")),
  list: fc.array(tie("value"), { maxLength: 3 }),
  map: fc.dictionary(fc.constantFrom("a", "b", "c", "list", "num", "nil", "x"), tie("value"), { maxKeys: 4 }),
}));
const data = fc.record({
  a: dataValue,
  b: dataValue,
  list: fc.array(leaf, { maxLength: 4 }),
  num: leaf,
  nil: fc.constant(null),
  o: fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), dataValue, fc.boolean()).map((
    [name, n, any, inner],
  ) => new Obj({ Name: name, Count: GoInt.of(n), Any: any, Inner: inner ? new Obj({ Name: "in" }) : null })),
  p: fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 })).map(([x, y]) =>
    new Point(x, y)
  ),
  m: fc.dictionary(fc.constantFrom("a", "b"), fc.string({ maxLength: 2 }), { maxKeys: 2 }).map((m) =>
    typed(m, "map[string]string")
  ),
});

function run(text: string, d: unknown, option: string): string | Error {
  const t = new Template("p").funcs(TEST_FUNCS).option(option);
  try {
    t.parse(text);
  } catch (e) {
    return e as Error;
  }
  try {
    return t.execute(d);
  } catch (e) {
    return e as Error;
  }
}

function checkOutcome(r: string | Error): void {
  if (typeof r === "string") return;
  assert.ok(
    r instanceof TemplateParseError || r instanceof TemplateExecError,
    `unexpected ${r?.constructor?.name}: ${r?.message}\n${r?.stack}`,
  );
  assert.match(r.message, /^template: /);
}

Deno.test("random token soup either renders or fails with a template error", () => {
  fc.assert(
    fc.property(
      tokenSoup,
      data,
      fc.constantFrom("missingkey=default", "missingkey=zero", "missingkey=error"),
      (text, d, o) => {
        checkOutcome(run(text, d, o));
      },
    ),
    { numRuns: 3000 },
  );
});

Deno.test("random structured templates either render or fail with a template error, deterministically", () => {
  fc.assert(
    fc.property(
      structured,
      data,
      fc.constantFrom("missingkey=default", "missingkey=zero", "missingkey=error"),
      (text, d, o) => {
        const r1 = run(text, d, o);
        checkOutcome(r1);
        const r2 = run(text, d, o);
        assert.equal(typeof r1 === "string" ? r1 : r1.message, typeof r2 === "string" ? r2 : r2.message);
      },
    ),
    { numRuns: 3000 },
  );
});

Deno.test("random printf formats never throw", () => {
  const verbs = fc.array(
    fc.constantFrom(
      "%",
      "d",
      "s",
      "v",
      "+",
      "-",
      "#",
      " ",
      "0",
      "5",
      ".",
      "*",
      "[",
      "]",
      "2",
      "x",
      "q",
      "T",
      "e",
      "g",
      "a",
    ),
    {
      maxLength: 12,
    },
  ).map((a) => a.join(""));
  fc.assert(
    fc.property(verbs, fc.array(leaf, { maxLength: 4 }), (format, args) => {
      assert.equal(typeof sprintf(format, ...args), "string");
    }),
    { numRuns: 3000 },
  );
});
