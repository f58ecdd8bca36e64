/**
 * The local PostgreSQL server for tests of the `sql` storage driver
 * (scripts/postgres.ts, `deno task postgres:up`).
 *
 * @module
 */
import { createDatabase, ensurePostgres, postgresAvailable } from "../../scripts/postgres.ts";

/**
 * Whether tests needing PostgreSQL run: the server binaries are installed
 * (then {@link testPostgres} starts or reuses the server in a second).
 * Locally they are skipped otherwise; in CI (`CI` set) the absence is a
 * failure, since `.ci/run` installs and starts the server before the tests.
 */
export function postgresForTests(): boolean {
  const ok = postgresAvailable();
  if (!ok && Deno.env.get("CI")) {
    throw new Error("PostgreSQL is not installed; .ci/run must install it and run deno task postgres:up");
  }
  return ok;
}

/** The connection string of the database `charta` on the running server (started if needed). */
export function testPostgres(): Promise<string> {
  return ensurePostgres();
}

/**
 * Runs `fn` with the connection string of a fresh database (`PREFIX_xxxx`),
 * dropped afterwards whatever happened.
 */
export async function inTestDatabase(prefix: string, fn: (url: string) => Promise<void>): Promise<void> {
  const db = await createDatabase(prefix);
  try {
    await fn(db.url);
  } finally {
    await db.drop();
  }
}
