/**
 * `charta show all|chart|values|readme|crds CHART`: prints a chart's
 * information, as `helm show` (alias `inspect`).
 *
 * @module
 */
import { registryFlagOptions } from "../flag_specs.ts";
import type { ChartPathRequest } from "../../action/chart_path.ts";
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import { underPath } from "../../settings/helm_path.ts";
import type { ShowFormat } from "../../action/show.ts";
import type { LogFn } from "../../log/slog.ts";

const SHOW_LONG = `
This command consists of multiple subcommands to display information about a chart
`;

const LONG: Record<ShowFormat, string> = {
  all: `
This command inspects a chart (directory, file, or URL) and displays all its content
(values.yaml, Chart.yaml, README)
`,
  values: `
This command inspects a chart (directory, file, or URL) and displays the contents
of the values.yaml file
`,
  chart: `
This command inspects a chart (directory, file, or URL) and displays the contents
of the Chart.yaml file
`,
  readme: `
This command inspects a chart (directory, file, or URL) and displays the contents
of the README file
`,
  crds: `
This command inspects a chart (directory, file, or URL) and displays the contents
of the CustomResourceDefinition files
`,
};

const SHORT: Record<ShowFormat, string> = {
  all: "show all information of the chart",
  values: "show the chart's values",
  chart: "show the chart's definition",
  readme: "show the chart's README",
  crds: "show the chart's CRDs",
};

/** helm's default `--keyring`: `$GNUPGHOME/pubring.gpg`, else `~/.gnupg/pubring.gpg`. */
export function defaultKeyring(settings: EnvSettings): string {
  const gnupg = settings.env("GNUPGHOME");
  if (gnupg !== undefined) return underPath(gnupg, settings.os, "pubring.gpg");
  const home = settings.env(settings.os === "windows" ? "USERPROFILE" : "HOME") ?? "";
  return underPath(home, settings.os, ".gnupg", "pubring.gpg");
}

/** The flags helm's commands take to find a chart (`addChartPathOptionsFlags`). */
export function chartPathFlags(settings: EnvSettings): FlagSpec[] {
  const str = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
    name,
    kind: "string",
    usage,
    ...extra,
  });
  const bool = (name: string, usage: string): FlagSpec => ({ name, kind: "bool", usage });
  return [
    str(
      "version",
      "specify a version constraint for the chart version to use. This constraint can be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest version is used",
    ),
    bool("verify", "verify the package before using it"),
    str("keyring", "location of public keys used for verification", { default: defaultKeyring(settings) }),
    str("repo", "chart repository url where to locate the requested chart"),
    str("username", "chart repository username where to locate the requested chart"),
    str("password", "chart repository password where to locate the requested chart"),
    str("cert-file", "identify HTTPS client using this SSL certificate file"),
    str("key-file", "identify HTTPS client using this SSL key file"),
    bool("insecure-skip-tls-verify", "skip tls certificate checks for the chart download"),
    bool("plain-http", "use insecure HTTP connections for the chart download"),
    str("ca-file", "verify certificates of HTTPS-enabled servers using this CA bundle"),
    bool("pass-credentials", "pass credentials to all domains"),
  ];
}

function subcommand(format: ShowFormat, settings: EnvSettings): CommandSpec {
  const flags: FlagSpec[] = [
    {
      name: "devel",
      kind: "bool",
      usage:
        "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored",
    },
  ];
  if (format === "values") {
    flags.push({
      name: "jsonpath",
      kind: "string",
      usage: "supply a JSONPath expression to filter the output",
    });
  }
  flags.push(...chartPathFlags(settings));
  return {
    use: `${format} [CHART]`,
    short: SHORT[format],
    long: LONG[format],
    args: { kind: "exact", n: 1 },
    flags,
    run: async (ctx: CommandContext) => {
      const [{ showAction }, { logTo }] = await Promise.all([
        import("../../action/show.ts"),
        import("../../log/slog.ts"),
      ]);
      const f = ctx.flags;
      const log: LogFn = logTo(ctx.stderr, ctx.settings.debug);
      ctx.stdout(
        await showAction({
          format,
          chart: ctx.args[0],
          jsonpath: (f.jsonpath as string | undefined) ?? "",
          version: f.version as string,
          devel: f.devel as boolean,
          repoURL: f.repo as string,
          verify: f.verify as boolean,
          keyring: f.keyring as string,
          chartPath: chartPathOptions(f, ctx.settings),
        }, { log }),
      );
    },
  };
}

/** The chart-path flags of {@link chartPathFlags} as the library takes them, with helm's paths from the settings. */
export function chartPathOptions(
  f: Readonly<Record<string, unknown>>,
  settings: EnvSettings,
): ChartPathRequest {
  return {
    ...registryFlagOptions(f, settings),
    contentCache: settings.contentCache,
    repositoryConfig: settings.repositoryConfig,
    repositoryCache: settings.repositoryCache,
    version: f.version as string,
    devel: f.devel as boolean,
    repoURL: f.repo as string,
    verify: f.verify as boolean,
    keyring: f.keyring as string,
    passCredentialsAll: f["pass-credentials"] as boolean,
    // charta's own: a download bar when stderr is a terminal, unless CHARTA_PROGRESS=off.
    progress: settings.env("CHARTA_PROGRESS") === "off" ? "off" : "auto",
  };
}

/** The `show` command and its subcommands. */
export function showCommand(settings: EnvSettings): CommandSpec {
  return {
    use: "show",
    aliases: ["inspect"],
    short: "show information of a chart",
    long: SHOW_LONG,
    args: { kind: "none" },
    subcommands: (["all", "readme", "values", "chart", "crds"] as const).map((f) => subcommand(f, settings)),
  };
}
