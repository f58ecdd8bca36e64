/**
 * `charta search hub|repo [KEYWORD]`: searches Artifact Hub, or the
 * configured repositories' cached indexes, as `helm search hub|repo`.
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

const SEARCH_HUB_LONG = `
Search for Helm charts in the Artifact Hub or your own hub instance.

Artifact Hub is a web-based application that enables finding, installing, and
publishing packages and configurations for CNCF projects, including publicly
available distributed charts Helm charts. It is a Cloud Native Computing
Foundation sandbox project. You can browse the hub at https://artifacthub.io/

The [KEYWORD] argument accepts either a keyword string, or quoted string of rich
query options. For rich query options documentation, see
https://artifacthub.github.io/hub/api/?urls.primaryName=Monocular%20compatible%20search%20API#/Monocular/get_api_chartsvc_v1_charts_search

Previous versions of Helm used an instance of Monocular as the default
'endpoint', so for backwards compatibility Artifact Hub is compatible with the
Monocular search API. Similarly, when setting the 'endpoint' flag, the specified
endpoint must also be implement a Monocular compatible search API endpoint.
Note that when specifying a Monocular instance as the 'endpoint', rich queries
are not supported. For API details, see https://github.com/helm/monocular
`;

function searchHubCommand(): CommandSpec {
  return {
    use: "hub [KEYWORD]",
    short: "search for charts in the Artifact Hub or your own hub instance",
    long: SEARCH_HUB_LONG,
    flags: [
      {
        name: "endpoint",
        kind: "string",
        usage: "Hub instance to query for charts",
        default: "https://hub.helm.sh",
      },
      {
        name: "max-col-width",
        kind: "int",
        typeName: "uint",
        usage: "maximum column width for output table",
        default: 50,
      },
      { name: "list-repo-url", kind: "bool", usage: "print charts repository URL" },
      { name: "fail-on-no-result", kind: "bool", usage: "search fails if no results are found" },
      outputFlag(),
    ],
    run: async (ctx) => {
      const [{ searchHub }, { parseOutputFormat }, { logTo }] = await Promise.all([
        import("../../action/search_hub.ts"),
        import("../../action/release_output.ts"),
        import("../../log/slog.ts"),
      ]);
      const f = ctx.flags;
      ctx.stdout(
        await searchHub({
          endpoint: f.endpoint as string,
          terms: ctx.args,
          maxColWidth: f["max-col-width"] as number,
          listRepoURL: f["list-repo-url"] as boolean,
          failOnNoResult: f["fail-on-no-result"] as boolean,
          format: parseOutputFormat(f.output as string),
          log: logTo(ctx.stderr, ctx.settings.debug),
        }),
      );
    },
  };
}

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

/** The `search` command group (`search hub`, `search repo`). */
export function searchCommand(): CommandSpec {
  return {
    use: "search [keyword]",
    short: "search for a keyword in charts",
    long: SEARCH_LONG,
    args: { kind: "none" },
    subcommands: [searchHubCommand(), searchRepoCommand()],
  };
}
