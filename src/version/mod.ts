/**
 * charta's version and the Helm version it is compatible with.
 *
 * @module
 */

/** charta's own release version. */
export const CHARTA_VERSION = "0.1.0";

/**
 * The Helm release whose behaviour charta reproduces. `charta version`
 * reports it as `Version`, so scripts and charts that check the Helm version
 * (`.Capabilities.HelmVersion`) see a Helm 4 they accept.
 */
export const HELM_COMPAT_VERSION = "v4.2.4";

/** The Kubernetes client minor helm 4.2 is built with (client-go v0.36 → v1.36). */
export const KUBE_CLIENT_VERSION = "v1.36";

/** What `charta version` prints, with helm's field names. */
export interface BuildInfo {
  /** The Helm version charta is compatible with, e.g. `v4.2.4`. */
  Version: string;
  /** The git commit charta was built from, when known at build time. */
  GitCommit: string;
  /** `clean` or `dirty`, when known at build time. */
  GitTreeState: string;
  /** The runtime charta runs on (helm prints its Go version here). */
  GoVersion: string;
  /** The Kubernetes client version, as helm reports it. */
  KubeClientVersion: string;
  /** charta's own version. */
  ChartaVersion: string;
}

/** Build metadata for this charta binary. */
export function buildInfo(): BuildInfo {
  return {
    Version: HELM_COMPAT_VERSION,
    GitCommit: "",
    GitTreeState: "",
    GoVersion: `deno${Deno.version.deno}`,
    KubeClientVersion: KUBE_CLIENT_VERSION,
    ChartaVersion: CHARTA_VERSION,
  };
}

/** The one-line form helm prints for `version`: `version.BuildInfo{Version:"…", …}`. */
export function formatBuildInfo(info: BuildInfo): string {
  const fields = Object.entries(info).map(([k, v]) => `${k}:${JSON.stringify(v)}`);
  return `version.BuildInfo{${fields.join(", ")}}`;
}

/** The `--short` form: the version, plus `+g<commit7>` when the commit is known. */
export function shortVersion(info: BuildInfo): string {
  return info.GitCommit ? `${info.Version}+g${info.GitCommit.slice(0, 7)}` : info.Version;
}
