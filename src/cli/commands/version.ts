/**
 * `charta version`: prints the build information.
 *
 * @module
 */
import type { CommandSpec } from "../command_spec.ts";
import { versionText } from "../../action/version.ts";

const LONG = `
Show the version for charta.

This will print a representation of the version of charta, in the form helm
prints it. Version is the Helm release charta is compatible with; ChartaVersion
is charta's own version. The output will look something like this:

version.BuildInfo{Version:"v4.2.4", GitCommit:"", GitTreeState:"", GoVersion:"deno2.9.6", KubeClientVersion:"v1.36", ChartaVersion:"0.1.0"}

- Version is the Helm version charta is compatible with.
- GitCommit is the SHA for the commit that this version was built from.
- GitTreeState is "clean" if there are no local code changes when this binary was
  built, and "dirty" if the binary was built from locally modified code.
- GoVersion is the runtime charta runs on (helm prints its Go version here).
- ChartaVersion is the version of charta itself.

When using the --template flag the following properties are available to use in
the template:

- .Version contains the Helm version charta is compatible with
- .GitCommit is the git commit
- .GitTreeState is the state of the git tree when charta was built
- .GoVersion contains the runtime charta runs on
- .ChartaVersion contains charta's own version

For example, --template='Version: {{.Version}}' outputs 'Version: v4.2.4'.
`;

/** The `version` command. */
export function versionCommand(): CommandSpec {
  return {
    use: "version",
    short: "print the charta version information",
    long: LONG,
    args: { kind: "none" },
    flags: [
      { name: "short", kind: "bool", usage: "print the version number" },
      { name: "template", kind: "string", usage: "template for version string format" },
    ],
    run: async (ctx) => {
      const text = await versionText({
        short: ctx.flags.short as boolean,
        template: ctx.flags.template as string,
      });
      ctx.stdout(ctx.flags.template ? text : `${text}\n`);
    },
  };
}
