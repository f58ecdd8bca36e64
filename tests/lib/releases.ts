/**
 * What the release tests share: a namespace with helm 4 bound, release
 * records read straight from their Secrets, and records normalized for
 * comparing a charta release with its helm twin.
 *
 * @module
 */
import assert from "node:assert/strict";
import { inTestNamespace, type NamespaceEnv } from "./cluster.ts";
import { helmBinary, type RunResult } from "./cli.ts";

/** A test's namespace, with helm 4 bound. */
export type Env = NamespaceEnv & { helm: (...args: string[]) => Promise<RunResult> };

/** Runs `fn` in a fresh namespace named `prefix-xxxxxxxx`, helm 4 bound as `e.helm`. */
export function inHelmNamespace(prefix: string, fn: (e: Env) => Promise<void>): Promise<void> {
  const bin = helmBinary();
  return inTestNamespace(prefix, (e) => fn({ ...e, helm: (...args) => e.helmWith(bin!, ...args) }));
}

/** The command's stdout, after asserting it succeeded. */
export function ok(r: RunResult, what: string): string {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
  return r.stdout;
}

/** A release record as stored in its Secret, decoded. */
export async function record(e: NamespaceEnv, name: string, version = 1): Promise<Record<string, unknown>> {
  const r = await e.kube("GET", `/api/v1/namespaces/${e.ns}/secrets/sh.helm.release.v1.${name}.v${version}`);
  assert.equal(r.status, 200, `record of ${name} v${version}`);
  const s = await r.json() as { data: { release: string } };
  const gz = Uint8Array.from(atob(atob(s.data.release)), (ch) => ch.charCodeAt(0));
  const text = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")))
    .text();
  return JSON.parse(text);
}

/** The names of the release records in the namespace, sorted. */
export async function records(e: NamespaceEnv, ns = e.ns): Promise<string[]> {
  const r = await e.kube("GET", `/api/v1/namespaces/${ns}/secrets?labelSelector=owner%3Dhelm`);
  const list = await r.json() as { items?: Array<{ metadata: { name: string } }> };
  return (list.items ?? []).map((i) => i.metadata.name).sort();
}

/** The HTTP status of a GET of `path` (200: the object exists). */
export async function statusOf(e: NamespaceEnv, path: string): Promise<number> {
  const r = await e.kube("GET", path);
  await r.body?.cancel();
  return r.status;
}

/** Whether the object at `path` exists. */
export async function exists(e: NamespaceEnv, path: string): Promise<boolean> {
  return await statusOf(e, path) === 200;
}

/** Times and file modification times differ between two releases; the rest must not. */
export function normalizeRecord(rec: Record<string, unknown>, name: string): string {
  return JSON.stringify(rec, (k, v) => {
    if (["first_deployed", "last_deployed", "started_at", "completed_at", "modtime"].includes(k)) return "T";
    // The config checksum annotation hashes text that contains the release name.
    if (typeof v === "string") {
      return v.replaceAll(name, "REL").replace(/checksum\/config: [0-9a-f]{64}/g, "SUM");
    }
    return v;
  });
}
