/**
 * Finding the chart a command names, as helm's `ChartPathOptions.LocateChart`
 * does for local charts: an existing path is used as is; anything else would
 * be a chart in a repository, which charta cannot fetch yet, so it fails
 * with the error helm gives when that repository is not configured.
 *
 * @module
 */
import type { RegistryOptions } from "../registry/oci.ts";
import { ChartaError } from "../errors/mod.ts";
import type { Verification } from "../provenance/mod.ts";

/** How a chart reference is looked up. */
export interface LocateOptions {
  /** Whether a local path exists. */
  exists: (path: string) => Promise<boolean>;
  /** `--repo`: a chart repository URL to look the chart up in. */
  repoURL?: string;
  /** `--version`, TLS and credential flags for `oci://` references (registry config and content cache from the environment unless given). */
  chartPath?: ChartPathRequest;
  /** Receives helm's `Pulled:`/`Digest:` lines of an `oci://` pull. */
  out?: (text: string) => void;
}

/**
 * helm's `ChartPathOptions` as install, upgrade and template take them: the
 * registry options (`--plain-http`, TLS files, credentials, registry config)
 * and these.
 */
export interface ChartPathRequest extends Omit<RegistryOptions, "fetch"> {
  /** `--version` (a local path ignores it, as helm's LocateChart does). */
  version?: string;
  /** `--devel`. */
  devel?: boolean;
  /** `--repo`. */
  repoURL?: string;
  /** `--verify`: the chart archive's provenance must check out. */
  verify?: boolean;
  /** `--keyring`, for `--verify`. */
  keyring?: string;
  /** helm 4's content cache (`HELM_CONTENT_CACHE`). */
  contentCache?: string;
  /** `--pass-credentials`. */
  passCredentialsAll?: boolean;
  /** `HELM_REPOSITORY_CONFIG` (from the environment unless given). */
  repositoryConfig?: string;
  /** `HELM_REPOSITORY_CACHE` (from the environment unless given). */
  repositoryCache?: string;
}

/**
 * helm's provenance check of a local chart archive (`downloader.VerifyChart`,
 * behind `--verify` and `helm verify`): the archive and its `.prov` file
 * must exist, the keyring load, the signature be made by a key of the
 * keyring and the `.prov` give the archive's SHA-256.
 *
 * @throws {ChartaError} helm's error for what is missing or does not check out
 */
export async function verifyChartArchive(path: string, keyring: string): Promise<Verification> {
  const { pathError } = await import("../chart/errors.ts");
  const info = await Deno.stat(path).catch((e) => {
    throw pathError("stat", path, e);
  });
  if (info.isDirectory) throw new ChartaError("unpacked charts cannot be verified");
  if (!path.toLowerCase().endsWith(".tgz")) throw new ChartaError("chart must be a tgz file");
  const prov = `${path}.prov`;
  await Deno.stat(prov).catch((e) => {
    throw new ChartaError(`could not load provenance file ${prov}: ${pathError("stat", prov, e).message}`);
  });
  await Deno.stat(keyring).catch((e) => {
    throw new ChartaError(`failed to load keyring: ${pathError("open", keyring, e).message}`);
  });
  const { verifyChart } = await import("../provenance/mod.ts");
  return await verifyChart(path, prov, keyring);
}

/** Whether a local path exists (Go's `os.Stat` succeeding). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves a chart reference to a local chart path (directory or archive),
 * returned as given.
 *
 * @throws {ChartaError} `path "./x" not found` for missing absolute or
 * dotted paths, `repo NAME not found` for `NAME/chart` references,
 * `non-absolute URLs should be in form of repo_name/path_to_chart, got: x`
 * for other names, and a plain refusal for `--repo`; `oci://` references are
 * pulled into the content cache and the archive's path returned
 */
export async function locateChart(name: string, opts: LocateOptions): Promise<string> {
  if (name.startsWith("oci://")) return await locateOciChart(name, opts.chartPath ?? {}, opts.out);
  if (opts.repoURL) return await locateRepoChart(name, opts);
  if (await opts.exists(name)) return name;
  if (name.startsWith("/") || name.startsWith(".")) throw new ChartaError(`path "${name}" not found`);
  // Anything else names a chart in a repository (repo/chart) or a chart URL.
  return await locateRepoChart(name, opts);
}

/** A `repo/chart`, chart URL or `--repo` reference, downloaded into helm 4's content cache (src/repo). */
async function locateRepoChart(name: string, opts: LocateOptions): Promise<string> {
  const [{ downloadToCache }, { EnvSettings }] = await Promise.all([
    import("../repo/chartrepo.ts"),
    import("../settings/env_settings.ts"),
  ]);
  const env = EnvSettings.fromEnv();
  const req = opts.chartPath ?? {};
  const path = await downloadToCache(name.trim(), {
    version: (req.version ?? "").trim() || (req.devel ? ">0.0.0-0" : ""),
    repositoryConfig: req.repositoryConfig ?? env.repositoryConfig,
    repositoryCache: req.repositoryCache ?? env.repositoryCache,
    contentCache: req.contentCache ?? env.contentCache,
    repoURL: opts.repoURL,
    getter: {
      username: req.username,
      password: req.password,
      passCredentialsAll: req.passCredentialsAll,
      certFile: req.certFile,
      keyFile: req.keyFile,
      caFile: req.caFile,
      insecureSkipTLSVerify: req.insecureSkipTLSVerify,
      progress: req.progress,
    },
  });
  // Callers check --verify on the path returned, as for local archives.
  return path;
}

/**
 * An `oci://` reference: pulled (with `--version` resolved against the
 * repository's tags as helm does) into helm 4's content cache; the cached
 * archive's path is returned.
 */
async function locateOciChart(
  name: string,
  req: ChartPathRequest,
  out?: (text: string) => void,
): Promise<string> {
  const [{ pullOciChart }, { EnvSettings }] = await Promise.all([
    import("../registry/oci.ts"),
    import("../settings/env_settings.ts"),
  ]);
  const env = EnvSettings.fromEnv();
  const pulled = await pullOciChart(name, {
    ...req,
    // helm's --devel without --version admits pre-releases.
    version: req.version || (req.devel ? ">0.0.0-0" : ""),
    registryConfig: req.registryConfig ?? env.registryConfig,
    contentCache: req.contentCache ?? env.contentCache,
    out,
  });
  return pulled.path!;
}
