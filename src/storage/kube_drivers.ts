/**
 * helm's `secret` and `configmap` storage drivers (pkg/storage/driver/
 * secrets.go and cfgmaps.go) over {@link KubeObjects}.
 *
 * A record is an object named by its key (`sh.helm.release.v1.NAME.vREV`)
 * holding the encoded release under the data key `release`; a Secret has
 * type `helm.sh/release.v1`. Its labels are the release's own labels
 * (`--labels`) plus helm's: `name`, `owner=helm`, `status`, `version`, and
 * `createdAt` (on create) or `modifiedAt` (on update), Unix seconds.
 *
 * The two drivers differ only in the object kind, the Secret `type`, how
 * the data is held (a Secret's bytes are base64 on the wire) and their
 * error texts: the Secret driver wraps errors with context
 * (`get: failed to get "KEY": …`), the ConfigMap driver returns them as
 * they are.
 *
 * @module
 */

import { quote } from "../gotpl/quote.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import {
  type Driver,
  errReleaseExists,
  errReleaseNotFound,
  filterSystemLabels,
  labelSelector,
  validateLabelValue,
  WrappedError,
} from "./driver.ts";
import {
  isAlreadyExists,
  isNotFound,
  type KubeObjects,
  type RecordKind,
  type RecordObject,
} from "./kube_objects.ts";
import { decodeRelease, encodeRelease } from "./record.ts";
import { ChartaError } from "../errors/mod.ts";

/** The Secret type helm gives release records. */
export const RELEASE_SECRET_TYPE = "helm.sh/release.v1";

/** Options of the Kubernetes-backed drivers. */
export interface KubeDriverOptions {
  /** The clock for `createdAt`/`modifiedAt`, in Unix seconds (default: now). */
  now?: () => number;
  /** Debug log (records that cannot be decoded are skipped with a message). */
  log?: LogFn;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

abstract class KubeDriver implements Driver {
  protected abstract readonly kind: RecordKind;
  /** Whether errors get helm's Secret-driver context prefixes. */
  protected abstract readonly wraps: boolean;
  readonly #now: () => number;
  readonly #log?: LogFn;

  constructor(protected readonly kube: KubeObjects, options: KubeDriverOptions = {}) {
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.#log = options.log;
  }

  abstract name(): string;

  /** The record string an object holds. */
  protected abstract recordOf(obj: RecordObject): string;

  /** The object for a record (before labels are added). */
  protected abstract objectFor(key: string, record: string, labels: Record<string, string>): RecordObject;

  #wrap(prefix: string, err: unknown): unknown {
    return this.wraps ? new WrappedError(prefix, err) : err;
  }

  #debug(msg: string, key: string, err: unknown): void {
    this.#log?.("DEBUG", msg, [["key", key], ["error", err instanceof Error ? err.message : String(err)]]);
  }

  async get(key: string): Promise<Release> {
    let obj: RecordObject;
    try {
      obj = await this.kube.get(this.kind, key);
    } catch (e) {
      if (isNotFound(e)) throw errReleaseNotFound();
      throw this.#wrap(`get: failed to get ${quote(key)}`, e);
    }
    let r: Release;
    try {
      r = await decodeRelease(this.recordOf(obj));
    } catch (e) {
      throw this.#wrap(`get: failed to decode data ${quote(key)}`, e);
    }
    r.labels = filterSystemLabels(obj.metadata.labels);
    return r;
  }

  async list(filter: (rls: Release) => boolean): Promise<Release[]> {
    let items: RecordObject[];
    try {
      items = await this.kube.list(this.kind, labelSelector({ owner: "helm" }));
    } catch (e) {
      throw this.#wrap("list: failed to list", e);
    }
    const out: Release[] = [];
    for (const item of items) {
      let r: Release;
      try {
        r = await decodeRelease(this.recordOf(item));
      } catch (e) {
        this.#debug("list failed to decode release", item.metadata.name, e);
        continue;
      }
      // helm keeps every label here, its own included (Get filters them).
      if (item.metadata.labels) r.labels = { ...item.metadata.labels };
      if (filter(r)) out.push(r);
    }
    return out;
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    for (const v of Object.values(labels)) {
      const errs = validateLabelValue(v);
      if (errs.length > 0) throw new ChartaError(`invalid label value: ${quote(v)}: ${errs.join("; ")}`);
    }
    let items: RecordObject[];
    try {
      items = await this.kube.list(this.kind, labelSelector(labels));
    } catch (e) {
      throw this.#wrap("query: failed to query with labels", e);
    }
    if (items.length === 0) throw errReleaseNotFound();
    const out: Release[] = [];
    for (const item of items) {
      let r: Release;
      try {
        r = await decodeRelease(this.recordOf(item));
      } catch (e) {
        this.#debug("failed to decode release", item.metadata.name, e);
        continue;
      }
      if (item.metadata.labels) r.labels = { ...item.metadata.labels };
      out.push(r);
    }
    return out;
  }

  /**
   * helm's `newSecretsObject`/`newConfigMapsObject`: the release's labels
   * (applied twice, around the timestamp label, so a timestamp the release
   * already carries wins) and helm's own labels.
   */
  #build(key: string, rls: Release, stamp: "createdAt" | "modifiedAt", verb: string): RecordObject {
    const lbs: Record<string, string> = { ...rls.labels };
    lbs[stamp] = String(this.#now());
    let record: string;
    try {
      record = encodeRelease(rls);
    } catch (e) {
      throw this.#wrap(`${verb}: failed to encode release ${quote(rls.name)}`, e);
    }
    Object.assign(lbs, rls.labels);
    lbs.name = rls.name;
    lbs.owner = "helm";
    lbs.status = rls.info?.status ?? "";
    lbs.version = String(rls.version);
    return this.objectFor(key, record, lbs);
  }

  async create(key: string, rls: Release): Promise<void> {
    const obj = this.#build(key, rls, "createdAt", "create");
    try {
      await this.kube.create(this.kind, obj);
    } catch (e) {
      if (isAlreadyExists(e)) throw errReleaseExists();
      throw this.#wrap("create: failed to create", e);
    }
  }

  async update(key: string, rls: Release): Promise<void> {
    const obj = this.#build(key, rls, "modifiedAt", "update");
    try {
      await this.kube.update(this.kind, obj);
    } catch (e) {
      throw this.#wrap("update: failed to update", e);
    }
  }

  async delete(key: string): Promise<Release> {
    const rls = await this.get(key);
    await this.kube.delete(this.kind, key);
    return rls;
  }
}

/** helm's `driver.Secrets`: records in Secrets of type `helm.sh/release.v1`. */
export class SecretsDriver extends KubeDriver {
  /** The kind of object records are kept in. */
  protected readonly kind = "Secret";
  /** helm's Secret driver adds context to errors. */
  protected readonly wraps = true;

  /** `Secret`. */
  name(): string {
    return "Secret";
  }

  /** The record: the bytes of `data.release` (base64 on the wire). */
  protected recordOf(obj: RecordObject): string {
    const wire = obj.data?.release;
    return wire === undefined ? "" : decoder.decode(Uint8Array.fromBase64(wire));
  }

  /** A Secret of type `helm.sh/release.v1` holding the record's bytes. */
  protected objectFor(key: string, record: string, labels: Record<string, string>): RecordObject {
    return {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: key, labels },
      type: RELEASE_SECRET_TYPE,
      data: { release: encoder.encode(record).toBase64() },
    };
  }
}

/** helm's `driver.ConfigMaps`: records in ConfigMaps. */
export class ConfigMapsDriver extends KubeDriver {
  /** The kind of object records are kept in. */
  protected readonly kind = "ConfigMap";
  /** helm's ConfigMap driver returns errors as they are. */
  protected readonly wraps = false;

  /** `ConfigMap`. */
  name(): string {
    return "ConfigMap";
  }

  /** The record: `data.release` as it is. */
  protected recordOf(obj: RecordObject): string {
    return obj.data?.release ?? "";
  }

  /** A ConfigMap holding the record as text. */
  protected objectFor(key: string, record: string, labels: Record<string, string>): RecordObject {
    return {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: key, labels },
      data: { release: record },
    };
  }
}
