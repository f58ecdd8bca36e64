/**
 * Regenerates the deprecated-API table of src/lint/deprecations.ts from
 * client-go's scheme, at the Kubernetes versions the reference helm
 * requires: scripts/k8s_deprecations/main.go runs in a scratch module whose
 * requirements are helm's go.mod (from the Go module cache, so it works
 * offline once helm's modules are there).
 *
 * Usage: `deno run -A scripts/gen_k8s_deprecations.ts [HELM-MODULE-DIR]`
 *
 * @module
 */

const HELM_VERSION = "v4.2.4";
const TARGET = new URL("../src/lint/deprecations.ts", import.meta.url).pathname;

async function goEnv(name: string): Promise<string> {
  const out = await new Deno.Command("go", { args: ["env", name], stdout: "piped" }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

if (import.meta.main) {
  const helmDir = Deno.args[0] ?? `${await goEnv("GOMODCACHE")}/helm.sh/helm/v4@${HELM_VERSION}`;
  const work = await Deno.makeTempDir({ prefix: "k8s-deprecations" });
  try {
    const gomod = (await Deno.readTextFile(`${helmDir}/go.mod`)).replace(
      /^module .*$/m,
      "module deprecations",
    );
    await Deno.writeTextFile(`${work}/go.mod`, gomod);
    await Deno.copyFile(`${helmDir}/go.sum`, `${work}/go.sum`);
    await Deno.copyFile(new URL("./k8s_deprecations/main.go", import.meta.url).pathname, `${work}/main.go`);
    const out = await new Deno.Command("go", {
      args: ["run", "."],
      cwd: work,
      env: { GOFLAGS: "-mod=mod" },
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error(`go run failed (exit ${out.code})`);
    const table = new TextDecoder().decode(out.stdout);
    const source = await Deno.readTextFile(TARGET);
    const start = source.indexOf("const TABLE = `\n") + "const TABLE = `\n".length;
    const end = source.indexOf("`;", start);
    await Deno.writeTextFile(TARGET, source.slice(0, start) + table + source.slice(end));
    console.log(`${table.trim().split("\n").length} deprecated kinds written to ${TARGET}`);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}
