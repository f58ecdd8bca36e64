/**
 * `charta uninstall RELEASE_NAME [...]`: uninstalls releases, as `helm uninstall`.
 *
 * @module
 */
import { timeoutFlag } from "../flag_specs.ts";
import type { CommandContext, CommandSpec } from "../command_spec.ts";
import { ChartaError } from "../../errors/mod.ts";
import type { LogFn } from "../../log/slog.ts";
import { waitFlag, waitStrategy } from "./template.ts";

const LONG = `
This command takes a release name and uninstalls the release.

It removes all of the resources associated with the last release of the chart
as well as the release history, freeing it up for future use.

Use the '--dry-run' flag to see which releases will be uninstalled without actually
uninstalling them.

Use '--cascade foreground' with '--wait' to ensure resources with finalizers
are fully deleted before the command returns.
`;

async function run(ctx: CommandContext): Promise<void> {
  const [{ uninstallAction }, { configuration }, { logTo }] = await Promise.all([
    import("../../action/uninstall.ts"),
    import("../../action/configuration.ts"),
    import("../../log/slog.ts"),
  ]);
  const f = ctx.flags;
  const log: LogFn = logTo(ctx.stderr, ctx.settings.debug);
  const cascade = f.cascade as string;
  if (cascade !== "background" && cascade !== "foreground" && cascade !== "orphan") {
    throw new ChartaError(
      `invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`,
    );
  }
  const namespace = await ctx.settings.namespace();
  const config = configuration(ctx.settings, namespace, { log });
  for (const name of ctx.args) {
    const res = await uninstallAction(
      {
        name,
        keepHistory: f["keep-history"] as boolean,
        disableHooks: f["no-hooks"] as boolean,
        ignoreNotFound: f["ignore-not-found"] as boolean,
        dryRun: f["dry-run"] as boolean,
        cascade,
        description: f.description as string,
        timeoutMs: f.timeout as number,
        wait: waitStrategy(f.wait as string, log),
      },
      config,
      log,
    );
    if (res.info !== "") ctx.stdout(res.info + "\n");
    ctx.stdout(`release "${name}" uninstalled\n`);
  }
}

/** The `uninstall` command. */
export function uninstallCommand(): CommandSpec {
  return {
    use: "uninstall RELEASE_NAME [...]",
    aliases: ["del", "delete", "un"],
    short: "uninstall a release",
    long: LONG,
    args: { kind: "min", n: 1 },
    flags: [
      { name: "dry-run", kind: "bool", usage: "simulate a uninstall" },
      { name: "no-hooks", kind: "bool", usage: "prevent hooks from running during uninstallation" },
      {
        name: "ignore-not-found",
        kind: "bool",
        usage: `Treat "release not found" as a successful uninstall`,
      },
      {
        name: "keep-history",
        kind: "bool",
        usage:
          "remove all associated resources and mark the release as deleted, but retain the release history",
      },
      {
        name: "cascade",
        kind: "string",
        usage:
          'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents. Defaults to background. Use "foreground" with --wait to ensure resources with finalizers are fully deleted before returning.',
        default: "background",
      },
      timeoutFlag(),
      { name: "description", kind: "string", usage: "add a custom description" },
      waitFlag(),
    ],
    run,
  };
}
