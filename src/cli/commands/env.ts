/**
 * `charta env`: prints the environment in use, as `helm env` does.
 *
 * @module
 */
import type { CommandSpec } from "../command_spec.ts";
import { envText } from "../../action/env.ts";

/** The `env` command. */
export function envCommand(): CommandSpec {
  return {
    use: "env",
    short: "charta client environment information",
    long: "\nEnv prints out all the environment information in use by charta (the same keys as helm's).\n",
    args: { kind: "max", n: 1 },
    run: async (ctx) => {
      ctx.stdout(await envText(ctx.settings, ctx.binPath, ctx.args[0]));
    },
  };
}
