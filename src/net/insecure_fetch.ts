/**
 * A `fetch` for HTTPS servers whose certificate is not checked
 * (`--insecure-skip-tls-verify`, `registry login --insecure`, a repository
 * entry's `insecure_skip_tls_verify`). Deno's own fetch and
 * `Deno.createHttpClient` always verify the server (only the process-wide
 * `--unsafely-ignore-certificate-errors` turns that off), so these requests
 * go through Node's `https` module with `rejectUnauthorized: false`, which
 * Deno's Node compatibility honours. Callers import this module lazily, only
 * for requests that asked to skip verification: loading `node:https` costs
 * a noticeable part of a second.
 *
 * Only what charta's HTTP clients use is supported: method, headers, a
 * byte or string body, an abort signal, and no redirect following (the
 * callers follow redirects themselves).
 *
 * @module
 */
import { request } from "node:https";
import type { IncomingMessage } from "node:http";

/** Client certificate for mutual TLS (PEM text). */
export interface InsecureTlsOptions {
  /** Client certificate. */
  cert?: string;
  /** Client key. */
  key?: string;
}

/** Statuses whose responses have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function toResponse(res: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) { for (const x of v) headers.append(k, x); }
    else if (v !== undefined) headers.set(k, String(v));
  }
  const status = res.statusCode ?? 0;
  let body: ReadableStream<Uint8Array> | null = null;
  if (NULL_BODY.has(status) || method === "HEAD") {
    res.resume();
  } else {
    // Node keeps emitting after the reader cancelled; a closed stream must not be touched again.
    let open = true;
    body = new ReadableStream<Uint8Array>({
      start(c) {
        res.on("data", (d: Uint8Array) => open && c.enqueue(new Uint8Array(d)));
        res.on("end", () => {
          if (open) c.close();
          open = false;
        });
        const fail = (e: Error) => {
          if (open) c.error(e);
          open = false;
        };
        res.on("error", fail);
        // A connection cut before the declared length surfaces as "aborted".
        res.on("aborted", () => fail(new Error("unexpected EOF")));
      },
      cancel() {
        open = false;
        res.destroy();
      },
    });
  }
  return new Response(body, { status, statusText: res.statusMessage ?? "", headers });
}

async function bodyBytes(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return new TextEncoder().encode(body);
  return new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
}

/**
 * `fetch(url, init)` without certificate verification for `https:` URLs
 * (plain `http:` ones go to the ordinary fetch). Redirects are returned, not
 * followed. Transport failures reject with an Error whose message names the
 * problem (`connection refused`, the TLS alert, …).
 */
export async function insecureFetch(
  url: string,
  init: RequestInit = {},
  tls: InsecureTlsOptions = {},
): Promise<Response> {
  const u = new URL(url);
  if (u.protocol !== "https:") return await fetch(url, init);
  const method = (init.method ?? "GET").toUpperCase();
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => (headers[k] = v));
  const body = await bodyBytes(init.body);
  if (body && headers["content-length"] === undefined) headers["content-length"] = String(body.length);
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  return await new Promise<Response>((resolve, reject) => {
    const req = request(u, {
      method,
      headers,
      rejectUnauthorized: false,
      // A fresh connection per request, closed after it: no idle socket keeps the process alive.
      agent: false,
      cert: tls.cert,
      key: tls.key,
    }, (res) => resolve(toResponse(res, method)));
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e: Error & { code?: string }) => {
      signal?.removeEventListener("abort", onAbort);
      if (e.code === "ECONNREFUSED") reject(new Error("connection refused", { cause: e }));
      else if (e.code === "ENOTFOUND") reject(new Error("dns error: failed to lookup address", { cause: e }));
      else reject(e);
    });
    req.end(body);
  });
}
