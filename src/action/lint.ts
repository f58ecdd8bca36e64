/**
 * The `lint` action (helm's `action.Lint` and the `helm lint` command's
 * loop): lints each chart directory or archive, with the user's values,
 * and lays out helm's report (`==> Linting PATH`, the messages, the
 * summary line).
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { DEFAULT_ARCHIVE_LIMITS, loadArchiveFiles } from "../chart/archive.ts";
import { METADATA_GOTYPE } from "../chart/metadata.ts";
import { pathError } from "../chart/errors.ts";
import { parseYaml } from "../goyaml/mod.ts";
import { base, clean, dir } from "../sprig/gopath.ts";
import { quote } from "../gotpl/quote.ts";
import { mergeValueOptions, type ValueReader } from "../values/options.ts";
import type { ValueOptions, Values } from "../values/types.ts";
import type { Capabilities } from "../engine/mod.ts";
import type { Chart } from "../chart/types.ts";
import type { LogFn } from "../log/slog.ts";
import {
  type ChartSchemaValidator,
  type LintMessage,
  runAll,
  Severity,
  type SingleSchemaValidator,
} from "../lint/mod.ts";
import { capabilitiesFor } from "../engine/kube_version.ts";

/** What `charta lint` was asked to do. */
export interface LintRequest {
  /** The chart directories and archives, as given. */
  paths: readonly string[];
  /** `--strict`: warnings fail too. */
  strict?: boolean;
  /** `--with-subcharts`: lint the charts found under each chart's charts/ as well. */
  withSubcharts?: boolean;
  /** `--quiet`: only warnings and errors. */
  quiet?: boolean;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** `--kube-version`. */
  kubeVersion?: string;
  /** The release namespace. */
  namespace: string;
  /** The user's values flags. */
  values: ValueOptions;
}

/** What the action needs from its surroundings. */
export interface LintDeps {
  /** Reads `-f`/`--set-file` sources. */
  readValue: ValueReader;
  /** Receives helm's log records (printed on stderr as they happen). */
  log?: LogFn;
  /** Checks values.yaml against values.schema.json; schemas are not checked without it. */
  validateValuesSchema?: SingleSchemaValidator;
  /** Checks render values against the schemas of a chart and its subcharts. */
  validateChartSchema?: ChartSchemaValidator;
}

/** The result of linting one path (helm's `LintResult`). */
export interface LintResult {
  /** Charts that could be linted (0 or 1 here). */
  totalChartsLinted: number;
  /** Every finding. */
  messages: LintMessage[];
  /** What makes the chart fail: findings at or above the tolerance, or why it could not be linted. */
  errors: Error[];
}

/** What `charta lint` prints: the report, and the error it ends with when charts failed. */
export interface LintOutcome {
  /** The report for stdout. */
  stdout: string;
  /** `N chart(s) linted, M chart(s) failed` when M > 0. */
  error?: ChartaError;
}

/** Go's `filepath.Walk` over `root`, in lexical order, without following links; errors are skipped. */
async function walk(root: string, visit: (path: string, name: string) => void): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(root);
  } catch {
    return;
  }
  visit(root, base(root));
  if (!info.isDirectory) return;
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(root)) names.push(e.name);
  } catch {
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) await walk(`${root}/${name}`, visit);
}

/** The subcharts `--with-subcharts` adds: directories holding a Chart.yaml and archives under charts/. */
export async function subchartPaths(paths: readonly string[]): Promise<string[]> {
  const out = [...paths];
  for (const p of paths) {
    await walk(clean(`${p}/charts`), (path, name) => {
      if (name === "Chart.yaml") out.push(dir(path));
      else if (path.endsWith(".tgz") || path.endsWith(".tar.gz")) out.push(path);
    });
  }
  return out;
}

function isArchivePath(path: string): boolean {
  return path.endsWith(".tgz") || path.endsWith(".tar.gz");
}

/** helm's `chartutil.Expand`: writes the archive's files under `dest/<chart name>` and returns that directory. */
async function expandArchive(dest: string, data: Uint8Array): Promise<string> {
  const files = await loadArchiveFiles(data, DEFAULT_ARCHIVE_LIMITS);
  let chartName = "";
  for (const f of files) {
    if (f.name !== "Chart.yaml") continue;
    try {
      chartName = ((parseYaml(f.data, { target: METADATA_GOTYPE }) ?? {}) as { name?: string }).name ?? "";
    } catch (e) {
      throw new Error(`cannot load Chart.yaml: ${(e as Error).message}`, { cause: e });
    }
  }
  if (chartName === "") throw new Error("chart name not specified");
  if (chartName === "." || chartName === "..") {
    throw new Error(`chart name ${quote(chartName)} is not allowed`);
  }
  if (chartName !== base(chartName)) {
    throw new Error(`chart name ${quote(chartName)} must not contain path separators`);
  }
  const chartDir = `${dest}/${chartName}`;
  for (const f of files) {
    const out = clean(`${chartDir}/${f.name}`);
    if (!out.startsWith(`${chartDir}/`)) continue;
    await Deno.mkdir(dir(out), { recursive: true });
    await Deno.writeFile(out, f.data);
  }
  return chartDir;
}

interface LintContext {
  values: Values;
  namespace: string;
  capabilities?: Capabilities;
  strict: boolean;
  skipSchemaValidation: boolean;
  deps: LintDeps;
}

async function lintOne(path: string, ctx: LintContext): Promise<LintResult> {
  const result: LintResult = { totalChartsLinted: 0, messages: [], errors: [] };
  let tempDir: string | undefined;
  try {
    let chartPath = path;
    if (isArchivePath(path)) {
      tempDir = await Deno.makeTempDir({ prefix: "helm-lint" });
      let data: Uint8Array;
      try {
        data = await Deno.readFile(path);
      } catch (e) {
        throw new Error(`unable to open tarball: ${pathError("open", path, e).message}`, { cause: e });
      }
      try {
        chartPath = await expandArchive(tempDir, data);
      } catch (e) {
        throw new Error(`unable to extract tarball: ${(e as Error).message}`, { cause: e });
      }
    }
    const chartFile = clean(`${chartPath}/Chart.yaml`);
    try {
      await Deno.stat(chartFile);
    } catch (e) {
      throw new Error(
        `unable to check Chart.yaml file in chart: ${pathError("stat", chartFile, e).message}`,
        {
          cause: e,
        },
      );
    }
    const linter = await runAll(chartPath, ctx.values, {
      namespace: ctx.namespace,
      capabilities: ctx.capabilities,
      skipSchemaValidation: ctx.skipSchemaValidation,
      validateValuesSchema: ctx.deps.validateValuesSchema,
      validateChartSchema: ctx.deps.validateChartSchema,
      log: ctx.deps.log,
    });
    const tolerance = ctx.strict ? Severity.Warning : Severity.Error;
    result.messages.push(...linter.messages);
    result.totalChartsLinted++;
    for (const m of linter.messages) if (m.severity >= tolerance) result.errors.push(m.err);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    result.errors.push(e);
  } finally {
    if (tempDir) await Deno.remove(tempDir, { recursive: true }).catch(() => {});
  }
  return result;
}

/** The values.schema.json checks of src/values/schema.ts, loaded when needed. */
async function schemaValidators(
  log?: LogFn,
): Promise<Required<Pick<LintDeps, "validateValuesSchema" | "validateChartSchema">>> {
  const { hasSchema, prefetchRemoteSchemas, validateAgainstSchema, validateAgainstSingleSchema } =
    await import(
      "../values/schema.ts"
    );
  return {
    validateValuesSchema: async (values, schema) => {
      // Remote $refs must be fetched before the (synchronous) validation; a chart of just this schema does it.
      await prefetchRemoteSchemas({ schema, dependencies: [] } as unknown as Chart);
      const err = validateAgainstSingleSchema(values, schema, { log });
      if (err !== undefined) throw new Error(err);
    },
    validateChartSchema: async (chart, values) => {
      if (hasSchema(chart)) await prefetchRemoteSchemas(chart);
      // Called even without schemas: helm logs its walk over the charts at debug level.
      validateAgainstSchema(chart, values, { log });
    },
  };
}

/** helm's `HasWarningsOrErrors`. */
export function hasWarningsOrErrors(result: LintResult): boolean {
  return result.messages.some((m) => m.severity > Severity.Info) || result.errors.length > 0;
}

/**
 * Lints the requested charts as `helm lint` does and returns the report;
 * bad flags (kube version, values) throw before anything is linted.
 */
export async function lintAction(req: LintRequest, deps: LintDeps): Promise<LintOutcome> {
  let capabilities: Capabilities | undefined;
  if (req.kubeVersion) {
    try {
      capabilities = capabilitiesFor(req.kubeVersion);
    } catch (e) {
      throw new ChartaError((e as Error).message, { cause: e });
    }
  }
  const paths = req.withSubcharts ? await subchartPaths(req.paths) : [...req.paths];
  const values = await mergeValueOptions(req.values, deps.readValue);
  if (!req.skipSchemaValidation && (!deps.validateValuesSchema || !deps.validateChartSchema)) {
    deps = { ...await schemaValidators(deps.log), ...deps };
  }
  const ctx: LintContext = {
    values,
    namespace: req.namespace,
    capabilities,
    strict: req.strict ?? false,
    skipSchemaValidation: req.skipSchemaValidation ?? false,
    deps,
  };
  let out = "";
  let failed = 0;
  let errorsOrWarnings = 0;
  for (const path of paths) {
    const result = await lintOne(path, ctx);
    const noisy = hasWarningsOrErrors(result);
    if (noisy) errorsOrWarnings++;
    if (req.quiet && !noisy) continue;
    out += `==> Linting ${path}\n`;
    // A chart that was linted reports its errors as messages; only a chart that could not be linted prints them.
    if (result.messages.length === 0) { for (const err of result.errors) out += `Error ${err.message}\n`; }
    for (const m of result.messages) {
      if (!req.quiet || m.severity > Severity.Info) out += `${m.toString()}\n`;
    }
    if (result.errors.length !== 0) failed++;
    out += "\n";
  }
  const summary = `${paths.length} chart(s) linted, ${failed} chart(s) failed`;
  if (failed > 0) return { stdout: out, error: new ChartaError(summary) };
  if (!req.quiet || errorsOrWarnings > 0) out += `${summary}\n`;
  return { stdout: out };
}
