/**
 * Where the reference helm binaries live, shared by scripts, tests and benchmarks.
 *
 * @module
 */

/** The helm majors charta is checked against. */
export type ReferenceHelmMajor = "v4" | "v3";

/** The pinned reference releases. */
export const REFERENCE_HELM: Record<ReferenceHelmMajor, { module: string; version: string }> = {
  v4: { module: "helm.sh/helm/v4", version: "v4.2.4" },
  v3: { module: "helm.sh/helm/v3", version: "v3.21.4" },
};

/** The cache outside the repository where slow builds are kept between runs. */
export function cacheRoot(): string {
  const explicit = Deno.env.get("CHARTA_CACHE_DIR");
  if (explicit) return explicit;
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  const home = Deno.env.get("HOME") ?? "/tmp";
  return `${xdg || `${home}/.cache`}/charta`;
}

/** The reference helm binary's path if it has been built, else undefined (never builds). */
export function referenceHelmPath(major: ReferenceHelmMajor = "v4"): string | undefined {
  const path = `${cacheRoot()}/reference-helm/${REFERENCE_HELM[major].version}/helm`;
  try {
    return Deno.statSync(path).isFile ? path : undefined;
  } catch {
    return undefined;
  }
}
