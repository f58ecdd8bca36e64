/**
 * An OCI distribution client over `fetch`, written on the distribution spec
 * (https://github.com/opencontainers/distribution-spec): the
 * `WWW-Authenticate` challenge flow (Basic, and Bearer through the token
 * endpoint as registries run it), manifests and blobs up and down
 * (monolithic POST+PUT uploads), tag lists, and digest verification of
 * everything fetched. Errors read as oras' (helm's registry library) do.
 *
 * Credentials are sent only to the registry host they belong to: the token
 * endpoint gets them because the registry named it in its challenge, and
 * redirects (blob downloads to storage backends) are followed without them.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { Credential } from "./credentials.ts";
import { validateDigest } from "./reference.ts";

/** OCI image manifest media type. */
export const MEDIA_TYPE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
/** OCI image index media type. */
export const MEDIA_TYPE_INDEX = "application/vnd.oci.image.index.v1+json";

/** How to reach a registry. */
export interface ClientOptions {
  /** Plain HTTP instead of HTTPS (`--plain-http`). */
  plainHTTP?: boolean;
  /** `--insecure-skip-tls-verify` / `--insecure`. */
  insecureSkipTLSVerify?: boolean;
  /** `--ca-file`. */
  caFile?: string;
  /** `--cert-file` (client certificate). */
  certFile?: string;
  /** `--key-file`. */
  keyFile?: string;
  /** The credential of a host (from flags or the credentials file); undefined for anonymous. */
  credential?: (host: string) => Promise<Credential | undefined>;
  /** The fetch to use (tests). */
  fetch?: typeof fetch;
}

/** A content descriptor. */
export interface Descriptor {
  /** Media type. */
  mediaType: string;
  /** `sha256:…`. */
  digest: string;
  /** Size in bytes. */
  size: number;
  /** Annotations. */
  annotations?: Record<string, string>;
}

/** An OCI image manifest. */
export interface Manifest {
  /** Always 2. */
  schemaVersion: number;
  /** Manifest media type, when given. */
  mediaType?: string;
  /** Config descriptor. */
  config: Descriptor;
  /** Layer descriptors. */
  layers: Descriptor[];
  /** Annotations. */
  annotations?: Record<string, string>;
}

/** `sha256:` digest of bytes. */
export async function sha256Digest(data: Uint8Array): Promise<string> {
  const buf = await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return "sha256:" + Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A parsed `WWW-Authenticate` challenge. */
export interface Challenge {
  /** `basic` or `bearer` (lower case). */
  scheme: string;
  /** Its parameters (`realm`, `service`, `scope`). */
  params: Record<string, string>;
}

/** Parses the first challenge of a `WWW-Authenticate` header (RFC 7235). */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2])) !== null) {
    if (p[0] === "") break;
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : p[3];
  }
  return { scheme: m[1].toLowerCase(), params };
}

function basic(c: Credential): string {
  let bin = "";
  for (const b of new TextEncoder().encode(`${c.username}:${c.password}`)) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

/** A request to a registry. */
interface Req {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** `repository:NAME:pull[,push]`, requested from a token endpoint. */
  scope?: string;
}

/** Go's `http.StatusText` for the codes registries answer with. */
const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  416: "Requested Range Not Satisfiable",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** oras' `errcode.ErrorResponse` message of a failed response. */
async function responseError(req: Req, res: Response): Promise<ChartaError> {
  let msg = STATUS_TEXT[res.status] ?? res.statusText;
  try {
    const body = JSON.parse(await res.text()) as { errors?: { code?: string; message?: string }[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      msg = body.errors.map((e) => {
        const code = String(e.code ?? "").toLowerCase().replaceAll("_", " ");
        return e.message ? `${code}: ${e.message}` : code;
      }).join("; ");
    }
  } catch { /* no error body */ }
  return new ChartaError(
    `${req.method} ${JSON.stringify(req.url)}: response status code ${res.status}: ${msg}`,
  );
}

/** A registry client for one set of options; caches tokens per host and scope. */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private readonly schemes = new Map<string, string>();
  private httpClient?: Deno.HttpClient;
  private readonly doFetch: typeof fetch;

  /** @param opts transport and credentials */
  constructor(private readonly opts: ClientOptions = {}) {
    this.doFetch = opts.fetch ?? fetch;
  }

  private async client(): Promise<Deno.HttpClient | undefined> {
    if (this.opts.plainHTTP) return undefined;
    if (this.opts.insecureSkipTLSVerify) {
      throw new ChartaError(
        "charta cannot skip TLS certificate verification (--insecure-skip-tls-verify/--insecure); " +
          "pass the registry's CA with --ca-file instead",
      );
    }
    if (!this.opts.caFile && !this.opts.certFile) return undefined;
    if (!this.httpClient) {
      const o: Deno.CreateHttpClientOptions & { cert?: string; key?: string } = {};
      if (this.opts.caFile) o.caCerts = [await Deno.readTextFile(this.opts.caFile)];
      if (this.opts.certFile && this.opts.keyFile) {
        o.cert = await Deno.readTextFile(this.opts.certFile);
        o.key = await Deno.readTextFile(this.opts.keyFile);
      }
      this.httpClient = Deno.createHttpClient(o);
    }
    return this.httpClient;
  }

  /** Closes the TLS client, if one was made. */
  close(): void {
    this.httpClient?.close();
    this.httpClient = undefined;
  }

  /** `http://` or `https://` and the host. */
  base(host: string): string {
    return `${this.opts.plainHTTP ? "http" : "https"}://${host}`;
  }

  private async send(req: Req, auth?: string): Promise<Response> {
    const headers = new Headers(req.headers ?? {});
    if (auth) headers.set("Authorization", auth);
    const init: RequestInit & { client?: Deno.HttpClient } = {
      method: req.method,
      headers,
      body: req.body as BodyInit | undefined,
      redirect: "manual",
    };
    const c = await this.client();
    if (c) init.client = c;
    let res: Response;
    try {
      res = await this.doFetch(req.url, init);
    } catch (e) {
      throw new ChartaError(`${req.method} ${JSON.stringify(req.url)}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    // Redirects (blob storage) are followed without the registry's credentials.
    for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.get("location"); hops++) {
      if (hops > 10) {
        throw new ChartaError(`${req.method} ${JSON.stringify(req.url)}: stopped after 10 redirects`);
      }
      const next = new URL(res.headers.get("location")!, req.url).toString();
      await res.body?.cancel();
      const sameOrigin = new URL(next).origin === new URL(req.url).origin;
      const h = new Headers(req.headers ?? {});
      if (auth && sameOrigin) h.set("Authorization", auth);
      res = await this.doFetch(next, { ...init, headers: h, method: req.method === "HEAD" ? "HEAD" : "GET" });
    }
    return res;
  }

  private cacheKey(host: string, scope?: string): string {
    return `${host} ${scope ?? ""}`;
  }

  /** Sends a request, answering the registry's authentication challenge once. */
  async request(host: string, req: Req): Promise<Response> {
    const key = this.cacheKey(host, req.scope);
    let res = await this.send(req, this.tokens.get(key));
    if (res.status !== 401) return res;
    const header = res.headers.get("www-authenticate") ?? "";
    await res.body?.cancel();
    const challenge = parseChallenge(header);
    const cred = await this.opts.credential?.(host);
    let auth: string;
    if (challenge?.scheme === "bearer") {
      auth = `Bearer ${await this.fetchToken(req, challenge, cred)}`;
    } else if (challenge?.scheme === "basic") {
      if (!cred) {
        throw new ChartaError(`${req.method} ${JSON.stringify(req.url)}: basic credential not found`);
      }
      auth = basic(cred);
    } else {
      throw await responseError(req, await this.send(req));
    }
    res = await this.send(req, auth);
    if (res.status === 401) throw await responseError(req, res);
    this.tokens.set(key, auth);
    return res;
  }

  /** The Bearer token flow: GET the realm with service and scope, Basic credentials if any. */
  private async fetchToken(req: Req, ch: Challenge, cred?: Credential): Promise<string> {
    const realm = ch.params.realm;
    if (!realm) {
      throw new ChartaError(`${req.method} ${JSON.stringify(req.url)}: missing realm in bearer challenge`);
    }
    const u = new URL(realm);
    if (ch.params.service) u.searchParams.set("service", ch.params.service);
    const scopes = [ch.params.scope, req.scope].filter((s): s is string => !!s);
    for (const s of new Set(scopes)) u.searchParams.append("scope", s);
    const headers: Record<string, string> = {};
    if (cred) headers.Authorization = basic(cred);
    const treq: Req = { method: "GET", url: u.toString(), headers };
    const res = await this.send(treq);
    if (!res.ok) throw await responseError(treq, res);
    const body = await res.json() as { token?: string; access_token?: string };
    const token = body.access_token || body.token;
    if (!token) throw new ChartaError(`${treq.method} ${JSON.stringify(treq.url)}: empty token returned`);
    return token;
  }

  /** `GET /v2/` with authentication (login's check). */
  async ping(host: string): Promise<void> {
    const req: Req = { method: "GET", url: `${this.base(host)}/v2/` };
    const res = await this.request(host, req);
    if (!res.ok) throw await responseError(req, res);
    await res.body?.cancel();
  }

  /** All tags of a repository (following `Link` pagination). */
  async tags(host: string, repository: string): Promise<string[]> {
    const out: string[] = [];
    let url: string | undefined = `${this.base(host)}/v2/${repository}/tags/list`;
    while (url) {
      const req: Req = { method: "GET", url, scope: `repository:${repository}:pull` };
      const res = await this.request(host, req);
      if (!res.ok) throw await responseError(req, res);
      const body = await res.json() as { tags?: string[] | null };
      out.push(...(body.tags ?? []));
      const link = res.headers.get("link");
      const m = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
      url = m ? new URL(m[1], url).toString() : undefined;
    }
    return out;
  }

  /** The manifest a tag or digest names, verified against its digest. */
  async getManifest(
    host: string,
    repository: string,
    reference: string,
  ): Promise<{ bytes: Uint8Array; digest: string; mediaType: string }> {
    const url = `${this.base(host)}/v2/${repository}/manifests/${reference}`;
    const req: Req = {
      method: "GET",
      url,
      headers: { Accept: `${MEDIA_TYPE_MANIFEST}, ${MEDIA_TYPE_INDEX}` },
      scope: `repository:${repository}:pull`,
    };
    const res = await this.request(host, req);
    if (!res.ok) {
      if (res.status === 404) {
        await res.body?.cancel();
        throw new ChartaError(`${host}/${repository}:${reference}: not found`);
      }
      throw await responseError(req, res);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const digest = await sha256Digest(bytes);
    const expected = reference.includes(":") ? reference : res.headers.get("docker-content-digest");
    if (expected && expected !== digest) {
      throw new ChartaError(
        `${req.method} ${JSON.stringify(url)}: mismatched digest: ${digest} is not ${expected}`,
      );
    }
    return { bytes, digest, mediaType: (res.headers.get("content-type") ?? "").split(";")[0].trim() };
  }

  /** The digest of the manifest a tag names (HEAD), or undefined when it does not exist. */
  async resolve(host: string, repository: string, reference: string): Promise<string | undefined> {
    const url = `${this.base(host)}/v2/${repository}/manifests/${reference}`;
    const req: Req = {
      method: "HEAD",
      url,
      headers: { Accept: `${MEDIA_TYPE_MANIFEST}, ${MEDIA_TYPE_INDEX}` },
      scope: `repository:${repository}:pull`,
    };
    const res = await this.request(host, req);
    await res.body?.cancel();
    if (res.status === 404) return undefined;
    if (!res.ok) throw await responseError(req, res);
    return res.headers.get("docker-content-digest") ?? undefined;
  }

  /** A blob, checked against its descriptor's digest and size. */
  async getBlob(host: string, repository: string, desc: Descriptor): Promise<Uint8Array> {
    const bad = validateDigest(desc.digest);
    if (bad) throw new ChartaError(`invalid digest ${JSON.stringify(desc.digest)}: ${bad}`);
    const url = `${this.base(host)}/v2/${repository}/blobs/${desc.digest}`;
    const req: Req = { method: "GET", url, scope: `repository:${repository}:pull` };
    const res = await this.request(host, req);
    if (!res.ok) throw await responseError(req, res);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length !== desc.size) {
      throw new ChartaError(
        `${desc.digest}: mismatched size: got ${bytes.length} bytes, the manifest says ${desc.size}`,
      );
    }
    const digest = await sha256Digest(bytes);
    if (digest !== desc.digest) {
      throw new ChartaError(`${desc.digest}: mismatched digest: the content's digest is ${digest}`);
    }
    return bytes;
  }

  /** Whether a blob exists. */
  async blobExists(host: string, repository: string, digest: string, scope: string): Promise<boolean> {
    const req: Req = { method: "HEAD", url: `${this.base(host)}/v2/${repository}/blobs/${digest}`, scope };
    const res = await this.request(host, req);
    await res.body?.cancel();
    if (res.status === 404) return false;
    if (!res.ok) throw await responseError(req, res);
    return true;
  }

  /** Uploads a blob monolithically (POST for a session, PUT with the digest), unless present. */
  async putBlob(host: string, repository: string, data: Uint8Array, digest: string): Promise<void> {
    const scope = `repository:${repository}:pull,push`;
    if (await this.blobExists(host, repository, digest, scope)) return;
    const post: Req = {
      method: "POST",
      url: `${this.base(host)}/v2/${repository}/blobs/uploads/`,
      scope,
      headers: { "Content-Length": "0" },
    };
    const started = await this.request(host, post);
    await started.body?.cancel();
    if (started.status !== 202) throw await responseError(post, started);
    const location = started.headers.get("location");
    if (!location) {
      throw new ChartaError(`${post.method} ${JSON.stringify(post.url)}: missing Location header`);
    }
    const u = new URL(location, post.url);
    u.searchParams.set("digest", digest);
    const put: Req = {
      method: "PUT",
      url: u.toString(),
      scope,
      body: data,
      headers: { "Content-Type": "application/octet-stream" },
    };
    const res = await this.request(host, put);
    await res.body?.cancel();
    if (res.status !== 201) throw await responseError(put, res);
  }

  /** Uploads a manifest under a tag or digest. */
  async putManifest(
    host: string,
    repository: string,
    reference: string,
    bytes: Uint8Array,
    mediaType = MEDIA_TYPE_MANIFEST,
  ): Promise<void> {
    const put: Req = {
      method: "PUT",
      url: `${this.base(host)}/v2/${repository}/manifests/${reference}`,
      scope: `repository:${repository}:pull,push`,
      body: bytes,
      headers: { "Content-Type": mediaType },
    };
    const res = await this.request(host, put);
    await res.body?.cancel();
    if (res.status !== 201) throw await responseError(put, res);
  }
}
