/**
 * `charta create NAME`: makes a new chart directory, as `helm create`.
 *
 * @module
 */
import type { CommandSpec } from "../command_spec.ts";
import { underPath } from "../../settings/helm_path.ts";

const LONG = `
This command creates a chart directory along with the common files and
directories used in a chart.

For example, 'charta create foo' will create a directory structure that looks
something like this:

    foo/
    ├── .helmignore   # Contains patterns to ignore when packaging Helm charts.
    ├── Chart.yaml    # Information about your chart
    ├── values.yaml   # The default values for your templates
    ├── charts/       # Charts that this chart depends on
    └── templates/    # The template files
        └── tests/    # The test files

'charta create' takes a path for an argument. If directories in the given path
do not exist, charta will attempt to create them as it goes. If the given
destination exists and there are files in that directory, conflicting files
will be overwritten, but other files will be left alone.
`;

/** The `create` command. */
export function createCommand(): CommandSpec {
  return {
    use: "create NAME",
    short: "create a new chart with the given name",
    long: LONG,
    args: { kind: "exact", n: 1 },
    flags: [
      {
        name: "starter",
        short: "p",
        kind: "string",
        usage: "the name or absolute path to Helm starter scaffold",
      },
      {
        name: "chart-api-version",
        kind: "string",
        usage: "chart API version to use (v2 or v3)",
        default: "v2",
        hidden: true,
      },
    ],
    run: async (ctx) => {
      const { createAction } = await import("../../action/create.ts");
      const s = ctx.settings;
      await createAction({
        name: ctx.args[0],
        starter: ctx.flags.starter as string,
        starterDir: underPath(s.paths.data, s.os, "starters"),
        chartApiVersion: ctx.flags["chart-api-version"] as string,
        chartV3Enabled: (s.env("HELM_EXPERIMENTAL_CHART_V3") ?? "") !== "",
      }, ctx.stdout);
    },
  };
}
