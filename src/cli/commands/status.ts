/**
 * `charta status`: a release's status, as `helm status`.
 *
 * @module
 */
import type { CommandContext, CommandSpec } from "../command_spec.ts";
import { outputFlag, withReleaseConfig } from "./list.ts";

const LONG = `
This command shows the status of a named release.
The status consists of:
- last deployment time
- k8s namespace in which the release lives
- state of the release (can be: unknown, deployed, uninstalled, superseded, failed, uninstalling, pending-install, pending-upgrade or pending-rollback)
- revision of the release
- description of the release (can be completion message or error message)
- list of resources that this release consists of
- details on last test suite run, if applicable
- additional notes provided by the chart
`;

async function run(ctx: CommandContext): Promise<number> {
  const [{ releaseStatus, formatStatus }, { parseOutputFormat }] = await Promise.all([
    import("../../action/release_info.ts"),
    import("../../action/release_output.ts"),
  ]);
  const format = parseOutputFormat(ctx.flags.output as string);
  return await withReleaseConfig(ctx, await ctx.settings.namespace(), async (cfg) => {
    const rel = await releaseStatus(cfg, ctx.args[0], ctx.flags.revision as number, format);
    return formatStatus(rel, format);
  });
}

/** The `status` command. */
export function statusCommand(): CommandSpec {
  return {
    use: "status RELEASE_NAME",
    short: "display the status of the named release",
    long: LONG,
    args: { kind: "exact", n: 1 },
    flags: [
      {
        name: "revision",
        kind: "int",
        usage: "if set, display the status of the named release with revision",
      },
      outputFlag(),
    ],
    run,
  };
}
