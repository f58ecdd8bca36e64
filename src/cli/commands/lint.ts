/**
 * `charta lint PATH...`: examines charts for possible issues, as `helm lint`.
 *
 * @module
 */
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import type { LogFn } from "../../log/slog.ts";
import { readValueSource } from "../../values/source.ts";
import { valueFlags, valueOptions } from "./template.ts";

const LONG = `
This command takes a path to a chart and runs a series of tests to verify that
the chart is well-formed.

If the linter encounters things that will cause the chart to fail installation,
it will emit [ERROR] messages. If it encounters issues that break with convention
or recommendation, it will emit [WARNING] messages.
`;

function flags(): FlagSpec[] {
  return [
    {
      name: "kube-version",
      kind: "string",
      usage: "Kubernetes version used for capabilities and deprecation checks",
    },
    { name: "quiet", kind: "bool", usage: "print only warnings and errors" },
    { name: "skip-schema-validation", kind: "bool", usage: "if set, disables JSON schema validation" },
    { name: "strict", kind: "bool", usage: "fail on lint warnings" },
    ...valueFlags(),
    { name: "with-subcharts", kind: "bool", usage: "lint dependent charts" },
  ];
}

async function run(ctx: CommandContext): Promise<void> {
  const [{ lintAction }, { logTo }] = await Promise.all([
    import("../../action/lint.ts"),
    import("../../log/slog.ts"),
  ]);
  const f = ctx.flags;
  const log: LogFn = logTo(ctx.stderr, ctx.settings.debug);
  const outcome = await lintAction({
    paths: ctx.args,
    strict: f.strict as boolean,
    withSubcharts: f["with-subcharts"] as boolean,
    quiet: f.quiet as boolean,
    skipSchemaValidation: f["skip-schema-validation"] as boolean,
    kubeVersion: f["kube-version"] as string,
    namespace: await ctx.settings.namespace(),
    values: valueOptions(f),
  }, { readValue: readValueSource, log });
  ctx.stdout(outcome.stdout);
  if (outcome.error) throw outcome.error;
}

/** The `lint` command. */
export function lintCommand(): CommandSpec {
  return {
    use: "lint PATH",
    short: "examine a chart for possible issues",
    long: LONG,
    args: { kind: "min", n: 1 },
    flags: flags(),
    run,
  };
}
