/**
 * `charta rollback RELEASE [REVISION]`: rolls a release back, as `helm rollback`.
 *
 * @module
 */
import {
  boolFlag,
  forceFlags,
  historyMaxFlag,
  serverSideOptionFlag,
  timeoutFlag,
  waitForJobsFlag,
} from "../flag_specs.ts";
import type { CommandContext, CommandSpec } from "../command_spec.ts";
import { ChartaError } from "../../errors/mod.ts";
import type { LogFn } from "../../log/slog.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import { dryRunStrategy, waitFlag, waitRequest } from "./template.ts";
import { checkForceFlags, dryRunFlag } from "./install.ts";

const LONG = `
This command rolls back a release to a previous revision.

The first argument of the rollback command is the name of a release, and the
second is a revision (version) number. If this argument is omitted or set to
0, it will roll back to the previous release.

To see revision numbers, run 'charta history RELEASE'.
`;

/** Go's `strconv.Atoi` for a revision argument. */
function parseRevision(text: string): number {
  if (/^[+-]?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
    throw new ChartaError(
      `could not convert revision to a number: strconv.Atoi: parsing ${
        JSON.stringify(text)
      }: value out of range`,
    );
  }
  throw new ChartaError(
    `could not convert revision to a number: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`,
  );
}

async function run(ctx: CommandContext): Promise<void> {
  const [{ rollbackAction }, { configuration }, { logTo }] = await Promise.all([
    import("../../action/rollback.ts"),
    import("../../action/configuration.ts"),
    import("../../log/slog.ts"),
  ]);
  const f = ctx.flags;
  const log: LogFn = logTo(ctx.stderr, ctx.settings.debug);
  checkForceFlags(ctx.changed);
  const version = ctx.args.length > 1 ? parseRevision(ctx.args[1]) : 0;
  const dryRun = dryRunStrategy(f["dry-run"] as string, log);
  const namespace = await ctx.settings.namespace();
  await rollbackAction(
    {
      name: ctx.args[0],
      version,
      dryRun: dryRun !== "none",
      disableHooks: f["no-hooks"] as boolean,
      forceReplace: (f["force-replace"] || f.force) as boolean,
      forceConflicts: f["force-conflicts"] as boolean,
      serverSide: f["server-side"] as "auto" | "true" | "false",
      cleanupOnFail: f["cleanup-on-fail"] as boolean,
      maxHistory: f["history-max"] as number,
      ...waitRequest(ctx, log),
    },
    configuration(ctx.settings, namespace, { log }),
    log,
  );
  ctx.stdout("Rollback was a success! Happy Helming!\n");
}

/** The `rollback` command. */
export function rollbackCommand(settings: EnvSettings): CommandSpec {
  return {
    use: "rollback <RELEASE> [REVISION]",
    short: "roll back a release to a previous revision",
    long: LONG,
    args: { kind: "min", n: 1 },
    flags: [
      ...forceFlags(),
      serverSideOptionFlag(),
      boolFlag("no-hooks", "prevent hooks from running during rollback"),
      timeoutFlag(),
      waitForJobsFlag(),
      boolFlag(
        "cleanup-on-fail",
        "allow deletion of new resources created in this rollback when rollback fails",
      ),
      historyMaxFlag(settings),
      dryRunFlag(),
      waitFlag(),
    ],
    run,
  };
}
