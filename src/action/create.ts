/**
 * The `create` action: a new chart directory as `helm create` makes it,
 * either helm's default chart or a copy of a starter.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { base, clean, dir, isAbs } from "../sprig/gopath.ts";
import type { Metadata } from "../chart/types.ts";

/** What `charta create` was asked to do. */
export interface CreateRequest {
  /** The chart's path as given: its last element is the chart's name, the rest where it goes. */
  name: string;
  /** `-p/--starter`: a starter's name under `starterDir`, or a path to one. */
  starter?: string;
  /** Where starters are looked up by name (`$HELM_DATA_HOME/starters`). */
  starterDir: string;
  /** `--chart-api-version` (`v2`, the default; `v3` is experimental in helm and not supported yet). */
  chartApiVersion?: string;
  /** Whether helm's `HELM_EXPERIMENTAL_CHART_V3` gate is on. */
  chartV3Enabled?: boolean;
}

/** The metadata helm gives a chart made from a starter. */
export function starterMetadata(name: string): Metadata {
  return {
    name,
    description: "A Helm chart for Kubernetes",
    type: "application",
    version: "0.1.0",
    appVersion: "0.1.0",
    apiVersion: "v2",
  };
}

/** Where a starter is read from: a starter name under the starters directory, or an absolute path. */
export function starterPath(starter: string, starterDir: string): string {
  return isAbs(starter) ? starter : clean(`${starterDir}/${starter}`);
}

/**
 * Creates the chart as `helm create` does, writing helm's lines to `out`:
 * `Creating NAME` first, then a warning for each default-chart file that is
 * overwritten.
 *
 * @throws {ChartaError} helm's errors (invalid chart name, missing parent
 * directory, unloadable starter, unsupported chart API version)
 *
 * @example
 * ```ts
 * await createAction({ name: "charts/web", starterDir: "/tmp/starters" }, (t) => console.log(t));
 * ```
 */
export async function createAction(req: CreateRequest, out: (text: string) => void): Promise<void> {
  out(`Creating ${req.name}\n`);
  switch (req.chartApiVersion ?? "v2") {
    case "v2":
    case "":
      break;
    case "v3":
      if (!req.chartV3Enabled) {
        throw new ChartaError(
          "this feature has been marked as experimental and is not enabled by default. " +
            "Please set HELM_EXPERIMENTAL_CHART_V3=1 in your environment to use this feature",
        );
      }
      throw new ChartaError("charta does not create v3 charts yet");
    default:
      throw new ChartaError(`unsupported chart API version: ${req.chartApiVersion} (supported: v2, v3)`);
  }
  const chartName = base(req.name);
  const parent = dir(req.name);
  const { createChart, createFromStarter } = await import("../chart/create.ts");
  if (req.starter) {
    await createFromStarter(starterMetadata(chartName), parent, starterPath(req.starter, req.starterDir));
    return;
  }
  await createChart(chartName, parent, out);
}
