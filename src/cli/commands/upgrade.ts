/**
 * `charta upgrade RELEASE CHART`: upgrades a release, as `helm upgrade`.
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
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import { ChartaError } from "../../errors/mod.ts";
import { readValueSource } from "../../values/source.ts";
import { pathExists } from "../../action/chart_path.ts";
import type { LogFn } from "../../log/slog.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import {
  checkPostRenderer,
  dryRunStrategy,
  postRendererFlags,
  valueFlags,
  valueOptions,
  waitFlag,
  waitRequest,
} from "./template.ts";
import { outputFlag } from "./list.ts";
import { chartPathFlags, chartPathOptions } from "./show.ts";
import { checkForceFlags, dryRunFlag } from "./install.ts";

const LONG = `
This command upgrades a release to a new version of a chart.

The upgrade arguments must be a release and chart. The chart
argument can be either: a chart reference('example/mariadb'), a path to a chart directory,
a packaged chart, or a fully qualified URL. For chart references, the latest
version will be specified unless the '--version' flag is set.

To override values in a chart, use either the '--values' flag and pass in a file
or use the '--set' flag and pass configuration from the command line, to force string
values, use '--set-string'. You can use '--set-file' to set individual
values from a file when the value itself is too long for the command line
or is dynamically generated. You can also use '--set-json' to set json values
(scalars/objects/arrays) from the command line. Additionally, you can use '--set-json' and passing json object as a string.

You can specify the '--values'/'-f' flag multiple times. The priority will be given to the
last (right-most) file specified. For example, if both myvalues.yaml and override.yaml
contained a key called 'Test', the value set in override.yaml would take precedence:

    $ charta upgrade -f myvalues.yaml -f override.yaml redis ./redis

You can specify the '--set' flag multiple times. The priority will be given to the
last (right-most) set specified. For example, if both 'bar' and 'newbar' values are
set for a key called 'foo', the 'newbar' value would take precedence:

    $ charta upgrade --set foo=bar --set foo=newbar redis ./redis

You can update the values for an existing release with this command as well via the
'--reuse-values' flag. The 'RELEASE' and 'CHART' arguments should be set to the original
parameters, and existing values will be merged with any values set via '--values'/'-f'
or '--set' flags. Priority is given to new values.

    $ charta upgrade --reuse-values --set foo=bar --set foo=newbar redis ./redis

The --dry-run flag will output all generated chart manifests, including Secrets
which can contain sensitive values. To hide Kubernetes Secrets use the
--hide-secret flag. Please carefully consider how and when these flags are used.
`;

/** helm 4's upgrade flags. */
function flags(settings: EnvSettings): FlagSpec[] {
  return [
    boolFlag("create-namespace", "if --install is set, create the release namespace if not present"),
    boolFlag("install", "if a release by this name doesn't already exist, run an install", { short: "i" }),
    boolFlag(
      "devel",
      "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored",
    ),
    boolFlag("hide-secret", "hide Kubernetes Secrets when also using the --dry-run flag"),
    ...forceFlags(),
    serverSideOptionFlag(),
    boolFlag("no-hooks", "disable pre/post upgrade hooks"),
    boolFlag(
      "disable-openapi-validation",
      "if set, the upgrade process will not validate rendered templates against the Kubernetes OpenAPI Schema",
    ),
    boolFlag(
      "skip-crds",
      "if set, no CRDs will be installed when an upgrade is performed with install flag enabled. By default, CRDs are installed if not already present, when an upgrade is performed with install flag enabled",
    ),
    timeoutFlag(),
    boolFlag("reset-values", "when upgrading, reset the values to the ones built into the chart"),
    boolFlag(
      "reuse-values",
      "when upgrading, reuse the last release's values and merge in any overrides from the command line via --set and -f. If '--reset-values' is specified, this is ignored",
    ),
    boolFlag(
      "reset-then-reuse-values",
      "when upgrading, reset the values to the ones built into the chart, apply the last release's values and merge in any overrides from the command line via --set and -f. If '--reset-values' or '--reuse-values' is specified, this is ignored",
    ),
    waitForJobsFlag(),
    boolFlag(
      "rollback-on-failure",
      'if set, Helm will rollback the upgrade to previous success release upon failure. The --wait flag will be defaulted to "watcher" if --rollback-on-failure is set',
    ),
    boolFlag("atomic", "deprecated", { hidden: true, deprecated: "use --rollback-on-failure instead" }),
    historyMaxFlag(settings),
    boolFlag("cleanup-on-fail", "allow deletion of new resources created in this upgrade when upgrade fails"),
    boolFlag("render-subchart-notes", "if set, render subchart notes along with the parent"),
    boolFlag(
      "hide-notes",
      "if set, do not show notes in upgrade output. Does not affect presence in chart metadata",
    ),
    boolFlag("skip-schema-validation", "if set, disables JSON schema validation"),
    {
      name: "labels",
      short: "l",
      kind: "stringToString",
      usage:
        "Labels that would be added to release metadata. Should be separated by comma. Original release labels will be merged with upgrade labels. You can unset label using null.",
      default: {},
    },
    { name: "description", kind: "string", usage: "add a custom description" },
    boolFlag("dependency-update", "update dependencies if they are missing before installing the chart"),
    boolFlag("enable-dns", "enable DNS lookups when rendering templates"),
    boolFlag(
      "take-ownership",
      "if set, upgrade will ignore the check for helm annotations and take ownership of the existing resources",
    ),
    dryRunFlag(),
    ...chartPathFlags(settings),
    ...valueFlags(),
    outputFlag(),
    ...postRendererFlags(),
    waitFlag(),
  ];
}

async function run(ctx: CommandContext): Promise<void> {
  const [
    { upgradeAction, UpgradeError },
    { releaseStatusText },
    { parseOutputFormat },
    { loadChart },
    { logTo },
    {
      configuration,
    },
  ] = await Promise.all([
    import("../../action/upgrade.ts"),
    import("../../action/install_output.ts"),
    import("../../action/release_output.ts"),
    import("../../chart/loader.ts"),
    import("../../log/slog.ts"),
    import("../../action/configuration.ts"),
  ]);
  const f = ctx.flags;
  const log: LogFn = logTo(ctx.stderr, ctx.settings.debug);
  const format = parseOutputFormat(f.output as string);
  checkForceFlags(ctx.changed);
  checkPostRenderer(f);
  const dryRun = dryRunStrategy(f["dry-run"] as string, log);
  const serverSide = f["server-side"] as string;
  const namespace = await ctx.settings.namespace();
  const [name, chart] = ctx.args;
  const res = await upgradeAction({
    name,
    chart,
    namespace,
    values: valueOptions(f),
    install: f.install as boolean,
    createNamespace: f["create-namespace"] as boolean,
    dryRun,
    disableHooks: f["no-hooks"] as boolean,
    description: f.description as string,
    labels: f.labels as Record<string, string>,
    skipCrds: f["skip-crds"] as boolean,
    skipSchemaValidation: f["skip-schema-validation"] as boolean,
    subNotes: f["render-subchart-notes"] as boolean,
    hideSecret: f["hide-secret"] as boolean,
    resetValues: f["reset-values"] as boolean,
    reuseValues: f["reuse-values"] as boolean,
    resetThenReuseValues: f["reset-then-reuse-values"] as boolean,
    maxHistory: f["history-max"] as number,
    rollbackOnFailure: (f["rollback-on-failure"] || f.atomic) as boolean,
    cleanupOnFail: f["cleanup-on-fail"] as boolean,
    forceReplace: (f["force-replace"] || f.force) as boolean,
    forceConflicts: f["force-conflicts"] as boolean,
    serverSide: serverSide as "auto" | "true" | "false",
    takeOwnership: f["take-ownership"] as boolean,
    enableDNS: f["enable-dns"] as boolean,
    ...waitRequest(ctx, log),
    chartPath: chartPathOptions(f, ctx.settings),
    dependencyUpdate: f["dependency-update"] as boolean,
  }, {
    config: configuration(ctx.settings, namespace, { log }),
    readValue: readValueSource,
    loadChart: (path) => loadChart(path, { log }),
    exists: pathExists,
    out: ctx.stdout,
    log,
    onInstall: () => {
      if (format === "table") {
        ctx.stdout(`Release ${JSON.stringify(name)} does not exist. Installing it now.\n`);
      }
    },
  }).catch((e) => {
    if (e instanceof UpgradeError) throw new ChartaError(`UPGRADE FAILED: ${e.message}`, { cause: e });
    throw e;
  });
  if (!res.installed && format === "table") {
    ctx.stdout(`Release ${JSON.stringify(name)} has been upgraded. Happy Helming!\n`);
  }
  ctx.stdout(
    releaseStatusText(res.release, format, {
      hideNotes: f["hide-notes"] as boolean,
      debug: ctx.settings.debug,
    }),
  );
}

/** The `upgrade` command. */
export function upgradeCommand(settings: EnvSettings): CommandSpec {
  return {
    use: "upgrade [RELEASE] [CHART]",
    short: "upgrade a release",
    long: LONG,
    args: { kind: "exact", n: 2 },
    flags: flags(settings),
    run,
  };
}
