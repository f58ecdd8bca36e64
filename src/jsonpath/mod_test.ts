import assert from "node:assert/strict";
import { executeJsonPath, JsonPathError, parseJsonPath } from "./mod.ts";

const values = {
  replicaCount: 1,
  big: 1000000,
  ratio: 0.5,
  name: "web<&>",
  enabled: true,
  nothing: null,
  image: { repository: "nginx", tag: "1.2" },
  ports: [{ name: "http", port: 80 }, { name: "https", port: 443, tls: true }],
  list: ["a", "b", "c", "d", "e"],
};

function run(tmpl: string): string {
  const r = executeJsonPath(parseJsonPath("out", tmpl), values);
  return r.error ? `error: ${r.error.message}` : r.output;
}

// Expected texts are what helm 4.2.4 prints for `helm show values --jsonpath` on the same values.
Deno.test("jsonpath prints scalars as Go's fmt and containers as JSON", () => {
  assert.equal(
    run("{.replicaCount} {.big} {.ratio} {.name} {.enabled} {.nothing}"),
    "1 1e+06 0.5 web<&> true null",
  );
  assert.equal(run("{.image}"), '{"repository":"nginx","tag":"1.2"}');
  assert.equal(run("{.ports[-1:]}"), '{"name":"https","port":443,"tls":true}');
  assert.equal(run("{.image.repository}:{.image.tag}"), "nginx:1.2");
  assert.equal(run("text only"), "text only");
});

Deno.test("jsonpath selects with indexes, slices, unions, filters, wildcards and recursion", () => {
  assert.equal(run("{.ports[0].port}"), "80");
  assert.equal(run("{.ports[*].name}"), "http https");
  assert.equal(run("{.list[1:4:2]}"), "b d");
  assert.equal(run("{.list[0,2]}"), "a c");
  assert.equal(run("{.ports[0]['name','port']}"), "http 80");
  assert.equal(run("{['image']['tag']}"), "1.2");
  assert.equal(run("{.ports[?(@.tls)].name}"), "https");
  assert.equal(run('{.ports[?(@.name=="http")].port}'), "80");
  assert.equal(run("{.ports[?(@.port>80.0)].name}"), "https");
  assert.equal(run("{.image.*}"), "nginx 1.2");
  assert.equal(run("{.name.*}"), "119 101 98 60 38 62");
  assert.equal(run("{..port}"), "80 443");
  assert.equal(run('{range .ports[*]}{.name}={.port}{"\\n"}{end}'), "http=80\nhttps=443\n");
  assert.equal(run("{.list[0:0]}"), "");
  assert.equal(run("{1.5}{-3}"), "1.5-3");
  assert.equal(run("{true}{false}{range}"), "truefalse");
});

Deno.test("jsonpath execution errors", () => {
  assert.equal(run("{.missing}"), "error: missing is not found");
  assert.equal(run("{.list[9]}"), "error: array index out of bounds: index 9, length 5");
  assert.equal(run("{.list[2:1]}"), "error: starting index 2 is greater than ending index 1");
  assert.equal(run("{.list[::0]}"), "error: step must be > 0");
  assert.equal(run("{end}"), "error: not in range, nothing to end");
  // values are float64, template integers are int: Go refuses to compare them.
  assert.equal(run("{.ports[?(@.port==80)].name}"), "error: incompatible types for comparison");
  assert.equal(
    executeJsonPath(parseJsonPath("out", "{.missing}"), values, { allowMissingKeys: true }).output,
    "",
  );
});

Deno.test("jsonpath syntax errors have client-go's messages", () => {
  const cases: Record<string, string> = {
    "{": "unclosed action",
    "{#}": "unrecognized character in action: U+0023 '#'",
    "{.list[a]}": "invalid array index a",
    "{.list[1.5]}": "invalid array index 1.5",
    "{.ports[?(@.x}": "unterminated filter",
    "{....a}": "invalid multiple recursive descent",
    "{.a[?(@.x)}": "unclosed array expect ]",
    "{'a\\q'}": "unquote string 'a\\q' error invalid syntax",
    "{.list[0}": "unterminated array",
    '{"abc}': "unterminated quoted string",
    "{1.2.3}": "cannot parse number 1.2.3",
  };
  for (const [tmpl, message] of Object.entries(cases)) {
    assert.throws(
      () => parseJsonPath("out", tmpl),
      (e: Error) => e instanceof JsonPathError && e.message === message,
      tmpl,
    );
  }
});
