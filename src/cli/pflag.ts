/**
 * Command-line tokenizing with the exact rules of cobra and pflag, which
 * helm's users and scripts rely on: flags anywhere among arguments, `--x=v`,
 * `--x v`, `-xv`, `-x=v`, clustered short booleans (`-qa`), `--bool=false`,
 * optional-value flags (`--wait` vs `--wait=legacy`), `--` ending flags, and
 * pflag's error texts. Commander then receives one canonical form.
 *
 * @module
 */
import { UsageError } from "../errors/mod.ts";
import {
  commandName,
  type CommandSpec,
  findSubcommand,
  type FlagKind,
  type FlagSpec,
  helpFlag,
} from "./command_spec.ts";

/** A flag given on the command line, after tokenizing. */
export interface FlagOccurrence {
  readonly flag: FlagSpec;
  /** The raw value (booleans as `"true"`/`"false"`). */
  readonly value: string;
}

/** Result of splitting a command line. */
export interface TokenizedLine {
  /** Root first, the command to run last. */
  readonly path: readonly CommandSpec[];
  /** Flags in the order given. */
  readonly flags: readonly FlagOccurrence[];
  /** Positional arguments. */
  readonly args: readonly string[];
  /** Words that looked like a subcommand of the root but matched none (cobra's legacy check). */
  readonly unknownCommand?: string;
}

/** Flags visible to a command: its own, the root's global ones, and `-h/--help`. */
export function visibleFlags(path: readonly CommandSpec[]): FlagSpec[] {
  const spec = path[path.length - 1];
  const own = path.length > 1 ? spec.flags ?? [] : [];
  return [...own, ...(path[0].flags ?? []), helpFlag(spec)];
}

function takesNoValue(flag: FlagSpec | undefined): boolean {
  return flag !== undefined && (flag.kind === "bool" || flag.noOptDefVal !== undefined);
}

/** cobra's stripFlags: the non-flag words, skipping values of flags that take one. */
function nonFlagWords(args: readonly string[], flags: FlagSpec[]): string[] {
  const byLong = new Map(flags.map((f) => [f.name, f]));
  const byShort = new Map(flags.filter((f) => f.short).map((f) => [f.short!, f]));
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === "--") break;
    if (s.startsWith("--") && !s.includes("=") && !takesNoValue(byLong.get(s.slice(2)))) {
      i++; // '--flag arg': skip arg
    } else if (
      s.startsWith("-") && !s.startsWith("--") && !s.includes("=") && s.length === 2 &&
      !takesNoValue(byShort.get(s[1]))
    ) {
      i++;
    } else if (s !== "" && !s.startsWith("-")) {
      words.push(s);
    }
  }
  return words;
}

/** cobra's argsMinusFirstX: removes the first occurrence of the subcommand word, not a flag's value. */
function withoutFirst(args: readonly string[], word: string, flags: FlagSpec[]): string[] {
  const byLong = new Map(flags.map((f) => [f.name, f]));
  const byShort = new Map(flags.filter((f) => f.short).map((f) => [f.short!, f]));
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === "--") break;
    if (s.startsWith("--") && !s.includes("=") && !takesNoValue(byLong.get(s.slice(2)))) {
      i++;
      continue;
    }
    if (
      s.startsWith("-") && !s.startsWith("--") && !s.includes("=") && s.length === 2 &&
      !takesNoValue(byShort.get(s[1]))
    ) {
      i++;
      continue;
    }
    if (s === word) return [...args.slice(0, i), ...args.slice(i + 1)];
  }
  return [...args];
}

/** Resolves the command path as cobra's Find does, then parses flags against the final command. */
export function tokenize(root: CommandSpec, argv: readonly string[]): TokenizedLine {
  const path: CommandSpec[] = [root];
  let rest = [...argv];
  let unknownCommand: string | undefined;
  for (;;) {
    const current = path[path.length - 1];
    const words = nonFlagWords(rest, visibleFlags(path));
    if (words.length === 0 || !current.subcommands?.length) break;
    const next = findSubcommand(current, words[0]);
    if (!next) {
      if (path.length === 1) unknownCommand = words[0];
      break;
    }
    rest = withoutFirst(rest, words[0], visibleFlags(path));
    path.push(next);
  }
  const { flags, args } = parseFlags(rest, visibleFlags(path));
  return { path, flags, args, unknownCommand };
}

/** pflag's parse loop over a command's flag set. */
export function parseFlags(
  argv: readonly string[],
  known: FlagSpec[],
): { flags: FlagOccurrence[]; args: string[] } {
  const byLong = new Map(known.map((f) => [f.name, f]));
  const byShort = new Map(known.filter((f) => f.short).map((f) => [f.short!, f]));
  const flags: FlagOccurrence[] = [];
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (s === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (s.length < 2 || s[0] !== "-") {
      args.push(s);
      continue;
    }
    if (s.startsWith("--")) {
      const body = s.slice(2);
      const eq = body.indexOf("=");
      const name = eq >= 0 ? body.slice(0, eq) : body;
      if (name === "" || name.startsWith("-") || name.startsWith("=")) {
        throw new UsageError(`bad flag syntax: ${s}`);
      }
      const flag = byLong.get(name);
      if (!flag) throw new UsageError(`unknown flag: --${name}`);
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (flag.kind === "bool") value = "true";
      else if (flag.noOptDefVal !== undefined) value = flag.noOptDefVal;
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`flag needs an argument: ${s}`);
      flags.push({ flag, value });
      continue;
    }
    // A cluster of shorthands: -abc, -nvalue, -n=value, -n value.
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0];
      const flag = byShort.get(c);
      if (!flag) throw new UsageError(`unknown shorthand flag: '${c}' in ${s}`);
      let value: string;
      if (shorts.length > 2 && shorts[1] === "=") {
        value = shorts.slice(2);
        shorts = "";
      } else if (flag.kind === "bool" || flag.noOptDefVal !== undefined) {
        value = flag.kind === "bool" ? "true" : flag.noOptDefVal!;
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        value = shorts.slice(1);
        shorts = "";
      } else if (i + 1 < argv.length) {
        value = argv[++i];
        shorts = "";
      } else {
        throw new UsageError(`flag needs an argument: '${c}' in -${shorts}`);
      }
      flags.push({ flag, value });
    }
  }
  return { flags, args };
}

/** Go's strconv.ParseBool. */
function parseBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}

/** Go's strconv.ParseInt(s, 0, 64) for flag values. */
function parseIntBase0(s: string): number | undefined {
  const m = s.match(/^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/);
  if (!m) return undefined;
  let body = m[2].replace(/_/g, "");
  if (/^0[0-7]+$/.test(body)) body = "0o" + body.slice(1);
  const n = Number(body);
  return Number.isFinite(n) ? (m[1] === "-" ? -n : n) : undefined;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  "μs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds. */
export function parseGoDuration(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest[0] === "-") sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let total = 0;
  while (rest !== "") {
    const m = rest.match(/^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/);
    if (!m || m[1] === "" || m[1] === ".") return undefined;
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Go's encoding/csv reading of one line, as pflag's stringSlice does. */
function readCSV(s: string): string[] | undefined {
  if (s === "") return [];
  const out: string[] = [];
  let i = 0;
  while (i <= s.length) {
    if (s[i] === '"') {
      let field = "";
      i++;
      for (;;) {
        if (i >= s.length) return undefined;
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
      if (i < s.length && s[i] !== ",") return undefined;
      out.push(field);
      i++;
    } else {
      const end = s.indexOf(",", i);
      const field = end < 0 ? s.slice(i) : s.slice(i, end);
      if (field.includes('"')) return undefined;
      out.push(field);
      if (end < 0) break;
      i = end + 1;
    }
  }
  return out;
}

function invalid(value: string, flag: FlagSpec, reason: string): UsageError {
  return new UsageError(`invalid argument "${value}" for "${flagLabel(flag)}" flag: ${reason}`);
}

/** How pflag names a flag in errors: `-n, --namespace` or `--kubeconfig`. */
export function flagLabel(flag: FlagSpec): string {
  return flag.short ? `-${flag.short}, --${flag.name}` : `--${flag.name}`;
}

/** Converts one raw value to the flag's type, accumulating list kinds onto `previous`. */
export function convertFlagValue(flag: FlagSpec, value: string, previous: unknown): unknown {
  const kind: FlagKind = flag.kind;
  switch (kind) {
    case "bool": {
      const b = parseBool(value);
      if (b === undefined) {
        throw invalid(value, flag, `strconv.ParseBool: parsing "${value}": invalid syntax`);
      }
      return b;
    }
    case "int": {
      // pflag's uint flags parse with strconv.ParseUint, which takes no sign.
      const fn = flag.typeName === "uint" ? "ParseUint" : "ParseInt";
      const n = fn === "ParseUint" && /^[+-]/.test(value) ? undefined : parseIntBase0(value);
      if (n === undefined) throw invalid(value, flag, `strconv.${fn}: parsing "${value}": invalid syntax`);
      return n;
    }
    case "float32": {
      const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)
        ? Math.fround(Number(value))
        : undefined;
      if (n === undefined) {
        throw invalid(value, flag, `strconv.ParseFloat: parsing "${value}": invalid syntax`);
      }
      return n;
    }
    case "duration": {
      const ms = parseGoDuration(value);
      if (ms === undefined) throw invalid(value, flag, `time: invalid duration "${value}"`);
      return ms;
    }
    case "stringArray":
      return [...(Array.isArray(previous) ? previous : []), value];
    case "stringSlice": {
      const items = readCSV(value);
      if (items === undefined) {
        throw invalid(value, flag, `parse error on line 1: bare " in non-quoted-field`);
      }
      return [...(Array.isArray(previous) ? previous : []), ...items];
    }
    case "stringToString": {
      // pflag: CSV of key=value pairs, merged into the map given so far.
      const items = readCSV(value);
      if (items === undefined) {
        throw invalid(value, flag, `parse error on line 1: bare " in non-quoted-field`);
      }
      const out: Record<string, string> = { ...(previous as Record<string, string> | undefined) };
      for (const item of items) {
        const eq = item.indexOf("=");
        if (eq < 0) throw invalid(value, flag, `${item} must be formatted as key=value`);
        out[item.slice(0, eq)] = item.slice(eq + 1);
      }
      return out;
    }
    case "string":
      return value;
  }
}

/** The command path as cobra prints it, e.g. `charta completion bash`. */
export function commandPathOf(path: readonly CommandSpec[]): string {
  return path.map(commandName).join(" ");
}
