import assert from "node:assert/strict";
import { cleanScopes, parseChallenge, realmProblem, RegistryClient, sha256Digest } from "./client.ts";

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

Deno.test("RegistryClient: identity tokens go through the OAuth2 refresh grant, registry tokens as is, neither as basic auth", async () => {
  const seen: string[] = [];
  const fake: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    if (url.pathname === "/token") {
      seen.push(`${init?.method} ${await new Response(init?.body).text()}`);
      return Response.json({ access_token: "AT" });
    }
    seen.push(`${url.pathname} ${auth}`);
    if (auth === "Bearer AT" || auth === "Bearer RT") return Response.json({ tags: ["1.0.0"] });
    const basic = url.hostname === "basic.test";
    return new Response("{}", {
      status: 401,
      headers: {
        "www-authenticate": basic ? 'Basic realm="r"' : 'Bearer realm="http://reg.test/token",service="reg"',
      },
    });
  };
  const idt = new RegistryClient({
    plainHTTP: true,
    fetch: fake,
    credential: () => Promise.resolve({ username: "", password: "", identityToken: "IDT" }),
  });
  assert.deepEqual(await idt.tags("reg.test", "a/b"), ["1.0.0"]);
  assert.deepEqual(seen, [
    "/v2/a/b/tags/list ",
    "POST client_id=oras-go&grant_type=refresh_token&refresh_token=IDT&scope=repository%3Aa%2Fb%3Apull&service=reg",
    "/v2/a/b/tags/list Bearer AT",
  ]);
  await assert.rejects(() => idt.tags("basic.test", "a/b"), {
    message: 'GET "http://basic.test/v2/a/b/tags/list": missing username or password for basic auth',
  });
  const rt = new RegistryClient({
    plainHTTP: true,
    fetch: fake,
    credential: () => Promise.resolve({ username: "", password: "", registryToken: "RT" }),
  });
  assert.deepEqual(await rt.tags("reg.test", "a/b"), ["1.0.0"]);
  const failing = new RegistryClient({
    plainHTTP: true,
    fetch: fake,
    credential: () =>
      Promise.reject(new Error('exec: "docker-credential-x": executable file not found in $PATH')),
  });
  await assert.rejects(() => failing.tags("basic.test", "a/b"), {
    message:
      'GET "http://basic.test/v2/a/b/tags/list": failed to resolve credential: exec: "docker-credential-x": executable file not found in $PATH',
  });
});

Deno.test("cleanScopes: merged per resource, actions sorted and deduplicated, * absorbing, list sorted (oras)", () => {
  assert.deepEqual(cleanScopes([]), []);
  assert.deepEqual(cleanScopes(["repository:a/b:push,pull,push"]), ["repository:a/b:pull,push"]);
  assert.deepEqual(cleanScopes(["repository:a/b:"]), []);
  assert.deepEqual(
    cleanScopes([
      "repository:z:pull",
      "repository:a/b:pull",
      "repository:a/b:push,pull",
      "registry:catalog:*",
    ]),
    ["registry:catalog:*", "repository:a/b:pull,push", "repository:z:pull"],
  );
  assert.deepEqual(cleanScopes(["repository:a:pull", "repository:a:*,push"]), ["repository:a:*"]);
  // A host:port inside the name: the actions start after the last colon.
  assert.deepEqual(cleanScopes(["repository:h:5000/a:pull", "odd"]), ["odd", "repository:h:5000/a:pull"]);
});

Deno.test("realmProblem: oras' checks of a bearer realm", () => {
  const reg = "http://127.0.0.1:5000/v2/";
  assert.equal(realmProblem("http://127.0.0.1:5001/token", reg), undefined);
  assert.equal(realmProblem("https://auth.example/token", "https://r.example/v2/"), undefined);
  assert.equal(realmProblem("", reg), undefined);
  assert.equal(
    realmProblem("http://auth.example/token", "https://r.example/v2/"),
    'bearer realm "http://auth.example/token" uses http but registry was contacted over https',
  );
  assert.equal(
    realmProblem("ftp://auth.example/token", reg),
    'bearer realm "ftp://auth.example/token" uses unsupported scheme "ftp"',
  );
  assert.equal(realmProblem("token", reg), 'bearer realm "token" uses unsupported scheme ""');
  for (
    const host of [
      "10.1.2.3",
      "192.168.0.1",
      "172.20.0.1",
      "169.254.169.254",
      "0.0.0.0",
      "[::1]",
      "[fd00::1]",
    ]
  ) {
    assert.equal(
      realmProblem(`https://${host}/token`, "https://r.example/v2/"),
      `bearer realm host ${
        JSON.stringify(host.replace(/^\[|\]$/g, ""))
      } is a loopback, link-local, private, or unspecified address`,
      host,
    );
  }
  assert.equal(realmProblem("https://8.8.8.8/token", "https://r.example/v2/"), undefined);
  assert.equal(realmProblem("https://172.32.0.1/token", "https://r.example/v2/"), undefined);
});

/**
 * A registry behind a token endpoint whose tokens can be revoked; records
 * every request (`METHOD path?query auth [body]`).
 */
function tokenRegistry(opts: { postStatus?: number; tokenField?: "token" | "access_token" } = {}) {
  const seen: string[] = [];
  const valid = new Set<string>();
  // Tokens handed to anonymous clients: good for /v2/ only, as a token without access is.
  const anonymous = new Set<string>();
  let n = 0;
  const fake: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    const body = init?.body ? ` ${await new Response(init.body).text()}` : "";
    seen.push(
      [init?.method ?? "GET", `${url.pathname}${url.search}`, auth, body.trim()].filter((x) => x).join(" "),
    );
    if (url.pathname === "/token") {
      if (init?.method === "POST" && opts.postStatus) {
        return Response.json({ errors: [{ code: "UNSUPPORTED", message: "no" }] }, {
          status: opts.postStatus,
        });
      }
      if (
        auth && auth !== `Basic ${btoa("u:p")}` || init?.method === "POST" && !body.includes("password=p")
      ) {
        return Response.json(
          { errors: [{ code: "UNAUTHORIZED", message: "authentication required", detail: "bad password" }] },
          { status: 401 },
        );
      }
      const t = `T${++n}`;
      valid.add(t);
      if (!auth && init?.method !== "POST") anonymous.add(t);
      return Response.json(
        init?.method === "POST" || opts.tokenField === "access_token" ? { access_token: t } : { token: t },
      );
    }
    const token = auth.replace(/^Bearer /, "");
    if (!valid.has(token) || (anonymous.has(token) && url.pathname !== "/v2/")) {
      return Response.json(
        {
          errors: [{
            code: "UNAUTHORIZED",
            message: "authentication required",
            detail: [{ Type: "repository", Name: "a/b", Action: "pull" }],
          }],
        },
        {
          status: 401,
          headers: {
            "www-authenticate": `Bearer realm="http://reg.test/token",service="reg"${
              url.pathname === "/v2/" ? "" : ',scope="repository:a/b:pull"'
            }`,
          },
        },
      );
    }
    return Response.json({ tags: ["1.0.0"] });
  };
  return { seen, valid, fake };
}

Deno.test("RegistryClient: a cached token the registry refuses (expired) is replaced by a fresh one", async () => {
  const r = tokenRegistry();
  const c = new RegistryClient({
    plainHTTP: true,
    fetch: r.fake,
    credential: () => Promise.resolve({ username: "u", password: "p" }),
  });
  assert.deepEqual(await c.tags("reg.test", "a/b"), ["1.0.0"]);
  assert.deepEqual(await c.tags("reg.test", "a/b"), ["1.0.0"]);
  r.valid.clear();
  assert.deepEqual(await c.tags("reg.test", "a/b"), ["1.0.0"]);
  const basic = `Basic ${btoa("u:p")}`;
  assert.deepEqual(r.seen, [
    "GET /v2/a/b/tags/list",
    `GET /token?scope=repository%3Aa%2Fb%3Apull&service=reg ${basic}`,
    "GET /v2/a/b/tags/list Bearer T1",
    "GET /v2/a/b/tags/list Bearer T1",
    "GET /v2/a/b/tags/list Bearer T1",
    `GET /token?scope=repository%3Aa%2Fb%3Apull&service=reg ${basic}`,
    "GET /v2/a/b/tags/list Bearer T2",
  ]);
});

Deno.test("RegistryClient: scope hints join the token request (push asks pull,push once)", async () => {
  const r = tokenRegistry({ tokenField: "access_token" });
  const c = new RegistryClient({
    plainHTTP: true,
    fetch: r.fake,
    credential: () => Promise.resolve({ username: "u", password: "p" }),
  });
  c.appendScopeHint("reg.test", "repository:a/b:push,pull");
  assert.deepEqual(await c.tags("reg.test", "a/b"), ["1.0.0"]);
  assert.equal(
    r.seen[1],
    `GET /token?scope=repository%3Aa%2Fb%3Apull%2Cpush&service=reg Basic ${btoa("u:p")}`,
  );
});

Deno.test("RegistryClient: forced OAuth2 sends the password grant; token endpoint errors name both requests", async () => {
  const r = tokenRegistry();
  const c = new RegistryClient({
    plainHTTP: true,
    fetch: r.fake,
    credential: () => Promise.resolve({ username: "u", password: "p" }),
  });
  c.forceAttemptOAuth2 = true;
  await c.ping("reg.test");
  assert.deepEqual(r.seen, [
    "GET /v2/",
    "POST /token client_id=oras-go&grant_type=password&password=p&service=reg&username=u",
    "GET /v2/ Bearer T1",
  ]);
  const bad = new RegistryClient({
    plainHTTP: true,
    fetch: r.fake,
    credential: () => Promise.resolve({ username: "u", password: "x" }),
  });
  await assert.rejects(() => bad.ping("reg.test"), {
    message:
      'GET "http://reg.test/v2/": GET "http://reg.test/token?service=reg": response status code 401: unauthorized: authentication required: bad password',
  });
  // Anonymous: a token without access; the registry's refusal carries its detail as Go prints it.
  const anon = new RegistryClient({ plainHTTP: true, fetch: tokenRegistry().fake });
  await assert.rejects(() => anon.tags("reg.test", "a/b"), {
    message:
      'GET "http://reg.test/v2/a/b/tags/list": response status code 401: unauthorized: authentication required: [map[Action:pull Name:a/b Type:repository]]',
  });
});

Deno.test("RegistryClient: a bad token answer, an empty one, and a realm oras refuses", async () => {
  const answer = (body: string) => {
    const fake: typeof fetch = (input) => {
      const url = new URL(String(input));
      if (url.pathname === "/token") return Promise.resolve(new Response(body));
      return Promise.resolve(
        new Response("", {
          status: 401,
          headers: { "www-authenticate": 'Bearer realm="http://reg.test/token",service="reg"' },
        }),
      );
    };
    return new RegistryClient({ plainHTTP: true, fetch: fake });
  };
  await assert.rejects(() => answer("{}").ping("reg.test"), {
    message: 'GET "http://reg.test/v2/": GET "http://reg.test/token?service=reg": empty token returned',
  });
  await assert.rejects(() => answer("").ping("reg.test"), {
    message:
      'GET "http://reg.test/v2/": GET "http://reg.test/token?service=reg": failed to decode response: EOF',
  });
  await assert.rejects(
    () => answer('{"token": 5}').ping("reg.test"),
    /failed to decode response: json: cannot unmarshal number/,
  );
  const internal: typeof fetch = () =>
    Promise.resolve(
      new Response("", {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="http://169.254.169.254/latest",service="reg"' },
      }),
    );
  await assert.rejects(() => new RegistryClient({ plainHTTP: true, fetch: internal }).ping("reg.test"), {
    message:
      'GET "http://reg.test/v2/": bearer realm host "169.254.169.254" is a loopback, link-local, private, or unspecified address',
  });
});
