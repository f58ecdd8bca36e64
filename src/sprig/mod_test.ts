import assert from "node:assert/strict";
import { SPRIG_FAMILIES, sprigFuncs } from "./mod.ts";

/**
 * Sprig v3.3.0's `TxtFuncMap` names (functions.go, `genericMap`), minus
 * `env` and `expandenv`, which Helm deletes.
 */
// deno-fmt-ignore
const SPRIG_NAMES = [
  "hello",
  // dates
  "ago", "date", "date_in_zone", "date_modify", "dateInZone", "dateModify", "duration", "durationRound",
  "htmlDate", "htmlDateInZone", "must_date_modify", "mustDateModify", "mustToDate", "now", "toDate",
  "unixEpoch",
  // strings
  "abbrev", "abbrevboth", "trunc", "trim", "upper", "lower", "title", "untitle", "substr", "repeat",
  "trimall", "trimAll", "trimSuffix", "trimPrefix", "nospace", "initials", "randAlphaNum", "randAlpha",
  "randAscii", "randNumeric", "swapcase", "shuffle", "snakecase", "camelcase", "kebabcase", "wrap",
  "wrapWith", "contains", "hasPrefix", "hasSuffix", "quote", "squote", "cat", "indent", "nindent",
  "replace", "plural", "sha1sum", "sha256sum", "sha512sum", "adler32sum", "toString",
  // conversion
  "atoi", "int64", "int", "float64", "seq", "toDecimal",
  // string slices
  "split", "splitList", "splitn", "toStrings",
  // integer ranges and arithmetic
  "until", "untilStep", "add1", "add", "sub", "div", "mod", "mul", "randInt", "add1f", "addf", "subf",
  "divf", "mulf", "biggest", "max", "min", "maxf", "minf", "ceil", "floor", "round", "join", "sortAlpha",
  // defaults and JSON
  "default", "empty", "coalesce", "all", "any", "compact", "mustCompact", "fromJson", "toJson",
  "toPrettyJson", "toRawJson", "mustFromJson", "mustToJson", "mustToPrettyJson", "mustToRawJson",
  "ternary", "deepCopy", "mustDeepCopy",
  // reflection
  "typeOf", "typeIs", "typeIsLike", "kindOf", "kindIs", "deepEqual",
  // network
  "getHostByName",
  // paths
  "base", "dir", "clean", "ext", "isAbs", "osBase", "osClean", "osDir", "osExt", "osIsAbs",
  // encoding
  "b64enc", "b64dec", "b32enc", "b32dec",
  // data structures
  "tuple", "list", "dict", "get", "set", "unset", "hasKey", "pluck", "keys", "pick", "omit", "merge",
  "mergeOverwrite", "mustMerge", "mustMergeOverwrite", "values", "append", "push", "mustAppend",
  "mustPush", "prepend", "mustPrepend", "first", "mustFirst", "rest", "mustRest", "last", "mustLast",
  "initial", "mustInitial", "reverse", "mustReverse", "uniq", "mustUniq", "without", "mustWithout", "has",
  "mustHas", "slice", "mustSlice", "concat", "dig", "chunk", "mustChunk",
  // crypto
  "bcrypt", "htpasswd", "genPrivateKey", "derivePassword", "buildCustomCert", "genCA", "genCAWithKey",
  "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "encryptAES",
  "decryptAES", "randBytes",
  // uuid, semver
  "uuidv4", "semver", "semverCompare",
  // flow control
  "fail",
  // regex
  "regexMatch", "mustRegexMatch", "regexFindAll", "mustRegexFindAll", "regexFind", "mustRegexFind",
  "regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral",
  "regexSplit", "mustRegexSplit", "regexQuoteMeta",
  // urls
  "urlParse", "urlJoin",
];

/** The names part B (crypto, random, dates, regex, semver, uuid) provides. */
// deno-fmt-ignore
const PART_B_NAMES = new Set([
  "ago", "date", "date_in_zone", "date_modify", "dateInZone", "dateModify", "duration", "durationRound",
  "htmlDate", "htmlDateInZone", "must_date_modify", "mustDateModify", "mustToDate", "now", "toDate",
  "unixEpoch", "randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randInt", "randBytes", "sha1sum",
  "sha256sum", "sha512sum", "adler32sum", "bcrypt", "htpasswd", "genPrivateKey", "derivePassword",
  "buildCustomCert", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
  "genSignedCert", "genSignedCertWithKey", "encryptAES", "decryptAES", "uuidv4", "semver", "semverCompare",
  "regexMatch", "mustRegexMatch", "regexFindAll", "mustRegexFindAll", "regexFind", "mustRegexFind",
  "regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral",
  "regexSplit", "mustRegexSplit", "regexQuoteMeta",
]);

Deno.test("mod: the hand-written name list has Sprig's 209 names without duplicates", () => {
  assert.equal(new Set(SPRIG_NAMES).size, SPRIG_NAMES.length);
  assert.equal(SPRIG_NAMES.length, 209);
  assert.ok(!SPRIG_NAMES.includes("env") && !SPRIG_NAMES.includes("expandenv"));
});

Deno.test("mod: every exported function is a Sprig function", () => {
  const extra = Object.keys(sprigFuncs()).filter((n) => !SPRIG_NAMES.includes(n));
  assert.deepEqual(extra, []);
});

Deno.test("mod: part A provides every name outside part B's families", () => {
  const names = new Set(Object.keys(sprigFuncs()));
  const missing = SPRIG_NAMES.filter((n) => !names.has(n) && !PART_B_NAMES.has(n));
  assert.deepEqual(missing, []);
});

Deno.test("mod: sprigFuncs() has exactly Sprig v3.3.0's TxtFuncMap minus env/expandenv", () => {
  assert.deepEqual(Object.keys(sprigFuncs()).sort(), [...SPRIG_NAMES].sort());
});

Deno.test("mod: no two families define the same name", () => {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const [family, funcs] of Object.entries(SPRIG_FAMILIES)) {
    for (const name of Object.keys(funcs)) {
      const other = seen.get(name);
      if (other) clashes.push(`${name}: ${other} and ${family}`);
      seen.set(name, family);
    }
  }
  assert.deepEqual(clashes, []);
});

Deno.test("mod: every entry is a well-formed GoFunc", () => {
  for (const [name, f] of Object.entries(sprigFuncs())) {
    assert.ok(Array.isArray(f.params), name);
    assert.equal(typeof f.fn, "function", name);
    if (f.variadic) assert.ok(f.params.length >= 1, name);
  }
});

Deno.test("mod: sprigFuncs() returns a fresh map each call", () => {
  const a = sprigFuncs();
  delete a.upper;
  assert.ok("upper" in sprigFuncs());
});
