/**
 * Release benchmarks on the local control plane, charta against helm side by
 * side: `install` of a 50-object chart into a fresh namespace per run, and
 * `list -A` over many releases of 10 revisions each (seeded straight through
 * the API with helm's record format, not by installing them).
 *
 * `deno task bench` runs them after the chart benchmarks when the cluster
 * binaries are built. Alone:
 * `deno run -A --v8-flags=--stack-size=1800 bench/releases.ts [--runs N] [--releases N]`
 *
 * @module
 */
import { compare, type Comparison, row, shippedCharta } from "./lib.ts";
import { writeInstallChart } from "./gen_chart.ts";
import { ensureCluster, type KubeClient, kubeClient } from "../scripts/cluster/mod.ts";
import { buildTestRelease, fixedTime } from "../src/storage/test_helpers.ts";
import { SecretsDriver } from "../src/storage/kube_drivers.ts";
import { makeKey } from "../src/storage/storage.ts";
import type { KubeObjects, RecordKind, RecordObject } from "../src/storage/kube_objects.ts";
import type { Release } from "../src/release/types.ts";

/** What the release benchmarks need from the caller. */
export interface ReleaseBenchOptions {
  /** charta's command line up to the subcommand (the bundle, as run.ts runs it). */
  charta: string[];
  /** The reference helm binary. */
  helm: string;
  /** A scratch directory (HOME of both tools; the chart is written here). */
  home: string;
  /** Timed runs of the install benchmark (each installs into a new namespace). */
  installRuns: number;
  /** Timed runs of `list -A`. */
  listRuns: number;
  /** Releases to seed for `list -A` (10 revisions each); fewer when seeding passes `seedBudgetMs`. */
  releases: number;
  /** Time allowed for seeding; the releases seeded by then are the ones listed. */
  seedBudgetMs?: number;
  /** Progress messages. */
  log?: (msg: string) => void;
}

const REVISIONS = 10;
const LIST_NAMESPACES = 4;
/** Requests in flight while seeding and cleaning up (the API server takes them over one HTTP/2 connection). */
const IN_FLIGHT = 48;

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The only part of {@link KubeObjects} seeding uses: creating Secrets of one namespace. */
function secretWriter(client: KubeClient, namespace: string): KubeObjects {
  const unused = (): never => {
    throw new Error("not used by the benchmark's seeding");
  };
  return {
    namespace,
    get: unused,
    list: unused,
    update: unused,
    delete: unused,
    create: async (kind: RecordKind, obj: RecordObject) =>
      await client.json<RecordObject>("POST", `/api/v1/namespaces/${namespace}/secrets`, {
        ...obj,
        apiVersion: "v1",
        kind,
      }),
  };
}

/** Creates a namespace (for seeding). */
export async function createNamespace(client: KubeClient, name: string): Promise<void> {
  await client.json("POST", "/api/v1/namespaces", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name },
  });
}

/** Deletes namespaces and waits (bounded) until they are gone, so the cluster is left clean. */
async function deleteNamespaces(
  client: KubeClient,
  names: string[],
  log: (m: string) => void,
): Promise<void> {
  await pool(names, IN_FLIGHT, async (ns) => {
    const res = await client.request("DELETE", `/api/v1/namespaces/${ns}`);
    await res.body?.cancel();
  });
  const deadline = Date.now() + 180_000;
  let left = names;
  while (left.length > 0 && Date.now() < deadline) {
    const still: string[] = [];
    for (const ns of left) {
      const res = await client.request("GET", `/api/v1/namespaces/${ns}`);
      await res.body?.cancel();
      if (res.status !== 404) still.push(ns);
    }
    left = still;
    if (left.length > 0) await new Promise((r) => setTimeout(r, 1000));
  }
  if (left.length > 0) log(`namespaces still terminating after 3 minutes: ${left.join(", ")}`);
}

/** A revision of a seeded release, from one rendered template release. */
function revisionOf(base: Release, name: string, namespace: string, version: number): Release {
  const last = version === REVISIONS;
  return {
    ...base,
    name,
    namespace,
    version,
    manifest: base.manifest.replaceAll("seedname", name),
    info: {
      ...base.info,
      first_deployed: fixedTime(1_700_000_000 + version, 0),
      last_deployed: fixedTime(1_700_000_000 + version * 60, 123_000_000),
      status: last ? "deployed" : "superseded",
      description: version === 1 ? "Install complete" : "Upgrade complete",
    },
  };
}

/**
 * Seeds `releases × 10` records across a few namespaces with helm's Secret
 * driver, stopping early (at whole releases) when the budget is spent.
 * Returns how many releases were seeded and how long it took.
 */
export async function seed(
  client: KubeClient,
  namespaces: string[],
  releases: number,
  budgetMs: number,
): Promise<{ seeded: number; ms: number }> {
  const base = await buildTestRelease({
    chart: "webapp",
    name: "seedname",
    namespace: "default",
    ranHooks: true,
  });
  const drivers = namespaces.map((ns) => new SecretsDriver(secretWriter(client, ns)));
  const start = performance.now();
  let seeded = 0;
  // Batches of whole releases, so that a spent budget leaves every seeded release with all its revisions.
  const batch = 50;
  for (let first = 0; first < releases; first += batch) {
    if (performance.now() - start > budgetMs) break;
    const work: Array<[number, number]> = [];
    for (let i = first; i < Math.min(releases, first + batch); i++) {
      for (let v = 1; v <= REVISIONS; v++) work.push([i, v]);
    }
    await pool(work, IN_FLIGHT, async ([i, v]) => {
      const ns = i % namespaces.length;
      const name = `svc-${String(i).padStart(5, "0")}`;
      await drivers[ns].create(makeKey(name, v), revisionOf(base, name, namespaces[ns], v));
    });
    seeded = Math.min(releases, first + batch);
  }
  return { seeded, ms: performance.now() - start };
}

/**
 * `upgrade` of a 50-object release: each run changes the settings of five
 * components (five ConfigMaps change), alternating two values so that
 * every run changes something; then with `--wait`, each run changes five
 * Deployments' image tags and waits for their rollout. One release per
 * tool, installed first, in namespaces of their own.
 */
async function upgradeBenchmarks(
  o: ReleaseBenchOptions,
  chart: string,
  env: Record<string, string>,
  tag: string,
  namespaces: string[],
  client: KubeClient,
): Promise<Comparison[]> {
  const log = o.log ?? (() => {});
  const tools: Array<[string, string[]]> = [["charta", o.charta], ["helm", [o.helm]]];
  for (const [name, tool] of tools) {
    const ns = `bench-up-${tag}-${name}`;
    await createNamespace(client, ns);
    namespaces.push(ns);
    const r = await new Deno.Command(tool[0], {
      args: [...tool.slice(1), "install", "up", chart, "-n", ns],
      env,
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!r.success) throw new Error(`${name} install failed: ${new TextDecoder().decode(r.stderr)}`);
  }
  const five = [0, 1, 2, 3, 4];
  const upgrade = (name: string, tool: string[], set: (run: number) => string, extra: string[] = []) => {
    let run = 0;
    return () => [
      ...tool,
      "upgrade",
      "up",
      chart,
      "-n",
      `bench-up-${tag}-${name}`,
      "--set",
      set(run++),
      ...extra,
    ];
  };
  const settings = (run: number) =>
    five.map((i) => `components.c${i}.settings.logLevel=l${run % 2}`).join(",");
  const images = (run: number) => five.map((i) => `components.c${i}.image.tag=2.5.${run % 2}`).join(",");
  log("upgrade: 50-object chart, 5 objects changed");
  const plain = await compare(
    "`upgrade` 50-object chart, 5 objects changed (local cluster)",
    upgrade("charta", o.charta, settings),
    upgrade("helm", [o.helm], settings),
    o.installRuns,
    env,
  );
  log("upgrade --wait: 5 Deployments rolled out");
  const waited = await compare(
    "`upgrade --wait` 50-object chart, 5 Deployments rolled out (local cluster)",
    upgrade("charta", o.charta, images, ["--wait", "--timeout", "120s"]),
    upgrade("helm", [o.helm], images, ["--wait", "--timeout", "120s"]),
    o.installRuns,
    env,
  );
  return [plain, waited];
}

/** Runs the release benchmarks; the cluster is started (or reused) and left as found. */
export async function releaseBenchmarks(o: ReleaseBenchOptions): Promise<Comparison[]> {
  const log = o.log ?? (() => {});
  const info = await ensureCluster({ log });
  const client = await kubeClient(info);
  const env = { HOME: o.home, PATH: Deno.env.get("PATH") ?? "", KUBECONFIG: info.kubeconfig };
  const tag = Math.random().toString(36).slice(2, 7);
  const results: Comparison[] = [];
  const namespaces: string[] = [];
  try {
    // 1. install of a 50-object chart: every run a new release in a new namespace.
    const chart = `${o.home}/app50`;
    await writeInstallChart(chart, 10);
    let n = 0;
    const install = (tool: string[]) => () => {
      const ns = `bench-inst-${tag}-${n++}`;
      namespaces.push(ns);
      return [...tool, "install", `app-${n}`, chart, "-n", ns, "--create-namespace"];
    };
    log("install: 50-object chart");
    results.push(
      await compare(
        "`install` 50-object chart (local cluster)",
        install(o.charta),
        install([o.helm]),
        o.installRuns,
        env,
      ),
    );
    log(`install: deleting ${namespaces.length} namespaces`);
    await deleteNamespaces(client, namespaces.splice(0), log);

    // 2. upgrade of the installed chart changing 5 objects, then the same with 5 Deployments rolled out and --wait.
    results.push(...await upgradeBenchmarks(o, chart, env, tag, namespaces, client));

    // 3. list -A over many releases.
    const listNs = Array.from({ length: LIST_NAMESPACES }, (_, i) => `bench-list-${tag}-${i}`);
    for (const ns of listNs) {
      await createNamespace(client, ns);
      namespaces.push(ns);
    }
    log(`list: seeding ${o.releases} releases × ${REVISIONS} revisions`);
    const { seeded, ms } = await seed(client, listNs, o.releases, o.seedBudgetMs ?? 180_000);
    log(
      `list: seeded ${seeded} releases (${seeded * REVISIONS} Secrets) in ${(ms / 1000).toFixed(1)} s` +
        (seeded < o.releases ? " (seeding budget spent)" : ""),
    );
    const args = ["list", "-A"];
    const out = async (cmd: string[]) => {
      const r = await new Deno.Command(cmd[0], { args: cmd.slice(1), env, stdout: "piped", stderr: "piped" })
        .output();
      if (!r.success) throw new Error(`${cmd.join(" ")} failed: ${new TextDecoder().decode(r.stderr)}`);
      return new TextDecoder().decode(r.stdout);
    };
    const [a, b] = [await out([...o.charta, ...args]), await out([o.helm, ...args])];
    if (a !== b) throw new Error("charta and helm print different output for: list -A");
    results.push(
      await compare(
        `\`list -A\` ${seeded} releases × ${REVISIONS} revisions (local cluster)`,
        [...o.charta, ...args],
        [o.helm, ...args],
        o.listRuns,
        env,
      ),
    );
  } finally {
    if (namespaces.length > 0) {
      log(`deleting ${namespaces.length} namespaces`);
      await deleteNamespaces(client, namespaces, log);
    }
    client.close();
  }
  return results;
}

if (import.meta.main) {
  const { referenceHelmPath } = await import("../scripts/lib/reference_helm.ts");
  const { clusterAvailable } = await import("../scripts/cluster/mod.ts");
  const arg = (flag: string, dflt: number) => {
    const i = Deno.args.indexOf(flag);
    return i >= 0 ? Number(Deno.args[i + 1]) : dflt;
  };
  const helm = referenceHelmPath("v4");
  if (!helm) {
    console.error("Error: the reference helm is not built; run `deno task reference-helm` first");
    Deno.exit(1);
  }
  if (!clusterAvailable()) {
    console.error("Error: the local cluster is not built; run `deno task cluster:up` first");
    Deno.exit(1);
  }
  const home = await Deno.makeTempDir();
  const charta = await shippedCharta(`${home}/bundle`);
  const runs = arg("--runs", 5);
  try {
    const results = await releaseBenchmarks({
      charta,
      helm,
      home,
      installRuns: runs,
      listRuns: runs,
      releases: arg("--releases", 1000),
      log: (m) => console.error(m),
    });
    console.log(results.map(row).join("\n"));
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}
