/**
 * Builds the reference helm from the Go module proxy into a cache outside
 * the repository, the way Helm's Makefile builds a release (same -X link
 * flags), and prints the binary's path as the last line.
 *
 * Usage: `deno task reference-helm [v4|v3]` (default v4).
 *
 * @module
 */
import { cacheRoot, REFERENCE_HELM, type ReferenceHelmMajor } from "./lib/reference_helm.ts";

async function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const out = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "inherit" }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${out.code}`);
  return new TextDecoder().decode(out.stdout);
}

/** Reads the k8s.io/client-go version helm's go.mod pins (v3 bakes it into its default kube version). */
async function clientGoVersion(module: string, version: string): Promise<string> {
  const info = JSON.parse(await run("go", ["mod", "download", "-json", `${module}@${version}`]));
  const goMod = await Deno.readTextFile(info.GoMod);
  const m = goMod.match(/^\s*k8s\.io\/client-go v(\d+)\.(\d+)\.\d+/m);
  if (!m) throw new Error(`cannot find k8s.io/client-go in ${info.GoMod}`);
  return `${m[1]}.${m[2]}`;
}

async function build(major: ReferenceHelmMajor): Promise<string> {
  const ref = REFERENCE_HELM[major];
  const dir = `${cacheRoot()}/reference-helm/${ref.version}`;
  const bin = `${dir}/helm`;
  try {
    const short = (await run(bin, ["version", "--short"])).trim();
    if (short.startsWith(ref.version)) return bin;
  } catch {
    // not built yet
  }
  await Deno.mkdir(dir, { recursive: true });
  const pkg = ref.module;
  const ldflags = [
    "-w",
    "-s",
    `-X ${pkg}/internal/version.version=${ref.version}`,
    `-X ${pkg}/internal/version.gitTreeState=clean`,
  ];
  if (major === "v3") {
    // Helm 3's Makefile bakes the client-go minor into the default .Capabilities.KubeVersion.
    const [maj, min] = (await clientGoVersion(ref.module, ref.version)).split(".");
    const k8sMajor = String(Number(maj) + 1);
    for (const p of ["pkg/lint/rules", "pkg/chartutil"]) {
      ldflags.push(`-X ${pkg}/${p}.k8sVersionMajor=${k8sMajor}`, `-X ${pkg}/${p}.k8sVersionMinor=${min}`);
    }
  }
  console.error(`building helm ${ref.version} into ${dir} (first time only; takes a few minutes)`);
  await run("go", [
    "install",
    "-trimpath",
    "-ldflags",
    ldflags.join(" "),
    `${ref.module}/cmd/helm@${ref.version}`,
  ], {
    GOBIN: dir,
    CGO_ENABLED: "0",
    GOFLAGS: "-mod=mod",
  });
  return bin;
}

if (import.meta.main) {
  const arg = (Deno.args[0] ?? "v4") as ReferenceHelmMajor;
  if (!(arg in REFERENCE_HELM)) {
    console.error(`Error: unknown helm major "${arg}"; use v4 or v3`);
    Deno.exit(1);
  }
  try {
    console.log(await build(arg));
  } catch (e) {
    console.error(`Error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
