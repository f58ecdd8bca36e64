/**
 * `deno task cluster:up` / `cluster:down` / `cluster:build` / `cluster:status`:
 * the local control plane (see docs/cluster.md). `up` prints the kubeconfig
 * path as its last line; progress goes to stderr.
 *
 * @module
 */
import { buildAll } from "./build.ts";
import { clusterMemory, ensureCluster, kubeconfigPath, stopCluster } from "./mod.ts";

const log = (msg: string) => console.error(msg);

async function main(cmd: string | undefined): Promise<number> {
  switch (cmd) {
    case "up": {
      const info = await ensureCluster({ log });
      console.log(info.kubeconfig);
      return 0;
    }
    case "down":
      log((await stopCluster()) ? "cluster stopped" : "no cluster was running");
      return 0;
    case "build": {
      const times = await buildAll(log);
      log(Object.keys(times).length ? `build times (s): ${JSON.stringify(times)}` : "already built");
      return 0;
    }
    case "status": {
      const mem = await clusterMemory();
      if (Object.keys(mem).length === 0) {
        log("no cluster is running");
        return 1;
      }
      const total = Object.values(mem).reduce((a, b) => a + b, 0);
      for (const [name, kb] of Object.entries(mem)) log(`${name.padEnd(24)} ${Math.round(kb / 1024)} MiB`);
      log(`${"total".padEnd(24)} ${Math.round(total / 1024)} MiB`);
      console.log(kubeconfigPath());
      return 0;
    }
    default:
      log("usage: deno run -A scripts/cluster/main.ts up|down|build|status");
      return 2;
  }
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args[0]));
  } catch (e) {
    console.error(`Error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
