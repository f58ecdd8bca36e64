/**
 * What the `secret` and `configmap` drivers need from Kubernetes: get, list
 * by label selector, create, update and delete of Secrets and ConfigMaps in
 * one namespace. The Kubernetes client implements {@link KubeObjects};
 * {@link FakeKubeCluster} implements it in memory for tests (with the API
 * server's error texts and reasons).
 *
 * @module
 */

/** The kinds of object release records are kept in. */
export type RecordKind = "Secret" | "ConfigMap";

/** The part of `metadata` the drivers read and write. */
export interface RecordObjectMeta {
  /** The object's name (the record key, `sh.helm.release.v1.NAME.vREV`). */
  name: string;
  /** Set by the server (and by lists across namespaces). */
  namespace?: string;
  /** The labels (`name`, `owner`, `status`, `version`, `createdAt`, … and user labels). */
  labels?: Record<string, string>;
  /** Set by the server; the drivers send none, so updates are unconditional (as helm's). */
  resourceVersion?: string;
}

/**
 * A `v1/Secret` or `v1/ConfigMap` as the drivers see it.
 *
 * `data` is in wire form: for a Secret each value is the base64 of the
 * stored bytes (as `V1Secret.data` of @kubernetes/client-node), for a
 * ConfigMap the text itself.
 */
export interface RecordObject {
  /** `v1` (optional on input). */
  apiVersion?: string;
  /** The kind (optional on input). */
  kind?: RecordKind;
  /** Name, labels … */
  metadata: RecordObjectMeta;
  /** Secrets only: `helm.sh/release.v1`. */
  type?: string;
  /** The data, in wire form (see above). */
  data?: Record<string, string>;
}

/**
 * Secrets and ConfigMaps of one namespace (`""`: every namespace, for
 * listing). Errors from the API server must be thrown as
 * {@link KubeApiError} carrying the `Status` reason and code, so that the
 * drivers can tell NotFound and AlreadyExists apart as helm does.
 */
export interface KubeObjects {
  /** The namespace the objects are in; `""` lists across all namespaces. */
  readonly namespace: string;
  /** GET one object; NotFound (404) when absent. */
  get(kind: RecordKind, name: string): Promise<RecordObject>;
  /** LIST with a `labelSelector` (equality terms `k=v,k2=v2`; `""` selects everything). */
  list(kind: RecordKind, labelSelector: string): Promise<RecordObject[]>;
  /** POST; AlreadyExists (409) when the name is taken. Returns the created object. */
  create(kind: RecordKind, obj: RecordObject): Promise<RecordObject>;
  /** PUT (unconditional when no resourceVersion is given); NotFound when absent. */
  update(kind: RecordKind, obj: RecordObject): Promise<RecordObject>;
  /** DELETE; NotFound when absent. */
  delete(kind: RecordKind, name: string): Promise<void>;
}

// The API server errors live with the Kubernetes client; storage re-exports them for its drivers.
export { isAlreadyExists, isNotFound, KubeApiError } from "../kube/errors.ts";
import { KubeApiError } from "../kube/errors.ts";

const RESOURCE: Record<RecordKind, string> = { Secret: "secrets", ConfigMap: "configmaps" };

/** The API server's NotFound status for an object. */
export function notFoundError(kind: RecordKind, name: string): KubeApiError {
  return new KubeApiError(`${RESOURCE[kind]} "${name}" not found`, 404, "NotFound");
}

/** The API server's AlreadyExists status for an object. */
export function alreadyExistsError(kind: RecordKind, name: string): KubeApiError {
  return new KubeApiError(`${RESOURCE[kind]} "${name}" already exists`, 409, "AlreadyExists");
}

/**
 * Parses an equality-based label selector (`k=v`, `k==v`, `k!=v`, `k`,
 * `!k`, comma-separated) into a predicate over labels.
 */
export function selectorMatcher(selector: string): (labels: Record<string, string> | undefined) => boolean {
  const terms = selector.split(",").map((t) => t.trim()).filter((t) => t !== "");
  const tests = terms.map((t): (l: Record<string, string>) => boolean => {
    let m = /^([^!=]+)!=(.*)$/.exec(t);
    if (m) {
      const [k, v] = [m[1].trim(), m[2].trim()];
      return (l) => l[k] !== v;
    }
    m = /^([^!=]+)==?(.*)$/.exec(t);
    if (m) {
      const [k, v] = [m[1].trim(), m[2].trim()];
      return (l) => Object.hasOwn(l, k) && l[k] === v;
    }
    if (t.startsWith("!")) {
      const k = t.slice(1).trim();
      return (l) => !Object.hasOwn(l, k);
    }
    return (l) => Object.hasOwn(l, t);
  });
  return (labels) => tests.every((test) => test(labels ?? {}));
}

/**
 * Secrets and ConfigMaps in memory, for tests: namespaces, label
 * selectors, the API server's errors, resource versions. Objects are
 * copied in and out, as a server would.
 */
export class FakeKubeCluster {
  /** namespace → kind → name → object */
  readonly #store = new Map<string, Map<RecordKind, Map<string, RecordObject>>>();
  #version = 0;
  /** Every call made, in order (`create Secret ns/name` …), for tests to inspect. */
  readonly calls: string[] = [];

  /** The objects of one namespace (`""`: all namespaces, list only). */
  objects(namespace: string): KubeObjects {
    return new FakeKubeObjects(this, namespace);
  }

  /** @internal */
  bucket(namespace: string, kind: RecordKind): Map<string, RecordObject> {
    let ns = this.#store.get(namespace);
    if (!ns) this.#store.set(namespace, ns = new Map());
    let b = ns.get(kind);
    if (!b) ns.set(kind, b = new Map());
    return b;
  }

  /** @internal */
  namespaces(): string[] {
    return [...this.#store.keys()];
  }

  /** @internal */
  nextVersion(): string {
    return String(++this.#version);
  }
}

/** A server answers later, never in the same turn: callers that forget to await are caught. */
function answer(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function copy(o: RecordObject): RecordObject {
  return structuredClone(o);
}

class FakeKubeObjects implements KubeObjects {
  constructor(private readonly cluster: FakeKubeCluster, readonly namespace: string) {}

  #needNamespace(verb: string): string {
    if (this.namespace === "") {
      throw new KubeApiError(`the namespace of the object must be set to ${verb} it`, 400, "BadRequest");
    }
    return this.namespace;
  }

  async get(kind: RecordKind, name: string): Promise<RecordObject> {
    await answer();
    const ns = this.#needNamespace("get");
    this.cluster.calls.push(`get ${kind} ${ns}/${name}`);
    const o = this.cluster.bucket(ns, kind).get(name);
    if (!o) throw notFoundError(kind, name);
    return copy(o);
  }

  async list(kind: RecordKind, labelSelector: string): Promise<RecordObject[]> {
    await answer();
    this.cluster.calls.push(`list ${kind} ${this.namespace || "*"} ${labelSelector}`);
    const match = selectorMatcher(labelSelector);
    const namespaces = this.namespace === "" ? this.cluster.namespaces().sort() : [this.namespace];
    const out: RecordObject[] = [];
    for (const ns of namespaces) {
      const b = this.cluster.bucket(ns, kind);
      for (const name of [...b.keys()].sort()) {
        const o = b.get(name)!;
        if (match(o.metadata.labels)) out.push(copy(o));
      }
    }
    return out;
  }

  async create(kind: RecordKind, obj: RecordObject): Promise<RecordObject> {
    await answer();
    const ns = this.#needNamespace("create");
    const name = obj.metadata.name;
    this.cluster.calls.push(`create ${kind} ${ns}/${name}`);
    const b = this.cluster.bucket(ns, kind);
    if (b.has(name)) throw alreadyExistsError(kind, name);
    return this.#store(b, kind, ns, obj);
  }

  async update(kind: RecordKind, obj: RecordObject): Promise<RecordObject> {
    await answer();
    const ns = this.#needNamespace("update");
    const name = obj.metadata.name;
    this.cluster.calls.push(`update ${kind} ${ns}/${name}`);
    const b = this.cluster.bucket(ns, kind);
    const old = b.get(name);
    if (!old) throw notFoundError(kind, name);
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== old.metadata.resourceVersion) {
      throw (new KubeApiError(
        `Operation cannot be fulfilled on ${RESOURCE[kind]} "${name}": the object has been modified; ` +
          "please apply your changes to the latest version and try again",
        409,
        "Conflict",
      ));
    }
    return this.#store(b, kind, ns, obj);
  }

  /** Saves a copy as the API server stores it (kind, namespace, a new resourceVersion) and returns another. */
  #store(b: Map<string, RecordObject>, kind: RecordKind, ns: string, obj: RecordObject): RecordObject {
    const stored = copy(obj);
    stored.apiVersion = "v1";
    stored.kind = kind;
    stored.metadata.namespace = ns;
    stored.metadata.resourceVersion = this.cluster.nextVersion();
    b.set(obj.metadata.name, stored);
    return copy(stored);
  }

  async delete(kind: RecordKind, name: string): Promise<void> {
    await answer();
    const ns = this.#needNamespace("delete");
    this.cluster.calls.push(`delete ${kind} ${ns}/${name}`);
    const b = this.cluster.bucket(ns, kind);
    if (!b.delete(name)) throw notFoundError(kind, name);
  }
}
