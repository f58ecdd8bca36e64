import assert from "node:assert/strict";
import { ensureTokenKeys, grant, parseScopes, tokenHandler, TokenSigner } from "./registry_token_server.ts";
import { hashSync } from "bcrypt-ts/node";

Deno.test("parseScopes: names with colons, several scopes a parameter, malformed ones dropped", () => {
  assert.deepEqual(parseScopes(["repository:a/b:pull,push", "repository:h:5000/x:pull registry:catalog:*"]), [
    { type: "repository", name: "a/b", actions: ["pull", "push"] },
    { type: "repository", name: "h:5000/x", actions: ["pull"] },
    { type: "registry", name: "catalog", actions: ["*"] },
  ]);
  assert.deepEqual(parseScopes(["repository(plugin):p:pull"]), [{
    type: "repository",
    name: "p",
    actions: ["pull"],
  }]);
  assert.deepEqual(parseScopes(["nonsense", "repository:a:", ":a:pull", ""]), []);
});

Deno.test("grant: users get what they ask for; anonymous clients pull public/ only", () => {
  const asked = parseScopes(["repository:public/a:pull,push", "repository:b:pull", "registry:catalog:*"]);
  assert.deepEqual(grant("charta", asked), asked);
  assert.deepEqual(grant("", asked), [{ type: "repository", name: "public/a", actions: ["pull"] }]);
});

function b64urlDecode(s: string): Uint8Array {
  const b64 = s.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - (s.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

Deno.test("tokenHandler: GET and POST flows of the token spec, JWTs verifiable with the certificate's key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await ensureTokenKeys(dir);
    const keyPem = await Deno.readTextFile(`${dir}/token.key`);
    const certPem = await Deno.readTextFile(`${dir}/token.crt`);
    const signer = await TokenSigner.load(keyPem, certPem);
    const log: Record<string, unknown>[] = [];
    const handler = tokenHandler(
      { issuer: "iss", service: "svc", htpasswd: "", expiresIn: 300 },
      signer,
      new Map([["u", hashSync("p", 4)]]),
      (e) => log.push(e),
    );
    const base = "http://t.test/token";
    const basic = (u: string, p: string) => ({ Authorization: `Basic ${btoa(`${u}:${p}`)}` });

    const bad = await handler(new Request(`${base}?service=svc`, { headers: basic("u", "x") }));
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), {
      errors: [{
        code: "UNAUTHORIZED",
        message: "authentication required",
        detail: "invalid username or password",
      }],
    });
    const wrongService = await handler(new Request(`${base}?service=other`));
    assert.equal(wrongService.status, 400);
    await wrongService.body?.cancel();

    const ok = await handler(
      new Request(`${base}?service=svc&scope=repository:a/b:pull,push&offline_token=true`, {
        headers: basic("u", "p"),
      }),
    );
    const body = await ok.json();
    assert.equal(body.token, body.access_token);
    assert.equal(body.expires_in, 300);
    assert.ok(body.refresh_token);
    const [h, c, sig] = (body.token as string).split(".");
    const header = JSON.parse(new TextDecoder().decode(b64urlDecode(h)));
    assert.equal(header.alg, "ES256");
    assert.match(header.kid, /^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
    assert.equal(header.x5c.length, 1);
    const claims = JSON.parse(new TextDecoder().decode(b64urlDecode(c)));
    assert.equal(claims.iss, "iss");
    assert.equal(claims.aud, "svc");
    assert.equal(claims.sub, "u");
    assert.deepEqual(claims.access, [{ type: "repository", name: "a/b", actions: ["pull", "push"] }]);
    // The signature checks out against the public key of the certificate's key.
    const priv = await crypto.subtle.importKey(
      "pkcs8",
      Uint8Array.from(atob(keyPem.replace(/-----[^-]+-----|\s/g, "")), (ch) => ch.charCodeAt(0)),
      { name: "ECDSA", namedCurve: "P-256" },
      true,
      ["sign"],
    );
    const jwk = await crypto.subtle.exportKey("jwk", priv);
    const pub = await crypto.subtle.importKey(
      "jwk",
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const valid = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      pub,
      b64urlDecode(sig) as Uint8Array<ArrayBuffer>,
      new TextEncoder().encode(`${h}.${c}`),
    );
    assert.ok(valid);

    // OAuth2: the password grant, then the refresh grant with the refresh token from the GET.
    const form = (f: Record<string, string>) =>
      handler(new Request(base, { method: "POST", body: new URLSearchParams(f) }));
    const pw = await form({
      grant_type: "password",
      username: "u",
      password: "p",
      service: "svc",
      client_id: "c",
    });
    assert.equal(pw.status, 200);
    assert.ok((await pw.json()).access_token);
    const badPw = await form({
      grant_type: "password",
      username: "u",
      password: "x",
      service: "svc",
      client_id: "c",
    });
    assert.equal(badPw.status, 401);
    await badPw.body?.cancel();
    const rt = await form({
      grant_type: "refresh_token",
      refresh_token: body.refresh_token,
      service: "svc",
      client_id: "c",
      scope: "repository:a/b:pull",
    });
    const rtBody = await rt.json();
    assert.equal(rtBody.scope, "repository:a/b:pull");
    assert.equal(rtBody.token, undefined);
    const noClient = await form({ grant_type: "password", username: "u", password: "p", service: "svc" });
    assert.equal(noClient.status, 400);
    await noClient.body?.cancel();
    // The log holds no secrets.
    assert.ok(!JSON.stringify(log).includes(body.refresh_token));
    assert.ok(!JSON.stringify(log).includes('"p"'));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
