/**
 * `charta history` (`hist`): a release's revisions, as `helm history`.
 *
 * @module
 */
import type { CommandContext, CommandSpec } from "../command_spec.ts";
import { outputFlag, withReleaseConfig } from "./list.ts";

const LONG = `
History prints historical revisions for a given release.

A default maximum of 256 revisions will be returned. Setting '--max'
configures the maximum length of the revision list returned.

The historical release set is printed as a formatted table, e.g:

    $ helm history angry-bird
    REVISION    UPDATED                     STATUS          CHART             APP VERSION     DESCRIPTION
    1           Mon Oct 3 10:15:13 2016     superseded      alpine-0.1.0      1.0             Initial install
    2           Mon Oct 3 10:15:13 2016     superseded      alpine-0.1.0      1.0             Upgraded successfully
    3           Mon Oct 3 10:15:13 2016     superseded      alpine-0.1.0      1.0             Rolled back to 2
    4           Mon Oct 3 10:15:13 2016     deployed        alpine-0.1.0      1.0             Upgraded successfully
`;

async function run(ctx: CommandContext): Promise<number> {
  const [{ releaseHistory, formatHistory }, { parseOutputFormat }] = await Promise.all([
    import("../../action/release_info.ts"),
    import("../../action/release_output.ts"),
  ]);
  const format = parseOutputFormat(ctx.flags.output as string);
  return await withReleaseConfig(ctx, await ctx.settings.namespace(), async (cfg) => {
    const h = await releaseHistory(cfg, ctx.args[0], ctx.flags.max as number);
    return formatHistory(h, format);
  });
}

/** The `history` command. */
export function historyCommand(): CommandSpec {
  return {
    use: "history RELEASE_NAME",
    aliases: ["hist"],
    short: "fetch release history",
    long: LONG,
    args: { kind: "exact", n: 1 },
    flags: [
      { name: "max", kind: "int", usage: "maximum number of revision to include in history", default: 256 },
      outputFlag(),
    ],
    run,
  };
}
