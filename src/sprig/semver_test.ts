import { sprigFuncs } from "./mod.ts";
import { semverFuncs } from "./semver.ts";
import { c, runCases, runTemplateCases, tc } from "./test_cases.ts";

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts).
// deno-fmt-ignore
export const CASES = [
  c("semverCompare", "1.2.3", "1.2.3").is(true),
  c("semverCompare", "^1.2.0", "1.3.9").is(true),
  c("semverCompare", "^1.2.0", "2.0.0").is(false),
  c("semverCompare", "~1.2.0", "1.2.9").is(true),
  c("semverCompare", ">=1.19", "v1.29.0-eks-1").is(false),
  c("semverCompare", ">=1.19-0", "v1.29.0-eks-1").is(true),
  c("semverCompare", ">= 1.2, < 3.0.0 || 4.x", "4.5.6").is(true),
  c("semverCompare", "1.2 - 1.4.5", "1.4.6").is(false),
  c("semverCompare", "foo", "1.2.3").fails('improper constraint: "foo"'),
  c("semverCompare", ">=1.0", "one").fails("invalid semantic version"),
  c("semverCompare", ">=1.0", "1.2.3-01").fails("version segment starts with 0"),
  c("semverCompare", ">=1.0", "99999999999999999999").fails('error parsing version segment: strconv.ParseUint: parsing "99999999999999999999": value out of range'),
  c("semver", "").fails("invalid semantic version"),
  c("semver", "1.2.3+a..b").fails("invalid semantic version"),
  c("semver", "1.2.3-01").fails("version segment starts with 0"),
];

runCases("semver", semverFuncs, CASES);

// deno-fmt-ignore
export const TEMPLATE_CASES = [
  tc('{{ semver "v1.2" }}').is("1.2.0"),
  tc('{{ $v := semver "v1.2.3-beta.1+sha" }}{{ $v.Major }}.{{ $v.Minor }}.{{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }}').is("1.2.3 beta.1 sha v1.2.3-beta.1+sha"),
  tc('{{ typeOf (semver "1.0.0") }} {{ typeOf (semver "1.0.0").Major }}').is("*semver.Version uint64"),
  tc('{{ (semver "1.2.3").Compare (semver "1.10.0") }}').is("-1"),
  tc('{{ (semver "1.2.3").LessThan (semver "1.10.0") }}').is("true"),
  tc('{{ (semver "v1.2.3").IncMinor }}').is("1.3.0"),
  tc('{{ semver "x" }}').fails('template: t:1:3: executing "t" at <semver "x">: error calling semver: invalid semantic version'),
  tc('{{ if semverCompare ">=1.21-0" "v1.30.2-gke.100" }}policy/v1{{ end }}').is("policy/v1"),
];

runTemplateCases("semver", { ...sprigFuncs(), ...semverFuncs }, TEMPLATE_CASES);
