import assert from "node:assert/strict";
import { BlockingGet } from "./blocking_get.ts";

// The server runs in another process: this thread sleeps while a request is out.
const SERVER = `
const big = "x".repeat(3 * 1024 * 1024);
Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(port) }, (req) => {
  const path = new URL(req.url).pathname;
  if (path === "/big") return new Response(big);
  return new Response(JSON.stringify({ path, auth: req.headers.get("authorization") }), { status: path === "/gone" ? 404 : 200 });
});`;

Deno.test("BlockingGet answers while the caller never awaits, bodies larger than its buffer included", async () => {
  const child = new Deno.Command(Deno.execPath(), { args: ["eval", SERVER], stdout: "piped", stderr: "null" })
    .spawn();
  const reader = child.stdout.getReader();
  const port = Number(new TextDecoder().decode((await reader.read()).value).trim());
  const getter = new BlockingGet({
    server: `http://127.0.0.1:${port}`,
    headers: [["Authorization", "Bearer t"]],
    http: {},
  });
  try {
    assert.deepEqual(getter.get("/a"), { status: 200, body: '{"path":"/a","auth":"Bearer t"}' });
    assert.equal(getter.get("/gone").status, 404);
    const big = getter.get("/big");
    assert.equal(big.body.length, 3 * 1024 * 1024);
    assert.equal(getter.get("/b").body, '{"path":"/b","auth":"Bearer t"}');
  } finally {
    getter.close();
    reader.releaseLock();
    child.kill();
    await child.status;
    await child.stdout.cancel().catch(() => {});
  }
});

Deno.test("BlockingGet reports a refused connection with Go's wording", () => {
  const getter = new BlockingGet({ server: "http://127.0.0.1:9", headers: [], http: {}, timeoutMs: 10_000 });
  try {
    assert.throws(() => getter.get("/x"), (e: Error) => e.message.startsWith('Get "http://127.0.0.1:9/x": '));
  } finally {
    getter.close();
  }
});
