/**
 * Helm 4's manifest handling after rendering (pkg/release/v1/util:
 * manifest.go, manifest_sorter.go, kind_sorter.go):
 *
 * - {@link splitManifests} cuts a stream at every line starting with `---`;
 * - {@link sortManifests} reads each document's head (kind, apiVersion,
 *   name, annotations) with Go-exact YAML, turns documents annotated
 *   `helm.sh/hook` into hooks and orders hooks and ordinary manifests by
 *   kind ({@link InstallOrder}, unknown kinds last, alphabetically).
 *
 * @module
 */

import { GoYamlError } from "../goyaml/mod.ts";
import { GoInt } from "../gotpl/value.ts";
import { jsonableToTarget, yamlToJsonable } from "../goyaml/parse.ts";
import { scanBlockYaml } from "../goyaml/block_scan.ts";
import type { GoType } from "../gojson/types.ts";
import { compareBytewise } from "../gojson/utf8.ts";
import type { LogFn } from "../log/slog.ts";
import { isGoSpace } from "../gotpl/utf8.ts";
import type { Hook, HookEvent } from "./types.ts";

/** What Helm reads of a document (`SimpleHead`). */
export interface SimpleHead {
  /** `apiVersion` (Go's `Version`); empty when absent. */
  apiVersion: string;
  /** Empty when absent. */
  kind: string;
  /** Absent when the document has no (or a null) `metadata`. */
  metadata?: {
    name: string;
    /** Absent when there are none (or null). */
    annotations?: Record<string, string>;
  };
}

/** One document of a rendered template, not a hook. */
export interface Manifest {
  /** The template it came from (`chart/templates/x.yaml`). */
  name: string;
  /** The document's text, leading whitespace removed. */
  content: string;
  head: SimpleHead;
}

/** An ordering of kinds (Helm's `KindSortOrder`). */
export type KindSortOrder = readonly string[];

/** The order Helm installs kinds in. */
export const InstallOrder: KindSortOrder = Object.freeze([
  "PriorityClass",
  "Namespace",
  "NetworkPolicy",
  "ResourceQuota",
  "LimitRange",
  "PodSecurityPolicy",
  "PodDisruptionBudget",
  "ServiceAccount",
  "Secret",
  "SecretList",
  "ConfigMap",
  "StorageClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleList",
  "ClusterRoleBinding",
  "ClusterRoleBindingList",
  "Role",
  "RoleList",
  "RoleBinding",
  "RoleBindingList",
  "Service",
  "DaemonSet",
  "Pod",
  "ReplicationController",
  "ReplicaSet",
  "Deployment",
  "HorizontalPodAutoscaler",
  "StatefulSet",
  "Job",
  "CronJob",
  "IngressClass",
  "Ingress",
  "APIService",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
]);

/** The order Helm uninstalls kinds in (webhooks first, validating before mutating). */
export const UninstallOrder: KindSortOrder = Object.freeze([
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "APIService",
  "Ingress",
  "IngressClass",
  "Service",
  "CronJob",
  "Job",
  "StatefulSet",
  "HorizontalPodAutoscaler",
  "Deployment",
  "ReplicaSet",
  "ReplicationController",
  "Pod",
  "DaemonSet",
  "RoleBindingList",
  "RoleBinding",
  "RoleList",
  "Role",
  "ClusterRoleBindingList",
  "ClusterRoleBinding",
  "ClusterRoleList",
  "ClusterRole",
  "CustomResourceDefinition",
  "PersistentVolumeClaim",
  "PersistentVolume",
  "StorageClass",
  "ConfigMap",
  "SecretList",
  "Secret",
  "ServiceAccount",
  "PodDisruptionBudget",
  "PodSecurityPolicy",
  "LimitRange",
  "ResourceQuota",
  "NetworkPolicy",
  "Namespace",
  "PriorityClass",
]);

/** The annotation naming a document's hook events. */
export const HOOK_ANNOTATION = "helm.sh/hook";
/** The annotation with a hook's weight. */
export const HOOK_WEIGHT_ANNOTATION = "helm.sh/hook-weight";
/** The annotation with a hook's delete policies. */
export const HOOK_DELETE_ANNOTATION = "helm.sh/hook-delete-policy";
/** The annotation with a hook's output-log policies. */
export const HOOK_OUTPUT_LOG_ANNOTATION = "helm.sh/hook-output-log-policy";

const EVENTS: ReadonlyMap<string, HookEvent> = new Map<string, HookEvent>([
  ["pre-install", "pre-install"],
  ["post-install", "post-install"],
  ["pre-delete", "pre-delete"],
  ["post-delete", "post-delete"],
  ["pre-upgrade", "pre-upgrade"],
  ["post-upgrade", "post-upgrade"],
  ["pre-rollback", "pre-rollback"],
  ["post-rollback", "post-rollback"],
  ["test", "test"],
  // Helm 2's name for test hooks.
  ["test-success", "test"],
]);

/** Go's `strings.TrimLeftFunc(s, unicode.IsSpace)`. */
export function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    if (!isGoSpace(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return s.slice(i);
}

/** Go's `strings.TrimRightFunc(s, unicode.IsSpace)`. */
export function trimRightSpace(s: string): string {
  let j = s.length;
  while (j > 0) {
    const c = s.charCodeAt(j - 1);
    // Every space is in the BMP: a trailing low surrogate is never one.
    if (!isGoSpace(c)) break;
    j--;
  }
  return s.slice(0, j);
}

/** Go's `strings.TrimSpace`. */
export function trimSpace(s: string): string {
  return trimRightSpace(trimLeftSpace(s));
}

/**
 * Go's `regexp.Split(s, -1)` with Helm's separator `(?m)^---[ \t]*`: a
 * `---` at the start of the text or right after a `\n`, with the spaces and
 * tabs after it.
 */
function splitOnSeparators(s: string): string[] {
  const pieces: string[] = [];
  let beg = 0;
  let pos = 0;
  while (pos <= s.length - 3) {
    const atLineStart = pos === 0 || s.charCodeAt(pos - 1) === 0x0a;
    if (atLineStart && s.startsWith("---", pos)) {
      let end = pos + 3;
      while (end < s.length && (s[end] === " " || s[end] === "\t")) end++;
      pieces.push(s.slice(beg, pos));
      beg = end;
      pos = end;
      continue;
    }
    const nl = s.indexOf("\n", pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
  pieces.push(s.slice(beg));
  return pieces;
}

/**
 * Helm's `SplitManifests`: the documents of a stream, keyed `manifest-0`,
 * `manifest-1`, … in order (the map's order), each with its leading
 * whitespace removed; blank documents are dropped.
 *
 * The separator is any line starting with `---` (what follows on the line,
 * after spaces and tabs, starts the next document: `---apiVersion: v1`
 * splits too).
 */
export function splitManifests(bigFile: string): Map<string, string> {
  const res = new Map<string, string>();
  let count = 0;
  for (const d of splitOnSeparators(trimLeftSpace(bigFile))) {
    if (trimSpace(d) === "") continue;
    res.set(`manifest-${count}`, trimLeftSpace(d));
    count++;
  }
  return res;
}

/** Go's `strconv.ParseInt(s, 10, 0)` value, 0 on error (as `BySplitManifestsOrder` uses it). */
function parseIntOrZero(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0n;
  const v = BigInt(s);
  return v > 0x7fffffffffffffffn || v < -0x8000000000000000n ? 0n : v;
}

/** Helm's `BySplitManifestsOrder`: compares `manifest-N` keys by N. */
export function compareSplitManifestKeys(a: string, b: string): number {
  const x = parseIntOrZero(a.slice("manifest-".length));
  const y = parseIntOrZero(b.slice("manifest-".length));
  return x < y ? -1 : x > y ? 1 : 0;
}

const STRING: GoType = { kind: "string" };

/** `SimpleHead` as a Go decoding target (its type names appear in errors). */
const SIMPLE_HEAD: GoType = {
  kind: "struct",
  name: "util.SimpleHead",
  fields: [
    { json: "apiVersion", type: STRING },
    { json: "kind", type: STRING },
    {
      json: "metadata",
      type: {
        kind: "ptr",
        elem: {
          kind: "struct",
          name:
            'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }',
          fields: [
            { json: "name", type: STRING },
            { json: "annotations", type: { kind: "map", elem: STRING } },
          ],
        },
      },
    },
  ],
};

/**
 * Reads a document's head as Helm does (`yaml.Unmarshal` into
 * `SimpleHead`: keys match case-insensitively, numbers and booleans become
 * strings in string fields). `exactOnly` skips the fast path (for tests).
 *
 * @throws {GoYamlError} with Go's message.
 */
export function parseHead(doc: string, opts: { exactOnly?: boolean } = {}): SimpleHead {
  // Most manifests are block YAML that the block scanner decodes in a fraction of the full
  // decoder's time; it gives up (undefined) on anything else, errors included.
  const scanned = opts.exactOnly ? undefined : scanBlockYaml(doc);
  let raw: Record<string, unknown> | null | undefined = scanned && plainHead(scanned);
  if (!raw) {
    const jsonable = yamlToJsonable(doc, { target: SIMPLE_HEAD });
    raw = (opts.exactOnly ? undefined : plainHead(jsonable)) ??
      jsonableToTarget(jsonable, { target: SIMPLE_HEAD }) as Record<string, unknown> | null;
  }
  const head: SimpleHead = { apiVersion: "", kind: "" };
  if (raw === null || typeof raw !== "object") return head;
  if (typeof raw.apiVersion === "string") head.apiVersion = raw.apiVersion;
  if (typeof raw.kind === "string") head.kind = raw.kind;
  const md = raw.metadata as Record<string, unknown> | null | undefined;
  if (md !== null && md !== undefined && typeof md === "object") {
    head.metadata = { name: typeof md.name === "string" ? md.name : "" };
    const ann = md.annotations;
    if (ann !== null && ann !== undefined && typeof ann === "object") {
      head.metadata.annotations = ann as Record<string, string>;
    }
  }
  return head;
}

/**
 * The common case of {@link parseHead} without encoding/json's round trip
 * (a third of the time of sorting a big chart's manifests): the value
 * decodes to itself when the head fields have the right types under their
 * exact names and everything else is plain JSON. Anything else (a type
 * error, a key that only case-folds to a field name, text that is not
 * UTF-8, a NaN) returns undefined and takes the exact path.
 */
function plainHead(v: unknown): Record<string, unknown> | undefined {
  if (v === null) return {};
  if (!isObject(v)) return undefined;
  for (const [key, value] of Object.entries(v)) {
    if (key === "apiVersion" || key === "kind") {
      if (value !== null && !isText(value)) return undefined;
    } else if (key === "metadata") {
      if (value !== null && !plainMetadata(value)) return undefined;
    } else if (foldsToField(key, HEAD_FIELDS) || !plainJson(value)) {
      return undefined;
    }
  }
  return v;
}

const HEAD_FIELDS = ["apiversion", "kind", "metadata"];
const METADATA_FIELDS = ["name", "annotations"];

function plainMetadata(v: unknown): boolean {
  if (!isObject(v)) return false;
  for (const [key, value] of Object.entries(v)) {
    if (key === "name") {
      if (value !== null && !isText(value)) return false;
    } else if (key === "annotations") {
      if (value === null) continue;
      if (!isObject(value) || !Object.entries(value).every(([k, x]) => isText(k) && isText(x))) return false;
    } else if (foldsToField(key, METADATA_FIELDS) || !plainJson(value)) {
      return false;
    }
  }
  return true;
}

/** Whether Go's case-insensitive field matching could take `key` for one of `fields` (lower-case names). */
function foldsToField(key: string, fields: readonly string[]): boolean {
  return !/^[\x20-\x7e]*$/.test(key) || fields.includes(key.toLowerCase());
}

/** A plain object (not an array, nor a GoInt or other boxed value). */
function isObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isText(v: unknown): v is string {
  return typeof v === "string" && v.isWellFormed();
}

/**
 * Whether a value under a key SimpleHead ignores survives json.Marshal: only a NaN or an infinity
 * fails it (text that is not UTF-8 is replaced, and the decoder skips the value anyway).
 */
function plainJson(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (v === null || typeof v !== "object" || v instanceof GoInt) return true;
  if (Array.isArray(v)) return v.every(plainJson);
  return Object.values(v).every(plainJson);
}

/** A document that is not valid YAML (or whose head has the wrong types). */
export class ManifestParseError extends Error {
  /** The hooks found before the error, unsorted (Helm returns them). */
  hooks: Hook[];
  /** The manifests found before the error, unsorted. */
  manifests: Manifest[];
  constructor(message: string, hooks: Hook[], manifests: Manifest[], options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ManifestParseError";
    this.hooks = hooks;
    this.manifests = manifests;
  }
}

/** Go's `strconv.Atoi`, 0 on error (Helm's hook weight). */
function atoiOrZero(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const v = BigInt(s);
  if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return 0;
  return Number(v);
}

function splitAnnotation(value: string): string[] {
  return value.split(",").map((p) => trimSpace(p).toLowerCase());
}

function kindIndex(ordering: KindSortOrder): Map<string, number> {
  const m = new Map<string, number>();
  ordering.forEach((k, i) => m.set(k, i));
  return m;
}

/** Helm's `lessByKind`: known kinds in `ordering`'s order, then unknown kinds by name. */
function lessByKind(a: string, b: string, idx: Map<string, number>): boolean {
  const first = idx.get(a);
  const second = idx.get(b);
  if (first === undefined && second === undefined) return a !== b && compareBytewise(a, b) < 0;
  if (first === undefined) return false;
  if (second === undefined) return true;
  return first < second;
}

function stableSortByKind<T>(items: T[], kindOf: (t: T) => string, ordering: KindSortOrder): T[] {
  const idx = kindIndex(ordering);
  return items.sort((x, y) => {
    const a = kindOf(x), b = kindOf(y);
    return lessByKind(a, b, idx) ? -1 : lessByKind(b, a, idx) ? 1 : 0;
  });
}

/** Helm's `sortManifestsByKind`: stable, in place. */
export function sortManifestsByKind(manifests: Manifest[], ordering: KindSortOrder): Manifest[] {
  return stableSortByKind(manifests, (m) => m.head.kind, ordering);
}

/** Helm's `sortHooksByKind`: stable, in place. */
export function sortHooksByKind(hooks: Hook[], ordering: KindSortOrder): Hook[] {
  return stableSortByKind(hooks, (h) => h.kind, ordering);
}

/** Options of {@link sortManifests}. */
export interface SortOptions {
  /** Receives Helm's `skipping unknown hooks` (INFO). */
  log?: LogFn;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

/**
 * Helm's `SortManifests`: splits each rendered file (in byte order of
 * names; partials and blank files skipped) into documents, makes hooks of
 * the documents annotated `helm.sh/hook` and sorts both by kind.
 *
 * A hook whose annotation names an unknown event is dropped altogether
 * (logged at INFO as Helm does). Events, delete and output-log policies
 * are split on commas, trimmed and lower-cased; the weight is
 * `helm.sh/hook-weight` as an integer (0 when it is not one).
 *
 * @param _apiVersions unused, as in Helm.
 * @throws {ManifestParseError} `YAML parse error on NAME: …`, with the
 * hooks and manifests found before it.
 */
export function sortManifests(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  _apiVersions: readonly string[] | null | undefined,
  ordering: KindSortOrder,
  options: SortOptions = {},
): { hooks: Hook[]; manifests: Manifest[] } {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  entries.sort((a, b) => compareBytewise(a[0], b[0]));
  const hooks: Hook[] = [];
  const generic: Manifest[] = [];
  for (const [filePath, content] of entries) {
    if (baseName(filePath).startsWith("_")) continue;
    if (trimSpace(content) === "") continue;
    const docs = [...splitManifests(content)].sort((a, b) => compareSplitManifestKeys(a[0], b[0]));
    for (const [, m] of docs) {
      let head: SimpleHead;
      try {
        head = parseHead(m);
      } catch (e) {
        if (!(e instanceof GoYamlError)) throw e;
        throw new ManifestParseError(`YAML parse error on ${filePath}: ${e.message}`, hooks, generic, {
          cause: e,
        });
      }
      const ann = head.metadata?.annotations;
      if (ann === undefined || Object.keys(ann).length === 0 || !Object.hasOwn(ann, HOOK_ANNOTATION)) {
        generic.push({ name: filePath, content: m, head });
        continue;
      }
      const hookTypes = ann[HOOK_ANNOTATION];
      const events: HookEvent[] = [];
      let unknown = false;
      for (const t of splitAnnotation(hookTypes)) {
        const e = EVENTS.get(t);
        if (e === undefined) {
          unknown = true;
          break;
        }
        events.push(e);
      }
      if (unknown) {
        options.log?.("INFO", "skipping unknown hooks", [["hookTypes", hookTypes]]);
        continue;
      }
      const hook: Hook = {
        name: head.metadata!.name,
        kind: head.kind,
        path: filePath,
        manifest: m,
        events,
        last_run: { phase: "" },
        weight: atoiOrZero(Object.hasOwn(ann, HOOK_WEIGHT_ANNOTATION) ? ann[HOOK_WEIGHT_ANNOTATION] : ""),
        delete_policies: [],
        output_log_policies: [],
      };
      if (Object.hasOwn(ann, HOOK_DELETE_ANNOTATION)) {
        hook.delete_policies = splitAnnotation(ann[HOOK_DELETE_ANNOTATION]) as Hook["delete_policies"];
      }
      if (Object.hasOwn(ann, HOOK_OUTPUT_LOG_ANNOTATION)) {
        hook.output_log_policies = splitAnnotation(
          ann[HOOK_OUTPUT_LOG_ANNOTATION],
        ) as Hook["output_log_policies"];
      }
      hooks.push(hook);
    }
  }
  return { hooks: sortHooksByKind(hooks, ordering), manifests: sortManifestsByKind(generic, ordering) };
}
