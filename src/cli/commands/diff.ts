/**
 * `charta diff upgrade|rollback|install`: what the operation would change
 * in the cluster, object by object, without changing anything. The command
 * shapes and flags follow the helm-diff plugin's, so scripts port.
 *
 * @module
 */
import { boolFlag, serverSideOptionFlag } from "../flag_specs.ts";
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import { ChartaError } from "../../errors/mod.ts";
import type { LogFn } from "../../log/slog.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import type { DiffMode } from "../../action/diff.ts";
import { valueFlags, valueOptions } from "./template.ts";
import { chartPathFlags } from "./show.ts";

const LONG = `
Show what an upgrade, a rollback or an install would change in the cluster,
object by object, as a diff of each object's live state against its state
afterwards. The state afterwards is what the API server answers to a
server-side dry run of the operation's writes: nothing is changed, in the
cluster or in the release history.

Secret values are masked unless --show-secrets is given. Hooks are not
compared.

Use --detailed-exitcode in scripts: the exit code is then 2 when something
would change, 0 when nothing would, and 1 on errors.
`;

const UPGRADE_LONG = `
Show what 'charta upgrade RELEASE CHART' with the same flags would change in
the cluster: objects changed, added, and removed (objects annotated
helm.sh/resource-policy: keep stay and are not shown).

With --install, a release that does not exist is shown as an install: every
object added.
`;

const ROLLBACK_LONG = `
Show what 'charta rollback RELEASE [REVISION]' would change in the cluster.
If REVISION is omitted or 0, the release is compared with the revision before
the last one.
`;

const INSTALL_LONG = `
Show what 'charta install NAME CHART' would create in the cluster (objects
that exist already and would be adopted with --take-ownership are shown as
changed).
`;

/** The output flags every diff subcommand has. */
function outputFlags(): FlagSpec[] {
  return [
    boolFlag(
      "detailed-exitcode",
      "return a non-zero exit code when there are changes: 2 for changes, 1 for errors, 0 for no changes",
    ),
    {
      name: "context",
      short: "C",
      kind: "int",
      default: -1,
      usage: "output NUM lines of context around changes (-1: whole objects)",
    },
    {
      name: "output",
      kind: "string",
      default: "diff",
      usage: "possible values: diff, simple, json",
      completions: ["diff", "simple", "json"],
    },
    boolFlag("show-secrets", "do not mask the values of Secrets"),
    boolFlag("no-color", "remove colors from the output (also NO_COLOR and --color never)"),
    boolFlag("force-conflicts", "if set server-side apply will force changes against conflicts"),
  ];
}

const chartFlags = (settings: EnvSettings): FlagSpec[] => [
  boolFlag(
    "devel",
    "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored",
  ),
  boolFlag("skip-schema-validation", "if set, disables JSON schema validation"),
  boolFlag("enable-dns", "enable DNS lookups when rendering templates"),
  boolFlag(
    "take-ownership",
    "if set, ignore the check for helm annotations and take ownership of the existing resources",
  ),
  ...chartPathFlags(settings),
  ...valueFlags(),
];

/** Go's `strconv.Atoi` for a revision argument, with rollback's wording. */
function parseRevision(text: string): number {
  const n = Number(text);
  if (/^[+-]?\d+$/.test(text) && Number.isSafeInteger(n)) return n;
  const why = /^[+-]?\d+$/.test(text) ? "value out of range" : "invalid syntax";
  throw new ChartaError(
    `could not convert revision to a number: strconv.Atoi: parsing ${JSON.stringify(text)}: ${why}`,
  );
}

function runMode(mode: DiffMode) {
  return async (ctx: CommandContext): Promise<number> => {
    const [
      { diffAction },
      { parseDiffFormat, renderChanges },
      { loadChart },
      { logTo },
      {
        configuration,
      },
      { readValueSource },
      { pathExists },
    ] = await Promise.all([
      import("../../action/diff.ts"),
      import("../../action/diff_render.ts"),
      import("../../chart/loader.ts"),
      import("../../log/slog.ts"),
      import("../../action/configuration.ts"),
      import("../../values/source.ts"),
      import("../../action/chart_path.ts"),
    ]);
    const f = ctx.flags;
    const log: LogFn = logTo(ctx.stderr, ctx.settings.debug);
    const format = parseDiffFormat(f.output as string);
    const namespace = await ctx.settings.namespace();
    const [name, second] = ctx.args;
    const { changes } = await diffAction({
      mode,
      name,
      namespace,
      chart: mode === "rollback" ? undefined : second,
      revision: mode === "rollback" && second !== undefined ? parseRevision(second) : undefined,
      values: mode === "rollback" ? undefined : valueOptions(f),
      install: f.install as boolean | undefined,
      reuseValues: f["reuse-values"] as boolean | undefined,
      resetValues: f["reset-values"] as boolean | undefined,
      resetThenReuseValues: f["reset-then-reuse-values"] as boolean | undefined,
      serverSide: f["server-side"] as "auto" | "true" | "false" | undefined,
      forceConflicts: f["force-conflicts"] as boolean,
      takeOwnership: f["take-ownership"] as boolean | undefined,
      skipSchemaValidation: f["skip-schema-validation"] as boolean | undefined,
      enableDNS: f["enable-dns"] as boolean | undefined,
      showSecrets: f["show-secrets"] as boolean,
    }, {
      config: configuration(ctx.settings, namespace, { log }),
      readValue: readValueSource,
      loadChart: (path) => loadChart(path, { log }),
      exists: pathExists,
      log,
    });
    const mode_ = ctx.settings.colorMode;
    const color = !f["no-color"] && mode_ !== "never" && (mode_ === "always" || Deno.stdout.isTerminal());
    ctx.stdout(await renderChanges(changes, { format, context: f.context as number, color }));
    return f["detailed-exitcode"] && changes.length > 0 ? 2 : 0;
  };
}

/** The `diff` command and its subcommands. */
export function diffCommand(settings: EnvSettings): CommandSpec {
  return {
    use: "diff",
    short: "preview the changes of an upgrade, rollback or install",
    long: LONG,
    args: { kind: "none" },
    subcommands: [
      {
        use: "install [NAME] [CHART]",
        short: "show what an install would create",
        long: INSTALL_LONG,
        args: { kind: "exact", n: 2 },
        flags: [...chartFlags(settings), ...outputFlags()],
        run: runMode("install"),
      },
      {
        use: "rollback [RELEASE] [REVISION]",
        short: "show what a rollback would change",
        long: ROLLBACK_LONG,
        args: { kind: "range", min: 1, max: 2 },
        flags: [serverSideOptionFlag(), ...outputFlags()],
        run: runMode("rollback"),
      },
      {
        use: "upgrade [RELEASE] [CHART]",
        short: "show what an upgrade would change",
        long: UPGRADE_LONG,
        args: { kind: "exact", n: 2 },
        flags: [
          boolFlag("install", "if a release by this name doesn't already exist, show an install", {
            short: "i",
          }),
          boolFlag("reset-values", "when upgrading, reset the values to the ones built into the chart"),
          boolFlag(
            "reuse-values",
            "when upgrading, reuse the last release's values and merge in any overrides from the command line via --set and -f. If '--reset-values' is specified, this is ignored",
          ),
          boolFlag(
            "reset-then-reuse-values",
            "when upgrading, reset the values to the ones built into the chart, apply the last release's values and merge in any overrides from the command line via --set and -f. If '--reset-values' or '--reuse-values' is specified, this is ignored",
          ),
          serverSideOptionFlag(),
          ...chartFlags(settings),
          ...outputFlags(),
        ],
        run: runMode("upgrade"),
      },
    ],
  };
}
