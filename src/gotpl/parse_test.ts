import assert from "node:assert/strict";
import { TemplateParseError } from "./errors.ts";
import { type Item, itemString, ItemType, Lexer } from "./lex.ts";
import type { NumberNode } from "./node.ts";
import { parse } from "./parse.ts";

const FUNCS = new Set(["printf", "f", "index", "and", "html", "eq"]);
const opts = { hasFunction: (n: string) => FUNCS.has(n) };

/** [template, trees re-printed by name (or err)] — checked against Go's parse package. */
const TREES: [string, Record<string, string>][] = [
  ["", { "t": "" }],
  ["plain text", { "t": "plain text" }],
  ["{{.}}", { "t": "{{.}}" }],
  ["{{.X}}", { "t": "{{.X}}" }],
  ["{{.X.Y.Z}}", { "t": "{{.X.Y.Z}}" }],
  ["{{$}}", { "t": "{{$}}" }],
  ["{{$x := .}}{{$x.A.B}}", { "t": "{{$x := .}}{{$x.A.B}}" }],
  ["{{$x, $y := .}}", { "err": "template: t:1: too many declarations in command" }],
  ["{{range $i, $v := .}}{{$i}}{{$v}}{{end}}", { "t": "{{range $i, $v := .}}{{$i}}{{$v}}{{end}}" }],
  ["{{range $v = .}}{{end}}", { "t": "{{range $v = .}}{{end}}" }],
  ["{{f 1 2.5 \"s\" `raw` 'c' true false nil . .X $}}", {
    "t": "{{f 1 2.5 \"s\" `raw` 'c' true false nil . .X $}}",
  }],
  ['{{.X | f "x" | printf "%s"}}', { "t": '{{.X | f "x" | printf "%s"}}' }],
  ["{{f (f 1) (f (f 2))}}", { "t": "{{f (f 1) (f (f 2))}}" }],
  ["{{(f 1).X.Y}}", { "t": "{{(f 1).X.Y}}" }],
  ["{{(.X).Y}}", { "t": "{{(.X).Y}}" }],
  ["{{if .X}}a{{end}}", { "t": "{{if .X}}a{{end}}" }],
  ["{{if .X}}a{{else}}b{{end}}", { "t": "{{if .X}}a{{else}}b{{end}}" }],
  ["{{if .X}}a{{else if .Y}}b{{else}}c{{end}}", {
    "t": "{{if .X}}a{{else}}{{if .Y}}b{{else}}c{{end}}{{end}}",
  }],
  ["{{with .X}}a{{else with .Y}}b{{end}}", { "t": "{{with .X}}a{{else}}{{with .Y}}b{{end}}{{end}}" }],
  ["{{range .X}}a{{else}}b{{end}}", { "t": "{{range .X}}a{{else}}b{{end}}" }],
  ["{{range .}}{{break}}{{continue}}{{end}}", { "t": "{{range .}}{{break}}{{continue}}{{end}}" }],
  ['{{template "x"}}{{template `y` .Z}}', { "t": '{{template "x"}}{{template "y" .Z}}' }],
  ['{{define "d"}}body {{.}}{{end}}outside', { "d": "body {{.}}", "t": "outside" }],
  ['{{block "b" .X}}default{{end}}after', { "b": "default", "t": '{{template "b" .X}}after' }],
  ["{{/* comment */}}x", { "t": "x" }],
  ["  {{- 1 -}}  ", { "t": "{{1}}" }],
  ["{{0x1F}} {{1e3}} {{1_000}} {{-0}} {{+1}} {{1i}} {{1+2i}} {{'\\n'}}", {
    "t": "{{0x1F}} {{1e3}} {{1_000}} {{-0}} {{+1}} {{1i}} {{1+2i}} {{'\\n'}}",
  }],
  ['{{"a\\tb"}} {{"\\u00e9"}}', { "t": '{{"a\\tb"}} {{"\\u00e9"}}' }],
  ["{{$x := 1}}{{$x = 2}}", { "t": "{{$x := 1}}{{$x = 2}}" }],
  ["{{(($x := 1))}}", { "t": "{{(($x := 1))}}" }],
  ["{{with $x := .}}{{$x}}{{end}}", { "t": "{{with $x := .}}{{$x}}{{end}}" }],
  ["{{f .X.Y $.A (f)}}", { "t": "{{f .X.Y $.A (f)}}" }],
  ['{{printf "%d" 1 | f}}', { "t": '{{printf "%d" 1 | f}}' }],
  ["{{and .A .B}}{{html .}}{{eq 1 2}}", { "t": "{{and .A .B}}{{html .}}{{eq 1 2}}" }],
  ["a\n{{.X\n}}\nb", { "t": "a\n{{.X}}\nb" }],
];

Deno.test("trees re-print like Go's Node.String()", () => {
  for (const [text, want] of TREES) {
    const got: Record<string, string> = {};
    try {
      for (const [name, tree] of parse("t", text, opts)) got[name] = tree.root!.toString();
    } catch (e) {
      if (!(e instanceof TemplateParseError)) throw e;
      got.err = e.message;
    }
    assert.deepEqual(got, want, text);
  }
});

function lex(text: string, options: Partial<Lexer["options"]> = {}): string[] {
  const l = new Lexer("t", text);
  l.options = { emitComment: false, breakOK: true, continueOK: true, ...options };
  const out: string[] = [];
  for (;;) {
    const i: Item = l.nextItem();
    out.push(ItemType[i.typ] + ":" + i.val);
    if (i.typ === ItemType.EOF || i.typ === ItemType.Error) return out;
  }
}

Deno.test("lexer items", () => {
  assert.deepEqual(lex("a{{.X}}b"), [
    "Text:a",
    "LeftDelim:{{",
    "Field:.X",
    "RightDelim:}}",
    "Text:b",
    "EOF:",
  ]);
  assert.deepEqual(lex("{{ $x := 1 }}"), [
    "LeftDelim:{{",
    "Space: ",
    "Variable:$x",
    "Space: ",
    "Declare::=",
    "Space: ",
    "Number:1",
    "Space: ",
    "RightDelim:}}",
    "EOF:",
  ]);
  assert.deepEqual(lex("{{.a.b | f \"s\" 'c' `r`}}"), [
    "LeftDelim:{{",
    "Field:.a",
    "Field:.b",
    "Space: ",
    "Pipe:|",
    "Space: ",
    "Identifier:f",
    "Space: ",
    'String:"s"',
    "Space: ",
    "CharConstant:'c'",
    "Space: ",
    "RawString:`r`",
    "RightDelim:}}",
    "EOF:",
  ]);
  assert.deepEqual(lex("{{if true}}{{else}}{{end}}").filter((s) => !s.startsWith("Space")), [
    "LeftDelim:{{",
    "If:if",
    "Bool:true",
    "RightDelim:}}",
    "LeftDelim:{{",
    "Else:else",
    "RightDelim:}}",
    "LeftDelim:{{",
    "End:end",
    "RightDelim:}}",
    "EOF:",
  ]);
  assert.deepEqual(lex("{{(1)}}"), [
    "LeftDelim:{{",
    "LeftParen:(",
    "Number:1",
    "RightParen:)",
    "RightDelim:}}",
    "EOF:",
  ]);
  assert.deepEqual(lex("{{1+2i -3 .5 0x1p-2}}").filter((s) => !s.startsWith("Space")), [
    "LeftDelim:{{",
    "Complex:1+2i",
    "Number:-3",
    "Number:.5",
    "Number:0x1p-2",
    "RightDelim:}}",
    "EOF:",
  ]);
  assert.deepEqual(lex("{{,}}"), ["LeftDelim:{{", "Char:,", "RightDelim:}}", "EOF:"]);
  assert.deepEqual(lex("{{$ $.x}}"), [
    "LeftDelim:{{",
    "Variable:$",
    "Space: ",
    "Variable:$",
    "Field:.x",
    "RightDelim:}}",
    "EOF:",
  ]);
});

Deno.test("lexer trim markers and comments", () => {
  assert.deepEqual(lex("a \n {{- 1 -}} \n b"), [
    "Text:a",
    "LeftDelim:{{",
    "Number:1",
    "RightDelim:}}",
    "Text:b",
    "EOF:",
  ]);
  assert.deepEqual(lex("a {{-1}}"), ["Text:a ", "LeftDelim:{{", "Number:-1", "RightDelim:}}", "EOF:"]);
  assert.deepEqual(lex("a {{/* c */}} b"), ["Text:a ", "Text: b", "EOF:"]);
  assert.deepEqual(lex("a {{- /* c */ -}} b", { emitComment: true }), [
    "Text:a",
    "Comment:/* c */",
    "Text:b",
    "EOF:",
  ]);
  assert.deepEqual(lex("{{/* c */ x}}"), ["Error:comment ends before closing delimiter"]);
  assert.deepEqual(lex("{{/* c"), ["Error:unclosed comment"]);
});

Deno.test("lexer keywords depend on options and errors stop the stream", () => {
  assert.deepEqual(lex("{{break}}").slice(1, 2), ["Break:break"]);
  assert.deepEqual(lex("{{break}}", { breakOK: false }).slice(1, 2), ["Identifier:break"]);
  assert.deepEqual(lex("{{continue}}", { continueOK: false }).slice(1, 2), ["Identifier:continue"]);
  assert.deepEqual(lex("{{3k}}"), ["LeftDelim:{{", 'Error:bad number syntax: "3k"']);
  assert.deepEqual(lex("{{ .x"), ["LeftDelim:{{", "Space: ", "Field:.x", "Error:unclosed action"]);
  assert.deepEqual(lex("{{(}}"), ["LeftDelim:{{", "LeftParen:(", "Error:unclosed left paren"]);
  assert.deepEqual(lex("{{)}}"), ["LeftDelim:{{", "Error:unexpected right paren"]);
  assert.deepEqual(lex('{{"a}}'), ["LeftDelim:{{", "Error:unterminated quoted string"]);
  assert.deepEqual(lex("{{\u00e9\u20ac}}"), ["LeftDelim:{{", "Error:bad character U+20AC '\u20ac'"]);
  assert.deepEqual(lex("{{\u0001}}"), ["LeftDelim:{{", "Error:unrecognized character in action: U+0001"]);
});

Deno.test("lexer tracks lines and positions", () => {
  const l = new Lexer("t", "a\nb{{\n.x\n}}\nc");
  const items: Item[] = [];
  for (let i = l.nextItem(); i.typ !== ItemType.EOF; i = l.nextItem()) items.push(i);
  assert.deepEqual(items.map((i) => [ItemType[i.typ], i.pos, i.line]), [
    ["Text", 0, 1],
    ["LeftDelim", 3, 2],
    ["Space", 5, 2],
    ["Field", 6, 3],
    ["Space", 8, 3],
    ["RightDelim", 9, 4],
    ["Text", 11, 4],
  ]);
});

Deno.test("items print like Go's item.String()", () => {
  const it = (typ: ItemType, val: string): Item => ({ typ, val, pos: 0, line: 1 });
  assert.equal(itemString(it(ItemType.EOF, "")), "EOF");
  assert.equal(itemString(it(ItemType.End, "end")), "<end>");
  assert.equal(itemString(it(ItemType.Char, ",")), '","');
  assert.equal(itemString(it(ItemType.String, '"0123456789abc"')), '"\\"012345678"...');
  assert.equal(itemString(it(ItemType.Text, "日本語日本")), '"日本語日本"...');
});

Deno.test("number nodes hold every representation", () => {
  const num = (text: string) => {
    const t = parse("t", "{{" + text + "}}", opts).get("t")!;
    // deno-lint-ignore no-explicit-any -- reaching into the tree shape of a one-action template
    return (t.root!.nodes[0] as any).pipe.cmds[0].args[0] as NumberNode;
  };
  const n = num("1e3");
  assert.deepEqual([n.isInt, n.isUint, n.isFloat, n.isComplex, n.int64, n.float64], [
    true,
    true,
    true,
    false,
    1000n,
    1000,
  ]);
  const h = num("0x10");
  assert.deepEqual([h.isInt, h.isUint, h.int64], [true, true, 16n]);
  const neg = num("-5");
  assert.deepEqual([neg.isInt, neg.isUint, neg.int64], [true, false, -5n]);
  const big = num("18446744073709551615");
  assert.deepEqual([big.isInt, big.isUint, big.uint64], [false, true, 18446744073709551615n]);
  const f = num("2.5");
  assert.deepEqual([f.isInt, f.isFloat, f.float64], [false, true, 2.5]);
  const c = num("'a'");
  assert.deepEqual([c.isInt, c.isUint, c.isFloat, c.int64], [true, true, true, 97n]);
  const i = num("2i");
  assert.deepEqual([i.isComplex, i.isFloat, i.complex128?.im], [true, false, 2]);
  const z = num("0i");
  assert.deepEqual([z.isComplex, z.isFloat, z.isInt], [true, true, true]);
  const legacy = num("0377");
  assert.equal(legacy.int64, 255n);
  const plus = num("+1");
  assert.deepEqual([plus.isInt, plus.isUint], [true, false]);
});

Deno.test("parse limits", () => {
  const deep = "{{" + "(".repeat(10001) + "1" + ")".repeat(10001) + "}}";
  assert.throws(
    () => parse("t", deep, opts),
    (e: Error) => e instanceof TemplateParseError && /max expression depth exceeded/.test(e.message),
  );
});
