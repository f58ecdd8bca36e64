/**
 * Helm's rendering engine on charta's Go template engine: every template of
 * a chart and its subcharts parsed into one set (deepest first, so parents
 * override subcharts' defines), partials skipped, `<no value>` stripped,
 * and errors shaped as helm 4 prints them.
 *
 * @module
 */
import { Template, TemplateExecError, TemplateParseError, type Tree } from "../gotpl/mod.ts";
import { type FuncMap, goFunc } from "../gotpl/value.ts";
import { sprigFuncs } from "../sprig/mod.ts";
import type { Chart } from "../chart/types.ts";
import { helmFuncs } from "./funcs.ts";
import { allTemplates, asValues, type Renderable } from "./render_values.ts";
import { reformatExecError } from "./errors.ts";
import { isHandlebarsTemplate, loadHandlebars, renderHandlebars } from "./handlebars.ts";
import { quote } from "../gotpl/quote.ts";
import type { LogFn } from "../log/slog.ts";

/** How deep `include` may nest the same template before helm gives up. */
const RECURSION_MAX = 1000;

const WARN_START = "HELM_ERR_START";
const WARN_END = "HELM_ERR_END";

/** Options of a render, as helm's Engine fields. */
export interface EngineOptions {
  /** `missingkey=error` (helm's Strict, SDK only). */
  strict?: boolean;
  /** Lint mode: `required` and `fail` warn instead of failing. */
  lintMode?: boolean;
  /** Let `getHostByName` resolve names (`--enable-dns`). */
  enableDNS?: boolean;
  /**
   * `lookup` against a cluster (helm's engine made with a REST config);
   * without it, lookup finds nothing, as helm's offline engine.
   */
  lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;
  /** Extra functions that override the built-in ones. */
  customFuncs?: FuncMap;
  /** Receives the log records of lint mode (helm's `missing required value` and `funcMap fail`). */
  log?: LogFn;
}

/** A render failure, with helm's message. */
export class RenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RenderError";
  }
}

function includeFunc(t: Template, includedNames: Map<string, number>) {
  return goFunc(["string", "interface {}"], (name: string, data: unknown) => {
    const n = includedNames.get(name);
    if (n !== undefined) {
      if (n > RECURSION_MAX) {
        throw new Error(
          `rendering template has a nested reference name: ${name}: unable to execute template`,
        );
      }
      includedNames.set(name, n + 1);
    } else {
      includedNames.set(name, 1);
    }
    try {
      return t.executeTemplate(name, data);
    } finally {
      includedNames.set(name, includedNames.get(name)! - 1);
    }
  });
}

/**
 * Trees `tpl` parsed in this render, by template name, delimiters and text: charts call `tpl`
 * on the same few strings many times, and the function names a parse checks are the same in
 * every clone.
 */
type TplTrees = Map<string, Map<string, Tree>>;

function tplFunc(parent: Template, includedNames: Map<string, number>, strict: boolean, parsed: TplTrees) {
  return goFunc(["string", "interface {}"], (text: string, vals: unknown) => {
    const t = parent.clone();
    // Re-apply the option: clones lose it (golang/go#43022), so helm sets it again.
    t.option(strict ? "missingkey=error" : "missingkey=zero");
    t.funcs({ include: includeFunc(t, includedNames), tpl: tplFunc(t, includedNames, strict, parsed) });
    let body: Template;
    try {
      body = t.new(parent.name);
      const key = `${parent.name}\x00${body.delimiters.join("\x00")}\x00${text}`;
      let trees = parsed.get(key);
      if (trees === undefined) {
        trees = body.parseTrees(text);
        parsed.set(key, trees);
      }
      body.addParseTrees(trees);
    } catch (e) {
      throw new Error(`cannot parse template ${quote(text)}: ${(e as Error).message}`, { cause: e });
    }
    let out: string;
    try {
      out = body.execute(vals);
    } catch (e) {
      throw new Error(`error during tpl function execution for ${quote(text)}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    return out.replaceAll("<no value>", "");
  });
}

function warnWrap(message: string): string {
  return WARN_START + message + WARN_END;
}

/** The function map of one render: Sprig minus env/expandenv, Helm's functions, and the render-bound ones. */
function funcMapFor(t: Template, options: EngineOptions): FuncMap {
  const includedNames = new Map<string, number>();
  const strict = options.strict ?? false;
  const log: LogFn = options.log ?? (() => {});
  const map: FuncMap = { ...sprigFuncs(), ...helmFuncs() };
  map.include = includeFunc(t, includedNames);
  map.tpl = tplFunc(t, includedNames, strict, new Map());
  map.required = goFunc(["string", "interface {}"], (message: string, val: unknown) => {
    if (val === null || val === undefined || val === "") {
      if (options.lintMode) {
        // helm words the two cases differently.
        const msg = val === "" ? "missing required values" : "missing required value";
        log("WARN", msg, [["message", message]]);
        return "";
      }
      throw new Error(warnWrap(message));
    }
    return val;
  });
  map.fail = goFunc(["string"], (message: string) => {
    if (options.lintMode) {
      log("INFO", "funcMap fail", [["message", message]]);
      return "";
    }
    throw new Error(warnWrap(message));
  });
  if (!options.enableDNS) map.getHostByName = goFunc(["string"], () => "");
  if (options.lookup) map.lookup = goFunc(["string", "string", "string", "string"], options.lookup);
  return { ...map, ...options.customFuncs };
}

/** Helm's template order: fewer path segments first, then by name, all reversed (deepest first). */
export function sortTemplates(names: Iterable<string>): string[] {
  const depth = (s: string) => s.split("/").length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

/** The parse-error form helm prints: `parse error at (FILE:LINE): LAST-SEGMENT`. */
function cleanupParseError(filename: string, e: Error): RenderError {
  const tokens = e.message.split(": ");
  if (tokens.length === 1) return new RenderError(`parse error in (${filename}): ${e.message}`, { cause: e });
  return new RenderError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, { cause: e });
}

/** Renders a set of templates: the heart of helm's engine. */
export function renderTemplates(
  tpls: Map<string, Renderable>,
  options: EngineOptions = {},
): Map<string, string> {
  const t = new Template("gotpl");
  t.option(options.strict ? "missingkey=error" : "missingkey=zero");
  t.funcs(funcMapFor(t, options));
  const all = sortTemplates(tpls.keys());
  const keys = all.filter((k) => !isHandlebarsTemplate(k));
  for (const filename of keys) {
    try {
      t.new(filename).parse(tpls.get(filename)!.tpl);
    } catch (e) {
      if (e instanceof TemplateParseError || e instanceof Error) {
        throw cleanupParseError(filename, e as Error);
      }
      throw e;
    }
  }
  const rendered = new Map<string, string>();
  for (const filename of keys) {
    if (baseName(filename).startsWith("_")) continue;
    const r = tpls.get(filename)!;
    // The dot is a common.Values in helm (typeOf . and its methods show it).
    const vals = asValues({ ...r.vals, Template: r.templateValues });
    let out: string;
    try {
      out = t.executeTemplate(filename, vals);
    } catch (e) {
      if (e instanceof TemplateExecError) throw new RenderError(reformatExecError(filename, e), { cause: e });
      throw new RenderError(`rendering template failed: ${(e as Error).message}`, { cause: e });
    }
    rendered.set(filename, out.replaceAll("<no value>", ""));
  }
  const hbs = all.filter(isHandlebarsTemplate).map((name) => {
    const r = tpls.get(name)!;
    return { name, text: r.tpl, data: asValues({ ...r.vals, Template: r.templateValues }) };
  });
  if (hbs.length) {
    // Handlebars templates may include Go defines: the two engines share named templates.
    for (const [name, out] of renderHandlebars(hbs, (n, data) => t.executeTemplate(n, data))) {
      rendered.set(name, out);
    }
  }
  return rendered;
}

/**
 * Renders every template of `chart` with the render values (from
 * `toRenderValues`), keyed by full template name (`chart/templates/x.yaml`).
 * Asynchronous only because the Handlebars engine is loaded on first use.
 */
export async function render(
  chart: Chart,
  values: Record<string, unknown>,
  options: EngineOptions = {},
): Promise<Map<string, string>> {
  const tpls = allTemplates(chart, values);
  for (const name of tpls.keys()) {
    if (isHandlebarsTemplate(name)) {
      await loadHandlebars();
      break;
    }
  }
  return renderTemplates(tpls, options);
}
