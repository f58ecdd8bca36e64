/**
 * The release record, with the JSON field names helm stores (so that helm
 * reads what charta writes and the other way round).
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

/** `info` of a release record. */
export interface Info {
  /** RFC 3339 (nano) times; helm 3 writes zero times, helm 4 omits them. */
  first_deployed?: string;
  last_deployed?: string;
  deleted?: string;
  description?: string;
  status: Status;
  notes?: string;
  resources?: Record<string, unknown[]>;
}

/** A file of the stored chart; `data` is base64. */
export interface StoredFile {
  name: string;
  data: string;
}

/** The chart as stored in a release record (subcharts are not stored). */
export interface StoredChart {
  metadata: Metadata;
  lock?: Lock | null;
  templates: StoredFile[];
  values: Record<string, unknown> | null;
  /** base64 of values.schema.json. */
  schema?: string | null;
  files: StoredFile[] | null;
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

/** A hook of a release. */
export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  last_run: {
    started_at?: string;
    completed_at?: string;
    phase: "Unknown" | "Running" | "Succeeded" | "Failed" | "";
  };
  weight: number;
  delete_policies?: Array<"before-hook-creation" | "hook-succeeded" | "hook-failed">;
  output_log_policies?: Array<"hook-succeeded" | "hook-failed">;
}

/** A release: a chart plus a config, running (one revision of it). */
export interface Release {
  name: string;
  info: Info;
  chart: StoredChart;
  /** The user-supplied values only. */
  config: Record<string, unknown> | null;
  manifest: string;
  hooks?: Hook[];
  /** The revision number. */
  version: number;
  namespace: string;
  /** helm 4: `ssa` or `csa` (absent means csa). */
  apply_method?: "ssa" | "csa";
}
