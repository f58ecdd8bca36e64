/**
 * A token server for the `token` variant of the test registry
 * (scripts/oci_registry.ts): the Docker registry token protocol that Docker
 * Hub, GHCR and Harbor run in front of their registries, as the CNCF
 * distribution registry's `auth: token` expects it.
 *
 * - `GET /token?service=S&scope=T:NAME:ACTIONS…[&offline_token=true]`, with
 *   Basic credentials or anonymously: `{"token","access_token","expires_in","issued_at"}`
 *   (plus `refresh_token` when an offline token is asked for).
 * - `POST /token` (the OAuth2 form the spec calls "oauth"): `grant_type`
 *   `password` (`username`, `password`) or `refresh_token`, with `service`,
 *   `client_id` and `scope` (space-separated): `{"access_token",…}`.
 *
 * Users are the bcrypt entries of an htpasswd file. A token is a JWT signed
 * with ES256 by the key whose self-signed certificate is the registry's
 * `rootcertbundle`; its header carries the certificate (`x5c`) and the key's
 * libtrust fingerprint (`kid`), which is how distribution 2.8 finds the
 * signing key. Access policy: a user gets every action asked for
 * (`pull`, `push`, `delete`, `*`) on any repository and the catalog;
 * anonymous clients get `pull` on repositories under `public/` and nothing
 * else (a token with an empty `access` list, as Docker Hub hands out for
 * private repositories, so the registry answers `insufficient_scope`).
 *
 * Every request is appended to `requests.log` in the state directory (one
 * JSON object a line: method, path, the parameters without secrets, the
 * user, the status, the access granted), so tests can compare what helm and
 * charta ask for.
 *
 *     deno run -A scripts/registry_token_server.ts DIR PORT
 *
 * `DIR` holds `token.json` ({@link TokenServerConfig}), `token.key`
 * (PKCS#8 P-256) and `token.crt`; {@link ensureTokenKeys} makes the last two.
 *
 * @module
 */
import { compareSync } from "bcrypt-ts/node";

/** What the server reads from `DIR/token.json`. */
export interface TokenServerConfig {
  /** The `iss` claim; the registry's `auth.token.issuer`. */
  issuer: string;
  /** The `aud` claim; the registry's `auth.token.service`. */
  service: string;
  /** An htpasswd file of bcrypt entries. */
  htpasswd: string;
  /** Token lifetime in seconds. */
  expiresIn: number;
}

/** A requested or granted access: `type:name:actions`. */
export interface Access {
  /** `repository` or `registry`. */
  type: string;
  /** The repository path, or `catalog`. */
  name: string;
  /** `pull`, `push`, `delete`, `*`. */
  actions: string[];
}

/**
 * Parses scope specifiers as the token spec writes them
 * (`repository:samalba/my-app:pull,push`; a name may hold colons, e.g. a
 * `host:port/` prefix, so the type ends at the first colon and the actions
 * start after the last; a type may carry a class in parentheses, dropped
 * here). Each parameter may hold several space-separated scopes.
 * Malformed specifiers are ignored, as distribution's token server does.
 */
export function parseScopes(params: string[]): Access[] {
  const out: Access[] = [];
  for (const param of params) {
    for (const spec of param.split(" ")) {
      if (spec === "") continue;
      const first = spec.indexOf(":");
      const last = spec.lastIndexOf(":");
      if (first < 0 || last === first) continue;
      const type = spec.slice(0, first).replace(/\(.*\)$/, "");
      const name = spec.slice(first + 1, last);
      const actions = spec.slice(last + 1).split(",").filter((a) => a !== "");
      if (type === "" || name === "" || actions.length === 0) continue;
      out.push({ type, name, actions: [...new Set(actions)] });
    }
  }
  return out;
}

/** The policy: what `user` ("" for anonymous) gets of what was asked. */
export function grant(user: string, requested: Access[]): Access[] {
  const out: Access[] = [];
  for (const r of requested) {
    let allowed: string[];
    if (user !== "") {
      allowed = r.type === "repository" || (r.type === "registry" && r.name === "catalog") ? r.actions : [];
    } else {
      allowed = r.type === "repository" && r.name.startsWith("public/")
        ? r.actions.filter((a) => a === "pull")
        : [];
    }
    if (allowed.length > 0) out.push({ type: r.type, name: r.name, actions: allowed });
  }
  return out;
}

function b64url(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function pemBody(pem: string, label: string): Uint8Array {
  const m = new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`).exec(pem);
  if (!m) throw new Error(`no ${label} in PEM`);
  return Uint8Array.from(atob(m[1].replace(/\s+/g, "")), (c) => c.charCodeAt(0));
}

/**
 * libtrust's key ID, which distribution 2.8 indexes its trusted keys by:
 * the first 240 bits of the SHA-256 of the DER public key, base32, in
 * twelve colon-separated groups of four.
 */
export async function libtrustKeyID(spkiDer: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", spkiDer as Uint8Array<ArrayBuffer>))
    .slice(0, 30);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of hash) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join(":");
}

/** A JWT signer for one key and certificate. */
export class TokenSigner {
  private constructor(
    private readonly key: CryptoKey,
    private readonly header: Record<string, unknown>,
  ) {}

  /**
   * From a PKCS#8 P-256 key and its certificate (PEM). With `x5c: false`
   * the header names the key by `kid` only, which distribution resolves
   * against the keys of its root certificates (tests prove the key ID so).
   */
  static async load(keyPem: string, certPem: string, opts: { x5c?: boolean } = {}): Promise<TokenSigner> {
    const pkcs8 = pemBody(keyPem, "PRIVATE KEY");
    const key = await crypto.subtle.importKey(
      "pkcs8",
      pkcs8 as Uint8Array<ArrayBuffer>,
      { name: "ECDSA", namedCurve: "P-256" },
      true,
      ["sign"],
    );
    // The public half, for the key ID: a JWK round trip drops the private scalar.
    const jwk = await crypto.subtle.exportKey("jwk", key);
    const pub = await crypto.subtle.importKey(
      "jwk",
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      { name: "ECDSA", namedCurve: "P-256" },
      true,
      ["verify"],
    );
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pub));
    const der = pemBody(certPem, "CERTIFICATE");
    let bin = "";
    for (const b of der) bin += String.fromCharCode(b);
    const header: Record<string, unknown> = { typ: "JWT", alg: "ES256", kid: await libtrustKeyID(spki) };
    if (opts.x5c !== false) header.x5c = [btoa(bin)];
    return new TokenSigner(key, header);
  }

  /** A signed token (ES256: the raw 64-byte r‖s signature, as JWS wants and libtrust checks). */
  async sign(claims: Record<string, unknown>): Promise<string> {
    const input = `${b64url(JSON.stringify(this.header))}.${b64url(JSON.stringify(claims))}`;
    const sig = await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" },
      this.key,
      new TextEncoder().encode(input),
    );
    return `${input}.${b64url(new Uint8Array(sig))}`;
  }
}

/**
 * Makes `DIR/token.key` (P-256, PKCS#8) and its self-signed certificate
 * `DIR/token.crt` with openssl, unless both exist.
 */
export async function ensureTokenKeys(dir: string): Promise<void> {
  const have = async (p: string) => await Deno.stat(p).then(() => true, () => false);
  if (await have(`${dir}/token.key`) && await have(`${dir}/token.crt`)) return;
  await Deno.mkdir(dir, { recursive: true });
  const run = async (args: string[]) => {
    const out = await new Deno.Command("openssl", { args, stdout: "piped", stderr: "piped" }).output();
    if (!out.success) {
      throw new Error(`openssl ${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
    }
  };
  await run([
    "genpkey",
    "-algorithm",
    "EC",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-out",
    `${dir}/token.key`,
  ]);
  await run([
    "req",
    "-new",
    "-x509",
    "-key",
    `${dir}/token.key`,
    "-out",
    `${dir}/token.crt`,
    "-days",
    "3650",
    "-subj",
    "/CN=charta-test-token-issuer",
  ]);
}

/** distribution's error body: `{"errors":[{code,message,detail}]}`. */
function errorResponse(status: number, code: string, message: string, detail?: string): Response {
  const headers: Record<string, string> = {};
  if (status === 401) headers["WWW-Authenticate"] = 'Basic realm="charta-token-server"';
  return Response.json({ errors: [{ code, message, ...(detail ? { detail } : {}) }] }, {
    status,
    headers,
  });
}

/** One parsed htpasswd file: user to bcrypt hash. */
async function readUsers(path: string): Promise<Map<string, string>> {
  const users = new Map<string, string>();
  for (const line of (await Deno.readTextFile(path)).split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) users.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return users;
}

/** The request handler of a token server (exported for unit tests). */
export function tokenHandler(
  cfg: TokenServerConfig,
  signer: TokenSigner,
  users: Map<string, string>,
  log: (entry: Record<string, unknown>) => void = () => {},
): (req: Request) => Promise<Response> {
  const refreshTokens = new Map<string, { user: string; service: string }>();
  const authenticate = (user: string, password: string): boolean => {
    const hash = users.get(user);
    return hash !== undefined && password !== "" && compareSync(password, hash);
  };
  const issue = async (user: string, requested: Access[], offline: boolean, form: boolean) => {
    const now = Math.floor(Date.now() / 1000);
    const access = grant(user, requested);
    const token = await signer.sign({
      iss: cfg.issuer,
      sub: user,
      aud: cfg.service,
      exp: now + cfg.expiresIn,
      nbf: now - 1,
      iat: now,
      jti: crypto.randomUUID(),
      access,
    });
    const body: Record<string, unknown> = form
      ? { access_token: token, scope: requested.map(scopeString).join(" ") }
      : { token, access_token: token };
    body.expires_in = cfg.expiresIn;
    body.issued_at = new Date(now * 1000).toISOString();
    if (offline && user !== "") {
      const rt = crypto.randomUUID();
      refreshTokens.set(rt, { user, service: cfg.service });
      body.refresh_token = rt;
    }
    return { body, access };
  };

  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const entry: Record<string, unknown> = { method: req.method, path: url.pathname };
    const done = (res: Response, extra: Record<string, unknown> = {}) => {
      log({ ...entry, ...extra, status: res.status });
      return res;
    };
    if (url.pathname !== "/token") return done(errorResponse(404, "NOT_FOUND", "not found"));

    if (req.method === "GET") {
      const service = url.searchParams.get("service") ?? "";
      const scopes = url.searchParams.getAll("scope");
      Object.assign(entry, { service, scope: scopes });
      if (service !== cfg.service) {
        return done(
          errorResponse(400, "UNSUPPORTED", "invalid service", `unknown service ${JSON.stringify(service)}`),
        );
      }
      let user = "";
      const auth = req.headers.get("authorization");
      if (auth) {
        const m = /^Basic\s+(.+)$/i.exec(auth);
        let decoded = "";
        try {
          decoded = m ? new TextDecoder().decode(Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0))) : "";
        } catch { /* not base64: refused below */ }
        const colon = decoded.indexOf(":");
        const name = colon >= 0 ? decoded.slice(0, colon) : "";
        entry.user = name;
        if (colon < 0 || !authenticate(name, decoded.slice(colon + 1))) {
          return done(
            errorResponse(401, "UNAUTHORIZED", "authentication required", "invalid username or password"),
          );
        }
        user = name;
      }
      const offline = url.searchParams.get("offline_token") === "true";
      const { body, access } = await issue(user, parseScopes(scopes), offline, false);
      return done(Response.json(body), { granted: access.map(scopeString) });
    }

    if (req.method === "POST") {
      let form: URLSearchParams;
      try {
        form = new URLSearchParams(await req.text());
      } catch {
        return done(errorResponse(400, "UNSUPPORTED", "unreadable form"));
      }
      const grantType = form.get("grant_type") ?? "";
      const service = form.get("service") ?? "";
      const scope = form.get("scope") ?? "";
      Object.assign(entry, {
        grant_type: grantType,
        service,
        client_id: form.get("client_id") ?? "",
        scope: scope === "" ? [] : [scope],
      });
      if (grantType === "") return done(errorResponse(400, "UNSUPPORTED", "missing grant_type value"));
      if (service !== cfg.service) {
        return done(
          errorResponse(400, "UNSUPPORTED", "invalid service", `unknown service ${JSON.stringify(service)}`),
        );
      }
      if (!form.get("client_id")) return done(errorResponse(400, "UNSUPPORTED", "missing client_id value"));
      let user: string;
      if (grantType === "password") {
        user = form.get("username") ?? "";
        entry.user = user;
        if (!authenticate(user, form.get("password") ?? "")) {
          return done(
            errorResponse(401, "UNAUTHORIZED", "authentication required", "invalid username or password"),
          );
        }
      } else if (grantType === "refresh_token") {
        const rt = refreshTokens.get(form.get("refresh_token") ?? "");
        if (!rt || rt.service !== service) {
          return done(errorResponse(401, "UNAUTHORIZED", "authentication required", "invalid refresh token"));
        }
        user = rt.user;
        entry.user = user;
      } else {
        return done(errorResponse(400, "UNSUPPORTED", "unknown grant_type value"));
      }
      const offline = form.get("access_type") === "offline";
      const { body, access } = await issue(user, parseScopes([scope]), offline, true);
      return done(Response.json(body), { granted: access.map(scopeString) });
    }
    return done(errorResponse(405, "UNSUPPORTED", "method not allowed"));
  };
}

function scopeString(a: Access): string {
  return `${a.type}:${a.name}:${a.actions.join(",")}`;
}

if (import.meta.main) {
  const [dir, port] = Deno.args;
  if (!dir || !port) {
    console.error("usage: registry_token_server.ts DIR PORT");
    Deno.exit(2);
  }
  const cfg = JSON.parse(await Deno.readTextFile(`${dir}/token.json`)) as TokenServerConfig;
  const signer = await TokenSigner.load(
    await Deno.readTextFile(`${dir}/token.key`),
    await Deno.readTextFile(`${dir}/token.crt`),
  );
  const users = await readUsers(cfg.htpasswd);
  const logFile = await Deno.open(`${dir}/requests.log`, { append: true, create: true });
  const enc = new TextEncoder();
  const handler = tokenHandler(cfg, signer, users, (e) => {
    logFile.writeSync(enc.encode(JSON.stringify({ time: new Date().toISOString(), ...e }) + "\n"));
  });
  Deno.serve({ hostname: "127.0.0.1", port: Number(port), onListen: () => {} }, handler);
}
