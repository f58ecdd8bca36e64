/**
 * What every release command works with, as helm's `action.Configuration`:
 * the Kubernetes client (made on first use, so commands that fail early
 * never connect) and release storage in the release namespace, with the
 * driver `HELM_DRIVER` names.
 *
 * @module
 */
import type { EnvSettings } from "../settings/env_settings.ts";
import type { KubeClient } from "../kube/client.ts";
import { lazyKubeObjects, openStorage, type Storage } from "../storage/storage.ts";
import type { MemoryDriver } from "../storage/memory.ts";
import type { LogFn } from "../log/slog.ts";

/** A release command's Kubernetes client and storage. */
export interface Configuration {
  /** The namespace releases are read from and written to (`""`: all namespaces, as `list -A`). */
  namespace: string;
  /** Release records. */
  storage: Storage;
  /** The Kubernetes client, connected on first call. */
  kube: () => Promise<KubeClient>;
}

/** How to build a {@link Configuration}. */
export interface ConfigurationOptions {
  /** `HELM_DRIVER` (default: the environment's). */
  driver?: string;
  /** Revisions to keep (`--history-max`, `HELM_MAX_HISTORY`; 0 unlimited). */
  maxHistory?: number;
  /** A memory driver to share across configurations in one run. */
  memory?: MemoryDriver;
  /** Debug log. */
  log?: LogFn;
}

/**
 * helm's `Configuration.Init`: a lazy Kubernetes client from the settings
 * (kubeconfig, context, `--kube-*` flags) and storage in `namespace`.
 */
export function configuration(
  settings: EnvSettings,
  namespace: string,
  options: ConfigurationOptions = {},
): Configuration {
  let client: Promise<KubeClient> | undefined;
  const kube = () =>
    client ??= import("../kube/client.ts").then(({ clientForSettings }) => clientForSettings(settings));
  const objects = lazyKubeObjects(namespace, async () => {
    const { kubeObjects } = await import("../kube/objects.ts");
    return kubeObjects(await kube(), namespace);
  });
  const storage = openStorage({
    driver: options.driver ?? settings.env("HELM_DRIVER") ?? "",
    namespace,
    kube: objects,
    memory: options.memory,
    maxHistory: options.maxHistory,
    log: options.log,
    sqlConnectionString: settings.env("HELM_DRIVER_SQL_CONNECTION_STRING") ?? "",
    env: (n) => settings.env(n),
  });
  return { namespace, storage, kube };
}
