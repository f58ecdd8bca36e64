/**
 * The `sql` storage driver (`HELM_DRIVER=sql`) against the reference helm 4
 * and helm 3 on a real PostgreSQL (scripts/postgres.ts) and the local
 * control plane: releases helm installs charta lists, reads and
 * uninstalls; releases charta installs helm lists, reads and uninstalls;
 * a schema helm created serves charta and one charta created serves helm
 * (without migrating again). Each test has its own database and namespace.
 */
import assert from "node:assert/strict";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";
import { psql } from "../scripts/postgres.ts";
import { clusterForTests, inTestNamespace, type NamespaceEnv } from "./lib/cluster.ts";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";
import { inTestDatabase, postgresForTests } from "./lib/postgres.ts";

const enabled = clusterForTests() && postgresForTests();
const helm4 = helmBinary();
const helm3 = referenceHelmPath("v3");
if (!helm3 && Deno.env.get("CI")) throw new Error("reference helm 3 is not built; .ci/run must build it");
const WEBAPP = new URL("../fixtures/charts/webapp", import.meta.url).pathname;

function ok(r: RunResult, what: string): string {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
  return r.stdout;
}

/** A namespace and a database, with charta and both helms bound to the `sql` driver. */
interface SqlEnv {
  ns: string;
  url: string;
  charta: (...args: string[]) => Promise<RunResult>;
  helm4: (...args: string[]) => Promise<RunResult>;
  helm3: (...args: string[]) => Promise<RunResult>;
  sql: (text: string) => Promise<string>;
}

function inSqlEnv(fn: (e: SqlEnv) => Promise<void>): Promise<void> {
  return inTestDatabase("charta_rs", (url) =>
    inTestNamespace("charta-sql", (e: NamespaceEnv) => {
      const env = { ...e.env, HELM_DRIVER: "sql", HELM_DRIVER_SQL_CONNECTION_STRING: url };
      const u = new URL(url);
      return fn({
        ns: e.ns,
        url,
        charta: (...args) => charta(args, env),
        helm4: (...args) => helm(helm4!, args, env),
        helm3: (...args) => helm(helm3!, args, env),
        sql: (text) => psql(Number(u.port), text, u.pathname.slice(1)),
      });
    }));
}

const options = { ignore: !enabled || !helm4 || !helm3, sanitizeResources: false, sanitizeOps: false };

/** The outputs of the reading commands for one release, which must not depend on who reads. */
async function views(run: (...args: string[]) => Promise<RunResult>, name: string): Promise<string[]> {
  const out: string[] = [];
  for (
    const args of [
      ["list", "-o", "json"],
      ["list", "--uninstalled", "-o", "json"],
      ["status", name],
      ["history", name, "-o", "json"],
      ["get", "values", name, "--all"],
      ["get", "manifest", name],
      ["get", "notes", name],
      ["get", "hooks", name],
    ]
  ) {
    // status lists the live resources (their ages, and kinds in Go's map order): not the driver's business.
    out.push(
      ok(await run(...args), args.join(" ")).replace(
        /^RESOURCES:\n[^]*?(?=^NOTES:|(?![^]))/m,
        "RESOURCES:\n",
      ),
    );
  }
  return out;
}

Deno.test({
  name: "sql driver: charta reads and uninstalls what helm 4 installed in a schema helm created",
  ...options,
  fn: () =>
    inSqlEnv(async (e) => {
      ok(
        await e.helm4("install", "web", WEBAPP, "--labels", "team=h", "--set", "replicaCount=2"),
        "helm install",
      );
      assert.equal(await e.sql("SELECT id FROM gorp_migrations ORDER BY id"), "custom_labels\ninit\n");
      assert.deepEqual(await views(e.charta, "web"), await views(e.helm4, "web"));
      assert.equal(
        ok(await e.charta("get", "metadata", "web"), "charta get metadata"),
        ok(
          await e.helm4("get", "metadata", "web"),
          "helm get metadata",
        ),
      );
      assert.match(ok(await e.charta("get", "metadata", "web"), "get metadata"), /^LABELS: team=h$/m);
      assert.equal(ok(await e.charta("uninstall", "web"), "charta uninstall"), `release "web" uninstalled\n`);
      assert.equal(ok(await e.helm4("list", "-o", "json"), "helm list"), "[]\n");
      assert.equal(await e.sql("SELECT count(*) FROM releases_v1"), "0\n");
      assert.equal(await e.sql("SELECT count(*) FROM custom_labels_v1"), "0\n");
      // charta found helm's migrations and added none.
      assert.equal(await e.sql("SELECT count(*) FROM gorp_migrations"), "2\n");
    }),
});

Deno.test({
  name: "sql driver: helm 4 and helm 3 read and uninstall what charta installed in a schema charta created",
  ...options,
  fn: () =>
    inSqlEnv(async (e) => {
      ok(await e.charta("install", "web", WEBAPP, "--labels", "team=c"), "charta install");
      ok(await e.charta("install", "other", WEBAPP), "charta install");
      const migrated = await e.sql("SELECT id, applied_at FROM gorp_migrations ORDER BY id");
      assert.match(migrated, /^custom_labels\|.*\ninit\|.*\n$/);
      const mine = await views(e.charta, "web");
      assert.deepEqual(await views(e.helm4, "web"), mine);
      // helm 3's list is the same JSON.
      assert.equal(ok(await e.helm3("list", "-o", "json"), "helm 3 list"), mine[0]);
      assert.equal(ok(await e.helm3("get", "manifest", "web"), "helm 3 get manifest"), mine[5]);
      assert.match(ok(await e.helm4("get", "metadata", "web"), "helm get metadata"), /^LABELS: team=c$/m);
      // helm did not migrate again.
      assert.equal(await e.sql("SELECT id, applied_at FROM gorp_migrations ORDER BY id"), migrated);

      // helm 3 keeps the history; charta and helm 4 see the uninstalled record alike.
      ok(await e.helm3("uninstall", "web", "--keep-history"), "helm 3 uninstall");
      const after = await views(e.charta, "web");
      assert.deepEqual(await views(e.helm4, "web"), after);
      assert.match(after[1], /"name":"web".*"status":"uninstalled"/);
      ok(await e.helm4("uninstall", "web"), "helm uninstall");
      ok(await e.helm4("uninstall", "other"), "helm uninstall");
      assert.equal(ok(await e.charta("list", "-o", "json"), "charta list"), "[]\n");
      assert.equal(await e.sql("SELECT count(*) FROM releases_v1"), "0\n");
    }),
});

Deno.test({
  name: "sql driver: helm 3's releases read by charta, across namespaces",
  ...options,
  fn: () =>
    inSqlEnv(async (e) => {
      ok(await e.helm3("install", "old", WEBAPP), "helm 3 install");
      ok(await e.charta("install", "new", WEBAPP), "charta install");
      assert.deepEqual(await views(e.charta, "old"), await views(e.helm4, "old"));
      assert.equal(
        ok(await e.charta("list", "-A", "-o", "json"), "charta list -A"),
        ok(await e.helm4("list", "-A", "-o", "json"), "helm list -A"),
      );
      assert.equal(
        ok(await e.charta("list", "-A", "-o", "json"), "charta list -A"),
        ok(await e.helm3("list", "-A", "-o", "json"), "helm 3 list -A"),
      );
      ok(await e.charta("uninstall", "old"), "charta uninstall");
      ok(await e.helm3("uninstall", "new"), "helm 3 uninstall");
      assert.equal(await e.sql("SELECT count(*) FROM releases_v1"), "0\n");
    }),
});

Deno.test({
  name: "sql driver: upgrades by charta and helm 4 make one history, pruned by --history-max",
  ...options,
  fn: () =>
    inSqlEnv(async (e) => {
      ok(await e.charta("install", "web", WEBAPP), "charta install");
      ok(await e.charta("upgrade", "web", WEBAPP, "--set", "replicaCount=3"), "charta upgrade");
      ok(await e.helm4("upgrade", "web", WEBAPP, "--set", "replicaCount=4"), "helm upgrade");
      const history = ok(await e.charta("history", "web", "-o", "json"), "charta history");
      assert.equal(ok(await e.helm4("history", "web", "-o", "json"), "helm history"), history);
      assert.deepEqual(
        (JSON.parse(history) as Array<{ revision: number; status: string }>).map((r) =>
          `${r.revision}:${r.status}`
        ),
        ["1:superseded", "2:superseded", "3:deployed"],
      );
      ok(await e.charta("upgrade", "web", WEBAPP, "--history-max", "2"), "charta upgrade");
      assert.equal(
        await e.sql("SELECT version || ':' || status FROM releases_v1 ORDER BY version"),
        "3:superseded\n4:deployed\n",
      );
      // Both records were updated after their creation (superseded; pending-upgrade to deployed): modifiedAt set.
      assert.equal(await e.sql("SELECT count(*) FROM releases_v1 WHERE modifiedat < createdat"), "0\n");
      assert.equal(
        ok(await e.charta("get", "values", "web", "--revision", "3"), "charta get values"),
        ok(await e.helm4("get", "values", "web", "--revision", "3"), "helm get values"),
      );
      ok(await e.helm4("uninstall", "web"), "helm uninstall");
    }),
});
