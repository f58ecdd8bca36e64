/**
 * helm's release storage (pkg/storage/storage.go) over a {@link Driver}:
 * record keys, history, the deployed and last revisions, pruning to
 * `--history-max`/`HELM_MAX_HISTORY`, and the choice of driver by
 * `HELM_DRIVER` (pkg/action/action.go).
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { quote } from "../gotpl/quote.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import { type Driver, errNoDeployedReleases, isDriverError } from "./driver.ts";
import { ConfigMapsDriver, SecretsDriver } from "./kube_drivers.ts";
import type { KubeObjects, RecordKind, RecordObject } from "./kube_objects.ts";
import { MemoryDriver } from "./memory.ts";
import { SqlDriver } from "./sql.ts";

/** The prefix of record keys. */
export const HELM_STORAGE_TYPE = "sh.helm.release.v1";

/** A record's key: `sh.helm.release.v1.NAME.vREV` (helm's `makeKey`). */
export function makeKey(name: string, version: number): string {
  return `${HELM_STORAGE_TYPE}.${name}.v${version}`;
}

/** Sorted by revision, newest first (`relutil.Reverse(rls, relutil.SortByRevision)`). */
export function newestFirst(rls: readonly Release[]): Release[] {
  return [...rls].sort((a, b) => b.version - a.version);
}

/** The highest revision of a history, or undefined for an empty one. */
export function newestRevision(rls: readonly Release[]): Release | undefined {
  let best: Release | undefined;
  for (const r of rls) if (!best || r.version > best.version) best = r;
  return best;
}

/** helm's `storage.Storage`. */
export class Storage {
  /** The backend. */
  readonly driver: Driver;
  /**
   * Revisions kept per release when a record is created (0: unlimited).
   * helm sets it for upgrade and rollback only (`--history-max`).
   */
  maxHistory: number;
  readonly #log?: LogFn;

  /**
   * Storage over a driver.
   * @param driver the backend
   * @param options `maxHistory` (default 0, unlimited) and a debug `log`
   */
  constructor(driver: Driver, options: { maxHistory?: number; log?: LogFn } = {}) {
    this.driver = driver;
    this.maxHistory = options.maxHistory ?? 0;
    this.#log = options.log;
  }

  #debug(msg: string, ...attrs: Array<[string, unknown]>): void {
    this.#log?.("DEBUG", msg, attrs);
  }

  /** The record of one revision; `release: not found` if there is none. */
  get(name: string, version: number): Promise<Release> {
    this.#debug("getting release", ["key", makeKey(name, version)]);
    return this.driver.get(makeKey(name, version));
  }

  /** Stores a new revision, first pruning the history to `maxHistory - 1` revisions when set. */
  async create(rls: Release): Promise<void> {
    this.#debug("creating release", ["key", makeKey(rls.name, rls.version)]);
    if (this.maxHistory > 0) {
      try {
        await this.#removeLeastRecent(rls.name, this.maxHistory - 1);
      } catch (e) {
        if (!isDriverError(e, "not-found")) throw e;
      }
    }
    await this.driver.create(makeKey(rls.name, rls.version), rls);
  }

  /** Replaces the record of the release's revision. */
  update(rls: Release): Promise<void> {
    this.#debug("updating release", ["key", makeKey(rls.name, rls.version)]);
    return this.driver.update(makeKey(rls.name, rls.version), rls);
  }

  /** Deletes one revision's record and returns it. */
  delete(name: string, version: number): Promise<Release> {
    this.#debug("deleting release", ["key", makeKey(name, version)]);
    return this.driver.delete(makeKey(name, version));
  }

  /** Every record the filter accepts (the driver's `List`). */
  list(filter: (rls: Release) => boolean): Promise<Release[]> {
    return this.driver.list(filter);
  }

  /** Records matching the labels (the driver's `Query`). */
  query(labels: Record<string, string>): Promise<Release[]> {
    return this.driver.query(labels);
  }

  /** Every record. */
  listReleases(): Promise<Release[]> {
    this.#debug("listing all releases in storage");
    return this.driver.list(() => true);
  }

  /** Records with status `uninstalled`. */
  listUninstalled(): Promise<Release[]> {
    this.#debug("listing uninstalled releases in storage");
    return this.driver.list((r) => r.info?.status === "uninstalled");
  }

  /** Records with status `deployed`. */
  listDeployed(): Promise<Release[]> {
    this.#debug("listing all deployed releases in storage");
    return this.driver.list((r) => r.info?.status === "deployed");
  }

  /** The newest deployed revision; `"NAME" has no deployed releases` if there is none. */
  async deployed(name: string): Promise<Release> {
    const ls = await this.deployedAll(name);
    if (ls.length === 0) throw errNoDeployedReleases(name);
    return newestFirst(ls)[0];
  }

  /** Every deployed revision (normally one); `"NAME" has no deployed releases` if there is none. */
  async deployedAll(name: string): Promise<Release[]> {
    this.#debug("getting deployed releases", ["name", name]);
    try {
      return await this.driver.query({ name, owner: "helm", status: "deployed" });
    } catch (e) {
      if (e instanceof Error && e.message.includes("not found")) throw errNoDeployedReleases(name);
      throw e;
    }
  }

  /** Every revision of a release; `release: not found` if there is none. */
  history(name: string): Promise<Release[]> {
    this.#debug("getting release history", ["name", name]);
    return this.driver.query({ name, owner: "helm" });
  }

  /** The highest revision of a release. */
  async last(name: string): Promise<Release> {
    this.#debug("getting last revision", ["name", name]);
    const h = await this.history(name);
    if (h.length === 0) throw new ChartaError(`no revision for release ${quote(name)}`);
    return newestFirst(h)[0];
  }

  /** Deletes the oldest revisions until `maximum` remain, sparing the newest deployed one. */
  async #removeLeastRecent(name: string, maximum: number): Promise<void> {
    if (maximum < 0) return;
    const h = await this.history(name);
    if (h.length <= maximum) return;
    const rls = [...h].sort((a, b) => a.version - b.version);
    let lastDeployed: Release | undefined;
    try {
      lastDeployed = await this.deployed(name);
    } catch (e) {
      if (!isDriverError(e, "no-deployed")) throw e;
    }
    const toDelete: Release[] = [];
    for (const rel of rls) {
      if (rls.length - toDelete.length === maximum) break;
      if (lastDeployed === undefined || rel.version !== lastDeployed.version) toDelete.push(rel);
    }
    const errs: unknown[] = [];
    for (const rel of toDelete) {
      try {
        await this.delete(name, rel.version);
      } catch (e) {
        this.#debug("error pruning release", ["key", makeKey(name, rel.version)], ["error", String(e)]);
        errs.push(e);
      }
    }
    this.#debug("pruned records", ["count", toDelete.length], ["release", name], ["errors", errs.length]);
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) {
      const first = errs[0];
      throw new ChartaError(
        `encountered ${errs.length} deletion errors. First is: ${
          first instanceof Error ? first.message : first
        }`,
        { cause: first },
      );
    }
  }
}

/**
 * A {@link KubeObjects} whose client is made on first use (helm's lazy
 * client: commands that never touch storage never connect).
 */
export function lazyKubeObjects(namespace: string, make: () => Promise<KubeObjects>): KubeObjects {
  let client: Promise<KubeObjects> | undefined;
  const c = () => client ??= make();
  return {
    namespace,
    get: async (kind: RecordKind, name: string) => (await c()).get(kind, name),
    list: async (kind: RecordKind, selector: string) => (await c()).list(kind, selector),
    create: async (kind: RecordKind, obj: RecordObject) => (await c()).create(kind, obj),
    update: async (kind: RecordKind, obj: RecordObject) => (await c()).update(kind, obj),
    delete: async (kind: RecordKind, name: string) => (await c()).delete(kind, name),
  };
}

/** How to open release storage. */
export interface StorageOptions {
  /** `HELM_DRIVER`: `secret`/`secrets`/`""` (default), `configmap`/`configmaps`, `memory`, `sql`. */
  driver?: string;
  /** The release namespace (`""`: all namespaces, as `list -A`). */
  namespace: string;
  /** Secrets and ConfigMaps of that namespace; needed by the `secret` and `configmap` drivers. */
  kube?: KubeObjects;
  /** An existing memory driver to reuse (helm reuses it across namespaces in one run). */
  memory?: MemoryDriver;
  /** Revisions to keep on create (`--history-max`; 0 unlimited). */
  maxHistory?: number;
  /** Clock for `createdAt`/`modifiedAt` labels, Unix seconds. */
  now?: () => number;
  /** Debug log. */
  log?: LogFn;
  /** `HELM_DRIVER_SQL_CONNECTION_STRING`, for the `sql` driver. */
  sqlConnectionString?: string;
  /** The environment (lib/pq's `PG*` variables), for the `sql` driver. */
  env?: (name: string) => string | undefined;
}

/**
 * Opens storage with the driver `HELM_DRIVER` names, as helm's
 * `Configuration.Init`.
 *
 * @throws {ChartaError} `unknown driver "x"`; for `secret`/`configmap`
 * without a Kubernetes client (the `sql` driver connects on first use)
 */
export function openStorage(options: StorageOptions): Storage {
  const name = options.driver ?? "";
  const needKube = (): KubeObjects => {
    if (!options.kube) {
      throw new ChartaError(`the ${quote(name || "secret")} storage driver needs a Kubernetes client`);
    }
    return options.kube;
  };
  let driver: Driver;
  switch (name) {
    case "secret":
    case "secrets":
    case "":
      driver = new SecretsDriver(needKube(), { now: options.now, log: options.log });
      break;
    case "configmap":
    case "configmaps":
      driver = new ConfigMapsDriver(needKube(), { now: options.now, log: options.log });
      break;
    case "memory": {
      const mem = options.memory ?? new MemoryDriver();
      mem.setNamespace(options.namespace);
      driver = mem;
      break;
    }
    case "sql":
      driver = new SqlDriver(options.sqlConnectionString ?? "", options.namespace, {
        env: options.env,
        now: options.now,
        log: options.log,
      });
      break;
    default:
      throw new ChartaError(`unknown driver ${quote(name)}`);
  }
  return new Storage(driver, { maxHistory: options.maxHistory, log: options.log });
}
