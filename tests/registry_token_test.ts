/**
 * charta and helm 4 against a registry with bearer-token authentication
 * (the `token` variant of scripts/oci_registry.ts: Debian's docker-registry
 * trusting the JWTs of scripts/registry_token_server.ts), the flow Docker
 * Hub, GHCR and Harbor run. Both tools share one registry config file; for
 * each command run by both, output and exit code are compared, and so are
 * the requests the token server saw (method, grant, scopes, user), which
 * must be the same request for request.
 */
import assert from "node:assert/strict";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";
import {
  pushWithCredentialsArgs,
  registryForTests,
  type RunningRegistry,
  scratchEnv,
  testRegistry,
} from "./lib/registry.ts";
import { TOKEN_ISSUER, TOKEN_SERVICE } from "../scripts/oci_registry.ts";
import { TokenSigner } from "../scripts/registry_token_server.ts";

const enabled = registryForTests() && helmBinary() !== undefined;
const ROOT = new URL("..", import.meta.url).pathname;

interface Scratch {
  home: string;
  reg: RunningRegistry;
  charta: (...args: string[]) => Promise<RunResult>;
  helm: (...args: string[]) => Promise<RunResult>;
  /** A chart archive packaged by charta from fixtures/charts/webapp (its path). */
  pack: () => Promise<string>;
}

async function withScratch(fn: (s: Scratch) => Promise<void>): Promise<void> {
  const reg = await testRegistry("token");
  const home = await Deno.makeTempDir({ prefix: "charta-registry-token-" });
  const env = scratchEnv(home);
  const bin = helmBinary()!;
  let packed: string | undefined;
  const s: Scratch = {
    home,
    reg,
    charta: (...args) => charta(args, env),
    helm: (...args) => helm(bin, args, env),
    pack: async () => {
      if (packed) return packed;
      const r = await charta(["package", `${ROOT}fixtures/charts/webapp`, "-d", `${home}/pkg`], env);
      assert.equal(r.code, 0, r.stderr);
      packed = /Successfully packaged chart and saved it to: (.*)\n/.exec(r.stdout)![1];
      return packed;
    },
  };
  try {
    await fn(s);
  } finally {
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

/** A repository path no other run uses (`public/…` ones are anonymously pullable). */
function fresh(prefix: string): string {
  return `${prefix}${crypto.randomUUID().slice(0, 8)}`;
}

/** What the token server saw, without times and with the run's repository names replaced. */
interface TokenRequest {
  method: string;
  grant_type?: string;
  client_id?: string;
  service: string;
  scope: string[];
  user?: string;
  status: number;
  granted?: string[];
}

/** Runs `fn` and returns its result with the token requests made meanwhile. */
async function traced(
  reg: RunningRegistry,
  fn: () => Promise<RunResult>,
  names: string[] = [],
): Promise<{ run: RunResult; requests: string[] }> {
  const log = `${reg.dir}/requests.log`;
  const before = (await Deno.readTextFile(log).catch(() => "")).length;
  const run = await fn();
  const text = (await Deno.readTextFile(log)).slice(before);
  const requests = text.split("\n").filter((l) => l !== "").map((l) => {
    const { time: _time, ...rest } = JSON.parse(l) as TokenRequest & { time: string };
    let out = JSON.stringify(rest);
    for (const [i, n] of names.entries()) out = out.replaceAll(n, `<repo${i}>`);
    return out;
  });
  return { run, requests };
}

function same(c: RunResult, h: RunResult, what: string): void {
  assert.deepEqual(
    { code: c.code, stdout: c.stdout, stderr: c.stderr },
    { code: h.code, stdout: h.stdout, stderr: h.stderr },
    what,
  );
}

Deno.test({
  name:
    "registry token: login as helm (OAuth2 password grant), wrong password and wrong user refused with helm's error",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const { address, username, password } = s.reg;
      for (
        const creds of [[username!, "wrong"], ["nobody", password!], [username!, password!]]
      ) {
        const args = ["registry", "login", address, "-u", creds[0], "-p", creds[1], "--plain-http"];
        const c = await traced(s.reg, () => s.charta(...args));
        const h = await traced(s.reg, () => s.helm(...args));
        same(c.run, h.run, creds.join(":"));
        assert.deepEqual(c.requests, h.requests, creds.join(":"));
        if (creds[1] === "wrong") {
          assert.match(
            c.run.stderr,
            new RegExp(
              `Error: authenticating to "${address}": GET "http://${address}/v2/": GET "${s.reg.realm}\\?service=${TOKEN_SERVICE}": response status code 401: unauthorized: authentication required: invalid username or password\\n$`,
            ),
          );
        }
      }
      // The successful login: one POST with the password grant, nothing else.
      const ok = await traced(
        s.reg,
        () => s.charta("registry", "login", address, "-u", username!, "-p", password!, "--plain-http"),
      );
      assert.equal(ok.run.stdout, "Login Succeeded\n");
      assert.equal(ok.requests.length, 1);
      assert.deepEqual(JSON.parse(ok.requests[0]), {
        method: "POST",
        path: "/token",
        grant_type: "password",
        service: TOKEN_SERVICE,
        client_id: "oras-go",
        scope: [],
        user: username,
        granted: [],
        status: 200,
      });
      const cfg = JSON.parse(await Deno.readTextFile(`${s.home}/registry.json`));
      assert.deepEqual(cfg, { auths: { [address]: { auth: btoa(`${username}:${password}`) } } });
    }),
});

Deno.test({
  name:
    "registry token: helm logs in, charta pushes; charta logs in, helm pulls; same output, digests, token requests",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const { address, username, password } = s.reg;
      const tgz = await s.pack();
      const hl = await s.helm("registry", "login", address, "-u", username!, "-p", password!, "--plain-http");
      assert.equal(hl.code, 0, hl.stderr);

      // Pushes by both with helm's login: same lines, same single pull,push token request.
      const mine = fresh("priv");
      const theirs = fresh("priv");
      const cp = await traced(
        s.reg,
        () => s.charta("push", tgz, `oci://${address}/${mine}`, "--plain-http"),
        [mine],
      );
      const hp = await traced(
        s.reg,
        () => s.helm("push", tgz, `oci://${address}/${theirs}`, "--plain-http"),
        [theirs],
      );
      assert.equal(cp.run.code, 0, cp.run.stderr);
      assert.equal(cp.run.stdout, hp.run.stdout.replaceAll(theirs, mine));
      assert.deepEqual(cp.requests, hp.requests);
      assert.deepEqual(cp.requests.map((r) => JSON.parse(r).scope), [[
        "repository:<repo0>/webapp:pull,push",
      ]]);

      // charta logs in (over helm's entry), helm pulls what charta pushed.
      const cl = await s.charta(
        "registry",
        "login",
        address,
        "-u",
        username!,
        "-p",
        password!,
        "--plain-http",
      );
      assert.equal(cl.code, 0, cl.stderr);
      const ref = `oci://${address}/${mine}/webapp`;
      for (const tool of ["charta", "helm"] as const) await Deno.mkdir(`${s.home}/${tool}`);
      const c = await traced(
        s.reg,
        () => s.charta("pull", ref, "--version", "1.4.2", "--plain-http", "-d", `${s.home}/charta`),
      );
      const h = await traced(
        s.reg,
        () => s.helm("pull", ref, "--version", "1.4.2", "--plain-http", "-d", `${s.home}/helm`),
      );
      same(c.run, h.run, "pull");
      assert.equal(c.run.code, 0, c.run.stderr);
      assert.deepEqual(c.requests, h.requests);
      assert.deepEqual(await Deno.readFile(`${s.home}/charta/webapp-1.4.2.tgz`), await Deno.readFile(tgz));
      assert.deepEqual(await Deno.readFile(`${s.home}/helm/webapp-1.4.2.tgz`), await Deno.readFile(tgz));

      // show and template, with and without --version (tags listed with a pull token).
      for (
        const args of [
          ["show", "chart", ref],
          ["show", "values", ref, "--version", "1.4.2"],
          ["template", "x", ref],
          ["template", "x", `${ref}:1.4.2`],
          ["show", "chart", `oci://${address}/${fresh("missing")}/webapp`, "--version", "1.0.0"],
        ]
      ) {
        const cr = await traced(s.reg, () => s.charta(...args, "--plain-http"), [mine]);
        const hr = await traced(s.reg, () => s.helm(...args, "--plain-http"), [mine]);
        same(cr.run, hr.run, args.join(" "));
        assert.deepEqual(cr.requests, hr.requests, args.join(" "));
      }

      // After logout both are anonymous: the private chart is refused alike.
      const lo = await s.charta("registry", "logout", address);
      assert.equal(lo.stdout, `Removing login credentials for ${address}\n`);
      const ca = await s.charta("pull", ref, "--version", "1.4.2", "--plain-http", "-d", `${s.home}/charta`);
      const ha = await s.helm("pull", ref, "--version", "1.4.2", "--plain-http", "-d", `${s.home}/helm`);
      same(ca, ha, "anonymous pull");
      assert.equal(
        ca.stderr,
        `Error: failed to perform "FetchReference" on source: GET "http://${address}/v2/${mine}/webapp/manifests/1.4.2": response status code 401: unauthorized: authentication required: [map[Action:pull Class: Name:${mine}/webapp Type:repository]]\n`,
      );
    }),
});

Deno.test({
  name:
    "registry token: anonymous clients pull public/ charts but may not push; a stored wrong password is helm's error",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const { address, username, password } = s.reg;
      const tgz = await s.pack();
      const pub = `public/${fresh("p")}`;
      const pushed = await s.helm(
        ...pushWithCredentialsArgs(tgz, `oci://${address}/${pub}`, username!, password!),
      );
      assert.equal(pushed.code, 0, pushed.stderr);

      const ref = `oci://${address}/${pub}/webapp`;
      for (
        const args of [
          ["template", "x", ref],
          ["show", "chart", ref, "--version", "1.4.2"],
          ["push", tgz, `oci://${address}/${pub}`],
        ]
      ) {
        const c = await traced(s.reg, () => s.charta(...args, "--plain-http"), [pub]);
        const h = await traced(s.reg, () => s.helm(...args, "--plain-http"), [pub]);
        same(c.run, h.run, args.join(" "));
        assert.deepEqual(c.requests, h.requests, args.join(" "));
      }
      // Anonymous pushes: a manifest already there fails at the tag, a new one at the first upload.
      const anonTag = await s.charta("push", tgz, `oci://${address}/${pub}`, "--plain-http");
      assert.match(
        anonTag.stderr,
        /^Error: failed to perform "Tag" on destination: PUT .*\/manifests\/1\.4\.2": response status code 401: unauthorized: authentication required: \[map\[Action:pull .* map\[Action:push .*\]\]\n$/,
      );
      const other = `public/${fresh("p")}`;
      const c = await traced(
        s.reg,
        () => s.charta("push", tgz, `oci://${address}/${other}`, "--plain-http"),
        [other],
      );
      const h = await traced(s.reg, () => s.helm("push", tgz, `oci://${address}/${other}`, "--plain-http"), [
        other,
      ]);
      same(c.run, h.run, "anonymous push to a new repository");
      // helm uploads config and chart layer concurrently, so how many tokens it asks for here varies
      // from run to run (one per refused upload, shared when they overlap); the scopes do not.
      assert.deepEqual(new Set(c.requests), new Set(h.requests));
      assert.match(
        c.run.stderr,
        /^Error: failed to perform "Push" on destination: POST .*\/blobs\/uploads\/": response status code 401: unauthorized: authentication required: /,
      );

      // A stored password the token server refuses (written, since login would not store it).
      await Deno.writeTextFile(
        `${s.home}/registry.json`,
        JSON.stringify({ auths: { [address]: { auth: btoa(`${username}:wrong`) } } }),
      );
      for (const args of [["template", "x", ref], ["push", tgz, `oci://${address}/${fresh("priv")}`]]) {
        const c = await s.charta(...args, "--plain-http");
        const h = await s.helm(...args, "--plain-http");
        same(c, h, `wrong stored password: ${args[0]}`);
        assert.match(
          c.stderr,
          /response status code 401: unauthorized: authentication required: invalid username or password\n$/,
        );
      }
    }),
});

Deno.test({
  name:
    "registry token: identity tokens (OAuth2 refresh grant) and registry tokens from the config file work as in helm",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const { address, username, password } = s.reg;
      const tgz = await s.pack();
      const repo = fresh("idt");
      const pushed = await s.charta(
        ...pushWithCredentialsArgs(tgz, `oci://${address}/${repo}`, username!, password!),
      );
      assert.equal(pushed.code, 0, pushed.stderr);
      const basic = { Authorization: `Basic ${btoa(`${username}:${password}`)}` };
      // A refresh token, as `docker login` keeps one (offline_token), and an access token for pulls.
      const offline = await fetch(`${s.reg.realm}?service=${TOKEN_SERVICE}&offline_token=true`, {
        headers: basic,
      });
      const refresh = (await offline.json()).refresh_token as string;
      assert.ok(refresh);
      const access = await fetch(
        `${s.reg.realm}?service=${TOKEN_SERVICE}&scope=repository:${repo}/webapp:pull`,
        { headers: basic },
      );
      const accessToken = (await access.json()).token as string;

      const ref = `oci://${address}/${repo}/webapp`;
      for (
        const entry of [
          { identitytoken: refresh },
          { registrytoken: accessToken },
          { identitytoken: "not-a-refresh-token" },
        ]
      ) {
        await Deno.writeTextFile(`${s.home}/registry.json`, JSON.stringify({ auths: { [address]: entry } }));
        const c = await traced(s.reg, () => s.charta("template", "x", ref, "--plain-http"), [repo]);
        const h = await traced(s.reg, () => s.helm("template", "x", ref, "--plain-http"), [repo]);
        same(c.run, h.run, Object.keys(entry)[0]);
        assert.deepEqual(c.requests, h.requests, JSON.stringify(entry));
        if ("registrytoken" in entry) assert.deepEqual(c.requests, []);
        else assert.ok(c.requests.every((r) => JSON.parse(r).grant_type === "refresh_token"));
      }
    }),
});

Deno.test({
  name: "registry token: the token server's JWTs satisfy distribution by x5c and by libtrust kid alone",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const reg = await testRegistry("token");
    const key = await Deno.readTextFile(`${reg.dir}/token.key`);
    const cert = await Deno.readTextFile(`${reg.dir}/token.crt`);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: TOKEN_ISSUER,
      sub: "",
      aud: TOKEN_SERVICE,
      exp: now + 60,
      nbf: now,
      iat: now,
      jti: crypto.randomUUID(),
      access: [],
    };
    for (const x5c of [true, false]) {
      const token = await (await TokenSigner.load(key, cert, { x5c })).sign(claims);
      const res = await fetch(`http://${reg.address}/v2/`, { headers: { Authorization: `Bearer ${token}` } });
      await res.body?.cancel();
      assert.equal(res.status, 200, `x5c: ${x5c}`);
    }
    // A wrong audience is refused: the registry checks what it is told to.
    const bad = await (await TokenSigner.load(key, cert)).sign({ ...claims, aud: "elsewhere" });
    const res = await fetch(`http://${reg.address}/v2/`, { headers: { Authorization: `Bearer ${bad}` } });
    await res.body?.cancel();
    assert.equal(res.status, 401);
    assert.match(res.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
  },
});
