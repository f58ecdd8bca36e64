/**
 * The configuration the release-reading commands run with, as helm's root
 * command prepares it: storage by `HELM_DRIVER`, and for the `memory`
 * driver the releases of `HELM_MEMORY_DRIVER_DATA` (YAML lists of release
 * records, `:`-separated files) with a Kubernetes client that is never
 * asked anything (helm's `PrintingKubeClient`).
 *
 * @module
 */
import type { EnvSettings } from "../settings/env_settings.ts";
import { type Configuration, configuration } from "./configuration.ts";
import { ChartaError } from "../errors/mod.ts";

/** A configuration and helm's `IsReachable` for it. */
export interface ReadConfiguration {
  /** Storage and client. */
  cfg: Configuration;
  /** helm's `KubeClient.IsReachable` (always fine with the memory driver). */
  reachable: () => Promise<void>;
}

/**
 * A fatal start-up problem helm reports with `log.Fatal`: printed as a log
 * line (`level=INFO msg="…"`), exit code 1, no `Error:` prefix.
 */
export class FatalLog extends ChartaError {}

/**
 * helm's `Configuration.Init` plus `loadReleasesInMemory`.
 *
 * @throws {FatalLog} unreadable or invalid memory driver data
 */
export async function readConfiguration(
  settings: EnvSettings,
  namespace: string,
  allNamespaces = false,
  readFile: (path: string) => Promise<string> = (p) => Deno.readTextFile(p),
): Promise<ReadConfiguration> {
  const driver = settings.env("HELM_DRIVER") ?? "";
  const cfg = configuration(settings, namespace, { driver });
  if (driver === "sql") {
    // helm connects and migrates in Init, and a failure there is fatal.
    const { SqlDriver } = await import("../storage/sql.ts");
    if (cfg.storage.driver instanceof SqlDriver) {
      await cfg.storage.driver.init().catch((e) => {
        throw new FatalLog(e instanceof Error ? e.message : String(e), { cause: e });
      });
    }
  }
  if (driver !== "memory") {
    return { cfg, reachable: async () => await (await cfg.kube()).isReachable() };
  }
  const [{ parseYaml }, { releaseFromJson }] = await Promise.all([
    import("../goyaml/mod.ts"),
    import("../storage/record.ts"),
  ]);
  const storage = cfg.storage;
  // helm loads the data with the driver in the settings' namespace.
  const memory = storage.driver as unknown as { setNamespace(ns: string): void };
  const ns = await settings.namespace();
  for (const path of (settings.env("HELM_MEMORY_DRIVER_DATA") ?? "").split(":")) {
    let text: string;
    try {
      text = await readFile(path);
    } catch (e) {
      const why = e instanceof Deno.errors.NotFound ? "no such file or directory" : String(e);
      throw new FatalLog(`Unable to read memory driver dataopen ${path}: ${why}`);
    }
    let list: unknown;
    try {
      list = parseYaml(text);
    } catch (e) {
      throw new FatalLog(`Unable to unmarshal memory driver data: ${e instanceof Error ? e.message : e}`);
    }
    memory.setNamespace(ns);
    for (const item of Array.isArray(list) ? list : []) {
      await storage.create(releaseFromJson(JSON.stringify(item)));
    }
  }
  memory.setNamespace(namespace);
  // `list -A` initializes again, with a real Kubernetes client (helm's quirk).
  if (allNamespaces) return { cfg, reachable: async () => await (await cfg.kube()).isReachable() };
  return { cfg, reachable: () => Promise.resolve() };
}
