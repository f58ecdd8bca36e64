/**
 * Help and usage text laid out as cobra and pflag lay out helm's, so that
 * `charta X --help` reads like `helm X --help`.
 *
 * @module
 */
import { commandName, type CommandSpec, type FlagSpec, helpFlag } from "./command_spec.ts";
import { commandPathOf } from "./pflag.ts";

function typeName(flag: FlagSpec): string {
  if (flag.typeName !== undefined) return flag.typeName;
  const backquoted = flag.usage.match(/`([^`]+)`/);
  if (backquoted) return backquoted[1];
  switch (flag.kind) {
    case "bool":
      return "";
    case "stringSlice":
      return "strings";
    default:
      return flag.kind;
  }
}

/** Go's time.Duration.String() for a duration in milliseconds. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out = "";
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  out += `${Number(s.toFixed(9))}s`;
  return (neg ? "-" : "") + out;
}

function defaultText(flag: FlagSpec): string | undefined {
  const d = flag.default;
  if (d === undefined) return undefined;
  switch (flag.kind) {
    case "bool":
      return d === true ? "true" : undefined;
    case "string":
      // pflag quotes only its own string type; custom Values (typeName) print bare.
      if (d === "") return undefined;
      return flag.typeName !== undefined ? String(d) : JSON.stringify(d);
    case "int":
    case "float32":
      return d === 0 ? undefined : String(d);
    case "duration":
      return d === 0 ? undefined : formatGoDuration(d as number);
    case "stringArray":
    case "stringSlice":
      // pflag hides only zero texts; a custom slice Value (typeName) prints its empty `[]`.
      return (d as readonly string[]).length === 0 && flag.typeName === undefined
        ? undefined
        : `[${(d as readonly string[]).join(",")}]`;
    case "stringToString":
      // pflag prints this type's default even when empty.
      return `[${Object.entries(d as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(",")}]`;
  }
}

/** pflag's FlagUsages: sorted, aligned, with types and defaults. */
export function flagUsages(flags: readonly FlagSpec[]): string {
  const visible = flags.filter((f) => !f.hidden).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  const lines = visible.map((f) => {
    let head = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    const t = typeName(f);
    if (t) head += ` ${t}`;
    if (f.noOptDefVal !== undefined) {
      if (f.kind === "string" && !f.typeName) head += `[="${f.noOptDefVal}"]`;
      else if (!(f.kind === "bool" && f.noOptDefVal === "true")) head += `[=${f.noOptDefVal}]`;
    }
    let usage = f.usage.replace(/`([^`]+)`/, "$1");
    const def = defaultText(f);
    if (def !== undefined) usage += ` (default ${def})`;
    return { head, usage };
  });
  const max = Math.max(0, ...lines.map((l) => l.head.length));
  return lines
    .map(({ head, usage }) =>
      // pflag counts a separator byte in the column width, hence the extra space.
      `${head} ${" ".repeat(max + 1 - head.length)} ${usage.replaceAll("\n", "\n" + " ".repeat(max + 3))}`
    )
    .join("\n");
}

/** The usage line: the command path plus `[flags]` when the command has flags. */
export function useLine(path: readonly CommandSpec[]): string {
  const spec = path[path.length - 1];
  const parent = commandPathOf(path.slice(0, -1));
  const use = parent ? `${parent} ${spec.use}` : spec.use;
  return use.includes("[flags]") ? use : `${use} [flags]`;
}

function visibleSubcommands(spec: CommandSpec): CommandSpec[] {
  return [...(spec.subcommands ?? [])]
    .filter((c) => !c.hidden)
    .sort((a, b) => commandName(a).localeCompare(commandName(b)));
}

/** cobra's usage text for the command at the end of `path`. */
export function usageText(path: readonly CommandSpec[]): string {
  const spec = path[path.length - 1];
  const isRoot = path.length === 1;
  const cmdPath = commandPathOf(path);
  const subs = visibleSubcommands(spec);
  const parts: string[] = ["Usage:"];
  if (spec.run) parts.push(`\n  ${useLine(path)}`);
  if (subs.length) parts.push(`\n  ${cmdPath} [command]`);
  if (spec.aliases?.length) parts.push(`\n\nAliases:\n  ${[commandName(spec), ...spec.aliases].join(", ")}`);
  if (spec.example) parts.push(`\n\nExamples:\n${spec.example}`);
  if (subs.length) {
    const pad = Math.max(11, ...subs.map((c) => commandName(c).length));
    parts.push("\n\nAvailable Commands:");
    for (const c of subs) parts.push(`\n  ${commandName(c).padEnd(pad)} ${c.short}`);
  }
  const local = [...(spec.flags ?? []), helpFlag(spec)];
  parts.push(`\n\nFlags:\n${flagUsages(local)}`);
  if (!isRoot && path[0].flags?.length) parts.push(`\n\nGlobal Flags:\n${flagUsages(path[0].flags)}`);
  if (subs.length) parts.push(`\n\nUse "${cmdPath} [command] --help" for more information about a command.`);
  return parts.join("") + "\n";
}

/** cobra's help text: the long description (or the short one), then the usage. */
export function helpText(path: readonly CommandSpec[]): string {
  const spec = path[path.length - 1];
  const about = (spec.long ?? spec.short).replace(/\s+$/, "");
  return `${about}\n\n${usageText(path)}`;
}
