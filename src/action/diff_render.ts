/**
 * The pure half of `charta diff`: objects cleaned of what the server
 * changes on every write, Secret values masked, and the changes printed in
 * the shapes of the helm-diff plugin (`diff`, `simple`, `json`).
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeObject } from "../kube/client.ts";
import { marshal } from "../goyaml/mod.ts";

/** What happens to one object (helm-diff's `json` output names). */
export type ChangeKind = "ADD" | "MODIFY" | "REMOVE";

/** One object whose state would change. */
export interface ObjectChange {
  /** The API group, or the version for the core group (`apps`, `v1`), as helm-diff names it. */
  api: string;
  kind: string;
  /** `""` for cluster-scoped objects. */
  namespace: string;
  name: string;
  change: ChangeKind;
  /** The object now, as YAML (`""` when it does not exist yet). */
  before: string;
  /** The object after the operation, as YAML (`""` when it would be deleted). */
  after: string;
}

/** The output formats of `charta diff --output`. */
export type DiffFormat = "diff" | "simple" | "json";

/** Options of {@link renderChanges}. */
export interface RenderOptions {
  format: DiffFormat;
  /** Lines of context around changes; negative shows whole objects (helm-diff's default, -1). */
  context: number;
  /** ANSI colours (added green, removed red, headers yellow, hunk headers cyan). */
  color: boolean;
}

/** helm-diff's default `--context`: the whole object. */
export const WHOLE_OBJECT = -1;

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * A copy of `obj` without what differs between two reads of an unchanged
 * object (or between a live object and a dry-run write of it):
 * `metadata.managedFields`, `resourceVersion`, `generation`, `uid`,
 * `creationTimestamp`, kubectl's last-applied annotation, and `status`.
 */
export function stripVolatile(obj: KubeObject): KubeObject {
  const out = structuredClone(obj);
  delete out.status;
  const md = out.metadata;
  if (md) {
    for (
      const k of ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"]
    ) {
      delete md[k];
    }
    if (md.annotations) {
      delete md.annotations[LAST_APPLIED];
      if (Object.keys(md.annotations).length === 0) delete md.annotations;
    }
  }
  return out;
}

/** Whether `obj` is a core `Secret` (the only kind whose values are masked). */
function isSecret(obj: KubeObject | undefined): boolean {
  return obj?.kind === "Secret" && obj.apiVersion === "v1";
}

function byteLength(value: unknown, base64: boolean): number {
  if (typeof value !== "string") return 0;
  if (base64) {
    const clean = value.replace(/\s/g, "");
    const pad = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
    return Math.max(0, Math.floor(clean.length * 3 / 4) - pad);
  }
  return new TextEncoder().encode(value).length;
}

function maskField(
  before: KubeObject | undefined,
  after: KubeObject | undefined,
  field: "data" | "stringData",
): void {
  const b = before?.[field] as Record<string, unknown> | undefined;
  const a = after?.[field] as Record<string, unknown> | undefined;
  const base64 = field === "data";
  const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})]);
  for (const k of keys) {
    const inB = b !== undefined && Object.hasOwn(b, k);
    const inA = a !== undefined && Object.hasOwn(a, k);
    if (inB && inA && b[k] === a[k]) {
      const marker = `REDACTED # (${byteLength(b[k], base64)} bytes)`;
      b[k] = marker;
      a[k] = marker;
      continue;
    }
    if (inB) b[k] = `-------- # (${byteLength(b[k], base64)} bytes)`;
    if (inA) a[k] = `++++++++ # (${byteLength(a[k], base64)} bytes)`;
  }
}

/**
 * Replaces the values of a Secret's `data` and `stringData` in both states
 * (in place) by markers that tell only whether a value changed, and its
 * size: `REDACTED # (N bytes)` for an unchanged value, `-------- # (N
 * bytes)` for the old and `++++++++ # (N bytes)` for the new one (the
 * markers of the helm-diff plugin). Other kinds are left alone.
 */
export function maskSecretValues(before: KubeObject | undefined, after: KubeObject | undefined): void {
  if (!isSecret(before) && !isSecret(after)) return;
  maskField(before, after, "data");
  maskField(before, after, "stringData");
}

/** helm-diff's API name of an object: its group, or the version for the core group. */
export function apiName(apiVersion: string | undefined): string {
  const v = apiVersion ?? "";
  const i = v.lastIndexOf("/");
  return i < 0 ? v : v.slice(0, i);
}

/**
 * The change between two states of one object (either may be missing), or
 * undefined when both print the same: volatile fields stripped, Secret
 * values masked unless `showSecrets`, each state as YAML.
 */
export function compareObjects(
  before: KubeObject | undefined,
  after: KubeObject | undefined,
  showSecrets = false,
): ObjectChange | undefined {
  if (!before && !after) return undefined;
  const b = before ? stripVolatile(before) : undefined;
  const a = after ? stripVolatile(after) : undefined;
  if (!showSecrets) maskSecretValues(b, a);
  const beforeText = b ? marshal(b) : "";
  const afterText = a ? marshal(a) : "";
  if (b && a && beforeText === afterText) return undefined;
  const ref = (a ?? b)!;
  return {
    api: apiName(ref.apiVersion),
    kind: ref.kind ?? "",
    namespace: ref.metadata?.namespace ?? "",
    name: ref.metadata?.name ?? "",
    change: !b ? "ADD" : !a ? "REMOVE" : "MODIFY",
    before: beforeText,
    after: afterText,
  };
}

/** Parses `--output`. */
export function parseDiffFormat(value: string): DiffFormat {
  if (value === "diff" || value === "simple" || value === "json") return value;
  throw new ChartaError(`unknown output format ${JSON.stringify(value)}: must be one of diff, simple, json`);
}

const PAINT = {
  header: "\x1b[33m",
  added: "\x1b[32m",
  removed: "\x1b[31m",
  hunk: "\x1b[36m",
  reset: "\x1b[0m",
} as const;

function paint(color: boolean, what: keyof typeof PAINT, text: string): string {
  return color ? `${PAINT[what]}${text}${PAINT.reset}` : text;
}

/** helm-diff's name of an object in headers: `NAMESPACE, NAME, KIND (API)`. */
export function objectTitle(c: Pick<ObjectChange, "namespace" | "name" | "kind" | "api">): string {
  return `${c.namespace}, ${c.name}, ${c.kind} (${c.api})`;
}

const HEADER_VERB: Record<ChangeKind, string> = {
  ADD: "has been added",
  MODIFY: "has changed",
  REMOVE: "has been removed",
};

const SIMPLE_VERB: Record<ChangeKind, string> = {
  ADD: "to be added",
  MODIFY: "to be changed",
  REMOVE: "to be removed",
};

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The lines of one hunk or object, each prefixed `+ `, `- ` or two spaces and coloured. */
function bodyLines(lines: string[], color: boolean): string {
  let out = "";
  for (const line of lines) {
    const mark = line[0];
    const text = line.slice(1);
    if (mark === "+") out += paint(color, "added", `+ ${text}`) + "\n";
    else if (mark === "-") out += paint(color, "removed", `- ${text}`) + "\n";
    else if (mark === " ") out += `  ${text}\n`;
    // "\ No newline at end of file" cannot happen: every state ends in a newline.
  }
  return out;
}

/** The diff of one changed object (`structuredPatch` of the diff library, loaded by the caller). */
function objectDiff(
  c: ObjectChange,
  options: RenderOptions,
  structuredPatch: StructuredPatch,
): string {
  let out = paint(options.color, "header", `${objectTitle(c)} ${HEADER_VERB[c.change]}:`) + "\n";
  if (c.change === "ADD") return out + bodyLines(splitLines(c.after).map((l) => `+${l}`), options.color);
  if (c.change === "REMOVE") return out + bodyLines(splitLines(c.before).map((l) => `-${l}`), options.color);
  const whole = options.context < 0;
  const patch = structuredPatch("", "", c.before, c.after, "", "", {
    context: whole ? Number.MAX_SAFE_INTEGER : options.context,
  });
  for (const h of patch.hunks) {
    if (!whole) {
      out += paint(
        options.color,
        "hunk",
        `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
      ) + "\n";
    }
    out += bodyLines(h.lines, options.color);
  }
  return out;
}

/** The part of the diff library's `structuredPatch` used here. */
export type StructuredPatch = (
  oldFileName: string,
  newFileName: string,
  oldStr: string,
  newStr: string,
  oldHeader: string,
  newHeader: string,
  options: { context: number },
) => {
  hunks: Array<{ oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }>;
};

/**
 * Prints the changes as `--output` asks:
 *
 * - `diff`: per object a header (`ns, name, Deployment (apps) has
 *   changed:`) then its lines prefixed `+ `, `- ` or blanks: the whole
 *   object, or with a `--context` of N ≥ 0 only the changed lines with N
 *   lines around them in hunks headed `@@ -a,b +c,d @@`; objects separated
 *   by an empty line;
 * - `simple`: one line per object (`ns, name, Deployment (apps) to be
 *   changed.`) and a `Plan: A to add, C to change, D to destroy.` line;
 * - `json`: an array of `{api, kind, namespace, name, change}`.
 *
 * No changes print nothing (`[]` for json).
 */
export async function renderChanges(changes: ObjectChange[], options: RenderOptions): Promise<string> {
  if (options.format === "json") {
    return JSON.stringify(
      changes.map((c) => ({
        api: c.api,
        kind: c.kind,
        namespace: c.namespace,
        name: c.name,
        change: c.change,
      })),
    ) + "\n";
  }
  if (changes.length === 0) return "";
  if (options.format === "simple") {
    let out = "";
    for (const c of changes) out += `${objectTitle(c)} ${SIMPLE_VERB[c.change]}.\n`;
    const count = (k: ChangeKind) => changes.filter((c) => c.change === k).length;
    return out +
      `Plan: ${count("ADD")} to add, ${count("MODIFY")} to change, ${count("REMOVE")} to destroy.\n`;
  }
  const { structuredPatch } = await import("diff");
  return changes.map((c) => objectDiff(c, options, structuredPatch as StructuredPatch)).join("\n");
}
