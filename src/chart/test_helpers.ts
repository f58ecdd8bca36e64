/**
 * Test helpers for the chart loader: a small tar writer that can produce
 * both well-formed and deliberately odd entries, gzip, and chart
 * directories written from a description.
 *
 * @module
 */

import { concatBytes } from "../bytes/mod.ts";

const enc = new TextEncoder();

/** One tar entry to write. */
export interface TarEntry {
  name: string;
  /** File contents (default: none). */
  data?: Uint8Array | string;
  /** The type flag character (default `0`, a regular file). */
  type?: string;
  /** The mode field (default 0o644). */
  mode?: number;
  /** The size field, when it should differ from the data's length. */
  size?: number;
  linkname?: string;
  /** Unix seconds (default 1700000000). */
  mtime?: number;
  /** PAX records, written as an `x` header before the entry. */
  pax?: Record<string, string>;
  /** The USTAR prefix field. */
  prefix?: string;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

/** A 512-byte USTAR header with a valid checksum. */
export function tarHeader(e: TarEntry, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (off: number, s: string | Uint8Array, max: number) => {
    const b = typeof s === "string" ? enc.encode(s) : s;
    h.set(b.subarray(0, max), off);
  };
  put(0, e.name, 100);
  put(100, octal(e.mode ?? 0o644, 8), 8);
  put(108, octal(0, 8), 8);
  put(116, octal(0, 8), 8);
  put(124, octal(size, 12), 12);
  put(136, octal(e.mtime ?? 1700000000, 12), 12);
  put(156, e.type ?? "0", 1);
  put(157, e.linkname ?? "", 100);
  put(257, "ustar\x00", 6);
  put(263, "00", 2);
  put(345, e.prefix ?? "", 155);
  fixChecksum(h);
  return h;
}

/** Recomputes a header block's checksum after it was edited. */
export function fixChecksum(h: Uint8Array): void {
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.set(enc.encode(sum.toString(8).padStart(6, "0") + "\0 "), 148);
}

function paxData(records: Record<string, string>): Uint8Array {
  let out = "";
  for (const [k, v] of Object.entries(records)) {
    const body = ` ${k}=${v}\n`;
    const bodyLen = enc.encode(body).length;
    let len = bodyLen + 1;
    while (String(len).length + bodyLen !== len) len = String(len).length + bodyLen;
    out += `${len}${body}`;
  }
  return enc.encode(out);
}

function pad(data: Uint8Array): Uint8Array {
  const n = Math.ceil(data.length / 512) * 512;
  const out = new Uint8Array(n);
  out.set(data);
  return out;
}

/** A tar archive of the entries, ended by two zero blocks (unless `end` is false). */
export function tar(entries: TarEntry[], end = true): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    if (e.pax) {
      const pd = paxData(e.pax);
      parts.push(tarHeader({ name: "PaxHeader", type: "x" }, pd.length), pad(pd));
    }
    const data = typeof e.data === "string" ? enc.encode(e.data) : e.data ?? new Uint8Array(0);
    parts.push(tarHeader(e, e.size ?? data.length), pad(data));
  }
  if (end) parts.push(new Uint8Array(1024));
  return concatBytes(parts);
}

/** gzip-compresses bytes. */
export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A gzipped tar of the entries. */
export async function tgz(entries: TarEntry[], end = true): Promise<Uint8Array> {
  return await gzip(tar(entries, end));
}

/** A file tree: file contents, or a symlink / FIFO / directory marker. */
export type Tree = Record<string, string | Uint8Array | { symlink: string } | { fifo: true } | { dir: true }>;

/** Writes a tree under `root` (created). */
export async function writeTree(root: string, tree: Tree): Promise<void> {
  await Deno.mkdir(root, { recursive: true });
  for (const [rel, v] of Object.entries(tree)) {
    const path = `${root}/${rel}`;
    const dir = path.slice(0, path.lastIndexOf("/"));
    await Deno.mkdir(dir, { recursive: true });
    if (typeof v === "string") await Deno.writeTextFile(path, v);
    else if (v instanceof Uint8Array) await Deno.writeFile(path, v);
    else if ("symlink" in v) await Deno.symlink(v.symlink, path);
    else if ("dir" in v) await Deno.mkdir(path, { recursive: true });
    else {
      const p = new Deno.Command("mkfifo", { args: [path] }).outputSync();
      if (!p.success) throw new Error("mkfifo failed");
    }
  }
}

/** A minimal valid Chart.yaml. */
export function chartYaml(name: string, extra = ""): string {
  return `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n${extra}`;
}

/** Runs `f` with a fresh temporary directory, removed afterwards. */
export async function withTempDir<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "charta-chart-" });
  try {
    return await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The reference helm binary, if installed (for comparison tests). */
export const REFERENCE_HELM = "/root/.cache/charta/reference-helm/v4.2.4/helm";

/** Whether the reference helm is available. */
export function hasReferenceHelm(): boolean {
  try {
    return Deno.statSync(REFERENCE_HELM).isFile;
  } catch {
    return false;
  }
}

/** Runs the reference helm; returns stdout, stderr and the exit code. */
export async function runHelm(
  args: string[],
  cwd?: string,
): Promise<{ out: string; err: string; code: number }> {
  const p = await new Deno.Command(REFERENCE_HELM, {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { HOME: "/tmp", HELM_CACHE_HOME: "/tmp/helm-cache", HELM_CONFIG_HOME: "/tmp/helm-config" },
  }).output();
  const dec = new TextDecoder();
  return { out: dec.decode(p.stdout), err: dec.decode(p.stderr), code: p.code };
}

/** Concatenates byte arrays (for the archive tests). */
export const concat = concatBytes;
