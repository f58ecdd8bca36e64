/**
 * `charta repo add|list|update|remove|index`: chart repositories, as
 * `helm repo` manages them (same repositories file and cache).
 *
 * @module
 */
import type { CommandSpec, FlagSpec } from "../command_spec.ts";
import { outputFlag } from "./list.ts";

const REPO_LONG = `
This command consists of multiple subcommands to interact with chart repositories.

It can be used to add, remove, list, and index chart repositories.
`;

const UPDATE_LONG = `
Update gets the latest information about charts from the respective chart repositories.
Information is cached locally, where it is used by commands like 'charta search'.

You can optionally specify a list of repositories you want to update.
	$ charta repo update <repo_name> ...
To update all the repositories, use 'charta repo update'.
`;

const INDEX_LONG = `
Read the current directory, generate an index file based on the charts found
and write the result to 'index.yaml' in the current directory.

This tool is used for creating an 'index.yaml' file for a chart repository. To
set an absolute URL to the charts, use '--url' flag.

To merge the generated index with an existing index file, use the '--merge'
flag. In this case, the charts found in the current directory will be merged
into the index passed in with --merge, with local charts taking priority over
existing charts.
`;

const str = (name: string, usage: string): FlagSpec => ({ name, kind: "string", usage });
const bool = (name: string, usage: string): FlagSpec => ({ name, kind: "bool", usage });
const timeout: FlagSpec = {
  name: "timeout",
  kind: "duration",
  usage: "time to wait for the index file download to complete",
  default: 120_000,
};

async function readStdin(): Promise<string> {
  return await new Response(Deno.stdin.readable).text();
}

async function log(debug: boolean, stderr: (s: string) => void) {
  return (await import("../../log/slog.ts")).logTo(stderr, debug);
}

function addCommand(): CommandSpec {
  return {
    use: "add [NAME] [URL]",
    short: "add a chart repository",
    args: { kind: "exact", n: 2 },
    flags: [
      str("username", "chart repository username"),
      str("password", "chart repository password"),
      bool("password-stdin", "read chart repository password from stdin"),
      bool("force-update", "replace (overwrite) the repo if it already exists"),
      str("cert-file", "identify HTTPS client using this SSL certificate file"),
      str("key-file", "identify HTTPS client using this SSL key file"),
      str("ca-file", "verify certificates of HTTPS-enabled servers using this CA bundle"),
      bool("insecure-skip-tls-verify", "skip tls certificate checks for the repository"),
      bool(
        "allow-deprecated-repos",
        "by default, this command will not allow adding official repos that have been permanently deleted. This disables that behavior",
      ),
      bool("pass-credentials", "pass credentials to all domains"),
      timeout,
    ],
    run: async (ctx) => {
      const [{ repoAdd }, { readPassword }] = await Promise.all([
        import("../../action/repo.ts"),
        import("../prompt.ts"),
      ]);
      const f = ctx.flags;
      await repoAdd({
        name: ctx.args[0],
        url: ctx.args[1],
        repositoryConfig: ctx.settings.repositoryConfig,
        repositoryCache: ctx.settings.repositoryCache,
        username: f.username as string,
        password: f.password as string,
        passwordStdin: f["password-stdin"] as boolean,
        passCredentials: f["pass-credentials"] as boolean,
        certFile: f["cert-file"] as string,
        keyFile: f["key-file"] as string,
        caFile: f["ca-file"] as string,
        insecureSkipTLSVerify: f["insecure-skip-tls-verify"] as boolean,
        forceUpdate: f["force-update"] as boolean,
        allowDeprecatedRepos: f["allow-deprecated-repos"] as boolean,
        timeoutMs: f.timeout as number,
        readStdin,
        readPassword: () => readPassword(),
        log: await log(ctx.settings.debug, ctx.stderr),
      }, ctx.stdout);
    },
  };
}

function listCommand(): CommandSpec {
  return {
    use: "list",
    aliases: ["ls"],
    short: "list chart repositories",
    args: { kind: "none" },
    flags: [bool("no-headers", "suppress headers in the output"), outputFlag()],
    run: async (ctx) => {
      const [{ repoList }, { parseOutputFormat }] = await Promise.all([
        import("../../action/repo.ts"),
        import("../../action/release_output.ts"),
      ]);
      await repoList(
        ctx.settings,
        parseOutputFormat(ctx.flags.output as string),
        ctx.flags["no-headers"] as boolean,
        ctx.stdout,
        ctx.stderr,
      );
    },
  };
}

function updateCommand(): CommandSpec {
  return {
    use: "update [REPO1 [REPO2 ...]]",
    aliases: ["up"],
    short: "update information of available charts locally from chart repositories",
    long: UPDATE_LONG,
    args: { kind: "min", n: 0 },
    flags: [timeout],
    run: async (ctx) => {
      const { repoUpdate } = await import("../../action/repo.ts");
      await repoUpdate(ctx.settings, ctx.args, ctx.stdout, {
        timeoutMs: ctx.flags.timeout as number,
        log: await log(ctx.settings.debug, ctx.stderr),
      });
    },
  };
}

function removeCommand(): CommandSpec {
  return {
    use: "remove [REPO1 [REPO2 ...]]",
    aliases: ["rm"],
    short: "remove one or more chart repositories",
    args: { kind: "min", n: 1 },
    run: async (ctx) => {
      const { repoRemove } = await import("../../action/repo.ts");
      await repoRemove(ctx.settings, ctx.args, ctx.stdout);
    },
  };
}

function indexCommand(): CommandSpec {
  return {
    use: "index [DIR]",
    short: "generate an index file given a directory containing packaged charts",
    long: INDEX_LONG,
    args: { kind: "exact", n: 1 },
    flags: [
      str("url", "url of chart repository"),
      str("merge", "merge the generated index into the given index"),
      bool("json", "output in JSON format"),
    ],
    run: async (ctx) => {
      const { repoIndex } = await import("../../action/repo.ts");
      await repoIndex(ctx.args[0], {
        url: ctx.flags.url as string,
        merge: ctx.flags.merge as string,
        json: ctx.flags.json as boolean,
        log: await log(ctx.settings.debug, ctx.stderr),
      });
    },
  };
}

/** The `repo` command group. */
export function repoCommand(): CommandSpec {
  return {
    use: "repo add|remove|list|index|update [ARGS]",
    short: "add, list, remove, update, and index chart repositories",
    long: REPO_LONG,
    args: { kind: "none" },
    subcommands: [addCommand(), indexCommand(), listCommand(), removeCommand(), updateCommand()],
  };
}
