/**
 * A blocking GET against the API server, for code that cannot await: the
 * template function `lookup` runs inside the synchronous template executor,
 * as client-go's calls do inside Go's. The request runs in a worker while
 * this thread sleeps on shared memory (`Atomics.wait`) until the worker has
 * written the answer there.
 *
 * The worker is started on the first request (about 25 ms), from source
 * text built from {@link workerMain} (no file beside the sources is read,
 * so this works in the compiled binary), and must be {@link BlockingGet.close}d.
 *
 * @module
 */
import { type NodeTlsOptions, transportError } from "./transport.ts";

/** How the worker reaches the API server. */
export interface BlockingGetConfig {
  /** `https://host:port`, possibly with a path prefix. */
  server: string;
  /** Every header to send (authentication, impersonation, user agent). */
  headers: Array<[string, string]>;
  /** Deno's HTTP client options (CA, client certificate, proxy). */
  http: Deno.CreateHttpClientOptions & { cert?: string; key?: string };
  /** Node's TLS options instead, when certificate checks are skipped or another name is verified. */
  node?: NodeTlsOptions;
  /** How long one request may take. */
  timeoutMs?: number;
}

/** An answer: the status and the body as text. */
export interface BlockingResponse {
  status: number;
  body: string;
}

// Control cells: [0] state, [1] HTTP status, [2] byte length.
const WAITING = 0;
const DONE = 1;
const TOO_BIG = 2;
const FAILED = 3;
const DATA_BYTES = 1 << 20;

/**
 * The worker's whole program. It is turned into source text, so it uses
 * nothing from this module's scope.
 */
function workerMain(): void {
  type Message =
    | { kind: "get"; ctl: SharedArrayBuffer; data: SharedArrayBuffer; url: string; cfg: BlockingGetConfig }
    | { kind: "copy"; ctl: SharedArrayBuffer; into: SharedArrayBuffer };
  let client: Deno.HttpClient | undefined;
  let agent: unknown;
  let held: Uint8Array = new Uint8Array(0);
  const finish = (ctl: Int32Array, state: number) => {
    Atomics.store(ctl, 0, state);
    Atomics.notify(ctl, 0);
  };
  const viaNode = async (url: string, cfg: BlockingGetConfig): Promise<[number, Uint8Array]> => {
    const https = await import("node:https");
    agent ??= new https.Agent({ keepAlive: true, ...cfg.node });
    return await new Promise((resolve, reject) => {
      const req = https.request(
        url,
        { headers: Object.fromEntries(cfg.headers), agent: agent as never },
        (res) => {
          const chunks: Uint8Array[] = [];
          res.on("data", (c: Uint8Array) => chunks.push(c));
          res.on("end", () => {
            const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
            let off = 0;
            for (const c of chunks) {
              out.set(c, off);
              off += c.length;
            }
            resolve([res.statusCode ?? 0, out]);
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end();
    });
  };
  const scope = globalThis as unknown as { onmessage: (e: MessageEvent<Message>) => void };
  scope.onmessage = async (e) => {
    const m = e.data;
    const ctl = new Int32Array(m.ctl);
    if (m.kind === "copy") {
      new Uint8Array(m.into).set(held);
      held = new Uint8Array(0);
      finish(ctl, 1);
      return;
    }
    try {
      let status: number;
      let body: Uint8Array;
      if (m.cfg.node) [status, body] = await viaNode(m.url, m.cfg);
      else {
        client ??= Deno.createHttpClient(m.cfg.http);
        const res = await fetch(m.url, { headers: m.cfg.headers, client });
        status = res.status;
        body = new Uint8Array(await res.arrayBuffer());
      }
      ctl[1] = status;
      ctl[2] = body.length;
      const data = new Uint8Array(m.data);
      if (body.length <= data.length) {
        data.set(body);
        finish(ctl, 1);
      } else {
        held = body;
        finish(ctl, 2);
      }
    } catch (err) {
      const text = new TextEncoder().encode(String((err as Error)?.message ?? err)).slice(
        0,
        m.data.byteLength,
      );
      new Uint8Array(m.data).set(text);
      ctl[2] = text.length;
      finish(ctl, 3);
    }
  };
}

/** Sends GET requests and blocks until each is answered. */
export class BlockingGet {
  readonly #cfg: BlockingGetConfig;
  #worker: Worker | undefined;
  readonly #ctl = new SharedArrayBuffer(16);
  readonly #data = new SharedArrayBuffer(DATA_BYTES);

  /** @param cfg where and how to connect */
  constructor(cfg: BlockingGetConfig) {
    this.#cfg = cfg;
  }

  /**
   * GETs `path` (starting with `/`) and returns the answer, whatever its status.
   *
   * @throws KubeTransportError when no answer came (Go's `Get "URL": …` text)
   */
  get(path: string): BlockingResponse {
    const url = this.#cfg.server + path;
    this.#worker ??= new Worker(
      URL.createObjectURL(new Blob([`(${workerMain.toString()})();`], { type: "application/javascript" })),
      { type: "module" },
    );
    const ctl = new Int32Array(this.#ctl);
    this.#post(ctl, { kind: "get", ctl: this.#ctl, data: this.#data, url, cfg: this.#cfg }, url);
    let data = this.#data;
    if (ctl[0] === FAILED) {
      const message = new TextDecoder().decode(new Uint8Array(data, 0, ctl[2]).slice());
      throw transportError("GET", url, new Error(message));
    }
    if (ctl[0] === TOO_BIG) {
      data = new SharedArrayBuffer(ctl[2]);
      this.#post(ctl, { kind: "copy", ctl: this.#ctl, into: data }, url);
    }
    // Copied out of shared memory: TextDecoder does not read shared buffers.
    const body = new TextDecoder().decode(new Uint8Array(data, 0, ctl[2]).slice());
    return { status: ctl[1], body };
  }

  #post(ctl: Int32Array, message: unknown, url: string): void {
    Atomics.store(ctl, 0, WAITING);
    this.#worker!.postMessage(message);
    const timeoutMs = this.#cfg.timeoutMs ?? 60_000;
    if (Atomics.wait(ctl, 0, WAITING, timeoutMs) === "timed-out") {
      this.close();
      throw transportError("GET", url, new Error(`timed out after ${timeoutMs / 1000}s`));
    }
    if (ctl[0] !== DONE && ctl[0] !== TOO_BIG && ctl[0] !== FAILED) {
      throw transportError("GET", url, new Error("the request worker stopped"));
    }
  }

  /** Stops the worker (the process cannot end while it runs). */
  close(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}
