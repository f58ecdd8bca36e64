/**
 * A thin Kubernetes client over REST+JSON, as helm's `kube.Client` talks
 * to the API server: discovery and REST mapping of any kind (CRDs too),
 * get/list/create/replace/patch/delete of objects given as plain JSON,
 * server-side apply, and the server's errors as {@link KubeApiError}.
 *
 * @example
 * ```ts
 * const client = await KubeClient.fromSettings(EnvSettings.fromEnv());
 * await client.isReachable();
 * const cm = await client.get({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } });
 * client.close();
 * ```
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { EnvSettings } from "../settings/env_settings.ts";
import { KubeApiError } from "./errors.ts";
import { KubeConfigError, loadRestConfig, type RestConfig } from "./config.ts";
import { ExecCredentialError, ExecCredentialProvider } from "./exec_credential.ts";
import {
  DEFAULT_RETRY,
  httpClientOptions,
  type HttpResponse,
  KubeTransportError,
  makeSend,
  nodeTlsOptions,
  type RetryPolicy,
  type Send,
  sendWithRetry,
  TokenBucket,
} from "./transport.ts";
import { makeOpenStream, type OpenStream, type StreamResponse } from "./stream.ts";
import type { BlockingGetConfig } from "./blocking_get.ts";

export { KubeApiError };

/** Query, body and content negotiation of one request. */
export interface RequestOptions {
  /** Query parameters; undefined ones are left out. */
  query?: Record<string, string | undefined>;
  /** A JSON value, or a string sent as is. */
  body?: unknown;
  /** The body's type (default `application/json`). */
  contentType?: string;
  /** The `Accept` header (default `application/json`). */
  accept?: string;
}

/** A Kubernetes object as plain JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** A list response (`items` with their kind and apiVersion filled in). */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

/** Where a kind is served: group/version/resource and scope (client-go's `meta.RESTMapping`). */
export interface ResourceMapping {
  group: string;
  version: string;
  kind: string;
  /** The plural resource (`deployments`). */
  resource: string;
  namespaced: boolean;
}

/** The patch types of `PATCH` (content types as the API server names them). */
export type PatchType = "merge" | "strategic" | "json" | "apply";

const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  json: "application/json-patch+json",
  apply: "application/apply-patch+yaml",
};

/** apimachinery's `meta.NoKindMatchError`: no resource serves this kind in this version. */
export class NoKindMatchError extends ChartaError {
  /** @param group the API group; @param version its version; @param kind the kind */
  constructor(readonly group: string, readonly version: string, readonly kind: string) {
    super(`no matches for kind "${kind}" in version "${group ? `${group}/${version}` : version}"`);
    this.name = "NoKindMatchError";
  }
}

/** Options of {@link KubeClient}. */
export interface KubeClientOptions {
  /** Replaces the HTTP transport (tests). */
  send?: Send;
  /** Retry policy (default {@link DEFAULT_RETRY}). */
  retry?: RetryPolicy;
  /** Field manager of every write (helm's is `helm`). */
  fieldManager?: string;
  /** Replaces the streaming transport of {@link KubeClient.stream} (tests). */
  openStream?: OpenStream;
}

/** Options of writes. */
export interface WriteOptions {
  /** Namespace for a namespaced object that names none (default: the client's). */
  namespace?: string;
  /** `dryRun=All`. */
  dryRun?: boolean;
  /** `fieldManager` (default: the client's, `helm`). */
  fieldManager?: string;
  /** `fieldValidation` (`Strict`, `Warn`, `Ignore`). */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
}

/** Options of {@link KubeClient.patch}. */
export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take fields owned by other managers. */
  force?: boolean;
}

/** Options of {@link KubeClient.delete}. */
export interface DeleteOptions {
  namespace?: string;
  /** `Background` (default on the server), `Foreground` or `Orphan`. */
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

/** Options of {@link KubeClient.list}. */
export interface ListOptions {
  /** Namespace of a namespaced kind; `""` lists across all namespaces; default the client's. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; the client follows `continue` tokens until the end. */
  limit?: number;
}

/** What identifies an object: its apiVersion, kind, name and (optional) namespace. */
export type ObjectRef = Pick<KubeObject, "apiVersion" | "kind" | "metadata">;

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** apimachinery's texts for error responses without a `Status` body (`NewGenericServerResponse`). */
function genericMessage(code: number, body: string): { reason: string; message: string } {
  switch (code) {
    case 400:
      return { reason: "BadRequest", message: "the server rejected our request for an unknown reason" };
    case 401:
      return {
        reason: "Unauthorized",
        message: "the server has asked for the client to provide credentials",
      };
    case 403:
      return { reason: "Forbidden", message: body.trim() || "forbidden" };
    case 404:
      return { reason: "NotFound", message: "the server could not find the requested resource" };
    case 405:
      return {
        reason: "MethodNotAllowed",
        message: "the server does not allow this method on the requested resource",
      };
    case 409:
      return { reason: "Conflict", message: "the server reported a conflict" };
    case 410:
      return { reason: "Gone", message: "the server has asked for the client to provide credentials" };
    case 415:
      return { reason: "UnsupportedMediaType", message: "the server does not support the media type" };
    case 422:
      return { reason: "Invalid", message: "the server rejected our request due to an error in our request" };
    case 429:
      return {
        reason: "TooManyRequests",
        message: "the server has received too many requests and has asked us to try again later",
      };
    case 503:
      return {
        reason: "ServiceUnavailable",
        message: "the server is currently unable to handle the request",
      };
    case 504:
      return {
        reason: "Timeout",
        message:
          "the server was unable to return a response in the time allotted, but may still be processing the request",
      };
  }
  if (code >= 500) {
    const text = body.trim();
    return {
      reason: "InternalError",
      message: text
        ? `an error on the server ("${text}") has prevented the request from succeeding`
        : "an error on the server has prevented the request from succeeding",
    };
  }
  return {
    reason: "",
    message: `the server responded with the status code ${code} but did not return more information`,
  };
}

/** The {@link KubeApiError} for a non-2xx response: the server's `Status` when it sent one. */
export function apiError(res: HttpResponse): KubeApiError {
  try {
    const s = JSON.parse(res.body);
    if (s && s.kind === "Status" && typeof s.message === "string") {
      return new KubeApiError(s.message, typeof s.code === "number" ? s.code : res.status, s.reason ?? "");
    }
  } catch {
    // not JSON: fall through to the generic texts
  }
  const g = genericMessage(res.status, res.body);
  return new KubeApiError(g.message, res.status, g.reason);
}

/** An `auth-provider` (oidc) of @kubernetes/client-node, loaded on first use. */
interface NodeAuthenticator {
  applyAuthentication(
    user: unknown,
    opts: { headers?: Record<string, string>; cert?: string; key?: string },
  ): Promise<void>;
}

/**
 * A client for one API server and identity. Discovery is fetched once per
 * client and refreshed when a kind is not found (a CRD created since).
 */
export class KubeClient {
  /** The connection settings in effect. */
  readonly config: RestConfig;
  /** The default namespace (`-n`, else the context's, else `default`). */
  readonly namespace: string;
  #send: Send;
  #close: () => void;
  readonly #ownTransport: boolean;
  #exec?: ExecCredentialProvider;
  /** One token bucket per resource (see {@link limiterKey}). */
  readonly #limiters = new Map<string, TokenBucket>();
  readonly #retry: RetryPolicy;
  readonly #fieldManager: string;
  #discovery?: Promise<Map<string, ResourceMapping>>;
  #nodeAuth?: Promise<NodeAuthenticator>;
  #openStream?: OpenStream;
  #closeStreams: () => void = () => {};

  /**
   * @param config where and how to connect ({@link loadRestConfig})
   * @param options transport, retries, field manager
   */
  constructor(config: RestConfig, options: KubeClientOptions = {}) {
    this.config = config;
    this.namespace = config.namespace;
    if (options.send) {
      this.#send = options.send;
      this.#close = () => {};
      this.#ownTransport = false;
    } else {
      this.#ownTransport = true;
      const t = makeSend(config);
      this.#send = t.send;
      this.#close = t.close;
    }
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#fieldManager = options.fieldManager ?? "helm";
    this.#openStream = options.openStream;
  }

  /**
   * A client from helm's settings (kubeconfig, context, global flags).
   *
   * @throws KubeConfigError with client-go's message for an unusable kubeconfig
   */
  static async fromSettings(settings: EnvSettings, options: KubeClientOptions = {}): Promise<KubeClient> {
    return new KubeClient(await loadRestConfig(settings), options);
  }

  /** Releases pooled connections. */
  close(): void {
    this.#close();
    this.#closeStreams();
  }

  async #authHeaders(): Promise<Record<string, string>> {
    const a = this.config.auth;
    const h: Record<string, string> = {};
    if (a.username !== undefined || a.password !== undefined) {
      // UTF-8 first: btoa takes only Latin-1, and Go encodes the bytes of the string.
      const bytes = new TextEncoder().encode(`${a.username ?? ""}:${a.password ?? ""}`);
      h.Authorization = `Basic ${btoa(String.fromCharCode(...bytes))}`;
    }
    if (a.exec) {
      this.#exec ??= new ExecCredentialProvider(a.exec, this.config);
      const cred = await this.#exec.credential();
      if (cred.token) h.Authorization = `Bearer ${cred.token}`;
      if (cred.clientCertificateData && cred.clientKeyData) {
        this.#useClientCert(cred.clientCertificateData, cred.clientKeyData);
      }
    } else if (a.authProvider) {
      const auth = await (this.#nodeAuth ??= this.#loadNodeAuth());
      const opts: { headers: Record<string, string> } = { headers: {} };
      try {
        await auth.applyAuthentication({ name: a.userName, authProvider: a.authProvider }, opts);
      } catch (e) {
        throw new ExecCredentialError(`getting credentials: ${String((e as Error).message ?? e).trim()}`, {
          cause: e,
        });
      }
      Object.assign(h, opts.headers);
    }
    if (a.token) h.Authorization = `Bearer ${a.token}`;
    else if (a.tokenFile) {
      try {
        h.Authorization = `Bearer ${(await Deno.readTextFile(a.tokenFile)).trim()}`;
      } catch (e) {
        const why = e instanceof Deno.errors.NotFound ? "no such file or directory" : (e as Error).message;
        throw new ExecCredentialError(`open ${a.tokenFile}: ${why}`, { cause: e });
      }
    }
    if (this.config.impersonateUser) h["Impersonate-User"] = this.config.impersonateUser;
    return h;
  }

  /** A client certificate from an exec plugin: the TLS identity changes, so the transport is rebuilt. */
  #useClientCert(certPem: string, keyPem: string): void {
    if (this.config.certPem === certPem && this.config.keyPem === keyPem) return;
    (this.config as { certPem?: string }).certPem = certPem;
    (this.config as { keyPem?: string }).keyPem = keyPem;
    if (!this.#ownTransport) return;
    this.#close();
    const t = makeSend(this.config);
    this.#send = t.send;
    this.#close = t.close;
  }

  async #loadNodeAuth(): Promise<NodeAuthenticator> {
    const name = this.config.auth.authProvider?.name ?? "";
    if (name === "oidc") {
      const { OpenIDConnectAuth } = await import("@kubernetes/client-node/dist/oidc_auth.js");
      return new OpenIDConnectAuth() as unknown as NodeAuthenticator;
    }
    // client-go removed the gcp and azure providers; they fail there too.
    throw new ExecCredentialError(`no Auth Provider found for name "${name}"`);
  }

  /**
   * Sends one request with auth, rate limiting and retries; returns the
   * response whatever its status. `path` starts with `/`.
   */
  async request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResponse> {
    const url = new URL(this.config.server + path);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    let auth: Record<string, string>;
    try {
      auth = await this.#authHeaders();
    } catch (e) {
      // client-go fails in the round tripper, so helm shows the credential error inside the URL error.
      if (!(e instanceof ExecCredentialError)) throw e;
      const op = method[0].toUpperCase() + method.slice(1).toLowerCase();
      throw new KubeTransportError(`${op} "${url.href}": ${e.message}`, false, { cause: e });
    }
    let body: string | undefined;
    let contentType: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      contentType = options.contentType ?? "application/json";
    }
    const list = this.#headerList(options.accept, auth, contentType);
    return await sendWithRetry(
      (r) => this.#send(r),
      { method, url: url.href, headers: list, body },
      this.#limiterFor(path),
      this.#retry,
    );
  }

  /**
   * Opens a request whose body streams (watches: `?watch=true`), with the
   * same auth, headers and rate limiting as {@link request} but no retries
   * (a watcher re-lists and re-watches by itself). Abort `signal` to end it.
   */
  async stream(
    method: string,
    path: string,
    options: RequestOptions & { signal?: AbortSignal } = {},
  ): Promise<StreamResponse> {
    const url = new URL(this.config.server + path);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers = this.#headerList(options.accept, await this.#authHeaders());
    if (!this.#openStream) {
      const t = makeOpenStream(this.config);
      this.#openStream = t.open;
      this.#closeStreams = t.close;
    }
    await this.#limiterFor(path).acquire();
    return await this.#openStream({ method, url: url.href, headers }, options.signal);
  }

  /**
   * What a {@link BlockingGet} needs to send this client's requests: the
   * connection settings and every header, credentials resolved now.
   */
  async blockingGetConfig(): Promise<BlockingGetConfig> {
    return {
      server: this.config.server,
      headers: this.#headerList(undefined, await this.#authHeaders()),
      http: httpClientOptions(this.config),
      node: nodeTlsOptions(this.config),
    };
  }

  /** Every request's headers: accept, user agent, credentials, content type, impersonated groups. */
  #headerList(
    accept: string | undefined,
    auth: Record<string, string>,
    contentType?: string,
  ): Array<[string, string]> {
    const list: Array<[string, string]> = Object.entries({
      Accept: accept ?? "application/json",
      "User-Agent": this.config.userAgent,
      ...auth,
    });
    if (contentType !== undefined) list.push(["Content-Type", contentType]);
    // Each group is its own header line: the API server reads every Impersonate-Group value as one group.
    for (const g of this.config.impersonateGroups) list.push(["Impersonate-Group", g]);
    return list;
  }

  #limiterFor(path: string): TokenBucket {
    const key = limiterKey(path);
    let bucket = this.#limiters.get(key);
    if (!bucket) this.#limiters.set(key, bucket = new TokenBucket(this.config.qps, this.config.burst));
    return bucket;
  }

  /** Sends and decodes JSON; a non-2xx status throws {@link KubeApiError}. */
  async requestJson<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const res = await this.request(method, path, options);
    if (res.status < 200 || res.status > 299) throw apiError(res);
    return (res.body === "" ? {} : JSON.parse(res.body)) as T;
  }

  /** `GET /version`: the server's version info. */
  serverVersion(): Promise<{ major: string; minor: string; gitVersion: string; [k: string]: unknown }> {
    return this.requestJson("GET", "/version");
  }

  /**
   * helm's `IsReachable`: `GET /version`, failing with
   * `kubernetes cluster unreachable: <cause>`.
   */
  async isReachable(): Promise<void> {
    try {
      await this.serverVersion();
    } catch (e) {
      // client-go's discovery does not decode the Status of a failed /version: helm prints the generic 401 text.
      const text = e instanceof KubeApiError && e.code === 401
        ? genericMessage(401, "").message
        : (e as Error).message;
      throw new ChartaError(`kubernetes cluster unreachable: ${text}`, { cause: e });
    }
  }

  /** Forgets discovery; the next mapping fetches it again. */
  invalidateDiscovery(): void {
    this.#discovery = undefined;
  }

  #discover(): Promise<Map<string, ResourceMapping>> {
    if (!this.#discovery) {
      const p = this.#fetchDiscovery();
      this.#discovery = p;
      p.catch(() => {
        if (this.#discovery === p) this.#discovery = undefined;
      });
    }
    return this.#discovery;
  }

  /** Aggregated discovery (two requests: `/api` and `/apis`); the per-group-version documents when the server lacks it. */
  async #fetchDiscovery(): Promise<Map<string, ResourceMapping>> {
    const accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    const out = new Map<string, ResourceMapping>();
    const [core, groups] = await Promise.all([
      this.requestJson<Record<string, unknown>>("GET", "/api", { accept }),
      this.requestJson<Record<string, unknown>>("GET", "/apis", { accept }),
    ]);
    if (core.kind === "APIGroupDiscoveryList" && groups.kind === "APIGroupDiscoveryList") {
      type Agg = {
        items?: Array<{
          metadata?: { name?: string };
          versions?: Array<{
            version: string;
            resources?: Array<{ resource: string; scope: string; responseKind?: { kind?: string } }>;
          }>;
        }>;
      };
      for (const list of [core as Agg, groups as Agg]) {
        for (const g of list.items ?? []) {
          const group = g.metadata?.name ?? "";
          for (const v of g.versions ?? []) {
            for (const r of v.resources ?? []) {
              const kind = r.responseKind?.kind;
              if (!kind) continue;
              const m = {
                group,
                version: v.version,
                kind,
                resource: r.resource,
                namespaced: r.scope === "Namespaced",
              };
              const key = `${group}/${v.version}/${kind}`;
              if (!out.has(key)) out.set(key, m);
            }
          }
        }
      }
      return out;
    }
    // Legacy discovery: one request per group-version, in parallel.
    const gvs: string[] = [...((core.versions as string[] | undefined) ?? [])];
    for (
      const g of (groups.groups as Array<{ versions?: Array<{ groupVersion: string }> }> | undefined) ?? []
    ) {
      for (const v of g.versions ?? []) gvs.push(v.groupVersion);
    }
    const docs = await Promise.all(gvs.map(async (gv) => {
      const path = gv.includes("/") ? `/apis/${gv}` : `/api/${gv}`;
      try {
        return {
          gv,
          doc: await this.requestJson<
            { resources?: Array<{ name: string; kind: string; namespaced: boolean }> }
          >("GET", path),
        };
      } catch {
        return { gv, doc: { resources: [] } }; // an unavailable aggregated API must not break everything
      }
    }));
    for (const { gv, doc } of docs) {
      const { group, version } = splitApiVersion(gv);
      for (const r of doc.resources ?? []) {
        if (r.name.includes("/")) continue; // subresources
        const key = `${group}/${version}/${r.kind}`;
        if (!out.has(key)) {
          out.set(key, { group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced });
        }
      }
    }
    return out;
  }

  /**
   * The REST mapping of `apiVersion`/`kind`. An unknown kind refreshes
   * discovery once (a CRD may have been created since it was fetched).
   *
   * @throws NoKindMatchError when the server does not serve the kind
   */
  async mapping(apiVersion: string, kind: string): Promise<ResourceMapping> {
    const { group, version } = splitApiVersion(apiVersion);
    const key = `${group}/${version}/${kind}`;
    let m = (await this.#discover()).get(key);
    if (m) return m;
    // As client-go's deferred discovery mapper: a miss resets the cache once and looks again.
    this.invalidateDiscovery();
    m = (await this.#discover()).get(key);
    if (m) return m;
    throw new NoKindMatchError(group, version, kind);
  }

  /** Every mapping discovery knows (fetches discovery if needed). */
  async mappings(): Promise<ResourceMapping[]> {
    return [...(await this.#discover()).values()];
  }

  /** The collection path of a mapping (`namespace` ignored for cluster-scoped kinds; `""` = all namespaces). */
  static collectionPath(m: ResourceMapping, namespace: string): string {
    const base = m.group === "" ? `/api/${m.version}` : `/apis/${m.group}/${m.version}`;
    return m.namespaced && namespace !== ""
      ? `${base}/namespaces/${encodeURIComponent(namespace)}/${m.resource}`
      : `${base}/${m.resource}`;
  }

  async #locate(
    obj: ObjectRef,
    namespace?: string,
  ): Promise<{ m: ResourceMapping; ns: string; name: string }> {
    if (!obj.apiVersion || !obj.kind) {
      throw new ChartaError(`Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
    }
    const m = await this.mapping(obj.apiVersion, obj.kind);
    const ns = m.namespaced ? (obj.metadata?.namespace || namespace || this.namespace) : "";
    return { m, ns, name: obj.metadata?.name ?? "" };
  }

  #objectPath(m: ResourceMapping, ns: string, name: string): string {
    if (!name) throw new ChartaError("resource name may not be empty");
    return `${KubeClient.collectionPath(m, ns)}/${encodeURIComponent(name)}`;
  }

  /** GET one object; NotFound is a {@link KubeApiError} with reason `NotFound`. */
  async get<T extends KubeObject = KubeObject>(ref: ObjectRef, namespace?: string): Promise<T> {
    const { m, ns, name } = await this.#locate(ref, namespace);
    return await this.requestJson<T>("GET", this.#objectPath(m, ns, name));
  }

  /** LIST a kind (following `continue` tokens); items get their `apiVersion` and `kind`. */
  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: ListOptions = {},
  ): Promise<KubeList<T>> {
    const m = await this.mapping(apiVersion, kind);
    const ns = options.namespace ?? this.namespace;
    const path = KubeClient.collectionPath(m, ns);
    let out: KubeList<T> | undefined;
    let cont: string | undefined;
    do {
      const page = await this.requestJson<KubeList<T>>("GET", path, {
        query: {
          labelSelector: options.labelSelector || undefined,
          fieldSelector: options.fieldSelector || undefined,
          limit: options.limit ? String(options.limit) : undefined,
          continue: cont,
        },
      });
      if (!out) out = page;
      else out.items.push(...page.items);
      cont = page.metadata?.continue || undefined;
    } while (cont);
    for (const item of out!.items) {
      item.apiVersion ??= apiVersion;
      item.kind ??= kind;
    }
    return out!;
  }

  /** Query of a write; every write names the field manager, as helm's client does (`helm` by default). */
  #writeQuery(o: WriteOptions): Record<string, string | undefined> {
    return {
      dryRun: o.dryRun ? "All" : undefined,
      fieldManager: o.fieldManager ?? this.#fieldManager,
      fieldValidation: o.fieldValidation,
    };
  }

  /** POST an object; AlreadyExists when the name is taken. Returns the created object. */
  async create<T extends KubeObject = KubeObject>(obj: KubeObject, options: WriteOptions = {}): Promise<T> {
    const { m, ns } = await this.#locate(obj, options.namespace);
    const body = m.namespaced && ns && !obj.metadata?.namespace
      ? { ...obj, metadata: { ...obj.metadata, namespace: ns } }
      : obj;
    return await this.requestJson<T>("POST", KubeClient.collectionPath(m, ns), {
      body,
      query: this.#writeQuery(options),
    });
  }

  /** PUT an object (unconditional without `metadata.resourceVersion`). Returns the stored object. */
  async replace<T extends KubeObject = KubeObject>(obj: KubeObject, options: WriteOptions = {}): Promise<T> {
    const { m, ns, name } = await this.#locate(obj, options.namespace);
    const body = m.namespaced && ns && !obj.metadata?.namespace
      ? { ...obj, metadata: { ...obj.metadata, namespace: ns } }
      : obj;
    return await this.requestJson<T>("PUT", this.#objectPath(m, ns, name), {
      body,
      query: this.#writeQuery(options),
    });
  }

  /**
   * PATCH an object: `merge` (RFC 7386), `strategic`, `json` (RFC 6902, an
   * array of operations) or `apply` (server-side apply of a full object,
   * with the field manager, `force` taking conflicting fields).
   */
  async patch<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    type: PatchType,
    options: PatchOptions = {},
  ): Promise<T> {
    const { m, ns, name } = await this.#locate(ref, options.namespace);
    const query = this.#writeQuery(options);
    if (type === "apply" && options.force) query.force = "true";
    return await this.requestJson<T>("PATCH", this.#objectPath(m, ns, name), {
      body: patch,
      contentType: PATCH_CONTENT_TYPE[type],
      query,
    });
  }

  /** Server-side apply of a full object (helm 4's default way to install). */
  apply<T extends KubeObject = KubeObject>(obj: KubeObject, options: PatchOptions = {}): Promise<T> {
    return this.patch<T>(obj, obj, "apply", options);
  }

  /** DELETE an object; returns the server's answer (the object, or a `Status`). */
  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<KubeObject> {
    const { m, ns, name } = await this.#locate(ref, options.namespace);
    const body: Record<string, unknown> = { kind: "DeleteOptions", apiVersion: "v1" };
    if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
    if (options.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = options.gracePeriodSeconds;
    if (options.dryRun) body.dryRun = ["All"];
    return await this.requestJson<KubeObject>("DELETE", this.#objectPath(m, ns, name), { body });
  }
}

/**
 * Which token bucket a request draws from: its resource (`/api/v1/secrets`,
 * `/apis/apps/v1/deployments`, …, namespace and name left out), or `""` for
 * discovery and `/version`. client-go gives every REST client its own bucket
 * and helm makes a client per resource mapping (and one for its storage), so
 * `--qps`/`--burst-limit` pace each kind of object separately there; one
 * bucket for everything throttled a 50-object install that helm does not.
 */
export function limiterKey(path: string): string {
  const parts = path.split("?")[0].split("/").filter(Boolean);
  const gv = parts[0] === "api" ? 2 : parts[0] === "apis" ? 3 : -1;
  if (gv < 0 || parts.length <= gv) return "";
  const i = parts[gv] === "namespaces" && parts.length > gv + 2 ? gv + 2 : gv;
  return `${parts.slice(0, gv).join("/")}/${parts[i]}`;
}

/**
 * A {@link KubeClient} for helm's settings; errors loading the kubeconfig
 * read as helm's (`kubernetes cluster unreachable: …`).
 */
export async function clientForSettings(
  settings: EnvSettings,
  options: KubeClientOptions = {},
): Promise<KubeClient> {
  try {
    return await KubeClient.fromSettings(settings, options);
  } catch (e) {
    if (e instanceof KubeConfigError) {
      throw new ChartaError(`kubernetes cluster unreachable: ${e.message}`, { cause: e });
    }
    throw e;
  }
}
