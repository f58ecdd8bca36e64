/**
 * Docker credential helpers with a real registry (Debian's docker-registry
 * with htpasswd authentication, tests/lib/registry.ts) and a real helper
 * program on PATH (tests/lib/cred_helper.ts): logins are stored through
 * the helper named in helm's registry config, pushes and pulls read them
 * from it, logouts erase them, and helm using the same config sees the same
 * credentials both ways. Failures (a missing helper, a second logout, an
 * identity token against a basic-auth registry) read as helm's.
 */
import assert from "node:assert/strict";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";
import { loginArgs, pullWebappArgs, registryForTests, testRegistry } from "./lib/registry.ts";
import { type CredHelper, writeCredHelper } from "./lib/cred_helper.ts";

const enabled = registryForTests() && helmBinary() !== undefined;
const ROOT = new URL("..", import.meta.url).pathname;

interface Scratch {
  home: string;
  config: string;
  helper: CredHelper;
  charta: (...args: string[]) => Promise<RunResult>;
  helm: (...args: string[]) => Promise<RunResult>;
  tgz: string;
}

async function withScratch(fn: (s: Scratch) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "charta-credhelper-" });
  try {
    const helper = await writeCredHelper(home);
    const config = `${home}/registry.json`;
    const env = {
      HOME: home,
      PATH: `${helper.binDir}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
      // The helper runs Deno; the user's cache spares it a fresh one under the scratch HOME.
      DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`,
      HELM_REGISTRY_CONFIG: config,
      HELM_CACHE_HOME: `${home}/cache`,
      HELM_CONFIG_HOME: `${home}/config`,
      HELM_DATA_HOME: `${home}/data`,
    };
    const packed = await charta(["package", `${ROOT}fixtures/charts/webapp`, "-d", `${home}/pkg`], env);
    assert.equal(packed.code, 0, packed.stderr);
    const bin = helmBinary()!;
    await fn({
      home,
      config,
      helper,
      charta: (...args) => charta(args, env),
      helm: (...args) => helm(bin, args, env),
      tgz: `${home}/pkg/webapp-1.4.2.tgz`,
    });
  } finally {
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

function fresh(prefix: string): string {
  return `${prefix}${crypto.randomUUID().slice(0, 8)}`;
}

Deno.test({
  name:
    "credential helper: login stores through it, push and pull read it, logout erases; helm shares it both ways",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("auth");
      const configText = JSON.stringify({ credHelpers: { [reg.address]: s.helper.suffix } });
      await Deno.writeTextFile(s.config, configText);

      const login = await s.charta(...loginArgs(reg));
      assert.equal(login.stdout, "Login Succeeded\n", login.stderr);
      assert.deepEqual(await s.helper.stored(), {
        [reg.address]: { Username: reg.username!, Secret: reg.password! },
      });
      // The secret went to the helper, not into helm's file.
      assert.equal(await Deno.readTextFile(s.config), configText);

      // helm reads charta's login from the helper; charta reads it back.
      const path = fresh("helper");
      const hp = await s.helm("push", s.tgz, `oci://${reg.address}/${path}`, "--plain-http");
      assert.equal(hp.code, 0, hp.stderr);
      const cp = await s.charta(...pullWebappArgs(`oci://${reg.address}/${path}/webapp`, s.home));
      assert.equal(cp.code, 0, cp.stderr);
      assert.ok((await Deno.stat(`${s.home}/webapp-1.4.2.tgz`)).size > 0);
      assert.ok((await s.helper.calls()).includes(`get ${reg.address}`));

      const lo = await s.charta("registry", "logout", reg.address);
      assert.equal(lo.stdout, `Removing login credentials for ${reg.address}\n`, lo.stderr);
      assert.deepEqual(await s.helper.stored(), {});
      // A second logout: the helper has nothing to erase, an error in helm too.
      const again = await s.charta("registry", "logout", reg.address);
      const hagain = await s.helm("registry", "logout", reg.address);
      assert.equal(again.code, 1);
      assert.equal(again.stderr, hagain.stderr);
      assert.equal(
        again.stderr,
        `Error: failed to delete the credential for ${reg.address}: credentials not found in native keychain\n`,
      );
      const denied = await s.charta("push", s.tgz, `oci://${reg.address}/${fresh("helper")}`, "--plain-http");
      assert.equal(denied.code, 1);
      assert.match(denied.stderr, /basic credential not found\n$/);

      // The other way: helm logs in through the helper, charta pushes with it.
      const hl = await s.helm(...loginArgs(reg));
      assert.equal(hl.code, 0, hl.stderr);
      assert.deepEqual(Object.keys(await s.helper.stored()), [reg.address]);
      const cpush = await s.charta("push", s.tgz, `oci://${reg.address}/${fresh("helper")}`, "--plain-http");
      assert.equal(cpush.code, 0, cpush.stderr);
      const hlo = await s.helm("registry", "logout", reg.address);
      assert.equal(hlo.code, 0, hlo.stderr);
      assert.deepEqual(await s.helper.stored(), {});
    }),
});

Deno.test({
  name: "credential helper: credsStore, a missing helper and an identity token fail or succeed as in helm",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("auth");
      // credsStore serves every registry.
      await Deno.writeTextFile(s.config, JSON.stringify({ credsStore: s.helper.suffix }));
      const login = await s.charta(...loginArgs(reg));
      assert.equal(login.code, 0, login.stderr);
      assert.deepEqual(Object.keys(await s.helper.stored()), [reg.address]);
      const path = fresh("store");
      const cpush = await s.charta("push", s.tgz, `oci://${reg.address}/${path}`, "--plain-http");
      assert.equal(cpush.code, 0, cpush.stderr);

      // A helper that is not installed: the same errors as helm's for push, login and logout.
      await Deno.writeTextFile(s.config, JSON.stringify({ credHelpers: { [reg.address]: "absent-helper" } }));
      const target = `oci://${reg.address}/${path}`;
      for (
        const args of [
          ["push", s.tgz, target, "--plain-http"],
          ["registry", "login", reg.address, "-u", reg.username!, "-p", reg.password!, "--plain-http"],
          ["registry", "logout", reg.address],
        ]
      ) {
        const c = await s.charta(...args);
        const h = await s.helm(...args);
        assert.equal(c.code, 1, args.join(" "));
        assert.equal(c.stderr, h.stderr, args.join(" "));
        assert.match(
          c.stderr,
          /exec: "docker-credential-absent-helper": executable file not found in \$PATH\n$/,
        );
      }

      // An identity token (the helper's `<token>` user) cannot answer a basic challenge.
      await Deno.writeTextFile(s.config, JSON.stringify({ credsStore: s.helper.suffix }));
      await Deno.writeTextFile(
        `${s.home}/helper-store.json`,
        JSON.stringify({ [reg.address]: { Username: "<token>", Secret: "an-identity-token" } }),
      );
      const ref = [`oci://${reg.address}/${path}/webapp`, "--version", "1.4.2", "--plain-http", "-d", s.home];
      const c = await s.charta("pull", ...ref);
      const h = await s.helm("pull", ...ref);
      assert.equal(c.code, 1);
      assert.equal(c.stderr, h.stderr);
      assert.match(c.stderr, /missing username or password for basic auth\n$/);
    }),
});

Deno.test({
  name:
    "credential helper: Docker's own config (~/.docker/config.json) is the fallback for lookups, as in helm",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("auth");
      // Docker's config names the helper; helm's file is empty.
      await Deno.mkdir(`${s.home}/.docker`);
      await Deno.writeTextFile(
        `${s.home}/.docker/config.json`,
        JSON.stringify({ credHelpers: { [reg.address]: s.helper.suffix } }),
      );
      await Deno.writeTextFile(
        `${s.home}/helper-store.json`,
        JSON.stringify({ [reg.address]: { Username: reg.username, Secret: reg.password } }),
      );
      const path = fresh("docker");
      const cpush = await s.charta("push", s.tgz, `oci://${reg.address}/${path}`, "--plain-http");
      assert.equal(cpush.code, 0, cpush.stderr);
      const hpull = await s.helm(...pullWebappArgs(`oci://${reg.address}/${path}/webapp`, s.home));
      assert.equal(hpull.code, 0, hpull.stderr);
    }),
});
