/**
 * The declarative command tree: each command states its usage, help texts,
 * flags (with pflag's types) and argument rule, and a `run` that calls one
 * library action. Help, completion and parsing are all derived from it.
 *
 * @module
 */
import type { EnvSettings } from "../settings/env_settings.ts";

/** pflag value types, named as helm's help prints them. */
export type FlagKind =
  | "bool"
  | "string"
  | "stringArray"
  | "stringSlice"
  | "stringToString"
  | "int"
  | "float32"
  | "duration";

/** One flag, as pflag defines it. */
export interface FlagSpec {
  /** Long name without dashes. */
  readonly name: string;
  /** One-letter shorthand. */
  readonly short?: string;
  /** Value type. */
  readonly kind: FlagKind;
  /** Help text. */
  readonly usage: string;
  /** Default value; shown as `(default …)` in help when not the type's zero value. */
  readonly default?: string | boolean | number | readonly string[] | Readonly<Record<string, string>>;
  /** pflag's NoOptDefVal: the value of a bare `--flag` (only `--flag=value` then sets another). */
  readonly noOptDefVal?: string;
  /** Hidden from help and completion. */
  readonly hidden?: boolean;
  /**
   * pflag's `MarkDeprecated` message: the flag is hidden and using it prints
   * `Flag --NAME has been deprecated, MESSAGE` on stderr.
   */
  readonly deprecated?: string;
  /** Fixed values offered by shell completion. */
  readonly completions?: readonly string[];
  /** The type name help prints, when it is not the kind's (helm's custom types, e.g. `WaitStrategy`). */
  readonly typeName?: string;
}

/** Positional argument rule, with helm's error wording. */
export type ArgsRule =
  | { readonly kind: "none" }
  | { readonly kind: "exact"; readonly n: number }
  | { readonly kind: "max"; readonly n: number }
  | { readonly kind: "min"; readonly n: number }
  | { readonly kind: "range"; readonly min: number; readonly max: number }
  | { readonly kind: "any" };

/** Writes text to an output stream. */
export type Write = (text: string) => void;

/** What a command's `run` receives. */
export interface CommandContext {
  /** Settings after global flags were applied. */
  readonly settings: EnvSettings;
  /** Parsed flag values by long name (defaults included). */
  readonly flags: Readonly<Record<string, unknown>>;
  /** Names of the flags given on the command line. */
  readonly changed: ReadonlySet<string>;
  /** Positional arguments. */
  readonly args: readonly string[];
  /** Standard output. */
  readonly stdout: Write;
  /** Standard error. */
  readonly stderr: Write;
  /** The command as typed by the user, e.g. `charta version`. */
  readonly commandPath: string;
  /** The name charta was invoked as (`HELM_BIN` for plugins). */
  readonly binPath: string;
  /** The root command, for commands that walk the tree (completion). */
  readonly root: CommandSpec;
}

/** A command in the tree. */
export interface CommandSpec {
  /** The usage line after the parent's path, e.g. `version` or `install [NAME] [CHART] [flags]`. */
  readonly use: string;
  /** Other names the command answers to. */
  readonly aliases?: readonly string[];
  /** One-line description for command lists. */
  readonly short: string;
  /** Full help text. */
  readonly long?: string;
  /** Examples shown in help. */
  readonly example?: string;
  /** Local flags (the root's are global: inherited by every command). */
  readonly flags?: readonly FlagSpec[];
  /** Positional argument rule (default: any). */
  readonly args?: ArgsRule;
  /** Subcommands. */
  readonly subcommands?: readonly CommandSpec[];
  /** Hidden from help and completion. */
  readonly hidden?: boolean;
  /** The action; returns the exit code (default 0). Absent for command groups. */
  readonly run?: (ctx: CommandContext) => Promise<number | void> | number | void;
}

/** A command's name: the first word of its `use` line. */
export function commandName(spec: CommandSpec): string {
  return spec.use.split(" ")[0];
}

/** The subcommand answering to `name` (by name or alias). */
export function findSubcommand(spec: CommandSpec, name: string): CommandSpec | undefined {
  return spec.subcommands?.find((c) => commandName(c) === name || c.aliases?.includes(name));
}

/** The implicit `-h/--help` flag every command has, as cobra adds it. */
export function helpFlag(spec: CommandSpec): FlagSpec {
  return { name: "help", short: "h", kind: "bool", usage: `help for ${commandName(spec)}` };
}
