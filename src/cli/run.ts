/**
 * Runs a charta command line: resolves the command and parses its flags
 * with cobra's and pflag's rules (pflag.ts), converts each flag's values in
 * the order given, calls the command's action, and turns every failure into
 * `Error: …` on stderr with helm's exit code.
 *
 * No general-purpose CLI library sits in between: none follows pflag's
 * grammar, and the one used before (commander) only re-parsed what pflag.ts
 * had already parsed while costing 40 ms of start-up (it loads node:fs and
 * node:child_process).
 *
 * @module
 */
import { ChartaError, UsageError } from "../errors/mod.ts";
import { EnvSettings } from "../settings/env_settings.ts";
import type { EnvLookup } from "../settings/helm_path.ts";
import {
  type ArgsRule,
  commandName,
  type CommandSpec,
  findSubcommand,
  type FlagSpec,
} from "./command_spec.ts";
import { complete, directiveName, formatCompletions } from "./completion.ts";
import { helpText, usageText, useLine } from "./help.ts";
import { commandPathOf, convertFlagValue, tokenize, visibleFlags } from "./pflag.ts";
import { applyGlobalFlags, rootCommand } from "./commands/root.ts";
import { registryConfigFromArgs, registryConfigStartupError } from "../registry/config_check.ts";

/** Where a run reads its environment and writes its output. */
export interface CliIO {
  /** Standard output. */
  stdout: (text: string) => void;
  /** Standard error. */
  stderr: (text: string) => void;
  /** Environment lookup (default: the process environment). */
  env?: EnvLookup;
  /** The path charta was started as, for `HELM_BIN` (default: the executable or main module). */
  binPath?: string;
}

/** cobra's case-insensitive Levenshtein distance. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** Commands cobra would suggest for a mistyped word: distance ≤ 2 or a prefix match. */
export function suggestCommands(spec: CommandSpec, typed: string): string[] {
  return (spec.subcommands ?? [])
    .filter((c) => !c.hidden)
    .map(commandName)
    .filter((name) => distance(typed, name) <= 2 || name.toLowerCase().startsWith(typed.toLowerCase()))
    .sort();
}

function unknownCommandError(root: CommandSpec, word: string): UsageError {
  const suggestions = suggestCommands(root, word);
  const did = suggestions.length
    ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}`
    : "";
  return new UsageError(`unknown command "${word}" for "${root.use}"${did}`, {
    hint: `Run '${root.use} --help' for usage.`,
  });
}

function checkArgs(rule: ArgsRule | undefined, path: readonly CommandSpec[], args: readonly string[]) {
  if (!rule) return;
  const name = JSON.stringify(commandPathOf(path));
  const usage = `\n\nUsage:  ${useLine(path)}`;
  const plural = (n: number) => (n === 1 ? "argument" : "arguments");
  const n = args.length;
  switch (rule.kind) {
    case "none":
      if (n > 0) throw new UsageError(`${name} accepts no arguments${usage}`);
      return;
    case "exact":
      if (n !== rule.n) throw new UsageError(`${name} requires ${rule.n} ${plural(rule.n)}${usage}`);
      return;
    case "max":
      if (n > rule.n) throw new UsageError(`${name} accepts at most ${rule.n} ${plural(rule.n)}${usage}`);
      return;
    case "min":
      if (n < rule.n) throw new UsageError(`${name} requires at least ${rule.n} ${plural(rule.n)}${usage}`);
      return;
    case "range":
      if (n < rule.min || n > rule.max) {
        throw new UsageError(
          `${name} requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}${usage}`,
        );
      }
      return;
    case "any":
      return;
  }
}

function defaults(flags: readonly FlagSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    out[f.name] = f.default ??
      (f.kind === "bool"
        ? false
        : f.kind === "stringArray" || f.kind === "stringSlice"
        ? []
        : f.kind === "stringToString"
        ? {}
        : f.kind === "string"
        ? ""
        : 0);
  }
  return out;
}

function defaultBinPath(): string {
  try {
    const main = new URL(Deno.mainModule);
    return main.protocol === "file:" && !Deno.execPath().endsWith("/deno") ? Deno.execPath() : "charta";
  } catch {
    return "charta";
  }
}

function runCompletion(root: CommandSpec, argv: string[], io: CliIO): number {
  const withDescriptions = argv[0] === "__complete";
  const result = complete(root, argv.slice(1));
  io.stdout(formatCompletions(result, withDescriptions));
  io.stderr(`Completion ended with directive: ${directiveName(result.directive)}\n`);
  return 0;
}

async function dispatch(argv: string[], io: CliIO, settings: EnvSettings): Promise<number> {
  // helm reads its registry config before any command (help included) and stops on one it cannot read.
  const registryError = await registryConfigStartupError(
    registryConfigFromArgs(argv, settings.registryConfig),
  );
  if (registryError !== undefined) {
    const { formatLogLine } = await import("../log/slog.ts");
    io.stderr(formatLogLine("WARN", "command failed", [["error", registryError]]));
    return 1;
  }
  const root = rootCommand(settings);
  if (argv[0] === "__complete" || argv[0] === "__completeNoDesc") return runCompletion(root, argv, io);

  if (argv[0] === "help") {
    // cobra's help command: `charta help [command...]`.
    const words = argv.slice(1).filter((a) => !a.startsWith("-"));
    const path: CommandSpec[] = [root];
    for (const w of words) {
      const next = findSubcommand(path[path.length - 1], w);
      if (!next) {
        io.stdout(`Unknown help topic [\`${words.join(" ")}\`]\n${usageText([root])}`);
        return 0;
      }
      path.push(next);
    }
    io.stdout(helpText(path));
    return 0;
  }

  const line = tokenize(root, argv);
  if (line.unknownCommand !== undefined) throw unknownCommandError(root, line.unknownCommand);

  const path = line.path;
  const spec = path[path.length - 1];
  const allFlags = visibleFlags(path);
  const values = defaults(allFlags);
  const seen = new Set<string>();
  for (const occurrence of line.flags) {
    const name = occurrence.flag.name;
    // pflag starts a repeated list flag from empty, not from its default.
    const previous = seen.has(name) ? values[name] : undefined;
    values[name] = convertFlagValue(occurrence.flag, occurrence.value, previous);
    seen.add(name);
    if (occurrence.flag.deprecated) {
      io.stderr(`Flag --${name} has been deprecated, ${occurrence.flag.deprecated}\n`);
    }
  }
  const changed = new Set(line.flags.map((f) => f.flag.name));
  applyGlobalFlags(settings, values, changed);

  if (values.help === true || !spec.run) {
    io.stdout(helpText(path));
    return 0;
  }
  if (settings.env("HELM_DRIVER") === "sql") {
    // helm opens SQL storage before any command runs, and cannot go on without it.
    const fatal = await (await import("../storage/sql.ts")).sqlStartupCheck((n) => settings.env(n));
    if (fatal !== undefined) {
      io.stderr(fatal);
      return 1;
    }
  }
  checkArgs(spec.args, path, line.args);
  const code = await spec.run({
    settings,
    flags: values,
    changed,
    args: [...line.args],
    stdout: io.stdout,
    stderr: io.stderr,
    commandPath: commandPathOf(path),
    binPath: io.binPath ?? defaultBinPath(),
    root,
  });
  return code ?? 0;
}

/**
 * Runs charta with the given arguments and returns the exit code. Never
 * throws: errors are printed as helm prints them.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const settings = EnvSettings.fromEnv(io.env);
  // --debug must take effect for errors raised while parsing, too.
  const debug = settings.debug || argv.includes("--debug") || argv.includes("--debug=true");
  try {
    return await dispatch(argv, io, settings);
  } catch (e) {
    return reportError(e, io, debug || settings.debug);
  }
}

/** Prints an error as `Error: …` (plus hint, plus stack with --debug) and returns the exit code. */
export function reportError(e: unknown, io: Pick<CliIO, "stderr">, debug: boolean): number {
  if (e instanceof ChartaError) {
    io.stderr(`Error: ${e.message}\n`);
    if (e.hint) io.stderr(`${e.hint}\n`);
    if (debug && !(e instanceof UsageError) && e.stack) io.stderr(`${e.stack}\n`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(`Error: ${err.message}\n`);
  if (debug && err.stack) io.stderr(`${err.stack}\n`);
  return 1;
}
