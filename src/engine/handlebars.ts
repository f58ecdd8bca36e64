/**
 * Handlebars as a second template engine: a chart template whose file name
 * ends in `.hbs` renders with npm:handlebars, with the same objects as Go
 * templates (`Values`, `Release`, `Chart`, `Capabilities`, `Files`,
 * `Template`) and helpers named like Helm's most used functions.
 *
 * `_*.hbs` files are partials: `{{> name}}` or `{{include "name" this}}`,
 * where `name` is the file's base name without `_` and `.hbs`. `include`
 * falls back to the Go templates' `define`s, so both engines share helpers.
 *
 * @module
 */
import type HandlebarsLib from "handlebars";
import { GoInt } from "../gotpl/value.ts";
import { quote as goQuote } from "../gotpl/quote.ts";
import { formatValue } from "../gotpl/fmt.ts";
import { toJSON, toYAML } from "./funcs.ts";

// npm:handlebars costs ~30 ms to load; only charts with `.hbs` templates pay it.
let handlebars: typeof HandlebarsLib | undefined;

/** Loads npm:handlebars (once); `renderHandlebars` needs it loaded. */
export async function loadHandlebars(): Promise<void> {
  handlebars ??= (await import("handlebars")).default;
}

/** True for the file names rendered by this engine. */
export function isHandlebarsTemplate(name: string): boolean {
  return name.endsWith(".hbs");
}

/** A template to render with Handlebars. */
export interface HandlebarsTemplate {
  /** Full template name, e.g. `mychart/templates/configmap.yaml.hbs`. */
  name: string;
  /** The template text. */
  text: string;
  /** The objects it renders with. */
  data: Record<string, unknown>;
}

/** A Handlebars render failure, naming the template. */
export class HandlebarsRenderError extends Error {
  constructor(template: string, cause: unknown) {
    super(`handlebars error in (${template}): ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "HandlebarsRenderError";
  }
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

function partialName(templateName: string): string {
  return baseName(templateName).replace(/^_/, "").replace(/\.hbs$/, "");
}

function toText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  return formatValue(v);
}

/** Sprig's notion of empty, for `default`. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === "" || v === 0) return true;
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.keys(v).length === 0;
  }
  return false;
}

function indent(n: number, s: string): string {
  const pad = " ".repeat(n);
  return pad + s.replaceAll("\n", "\n" + pad);
}

/** Handlebars passes an options hash last; helpers see only the template's own arguments. */
function args(all: unknown[]): unknown[] {
  return all.slice(0, -1);
}

function num(v: unknown): number {
  return v instanceof GoInt ? v.toNumber() : Number(v);
}

/**
 * Renders Handlebars templates. `fallbackInclude` renders a Go `define` when
 * no Handlebars partial of that name exists.
 */
export function renderHandlebars(
  templates: readonly HandlebarsTemplate[],
  fallbackInclude?: (name: string, data: unknown) => string,
): Map<string, string> {
  if (!handlebars) {
    throw new Error("the Handlebars engine is not loaded: await loadHandlebars() (or render()) first");
  }
  const hbs = handlebars.create();
  const partials = new Map<string, HandlebarsTemplateDelegate>();
  for (const t of templates) {
    if (!baseName(t.name).startsWith("_")) continue;
    try {
      const compiled = hbs.compile(t.text, { noEscape: true, strict: false });
      partials.set(partialName(t.name), compiled);
      hbs.registerPartial(partialName(t.name), compiled);
    } catch (e) {
      throw new HandlebarsRenderError(t.name, e);
    }
  }
  hbs.registerHelper({
    toYaml: (...a: unknown[]) => toYAML(args(a)[0]),
    toJson: (...a: unknown[]) => toJSON(args(a)[0]),
    indent: (...a: unknown[]) => indent(num(args(a)[0]), toText(args(a)[1])),
    nindent: (...a: unknown[]) => "\n" + indent(num(args(a)[0]), toText(args(a)[1])),
    quote: (...a: unknown[]) =>
      args(a).filter((x) => x !== null && x !== undefined).map((x) => goQuote(toText(x))).join(" "),
    default: (...a: unknown[]) => {
      const [d, v] = args(a);
      return isEmpty(v) ? d : v;
    },
    required: (...a: unknown[]) => {
      const [message, v] = args(a);
      if (v === null || v === undefined || v === "") throw new Error(String(message));
      return v;
    },
    include: (...a: unknown[]) => {
      const [name, data] = args(a);
      const partial = partials.get(String(name));
      if (partial) return partial(data);
      if (fallbackInclude) return fallbackInclude(String(name), data);
      throw new Error(`no partial or template named "${name}"`);
    },
  });
  const out = new Map<string, string>();
  for (const t of templates) {
    if (baseName(t.name).startsWith("_")) continue;
    try {
      out.set(t.name, hbs.compile(t.text, { noEscape: true, strict: false })(t.data));
    } catch (e) {
      throw new HandlebarsRenderError(t.name, e);
    }
  }
  return out;
}
