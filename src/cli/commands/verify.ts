/**
 * `charta verify PATH`: checks a chart archive's provenance file, as
 * `helm verify`.
 *
 * @module
 */
import type { CommandContext, CommandSpec } from "../command_spec.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import { defaultKeyring } from "./package.ts";

const LONG = `
Verify that the given chart has a valid provenance file.

Provenance files provide cryptographic verification that a chart has not been
tampered with, and was packaged by a trusted provider.

This command can be used to verify a local chart. Several other commands provide
'--verify' flags that run the same validation. To generate a signed package, use
the 'helm package --sign' command.
`;

async function run(ctx: CommandContext): Promise<void> {
  const { verifyAction } = await import("../../action/verify.ts");
  ctx.stdout(await verifyAction({ path: ctx.args[0], keyring: ctx.flags.keyring as string }));
}

/** The `verify` command. */
export function verifyCommand(settings?: EnvSettings): CommandSpec {
  return {
    use: "verify PATH",
    short: "verify that a chart at the given path has been signed and is valid",
    long: LONG,
    args: { kind: "exact", n: 1 },
    flags: [
      {
        name: "keyring",
        kind: "string",
        usage: "keyring containing public keys",
        default: defaultKeyring(settings),
      },
    ],
    run,
  };
}
