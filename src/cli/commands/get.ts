/**
 * `charta get all|hooks|manifest|metadata|notes|values`: one release's
 * stored details, as `helm get`.
 *
 * @module
 */
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import type { Release } from "../../release/types.ts";
import type { OutputFormat } from "../../action/release_output.ts";
import { outputFlag, withReleaseConfig } from "./list.ts";

const LONG = `
This command consists of multiple subcommands which can be used to
get extended information about the release, including:

- The values used to generate the release
- The generated manifest file
- The notes provided by the chart of the release
- The hooks associated with the release
- The metadata of the release
`;

type Printer = (rel: Release, ctx: CommandContext, format: OutputFormat) => Promise<string>;

/** Loads the release the arguments name and prints it with `print`. */
function runWith(print: Printer) {
  return async (ctx: CommandContext): Promise<number> => {
    const [{ releaseContent }, { parseOutputFormat }] = await Promise.all([
      import("../../action/release_info.ts"),
      import("../../action/release_output.ts"),
    ]);
    const format = ctx.flags.output === undefined ? "table" : parseOutputFormat(ctx.flags.output as string);
    return await withReleaseConfig(ctx, await ctx.settings.namespace(), async (cfg) => {
      const rel = await releaseContent(cfg, ctx.args[0], ctx.flags.revision as number);
      return await print(rel, ctx, format);
    });
  };
}

const revision = (usage = "get the named release with revision"): FlagSpec => ({
  name: "revision",
  kind: "int",
  usage,
});

const info = () => import("../../action/release_info.ts");

function sub(
  use: string,
  short: string,
  long: string | undefined,
  flags: FlagSpec[],
  print: Printer,
): CommandSpec {
  return { use, short, long, args: { kind: "exact", n: 1 }, flags, run: runWith(print) };
}

/** The `get` command and its subcommands. */
export function getCommand(): CommandSpec {
  return {
    use: "get",
    short: "download extended information of a named release",
    long: LONG,
    args: { kind: "none" },
    subcommands: [
      sub(
        "all RELEASE_NAME",
        "download all information for a named release",
        `
This command prints a human readable collection of information about the
notes, hooks, supplied values, and generated manifest file of the given release.
`,
        [
          revision(),
          {
            name: "template",
            kind: "string",
            usage: "go template for formatting the output, eg: {{.Release.Name}}",
          },
        ],
        async (rel, ctx) => {
          const m = await info();
          if (ctx.flags.template) return m.renderReleaseTemplate(ctx.flags.template as string, rel);
          return m.formatStatusTable(rel, { debug: true, showMetadata: true });
        },
      ),
      sub(
        "hooks RELEASE_NAME",
        "download all hooks for a named release",
        `
This command downloads hooks for a given release.

Hooks are formatted in YAML and separated by the YAML '---\\n' separator.
`,
        [revision()],
        async (rel) => (await info()).formatHooks(rel),
      ),
      sub(
        "manifest RELEASE_NAME",
        "download the manifest for a named release",
        `
This command fetches the generated manifest for a given release.

A manifest is a YAML-encoded representation of the Kubernetes resources that
were generated from this release's chart(s). If a chart is dependent on other
charts, those resources will also be included in the manifest.
`,
        [revision()],
        async (rel) => (await info()).formatManifest(rel),
      ),
      sub(
        "metadata RELEASE_NAME",
        "This command fetches metadata for a given release",
        undefined,
        [revision("specify release revision"), outputFlag()],
        async (rel, _ctx, format) => (await info()).formatMetadata(rel, format),
      ),
      sub(
        "notes RELEASE_NAME",
        "download the notes for a named release",
        `
This command shows notes provided by the chart of a named release.
`,
        [revision()],
        async (rel) => (await info()).formatNotes(rel),
      ),
      sub(
        "values RELEASE_NAME",
        "download the values file for a named release",
        `
This command downloads a values file for a given release.
`,
        [
          { name: "all", short: "a", kind: "bool", usage: "dump all (computed) values" },
          outputFlag(),
          revision(),
        ],
        async (rel, ctx, format) => {
          const m = await info();
          const all = ctx.flags.all as boolean;
          return m.formatValues(m.releaseValues(rel, all), all, format);
        },
      ),
    ],
  };
}
