/**
 * Compiling schema documents into {@link Schema} graphs the way
 * santhosh-tekuri/jsonschema v6 does for helm: draft by `$schema` (2020-12
 * when absent), resources by `$id`/`id`, anchors, `$ref` resolution across
 * documents through a loader, draft-specific keywords, and format assertion
 * only for drafts before 2019-09.
 *
 * @module
 */
import { compileGoRegexp, type GoRegexp } from "../goregexp/mod.ts";
import { JsonNumber } from "./json.ts";
import type { Rat } from "./rat.ts";
import { errorText, SchemaError } from "./errors.ts";
import { isMetaUrl, metaschemaDoc } from "./metaschemas.ts";
import { validateValue } from "./validate.ts";
import { type FormatCheck, FORMATS } from "./formats.ts";

/** A JSON Schema specification version. */
export interface Draft {
  /** 4, 6, 7, 2019 or 2020. */
  version: number;
  /** The metaschema URL. */
  url: string;
  /** The keyword holding a resource id. */
  id: "id" | "$id";
}

/** The drafts the library knows. */
export const DRAFTS: Record<number, Draft> = {
  4: { version: 4, url: "http://json-schema.org/draft-04/schema", id: "id" },
  6: { version: 6, url: "http://json-schema.org/draft-06/schema", id: "$id" },
  7: { version: 7, url: "http://json-schema.org/draft-07/schema", id: "$id" },
  2019: { version: 2019, url: "https://json-schema.org/draft/2019-09/schema", id: "$id" },
  2020: { version: 2020, url: "https://json-schema.org/draft/2020-12/schema", id: "$id" },
};

/** The draft a `$schema` URL names, if it names one. */
export function draftFromUrl(url: string): Draft | undefined {
  const hash = url.indexOf("#");
  if (hash >= 0 && hash !== url.length - 1) return undefined;
  const u = (hash >= 0 ? url.slice(0, hash) : url).replace(/^https?:\/\//, "");
  switch (u) {
    case "json-schema.org/schema":
    case "json-schema.org/draft/2020-12/schema":
      return DRAFTS[2020];
    case "json-schema.org/draft/2019-09/schema":
      return DRAFTS[2019];
    case "json-schema.org/draft-07/schema":
      return DRAFTS[7];
    case "json-schema.org/draft-06/schema":
      return DRAFTS[6];
    case "json-schema.org/draft-04/schema":
      return DRAFTS[4];
  }
  return undefined;
}

/** Loads a schema document by absolute URL (already JSON-decoded). */
export type SchemaLoader = (url: string) => unknown;

/** A compiled schema: one JSON location with its keywords resolved. */
export interface Schema {
  /** `url#ptr`. */
  location: string;
  /** The draft its resource is written in. */
  draft: number;
  /** The schema of its enclosing resource (for dynamic scopes). */
  resource?: Schema;
  /** `$dynamicAnchor`s of a resource, by name. */
  dynamicAnchors?: Map<string, Schema>;
  bool?: boolean;
  ref?: Schema;
  recursiveRef?: Schema;
  recursiveAnchor?: boolean;
  dynamicRef?: { ref: Schema; anchor: string };
  dynamicAnchor?: string;
  types?: Set<string>;
  constValue?: { value: unknown };
  enumValues?: unknown[];
  enumTypes?: Set<string>;
  format?: FormatCheck;
  formatName?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  ifSchema?: Schema;
  thenSchema?: Schema;
  elseSchema?: Schema;
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  properties?: Map<string, Schema>;
  patternProperties?: Array<[GoRegexp, Schema]>;
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  dependencies?: Map<string, string[] | Schema>;
  dependentRequired?: Map<string, string[]>;
  dependentSchemas?: Map<string, Schema>;
  unevaluatedProperties?: Schema;
  unevaluatedItems?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema | Schema[];
  additionalItems?: boolean | Schema;
  prefixItems?: Schema[];
  items2020?: Schema;
  contains?: Schema;
  minContains?: number;
  maxContains?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: GoRegexp;
  minimum?: Rat;
  maximum?: Rat;
  exclusiveMinimum?: Rat;
  exclusiveMaximum?: Rat;
  multipleOf?: Rat;
  allPropsEvaluated: boolean;
  allItemsEvaluated: boolean;
  numItemsEvaluated: number;
}

interface Resource {
  ptr: string;
  id: string;
  draft: Draft;
  anchors: Map<string, string>;
  dynamicAnchors: string[];
}

interface Root {
  url: string;
  doc: unknown;
  resources: Map<string, Resource>;
  /** Pointers whose subtree has been walked for resources and anchors. */
  processed: Set<string>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

function escapeTok(tok: string): string {
  return tok.replaceAll("~", "~0").replaceAll("/", "~1");
}

function unescapeTok(tok: string): string | undefined {
  if (/~(?![01])/.test(tok)) return undefined;
  return tok.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Go's url.PathEscape per pointer segment (slashes kept). */
function encodeFragment(frag: string): string {
  return frag.split("/").map((t) =>
    encodeURIComponent(t).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
      .replaceAll("%24", "$").replaceAll("%26", "&").replaceAll("%2B", "+").replaceAll("%2C", ",")
      .replaceAll("%3A", ":").replaceAll("%3D", "=").replaceAll("%40", "@")
  ).join("/");
}

function locationOf(url: string, ptr: string): string {
  return `${url}#${encodeFragment(ptr)}`;
}

function splitFragment(s: string): [string, string] {
  const i = s.indexOf("#");
  if (i < 0) return [s, ""];
  let frag = s.slice(i + 1);
  try {
    frag = decodeURIComponent(frag);
  } catch {
    throw new SchemaError(`error in parsing ${JSON.stringify(s)}: invalid URL escape`);
  }
  return [s.slice(0, i), frag];
}

/** Resolves `ref` against `base` as net/url's ResolveReference does (for the usual cases). */
function joinUrl(base: string, ref: string): string {
  if (ref === "") return base;
  try {
    return new URL(ref, base).href;
  } catch {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
    // Opaque bases (urn:…) keep themselves for fragment-only references.
    return base;
  }
}

function lookupPtr(doc: unknown, url: string, ptr: string): unknown {
  let v = doc;
  if (ptr === "") return v;
  for (const raw of ptr.split("/").slice(1)) {
    const tok = unescapeTok(raw);
    if (tok === undefined) {
      throw new SchemaError(`invalid json-pointer ${JSON.stringify(locationOf(url, ptr))}`);
    }
    if (isObject(v) && Object.hasOwn(v, tok)) {
      v = v[tok];
      continue;
    }
    if (Array.isArray(v) && /^\d+$/.test(tok) && Number(tok) < v.length) {
      v = v[Number(tok)];
      continue;
    }
    throw new SchemaError(`json-pointer in ${JSON.stringify(locationOf(url, ptr))} not found`);
  }
  return v;
}

/** Locations (relative pointer suffixes) of the subschemas of an object schema in a draft. */
function subschemaPtrs(obj: Record<string, unknown>, ptr: string, draft: number): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const one = (k: string) => {
    if (Object.hasOwn(obj, k)) out.push([`${ptr}/${escapeTok(k)}`, obj[k]]);
  };
  const arr = (k: string) => {
    const a = obj[k];
    if (Array.isArray(a)) a.forEach((v, i) => out.push([`${ptr}/${escapeTok(k)}/${i}`, v]));
  };
  const map = (k: string) => {
    const m = obj[k];
    if (isObject(m)) {
      for (const [n, v] of Object.entries(m)) out.push([`${ptr}/${escapeTok(k)}/${escapeTok(n)}`, v]);
    }
  };
  map("definitions");
  one("not");
  arr("allOf");
  arr("anyOf");
  arr("oneOf");
  map("properties");
  one("additionalProperties");
  map("patternProperties");
  if (Array.isArray(obj.items)) arr("items");
  else one("items");
  one("additionalItems");
  map("dependencies");
  if (draft >= 6) {
    one("propertyNames");
    one("contains");
  }
  if (draft >= 7) {
    one("if");
    one("then");
    one("else");
  }
  if (draft >= 2019) {
    map("$defs");
    map("dependentSchemas");
    one("unevaluatedProperties");
    one("unevaluatedItems");
    one("contentSchema");
  }
  if (draft >= 2020) arr("prefixItems");
  return out;
}

function newSchema(location: string, draft: number): Schema {
  return { location, draft, allPropsEvaluated: false, allItemsEvaluated: false, numItemsEvaluated: 0 };
}

function typeOfSchemaValue(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (v instanceof JsonNumber) return "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return "object";
}

const TYPE_NAMES = new Set(["null", "boolean", "number", "integer", "string", "array", "object"]);

/** A schema compiler with its loaded documents (the library's `Compiler`). */
export class Compiler {
  readonly #roots = new Map<string, Root>();
  readonly #docs = new Map<string, unknown>();
  readonly #schemas = new Map<string, Schema>();
  readonly #loader: SchemaLoader;
  readonly #assertFormat: boolean;

  /**
   * A compiler that loads referenced documents with `loader`; `assertFormat`
   * checks `format` in every draft (the library's AssertFormat).
   */
  constructor(loader: SchemaLoader, opts: { assertFormat?: boolean } = {}) {
    this.#loader = loader;
    this.#assertFormat = opts.assertFormat ?? false;
  }

  /** Registers a document under a URL (`AddResource`). */
  addResource(url: string, doc: unknown): void {
    this.#docs.set(url, doc);
  }

  /** Compiles the schema at `url` (a fragment may point inside). */
  compile(url: string): Schema {
    const [u, frag] = splitFragment(url);
    const root = this.#root(u);
    const ptr = this.#resolveFragment(root, root.resources.get("")!, frag);
    return this.#schemaAt(root, ptr);
  }

  #load(url: string): unknown {
    if (this.#docs.has(url)) return this.#docs.get(url);
    const meta = metaschemaDoc(url);
    if (meta !== undefined) {
      this.#docs.set(url, meta);
      return meta;
    }
    let doc;
    try {
      doc = this.#loader(url);
    } catch (e) {
      throw new SchemaError(`failing loading ${JSON.stringify(url)}: ${(e as Error).message}`);
    }
    this.#docs.set(url, doc);
    return doc;
  }

  #root(url: string): Root {
    let r = this.#roots.get(url);
    if (r) return r;
    const doc = this.#load(url);
    r = { url, doc, resources: new Map(), processed: new Set() };
    this.#collect(r, doc, url, "", DRAFTS[2020], new Set());
    if (!isMetaUrl(url)) {
      const meta = metaCompiler().compile(r.resources.get("")!.draft.url);
      const err = validateValue(meta, doc);
      if (err) {
        throw new SchemaError(
          `${JSON.stringify(locationOf(url, ""))} is not valid against metaschema: ${errorText(err)}`,
        );
      }
    }
    this.#roots.set(url, r);
    return r;
  }

  #draftOf(v: unknown, fallback: Draft, seen: Set<string>): Draft {
    if (!isObject(v) || typeof v.$schema !== "string") return fallback;
    const d = draftFromUrl(v.$schema);
    if (d) return d;
    const [u] = splitFragment(v.$schema);
    if (seen.has(u)) throw new SchemaError(`cycle in resolving $schema in ${JSON.stringify(u)}`);
    seen.add(u);
    return this.#draftOf(this.#load(u), fallback, seen);
  }

  #collect(r: Root, v: unknown, base: string, ptr: string, fallback: Draft, seen: Set<string>): void {
    if (r.processed.has(ptr)) return;
    r.processed.add(ptr);
    if (!isObject(v)) {
      if (ptr === "") {
        r.resources.set("", { ptr, id: base, draft: fallback, anchors: new Map(), dynamicAnchors: [] });
      }
      return;
    }
    let draft = this.#draftOf(v, fallback, new Set(seen));
    const idOf = (d: Draft): string => {
      if (d.version < 2019 && Object.hasOwn(v, "$ref")) return "";
      const id = v[d.id];
      return typeof id === "string" ? splitFragment(id)[0] : "";
    };
    let id = idOf(draft);
    if (id === "" && ptr !== "") {
      draft = fallback;
      id = idOf(draft);
    }
    if (id !== "" || ptr === "") {
      if (id !== "") base = joinUrl(base, id);
      for (const res of r.resources.values()) {
        if (res.id === base && res.ptr !== ptr) {
          throw new SchemaError(
            `duplicate id ${JSON.stringify(base)} in ${JSON.stringify(r.url)} at ${JSON.stringify(ptr)} and ${
              JSON.stringify(res.ptr)
            }`,
          );
        }
      }
      if (!r.resources.has(ptr)) {
        r.resources.set(ptr, { ptr, id: base, draft, anchors: new Map(), dynamicAnchors: [] });
      }
    }
    const res = [...r.resources.values()].find((x) => x.id === base)!;
    this.#collectAnchors(r, v, ptr, res);
    for (const [p, sub] of subschemaPtrs(v, ptr, draft.version)) {
      this.#collect(r, sub, base, p, res.draft, seen);
    }
  }

  #collectAnchors(r: Root, v: Record<string, unknown>, ptr: string, res: Resource): void {
    const add = (name: string) => {
      const prev = res.anchors.get(name);
      if (prev !== undefined && prev !== ptr) {
        throw new SchemaError(
          `duplicate anchor ${JSON.stringify(name)} in ${JSON.stringify(r.url)} at ${
            JSON.stringify(prev)
          } and ${JSON.stringify(ptr)}`,
        );
      }
      res.anchors.set(name, ptr);
    };
    const version = res.draft.version;
    if (version < 2019) {
      if (Object.hasOwn(v, "$ref")) return;
      const id = v[res.draft.id];
      if (typeof id === "string") {
        const frag = splitFragment(id)[1];
        if (frag !== "" && !frag.startsWith("/")) add(frag);
      }
    }
    if (version >= 2019 && typeof v.$anchor === "string") add(v.$anchor);
    if (version >= 2020 && typeof v.$dynamicAnchor === "string") {
      add(v.$dynamicAnchor);
      res.dynamicAnchors.push(v.$dynamicAnchor);
    }
  }

  #resourceFor(r: Root, ptr: string): Resource {
    for (;;) {
      const res = r.resources.get(ptr);
      if (res) return res;
      const slash = ptr.lastIndexOf("/");
      if (slash < 0) return r.resources.get("")!;
      ptr = ptr.slice(0, slash);
    }
  }

  #resolveFragment(r: Root, res: Resource, frag: string): string {
    if (frag === "" || frag.startsWith("/")) return res.ptr + frag;
    const p = res.anchors.get(frag);
    if (p === undefined) {
      throw new SchemaError(
        `anchor in ${JSON.stringify(`${res.id}#${encodeFragment(frag)}`)} not found in schema ${
          JSON.stringify(r.url)
        }`,
      );
    }
    return p;
  }

  /** The schema a reference from resource `res` of root `r` points to. */
  #resolveRef(r: Root, res: Resource, ref: string): Schema {
    const [u, frag] = splitFragment(joinUrl(res.id, ref));
    if (u === r.url) return this.#schemaAt(r, this.#resolveFragment(r, r.resources.get("")!, frag));
    for (const other of r.resources.values()) {
      if (other.id === u) return this.#schemaAt(r, this.#resolveFragment(r, other, frag));
    }
    const root = this.#root(u);
    return this.#schemaAt(root, this.#resolveFragment(root, root.resources.get("")!, frag));
  }

  #schemaAt(r: Root, ptr: string): Schema {
    const loc = locationOf(r.url, ptr);
    const existing = this.#schemas.get(loc);
    if (existing) return existing;
    const v = lookupPtr(r.doc, r.url, ptr);
    const res = this.#resourceFor(r, ptr);
    if (!r.processed.has(ptr)) {
      // A subschema reached only by pointer: give it its own resources and anchors.
      this.#collect(r, v, res.id, ptr, res.draft, new Set());
    }
    const s = newSchema(loc, res.draft.version);
    this.#schemas.set(loc, s);
    s.resource = res.ptr === ptr ? s : this.#schemaAt(r, res.ptr);
    if (s.draft >= 2020 && s.resource === s) {
      for (const name of res.dynamicAnchors) {
        s.dynamicAnchors ??= new Map();
        s.dynamicAnchors.set(name, this.#schemaAt(r, res.anchors.get(name)!));
      }
    }
    if (typeof v === "boolean") s.bool = v;
    else if (isObject(v)) {
      if (Object.keys(v).length === 0) s.bool = true;
      else this.#compileObject(s, v, r, res, ptr);
    }
    s.allPropsEvaluated = s.additionalProperties !== undefined;
    if (s.draft < 2020) {
      s.allItemsEvaluated = s.additionalItems !== undefined;
      if (Array.isArray(s.items)) s.numItemsEvaluated = s.items.length;
      else if (s.items) s.allItemsEvaluated = true;
    } else {
      s.allItemsEvaluated = s.items2020 !== undefined;
      s.numItemsEvaluated = s.prefixItems?.length ?? 0;
    }
    return s;
  }

  #compileObject(s: Schema, o: Record<string, unknown>, r: Root, res: Resource, ptr: string): void {
    const draft = s.draft;
    const sub = (...toks: string[]) => this.#schemaAt(r, ptr + toks.map((t) => "/" + escapeTok(t)).join(""));
    const prop = (k: string) => Object.hasOwn(o, k) ? sub(k) : undefined;
    const arr = (k: string) =>
      Array.isArray(o[k]) ? (o[k] as unknown[]).map((_, i) => sub(k, String(i))) : undefined;
    const map = (k: string) => {
      const m = o[k];
      if (!isObject(m)) return undefined;
      return new Map(Object.keys(m).map((n) => [n, sub(k, n)]));
    };
    const additional = (k: string): boolean | Schema | undefined =>
      typeof o[k] === "boolean" ? o[k] as boolean : prop(k);
    const num = (k: string): Rat | undefined =>
      o[k] instanceof JsonNumber ? (o[k] as JsonNumber).rat : undefined;
    const int = (k: string): number | undefined => {
      const n = num(k);
      return n && n.isInt() ? Number(BigInt.asIntN(64, n.num)) : undefined;
    };
    const str = (k: string): string | undefined => typeof o[k] === "string" ? o[k] as string : undefined;
    const regex = (pattern: string, kw: string): GoRegexp => {
      try {
        return compileGoRegexp(pattern);
      } catch (e) {
        throw new SchemaError(
          `invalid regex ${JSON.stringify(pattern)} at ${
            JSON.stringify(`${locationOf(r.url, ptr)}/${encodeFragment(escapeTok(kw))}`)
          }: ${(e as Error).message}`,
        );
      }
    };

    const ref = (k: string) =>
      typeof o[k] === "string" ? this.#resolveRef(r, res, o[k] as string) : undefined;
    s.ref = ref("$ref");
    if (draft < 2019 && s.ref) return;

    s.allOf = arr("allOf");
    s.anyOf = arr("anyOf");
    s.oneOf = arr("oneOf");
    s.not = prop("not");
    if (draft < 2020 && Object.hasOwn(o, "items")) {
      if (Array.isArray(o.items)) {
        s.items = arr("items");
        s.additionalItems = additional("additionalItems");
      } else s.items = prop("items");
    }
    s.properties = map("properties");
    const pp = map("patternProperties");
    if (pp) s.patternProperties = [...pp].map(([k, v]) => [regex(k, "patternProperties"), v]);
    s.additionalProperties = additional("additionalProperties");
    if (isObject(o.dependencies)) {
      s.dependencies = new Map();
      for (const [k, v] of Object.entries(o.dependencies)) {
        s.dependencies.set(
          k,
          Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : sub("dependencies", k),
        );
      }
    }

    if (o.type !== undefined) {
      const names = typeof o.type === "string" ? [o.type] : Array.isArray(o.type) ? o.type : [];
      const types = new Set(names.filter((t): t is string => typeof t === "string" && TYPE_NAMES.has(t)));
      if (types.size) s.types = types;
    }
    if (Array.isArray(o.enum)) {
      s.enumValues = o.enum;
      s.enumTypes = new Set(o.enum.map(typeOfSchemaValue));
    }
    s.multipleOf = num("multipleOf");
    s.maximum = num("maximum");
    if (o.exclusiveMaximum === true) {
      s.exclusiveMaximum = s.maximum;
      s.maximum = undefined;
    } else s.exclusiveMaximum = num("exclusiveMaximum");
    s.minimum = num("minimum");
    if (o.exclusiveMinimum === true) {
      s.exclusiveMinimum = s.minimum;
      s.minimum = undefined;
    } else s.exclusiveMinimum = num("exclusiveMinimum");
    s.minLength = int("minLength");
    s.maxLength = int("maxLength");
    const pat = str("pattern");
    if (pat !== undefined) s.pattern = regex(pat, "pattern");
    s.minItems = int("minItems");
    s.maxItems = int("maxItems");
    s.uniqueItems = o.uniqueItems === true;
    s.maxProperties = int("maxProperties");
    s.minProperties = int("minProperties");
    if (Array.isArray(o.required)) s.required = o.required.filter((x): x is string => typeof x === "string");

    const format = str("format");
    if ((draft < 2019 || this.#assertFormat) && format !== undefined) {
      if (format === "regex") {
        s.formatName = "regex";
        s.format = (v) => {
          if (typeof v !== "string") return undefined;
          try {
            compileGoRegexp(v);
            return undefined;
          } catch (e) {
            return (e as Error).message;
          }
        };
      } else if (FORMATS[format]) {
        s.formatName = format;
        s.format = FORMATS[format];
      }
    }

    if (draft >= 6) {
      s.contains = prop("contains");
      s.propertyNames = prop("propertyNames");
      if (Object.hasOwn(o, "const")) s.constValue = { value: o.const };
    }
    if (draft >= 7) {
      s.ifSchema = prop("if");
      if (s.ifSchema) {
        if (o.if !== false) s.thenSchema = prop("then");
        if (o.if !== true) s.elseSchema = prop("else");
      }
    }
    if (draft >= 2019) {
      s.recursiveRef = ref("$recursiveRef");
      s.recursiveAnchor = o.$recursiveAnchor === true;
      if (s.contains) {
        s.minContains = int("minContains");
        s.maxContains = int("maxContains");
      }
      if (isObject(o.dependentRequired)) {
        s.dependentRequired = new Map();
        for (const [k, v] of Object.entries(o.dependentRequired)) {
          if (Array.isArray(v)) {
            s.dependentRequired.set(
              k,
              v.filter((x): x is string => typeof x === "string"),
            );
          }
        }
      }
      s.dependentSchemas = map("dependentSchemas");
      s.unevaluatedItems = prop("unevaluatedItems");
      s.unevaluatedProperties = prop("unevaluatedProperties");
    }
    if (draft >= 2020) {
      const dref = str("$dynamicRef");
      if (dref !== undefined) {
        const target = this.#resolveRef(r, res, dref);
        const frag = splitFragment(dref)[1];
        s.dynamicRef = { ref: target, anchor: frag !== "" && !frag.startsWith("/") ? frag : "" };
      }
      s.dynamicAnchor = str("$dynamicAnchor");
      s.prefixItems = arr("prefixItems");
      s.items2020 = prop("items");
    }
  }
}

let metas: Compiler | undefined;

/** The compiler of the metaschemas themselves (formats asserted, as in the library). */
function metaCompiler(): Compiler {
  return metas ??= new Compiler((url) => {
    throw new Error(`no metaschema at ${url}`);
  }, { assertFormat: true });
}
