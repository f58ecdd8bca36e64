/**
 * The release record, with the JSON field names helm stores (so that helm
 * reads what charta writes and the other way round). The shapes follow helm
 * 4's `pkg/release/v1` (`Release`, `Info`, `Hook`) and `pkg/chart/v2`
 * (`Chart`, `File`); `src/storage/record.ts` turns them into helm's exact
 * JSON (field order, `omitempty`/`omitzero`, times, base64) and back.
 *
 * @module
 */
import type { Lock, Metadata } from "../chart/types.ts";

/** A release's status, as stored in records and labels. */
export type Status =
  | "unknown"
  | "deployed"
  | "uninstalled"
  | "superseded"
  | "failed"
  | "uninstalling"
  | "pending-install"
  | "pending-upgrade"
  | "pending-rollback";

/**
 * `info` of a release record.
 *
 * Times are RFC 3339 texts as Go's `time.Time.MarshalJSON` writes them
 * (nanoseconds without trailing zeros, the zone offset or `Z`); an absent
 * time is Go's zero time: helm 4 leaves it out, helm 3 writes `""`.
 */
export interface Info {
  /** When the release was first deployed. */
  first_deployed?: string;
  /** When this revision was deployed. */
  last_deployed?: string;
  /** When the release was uninstalled. */
  deleted?: string;
  /** A human-friendly description of the revision. */
  description?: string;
  /** The revision's status (helm writes `""` for an unset one, and leaves it out). */
  status: Status | "";
  /** The rendered NOTES.txt. */
  notes?: string;
  /**
   * Live objects by kind, filled by `status --show-resources`; helm never
   * stores them (they are unset when a record is written).
   */
  resources?: Record<string, unknown[]>;
}

/** A file of the stored chart. */
export interface StoredFile {
  /** The path relative to the chart root (`templates/x.yaml`). */
  name: string;
  /** The contents (base64 in the JSON). */
  data: Uint8Array;
  /** [helm 4] The file's modification time (RFC 3339), left out when zero. */
  modtime?: string;
}

/**
 * The chart as stored in a release record: the root chart only (helm does
 * not store subcharts), `metadata` … `files` in helm's field order. Fields
 * that are `null` here are Go nil pointers, slices and maps (JSON `null`).
 */
export interface StoredChart {
  /** Chart.yaml. */
  metadata: Metadata | null;
  /** Chart.lock / requirements.lock. */
  lock: Lock | null;
  /** Files under `templates/`. */
  templates: StoredFile[] | null;
  /** The chart's values.yaml, parsed. */
  values: Record<string, unknown> | null;
  /** values.schema.json, raw (base64 in the JSON). */
  schema: Uint8Array | null;
  /**
   * [helm 4] Modification time of values.schema.json; always written, Go's
   * zero time `0001-01-01T00:00:00Z` when unknown. Absent in helm 3 records.
   */
  schemamodtime?: string;
  /** Every other file of the chart. */
  files: StoredFile[] | null;
  /** [helm 4] Modification time of Chart.yaml, left out when zero. */
  modtime?: string;
}

/** Hook events. */
export type HookEvent =
  | "pre-install"
  | "post-install"
  | "pre-delete"
  | "post-delete"
  | "pre-upgrade"
  | "post-upgrade"
  | "pre-rollback"
  | "post-rollback"
  | "test";

/** A hook's last execution. */
export interface HookExecution {
  /** When the hook started (RFC 3339), absent when it never ran. */
  started_at?: string;
  /** When the hook finished (RFC 3339), absent when it never finished. */
  completed_at?: string;
  /** `""` until the hook runs. */
  phase: "Unknown" | "Running" | "Succeeded" | "Failed" | "";
}

/** A hook of a release. */
export interface Hook {
  /** The object's name. */
  name: string;
  /** The object's kind. */
  kind: string;
  /** The template the hook came from. */
  path: string;
  /** The rendered document. */
  manifest: string;
  /** The events the hook runs on. */
  events: HookEvent[];
  /** Its last execution (always written, even when it never ran). */
  last_run: HookExecution;
  /** `helm.sh/hook-weight`. */
  weight: number;
  /** `helm.sh/hook-delete-policy`. */
  delete_policies?: Array<"before-hook-creation" | "hook-succeeded" | "hook-failed">;
  /** `helm.sh/hook-output-log-policy`. */
  output_log_policies?: Array<"hook-succeeded" | "hook-failed">;
}

/** A release: a chart plus a config, running (one revision of it). */
export interface Release {
  /** The release name. */
  name: string;
  /** Status and times; helm leaves it out only for a nil `Info`. */
  info: Info;
  /** The chart the revision was made from (absent for a nil chart). */
  chart?: StoredChart;
  /** The user-supplied values only. */
  config: Record<string, unknown> | null;
  /** The rendered manifest (hooks excluded). */
  manifest: string;
  /** The hooks. */
  hooks?: Hook[];
  /** The revision number. */
  version: number;
  /** The release namespace. */
  namespace: string;
  /**
   * The labels of the stored object (helm's `Labels`, `json:"-"`): not part
   * of the JSON. Drivers fill them when reading and merge them into the
   * object's labels when writing (`--labels`).
   */
  labels?: Record<string, string>;
  /** [helm 4] `ssa` or `csa` (absent means csa). */
  apply_method?: "ssa" | "csa" | "";
}
