/**
 * helm's dependency manager (pkg/downloader/manager.go): `dependency
 * update` resolves Chart.yaml's dependencies, fetches them into `charts/`
 * and writes Chart.lock; `dependency build` fetches what Chart.lock says.
 * Output lines, errors and file effects follow helm: archives are staged
 * in `charts/tmpcharts-PID`, verified, moved, and archives of `charts/`
 * that were not fetched are deleted unless they belong to a dependency
 * without repository.
 *
 * Fetching goes through {@link ChartFetcher}s chosen by repository scheme.
 * Archives from chart repositories are downloaded several at a time (helm
 * fetches them one by one); lines and errors still come in Chart.yaml's
 * order, with helm's `Already downloaded` for a chart URL met twice.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { quote } from "../gotpl/quote.ts";
import { loadArchiveFile, loadDir } from "../chart/loader.ts";
import { goTimeText, marshalLock } from "../chart/save.ts";
import { API_VERSION_V1 } from "../chart/metadata.ts";
import { errnoText, pathError } from "../chart/errors.ts";
import type { Chart, Dependency, Lock } from "../chart/types.ts";
import { parseYaml } from "../goyaml/mod.ts";
import { parseConstraint, parseVersion } from "../semver/mod.ts";
import { clean } from "../sprig/gopath.ts";
import { type ChartFetcher, defaultFetchers, fetcherFor, UnsupportedFetcher } from "./fetcher.ts";
import { getLocalPath, hashReq, hashV2Req } from "./resolver.ts";

/** `no repository definition for …` (helm's `ErrRepoNotFound`). */
export class RepoNotFoundError extends ChartaError {
  /** The repositories nobody defined. */
  readonly repos: string[];
  /** @param repos the missing repository URLs */
  constructor(repos: string[]) {
    super(`no repository definition for ${repos.join(", ")}`);
    this.name = "RepoNotFoundError";
    this.repos = repos;
  }
}

/** A repositories.yaml entry (the fields resolution needs). */
interface RepoEntry {
  name: string;
  url: string;
}

/** What the manager works with. */
export interface ManagerOptions {
  /** The chart directory. */
  chartPath: string;
  /** Where helm's lines go (`Saving 2 charts`, …). */
  out: (text: string) => void;
  /** `--debug`: also print `Repository from local path: …` and `Archiving …`. */
  debug?: boolean;
  /** repositories.yaml. */
  repositoryConfig?: string;
  /** The fetchers by scheme (default: file:// only). */
  fetchers?: ChartFetcher[];
  /** The time Chart.lock records as `generated` (default: now). */
  now?: () => Date;
  /** The process id in the staging directory's name (default: Deno.pid). */
  pid?: number;
  /** Receives helm's log records (the helm 2 lock digest warning). */
  log?: LogFn;
  /** `--skip-refresh`: use the cached repository indexes as they are. */
  skipRefresh?: boolean;
  /** `HELM_REPOSITORY_CACHE`, refreshed before resolving (unless `skipRefresh`). */
  repositoryCache?: string;
}

function join(a: string, b: string): string {
  return clean(`${a}/${b}`);
}

/** Go's `url.ParseRequestURI` succeeding: an absolute URL or an absolute path. */
function isRequestURI(s: string): boolean {
  if (s.startsWith("/")) return true;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

/** helm's `urlutil.Equal`, for the URLs charta compares. */
function urlEqual(a: string, b: string): boolean {
  const norm = (s: string) => {
    try {
      const u = new URL(s);
      u.pathname = clean(u.pathname === "" ? "/" : u.pathname);
      return u.toString();
    } catch {
      return clean(s);
    }
  };
  return norm(a) === norm(b);
}

/** Chart downloads running at the same time. */
const DOWNLOADS_AT_ONCE = 8;

/** Runs tasks with at most `n` of them at a time, in the order they come. */
function pool(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiting one.
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** helm's dependency manager for one chart directory. */
export class Manager {
  private readonly o: ManagerOptions;
  private readonly fetchers: ChartFetcher[];

  /** @param opts the chart, the output and the injectable parts */
  constructor(opts: ManagerOptions) {
    this.o = opts;
    this.fetchers = opts.fetchers ?? defaultFetchers();
  }

  private print(text: string): void {
    this.o.out(text);
  }

  /** `helm dependency build`: fetch what Chart.lock records (or update without one). */
  async build(): Promise<void> {
    const c = await this.loadChartDir();
    const lock = c.lock;
    if (!lock) return await this.updateLoaded(c);
    const req = c.metadata.dependencies ?? null;
    const v1 = c.metadata.apiVersion === API_VERSION_V1;
    const v1Error = () =>
      new ChartaError(
        "the lock file (requirements.lock) is out of sync with the dependencies file (requirements.yaml). Please update the dependencies",
      );
    const v2Sum = v1 ? await hashV2Req(req) : "";
    await this.resolveRepoNames(req ?? []);
    const sum = await hashReq(req, lock.dependencies);
    if (sum !== lock.digest) {
      if (v1) {
        this.o.log?.("INFO", "warning: a valid Helm v3 hash was not found. Checking against Helm v2 hash...");
        if (v2Sum !== lock.digest) throw v1Error();
      } else {
        throw new ChartaError(
          "the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies with 'helm dependency update'",
        );
      }
    }
    await this.hasAllRepos(lock.dependencies);
    await this.refreshRepositories();
    await this.downloadAll(lock.dependencies);
  }

  /** `helm dependency update`: resolve, fetch, and write Chart.lock when it changed. */
  async update(): Promise<void> {
    await this.updateLoaded(await this.loadChartDir());
  }

  private async updateLoaded(c: Chart): Promise<void> {
    const req = c.metadata.dependencies;
    if (req === undefined || req === null) return;
    const unmanaged = await this.resolveRepoNames(req);
    for (const d of req) {
      if (d.repository) this.checkFetchable(d);
    }
    // helm's ensureMissingRepos: the indexes of repositories named only by URL, cached under generated names.
    if (unmanaged.length > 0 && !this.o.skipRefresh && this.o.repositoryCache) {
      const { refreshUnmanagedRepositories } = await import("../repo/chartrepo.ts");
      await refreshUnmanagedRepositories(unmanaged, this.o.repositoryCache, (t) => this.print(t), this.o.log);
    }
    await this.refreshRepositories();
    const lock = await this.resolve(req);
    await this.downloadAll(lock.dependencies);
    lock.digest = await hashReq(req, lock.dependencies);
    if (c.lock && c.lock.digest === lock.digest) return;
    await this.writeLock(lock, c.metadata.apiVersion === API_VERSION_V1);
  }

  /** helm's `UpdateRepositories` (unless `--skip-refresh`), in src/repo. */
  private async refreshRepositories(): Promise<void> {
    if (this.o.skipRefresh || !this.o.repositoryConfig || !this.o.repositoryCache) return;
    const { refreshRepositories } = await import("../repo/chartrepo.ts");
    await refreshRepositories(
      this.o.repositoryConfig,
      this.o.repositoryCache,
      (t) => this.print(t),
      this.o.log,
    );
  }

  /** Fails early, before anything is printed or written, for repositories no fetcher serves. */
  private checkFetchable(d: Dependency): void {
    const f = fetcherFor(this.fetchers, d.repository ?? "");
    if (f instanceof UnsupportedFetcher) throw f.error(d);
  }

  private async loadChartDir(): Promise<Chart> {
    const p = this.o.chartPath;
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(p);
    } catch (e) {
      throw new ChartaError(`could not find ${p}: stat ${p}: ${errnoText(e)}`, { cause: e });
    }
    if (!info.isDirectory) throw new ChartaError("only unpacked charts can be updated");
    return await loadDir(p, { log: this.o.log });
  }

  private async repositories(): Promise<RepoEntry[]> {
    const file = this.o.repositoryConfig;
    if (!file) return [];
    let data: Uint8Array;
    try {
      data = await Deno.readFile(file);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return [];
      throw new ChartaError(
        `couldn't load repositories file (${file}): ${pathError("open", file, e).message}`,
      );
    }
    const doc = parseYaml(data, { target: "map" }) as { repositories?: unknown } | null;
    const list = Array.isArray(doc?.repositories) ? doc.repositories as Record<string, unknown>[] : [];
    return list.map((r) => ({ name: String(r?.name ?? ""), url: String(r?.url ?? "") }));
  }

  /**
   * helm's `resolveRepoNames`: checks local paths and that every repository
   * is known or a URL; returns the URLs of repositories not added (helm's
   * "unmanaged" ones).
   */
  private async resolveRepoNames(deps: readonly Dependency[]): Promise<string[]> {
    const repos = await this.repositories();
    const missing: string[] = [];
    const unmanaged: string[] = [];
    for (const dd of deps) {
      const repo = dd.repository ?? "";
      if (repo === "") continue;
      if (repo.startsWith("file://")) {
        await getLocalPath(repo, this.o.chartPath);
        if (this.o.debug) this.print(`Repository from local path: ${repo}\n`);
        continue;
      }
      if (repo.startsWith("oci://")) continue;
      let found = false;
      for (const r of repos) {
        if (
          (repo.startsWith("@") && repo.slice(1) === r.name) ||
          (repo.startsWith("alias:") && repo.slice("alias:".length) === r.name)
        ) {
          found = true;
          dd.repository = r.url;
          break;
        } else if (urlEqual(r.url, repo)) {
          found = true;
          break;
        }
      }
      if (!found && !isRequestURI(repo)) missing.push(repo);
      else if (!found) unmanaged.push(repo);
    }
    if (missing.length > 0) {
      let msg = `no repository definition for ${missing.join(", ")}. Please add them via 'helm repo add'`;
      if (missing.some((r) => !r.includes("//") && !r.startsWith("@") && !r.startsWith("alias:"))) {
        msg += `
Note that repositories must be URLs or aliases. For example, to refer to the "example"
repository, use "https://charts.example.com/" or "@example" instead of
"example". Don't forget to add the repo, too ('helm repo add').`;
      }
      throw new ChartaError(msg);
    }
    return unmanaged;
  }

  /** helm's `hasAllRepos` for `build`. */
  private async hasAllRepos(deps: readonly Dependency[]): Promise<void> {
    const repos = await this.repositories();
    const missing: string[] = [];
    for (const dd of deps) {
      const repo = dd?.repository ?? "";
      if (repo === "" || repo.startsWith("file://") || repo.startsWith("oci://")) continue;
      if (repos.some((r) => urlEqual(r.url, repo.replace(/\/$/, "")))) continue;
      missing.push(repo);
    }
    if (missing.length > 0) throw new RepoNotFoundError(missing);
  }

  /** helm's resolver: the locked version of each requested dependency. */
  private async resolve(reqs: readonly Dependency[]): Promise<Lock> {
    const locked: (Dependency | null)[] = [];
    const missing: string[] = [];
    for (const d of reqs) {
      try {
        parseConstraint(d.version ?? "");
      } catch (e) {
        throw new ChartaError(
          `dependency ${quote(d.name)} has an invalid version/constraint format: ${(e as Error).message}`,
        );
      }
      const repo = d.repository ?? "";
      if (repo === "") {
        await getLocalPath(join("charts", d.name), this.o.chartPath);
        locked.push({ name: d.name, repository: "", version: d.version });
        continue;
      }
      const version = await fetcherFor(this.fetchers, repo).resolve(d, this.o.chartPath);
      if (version === undefined) {
        missing.push(
          `${quote(d.name)} (repository ${quote(repo)}, version ${quote(d.version ?? "")})`,
        );
        locked.push(null);
        continue;
      }
      locked.push({ name: d.name, repository: repo, version });
    }
    if (missing.length > 0) {
      throw new ChartaError(
        `can't get a valid version for ${missing.length} subchart(s): ${missing.join(", ")}. ` +
          "Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml",
      );
    }
    const now = (this.o.now ?? (() => new Date()))();
    return {
      generated: goTimeText(now),
      digest: await hashReq(reqs, locked),
      dependencies: locked as Lock["dependencies"],
    };
  }

  /** helm's `downloadAll`: stage every dependency, then move them into charts/. */
  private async downloadAll(deps: Dependency[]): Promise<void> {
    const destPath = join(this.o.chartPath, "charts");
    const tmpPath = join(this.o.chartPath, `tmpcharts-${this.o.pid ?? Deno.pid}`);
    let info: Deno.FileInfo | undefined;
    try {
      info = await Deno.stat(destPath);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) {
        throw new ChartaError(
          `unable to retrieve file info for '${destPath}': ${pathError("stat", destPath, e).message}`,
        );
      }
    }
    if (info && !info.isDirectory) throw new ChartaError(`${quote(destPath)} is not a directory`);
    if (!info) await Deno.mkdir(destPath, { recursive: true, mode: 0o755 });
    await Deno.mkdir(tmpPath, { recursive: true, mode: 0o755 });
    try {
      this.print(`Saving ${deps.length} charts\n`);
      let saveError: Error | undefined;
      const started = this.startDownloads(deps, tmpPath);
      const churls = new Set<string>();
      try {
        for (const dep of deps) {
          if (!dep.repository) {
            this.print(
              `Dependency ${dep.name} did not declare a repository. Assuming it exists in the charts directory\n`,
            );
            const chartPath = join(destPath, dep.name);
            let ch: Chart;
            try {
              ch = await loadDir(chartPath, { log: this.o.log });
            } catch (e) {
              throw new ChartaError(`unable to load chart '${chartPath}': ${(e as Error).message}`, {
                cause: e,
              });
            }
            let constraint;
            try {
              constraint = parseConstraint(dep.version ?? "");
            } catch (e) {
              throw new ChartaError(
                `dependency ${dep.name} has an invalid version/constraint format: ${(e as Error).message}`,
              );
            }
            let v;
            try {
              v = parseVersion(ch.metadata.version);
            } catch (e) {
              throw new ChartaError(
                `invalid version ${dep.version ?? ""} for dependency ${dep.name}: ${(e as Error).message}`,
              );
            }
            if (!constraint.check(v)) {
              saveError = new ChartaError(
                `dependency ${dep.name} at version ${ch.metadata.version} does not satisfy the constraint ${dep.version}`,
              );
              break;
            }
            continue;
          }
          if (this.o.debug && dep.repository.startsWith("file://")) {
            this.print(`Archiving ${dep.name} from repo ${dep.repository}\n`);
          }
          const early = started.urls.get(dep);
          if (early) {
            // helm's order: the chart URL, `Already downloaded` for a URL fetched before, else the download.
            let url: string;
            try {
              url = await early;
            } catch (e) {
              saveError = e as Error;
              break;
            }
            if (churls.has(url)) {
              this.print(`Already downloaded ${dep.name} from repo ${dep.repository}\n`);
              continue;
            }
            this.print(`Downloading ${dep.name} from repo ${dep.repository}\n`);
            try {
              dep.version = await started.downloads.get(url)!;
            } catch (e) {
              saveError = new ChartaError(`could not download ${url}: ${(e as Error).message}`, { cause: e });
              break;
            }
            churls.add(url);
            continue;
          }
          if (/^https?:\/\//.test(dep.repository)) {
            this.print(`Downloading ${dep.name} from repo ${dep.repository}\n`);
          }
          try {
            dep.version = await fetcherFor(this.fetchers, dep.repository).fetch(
              dep,
              this.o.chartPath,
              tmpPath,
            );
          } catch (e) {
            saveError = e as Error;
            break;
          }
        }
      } finally {
        // Downloads started ahead of a failure still write into the staging folder: let them end first.
        await started.settled();
      }
      if (saveError) {
        this.print(`Save error occurred:  ${saveError.message}\n`);
        throw saveError;
      }
      await this.safeMoveDeps(deps, tmpPath, destPath);
    } finally {
      await Deno.remove(tmpPath, { recursive: true }).catch(() => {});
    }
  }

  /**
   * Starts, a few at a time, the downloads of the dependencies whose fetcher names their chart URL
   * (chart repositories): the index look-ups and transfers overlap instead of running one after another.
   * Each URL is downloaded once; the manager's loop still reports and checks them in Chart.yaml's order.
   */
  private startDownloads(deps: readonly Dependency[], tmpPath: string): {
    urls: Map<Dependency, Promise<string>>;
    downloads: Map<string, Promise<string>>;
    settled(): Promise<void>;
  } {
    const urls = new Map<Dependency, Promise<string>>();
    const downloads = new Map<string, Promise<string>>();
    const registered: Promise<void>[] = [];
    const limit = pool(DOWNLOADS_AT_ONCE);
    for (const dep of deps) {
      const repo = dep.repository ?? "";
      if (!/^https?:\/\//.test(repo)) continue;
      const f = fetcherFor(this.fetchers, repo);
      if (!f.chartURL) continue;
      const url = f.chartURL(dep, this.o.chartPath);
      urls.set(dep, url);
      registered.push(url.then((u) => {
        if (downloads.has(u)) return;
        const d = limit(() => f.fetch(dep, this.o.chartPath, tmpPath));
        d.catch(() => {});
        downloads.set(u, d);
      }, () => {}));
    }
    return {
      urls,
      downloads,
      async settled() {
        await Promise.all(registered);
        await Promise.allSettled(downloads.values());
      },
    };
  }

  private async readDir(dir: string): Promise<Deno.DirEntry[]> {
    const out: Deno.DirEntry[] = [];
    for await (const e of Deno.readDir(dir)) out.push(e);
    // os.ReadDir sorts by file name (byte order).
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** helm's `safeMoveDeps`. */
  private async safeMoveDeps(deps: readonly Dependency[], source: string, dest: string): Promise<void> {
    const sourceFiles = await this.readDir(source);
    const destFiles = await this.readDir(dest);
    const inSource = new Set<string>();
    const local = new Set(deps.filter((d) => !d.repository).map((d) => d.name));
    for (const f of sourceFiles) {
      if (f.isDirectory) continue;
      const sourceFile = join(source, f.name);
      const destFile = join(dest, f.name);
      inSource.add(f.name);
      try {
        await loadArchiveFile(sourceFile, { log: this.o.log });
      } catch (e) {
        this.print(`Could not verify ${sourceFile} for moving: ${(e as Error).message} (Skipping)`);
        continue;
      }
      try {
        await Deno.rename(sourceFile, destFile);
      } catch (e) {
        this.print(`Unable to move ${sourceFile} to charts dir ${errnoText(e)} (Skipping)`);
      }
    }
    this.print("Deleting outdated charts\n");
    for (const f of destFiles) {
      if (f.isDirectory || inSource.has(f.name)) continue;
      const fname = join(dest, f.name);
      let ch: Chart;
      try {
        ch = await loadArchiveFile(fname, { log: this.o.log });
      } catch (e) {
        this.print(`Could not verify ${fname} for deletion: ${(e as Error).message} (Skipping)\n`);
        continue;
      }
      if (local.has(ch.metadata.name)) continue;
      try {
        await Deno.remove(fname);
      } catch (e) {
        this.print(`Could not delete ${fname}: ${pathError("remove", fname, e).message} (Skipping)`);
      }
    }
  }

  /** helm's `writeLock`: Chart.lock (requirements.lock for v1 charts), never through a symbolic link. */
  private async writeLock(lock: Lock, legacy: boolean): Promise<void> {
    const name = legacy ? "requirements.lock" : "Chart.lock";
    const dest = join(this.o.chartPath, name);
    try {
      const info = await Deno.lstat(dest);
      if (info.isSymlink) {
        const link = await Deno.readLink(dest);
        throw new ChartaError(`the ${name} file is a symlink to ${quote(link)}`);
      }
    } catch (e) {
      if (e instanceof ChartaError) throw e;
      if (!(e instanceof Deno.errors.NotFound)) {
        throw new ChartaError(
          `error getting info for ${quote(dest)}: ${pathError("lstat", dest, e).message}`,
        );
      }
    }
    try {
      await Deno.writeTextFile(dest, marshalLock(lock), { mode: 0o644 });
    } catch (e) {
      throw pathError("open", dest, e);
    }
  }
}
