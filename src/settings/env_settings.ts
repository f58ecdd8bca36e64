/**
 * The settings every command shares: helm's global flags and `HELM_*`
 * environment variables, resolved the way helm's `cli.EnvSettings` does.
 *
 * @module
 */
import { type EnvLookup, type HelmPaths, helmPaths, type PathOS, underPath } from "./helm_path.ts";

/** Helm's default number of revisions kept per release. */
export const DEFAULT_MAX_HISTORY = 10;
/** Helm's default client-side throttling burst. */
export const DEFAULT_BURST_LIMIT = 100;
/** Helm's default queries per second (0 = client default). */
export const DEFAULT_QPS = 0;

/** Colour modes accepted by `--color` and `HELM_COLOR`. */
export type ColorMode = "never" | "auto" | "always";

/** Parses a bool the way Go's strconv.ParseBool does; undefined when it is not one. */
export function parseGoBool(value: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  return undefined;
}

function envOr(env: EnvLookup, name: string, def: string): string {
  const v = env(name);
  return v === undefined ? def : v;
}

function envInt(env: EnvLookup, name: string, def: number): number {
  const v = env(name);
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return def;
  return Number(v);
}

function envFloat(env: EnvLookup, name: string, def: number): number {
  const v = env(name);
  if (v === undefined || v.trim() === "" || Number.isNaN(Number(v))) return def;
  return Math.fround(Number(v));
}

function envCSV(env: EnvLookup, name: string): string[] {
  const trimmed = (env(name) ?? "").replace(/^[, ]+|[, ]+$/g, "");
  return trimmed === "" ? [] : trimmed.split(",");
}

function envColorMode(env: EnvLookup): ColorMode {
  const noColor = env("NO_COLOR");
  if (noColor) return "never";
  const v = env("HELM_COLOR")?.toLowerCase();
  return v === "never" || v === "auto" || v === "always" ? v : "auto";
}

/**
 * Settings shared by all commands and library actions.
 *
 * Build one with {@link EnvSettings.fromEnv}; the CLI then overrides fields
 * from global flags. Library users may set fields directly.
 *
 * @example
 * ```ts
 * const settings = EnvSettings.fromEnv();
 * settings.namespaceOverride = "apps";
 * console.log(settings.repositoryConfig);
 * ```
 */
export class EnvSettings {
  /** Namespace from `-n` or `HELM_NAMESPACE`; empty means "from the kubeconfig context, else default". */
  namespaceOverride = "";
  /** Path to the kubeconfig file (`--kubeconfig`, else `KUBECONFIG`, which may be a path list). */
  kubeConfig = "";
  /** kubeconfig context name. */
  kubeContext = "";
  /** Bearer token for the API server. */
  kubeToken = "";
  /** User to impersonate. */
  kubeAsUser = "";
  /** Groups to impersonate. */
  kubeAsGroups: string[] = [];
  /** API server address overriding the kubeconfig's. */
  kubeAPIServer = "";
  /** CA file for the API server connection. */
  kubeCaFile = "";
  /** Skip verifying the API server's certificate. */
  kubeInsecureSkipTLSVerify = false;
  /** Server name for certificate validation. */
  kubeTLSServerName = "";
  /** Verbose output and stack traces. */
  debug = false;
  /** Registry credentials file. */
  registryConfig = "";
  /** repositories.yaml path. */
  repositoryConfig = "";
  /** Repository index cache directory. */
  repositoryCache = "";
  /** Content (chart) cache directory. */
  contentCache = "";
  /** Plugins directory (a path list). */
  pluginsDirectory = "";
  /** Revisions kept per release on upgrade and rollback. */
  maxHistory = DEFAULT_MAX_HISTORY;
  /** Client-side throttling burst. */
  burstLimit = DEFAULT_BURST_LIMIT;
  /** Queries per second to the API server (0 = client default). */
  qps = DEFAULT_QPS;
  /** Colour output mode. */
  colorMode: ColorMode = "auto";
  /** Helm's base directories. */
  readonly paths: HelmPaths;
  /** The OS whose path conventions apply. */
  readonly os: PathOS;
  /** The environment these settings were read from. */
  readonly env: EnvLookup;

  private constructor(env: EnvLookup, os: PathOS) {
    this.env = env;
    this.os = os;
    this.paths = helmPaths(env, os);
  }

  /**
   * Reads settings from environment variables, as helm's `cli.New()` does.
   *
   * @param env where to read variables (default: the process environment)
   * @param os whose path conventions apply (default: this OS)
   */
  static fromEnv(env: EnvLookup = (n) => Deno.env.get(n), os: PathOS = Deno.build.os): EnvSettings {
    const s = new EnvSettings(env, os);
    const { cache, config, data } = s.paths;
    s.namespaceOverride = env("HELM_NAMESPACE") ?? "";
    s.maxHistory = envInt(env, "HELM_MAX_HISTORY", DEFAULT_MAX_HISTORY);
    s.kubeConfig = env("KUBECONFIG") ?? "";
    s.kubeContext = env("HELM_KUBECONTEXT") ?? "";
    s.kubeToken = env("HELM_KUBETOKEN") ?? "";
    s.kubeAsUser = env("HELM_KUBEASUSER") ?? "";
    s.kubeAsGroups = envCSV(env, "HELM_KUBEASGROUPS");
    s.kubeAPIServer = env("HELM_KUBEAPISERVER") ?? "";
    s.kubeCaFile = env("HELM_KUBECAFILE") ?? "";
    s.kubeTLSServerName = env("HELM_KUBETLS_SERVER_NAME") ?? "";
    s.kubeInsecureSkipTLSVerify = parseGoBool(env("HELM_KUBEINSECURE_SKIP_TLS_VERIFY") ?? "false") ?? false;
    s.pluginsDirectory = envOr(env, "HELM_PLUGINS", underPath(data, os, "plugins"));
    s.registryConfig = envOr(env, "HELM_REGISTRY_CONFIG", underPath(config, os, "registry", "config.json"));
    s.repositoryConfig = envOr(env, "HELM_REPOSITORY_CONFIG", underPath(config, os, "repositories.yaml"));
    s.repositoryCache = envOr(env, "HELM_REPOSITORY_CACHE", underPath(cache, os, "repository"));
    s.contentCache = envOr(env, "HELM_CONTENT_CACHE", underPath(cache, os, "content"));
    s.burstLimit = envInt(env, "HELM_BURST_LIMIT", DEFAULT_BURST_LIMIT);
    s.qps = envFloat(env, "HELM_QPS", DEFAULT_QPS);
    s.colorMode = envColorMode(env);
    s.debug = parseGoBool(env("HELM_DEBUG") ?? "") ?? false;
    return s;
  }

  /** The kubeconfig files in effect, in precedence order (`--kubeconfig`, else `KUBECONFIG`, else `~/.kube/config`). */
  kubeConfigFiles(): string[] {
    if (this.kubeConfig) {
      const sep = this.os === "windows" ? ";" : ":";
      return this.kubeConfig.split(sep).filter((p) => p !== "");
    }
    const home = this.env(this.os === "windows" ? "USERPROFILE" : "HOME") ?? "";
    return [underPath(home, this.os, ".kube", "config")];
  }

  /**
   * The namespace operations act in: `-n`/`HELM_NAMESPACE`, else the
   * kubeconfig context's namespace, else `default`. Reads the kubeconfig, so
   * it is asynchronous and loads the YAML parser only when needed.
   */
  async namespace(): Promise<string> {
    if (this.namespaceOverride) return this.namespaceOverride;
    const { contextNamespace } = await import("./kubeconfig_namespace.ts");
    return (await contextNamespace(this.kubeConfigFiles(), this.kubeContext)) || "default";
  }

  /**
   * The variables `charta env` prints and plugins receive, with helm's keys
   * and formatting (booleans `true`/`false`, QPS with two decimals).
   */
  async envVars(helmBin: string): Promise<Record<string, string>> {
    const vars: Record<string, string> = {
      HELM_BIN: helmBin,
      HELM_CACHE_HOME: this.paths.cache,
      HELM_CONFIG_HOME: this.paths.config,
      HELM_DATA_HOME: this.paths.data,
      HELM_DEBUG: String(this.debug),
      HELM_PLUGINS: this.pluginsDirectory,
      HELM_REGISTRY_CONFIG: this.registryConfig,
      HELM_REPOSITORY_CACHE: this.repositoryCache,
      HELM_CONTENT_CACHE: this.contentCache,
      HELM_REPOSITORY_CONFIG: this.repositoryConfig,
      HELM_NAMESPACE: await this.namespace(),
      HELM_MAX_HISTORY: String(this.maxHistory),
      HELM_BURST_LIMIT: String(this.burstLimit),
      HELM_QPS: this.qps.toFixed(2),
      HELM_KUBECONTEXT: this.kubeContext,
      HELM_KUBETOKEN: this.kubeToken,
      HELM_KUBEASUSER: this.kubeAsUser,
      HELM_KUBEASGROUPS: this.kubeAsGroups.join(","),
      HELM_KUBEAPISERVER: this.kubeAPIServer,
      HELM_KUBECAFILE: this.kubeCaFile,
      HELM_KUBEINSECURE_SKIP_TLS_VERIFY: String(this.kubeInsecureSkipTLSVerify),
      HELM_KUBETLS_SERVER_NAME: this.kubeTLSServerName,
    };
    if (this.kubeConfig) vars.KUBECONFIG = this.kubeConfig;
    return vars;
  }

  /** True when colour output is off. */
  shouldDisableColor(): boolean {
    return this.colorMode === "never";
  }
}
