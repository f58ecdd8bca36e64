/**
 * Shell completion the way cobra does it for helm: the shell script calls
 * the hidden `__complete` command with the words typed so far, and charta
 * answers from its own command tree (commands, flags, flag values, and each
 * command's dynamic candidates). Scripts stay small and never go stale.
 *
 * @module
 */
import { commandName, type CommandSpec, type FlagSpec } from "./command_spec.ts";
import { visibleFlags } from "./pflag.ts";
import { tokenize } from "./pflag.ts";

/** cobra's ShellCompDirective bits. */
export const Directive = {
  Default: 0,
  Error: 1,
  NoSpace: 2,
  NoFileComp: 4,
  FilterFileExt: 8,
  FilterDirs: 16,
  KeepOrder: 32,
} as const;

const DIRECTIVE_NAMES: Array<[number, string]> = [
  [Directive.Error, "ShellCompDirectiveError"],
  [Directive.NoSpace, "ShellCompDirectiveNoSpace"],
  [Directive.NoFileComp, "ShellCompDirectiveNoFileComp"],
  [Directive.FilterFileExt, "ShellCompDirectiveFilterFileExt"],
  [Directive.FilterDirs, "ShellCompDirectiveFilterDirs"],
  [Directive.KeepOrder, "ShellCompDirectiveKeepOrder"],
];

/** cobra's directive description, printed on stderr for debugging. */
export function directiveName(d: number): string {
  if (d === 0) return "ShellCompDirectiveDefault";
  return DIRECTIVE_NAMES.filter(([bit]) => (d & bit) !== 0).map(([, n]) => n).join(", ");
}

/** Candidates with descriptions and how the shell should treat them. */
export interface Completions {
  readonly candidates: ReadonlyArray<{ value: string; description?: string }>;
  readonly directive: number;
}

/** Flags as cobra offers them: the inherited (global) ones, then the command's own, each sorted. */
function flagCandidates(path: readonly CommandSpec[], prefix: string): Completions {
  const byName = (a: FlagSpec, b: FlagSpec) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const global = path.length > 1 ? [...(path[0].flags ?? [])].sort(byName) : [];
  const own = visibleFlags(path).filter((f) => !global.includes(f)).sort(byName);
  const candidates = [...global, ...own]
    .filter((f) => !f.hidden && `--${f.name}`.startsWith(prefix))
    .map((f) => ({ value: `--${f.name}`, description: f.usage.replace(/`/g, "") }));
  return { candidates, directive: Directive.NoFileComp };
}

/**
 * Completes the last word of `words` (the words after the program name; the
 * last may be empty) against the command tree.
 */
export function complete(root: CommandSpec, words: readonly string[]): Completions {
  const toComplete = words.length ? words[words.length - 1] : "";
  const before = words.slice(0, -1);
  let line;
  try {
    line = tokenize(root, before);
  } catch {
    try {
      // The last word may be a flag still waiting for its value (`--color <TAB>`).
      line = tokenize(root, before.slice(0, -1));
    } catch {
      return { candidates: [], directive: Directive.Error };
    }
  }
  const path = line.path;
  const spec = path[path.length - 1];
  const flags = visibleFlags(path);

  // A flag waiting for its value: `--flag <TAB>` or `--flag=<TAB>`.
  const prev = before[before.length - 1] ?? "";
  const eq = toComplete.startsWith("--") ? toComplete.indexOf("=") : -1;
  const valueOf = eq >= 0
    ? flags.find((f) => f.name === toComplete.slice(2, eq))
    : prev.startsWith("-") && !prev.includes("=")
    ? flags.find((f) => prev === `--${f.name}` || (f.short !== undefined && prev === `-${f.short}`))
    : undefined;
  if (valueOf && valueOf.kind !== "bool" && (eq >= 0 || valueOf.noOptDefVal === undefined)) {
    const typed = eq >= 0 ? toComplete.slice(eq + 1) : toComplete;
    const head = eq >= 0 ? toComplete.slice(0, eq + 1) : "";
    if (valueOf.completions) {
      const candidates = valueOf.completions.filter((v) => v.startsWith(typed)).map((v) => ({
        value: head + v,
      }));
      return { candidates, directive: Directive.NoFileComp };
    }
    return { candidates: [], directive: Directive.Default };
  }
  if (toComplete.startsWith("-")) return flagCandidates(path, toComplete);

  if (spec.subcommands?.length && line.args.length === 0) {
    const subs = [...spec.subcommands]
      .filter((c) => !c.hidden && commandName(c).startsWith(toComplete))
      .map((c) => ({ value: commandName(c), description: c.short }));
    if (path.length === 1 && "help".startsWith(toComplete)) {
      subs.push({ value: "help", description: "Help about any command" });
    }
    subs.sort((a, b) => a.value.localeCompare(b.value));
    return { candidates: subs, directive: Directive.NoFileComp };
  }
  if (spec.args?.kind === "none") return { candidates: [], directive: Directive.NoFileComp };
  return { candidates: [], directive: Directive.Default };
}

/** Formats completions as cobra's `__complete` prints them. */
export function formatCompletions(c: Completions, withDescriptions: boolean): string {
  const lines = c.candidates.map((x) =>
    withDescriptions && x.description ? `${x.value}\t${x.description.split("\n")[0]}` : x.value
  );
  return [...lines, `:${c.directive}`].join("\n") + "\n";
}

/** The shells charta writes completion scripts for. */
export type Shell = "bash" | "zsh" | "fish" | "powershell";

/** The completion script for `shell`, calling `prog __complete` (or `__completeNoDesc`). */
export function completionScript(shell: Shell, prog: string, descriptions: boolean): string {
  const fn = `__${prog.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const sub = descriptions ? "__complete" : "__completeNoDesc";
  switch (shell) {
    case "bash":
      return `# bash completion for ${prog}                              -*- shell-script -*-
# Generated by '${prog} completion bash'. The candidates come from '${prog} __completeNoDesc'.

${fn}_complete()
{
    local cur="\${COMP_WORDS[COMP_CWORD]}"
    local out directive
    out=$("\${COMP_WORDS[0]}" __completeNoDesc "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    directive=\${out##*:}
    [[ "$directive" =~ ^[0-9]+$ ]] || directive=0
    out=\${out%:*}
    COMPREPLY=()
    (( directive & 1 )) && return
    (( directive & 2 )) && compopt -o nospace 2>/dev/null
    local line
    while IFS='' read -r line; do
        [[ -n "$line" && "$line" == "$cur"* ]] && COMPREPLY+=("$line")
    done <<< "$out"
    if [[ \${#COMPREPLY[@]} -eq 0 ]] && (( (directive & 4) == 0 )); then
        while IFS='' read -r line; do COMPREPLY+=("$line"); done < <(compgen -f -- "$cur")
    fi
}

complete -o default -F ${fn}_complete ${prog}
`;
    case "zsh":
      return `#compdef ${prog}
# zsh completion for ${prog}, generated by '${prog} completion zsh'.

${fn}_complete() {
    local -a out completions
    local directive line
    out=("\${(@f)$(\${words[1]} ${sub} "\${(@)words[2,$CURRENT]}" 2>/dev/null)}")
    directive=\${out[-1]#:}
    [[ "$directive" == <-> ]] || directive=0
    (( directive & 1 )) && return 1
    for line in "\${(@)out[1,-2]}"; do
        [[ -z "$line" ]] && continue
        local name=\${line%%$'\\t'*} desc=\${line#*$'\\t'}
        name=\${name//:/\\\\:}
        if [[ "$line" == *$'\\t'* ]]; then completions+=("$name:$desc"); else completions+=("$name"); fi
    done
    if (( \${#completions} )); then
        if (( directive & 2 )); then _describe 'completions' completions -S ''; else _describe 'completions' completions; fi
    elif (( (directive & 4) == 0 )); then
        _files
    fi
}

if [[ "\${funcstack[1]}" == "_${prog}" ]]; then ${fn}_complete "$@"; else compdef ${fn}_complete ${prog}; fi
`;
    case "fish":
      return `# fish completion for ${prog}, generated by '${prog} completion fish'.

function ${fn}_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l out (command $tokens[1] ${sub} $tokens[2..-1] $current 2>/dev/null)
    set -l directive (string replace -r '^:' '' -- $out[-1])
    if test (math "$directive % 2") -eq 1
        return
    end
    printf '%s\\n' $out[1..-2]
end

complete -c ${prog} -a '(${fn}_complete)'
`;
    case "powershell":
      return `# powershell completion for ${prog}, generated by '${prog} completion powershell'.

Register-ArgumentCompleter -Native -CommandName '${prog}' -ScriptBlock {
    param($WordToComplete, $CommandAst, $CursorPosition)
    $words = @($CommandAst.CommandElements | ForEach-Object { $_.ToString() })
    $rest = @($words | Select-Object -Skip 1)
    if ($WordToComplete -eq '') { $rest += '""' }
    $out = @(& $words[0] ${sub} @rest 2>$null)
    if ($out.Count -eq 0) { return }
    $directive = [int]($out[-1].TrimStart(':'))
    if (($directive -band 1) -ne 0) { return }
    $out[0..($out.Count - 2)] | Where-Object { $_ -like "$WordToComplete*" } | ForEach-Object {
        $parts = $_ -split "\`t", 2
        $desc = if ($parts.Count -gt 1) { $parts[1] } else { $parts[0] }
        [System.Management.Automation.CompletionResult]::new($parts[0], $parts[0], 'ParameterValue', $desc)
    }
}
`;
  }
}
