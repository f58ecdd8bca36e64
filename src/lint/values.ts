/**
 * The values.yaml rules of `helm lint` (helm's `rules.ValuesWithOverrides`):
 * the file exists (or an INFO), parses, and, coalesced with the user's
 * values, satisfies values.schema.json when the chart has one.
 *
 * @module
 */
import { GoYamlError, parseYaml } from "../goyaml/mod.ts";
import { coalesceTables, deepCopy } from "../values/coalesce.ts";
import type { Values } from "../values/types.ts";
import type { LogFn } from "../log/slog.ts";
import { type Linter, Severity } from "./support.ts";
import { readFileError, statOrNull } from "./fs.ts";

/**
 * Checks values against one JSON schema (helm's `ValidateAgainstSingleSchema`);
 * throws an error with helm's message when they do not conform.
 */
export type SingleSchemaValidator = (values: Values, schema: Uint8Array) => void | Promise<void>;

/** Options of the values rule. */
export interface ValuesRuleOptions {
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** The schema check; without one, schemas are not checked. */
  validateSchema?: SingleSchemaValidator;
  /** Receives helm's log records (coalescing warnings). */
  log?: LogFn;
}

async function validateValuesFile(
  valuesPath: string,
  overrides: Values,
  opts: ValuesRuleOptions,
): Promise<Error | null> {
  let values: Values;
  try {
    const data = await Deno.readFile(valuesPath);
    values = (parseYaml(data, { target: "map" }) ?? {}) as Values;
  } catch (e) {
    const err = e instanceof GoYamlError ? e : readFileError(valuesPath, e);
    return new Error(`unable to parse YAML: ${err.message}`, { cause: err });
  }
  // As helm: only the top-level values are checked, so tables are coalesced rather than the chart's values.
  const warn = (m: string) => opts.log?.("INFO", m);
  let coalesced = coalesceTables({} as Values, deepCopy(overrides) as Values, warn) as Values;
  coalesced = coalesceTables(coalesced, values, warn) as Values;

  const schemaPath = valuesPath.slice(0, valuesPath.length - ".yaml".length) + ".schema.json";
  let schema: Uint8Array | undefined;
  try {
    schema = await Deno.readFile(schemaPath);
  } catch {
    // helm looks at the length first: an unreadable schema is no schema.
  }
  if (schema === undefined || schema.length === 0) return null;
  if (opts.skipSchemaValidation || !opts.validateSchema) return null;
  try {
    await opts.validateSchema(coalesced, schema);
  } catch (e) {
    if (e instanceof Error) return e;
    throw e;
  }
  return null;
}

/** Runs the values rules on the linter's chart with the user's values. */
export async function lintValues(
  linter: Linter,
  overrides: Values,
  opts: ValuesRuleOptions = {},
): Promise<void> {
  const file = "values.yaml";
  const vf = `${linter.chartDir}/${file}`;
  const exists = linter.runRule(
    Severity.Info,
    file,
    (await statOrNull(vf)) === null ? new Error("file does not exist") : null,
  );
  if (!exists) return;
  linter.runRule(Severity.Error, file, await validateValuesFile(vf, overrides, opts));
}
