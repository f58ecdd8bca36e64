/**
 * `charta install [NAME] CHART`: installs a chart on the cluster, as `helm install`.
 *
 * @module
 */
import { boolFlag, forceFlags, stringFlag, timeoutFlag, waitForJobsFlag } from "../flag_specs.ts";
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import { ChartaError, UsageError } from "../../errors/mod.ts";
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

const LONG = `
This command installs a chart archive.

The install argument must be a chart reference, a path to a packaged chart,
a path to an unpacked chart directory or a URL.

To override values in a chart, use either the '--values' flag and pass in a file
or use the '--set' flag and pass configuration from the command line, to force
a string value use '--set-string'. You can use '--set-file' to set individual
values from a file when the value itself is too long for the command line
or is dynamically generated. You can also use '--set-json' to set json values
(scalars/objects/arrays) from the command line. Additionally, you can use '--set-json' and passing json object as a string.

    $ charta install -f myvalues.yaml myredis ./redis

or

    $ charta install --set name=prod myredis ./redis

or

    $ charta install --set-string long_int=1234567890 myredis ./redis

or

    $ charta install --set-file my_script=dothings.sh myredis ./redis

or

    $ charta install --set-json 'master.sidecars=[{"name":"sidecar","image":"myImage","imagePullPolicy":"Always","ports":[{"name":"portname","containerPort":1234}]}]' myredis ./redis

or

    $ charta install --set-json '{"master":{"sidecars":[{"name":"sidecar","image":"myImage","imagePullPolicy":"Always","ports":[{"name":"portname","containerPort":1234}]}]}}' myredis ./redis

You can specify the '--values'/'-f' flag multiple times. The priority will be given to the
last (right-most) file specified. For example, if both myvalues.yaml and override.yaml
contained a key called 'Test', the value set in override.yaml would take precedence:

    $ charta install -f myvalues.yaml -f override.yaml  myredis ./redis

You can specify the '--set' flag multiple times. The priority will be given to the
last (right-most) set specified. For example, if both 'bar' and 'newbar' values are
set for a key called 'foo', the 'newbar' value would take precedence:

    $ charta install --set foo=bar --set foo=newbar  myredis ./redis

Similarly, in the following example 'foo' is set to '["four"]':

    $ charta install --set-json='foo=["one", "two", "three"]' --set-json='foo=["four"]' myredis ./redis

And in the following example, 'foo' is set to '{"key1":"value1","key2":"bar"}':

    $ charta install --set-json='foo={"key1":"value1","key2":"value2"}' --set-json='foo.key2="bar"' myredis ./redis

To check the generated manifests of a release without installing the chart,
the --debug and --dry-run flags can be combined.

The --dry-run flag will output all generated chart manifests, including Secrets
which can contain sensitive values. To hide Kubernetes Secrets use the
--hide-secret flag. Please carefully consider how and when these flags are used.

If --verify is set, the chart MUST have a provenance file, and the provenance
file MUST pass all verification steps.

There are six different ways you can express the chart you want to install:

1. By chart reference: helm install mymaria example/mariadb
2. By path to a packaged chart: helm install mynginx ./nginx-1.2.3.tgz
3. By path to an unpacked chart directory: helm install mynginx ./nginx
4. By absolute URL: helm install mynginx https://example.com/charts/nginx-1.2.3.tgz
5. By chart reference and repo url: helm install --repo https://example.com/charts/ mynginx nginx
6. By OCI registries: helm install mynginx --version 1.2.3 oci://example.com/charts/nginx

CHART REFERENCES

A chart reference is a convenient way of referencing a chart in a chart repository.

When you use a chart reference with a repo prefix ('example/mariadb'), Helm will look in the local
configuration for a chart repository named 'example', and will then look for a
chart in that repository whose name is 'mariadb'. It will install the latest stable version of that chart
until you specify '--devel' flag to also include development version (alpha, beta, and release candidate releases), or
supply a version number with the '--version' flag.

To see the list of chart repositories, use 'helm repo list'. To search for
charts in a repository, use 'helm search'.
`;

/** helm 4's install flags (`addInstallFlags`, chart path options, `--hide-secret`, `--dry-run`, `-o`, post-renderer). */
function flags(settings: EnvSettings): FlagSpec[] {
  return [
    boolFlag("create-namespace", "create the release namespace if not present"),
    ...forceFlags(),
    boolFlag("server-side", "object updates run in the server instead of the client", { default: true }),
    boolFlag("no-hooks", "prevent hooks from running during install"),
    boolFlag(
      "replace",
      "reuse the given name, only if that name is a deleted release which remains in the history. This is unsafe in production",
    ),
    timeoutFlag(),
    waitForJobsFlag(),
    boolFlag("generate-name", "generate the name (and omit the NAME parameter)", { short: "g" }),
    stringFlag("name-template", "specify template used to name the release"),
    stringFlag("description", "add a custom description"),
    boolFlag(
      "devel",
      "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored",
    ),
    boolFlag("dependency-update", "update dependencies if they are missing before installing the chart"),
    boolFlag(
      "disable-openapi-validation",
      "if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema",
    ),
    boolFlag(
      "rollback-on-failure",
      'if set, Helm will rollback (uninstall) the installation upon failure. The --wait flag will be default to "watcher" if --rollback-on-failure is set',
    ),
    boolFlag("atomic", "deprecated", { hidden: true, deprecated: "use --rollback-on-failure instead" }),
    boolFlag(
      "skip-crds",
      "if set, no CRDs will be installed. By default, CRDs are installed if not already present",
    ),
    boolFlag("render-subchart-notes", "if set, render subchart notes along with the parent"),
    boolFlag("skip-schema-validation", "if set, disables JSON schema validation"),
    {
      name: "labels",
      short: "l",
      kind: "stringToString",
      usage: "Labels that would be added to release metadata. Should be divided by comma.",
      default: {},
    },
    boolFlag("enable-dns", "enable DNS lookups when rendering templates"),
    boolFlag(
      "hide-notes",
      "if set, do not show notes in install output. Does not affect presence in chart metadata",
    ),
    boolFlag(
      "take-ownership",
      "if set, install will ignore the check for helm annotations and take ownership of the existing resources",
    ),
    ...valueFlags(),
    ...chartPathFlags(settings),
    waitFlag(),
    boolFlag("hide-secret", "hide Kubernetes Secrets when also using the --dry-run flag"),
    dryRunFlag(),
    outputFlag(),
    ...postRendererFlags(),
  ];
}

/** helm's `addDryRunFlag`. */
export function dryRunFlag(): FlagSpec {
  return stringFlag(
    "dry-run",
    `simulates the operation without persisting changes. Must be one of: "none" (default), "client", or "server". '--dry-run=none' executes the operation normally and persists changes (no simulation). '--dry-run=client' simulates the operation client-side only and avoids cluster connections. '--dry-run=server' simulates the operation on the server, requiring cluster connectivity.`,
    { default: "none", noOptDefVal: "unset" },
  );
}

/** pflag's `MarkFlagsMutuallyExclusive("force-replace", "force-conflicts")` (and helm 3's `--force`). */
export function checkForceFlags(changed: ReadonlySet<string>): void {
  for (const replace of ["force-replace", "force"]) {
    if (changed.has(replace) && changed.has("force-conflicts")) {
      const both = ["force-conflicts", replace].sort();
      throw new UsageError(
        `if any flags in the group [${replace} force-conflicts] are set none of the others can be; [${
          both.join(" ")
        }] were all set`,
      );
    }
  }
}

async function run(ctx: CommandContext): Promise<void> {
  const [{ installAction }, { releaseStatusText }, { parseOutputFormat }, { loadChart }, { logTo }, {
    configuration,
  }] = await Promise.all([
    import("../../action/install.ts"),
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
  const namespace = await ctx.settings.namespace();
  let rel;
  try {
    rel = await installAction({
      args: ctx.args,
      generateName: f["generate-name"] as boolean,
      nameTemplate: f["name-template"] as string,
      namespace,
      values: valueOptions(f),
      createNamespace: f["create-namespace"] as boolean,
      dryRun,
      disableHooks: f["no-hooks"] as boolean,
      description: f.description as string,
      labels: f.labels as Record<string, string>,
      skipCrds: f["skip-crds"] as boolean,
      skipSchemaValidation: f["skip-schema-validation"] as boolean,
      subNotes: f["render-subchart-notes"] as boolean,
      hideSecret: f["hide-secret"] as boolean,
      replace: f.replace as boolean,
      takeOwnership: f["take-ownership"] as boolean,
      serverSide: f["server-side"] as boolean,
      forceConflicts: f["force-conflicts"] as boolean,
      enableDNS: f["enable-dns"] as boolean,
      forceReplace: (f["force-replace"] || f.force) as boolean,
      rollbackOnFailure: (f["rollback-on-failure"] || f.atomic) as boolean,
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
    });
  } catch (e) {
    throw new ChartaError(`INSTALLATION FAILED: ${(e as Error).message}`, { cause: e });
  }
  ctx.stdout(
    releaseStatusText(rel, format, { hideNotes: f["hide-notes"] as boolean, debug: ctx.settings.debug }),
  );
}

/** The `install` command. */
export function installCommand(settings: EnvSettings): CommandSpec {
  return {
    use: "install [NAME] [CHART]",
    short: "install a chart",
    long: LONG,
    args: { kind: "min", n: 1 },
    flags: flags(settings),
    run,
  };
}
