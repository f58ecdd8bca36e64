import assert from "node:assert/strict";
import { TemplateExecError, TemplateParseError } from "./errors.ts";
import { Template } from "./template.ts";
import { goFunc } from "./value.ts";

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

Deno.test("a FuncMap entry overrides a builtin and loses its special evaluation", () => {
  const t = new Template("r").funcs({
    and: goFunc(["interface {}", "interface {}"], () => "custom"),
    fail: goFunc([], () => {
      throw new Error("boom");
    }),
  });
  t.parse("{{and false (fail)}}");
  assert.equal(
    errorOf(() => t.execute()).message,
    'template: r:1:13: executing "r" at <fail>: error calling fail: boom',
  );
  const ok = new Template("r").funcs({ and: goFunc(["interface {}", "interface {}"], () => "custom") });
  assert.equal(ok.parse("{{and false true}}").execute(), "custom");
});

Deno.test("a function named break turns the keyword into a call", () => {
  const t = new Template("r").funcs({ break: goFunc([], () => "B") });
  assert.equal(t.parse("{{range .}}{{break}}{{end}}").execute([1, 2]), "BB");
});

Deno.test("clone isolates later definitions", () => {
  const base = new Template("base").parse('{{define "x"}}X{{end}}[{{template "x"}}]');
  const c = base.clone();
  c.new("o").parse('{{define "x"}}Y{{end}}');
  assert.equal(base.executeTemplate("base"), "[X]");
  assert.equal(c.executeTemplate("base"), "[Y]");
  assert.notEqual(c.lookup("base"), base.lookup("base"));
  assert.equal(c.lookup("base"), c);
});

Deno.test("clone keeps options and functions", () => {
  const t = new Template("t").option("missingkey=error").funcs({ f: goFunc([], () => "F") });
  t.parse("{{f}}{{.x}}");
  assert.equal(
    errorOf(() => t.clone().execute({})).message,
    'template: t:1:7: executing "t" at <.x>: map has no entry for key "x"',
  );
});

Deno.test("executing an undefined template", () => {
  const t = new Template("a");
  const n = t.new("x");
  assert.equal(errorOf(() => n.execute()).message, 'template: x: "x" is an incomplete or empty template');
  assert.equal(errorOf(() => t.execute()).message, 'template: a: "a" is an incomplete or empty template');
  t.parse("ok");
  const e = errorOf(() => t.executeTemplate("nope"));
  assert.ok(e instanceof TemplateExecError);
  assert.equal(e.message, 'template: no template "nope" associated with template "a"');
});

Deno.test("an empty redefinition does not replace, a non-empty one does", () => {
  const t = new Template("root");
  t.new("a").parse("x");
  t.new("a").parse(" ");
  assert.equal(t.executeTemplate("a"), "x");
  t.new("a").parse("z");
  assert.equal(t.executeTemplate("a"), "z");
});

Deno.test("parsing defines into an existing template keeps its body", () => {
  const t = new Template("t").parse("a");
  t.parse('{{define "x"}}y{{end}}');
  assert.equal(t.executeTemplate("t"), "a");
  assert.equal(t.executeTemplate("x"), "y");
  t.parse("b");
  assert.equal(t.executeTemplate("t"), "b");
  assert.equal(t.templates().length, 2);
  assert.equal(t.lookup("nope"), undefined);
  assert.equal(t.definedTemplates().startsWith("; defined templates are: "), true);
  assert.equal(new Template("e").definedTemplates(), "");
});

Deno.test("Helm's override order: a later non-empty define wins", () => {
  const t = new Template("gotpl").option("missingkey=zero");
  // Helm parses deeper paths first, then reverse lexicographic order.
  t.new("c/charts/sub/templates/_h.tpl").parse('{{define "n"}}sub{{end}}');
  t.new("c/templates/_z.tpl").parse('{{define "n"}}z{{end}}');
  t.new("c/templates/_a.tpl").parse('{{define "n"}}a{{end}}{{define "m"}}  {{end}}');
  t.new("c/templates/x.yaml").parse('{{template "n"}}|{{template "m"}}|');
  assert.equal(t.executeTemplate("c/templates/x.yaml", {}), "a|  |");
});

Deno.test("custom delimiters", () => {
  const t = new Template("d").delims("<<", ">>").parse('<<.>> {{.}} <<- " x " ->> y');
  assert.equal(t.execute(5), "5 {{.}} x y");
  // New templates inherit the delimiters.
  assert.equal(t.new("e").parse("<<.>>").execute(1), "1");
});

Deno.test("option and funcs validation", () => {
  assert.equal(
    errorOf(() => new Template("o").option("missingkey=bogus")).message,
    "unrecognized option: missingkey=bogus",
  );
  assert.equal(errorOf(() => new Template("o").option("")).message, "empty option string");
  assert.equal(
    errorOf(() => new Template("o").funcs({ "a-b": goFunc([], () => 1) })).message,
    'function name "a-b" is not a valid identifier',
  );
});

Deno.test("a parse error leaves the previous definition in place", () => {
  const t = new Template("t").parse("ok");
  const e = errorOf(() => t.parse("{{bad"));
  assert.ok(e instanceof TemplateParseError);
  assert.equal(e.message, 'template: t:1: function "bad" not defined');
  assert.equal(e.templateName, "t");
  assert.equal(e.line, 1);
  assert.equal(e.description, 'function "bad" not defined');
  assert.equal(t.execute(), "ok");
});

Deno.test("errors from a nested execution are wrapped like Go's", () => {
  const t = new Template("r");
  t.funcs({
    inc: goFunc(["string", "interface {}"], (name: string, d: unknown) => t.executeTemplate(name, d)),
  });
  t.parse('{{define "in"}}{{.x.y}}{{end}}a {{inc "in" .}}');
  const e = errorOf(() => t.execute({ x: 1 }));
  assert.ok(e instanceof TemplateExecError);
  assert.equal(
    e.message,
    'template: r:1:34: executing "r" at <inc "in" .>: error calling inc: template: r:1:19: executing "in" at <.x.y>: can\'t evaluate field y in type interface {}',
  );
  assert.equal(e.templateName, "r");
  assert.equal(e.line, 1);
  assert.equal(e.col, 34);
  assert.equal(e.executing, "r");
  assert.equal(e.context, 'inc "in" .');
  assert.ok(e.cause instanceof TemplateExecError);
  assert.equal((e.cause as TemplateExecError).executing, "in");
});

Deno.test("multiple definition in one parse", () => {
  assert.equal(
    errorOf(() => new Template("b").parse('{{block "x" .}}1{{end}}{{define "x"}}2{{end}}')).message,
    'template: b:1: template: multiple definition of template "x"',
  );
});

Deno.test("a template holding only defines executes to nothing", () => {
  assert.equal(new Template("t").parse('{{define "x"}}y{{end}}').execute(), "");
});

Deno.test("exec error fields carry the byte column and the file holding the node", () => {
  const t = new Template("root");
  t.new("lib.tpl").parse('héllo\n{{define "d"}}\n  ü {{.a.b}}{{end}}');
  t.new("main.yaml").parse('{{template "d" .}}');
  const e = errorOf(() => t.executeTemplate("main.yaml", { a: "s" })) as TemplateExecError;
  // Go positions a field chain at its second field (a parser quirk kept for identical messages).
  assert.equal(
    e.message,
    'template: lib.tpl:3:9: executing "d" at <.a.b>: can\'t evaluate field b in type interface {}',
  );
  assert.equal(e.templateName, "lib.tpl");
  assert.equal(e.line, 3);
  assert.equal(e.col, 9);
  assert.equal(e.executing, "d");
});

Deno.test("deep template recursion reports Go's depth error instead of a JS stack overflow", () => {
  const t = new Template("t").parse('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
  const e = errorOf(() => t.execute(1));
  assert.ok(e instanceof TemplateExecError);
  assert.equal(
    e.message,
    'template: t:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)',
  );
});

Deno.test("unbounded recursion through a function never escapes as a RangeError", () => {
  const t = new Template("r");
  t.funcs({ inc: goFunc(["string"], (name: string) => t.executeTemplate(name, null)) });
  t.parse('{{define "x"}}{{inc "x"}}{{end}}{{inc "x"}}');
  const e = errorOf(() => t.execute());
  assert.ok(e instanceof TemplateExecError, String(e));
});

Deno.test("a template function that throws a non-Error value", () => {
  const t = new Template("r").funcs({
    weird: goFunc([], () => {
      throw { code: 1 };
    }),
  });
  assert.equal(
    errorOf(() => t.parse("{{weird}}").execute()).message,
    'template: r:1:2: executing "r" at <weird>: error calling weird: map[code:1]',
  );
});

Deno.test("a FuncMap function may return any value kind", () => {
  const t = new Template("r").funcs({
    un: goFunc([], () => undefined),
    nul: goFunc([], () => null),
  });
  assert.equal(
    t.parse("[{{un}}][{{nul}}][{{print un}}][{{print nul}}]").execute(),
    "[<no value>][<no value>][<nil>][<nil>]",
  );
});

Deno.test("a variadic parameter may be spelled ...T", () => {
  const t = new Template("r").funcs({
    cat: goFunc(["string", "...string"], (sep: string, ...xs: string[]) => xs.join(sep)),
  });
  assert.equal(t.parse('{{cat "-" "a" "b"}}|{{cat ","}}').execute(), "a-b|");
  assert.equal(
    errorOf(() => t.parse("{{cat}}").execute()).message,
    'template: r:1:2: executing "r" at <cat>: wrong number of args for cat: want at least 1 got 0',
  );
});

Deno.test("a clone's lookups resolve in the clone, and later changes to the original stay invisible", () => {
  const base = new Template("base").parse('{{define "x"}}X{{end}}{{define "y"}}<{{template "x"}}>{{end}}');
  const c = base.clone();
  c.new("o").parse('{{define "x"}}Z{{end}}');
  // "y" is inherited from base, but its {{template "x"}} resolves in the clone.
  assert.equal(c.executeTemplate("y"), "<Z>");
  assert.equal(base.executeTemplate("y"), "<X>");
  // Defining in the original after cloning does not reach the clone (copy-on-write).
  base.new("p").parse('{{define "late"}}L{{end}}');
  assert.equal(base.executeTemplate("late"), "L");
  assert.equal(c.lookup("late"), undefined);
  assert.deepEqual(c.templates().every((t) => t.env === c.env), true);
});

Deno.test("clones of clones stay isolated from each other", () => {
  const a = new Template("a").parse('{{define "v"}}1{{end}}');
  const b = a.clone();
  b.new("b").parse('{{define "v"}}2{{end}}');
  const c = b.clone();
  c.new("c").parse('{{define "v"}}3{{end}}');
  assert.deepEqual([a, b, c].map((t) => t.executeTemplate("v")), ["1", "2", "3"]);
});
