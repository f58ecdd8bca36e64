/**
 * `--insecure-skip-tls-verify` (and `registry login --insecure`) against real
 * HTTPS servers whose certificate no trusted CA signed: the chart repository
 * server of scripts/chart_repo_server.ts with its self-signed CA, and
 * Debian's docker-registry serving TLS (tests/lib/tls_registry.ts). Without
 * the flag both tools refuse with Go's certificate error; with it (on the
 * command, or on the repository entry for `repo update` and `dependency
 * update`) both go ahead. charta and helm run side by side on the same
 * servers, each with its own helm folders.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";
import { repoFixture } from "./lib/chart_repo.ts";
import { registryForTests } from "./lib/registry.ts";
import { startTlsRegistry } from "./lib/tls_registry.ts";

const bin = helmBinary();
const CERT_ERROR = "tls: failed to verify certificate: x509: certificate signed by unknown authority";
const ROOT = new URL("..", import.meta.url).pathname;

/** Runs a command in both tools, each with its own folders under `root`. */
function both(root: string) {
  const envOf = (tool: string) => ({
    HOME: join(root, tool),
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HELM_CONFIG_HOME: join(root, tool, "config"),
    HELM_CACHE_HOME: join(root, tool, "cache"),
    HELM_DATA_HOME: join(root, tool, "data"),
    HELM_REGISTRY_CONFIG: join(root, tool, "registry.json"),
  });
  const ce = envOf("charta"), he = envOf("helm");
  return {
    dir: (tool: "charta" | "helm") => join(root, tool),
    async run(args: (tool: "charta" | "helm") => string[]): Promise<{ c: RunResult; h: RunResult }> {
      await Deno.mkdir(ce.HOME, { recursive: true });
      await Deno.mkdir(he.HOME, { recursive: true });
      return { c: await charta(args("charta"), ce), h: await helm(bin!, args("helm"), he) };
    },
  };
}

Deno.test({
  name:
    "insecure TLS: chart repository with a self-signed certificate, refused as helm refuses it, used with the flag",
  ignore: bin === undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const fx = await repoFixture({ tls: true });
    try {
      const url = fx.server.url;
      const t = both(fx.root);

      let r = await t.run(() => ["repo", "add", "fx", url]);
      assert.equal(r.c.code, 1);
      assert.equal(r.c.stderr, r.h.stderr);
      assert.equal(
        r.c.stderr,
        `Error: looks like "${url}" is not a valid chart repository or cannot be reached: Get "${url}/index.yaml": ${CERT_ERROR}\n`,
      );

      r = await t.run(() => ["repo", "add", "fx", url, "--insecure-skip-tls-verify"]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.deepEqual(r.c, r.h);
      assert.equal(
        await Deno.readTextFile(join(t.dir("charta"), "config", "repositories.yaml")),
        await Deno.readTextFile(join(t.dir("helm"), "config", "repositories.yaml")),
      );

      // The entry's flag serves repo update; a pull by repo/chart needs the command's flag, in helm as here.
      r = await t.run(() => ["repo", "update"]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.deepEqual(r.c, r.h);
      r = await t.run((tool) => ["pull", "fx/webapp", "-d", t.dir(tool)]);
      assert.equal(r.c.code, 1);
      assert.equal(r.c.stderr, r.h.stderr);
      assert.equal(r.c.stderr, `Error: Get "${url}/webapp-1.4.2.tgz": ${CERT_ERROR}\n`);
      r = await t.run((tool) => ["pull", "fx/webapp", "-d", t.dir(tool), "--insecure-skip-tls-verify"]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.deepEqual(r.c, r.h);
      const pulled = await Deno.readFile(join(t.dir("charta"), "webapp-1.4.2.tgz"));
      assert.deepEqual(pulled, await Deno.readFile(join(t.dir("helm"), "webapp-1.4.2.tgz")));

      r = await t.run((tool) => [
        "pull",
        "operator",
        "--devel",
        "--repo",
        url,
        "--insecure-skip-tls-verify",
        "-d",
        t.dir(tool),
      ]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.deepEqual(r.c, r.h);

      // dependency update: the repository entry (matched by URL) carries the flag.
      for (const tool of ["charta", "helm"] as const) {
        const chart = join(t.dir(tool), "app");
        await Deno.mkdir(chart, { recursive: true });
        await Deno.writeTextFile(
          join(chart, "Chart.yaml"),
          `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: webapp\n  version: 1.4.2\n  repository: ${url}\n`,
        );
      }
      r = await t.run((tool) => ["dependency", "update", join(t.dir(tool), "app")]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.equal(r.c.stdout, r.h.stdout);
      assert.deepEqual(
        await Deno.readFile(join(t.dir("charta"), "app", "charts", "webapp-1.4.2.tgz")),
        await Deno.readFile(join(t.dir("helm"), "app", "charts", "webapp-1.4.2.tgz")),
      );
    } finally {
      await fx.close();
    }
  },
});

Deno.test({
  name:
    "insecure TLS: registry with a self-signed certificate, push, pull and login as helm with --insecure-skip-tls-verify / --insecure",
  ignore: bin === undefined || !registryForTests(),
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const reg = await startTlsRegistry();
    const root = await Deno.makeTempDir({ prefix: "charta-tls-registry-" });
    try {
      const t = both(root);
      const packed = await charta(["package", `${ROOT}fixtures/charts/webapp`, "-d", root], { HOME: root });
      assert.equal(packed.code, 0, packed.stderr);
      const tgz = join(root, "webapp-1.4.2.tgz");
      const ref = `oci://${reg.address}/tls/webapp`;

      let r = await t.run(() => ["push", tgz, `oci://${reg.address}/tls`]);
      assert.equal(r.c.code, 1);
      assert.equal(r.c.stderr, r.h.stderr);
      assert.match(
        r.c.stderr,
        /^Error: failed to perform "Exists" on destination: Head "https:.*": tls: failed/,
      );
      r = await t.run(() => ["push", tgz, `oci://${reg.address}/tls`, "--insecure-skip-tls-verify"]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.deepEqual(r.c, r.h);

      r = await t.run((tool) => ["pull", ref, "--version", "1.4.2", "-d", t.dir(tool)]);
      assert.equal(r.c.code, 1);
      assert.equal(r.c.stderr, r.h.stderr);
      r = await t.run((
        tool,
      ) => ["pull", ref, "--version", "1.4.2", "-d", t.dir(tool), "--insecure-skip-tls-verify"]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.deepEqual(r.c, r.h);

      r = await t.run(() => ["registry", "login", reg.address, "-u", "u", "-p", "p"]);
      assert.equal(r.c.code, 1);
      assert.equal(r.c.stderr, r.h.stderr);
      assert.match(r.c.stderr, new RegExp(`Get "https://${reg.address}/v2/": ${CERT_ERROR}\n$`));
      r = await t.run(() => ["registry", "login", reg.address, "-u", "u", "-p", "p", "--insecure"]);
      assert.equal(r.c.code, 0, r.c.stderr);
      assert.deepEqual(r.c, r.h);
    } finally {
      await reg.close();
      await Deno.remove(root, { recursive: true }).catch(() => {});
    }
  },
});
