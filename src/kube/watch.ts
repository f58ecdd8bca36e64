/**
 * List-then-watch of one collection, as client-go's reflector does it: a
 * LIST gives the objects and a resourceVersion, a WATCH from there streams
 * changes as newline-delimited JSON events (with bookmarks). A dropped
 * connection or a server-side timeout re-watches from the last version
 * seen; `410 Gone` (the version was compacted away) re-lists, and the
 * re-list is diffed against what was known so no deletion is missed.
 *
 * @module
 */
import type { KubeClient, KubeList, KubeObject, ResourceMapping } from "./client.ts";
import { apiError, KubeClient as Client } from "./client.ts";
import { KubeApiError } from "./errors.ts";

/** The type of a watch event. */
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

/** One event of a watch stream (`metav1.WatchEvent`). */
export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

/**
 * Decodes a stream of newline-delimited JSON values (the watch protocol).
 * Blank lines are skipped; a line that is not JSON throws. Aborting
 * `signal` ends the values (the body is cancelled): a fetch aborted after
 * its response arrived does not always fail a pending read.
 */
export async function* ndjson(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buf = "";
  const reader = body.getReader();
  const onAbort = () => {
    reader.cancel().catch(() => {});
  };
  signal?.addEventListener("abort", onAbort);
  if (signal?.aborted) onAbort();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) yield JSON.parse(line);
      }
    }
    buf += decoder.decode();
    if (buf.trim()) yield JSON.parse(buf.trim());
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
    await body.cancel().catch(() => {});
  }
}

/** What a {@link listAndWatch} caller hears. */
export interface WatchHandlers {
  /** An object appeared, changed, or went away (re-lists are turned into these too). */
  onEvent(type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject): void;
  /** The first LIST is in: every object that existed then has been reported. */
  onSynced?(): void;
  /** A failure that is retried (for logs). */
  onRetry?(error: unknown): void;
}

/** Options of {@link listAndWatch}. */
export interface WatchOptions {
  /** Namespace of a namespaced kind (`""`: all namespaces). */
  namespace: string;
  fieldSelector?: string;
  labelSelector?: string;
  /** Ends the watch (the promise then resolves). */
  signal: AbortSignal;
  /** First backoff after a failure in ms (doubled up to 30 s); default 800 as kstatus. */
  backoffMs?: number;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

function key(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;
}

/** A watch that ended because the server said the version is too old. */
class GoneError extends Error {}

/**
 * Lists and watches a collection until `signal` aborts. Forbidden (403)
 * is fatal and rejects; other failures are retried with backoff.
 */
export async function listAndWatch(
  kube: KubeClient,
  mapping: ResourceMapping,
  handlers: WatchHandlers,
  options: WatchOptions,
): Promise<void> {
  const { signal } = options;
  const path = Client.collectionPath(mapping, options.namespace);
  const apiVersion = mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version;
  const known = new Map<string, KubeObject>();
  let synced = false;
  let rv: string | undefined;
  let backoff = options.backoffMs ?? 800;
  const fill = (o: KubeObject) => {
    o.apiVersion ??= apiVersion;
    o.kind ??= mapping.kind;
    return o;
  };
  while (!signal.aborted) {
    try {
      if (rv === undefined) {
        const list = await kube.requestJson<KubeList>("GET", path, {
          query: { fieldSelector: options.fieldSelector, labelSelector: options.labelSelector },
        });
        if (signal.aborted) return;
        const seen = new Set<string>();
        for (const item of list.items ?? []) {
          fill(item);
          const k = key(item);
          seen.add(k);
          const old = known.get(k);
          known.set(k, item);
          if (!old) handlers.onEvent("ADDED", item);
          else if (old.metadata?.resourceVersion !== item.metadata?.resourceVersion) {
            handlers.onEvent("MODIFIED", item);
          }
        }
        for (const [k, old] of known) {
          if (!seen.has(k)) {
            known.delete(k);
            handlers.onEvent("DELETED", old);
          }
        }
        rv = list.metadata?.resourceVersion ?? "";
        if (!synced) {
          synced = true;
          handlers.onSynced?.();
        }
      }
      if (signal.aborted) return; // a handler may have ended it while the list was reported
      const res = await kube.stream("GET", path, {
        query: {
          watch: "true",
          resourceVersion: rv || undefined,
          allowWatchBookmarks: "true",
          fieldSelector: options.fieldSelector,
          labelSelector: options.labelSelector,
          // As client-go: end the watch now and then (5-10 min) so a silently dead connection is noticed.
          timeoutSeconds: String(300 + Math.floor(Math.random() * 300)),
        },
        signal,
      });
      if (res.status === 410) {
        await res.body.cancel();
        throw new GoneError();
      }
      if (res.status < 200 || res.status > 299) {
        const text = await new Response(res.body).text();
        throw apiError({ status: res.status, headers: res.headers, body: text });
      }
      backoff = options.backoffMs ?? 800;
      for await (const raw of ndjson(res.body, signal)) {
        const ev = raw as WatchEvent;
        if (ev.type === "ERROR") {
          const st = ev.object as { code?: number; message?: string; reason?: string };
          if (st.code === 410 || st.reason === "Expired" || st.reason === "Gone") throw new GoneError();
          throw new KubeApiError(st.message ?? "watch error", st.code ?? 500, st.reason ?? "");
        }
        const obj = fill(ev.object ?? {});
        if (obj.metadata?.resourceVersion) rv = obj.metadata.resourceVersion;
        if (ev.type === "BOOKMARK") continue;
        const k = key(obj);
        if (ev.type === "DELETED") {
          known.delete(k);
          handlers.onEvent("DELETED", obj);
        } else if (ev.type === "ADDED" || ev.type === "MODIFIED") {
          const had = known.has(k);
          known.set(k, obj);
          handlers.onEvent(had ? "MODIFIED" : "ADDED", obj);
        }
      }
      // The server ended the watch (timeoutSeconds) or the connection dropped: watch again from rv.
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof GoneError) {
        rv = undefined;
        continue;
      }
      if (e instanceof KubeApiError && e.code === 403) throw e;
      handlers.onRetry?.(e);
      if (e instanceof KubeApiError && e.code !== 410) rv = undefined;
      await abortableSleep(backoff, signal);
      backoff = Math.min(backoff * 2, 30_000);
    }
  }
}
