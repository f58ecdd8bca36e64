import assert from "node:assert/strict";
import { makeServingCerts } from "../../scripts/chart_repo_server.ts";
import { insecureFetch } from "./insecure_fetch.ts";
import { fetchErrorText, tlsVerifyError } from "./tls_error.ts";

async function withTlsServer(fn: (base: string) => Promise<void>): Promise<void> {
  const certs = await makeServingCerts();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    cert: await Deno.readTextFile(certs.cert),
    key: await Deno.readTextFile(certs.key),
    onListen() {},
  }, async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/redirect") return new Response(null, { status: 302, headers: { location: "/x" } });
    if (url.pathname === "/empty") return new Response(null, { status: 204 });
    if (url.pathname === "/big") return new Response("x".repeat(1 << 20));
    const body = req.method === "POST" ? await req.text() : "";
    return new Response(`${req.method} ${url.pathname} ${req.headers.get("x-test")} ${body}`, {
      headers: { "x-reply": "yes" },
    });
  });
  try {
    await fn(`https://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
    await Deno.remove(certs.dir, { recursive: true });
  }
}

Deno.test("insecureFetch: reaches a self-signed HTTPS server that fetch refuses, as fetch would answer", async () => {
  await withTlsServer(async (base) => {
    let refused: unknown;
    try {
      await (await fetch(`${base}/x`)).body?.cancel();
    } catch (e) {
      refused = e;
    }
    assert.equal(
      tlsVerifyError(fetchErrorText(refused)),
      "tls: failed to verify certificate: x509: certificate signed by unknown authority",
    );

    const got = await insecureFetch(`${base}/x`, { headers: { "X-Test": "h" } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get("x-reply"), "yes");
    assert.equal(await got.text(), "GET /x h ");

    const posted = await insecureFetch(`${base}/p`, {
      method: "POST",
      body: new TextEncoder().encode("payload"),
    });
    assert.equal(await posted.text(), "POST /p null payload");

    // Redirects come back to the caller, who follows them itself.
    const redirect = await insecureFetch(`${base}/redirect`, { redirect: "manual" });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get("location"), "/x");

    const head = await insecureFetch(`${base}/x`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
    assert.equal((await insecureFetch(`${base}/empty`)).status, 204);

    // A body abandoned half-way does not break anything later.
    const big = await insecureFetch(`${base}/big`);
    const reader = big.body!.getReader();
    await reader.read();
    await reader.cancel();
    assert.equal(await (await insecureFetch(`${base}/x`)).text(), "GET /x null ");
  });
});

Deno.test("insecureFetch: a refused connection and an aborted request fail clearly", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  await assert.rejects(() => insecureFetch(`https://127.0.0.1:${port}/`), /connection refused/);
  const aborted = new AbortController();
  aborted.abort(new Error("gave up"));
  await assert.rejects(
    () => insecureFetch(`https://127.0.0.1:${port}/`, { signal: aborted.signal }),
    /gave up/,
  );
});
