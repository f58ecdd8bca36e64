import { sprigFuncs } from "./mod.ts";
import { runTemplateCases, tc } from "./test_cases.ts";

const V = {
  name: "my-release",
  s: "héllo wörld",
  n: 3,
  f: 2.5,
  neg: -2.4,
  big: 1000000,
  zero: 0,
  empty: "",
  no: false,
  l: [1, 2, 3],
  ls: ["b", "a", "c"],
  m: { b: 1, a: "x", n: { deep: true } },
  e: [],
  nul: null,
};

// Templates rendered by Go's text/template with Sprig v3.3.0 (missingkey=zero,
// data {Values: V} decoded from JSON, so numbers are float64 as in Helm); see gen/oracle.ts.
// deno-fmt-ignore
export const TEMPLATE_CASES = [
  // strings in pipelines: the piped value is the last argument
  tc("{{ .Values.name | trunc 5 }}|{{ .Values.name | upper | quote }}", V).is("my-re|\"MY-RELEASE\""),
  tc("{{ .Values.s | trunc 2 | b64enc }}|{{ substr 1 3 .Values.s }}", V).is("aMM=|é"),
  tc("{{ trunc 63 .Values.name | trimSuffix \"-\" }}", V).is("my-release"),
  tc("{{ \"a\\nb\\n\\nc\" | indent 2 }}|{{ \"x\" | nindent 4 }}", V).is("  a\n  b\n  \n  c|\n    x"),
  tc("{{ indent .Values.n \"x\" }}", V).fails("template: t:1:17: executing \"t\" at <.Values.n>: wrong type for value; expected int; got float64"),
  tc("{{ indent (int .Values.n) \"x\" }}", V).is("   x"),
  tc("{{ indent 2.0 \"x\" }}", V).is("  x"),
  tc("{{ repeat 3 \"ab\" }}|{{ \"-\" | repeat 4 }}", V).is("ababab|----"),
  tc("{{ title \"hello-world foo_bar\" }}|{{ camelcase \"my-chart_name\" }}|{{ snakecase \"HTTPServer\" }}|{{ kebabcase \"MyApp\" }}", V).is("Hello-World Foo_bar|MyChartName|http_server|my-app"),
  tc("{{ quote .Values.missing }}|{{ squote .Values.missing }}|{{ quote .Values.n .Values.big }}|{{ cat \"a\" .Values.missing \"b\" }}", V).is("||\"3\" \"1e+06\"|a b"),
  tc("{{ toString .Values.missing }}|{{ toString .Values.big }}|{{ .Values.big }}", V).is("<nil>|1e+06|1e+06"),
  tc("{{ \"foo$bar\" | split \"$\" }}|{{ (split \"$\" \"foo$bar\")._1 }}|{{ splitList \",\" \"a,b\" }}", V).is("map[_0:foo _1:bar]|bar|[a b]"),
  tc("{{ join \",\" .Values.ls }}|{{ .Values.ls | sortAlpha | join \"-\" }}|{{ join \",\" .Values.missing }}", V).is("b,a,c|a-b-c|"),
  tc("{{ contains \"ell\" \"hello\" }}|{{ \"hello\" | hasPrefix \"he\" }}|{{ replace \" \" \"-\" .Values.s }}", V).is("true|true|héllo-wörld"),
  tc("{{ plural \"one\" \"many\" 1 }}|{{ plural \"one\" \"many\" (len .Values.l) }}", V).is("one|many"),
  tc("{{ wrap 5 \"aaa bbb ccc\" }}|{{ wrapWith 3 \"|\" \"abcdefg\" }}|{{ abbrev 5 \"hello world\" }}", V).is("aaa\nbbb\nccc|abc|def|g|he..."),
  tc("{{ trunc 3 .Values.n }}", V).fails("template: t:1:18: executing \"t\" at <.Values.n>: wrong type for value; expected string; got float64"),
  tc("{{ substr 3 1 \"hello\" }}", V).fails("template: t:1:3: executing \"t\" at <substr 3 1 \"hello\">: error calling substr: runtime error: slice bounds out of range [3:1]"),
  // numbers: values are float64, sprig math returns int64/float64
  tc("{{ add .Values.n 1 }}|{{ typeOf (add .Values.n 1) }}|{{ add .Values.f .Values.f }}|{{ mul .Values.big 2 }}", V).is("4|int64|4|2000000"),
  tc("{{ sub 10 .Values.f }}|{{ div 7 2 }}|{{ div -7 2 }}|{{ mod -7 3 }}|{{ max 1 .Values.n 2 }}|{{ min .Values.neg 0 }}", V).is("8|3|-3|-1|3|-2"),
  tc("{{ addf .Values.f 0.1 }}|{{ divf 1 3 }}|{{ mulf 1.1 3 }}|{{ typeOf (addf 1 1) }}|{{ subf .Values.big 0.5 }}", V).is("2.6|0.3333333333333333|3.3|float64|999999.5"),
  tc("{{ round .Values.neg 0 }}|{{ round 2.5 0 }}|{{ round 3.14159 2 }}|{{ floor .Values.f }}|{{ ceil .Values.f }}", V).is("-3|3|3.14|2|3"),
  tc("{{ div 1 0 }}", V).fails("template: t:1:3: executing \"t\" at <div 1 0>: error calling div: runtime error: integer divide by zero"),
  tc("{{ int \"08\" }}|{{ int \"010\" }}|{{ int64 .Values.f }}|{{ atoi \"010\" }}|{{ float64 \"1e3\" }}|{{ toDecimal \"0777\" }}", V).is("0|8|2|10|1000|511"),
  tc("{{ range until 3 }}{{ . }},{{ end }}|{{ range $i, $v := untilStep 0 10 4 }}{{ $i }}:{{ $v }} {{ end }}|{{ seq 3 }}|{{ seq 0 }}", V).is("0,1,2,|0:0 1:4 2:8 |1 2 3|1 0"),
  tc("{{ range until (int .Values.n) }}x{{ end }}", V).is("xxx"),
  tc("{{ until .Values.n }}", V).fails("template: t:1:16: executing \"t\" at <.Values.n>: wrong type for value; expected int; got float64"),
  // defaults and flow
  tc("{{ default \"d\" .Values.missing }}|{{ default \"d\" .Values.zero }}|{{ default \"d\" .Values.no }}|{{ default \"d\" .Values.e }}|{{ .Values.n | default 9 }}", V).is("d|d|d|d|3"),
  tc("{{ empty .Values.missing }}|{{ empty .Values.zero }}|{{ empty .Values.m }}|{{ coalesce .Values.missing .Values.empty \"c\" }}", V).is("true|true|false|c"),
  tc("{{ ternary \"y\" \"n\" true }}|{{ .Values.no | ternary \"y\" \"n\" }}|{{ all 1 \"a\" }}|{{ any 0 \"\" }}", V).is("y|n|true|false"),
  tc("{{ fail \"boom\" }}", V).fails("template: t:1:3: executing \"t\" at <fail \"boom\">: error calling fail: boom"),
  tc("{{ toJson .Values.m }}|{{ toRawJson (dict \"h\" \"<b>\") }}|{{ toJson (rest list) }}|{{ .Values.m | toPrettyJson }}", V).is("{\"a\":\"x\",\"b\":1,\"n\":{\"deep\":true}}|{\"h\":\"<b>\"}|null|{\n  \"a\": \"x\",\n  \"b\": 1,\n  \"n\": {\n    \"deep\": true\n  }\n}"),
  tc("{{ (fromJson \"{\\\"a\\\":[1,2]}\").a }}|{{ mustFromJson \"[1\" }}", V).fails("template: t:1:38: executing \"t\" at <mustFromJson \"[1\">: error calling mustFromJson: unexpected end of JSON input"),
  // lists
  tc("{{ list 1 \"a\" }}|{{ first .Values.l }}|{{ last .Values.l }}|{{ rest .Values.l }}|{{ initial .Values.l }}|{{ first list }}", V).is("[1 a]|1|3|[2 3]|[1 2]|<no value>"),
  tc("{{ append .Values.l 4 }}|{{ prepend .Values.l 0 }}|{{ reverse .Values.ls }}|{{ concat .Values.l .Values.ls }}", V).is("[1 2 3 4]|[0 1 2 3]|[c a b]|[1 2 3 b a c]"),
  tc("{{ has 1 .Values.l }}|{{ has 1.0 .Values.l }}|{{ has (float64 1) .Values.l }}|{{ has 1 .Values.missing }}", V).is("false|true|true|false"),
  tc("{{ uniq (list 1 1 \"1\" 1.0) }}|{{ without .Values.l 2.0 }}|{{ compact (list 0 1 \"\" \"a\" false) }}", V).is("[1 1 1]|[1 3]|[1 a]"),
  tc("{{ slice .Values.l 1 }}|{{ slice .Values.l 0 2 }}|{{ chunk 2 .Values.l }}|{{ sortAlpha .Values.l }}", V).is("[2 3]|[1 2]|[[1 2] [3]]|[1 2 3]"),
  tc("{{ first .Values.m }}", V).fails("template: t:1:3: executing \"t\" at <first .Values.m>: error calling first: Cannot find first on type map"),
  tc("{{ first .Values.missing }}", V).fails("template: t:1:3: executing \"t\" at <first .Values.missing>: error calling first: runtime error: invalid memory address or nil pointer dereference"),
  tc("{{ slice \"abc\" 1 }}", V).fails("template: t:1:3: executing \"t\" at <slice \"abc\" 1>: error calling slice: list should be type of slice or array but string"),
  // dicts
  tc("{{ $d := dict \"a\" 1 \"b\" }}{{ $d }}|{{ get $d \"a\" }}|{{ get $d \"zz\" }}|{{ hasKey $d \"b\" }}", V).is("map[a:1 b:]|1||true"),
  tc("{{ $d := dict }}{{ $_ := set $d \"k\" \"v\" }}{{ $d.k }}|{{ unset $d \"k\" }}", V).is("v|map[]"),
  tc("{{ keys .Values.m | sortAlpha }}|{{ pick .Values.m \"a\" }}|{{ omit .Values.m \"a\" \"n\" }}|{{ pluck \"a\" .Values.m (dict \"a\" 2) }}", V).is("[a b n]|map[a:x]|map[b:1]|[x 2]"),
  tc("{{ merge (dict \"a\" \"\" \"b\" 1) (dict \"a\" \"x\" \"b\" 2 \"c\" 3) }}|{{ mergeOverwrite (dict \"a\" 1) (dict \"a\" 0) }}", V).is("map[a:x b:1 c:3]|map[a:0]"),
  tc("{{ $x := dict \"n\" (dict \"a\" 1) }}{{ $_ := merge $x (dict \"n\" (dict \"b\" 2)) }}{{ $x }}", V).is("map[n:map[a:1 b:2]]"),
  tc("{{ dig \"n\" \"deep\" \"def\" .Values.m }}|{{ dig \"n\" \"zz\" \"def\" .Values.m }}|{{ .Values.m | dig \"a\" \"def\" }}", V).is("true|def|x"),
  tc("{{ dig \"a\" \"b\" \"def\" .Values.m }}", V).fails("template: t:1:3: executing \"t\" at <dig \"a\" \"b\" \"def\" .Values.m>: error calling dig: interface conversion: interface {} is string, not map[string]interface {}"),
  tc("{{ deepCopy .Values.m }}|{{ typeOf (deepCopy .Values.l) }}", V).is("map[a:x b:1 n:map[deep:true]]|[]interface {}"),
  // reflection
  tc("{{ typeOf .Values.n }}|{{ typeOf 1 }}|{{ typeOf .Values.missing }}|{{ kindOf .Values.l }}|{{ kindOf .Values.m }}|{{ kindIs \"invalid\" .Values.missing }}", V).is("float64|int|<nil>|slice|map|true"),
  tc("{{ typeIs \"float64\" .Values.n }}|{{ deepEqual .Values.l (list 1.0 2.0 3.0) }}|{{ deepEqual 1 1.0 }}", V).is("true|true|false"),
  // encoding, paths, urls
  tc("{{ b64enc \"hi\" }}|{{ b64dec \"aGk=\" }}|{{ b64dec \"aGk\" }}|{{ b32enc \"hi\" }}|{{ b32dec (b32enc \"hi\") }}", V).is("aGk=|hi|illegal base64 data at input byte 0|NBUQ====|hi"),
  tc("{{ base \"/a/b.txt\" }}|{{ dir \"/a/b.txt\" }}|{{ ext \"a.tar.gz\" }}|{{ clean \"a//b/../c\" }}|{{ isAbs \"/x\" }}|{{ base \"\" }}", V).is("b.txt|/a|.gz|a/c|true|."),
  tc("{{ (urlParse \"https://u:p@h:8/p?q#f\").hostname }}|{{ urlJoin (dict \"scheme\" \"https\" \"host\" \"h\" \"path\" \"/a b\") }}", V).is("h|https://h/a%20b"),
  tc("{{ urlParse \"http://h:port/\" }}", V).fails("template: t:1:3: executing \"t\" at <urlParse \"http://h:port/\">: error calling urlParse: unable to parse url: parse \"http://h:port/\": invalid port \":port\" after host"),
];

runTemplateCases("templates", sprigFuncs(), TEMPLATE_CASES);
