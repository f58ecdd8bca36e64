/**
 * An OCI distribution client over `fetch`, written on the distribution spec
 * (https://github.com/opencontainers/distribution-spec): the
 * `WWW-Authenticate` challenge flow (Basic, and Bearer through the token
 * endpoint as registries run it), manifests and blobs up and down
 * (monolithic POST+PUT uploads), tag lists, and digest verification of
 * everything fetched. Errors read as oras' (helm's registry library) do.
 *
 * Credentials are sent only to the registry host they belong to: the token
 * endpoint gets them because the registry named it in its challenge (and
 * only when that endpoint passes oras' realm check), and redirects (blob
 * downloads to storage backends) are followed without them.
 *
 * Authentication follows oras' `auth.Client` (helm's registry library)
 * request for request, so registries see what helm sends: the scheme a host
 * answered with and its tokens are cached, bearer tokens per set of scopes
 * (the operation's `repository:NAME:ACTIONS`, the client's scope hints and
 * the challenge's `scope`, merged and sorted as oras' `CleanScopes` does);
 * a cached token the registry refuses is replaced by a fresh one; tokens are
 * fetched with `GET realm?scope=…&service=…` (Basic credentials when there
 * are any) or, for identity tokens and at login, with OAuth2's form `POST`.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { Credential } from "./credentials.ts";
import { validateDigest } from "./reference.ts";
import type { DownloadProgressFactory } from "../progress/download.ts";
import { fetchErrorText, tlsVerifyError } from "../net/tls_error.ts";
import { unmarshal } from "../gojson/decode.ts";
import type { GoType } from "../gojson/types.ts";

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

/**
 * oras' `errcode.ErrorResponse` message of a failed response: each error as
 * `code: message: detail`, the detail printed as Go's `%v` prints a decoded
 * JSON value (`[map[Action:pull Name:a/b Type:repository]]`).
 */
async function responseError(req: Req, res: Response): Promise<ChartaError> {
  let msg = STATUS_TEXT[res.status] ?? res.statusText;
  try {
    const body = JSON.parse(await res.text()) as {
      errors?: { code?: string; message?: string; detail?: unknown }[];
    };
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const parts: string[] = [];
      for (const e of body.errors) {
        const code = String(e.code ?? "").toLowerCase().replaceAll("_", " ");
        if (!e.message) parts.push(code);
        else if (e.detail === undefined || e.detail === null) parts.push(`${code}: ${e.message}`);
        else parts.push(`${code}: ${e.message}: ${await goValue(e.detail)}`);
      }
      msg = parts.join("; ");
    }
  } catch { /* no error body */ }
  return new ChartaError(
    `${req.method} ${JSON.stringify(req.url)}: response status code ${res.status}: ${msg}`,
  );
}

/** A JSON value as Go's `%v` prints it (the template engine's printer, loaded only for non-strings). */
async function goValue(v: unknown): Promise<string> {
  if (typeof v === "string") return v;
  const { formatValue } = await import("../gotpl/fmt.ts");
  return formatValue(v);
}

function sortActions(actions: string[]): string[] {
  const set = [...new Set(actions.filter((a) => a !== ""))].sort();
  return set.includes("*") ? ["*"] : set;
}

/**
 * oras' `CleanScopes`: scopes of the same resource merged, actions sorted
 * and deduplicated (`*` absorbing the rest), the list sorted; scopes that
 * are not `type:name:actions` kept as they are.
 */
export function cleanScopes(scopes: string[]): string[] {
  if (scopes.length === 0) return [];
  if (scopes.length === 1) {
    const scope = scopes[0];
    const i = scope.lastIndexOf(":");
    if (i < 0) return [scope];
    const actions = scope.slice(i + 1).split(",");
    // A single action is taken as it is (oras' cleanActions); only "" drops the scope.
    const cleaned = actions.length === 1 ? actions.filter((a) => a !== "") : sortActions(actions);
    return cleaned.length === 0 ? [] : [scope.slice(0, i + 1) + cleaned.join(",")];
  }
  const result: string[] = [];
  const resources = new Map<string, Map<string, Set<string>>>();
  for (const scope of scopes) {
    const i = scope.indexOf(":");
    const rest = scope.slice(i + 1);
    const j = rest.lastIndexOf(":");
    if (i < 0 || j < 0) {
      result.push(scope);
      continue;
    }
    const actions = rest.slice(j + 1);
    if (actions === "") continue;
    const type = scope.slice(0, i);
    const byName = resources.get(type) ?? new Map<string, Set<string>>();
    resources.set(type, byName);
    const set = byName.get(rest.slice(0, j)) ?? new Set<string>();
    byName.set(rest.slice(0, j), set);
    for (const a of actions.split(",")) if (a !== "") set.add(a);
  }
  for (const [type, byName] of resources) {
    for (const [name, set] of byName) {
      if (set.size === 0) continue;
      result.push(`${type}:${name}:${(set.has("*") ? ["*"] : [...set].sort()).join(",")}`);
    }
  }
  // Go sorts strings by bytes; these are ASCII in practice, where the orders agree.
  return result.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go's `url.QueryEscape`. */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%20", "+");
}

/** Go's `url.Values.Encode`: keys sorted, each value escaped. */
function goEncode(values: Array<[string, string]>): string {
  const keys = [...new Set(values.map(([k]) => k))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  for (const k of keys) {
    for (const [key, v] of values) if (key === k) out.push(`${queryEscape(k)}=${queryEscape(v)}`);
  }
  return out.join("&");
}

/** The host of a URL as Go's `URL.Hostname` gives it (no port, no IPv6 brackets); raw, not normalized. */
function rawHostname(url: string): string {
  let rest = url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:/, "");
  if (!rest.startsWith("//")) return "";
  rest = rest.slice(2);
  const end = rest.search(/[/?#]/);
  let host = end >= 0 ? rest.slice(0, end) : rest;
  host = host.slice(host.lastIndexOf("@") + 1);
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]") >= 0 ? host.indexOf("]") : undefined);
  const colon = host.indexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

/** Go's `net.ParseIP` for the checks oras makes: the 16 bytes, IPv4 mapped, or undefined. */
function parseIP(s: string): Uint8Array | undefined {
  const v4 = (t: string): number[] | undefined => {
    const parts = t.split(".");
    if (parts.length !== 4) return undefined;
    const out: number[] = [];
    for (const p of parts) {
      if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === "0") || Number(p) > 255) return undefined;
      out.push(Number(p));
    }
    return out;
  };
  const four = v4(s);
  if (four) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...four]);
  if (!s.includes(":") || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === "") return [];
    const out: number[] = [];
    const parts = h.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes(".")) {
        const tail = v4(p);
        if (!tail) return undefined;
        out.push((tail[0] << 8) | tail[1], (tail[2] << 8) | tail[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  const all = [...head, ...new Array(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

/** Loopback, private, link-local or unspecified, as Go's `net.IP` methods class them. */
function isInternalIP(ip: Uint8Array): boolean {
  const mapped = ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
  if (mapped) {
    const [a, b, c] = ip.slice(12);
    return a === 127 || a === 10 || (a === 172 && (b & 0xf0) === 16) || (a === 192 && b === 168) ||
      (a === 169 && b === 254) || (a === 224 && b === 0 && c === 0) || ip.slice(12).every((x) => x === 0);
  }
  const zeroes = ip.slice(0, 15).every((b) => b === 0);
  return (zeroes && (ip[15] === 1 || ip[15] === 0)) || (ip[0] & 0xfe) === 0xfc ||
    (ip[0] === 0xfe && (ip[1] & 0xc0) === 0x80) || (ip[0] === 0xff && (ip[1] & 0x0f) === 0x02);
}

/**
 * oras' `validateRealm`: a bearer realm must be http(s) (not http when the
 * registry was reached over https), and may name a loopback, private,
 * link-local or unspecified IP address only when it is the registry's own
 * host, so a registry cannot steer credentials to internal services.
 *
 * @returns the error text, or undefined when the realm may be asked
 */
export function realmProblem(realm: string, registryURL: string): string | undefined {
  if (realm === "") return undefined;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(realm);
  const scheme = m ? m[1].toLowerCase() : "";
  if (scheme === "http") {
    if (registryURL.startsWith("https:")) {
      return `bearer realm ${JSON.stringify(realm)} uses http but registry was contacted over https`;
    }
  } else if (scheme !== "https") {
    return `bearer realm ${JSON.stringify(realm)} uses unsupported scheme ${JSON.stringify(scheme)}`;
  }
  const host = rawHostname(realm);
  const ip = parseIP(host);
  if (ip && isInternalIP(ip) && host !== rawHostname(registryURL)) {
    return `bearer realm host ${
      JSON.stringify(host)
    } is a loopback, link-local, private, or unspecified address`;
  }
  return undefined;
}

/** oras' `EmptyCredential`: nothing at all. */
function isEmpty(c: Credential | undefined): boolean {
  return !c || (!c.username && !c.password && !c.identityToken && !c.registryToken);
}

const TOKEN_RESPONSE: GoType = {
  kind: "struct",
  name: "",
  fields: [
    { json: "token", type: { kind: "string" } },
    { json: "access_token", type: { kind: "string" } },
  ],
};

/** A token endpoint's JSON answer, decoded as Go's json.Decoder would (its error texts). */
async function decodeTokenResponse(
  treq: Req,
  res: Response,
): Promise<{ token?: string; access_token?: string }> {
  const text = await res.text();
  try {
    if (text.trim() === "") throw new Error("EOF");
    return (unmarshal(text, { target: TOKEN_RESPONSE }) ?? {}) as { token?: string; access_token?: string };
  } catch (e) {
    throw new ChartaError(
      `${treq.method} ${JSON.stringify(treq.url)}: failed to decode response: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** What oras' cache keeps for a host: the scheme it answered with, and tokens (by scope key for bearer). */
interface AuthEntry {
  scheme: "basic" | "bearer";
  tokens: Map<string, string>;
}

/** A registry client for one set of options; caches the authentication scheme and tokens per host. */
export class RegistryClient {
  private readonly auth = new Map<string, AuthEntry>();
  private readonly scopeHints = new Map<string, string[]>();
  /**
   * oras' `ForceAttemptOAuth2`: fetch bearer tokens with the OAuth2 password
   * grant (a form POST) even without an identity token. helm's login sets
   * it for its first attempt only, since some token endpoints (GHCR's)
   * accept GET only.
   */
  forceAttemptOAuth2 = false;
  private httpClient?: Deno.HttpClient;
  private insecureFetch?: typeof fetch;
  private readonly doFetch: typeof fetch;

  /** @param opts transport and credentials */
  constructor(private readonly opts: ClientOptions = {}) {
    this.doFetch = opts.fetch ?? fetch;
  }

  private async client(): Promise<Deno.HttpClient | undefined> {
    if (this.opts.plainHTTP || this.opts.insecureSkipTLSVerify) return undefined;
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

  /**
   * The fetch of a client that skips certificate checks
   * (src/net/insecure_fetch.ts, loaded only then), with the client
   * certificate if one was given.
   */
  private async insecure(): Promise<typeof fetch> {
    if (!this.insecureFetch) {
      const { insecureFetch } = await import("../net/insecure_fetch.ts");
      const tls = this.opts.certFile && this.opts.keyFile
        ? {
          cert: await Deno.readTextFile(this.opts.certFile),
          key: await Deno.readTextFile(this.opts.keyFile),
        }
        : {};
      this.insecureFetch = (input, init) => insecureFetch(String(input), init, tls);
    }
    return this.insecureFetch;
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
    // Tests hand in their own fetch; otherwise --insecure needs the verification-free one.
    const doFetch = this.opts.insecureSkipTLSVerify && !this.opts.plainHTTP && !this.opts.fetch
      ? await this.insecure()
      : this.doFetch;
    let res: Response;
    try {
      res = await doFetch(req.url, init);
    } catch (e) {
      const tls = tlsVerifyError(fetchErrorText(e));
      if (tls) {
        // Go's url.Error, which names the method as `Head`, wraps transport failures.
        const op = req.method[0] + req.method.slice(1).toLowerCase();
        throw new ChartaError(`${op} ${JSON.stringify(req.url)}: ${tls}`, { cause: e });
      }
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
      res = await doFetch(next, { ...init, headers: h, method: req.method === "HEAD" ? "HEAD" : "GET" });
    }
    return res;
  }

  /**
   * Adds scopes every later request to `host` asks tokens for (oras'
   * `AppendScopesForHost`; helm's push hints `repository:NAME:pull,push`,
   * so even its first existence check gets a token that may push).
   */
  appendScopeHint(host: string, ...scopes: string[]): void {
    this.scopeHints.set(host, cleanScopes([...(this.scopeHints.get(host) ?? []), ...scopes]));
  }

  /**
   * Sends a request, answering the registry's authentication challenge once
   * (oras' `auth.Client.Do`). A response that is still 401 is returned to
   * the caller, whose error then names it.
   */
  async request(host: string, req: Req): Promise<Response> {
    const hinted = this.scopeHints.get(host) ?? [];
    const scopes = req.scope ? cleanScopes([...hinted, req.scope]) : hinted;
    const cached = this.auth.get(host);
    let attemptedKey = "";
    let auth: string | undefined;
    if (cached?.scheme === "basic") {
      const t = cached.tokens.get("");
      if (t) auth = `Basic ${t}`;
    } else if (cached?.scheme === "bearer") {
      attemptedKey = scopes.join(" ");
      const t = cached.tokens.get(attemptedKey);
      if (t) auth = `Bearer ${t}`;
    }
    const res = await this.send(req, auth);
    if (res.status !== 401) return res;
    const challenge = parseChallenge(res.headers.get("www-authenticate") ?? "");
    const where = `${req.method} ${JSON.stringify(req.url)}`;
    if (challenge?.scheme === "basic") {
      await res.body?.cancel();
      let token: string;
      try {
        token = await this.basicToken(host);
      } catch (e) {
        throw new ChartaError(`${where}: ${(e as Error).message}`, { cause: e });
      }
      this.store(host, "basic", "", token);
      return await this.send(req, `Basic ${token}`);
    }
    if (challenge?.scheme !== "bearer") return res;
    await res.body?.cancel();
    let all = scopes;
    if (challenge.params.scope) all = cleanScopes([...scopes, ...challenge.params.scope.split(" ")]);
    const key = all.join(" ");
    if (key !== attemptedKey) {
      const t = this.auth.get(host)?.scheme === "bearer" ? this.auth.get(host)!.tokens.get(key) : undefined;
      if (t) {
        const again = await this.send(req, `Bearer ${t}`);
        if (again.status !== 401) return again;
        await again.body?.cancel();
      }
    }
    const realm = challenge.params.realm ?? "";
    const bad = realmProblem(realm, req.url);
    if (bad) throw new ChartaError(`${where}: ${bad}`);
    let token: string;
    try {
      token = await this.bearerToken(host, realm, challenge.params.service ?? "", all);
    } catch (e) {
      throw new ChartaError(`${where}: ${(e as Error).message}`, { cause: e });
    }
    this.store(host, "bearer", key, token);
    return await this.send(req, `Bearer ${token}`);
  }

  /** oras' cache `Set`: a host answering with another scheme than before drops its old tokens. */
  private store(host: string, scheme: "basic" | "bearer", key: string, token: string): void {
    let entry = this.auth.get(host);
    if (!entry || entry.scheme !== scheme) {
      entry = { scheme, tokens: new Map() };
      this.auth.set(host, entry);
    }
    entry.tokens.set(key, token);
  }

  /** oras' `fetchBasicAuth`: base64 of `user:password`. */
  private async basicToken(host: string): Promise<string> {
    let cred: Credential | undefined;
    try {
      cred = await this.opts.credential?.(host);
    } catch (e) {
      // oras' wording for a store (a credential helper) that failed.
      throw new ChartaError(`failed to resolve credential: ${(e as Error).message}`, { cause: e });
    }
    if (isEmpty(cred)) throw new ChartaError("basic credential not found");
    if (!cred!.username || !cred!.password) {
      throw new ChartaError("missing username or password for basic auth");
    }
    return basic(cred!).slice("Basic ".length);
  }

  /** oras' `fetchBearerToken`: a registry token as is, else the distribution GET or the OAuth2 POST. */
  private async bearerToken(host: string, realm: string, service: string, scopes: string[]): Promise<string> {
    const cred = await this.opts.credential?.(host);
    if (cred?.registryToken) return cred.registryToken;
    if (isEmpty(cred) || (!cred!.identityToken && !this.forceAttemptOAuth2)) {
      return await this.fetchDistributionToken(realm, service, scopes, cred);
    }
    return await this.fetchOAuth2Token(realm, service, scopes, cred!);
  }

  /** The token spec's `GET realm?scope=…&service=…`, with Basic credentials when there are any. */
  private async fetchDistributionToken(
    realm: string,
    service: string,
    scopes: string[],
    cred?: Credential,
  ): Promise<string> {
    // Go's url.Values: the realm's own parameters kept, service set, scopes added, keys sorted.
    const hash = realm.indexOf("#");
    const fragment = hash >= 0 ? realm.slice(hash) : "";
    const noFragment = hash >= 0 ? realm.slice(0, hash) : realm;
    const q = noFragment.indexOf("?");
    const base = q >= 0 ? noFragment.slice(0, q) : noFragment;
    const params: Array<[string, string]> = q >= 0 ? [...new URLSearchParams(noFragment.slice(q + 1))] : [];
    const values = params.filter(([k]) => !(service && k === "service"));
    if (service) values.push(["service", service]);
    for (const s of scopes) values.push(["scope", s]);
    const query = goEncode(values);
    const url = query ? `${base}?${query}${fragment}` : `${base}${fragment}`;
    if (!/^https?:/i.test(url)) {
      const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1] ?? "";
      // Go's http.Client refuses it before sending; its url.Error says `Get`.
      throw new ChartaError(
        `Get ${JSON.stringify(url)}: unsupported protocol scheme ${JSON.stringify(scheme)}`,
      );
    }
    const headers: Record<string, string> = {};
    if (cred && (cred.username || cred.password)) headers.Authorization = basic(cred);
    const treq: Req = { method: "GET", url, headers };
    const res = await this.send(treq);
    if (res.status !== 200) throw await responseError(treq, res);
    const body = await decodeTokenResponse(treq, res);
    const token = body.access_token || body.token;
    if (!token) throw new ChartaError(`${treq.method} ${JSON.stringify(treq.url)}: empty token returned`);
    return token;
  }

  /**
   * OAuth2 at the token endpoint (distribution's token spec), as oras sends
   * it for helm: the refresh-token grant for identity tokens, else (forced,
   * at login) the password grant; a form POST to the realm.
   */
  private async fetchOAuth2Token(
    realm: string,
    service: string,
    scopes: string[],
    cred: Credential,
  ): Promise<string> {
    const form: Array<[string, string]> = [];
    if (cred.identityToken) {
      form.push(["grant_type", "refresh_token"], ["refresh_token", cred.identityToken]);
    } else if (cred.username && cred.password) {
      form.push(["grant_type", "password"], ["username", cred.username], ["password", cred.password]);
    } else {
      throw new ChartaError("missing username or password for bearer auth");
    }
    form.push(["service", service], ["client_id", "oras-go"]);
    if (scopes.length) form.push(["scope", scopes.join(" ")]);
    const treq: Req = {
      method: "POST",
      url: realm,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new TextEncoder().encode(goEncode(form)),
    };
    const res = await this.send(treq);
    if (res.status !== 200) throw await responseError(treq, res);
    const body = await decodeTokenResponse(treq, res);
    if (!body.access_token) {
      throw new ChartaError(`${treq.method} ${JSON.stringify(treq.url)}: empty token returned`);
    }
    return body.access_token;
  }

  /** `GET /v2/` with authentication (login's check; oras' `Registry.Ping`). */
  async ping(host: string): Promise<void> {
    const req: Req = { method: "GET", url: `${this.base(host)}/v2/` };
    const res = await this.request(host, req);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new ChartaError("not found");
    }
    if (res.status !== 200) throw await responseError(req, res);
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
  async getBlob(
    host: string,
    repository: string,
    desc: Descriptor,
    progress?: { factory: DownloadProgressFactory; label: string },
  ): Promise<Uint8Array> {
    const bad = validateDigest(desc.digest);
    if (bad) throw new ChartaError(`invalid digest ${JSON.stringify(desc.digest)}: ${bad}`);
    const url = `${this.base(host)}/v2/${repository}/blobs/${desc.digest}`;
    const req: Req = { method: "GET", url, scope: `repository:${repository}:pull` };
    const res = await this.request(host, req);
    if (!res.ok) throw await responseError(req, res);
    const bytes = progress
      ? await (await import("../progress/download.ts")).readBodyWithProgress(
        res,
        progress.label,
        progress.factory,
        desc.size,
      )
      : new Uint8Array(await res.arrayBuffer());
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
    await this.uploadBlob(host, repository, data, digest);
  }

  /** Uploads a blob monolithically: POST for a session, PUT with the digest. */
  async uploadBlob(host: string, repository: string, data: Uint8Array, digest: string): Promise<void> {
    const scope = `repository:${repository}:pull,push`;
    const post: Req = {
      method: "POST",
      url: `${this.base(host)}/v2/${repository}/blobs/uploads/`,
      scope,
      headers: { "Content-Length": "0" },
    };
    const started = await this.request(host, post);
    if (started.status !== 202) throw await responseError(post, started);
    await started.body?.cancel();
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
    if (res.status !== 201) throw await responseError(put, res);
    await res.body?.cancel();
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
    if (res.status !== 201) throw await responseError(put, res);
    await res.body?.cancel();
  }
}
