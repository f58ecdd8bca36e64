/**
 * The `package` action: package chart directories into versioned chart
 * archives as `helm package` does (pkg/cmd/package.go and
 * pkg/action/package.go): optionally update dependencies first, load the
 * directory, apply `--version`/`--app-version`, check that every declared
 * dependency is in `charts/`, and write `DEST/NAME-VERSION.tgz` with helm's
 * exact bytes.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { loadChart } from "../chart/loader.ts";
import { absPath } from "../chart/directory.ts";
import { checkDependencies } from "../chart/dependencies.ts";
import { errnoText, pathError, wrapError } from "../chart/errors.ts";
import { saveChart, type SaveOptions } from "../chart/save.ts";
import { API_VERSION_V3 } from "../chart/metadata.ts";
import { parseVersion } from "../semver/mod.ts";
import { Manager } from "../downloader/manager.ts";
import { defaultFetchers } from "../downloader/fetcher.ts";
import type { PassphraseStdin } from "./package_sign.ts";

/** What `charta package` was asked to do. */
export interface PackageRequest {
  /** The chart directories (`CHART_PATH [...]`). */
  paths: readonly string[];
  /** `--version`: the chart version to set. */
  version?: string;
  /** `--app-version`: the appVersion to set. */
  appVersion?: string;
  /** `-d/--destination` (default `.`, the working directory). */
  destination?: string;
  /** `-u/--dependency-update`. */
  dependencyUpdate?: boolean;
  /** `--sign`: write `ARCHIVE.prov` beside each archive. */
  sign?: boolean;
  /** `--key`. */
  key?: string;
  /** `--keyring`. */
  keyring?: string;
  /** `--passphrase-file` (`-` for standard input). */
  passphraseFile?: string;
  /** repositories.yaml, for `--dependency-update`. */
  repositoryConfig?: string;
  /** `HELM_REPOSITORY_CACHE`, refreshed by `--dependency-update` as helm's does. */
  repositoryCache?: string;
  /** `--debug`. */
  debug?: boolean;
  /**
   * `SOURCE_DATE_EPOCH` in seconds (charta extension): every archive entry
   * gets this time, so archives only depend on the chart's contents.
   */
  sourceDateEpoch?: number;
}

/** What the action needs from its surroundings (tests pass their own). */
export interface PackageDeps {
  /** Archive writer options (time source, compressor); `sourceDateEpoch` comes from the request. */
  save?: SaveOptions;
  /** The time Chart.lock records for `--dependency-update`. */
  now?: () => Date;
  /** Receives helm's log records (the loader's). */
  log?: LogFn;
  /** Asks for a key's passphrase when no `--passphrase-file` is given (a terminal prompt by default). */
  promptPassphrase?: (name: string) => Promise<string>;
  /** Standard input, for `--passphrase-file -`. */
  stdin?: PassphraseStdin;
}

/**
 * Parses `SOURCE_DATE_EPOCH` (decimal seconds since the epoch).
 *
 * @throws {ChartaError} for anything but a non-negative integer
 */
export function parseSourceDateEpoch(v: string | undefined): number | undefined {
  if (v === undefined || v === "") return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new ChartaError(
      `invalid SOURCE_DATE_EPOCH ${JSON.stringify(v)}: want a number of seconds since 1970-01-01`,
    );
  }
  return Number(v);
}

/** helm's `action.Package.Run` for one (absolute) chart directory; returns the archive's path. */
async function packageOne(
  req: PackageRequest,
  path: string,
  save: SaveOptions,
  log?: LogFn,
): Promise<string> {
  // helm's loader.LoadDir: Chart.yaml must be readable inside the path.
  const chartfile = `${path}/Chart.yaml`;
  try {
    await Deno.stat(chartfile);
  } catch (e) {
    throw wrapError(`unable to detect chart at ${chartfile}: `, pathError("open", chartfile, e));
  }
  const ch = await loadChart(path, { log });
  if (ch.metadata.apiVersion === API_VERSION_V3) throw new ChartaError("invalid chart apiVersion");
  if (req.version) ch.metadata.version = req.version;
  try {
    parseVersion(ch.metadata.version);
  } catch (e) {
    throw new ChartaError((e as Error).message, { cause: e });
  }
  if (req.appVersion) ch.metadata.appVersion = req.appVersion;
  const reqs = ch.metadata.dependencies;
  if (reqs && reqs.length > 0) {
    try {
      checkDependencies(ch, reqs);
    } catch (e) {
      throw new ChartaError((e as Error).message, { cause: e });
    }
  }
  const dest = !req.destination || req.destination === "." ? Deno.cwd() : req.destination;
  try {
    return await saveChart(ch, dest, save);
  } catch (e) {
    throw new ChartaError(`failed to save: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Packages each chart directory; prints `Successfully packaged chart and
 * saved it to: PATH` for each, as helm does, and stops at the first error.
 *
 * @throws {ChartaError} helm's errors: `need at least one argument, the path
 * to the chart`, `stat X: no such file or directory`, `unable to detect
 * chart at …`, `Invalid Semantic Version`, `found in Chart.yaml, but missing
 * in charts/ directory: …`, `failed to save: …`, and the signing errors of `--sign`
 */
export async function packageAction(
  req: PackageRequest,
  out: (text: string) => void,
  deps: PackageDeps = {},
): Promise<void> {
  if (req.paths.length === 0) throw new ChartaError("need at least one argument, the path to the chart");
  if (req.sign) {
    if (!req.key) throw new ChartaError("--key is required for signing a package");
    if (!req.keyring) throw new ChartaError("--keyring is required for signing a package");
  }
  // helm reads a passphrase file once and reuses it for every chart.
  let passphrase: string | undefined;
  const save: SaveOptions = { ...deps.save };
  if (req.sourceDateEpoch !== undefined) save.sourceDateEpoch = req.sourceDateEpoch;
  for (const arg of req.paths) {
    const path = absPath(arg);
    try {
      await Deno.stat(arg);
    } catch (e) {
      throw new ChartaError(`stat ${arg}: ${errnoText(e)}`, { cause: e });
    }
    if (req.dependencyUpdate) {
      await new Manager({
        chartPath: path,
        out: () => {},
        debug: req.debug,
        repositoryConfig: req.repositoryConfig,
        repositoryCache: req.repositoryCache,
        fetchers: defaultFetchers(save, deps.log, {}, {
          repositoryConfig: req.repositoryConfig,
          repositoryCache: req.repositoryCache,
        }),
        now: deps.now,
        log: deps.log,
      }).update();
    }
    const p = await packageOne(req, path, save, deps.log);
    if (req.sign) {
      const { signArchive, readPassphraseFile, promptPassphrase } = await import("./package_sign.ts");
      if (req.passphraseFile && passphrase === undefined) {
        passphrase = await readPassphraseFile(req.passphraseFile, deps.stdin);
      }
      await signArchive(p, {
        keyring: req.keyring!,
        key: req.key!,
        passphrase: passphrase !== undefined
          ? () => Promise.resolve(passphrase!)
          : (deps.promptPassphrase ?? promptPassphrase),
      }, deps.log);
    }
    out(`Successfully packaged chart and saved it to: ${p}\n`);
  }
}
