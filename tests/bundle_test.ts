/**
 * The shipped form: `deno task compile` embeds the bundle of main.ts. The
 * bundle must behave as the sources do (lazy imports become chunks).
 */
import assert from "node:assert/strict";
import { charta } from "./lib/cli.ts";
import { bundle } from "../scripts/lib/bundle.ts";

const root = new URL("../", import.meta.url).pathname;

Deno.test("the bundle renders a chart and prints help as the sources do", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await bundle(dir);
    const env = { HOME: dir, PATH: Deno.env.get("PATH") ?? "" };
    for (
      const args of [["template", "shop", "fixtures/charts/umbrella"], ["template", "--help"], ["version"]]
    ) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-all", "--quiet", "--v8-flags=--stack-size=1800", `${dir}/main.js`, ...args],
        cwd: root,
        env,
        clearEnv: true,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const want = await charta(args, env);
      const dec = new TextDecoder();
      assert.deepEqual(
        { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) },
        want,
        args.join(" "),
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** The chunks main.js loads before it runs: its static imports, transitively. */
async function startupChunks(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const todo = ["main.js"];
  while (todo.length) {
    const file = todo.pop()!;
    if (out.has(file)) continue;
    const text = await Deno.readTextFile(`${dir}/${file}`);
    out.set(file, text);
    for (
      const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)
    ) {
      todo.push(m[1] ?? m[2]);
    }
  }
  return out;
}

Deno.test("the bundle's start-up chunks import no node: module (a CommonJS package bundled would: ~20 ms each start)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await bundle(dir);
    const chunks = await startupChunks(dir);
    assert.ok(chunks.size > 1, "main.js imports its shared chunks");
    for (const [file, text] of chunks) {
      assert.doesNotMatch(
        text,
        /from\s*"node:|import\s*"node:|require\(/,
        `${file} loads Node's modules at start-up`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
