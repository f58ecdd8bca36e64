import assert from "node:assert/strict";
import { parseChallenge, RegistryClient, sha256Digest } from "./client.ts";

Deno.test("parseChallenge: Bearer and Basic as registries send them", () => {
  assert.deepEqual(
    parseChallenge(
      'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"',
    ),
    {
      scheme: "bearer",
      params: {
        realm: "https://auth.example/token",
        service: "registry.example",
        scope: "repository:a/b:pull",
      },
    },
  );
  assert.deepEqual(parseChallenge('Basic realm="x"'), { scheme: "basic", params: { realm: "x" } });
});

/** A fake registry behind a token endpoint: checks that credentials go to the token endpoint only. */
Deno.test("RegistryClient: Bearer token flow, token reused, digests verified", async () => {
  const blob = new TextEncoder().encode("hello");
  const digest = await sha256Digest(blob);
  const seen: string[] = [];
  const fake: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    seen.push(`${url.pathname}${url.search} ${auth}`);
    if (url.pathname === "/token") {
      assert.equal(auth, `Basic ${btoa("u:p")}`);
      assert.equal(url.searchParams.get("service"), "reg");
      return Promise.resolve(Response.json({ token: "T1" }));
    }
    if (auth !== "Bearer T1") {
      return Promise.resolve(
        new Response("{}", {
          status: 401,
          headers: { "www-authenticate": 'Bearer realm="http://reg.test/token",service="reg"' },
        }),
      );
    }
    if (url.pathname.endsWith("/blobs/" + digest)) return Promise.resolve(new Response(blob));
    return Promise.resolve(new Response(new TextEncoder().encode("tampered"), { status: 200 }));
  };
  const c = new RegistryClient({
    plainHTTP: true,
    fetch: fake,
    credential: () => Promise.resolve({ username: "u", password: "p" }),
  });
  assert.deepEqual(await c.getBlob("reg.test", "a/b", { mediaType: "x", digest, size: 5 }), blob);
  assert.deepEqual(await c.getBlob("reg.test", "a/b", { mediaType: "x", digest, size: 5 }), blob);
  assert.equal(seen.filter((s) => s.startsWith("/token")).length, 1);
  const other = "sha256:" + "0".repeat(64);
  await assert.rejects(
    () => c.getBlob("reg.test", "a/b", { mediaType: "x", digest: other, size: 8 }),
    /mismatched digest/,
  );
});

Deno.test("RegistryClient: error bodies read as oras prints them", async () => {
  const fake: typeof fetch = () =>
    Promise.resolve(
      Response.json(
        { errors: [{ code: "NAME_UNKNOWN", message: "repository name not known to registry" }] },
        {
          status: 404,
        },
      ),
    );
  const c = new RegistryClient({ plainHTTP: true, fetch: fake });
  await assert.rejects(() => c.tags("reg.test", "a/b"), {
    message:
      'GET "http://reg.test/v2/a/b/tags/list": response status code 404: name unknown: repository name not known to registry',
  });
});
