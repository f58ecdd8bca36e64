/**
 * The release record codec of helm's storage drivers
 * (pkg/storage/driver/util.go): a release is written as
 * `base64(gzip(json.Marshal(release)))` at `gzip.BestCompression`, and read
 * back from that or from plain JSON (a record is gunzipped only when it
 * starts with gzip's magic bytes).
 *
 * The JSON is Go's `encoding/json` of helm 4's `release.Release`, byte for
 * byte: struct fields in declaration order, `omitempty`/`omitzero` as helm
 * declares them, map keys sorted, `<`, `>` and `&` escaped, times as Go's
 * RFC 3339 with nanoseconds, `[]byte` as base64. Decoding is Go's
 * `json.Unmarshal` into those types: unknown fields dropped, keys matched
 * case-insensitively, `""` times read as unset (helm 3 writes them).
 *
 * @module
 */

import { concatBytes } from "../bytes/mod.ts";
import { ChartaError } from "../errors/mod.ts";
import { gzipCompress } from "../chart/gzip_writer.ts";
import { GzipReader } from "../chart/gzip.ts";
import { bytesSource, InputBuffer, isEOF } from "../chart/goio.ts";
import { BEST_COMPRESSION } from "../chart/deflate.ts";
import type { Chart, ChartFile, Dependency, Lock, Maintainer, Metadata } from "../chart/types.ts";
import { GoJsonError, marshal, unmarshal } from "../gojson/mod.ts";
import type { GoType } from "../gojson/types.ts";
import { GO_JSON, GoInt, GoStruct } from "../gotpl/value.ts";
import { parseTime } from "../gotime/layout.ts";
import { GoTime, localLocation, UTC } from "../gotime/mod.ts";
import { base64Decode } from "../sprig/encoding.ts";
import { DEPENDENCY_GOTYPE, METADATA_GOTYPE } from "../chart/metadata.ts";
import type { Hook, HookExecution, Info, Release, StoredChart, StoredFile } from "../release/types.ts";

/** Go's zero `time.Time` as `MarshalJSON` writes it. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

const RFC3339 = "2006-01-02T15:04:05Z07:00";
const RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

/** An error reading a release record (bad base64, gzip or JSON), with Go's message. */
export class RecordDecodeError extends ChartaError {
  /**
   * Makes the error.
   * @param message Go's error text, e.g. `illegal base64 data at input byte 4`
   */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "RecordDecodeError";
  }
}

// ---------------------------------------------------------------- times

/**
 * A time as helm stores it: Go's `time.Time.MarshalJSON` of the instant in
 * the local zone (as `time.Now()` and file modification times are), e.g.
 * `2026-11-23T22:26:37.123456789Z`. A `Date` carries milliseconds only; a
 * {@link GoTime} keeps nanoseconds and its own zone.
 */
export function formatReleaseTime(t: Date | GoTime): string {
  const g = t instanceof GoTime ? t : GoTime.unix(0, BigInt(t.getTime()) * 1_000_000n, localLocation());
  return g.format(RFC3339_NANO);
}

/** The current time as helm stamps releases (`time.Now()`), with nanoseconds. */
export function nowReleaseTime(): string {
  return GoTime.now().format(RFC3339_NANO);
}

/** Parses a stored time (RFC 3339) into a Date (milliseconds); undefined for unset times. */
export function parseReleaseTime(text: string | undefined): Date | undefined {
  if (text === undefined || text === "" || text === ZERO_TIME) return undefined;
  const i = parseTime(RFC3339, text, UTC, localLocation());
  return new Date(i.sec * 1000 + Math.floor(i.nsec / 1e6));
}

function isZeroTime(t: string | undefined): boolean {
  return t === undefined || t === "" || t === ZERO_TIME;
}

const CANONICAL_TIME =
  /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d{0,8}[1-9])?(?:Z|[+-](\d\d):(\d\d))$/;

/**
 * True when Go would write the time back as it is (what helm writes): every
 * field in range, no trailing zeros in the fraction, a non-zero offset
 * written as such. Saves a parse and a format per time when reading records.
 */
function isCanonicalTime(t: string): boolean {
  const m = CANONICAL_TIME.exec(t);
  if (!m) return false;
  const [year, month, day, hour, min, sec] = m.slice(1, 7).map(Number);
  if (year === 1 && month === 1 && day === 1 && hour === 0 && min === 0 && sec === 0) return false;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || min > 59 || sec > 59) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (day > days[month - 1]) return false;
  if (m[7] !== undefined) {
    const [oh, om] = [Number(m[7]), Number(m[8])];
    if ((oh === 0 && om === 0) || oh > 23 || om > 59) return false;
  }
  return true;
}

/** `time.Time.UnmarshalJSON` then `MarshalJSON`: Go's normal form of a stored time. */
function normalizeTime(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new RecordDecodeError("Time.UnmarshalJSON: input is not a JSON string");
  if (isCanonicalTime(v)) return v;
  // Go writes an unset time (a chart's `schemamodtime` in every record) as the zero time.
  if (v === ZERO_TIME) return undefined;
  let out: string;
  try {
    out = GoTime.fromInstant(parseTime(RFC3339, v, UTC, localLocation())).format(RFC3339_NANO);
  } catch (e) {
    throw new RecordDecodeError(e instanceof Error ? e.message : String(e), { cause: e });
  }
  return out === ZERO_TIME ? undefined : out;
}

// ---------------------------------------------------------------- encoding

/** A Go struct for the encoder: fields in declaration order, omitempty already applied. */
class Fields extends GoStruct {
  readonly #fields: Map<string, unknown>;
  constructor(fields: Map<string, unknown>) {
    super();
    this.#fields = fields;
  }
  get goType(): string {
    return "struct";
  }
  [GO_JSON](): Map<string, unknown> {
    return this.#fields;
  }
}

/** Go's `omitempty` test for the JSON-able values used here. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "" || v === false || v === 0) return true;
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.keys(v).length === 0;
  }
  return false;
}

/** Builds a struct from `[name, value, omitempty]` triples. */
function struct(fields: Array<[string, unknown, boolean?]>): Fields {
  const m = new Map<string, unknown>();
  for (const [k, v, omit] of fields) {
    if (omit && isEmpty(v)) continue;
    m.set(k, v === undefined ? null : v);
  }
  return new Fields(m);
}

function goInt(n: number): GoInt {
  return GoInt.of(n, "int");
}

function maintainer(m: Maintainer | null | undefined): Fields | null {
  if (m === null || m === undefined) return null;
  return struct([["name", m.name, true], ["email", m.email, true], ["url", m.url, true]]);
}

function dependency(d: Dependency | null | undefined): Fields | null {
  if (d === null || d === undefined) return null;
  return struct([
    ["name", d.name ?? ""],
    ["version", d.version, true],
    ["repository", d.repository ?? ""],
    ["condition", d.condition, true],
    ["tags", d.tags, true],
    ["enabled", d.enabled, true],
    ["import-values", d["import-values"], true],
    ["alias", d.alias, true],
  ]);
}

function metadata(md: Metadata | null): Fields | null {
  if (md === null) return null;
  return struct([
    ["name", md.name, true],
    ["home", md.home, true],
    ["sources", md.sources, true],
    ["version", md.version, true],
    ["description", md.description, true],
    ["keywords", md.keywords, true],
    ["maintainers", md.maintainers?.map(maintainer), true],
    ["icon", md.icon, true],
    ["apiVersion", md.apiVersion, true],
    ["condition", md.condition, true],
    ["tags", md.tags, true],
    ["appVersion", md.appVersion, true],
    ["deprecated", md.deprecated, true],
    ["annotations", md.annotations, true],
    ["kubeVersion", md.kubeVersion, true],
    ["dependencies", md.dependencies?.map(dependency), true],
    ["type", md.type, true],
  ]);
}

function lock(l: Lock | null): Fields | null {
  if (l === null) return null;
  return struct([
    ["generated", isZeroTime(l.generated) ? ZERO_TIME : l.generated],
    ["digest", l.digest ?? ""],
    ["dependencies", l.dependencies ? l.dependencies.map((d) => dependency(d as Dependency)) : null],
  ]);
}

function file(f: StoredFile | null): Fields | null {
  if (f === null) return null;
  return struct([["name", f.name], ["data", f.data], [
    "modtime",
    isZeroTime(f.modtime) ? undefined : f.modtime,
    true,
  ]]);
}

function chart(c: StoredChart): Fields {
  return struct([
    ["metadata", metadata(c.metadata ?? null)],
    ["lock", lock(c.lock ?? null)],
    ["templates", c.templates ? c.templates.map(file) : null],
    ["values", c.values ?? null],
    ["schema", c.schema ?? null],
    ["schemamodtime", isZeroTime(c.schemamodtime) ? ZERO_TIME : c.schemamodtime],
    ["files", c.files ? c.files.map(file) : null],
    ["modtime", isZeroTime(c.modtime) ? undefined : c.modtime, true],
  ]);
}

function time(t: string | undefined): string | undefined {
  return isZeroTime(t) ? undefined : t;
}

function info(i: Info): Fields {
  return struct([
    ["first_deployed", time(i.first_deployed), true],
    ["last_deployed", time(i.last_deployed), true],
    ["deleted", time(i.deleted), true],
    ["description", i.description, true],
    ["status", i.status, true],
    ["notes", i.notes, true],
    ["resources", i.resources, true],
  ]);
}

function hookExecution(e: HookExecution | undefined): Fields {
  return struct([
    ["started_at", time(e?.started_at), true],
    ["completed_at", time(e?.completed_at), true],
    ["phase", e?.phase ?? ""],
  ]);
}

function hook(h: Hook | null): Fields | null {
  if (h === null) return null;
  return struct([
    ["name", h.name, true],
    ["kind", h.kind, true],
    ["path", h.path, true],
    ["manifest", h.manifest, true],
    ["events", h.events, true],
    ["last_run", hookExecution(h.last_run)],
    ["weight", h.weight === undefined ? undefined : goInt(h.weight), true],
    ["delete_policies", h.delete_policies, true],
    ["output_log_policies", h.output_log_policies, true],
  ]);
}

/**
 * Go's `json.Marshal` of helm 4's `release.Release`: the JSON inside a
 * record. `labels` are not part of it (`json:"-"`).
 *
 * @throws {GoJsonError} for values JSON cannot hold (NaN, cycles)
 */
export function releaseToJson(r: Release): string {
  const v = struct([
    ["name", r.name, true],
    ["info", r.info ? info(r.info) : undefined, true],
    ["chart", r.chart ? chart(r.chart) : undefined, true],
    ["config", r.config, true],
    ["manifest", r.manifest, true],
    ["hooks", r.hooks?.map(hook), true],
    ["version", r.version === undefined ? undefined : goInt(r.version), true],
    ["namespace", r.namespace, true],
    ["apply_method", r.apply_method, true],
  ]);
  return marshal(v);
}

const encoder = new TextEncoder();

/**
 * helm's `encodeRelease`: `base64(gzip(json))` with Go's gzip writer at
 * `gzip.BestCompression` (header: no name, zero time, XFL 2, OS 255). The
 * result is the string stored under the `release` key (a Secret's data
 * holds its bytes, so it is base64 once more on the wire).
 */
export function encodeRelease(r: Release): string {
  const json = encoder.encode(releaseToJson(r));
  return gzipCompress(json, undefined, BEST_COMPRESSION).toBase64();
}

// ---------------------------------------------------------------- decoding

const STR: GoType = { kind: "string" };
const ANY: GoType = { kind: "interface" };
const MAP_ANY: GoType = { kind: "map", elem: ANY };
const STRINGS: GoType = { kind: "slice", elem: STR };

const FILE_GOTYPE: GoType = {
  kind: "ptr",
  elem: {
    kind: "struct",
    name: "common.File",
    fields: [{ json: "name", type: STR }, { json: "data", type: STR }, { json: "modtime", type: ANY }],
  },
};

const LOCK_STRUCT: GoType = {
  kind: "struct",
  name: "v2.Lock",
  fields: [
    { json: "generated", type: ANY },
    { json: "digest", type: STR },
    { json: "dependencies", type: { kind: "slice", elem: DEPENDENCY_GOTYPE } },
  ],
};

const RELEASE_GOTYPE: GoType = {
  kind: "struct",
  name: "v1.Release",
  fields: [
    { json: "name", type: STR },
    // Info decodes itself through a map (Info.UnmarshalJSON), so it is read
    // untyped and checked field by field below.
    { json: "info", type: { kind: "ptr", elem: ANY } },
    {
      json: "chart",
      type: {
        kind: "ptr",
        elem: {
          kind: "struct",
          name: "v2.Chart",
          fields: [
            { json: "metadata", type: { kind: "ptr", elem: ANY } },
            { json: "lock", type: { kind: "ptr", elem: LOCK_STRUCT } },
            { json: "templates", type: { kind: "slice", elem: FILE_GOTYPE } },
            { json: "values", type: MAP_ANY },
            { json: "schema", type: ANY },
            { json: "schemamodtime", type: ANY },
            { json: "files", type: { kind: "slice", elem: FILE_GOTYPE } },
            { json: "modtime", type: ANY },
          ],
        },
      },
    },
    { json: "config", type: MAP_ANY },
    { json: "manifest", type: STR },
    { json: "hooks", type: { kind: "slice", elem: { kind: "ptr", elem: ANY } } },
    { json: "version", type: { kind: "int" } },
    { json: "namespace", type: STR },
    { json: "apply_method", type: STR },
  ],
};

const INFO_FIELDS: GoType = {
  kind: "struct",
  name: "v1.infoJSON",
  fields: [
    { json: "first_deployed", type: ANY },
    { json: "last_deployed", type: ANY },
    { json: "deleted", type: ANY },
    { json: "description", type: STR },
    { json: "status", type: STR },
    { json: "notes", type: STR },
    { json: "resources", type: { kind: "map", elem: { kind: "slice", elem: ANY } } },
  ],
};

const HOOK_FIELDS: GoType = {
  kind: "struct",
  name: "v1.Hook",
  fields: [
    { json: "name", type: STR },
    { json: "kind", type: STR },
    { json: "path", type: STR },
    { json: "manifest", type: STR },
    { json: "events", type: STRINGS },
    { json: "last_run", type: ANY },
    { json: "weight", type: { kind: "int" } },
    { json: "delete_policies", type: STRINGS },
    { json: "output_log_policies", type: STRINGS },
  ],
};

const EXECUTION_FIELDS: GoType = {
  kind: "struct",
  name: "v1.hookExecutionJSON",
  fields: [
    { json: "started_at", type: ANY },
    { json: "completed_at", type: ANY },
    { json: "phase", type: STR },
  ],
};

type Obj = Record<string, unknown>;

function asNumber(v: unknown): number {
  return v instanceof GoInt ? v.toNumber() : typeof v === "number" ? v : 0;
}

/** Re-reads an untyped value into a struct type, as Go does for fields with their own UnmarshalJSON. */
function retype(v: unknown, t: GoType): Obj {
  return unmarshal(marshal(v), { target: t }) as Obj;
}

function bytes(v: unknown): Uint8Array | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") {
    throw new RecordDecodeError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type []uint8`);
  }
  return decodeBase64(v);
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  return typeof v === "boolean" ? "bool" : "number";
}

function toFile(v: unknown): StoredFile | null {
  if (v === null || v === undefined) return null;
  const o = v as Obj;
  const f: StoredFile = {
    name: (o.name as string | undefined) ?? "",
    data: bytes(o.data) ?? new Uint8Array(0),
  };
  const mt = normalizeTime(o.modtime);
  if (mt !== undefined) f.modtime = mt;
  return f;
}

function toMetadata(v: unknown): Metadata | null {
  if (v === null || v === undefined) return null;
  return retype(v, METADATA_GOTYPE) as unknown as Metadata;
}

function toChart(
  v: Obj,
  parts?: Pick<StoredChart, "metadata" | "templates" | "files" | "values">,
): StoredChart {
  const c: StoredChart = {
    metadata: parts ? parts.metadata : toMetadata(v.metadata),
    lock: null,
    templates: parts
      ? parts.templates
      : Array.isArray(v.templates)
      ? v.templates.map(toFile) as StoredFile[]
      : null,
    values: parts ? parts.values : (v.values as Obj | undefined) ?? null,
    schema: bytes(v.schema),
    files: parts ? parts.files : Array.isArray(v.files) ? v.files.map(toFile) as StoredFile[] : null,
  };
  const lk = v.lock as Obj | null | undefined;
  if (lk) {
    c.lock = {
      generated: normalizeTime(lk.generated) ?? ZERO_TIME,
      digest: (lk.digest as string | undefined) ?? "",
      dependencies: (lk.dependencies ?? null) as Lock["dependencies"],
    };
  }
  const smt = normalizeTime(v.schemamodtime);
  if (smt !== undefined) c.schemamodtime = smt;
  const mt = normalizeTime(v.modtime);
  if (mt !== undefined) c.modtime = mt;
  return c;
}

/** Info.UnmarshalJSON: `""` times are unset, the rest goes through infoJSON. */
function toInfo(v: unknown): Info {
  const raw = { ...(v as Obj) };
  const o = retype(raw, INFO_FIELDS);
  const i: Info = { status: ((o.status as string | undefined) ?? "") as Info["status"] };
  for (const k of ["first_deployed", "last_deployed", "deleted"] as const) {
    const t = o[k] === "" ? undefined : normalizeTime(o[k]);
    if (t !== undefined) i[k] = t;
  }
  if (o.description !== undefined) i.description = o.description as string;
  if (o.notes !== undefined) i.notes = o.notes as string;
  if (o.resources !== undefined && o.resources !== null) i.resources = o.resources as Info["resources"];
  return i;
}

function toHook(v: unknown): Hook {
  const o = v === null || v === undefined ? {} : retype(v, HOOK_FIELDS);
  const h: Hook = {
    name: (o.name as string | undefined) ?? "",
    kind: (o.kind as string | undefined) ?? "",
    path: (o.path as string | undefined) ?? "",
    manifest: (o.manifest as string | undefined) ?? "",
    events: ((o.events as string[] | null | undefined) ?? []) as Hook["events"],
    last_run: { phase: "" },
    weight: asNumber(o.weight),
  };
  if (o.last_run !== undefined && o.last_run !== null) {
    const e = retype(o.last_run, EXECUTION_FIELDS);
    h.last_run.phase = ((e.phase as string | undefined) ?? "") as HookExecution["phase"];
    for (const k of ["started_at", "completed_at"] as const) {
      const t = e[k] === "" ? undefined : normalizeTime(e[k]);
      if (t !== undefined) h.last_run[k] = t;
    }
  }
  if (Array.isArray(o.delete_policies)) h.delete_policies = o.delete_policies as Hook["delete_policies"];
  if (Array.isArray(o.output_log_policies)) {
    h.output_log_policies = o.output_log_policies as Hook["output_log_policies"];
  }
  return h;
}

/**
 * Go's `json.Unmarshal` of a record's JSON into helm 4's `release.Release`.
 * Fields absent from the JSON get Go's zero values (`""`, `0`, `null`).
 * A record without `info` (which helm itself cannot handle: it would be a
 * nil pointer) reads as `{status: ""}` and is written back as `"info":{}`.
 *
 * @throws {RecordDecodeError} with Go's message for bad JSON, wrong types,
 * bad base64 or bad times
 */
export function releaseFromJson(text: string | Uint8Array): Release {
  return fastFromJson(text) ?? slowFromJson(text);
}

/**
 * {@link releaseFromJson} through Go's decoder only (no fast path): the
 * reference the fast path is tested against.
 *
 * @internal
 */
export function slowFromJson(text: string | Uint8Array): Release {
  let o: Obj;
  try {
    o = unmarshal(text, { target: RELEASE_GOTYPE }) as Obj;
  } catch (e) {
    if (e instanceof GoJsonError) throw new RecordDecodeError(e.message, { cause: e });
    throw e;
  }
  try {
    const r: Release = {
      name: (o.name as string | undefined) ?? "",
      info: o.info === undefined || o.info === null ? { status: "" } : toInfo(o.info),
      config: (o.config as Obj | undefined) ?? null,
      manifest: (o.manifest as string | undefined) ?? "",
      version: asNumber(o.version),
      namespace: (o.namespace as string | undefined) ?? "",
    };
    if (o.chart !== undefined && o.chart !== null) r.chart = toChart(o.chart as Obj);
    if (Array.isArray(o.hooks)) r.hooks = o.hooks.map(toHook);
    if (typeof o.apply_method === "string" && o.apply_method !== "") {
      r.apply_method = o.apply_method as Release["apply_method"];
    }
    return r;
  } catch (e) {
    if (e instanceof GoJsonError) throw new RecordDecodeError(e.message, { cause: e });
    throw e;
  }
}

// ---------------------------------------------------------------- fast path

/*
 * Records written by helm (and charta) are canonical Go JSON: exact field
 * names, no surrogate escapes, integers where Go wants ints. For those the
 * platform's JSON.parse gives what Go's decoder gives, many times faster
 * (`list` decodes every record). Anything else — a folded or unknown field
 * name, an unexpected type, a number Go would refuse, invalid UTF-8 — makes
 * the fast path give up, and Go's decoder (above) reads the record with
 * Go's exact results and errors.
 */

const UTF8_FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const RISKY = /\\u[dD][89a-fA-F]|"(?:version|weight)"\s*:\s*-?\d+[.eE]/;

class GiveUp extends Error {}

function giveUp(): never {
  throw new GiveUp();
}

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function keysWithin(o: Obj, allowed: ReadonlySet<string>): void {
  for (const k of Object.keys(o)) if (!allowed.has(k)) giveUp();
}

function str(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : giveUp();
}

function int(v: unknown): number {
  if (v === undefined || v === null) return 0;
  return typeof v === "number" && Number.isSafeInteger(v) ? v : giveUp();
}

function strings(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) giveUp();
  return v;
}

/** A values map: JSON.parse turns numbers Go refuses (overflow) into ±Infinity. */
function valuesMap(v: unknown): Obj | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) giveUp();
  const check = (x: unknown): void => {
    if (typeof x === "number") {
      if (!Number.isFinite(x)) giveUp();
    } else if (Array.isArray(x)) x.forEach(check);
    else if (typeof x === "object" && x !== null) { for (const k in x) check((x as Obj)[k]); }
  };
  check(v);
  return v;
}

function fastTime(v: unknown): string | undefined {
  if (v === "") return undefined;
  return normalizeTime(v);
}

const RELEASE_KEYS = new Set(
  RELEASE_GOTYPE.kind === "struct" ? RELEASE_GOTYPE.fields.map((f) => f.json) : [],
);
const INFO_KEYS = new Set(INFO_FIELDS.kind === "struct" ? INFO_FIELDS.fields.map((f) => f.json) : []);
const HOOK_KEYS = new Set(HOOK_FIELDS.kind === "struct" ? HOOK_FIELDS.fields.map((f) => f.json) : []);
const EXECUTION_KEYS = new Set(["started_at", "completed_at", "phase"]);
const CHART_KEYS = new Set([
  "metadata",
  "lock",
  "templates",
  "values",
  "schema",
  "schemamodtime",
  "files",
  "modtime",
]);
const FILE_KEYS = new Set(["name", "data", "modtime"]);

function fastFile(v: unknown): StoredFile | null {
  if (v === null) return null;
  if (!isObj(v)) giveUp();
  keysWithin(v, FILE_KEYS);
  const f: StoredFile = {
    name: str(v.name),
    data: v.data === null || v.data === undefined ? new Uint8Array(0) : bytes(v.data)!,
  };
  const mt = fastTime(v.modtime);
  if (mt !== undefined) f.modtime = mt;
  return f;
}

function fastFiles(v: unknown): StoredFile[] | null {
  if (v === undefined || v === null) return null;
  return Array.isArray(v) ? v.map(fastFile) as StoredFile[] : giveUp();
}

const META_STRINGS = new Set([
  "name",
  "home",
  "version",
  "description",
  "icon",
  "apiVersion",
  "condition",
  "tags",
  "appVersion",
  "kubeVersion",
  "type",
]);
const DEP_STRINGS = new Set(["name", "version", "repository", "condition", "alias"]);
const MAINTAINER_KEYS = new Set(["name", "email", "url"]);

function stringsOnly(o: unknown, allowed: ReadonlySet<string>): void {
  if (!isObj(o)) giveUp();
  for (const k of Object.keys(o)) if (!allowed.has(k) || typeof o[k] !== "string") giveUp();
}

/** Chart.yaml as Go decodes it into `chart.Metadata`, for exact field names and types only. */
function fastMetadata(v: unknown): Metadata | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) giveUp();
  for (const [k, x] of Object.entries(v)) {
    if (META_STRINGS.has(k)) {
      if (typeof x !== "string") giveUp();
    } else if (k === "sources" || k === "keywords") {
      if (!Array.isArray(x) || !x.every((e) => typeof e === "string")) giveUp();
    } else if (k === "deprecated") {
      if (typeof x !== "boolean") giveUp();
    } else if (k === "annotations") {
      if (!isObj(x) || !Object.values(x).every((e) => typeof e === "string")) giveUp();
    } else if (k === "maintainers") {
      if (!Array.isArray(x)) giveUp();
      x.forEach((m) => stringsOnly(m, MAINTAINER_KEYS));
    } else if (k === "dependencies") {
      if (!Array.isArray(x)) giveUp();
      for (const d of x) {
        if (!isObj(d)) giveUp();
        for (const [dk, dx] of Object.entries(d)) {
          if (DEP_STRINGS.has(dk)) {
            if (typeof dx !== "string") giveUp();
          } else if (dk === "tags") {
            if (!Array.isArray(dx) || !dx.every((e) => typeof e === "string")) giveUp();
          } else if (dk === "enabled") {
            if (typeof dx !== "boolean") giveUp();
          } else if (dk === "import-values") {
            if (!Array.isArray(dx)) giveUp();
            valuesMap({ dx });
          } else giveUp();
        }
      }
    } else giveUp();
  }
  return v as unknown as Metadata;
}

function fastChart(v: Obj): StoredChart {
  keysWithin(v, CHART_KEYS);
  if (v.lock !== undefined && v.lock !== null && !isObj(v.lock)) giveUp();
  // Metadata and lock are small: Go's decoder reads them exactly.
  return toChart({
    metadata: null,
    lock: v.lock ? retype(v.lock, LOCK_STRUCT) : v.lock,
    values: null,
    schema: v.schema,
    schemamodtime: v.schemamodtime,
    modtime: v.modtime,
  }, {
    metadata: fastMetadata(v.metadata),
    templates: fastFiles(v.templates),
    files: fastFiles(v.files),
    values: valuesMap(v.values),
  });
}

function fastInfo(v: unknown): Info {
  if (v === undefined || v === null) return { status: "" };
  if (!isObj(v)) giveUp();
  keysWithin(v, INFO_KEYS);
  if (v.resources !== undefined && v.resources !== null) giveUp();
  const i: Info = { status: str(v.status) as Info["status"] };
  for (const k of ["first_deployed", "last_deployed", "deleted"] as const) {
    const t = fastTime(v[k]);
    if (t !== undefined) i[k] = t;
  }
  if (v.description !== undefined && v.description !== null) i.description = str(v.description);
  if (v.notes !== undefined && v.notes !== null) i.notes = str(v.notes);
  return i;
}

function fastHook(v: unknown): Hook {
  if (!isObj(v)) giveUp();
  keysWithin(v, HOOK_KEYS);
  const h: Hook = {
    name: str(v.name),
    kind: str(v.kind),
    path: str(v.path),
    manifest: str(v.manifest),
    events: (strings(v.events) ?? []) as Hook["events"],
    last_run: { phase: "" },
    weight: int(v.weight),
  };
  if (v.last_run !== undefined && v.last_run !== null) {
    if (!isObj(v.last_run)) giveUp();
    keysWithin(v.last_run, EXECUTION_KEYS);
    h.last_run.phase = str(v.last_run.phase) as HookExecution["phase"];
    for (const k of ["started_at", "completed_at"] as const) {
      const t = fastTime(v.last_run[k]);
      if (t !== undefined) h.last_run[k] = t;
    }
  }
  const dp = strings(v.delete_policies);
  if (dp) h.delete_policies = dp as Hook["delete_policies"];
  const op = strings(v.output_log_policies);
  if (op) h.output_log_policies = op as Hook["output_log_policies"];
  return h;
}

function fastFromJson(input: string | Uint8Array): Release | undefined {
  try {
    const text = typeof input === "string" ? input : UTF8_FATAL.decode(input);
    if (RISKY.test(text)) return undefined;
    const o: unknown = JSON.parse(text);
    if (!isObj(o)) return undefined;
    keysWithin(o, RELEASE_KEYS);
    const r: Release = {
      name: str(o.name),
      info: fastInfo(o.info),
      config: valuesMap(o.config),
      manifest: str(o.manifest),
      version: int(o.version),
      namespace: str(o.namespace),
    };
    if (o.chart !== undefined && o.chart !== null) r.chart = isObj(o.chart) ? fastChart(o.chart) : giveUp();
    if (o.hooks !== undefined && o.hooks !== null) {
      if (!Array.isArray(o.hooks) || o.hooks.some((h) => h === null)) giveUp();
      r.hooks = o.hooks.map(fastHook);
    }
    const am = str(o.apply_method);
    if (am !== "") r.apply_method = am as Release["apply_method"];
    return r;
  } catch {
    // Go's decoder decides, with its own errors.
    return undefined;
  }
}

const CANONICAL_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * `base64.StdEncoding.DecodeString`: the fast built-in decoder for canonical
 * input, Go's own rules (newlines skipped, its error offsets) otherwise.
 */
export function decodeBase64(s: string): Uint8Array {
  // The built-in decoder skips any whitespace (Go only newlines): an output of exactly the length the
  // input implies proves there was none, which is cheaper to see than a regular expression over
  // every character (a quarter of `list -A`'s decoding time).
  if (s.length % 4 === 0) {
    try {
      const out = Uint8Array.fromBase64(s, { lastChunkHandling: "strict" });
      const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
      if (out.length === (s.length / 4) * 3 - pad) return out;
    } catch {
      // not canonical: Go's rules below
    }
  }
  if (CANONICAL_B64.test(s)) return Uint8Array.fromBase64(s);
  try {
    return base64Decode(encoder.encode(s));
  } catch (e) {
    throw new RecordDecodeError(e instanceof Error ? e.message : String(e), { cause: e });
  }
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

async function gunzip(b: Uint8Array): Promise<Uint8Array> {
  // The platform's inflater is much faster; Go's reader (charta's port)
  // gives Go's error texts when the data is bad.
  try {
    // Written and read directly: a Blob stream piped into a Response costs twice as much per record,
    // which `list` pays for every release it shows.
    const ds = new DecompressionStream("gzip");
    const writer = ds.writable.getWriter();
    writer.write(b as Uint8Array<ArrayBuffer>).catch(() => {});
    writer.close().catch(() => {});
    const reader = ds.readable.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    return chunks.length === 1 ? chunks[0] : concatBytes(chunks);
  } catch {
    return await gunzipGo(b);
  }
}

async function gunzipGo(b: Uint8Array): Promise<Uint8Array> {
  try {
    const z = await GzipReader.open(new InputBuffer(bytesSource(b)));
    const chunks: Uint8Array[] = [];
    for (;;) {
      const buf = new Uint8Array(32 * 1024);
      const [n, err] = await z.read(buf);
      if (n > 0) chunks.push(buf.subarray(0, n));
      if (err) {
        if (isEOF(err)) break;
        throw err;
      }
    }
    return concatBytes(chunks);
  } catch (e) {
    throw new RecordDecodeError(e instanceof Error ? e.message : String(e), { cause: e });
  }
}

/**
 * helm's `decodeRelease`: base64-decodes the record, gunzips it when it
 * starts with gzip's magic bytes (`1f 8b 08`, and more than 3 bytes), and
 * reads the JSON as {@link releaseFromJson}.
 *
 * @throws {RecordDecodeError} with Go's message
 */
export async function decodeRelease(data: string): Promise<Release> {
  let b = decodeBase64(data);
  if (b.length > 3 && b[0] === GZIP_MAGIC[0] && b[1] === GZIP_MAGIC[1] && b[2] === GZIP_MAGIC[2]) {
    b = await gunzip(b);
  }
  return releaseFromJson(b);
}

// ---------------------------------------------------------------- charts

function storedFile(f: ChartFile): StoredFile {
  const out: StoredFile = { name: f.name, data: f.data };
  if (f.modTime !== undefined) out.modtime = formatReleaseTime(f.modTime);
  return out;
}

/**
 * The chart as a release stores it (helm's `*chart.Chart` without its
 * subcharts): metadata, lock, templates, values, schema and files, with
 * their modification times when the loader knew them.
 */
export function storedChart(c: Chart): StoredChart {
  const out: StoredChart = {
    metadata: c.metadata,
    lock: c.lock ?? null,
    // Go's loader appends to nil slices: a chart without templates or other files stores null.
    templates: c.templates.length ? c.templates.map(storedFile) : null,
    // Go leaves the map nil when the chart has no values.yaml.
    values: c.raw !== undefined && !c.raw.some((f) => f.name === "values.yaml") ? null : c.values,
    schema: c.schema ?? null,
    files: c.files.length ? c.files.map(storedFile) : null,
  };
  if (c.schemaModTime !== undefined) out.schemamodtime = formatReleaseTime(c.schemaModTime);
  if (c.modTime !== undefined) out.modtime = formatReleaseTime(c.modTime);
  return out;
}
