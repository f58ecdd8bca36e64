/**
 * `charta template [NAME] CHART`: renders a chart locally, as `helm template`.
 *
 * @module
 */
import { boolFlag, stringFlag } from "../flag_specs.ts";
import { chartPathFlags, chartPathOptions } from "./show.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import { timeoutFlag, waitForJobsFlag } from "../flag_specs.ts";
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import { ChartaError, UsageError } from "../../errors/mod.ts";
import { readValueSource } from "../../values/source.ts";
import { pathExists } from "../../action/chart_path.ts";
import type { LogFn } from "../../log/slog.ts";
import type { KubeClient } from "../../kube/client.ts";
import type { ValueOptions } from "../../values/types.ts";

const LONG = `
Render chart templates locally and display the output.

Any values that would normally be looked up or retrieved in-cluster will be
faked locally. Additionally, none of the server-side testing of chart validity
(e.g. whether an API is supported) is done.

To specify the Kubernetes API versions used for Capabilities.APIVersions, use
the '--api-versions' flag. This flag can be specified multiple times or as a
comma-separated list:

    $ charta template --api-versions networking.k8s.io/v1 --api-versions cert-manager.io/v1 mychart ./mychart

or

    $ charta template --api-versions networking.k8s.io/v1,cert-manager.io/v1 mychart ./mychart
`;

/** The values flags, shared by every command that takes values. */
export function valueFlags(): FlagSpec[] {
  return [
    {
      name: "values",
      short: "f",
      kind: "stringSlice",
      usage: "specify values in a YAML file or a URL (can specify multiple)",
    },
    {
      name: "set",
      kind: "stringArray",
      usage:
        "set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)",
    },
    {
      name: "set-string",
      kind: "stringArray",
      usage:
        "set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)",
    },
    {
      name: "set-file",
      kind: "stringArray",
      usage:
        "set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)",
    },
    {
      name: "set-json",
      kind: "stringArray",
      usage:
        'set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2 or using json format: {"key1": jsonval1, "key2": "jsonval2"})',
    },
    { name: "set-literal", kind: "stringArray", usage: "set a literal STRING value on the command line" },
  ];
}

/** helm 4's `--wait[=STRATEGY]` (install, upgrade, uninstall, template). */
export function waitFlag(): FlagSpec {
  return {
    name: "wait",
    kind: "string",
    typeName: "WaitStrategy",
    noOptDefVal: "watcher",
    usage:
      "wait until resources are ready (up to --timeout). Use '--wait' alone for 'watcher' strategy, or specify one of: 'watcher', 'hookOnly', 'legacy'. Default when flag is omitted: 'hookOnly'.",
    default: "hookOnly",
    completions: ["watcher", "hookOnly", "legacy"],
  };
}

/**
 * helm 4's `waitValue.Set`: a strategy, or helm 3's booleans (deprecated).
 *
 * @throws UsageError for anything else, worded as pflag's invalid argument
 */
export function waitStrategy(value: string, log: LogFn): "watcher" | "hookOnly" | "legacy" {
  switch (value) {
    case "watcher":
    case "hookOnly":
    case "legacy":
      return value;
    case "true":
      log("WARN", "--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher");
      return "watcher";
    case "false":
      log("WARN", "--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly");
      return "hookOnly";
  }
  throw new UsageError(
    `invalid argument ${JSON.stringify(value)} for "--wait" flag: invalid wait input ${
      JSON.stringify(value)
    }. Valid inputs are watcher, hookOnly, and legacy`,
  );
}

/**
 * `--wait`, `--wait-for-jobs` and `--timeout` as install, upgrade and
 * rollback take them, with the live progress view while waiting.
 */
export function waitRequest(
  ctx: CommandContext,
  log: LogFn,
): {
  wait: "watcher" | "hookOnly" | "legacy";
  waitForJobs: boolean;
  timeoutMs: number;
  progress: "auto" | "plain" | "off";
  debug: boolean;
} {
  const f = ctx.flags;
  // charta's own: CHARTA_PROGRESS=plain prints progress lines where stderr is no terminal (CI logs).
  const mode = ctx.settings.env("CHARTA_PROGRESS");
  return {
    wait: waitStrategy(f.wait as string, log),
    waitForJobs: f["wait-for-jobs"] as boolean,
    timeoutMs: f.timeout as number,
    progress: mode === "plain" || mode === "off" ? mode : "auto",
    debug: ctx.settings.debug,
  };
}

/** helm's `bindPostRenderFlag`. */
export function postRendererFlags(): FlagSpec[] {
  return [
    {
      name: "post-renderer",
      kind: "string",
      typeName: "postRendererString",
      usage:
        "the name of a postrenderer type plugin to be used for post rendering. If it exists, the plugin will be used",
    },
    {
      name: "post-renderer-args",
      kind: "stringArray",
      typeName: "postRendererArgsSlice",
      default: [],
      usage: "an argument to the post-renderer (can specify multiple)",
    },
  ];
}

/**
 * `--post-renderer NAME` names a postrenderer plugin; charta runs no
 * plugins yet, so any name is one helm would not find either, and gets
 * helm's error for it.
 */
export function checkPostRenderer(f: Readonly<Record<string, unknown>>): void {
  const name = (f["post-renderer"] as string | undefined) ?? "";
  if (name === "") return;
  throw new UsageError(
    `invalid argument ${
      JSON.stringify(name)
    } for "--post-renderer" flag: plugin: {Name:${name} Type:postrenderer/v1} not found`,
  );
}

/**
 * helm's `cmdGetDryRunFlagStrategy`; `template` (always a dry run) refuses
 * `none` and false.
 */
export function dryRunStrategy(value: string, log: LogFn, isTemplate = false): "none" | "client" | "server" {
  const onlyDry = () =>
    new ChartaError(`invalid dry-run value (${JSON.stringify(value)}). Must be "server" or "client"`);
  switch (value) {
    case "unset":
      log("WARN", "--dry-run is deprecated and should be replaced with '--dry-run=client'");
      return "client";
    case "client":
    case "server":
      return value;
    case "none":
      if (isTemplate) throw onlyDry();
      return value;
  }
  const b = ({
    "1": true,
    t: true,
    T: true,
    TRUE: true,
    true: true,
    True: true,
    "0": false,
    f: false,
    F: false,
    FALSE: false,
    false: false,
    False: false,
  } as Record<string, boolean>)[value];
  if (b === undefined) {
    throw new ChartaError(
      `invalid dry-run value (${JSON.stringify(value)}). Must be "none", "server", or "client"`,
    );
  }
  if (isTemplate && !b) throw onlyDry();
  const result = b ? "client" : "none";
  log("WARN", `boolean '--dry-run=${b}' flag is deprecated and must be replaced with '--dry-run=${result}'`);
  return result;
}

/** The values flags as the library takes them. */
export function valueOptions(f: Readonly<Record<string, unknown>>): ValueOptions {
  return {
    valueFiles: f.values as string[],
    values: f.set as string[],
    stringValues: f["set-string"] as string[],
    fileValues: f["set-file"] as string[],
    jsonValues: f["set-json"] as string[],
    literalValues: f["set-literal"] as string[],
  };
}

/** Install flags `helm template` accepts; offline they change nothing, in helm as here. */
function installOnlyFlags(): FlagSpec[] {
  const bool = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
    name,
    kind: "bool",
    usage,
    ...extra,
  });
  return [
    bool("create-namespace", "create the release namespace if not present"),
    { name: "description", kind: "string", usage: "add a custom description" },
    bool(
      "disable-openapi-validation",
      "if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema",
    ),
    bool("force-conflicts", "if set server-side apply will force changes against conflicts"),
    bool("force-replace", "force resource updates by replacement"),
    {
      name: "labels",
      short: "l",
      kind: "stringToString",
      usage: "Labels that would be added to release metadata. Should be divided by comma.",
      default: {},
    },
    bool(
      "replace",
      "reuse the given name, only if that name is a deleted release which remains in the history. This is unsafe in production",
    ),
    bool(
      "rollback-on-failure",
      'if set, Helm will rollback (uninstall) the installation upon failure. The --wait flag will be default to "watcher" if --rollback-on-failure is set',
    ),
    bool("server-side", "object updates run in the server instead of the client", { default: true }),
    bool(
      "skip-crds",
      "if set, no CRDs will be installed. By default, CRDs are installed if not already present",
    ),
    bool("skip-schema-validation", "if set, disables JSON schema validation"),
    bool(
      "take-ownership",
      "if set, install will ignore the check for helm annotations and take ownership of the existing resources",
    ),
    timeoutFlag(),
    waitFlag(),
    waitForJobsFlag(),
  ];
}

function flags(settings: EnvSettings): FlagSpec[] {
  return [
    ...valueFlags(),
    ...installOnlyFlags(),
    ...postRendererFlags(),
    ...chartPathFlags(settings),
    boolFlag(
      "devel",
      "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored",
    ),
    boolFlag("dependency-update", "update dependencies if they are missing before installing the chart"),
    stringFlag(
      "dry-run",
      `simulates the operation either client-side or server-side. Must be either: "client", or "server". '--dry-run=client simulates the operation client-side only and avoids cluster connections. '--dry-run=server' simulates/validates the operation on the server, requiring cluster connectivity.`,
      { default: "client", noOptDefVal: "unset" },
    ),
    boolFlag("validate", "deprecated", { hidden: true, deprecated: "use '--dry-run=server' instead" }),
    {
      name: "api-versions",
      short: "a",
      kind: "stringSlice",
      usage: "Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)",
    },
    { name: "enable-dns", kind: "bool", usage: "enable DNS lookups when rendering templates" },
    {
      name: "generate-name",
      short: "g",
      kind: "bool",
      usage: "generate the name (and omit the NAME parameter)",
    },
    { name: "include-crds", kind: "bool", usage: "include CRDs in the templated output" },
    { name: "is-upgrade", kind: "bool", usage: "set .Release.IsUpgrade instead of .Release.IsInstall" },
    { name: "kube-version", kind: "string", usage: "Kubernetes version used for Capabilities.KubeVersion" },
    { name: "name-template", kind: "string", usage: "specify template used to name the release" },
    { name: "no-hooks", kind: "bool", usage: "prevent hooks from running during install" },
    {
      name: "output-dir",
      kind: "string",
      usage: "writes the executed templates to files in output-dir instead of stdout",
    },
    { name: "release-name", kind: "bool", usage: "use release name in the output-dir path." },
    {
      name: "show-only",
      short: "s",
      kind: "stringArray",
      usage: "only show manifests rendered from the given templates",
    },
    { name: "skip-tests", kind: "bool", usage: "skip tests from templated output" },
  ];
}

async function run(ctx: CommandContext): Promise<void> {
  const [{ templateAction }, { writeTemplateFiles, TemplateOutputError }, { loadChart }, { logTo }] =
    await Promise.all([
      import("../../action/template.ts"),
      import("../../action/template_output.ts"),
      import("../../chart/loader.ts"),
      import("../../log/slog.ts"),
    ]);
  const f = ctx.flags;
  checkPostRenderer(f);
  const log: LogFn = logTo(ctx.stderr, ctx.settings.debug);
  if (ctx.changed.has("validate") && ctx.changed.has("dry-run")) {
    throw new UsageError(
      "if any flags in the group [validate dry-run] are set none of the others can be; [dry-run validate] were all set",
    );
  }
  // helm 3's --validate is a server dry run.
  const server = dryRunStrategy(f["dry-run"] as string, log, true) === "server" || f.validate as boolean;
  let kube: KubeClient | undefined;
  const plan = await templateAction({
    dryRun: server ? "server" : "client",
    skipCrds: f["skip-crds"] as boolean,
    args: ctx.args,
    generateName: f["generate-name"] as boolean,
    nameTemplate: f["name-template"] as string,
    namespace: await ctx.settings.namespace(),
    values: valueOptions(f),
    isUpgrade: f["is-upgrade"] as boolean,
    kubeVersion: f["kube-version"] as string,
    apiVersions: f["api-versions"] as string[],
    enableDNS: f["enable-dns"] as boolean,
    skipSchemaValidation: f["skip-schema-validation"] as boolean,
    showOnly: f["show-only"] as string[],
    outputDir: f["output-dir"] as string,
    useReleaseName: f["release-name"] as boolean,
    includeCrds: f["include-crds"] as boolean,
    skipTests: f["skip-tests"] as boolean,
    disableHooks: f["no-hooks"] as boolean,
    debug: ctx.settings.debug,
    chartPath: chartPathOptions(f, ctx.settings),
    dependencyUpdate: f["dependency-update"] as boolean,
    log,
  }, {
    readValue: readValueSource,
    loadChart: (path) => loadChart(path, { log }),
    exists: pathExists,
    out: ctx.stdout,
    log,
    kube: async () =>
      kube = await (await import("../../kube/client.ts")).KubeClient.fromSettings(ctx.settings),
  }).finally(() => kube?.close());
  if (plan.writes.length) ctx.stdout(await writeTemplateFiles(plan.writes));
  ctx.stdout(plan.stdout);
  if (plan.error) {
    throw plan.error instanceof TemplateOutputError ? plan.error : new ChartaError(plan.error.message, {
      cause: plan.error,
    });
  }
}

/** The `template` command. */
export function templateCommand(settings: EnvSettings): CommandSpec {
  return {
    use: "template [NAME] [CHART]",
    short: "locally render templates",
    long: LONG,
    args: { kind: "min", n: 1 },
    flags: flags(settings),
    run,
  };
}
