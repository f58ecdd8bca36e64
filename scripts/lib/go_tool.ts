/**
 * Building the small Go programs the tests compare charta with (the gzip
 * and release oracles) into the cache outside the repository, rebuilt
 * when their sources change.
 *
 * @module
 */
import { cacheRoot } from "./reference_helm.ts";

function mtime(path: string): number | undefined {
  try {
    return Deno.statSync(path).mtime?.getTime();
  } catch {
    return undefined;
  }
}

/** True when `go` can be run, so the oracles can be built. */
export async function goAvailable(): Promise<boolean> {
  try {
    return (await new Deno.Command("go", { args: ["version"], stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

/**
 * Builds the Go module in `dir` to `bin` if it is missing or older than any
 * of `sources` (file names in `dir`); returns `bin`. The binary is built
 * beside its final path and renamed, so concurrent runs never see half a file.
 */
export async function buildGoTool(
  what: string,
  dir: string,
  sources: string[],
  bin: string,
): Promise<string> {
  const built = mtime(bin);
  const source = Math.max(...sources.map((f) => mtime(`${dir}${f}`) ?? 0));
  if (built !== undefined && built >= source) return bin;
  Deno.mkdirSync(cacheRoot(), { recursive: true });
  const tmp = `${bin}.${Deno.pid}.tmp`;
  const out = await new Deno.Command("go", {
    args: ["build", "-trimpath", "-o", tmp, "."],
    cwd: dir,
    env: { CGO_ENABLED: "0", GOFLAGS: "-mod=mod" },
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`building the ${what} failed (exit ${out.code})`);
  Deno.renameSync(tmp, bin);
  return bin;
}

/**
 * Runs a built tool with `input` on its stdin; returns its output, or
 * throws its stderr when it fails.
 */
export async function runWithInput(
  bin: string,
  args: string[],
  input: Uint8Array | string,
): Promise<Uint8Array> {
  const child = new Deno.Command(bin, { args, stdin: "piped", stdout: "piped", stderr: "piped" }).spawn();
  const writer = child.stdin.getWriter();
  const [out] = await Promise.all([
    child.output(),
    (async () => {
      await writer.write(typeof input === "string" ? new TextEncoder().encode(input) : input);
      await writer.close();
    })(),
  ]);
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr).trim());
  return out.stdout;
}
