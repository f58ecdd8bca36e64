/**
 * `charta push [chart] [remote]`: uploads a chart archive to an OCI registry, as `helm push`.
 *
 * @module
 */
import { registryFlagOptions } from "../flag_specs.ts";
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";

const LONG = `
Upload a chart to a registry.

If the chart has an associated provenance file,
it will also be uploaded.
`;

function flags(): FlagSpec[] {
  return [
    { name: "cert-file", kind: "string", usage: "identify registry client using this SSL certificate file" },
    { name: "key-file", kind: "string", usage: "identify registry client using this SSL key file" },
    {
      name: "ca-file",
      kind: "string",
      usage: "verify certificates of HTTPS-enabled servers using this CA bundle",
    },
    {
      name: "insecure-skip-tls-verify",
      kind: "bool",
      usage: "skip tls certificate checks for the chart upload",
    },
    { name: "plain-http", kind: "bool", usage: "use insecure HTTP connections for the chart upload" },
    {
      name: "username",
      kind: "string",
      usage: "chart repository username where to locate the requested chart",
    },
    {
      name: "password",
      kind: "string",
      usage: "chart repository password where to locate the requested chart",
    },
  ];
}

async function run(ctx: CommandContext): Promise<void> {
  const { pushAction } = await import("../../action/push.ts");
  const f = ctx.flags;
  await pushAction({
    chart: ctx.args[0],
    remote: ctx.args[1],
    ...registryFlagOptions(f, ctx.settings),
  }, ctx.stdout);
}

/** The `push` command. */
export function pushCommand(): CommandSpec {
  return {
    use: "push [chart] [remote]",
    short: "push a chart to remote",
    long: LONG,
    args: { kind: "min", n: 2 },
    flags: flags(),
    run,
  };
}
