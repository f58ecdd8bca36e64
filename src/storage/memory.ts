/**
 * helm's in-memory storage driver (pkg/storage/driver/memory.go and
 * records.go), used for `template` and client-side dry runs: records per
 * namespace and release name, sorted by revision.
 *
 * helm's quirks are kept: the driver's namespace follows the last release
 * created or updated; `get`/`delete` parse the key (`sh.helm.release.v1.`
 * prefix, exactly one `.v`, an integer revision) and fail with
 * `release: invalid key` otherwise; `query` matches only helm's own labels
 * (`name`, `owner`, `status`, `version`); releases are kept by reference.
 *
 * @module
 */

import type { Release } from "../release/types.ts";
import { type Driver, errInvalidKey, errReleaseExists, errReleaseNotFound } from "./driver.ts";

interface MemRecord {
  key: string;
  labels: Record<string, string>;
  rls: Release;
}

/** Go's `strconv.Atoi` success test. */
function isAtoi(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(1n << 63n) && n < (1n << 63n);
}

/** The release name of a key, or throws `release: invalid key`. */
function keyName(key: string): string {
  const rest = key.startsWith("sh.helm.release.v1.") ? key.slice("sh.helm.release.v1.".length) : key;
  const elems = rest.split(".v");
  if (elems.length !== 2 || !isAtoi(elems[1])) throw errInvalidKey();
  return elems[0];
}

function newRecord(key: string, rls: Release): MemRecord {
  return {
    key,
    labels: { name: rls.name, owner: "helm", status: rls.info?.status ?? "", version: String(rls.version) },
    rls,
  };
}

/** helm's `driver.Memory`. */
export class MemoryDriver implements Driver {
  /** namespace → release name → records sorted by revision */
  readonly #cache = new Map<string, Map<string, MemRecord[]>>();
  #namespace = "default";

  /** `Memory`. */
  name(): string {
    return "Memory";
  }

  /** Sets the namespace `get`, `list`, `query` and `delete` work in (`""`: all, for list and query). */
  setNamespace(ns: string): void {
    this.#namespace = ns;
  }

  /** The namespace the driver works in. */
  get namespace(): string {
    return this.#namespace;
  }

  get(key: string): Promise<Release> {
    try {
      const name = keyName(key);
      const rec = this.#cache.get(this.#namespace)?.get(name)?.find((r) => r.key === key);
      if (rec) return Promise.resolve(rec.rls);
      return Promise.reject(errReleaseNotFound());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  #namespaces(): Iterable<Map<string, MemRecord[]>> {
    if (this.#namespace !== "") {
      const ns = this.#cache.get(this.#namespace);
      return ns ? [ns] : [];
    }
    return this.#cache.values();
  }

  list(filter: (rls: Release) => boolean): Promise<Release[]> {
    const out: Release[] = [];
    for (const ns of this.#namespaces()) {
      for (const recs of ns.values()) for (const r of [...recs]) if (filter(r.rls)) out.push(r.rls);
    }
    return Promise.resolve(out);
  }

  query(labels: Record<string, string>): Promise<Release[]> {
    const out: Release[] = [];
    const want = Object.entries(labels);
    for (const ns of this.#namespaces()) {
      for (const recs of ns.values()) {
        for (const r of [...recs]) {
          if (want.every(([k, v]) => (r.labels[k] ?? "") === v)) out.push(r.rls);
        }
      }
    }
    if (out.length === 0) return Promise.reject(errReleaseNotFound());
    return Promise.resolve(out);
  }

  create(key: string, rls: Release): Promise<void> {
    const namespace = rls.namespace || "default";
    this.#namespace = namespace;
    let ns = this.#cache.get(namespace);
    if (!ns) this.#cache.set(namespace, ns = new Map());
    const recs = ns.get(rls.name);
    if (!recs) {
      ns.set(rls.name, [newRecord(key, rls)]);
      return Promise.resolve();
    }
    if (recs.some((r) => r.key === key)) return Promise.reject(errReleaseExists());
    recs.push(newRecord(key, rls));
    // sort.Sort is not stable, but revisions are unique in practice.
    recs.sort((a, b) => a.rls.version - b.rls.version);
    return Promise.resolve();
  }

  update(key: string, rls: Release): Promise<void> {
    const namespace = rls.namespace || "default";
    this.#namespace = namespace;
    const recs = this.#cache.get(namespace)?.get(rls.name);
    const i = recs?.findIndex((r) => r.key === key) ?? -1;
    if (!recs || i < 0) return Promise.reject(errReleaseNotFound());
    recs[i] = newRecord(key, rls);
    return Promise.resolve();
  }

  delete(key: string): Promise<Release> {
    try {
      const name = keyName(key);
      const recs = this.#cache.get(this.#namespace)?.get(name);
      const i = recs?.findIndex((r) => r.key === key) ?? -1;
      if (!recs || i < 0) return Promise.reject(errReleaseNotFound());
      const [r] = recs.splice(i, 1);
      return Promise.resolve(r.rls);
    } catch (e) {
      return Promise.reject(e);
    }
  }
}
