/**
 * helm's `sql` storage driver (pkg/storage/driver/sql.go) on PostgreSQL,
 * chosen by `HELM_DRIVER=sql` with the database named by
 * `HELM_DRIVER_SQL_CONNECTION_STRING` (lib/pq's syntax: a
 * `postgres://user:pass@host:port/db?sslmode=disable` URL or
 * `host=… port=… user=… dbname=… sslmode=…` pairs).
 *
 * The schema is helm's, created the way helm's sql-migrate does it, so helm
 * and charta can share one database in either order: tables `releases_v1`
 * (key, type, body, name, namespace, version, status, owner, createdAt,
 * modifiedAt; the primary key is key+namespace) and `custom_labels_v1`
 * (releaseKey, releaseNamespace, key, value), and the bookkeeping table
 * `gorp_migrations` with the rows `custom_labels` and `init`. Bodies are the
 * secret driver's `base64(gzip(json))`.
 *
 * helm's semantics are kept, quirks included: the driver's namespace
 * follows the last release created or updated; `get` reports any failed
 * lookup as `release: not found`; `query` accepts only helm's own labels
 * (`unknown label X` otherwise); `update` of a missing record succeeds
 * without effect; custom labels are read in the driver's namespace.
 *
 * The PostgreSQL client (npm `pg`) is imported on first use, and every
 * operation runs on a connection of its own that it closes, so nothing is
 * left open to keep the process alive.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { quote } from "../gotpl/quote.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import { type Driver, errReleaseNotFound, filterSystemLabels } from "./driver.ts";
import { decodeRelease, encodeRelease } from "./record.ts";

/** helm's name for the driver. */
export const SQL_DRIVER_NAME = "SQL";

const RELEASES = "releases_v1";
const CUSTOM_LABELS = "custom_labels_v1";
const MIGRATIONS = "gorp_migrations";
const RELEASE_TYPE = "helm.sh/release.v1";
const OWNER = "helm";
/** The labels `query` can filter on (columns of `releases_v1`). */
const QUERY_LABELS = new Set(["modifiedAt", "createdAt", "version", "status", "owner", "name"]);

/**
 * helm's migrations, by id. sql-migrate applies them sorted by id, so
 * `custom_labels` goes before `init`; each runs in a transaction with its
 * `gorp_migrations` row. Identifiers are unquoted, as helm writes them
 * (PostgreSQL folds `createdAt` to `createdat`).
 */
const MIGRATION_SQL: ReadonlyArray<readonly [string, string]> = [
  [
    "custom_labels",
    `CREATE TABLE ${CUSTOM_LABELS} (
      releaseKey VARCHAR(64),
      releaseNamespace VARCHAR(67),
      key VARCHAR(317),
      value VARCHAR(63)
    );
    CREATE INDEX ON ${CUSTOM_LABELS} (releaseKey, releaseNamespace);
    GRANT ALL ON ${CUSTOM_LABELS} TO PUBLIC;
    ALTER TABLE ${CUSTOM_LABELS} ENABLE ROW LEVEL SECURITY;`,
  ],
  [
    "init",
    `CREATE TABLE ${RELEASES} (
      key VARCHAR(90),
      type VARCHAR(64) NOT NULL,
      body TEXT NOT NULL,
      name VARCHAR(64) NOT NULL,
      namespace VARCHAR(64) NOT NULL,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      owner TEXT NOT NULL,
      createdAt INTEGER NOT NULL,
      modifiedAt INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY(key, namespace)
    );
    CREATE INDEX ON ${RELEASES} (key, namespace);
    CREATE INDEX ON ${RELEASES} (version);
    CREATE INDEX ON ${RELEASES} (status);
    CREATE INDEX ON ${RELEASES} (owner);
    CREATE INDEX ON ${RELEASES} (createdAt);
    CREATE INDEX ON ${RELEASES} (modifiedAt);
    GRANT ALL ON ${RELEASES} TO PUBLIC;
    ALTER TABLE ${RELEASES} ENABLE ROW LEVEL SECURITY;`,
  ],
];

// ---------------------------------------------------------------- connection strings

/** lib/pq's `sslmode` values. */
const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-full", "verify-ca"];

/** A parsed connection string: what the `pg` client needs. */
export interface SqlConnectionConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  /** lib/pq's default is `require`. */
  sslmode: string;
  /** Seconds; 0 waits as long as the system does. */
  connectTimeout: number;
  applicationName?: string;
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
}

/** Go's `url.Parse` complaint about a bad `%` escape, if the text has one. */
function badEscape(s: string): string | undefined {
  const m = /%(?![0-9A-Fa-f]{2})[^]{0,2}/.exec(s);
  return m ? m[0] : undefined;
}

/** lib/pq's `convertURL`: a `postgres://` URL as `key=value` options. */
function urlOptions(s: string): Map<string, string> {
  const esc = badEscape(s);
  if (esc !== undefined) throw new ChartaError(`parse ${quote(s)}: invalid URL escape ${quote(esc)}`);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new ChartaError(`parse ${quote(s)}: invalid URL`);
  }
  const o = new Map<string, string>();
  if (u.username) o.set("user", decodeURIComponent(u.username));
  if (u.password) o.set("password", decodeURIComponent(u.password));
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host) o.set("host", host);
  if (u.port) o.set("port", u.port);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (db) o.set("dbname", db);
  for (const [k, v] of u.searchParams) o.set(k, v);
  return o;
}

/** lib/pq's `key=value` parser (libpq's conninfo syntax: quoted values, backslash escapes). */
function pairOptions(dsn: string): Map<string, string> {
  const s = [...dsn];
  const o = new Map<string, string>();
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
  const skipSpaces = () => {
    while (i < s.length && isSpace(s[i])) i++;
  };
  for (;;) {
    skipSpaces();
    if (i >= s.length) break;
    let key = "";
    while (i < s.length && !isSpace(s[i]) && s[i] !== "=") key += s[i++];
    skipSpaces();
    if (s[i] !== "=") throw new ChartaError(`missing "=" after ${quote(key)} in connection info string`);
    i++;
    skipSpaces();
    if (i >= s.length) {
      o.set(key, "");
      break;
    }
    let val = "";
    if (s[i] !== "'") {
      while (i < s.length && !isSpace(s[i])) {
        if (s[i] === "\\") {
          i++;
          if (i >= s.length) throw new ChartaError("missing character after backslash");
        }
        val += s[i++];
      }
    } else {
      i++;
      for (;;) {
        if (i >= s.length) throw new ChartaError("unterminated quoted string literal in connection string");
        const c = s[i++];
        if (c === "'") break;
        if (c === "\\") {
          if (i < s.length) val += s[i++];
          continue;
        }
        val += c;
      }
    }
    o.set(key, val);
  }
  return o;
}

/**
 * Reads a connection string as lib/pq does: the `PG*` environment first
 * (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`,
 * `PGCONNECT_TIMEOUT`), then the string; defaults `localhost:5432`, the
 * current user, and `sslmode=require`.
 *
 * @throws {ChartaError} with lib/pq's (or Go's URL parser's) message
 */
export function parseConnectionString(
  dsn: string,
  env: (name: string) => string | undefined = () => undefined,
): SqlConnectionConfig {
  const o = new Map<string, string>();
  const fromEnv: Array<[string, string]> = [
    ["PGHOST", "host"],
    ["PGPORT", "port"],
    ["PGUSER", "user"],
    ["PGPASSWORD", "password"],
    ["PGDATABASE", "dbname"],
    ["PGSSLMODE", "sslmode"],
    ["PGCONNECT_TIMEOUT", "connect_timeout"],
    ["PGAPPNAME", "application_name"],
  ];
  for (const [e, k] of fromEnv) {
    const v = env(e);
    if (v !== undefined && v !== "") o.set(k, v);
  }
  const given = dsn.startsWith("postgres://") || dsn.startsWith("postgresql://")
    ? urlOptions(dsn)
    : pairOptions(dsn);
  for (const [k, v] of given) o.set(k, v);

  const sslmode = o.get("sslmode") ?? "require";
  if (!SSL_MODES.includes(sslmode)) {
    throw new ChartaError(
      `pq: wrong value for "sslmode": ${quote(sslmode)} is not supported; supported values are ${
        SSL_MODES.slice(0, -1).join(", ")
      }, or ${SSL_MODES.at(-1)}`,
    );
  }
  const uint = (key: string, max: number, fallback: number): number => {
    const v = o.get(key);
    if (v === undefined) return fallback;
    if (!/^[0-9]+$/.test(v)) {
      throw new ChartaError(
        `pq: wrong value for ${quote(key)}: strconv.ParseUint: parsing ${quote(v)}: invalid syntax`,
      );
    }
    const n = Number(v);
    if (n > max) {
      throw new ChartaError(
        `pq: wrong value for ${quote(key)}: strconv.ParseUint: parsing ${quote(v)}: value out of range`,
      );
    }
    return n;
  };
  const user = o.get("user") || env("USER") || env("LOGNAME") || "postgres";
  return {
    host: o.get("host") || "localhost",
    port: uint("port", 65535, 5432),
    user,
    password: o.get("password"),
    database: o.get("dbname") || user,
    sslmode,
    connectTimeout: uint("connect_timeout", Number.MAX_SAFE_INTEGER, 0),
    applicationName: o.get("application_name"),
    sslrootcert: o.get("sslrootcert"),
    sslcert: o.get("sslcert"),
    sslkey: o.get("sslkey"),
  };
}

// ---------------------------------------------------------------- the client

/** The part of `pg`'s query result used here. */
interface QueryResult {
  rows: Array<Record<string, unknown>>;
}

/** The part of `pg.Client` used here. */
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<QueryResult>;
  end(): Promise<void>;
  on(event: "error", fn: (e: Error) => void): void;
}

type PgClientClass = new (config: Record<string, unknown>) => PgClient;

let pgModule: Promise<PgClientClass> | undefined;

/** `pg.Client`, loaded on first use (startup must not load npm modules). */
function pgClient(): Promise<PgClientClass> {
  return pgModule ??= import("pg").then((m) => {
    const mod = m as { default?: { Client: PgClientClass }; Client?: PgClientClass };
    const Client = mod.default?.Client ?? mod.Client;
    if (!Client) throw new ChartaError("the pg module has no Client");
    return Client;
  });
}

/** Fields `pg` and Node's net errors carry. */
interface PgErrorFields {
  code?: string;
  severity?: string;
  address?: string;
  port?: number;
  hostname?: string;
  syscall?: string;
}

/**
 * A client or server error in lib/pq's words: server errors as
 * `pq: MESSAGE (SQLSTATE)`, network errors as Go's `dial tcp HOST:PORT: …`.
 */
export function pqMessage(e: unknown, cfg: Pick<SqlConnectionConfig, "host" | "port">): string {
  if (!(e instanceof Error)) return String(e);
  const f = e as Error & PgErrorFields;
  const target = `${cfg.host.includes(":") ? `[${cfg.host}]` : cfg.host}:${cfg.port}`;
  if (f.severity && f.code) return `pq: ${e.message} (${f.code})`;
  switch (f.code) {
    case "ECONNREFUSED":
      return `dial tcp ${target}: connect: connection refused`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `dial tcp: lookup ${cfg.host}: no such host`;
    case "ETIMEDOUT":
      return `dial tcp ${target}: i/o timeout`;
    case "EHOSTUNREACH":
      return `dial tcp ${target}: connect: no route to host`;
    case "ENETUNREACH":
      return `dial tcp ${target}: connect: network is unreachable`;
    case "ECONNRESET":
      return `read tcp ${target}: read: connection reset by peer`;
  }
  if (/does not support SSL/i.test(e.message)) return "pq: SSL is not enabled on the server";
  if (/timeout expired|Connection terminated due to connection timeout/i.test(e.message)) {
    return `dial tcp ${target}: i/o timeout`;
  }
  // Some network errors arrive without a code; name the server so the message says where.
  if (!e.message.includes(cfg.host)) return `dial tcp ${target}: ${e.message}`;
  return e.message;
}

/** An error of the database, with lib/pq's text; the original stays as `cause`. */
export class SqlError extends ChartaError {
  /** The SQLSTATE code of a server error. */
  readonly sqlState?: string;

  /**
   * Wraps a client error.
   * @param message the lib/pq-style text
   * @param cause the client's error
   */
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = "SqlError";
    const f = cause as PgErrorFields | undefined;
    if (f?.severity && f.code) this.sqlState = f.code;
  }
}

/** Options of {@link SqlDriver}. */
export interface SqlDriverOptions {
  /** The environment (for lib/pq's `PG*` variables and the default user). */
  env?: (name: string) => string | undefined;
  /** The clock for `createdAt`/`modifiedAt`, in Unix seconds (default: now). */
  now?: () => number;
  /** Debug log. */
  log?: LogFn;
}

interface RecordRow {
  key: string;
  namespace: string;
  body: string;
}

/** helm's `driver.SQL` on PostgreSQL. */
export class SqlDriver implements Driver {
  readonly #connection: string;
  readonly #env: (name: string) => string | undefined;
  readonly #now: () => number;
  readonly #log?: LogFn;
  #namespace: string;
  #setup?: Promise<SqlConnectionConfig>;

  /**
   * A driver for the database `connectionString` names, working in
   * `namespace` (`""`: all namespaces for `list` and `query`). Nothing is
   * connected until the first operation (or {@link SqlDriver.init}).
   */
  constructor(connectionString: string, namespace: string, options: SqlDriverOptions = {}) {
    this.#connection = connectionString;
    this.#namespace = namespace;
    this.#env = options.env ?? ((n) => Deno.env.get(n));
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.#log = options.log;
  }

  /** `SQL`. */
  name(): string {
    return SQL_DRIVER_NAME;
  }

  /** The namespace the driver works in. */
  get namespace(): string {
    return this.#namespace;
  }

  #debug(msg: string, ...attrs: Array<[string, unknown]>): void {
    this.#log?.("DEBUG", msg, attrs);
  }

  /**
   * helm's `NewSQL`: parses the connection string, connects and creates
   * helm's schema when its migrations have not run. Done once; every
   * operation waits for it.
   *
   * @throws {ChartaError} `unable to instantiate SQL driver: …`
   */
  init(): Promise<SqlConnectionConfig> {
    return this.#setup ??= this.#initialize().catch((e) => {
      throw new ChartaError(
        `unable to instantiate SQL driver: ${e instanceof Error ? e.message : String(e)}`,
        {
          cause: e,
        },
      );
    });
  }

  async #initialize(): Promise<SqlConnectionConfig> {
    const cfg = parseConnectionString(this.#connection, this.#env);
    const client = await this.#open(cfg);
    try {
      await this.#migrate(client, cfg);
    } finally {
      await client.end().catch(() => {});
    }
    return cfg;
  }

  /** A connected client, honouring `sslmode` (`prefer`/`allow` fall back as libpq does). */
  async #open(cfg: SqlConnectionConfig): Promise<PgClient> {
    const Client = await pgClient();
    const attempt = async (tls: boolean): Promise<PgClient> => {
      const conf: Record<string, unknown> = {
        host: cfg.host,
        port: cfg.port,
        user: cfg.user,
        password: cfg.password,
        database: cfg.database,
        application_name: cfg.applicationName,
        connectionTimeoutMillis: cfg.connectTimeout * 1000,
      };
      if (tls) {
        const ssl: Record<string, unknown> = { rejectUnauthorized: cfg.sslmode.startsWith("verify") };
        if (cfg.sslrootcert) ssl.ca = await Deno.readTextFile(cfg.sslrootcert);
        if (cfg.sslcert) ssl.cert = await Deno.readTextFile(cfg.sslcert);
        if (cfg.sslkey) ssl.key = await Deno.readTextFile(cfg.sslkey);
        // verify-ca checks the chain only, not the name.
        if (cfg.sslmode === "verify-ca") ssl.checkServerIdentity = () => undefined;
        conf.ssl = ssl;
      }
      const c = new Client(conf);
      // A dropped connection must not crash the process; the pending query reports it.
      c.on("error", (e) => this.#debug("sql connection error", ["error", e.message]));
      try {
        await c.connect();
      } catch (e) {
        await c.end().catch(() => {});
        throw new SqlError(pqMessage(e, cfg), e);
      }
      return c;
    };
    switch (cfg.sslmode) {
      case "disable":
        return await attempt(false);
      case "allow":
        try {
          return await attempt(false);
        } catch {
          return await attempt(true);
        }
      case "prefer":
        try {
          return await attempt(true);
        } catch (e) {
          if (e instanceof SqlError && e.message === "pq: SSL is not enabled on the server") {
            return await attempt(false);
          }
          throw e;
        }
      default:
        return await attempt(true);
    }
  }

  /** sql-migrate's `Exec(Up)` for helm's migrations, skipped when all are recorded (`checkAlreadyApplied`). */
  async #migrate(client: PgClient, cfg: SqlConnectionConfig): Promise<void> {
    const q = (text: string, values?: unknown[]) => this.#query(client, cfg, text, values);
    let applied = new Set<string>();
    try {
      applied = new Set((await client.query(`SELECT id FROM ${MIGRATIONS}`)).rows.map((r) => String(r.id)));
    } catch (e) {
      this.#debug("failed to get migration records", ["error", e instanceof Error ? e.message : String(e)]);
    }
    if (MIGRATION_SQL.every(([id]) => applied.has(id))) return;
    await q(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS}" ("id" text not null primary key, "applied_at" timestamp with time zone)`,
    );
    applied = new Set((await q(`SELECT id FROM ${MIGRATIONS}`)).rows.map((r) => String(r.id)));
    for (const [id, sql] of MIGRATION_SQL) {
      if (applied.has(id)) continue;
      await q("BEGIN");
      try {
        await q(sql);
        await q(`INSERT INTO "${MIGRATIONS}" ("id","applied_at") VALUES ($1,$2)`, [id, new Date()]);
        await q("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      }
    }
  }

  /** A query whose failure reads as lib/pq's. */
  async #query(
    client: PgClient,
    cfg: SqlConnectionConfig,
    text: string,
    values?: unknown[],
  ): Promise<QueryResult> {
    try {
      return await client.query(text, values);
    } catch (e) {
      throw new SqlError(pqMessage(e, cfg), e);
    }
  }

  /** Runs `fn` on a fresh connection (after {@link init}) and closes it. */
  async #withClient<T>(
    fn: (q: (text: string, values?: unknown[]) => Promise<QueryResult>) => Promise<T>,
  ): Promise<T> {
    const cfg = await this.init();
    const client = await this.#open(cfg);
    try {
      return await fn((text, values) => this.#query(client, cfg, text, values));
    } finally {
      await client.end().catch(() => {});
    }
  }

  /** helm's `getReleaseCustomLabels`: in the driver's namespace, whatever the record's. */
  async #customLabels(
    q: (text: string, values?: unknown[]) => Promise<QueryResult>,
    key: string,
  ): Promise<Record<string, string>> {
    const res = await q(
      `SELECT key, value FROM ${CUSTOM_LABELS} WHERE releaseKey = $1 AND releaseNamespace = $2`,
      [key, this.#namespace],
    );
    const labels: Record<string, string> = {};
    for (const r of res.rows) labels[String(r.key)] = String(r.value ?? "");
    return filterSystemLabels(labels);
  }

  get(key: string): Promise<Release> {
    return this.#withClient(async (q) => {
      let rows: RecordRow[];
      try {
        rows =
          (await q(`SELECT body FROM ${RELEASES} WHERE key = $1 AND namespace = $2`, [key, this.#namespace]))
            .rows as unknown as RecordRow[];
      } catch (e) {
        this.#debug("got SQL error when getting release", ["key", key], ["error", String(e)]);
        throw errReleaseNotFound();
      }
      if (rows.length === 0) throw errReleaseNotFound();
      const r = await decodeRelease(rows[0].body);
      r.labels = await this.#customLabels(q, key);
      return r;
    });
  }

  list(filter: (rls: Release) => boolean): Promise<Release[]> {
    return this.#withClient(async (q) => {
      const args: unknown[] = [OWNER];
      let sql = `SELECT key, namespace, body FROM ${RELEASES} WHERE owner = $1`;
      if (this.#namespace !== "") {
        sql += " AND namespace = $2";
        args.push(this.#namespace);
      }
      const rows = (await q(sql, args)).rows as unknown as RecordRow[];
      const out: Release[] = [];
      for (const row of rows) {
        let r: Release;
        try {
          r = await decodeRelease(row.body);
        } catch (e) {
          this.#debug("failed to decode release", ["key", row.key], ["error", String(e)]);
          continue;
        }
        r.labels = {
          ...await this.#customLabels(q, row.key),
          name: r.name,
          owner: OWNER,
          status: r.info?.status ?? "",
          version: String(r.version),
        };
        if (filter(r)) out.push(r);
      }
      return out;
    });
  }

  async query(labels: Record<string, string>): Promise<Release[]> {
    const keys = Object.keys(labels).sort();
    for (const k of keys) {
      if (!QUERY_LABELS.has(k)) {
        this.#debug("unknown label", ["key", k]);
        throw new ChartaError(`unknown label ${k}`);
      }
    }
    return await this.#withClient(async (q) => {
      const args: unknown[] = [];
      const where: string[] = [];
      for (const k of keys) {
        args.push(labels[k]);
        where.push(`${k} = $${args.length}`);
      }
      if (this.#namespace !== "") {
        args.push(this.#namespace);
        where.push(`namespace = $${args.length}`);
      }
      const sql = `SELECT key, namespace, body FROM ${RELEASES}` +
        (where.length > 0 ? ` WHERE ${where.join(" AND ")}` : "");
      const rows = (await q(sql, args)).rows as unknown as RecordRow[];
      if (rows.length === 0) throw errReleaseNotFound();
      const out: Release[] = [];
      for (const row of rows) {
        let r: Release;
        try {
          r = await decodeRelease(row.body);
        } catch (e) {
          this.#debug("failed to decode release", ["key", row.key], ["error", String(e)]);
          continue;
        }
        r.labels = await this.#customLabels(q, row.key);
        out.push(r);
      }
      if (out.length === 0) throw errReleaseNotFound();
      return out;
    });
  }

  create(key: string, rls: Release): Promise<void> {
    const namespace = rls.namespace || "default";
    this.#namespace = namespace;
    const body = encodeRelease(rls);
    return this.#withClient(async (q) => {
      await q("BEGIN");
      try {
        await q(
          `INSERT INTO ${RELEASES} (key,type,body,name,namespace,version,status,owner,createdAt) ` +
            "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
          [
            key,
            RELEASE_TYPE,
            body,
            rls.name,
            namespace,
            rls.version,
            rls.info?.status ?? "",
            OWNER,
            this.#now(),
          ],
        );
      } catch (e) {
        // helm then looks for the record inside the failed transaction, which PostgreSQL refuses, so the
        // insert's own error (a duplicate key, for an existing record) is what it reports.
        this.#debug("failed to store release in SQL database", ["key", key], ["error", String(e)]);
        await q("ROLLBACK").catch(() => {});
        throw e;
      }
      try {
        for (const [k, v] of Object.entries(filterSystemLabels(rls.labels))) {
          await q(
            `INSERT INTO ${CUSTOM_LABELS} (releaseKey,releaseNamespace,key,value) VALUES ($1,$2,$3,$4)`,
            [key, namespace, k, v],
          );
        }
      } catch (e) {
        this.#debug("failed to write Labels", ["error", String(e)]);
        await q("ROLLBACK").catch(() => {});
        throw e;
      }
      await q("COMMIT");
    });
  }

  update(key: string, rls: Release): Promise<void> {
    const namespace = rls.namespace || "default";
    this.#namespace = namespace;
    const body = encodeRelease(rls);
    return this.#withClient(async (q) => {
      await q(
        `UPDATE ${RELEASES} SET body = $1, name = $2, version = $3, status = $4, owner = $5, modifiedAt = $6 ` +
          "WHERE key = $7 AND namespace = $8",
        [body, rls.name, rls.version, rls.info?.status ?? "", OWNER, this.#now(), key, namespace],
      );
    });
  }

  delete(key: string): Promise<Release> {
    return this.#withClient(async (q) => {
      await q("BEGIN");
      let rows: RecordRow[];
      try {
        rows =
          (await q(`SELECT body FROM ${RELEASES} WHERE key = $1 AND namespace = $2`, [key, this.#namespace]))
            .rows as unknown as RecordRow[];
      } catch (e) {
        this.#debug("release not found", ["key", key], ["error", String(e)]);
        rows = [];
      }
      if (rows.length === 0) {
        await q("ROLLBACK").catch(() => {});
        throw errReleaseNotFound();
      }
      let r: Release;
      try {
        r = await decodeRelease(rows[0].body);
      } catch (e) {
        await q("ROLLBACK").catch(() => {});
        throw e;
      }
      try {
        await q(`DELETE FROM ${RELEASES} WHERE key = $1 AND namespace = $2`, [key, this.#namespace]);
        r.labels = await this.#customLabels(q, key);
        await q(
          `DELETE FROM ${CUSTOM_LABELS} WHERE releaseKey = $1 AND releaseNamespace = $2`,
          [key, this.#namespace],
        );
      } finally {
        // helm commits whatever happened once the record was read.
        await q("COMMIT").catch(() => {});
      }
      return r;
    });
  }
}

/**
 * helm's start-up `Configuration.Init` for `HELM_DRIVER=sql`, which every
 * command runs (cobra's `OnInitialize`): connects and migrates, and on
 * failure returns helm's fatal log line (`level=INFO msg="unable to
 * instantiate SQL driver: …"`) for the caller to print before exiting 1.
 */
export async function sqlStartupCheck(
  env: (name: string) => string | undefined,
): Promise<string | undefined> {
  if (env("HELM_DRIVER") !== "sql") return undefined;
  try {
    await new SqlDriver(env("HELM_DRIVER_SQL_CONNECTION_STRING") ?? "", "", { env }).init();
    return undefined;
  } catch (e) {
    const { formatLogLine } = await import("../log/slog.ts");
    return formatLogLine("INFO", e instanceof Error ? e.message : String(e));
  }
}
