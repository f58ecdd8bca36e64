/**
 * The template rules of `helm lint` (helm's `rules.Templates`): the chart
 * renders in lint mode (`required` and `fail` only log), and each rendered
 * YAML template of the chart itself is checked: allowed extension, no
 * leading indent, valid YAML documents, object names, deprecated APIs,
 * workload selectors and `helm.sh/resource-policy` inside Lists.
 *
 * @module
 */
import { GoYamlError, parseYaml } from "../goyaml/mod.ts";
import type { GoType } from "../gojson/types.ts";
import { loadChartV2 } from "../chart/loader.ts";
import { processDependencies } from "../chart/dependencies.ts";
import type { Chart } from "../chart/types.ts";
import { coalesceValues } from "../values/coalesce.ts";
import type { Values } from "../values/types.ts";
import { type Capabilities, defaultCapabilities, render, toRenderValues } from "../engine/mod.ts";
import { byteLength, trimGoSpace } from "../gotpl/utf8.ts";
import { quote } from "../gotpl/quote.ts";
import type { LogFn } from "../log/slog.ts";
import { type Linter, Severity } from "./support.ts";
import { decodeEach, type K8sObject, validateYamlContent } from "./manifest.ts";
import { validateMetadataName } from "./names.ts";
import { deprecationWarning } from "./deprecations.ts";
import { notExists, statError, statOrNull } from "./fs.ts";

/**
 * Checks a chart's values against the schemas of the chart and its
 * subcharts (helm's `ValidateAgainstSchema`); throws an error with helm's
 * whole message (`values don't meet the specifications of the schema(s) …`).
 */
export type ChartSchemaValidator = (chart: Chart, values: Values) => void | Promise<void>;

/** Options of the template rules. */
export interface TemplateRuleOptions {
  /** The release namespace. */
  namespace: string;
  /** Capabilities to render with (the default ones when unset); the kube version also drives deprecations. */
  capabilities?: Capabilities;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** The schema check; without one, schemas are not checked. */
  validateSchema?: ChartSchemaValidator;
  /** Receives helm's log records (coalescing warnings, lint-mode `required`/`fail`, loader notes). */
  log?: LogFn;
}

const LIST_STRUCT: GoType = {
  kind: "struct",
  name: "struct { Items []struct { Metadata struct { Annotations map[string]string } } }",
  fields: [{
    json: "Items",
    type: {
      kind: "slice",
      elem: {
        kind: "struct",
        name: "struct { Metadata struct { Annotations map[string]string } }",
        fields: [{
          json: "Metadata",
          type: {
            kind: "struct",
            name: "struct { Annotations map[string]string }",
            fields: [{ json: "Annotations", type: { kind: "map", elem: { kind: "string" } } }],
          },
        }],
      },
    },
  }],
};

/** Go's `filepath.Ext`. */
export function fileExt(name: string): string {
  for (let i = name.length - 1; i >= 0 && name[i] !== "/"; i--) {
    if (name[i] === ".") return name.slice(i);
  }
  return "";
}

function validateAllowedExtension(fileName: string): Error | null {
  const ext = fileExt(fileName);
  if ([".yaml", ".yml", ".tpl", ".txt"].includes(ext)) return null;
  return new Error(`file extension '${ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt`);
}

function isYamlFileExtension(fileName: string): boolean {
  const ext = fileExt(fileName).toLowerCase();
  return ext === ".yaml" || ext === ".yml";
}

/** bufio.Scanner's limit: a line and its newline must fit in 64 KiB. */
const MAX_SCAN_TOKEN = 64 * 1024;

/** helm's `validateTopIndentLevel`: the first non-blank line must not be indented. */
export function validateTopIndentLevel(content: string): Error | null {
  const lines = content.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const raw of lines) {
    if (byteLength(raw) >= MAX_SCAN_TOKEN) return new Error("bufio.Scanner: token too long");
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (trimGoSpace(line) === "") continue;
    if (line.startsWith(" ") || line.startsWith("\t")) {
      return new Error(
        `document starts with an illegal indent: ${quote(line)}, which may cause parsing problems`,
      );
    }
    return null;
  }
  return null;
}

function validateMatchSelector(obj: K8sObject, manifest: string): Error | null {
  const kind = obj.Kind ?? "";
  if (["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"].includes(kind)) {
    if (!manifest.includes("matchLabels") && !manifest.includes("matchExpressions")) {
      return new Error(
        `a ${kind} must contain matchLabels or matchExpressions, and ${
          quote(obj.Metadata?.Name ?? "")
        } does not`,
      );
    }
  }
  return null;
}

function validateListAnnotations(obj: K8sObject, manifest: string): Error | null {
  if (obj.Kind !== "List") return null;
  let m: { Items?: Array<{ Metadata?: { Annotations?: Record<string, string> | null } }> | null } | null;
  try {
    m = parseYaml(manifest, { target: LIST_STRUCT }) as typeof m;
  } catch (e) {
    if (e instanceof GoYamlError) return validateYamlContent(e);
    throw e;
  }
  for (const item of m?.Items ?? []) {
    const annotations = item?.Metadata?.Annotations;
    if (annotations && Object.hasOwn(annotations, "helm.sh/resource-policy")) {
      return new Error("annotation 'helm.sh/resource-policy' within List objects are ignored");
    }
  }
  return null;
}

/** `strconv.Atoi` of the kube version's major and minor (NaN when they are not numbers). */
function kubeMajorMinor(caps: Capabilities): [number, number] {
  const n = (s: string) => (/^[+-]?\d+$/.test(s) ? Number(s) : NaN);
  return [n(caps.KubeVersion.Major), n(caps.KubeVersion.Minor)];
}

function validateNoDeprecations(obj: K8sObject, caps: Capabilities): Error | null {
  const [major, minor] = kubeMajorMinor(caps);
  if (Number.isNaN(major) || Number.isNaN(minor)) return null;
  const msg = deprecationWarning(obj.apiVersion ?? "", obj.Kind ?? "", major, minor);
  return msg === null ? null : new Error(msg);
}

/** Runs the template rules on the linter's chart with the user's values. */
export async function lintTemplates(
  linter: Linter,
  values: Values,
  opts: TemplateRuleOptions,
): Promise<void> {
  const templatesDir = "templates/";
  const templatesPath = `${linter.chartDir}/templates`;
  const log: LogFn = opts.log ?? (() => {});

  const exists = linter.runRule(
    Severity.Warning,
    templatesDir,
    (await notExists(templatesPath)) ? new Error("directory does not exist") : null,
  );
  if (!exists) return;
  let dirErr = await statError(templatesPath);
  if (!dirErr && !(await statOrNull(templatesPath))?.isDirectory) dirErr = new Error("not a directory");
  if (!linter.runRule(Severity.Error, templatesDir, dirErr)) return;

  let chart: Chart;
  try {
    chart = await loadChartV2(linter.chartDir, { log });
  } catch (e) {
    linter.runRule(Severity.Error, templatesDir, e as Error);
    return;
  }

  const caps = opts.capabilities ?? defaultCapabilities();
  try {
    processDependencies(chart, values, { log });
  } catch {
    return;
  }
  let cvals: Values;
  try {
    cvals = coalesceValues(chart, values, (m) => log("INFO", m));
  } catch {
    return;
  }

  let renderValues: Values;
  try {
    // helm's ToRenderValuesWithSchemaValidation coalesces once more before checking the schemas.
    const again = coalesceValues(chart, cvals, (m) => log("INFO", m));
    if (!opts.skipSchemaValidation && opts.validateSchema) await opts.validateSchema(chart, again);
    renderValues = toRenderValues(chart, again, {
      name: "test-release",
      namespace: opts.namespace,
      revision: 0,
      isInstall: false,
      isUpgrade: false,
    }, caps);
  } catch (e) {
    linter.runRule(Severity.Error, templatesDir, e as Error);
    return;
  }

  let rendered: Map<string, string>;
  try {
    rendered = await render(chart, renderValues, { lintMode: true, log });
  } catch (e) {
    linter.runRule(Severity.Error, templatesDir, e as Error);
    return;
  }

  for (const template of chart.templates) {
    const fileName = template.name;
    linter.runRule(Severity.Error, fileName, validateAllowedExtension(fileName));
    if (!isYamlFileExtension(fileName)) continue;
    const content = rendered.get(`${chart.metadata.name}/${fileName}`) ?? "";
    if (trimGoSpace(content) === "") continue;
    linter.runRule(Severity.Warning, fileName, validateTopIndentLevel(content));

    for (const { obj, err } of decodeEach(content)) {
      // A document that does not parse ends the whole check, as in helm.
      if (!linter.runRule(Severity.Error, fileName, validateYamlContent(err))) return;
      if (obj) {
        linter.runRule(
          Severity.Warning,
          fileName,
          validateMetadataName(obj.Kind ?? "", obj.Metadata?.Name ?? ""),
        );
        linter.runRule(Severity.Warning, fileName, validateNoDeprecations(obj, caps));
        linter.runRule(Severity.Error, fileName, validateMatchSelector(obj, content));
        linter.runRule(Severity.Error, fileName, validateListAnnotations(obj, content));
      }
    }
  }
}
