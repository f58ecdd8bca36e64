/**
 * `charta search repo [KEYWORD]`: searches the configured repositories'
 * cached indexes, as `helm search repo`.
 *
 * @module
 */
import type { CommandSpec } from "../command_spec.ts";
import { outputFlag } from "./list.ts";

const SEARCH_LONG = `
Search provides the ability to search for Helm charts in the various places
they can be stored including the Artifact Hub and repositories you have added.
Use search subcommands to search different locations for charts.
`;

const SEARCH_REPO_LONG = `
Search reads through all of the repositories configured on the system, and
looks for matches. Search of these repositories uses the metadata stored on
the system.

It will display the latest stable versions of the charts found. If you
specify the --devel flag, the output will include pre-release versions.
If you want to search using a version constraint, use --version.

Examples:

    # Search for stable release versions matching the keyword "nginx"
    $ charta search repo nginx

    # Search for release versions matching the keyword "nginx", including pre-release versions
    $ charta search repo nginx --devel

    # Search for the latest stable release for nginx-ingress with a major version of 1
    $ charta search repo nginx-ingress --version ^1.0.0

Repositories are managed with 'charta repo' commands.
`;

function searchRepoCommand(): CommandSpec {
  return {
    use: "repo [keyword]",
    short: "search repositories for a keyword in charts",
    long: SEARCH_REPO_LONG,
    flags: [
      {
        name: "regexp",
        short: "r",
        kind: "bool",
        usage: "use regular expressions for searching repositories you have added",
      },
      {
        name: "versions",
        short: "l",
        kind: "bool",
        usage:
          "show the long listing, with each version of each chart on its own line, for repositories you have added",
      },
      {
        name: "devel",
        kind: "bool",
        usage:
          "use development versions (alpha, beta, and release candidate releases), too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored",
      },
      {
        name: "version",
        kind: "string",
        usage: "search using semantic versioning constraints on repositories you have added",
      },
      {
        name: "max-col-width",
        kind: "int",
        typeName: "uint",
        usage: "maximum column width for output table",
        default: 50,
      },
      { name: "fail-on-no-result", kind: "bool", usage: "search fails if no results are found" },
      outputFlag(),
    ],
    run: async (ctx) => {
      const [{ searchRepo }, { parseOutputFormat }, { logTo }] = await Promise.all([
        import("../../action/repo.ts"),
        import("../../action/release_output.ts"),
        import("../../log/slog.ts"),
      ]);
      const f = ctx.flags;
      ctx.stdout(
        await searchRepo({
          repositoryConfig: ctx.settings.repositoryConfig,
          repositoryCache: ctx.settings.repositoryCache,
          terms: ctx.args,
          regexp: f.regexp as boolean,
          versions: f.versions as boolean,
          devel: f.devel as boolean,
          version: f.version as string,
          maxColWidth: f["max-col-width"] as number,
          failOnNoResult: f["fail-on-no-result"] as boolean,
          format: parseOutputFormat(f.output as string),
          log: logTo(ctx.stderr, ctx.settings.debug),
        }),
      );
    },
  };
}

/** The `search` command group (`search repo`; Artifact Hub search is not offered). */
export function searchCommand(): CommandSpec {
  return {
    use: "search [keyword]",
    short: "search for a keyword in charts",
    long: SEARCH_LONG,
    args: { kind: "none" },
    subcommands: [searchRepoCommand()],
  };
}
