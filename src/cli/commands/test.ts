/**
 * `charta test RELEASE`: runs a release's tests, as `helm test`.
 *
 * @module
 */
import { timeoutFlag } from "../flag_specs.ts";
import type { CommandContext, CommandSpec } from "../command_spec.ts";

const LONG = `
The test command runs the tests for a release.

The argument this command takes is the name of a deployed release.
The tests to be run are defined in the chart that was installed.
`;

async function run(ctx: CommandContext): Promise<number> {
  const [{ parseTestFilters, testRelease }, { readConfiguration, FatalLog }, { formatLogLine, logTo }] =
    await Promise
      .all([
        import("../../action/release_testing.ts"),
        import("../../action/release_config.ts"),
        import("../../log/slog.ts"),
      ]);
  const f = ctx.flags;
  const namespace = await ctx.settings.namespace();
  let rc;
  try {
    rc = await readConfiguration(ctx.settings, namespace);
  } catch (e) {
    // helm's start-up problems (memory driver data) are a log line, not an `Error:`.
    if (e instanceof FatalLog) {
      ctx.stderr(formatLogLine("INFO", e.message));
      return 1;
    }
    throw e;
  }
  await testRelease(rc, {
    name: ctx.args[0],
    timeoutMs: f.timeout as number,
    filters: parseTestFilters(f.filter as string[]),
    logs: f.logs as boolean,
    debug: ctx.settings.debug,
    log: logTo(ctx.stderr, ctx.settings.debug),
    namespace,
  }, ctx.stdout);
  return 0;
}

/** The `test` command. */
export function testCommand(): CommandSpec {
  return {
    use: "test [RELEASE]",
    short: "run tests for a release",
    long: LONG,
    args: { kind: "exact", n: 1 },
    flags: [
      timeoutFlag(),
      {
        name: "logs",
        kind: "bool",
        usage:
          "dump the logs from test pods (this runs after all tests are complete, but before any cleanup)",
      },
      {
        name: "filter",
        kind: "stringSlice",
        usage:
          `specify tests by attribute (currently "name") using attribute=value syntax or '!attribute=value' to exclude a test (can specify multiple or separate values with commas: name=test1,name=test2)`,
        default: [],
      },
      // helm 3's flag; helm 4 always leaves the notes out of test output.
      {
        name: "hide-notes",
        kind: "bool",
        usage: "if set, do not show notes in test output. Does not affect presence in chart metadata",
        hidden: true,
      },
    ],
    run,
  };
}
