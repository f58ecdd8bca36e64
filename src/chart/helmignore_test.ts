import assert from "node:assert/strict";
import { ChartLoadError } from "./errors.ts";
import { globRegExp, goMatch, HelmIgnore } from "./helmignore.ts";
import fc from "fast-check";
import { trimGoSpace as goTrimSpace } from "../gotpl/utf8.ts";

// [pattern, name, Go's filepath.Match result ("err" for ErrBadPattern)],
// produced by Go 1.26's path/filepath.
const MATCH_CASES: [string, string, boolean | "err"][] = [
  ["*.txt", "a.txt", true],
  ["*.txt", "d/a.txt", false],
  ["*", "a/b", false],
  ["a*", "a/b", false],
  ["a/*", "a/b", true],
  ["a/*/c", "a/b/c", true],
  ["?", "é", true],
  ["??", "é", false],
  ["?", "/", false],
  ["[a-c]x", "bx", true],
  ["[^a-c]x", "bx", false],
  ["[^a-c]x", "dx", true],
  ["[]a]", "]", "err"],
  ["[a-]", "a", "err"],
  ["[", "a", "err"],
  ["a[", "b", "err"],
  // Go only finds a bad pattern as far as matching gets.
  ["x*[", "abc", false],
  ["*[", "abc", "err"],
  ["\\*", "*", true],
  ["\\", "a", "err"],
  ["a\\", "a", "err"],
  ["[\\]]", "]", true],
  ["[é-ü]", "ö", true],
  ["*.y*ml", "x.yaml", true],
  ["templates/.?*", "templates/.a", true],
  ["templates/.?*", "templates/.", false],
  ["templates/.?*", "templates/x/.a", false],
  ["**", "a", true],
  ["a*b*c", "axxbyyc", true],
  ["a*b*c", "axxbyy/c", false],
];

Deno.test("goMatch: Go's filepath.Match, errors included", () => {
  for (const [pattern, name, want] of MATCH_CASES) {
    let got: boolean | "err";
    try {
      got = goMatch(pattern, name);
    } catch (e) {
      assert.ok(e instanceof ChartLoadError);
      assert.equal(e.message, "syntax error in pattern");
      got = "err";
    }
    assert.equal(got, want, `Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`);
  }
});

Deno.test("HelmIgnore: helm's rule forms", () => {
  const r = HelmIgnore.parse(
    "# comment\n\n  *.txt  \n!keep.txt\nsecret/\n/top.md\nsub/*.md\n",
  );
  r.addDefaults();
  // The first rule that decides wins: `*.txt` ignores keep.txt before
  // `!keep.txt` is reached, and a non-matching `!keep.txt` ignores
  // everything else (helm's negation).
  assert.equal(r.ignores("keep.txt", false), true);
  assert.equal(r.ignores("a.txt", false), true);
  assert.equal(r.ignores("Chart.yaml", false), true);
  const neg = HelmIgnore.parse("!keep.txt\n");
  assert.equal(neg.ignores("keep.txt", false), false);
  assert.equal(neg.ignores("other", false), true);

  const rules = HelmIgnore.parse("*.txt\nsecret/\n/top.md\nsub/*.md\n");
  rules.addDefaults();
  const cases: [string, boolean, boolean][] = [
    ["a.txt", false, true],
    ["d/a.txt", false, true], // no slash: matches the base name anywhere
    ["secret", true, true],
    ["secret", false, false], // directories only
    ["d/secret", true, true],
    ["top.md", false, true],
    ["d/top.md", false, false], // rooted
    ["sub/a.md", false, true],
    ["x/sub/a.md", false, false],
    ["templates/.hidden", false, true],
    ["templates/x/.hidden", false, false],
    ["templates/x.yaml", false, false],
    ["", true, false],
    [".", true, false],
  ];
  for (const [path, isDir, want] of cases) assert.equal(rules.ignores(path, isDir), want, path);
});

Deno.test("HelmIgnore: a negated directory rule ignores every file (helm's quirk)", () => {
  const r = HelmIgnore.parse("!foo/\n");
  assert.equal(r.ignores("b.txt", false), true);
  assert.equal(r.ignores("foo", true), false);
  assert.equal(r.ignores("bar", true), true);
});

Deno.test("HelmIgnore: errors, BOM, CRLF and long lines", () => {
  assert.throws(() => HelmIgnore.parse("a/**/b\n"), { message: "double-star (**) syntax is not supported" });
  assert.throws(() => HelmIgnore.parse("a[\n"), { message: "syntax error in pattern" });
  // Checked against "abc" only, as helm does: this bad pattern passes.
  HelmIgnore.parse("x*[\n");
  const bom = HelmIgnore.parse(new Uint8Array([0xef, 0xbb, 0xbf, 0x2a, 0x2e, 0x74, 0x78, 0x74, 0x0d, 0x0a]));
  assert.equal(bom.ignores("a.txt", false), true);
  assert.throws(() => HelmIgnore.parse("x".repeat(65536)), { message: "bufio.Scanner: token too long" });
  HelmIgnore.parse("x".repeat(65535) + "\n");
});

Deno.test("goTrimSpace: Go's white space", () => {
  assert.equal(goTrimSpace("\u00a0\t a \u3000\u0085"), "a");
  assert.equal(goTrimSpace("\ufeffa"), "\ufeffa");
});

Deno.test("globRegExp matches as Go's filepath.Match does", () => {
  const part = fc.constantFrom(
    "*",
    "?",
    "a",
    "b",
    ".",
    "/",
    "-",
    "~",
    "é",
    "+",
    "$",
    "(",
    "|",
    "]",
    "}",
    "{",
  );
  const name = fc.array(
    fc.constantFrom("a", "b", ".", "/", "-", "~", "é", "+", "$", "(", "|", "ab", "]", "{}"),
    {
      maxLength: 8,
    },
  ).map((p) => p.join(""));
  fc.assert(
    fc.property(
      fc.array(part, { maxLength: 8 }).map((p) => p.join("")),
      fc.array(name, { maxLength: 6 }),
      (pat, names) => {
        const re = globRegExp(pat)!;
        for (const n of names) assert.equal(re.test(n), goMatch(pat, n), `${pat} ~ ${n}`);
      },
    ),
    { numRuns: 3000 },
  );
  assert.equal(globRegExp("[a]"), undefined);
  assert.equal(globRegExp("a\\*"), undefined);
});
