import assert from "node:assert/strict";
import { registryLoginAction } from "./registry.ts";

/**
 * A token registry whose token endpoint takes GET only (as GHCR's): login
 * tries the OAuth2 password grant first, as helm does, then the GET.
 */
function getOnlyRegistry(seen: string[]): typeof fetch {
  return (input, init) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    seen.push(`${init?.method ?? "GET"} ${url.pathname}`);
    if (url.pathname === "/token") {
      if (init?.method === "POST") return Promise.resolve(new Response("", { status: 405 }));
      if (auth !== `Basic ${btoa("u:p")}`) return Promise.resolve(new Response("", { status: 401 }));
      return Promise.resolve(Response.json({ token: "T" }));
    }
    if (auth === "Bearer T") return Promise.resolve(Response.json({}));
    return Promise.resolve(
      new Response("", {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="http://reg.test/token",service="reg"' },
      }),
    );
  };
}

Deno.test("registryLoginAction: password grant first, the token GET when the endpoint refuses it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const seen: string[] = [];
    let out = "";
    await registryLoginAction(
      {
        host: "reg.test",
        username: "u",
        password: "p",
        registryConfig: `${dir}/config.json`,
        plainHTTP: true,
        fetch: getOnlyRegistry(seen),
      },
      (s) => (out += s),
    );
    assert.equal(out, "Login Succeeded\n");
    assert.deepEqual(seen, ["GET /v2/", "POST /token", "GET /v2/", "GET /token", "GET /v2/"]);
    const cfg = JSON.parse(await Deno.readTextFile(`${dir}/config.json`));
    assert.deepEqual(cfg.auths, { "reg.test": { auth: btoa("u:p") } });

    // A refused password: the second attempt's error, and nothing stored.
    await assert.rejects(
      () =>
        registryLoginAction(
          {
            host: "reg.test",
            username: "u",
            password: "x",
            registryConfig: `${dir}/other.json`,
            plainHTTP: true,
            fetch: getOnlyRegistry([]),
          },
          () => {},
        ),
      {
        message:
          'authenticating to "reg.test": GET "http://reg.test/v2/": GET "http://reg.test/token?service=reg": response status code 401: Unauthorized',
      },
    );
    await assert.rejects(() => Deno.stat(`${dir}/other.json`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
