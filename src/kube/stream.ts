/**
 * Streaming HTTP to the API server, for watches: the response body is
 * handed over as a byte stream instead of being read whole. Same TLS
 * choices as {@link makeSend} (Deno's fetch, or `node:https` when the
 * config needs what fetch cannot do), same Go-worded transport errors.
 *
 * @module
 */
import type { RestConfig } from "./config.ts";
import {
  httpClientOptions,
  type HttpRequest,
  type NodeTlsOptions,
  nodeTlsOptions,
  transportError,
} from "./transport.ts";

/** A response whose body is still arriving. */
export interface StreamResponse {
  status: number;
  headers: Headers;
  /** The body; cancel it (or abort the request's signal) to drop the connection. */
  body: ReadableStream<Uint8Array>;
}

/** Opens one streaming request; rejects on transport failures only. */
export type OpenStream = (req: HttpRequest, signal?: AbortSignal) => Promise<StreamResponse>;

/**
 * The streaming transport for a config. Call `close` when done: it drops
 * the pooled connections (open watches end).
 */
export function makeOpenStream(config: RestConfig): { open: OpenStream; close: () => void } {
  const tls = nodeTlsOptions(config);
  if (tls) return nodeOpenStream(tls);
  const options = httpClientOptions(config);
  let client: Deno.HttpClient | undefined;
  const open: OpenStream = async (req, signal) => {
    client ??= Deno.createHttpClient(options);
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        client,
        signal,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw transportError(req.method, req.url, e);
    }
    return {
      status: res.status,
      headers: res.headers,
      body: res.body ?? new ReadableStream({ start: (c) => c.close() }),
    };
  };
  return {
    open,
    close: () => {
      client?.close();
      client = undefined;
    },
  };
}

function nodeOpenStream(tls: NodeTlsOptions): { open: OpenStream; close: () => void } {
  let agent: unknown;
  const open: OpenStream = async (req, signal) => {
    const url = new URL(req.url);
    const secure = url.protocol === "https:";
    const mod = secure ? await import("node:https") : await import("node:http");
    if (secure && !agent) {
      const https = mod as typeof import("node:https");
      agent = new https.Agent({ keepAlive: true, ...tls });
    }
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of req.headers) {
      const old = headers[k];
      headers[k] = old === undefined ? v : [...(Array.isArray(old) ? old : [old]), v];
    }
    return await new Promise<StreamResponse>((resolve, reject) => {
      const r = mod.request(
        req.url,
        // deno-lint-ignore no-explicit-any
        { method: req.method, headers, agent: secure ? agent as any : undefined, signal },
        (res) => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : String(v));
          }
          const body = new ReadableStream<Uint8Array>({
            start(c) {
              res.on("data", (chunk: Uint8Array) => c.enqueue(new Uint8Array(chunk)));
              res.on("end", () => c.close());
              res.on("error", (e: unknown) => c.error(transportError(req.method, req.url, e)));
            },
            cancel() {
              res.destroy();
            },
          });
          resolve({ status: res.statusCode ?? 0, headers: h, body });
        },
      );
      r.on("error", (e: unknown) => reject(signal?.aborted ? e : transportError(req.method, req.url, e)));
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  };
  return { open, close: () => (agent as { destroy?: () => void } | undefined)?.destroy?.() };
}
