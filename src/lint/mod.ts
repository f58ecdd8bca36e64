/**
 * `helm lint`'s rules (helm's `pkg/chart/v2/lint`): Chart.yaml, values,
 * templates (rendered in lint mode), dependencies and CRDs, each reporting
 * {@link LintMessage}s of INFO, WARNING or ERROR severity.
 *
 * @example
 * ```ts
 * import { runAll } from "./mod.ts";
 * const linter = await runAll("./mychart", {}, { namespace: "default" });
 * for (const m of linter.messages) console.log(m.toString()); // "[INFO] Chart.yaml: icon is recommended"
 * ```
 *
 * @module
 */
import { absPath } from "../chart/directory.ts";
import type { Capabilities } from "../engine/mod.ts";
import type { LogFn } from "../log/slog.ts";
import type { Values } from "../values/types.ts";
import { lintChartfile } from "./chartfile.ts";
import { lintCrds } from "./crds.ts";
import { lintDependencies } from "./dependencies.ts";
import { Linter } from "./support.ts";
import { type ChartSchemaValidator, lintTemplates } from "./templates.ts";
import { lintValues, type SingleSchemaValidator } from "./values.ts";

export { Linter, LintMessage, Severity } from "./support.ts";
export type { ChartSchemaValidator } from "./templates.ts";
export type { SingleSchemaValidator } from "./values.ts";

/** Options of a lint run. */
export interface LintOptions {
  /** The release namespace templates see. */
  namespace: string;
  /** Capabilities to render with (`--kube-version` applied); the default ones when unset. */
  capabilities?: Capabilities;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** Checks values.yaml (with the user's values) against values.schema.json. */
  validateValuesSchema?: SingleSchemaValidator;
  /** Checks the render values against the schemas of the chart and its subcharts. */
  validateChartSchema?: ChartSchemaValidator;
  /** Receives helm's log records. */
  log?: LogFn;
}

/** helm's `lint.RunAll`: every rule on the chart directory `baseDir`, with the user's values. */
export async function runAll(baseDir: string, values: Values, opts: LintOptions): Promise<Linter> {
  const linter = new Linter(absPath(baseDir));
  await lintChartfile(linter);
  await lintValues(linter, values, {
    skipSchemaValidation: opts.skipSchemaValidation,
    validateSchema: opts.validateValuesSchema,
    log: opts.log,
  });
  await lintTemplates(linter, values, {
    namespace: opts.namespace,
    capabilities: opts.capabilities,
    skipSchemaValidation: opts.skipSchemaValidation,
    validateSchema: opts.validateChartSchema,
    log: opts.log,
  });
  await lintDependencies(linter, opts.log);
  await lintCrds(linter, opts.log);
  return linter;
}
