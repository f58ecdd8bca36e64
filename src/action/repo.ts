/**
 * `repo add|list|update|remove|index`, `search repo` and `pull`, as helm
 * does them, on helm's own repositories file and cache.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import type { Write } from "../cli/command_spec.ts";
import { marshal as yamlMarshal } from "../goyaml/mod.ts";
import { quoteJsonString } from "../gojson/mod.ts";
import { formatTable } from "./uitable.ts";
import { ZERO_TIME } from "../chart/metadata.ts";
import { loadArchiveFile } from "../chart/loader.ts";
import {
  atomicWrite,
  isNotFound,
  loadRepoFile,
  newEntry,
  parseRepoFile,
  type RepoEntry,
  type RepoFile,
  sameEntry,
  writeRepoFile,
} from "../repo/repo_file.ts";
import { type ChartRefOptions, type Downloaded, downloadIndexFile, downloadTo } from "../repo/chartrepo.ts";
import { loadSearchRecords, removeCache } from "../repo/cache.ts";
import {
  indexEntry,
  type IndexFile,
  loadIndexFile,
  marshalIndexJson,
  marshalIndexYaml,
  mergeIndex,
  newIndexFile,
  sortEntries,
  urlJoin,
} from "../repo/index_file.ts";
import {
  applyConstraint,
  compileSearchRegexp,
  SEARCH_MAX_SCORE,
  SearchIndex,
  sortResults,
} from "../repo/search.ts";
import type { GetterOptions } from "../repo/http.ts";
import { expandChart } from "../repo/expand.ts";
import type { Verification } from "../provenance/mod.ts";

/** Where helm keeps repositories. */
export interface RepoPaths {
  /** `HELM_REPOSITORY_CONFIG`. */
  repositoryConfig: string;
  /** `HELM_REPOSITORY_CACHE`. */
  repositoryCache: string;
}

const DEPRECATED_REPOS: Record<string, string> = {
  "//kubernetes-charts.storage.googleapis.com": "https://charts.helm.sh/stable",
  "//kubernetes-charts-incubator.storage.googleapis.com": "https://charts.helm.sh/incubator",
};

/** `repo add` options (helm's `repoAddOptions`). */
export interface RepoAddOptions extends RepoPaths {
  /** Repository name. */
  name: string;
  /** Repository URL. */
  url: string;
  /** `--username`. */
  username?: string;
  /** `--password`. */
  password?: string;
  /** `--password-stdin`. */
  passwordStdin?: boolean;
  /** `--pass-credentials`. */
  passCredentials?: boolean;
  /** `--cert-file`. */
  certFile?: string;
  /** `--key-file`. */
  keyFile?: string;
  /** `--ca-file`. */
  caFile?: string;
  /** `--insecure-skip-tls-verify`. */
  insecureSkipTLSVerify?: boolean;
  /** `--force-update`. */
  forceUpdate?: boolean;
  /** `--allow-deprecated-repos`. */
  allowDeprecatedRepos?: boolean;
  /** `--timeout` in ms. */
  timeoutMs?: number;
  /** Reads the password (stdin). */
  readStdin?: () => Promise<string>;
  /**
   * Reads the password typed on the terminal, without echo (after the
   * `Password: ` prompt); without it, reading fails as on no terminal.
   */
  readPassword?: () => Promise<string>;
  /** Receives warnings. */
  log?: LogFn;
}

async function withLock<T>(repoFile: string, fn: () => Promise<T>): Promise<T> {
  const ext = /\.[^./]*$/.exec(repoFile.slice(repoFile.lastIndexOf("/") + 1))?.[0] ?? "";
  const lockPath = ext && ext.length < repoFile.length
    ? repoFile.slice(0, -ext.length) + ".lock"
    : repoFile + ".lock";
  const file = await Deno.open(lockPath, { create: true, write: true, mode: 0o600 });
  try {
    await file.lock(true);
    return await fn();
  } finally {
    file.close();
  }
}

/**
 * `repo add`: checks the index, then records the repository.
 *
 * @throws {ChartaError} helm's errors (name clash, unreachable or invalid repository, `/` in the name)
 */
export async function repoAdd(o: RepoAddOptions, out: Write): Promise<void> {
  if (!o.allowDeprecatedRepos) {
    for (const [oldURL, newURL] of Object.entries(DEPRECATED_REPOS)) {
      if (o.url.includes(oldURL)) {
        throw new ChartaError(`repo "${o.url}" is no longer available; try "${newURL}" instead`);
      }
    }
  }
  await Deno.mkdir(dirname(o.repositoryConfig), { recursive: true });
  await withLock(o.repositoryConfig, async () => {
    let text = "";
    try {
      text = await Deno.readTextFile(o.repositoryConfig);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    const f = parseRepoFile(text);
    let password = o.password ?? "";
    if (o.username && !password) {
      if (o.passwordStdin && o.readStdin) {
        password = (await o.readStdin()).replace(/\n$/, "").replace(/\r$/, "");
      } else {
        // helm's term.ReadPassword: the newline follows the prompt even when reading fails.
        out("Password: ");
        try {
          if (!o.readPassword) throw new ChartaError("inappropriate ioctl for device");
          password = await o.readPassword();
        } finally {
          out("\n");
        }
      }
    }
    const c = newEntry({
      name: o.name,
      url: o.url,
      username: o.username,
      password,
      pass_credentials_all: o.passCredentials,
      certFile: o.certFile,
      keyFile: o.keyFile,
      caFile: o.caFile,
      insecure_skip_tls_verify: o.insecureSkipTLSVerify,
    });
    if (o.name.includes("/")) {
      throw new ChartaError(
        `repository name (${o.name}) contains '/', please specify a different name without '/'`,
      );
    }
    const existing = f.repositories.find((r) => r.name === o.name);
    if (!o.forceUpdate && existing) {
      if (!sameEntry(c, existing)) {
        throw new ChartaError(`repository name (${o.name}) already exists, please specify a different name`);
      }
      out(`"${o.name}" already exists with the same configuration, skipping\n`);
      return;
    }
    try {
      await downloadIndexFile(c, o.repositoryCache, { timeoutMs: o.timeoutMs, log: o.log });
    } catch (e) {
      throw new ChartaError(
        `looks like "${o.url}" is not a valid chart repository or cannot be reached: ${(e as Error).message}`,
        { cause: e },
      );
    }
    const i = f.repositories.findIndex((r) => r.name === o.name);
    if (i >= 0) f.repositories[i] = c;
    else f.repositories.push(c);
    await writeRepoFile(o.repositoryConfig, f);
    out(`"${o.name}" has been added to your repositories\n`);
  });
}

async function repoFileOrEmpty(path: string): Promise<RepoFile> {
  try {
    return await loadRepoFile(path);
  } catch (e) {
    if (isNotFound(e)) return { apiVersion: "", generated: ZERO_TIME, repositories: [] };
    throw e;
  }
}

/** Output formats of listings. */
export type ListFormat = "table" | "json" | "yaml";

/**
 * `repo list`: the table (or JSON/YAML) of configured repositories; with
 * none, helm's `no repositories to show` on stderr and success.
 */
export async function repoList(
  paths: RepoPaths,
  format: ListFormat,
  noHeaders: boolean,
  out: Write,
  err: Write,
): Promise<void> {
  const f = await repoFileOrEmpty(paths.repositoryConfig).catch(() => ({ repositories: [] as RepoEntry[] }));
  if (f.repositories.length === 0 && format === "table") {
    err("no repositories to show\n");
    return;
  }
  const list = f.repositories.map((r) => ({ name: r.name, url: r.url }));
  if (format === "json") {
    out(
      `[${
        list.map((r) => `{"name":${quoteJsonString(r.name)},"url":${quoteJsonString(r.url)}}`).join(",")
      }]\n`,
    );
  } else if (format === "yaml") out(yamlMarshal(list));
  else {
    const rows = noHeaders ? [] : [["NAME", "URL"]];
    for (const r of list) rows.push([r.name, r.url]);
    out(formatTable(rows) + "\n");
  }
}

/**
 * `repo update [NAME...]`: downloads the indexes concurrently, one line per
 * repository as each finishes.
 *
 * @throws {ChartaError} helm's errors for no repositories, unknown names and failed updates
 */
export async function repoUpdate(
  paths: RepoPaths,
  names: readonly string[],
  out: Write,
  opts: { timeoutMs?: number; log?: LogFn } = {},
): Promise<void> {
  const noRepos = "no repositories found. You must add one before updating";
  let f: RepoFile;
  try {
    f = await loadRepoFile(paths.repositoryConfig);
  } catch (e) {
    if (isNotFound(e)) throw new ChartaError(noRepos);
    throw new ChartaError(`failed loading file: ${paths.repositoryConfig}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (f.repositories.length === 0) throw new ChartaError(noRepos);
  for (const n of names) {
    if (!f.repositories.some((r) => r.name === n)) {
      throw new ChartaError(`no repositories found matching '${n}'.  Nothing will be updated`);
    }
  }
  const repos = f.repositories.filter((r) => names.length === 0 || names.includes(r.name));
  for (const r of repos) {
    try {
      new URL(r.url);
    } catch {
      throw new ChartaError(`invalid chart URL format: ${r.url}`);
    }
  }
  out("Hang tight while we grab the latest from your chart repositories...\n");
  const failed: string[] = [];
  await Promise.all(repos.map(async (r) => {
    try {
      await downloadIndexFile(r, paths.repositoryCache, opts);
      out(`...Successfully got an update from the "${r.name}" chart repository\n`);
    } catch (e) {
      out(
        `...Unable to get an update from the "${r.name}" chart repository (${r.url}):\n\t${
          (e as Error).message
        }\n`,
      );
      failed.push(r.url);
    }
  }));
  if (failed.length) {
    throw new ChartaError(`failed to update the following repositories: [${failed.join(" ")}]`);
  }
  out("Update Complete. \u2388Happy Helming!\u2388\n");
}

/**
 * `repo remove NAME...`: drops the entries and their cache files.
 *
 * @throws {ChartaError} `no repositories configured`, `no repo named "x" found`
 */
export async function repoRemove(paths: RepoPaths, names: readonly string[], out: Write): Promise<void> {
  let f: RepoFile;
  try {
    f = await loadRepoFile(paths.repositoryConfig);
  } catch (e) {
    if (isNotFound(e)) throw new ChartaError("no repositories configured");
    throw e;
  }
  if (f.repositories.length === 0) throw new ChartaError("no repositories configured");
  for (const name of names) {
    const before = f.repositories.length;
    f.repositories = f.repositories.filter((r) => r.name !== name);
    if (f.repositories.length === before) throw new ChartaError(`no repo named "${name}" found`);
    await writeRepoFile(paths.repositoryConfig, f);
    await removeCache(paths.repositoryCache, name);
    out(`"${name}" has been removed from your repositories\n`);
  }
}

async function sha256File(path: string): Promise<string> {
  const d = new Uint8Array(
    await crypto.subtle.digest("SHA-256", (await Deno.readFile(path)) as Uint8Array<ArrayBuffer>),
  );
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function globTgz(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) names.push(e.name);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(".tgz")).sort();
}

/**
 * helm's `IndexDirectory`: every `*.tgz` of `dir` and of its direct
 * subfolders (archives that do not load are skipped).
 *
 * @throws {ChartaError} `failed adding to FILE to index: …` for invalid metadata
 */
export async function indexDirectory(dir: string, baseURL: string, log?: LogFn): Promise<IndexFile> {
  const archives: string[] = (await globTgz(dir)).map((n) => n);
  const subdirs: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) if (e.isDirectory || e.isSymlink) subdirs.push(e.name);
  } catch { /* Go's Glob finds nothing in a missing folder; writing the index then fails */ }
  subdirs.sort();
  for (const sd of subdirs) for (const n of await globTgz(join(dir, sd))) archives.push(`${sd}/${n}`);
  const index = newIndexFile();
  for (const rel of archives) {
    const slash = rel.lastIndexOf("/");
    const parentDir = slash < 0 ? "" : rel.slice(0, slash);
    const fname = slash < 0 ? rel : rel.slice(slash + 1);
    const parentURL = urlJoin(baseURL, parentDir);
    let ch;
    try {
      ch = await loadArchiveFile(join(dir, rel), { log });
    } catch {
      continue;
    }
    const digest = await sha256File(join(dir, rel));
    let cv;
    try {
      cv = indexEntry(ch.metadata, fname, parentURL, digest);
    } catch (e) {
      throw new ChartaError(`failed adding to ${fname} to index: ${(e as Error).message}`, { cause: e });
    }
    (index.entries[cv.name] ??= []).push(cv);
  }
  return index;
}

/**
 * `repo index DIR`: writes DIR/index.yaml for the archives in DIR
 * (merged into `--merge`'s index when given).
 *
 * @throws {ChartaError} `merge failed: …` and index errors
 */
export async function repoIndex(
  dir: string,
  opts: { url?: string; merge?: string; json?: boolean; log?: LogFn } = {},
): Promise<void> {
  const path = resolve(dir);
  const outPath = join(path, "index.yaml");
  const write = (i: IndexFile, p: string) =>
    atomicWrite(p, opts.json ? marshalIndexJson(i) : marshalIndexYaml(i));
  const i = await indexDirectory(path, opts.url ?? "", opts.log);
  if (opts.merge) {
    let i2: IndexFile;
    try {
      await Deno.stat(opts.merge);
      try {
        i2 = await loadIndexFile(opts.merge, opts.log);
      } catch (e) {
        throw new ChartaError(`merge failed: ${(e as Error).message}`, { cause: e });
      }
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      i2 = newIndexFile();
      await write(i2, opts.merge).catch(() => {});
    }
    mergeIndex(i, i2);
  }
  sortEntries(i);
  try {
    await write(i, outPath);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new ChartaError(`open ${outPath}: no such file or directory`);
    }
    throw e;
  }
}

/** `search repo` options. */
export interface SearchRepoOptions extends RepoPaths {
  /** The keywords (joined with spaces). */
  terms: readonly string[];
  /** `--regexp`. */
  regexp?: boolean;
  /** `--versions`. */
  versions?: boolean;
  /** `--devel`. */
  devel?: boolean;
  /** `--version`. */
  version?: string;
  /** `--max-col-width`. */
  maxColWidth?: number;
  /** `--fail-on-no-result`. */
  failOnNoResult?: boolean;
  /** `-o`. */
  format: ListFormat;
  /** Receives helm's warnings (corrupt or missing repository caches). */
  log?: LogFn;
}

/**
 * `search repo`: the matching charts of every configured repository, read
 * from charta's compact indexes.
 *
 * @throws {ChartaError} `no repositories configured`, constraint and regexp errors, `no results found`
 */
export async function searchRepo(o: SearchRepoOptions): Promise<string> {
  const version = o.version || (o.devel ? ">0.0.0-0" : ">0.0.0");
  let f: RepoFile;
  try {
    f = await loadRepoFile(o.repositoryConfig);
  } catch (e) {
    if (isNotFound(e)) throw new ChartaError("no repositories configured");
    throw e;
  }
  if (f.repositories.length === 0) throw new ChartaError("no repositories configured");
  const matcher = o.regexp && o.terms.length ? await compileSearchRegexp(o.terms.join(" ")) : false;
  // One repository at a time, so only one search file is held in memory.
  const res = [];
  for (const r of f.repositories) {
    let text;
    try {
      text = await loadSearchRecords(o.repositoryCache, r.name, o.log);
    } catch (e) {
      o.log?.("WARN", "repo is corrupt or missing", [["repo", r.name], ["error", e]]);
      continue;
    }
    const index = new SearchIndex();
    index.addRepoBytes(r.name, text);
    res.push(
      ...(o.terms.length === 0 ? index.all() : index.search(o.terms.join(" "), SEARCH_MAX_SCORE, matcher)),
    );
  }
  sortResults(res);
  const data = applyConstraint(res, version, !!o.versions);
  if (o.format === "table") {
    if (data.length === 0) {
      if (o.failOnNoResult) throw new ChartaError("no results found");
      return "No results found\n";
    }
    const rows = [["NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"]];
    for (const r of data) rows.push([r.name, r.chart.version, r.chart.appVersion, r.chart.description]);
    return formatTable(rows, o.maxColWidth ?? 50) + "\n";
  }
  if (data.length === 0 && o.failOnNoResult) throw new ChartaError("no results found");
  const list = data.map((r) => ({
    name: r.name,
    version: r.chart.version,
    app_version: r.chart.appVersion,
    description: r.chart.description,
  }));
  if (o.format === "yaml") return yamlMarshal(list);
  const q = quoteJsonString;
  return `[${
    list.map((r) =>
      `{"name":${q(r.name)},"version":${q(r.version)},"app_version":${q(r.app_version)},"description":${
        q(r.description)
      }}`
    ).join(",")
  }]\n`;
}

/** `pull` options (helm's `action.Pull`). */
export interface PullOptions extends RepoPaths {
  /** `HELM_CONTENT_CACHE`. */
  contentCache: string;
  /** `--version`. */
  version?: string;
  /** `--devel`. */
  devel?: boolean;
  /** `--repo`. */
  repoURL?: string;
  /** `--untar`. */
  untar?: boolean;
  /** `--untardir`. */
  untarDir?: string;
  /** `-d/--destination`. */
  destination?: string;
  /** Credentials and TLS flags. */
  getter?: GetterOptions;
  /** `--prov` (or `--verify`): fetch the `.prov` file too. */
  prov?: boolean;
  /** `--verify`: checks the downloaded archive and its `.prov` file. */
  verify?: (archive: string) => Promise<Verification>;
  /** Receives helm's verification lines and warnings (stdout). */
  out?: Write;
  /** Receives warnings. */
  log?: LogFn;
  /** `--plain-http` (OCI registries). */
  plainHTTP?: boolean;
  /** helm's registry config file (`HELM_REGISTRY_CONFIG`), for `oci://` references. */
  registryConfig?: string;
  /** Where credential helpers are found (`PATH`, `HOME`, `DOCKER_CONFIG`); the process's when omitted. */
  env?: (name: string) => string | undefined;
}

/** `oci://` pulls: the chart through the content cache, then copied as `NAME-VERSION.tgz` (and `.prov`). */
async function pullOciTo(
  ref: string,
  dir: string,
  o: PullOptions,
  version: string,
  prov: boolean,
): Promise<Downloaded> {
  const { pullOciChart } = await import("../registry/oci.ts");
  const pulled = await pullOciChart(ref, {
    version,
    contentCache: o.contentCache,
    withProv: prov,
    out: o.out,
    plainHTTP: o.plainHTTP,
    registryConfig: o.registryConfig,
    env: o.env,
    username: o.getter?.username,
    password: o.getter?.password,
    caFile: o.getter?.caFile,
    certFile: o.getter?.certFile,
    keyFile: o.getter?.keyFile,
    insecureSkipTLSVerify: o.getter?.insecureSkipTLSVerify,
    progress: o.getter?.progress,
  });
  const data = pulled.chart ?? await Deno.readFile(pulled.path!);
  const name = pulled.config?.name ?? ref.replace(/[:@].*$/, "").split("/").pop()!;
  const out = join(dir, `${name}-${pulled.version ?? pulled.config?.version ?? ""}.tgz`);
  await Deno.writeFile(out, data);
  const provData = pulled.prov ?? (pulled.provPath ? await Deno.readFile(pulled.provPath) : undefined);
  if (!provData) return { path: out };
  await Deno.writeFile(`${out}.prov`, provData);
  return { path: out, provPath: `${out}.prov` };
}

/**
 * `pull REF`: downloads a chart into the destination folder, or unpacks it
 * there with `--untar`.
 *
 * @returns the archive path written (or the unpacked chart folder)
 * @throws {ChartaError} resolution, download, digest and extraction errors
 */
export async function pullChart(ref: string, o: PullOptions): Promise<string> {
  const version = !o.version && o.devel ? ">0.0.0-0" : (o.version ?? "");
  const destDir = o.destination || ".";
  const refOpts: ChartRefOptions = {
    version,
    repositoryConfig: o.repositoryConfig,
    repositoryCache: o.repositoryCache,
    contentCache: o.contentCache,
    getter: o.getter,
    repoURL: o.repoURL,
    log: o.log,
  };
  const fetchOne = async (dir: string): Promise<string> => {
    const d = ref.startsWith("oci://")
      ? await pullOciTo(ref, dir, o, version, !!(o.verify || o.prov))
      : await downloadTo(ref, dir, refOpts, o.verify ? "always" : o.prov ? "later" : undefined);
    if (d.warning) o.out?.(d.warning);
    if (o.verify) {
      let v;
      try {
        v = await o.verify(d.path);
      } catch (e) {
        // helm leaves a refused chart behind; charta keeps nothing unverified.
        await Deno.remove(d.path).catch(() => {});
        if (d.provPath) await Deno.remove(d.provPath).catch(() => {});
        throw e;
      }
      for (const id of v.signedBy) o.out?.(`Signed by: ${id}\n`);
      o.out?.(`Using Key With Fingerprint: ${v.fingerprint}\n`);
      o.out?.(`Chart Hash Verified: ${v.fileHash}\n`);
    }
    return d.path;
  };
  if (!o.untar) return await fetchOne(destDir);
  const tmp = await Deno.makeTempDir({ prefix: "helm-" });
  try {
    const saved = await fetchOne(tmp);
    let ud = o.untarDir || ".";
    if (!ud.startsWith("/")) ud = join(destDir, ud);
    const refBase = ref.replace(/\/+$/, "").split("/").pop() ?? ref;
    // helm checks (and creates) a folder named after the reference, not the chart.
    const udCheck = ud === "." ? refBase : join(ud, refBase);
    try {
      await Deno.stat(udCheck);
      throw new ChartaError(`failed to untar: a file or directory with the name ${udCheck} already exists`);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    await Deno.mkdir(udCheck, { recursive: true });
    return await expandChart(ud, await Deno.readFile(saved));
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}
