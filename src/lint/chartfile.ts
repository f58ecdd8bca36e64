/**
 * The Chart.yaml rules of `helm lint` (helm's `rules.Chartfile`): the file
 * parses (strictly, or a warning), and its name, apiVersion, version,
 * appVersion, maintainers, sources, icon, type and dependencies follow
 * helm's conventions.
 *
 * @module
 */
import { GoYamlError, parseYaml } from "../goyaml/mod.ts";
import { decodeFirstDocumentStrict } from "../goyaml/decode.ts";
import { decodeInput } from "../goyaml/reader.ts";
import { foldKey, type GoType } from "../gojson/types.ts";
import { API_VERSION_V1, API_VERSION_V2, METADATA_GOTYPE } from "../chart/metadata.ts";
import type { Metadata } from "../chart/types.ts";
import { parseConstraint, parseVersion, strictParseVersion } from "../semver/mod.ts";
import { base } from "../sprig/gopath.ts";
import { quote } from "../gotpl/quote.ts";
import { isEmail, isRequestURL, isURL } from "./urls.ts";
import { type Linter, Severity } from "./support.ts";
import { readFileError, statOrNull } from "./fs.ts";

const CHART_FILE = "Chart.yaml";

/** Go's `%T` of a JSON-decoded value. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

function isStringValue(data: Record<string, unknown> | null, key: string): Error | null {
  if (data === null || !Object.hasOwn(data, key)) return null;
  const t = goTypeName(data[key]);
  return t === "string" ? null : new Error(`${key} should be of type string but it's of type ${t}`);
}

/** Go's JSON decoding with `DisallowUnknownFields`: the first unknown key, in the (sorted) JSON key order. */
function firstUnknownField(t: GoType, v: unknown): string | undefined {
  while (t.kind === "ptr") t = t.elem;
  if (v === null || typeof v !== "object") return undefined;
  if (t.kind === "slice" && Array.isArray(v)) {
    for (const e of v) {
      const u = firstUnknownField(t.elem, e);
      if (u !== undefined) return u;
    }
    return undefined;
  }
  if (t.kind !== "struct" || Array.isArray(v)) return undefined;
  const obj = v as Record<string, unknown>;
  for (const key of Object.keys(obj).sort()) {
    const f = t.fields.find((f) => f.json === key) ?? t.fields.find((f) => foldKey(f.json) === foldKey(key));
    if (!f) return key;
    const u = firstUnknownField(f.type, obj[key]);
    if (u !== undefined) return u;
  }
  return undefined;
}

/**
 * `chartutil.StrictLoadChartfile`'s error: go-yaml's strict mode rejects
 * duplicate keys, then JSON decoding rejects unknown fields.
 */
function strictError(data: Uint8Array): Error | null {
  let raw: unknown;
  try {
    const { errors } = decodeFirstDocumentStrict(decodeInput(data));
    if (errors.length > 0) {
      return new Error(`error converting YAML to JSON: yaml: unmarshal errors:\n  ${errors.join("\n  ")}`);
    }
    raw = parseYaml(data);
  } catch (e) {
    // The lenient load succeeded, so a failure here is only strictness.
    return e instanceof Error ? e : new Error(String(e));
  }
  const unknown = firstUnknownField(METADATA_GOTYPE, raw);
  if (unknown === undefined) return null;
  return new Error(
    `error unmarshaling JSON: while decoding JSON: json: unknown field ${JSON.stringify(unknown)}`,
  );
}

function validateChartName(cf: Partial<Metadata>): Error | null {
  const name = cf.name ?? "";
  if (name === "") return new Error("name is required");
  if (base(name) !== name) return new Error(`chart name ${quote(name)} is invalid`);
  return null;
}

function validateChartAPIVersion(cf: Partial<Metadata>): Error | null {
  const v = cf.apiVersion ?? "";
  if (v === "") return new Error('apiVersion is required. The value must be either "v1" or "v2"');
  if (v !== API_VERSION_V1 && v !== API_VERSION_V2) {
    return new Error(`apiVersion '${v}' is not valid. The value must be either "v1" or "v2"`);
  }
  return null;
}

function validateChartVersion(cf: Partial<Metadata>): Error | null {
  const v = cf.version ?? "";
  if (v === "") return new Error("version is required");
  let version;
  try {
    version = parseVersion(v);
  } catch {
    return new Error(`version '${v}' is not a valid SemVer`);
  }
  const result = parseConstraint(">0.0.0-0").validate(version);
  if (!result.ok && result.errors.length > 0) return new Error(`version ${result.errors[0]}`);
  return null;
}

function validateChartVersionStrictSemVerV2(cf: Partial<Metadata>): Error | null {
  try {
    strictParseVersion(cf.version ?? "");
    return null;
  } catch {
    return new Error(`version '${cf.version ?? ""}' is not a valid SemVerV2`);
  }
}

function validateChartMaintainer(cf: Partial<Metadata>): Error | null {
  for (const m of cf.maintainers ?? []) {
    if (m === null || m === undefined) return new Error("a maintainer entry is empty");
    const name = m.name ?? "";
    if (name === "") return new Error("each maintainer requires a name");
    if (m.email && !isEmail(m.email)) return new Error(`invalid email '${m.email}' for maintainer '${name}'`);
    if (m.url && !isURL(m.url)) return new Error(`invalid url '${m.url}' for maintainer '${name}'`);
  }
  return null;
}

function validateChartSources(cf: Partial<Metadata>): Error | null {
  for (const source of cf.sources ?? []) {
    const s = source ?? "";
    if (s === "" || !isRequestURL(s)) return new Error(`invalid source URL '${s}'`);
  }
  return null;
}

function validateChartIconPresence(cf: Partial<Metadata>): Error | null {
  return cf.icon ? null : new Error("icon is recommended");
}

function validateChartIconURL(cf: Partial<Metadata>): Error | null {
  if (cf.icon && !isRequestURL(cf.icon)) return new Error(`invalid icon URL '${cf.icon}'`);
  return null;
}

function validateChartDependencies(cf: Partial<Metadata>): Error | null {
  if ((cf.dependencies ?? []).length > 0 && cf.apiVersion !== API_VERSION_V2) {
    return new Error(
      `dependencies are not valid in the Chart file with apiVersion '${cf.apiVersion ?? ""}'. ` +
        `They are valid in apiVersion '${API_VERSION_V2}'`,
    );
  }
  return null;
}

function validateChartType(cf: Partial<Metadata>): Error | null {
  if (cf.type && cf.apiVersion !== API_VERSION_V2) {
    return new Error(
      `chart type is not valid in apiVersion '${
        cf.apiVersion ?? ""
      }'. It is valid in apiVersion '${API_VERSION_V2}'`,
    );
  }
  return null;
}

/** Runs the Chart.yaml rules on the linter's chart directory. */
export async function lintChartfile(linter: Linter): Promise<void> {
  const chartPath = `${linter.chartDir}/${CHART_FILE}`;
  const info = await statOrNull(chartPath);
  linter.runRule(
    Severity.Error,
    CHART_FILE,
    info?.isDirectory ? new Error("should be a file, not a directory") : null,
  );

  let data: Uint8Array | undefined;
  let cf: Partial<Metadata> = {};
  let loadErr: Error | null = null;
  try {
    data = await Deno.readFile(chartPath);
  } catch (e) {
    loadErr = readFileError(chartPath, e);
  }
  if (data !== undefined) {
    try {
      cf = (parseYaml(data, { target: METADATA_GOTYPE }) ?? {}) as Partial<Metadata>;
    } catch (e) {
      if (!(e instanceof GoYamlError)) throw e;
      loadErr = e;
    }
  }
  const valid = linter.runRule(
    Severity.Error,
    CHART_FILE,
    loadErr ? new Error(`unable to parse YAML\n\t${loadErr.message}`, { cause: loadErr }) : null,
  );
  if (!valid || data === undefined) return;

  const strict = strictError(data);
  linter.runRule(
    Severity.Warning,
    CHART_FILE,
    strict
      ? new Error(`failed to strictly parse chart metadata file\n\t${strict.message}`, { cause: strict })
      : null,
  );

  let typed: Record<string, unknown> | null = null;
  try {
    typed = parseYaml(data, { target: "map" }) as Record<string, unknown> | null;
  } catch {
    // Parse errors were reported above.
  }

  linter.runRule(Severity.Error, CHART_FILE, validateChartName(cf));
  linter.runRule(Severity.Error, CHART_FILE, validateChartAPIVersion(cf));
  linter.runRule(Severity.Error, CHART_FILE, isStringValue(typed, "version"));
  linter.runRule(Severity.Error, CHART_FILE, validateChartVersion(cf));
  linter.runRule(Severity.Error, CHART_FILE, isStringValue(typed, "appVersion"));
  linter.runRule(Severity.Error, CHART_FILE, validateChartMaintainer(cf));
  linter.runRule(Severity.Error, CHART_FILE, validateChartSources(cf));
  linter.runRule(Severity.Info, CHART_FILE, validateChartIconPresence(cf));
  linter.runRule(Severity.Error, CHART_FILE, validateChartIconURL(cf));
  linter.runRule(Severity.Error, CHART_FILE, validateChartType(cf));
  linter.runRule(Severity.Error, CHART_FILE, validateChartDependencies(cf));
  linter.runRule(Severity.Warning, CHART_FILE, validateChartVersionStrictSemVerV2(cf));
}
