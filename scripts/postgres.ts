/**
 * A local PostgreSQL server for helm's `sql` release storage driver
 * (`HELM_DRIVER=sql`): Debian's server binaries (`initdb`, `pg_ctl`), a data
 * directory in a cache outside the repository, listening on 127.0.0.1 only
 * on a free port, trust authentication, and a database `charta`.
 *
 *     deno task postgres:up     # starts it or reuses the running one; prints the connection string last
 *     deno task postgres:down   # stops it (the data stays)
 *
 * PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` system user (Debian's package creates it) with its data under
 * `/var/tmp/charta-postgres`, since that user cannot enter root's home; the
 * state file stays in `~/.cache/charta/postgres` either way.
 *
 * @module
 */
import { freePort } from "./lib/free_port.ts";

/** Where the state file (and, when not root, the data) lives. */
export function postgresCacheDir(): string {
  const home = Deno.env.get("HOME") ?? "/tmp";
  return `${Deno.env.get("XDG_CACHE_HOME") ?? `${home}/.cache`}/charta/postgres`;
}

const DATABASE = "charta";
const SUPERUSER = "postgres";
const RUN_AS = "postgres";

/** What `state.json` records about a started server. */
interface State {
  port: number;
  root: string;
  startedAt: string;
}

function isRoot(): boolean {
  return Deno.uid() === 0;
}

/** The directory holding `data/`, the socket directory and the server log. */
function serverRoot(): string {
  return isRoot() ? "/var/tmp/charta-postgres" : postgresCacheDir();
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The directory of the server binaries: `initdb` on PATH, else the newest
 * `/usr/lib/postgresql/N/bin` (Debian installs them there, off PATH).
 */
export function postgresBinDir(): string | undefined {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (dir && exists(`${dir}/initdb`) && exists(`${dir}/pg_ctl`)) {
      // Debian's PATH entries are symlinks; the real directory also holds psql and createdb.
      try {
        const real = Deno.realPathSync(`${dir}/initdb`);
        return real.slice(0, real.lastIndexOf("/"));
      } catch {
        return dir;
      }
    }
  }
  let versions: number[] = [];
  try {
    versions = [...Deno.readDirSync("/usr/lib/postgresql")].map((e) => Number(e.name)).filter((n) =>
      Number.isInteger(n)
    );
  } catch {
    return undefined;
  }
  for (const v of versions.sort((a, b) => b - a)) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (exists(`${dir}/initdb`) && exists(`${dir}/pg_ctl`)) return dir;
  }
  return undefined;
}

/** Whether a server can be started here: the binaries exist (and, as root, the `postgres` user does). */
export function postgresAvailable(): boolean {
  if (postgresBinDir() === undefined) return false;
  return !isRoot() || userExists(RUN_AS);
}

function userExists(name: string): boolean {
  try {
    return Deno.readTextFileSync("/etc/passwd").split("\n").some((l) => l.split(":")[0] === name);
  } catch {
    return false;
  }
}

/** Runs a server binary, as the `postgres` user when we are root. */
async function run(bin: string, args: string[], check = true): Promise<{ code: number; output: string }> {
  const dir = postgresBinDir();
  if (!dir) throw new Error("PostgreSQL server binaries not found (install Debian's postgresql package)");
  const cmd = isRoot() ? "runuser" : `${dir}/${bin}`;
  const argv = isRoot() ? ["-u", RUN_AS, "--", `${dir}/${bin}`, ...args] : args;
  const out = await new Deno.Command(cmd, {
    args: argv,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // The server inherits these descriptors otherwise; pg_ctl -l sends its output to the log.
    cwd: "/",
  }).output();
  const dec = new TextDecoder();
  const output = dec.decode(out.stdout) + dec.decode(out.stderr);
  if (check && out.code !== 0) throw new Error(`${bin} ${args.join(" ")} failed (${out.code}):\n${output}`);
  return { code: out.code, output };
}

/** The connection string of the database `name` on a server listening on `port`. */
export function connectionString(port: number, name = DATABASE): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}?sslmode=disable`;
}

async function readState(): Promise<State | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(`${postgresCacheDir()}/state.json`)) as State;
  } catch {
    return undefined;
  }
}

/** Whether the server of `state` answers on its port. */
async function ready(port: number): Promise<boolean> {
  const dir = postgresBinDir();
  if (!dir) return false;
  const out = await new Deno.Command(`${dir}/pg_isready`, {
    args: ["-h", "127.0.0.1", "-p", String(port), "-U", SUPERUSER, "-d", "postgres", "-t", "2"],
    stdout: "null",
    stderr: "null",
  }).output();
  return out.code === 0;
}

/** Runs SQL on the server as the superuser (via psql over TCP; trust authentication). */
export async function psql(port: number, sql: string, database = "postgres"): Promise<string> {
  const dir = postgresBinDir();
  const out = await new Deno.Command(`${dir}/psql`, {
    args: [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      SUPERUSER,
      "-d",
      database,
      "-XAtq",
      "-v",
      "ON_ERROR_STOP=1",
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { PGSSLMODE: "disable" },
  }).spawn();
  const w = out.stdin.getWriter();
  await w.write(new TextEncoder().encode(sql));
  await w.close();
  const res = await out.output();
  const dec = new TextDecoder();
  if (res.code !== 0) throw new Error(`psql failed: ${dec.decode(res.stderr).trim()}`);
  return dec.decode(res.stdout);
}

/** Serialises concurrent starts (two test files may ask at once). */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${postgresCacheDir()}/lock`;
  await Deno.mkdir(postgresCacheDir(), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await Deno.mkdir(lock);
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
      // A lock older than a minute was left by a killed process.
      const st = await Deno.stat(lock).catch(() => undefined);
      if (st?.mtime && Date.now() - st.mtime.getTime() > 60_000) {
        await Deno.remove(lock).catch(() => {});
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    await Deno.remove(lock).catch(() => {});
  }
}

/**
 * Starts the server or reuses the running one, makes sure the database
 * `charta` exists, and returns its connection string.
 */
export function ensurePostgres(): Promise<string> {
  return withLock(async () => {
    const st = await readState();
    if (st && await ready(st.port)) return connectionString(st.port);
    const root = serverRoot();
    const data = `${root}/data`;
    if (isRoot()) {
      await Deno.mkdir(root, { recursive: true });
      const chown = await new Deno.Command("chown", { args: [`${RUN_AS}:`, root] }).output();
      if (chown.code !== 0) throw new Error(`chown ${RUN_AS} ${root} failed`);
      await Deno.chmod(root, 0o700);
    } else {
      await Deno.mkdir(root, { recursive: true, mode: 0o700 });
    }
    if (!exists(`${data}/PG_VERSION`)) {
      await Deno.remove(data, { recursive: true }).catch(() => {});
      await run("initdb", ["-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C"]);
    }
    // A server killed without cleanup leaves its pid file; pg_ctl start copes with a stale one.
    const port = freePort();
    const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off`;
    const started = await run("pg_ctl", [
      "-D",
      data,
      "-l",
      `${root}/server.log`,
      "-o",
      opts,
      "-w",
      "-t",
      "60",
      "start",
    ], false);
    if (started.code !== 0) {
      let log = "";
      try {
        log = (await Deno.readTextFile(`${root}/server.log`)).split("\n").slice(-15).join("\n");
      } catch { /* no log yet */ }
      throw new Error(`pg_ctl start failed:\n${started.output}\n${log}`);
    }
    const state: State = { port, root, startedAt: new Date().toISOString() };
    await Deno.writeTextFile(`${postgresCacheDir()}/state.json`, JSON.stringify(state, null, 2) + "\n");
    const have = await psql(port, `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`);
    if (have.trim() !== "1") await psql(port, `CREATE DATABASE ${DATABASE}`);
    return connectionString(port);
  });
}

/** Stops the server (if running); the data directory stays for the next start. */
export async function stopPostgres(): Promise<void> {
  const data = `${serverRoot()}/data`;
  if (exists(`${data}/postmaster.pid`)) await run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"], false);
  await Deno.remove(`${postgresCacheDir()}/state.json`).catch(() => {});
}

/**
 * A fresh database on the running server (for one test): returns its
 * connection string and a function dropping it.
 */
export async function createDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = await ensurePostgres();
  const port = Number(new URL(url).port);
  const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`.toLowerCase();
  await psql(port, `CREATE DATABASE ${name}`);
  return {
    url: connectionString(port, name),
    drop: async () => {
      await psql(port, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

if (import.meta.main) {
  const cmd = Deno.args[0] ?? "up";
  try {
    if (cmd === "up") {
      console.log(await ensurePostgres());
    } else if (cmd === "down") {
      await stopPostgres();
      console.log("stopped");
    } else {
      console.error(`usage: scripts/postgres.ts up|down`);
      Deno.exit(2);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    Deno.exit(1);
  }
}
