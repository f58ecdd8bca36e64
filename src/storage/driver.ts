/**
 * helm's storage driver interface (pkg/storage/driver/driver.go) and its
 * errors, with helm's texts: `release: not found`, `release: already
 * exists`, `release: invalid key`, `"NAME" has no deployed releases`.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { quote } from "../gotpl/quote.ts";
import type { Release } from "../release/types.ts";

/** Which of helm's sentinel errors a {@link DriverError} is. */
export type DriverErrorCode = "not-found" | "exists" | "invalid-key" | "no-deployed";

const TEXTS: Record<DriverErrorCode, string> = {
  "not-found": "release: not found",
  "exists": "release: already exists",
  "invalid-key": "release: invalid key",
  "no-deployed": "has no deployed releases",
};

/**
 * One of helm's driver errors (`driver.ErrReleaseNotFound` …). The message
 * is helm's; {@link isDriverError} plays `errors.Is` (it looks through
 * `cause` chains, since helm wraps these with `%w`).
 */
export class DriverError extends ChartaError {
  /** The sentinel this error is. */
  readonly code: DriverErrorCode;
  /** The release name, for `"NAME" has no deployed releases` (helm's StorageDriverError). */
  readonly releaseName?: string;

  /**
   * Makes one of helm's driver errors.
   * @param code the sentinel
   * @param releaseName prefixes the message as `"NAME" …` (helm's StorageDriverError)
   */
  constructor(code: DriverErrorCode, releaseName?: string) {
    super(releaseName === undefined ? TEXTS[code] : `${quote(releaseName)} ${TEXTS[code]}`);
    this.name = "DriverError";
    this.code = code;
    this.releaseName = releaseName;
  }
}

/** `driver.ErrReleaseNotFound`. */
export const errReleaseNotFound = (): DriverError => new DriverError("not-found");
/** `driver.ErrReleaseExists`. */
export const errReleaseExists = (): DriverError => new DriverError("exists");
/** `driver.ErrInvalidKey`. */
export const errInvalidKey = (): DriverError => new DriverError("invalid-key");
/** `driver.NewErrNoDeployedReleases(name)`: `"NAME" has no deployed releases`. */
export const errNoDeployedReleases = (name: string): DriverError => new DriverError("no-deployed", name);

/** `errors.Is(err, sentinel)` for driver errors: follows `cause` chains. */
export function isDriverError(err: unknown, code: DriverErrorCode): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 32; e = e.cause, depth++) {
    if (e instanceof DriverError && e.code === code) return true;
  }
  return false;
}

/**
 * An error wrapped with context as Go's `fmt.Errorf("…: %w", err)`: the
 * message is `prefix: cause`, and the cause stays reachable.
 */
export class WrappedError extends ChartaError {
  /**
   * Wraps `cause` under `prefix`.
   * @param prefix the context
   * @param cause the wrapped error
   */
  constructor(prefix: string, cause: unknown) {
    super(`${prefix}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "WrappedError";
  }
}

/**
 * A release storage backend, as helm's `driver.Driver`: records keyed
 * `sh.helm.release.v1.NAME.vREV`.
 */
export interface Driver {
  /** Adds a record; `release: already exists` if the key is taken. */
  create(key: string, rls: Release): Promise<void>;
  /** Replaces a record. */
  update(key: string, rls: Release): Promise<void>;
  /** Removes a record and returns it; `release: not found` if there is none. */
  delete(key: string): Promise<Release>;
  /** The record under `key`; `release: not found` if there is none. */
  get(key: string): Promise<Release>;
  /** Every record (of helm's, `owner=helm`) the filter accepts. Undecodable records are skipped. */
  list(filter: (rls: Release) => boolean): Promise<Release[]>;
  /** Records whose labels match all of `labels`; `release: not found` when none do. */
  query(labels: Record<string, string>): Promise<Release[]>;
  /** helm's driver name: `Secret`, `ConfigMap`, `Memory`. */
  name(): string;
}

/** Labels helm sets itself on records; user labels cannot use them. */
export const SYSTEM_LABELS: readonly string[] = Object.freeze([
  "name",
  "owner",
  "status",
  "version",
  "createdAt",
  "modifiedAt",
]);

/** True for a label helm manages itself (`isSystemLabel`). */
export function isSystemLabel(key: string): boolean {
  return SYSTEM_LABELS.includes(key);
}

/** The labels without helm's own (`filterSystemLabels`). */
export function filterSystemLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (!isSystemLabel(k)) out[k] = v;
  return out;
}

/** True when any key is one of helm's own labels (`ContainsSystemLabels`). */
export function containsSystemLabels(labels: Record<string, string> | undefined): boolean {
  return Object.keys(labels ?? {}).some(isSystemLabel);
}

/**
 * helm's install/upgrade check of `--labels`: `user supplied labels contains
 * system reserved label name. System labels: [name owner status version
 * createdAt modifiedAt]`.
 *
 * @throws {ChartaError} when a user label is one of helm's own
 */
export function checkUserLabels(labels: Record<string, string> | undefined): void {
  if (containsSystemLabels(labels)) {
    throw new ChartaError(
      `user supplied labels contains system reserved label name. System labels: [${SYSTEM_LABELS.join(" ")}]`,
    );
  }
}

/**
 * A label set as a Kubernetes equality selector, the way apimachinery's
 * `labels.Set.AsSelector().String()` writes it: `k=v` pairs sorted by key,
 * comma-separated (empty for an empty set).
 */
export function labelSelector(labels: Record<string, string>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(",");
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** apimachinery's `IsValidLabelValue`: its error strings, empty when valid. */
export function validateLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (new TextEncoder().encode(value).length > 63) errs.push("must be no more than 63 bytes");
  if (!LABEL_VALUE.test(value)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must " +
        "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used " +
        "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}
