/**
 * A local OCI registry for charta's registry tests: Debian's `docker-registry`
 * package (the CNCF distribution registry v2) listening on 127.0.0.1 on a
 * free port, plain HTTP, storage and config in a cache outside the
 * repository (`~/.cache/charta/registry`). Two variants run side by side:
 * `open` (no authentication) and `auth` (htpasswd basic authentication with
 * the user {@link REGISTRY_USER}).
 *
 *     deno task registry:up [--auth]   # starts it or reuses the running one; prints the address last
 *     deno task registry:down          # stops both variants (the stored blobs stay)
 *
 * The binary is installed with apt-get (sudo when not root) when missing.
 *
 * @module
 */

/** The user of the `auth` variant. */
export const REGISTRY_USER = "charta";
/** The password of {@link REGISTRY_USER}. */
export const REGISTRY_PASSWORD = "charta-registry-pass";

const BINARY = "/usr/bin/docker-registry";

/** Which registry: without authentication, or with htpasswd basic authentication. */
export type RegistryVariant = "open" | "auth";

/** A running registry. */
export interface RunningRegistry {
  /** `127.0.0.1:PORT`. */
  address: string;
  /** The variant. */
  variant: RegistryVariant;
  /** Credentials of the `auth` variant. */
  username?: string;
  /** Credentials of the `auth` variant. */
  password?: string;
}

interface State {
  port: number;
  pid: number;
  startedAt: string;
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

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
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

function config(variant: RegistryVariant, port: number): string {
  const dir = dirOf(variant);
  const auth = variant === "auth"
    ? `auth:\n  htpasswd:\n    realm: charta-registry\n    path: ${dir}/htpasswd\n`
    : "";
  return `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${dir}/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${port}
  secret: charta-local-test-registry
${auth}`;
}

function describe(variant: RegistryVariant, port: number): RunningRegistry {
  const r: RunningRegistry = { address: `127.0.0.1:${port}`, variant };
  if (variant === "auth") {
    r.username = REGISTRY_USER;
    r.password = REGISTRY_PASSWORD;
  }
  return r;
}

/** Starts the registry of `variant`, or returns the one already running. */
export async function ensureRegistry(variant: RegistryVariant = "open"): Promise<RunningRegistry> {
  const state = await readState(variant);
  if (state && pidAlive(state.pid) && await answers(state.port)) return describe(variant, state.port);
  if (!registryAvailable()) await installRegistry();
  const dir = dirOf(variant);
  await Deno.mkdir(`${dir}/data`, { recursive: true });
  if (variant === "auth") {
    await Deno.writeTextFile(
      `${dir}/htpasswd`,
      (await htpasswdLine(REGISTRY_USER, REGISTRY_PASSWORD)) + "\n",
    );
  }
  const port = freePort();
  await Deno.writeTextFile(`${dir}/config.yml`, config(variant, port));
  // setsid detaches the server from this process group and the shell sends its output to the log,
  // so it outlives the task and never writes to a closed pipe.
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      'exec setsid "$0" serve "$1" >>"$2" 2>&1',
      BINARY,
      `${dir}/config.yml`,
      `${dir}/registry.log`,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "null",
    cwd: "/",
  }).spawn();
  child.unref();
  for (let i = 0; i < 100; i++) {
    if (await answers(port)) {
      const st: State = { port, pid: child.pid, startedAt: new Date().toISOString() };
      await Deno.writeTextFile(`${dir}/state.json`, JSON.stringify(st));
      return describe(variant, port);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    child.kill("SIGTERM");
  } catch { /* already gone */ }
  throw new Error(`docker-registry did not start on port ${port}; see ${dir}/registry.log`);
}

/** Stops the registry of `variant` when running. */
export async function stopRegistry(variant: RegistryVariant): Promise<boolean> {
  const state = await readState(variant);
  if (!state) return false;
  await Deno.remove(`${dirOf(variant)}/state.json`).catch(() => {});
  if (!pidAlive(state.pid)) return false;
  try {
    Deno.kill(state.pid, "SIGTERM");
  } catch {
    return false;
  }
  return true;
}

if (import.meta.main) {
  const [cmd, ...rest] = Deno.args;
  const variant: RegistryVariant = rest.includes("--auth") ? "auth" : "open";
  if (cmd === "up") {
    const r = await ensureRegistry(variant);
    if (r.username) console.log(`user: ${r.username} password: ${r.password}`);
    console.log(r.address);
    // The spawned server keeps pipes to this process; leave without waiting for them.
    Deno.exit(0);
  } else if (cmd === "down") {
    for (const v of ["open", "auth"] as const) {
      console.log(`${v}: ${(await stopRegistry(v)) ? "stopped" : "not running"}`);
    }
  } else {
    console.error("usage: oci_registry.ts up [--auth] | down");
    Deno.exit(2);
  }
}
