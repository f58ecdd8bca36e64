/**
 * The JSON Schema metaschemas (drafts 4, 6, 7, 2019-09, 2020-12), which the
 * library serves for `json-schema.org` URLs without fetching them and uses
 * to check every schema document before compiling it.
 *
 * The documents come from the `ajv` packages (the published json-schema.org
 * texts); the two places where the library's embedded copies differ are
 * adjusted to match it.
 *
 * @module
 */
import d4 from "ajv-draft-04/dist/refs/json-schema-draft-04.json" with { type: "json" };
import d6 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import d7 from "ajv/dist/refs/json-schema-draft-07.json" with { type: "json" };
import s2019 from "ajv/dist/refs/json-schema-2019-09/schema.json" with { type: "json" };
import m2019Applicator from "ajv/dist/refs/json-schema-2019-09/meta/applicator.json" with { type: "json" };
import m2019Content from "ajv/dist/refs/json-schema-2019-09/meta/content.json" with { type: "json" };
import m2019Core from "ajv/dist/refs/json-schema-2019-09/meta/core.json" with { type: "json" };
import m2019Format from "ajv/dist/refs/json-schema-2019-09/meta/format.json" with { type: "json" };
import m2019MetaData from "ajv/dist/refs/json-schema-2019-09/meta/meta-data.json" with { type: "json" };
import m2019Validation from "ajv/dist/refs/json-schema-2019-09/meta/validation.json" with { type: "json" };
import s2020 from "ajv/dist/refs/json-schema-2020-12/schema.json" with { type: "json" };
import m2020Applicator from "ajv/dist/refs/json-schema-2020-12/meta/applicator.json" with { type: "json" };
import m2020Content from "ajv/dist/refs/json-schema-2020-12/meta/content.json" with { type: "json" };
import m2020Core from "ajv/dist/refs/json-schema-2020-12/meta/core.json" with { type: "json" };
import m2020FormatAnnotation from "ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json" with {
  type: "json",
};
import m2020MetaData from "ajv/dist/refs/json-schema-2020-12/meta/meta-data.json" with { type: "json" };
import m2020Unevaluated from "ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json" with { type: "json" };
import m2020Validation from "ajv/dist/refs/json-schema-2020-12/meta/validation.json" with { type: "json" };
import { JsonNumber } from "./json.ts";

/** Numbers become {@link JsonNumber}s, as when the library decodes its copies. */
function fromJson(v: unknown): unknown {
  if (typeof v === "number") return new JsonNumber(String(v));
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromJson(x);
    return out;
  }
  return v;
}

type Doc = Record<string, unknown> & { properties: Record<string, unknown> };

function draft4(): unknown {
  const doc = structuredClone(d4) as unknown as Doc;
  // The library's copy has no root id and an `id` of the (unknown, so unchecked) format "uriref".
  delete (doc as Record<string, unknown>).id;
  doc.properties.id = { type: "string", format: "uriref" };
  return doc;
}

function draft7(): unknown {
  const doc = structuredClone(d7) as unknown as Doc;
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc.properties)) {
    props[k] = v;
    if (k === "readOnly") props.writeOnly = { type: "boolean", default: false };
  }
  doc.properties = props;
  return doc;
}

let table: Map<string, () => unknown> | undefined;

function docs(): Map<string, () => unknown> {
  return table ??= new Map<string, () => unknown>([
    ["draft-04/schema", draft4],
    ["draft-06/schema", () => d6],
    ["draft-07/schema", draft7],
    ["draft/2019-09/schema", () => s2019],
    ["draft/2019-09/meta/applicator", () => m2019Applicator],
    ["draft/2019-09/meta/content", () => m2019Content],
    ["draft/2019-09/meta/core", () => m2019Core],
    ["draft/2019-09/meta/format", () => m2019Format],
    ["draft/2019-09/meta/meta-data", () => m2019MetaData],
    ["draft/2019-09/meta/validation", () => m2019Validation],
    ["draft/2020-12/schema", () => s2020],
    ["draft/2020-12/meta/applicator", () => m2020Applicator],
    ["draft/2020-12/meta/content", () => m2020Content],
    ["draft/2020-12/meta/core", () => m2020Core],
    ["draft/2020-12/meta/format-annotation", () => m2020FormatAnnotation],
    ["draft/2020-12/meta/meta-data", () => m2020MetaData],
    ["draft/2020-12/meta/unevaluated", () => m2020Unevaluated],
    ["draft/2020-12/meta/validation", () => m2020Validation],
  ]);
}

/** Whether a URL is under json-schema.org (whose documents are never fetched or checked). */
export function isMetaUrl(url: string): boolean {
  return /^https?:\/\/json-schema\.org\//.test(url);
}

/**
 * The metaschema document at a json-schema.org URL (fragment ignored), or
 * undefined for other URLs and unknown paths.
 */
export function metaschemaDoc(url: string): unknown {
  const m = /^https?:\/\/json-schema\.org\/([^#]*)/.exec(url);
  if (!m) return undefined;
  const path = m[1] === "schema" ? "draft/2020-12/schema" : m[1];
  const make = docs().get(path);
  return make ? fromJson(make()) : undefined;
}
