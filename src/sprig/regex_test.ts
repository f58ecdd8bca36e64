import { sprigFuncs } from "./mod.ts";
import { regexFuncs } from "./regex.ts";
import { c, I, NIL, runCases, runTemplateCases, T, tc } from "./test_cases.ts";

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts).
// deno-fmt-ignore
export const CASES = [
  c("regexMatch", "^[a-z]+\\[[0-9]+\\]$", "adam[23]").is(true),
  c("regexMatch", "^[a-z]+$", "Adam").is(false),
  c("regexMatch", "(?i)^[a-z]+$", "Adam").is(true),
  c("regexMatch", "(", "x").is(false),
  c("regexMatch", "a(?=b)", "ab").is(false),
  c("mustRegexMatch", "(", "x").fails("error parsing regexp: missing closing ): `(`"),
  c("mustRegexMatch", "a(?=b)", "ab").fails("error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
  c("mustRegexMatch", "\\d", "x1").is(true),
  c("regexFindAll", "[2,4,6,8]", "123456789", I(-1)).is(T("[]string", ["2", "4", "6", "8"])),
  c("regexFindAll", "[2,4,6,8]", "123456789", I(2)).is(T("[]string", ["2", "4"])),
  c("regexFindAll", "[2,4,6,8]", "123456789", I(0)).is(NIL("[]string")),
  c("regexFindAll", "x", "123", I(-1)).is(NIL("[]string")),
  c("regexFindAll", "a*", "baaab", I(-1)).is(T("[]string", ["", "aaa", ""])),
  c("regexFindAll", "(", "x", I(-1)).fails("regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"),
  c("mustRegexFindAll", "(", "x", I(-1)).fails("error parsing regexp: missing closing ): `(`"),
  c("mustRegexFindAll", "b+", "abbcb", I(-1)).is(T("[]string", ["bb", "b"])),
  c("regexFind", "[a-zA-Z][1-9]", "abcd1234").is("d1"),
  c("regexFind", "z", "abc").is(""),
  c("regexFind", "a\nb(", "x").fails('regexp: Compile("a\\nb("): error parsing regexp: missing closing ): `a\nb(`'),
  c("mustRegexFind", "[", "x").fails("error parsing regexp: missing closing ]: `[`"),
  c("regexReplaceAll", "a(x*)b", "-ab-axxb-", "${1}W").is("-W-xxW-"),
  c("regexReplaceAll", "a(x*)b", "-ab-axxb-", "$1W").is("---"),
  c("regexReplaceAll", "a(x*)b", "-ab-axxb-", "$$1").is("-$1-$1-"),
  c("regexReplaceAll", "(?P<k>\\w+)=(?P<v>\\w+)", "a=1,b=2", "$v:$k").is("1:a,2:b"),
  c("regexReplaceAll", "", "abc", "-").is("-a-b-c-"),
  c("regexReplaceAll", "x*", "abc", "-").is("-a-b-c-"),
  c("regexReplaceAll", "\\s+", "a \u00a0 b\vc", "_").is("a_\u00a0_b\vc"),
  c("regexReplaceAll", "*", "x", "y").fails("regexp: Compile(`*`): error parsing regexp: missing argument to repetition operator: `*`"),
  c("mustRegexReplaceAll", "a**", "x", "y").fails("error parsing regexp: invalid nested repetition operator: `**`"),
  c("regexReplaceAllLiteral", "a(x*)b", "-ab-axxb-", "${1}").is("-${1}-${1}-"),
  c("mustRegexReplaceAllLiteral", "\\1", "x", "y").fails("error parsing regexp: invalid escape sequence: `\\1`"),
  c("regexSplit", "z+", "pizza", I(-1)).is(T("[]string", ["pi", "a"])),
  c("regexSplit", "z+", "pizza", I(1)).is(T("[]string", ["pizza"])),
  c("regexSplit", "z+", "pizza", I(0)).is(NIL("[]string")),
  c("regexSplit", "", "abc", I(-1)).is(T("[]string", ["a", "b", "c"])),
  c("regexSplit", "a*", "baaac", I(-1)).is(T("[]string", ["b", "c"])),
  c("regexSplit", ",", "", I(-1)).is(T("[]string", [""])),
  c("mustRegexSplit", "(?<=a)", "x", I(-1)).fails("error parsing regexp: invalid named capture: `(?<=a)`"),
  c("regexQuoteMeta", "1.2.3+[x]{y}(z)|^$\\*?").is("1\\.2\\.3\\+\\[x\\]\\{y\\}\\(z\\)\\|\\^\\$\\\\\\*\\?"),
  c("regexQuoteMeta", "plain-text_é").is("plain-text_é"),
];

runCases("regex", regexFuncs, CASES);

// deno-fmt-ignore
export const TEMPLATE_CASES = [
  tc('{{ regexReplaceAll "(\\\\w+)@(\\\\w+)" "joe@example" "${2}/${1}" }}').is("example/joe"),
  tc('{{ "abc" | regexReplaceAll "b" "x" }}').is("x"),
  tc('{{ regexFindAll "x" "abc" -1 | toJson }}').is("null"),
  tc('{{ regexFindAll "b" "abcb" -1 }}').is("[b b]"),
  tc('{{ regexSplit "," "a,b" -1 | len }}').is("2"),
];

runTemplateCases("regex", { ...sprigFuncs(), ...regexFuncs }, TEMPLATE_CASES);
