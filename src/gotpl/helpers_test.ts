import assert from "node:assert/strict";
import { htmlEscapeString, isTrue, jsEscapeString, urlQueryEscape } from "./builtins.ts";
import { canBackquote, quote, quoteRune, quoteToASCII, unquote } from "./quote.ts";
import { int, Point } from "./test_helpers.ts";
import { Kind, kindOf, typeName } from "./types.ts";
import { compareStrings, runeCount, sortStrings, truncateRunes, utf8Length } from "./utf8.ts";
import { GoComplex, GoInt, withGoType } from "./value.ts";

// Expectations checked against Go (strconv, text/template, net/url).
Deno.test("quote, quoteToASCII, canBackquote", () => {
  const cases: [string, string, string, boolean][] = [
    ["", '""', '""', true],
    ['a"b\\c', '"a\\"b\\\\c"', '"a\\"b\\\\c"', true],
    [
      "\x07\b\f\n\r\t\v\x00\x7f",
      '"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f"',
      '"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f"',
      false,
    ],
    ["héllo 日本", '"héllo 日本"', '"h\\u00e9llo \\u65e5\\u672c"', true],
    ["\u00a0\u200b\ufeff", '"\\u00a0\\u200b\\ufeff"', '"\\u00a0\\u200b\\ufeff"', false],
    ["😀\u{E0001}", '"😀\\U000e0001"', '"\\U0001f600\\U000e0001"', true],
    ["`back`", '"`back`"', '"`back`"', false],
  ];
  for (const [s, q, qa, bq] of cases) {
    assert.equal(quote(s), q, s);
    assert.equal(quoteToASCII(s), qa, s);
    assert.equal(canBackquote(s), bq, s);
  }
});

Deno.test("quoteRune", () => {
  assert.equal(quoteRune(0x61), "'a'");
  assert.equal(quoteRune(0x27), "'\\''");
  assert.equal(quoteRune(0x0a), "'\\n'");
  assert.equal(quoteRune(0x4e16), "'世'");
  assert.equal(quoteRune(0x4e16, true), "'\\u4e16'");
  assert.equal(quoteRune(0x1f600, true), "'\\U0001f600'");
  assert.equal(quoteRune(0x110000), "'\ufffd'");
  assert.equal(quoteRune(0xd800, true), "'\\ufffd'");
  assert.equal(quoteRune(0), "'\\x00'");
});

Deno.test("unquote", () => {
  assert.equal(unquote('"a\\tb"'), "a\tb");
  assert.equal(unquote("`a\r\nb`"), "a\nb");
  assert.equal(unquote("'x'"), "x");
  assert.equal(unquote('"\\u00e9\\x41\\101"'), "éAA");
  assert.equal(unquote('""'), "");
  assert.equal(unquote('"\\xc3\\xa9"'), "é");
  assert.equal(unquote('"\\xff"'), "\udcff"); // the raw byte 0xff, held as its escape (see utf8.ts)
  for (const bad of ['"bad', '"\\q"', "'ab'", '"a"b"', "x", "`a`b`", '"a\nb"']) {
    assert.throws(() => unquote(bad), /invalid syntax/, bad);
  }
});

Deno.test("escapers", () => {
  assert.equal(htmlEscapeString('a"b\\c'), "a&#34;b\\c");
  assert.equal(htmlEscapeString("<a href='x'>&\0"), "&lt;a href=&#39;x&#39;&gt;&amp;\uFFFD");
  assert.equal(jsEscapeString('a"b\\c'), 'a\\"b\\\\c');
  assert.equal(
    jsEscapeString("\x07\b\f\n\r\t\v\x00\x7f"),
    "\\u0007\\u0008\\u000C\\u000A\\u000D\\u0009\\u000B\\u0000\x7f",
  );
  assert.equal(jsEscapeString("<>&='"), "\\u003C\\u003E\\u0026\\u003D\\'");
  assert.equal(jsEscapeString("\u00a0\u200b\ufeff"), "\\u00A0\\u200B\\uFEFF");
  assert.equal(jsEscapeString("😀\u{E0001}"), "😀\\uE0001");
  assert.equal(jsEscapeString("héllo 日本"), "héllo 日本");
  assert.equal(urlQueryEscape('a"b\\c'), "a%22b%5Cc");
  assert.equal(urlQueryEscape("héllo 日本"), "h%C3%A9llo+%E6%97%A5%E6%9C%AC");
  assert.equal(urlQueryEscape("-_.~!*'()"), "-_.~%21%2A%27%28%29");
});

Deno.test("Go truth", () => {
  const truthy = [
    true,
    1,
    -1,
    NaN,
    "x",
    [0],
    { a: 1 },
    int(1),
    new Point(0, 0),
    new GoComplex(0, 1),
    () => 1,
  ];
  const falsy = [undefined, null, false, 0, -0, "", [], {}, int(0), new Uint8Array(), new GoComplex(0, 0)];
  for (const v of truthy) assert.equal(isTrue(v), true, String(v));
  for (const v of falsy) assert.equal(isTrue(v), false, String(v));
});

Deno.test("type names and kinds", () => {
  assert.equal(typeName(1), "float64");
  assert.equal(typeName(GoInt.of(1, "uint16")), "uint16");
  assert.equal(typeName(withGoType(["a"], "[]string")), "[]string");
  assert.equal(typeName(withGoType({}, "chartutil.Values")), "chartutil.Values");
  assert.equal(typeName(new Uint8Array()), "[]uint8");
  assert.equal(typeName(null), "<nil>");
  assert.equal(typeName(withGoType(() => 1, "func(string) string")), "func(string) string");
  assert.equal(kindOf(Object.create(null)), Kind.Map);
  assert.equal(kindOf(new Date()), Kind.Other);
  assert.equal(typeName(new Date()), "Date");
});

Deno.test("UTF-8 helpers use Go's byte semantics", () => {
  assert.equal(utf8Length("héllo"), 6);
  assert.equal(utf8Length("😀"), 4);
  assert.equal(utf8Length("\ud800"), 3);
  assert.equal(runeCount("a😀é"), 3);
  assert.equal(truncateRunes("a😀é", 2), "a😀");
  // U+FF01 sorts before U+1F600 in UTF-8 but after it in UTF-16.
  assert.equal(compareStrings("\uFF01", "\u{1F600}"), -1);
  assert.equal(compareStrings("a", "ab"), -1);
  assert.equal(compareStrings("b", "a"), 1);
  assert.equal(compareStrings("x", "x"), 0);
  assert.deepEqual(sortStrings(["b", "B", "a", "10", "9", "\u{1F600}", "\uFF01"]), [
    "10",
    "9",
    "B",
    "a",
    "b",
    "\uFF01",
    "\u{1F600}",
  ]);
});
