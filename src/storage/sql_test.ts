import assert from "node:assert/strict";
import type { Release, Status } from "../release/types.ts";
import { parseConnectionString, SqlDriver } from "./sql.ts";
import { makeKey, openStorage, Storage } from "./storage.ts";
import { encodeRelease } from "./record.ts";
import { inTestDatabase, postgresForTests } from "../../tests/lib/postgres.ts";
import { psql } from "../../scripts/postgres.ts";
import { charta } from "../../tests/lib/cli.ts";

const enabled = postgresForTests();
const noEnv = () => undefined;

function rel(
  name: string,
  version: number,
  namespace = "default",
  status: Status = "deployed",
  labels?: Record<string, string>,
): Release {
  const r: Release = {
    name,
    version,
    namespace,
    info: { status },
    config: null,
    manifest: `# ${name} ${version}`,
  };
  if (labels) r.labels = labels;
  return r;
}

const portOf = (url: string) => Number(new URL(url).port);
const dbOf = (url: string) => new URL(url).pathname.slice(1);
const sql = (url: string, text: string) => psql(portOf(url), text, dbOf(url));

/** A port nothing listens on. */
function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

Deno.test("sql: connection strings read as lib/pq reads them", () => {
  assert.deepEqual(
    parseConnectionString(
      "postgres://u:p%40ss@db.example:6543/helm?sslmode=disable&connect_timeout=5",
      noEnv,
    ),
    {
      host: "db.example",
      port: 6543,
      user: "u",
      password: "p@ss",
      database: "helm",
      sslmode: "disable",
      connectTimeout: 5,
      applicationName: undefined,
      sslrootcert: undefined,
      sslcert: undefined,
      sslkey: undefined,
    },
  );
  const kv = parseConnectionString(`host=h  port = 7 user=me password='a b\\'c' dbname=d`, noEnv);
  assert.deepEqual([kv.host, kv.port, kv.user, kv.password, kv.database, kv.sslmode], [
    "h",
    7,
    "me",
    "a b'c",
    "d",
    "require",
  ]);
  // Defaults: localhost:5432, the login user, its database; PG* variables fill gaps.
  const env: Record<string, string> = { USER: "alice", PGPORT: "6000", PGSSLMODE: "disable" };
  const d = parseConnectionString("", (n) => env[n]);
  assert.deepEqual([d.host, d.port, d.user, d.database, d.sslmode], [
    "localhost",
    6000,
    "alice",
    "alice",
    "disable",
  ]);
  assert.equal(parseConnectionString("port=1", (n) => env[n]).port, 1);
});

Deno.test("sql: malformed connection strings fail with lib/pq's messages", () => {
  const cases: Array<[string, string]> = [
    ["nonsense", `missing "=" after "nonsense" in connection info string`],
    ["host='open", "unterminated quoted string literal in connection string"],
    ["host=a\\", "missing character after backslash"],
    ["postgres://%zz", `parse "postgres://%zz": invalid URL escape "%zz"`],
    ["port=abc", `pq: wrong value for "port": strconv.ParseUint: parsing "abc": invalid syntax`],
    ["port=70000", `pq: wrong value for "port": strconv.ParseUint: parsing "70000": value out of range`],
    [
      "sslmode=maybe",
      `pq: wrong value for "sslmode": "maybe" is not supported; supported values are disable, allow, ` +
      `prefer, require, verify-full, or verify-ca`,
    ],
  ];
  for (const [dsn, msg] of cases) {
    assert.throws(() => parseConnectionString(dsn, noEnv), { message: msg }, dsn);
  }
});

Deno.test("sql: an unreachable server is a one-line error naming it", async () => {
  const port = closedPort();
  const d = new SqlDriver(`postgres://u@127.0.0.1:${port}/x?sslmode=disable`, "default", { env: noEnv });
  await assert.rejects(d.get(makeKey("a", 1)), {
    message: `unable to instantiate SQL driver: dial tcp 127.0.0.1:${port}: connect: connection refused`,
  });
  const bad = new SqlDriver("host='open", "default", { env: noEnv });
  await assert.rejects(bad.list(() => true), {
    message: "unable to instantiate SQL driver: unterminated quoted string literal in connection string",
  });
  // Every command (helm opens storage before running any) prints helm's fatal log line and exits 1.
  for (const args of [["list"], ["version"], ["uninstall", "x"]]) {
    const r = await charta(args, {
      HOME: "/nonexistent",
      HELM_DRIVER: "sql",
      HELM_DRIVER_SQL_CONNECTION_STRING: `host=127.0.0.1 port=${port} user=u sslmode=disable`,
    });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      `level=INFO msg="unable to instantiate SQL driver: dial tcp 127.0.0.1:${port}: connect: connection refused"\n`,
    );
  }
  // --help needs no storage.
  const help = await charta(["list", "--help"], { HOME: "/nonexistent", HELM_DRIVER: "sql" });
  assert.equal(help.code, 0);
});

Deno.test({
  name: "sql: creates helm's schema and migration records, once",
  ignore: !enabled,
  fn: () =>
    inTestDatabase("charta_sql", async (url) => {
      const d = new SqlDriver(url, "default", { env: noEnv });
      await d.init();
      assert.equal(
        await sql(url, "SELECT id FROM gorp_migrations ORDER BY applied_at"),
        "custom_labels\ninit\n",
      );
      const cols = await sql(
        url,
        "SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable " +
          "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
      );
      assert.deepEqual(cols.trim().split("\n"), [
        "custom_labels_v1.releasekey:character varying:YES",
        "custom_labels_v1.releasenamespace:character varying:YES",
        "custom_labels_v1.key:character varying:YES",
        "custom_labels_v1.value:character varying:YES",
        "gorp_migrations.id:text:NO",
        "gorp_migrations.applied_at:timestamp with time zone:YES",
        "releases_v1.key:character varying:NO",
        "releases_v1.type:character varying:NO",
        "releases_v1.body:text:NO",
        "releases_v1.name:character varying:NO",
        "releases_v1.namespace:character varying:NO",
        "releases_v1.version:integer:NO",
        "releases_v1.status:text:NO",
        "releases_v1.owner:text:NO",
        "releases_v1.createdat:integer:NO",
        "releases_v1.modifiedat:integer:NO",
      ]);
      assert.equal(
        await sql(url, "SELECT relrowsecurity FROM pg_class WHERE relname = 'releases_v1'"),
        "t\n",
      );
      // A second driver finds the migrations applied and changes nothing.
      await new SqlDriver(url, "default", { env: noEnv }).init();
      assert.equal(await sql(url, "SELECT count(*) FROM gorp_migrations"), "2\n");
      // A half-migrated database (helm 3.x before custom labels) gets the missing migration only.
      await sql(url, "DROP TABLE custom_labels_v1; DELETE FROM gorp_migrations WHERE id = 'custom_labels'");
      await new SqlDriver(url, "default", { env: noEnv }).init();
      assert.equal(await sql(url, "SELECT id FROM gorp_migrations ORDER BY id"), "custom_labels\ninit\n");
    }),
});

Deno.test({
  name: "sql: create, get, list, query, update and delete with helm's semantics",
  ignore: !enabled,
  fn: () =>
    inTestDatabase("charta_sql", async (url) => {
      let t = 1000;
      const d = new SqlDriver(url, "default", { env: noEnv, now: () => t++ });
      await d.create(makeKey("a", 1), rel("a", 1, "default", "superseded", { team: "x", owner: "me" }));
      await d.create(makeKey("a", 2), rel("a", 2));
      await d.create(makeKey("b", 1), rel("b", 1, "other"));
      // The driver's namespace follows the last release written.
      assert.equal(d.namespace, "other");
      await assert.rejects(d.get(makeKey("a", 1)), { message: "release: not found" });
      await d.create(makeKey("c", 1), rel("c", 1, ""));
      assert.equal(d.namespace, "default");

      const a1 = await d.get(makeKey("a", 1));
      assert.equal(a1.info.status, "superseded");
      assert.equal(a1.manifest, "# a 1");
      // helm's own labels are never stored as custom labels.
      assert.deepEqual(a1.labels, { team: "x" });
      assert.equal(
        await sql(
          url,
          "SELECT key, type, name, namespace, version, status, owner, createdat, modifiedat " +
            "FROM releases_v1 ORDER BY createdat",
        ),
        "sh.helm.release.v1.a.v1|helm.sh/release.v1|a|default|1|superseded|helm|1000|0\n" +
          "sh.helm.release.v1.a.v2|helm.sh/release.v1|a|default|2|deployed|helm|1001|0\n" +
          "sh.helm.release.v1.b.v1|helm.sh/release.v1|b|other|1|deployed|helm|1002|0\n" +
          "sh.helm.release.v1.c.v1|helm.sh/release.v1|c|default|1|deployed|helm|1003|0\n",
      );
      assert.equal(
        await sql(url, "SELECT releasekey, releasenamespace, key, value FROM custom_labels_v1"),
        [
          "sh.helm.release.v1.a.v1|default|team|x\n",
        ].join(""),
      );

      // list: this namespace, helm's labels added.
      const listed = await d.list(() => true);
      assert.deepEqual(listed.map((r) => `${r.name}.${r.version}`).sort(), ["a.1", "a.2", "c.1"]);
      assert.deepEqual(listed.find((r) => r.version === 1 && r.name === "a")?.labels, {
        team: "x",
        name: "a",
        owner: "helm",
        status: "superseded",
        version: "1",
      });
      assert.deepEqual((await d.list((r) => r.info.status === "deployed")).map((r) => r.name).sort(), [
        "a",
        "c",
      ]);

      // query: helm's label columns only; none found is `release: not found`.
      assert.deepEqual(
        (await d.query({ name: "a", owner: "helm", status: "deployed" })).map((r) => r.version),
        [2],
      );
      assert.deepEqual((await d.query({ name: "a", version: "1" }))[0].labels, { team: "x" });
      await assert.rejects(d.query({ name: "zz" }), { message: "release: not found" });
      await assert.rejects(d.query({ name: "a", team: "x" }), { message: "unknown label team" });

      // update: sets modifiedAt; a missing record is no error (helm does not check).
      const a2 = rel("a", 2, "default", "superseded");
      await d.update(makeKey("a", 2), a2);
      assert.equal((await d.get(makeKey("a", 2))).info.status, "superseded");
      assert.equal(
        await sql(url, "SELECT modifiedat FROM releases_v1 WHERE key = 'sh.helm.release.v1.a.v2'"),
        "1004\n",
      );
      await d.update(makeKey("zz", 1), rel("zz", 1));

      // create of an existing key: PostgreSQL's duplicate-key error, as helm reports it.
      await assert.rejects(d.create(makeKey("a", 1), rel("a", 1)), {
        message: `pq: duplicate key value violates unique constraint "releases_v1_pkey" (23505)`,
      });

      // delete returns the record with its labels and removes them.
      const gone = await d.delete(makeKey("a", 1));
      assert.deepEqual([gone.name, gone.version, gone.labels], ["a", 1, { team: "x" }]);
      assert.equal(await sql(url, "SELECT count(*) FROM custom_labels_v1"), "0\n");
      await assert.rejects(d.delete(makeKey("a", 1)), { message: "release: not found" });
      await assert.rejects(d.get(makeKey("a", 1)), { message: "release: not found" });

      // All namespaces.
      const all = new SqlDriver(url, "", { env: noEnv });
      assert.deepEqual((await all.list(() => true)).map((r) => r.name).sort(), ["a", "b", "c"]);
      assert.deepEqual((await all.query({ owner: "helm", status: "deployed" })).map((r) => r.name).sort(), [
        "b",
        "c",
      ]);
    }),
});

Deno.test({
  name: "sql: undecodable records are skipped by list and query, reported by get",
  ignore: !enabled,
  fn: () =>
    inTestDatabase("charta_sql", async (url) => {
      const d = new SqlDriver(url, "default", { env: noEnv });
      await d.create(makeKey("ok", 1), rel("ok", 1));
      await sql(
        url,
        "INSERT INTO releases_v1 (key, type, body, name, namespace, version, status, owner, createdAt) VALUES " +
          "('sh.helm.release.v1.bad.v1', 'helm.sh/release.v1', 'not base64!', 'bad', 'default', 1, 'deployed', " +
          "'helm', 1)",
      );
      assert.deepEqual((await d.list(() => true)).map((r) => r.name), ["ok"]);
      assert.deepEqual((await d.query({ owner: "helm" })).map((r) => r.name), ["ok"]);
      await assert.rejects(d.query({ name: "bad" }), { message: "release: not found" });
      await assert.rejects(d.get(makeKey("bad", 1)));
      // A record written by another client with the same encoding reads back.
      const body = encodeRelease(rel("ext", 3, "default", "failed"));
      await sql(
        url,
        "INSERT INTO releases_v1 (key, type, body, name, namespace, version, status, owner, createdAt) VALUES " +
          `('sh.helm.release.v1.ext.v3', 'helm.sh/release.v1', '${body}', 'ext', 'default', 3, 'failed', 'helm', 1)`,
      );
      assert.equal((await d.get(makeKey("ext", 3))).info.status, "failed");
    }),
});

Deno.test({
  name: "sql: storage over the driver (history, deployed, pruning)",
  ignore: !enabled,
  fn: () =>
    inTestDatabase("charta_sql", async (url) => {
      const s = openStorage({ driver: "sql", namespace: "default", sqlConnectionString: url, env: noEnv });
      assert.ok(s instanceof Storage);
      assert.equal(s.driver.name(), "SQL");
      await s.create(rel("r", 1, "default", "superseded"));
      await s.create(rel("r", 2, "default", "superseded"));
      await s.create(rel("r", 3));
      assert.equal((await s.deployed("r")).version, 3);
      assert.deepEqual((await s.history("r")).map((r) => r.version).sort(), [1, 2, 3]);
      assert.equal((await s.last("r")).version, 3);
      await assert.rejects(s.deployed("none"), { message: `"none" has no deployed releases` });
      s.maxHistory = 2;
      await s.create(rel("r", 4, "default", "pending-upgrade"));
      assert.deepEqual((await s.history("r")).map((r) => r.version).sort(), [3, 4]);
    }),
});
