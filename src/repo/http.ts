/**
 * HTTP(S) downloads as helm's `HTTPGetter` makes them: basic auth only for
 * the repository's own scheme, host and port (unless `--pass-credentials`),
 * client TLS certificates and a CA bundle, and helm's `failed to fetch URL : STATUS` error for anything but 200.
 * Redirects are followed by hand so that credentials never travel to
 * another origin.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { HELM_COMPAT_VERSION } from "../version/mod.ts";
import type { DownloadProgressOption } from "../progress/download.ts";
import { tlsVerifyError } from "../net/tls_error.ts";

/** Credentials and TLS settings of a download (a repository entry's or the flags'). */
export interface GetterOptions {
  /** The repository URL the credentials were given for (helm's `WithURL`). */
  url?: string;
  /** Basic auth user. */
  username?: string;
  /** Basic auth password. */
  password?: string;
  /** Send credentials to every host (`--pass-credentials`). */
  passCredentialsAll?: boolean;
  /** Client certificate (PEM file). */
  certFile?: string;
  /** Client key (PEM file). */
  keyFile?: string;
  /** CA bundle (PEM file). */
  caFile?: string;
  /**
   * Skip server certificate checks. Deno's fetch cannot, so such HTTPS
   * requests go through src/net/insecure_fetch.ts (Node's https), loaded
   * only then.
   */
  insecureSkipTLSVerify?: boolean;
  /** Time limit in milliseconds (helm's default: 120 s). */
  timeoutMs?: number;
  /** charta's own: a progress bar while the body arrives (src/progress/download.ts); none by default. */
  progress?: DownloadProgressOption;
}

const MAX_REDIRECTS = 10;

function origin(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

/** Whether basic auth goes along to `href` (helm's getter rule: same scheme and host:port). */
export function sendsCredentials(opts: GetterOptions, href: string): boolean {
  if (!opts.username || !opts.password) return false;
  if (opts.passCredentialsAll) return true;
  if (!opts.url) return false;
  try {
    return origin(new URL(opts.url)) === origin(new URL(href));
  } catch {
    return false;
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    throw new ChartaError(
      `can't create TLS config for client: failed to read ${what} ${path}: ${(e as Error).message}`,
    );
  }
}

async function httpClient(opts: GetterOptions): Promise<Deno.HttpClient | undefined> {
  const needsClient = opts.caFile || opts.certFile || opts.keyFile;
  if (!needsClient) return undefined;
  const init: Deno.CreateHttpClientOptions & { cert?: string; key?: string } = {};
  if (opts.caFile) init.caCerts = [await readText(opts.caFile, "CA file")];
  if (opts.certFile && opts.keyFile) {
    init.cert = await readText(opts.certFile, "certificate file");
    init.key = await readText(opts.keyFile, "key file");
  }
  return Deno.createHttpClient(init);
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** The fetch of requests that skip certificate checks (with the client certificate, if any). */
async function insecureFetcher(opts: GetterOptions): Promise<Fetch> {
  const { insecureFetch } = await import("../net/insecure_fetch.ts");
  const tls = opts.certFile && opts.keyFile
    ? {
      cert: await readText(opts.certFile, "certificate file"),
      key: await readText(opts.keyFile, "key file"),
    }
    : {};
  return (url, init) => insecureFetch(url, init, tls);
}

/**
 * GETs `href` and returns the body; anything but 200 is helm's
 * `failed to fetch HREF : 404 Not Found`.
 *
 * @throws {ChartaError} for transport errors and bad statuses
 */
export async function httpGet(href: string, opts: GetterOptions = {}): Promise<Uint8Array> {
  const client = await httpClient(opts);
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 120_000);
  try {
    let current = href;
    let auth = sendsCredentials(opts, href);
    let insecure: Fetch | undefined;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers = new Headers({ "User-Agent": `Helm/${HELM_COMPAT_VERSION.replace(/^v/, "")}` });
      if (auth) headers.set("Authorization", `Basic ${btoa(`${opts.username}:${opts.password}`)}`);
      let resp: Response;
      try {
        if (opts.insecureSkipTLSVerify && current.startsWith("https:")) {
          insecure ??= await insecureFetcher(opts);
          resp = await insecure(current, { headers, redirect: "manual", signal });
        } else {
          resp = await fetch(current, { headers, redirect: "manual", signal, client } as RequestInit);
        }
      } catch (e) {
        throw new ChartaError(`Get "${current}": ${transportError(current, e as Error)}`, { cause: e });
      }
      if (resp.status >= 300 && resp.status < 400 && resp.headers.get("location")) {
        await resp.body?.cancel();
        const next = new URL(resp.headers.get("location")!, current).toString();
        // Go's client drops Authorization when a redirect leaves the origin; helm adds
        // nothing back, so credentials stay with the host they were given for.
        if (origin(new URL(next)) !== origin(new URL(current)) && !opts.passCredentialsAll) auth = false;
        current = next;
        continue;
      }
      if (resp.status !== 200) {
        await resp.body?.cancel();
        throw new ChartaError(
          `failed to fetch ${href} : ${resp.status} ${resp.statusText || statusText(resp.status)}`,
        );
      }
      const body = opts.progress
        ? await readWithProgress(resp, href, opts)
        : new Uint8Array(await resp.arrayBuffer());
      const declared = resp.headers.get("content-length");
      if (declared !== null && Number(declared) !== body.length) {
        throw new ChartaError(`failed to fetch ${href} : unexpected EOF`);
      }
      return body;
    }
    throw new ChartaError(`Get "${href}": stopped after ${MAX_REDIRECTS} redirects`);
  } finally {
    client?.close();
  }
}

/** The body, with a progress bar when the options ask for one (and stderr is a terminal). */
async function readWithProgress(resp: Response, href: string, opts: GetterOptions): Promise<Uint8Array> {
  const { downloadProgress, readBodyWithProgress, urlLabel } = await import("../progress/download.ts");
  const factory = downloadProgress(opts.progress);
  if (!factory) return new Uint8Array(await resp.arrayBuffer());
  return await readBodyWithProgress(resp, urlLabel(href), factory);
}

/** Go's wording for the common transport failures (Deno's otherwise), after `Get "URL": `. */
export function transportError(href: string, e: Error): string {
  const u = new URL(href);
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  const text = `${e.message} ${e.cause instanceof Error ? e.cause.message : ""}`;
  if (/connection refused/i.test(text)) return `dial tcp ${u.hostname}:${port}: connect: connection refused`;
  if (/dns error|failed to lookup|name or service not known/i.test(text)) {
    return `dial tcp: lookup ${u.hostname}: no such host`;
  }
  const tls = tlsVerifyError(text);
  if (tls) return tls;
  if (e.name === "TimeoutError") {
    return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
  }
  return e.message;
}

function statusText(code: number): string {
  const known: Record<number, string> = {
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
  };
  return known[code] ?? "";
}
