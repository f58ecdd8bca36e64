/**
 * `charta completion SHELL`: prints a completion script that asks charta's
 * command tree for candidates.
 *
 * @module
 */
import type { CommandSpec } from "../command_spec.ts";
import { completionScript, type Shell } from "../completion.ts";

const LOAD_HINTS: Record<Shell, string> = {
  bash: `To load completions in your current shell session:

    source <(charta completion bash)

To load completions for every new session, execute once:
- Linux:

      charta completion bash > /etc/bash_completion.d/charta

- MacOS:

      charta completion bash > /usr/local/etc/bash_completion.d/charta`,
  zsh: `To load completions in your current shell session:

    source <(charta completion zsh)

To load completions for every new session, execute once:

    charta completion zsh > "\${fpath[1]}/_charta"`,
  fish: `To load completions in your current shell session:

    charta completion fish | source

To load completions for every new session, execute once:

    charta completion fish > ~/.config/fish/completions/charta.fish`,
  powershell: `To load completions in your current shell session:

    PS C:\\> charta completion powershell | Out-String | Invoke-Expression

To load completions for every new session, add the output of the above command
to your powershell profile.`,
};

function shellCommand(shell: Shell): CommandSpec {
  return {
    use: shell,
    short: `generate autocompletion script for ${shell}`,
    long: `\nGenerate the autocompletion script for charta for the ${shell} shell.\n\n${LOAD_HINTS[shell]}\n`,
    args: { kind: "none" },
    flags: [{ name: "no-descriptions", kind: "bool", usage: "disable completion descriptions" }],
    run: (ctx) => {
      const prog = ctx.root.use;
      ctx.stdout(completionScript(shell, prog, !(ctx.flags["no-descriptions"] as boolean)));
    },
  };
}

/** The `completion` command group. */
export function completionCommand(): CommandSpec {
  return {
    use: "completion",
    short: "generate autocompletion scripts for the specified shell",
    long: "\nGenerate autocompletion scripts for charta for the specified shell.\n",
    subcommands: (["bash", "fish", "powershell", "zsh"] as Shell[]).map(shellCommand),
  };
}
