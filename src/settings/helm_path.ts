/**
 * Helm's configuration, cache and data directories (helmpath/lazypath):
 * `HELM_*_HOME` as is, else `$XDG_*_HOME/helm`, else the OS default, so that
 * charta finds the files a user's helm already wrote.
 *
 * @module
 */

/** An environment lookup, so that tests and library users can pass their own. */
export type EnvLookup = (name: string) => string | undefined;

/** Operating systems whose default paths differ. */
export type PathOS = "linux" | "darwin" | "windows" | string;

/** The three base directories helm uses. */
export interface HelmPaths {
  /** Cache home, e.g. `~/.cache/helm`. */
  cache: string;
  /** Config home, e.g. `~/.config/helm`. */
  config: string;
  /** Data home, e.g. `~/.local/share/helm`. */
  data: string;
}

function join(os: PathOS, ...parts: string[]): string {
  const sep = os === "windows" ? "\\" : "/";
  const joined = parts.filter((p) => p !== "").join(sep);
  // Clean as filepath.Join does: collapse repeated separators, drop a trailing one.
  const collapsed = joined.replace(os === "windows" ? /[\\/]+/g : /\/+/g, sep);
  return collapsed.length > 1 && collapsed.endsWith(sep) ? collapsed.slice(0, -1) : collapsed;
}

function homeDir(env: EnvLookup, os: PathOS): string {
  if (os === "windows") return env("USERPROFILE") ?? env("HOME") ?? "C:\\";
  return env("HOME") ?? "/";
}

/** Resolves helm's base directories from the environment, as helm's lazypath does. */
export function helmPaths(env: EnvLookup, os: PathOS = Deno.build.os): HelmPaths {
  const home = homeDir(env, os);
  const defaults: HelmPaths = os === "darwin"
    ? {
      cache: join(os, home, "Library", "Caches"),
      config: join(os, home, "Library", "Preferences"),
      data: join(os, home, "Library"),
    }
    : os === "windows"
    ? {
      cache: env("TEMP") ?? join(os, home, "AppData", "Local", "Temp"),
      config: env("APPDATA") ?? join(os, home, "AppData", "Roaming"),
      data: env("APPDATA") ?? join(os, home, "AppData", "Roaming"),
    }
    : {
      cache: join(os, home, ".cache"),
      config: join(os, home, ".config"),
      data: join(os, home, ".local", "share"),
    };
  const resolve = (helmVar: string, xdgVar: string, fallback: string): string => {
    const h = env(helmVar);
    if (h) return join(os, h);
    const x = env(xdgVar);
    if (x) return join(os, x, "helm");
    return join(os, fallback, "helm");
  };
  return {
    cache: resolve("HELM_CACHE_HOME", "XDG_CACHE_HOME", defaults.cache),
    config: resolve("HELM_CONFIG_HOME", "XDG_CONFIG_HOME", defaults.config),
    data: resolve("HELM_DATA_HOME", "XDG_DATA_HOME", defaults.data),
  };
}

/** Joins path elements under a base directory with the OS separator. */
export function underPath(base: string, os: PathOS, ...elem: string[]): string {
  return join(os, base, ...elem);
}
