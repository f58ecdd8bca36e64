/**
 * `charta list` (`ls`): lists releases, as `helm list`.
 *
 * @module
 */
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import type { Configuration } from "../../action/configuration.ts";

const LONG = `
This command lists all of the releases for a specified namespace (uses current namespace context if namespace not specified).

By default, it lists all releases in any status. Individual status filters like '--deployed', '--failed',
'--pending', '--uninstalled', '--superseded', and '--uninstalling' can be used
to show only releases in specific states. Such flags can be combined:
'--deployed --failed'.

By default, items are sorted alphabetically. Use the '-d' flag to sort by
release date.

If the --filter flag is provided, it will be treated as a filter. Filters are
regular expressions (Perl compatible) that are applied to the list of releases.
Only items that match the filter will be returned.

    $ helm list --filter 'ara[a-z]+'
    NAME                UPDATED                                  CHART
    maudlin-arachnid    2020-06-18 14:17:46.125134977 +0000 UTC  alpine-0.1.0

If no results are found, 'helm list' will exit 0, but with no output (or in
the case of no '-q' flag, only headers).

By default, up to 256 items may be returned. To limit this, use the '--max' flag.
Setting '--max' to 0 will not return all results. Rather, it will return the
server's default, which may be much higher than 256. Pairing the '--max'
flag with the '--offset' flag allows you to page through results.
`;

/** helm's `-o/--output` flag. */
export function outputFlag(): FlagSpec {
  return {
    name: "output",
    short: "o",
    kind: "string",
    typeName: "format",
    usage: "prints the output in the specified format. Allowed values: table, json, yaml",
    default: "table",
    completions: ["json", "table", "yaml"],
  };
}

/**
 * Runs `fn` with the release configuration (storage by `HELM_DRIVER`,
 * reachability checked as helm's actions do) and prints the text it
 * returns; helm's fatal start-up problems print as a log line and exit 1.
 */
export async function withReleaseConfig(
  ctx: CommandContext,
  namespace: string,
  fn: (cfg: Configuration) => Promise<string>,
  allNamespaces = false,
): Promise<number> {
  const [{ readConfiguration, FatalLog }, { formatLogLine }] = await Promise.all([
    import("../../action/release_config.ts"),
    import("../../log/slog.ts"),
  ]);
  let rc;
  try {
    rc = await readConfiguration(ctx.settings, namespace, allNamespaces);
  } catch (e) {
    if (e instanceof FatalLog) {
      ctx.stderr(formatLogLine("INFO", e.message));
      return 1;
    }
    throw e;
  }
  // helm checks that the cluster is reachable before it reads anything. Both go out at once here (one
  // round trip less); the outcome is helm's: the reachability error if there is one, else the command's.
  const [reach, result] = await Promise.allSettled([rc.reachable(), fn(rc.cfg)]);
  if (reach.status === "rejected") throw reach.reason;
  if (result.status === "rejected") throw result.reason;
  ctx.stdout(result.value);
  return 0;
}

function flags(): FlagSpec[] {
  const bool = (name: string, usage: string, short?: string): FlagSpec => ({
    name,
    short,
    kind: "bool",
    usage,
  });
  return [
    bool("all-namespaces", "list releases across all namespaces", "A"),
    bool("date", "sort by release date", "d"),
    bool("deployed", "show deployed releases"),
    bool("failed", "show failed releases"),
    {
      name: "filter",
      short: "f",
      kind: "string",
      usage:
        "a regular expression (Perl compatible). Any releases that match the expression will be included in the results",
    },
    { name: "max", short: "m", kind: "int", usage: "maximum number of releases to fetch", default: 256 },
    bool("no-headers", "don't print headers when using the default output format"),
    { name: "offset", kind: "int", usage: "next release index in the list, used to offset from start value" },
    outputFlag(),
    bool("pending", "show pending releases"),
    bool("reverse", "reverse the sort order", "r"),
    {
      name: "selector",
      short: "l",
      kind: "string",
      usage:
        "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Works only for secret(default) and configmap storage backends.",
    },
    bool("short", "output short (quiet) listing format", "q"),
    bool("superseded", "show superseded releases"),
    {
      name: "time-format",
      kind: "string",
      usage: 'format time using golang time formatter. Example: --time-format "2006-01-02 15:04:05Z0700"',
    },
    bool("uninstalled", "show uninstalled releases (if 'helm uninstall --keep-history' was used)"),
    bool("uninstalling", "show releases that are currently being uninstalled"),
  ];
}

async function run(ctx: CommandContext): Promise<number> {
  const [{ listReleases, formatList }, { parseOutputFormat }] = await Promise.all([
    import("../../action/list.ts"),
    import("../../action/release_output.ts"),
  ]);
  const f = ctx.flags;
  const format = parseOutputFormat(f.output as string);
  const all = f["all-namespaces"] as boolean;
  const ns = all ? "" : await ctx.settings.namespace();
  return await withReleaseConfig(ctx, ns, async (cfg) => {
    const rels = await listReleases(cfg, {
      deployed: f.deployed as boolean,
      uninstalled: f.uninstalled as boolean,
      uninstalling: f.uninstalling as boolean,
      pending: f.pending as boolean,
      failed: f.failed as boolean,
      superseded: f.superseded as boolean,
      byDate: f.date as boolean,
      reverse: f.reverse as boolean,
      limit: f.max as number,
      offset: f.offset as number,
      filter: f.filter as string,
      selector: f.selector as string,
    });
    return formatList(rels, {
      format,
      short: f.short as boolean,
      noHeaders: f["no-headers"] as boolean,
      timeFormat: f["time-format"] as string,
    });
  }, all);
}

/** The `list` command. */
export function listCommand(): CommandSpec {
  return {
    use: "list",
    aliases: ["ls"],
    short: "list releases",
    long: LONG,
    args: { kind: "none" },
    flags: flags(),
    run,
  };
}
