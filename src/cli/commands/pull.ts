/**
 * `charta pull [chart URL | repo/chartname] [...]`: downloads charts from
 * repositories (optionally unpacking them), as `helm pull`.
 *
 * @module
 */
import type { CommandSpec } from "../command_spec.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import { chartPathFlags } from "./show.ts";

const PULL_LONG = `
Retrieve a package from a package repository, and download it locally.

This is useful for fetching packages to inspect, modify, or repackage. It can
also be used to perform cryptographic verification of a chart without installing
the chart.

There are options for unpacking the chart after download. This will create a
directory for the chart and uncompress into that directory.

If the --verify flag is specified, the requested chart MUST have a provenance
file, and MUST pass the verification process. Failure in any part of this will
result in an error, and the chart will not be saved locally.
`;

/** The `pull` command. */
export function pullCommand(settings: EnvSettings): CommandSpec {
  return {
    use: "pull [chart URL | repo/chartname] [...]",
    aliases: ["fetch"],
    short: "download a chart from a repository and (optionally) unpack it in local directory",
    long: PULL_LONG,
    args: { kind: "min", n: 1 },
    flags: [
      {
        name: "devel",
        kind: "bool",
        usage:
          "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored.",
      },
      { name: "untar", kind: "bool", usage: "if set to true, will untar the chart after downloading it" },
      { name: "prov", kind: "bool", usage: "fetch the provenance file, but don't perform verification" },
      {
        name: "untardir",
        kind: "string",
        default: ".",
        usage:
          "if untar is specified, this flag specifies the name of the directory into which the chart is expanded",
      },
      {
        name: "destination",
        short: "d",
        kind: "string",
        default: ".",
        usage:
          "location to write the chart. If this and untardir are specified, untardir is appended to this",
      },
      ...chartPathFlags(settings),
    ],
    run: async (ctx) => {
      const [{ pullChart }, { verifyChartArchive }, { logTo }] = await Promise.all([
        import("../../action/repo.ts"),
        import("../../action/chart_path.ts"),
        import("../../log/slog.ts"),
      ]);
      const f = ctx.flags;
      for (const ref of ctx.args) {
        await pullChart(ref, {
          repositoryConfig: ctx.settings.repositoryConfig,
          repositoryCache: ctx.settings.repositoryCache,
          contentCache: ctx.settings.contentCache,
          version: f.version as string,
          devel: f.devel as boolean,
          repoURL: f.repo as string,
          untar: f.untar as boolean,
          untarDir: f.untardir as string,
          destination: f.destination as string,
          prov: (f.prov as boolean) || (f.verify as boolean),
          getter: {
            username: f.username as string,
            password: f.password as string,
            passCredentialsAll: f["pass-credentials"] as boolean,
            certFile: f["cert-file"] as string,
            keyFile: f["key-file"] as string,
            caFile: f["ca-file"] as string,
            insecureSkipTLSVerify: f["insecure-skip-tls-verify"] as boolean,
            // charta's own: a download bar when stderr is a terminal, unless CHARTA_PROGRESS=off.
            progress: ctx.settings.env("CHARTA_PROGRESS") === "off" ? "off" : "auto",
          },
          verify: f.verify ? (path: string) => verifyChartArchive(path, f.keyring as string) : undefined,
          plainHTTP: f["plain-http"] as boolean,
          registryConfig: ctx.settings.registryConfig,
          env: ctx.settings.env,
          out: ctx.stdout,
          log: logTo(ctx.stderr, ctx.settings.debug),
        });
      }
    },
  };
}
