/**
 * Finding the chart a command names, as helm's `ChartPathOptions.LocateChart`
 * does for local charts: an existing path is used as is; anything else would
 * be a chart in a repository, which charta cannot fetch yet, so it fails
 * with the error helm gives when that repository is not configured.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";

/** How a chart reference is looked up. */
export interface LocateOptions {
  /** Whether a local path exists. */
  exists: (path: string) => Promise<boolean>;
  /** `--repo`: a chart repository URL to look the chart up in. */
  repoURL?: string;
}

/** helm's `ChartPathOptions` as install, upgrade and template take them. */
export interface ChartPathRequest {
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
}

/**
 * helm's provenance check of a local chart archive (`--verify`): the
 * archive and its `.prov` file must exist and the keyring load; charta
 * cannot check OpenPGP signatures yet, so a chart that gets that far is
 * refused rather than used unverified.
 *
 * @throws {ChartaError} always: helm's error for what is missing, else that verification is not supported yet
 */
export async function verifyChartArchive(path: string, keyring: string): Promise<never> {
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
  throw new ChartaError("charta cannot verify chart provenance yet");
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
 * for other names, and a plain refusal for `--repo` and `oci://`
 */
export async function locateChart(name: string, opts: LocateOptions): Promise<string> {
  if (name.startsWith("oci://")) {
    throw new ChartaError(`cannot fetch ${name}: charta does not read OCI registries yet`);
  }
  if (opts.repoURL) {
    throw new ChartaError(
      `cannot look up ${name} in ${opts.repoURL}: charta does not read chart repositories yet`,
    );
  }
  if (await opts.exists(name)) return name;
  if (name.startsWith("/") || name.startsWith(".")) throw new ChartaError(`path "${name}" not found`);
  // Anything else names a chart in a repository (repo/chart); charta reads no repositories yet.
  const slash = name.indexOf("/");
  if (slash < 0) {
    throw new ChartaError(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${name}`);
  }
  throw new ChartaError(`repo ${name.slice(0, slash)} not found`);
}
