import { deepStrictEqual as eq, rejects } from "node:assert/strict";
import { KubeClient, type KubeObject, type RequestOptions, type ResourceMapping } from "./client.ts";
import type { StreamResponse } from "./stream.ts";
import { listAndWatch, ndjson } from "./watch.ts";

const enc = new TextEncoder();

function streamOf(chunks: string[], signal?: AbortSignal, endless = false): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      if (!endless) c.close();
      else signal?.addEventListener("abort", () => c.error(new DOMException("aborted", "AbortError")));
    },
  });
}

Deno.test("ndjson: values split across chunks, blank lines skipped, last line without newline", async () => {
  const out: unknown[] = [];
  for await (const v of ndjson(streamOf(['{"a":', '1}\n\n{"b"', ':2}\n{"c":3}']))) out.push(v);
  eq(out, [{ a: 1 }, { b: 2 }, { c: 3 }]);
});

const mapping: ResourceMapping = {
  group: "apps",
  version: "v1",
  kind: "Deployment",
  resource: "deployments",
  namespaced: true,
};
const obj = (name: string, rv: string): KubeObject => ({
  metadata: { name, namespace: "ns", resourceVersion: rv },
});
const ev = (type: string, o: unknown) => JSON.stringify({ type, object: o }) + "\n";

interface Call {
  kind: "list" | "watch";
  query: Record<string, string | undefined>;
}

/** A client whose lists and watches follow a script. */
function scripted(
  lists: Array<{ items: KubeObject[]; rv: string } | { status: number; message: string }>,
  watches: Array<{ status?: number; lines: string[]; endless?: boolean }>,
  calls: Call[],
): KubeClient {
  return {
    requestJson(_m: string, path: string, o: RequestOptions = {}) {
      eq(path, "/apis/apps/v1/namespaces/ns/deployments");
      calls.push({ kind: "list", query: o.query ?? {} });
      const l = lists.shift()!;
      if ("status" in l) {
        return Promise.reject(Object.assign(new Error(l.message), { code: l.status }));
      }
      return Promise.resolve({ kind: "DeploymentList", metadata: { resourceVersion: l.rv }, items: l.items });
    },
    stream(
      _m: string,
      _p: string,
      o: RequestOptions & { signal?: AbortSignal } = {},
    ): Promise<StreamResponse> {
      calls.push({ kind: "watch", query: o.query ?? {} });
      const w = watches.shift() ?? { lines: [], endless: true };
      return Promise.resolve({
        status: w.status ?? 200,
        headers: new Headers(),
        body: streamOf(w.lines, o.signal, w.endless),
      });
    },
  } as unknown as KubeClient;
}

Deno.test("listAndWatch: list, watch, bookmark, reconnect from the last version, 410 re-list diffed", async () => {
  const calls: Call[] = [];
  const seen: string[] = [];
  const ctl = new AbortController();
  const kube = scripted(
    [
      { items: [obj("a", "1"), obj("b", "1")], rv: "10" },
      { items: [obj("a", "11"), obj("c", "13")], rv: "13" },
    ],
    [
      { lines: [ev("MODIFIED", obj("a", "11")), ev("BOOKMARK", { metadata: { resourceVersion: "12" } })] },
      { lines: [ev("ERROR", { kind: "Status", code: 410, reason: "Expired", message: "too old" })] },
      { lines: [ev("ADDED", obj("d", "14")), ev("DELETED", obj("c", "15"))], endless: true },
    ],
    calls,
  );
  let synced = 0;
  const done = listAndWatch(kube, mapping, {
    onEvent: (type, o) => {
      seen.push(`${type} ${o.metadata?.name} ${o.kind}`);
      if (seen.length === 7) ctl.abort();
    },
    onSynced: () => synced++,
  }, { namespace: "ns", signal: ctl.signal, backoffMs: 1 });
  await done;
  eq(seen, [
    "ADDED a Deployment",
    "ADDED b Deployment",
    "MODIFIED a Deployment",
    "ADDED c Deployment",
    "DELETED b Deployment",
    "ADDED d Deployment",
    "DELETED c Deployment",
  ]);
  eq(synced, 1);
  eq(calls.map((c) => `${c.kind} ${c.query.resourceVersion ?? "-"}`), [
    "list -",
    "watch 10",
    "watch 12",
    "list -",
    "watch 13",
  ]);
  eq(calls[1].query.watch, "true");
  eq(calls[1].query.allowWatchBookmarks, "true");
});

Deno.test("listAndWatch: a 410 answer to the watch request re-lists; a failed list is retried", async () => {
  const calls: Call[] = [];
  const ctl = new AbortController();
  const seen: string[] = [];
  const kube = scripted(
    [
      { items: [obj("a", "1")], rv: "5" },
      { status: 500, message: "boom" },
      { items: [obj("a", "7")], rv: "7" },
    ],
    [{ status: 410, lines: [] }, { lines: [], endless: true }],
    calls,
  );
  let retries = 0;
  const p = listAndWatch(kube, mapping, {
    onEvent: (type, o) => {
      seen.push(`${type} ${o.metadata?.name}`);
      if (seen.length === 2) setTimeout(() => ctl.abort(), 5);
    },
    onRetry: () => retries++,
  }, { namespace: "ns", signal: ctl.signal, backoffMs: 1 });
  await p;
  eq(seen, ["ADDED a", "MODIFIED a"]);
  eq(retries, 1);
  eq(calls.map((c) => c.kind), ["list", "watch", "list", "list", "watch"]);
});

Deno.test("listAndWatch: Forbidden is fatal", async () => {
  const kube = scripted([{ items: [], rv: "1" }], [{
    status: 403,
    lines: ['{"kind":"Status","code":403,"reason":"Forbidden","message":"deployments.apps is forbidden"}'],
  }], []);
  await rejects(
    listAndWatch(kube, mapping, { onEvent: () => {} }, {
      namespace: "ns",
      signal: new AbortController().signal,
    }),
    { message: "deployments.apps is forbidden" },
  );
});

Deno.test("listAndWatch over HTTP: events arrive as they are sent, with fetch and with node:http", async () => {
  for (const extra of [{}, { tlsServerName: "kubernetes" }]) {
    const enc2 = new TextEncoder();
    let watchClosed!: () => void;
    const closed = new Promise<void>((r) => watchClosed = r);
    const queries: string[] = [];
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
      const url = new URL(req.url);
      queries.push(url.search);
      if (url.searchParams.get("watch") !== "true") {
        return Response.json({ metadata: { resourceVersion: "3" }, items: [obj("a", "3")] });
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          // One event now; the stream then stays open, as a watch does.
          c.enqueue(enc2.encode(ev("MODIFIED", obj("a", "4"))));
          timer = setTimeout(() => c.enqueue(enc2.encode(ev("ADDED", obj("b", "5")))), 50);
        },
        cancel() {
          clearTimeout(timer);
          watchClosed();
        },
      });
      return new Response(body, { headers: { "content-type": "application/json" } });
    });
    const client = new KubeClient({
      server: `http://127.0.0.1:${server.addr.port}`,
      insecure: false,
      auth: { userName: "u" },
      impersonateGroups: [],
      namespace: "default",
      contextName: "",
      qps: -1,
      burst: 100,
      userAgent: "charta-test",
      ...extra,
    });
    const ctl = new AbortController();
    const seen: string[] = [];
    await listAndWatch(client, mapping, {
      onEvent: (type, o) => {
        seen.push(`${type} ${o.metadata?.name}`);
        if (seen.length === 3) ctl.abort();
      },
    }, { namespace: "ns", signal: ctl.signal });
    eq(seen, ["ADDED a", "MODIFIED a", "ADDED b"]);
    eq(queries[1].includes("watch=true") && queries[1].includes("resourceVersion=3"), true);
    await closed; // aborting dropped the connection
    client.close();
    await server.shutdown();
  }
});
