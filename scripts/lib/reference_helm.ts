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

/** Where the engine oracle (Helm's engine driven by scripts/helm_engine_oracle) is built. */
export function engineOraclePath(): string {
  return `${cacheRoot()}/helm-engine-oracle-${REFERENCE_HELM.v4.version}`;
}

/** Builds the engine oracle from the Go module proxy if it is missing; returns its path. */
export async function buildEngineOracle(): Promise<string> {
  const bin = engineOraclePath();
  try {
    if (Deno.statSync(bin).isFile) return bin;
  } catch {
    // not built yet
  }
  const dir = new URL("../helm_engine_oracle/", import.meta.url).pathname;
  const out = await new Deno.Command("go", {
    // The same version stamps as the reference helm, so .Capabilities.HelmVersion matches a release build.
    args: [
      "build",
      "-trimpath",
      "-ldflags",
      `-X helm.sh/helm/v4/internal/version.version=${REFERENCE_HELM.v4.version} ` +
      "-X helm.sh/helm/v4/internal/version.gitTreeState=clean",
      "-o",
      bin,
      ".",
    ],
    cwd: dir,
    env: { GOFLAGS: "-mod=mod", CGO_ENABLED: "0" },
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`building the engine oracle failed (exit ${out.code})`);
  return bin;
}
