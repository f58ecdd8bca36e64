/**
 * Command-line differential cases: a suite is a folder of
 * fixtures/commands/ holding `cases.yaml` (command lines) and `expected/`
 * (what the reference helm printed and wrote for each). The recorder
 * (scripts/command_expected.ts) runs helm; tests/commands_test.ts runs
 * charta and compares.
 *
 * A case runs from the repository root, or, with `workdir`, in a fresh
 * scratch directory seeded with copies of repository paths; then `$ROOT`
 * in its arguments is the repository root and the files the command
 * created or changed in the scratch directory are recorded too. Paths of
 * the scratch directory and of the repository are written `$WORK` and
 * `$ROOT` in the recorded output, so expectations do not depend on where
 * they were made. Seeded files all carry SEED_MTIME as modification time.
 *
 * @module
 */
import { parse } from "yaml";

/** One command line of a suite. */
export interface CommandCase {
  name: string;
  args: string[];
  /** Run in a scratch directory seeded with `{ destination: repository path }` copies. */
  workdir?: { copy?: Record<string, string> };
  /** Extra environment variables. */
  env?: Record<string, string>;
  /**
   * Regular expressions whose matches are replaced by `<masked>` in the
   * output and in the texts of written files: for what depends on the time
   * of the run (Chart.lock's `generated`).
   */
  mask?: string[];
  /**
   * Regular expressions of written file paths recorded only as present
   * (`{}`), for binary files whose bytes depend on the time of the run.
   */
  volatile?: string[];
}

/**
 * A file the command created, changed or deleted: its text, or for binary
 * files its digest and size; `deleted` for a seeded file that is gone.
 */
export interface WrittenFile {
  text?: string;
  sha256?: string;
  size?: number;
  deleted?: boolean;
}

/** What a run printed and wrote. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  files?: Record<string, WrittenFile>;
}

/** Runs one command line with the given cwd and environment. */
export type Runner = (args: string[], cwd: string, env: Record<string, string>) => Promise<{
  code: number;
  stdout: string;
  stderr: string;
}>;

/** The repository root. */
export const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The suites: folders of fixtures/commands/ with a cases.yaml. */
export async function loadSuites(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(`${ROOT}/fixtures/commands`)) {
    if (e.isDirectory) names.push(e.name);
  }
  return names.sort();
}

/** The cases of one suite. */
export async function loadCommandCases(suite: string): Promise<CommandCase[]> {
  return parse(await Deno.readTextFile(`${ROOT}/fixtures/commands/${suite}/cases.yaml`)) as CommandCase[];
}

/** Where a case's expectation lives. */
export function expectedPath(suite: string, c: CommandCase): string {
  return `${ROOT}/fixtures/commands/${suite}/expected/${c.name}.json`;
}

/** A clean environment, so the user's helm files never leak into expectations. */
export function caseEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", TZ: "UTC", ...extra };
}

/** Seeded files get this modification time, so archives that record it (package) are reproducible. */
export const SEED_MTIME = new Date("2024-01-02T03:04:05Z");

async function copyTree(from: string, to: string): Promise<void> {
  const info = await Deno.lstat(from);
  if (info.isDirectory) {
    await Deno.mkdir(to, { recursive: true });
    for await (const e of Deno.readDir(from)) await copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
    await Deno.utime(to, SEED_MTIME, SEED_MTIME);
  } else if (info.isSymlink) {
    await Deno.symlink(await Deno.readLink(from), to);
  } else {
    // A file may be seeded into a directory no earlier copy created.
    await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(from, to);
    await Deno.utime(to, SEED_MTIME, SEED_MTIME);
  }
}

async function digest(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function snapshot(dir: string, prefix = "", into = new Map<string, Uint8Array>()) {
  for await (const e of Deno.readDir(`${dir}/${prefix}`)) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) await snapshot(dir, rel, into);
    else if (e.isFile) into.set(rel, await Deno.readFile(`${dir}/${rel}`));
  }
  return into;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function describe(bytes: Uint8Array): Promise<WrittenFile> | WrittenFile {
  if (bytes.length <= 256 * 1024 && !bytes.includes(0)) {
    try {
      return { text: utf8.decode(bytes) };
    } catch { /* binary */ }
  }
  return digest(bytes).then((sha256) => ({ sha256, size: bytes.length }));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Runs a case with a runner (helm's or charta's) and records what it printed and wrote. */
export async function runCase(c: CommandCase, home: string, run: Runner): Promise<CommandResult> {
  const env = caseEnv(home, c.env);
  if (!c.workdir) {
    const out = await run(c.args, ROOT, env);
    return { code: out.code, stdout: out.stdout, stderr: out.stderr };
  }
  // The prefix must not contain "charta": the test runner rewrites that word in stderr.
  const work = await Deno.makeTempDir({ prefix: "cmd-case-" });
  try {
    for (const [dest, src] of Object.entries(c.workdir.copy ?? {})) {
      await copyTree(`${ROOT}/${src}`, `${work}/${dest}`);
    }
    const before = await snapshot(work);
    const args = c.args.map((a) => a.replaceAll("$ROOT", ROOT));
    const out = await run(args, work, env);
    const after = await snapshot(work);
    const masks = (c.mask ?? []).map((m) => new RegExp(m, "g"));
    const volatile = (c.volatile ?? []).map((m) => new RegExp(m));
    const mask = (t: string) => masks.reduce((acc, m) => acc.replace(m, "<masked>"), t);
    const clean = (t: string) => mask(t.replaceAll(work, "$WORK").replaceAll(ROOT, "$ROOT"));
    const files: Record<string, WrittenFile> = {};
    for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const was = before.get(path);
      const now = after.get(path);
      if (now === undefined) {
        files[path] = { deleted: true };
        continue;
      }
      if (was && sameBytes(was, now)) continue;
      if (volatile.some((v) => v.test(path))) {
        files[path] = {};
        continue;
      }
      const d = await describe(now);
      files[path] = d.text === undefined ? d : { text: mask(d.text) };
    }
    return { code: out.code, stdout: clean(out.stdout), stderr: clean(out.stderr), files };
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}
