import assert from "node:assert/strict";
import fc from "fast-check";
import {
  compileGoRegexp,
  goQuote,
  GoRegexpSyntaxError,
  matchGoRegexp,
  mustCompileGoRegexp,
  quoteMeta,
} from "./mod.ts";
import { GO_REGEXP_CASES } from "./testdata_go_cases.ts";

Deno.test("regexp: every recorded Go case gives Go's results", () => {
  for (const [pattern, input, n, repl, want] of GO_REGEXP_CASES) {
    const label = `pattern ${JSON.stringify(pattern)} on ${JSON.stringify(input)}`;
    if (want.err !== undefined) {
      assert.throws(() => compileGoRegexp(pattern), (e: Error) => {
        assert.ok(e instanceof GoRegexpSyntaxError, label);
        assert.equal(e.message, want.err, label);
        return true;
      });
      assert.throws(() => mustCompileGoRegexp(pattern), { message: want.panic }, label);
      continue;
    }
    const re = compileGoRegexp(pattern);
    assert.equal(re.match(input), want.match, `${label}: match`);
    assert.equal(re.find(input), want.find, `${label}: find`);
    assert.deepEqual(re.findAll(input, n) ?? null, want.findAll, `${label}: findAll ${n}`);
    assert.deepEqual(re.split(input, n) ?? null, want.split, `${label}: split ${n}`);
    assert.equal(re.replaceAll(input, repl), want.replace, `${label}: replaceAll ${repl}`);
    assert.equal(re.replaceAllLiteral(input, repl), want.replaceLit, `${label}: replaceAllLiteral`);
    assert.deepEqual(re.findSubmatch(input) ?? null, want.sub, `${label}: submatch`);
  }
});

Deno.test("regexp: lookarounds and backreferences are rejected with Go's text", () => {
  assert.throws(
    () => compileGoRegexp("foo(?=bar)"),
    { message: "error parsing regexp: invalid or unsupported Perl syntax: `(?=`" },
  );
  assert.throws(() => compileGoRegexp("(a)\\1"), {
    message: "error parsing regexp: invalid escape sequence: `\\1`",
  });
  assert.throws(
    () => mustCompileGoRegexp("a\nb("),
    { message: 'regexp: Compile("a\\nb("): error parsing regexp: missing closing ): `a\nb(`' },
  );
});

Deno.test("regexp: emitted JS never uses shorthands whose meaning differs from Go's", () => {
  const re = compileGoRegexp("(?m)^\\s.$");
  assert.doesNotMatch(re.jsSource, /\\s(?!\\S\])/);
  assert.equal(re.match("\u00a0x"), false);
  assert.equal(re.match("\vx"), false);
  assert.equal(re.match("\tx"), true);
  assert.equal(re.match("a\r\n\tx"), true);
  assert.equal(compileGoRegexp("^.$").match("\r"), true);
});

Deno.test("regexp: named groups accept names JS would reject", () => {
  const re = compileGoRegexp("(?P<1x>a)(?P<_>b)");
  assert.deepEqual(re.subexpNames, ["", "1x", "_"]);
  assert.equal(re.replaceAll("ab", "${1x}-$_"), "a-b");
  assert.equal(re.replaceAll("ab", "$1x"), "a");
});

Deno.test("regexp: matchGoRegexp and compile cache", () => {
  assert.equal(matchGoRegexp("^[a-z]+$", "abc"), true);
  assert.equal(compileGoRegexp("x+"), compileGoRegexp("x+"));
});

Deno.test("regexp property: quoteMeta(s) matches exactly s", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary-ascii" }), (s) => {
      const re = compileGoRegexp("^" + quoteMeta(s) + "$");
      return re.match(s) && re.find(s) === s;
    }),
  );
  fc.assert(
    fc.property(fc.string({ unit: "grapheme" }), (s) => compileGoRegexp(quoteMeta(s)).find(s) === s),
  );
});

Deno.test("regexp property: splitting on a literal separator agrees with String.split", () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z]*$/)), fc.constantFrom(",", "::", "."), (parts, sep) => {
      const s = parts.join(sep);
      const got = compileGoRegexp(quoteMeta(sep)).split(s, -1);
      // Go returns [""] for an empty input, like String.split.
      return JSON.stringify(got) === JSON.stringify(s.split(sep));
    }),
  );
});

Deno.test("regexp property: replaceAllLiteral never expands and findAll -1 covers all matches", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[ab$1{}]*$/), fc.stringMatching(/^[ab$1{}]*$/), (s, repl) => {
      const re = compileGoRegexp("a+");
      const lit = re.replaceAllLiteral(s, repl);
      const expected = s.replace(/a+/g, () => repl);
      const all = re.findAll(s, -1) ?? [];
      return lit === expected && all.join("") === (s.match(/a+/g) ?? []).join("");
    }),
  );
});

Deno.test("goQuote: Go's strconv.Quote escapes", () => {
  assert.equal(goQuote('a"\\\n\t\x07\x7f'), '"a\\"\\\\\\n\\t\\a\\x7f"');
  assert.equal(goQuote("é\u00a0\u{1F600}\u{E0001}"), '"é\\u00a0\u{1F600}\\U000e0001"');
});

Deno.test("regexp: a byte that is not UTF-8 in the pattern is Go's invalid UTF-8 error", () => {
  // charta holds such a byte as a lone surrogate U+DC80+byte.
  assert.throws(() => compileGoRegexp("a\udcffb"), {
    message: "error parsing regexp: invalid UTF-8: `\udcffb`",
  });
  // In the input it is one character, as Go decodes it to one RuneError.
  assert.equal(compileGoRegexp("^a.b$").match("a\udcffb"), true);
});
