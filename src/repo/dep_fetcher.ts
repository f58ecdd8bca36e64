/**
 * Dependencies from chart repositories (`https://…`, `@name`, `alias:name`)
 * for `dependency update|build`: versions are resolved against the
 * repository's cached index (charta's compact form) when the repository is
 * configured, else against its index fetched on the spot; the archive is
 * downloaded with the repository entry's credentials and TLS settings.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { Dependency } from "../chart/types.ts";
import type { ChartFetcher } from "../downloader/fetcher.ts";
import { parseConstraint, parseVersion } from "../semver/mod.ts";
import { type CompactVersion, loadCompact } from "./cache.ts";
import { entryGetter, unmanagedRepoName } from "./chartrepo.ts";
import { httpGet } from "./http.ts";
import { resolveReferenceURL } from "./index_file.ts";
import { isNotFound, loadRepoFile, type RepoEntry } from "./repo_file.ts";
import { atomicWrite } from "./repo_file.ts";

/** Where the fetcher finds helm's files (the environment's when not given). */
export interface RepoFetcherPaths {
  /** `HELM_REPOSITORY_CONFIG`. */
  repositoryConfig?: string;
  /** `HELM_REPOSITORY_CACHE`. */
  repositoryCache?: string;
  /**
   * `--verify`: each archive's `.prov` is downloaded beside it and checked
   * against this keyring (helm's `VerifyAlways`).
   */
  verifyKeyring?: string;
}

function normURL(s: string): string {
  return s.replace(/\/+$/, "");
}

/** Chart repository dependencies. */
export class HttpRepoFetcher implements ChartFetcher {
  private readonly indexes = new Map<string, Promise<Map<string, CompactVersion[]>>>();

  /** @param paths helm's repositories file and cache */
  constructor(private readonly paths: RepoFetcherPaths = {}) {}

  /** `http(s)://`, `@name` and `alias:name` repositories. */
  handles(repository: string): boolean {
    return /^https?:\/\//i.test(repository) || repository.startsWith("@") || repository.startsWith("alias:");
  }

  private async settings(): Promise<{ repositoryConfig: string; repositoryCache: string }> {
    if (this.paths.repositoryConfig && this.paths.repositoryCache) {
      return { repositoryConfig: this.paths.repositoryConfig, repositoryCache: this.paths.repositoryCache };
    }
    const { EnvSettings } = await import("../settings/env_settings.ts");
    const env = EnvSettings.fromEnv();
    return {
      repositoryConfig: this.paths.repositoryConfig ?? env.repositoryConfig,
      repositoryCache: this.paths.repositoryCache ?? env.repositoryCache,
    };
  }

  // One read of the repositories file for all dependencies (two look-ups each: resolve and fetch).
  private repoList?: Promise<RepoEntry[]>;

  private repos(): Promise<RepoEntry[]> {
    this.repoList ??= (async () => {
      const s = await this.settings();
      try {
        return (await loadRepoFile(s.repositoryConfig)).repositories;
      } catch (e) {
        if (!isNotFound(e)) throw e;
        return [];
      }
    })();
    return this.repoList;
  }

  private async entryFor(repository: string): Promise<RepoEntry | undefined> {
    const repos = await this.repos();
    const alias = repository.startsWith("@")
      ? repository.slice(1)
      : repository.startsWith("alias:")
      ? repository.slice("alias:".length)
      : undefined;
    if (alias !== undefined) {
      const e = repos.find((r) => r.name === alias);
      if (!e) {
        throw new ChartaError(
          `no repository definition for ${repository}. Please add them via 'helm repo add'`,
        );
      }
      return e;
    }
    return repos.find((r) => normURL(r.url) === normURL(repository));
  }

  private index(
    repository: string,
  ): Promise<{ entry?: RepoEntry; url: string; charts: Map<string, CompactVersion[]> }> {
    return (async () => {
      const entry = await this.entryFor(repository);
      const url = entry?.url ?? repository;
      let p = this.indexes.get(url);
      if (!p) {
        p = (async () => {
          if (entry) {
            const s = await this.settings();
            try {
              return await loadCompact(s.repositoryCache, entry.name);
            } catch (e) {
              throw new ChartaError(`no cached repository found for ${entry.name}: ${(e as Error).message}`, {
                cause: e,
              });
            }
          }
          // A repository named by URL only: the index the manager's refresh cached under helm's generated name.
          const s = await this.settings();
          const name = await unmanagedRepoName(url);
          try {
            return await loadCompact(s.repositoryCache, name);
          } catch (e) {
            throw new ChartaError(
              `no cached repository for ${name} found. (try 'helm repo update'): ${(e as Error).message}`,
              { cause: e },
            );
          }
        })();
        this.indexes.set(url, p);
      }
      return { entry, url, charts: await p };
    })();
  }

  private async pick(dep: Dependency): Promise<{ cv?: CompactVersion; url: string; entry?: RepoEntry }> {
    let constraint;
    try {
      constraint = parseConstraint(dep.version ?? "");
    } catch (e) {
      throw new ChartaError(
        `dependency "${dep.name}" has an invalid version/constraint format: ${(e as Error).message}`,
        { cause: e },
      );
    }
    const { entry, url, charts } = await this.index(dep.repository ?? "");
    const versions = charts.get(dep.name);
    if (!versions) throw new ChartaError(`${dep.name} chart not found in repo ${url}`);
    for (const cv of versions) {
      // helm's resolver passes over versions the index gives no URL for.
      if (cv.urls.length === 0) continue;
      let v;
      try {
        v = parseVersion(cv.version);
      } catch {
        continue;
      }
      if (constraint.check(v)) return { cv, url, entry };
    }
    return { url, entry };
  }

  /** The newest version of the repository's index meeting the constraint. */
  async resolve(dep: Dependency): Promise<string | undefined> {
    return (await this.pick(dep)).cv?.version;
  }

  private async located(
    dep: Dependency,
  ): Promise<{ cv: CompactVersion; href: string; url: string; entry?: RepoEntry }> {
    const { cv, url, entry } = await this.pick(dep);
    if (!cv) throw new ChartaError(`can't get a valid version for dependency ${dep.name}`);
    if (!cv.urls.length) throw new ChartaError(`chart "${dep.name}" has no downloadable URLs`);
    return { cv, url, entry, href: resolveReferenceURL(url, cv.urls[0]) };
  }

  /** The absolute URL the locked version is downloaded from (helm's chart URL). */
  async chartURL(dep: Dependency): Promise<string> {
    return (await this.located(dep)).href;
  }

  /** Downloads the locked version into `dest`, named as the URL names it. */
  async fetch(dep: Dependency, _chartPath: string, dest: string): Promise<string> {
    const { cv, url, entry, href } = await this.located(dep);
    const data = await httpGet(href, entry ? entryGetter(entry) : { url });
    if (cv.digest) {
      const d = new Uint8Array(await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>));
      const got = Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
      const want = cv.digest.replace(/^sha256:/, "").toLowerCase();
      if (got !== want) {
        throw new ChartaError(
          `digest mismatch for ${href}: the index says sha256:${want}, the download has sha256:${got}`,
        );
      }
    }
    const name = decodeURIComponent(
      new URL(href).pathname.split("/").pop() ?? `${dep.name}-${cv.version}.tgz`,
    );
    await atomicWrite(`${dest}/${name}`, data);
    const keyring = this.paths.verifyKeyring;
    if (keyring !== undefined) {
      let prov: Uint8Array;
      try {
        prov = await httpGet(`${href}.prov`, entry ? entryGetter(entry) : { url });
      } catch (e) {
        throw new ChartaError(`failed to fetch provenance "${href}.prov"`, { cause: e });
      }
      // Beside the archive, as helm's downloader leaves it (the manager then declines to move it).
      await atomicWrite(`${dest}/${name}.prov`, prov);
      const { verifyChart } = await import("../provenance/mod.ts");
      await verifyChart(`${dest}/${name}`, `${dest}/${name}.prov`, keyring);
    }
    return cv.version;
  }
}
