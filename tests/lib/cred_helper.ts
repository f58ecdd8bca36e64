/**
 * A real Docker credential helper for tests: `docker-credential-charta-test`
 * (or another suffix) written into a temporary folder meant to go first on
 * `PATH`. It speaks the helper protocol (`get`, `store`, `erase`, `list`),
 * keeps credentials in a JSON file of its own and logs every call, so tests
 * can check that charta and helm went through it. `get` and `erase` of an
 * unknown server answer as Docker's helpers do (`credentials not found in
 * native keychain`, exit status 1).
 *
 * @module
 */
import { join } from "node:path";

/** A helper on disk. */
export interface CredHelper {
  /** The folder holding `docker-credential-SUFFIX` (put it on `PATH`). */
  binDir: string;
  /** The helper's suffix (`charta-test`). */
  suffix: string;
  /** The credentials it holds (`{server: {Username, Secret}}`). */
  stored(): Promise<Record<string, { Username: string; Secret: string }>>;
  /** Its calls so far, as `ACTION SERVER`. */
  calls(): Promise<string[]>;
}

const HELPER_SOURCE = `
const [storePath, logPath] = Deno.args.slice(0, 2);
const action = Deno.args[2];
const input = (await new Response(Deno.stdin.readable).text());
let db = {};
try { db = JSON.parse(await Deno.readTextFile(storePath)); } catch { /* empty */ }
const save = () => Deno.writeTextFile(storePath, JSON.stringify(db, null, 2));
const log = (server) => Deno.writeTextFile(logPath, action + " " + server + "\\n", { append: true });
const notFound = () => { console.log("credentials not found in native keychain"); Deno.exit(1); };
if (action === "get") {
  await log(input);
  const c = db[input];
  if (!c) notFound();
  console.log(JSON.stringify({ ServerURL: input, Username: c.Username, Secret: c.Secret }));
} else if (action === "store") {
  const c = JSON.parse(input);
  await log(c.ServerURL);
  db[c.ServerURL] = { Username: c.Username, Secret: c.Secret };
  await save();
} else if (action === "erase") {
  await log(input);
  if (!db[input]) notFound();
  delete db[input];
  await save();
} else if (action === "list") {
  const out = {};
  for (const [k, v] of Object.entries(db)) out[k] = v.Username;
  console.log(JSON.stringify(out));
} else {
  console.error("unknown action " + action);
  Deno.exit(2);
}
`;

/**
 * Writes `docker-credential-SUFFIX` (a shell script running a small Deno
 * program) and its empty store into `dir`.
 */
export async function writeCredHelper(dir: string, suffix = "charta-test"): Promise<CredHelper> {
  const binDir = join(dir, "helper-bin");
  await Deno.mkdir(binDir, { recursive: true });
  const program = join(binDir, "helper.js");
  const storePath = join(dir, "helper-store.json");
  const logPath = join(dir, "helper-calls.log");
  await Deno.writeTextFile(program, HELPER_SOURCE);
  const script = join(binDir, `docker-credential-${suffix}`);
  await Deno.writeTextFile(
    script,
    `#!/bin/sh\nexec '${Deno.execPath()}' run --quiet --no-config -A '${program}' '${storePath}' '${logPath}' "$@"\n`,
  );
  await Deno.chmod(script, 0o755);
  return {
    binDir,
    suffix,
    async stored() {
      try {
        return JSON.parse(await Deno.readTextFile(storePath));
      } catch {
        return {};
      }
    },
    async calls() {
      try {
        return (await Deno.readTextFile(logPath)).split("\n").filter((l) => l !== "");
      } catch {
        return [];
      }
    },
  };
}
