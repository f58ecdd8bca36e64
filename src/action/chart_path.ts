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
