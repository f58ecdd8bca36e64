/**
 * The dependency rules of `helm lint` (helm's `rules.Dependencies`): the
 * subcharts in charts/ and the dependencies of Chart.yaml agree, and no two
 * dependencies share a name or alias.
 *
 * @module
 */
import { loadDir } from "../chart/loader.ts";
import type { Chart } from "../chart/types.ts";
import type { LogFn } from "../log/slog.ts";
import { type Linter, Severity } from "./support.ts";

function validateDependencyInChartsDir(c: Chart): Error | null {
  const present = new Set(c.dependencies.map((d) => d.metadata.name));
  const missing = (c.metadata.dependencies ?? []).filter((d) => !present.has(d.name)).map((d) => d.name);
  return missing.length
    ? new Error(`chart directory is missing these dependencies: ${missing.join(",")}`)
    : null;
}

function validateDependencyInMetadata(c: Chart): Error | null {
  const declared = new Set((c.metadata.dependencies ?? []).map((d) => d.name));
  const missing = c.dependencies.filter((d) => !declared.has(d.metadata.name)).map((d) => d.metadata.name);
  return missing.length
    ? new Error(`chart metadata is missing these dependencies: ${missing.join(",")}`)
    : null;
}

function validateDependenciesUnique(c: Chart): Error | null {
  const seen = new Set<string>();
  const shadowing: string[] = [];
  for (const d of c.metadata.dependencies ?? []) {
    const key = d.alias ? d.alias : d.name;
    if (seen.has(key)) shadowing.push(key);
    seen.add(key);
  }
  return shadowing.length
    ? new Error(`multiple dependencies with name or alias: ${shadowing.join(",")}`)
    : null;
}

/** Runs the dependency rules on the linter's chart directory. */
export async function lintDependencies(linter: Linter, log?: LogFn): Promise<void> {
  let c: Chart;
  try {
    c = await loadDir(linter.chartDir, { log });
  } catch (e) {
    linter.runRule(
      Severity.Error,
      "",
      new Error(`unable to load chart\n\t${(e as Error).message}`, { cause: e }),
    );
    return;
  }
  linter.runRule(Severity.Error, linter.chartDir, validateDependencyInMetadata(c));
  linter.runRule(Severity.Error, linter.chartDir, validateDependenciesUnique(c));
  linter.runRule(Severity.Warning, linter.chartDir, validateDependencyInChartsDir(c));
}
