/**
 * The public template API, mirroring Go's `*template.Template` so that
 * Helm's engine can be ported onto it: a set of associated named templates
 * sharing functions and options, with Go's define/redefinition rules.
 *
 * @example
 * ```ts
 * const t = new Template("root").option("missingkey=zero");
 * t.new("a.yaml").parse('{{define "name"}}x-{{.}}{{end}}{{template "name" .Values.n}}');
 * t.executeTemplate("a.yaml", { Values: { n: 1 } }); // "x-1"
 * ```
 *
 * @module
 */

import { BUILTINS } from "./builtins.ts";
import { TemplateExecError } from "./errors.ts";
import { type ExecEnv, type ExecTemplate, execute, MissingKey } from "./exec.ts";
import { type CallSpec, compileFunc } from "./funcs.ts";
import { isEmptyTree, parse, type Tree } from "./parse.ts";
import { quote } from "./quote.ts";
import type { FuncMap, GoFunc } from "./value.ts";
import { LayeredMap } from "./layered_map.ts";

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** State shared by a set of associated templates (Go's `common`): names, functions, options. */
export class TemplateEnv implements ExecEnv {
  /** Defined templates by name. */
  readonly tmpl: LayeredMap<string, Template>;
  /** The missingkey option. */
  missingKey: MissingKey = MissingKey.Invalid;
  /** FuncMap entries as given, for parse-time checks. */
  readonly parseFuncs: LayeredMap<string, GoFunc>;
  /** FuncMap entries compiled for execution. */
  readonly funcs: LayeredMap<string, CallSpec>;

  /** A new set, or a copy-on-write fork of `parent` (see {@link Template.clone}). */
  constructor(parent?: TemplateEnv) {
    this.tmpl = parent ? parent.tmpl.fork() : new LayeredMap();
    this.parseFuncs = parent ? parent.parseFuncs.fork() : new LayeredMap();
    this.funcs = parent ? parent.funcs.fork() : new LayeredMap();
    if (parent) this.missingKey = parent.missingKey;
  }

  /**
   * The defined template with this name, bound to this set: a template
   * inherited from the set this one was cloned from is rebound (once) so
   * that names it uses resolve here, as in Go's cloned `common`.
   */
  lookup(name: string): Template | undefined {
    const t = this.tmpl.get(name);
    if (t === undefined || t.env === this) return t;
    const bound = t.rebind(this);
    this.tmpl.set(name, bound);
    return bound;
  }
}

/**
 * A named template in a set of associated templates (Go's
 * `*template.Template`). Parsing and execution errors are thrown as
 * {@link TemplateParseError} and {@link TemplateExecError}.
 */
export class Template implements ExecTemplate {
  readonly #name: string;
  /** The parse tree, or null before the template is defined. */
  tree: Tree | null = null;
  /** The shared namespace, functions and options. */
  env: TemplateEnv;
  #leftDelim = "";
  #rightDelim = "";

  /** Go's `template.New(name)`: a new, undefined template in a new set (or in `env`, used by {@link Template.new}). */
  constructor(name: string, env?: TemplateEnv) {
    this.#name = name;
    this.env = env ?? new TemplateEnv();
  }

  /** The template's name. */
  get name(): string {
    return this.#name;
  }

  /** Go's `t.New(name)`: a new undefined template associated with this one, with the same delimiters. */
  // deno-lint-ignore no-misused-new -- the API mirrors Go's Template.New, which callers port directly.
  new(name: string): Template {
    const t = new Template(name, this.env);
    t.#leftDelim = this.#leftDelim;
    t.#rightDelim = this.#rightDelim;
    return t;
  }

  /** Go's `Delims`: action delimiters for later parses ("" means the default). */
  delims(left: string, right: string): this {
    this.#leftDelim = left;
    this.#rightDelim = right;
    return this;
  }

  /**
   * Go's `Funcs`: adds functions, which take precedence over builtins of the
   * same name (without their special evaluation: a FuncMap `and` does not
   * short-circuit). Must be called before parsing templates that use them.
   */
  funcs(funcMap: FuncMap): this {
    for (const [name, f] of Object.entries(funcMap)) {
      if (!IDENT.test(name)) throw new Error(`function name ${quote(name)} is not a valid identifier`);
      this.env.parseFuncs.set(name, f);
      this.env.funcs.set(name, compileFunc(f));
    }
    return this;
  }

  /**
   * Go's `Option`: `missingkey=default|invalid|zero|error`. Options are
   * shared by the whole set. Throws on an unknown option, as Go panics.
   */
  option(...opts: string[]): this {
    for (const opt of opts) {
      if (opt === "") throw new Error("empty option string");
      const eq = opt.indexOf("=");
      if (eq >= 0 && opt.slice(0, eq) === "missingkey") {
        switch (opt.slice(eq + 1)) {
          case "invalid":
          case "default":
            this.env.missingKey = MissingKey.Invalid;
            continue;
          case "zero":
            this.env.missingKey = MissingKey.Zero;
            continue;
          case "error":
            this.env.missingKey = MissingKey.Error;
            continue;
        }
      }
      throw new Error("unrecognized option: " + opt);
    }
    return this;
  }

  /**
   * Go's `Parse`: parses text as this template's body; `define`/`block`
   * bodies become associated templates. A later non-empty definition
   * replaces an earlier one; one holding only spaces and comments does not.
   */
  parse(text: string): this {
    return this.addParseTrees(this.parseTrees(text));
  }

  /**
   * The trees {@link parse} would add, without adding them: trees are never changed once
   * parsed, so a caller may keep them and add them again ({@link addParseTrees}) to another
   * template of the same name, delimiters and function names.
   */
  parseTrees(text: string): Map<string, Tree> {
    const env = this.env;
    return parse(this.#name, text, {
      hasFunction: (name) => env.parseFuncs.has(name) || BUILTINS.has(name),
      leftDelim: this.#leftDelim,
      rightDelim: this.#rightDelim,
    });
  }

  /** Adds trees from {@link parseTrees}, as {@link parse} does. */
  addParseTrees(trees: Map<string, Tree>): this {
    for (const [name, tree] of trees) this.addParseTree(name, tree);
    return this;
  }

  /** The delimiters later parses use ("" for the default), e.g. to key a cache of parsed trees. */
  get delimiters(): [string, string] {
    return [this.#leftDelim, this.#rightDelim];
  }

  /** Go's `AddParseTree`: associates a tree under a name (this template when the name matches). */
  addParseTree(name: string, tree: Tree): Template {
    const nt = name === this.#name ? this : this.new(name);
    if (this.#associate(nt, tree) || nt.tree === null) nt.tree = tree;
    return nt;
  }

  #associate(nt: Template, tree: Tree): boolean {
    const old = this.env.tmpl.get(nt.name);
    if (old !== undefined && isEmptyTree(tree.root) && old.tree !== null) return false;
    this.env.tmpl.set(nt.name, nt);
    return true;
  }

  /** Go's `Lookup`: the associated template with this name, if defined. */
  lookup(name: string): Template | undefined {
    return this.env.lookup(name);
  }

  /** Go's `Templates`: every defined template of the set. */
  templates(): Template[] {
    return [...this.env.tmpl.entries()].map(([name]) => this.env.lookup(name)!);
  }

  /** Go's `DefinedTemplates`: `; defined templates are: "a", "b"`, or "" when there are none. */
  definedTemplates(): string {
    const names: string[] = [];
    for (const [name, t] of this.env.tmpl) if (t.tree?.root) names.push(quote(name));
    return names.length === 0 ? "" : "; defined templates are: " + names.join(", ");
  }

  /**
   * Go's `Clone`: a copy of the set (names, functions, options) so that later
   * parses into the copy do not affect the original. Trees are shared (they
   * are never mutated after parsing).
   */
  clone(): Template {
    // Copy-on-write: O(1) per clone, which keeps Helm's `tpl` (a clone per call) linear.
    const env = new TemplateEnv(this.env);
    const nt = this.rebind(env);
    env.tmpl.set(this.#name, nt);
    return nt;
  }

  /** This template's name, tree and delimiters in another set. */
  rebind(env: TemplateEnv): Template {
    const t = new Template(this.#name, env);
    t.tree = this.tree;
    t.#leftDelim = this.#leftDelim;
    t.#rightDelim = this.#rightDelim;
    return t;
  }

  /** Go's `Execute`: runs this template on data and returns the output. */
  execute(data?: unknown): string {
    return execute(this, data);
  }

  /** Go's `ExecuteTemplate`: runs the associated template `name` on data. */
  executeTemplate(name: string, data?: unknown): string {
    const t = this.lookup(name);
    if (t === undefined) {
      const message = `template: no template ${quote(name)} associated with template ${quote(this.#name)}`;
      throw new TemplateExecError({
        templateName: this.#name,
        line: 0,
        col: 0,
        executing: this.#name,
        context: "",
        description: message.slice("template: ".length),
        message,
      });
    }
    return execute(t, data);
  }
}
