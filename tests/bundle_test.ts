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
