/**
 * Builds the control-plane binaries from the Go module proxy into
 * `~/.cache/charta/cluster/<version>/bin/`, one at a time (each takes
 * minutes on two cores the first time; GOMODCACHE and GOCACHE keep their
 * defaults so that later builds reuse them).
 *
 * `k8s.io/kubernetes` cannot be built from its own go.mod outside its
 * repository (it points every staging module at `./staging/src/...`), so a
 * small wrapper module is generated: it requires the release and replaces
 * each staging module with its published `v0.N.P`. etcd's server module has
 * the same problem with its sibling modules; its wrapper just requires it.
 *
 * @module
 */
import { parse, stringify } from "yaml";
import {
  BINARIES,
  binDir,
  type ClusterBinary,
  ETCD_VERSION,
  KUBERNETES_VERSION,
  KWOK_VERSION,
  srcDir,
} from "./config.ts";

/** How a binary is built: the wrapper module and the package (a `tool` of that module). */
interface Recipe {
  module: string;
  version: string;
  pkg: string;
  /** The wrapper module's directory name under {@link srcDir}. */
  wrapper: string;
  /** `-X` link flags stamping the version the binary reports. */
  stamps: string[];
}

function kubernetesStamps(): string[] {
  const m = KUBERNETES_VERSION.match(/^v(\d+)\.(\d+)\.\d+$/)!;
  const values: Record<string, string> = {
    gitVersion: KUBERNETES_VERSION,
    gitMajor: m[1],
    gitMinor: m[2],
    gitTreeState: "clean",
    // A fixed date keeps the link reproducible; the release's tag date is not known here.
    buildDate: "1970-01-01T00:00:00Z",
  };
  return Object.entries(values).flatMap(([k, v]) => [
    `-X k8s.io/component-base/version.${k}=${v}`,
    `-X k8s.io/client-go/pkg/version.${k}=${v}`,
  ]);
}

function recipe(name: ClusterBinary): Recipe {
  switch (name) {
    case "etcd":
      return {
        module: "go.etcd.io/etcd/server/v3",
        version: ETCD_VERSION,
        pkg: "go.etcd.io/etcd/server/v3",
        wrapper: "etcd",
        stamps: [],
      };
    case "kwok":
      return {
        module: "sigs.k8s.io/kwok",
        version: KWOK_VERSION,
        pkg: "sigs.k8s.io/kwok/cmd/kwok",
        wrapper: "kwok",
        stamps: [`-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}`],
      };
    default:
      return {
        module: "k8s.io/kubernetes",
        version: KUBERNETES_VERSION,
        pkg: `k8s.io/kubernetes/cmd/${name}`,
        wrapper: "kubernetes",
        stamps: kubernetesStamps(),
      };
  }
}

const GO_ENV = { CGO_ENABLED: "0", GOFLAGS: "-mod=mod" };

async function go(args: string[], cwd?: string): Promise<string> {
  const out = await new Deno.Command("go", { args, cwd, env: GO_ENV, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  if (!out.success) {
    throw new Error(`go ${args.join(" ")} failed (exit ${out.code}):\n${dec.decode(out.stderr).trim()}`);
  }
  return dec.decode(out.stdout);
}

/** Where a module version lives in GOMODCACHE (downloading it if needed), and its go.mod file. */
export async function downloadModule(
  module: string,
  version: string,
): Promise<{ dir: string; goMod: string }> {
  const info = JSON.parse(await go(["mod", "download", "-json", `${module}@${version}`]));
  if (info.Error) throw new Error(`go mod download ${module}@${version}: ${info.Error}`);
  return { dir: info.Dir, goMod: info.GoMod };
}

/**
 * The staging modules of a `k8s.io/kubernetes` go.mod: those it requires as
 * `v0.0.0` (each is replaced by `./staging/src/...` in its own repository).
 */
export function stagingModules(goMod: string): string[] {
  const found = new Set<string>();
  for (const m of goMod.matchAll(/^\s*(?:require\s+)?(k8s\.io\/[A-Za-z0-9._-]+)\s+v0\.0\.0\s*$/gm)) {
    found.add(m[1]);
  }
  return [...found].sort();
}

/** The wrapper go.mod that builds `tools` of `module@version` (with staging replaces for Kubernetes). */
export function wrapperGoMod(
  wrapper: string,
  module: string,
  version: string,
  tools: string[],
  staging: string[] = [],
): string {
  const lines = [
    `module charta.local/cluster/${wrapper}`,
    "",
    "go 1.26.0",
    "",
    `require ${module} ${version}`,
    "",
  ];
  if (staging.length > 0) {
    // k8s.io/kubernetes v1.N.P is published with its staging modules as v0.N.P.
    const stagingVersion = version.replace(/^v1\./, "v0.");
    lines.push("replace (", ...staging.map((m) => `\t${m} => ${m} ${stagingVersion}`), ")", "");
  }
  lines.push("tool (", ...tools.map((t) => `\t${t}`), ")", "");
  return lines.join("\n");
}

/** Writes the wrapper module and resolves its go.sum (once; `go mod tidy` downloads what the tools need). */
async function prepareWrapper(r: Recipe): Promise<string> {
  const dir = `${srcDir()}/${r.wrapper}`;
  await Deno.mkdir(dir, { recursive: true });
  let staging: string[] = [];
  let tools = [r.pkg];
  if (r.wrapper === "kubernetes") {
    const { goMod } = await downloadModule(r.module, r.version);
    staging = stagingModules(await Deno.readTextFile(goMod));
    if (staging.length === 0) throw new Error(`no staging modules found in ${goMod}`);
    tools = ["kube-apiserver", "kube-controller-manager", "kube-scheduler"].map((c) =>
      `${r.module}/cmd/${c}`
    );
  }
  const content = wrapperGoMod(r.wrapper, r.module, r.version, tools, staging);
  // `go mod tidy` rewrites go.mod (it adds the indirect requirements), so what was generated is kept aside.
  const marker = `${dir}/go.mod.generated`;
  if (!(await exists(`${dir}/go.sum`)) || (await readOr(marker)) !== content) {
    await Deno.writeTextFile(`${dir}/go.mod`, content);
    await go(["mod", "tidy"], dir);
    await Deno.writeTextFile(marker, content);
  }
  return dir;
}

/** Path of a built binary (it may not exist yet). */
export function binaryPath(name: ClusterBinary): string {
  return `${binDir()}/${name}`;
}

async function readOr(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return "";
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/** Whether every binary is built (synchronous, for deciding which tests run). */
export function isBuilt(): boolean {
  const file = (p: string) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  };
  return BINARIES.every((b) => file(binaryPath(b)));
}

/** The kwok module's stage files that kwokctl installs by default. */
const KWOK_DEFAULT_STAGES = [
  "kustomize/stage/node/fast/node-initialize.yaml",
  "kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
  "kustomize/stage/pod/fast/pod-ready.yaml",
  "kustomize/stage/pod/fast/pod-complete.yaml",
  "kustomize/stage/pod/fast/pod-delete.yaml",
];

type Stage = {
  metadata: { name: string };
  spec: { selector: { matchExpressions: { key: string; operator: string; values?: string[] }[] } };
};

/**
 * kwok's stages for this cluster, as one YAML stream. kwok run on its own
 * (not through kwokctl) has none unless given some: the defaults are read
 * from kwok's module in GOMODCACHE (node-initialize, heartbeat with lease,
 * pod-ready, pod-complete for pods owned by Jobs, pod-delete). One more,
 * derived from pod-complete, lets any Running pod whose restart policy is
 * Never or OnFailure succeed, as if its containers exited 0: bare hook and
 * test Pods (`helm test`) finish like on a real cluster instead of running
 * forever.
 */
export async function kwokStages(): Promise<string> {
  const { dir } = await downloadModule("sigs.k8s.io/kwok", KWOK_VERSION);
  const docs = await Promise.all(KWOK_DEFAULT_STAGES.map((f) => Deno.readTextFile(`${dir}/${f}`)));
  const complete = parse(
    docs[KWOK_DEFAULT_STAGES.findIndex((f) => f.endsWith("/pod-complete.yaml"))],
  ) as Stage;
  const exprs = complete.spec.selector.matchExpressions;
  const owner = exprs.findIndex((e) => e.key === ".metadata.ownerReferences.[].kind");
  if (owner < 0) throw new Error("kwok's pod-complete stage no longer selects pods owned by Jobs");
  exprs[owner] = { key: ".spec.restartPolicy", operator: "In", values: ["Never", "OnFailure"] };
  complete.metadata.name = "pod-run-to-completion";
  return [...docs.map((d) => d.trim()), stringify(complete).trim()].join("\n---\n") + "\n";
}

/** Builds one binary unless it exists; returns the seconds spent (0 when it was already built). */
export async function buildBinary(
  name: ClusterBinary,
  log: (msg: string) => void = () => {},
): Promise<number> {
  const bin = binaryPath(name);
  if (await exists(bin)) return 0;
  const r = recipe(name);
  const started = performance.now();
  log(`building ${name} ${r.version} (first time only; takes minutes on two cores)`);
  const dir = await prepareWrapper(r);
  await Deno.mkdir(binDir(), { recursive: true });
  // Build to a temporary name so that an interrupted build never looks finished.
  const tmp = `${bin}.tmp-${Deno.pid}`;
  await go(["build", "-trimpath", "-ldflags", ["-s", "-w", ...r.stamps].join(" "), "-o", tmp, r.pkg], dir);
  await Deno.rename(tmp, bin);
  const seconds = Math.round((performance.now() - started) / 1000);
  log(`built ${name} in ${seconds}s`);
  return seconds;
}

/** Builds whatever is missing, one binary at a time; returns the seconds per binary built. */
export async function buildAll(log: (msg: string) => void = () => {}): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  for (const b of BINARIES) {
    const s = await buildBinary(b, log);
    if (s > 0) times[b] = s;
  }
  return times;
}
