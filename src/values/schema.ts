/**
 * values.schema.json validation as helm 4 does it (ValidateAgainstSchema):
 * the coalesced values against the root chart's schema, then each subchart's
 * values (`values[<name>]`) against that subchart's schema, recursively;
 * failures are collected per chart into one error.
 *
 * Schemas are compiled and checked by `src/jsonschema/` (santhosh-tekuri's
 * semantics and texts). `$ref`s load `file:` URLs from disk, `http(s):` URLs
 * from documents fetched beforehand by {@link prefetchRemoteSchemas}, and
 * resolve `urn:` to a permissive schema with a warning, as helm does.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { Chart } from "../chart/types.ts";
import type { LogFn } from "../log/slog.ts";
import type { Values } from "./types.ts";
import { Compiler, JsonNumber, parseSchemaJson, SchemaError } from "../jsonschema/mod.ts";
import { errorText, SchemaValidationFailure } from "../jsonschema/errors.ts";
import { validateValue } from "../jsonschema/validate.ts";
import { GoInt } from "../gotpl/value.ts";
import { HELM_COMPAT_VERSION } from "../version/mod.ts";

/** Where helm registers a chart's schema document. */
const SCHEMA_URL = "file:///values.schema.json";

/** Options for {@link validateAgainstSchema}. */
export interface SchemaOptions {
  /** Receives helm's debug lines and the unresolved-URN warning. */
  log?: LogFn;
  /**
   * URNs already warned about (helm warns once per process); one run of
   * {@link validateAgainstSchema} shares a set when none is given.
   */
  warnedUrns?: Set<string>;
}

/** Remote documents fetched by {@link prefetchRemoteSchemas}: the document or the load error. */
const remoteDocs = new Map<string, { doc?: unknown; error?: string }>();
function loader(log: LogFn, warnedUrns: Set<string>): (url: string) => unknown {
  return (url) => {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? "";
    switch (scheme) {
      case "file": {
        const path = decodeURIComponent(new URL(url).pathname);
        let data: Uint8Array;
        try {
          data = Deno.readFileSync(path);
        } catch (e) {
          if (e instanceof Deno.errors.NotFound) throw new Error(`open ${path}: no such file or directory`);
          if (e instanceof Deno.errors.IsADirectory) throw new Error(`read ${path}: is a directory`);
          throw new Error(`open ${path}: ${(e as Error).message}`);
        }
        return parseSchemaJson(data);
      }
      case "http":
      case "https": {
        const got = remoteDocs.get(url);
        if (got?.error !== undefined) throw new Error(got.error);
        if (got) return got.doc;
        throw new Error(`HTTP request failed for ${url}: not fetched`);
      }
      case "urn":
        if (!warnedUrns.has(url)) {
          warnedUrns.add(url);
          log("WARN", "unresolved URN reference ignored; using permissive schema", [["urn", url]]);
        }
        return true;
      default:
        throw new Error(`no URLLoader registered for ${JSON.stringify(url)}`);
    }
  };
}

/**
 * Validates values against one schema document (helm's
 * ValidateAgainstSingleSchema); returns the text helm reports, or undefined
 * when the values pass. Invalid JSON and schema errors give the decoder's or
 * compiler's message; validation failures the error list with a final newline.
 */
export function validateAgainstSingleSchema(
  values: Values,
  schemaJson: Uint8Array,
  opts: SchemaOptions = {},
): string | undefined {
  const log = opts.log ?? (() => {});
  let doc: unknown;
  try {
    doc = parseSchemaJson(schemaJson);
  } catch (e) {
    return (e as Error).message;
  }
  log("DEBUG", "unmarshalled JSON schema", [["schema", new TextDecoder().decode(schemaJson)]]);
  try {
    const compiler = new Compiler(loader(log, opts.warnedUrns ?? new Set()));
    compiler.addResource(SCHEMA_URL, doc);
    const schema = compiler.compile(SCHEMA_URL);
    const err = validateValue(schema, values);
    if (!err) return undefined;
    const text = errorText(err);
    return text.replace(`jsonschema validation failed with '${SCHEMA_URL}#'\n`, "") + "\n";
  } catch (e) {
    if (e instanceof SchemaError || e instanceof SchemaValidationFailure) return e.message;
    if (e instanceof RangeError) return `unable to validate schema: runtime error: ${e.message}`;
    throw e;
  }
}

/** Go's %T for a subchart's values that are not a map. */
function goTypeOf(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "float64";
  if (v instanceof GoInt) return v.kind;
  if (v instanceof JsonNumber) return "json.Number";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

function isMap(v: unknown): v is Values {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof GoInt) &&
    !(v instanceof Uint8Array);
}

/** The per-chart failure text (helm's ValidateAgainstSchema without the headline); "" when all pass. */
export function schemaFailures(chart: Chart, values: Values, opts: SchemaOptions = {}): string {
  const log = opts.log ?? (() => {});
  const name = chart.metadata.name ?? "";
  let out = "";
  if (chart.schema !== undefined) {
    log("DEBUG", "chart name", [["chart-name", name]]);
    const err = validateAgainstSingleSchema(values, chart.schema, opts);
    if (err !== undefined) out += `${name}:\n${err}`;
  }
  log("DEBUG", "number of dependencies in the chart", [["chart", name], [
    "dependencies",
    GoInt.of(chart.dependencies.length),
  ]]);
  for (const sub of chart.dependencies) {
    const subName = sub.metadata.name ?? "";
    const raw = Object.hasOwn(values, subName) ? values[subName] : undefined;
    if (raw === undefined || raw === null) continue;
    if (!isMap(raw)) {
      out += `${subName}:\ninvalid type for values: expected object (map), got ${goTypeOf(raw)}\n`;
      continue;
    }
    out += schemaFailures(sub, raw, opts);
  }
  return out;
}

/**
 * Checks coalesced values against the schemas of a chart and its subcharts,
 * as helm's install (and so `helm template`) and lint do.
 *
 * @throws {ChartaError} `values don't meet the specifications of the schema(s) in the following chart(s):\n…`
 */
export function validateAgainstSchema(chart: Chart, values: Values, opts: SchemaOptions = {}): void {
  const failures = schemaFailures(chart, values, { ...opts, warnedUrns: opts.warnedUrns ?? new Set() });
  if (failures !== "") {
    throw new ChartaError(
      `values don't meet the specifications of the schema(s) in the following chart(s):\n${failures}`,
    );
  }
}

/** Whether a chart or any of its subcharts has a values.schema.json. */
export function hasSchema(chart: Chart): boolean {
  return chart.schema !== undefined || chart.dependencies.some(hasSchema);
}

function collectRemoteRefs(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) {
    for (const x of v) collectRemoteRefs(x, out);
    return;
  }
  if (typeof v !== "object" || v === null || v instanceof JsonNumber) return;
  for (const [k, x] of Object.entries(v)) {
    if (
      (k === "$ref" || k === "$schema" || k === "$dynamicRef" || k === "$recursiveRef") &&
      typeof x === "string" && /^https?:\/\//i.test(x)
    ) {
      const url = x.split("#")[0];
      if (!/^https?:\/\/json-schema\.org\//.test(url)) out.add(url);
    } else collectRemoteRefs(x, out);
  }
}

/**
 * Fetches the `http(s)` documents the charts' schemas refer to (by absolute
 * URL, transitively), so that {@link validateAgainstSchema}, which is
 * synchronous, can resolve them. Failures are kept and reported when the
 * reference is compiled, with helm's messages.
 */
export async function prefetchRemoteSchemas(chart: Chart): Promise<void> {
  const pending = new Set<string>();
  const walk = (c: Chart) => {
    if (c.schema !== undefined) {
      try {
        collectRemoteRefs(parseSchemaJson(c.schema), pending);
      } catch {
        // invalid JSON is reported by the validation itself
      }
    }
    c.dependencies.forEach(walk);
  };
  walk(chart);
  while (pending.size) {
    const url = pending.values().next().value!;
    pending.delete(url);
    if (remoteDocs.has(url)) continue;
    let entry: { doc?: unknown; error?: string };
    try {
      const res = await fetch(url, {
        headers: { "User-Agent": `Helm/${HELM_COMPAT_VERSION}` },
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status !== 200) {
        await res.body?.cancel();
        entry = { error: `HTTP request to ${url} returned status ${res.status} (${res.statusText})` };
      } else {
        try {
          entry = { doc: parseSchemaJson(new Uint8Array(await res.arrayBuffer())) };
        } catch (e) {
          entry = { error: (e as Error).message };
        }
      }
    } catch (e) {
      entry = { error: `HTTP request failed for ${url}: ${(e as Error).message}` };
    }
    remoteDocs.set(url, entry);
    if (entry.doc !== undefined) collectRemoteRefs(entry.doc, pending);
  }
}
