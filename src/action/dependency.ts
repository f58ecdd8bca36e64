/**
 * The `dependency` actions: `list` (pkg/action/dependency.go) prints the
 * declared dependencies with their status in `charts/`; `update` and
 * `build` run helm's dependency manager (see src/downloader/manager.ts).
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { loadChartV2 } from "../chart/loader.ts";
import type { Chart, Dependency } from "../chart/types.ts";
import { quote } from "../gotpl/quote.ts";
import { parseConstraint, parseVersion, strictParseVersion } from "../semver/mod.ts";
import { base, clean, ext } from "../sprig/gopath.ts";
import type { SaveOptions } from "../chart/save.ts";
import { defaultFetchers } from "../downloader/fetcher.ts";
import { Manager, RepoNotFoundError } from "../downloader/manager.ts";
import { formatTable } from "./uitable.ts";

/** Options of `dependency list`. */
export interface DependencyListRequest {
  /** The chart directory or archive (default `.`). */
  chartPath?: string;
  /** `--max-col-width` (default 80). */
  maxColWidth?: number;
}

/** Options of `dependency update` and `dependency build`. */
export interface DependencyUpdateRequest {
  /** The chart directory (default `.`). */
  chartPath?: string;
  /** repositories.yaml. */
  repositoryConfig?: string;
  /** `HELM_REPOSITORY_CACHE`: refreshed before resolving unless `skipRefresh`. */
  repositoryCache?: string;
  /** `--skip-refresh`. */
  skipRefresh?: boolean;
  /** Transport and credentials for `oci://` dependencies (`--plain-http`, TLS flags, registry config). */
  registry?: import("../registry/oci.ts").RegistryOptions;
  /** `--debug`. */
  debug?: boolean;
  /** `--verify`: only archives downloaded from repositories are verified, so file:// dependencies pass as in helm. */
  verify?: boolean;
  /** `--keyring` for `--verify`. */
  keyring?: string;
  /** `SOURCE_DATE_EPOCH` (charta extension) for the archives of `file://` dependencies. */
  sourceDateEpoch?: number;
}

/** What update/build need from their surroundings (tests pass their own). */
export interface DependencyDeps {
  /** The time Chart.lock records as `generated`. */
  now?: () => Date;
  /** Archive writer options. */
  save?: SaveOptions;
  /** Receives helm's log records. */
  log?: LogFn;
}

function join(a: string, b: string): string {
  return clean(`${a}/${b}`);
}

/** Archives of `dir` whose names match `PREFIX*.tgz`, sorted as Go's `filepath.Glob`. */
async function globArchives(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.name.startsWith(prefix) && e.name.endsWith(".tgz")) out.push(e.name);
    }
  } catch {
    return [];
  }
  return out.sort().map((n) => join(dir, n));
}

async function allEntries(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) out.push(e.name);
  } catch {
    return [];
  }
  return out.sort().map((n) => join(dir, n));
}

/** Whether a chart's version satisfies a dependency, in helm's status words (`""` when it does). */
function versionStatus(version: string, dep: Dependency): string {
  if (version === dep.version) return "";
  let constraint;
  try {
    constraint = parseConstraint(dep.version ?? "");
  } catch {
    return "invalid version";
  }
  let v;
  try {
    v = parseVersion(version);
  } catch {
    return "invalid version";
  }
  return constraint.check(v) ? "" : "wrong version";
}

async function archiveStatus(archive: string, dep: Dependency, log?: LogFn): Promise<string> {
  try {
    await Deno.stat(archive);
  } catch {
    return "";
  }
  let c: Chart;
  try {
    c = await loadChartV2(archive, { log });
  } catch {
    return "corrupt";
  }
  if (c.metadata.name !== dep.name) return "misnamed";
  return versionStatus(c.metadata.version, dep) || "ok";
}

/** helm's `dependencyStatus`. */
async function dependencyStatus(
  chartPath: string,
  dep: Dependency,
  parent: Chart,
  log?: LogFn,
): Promise<string> {
  const archives = await globArchives(join(chartPath, "charts"), `${dep.name}-`);
  if (archives.length > 1) {
    const found = archives.filter((arc) => {
      const v = base(arc).replace(/\.tgz$/, "").slice(dep.name.length + 1);
      try {
        strictParseVersion(v);
        return true;
      } catch {
        return false;
      }
    });
    if (found.length === 1) {
      const r = await archiveStatus(found[0], dep, log);
      if (r) return r;
    } else if (found.length > 1) {
      return "too many matches";
    }
  } else if (archives.length === 1) {
    const r = await archiveStatus(archives[0], dep, log);
    if (r) return r;
  }
  let depChart: Chart | undefined;
  for (const item of parent.dependencies) {
    if (item.metadata.name === dep.name) depChart = item;
  }
  if (!depChart) return "missing";
  return versionStatus(depChart.metadata.version, dep) || "unpacked";
}

/**
 * `dependency list`: the table of declared dependencies and their status,
 * then warnings about what `charts/` holds that Chart.yaml does not declare.
 */
export async function dependencyListAction(
  req: DependencyListRequest,
  out: (text: string) => void,
  opts: { log?: LogFn } = {},
): Promise<void> {
  const log = opts.log;
  const chartPath = clean(req.chartPath ?? ".");
  const c = await loadChartV2(chartPath, { log });
  const deps = c.metadata.dependencies as Dependency[] | null | undefined;
  if (deps === undefined || deps === null) {
    out(`WARNING: no dependencies at ${join(chartPath, "charts")}\n`);
    return;
  }
  const rows: string[][] = [["NAME", "VERSION", "REPOSITORY", "STATUS"]];
  for (const d of deps) {
    rows.push([d.name, d.version ?? "", d.repository ?? "", await dependencyStatus(chartPath, d, c, log)]);
  }
  out(formatTable(rows, req.maxColWidth ?? 80) + "\n\n");
  for (const f of await allEntries(join(chartPath, "charts"))) {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(f);
    } catch (e) {
      out(`Warning: stat ${f}: ${(e as Error).message}\n`);
      continue;
    }
    if (!info.isDirectory && ext(f) !== ".tgz") continue;
    let sub: Chart;
    try {
      sub = await loadChartV2(f, { log });
    } catch {
      out(`WARNING: ${quote(f)} is not a chart.\n`);
      continue;
    }
    if (!deps.some((d) => d.name === sub.metadata.name)) out(`WARNING: ${quote(f)} is not in Chart.yaml.\n`);
  }
}

function manager(req: DependencyUpdateRequest, out: (text: string) => void, deps: DependencyDeps): Manager {
  const save: SaveOptions = { ...deps.save };
  if (req.sourceDateEpoch !== undefined) save.sourceDateEpoch = req.sourceDateEpoch;
  return new Manager({
    chartPath: clean(req.chartPath ?? "."),
    out,
    debug: req.debug,
    repositoryConfig: req.repositoryConfig,
    repositoryCache: req.repositoryCache,
    skipRefresh: req.skipRefresh,
    fetchers: defaultFetchers(save, deps.log, {
      ...req.registry,
      out,
      verifyKeyring: req.verify ? req.keyring ?? "" : undefined,
    }, {
      repositoryConfig: req.repositoryConfig,
      repositoryCache: req.repositoryCache,
      verifyKeyring: req.verify ? req.keyring ?? "" : undefined,
    }),
    now: deps.now,
    log: deps.log,
  });
}

/** `dependency update`: resolve Chart.yaml's dependencies into charts/ and write Chart.lock. */
export async function dependencyUpdateAction(
  req: DependencyUpdateRequest,
  out: (text: string) => void,
  deps: DependencyDeps = {},
): Promise<void> {
  await manager(req, out, deps).update();
}

/** `dependency build`: fetch the dependencies Chart.lock records (update without a lock). */
export async function dependencyBuildAction(
  req: DependencyUpdateRequest,
  out: (text: string) => void,
  deps: DependencyDeps = {},
): Promise<void> {
  try {
    await manager(req, out, deps).build();
  } catch (e) {
    if (e instanceof RepoNotFoundError) {
      throw new ChartaError(`${e.message}. Please add the missing repos via 'helm repo add'`, { cause: e });
    }
    throw e;
  }
}
