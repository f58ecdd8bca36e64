/**
 * The CRD rules of `helm lint` (helm's `rules.Crds`): files under crds/ are
 * plain YAML (not templates) of CustomResourceDefinitions in
 * apiextensions.k8s.io.
 *
 * @module
 */
import { loadChartV2 } from "../chart/loader.ts";
import { crdObjects } from "../chart/chart.ts";
import type { Chart } from "../chart/types.ts";
import type { LogFn } from "../log/slog.ts";
import { type Linter, Severity } from "./support.ts";
import { notExists, statError, statOrNull } from "./fs.ts";
import { decodeEach, validateYamlContent } from "./manifest.ts";

/** Runs the CRD rules on the linter's chart directory. */
export async function lintCrds(linter: Linter, log?: LogFn): Promise<void> {
  const fpath = "crds/";
  const crdsPath = `${linter.chartDir}/crds`;
  if (await notExists(crdsPath)) return;
  let dirErr = await statError(crdsPath);
  if (!dirErr && !(await statOrNull(crdsPath))?.isDirectory) dirErr = new Error("not a directory");
  if (!linter.runRule(Severity.Error, fpath, dirErr)) return;

  let chart: Chart;
  try {
    chart = await loadChartV2(linter.chartDir, { log });
  } catch (e) {
    linter.runRule(Severity.Error, fpath, e as Error);
    return;
  }
  for (const crd of crdObjects(chart)) {
    const fileName = crd.name;
    for (const { obj, err } of decodeEach(new TextDecoder().decode(crd.file.data))) {
      if (!linter.runRule(Severity.Error, fileName, validateYamlContent(err))) return;
      if (obj) {
        linter.runRule(
          Severity.Error,
          fileName,
          (obj.apiVersion ?? "").startsWith("apiextensions.k8s.io")
            ? null
            : new Error("apiVersion is not in 'apiextensions.k8s.io'"),
        );
        linter.runRule(
          Severity.Error,
          fileName,
          obj.Kind === "CustomResourceDefinition"
            ? null
            : new Error("object kind is not 'CustomResourceDefinition'"),
        );
      }
    }
  }
}
