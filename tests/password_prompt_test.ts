/**
 * Password prompts when standard input is no terminal (what a test can
 * reach without a TTY): `repo add --username U` and `registry login`
 * without a password, run as real processes with stdin piped, against the
 * reference helm 4. helm prints its prompts on stdout and then fails to
 * turn echo off (`inappropriate ioctl for device`); a username is read
 * from the pipe first when `registry login` has none.
 *
 * @module
 */
import assert from "node:assert/strict";
import { helmBinary } from "./lib/cli.ts";

const HELM = helmBinary();
const MAIN = new URL("../main.ts", import.meta.url).pathname;

async function run(cmd: string, args: string[], stdin: string, env: Record<string, string>) {
  const p = new Deno.Command(cmd, {
    args,
    env,
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  })
    .spawn();
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode(stdin));
  await w.close();
  const out = await p.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test({
  name: "password prompts on no terminal: charta prints and fails as helm does",
  ignore: HELM === undefined,
  fn: async () => {
    const home = await Deno.makeTempDir({ prefix: "prompt-home-" });
    const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", NO_COLOR: "1" };
    try {
      const cases: [string[], string][] = [
        [["repo", "add", "x", "http://127.0.0.1:9", "--username", "u"], ""],
        [["repo", "add", "x", "http://127.0.0.1:9", "--username", "u"], "piped-password\n"],
        [["registry", "login", "localhost:9", "-u", "u"], ""],
        [["registry", "login", "localhost:9", "-u", "u"], "pw\n"],
        [["registry", "login", "localhost:9"], "bob\nxx\n"],
        [["registry", "login", "localhost:9"], "bob"],
        [["registry", "login", "localhost:9"], ""],
        [["registry", "login", "localhost:9"], "\n"],
        [["registry", "login", "localhost:9"], "  \r\n"],
      ];
      for (const [args, stdin] of cases) {
        const c = await run(Deno.execPath(), ["run", "-A", "--quiet", MAIN, ...args], stdin, {
          ...env,
          // The child deno finds its module cache where the test's found it, not in the scratch HOME.
          DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`,
        });
        const h = await run(HELM!, args, stdin, env);
        assert.deepEqual(c, h, `${args.join(" ")} <<< ${JSON.stringify(stdin)}`);
      }
      // Nothing was written: the prompts failed before anything was added.
      assert.equal(
        await Deno.stat(`${home}/.config/helm/repositories.yaml`).then(() => true, () => false),
        false,
      );
    } finally {
      await Deno.remove(home, { recursive: true });
    }
  },
});
