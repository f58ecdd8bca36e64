/**
 * A real Kubernetes control plane on 127.0.0.1 for tests, benchmarks and the
 * demo: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and
 * kwok (which plays the kubelet for a few fake Nodes, so pods become Ready
 * and Jobs complete). No containers run. See docs/cluster.md.
 *
 * Tests call {@link ensureCluster} (starts a cluster or reuses the running
 * one); `deno task cluster:down` ({@link stopCluster}) stops it.
 *
 * @module
 */
import { binaryPath, buildAll, isBuilt, kwokStages } from "./build.ts";
import { generatePki, kubeconfigYaml, type Pki, pkiIn } from "./certs.ts";
import {
  binDir,
  type ClusterBinary,
  clusterCacheDir,
  CONTEXT,
  kubeconfigPath,
  KUBERNETES_VERSION,
  NODES,
  runDir,
  SERVICE_CIDR,
} from "./config.ts";

export { clusterCacheDir, kubeconfigPath, KUBERNETES_VERSION, runDir };

/** What a caller needs to talk to the cluster. */
export interface ClusterInfo {
  /** Path of the admin kubeconfig (context `charta-local`). */
  kubeconfig: string;
  /** `https://127.0.0.1:<port>`. */
  server: string;
  /** PEM files of the CA and of the admin client certificate and key. */
  caCert: string;
  cert: string;
  key: string;
}

/** What `run/state.json` records about a started cluster. */
interface State {
  version: string;
  server: string;
  ports: Record<string, number>;
  /** Pid per component (each runs in its own session, so it outlives the process that started it). */
  pids: Partial<Record<ClusterBinary, number>>;
  startedAt: string;
}

const STATE = () => `${runDir()}/state.json`;
const PKI_DIR = () => `${runDir()}/pki`;
const LOG_DIR = () => `${runDir()}/logs`;

/** Log file of a component. */
export function componentLog(name: ClusterBinary): string {
  return `${LOG_DIR()}/${name}.log`;
}

/**
 * Whether a cluster can be had without a long build: the binaries are
 * built, so {@link ensureCluster} takes seconds.
 */
export function clusterAvailable(): boolean {
  return isBuilt();
}

function infoFor(state: State): ClusterInfo {
  const pki = PKI_DIR();
  return {
    kubeconfig: kubeconfigPath(),
    server: state.server,
    caCert: `${pki}/ca.crt`,
    cert: `${pki}/admin.crt`,
    key: `${pki}/admin.key`,
  };
}

async function readState(): Promise<State | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(STATE())) as State;
  } catch {
    return undefined;
  }
}

/** A fetch bound to the cluster's CA and admin client certificate; call `close()` when done. */
export interface KubeClient {
  /** Sends a request to the API server; `body` objects are sent as JSON. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Like {@link KubeClient.request} but returns the parsed JSON and throws on a non-2xx status. */
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  close(): void;
}

/** Opens a {@link KubeClient} with the given client certificate (the admin's by default). */
export async function kubeClient(
  info: ClusterInfo,
  identity: { cert: string; key: string } = info,
): Promise<KubeClient> {
  const client = Deno.createHttpClient({
    caCerts: [await Deno.readTextFile(info.caCert)],
    cert: await Deno.readTextFile(identity.cert),
    key: await Deno.readTextFile(identity.key),
  });
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${info.server}${path}`, {
      method,
      client,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    request,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await request(method, path, body);
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    },
    close: () => client.close(),
  };
}

/** Whether `/readyz` answers `ok` with the admin certificate. */
async function apiReady(info: ClusterInfo): Promise<boolean> {
  let c: KubeClient | undefined;
  try {
    c = await kubeClient(info);
    const res = await c.request("GET", "/readyz", undefined);
    const text = await res.text();
    return res.ok && text.trim() === "ok";
  } catch {
    return false;
  } finally {
    c?.close();
  }
}

/** Whether `pid` is alive and runs one of our binaries (a recycled pid is never signalled). */
async function ourProcess(pid: number | undefined): Promise<boolean> {
  if (!pid) return false;
  try {
    const cmdline = await Deno.readTextFile(`/proc/${pid}/cmdline`);
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    // A zombie (state Z) is already gone as far as we are concerned.
    const zombie = stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
    // Right after the spawn the process may still be the shell or `setsid` about to exec the binary
    // (under load that takes a while): their command lines name the binary too.
    return !zombie && cmdline.includes(`${binDir()}/`);
  } catch {
    return false;
  }
}

/** Finds a free TCP port on 127.0.0.1. */
function freePort(taken: Set<number>): number {
  for (;;) {
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (l.addr as Deno.NetAddr).port;
    l.close();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

/**
 * Starts a binary in its own session (so Ctrl-C in a test run or in the
 * terminal does not reach it), output to its log file; returns its pid.
 */
async function spawnDaemon(name: ClusterBinary, args: string[]): Promise<number> {
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const cmd = [binaryPath(name), ...args].map(quote).join(" ");
  // setsid does not fork here (a background job of a non-interactive shell is not a group leader), so $! is the binary.
  const script = `setsid ${cmd} >${quote(componentLog(name))} 2>&1 </dev/null & echo $!`;
  const out = await new Deno.Command("sh", { args: ["-c", script], stdout: "piped", stderr: "piped" })
    .output();
  const pid = Number(new TextDecoder().decode(out.stdout).trim());
  if (!out.success || !pid) {
    throw new Error(`could not start ${name}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return pid;
}

async function logTail(name: ClusterBinary, lines = 15): Promise<string> {
  try {
    const text = await Deno.readTextFile(componentLog(name));
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Polls `check` every 250 ms until it is true; on timeout throws with the component's log tail. */
async function waitFor(
  what: string,
  seconds: number,
  check: () => Promise<boolean>,
  state: State,
  component?: ClusterBinary,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (component && !(await ourProcess(state.pids[component]))) {
      throw new Error(`${component} exited while waiting for ${what}:\n${await logTail(component)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = component ? `\n${component} log:\n${await logTail(component)}` : "";
  throw new Error(`timed out after ${seconds}s waiting for ${what}${tail}`);
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

function componentArgs(name: ClusterBinary, state: State, pki: Pki): string[] {
  const p = state.ports;
  const run = runDir();
  switch (name) {
    case "etcd":
      return [
        "--name=charta",
        `--data-dir=${run}/etcd`,
        `--listen-client-urls=http://127.0.0.1:${p.etcd}`,
        `--advertise-client-urls=http://127.0.0.1:${p.etcd}`,
        `--listen-peer-urls=http://127.0.0.1:${p.etcdPeer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${p.etcdPeer}`,
        `--initial-cluster=charta=http://127.0.0.1:${p.etcdPeer}`,
        // A throwaway test store: durability is not worth an fsync per write.
        "--unsafe-no-fsync",
        "--auto-compaction-retention=1",
        "--quota-backend-bytes=2147483648",
        "--log-level=warn",
      ];
    case "kube-apiserver":
      return [
        `--etcd-servers=http://127.0.0.1:${p.etcd}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${p.apiserver}`,
        `--tls-cert-file=${pki.apiserverCert}`,
        `--tls-private-key-file=${pki.apiserverKey}`,
        `--client-ca-file=${pki.caCert}`,
        `--service-account-key-file=${pki.saPub}`,
        `--service-account-signing-key-file=${pki.saKey}`,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--authorization-mode=Node,RBAC",
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        "--allow-privileged=true",
        // Endpoints may not hold loopback addresses, and nothing here routes to the API server through its Service.
        "--endpoint-reconciler-type=none",
        // The aggregation layer (front proxy) as kubeadm sets it up: controller-manager and scheduler read
        // this CA from kube-system/extension-apiserver-authentication and log errors every few seconds without it.
        `--proxy-client-cert-file=${pki.clients["front-proxy-client"].cert}`,
        `--proxy-client-key-file=${pki.clients["front-proxy-client"].key}`,
        `--requestheader-client-ca-file=${pki.caCert}`,
        "--requestheader-allowed-names=front-proxy-client",
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--profiling=false",
      ];
    case "kube-controller-manager":
      return [
        `--kubeconfig=${run}/controller-manager.kubeconfig`,
        `--authentication-kubeconfig=${run}/controller-manager.kubeconfig`,
        `--authorization-kubeconfig=${run}/controller-manager.kubeconfig`,
        "--bind-address=127.0.0.1",
        `--secure-port=${p.controllerManager}`,
        "--controllers=*",
        "--use-service-account-credentials=true",
        `--service-account-private-key-file=${pki.saKey}`,
        `--root-ca-file=${pki.caCert}`,
        // CertificateSigningRequests get signed by the cluster CA, as on kubeadm clusters.
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        "--leader-elect=false",
        "--profiling=false",
      ];
    case "kube-scheduler":
      return [
        `--kubeconfig=${run}/scheduler.kubeconfig`,
        `--authentication-kubeconfig=${run}/scheduler.kubeconfig`,
        `--authorization-kubeconfig=${run}/scheduler.kubeconfig`,
        "--bind-address=127.0.0.1",
        `--secure-port=${p.scheduler}`,
        "--leader-elect=false",
        "--profiling=false",
      ];
    case "kwok":
      return [
        `--kubeconfig=${kubeconfigPath()}`,
        `--config=${run}/kwok.yaml`,
        "--manage-all-nodes=true",
        "--node-ip=127.0.0.1",
        `--node-port=${p.kwok}`,
        `--server-address=127.0.0.1:${p.kwok}`,
        `--tls-cert-file=${pki.clients.admin.cert}`,
        `--tls-private-key-file=${pki.clients.admin.key}`,
        "--node-lease-duration-seconds=40",
      ];
  }
}

/** A fake Node for kwok: labels as a kubelet would set them; kwok fills in its status. */
function nodeManifest(name: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "node-role.kubernetes.io/agent": "",
        type: "kwok",
      },
      annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
    },
    spec: {},
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Serializes starts and stops between processes (parallel test files, a
 * test run next to `cluster:up`): a directory created atomically, holding the
 * owner's pid; a lock whose owner is gone is taken over.
 */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${clusterCacheDir()}/run.lock`;
  await Deno.mkdir(clusterCacheDir(), { recursive: true });
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      await Deno.mkdir(lock);
      await Deno.writeTextFile(`${lock}/pid`, String(Deno.pid));
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
      const owner = Number(await Deno.readTextFile(`${lock}/pid`).catch(() => "0"));
      if (owner && !(await exists(`/proc/${owner}`))) {
        await Deno.remove(lock, { recursive: true }).catch(() => {});
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another process holds ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await Deno.remove(lock, { recursive: true }).catch(() => {});
  }
}

/** Options of {@link ensureCluster}. */
export interface EnsureOptions {
  /** Progress messages (builds, starts); silent by default. */
  log?: (msg: string) => void;
}

/**
 * Returns the running cluster, or builds what is missing and starts one.
 * Idempotent: a healthy cluster recorded in the run directory is reused; a
 * broken one is stopped and replaced.
 */
export function ensureCluster(options: EnsureOptions = {}): Promise<ClusterInfo> {
  const log = options.log ?? (() => {});
  return withLock(async () => {
    const existing = await readState();
    if (existing) {
      const info = infoFor(existing);
      const alive = await Promise.all(Object.values(existing.pids).map((pid) => ourProcess(pid)));
      if (existing.version === KUBERNETES_VERSION && alive.every(Boolean) && (await apiReady(info))) {
        log(`reusing the running cluster at ${existing.server}`);
        return info;
      }
      log("the recorded cluster is not healthy; restarting it");
      await stopRecorded(existing);
    }
    const times = await buildAll(log);
    if (Object.keys(times).length > 0) log(`build times (s): ${JSON.stringify(times)}`);
    // A start can fail by chance (a port picked as free taken by another process before the component
    // binds it): try again with new ports before giving up.
    for (let attempt = 1;; attempt++) {
      try {
        return await start(log);
      } catch (e) {
        if (attempt >= 3) throw e;
        log(`start attempt ${attempt} failed, retrying: ${(e as Error).message.split("\n")[0]}`);
      }
    }
  });
}

/**
 * Restarts the running cluster's API server in place (same ports,
 * certificates and etcd), for fault tests: clients see refused
 * connections until it is ready again. Returns once `/readyz` answers.
 */
export function restartApiServer(log: (msg: string) => void = () => {}): Promise<void> {
  return withLock(async () => {
    const state = await readState();
    if (!state) throw new Error("no cluster is running");
    const pid = state.pids["kube-apiserver"];
    if (await ourProcess(pid)) {
      Deno.kill(pid!, "SIGTERM");
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && (await ourProcess(pid))) await new Promise((r) => setTimeout(r, 50));
      if (await ourProcess(pid)) Deno.kill(pid!, "SIGKILL");
    }
    log("kube-apiserver stopped; starting it again");
    state.pids["kube-apiserver"] = await spawnDaemon(
      "kube-apiserver",
      componentArgs("kube-apiserver", state, pkiIn(PKI_DIR())),
    );
    await Deno.writeTextFile(STATE(), JSON.stringify(state, null, 2) + "\n");
    await waitFor("the API server's /readyz", 120, () => apiReady(infoFor(state)), state, "kube-apiserver");
  });
}

async function start(log: (msg: string) => void): Promise<ClusterInfo> {
  const started = performance.now();
  const run = runDir();
  await Deno.remove(run, { recursive: true }).catch(() => {});
  await Deno.mkdir(LOG_DIR(), { recursive: true });
  const pki = await generatePki(PKI_DIR());
  const taken = new Set<number>();
  const ports: Record<string, number> = {};
  for (const k of ["etcd", "etcdPeer", "apiserver", "controllerManager", "scheduler", "kwok"]) {
    ports[k] = freePort(taken);
  }
  const state: State = {
    version: KUBERNETES_VERSION,
    server: `https://127.0.0.1:${ports.apiserver}`,
    ports,
    pids: {},
    startedAt: new Date().toISOString(),
  };
  const info = infoFor(state);
  const save = () => Deno.writeTextFile(STATE(), JSON.stringify(state, null, 2) + "\n");
  await Deno.writeTextFile(
    kubeconfigPath(),
    await kubeconfigYaml(state.server, CONTEXT, pki.caCert, pki.clients.admin),
  );
  for (const c of ["controller-manager", "scheduler"] as const) {
    await Deno.writeTextFile(
      `${run}/${c}.kubeconfig`,
      await kubeconfigYaml(state.server, CONTEXT, pki.caCert, pki.clients[c]),
    );
  }
  await Deno.chmod(kubeconfigPath(), 0o600);
  await Deno.writeTextFile(`${run}/kwok.yaml`, await kwokStages());

  const launch = async (name: ClusterBinary) => {
    state.pids[name] = await spawnDaemon(name, componentArgs(name, state, pki));
    await save();
  };
  try {
    await launch("etcd");
    await waitFor("etcd", 30, () => httpOk(`http://127.0.0.1:${ports.etcd}/health`), state, "etcd");
    await launch("kube-apiserver");
    await waitFor("the API server's /readyz", 120, () => apiReady(info), state, "kube-apiserver");
    await launch("kube-controller-manager");
    await launch("kube-scheduler");
    await launch("kwok");
    const client = await kubeClient(info);
    try {
      for (const name of NODES) {
        const res = await client.request("POST", "/api/v1/nodes", nodeManifest(name));
        const text = await res.text();
        if (!res.ok && res.status !== 409) throw new Error(`creating node ${name}: ${res.status} ${text}`);
      }
      const ok = (path: string) => async () => {
        const res = await client.request("GET", path);
        await res.body?.cancel();
        return res.ok;
      };
      await waitFor("the default namespace", 60, ok("/api/v1/namespaces/default"), state, "kube-apiserver");
      await waitFor(
        "the default ServiceAccount",
        60,
        ok("/api/v1/namespaces/default/serviceaccounts/default"),
        state,
        "kube-controller-manager",
      );
      await waitFor(
        "Ready nodes",
        60,
        async () => {
          type NodeList = { items?: { status?: { conditions?: { type: string; status: string }[] } }[] };
          const list = await client.json<NodeList>("GET", "/api/v1/nodes").catch(() => ({} as NodeList));
          const ready = (list.items ?? []).filter((n) =>
            n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
          );
          return ready.length === NODES.length;
        },
        state,
        "kwok",
      );
    } finally {
      client.close();
    }
    for (const name of ["kube-scheduler", "kwok"] as const) {
      if (!(await ourProcess(state.pids[name]))) throw new Error(`${name} exited:\n${await logTail(name)}`);
    }
  } catch (e) {
    // Keep the components' logs of a failed start (the run directory goes with the processes).
    const kept = `${clusterCacheDir()}/failed-start-logs`;
    await Deno.remove(kept, { recursive: true }).catch(() => {});
    await Deno.rename(LOG_DIR(), kept).catch(() => {});
    await stopRecorded(state);
    throw e;
  }
  log(`cluster ready at ${state.server} in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  return info;
}

/** Stops the processes a state records (newest first) and removes the run directory. */
async function stopRecorded(state: State): Promise<void> {
  const order: ClusterBinary[] = [
    "kwok",
    "kube-scheduler",
    "kube-controller-manager",
    "kube-apiserver",
    "etcd",
  ];
  for (const name of order) {
    const pid = state.pids[name];
    if (!(await ourProcess(pid))) continue;
    try {
      Deno.kill(pid!, "SIGTERM");
    } catch {
      continue;
    }
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await ourProcess(pid))) await new Promise((r) => setTimeout(r, 100));
    if (await ourProcess(pid)) {
      try {
        Deno.kill(pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  await Deno.remove(runDir(), { recursive: true }).catch(() => {});
}

/** Stops the cluster and removes its run state; false when none was recorded. */
export function stopCluster(): Promise<boolean> {
  return withLock(async () => {
    const state = await readState();
    if (!state) {
      await Deno.remove(runDir(), { recursive: true }).catch(() => {});
      return false;
    }
    await stopRecorded(state);
    return true;
  });
}

/** Resident memory (kB) per running component, from /proc. */
export async function clusterMemory(): Promise<Partial<Record<ClusterBinary, number>>> {
  const state = await readState();
  const out: Partial<Record<ClusterBinary, number>> = {};
  for (const [name, pid] of Object.entries(state?.pids ?? {}) as [ClusterBinary, number][]) {
    try {
      const status = await Deno.readTextFile(`/proc/${pid}/status`);
      const m = status.match(/^VmRSS:\s+(\d+) kB/m);
      if (m) out[name] = Number(m[1]);
    } catch {
      // not running
    }
  }
  return out;
}
