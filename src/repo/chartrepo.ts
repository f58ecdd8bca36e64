/**
 * Talking to chart repositories: downloading a repository's index into the
 * cache (helm's `ChartRepository.DownloadIndexFile`), finding a chart in a
 * repository given by URL (`--repo`, helm's `FindChartInRepoURL`), and
 * resolving and downloading chart references (`repo/chart`, chart URLs)
 * into helm 4's content cache or a folder (helm's `ChartDownloader`).
 *
 * Unlike helm, a downloaded archive whose sha256 differs from the index's
 * digest is refused, and nothing is written in that case.
 *
 * @module
 */
import { join } from "node:path";
import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { type GetterOptions, httpGet } from "./http.ts";
import { getChartVersion, loadIndex, pickVersion, resolveReferenceURL } from "./index_file.ts";
import { type CompactVersion, loadCompact, storeIndex } from "./cache.ts";
import {
  atomicWrite,
  isNotFound,
  loadRepoFile,
  newEntry,
  type RepoEntry,
  type RepoFile,
} from "./repo_file.ts";

/** Getter options of a repository entry. */
export function entryGetter(e: RepoEntry, timeoutMs?: number): GetterOptions {
  return {
    url: e.url,
    username: e.username,
    password: e.password,
    passCredentialsAll: e.pass_credentials_all,
    certFile: e.certFile,
    keyFile: e.keyFile,
    caFile: e.caFile,
    insecureSkipTLSVerify: e.insecure_skip_tls_verify,
    timeoutMs,
  };
}

function checkScheme(url: string): void {
  let scheme: string;
  try {
    scheme = new URL(url).protocol.slice(0, -1);
  } catch {
    throw new ChartaError(`could not find protocol handler for: `);
  }
  if (scheme !== "http" && scheme !== "https") {
    throw new ChartaError(`could not find protocol handler for: ${scheme}`);
  }
}

/**
 * Downloads a repository's index.yaml, checks it with helm's rules and
 * stores it in the cache (charts list, index, compact index).
 *
 * @returns the cached index path
 * @throws {ChartaError} the download or index error; the cache is left as it was
 */
export async function downloadIndexFile(
  entry: RepoEntry,
  cacheDir: string,
  opts: { timeoutMs?: number; log?: LogFn } = {},
): Promise<string> {
  checkScheme(entry.url);
  const indexURL = resolveReferenceURL(entry.url, "index.yaml");
  const data = await httpGet(indexURL, entryGetter(entry, opts.timeoutMs));
  // No variable holds the decoded index across the await: it can be collected while the files are written.
  return await storeIndex(cacheDir, entry.name, data, loadIndex(data, entry.url, opts.log));
}

/** Where to look a chart up and how to reach it. */
export interface ChartRefOptions {
  /** `--version` (empty: newest stable). */
  version?: string;
  /** `HELM_REPOSITORY_CONFIG`. */
  repositoryConfig: string;
  /** `HELM_REPOSITORY_CACHE`. */
  repositoryCache: string;
  /** `HELM_CONTENT_CACHE`. */
  contentCache: string;
  /** Credentials and TLS flags of the command. */
  getter?: GetterOptions;
  /** `--repo URL`. */
  repoURL?: string;
  /** Receives warnings. */
  log?: LogFn;
}

/** A chart reference resolved to a download. */
export interface ResolvedChart {
  /** Absolute download URL. */
  url: string;
  /** sha256 hex from the index ("" when unknown). */
  digest: string;
  /** Credentials and TLS to download it with. */
  getter: GetterOptions;
}

async function repoFileOrEmpty(path: string): Promise<RepoFile> {
  try {
    return await loadRepoFile(path);
  } catch (e) {
    if (isNotFound(e)) return { apiVersion: "", generated: "", repositories: [] };
    throw e;
  }
}

function sameURL(a: string, b: string): boolean {
  const norm = (s: string) => {
    try {
      const u = new URL(s);
      return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}${u.search}`;
    } catch {
      return s.replace(/\/+$/, "");
    }
  };
  return norm(a) === norm(b);
}

/**
 * helm's `FindChartInRepoURL`: downloads the repository's index (without
 * keeping it) and returns the chart's absolute URL.
 *
 * @throws {ChartaError} `looks like "URL" is not a valid chart repository…`
 * or `chart "x" version "y" not found in URL repository`
 */
export async function findChartInRepoURL(
  repoURL: string,
  chart: string,
  version: string,
  getter: GetterOptions,
  log?: LogFn,
): Promise<string> {
  let index;
  try {
    checkScheme(repoURL);
    const data = await httpGet(resolveReferenceURL(repoURL, "index.yaml"), { ...getter, url: repoURL });
    index = loadIndex(data, repoURL, log);
  } catch (e) {
    throw new ChartaError(
      `looks like "${repoURL}" is not a valid chart repository or cannot be reached: ${(e as Error).message}`,
      { cause: e },
    );
  }
  let what = `chart "${chart}"`;
  if (version) what += ` version "${version}"`;
  let cv;
  try {
    cv = getChartVersion(index, chart, version);
  } catch {
    throw new ChartaError(`${what} not found in ${repoURL} repository`);
  }
  if (!cv.urls.length) throw new ChartaError(`${what} has no downloadable URLs`);
  return resolveReferenceURL(repoURL, cv.urls[0]);
}

function portOf(u: URL): string {
  return u.port || (u.protocol === "https:" ? "443" : u.protocol === "http:" ? "80" : "");
}

/** helm's `urlEqual` for `--repo`: same scheme, host name and port. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    const u1 = new URL(a), u2 = new URL(b);
    return u1.protocol === u2.protocol && u1.hostname === u2.hostname && portOf(u1) === portOf(u2);
  } catch {
    return false;
  }
}

/**
 * The command's getter options with a configured repository's own applied,
 * as helm's `ResolveChartVersion` applies them: its TLS files when it has
 * any, its credentials only when it has both user and password.
 */
function repoGetter(base: GetterOptions, rc: RepoEntry): GetterOptions {
  const g: GetterOptions = { ...base, url: rc.url };
  if (rc.certFile || rc.keyFile || rc.caFile) {
    Object.assign(g, { certFile: rc.certFile, keyFile: rc.keyFile, caFile: rc.caFile });
  }
  if (rc.username && rc.password) {
    Object.assign(g, {
      username: rc.username,
      password: rc.password,
      passCredentialsAll: rc.pass_credentials_all,
    });
  }
  return g;
}

/** A configured repository's cached index (compact form), with helm's error when it is missing. */
async function cachedIndex(opts: ChartRefOptions, name: string) {
  try {
    return await loadCompact(opts.repositoryCache, name, opts.log);
  } catch (e) {
    throw new ChartaError(`no cached repo found. (try 'helm repo update'): ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/**
 * Resolves a chart reference (helm's `ResolveChartVersion`): a chart URL is
 * downloaded with the credentials of the configured repository serving it
 * (if any); `repo/chart` is looked up in the repository's cached index.
 *
 * @throws {ChartaError} helm's errors for unknown repositories, missing caches and versions
 */
export async function resolveChartVersion(ref: string, opts: ChartRefOptions): Promise<ResolvedChart> {
  const base: GetterOptions = { ...opts.getter };
  const rf = await repoFileOrEmpty(opts.repositoryConfig);
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]+\/./.test(ref)) {
    for (const rc of rf.repositories) {
      const c = await cachedIndex(opts, rc.name);
      for (const versions of c.values()) {
        for (const v of versions) {
          if (v.urls.some((u) => sameURL(u, ref))) {
            return { url: ref, digest: "", getter: repoGetter(base, rc) };
          }
        }
      }
    }
    return { url: ref, digest: "", getter: { ...base, url: ref } };
  }
  const slash = ref.indexOf("/");
  if (slash < 0) {
    throw new ChartaError(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
  }
  const repoName = ref.slice(0, slash), chartName = ref.slice(slash + 1);
  const rc = rf.repositories.find((r) => r.name === repoName);
  if (!rc) throw new ChartaError(`repo ${repoName} not found`);
  if (!rc.url) throw new ChartaError(`no URL found for repository ${repoName}`);
  const g = repoGetter(base, rc);
  const c = await cachedIndex(opts, rc.name);
  const version = opts.version ?? "";
  const cv = pickCompact(c.get(chartName), chartName, version, rc.name);
  if (!cv.urls.length) throw new ChartaError(`chart "${ref}" has no downloadable URLs`);
  return { url: resolveReferenceURL(rc.url, cv.urls[0]), digest: cv.digest, getter: g };
}

function pickCompact(
  versions: CompactVersion[] | undefined,
  chart: string,
  version: string,
  repo: string,
): CompactVersion {
  const fail = (why: string) =>
    new ChartaError(
      `chart "${chart}" matching ${version} not found in ${repo} index. (try 'helm repo update'): ${why}`,
    );
  if (!versions) throw fail("no chart name found");
  if (!versions.length) throw fail("no chart version found");
  let found;
  try {
    found = pickVersion(versions, version);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (!found) throw fail(`no chart version found for ${chart}-${version}`);
  return found;
}

async function sha256Hex(data: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

function stripAlgorithm(digest: string): string {
  const i = digest.indexOf(":");
  return i >= 0 ? digest.slice(i + 1) : digest;
}

/** Path of a chart archive in helm 4's content cache (`ab/abcdef….chart`). */
export function contentCachePath(root: string, digestHex: string, kind = ".chart"): string {
  return join(root, digestHex.slice(0, 2), `${digestHex}${kind}`);
}

async function fetchChecked(r: ResolvedChart): Promise<{ data: Uint8Array; digest: string }> {
  const data = await httpGet(r.url, r.getter);
  const got = await sha256Hex(data);
  const want = stripAlgorithm(r.digest).toLowerCase();
  if (want && want !== got) {
    throw new ChartaError(
      `digest mismatch for ${r.url}: the index says sha256:${want}, the download has sha256:${got}`,
    );
  }
  return { data, digest: got };
}

async function cachedChart(root: string, digest: string): Promise<string | undefined> {
  const want = stripAlgorithm(digest).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(want)) {
    if (digest) throw new ChartaError(`invalid digest length: ${want.length / 2}`);
    return undefined;
  }
  const p = contentCachePath(root, want);
  try {
    const info = await Deno.stat(p);
    return info.isFile && info.size > 0 ? p : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Downloads a chart into the content cache (helm's `DownloadToCache`),
 * reusing a cached archive with the index's digest.
 *
 * @returns the cached archive path
 */
export async function downloadToCache(ref: string, opts: ChartRefOptions): Promise<string> {
  const r = await resolveForDownload(ref, opts);
  const hit = await cachedChart(opts.contentCache, r.digest);
  if (hit) return hit;
  const { data, digest } = await fetchChecked(r);
  const p = contentCachePath(opts.contentCache, digest);
  await Deno.mkdir(join(opts.contentCache, digest.slice(0, 2)), { recursive: true });
  await atomicWrite(p, data);
  return p;
}

/** What {@link downloadTo} wrote. */
export interface Downloaded {
  /** The archive path. */
  path: string;
  /** The provenance file path, when one was fetched. */
  provPath?: string;
  /** helm's warning when a wanted provenance file could not be fetched (`--prov`). */
  warning?: string;
}

/**
 * Downloads a chart into `dest` (helm's `DownloadTo`), named after the
 * URL's last path element; with `prov`, its `.prov` file beside it.
 *
 * @param prov `"later"` (`--prov`: a missing file is a warning) or `"always"` (`--verify`: an error)
 */
export async function downloadTo(
  ref: string,
  dest: string,
  opts: ChartRefOptions,
  prov?: "later" | "always",
): Promise<Downloaded> {
  const r = await resolveForDownload(ref, opts);
  const hit = await cachedChart(opts.contentCache, r.digest);
  const data = hit ? await Deno.readFile(hit) : (await fetchChecked(r)).data;
  const name = decodeURIComponent(new URL(r.url).pathname.split("/").pop() ?? "chart.tgz");
  const out = join(dest, name);
  await atomicWrite(out, data);
  if (!prov) return { path: out };
  let body;
  try {
    body = await httpGet(`${r.url}.prov`, r.getter);
  } catch (e) {
    if (prov === "always") throw new ChartaError(`failed to fetch provenance "${r.url}.prov"`, { cause: e });
    return { path: out, warning: `WARNING: Verification not found for ${ref}: ${(e as Error).message}\n` };
  }
  await atomicWrite(`${out}.prov`, body);
  return { path: out, provPath: `${out}.prov` };
}

async function resolveForDownload(ref: string, opts: ChartRefOptions): Promise<ResolvedChart> {
  if (opts.repoURL) {
    const g = { ...opts.getter };
    const url = await findChartInRepoURL(opts.repoURL, ref, opts.version ?? "", g, opts.log);
    // helm's LocateChart: the flags' credentials go along only to the --repo origin.
    const keep = g.passCredentialsAll || sameOrigin(opts.repoURL, url);
    const getter: GetterOptions = keep ? { ...g, url } : { ...g, url, username: "", password: "" };
    return { url, digest: "", getter };
  }
  return await resolveChartVersion(ref, opts);
}

const UNMANAGED_PREFIX = "helm-manager-";

/** The cache name of a repository a dependency names by URL without it being added (helm's `managerKeyPrefix`). */
export async function unmanagedRepoName(url: string): Promise<string> {
  return `${UNMANAGED_PREFIX}${await sha256Hex(new TextEncoder().encode(url))}`;
}

/**
 * helm's `parallelRepoUpdate`: the repositories' indexes downloaded into the
 * cache concurrently (deduplicated by URL, trailing slashes ignored, the last
 * entry winning), each reported, failures not fatal. Unmanaged repositories
 * are reported by URL, the others by name.
 */
async function updateRepositories(
  entries: readonly RepoEntry[],
  repositoryCache: string,
  out: (text: string) => void,
  log?: LogFn,
): Promise<void> {
  const byURL = new Map<string, RepoEntry>();
  for (const r of entries) byURL.set(r.url.replace(/\/$/, ""), r);
  await Promise.all([...byURL.values()].map(async (r) => {
    const unmanaged = r.name.startsWith(UNMANAGED_PREFIX);
    const label = `"${unmanaged ? r.url : r.name}" chart repository`;
    try {
      await downloadIndexFile(r, repositoryCache, { log });
      out(`...Successfully got an update from the ${label}\n`);
    } catch (e) {
      const where = unmanaged ? "" : ` (${r.url})`;
      out(`...Unable to get an update from the ${label}${where}:\n\t${(e as Error).message}\n`);
    }
  }));
}

/**
 * helm's `ensureMissingRepos` refresh: the indexes of repositories that
 * dependencies name by URL without their being added are downloaded into
 * the cache under {@link unmanagedRepoName}.
 */
export async function refreshUnmanagedRepositories(
  urls: readonly string[],
  repositoryCache: string,
  out: (text: string) => void,
  log?: LogFn,
): Promise<void> {
  if (urls.length === 0) return;
  out("Getting updates for unmanaged Helm repositories...\n");
  const entries = await Promise.all(
    urls.map(async (url) => newEntry({ name: await unmanagedRepoName(url), url })),
  );
  await updateRepositories(entries, repositoryCache, out, log);
}

/**
 * The dependency manager's repository refresh (helm's `UpdateRepositories`):
 * every configured repository's index; nothing printed when none is configured.
 */
export async function refreshRepositories(
  repositoryConfig: string,
  repositoryCache: string,
  out: (text: string) => void,
  log?: LogFn,
): Promise<void> {
  const rf = await repoFileOrEmpty(repositoryConfig);
  if (rf.repositories.length === 0) return;
  out("Hang tight while we grab the latest from your chart repositories...\n");
  await updateRepositories(rf.repositories, repositoryCache, out, log);
  out("Update Complete. \u2388Happy Helming!\u2388\n");
}
