/**
 * `charta dependency list|update|build`: manage a chart's dependencies, as
 * `helm dependency`.
 *
 * @module
 */
import { registryFlagOptions } from "../flag_specs.ts";
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import { defaultKeyring, repoClientFlags } from "./package.ts";

const LONG = `
Manage the dependencies of a chart.

Helm charts store their dependencies in 'charts/'. For chart developers, it is
often easier to manage dependencies in 'Chart.yaml' which declares all
dependencies.

The dependency commands operate on that file, making it easy to synchronize
between the desired dependencies and the actual dependencies stored in the
'charts/' directory.

For example, this Chart.yaml declares two dependencies:

    # Chart.yaml
    dependencies:
    - name: nginx
      version: "1.2.3"
      repository: "https://example.com/charts"
    - name: memcached
      version: "3.2.1"
      repository: "https://another.example.com/charts"


The 'name' should be the name of a chart, where that name must match the name
in that chart's 'Chart.yaml' file.

The 'version' field should contain a semantic version or version range.

The 'repository' URL should point to a Chart Repository. Helm expects that by
appending '/index.yaml' to the URL, it should be able to retrieve the chart
repository's index. Note: 'repository' can be an alias. The alias must start
with 'alias:' or '@'.

Starting from 2.2.0, repository can be defined as the path to the directory of
the dependency charts stored locally. The path should start with a prefix of
"file://". For example,

    # Chart.yaml
    dependencies:
    - name: nginx
      version: "1.2.3"
      repository: "file://../dependency_chart/nginx"

If the dependency chart is retrieved locally, it is not required to have the
repository added to helm by "helm add repo". Version matching is also supported
for this case.
`;

const LIST_LONG = `
List all of the dependencies declared in a chart.

This can take chart archives and chart directories as input. It will not alter
the contents of a chart.

This will produce an error if the chart cannot be loaded.
`;

const UPDATE_LONG = `
Update the on-disk dependencies to mirror Chart.yaml.

This command verifies that the required charts, as expressed in 'Chart.yaml',
are present in 'charts/' and are at an acceptable version. It will pull down
the latest charts that satisfy the dependencies, and clean up old dependencies.

On successful update, this will generate a lock file that can be used to
rebuild the dependencies to an exact version.

Dependencies are not required to be represented in 'Chart.yaml'. For that
reason, an update command will not remove charts unless they are (a) present
in the Chart.yaml file, but (b) at the wrong version.
`;

const BUILD_LONG = `
Build out the charts/ directory from the Chart.lock file.

Build is used to reconstruct a chart's dependencies to the state specified in
the lock file. This will not re-negotiate dependencies, as 'helm dependency update'
does.

If no lock file is found, 'helm dependency build' will mirror the behavior
of 'helm dependency update'.
`;

function subcommandFlags(settings?: EnvSettings): FlagSpec[] {
  return [
    { name: "verify", kind: "bool", usage: "verify the packages against signatures" },
    {
      name: "keyring",
      kind: "string",
      usage: "keyring containing public keys",
      default: defaultKeyring(settings),
    },
    { name: "skip-refresh", kind: "bool", usage: "do not refresh the local repository cache" },
    ...repoClientFlags(),
  ];
}

async function update(ctx: CommandContext, build: boolean): Promise<void> {
  const [{ dependencyBuildAction, dependencyUpdateAction }, { parseSourceDateEpoch }, { logTo }] =
    await Promise.all([
      import("../../action/dependency.ts"),
      import("../../action/package.ts"),
      import("../../log/slog.ts"),
    ]);
  const log = logTo(ctx.stderr, ctx.settings.debug);
  const req = {
    chartPath: ctx.args[0] ?? ".",
    repositoryConfig: ctx.settings.repositoryConfig,
    repositoryCache: ctx.settings.repositoryCache,
    skipRefresh: ctx.flags["skip-refresh"] as boolean,
    registry: registryFlagOptions(ctx.flags, ctx.settings),
    debug: ctx.settings.debug,
    verify: ctx.flags.verify as boolean,
    keyring: ctx.flags.keyring as string,
    sourceDateEpoch: parseSourceDateEpoch(ctx.settings.env("SOURCE_DATE_EPOCH")),
  };
  await (build ? dependencyBuildAction : dependencyUpdateAction)(req, ctx.stdout, { log });
}

/** The `dependency` command group. */
export function dependencyCommand(settings?: EnvSettings): CommandSpec {
  return {
    use: "dependency update|build|list",
    aliases: ["dep", "dependencies"],
    short: "manage a chart's dependencies",
    long: LONG,
    args: { kind: "none" },
    subcommands: [
      {
        use: "list CHART",
        aliases: ["ls"],
        short: "list the dependencies for the given chart",
        long: LIST_LONG,
        args: { kind: "max", n: 1 },
        flags: [{
          name: "max-col-width",
          kind: "int",
          typeName: "uint",
          usage: "maximum column width for output table",
          default: 80,
        }],
        run: async (ctx) => {
          const [{ dependencyListAction }, { logTo }] = await Promise.all([
            import("../../action/dependency.ts"),
            import("../../log/slog.ts"),
          ]);
          await dependencyListAction(
            { chartPath: ctx.args[0] ?? ".", maxColWidth: ctx.flags["max-col-width"] as number },
            ctx.stdout,
            { log: logTo(ctx.stderr, ctx.settings.debug) },
          );
        },
      },
      {
        use: "update CHART",
        aliases: ["up"],
        short: "update charts/ based on the contents of Chart.yaml",
        long: UPDATE_LONG,
        args: { kind: "max", n: 1 },
        flags: subcommandFlags(settings),
        run: (ctx) => update(ctx, false),
      },
      {
        use: "build CHART",
        short: "rebuild the charts/ directory based on the Chart.lock file",
        long: BUILD_LONG,
        args: { kind: "max", n: 1 },
        flags: subcommandFlags(settings),
        run: (ctx) => update(ctx, true),
      },
    ],
  };
}
