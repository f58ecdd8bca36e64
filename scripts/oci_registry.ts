/**
 * A local OCI registry for charta's registry tests: Debian's `docker-registry`
 * package (the CNCF distribution registry v2) listening on 127.0.0.1 on a
 * free port, plain HTTP, storage and config in a cache outside the
 * repository (`~/.cache/charta/registry`). Three variants run side by side:
 * `open` (no authentication), `auth` (htpasswd basic authentication with
 * the user {@link REGISTRY_USER}) and `token` (bearer tokens, as Docker Hub,
 * GHCR and Harbor run it: the registry's `auth: token` trusts the JWTs of
 * scripts/registry_token_server.ts, started beside it on its own port, for
 * the same user; anonymous clients may pull `public/…` only).
 *
 *     deno task registry:up [--auth|--token]   # starts it or reuses the running one; prints the address last
 *     deno task registry:down                  # stops all variants (the stored blobs stay)
 *
 * The binary is installed with apt-get (sudo when not root) when missing.
 *
 * @module
 */
import { freePort } from "./lib/free_port.ts";

/** The user of the `auth` variant. */
export const REGISTRY_USER = "charta";
/** The password of {@link REGISTRY_USER}. */
export const REGISTRY_PASSWORD = "charta-registry-pass";

const BINARY = "/usr/bin/docker-registry";

/** Which registry: without authentication, with htpasswd basic authentication, or with bearer tokens. */
export type RegistryVariant = "open" | "auth" | "token";

/** The `service` (token audience) of the `token` variant. */
export const TOKEN_SERVICE = "charta-test-registry";
/** The token issuer the `token` variant trusts. */
export const TOKEN_ISSUER = "charta-test-token-server";

/** A running registry. */
export interface RunningRegistry {
  /** `127.0.0.1:PORT`. */
  address: string;
  /** The variant. */
  variant: RegistryVariant;
  /** Credentials of the `auth` and `token` variants. */
  username?: string;
  /** Credentials of the `auth` and `token` variants. */
  password?: string;
  /** The token endpoint (`http://127.0.0.1:PORT/token`) of the `token` variant. */
  realm?: string;
  /** The token variant's state directory, whose `requests.log` records every token request. */
  dir?: string;
}

interface State {
  port: number;
  pid: number;
  startedAt: string;
  /** The token server of the `token` variant. */
  tokenPort?: number;
  /** Its process. */
  tokenPid?: number;
}

/** Where config, storage, logs and state live. */
export function registryCacheDir(): string {
  const home = Deno.env.get("HOME") ?? "/tmp";
  return `${Deno.env.get("XDG_CACHE_HOME") ?? `${home}/.cache`}/charta/registry`;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether the registry binary is installed. */
export function registryAvailable(): boolean {
  return exists(BINARY);
}

/** Installs Debian's docker-registry (and apache2-utils for htpasswd) with apt-get. */
export async function installRegistry(): Promise<void> {
  if (registryAvailable()) return;
  const sudo = Deno.uid() === 0 ? [] : ["sudo"];
  const run = async (args: string[]) => {
    const cmd = [...sudo, ...args];
    const out = await new Deno.Command(cmd[0], {
      args: cmd.slice(1),
      env: { DEBIAN_FRONTEND: "noninteractive" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code !== 0) {
      throw new Error(`${cmd.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
    }
  };
  await run(["apt-get", "update"]);
  await run(["apt-get", "install", "-y", "docker-registry", "apache2-utils"]);
}

function dirOf(variant: RegistryVariant): string {
  return `${registryCacheDir()}/${variant}`;
}

async function readState(variant: RegistryVariant): Promise<State | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(`${dirOf(variant)}/state.json`)) as State;
  } catch {
    return undefined;
  }
}

/** Whether a registry answers `GET /v2/` on the port (200, or 401 for the auth variant). */
async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.status === 200 || res.status === 401;
  } catch {
    return false;
  }
}

function pidAlive(pid: number): boolean {
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

/** A bcrypt htpasswd line: `htpasswd -B` when installed, else bcrypt-ts. */
async function htpasswdLine(user: string, password: string): Promise<string> {
  if (exists("/usr/bin/htpasswd")) {
    const out = await new Deno.Command("/usr/bin/htpasswd", {
      args: ["-nbB", user, password],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code === 0) return new TextDecoder().decode(out.stdout).trim();
  }
  const { hashSync } = await import("bcrypt-ts/node");
  return `${user}:${hashSync(password, 10)}`;
}

function config(variant: RegistryVariant, port: number, tokenPort?: number): string {
  const dir = dirOf(variant);
  let auth = "";
  if (variant === "auth") {
    auth = `auth:\n  htpasswd:\n    realm: charta-registry\n    path: ${dir}/htpasswd\n`;
  }
  if (variant === "token") {
    auth = `auth:
  token:
    realm: http://127.0.0.1:${tokenPort}/token
    service: ${TOKEN_SERVICE}
    issuer: ${TOKEN_ISSUER}
    rootcertbundle: ${dir}/token.crt
`;
  }
  return registryConfigYaml({
    dataDir: `${dir}/data`,
    port,
    secret: "charta-local-test-registry",
    deletes: true,
    auth,
  });
}

/** What {@link registryConfigYaml} writes into docker-registry's config.yml. */
export interface RegistryConfig {
  /** Where the registry stores blobs and manifests. */
  dataDir: string;
  /** Its port on 127.0.0.1. */
  port: number;
  /** The secret of its upload state. */
  secret: string;
  /** Whether manifests and blobs may be deleted. */
  deletes?: boolean;
  /** More lines of the `http:` section (`  tls:` …). */
  http?: string;
  /** An `auth:` section. */
  auth?: string;
}

/** docker-registry's config.yml for a registry on loopback, quiet in its logs. */
export function registryConfigYaml(c: RegistryConfig): string {
  return `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${c.dataDir}
${c.deletes ? "  delete:\n    enabled: true\n" : ""}http:
  addr: 127.0.0.1:${c.port}
  secret: ${c.secret}
${c.http ?? ""}${c.auth ?? ""}`;
}

function describe(variant: RegistryVariant, state: State): RunningRegistry {
  const r: RunningRegistry = { address: `127.0.0.1:${state.port}`, variant };
  if (variant !== "open") {
    r.username = REGISTRY_USER;
    r.password = REGISTRY_PASSWORD;
  }
  if (variant === "token") {
    r.realm = `http://127.0.0.1:${state.tokenPort}/token`;
    r.dir = dirOf(variant);
  }
  return r;
}

/** Whether the token server answers an anonymous token request. */
async function tokenServerAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/token?service=${TOKEN_SERVICE}`, {
      signal: AbortSignal.timeout(2000),
    });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Starts a detached server process whose output goes to `log`; returns its pid. */
function spawnDetached(bin: string, args: string[], log: string): Deno.ChildProcess {
  // setsid detaches the server from this process group and the shell sends its output to the log,
  // so it outlives the task and never writes to a closed pipe.
  const child = new Deno.Command("sh", {
    args: ["-c", 'log="$1"; shift; exec setsid "$@" >>"$log" 2>&1', "sh", log, bin, ...args],
    stdin: "null",
    stdout: "null",
    stderr: "null",
    cwd: "/",
  }).spawn();
  child.unref();
  return child;
}

/** Starts the token server of the `token` variant (keys, config and users first); returns port and pid. */
async function startTokenServer(dir: string): Promise<{ port: number; pid: number }> {
  const { ensureTokenKeys } = await import("./registry_token_server.ts");
  await ensureTokenKeys(dir);
  await Deno.writeTextFile(
    `${dir}/token.json`,
    JSON.stringify({
      issuer: TOKEN_ISSUER,
      service: TOKEN_SERVICE,
      htpasswd: `${dir}/htpasswd`,
      expiresIn: 300,
    }),
  );
  const port = freePort();
  const script = new URL("./registry_token_server.ts", import.meta.url).pathname;
  const config = new URL("../deno.json", import.meta.url).pathname;
  const child = spawnDetached(
    Deno.execPath(),
    ["run", "--allow-all", "--quiet", "--config", config, script, dir, String(port)],
    `${dir}/token-server.log`,
  );
  for (let i = 0; i < 300; i++) {
    if (await tokenServerAnswers(port)) return { port, pid: child.pid };
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    child.kill("SIGTERM");
  } catch { /* already gone */ }
  throw new Error(`the token server did not start on port ${port}; see ${dir}/token-server.log`);
}

/** Starts the registry of `variant`, or returns the one already running. */
export async function ensureRegistry(variant: RegistryVariant = "open"): Promise<RunningRegistry> {
  const state = await readState(variant);
  if (
    state && pidAlive(state.pid) && await answers(state.port) &&
    (variant !== "token" ||
      (state.tokenPid !== undefined && pidAlive(state.tokenPid) &&
        await tokenServerAnswers(state.tokenPort!)))
  ) {
    return describe(variant, state);
  }
  // Half of a token variant (one process died): stop the rest before starting both afresh.
  if (state) await stopRegistry(variant);
  if (!registryAvailable()) await installRegistry();
  const dir = dirOf(variant);
  await Deno.mkdir(`${dir}/data`, { recursive: true });
  if (variant !== "open") {
    await Deno.writeTextFile(
      `${dir}/htpasswd`,
      (await htpasswdLine(REGISTRY_USER, REGISTRY_PASSWORD)) + "\n",
    );
  }
  const token = variant === "token" ? await startTokenServer(dir) : undefined;
  const port = freePort();
  await Deno.writeTextFile(`${dir}/config.yml`, config(variant, port, token?.port));
  const child = spawnDetached(BINARY, ["serve", `${dir}/config.yml`], `${dir}/registry.log`);
  for (let i = 0; i < 100; i++) {
    if (await answers(port)) {
      const st: State = {
        port,
        pid: child.pid,
        startedAt: new Date().toISOString(),
        tokenPort: token?.port,
        tokenPid: token?.pid,
      };
      await Deno.writeTextFile(`${dir}/state.json`, JSON.stringify(st));
      return describe(variant, st);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const pid of [child.pid, token?.pid]) {
    try {
      if (pid !== undefined) Deno.kill(pid, "SIGTERM");
    } catch { /* already gone */ }
  }
  throw new Error(`docker-registry did not start on port ${port}; see ${dir}/registry.log`);
}

/** Stops the registry of `variant` when running. */
export async function stopRegistry(variant: RegistryVariant): Promise<boolean> {
  const state = await readState(variant);
  if (!state) return false;
  await Deno.remove(`${dirOf(variant)}/state.json`).catch(() => {});
  let stopped = false;
  for (const pid of [state.pid, state.tokenPid]) {
    if (pid === undefined || !pidAlive(pid)) continue;
    try {
      Deno.kill(pid, "SIGTERM");
      stopped = true;
    } catch { /* gone meanwhile */ }
  }
  return stopped;
}

if (import.meta.main) {
  const [cmd, ...rest] = Deno.args;
  const variant: RegistryVariant = rest.includes("--token")
    ? "token"
    : rest.includes("--auth")
    ? "auth"
    : "open";
  if (cmd === "up") {
    const r = await ensureRegistry(variant);
    if (r.username) console.log(`user: ${r.username} password: ${r.password}`);
    if (r.realm) console.log(`token realm: ${r.realm}`);
    console.log(r.address);
    // The spawned server keeps pipes to this process; leave without waiting for them.
    Deno.exit(0);
  } else if (cmd === "down") {
    for (const v of ["open", "auth", "token"] as const) {
      console.log(`${v}: ${(await stopRegistry(v)) ? "stopped" : "not running"}`);
    }
  } else {
    console.error("usage: oci_registry.ts up [--auth|--token] | down");
    Deno.exit(2);
  }
}
