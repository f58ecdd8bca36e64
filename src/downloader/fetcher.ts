/**
 * Where dependencies come from: one {@link ChartFetcher} per repository
 * scheme. `file://` repositories (a chart directory next to the parent) are
 * handled by {@link FileFetcher}; chart repositories (`http://`,
 * `https://`, `@alias`) and OCI registries (`oci://`) plug in later as
 * further fetchers, without touching the dependency manager.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { quote } from "../gotpl/quote.ts";
import { loadDir } from "../chart/loader.ts";
import { saveChart, type SaveOptions } from "../chart/save.ts";
import type { Dependency } from "../chart/types.ts";
import { parseConstraint, parseVersion } from "../semver/mod.ts";
import { getLocalPath } from "./resolver.ts";
import { HttpRepoFetcher, type RepoFetcherPaths } from "../repo/dep_fetcher.ts";
import { OciFetcher } from "../registry/dep_fetcher.ts";

/** Resolves and fetches the dependencies of one kind of repository. */
export interface ChartFetcher {
  /** Whether this fetcher serves the repository (`file://…`, `https://…`, `oci://…`). */
  handles(repository: string): boolean;
  /**
   * The version a requested dependency resolves to (helm's resolver), or
   * undefined when no version satisfies the constraint (reported as missing).
   */
  resolve(dep: Dependency, chartPath: string): Promise<string | undefined>;
  /** Writes the locked dependency as `dest/NAME-VERSION.tgz`; returns the version written. */
  fetch(dep: Dependency, chartPath: string, dest: string): Promise<string>;
  /**
   * Where the locked dependency is downloaded from (helm's chart URL), for fetchers whose downloads the
   * manager may start together and whose repeats it reports as `Already downloaded`.
   */
  chartURL?(dep: Dependency, chartPath: string): Promise<string>;
}

function constraintOf(dep: Dependency, quoteName: boolean) {
  try {
    return parseConstraint(dep.version ?? "");
  } catch (e) {
    const name = quoteName ? quote(dep.name) : dep.name;
    throw new ChartaError(
      `dependency ${name} has an invalid version/constraint format: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** `file://` repositories: a chart directory, packaged with charta's archive writer. */
export class FileFetcher implements ChartFetcher {
  /**
   * @param save options of the archive writer (time stamps, compressor)
   * @param log receives the loader's log records
   */
  constructor(private readonly save: SaveOptions = {}, private readonly log?: LogFn) {}

  /** `file://` URLs. */
  handles(repository: string): boolean {
    return repository.startsWith("file://");
  }

  /** The local chart's version when it satisfies the constraint (helm's `Resolve`). */
  async resolve(dep: Dependency, chartPath: string): Promise<string | undefined> {
    const constraint = constraintOf(dep, true);
    const path = await getLocalPath(dep.repository ?? "", chartPath);
    const ch = await loadDir(path, { log: this.log });
    let v;
    try {
      v = parseVersion(ch.metadata.version);
    } catch {
      return undefined;
    }
    return constraint.check(v) ? ch.metadata.version : undefined;
  }

  /** Packages the local chart into `dest` (helm's `tarFromLocalDir`). */
  async fetch(dep: Dependency, chartPath: string, dest: string): Promise<string> {
    const path = await getLocalPath(dep.repository ?? "", chartPath);
    const ch = await loadDir(path, { log: this.log });
    const constraint = constraintOf(dep, false);
    const v = parseVersion(ch.metadata.version);
    if (!constraint.check(v)) throw new ChartaError(`can't get a valid version for dependency ${dep.name}`);
    await saveChart(ch, dest, this.save);
    return ch.metadata.version;
  }
}

/** Chart repositories and registries charta cannot reach yet: a clear error instead of a wrong result. */
export class UnsupportedFetcher implements ChartFetcher {
  /** Any repository no other fetcher serves. */
  handles(): boolean {
    return true;
  }

  /** The error for a dependency of an unsupported repository. */
  error(dep: Dependency): ChartaError {
    const what = /^oci:\/\//.test(dep.repository ?? "") ? "OCI registries" : "chart repositories";
    return new ChartaError(
      `dependency ${quote(dep.name)} comes from ${quote(dep.repository ?? "")}: ` +
        `charta supports file:// dependencies only for now (${what} are not supported yet)`,
    );
  }

  /** Always fails. */
  resolve(dep: Dependency): Promise<string | undefined> {
    return Promise.reject(this.error(dep));
  }

  /** Always fails. */
  fetch(dep: Dependency): Promise<string> {
    return Promise.reject(this.error(dep));
  }
}

/** The fetchers charta knows, in order of preference. */
export function defaultFetchers(
  save: SaveOptions = {},
  log?: LogFn,
  registry: ConstructorParameters<typeof OciFetcher>[0] = {},
  repoPaths: RepoFetcherPaths = {},
): ChartFetcher[] {
  return [
    new FileFetcher(save, log),
    new HttpRepoFetcher(repoPaths),
    new OciFetcher(registry),
    new UnsupportedFetcher(),
  ];
}

/** The fetcher serving a repository. */
export function fetcherFor(fetchers: readonly ChartFetcher[], repository: string): ChartFetcher {
  const f = fetchers.find((x) => x.handles(repository));
  if (!f) throw new ChartaError(`no fetcher for repository ${quote(repository)}`);
  return f;
}
