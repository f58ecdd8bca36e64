/**
 * HTTP to the API server: TLS and authentication from a {@link RestConfig},
 * client-side rate limiting (client-go's token bucket from `--qps` and
 * `--burst-limit`), retries with exponential backoff (429 and 503 honouring
 * `Retry-After`, other transient 5xx, dropped connections), and transport
 * failures worded as Go's `net/http` words them (`Get "URL": dial tcp …`),
 * since helm prints those.
 *
 * Requests go through Deno's native `fetch` with a client bound to the CA
 * and client certificate. `insecure-skip-tls-verify` and `tls-server-name`
 * have no equivalent there, so those configurations use `node:https`.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { RestConfig } from "./config.ts";

/** One HTTP request. */
export interface HttpRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  /** Header lines in order; a name may repeat (one `Impersonate-Group` line per group). */
  headers: Array<[string, string]>;
  body?: string;
}

/** One HTTP response, body read. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** Deno's HTTP client options for a config: its CA, client certificate and proxy. */
export function httpClientOptions(config: RestConfig): Deno.CreateHttpClientOptions {
  const options: Deno.CreateHttpClientOptions & { cert?: string; key?: string } = {};
  if (config.caPem) options.caCerts = [config.caPem];
  if (config.certPem && config.keyPem) {
    options.cert = config.certPem;
    options.key = config.keyPem;
  }
  if (config.proxyUrl) {
    options.proxy = config.proxyUrl.startsWith("socks5")
      ? { transport: "socks5", url: config.proxyUrl }
      : { url: config.proxyUrl };
  }
  return options;
}

/** Node's TLS options for a config (`https.Agent`), for what Deno's client cannot do. */
export interface NodeTlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
  servername?: string;
}

/**
 * Node's TLS options when the config needs them (certificate checks skipped,
 * or another name verified: Deno's HTTP client can do neither), else undefined.
 */
export function nodeTlsOptions(config: RestConfig): NodeTlsOptions | undefined {
  if (!config.insecure && !config.tlsServerName) return undefined;
  return {
    ca: config.caPem,
    cert: config.certPem,
    key: config.keyPem,
    rejectUnauthorized: !config.insecure,
    servername: config.tlsServerName,
  };
}

/** Sends one request; rejects on transport failures only. */
export type Send = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * A failure below HTTP (refused, reset, TLS, DNS), with Go's `url.Error`
 * wording: `Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused`.
 */
export class KubeTransportError extends ChartaError {
  /** Whether retrying may help (a reset connection, not a refused one). */
  readonly transient: boolean;
  /** @param message Go-style text; @param transient see {@link KubeTransportError.transient} */
  constructor(message: string, transient: boolean, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "KubeTransportError";
    this.transient = transient;
  }
}

function causeChain(e: unknown): string {
  const parts: string[] = [];
  let x: unknown = e;
  for (let i = 0; x && i < 8; i++) {
    parts.push(String((x as Error).message ?? x));
    x = (x as { cause?: unknown }).cause;
  }
  return parts.join(" | ");
}

/** Go's `url.Error` op: the method with only its first letter upper-case. */
function goOp(method: string): string {
  return method[0].toUpperCase() + method.slice(1).toLowerCase();
}

function hostPort(url: URL): string {
  const host = url.hostname === "localhost" ? "127.0.0.1" : url.hostname;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${host}:${port}`;
}

/** Translates a fetch/node failure into {@link KubeTransportError} with Go's wording. */
export function transportError(method: string, url: string, e: unknown): KubeTransportError {
  const text = causeChain(e);
  const u = new URL(url);
  const prefix = `${goOp(method)} "${url}": `;
  const code = (e as { code?: string })?.code ?? "";
  let detail: string;
  let transient = false;
  if (/connection refused|ECONNREFUSED/i.test(text) || code === "ECONNREFUSED") {
    detail = `dial tcp ${hostPort(u)}: connect: connection refused`;
  } else if (/dns error|failed to lookup|ENOTFOUND|Name or service not known|no such host/i.test(text)) {
    detail = `dial tcp: lookup ${u.hostname}: no such host`;
  } else if (/UnknownIssuer|unknown ?issuer|self[- ]signed|UNABLE_TO_VERIFY|unknown authority/i.test(text)) {
    detail = "tls: failed to verify certificate: x509: certificate signed by unknown authority";
  } else if (/NotValidForName|not valid for|Hostname\/IP does not match|ERR_TLS_CERT_ALTNAME/i.test(text)) {
    detail = `tls: failed to verify certificate: x509: certificate is not valid for ${u.hostname}`;
  } else if (/Expired|CERT_HAS_EXPIRED/i.test(text)) {
    detail = "tls: failed to verify certificate: x509: certificate has expired or is not yet valid";
  } else if (
    /reset|ECONNRESET|broken pipe|EPIPE|connection closed|closed before|unexpected EOF|socket hang up/i.test(
      text,
    )
  ) {
    detail = /reset|ECONNRESET/i.test(text) ? "read: connection reset by peer" : "EOF";
    transient = true;
  } else if (/timed? ?out|ETIMEDOUT/i.test(text)) {
    detail = `dial tcp ${hostPort(u)}: i/o timeout`;
    transient = true;
  } else {
    detail = String((e as Error)?.message ?? e);
  }
  return new KubeTransportError(prefix + detail, transient, { cause: e });
}

/**
 * The transport for a config: Deno's fetch with the CA and client
 * certificate, or `node:https` when the config needs what fetch cannot do.
 * Call the returned `close` when done (it releases pooled connections).
 */
export function makeSend(config: RestConfig): { send: Send; close: () => void } {
  const tls = nodeTlsOptions(config);
  if (tls) return nodeSend(tls);
  const client = Deno.createHttpClient(httpClientOptions(config));
  const send: Send = async (req) => {
    let res: Response;
    try {
      res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, client });
    } catch (e) {
      throw transportError(req.method, req.url, e);
    }
    let body: string;
    try {
      body = await res.text();
    } catch (e) {
      throw transportError(req.method, req.url, e);
    }
    return { status: res.status, headers: res.headers, body };
  };
  return { send, close: () => client.close() };
}

function nodeSend(tls: NodeTlsOptions): { send: Send; close: () => void } {
  let agent: unknown;
  let https: typeof import("node:https") | undefined;
  let http: typeof import("node:http") | undefined;
  const send: Send = async (req) => {
    const url = new URL(req.url);
    const secure = url.protocol === "https:";
    if (secure && !https) https = await import("node:https");
    if (!secure && !http) http = await import("node:http");
    if (secure && !agent) {
      agent = new https!.Agent({ keepAlive: true, ...tls });
    }
    return await new Promise<HttpResponse>((resolve, reject) => {
      const mod = secure ? https! : http!;
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of req.headers) {
        const old = headers[k];
        headers[k] = old === undefined ? v : [...(Array.isArray(old) ? old : [old]), v];
      }
      const r = mod.request(
        req.url,
        // deno-lint-ignore no-explicit-any
        { method: req.method, headers, agent: secure ? agent as any : undefined },
        (res) => {
          const chunks: Uint8Array[] = [];
          res.on("data", (c: Uint8Array) => chunks.push(c));
          res.on("error", (e: unknown) => reject(transportError(req.method, req.url, e)));
          res.on("end", () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : String(v));
            }
            const len = chunks.reduce((n, c) => n + c.length, 0);
            const all = new Uint8Array(len);
            let off = 0;
            for (const c of chunks) {
              all.set(c, off);
              off += c.length;
            }
            resolve({ status: res.statusCode ?? 0, headers, body: new TextDecoder().decode(all) });
          });
        },
      );
      r.on("error", (e: unknown) => reject(transportError(req.method, req.url, e)));
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  };
  return {
    send,
    close: () => (agent as { destroy?: () => void } | undefined)?.destroy?.(),
  };
}

/**
 * client-go's token bucket (`flowcontrol.NewTokenBucketRateLimiter`): up
 * to `burst` requests at once, refilled at `qps` per second. A negative
 * `qps` disables limiting.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;
  #queue: Promise<void> = Promise.resolve();

  /**
   * @param qps refill rate (requests per second); negative = unlimited
   * @param burst bucket size (at least 1)
   * @param now clock in milliseconds (tests pass a fake one)
   * @param sleep waits the given milliseconds
   */
  constructor(
    readonly qps: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.burst = Math.max(1, burst);
    this.#tokens = this.burst;
    this.#last = now();
  }

  #refill(): void {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.qps);
    this.#last = t;
  }

  /** Waits for a token; callers are served in arrival order. */
  acquire(): Promise<void> {
    if (this.qps < 0) return Promise.resolve();
    const turn = this.#queue.then(async () => {
      this.#refill();
      if (this.#tokens < 1) {
        await this.sleep(((1 - this.#tokens) / this.qps) * 1000);
        this.#refill();
      }
      this.#tokens -= 1;
    });
    this.#queue = turn.catch(() => {});
    return turn;
  }
}

/** How {@link sendWithRetry} retries. */
export interface RetryPolicy {
  /** Retries after the first attempt (client-go retries `Retry-After` responses up to 10 times). */
  maxRetries: number;
  /** First backoff in ms, doubled per retry. */
  baseDelayMs: number;
  /** Longest wait between attempts in ms (also caps `Retry-After`). */
  maxDelayMs: number;
  /** Waits the given milliseconds (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
}

/** Retries: 10 at most, from 200 ms doubling up to 10 s. */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 10, baseDelayMs: 200, maxDelayMs: 10_000 };

/** The transient messages of a 500 helm's `RetryingRoundTripper` retries. */
const TRANSIENT_500 = /etcdserver: leader changed$|raft proposal dropped$/;

function retryAfterMs(h: string | null): number | undefined {
  if (!h) return undefined;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

/** Whether a response should be retried, and after how long at least (ms, from `Retry-After`). */
function retryable(res: HttpResponse): { retry: boolean; after?: number } {
  const after = retryAfterMs(res.headers.get("retry-after"));
  if (res.status === 429) return { retry: true, after };
  if (res.status >= 500) {
    if (after !== undefined || res.status === 502 || res.status === 503 || res.status === 504) {
      return { retry: true, after };
    }
    if (res.status === 500) {
      try {
        const msg = String(JSON.parse(res.body)?.message ?? "");
        return { retry: TRANSIENT_500.test(msg) };
      } catch {
        return { retry: false };
      }
    }
  }
  return { retry: false };
}

/**
 * Sends with rate limiting and retries. A reset connection is retried only
 * for requests that may safely repeat (every method but POST); a refused
 * one is not retried (the server is down: report it at once, as helm does).
 */
export async function sendWithRetry(
  send: Send,
  req: HttpRequest,
  limiter: TokenBucket | undefined,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<HttpResponse> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0;; attempt++) {
    await limiter?.acquire();
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    let res: HttpResponse;
    try {
      res = await send(req);
    } catch (e) {
      const again = e instanceof KubeTransportError && e.transient && req.method !== "POST" &&
        attempt < policy.maxRetries;
      if (!again) throw e;
      await sleep(backoff);
      continue;
    }
    const r = retryable(res);
    if (!r.retry || attempt >= policy.maxRetries) return res;
    await sleep(r.after !== undefined ? Math.min(policy.maxDelayMs, Math.max(r.after, 0)) : backoff);
  }
}
