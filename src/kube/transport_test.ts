import assert from "node:assert/strict";
import type { RestConfig } from "./config.ts";
import { KubeApiError, KubeClient } from "./client.ts";
import { KubeTransportError, makeSend, type RetryPolicy, sendWithRetry, TokenBucket } from "./transport.ts";

function restConfig(server: string, extra: Partial<RestConfig> = {}): RestConfig {
  return {
    server,
    insecure: false,
    auth: { userName: "u" },
    impersonateGroups: [],
    namespace: "default",
    contextName: "",
    qps: -1,
    burst: 100,
    userAgent: "charta-test",
    ...extra,
  };
}

/** A retry policy that records its waits instead of sleeping. */
function recording(maxRetries = 4): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return {
    maxRetries,
    baseDelayMs: 100,
    maxDelayMs: 3000,
    waits,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  };
}

/** Serves `handler` on 127.0.0.1 over plain HTTP for the duration of `fn`. */
async function withServer(
  handler: (req: Request, n: number) => Response | Promise<Response>,
  fn: (url: string) => Promise<void>,
): Promise<void> {
  let n = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => handler(req, n++));
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

const status = (code: number, reason: string, message: string, headers: Record<string, string> = {}) =>
  new Response(
    JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message, reason, code }),
    {
      status: code,
      headers: { "content-type": "application/json", ...headers },
    },
  );

Deno.test("retry: 429 honours Retry-After, then succeeds", async () => {
  await withServer(
    (_req, n) =>
      n < 2 ? status(429, "TooManyRequests", "slow down", { "Retry-After": "2" }) : Response.json({ ok: 1 }),
    async (url) => {
      const { send, close } = makeSend(restConfig(url));
      const policy = recording();
      try {
        const res = await sendWithRetry(
          send,
          { method: "GET", url: `${url}/x`, headers: [] },
          undefined,
          policy,
        );
        assert.equal(res.status, 200);
        assert.deepEqual(policy.waits, [2000, 2000]);
      } finally {
        close();
      }
    },
  );
});

Deno.test("retry: 503 and 504 back off exponentially; the last answer is returned when retries run out", async () => {
  await withServer(() => status(503, "ServiceUnavailable", "down"), async (url) => {
    const { send, close } = makeSend(restConfig(url));
    const policy = recording(5);
    try {
      const res = await sendWithRetry(
        send,
        { method: "POST", url: `${url}/x`, headers: [], body: "{}" },
        undefined,
        policy,
      );
      assert.equal(res.status, 503);
      assert.deepEqual(policy.waits, [100, 200, 400, 800, 1600]);
    } finally {
      close();
    }
  });
});

Deno.test("retry: a 500 is retried only for helm's transient etcd messages", async () => {
  let flaky = 0;
  await withServer((req) => {
    const path = new URL(req.url).pathname;
    if (path === "/fatal") return status(500, "InternalError", "admission webhook exploded");
    return flaky++ === 0
      ? status(500, "InternalError", "etcdserver: leader changed")
      : Response.json({ ok: 1 });
  }, async (url) => {
    const { send, close } = makeSend(restConfig(url));
    try {
      const p1 = recording();
      assert.equal(
        (await sendWithRetry(send, { method: "GET", url: `${url}/fatal`, headers: [] }, undefined, p1))
          .status,
        500,
      );
      assert.deepEqual(p1.waits, []);
      const p2 = recording();
      assert.equal(
        (await sendWithRetry(send, { method: "GET", url: `${url}/flaky`, headers: [] }, undefined, p2))
          .status,
        200,
      );
      assert.deepEqual(p2.waits, [100]);
    } finally {
      close();
    }
  });
});

/** A raw TCP server: the first `drops` connections are closed without an answer; later ones get `answer`. */
async function withDroppingServer(
  drops: number,
  fn: (url: string, heads: string[]) => Promise<void>,
): Promise<void> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const heads: string[] = [];
  let seen = 0;
  const serving = (async () => {
    for await (const conn of listener) {
      const buf = new Uint8Array(65536);
      const n = await conn.read(buf).catch(() => null);
      const head = new TextDecoder().decode(buf.subarray(0, n ?? 0));
      heads.push(head);
      if (seen++ < drops) {
        conn.close();
        continue;
      }
      const body = JSON.stringify({ kind: "Version", gitVersion: "v0.0.0" });
      await conn.write(
        new TextEncoder().encode(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        ),
      ).catch(() => {});
      conn.close();
    }
  })();
  try {
    await fn(`http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`, heads);
  } finally {
    listener.close();
    await serving.catch(() => {});
  }
}

Deno.test("retry: a dropped connection is retried for a GET but not for a POST", async () => {
  await withDroppingServer(2, async (url) => {
    const { send, close } = makeSend(restConfig(url));
    const policy = recording();
    try {
      const res = await sendWithRetry(
        send,
        { method: "GET", url: `${url}/version`, headers: [] },
        undefined,
        policy,
      );
      assert.equal(res.status, 200);
      assert.deepEqual(policy.waits, [100, 200]);
    } finally {
      close();
    }
  });
  await withDroppingServer(1, async (url) => {
    const { send, close } = makeSend(restConfig(url));
    try {
      await assert.rejects(
        sendWithRetry(
          send,
          { method: "POST", url: `${url}/api`, headers: [], body: "{}" },
          undefined,
          recording(),
        ),
        (e: Error) =>
          e instanceof KubeTransportError && e.transient && e.message.startsWith(`Post "${url}/api": `),
      );
    } finally {
      close();
    }
  });
});

Deno.test("transport: a refused connection fails at once with Go's wording", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  const client = new KubeClient(restConfig(`http://localhost:${port}`), { retry: recording() });
  try {
    await assert.rejects(client.isReachable(), {
      message: `kubernetes cluster unreachable: Get "http://localhost:${port}/version": ` +
        `dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
  } finally {
    client.close();
  }
});

Deno.test("rate limit: a token bucket lets a burst through, then paces at qps", async () => {
  let now = 0;
  const slept: number[] = [];
  const bucket = new TokenBucket(2, 3, () => now, (ms) => {
    slept.push(ms);
    now += ms;
    return Promise.resolve();
  });
  for (let i = 0; i < 3; i++) await bucket.acquire();
  assert.deepEqual(slept, []);
  await bucket.acquire();
  await bucket.acquire();
  assert.deepEqual(slept, [500, 500]);
  now += 10_000; // a long idle period refills only up to the burst
  for (let i = 0; i < 3; i++) await bucket.acquire();
  assert.deepEqual(slept, [500, 500]);
  await bucket.acquire();
  assert.equal(slept.length, 3);
  const unlimited = new TokenBucket(-1, 1, () => 0, () => Promise.reject(new Error("must not wait")));
  for (let i = 0; i < 50; i++) await unlimited.acquire();
});

Deno.test("rate limit: the client paces real requests by --qps and --burst-limit", async () => {
  let count = 0;
  await withServer(() => (count++, Response.json({ major: "1" })), async (url) => {
    const client = new KubeClient(restConfig(url, { qps: 20, burst: 2 }));
    try {
      const t0 = performance.now();
      await Promise.all(Array.from({ length: 6 }, () => client.serverVersion()));
      const ms = performance.now() - t0;
      assert.equal(count, 6);
      assert.ok(ms >= 180, `4 requests beyond the burst at 20/s take ≥ 200 ms, took ${ms}`);
    } finally {
      client.close();
    }
  });
});

Deno.test("client: error statuses become KubeApiError with the server's message and reason", async () => {
  await withServer((req) => {
    const path = new URL(req.url).pathname;
    if (path === "/api/v1/namespaces/x/configmaps/gone") {
      return status(404, "NotFound", 'configmaps "gone" not found');
    }
    if (path === "/plain") return new Response("nope", { status: 404 });
    return new Response("boom", { status: 500 });
  }, async (url) => {
    const client = new KubeClient(restConfig(url), { retry: recording() });
    try {
      await assert.rejects(client.requestJson("GET", "/api/v1/namespaces/x/configmaps/gone"), (e: Error) => {
        assert.ok(e instanceof KubeApiError);
        assert.equal(e.message, 'configmaps "gone" not found');
        assert.equal(e.code, 404);
        assert.equal(e.reason, "NotFound");
        return true;
      });
      await assert.rejects(client.requestJson("GET", "/plain"), {
        message: "the server could not find the requested resource",
        reason: "NotFound",
      });
      await assert.rejects(client.requestJson("GET", "/other"), {
        message: 'an error on the server ("boom") has prevented the request from succeeding',
        code: 500,
      });
    } finally {
      client.close();
    }
  });
});

Deno.test("client: token, basic auth, token files and one Impersonate-Group line per group", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/token`, "from-file\n");
  try {
    await withDroppingServer(0, async (url, heads) => {
      const cases: Array<[Partial<RestConfig>, RegExp[]]> = [
        [{ auth: { userName: "u", token: "tok" } }, [/^authorization: Bearer tok\r$/im]],
        [{ auth: { userName: "u", tokenFile: `${dir}/token` } }, [/^authorization: Bearer from-file\r$/im]],
        [{ auth: { userName: "u", username: "me", password: "pw" } }, [
          /^authorization: Basic bWU6cHc=\r$/im,
        ]],
        [
          { impersonateUser: "alice", impersonateGroups: ["devs", "ops"] },
          [/^impersonate-user: alice\r$/im, /^impersonate-group: devs\r$/im, /^impersonate-group: ops\r$/im],
        ],
      ];
      for (const [extra, patterns] of cases) {
        const client = new KubeClient(restConfig(url, extra));
        try {
          await client.serverVersion();
        } finally {
          client.close();
        }
        const head = heads.at(-1)!;
        for (const p of patterns) assert.match(head, p);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("client: REST mapping from aggregated discovery, refreshed once for an unknown kind", async () => {
  let discoveries = 0;
  let crdInstalled = false;
  const agg = (items: unknown[]) =>
    Response.json({ kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", items });
  await withServer((req) => {
    const path = new URL(req.url).pathname;
    if (path === "/api") {
      discoveries++;
      return agg([{
        metadata: {},
        versions: [{
          version: "v1",
          resources: [
            {
              resource: "configmaps",
              scope: "Namespaced",
              responseKind: { group: "", version: "v1", kind: "ConfigMap" },
            },
            {
              resource: "namespaces",
              scope: "Cluster",
              responseKind: { group: "", version: "v1", kind: "Namespace" },
            },
          ],
        }],
      }]);
    }
    if (path === "/apis") {
      const items: unknown[] = [{
        metadata: { name: "apps" },
        versions: [{
          version: "v1",
          resources: [{ resource: "deployments", scope: "Namespaced", responseKind: { kind: "Deployment" } }],
        }],
      }];
      if (crdInstalled) {
        items.push({
          metadata: { name: "example.com" },
          versions: [{
            version: "v1",
            resources: [{ resource: "widgets", scope: "Cluster", responseKind: { kind: "Widget" } }],
          }],
        });
      }
      return agg(items);
    }
    return Response.json({ path });
  }, async (url) => {
    const client = new KubeClient(restConfig(url, { namespace: "apps" }));
    try {
      assert.deepEqual(await client.mapping("apps/v1", "Deployment"), {
        group: "apps",
        version: "v1",
        kind: "Deployment",
        resource: "deployments",
        namespaced: true,
      });
      assert.equal((await client.mapping("v1", "Namespace")).namespaced, false);
      assert.equal(discoveries, 1);
      await assert.rejects(client.mapping("example.com/v1", "Widget"), {
        message: 'no matches for kind "Widget" in version "example.com/v1"',
      });
      assert.equal(discoveries, 2);
      crdInstalled = true;
      assert.equal((await client.mapping("example.com/v1", "Widget")).resource, "widgets");
      assert.equal(discoveries, 3);
      const got = await client.get({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } });
      assert.deepEqual(got, { path: "/apis/apps/v1/namespaces/apps/deployments/web" });
      const w = await client.get({
        apiVersion: "example.com/v1",
        kind: "Widget",
        metadata: { name: "w", namespace: "x" },
      });
      assert.deepEqual(w, { path: "/apis/example.com/v1/widgets/w" });
      assert.equal(discoveries, 3);
    } finally {
      client.close();
    }
  });
});
