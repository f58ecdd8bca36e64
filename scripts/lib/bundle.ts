/**
 * The one definition of how charta is bundled (what `deno task bundle` runs
 * and `deno task compile` embeds), for the benchmark and the bundle test.
 *
 * @module
 */

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/**
 * `deno bundle` arguments writing the bundle of main.ts into `outdir`.
 * CommonJS packages stay external (Handlebars, pg for the sql driver, and jsdiff
 * for `diff`): bundling one puts esbuild's `require` shim in a chunk every
 * start loads, and that shim loads Node's module loader (about 20 ms).
 */
export function bundleArgs(outdir: string): string[] {
  return [
    "bundle",
    "--quiet",
    "--platform",
    "deno",
    "--code-splitting",
    "--external",
    "handlebars",
    "--external",
    "pg",
    "--external",
    "diff",
    "--outdir",
    outdir,
    MAIN,
  ];
}

/** Bundles main.ts into `outdir`; throws with deno's message on failure. */
export async function bundle(outdir: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), { args: bundleArgs(outdir), stderr: "piped" }).output();
  if (!out.success) throw new Error(`deno bundle failed: ${new TextDecoder().decode(out.stderr)}`);
}

if (import.meta.main) await bundle(Deno.args[0] ?? "dist/bundle");
