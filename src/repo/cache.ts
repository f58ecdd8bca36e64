/**
 * The repository cache (`HELM_REPOSITORY_CACHE`) as helm keeps it —
 * `NAME-index.yaml` (the index as downloaded) and `NAME-charts.txt` (chart
 * names, one a line) — plus charta's own compact form of each index,
 * `NAME-index.charta.json`, holding only what search, pull and dependency
 * resolution read. The compact file records the size and modification time
 * of the index it was built from; when they differ (helm updated the
 * cache, or the file is missing) charta rebuilds it from the index.
 *
 * @module
 */
import { join } from "node:path";
import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { atomicWrite } from "./repo_file.ts";
import { type IndexFile, loadIndex, loadIndexFile } from "./index_file.ts";

/** helm's `CacheIndexFile`: `NAME-index.yaml`. */
export function cacheIndexFile(name: string): string {
  return `${name ? `${name}-` : ""}index.yaml`;
}

/** helm's `CacheChartsFile`: `NAME-charts.txt`. */
export function cacheChartsFile(name: string): string {
  return `${name ? `${name}-` : ""}charts.txt`;
}

/** charta's compact index beside helm's. */
export function cacheCompactFile(name: string): string {
  return `${name ? `${name}-` : ""}index.charta.json`;
}

/** charta's search file beside helm's index: one record per chart version (see {@link searchText}). */
export function cacheSearchFile(name: string): string {
  return `${name ? `${name}-` : ""}search.charta.txt`;
}

/** What charta keeps of one chart version. */
export interface CompactVersion {
  /** Chart name. */
  name: string;
  /** Chart version. */
  version: string;
  /** App version. */
  appVersion: string;
  /** One-line description. */
  description: string;
  /** Search keywords. */
  keywords: string[];
  /** sha256 of the archive ("" when the index has none). */
  digest: string;
  /** Download URLs as the index gives them. */
  urls: string[];
  /** Go time text. */
  created: string;
  /** Marked deprecated. */
  deprecated: boolean;
}

/** A compact index: chart versions by name, newest first, in index order of names. */
export type CompactIndex = Map<string, CompactVersion[]>;

const FORMAT = 1;

type Row = [string, string, string, string[], string, string[], string, 0 | 1];

interface CompactFileShape {
  format: number;
  source: { size: number; mtime: number };
  entries: [string, Row[]][];
}

/** The compact form of a loaded index. */
export function compactIndex(index: IndexFile): CompactIndex {
  const out: CompactIndex = new Map();
  for (const [name, versions] of Object.entries(index.entries)) {
    out.set(
      name,
      versions.map((cv) => ({
        name: own(cv.name),
        version: own(cv.version),
        appVersion: own(cv.appVersion ?? ""),
        description: own(cv.description ?? ""),
        keywords: (cv.keywords ?? []).map(own),
        digest: own(cv.digest ?? ""),
        urls: (cv.urls ?? []).map(own),
        created: own(cv.created ?? ""),
        deprecated: cv.deprecated === true,
      })),
    );
  }
  return out;
}

/**
 * A string that holds its own characters. The index decoder slices its
 * strings out of the index text, and V8 keeps a longer slice as a view of
 * the whole text: one kept description would keep the whole 15 MB text
 * alive. Copying (through a concatenation V8 must flatten) lets it go.
 */
function own(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

function encodeCompact(c: CompactIndex, source: Deno.FileInfo): string {
  const entries: [string, Row[]][] = [];
  for (const [name, versions] of c) {
    entries.push([
      name,
      versions.map((
        v,
      ) => [
        v.version,
        v.appVersion,
        v.description,
        v.keywords,
        v.digest,
        v.urls,
        v.created,
        v.deprecated ? 1 : 0,
      ]),
    ]);
  }
  const shape: CompactFileShape = {
    format: FORMAT,
    source: { size: source.size, mtime: source.mtime?.getTime() ?? 0 },
    entries,
  };
  return JSON.stringify(shape);
}

function decodeCompact(text: string, source: Deno.FileInfo): CompactIndex | undefined {
  const shape = JSON.parse(text) as CompactFileShape;
  if (
    shape.format !== FORMAT || shape.source?.size !== source.size ||
    shape.source?.mtime !== (source.mtime?.getTime() ?? 0)
  ) return undefined;
  const out: CompactIndex = new Map();
  for (const [name, rows] of shape.entries) {
    out.set(
      name,
      rows.map(([version, appVersion, description, keywords, digest, urls, created, deprecated]) => ({
        name,
        version,
        appVersion,
        description,
        keywords,
        digest,
        urls,
        created,
        deprecated: deprecated === 1,
      })),
    );
  }
  return out;
}

/** Paths of one repository's cache files. */
export function cachePaths(
  cacheDir: string,
  name: string,
): { index: string; charts: string; compact: string; search: string } {
  return {
    index: join(cacheDir, cacheIndexFile(name)),
    charts: join(cacheDir, cacheChartsFile(name)),
    compact: join(cacheDir, cacheCompactFile(name)),
    search: join(cacheDir, cacheSearchFile(name)),
  };
}

/** Separates search records. */
export const RECORD_END = "\0";
/** Separates a record's searched line from its version fields. */
export const TRAILER = "\x01";

function searchHeader(source: Deno.FileInfo): string {
  return `charta-search ${FORMAT} ${source.size} ${source.mtime?.getTime() ?? 0}\n`;
}

/**
 * The search file's text: a header naming the index it was built from, then
 * per chart version helm's search line (`name\vrepo/name\vdescription\vkeywords`)
 * followed by `\x01version\x01appVersion\x01entry name` and a NUL, so `search repo` can
 * scan one string instead of decoding every version.
 */
export function searchText(repo: string, c: CompactIndex, source: Deno.FileInfo): string {
  const parts: string[] = [searchHeader(source)];
  const clean = (s: string) => s.replaceAll(RECORD_END, " ").replaceAll(TRAILER, " ");
  for (const [name, versions] of c) {
    for (const v of versions) {
      parts.push(
        clean(`${v.name}\v${repo}/${v.name}\v${v.description}\v${v.keywords.join(" ")}`) + TRAILER +
          clean(v.version) + TRAILER + clean(v.appVersion) + TRAILER + clean(name) + RECORD_END,
      );
    }
  }
  return parts.join("");
}

// One buffer for every search file read: a search over many big repositories then holds one file at a
// time instead of leaving each file's buffer to the garbage collector.
let shared = new Uint8Array(0);

async function readShared(path: string): Promise<Uint8Array> {
  using file = await Deno.open(path);
  const size = (await file.stat()).size;
  if (shared.length < size) shared = new Uint8Array(size);
  let n = 0;
  while (n < size) {
    const got = await file.read(shared.subarray(n, size));
    if (got === null) break;
    n += got;
  }
  return shared.subarray(0, n);
}

/** The cached index's file info, or helm's error when it is not there. */
async function statIndex(path: string): Promise<Deno.FileInfo> {
  try {
    return await Deno.stat(path);
  } catch (e) {
    throw new ChartaError(`open ${path}: no such file or directory`, { cause: e });
  }
}

/**
 * The search records of a cached repository (the UTF-8 bytes after the
 * header), rebuilt from the index when missing or stale. The bytes live in
 * a buffer the next call reuses: decode what you keep before calling again.
 *
 * @throws {ChartaError} helm's `error loading PATH: …` when the index is missing or corrupt
 */
export async function loadSearchRecords(cacheDir: string, name: string, log?: LogFn): Promise<Uint8Array> {
  const p = cachePaths(cacheDir, name);
  const info = await statIndex(p.index);
  const header = new TextEncoder().encode(searchHeader(info));
  try {
    const data = await readShared(p.search);
    if (data.length >= header.length && header.every((b, i) => data[i] === b)) {
      return data.subarray(header.length);
    }
  } catch { /* missing: rebuild */ }
  const c = await loadCompact(cacheDir, name, log);
  const data = new TextEncoder().encode(searchText(name, c, info));
  await atomicWrite(p.search, data).catch(() => {});
  return data.subarray(header.length);
}

/**
 * Stores a downloaded index as helm does (charts list, then the index,
 * each written atomically) and charta's compact forms of it.
 *
 * @returns the path of the cached index
 */
export function storeIndex(
  cacheDir: string,
  name: string,
  data: Uint8Array,
  index: IndexFile,
): Promise<string> {
  // What is kept of the index is taken before the first await, so that the full index (tens of MB for a
  // big repository) can be collected while the files are written and other repositories are decoded.
  return writeIndexFiles(cacheDir, name, data, Object.keys(index.entries), compactIndex(index));
}

async function writeIndexFiles(
  cacheDir: string,
  name: string,
  data: Uint8Array,
  names: string[],
  c: CompactIndex,
): Promise<string> {
  const p = cachePaths(cacheDir, name);
  await Deno.mkdir(cacheDir, { recursive: true });
  await atomicWrite(p.charts, names.map((n) => `${n}\n`).join(""));
  await atomicWrite(p.index, data);
  await writeCompact(p.compact, c, await Deno.stat(p.index));
  return p.index;
}

// The compact indexes this process built or read, by file: `dependency update` refreshes the cache and then
// resolves from it, and need not decode again what it has just written. Weakly held (about 10 MB for a
// 15 MB index): `repo update` of many repositories must not keep them all; a collected one is read again.
const recent = new Map<string, { size: number; mtime: number; index: WeakRef<CompactIndex> }>();

function remember(path: string, c: CompactIndex, source: Deno.FileInfo): void {
  recent.set(path, { size: source.size, mtime: source.mtime?.getTime() ?? 0, index: new WeakRef(c) });
}

function recalled(path: string, source: Deno.FileInfo): CompactIndex | undefined {
  const r = recent.get(path);
  return r && r.size === source.size && r.mtime === (source.mtime?.getTime() ?? 0)
    ? r.index.deref()
    : undefined;
}

async function writeCompact(path: string, c: CompactIndex, source: Deno.FileInfo): Promise<void> {
  remember(path, c, source);
  // The compact files are only caches: failing to write them must not fail the command.
  await atomicWrite(path, encodeCompact(c, source)).catch(() => {});
  const name = path.slice(path.lastIndexOf("/") + 1).replace(/-?index\.charta\.json$/, "");
  await atomicWrite(path.replace(/index\.charta\.json$/, "search.charta.txt"), searchText(name, c, source))
    .catch(() => {});
}

/**
 * The compact index of a cached repository: charta's file when it matches
 * the cached index, else built from the index (and stored for next time).
 *
 * @throws {ChartaError} helm's `error loading PATH: …` when the index is missing or corrupt
 */
export async function loadCompact(cacheDir: string, name: string, log?: LogFn): Promise<CompactIndex> {
  const p = cachePaths(cacheDir, name);
  const info = await statIndex(p.index);
  const known = recalled(p.compact, info);
  if (known) return known;
  try {
    const cached = decodeCompact(await Deno.readTextFile(p.compact), info);
    if (cached) {
      remember(p.compact, cached, info);
      return cached;
    }
  } catch { /* missing or unreadable: rebuild */ }
  const index = await loadIndexFile(p.index, log);
  const c = compactIndex(index);
  await writeCompact(p.compact, c, info);
  return c;
}

/** Loads a cached index in full (helm's `LoadIndexFile` on the cache). */
export function loadCachedIndex(cacheDir: string, name: string, log?: LogFn): Promise<IndexFile> {
  return loadIndexFile(cachePaths(cacheDir, name).index, log);
}

/** Removes one repository's cache files (helm's `removeRepoCache`, plus charta's compact file). */
export async function removeCache(cacheDir: string, name: string): Promise<void> {
  const p = cachePaths(cacheDir, name);
  await Deno.remove(p.charts).catch(() => {});
  await Deno.remove(p.compact).catch(() => {});
  await Deno.remove(p.search).catch(() => {});
  try {
    await Deno.remove(p.index);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw new ChartaError(`can't remove index file ${p.index}: ${(e as Error).message}`, { cause: e });
  }
}

export { loadIndex };
