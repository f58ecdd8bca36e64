/**
 * charta and helm 4 against a real OCI registry (Debian's docker-registry,
 * tests/lib/registry.ts): pushes by either are pulled and rendered by the
 * other with the same digests, logins are shared through helm's registry
 * config file, and bad credentials and tampered blobs are refused.
 */
import assert from "node:assert/strict";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";
import { registryCacheDir } from "../scripts/oci_registry.ts";
import { loginArgs, pullWebappArgs, registryForTests, scratchEnv, testRegistry } from "./lib/registry.ts";

const enabled = registryForTests() && helmBinary() !== undefined;
const ROOT = new URL("..", import.meta.url).pathname;

interface Scratch {
  home: string;
  env: Record<string, string>;
  charta: (...args: string[]) => Promise<RunResult>;
  helm: (...args: string[]) => Promise<RunResult>;
  /** A chart archive packaged by charta from fixtures/charts/NAME (its path). */
  pack: (name: string, version?: string) => Promise<string>;
}

async function withScratch(fn: (s: Scratch) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "charta-registry-" });
  const env = scratchEnv(home);
  const bin = helmBinary()!;
  const s: Scratch = {
    home,
    env,
    charta: (...args) => charta(args, env),
    helm: (...args) => helm(bin, args, env),
    pack: async (name, version) => {
      const extra = version ? ["--version", version] : [];
      const r = await charta(
        ["package", `${ROOT}fixtures/charts/${name}`, "-d", `${home}/pkg`, ...extra],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const m = /Successfully packaged chart and saved it to: (.*)\n/.exec(r.stdout);
      assert.ok(m, r.stdout);
      return m[1];
    },
  };
  try {
    await fn(s);
  } finally {
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}

/** A repository path no other test run uses. */
function fresh(prefix: string): string {
  return `${prefix}${crypto.randomUUID().slice(0, 8)}`;
}

async function manifestOf(address: string, repo: string, tag: string, auth?: string): Promise<string> {
  const headers: Record<string, string> = { Accept: "application/vnd.oci.image.manifest.v1+json" };
  if (auth) headers.Authorization = `Basic ${btoa(auth)}`;
  const res = await fetch(`http://${address}/v2/${repo}/manifests/${tag}`, { headers });
  assert.equal(res.status, 200);
  return await res.text();
}

Deno.test({
  name: "registry: charta push gives helm's manifest and digest; helm pulls and templates it",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("open");
      const tgz = await s.pack("webapp");
      const ours = fresh("ours");
      const theirs = fresh("theirs");
      const a = await s.charta("push", tgz, `oci://${reg.address}/${ours}`, "--plain-http");
      assert.equal(a.code, 0, a.stderr);
      const b = await s.helm("push", tgz, `oci://${reg.address}/${theirs}`, "--plain-http");
      assert.equal(b.code, 0, b.stderr);
      // Same archive bytes, same mtime: the same manifest, hence the same digest and output form.
      assert.equal(a.stdout, b.stdout.replaceAll(theirs, ours));
      assert.match(a.stdout, /^Pushed: [^\n]+\/webapp:1\.4\.2\nDigest: sha256:[0-9a-f]{64}\n$/);
      assert.equal(
        await manifestOf(reg.address, `${ours}/webapp`, "1.4.2"),
        await manifestOf(reg.address, `${theirs}/webapp`, "1.4.2"),
      );

      await Deno.mkdir(`${s.home}/out`);
      const pulled = await s.helm(
        "pull",
        `oci://${reg.address}/${ours}/webapp`,
        "--version",
        "1.4.2",
        "--plain-http",
        "-d",
        `${s.home}/out`,
      );
      assert.equal(pulled.code, 0, pulled.stderr);
      assert.deepEqual(await Deno.readFile(`${s.home}/out/webapp-1.4.2.tgz`), await Deno.readFile(tgz));

      const ht = await s.helm("template", "x", `oci://${reg.address}/${ours}/webapp`, "--plain-http");
      assert.equal(ht.code, 0, ht.stderr);
      const ct = await s.charta("template", "x", `oci://${reg.address}/${ours}/webapp`, "--plain-http");
      assert.equal(ct.code, 0, ct.stderr);
      assert.equal(ct.stdout, ht.stdout);

      for (const what of ["chart", "values"]) {
        const hs = await s.helm("show", what, `oci://${reg.address}/${ours}/webapp`, "--plain-http");
        const cs = await s.charta("show", what, `oci://${reg.address}/${ours}/webapp`, "--plain-http");
        assert.equal(cs.code, 0, cs.stderr);
        assert.equal(cs.stdout, hs.stdout);
      }
    }),
});

Deno.test({
  name: "registry: helm pushes, charta templates oci:// with --version, tags with + and constraints",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("open");
      const path = fresh("hp");
      for (const v of ["1.0.0", "1.2.0+build.5", "2.0.0-rc.1"]) {
        const tgz = await s.pack("webapp", v);
        const r = await s.helm("push", tgz, `oci://${reg.address}/${path}`, "--plain-http");
        assert.equal(r.code, 0, r.stderr);
      }
      // charta's push of a + version: the same tag, digest and underscore notice as helm's.
      const plus = await s.pack("webapp", "1.2.0+build.5");
      const mine = fresh("cp");
      const cp = await s.charta("push", plus, `oci://${reg.address}/${mine}`, "--plain-http");
      const hp = await s.helm("push", plus, `oci://${reg.address}/${fresh("hp")}`, "--plain-http");
      assert.equal(cp.code, 0, cp.stderr);
      assert.match(cp.stdout, /webapp:1\.2\.0_build\.5 contains an underscore\.\n/);
      assert.equal(
        cp.stdout.replace(/\/cp[0-9a-f]{8}\//g, "/X/"),
        hp.stdout.replace(/\/hp[0-9a-f]{8}\//g, "/X/"),
      );
      const ref = `oci://${reg.address}/${path}/webapp`;
      for (
        const args of [
          ["--version", "1.0.0"],
          [],
          ["--version", "^1"],
          ["--version", "1.2.0+build.5"],
          ["--devel"],
          ["--version", ">9"],
          ["--version", "3.0.0"],
        ]
      ) {
        const h = await s.helm("template", "x", ref, "--plain-http", ...args);
        const c = await s.charta("template", "x", ref, "--plain-http", ...args);
        assert.equal(c.stdout, h.stdout, args.join(" "));
        assert.equal(c.code, h.code, args.join(" "));
        if (h.code !== 0) assert.equal(c.stderr, h.stderr, args.join(" "));
      }
      // The digest of a tag, and a mismatch between reference and --version.
      const h = await s.helm("template", "x", `${ref}:1.0.0`, "--version", "1.2.0", "--plain-http");
      const c = await s.charta("template", "x", `${ref}:1.0.0`, "--version", "1.2.0", "--plain-http");
      assert.equal(c.stderr, h.stderr);
      assert.equal(c.code, 1);
    }),
});

Deno.test({
  name: "registry: login and logout shared with helm; wrong password and missing login give helm's errors",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("auth");
      const tgz = await s.pack("webapp");
      const path = fresh("auth");

      const bad = await s.charta(
        "registry",
        "login",
        reg.address,
        "-u",
        reg.username!,
        "-p",
        "wrong",
        "--plain-http",
      );
      const hbad = await s.helm(
        "registry",
        "login",
        reg.address,
        "-u",
        reg.username!,
        "-p",
        "wrong",
        "--plain-http",
      );
      assert.equal(bad.code, 1);
      assert.equal(bad.stderr, hbad.stderr);

      const nologin = await s.charta("push", tgz, `oci://${reg.address}/${path}`, "--plain-http");
      assert.equal(nologin.code, 1);
      assert.match(
        nologin.stderr,
        /^Error: failed to perform "Exists" on destination: HEAD .*: basic credential not found\n$/,
      );

      // --password-stdin, through a real process.
      const login = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--quiet",
          `${ROOT}main.ts`,
          "registry",
          "login",
          reg.address,
          "-u",
          reg.username!,
          "--password-stdin",
          "--plain-http",
        ],
        // The user's Deno cache, or the scratch HOME would make Deno download and compile everything again.
        env: { ...s.env, DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno` },
        clearEnv: true,
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const w = login.stdin.getWriter();
      await w.write(new TextEncoder().encode(reg.password + "\n"));
      await w.close();
      const out = await login.output();
      assert.equal(
        new TextDecoder().decode(out.stdout),
        "Login Succeeded\n",
        new TextDecoder().decode(out.stderr),
      );

      // helm uses charta's login without logging in itself.
      const hp = await s.helm("push", tgz, `oci://${reg.address}/${path}`, "--plain-http");
      assert.equal(hp.code, 0, hp.stderr);
      const ct = await s.charta(
        "template",
        "x",
        `oci://${reg.address}/${path}/webapp`,
        "--version",
        "1.4.2",
        "--plain-http",
      );
      assert.equal(ct.code, 0, ct.stderr);

      const lo = await s.charta("registry", "logout", reg.address);
      assert.equal(lo.stdout, `Removing login credentials for ${reg.address}\n`);
      const after = await s.helm(...pullWebappArgs(`oci://${reg.address}/${path}/webapp`, s.home));
      assert.equal(after.code, 1);

      // And the other way round: helm logs in, charta pushes.
      const hl = await s.helm(...loginArgs(reg));
      assert.equal(hl.code, 0, hl.stderr);
      const cp = await s.charta("push", tgz, `oci://${reg.address}/${fresh("auth")}`, "--plain-http");
      assert.equal(cp.code, 0, cp.stderr);
    }),
});

Deno.test({
  name: "registry: a tampered blob is refused and nothing lands in the content cache",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("open");
      // A chart archive of its own, so that no other test shares its blob in the registry's storage.
      const tgz = await s.pack("webapp", `0.0.1-t${Date.now()}`);
      const path = fresh("tamper");
      const r = await s.charta("push", tgz, `oci://${reg.address}/${path}`, "--plain-http");
      assert.equal(r.code, 0, r.stderr);
      const data = await Deno.readFile(tgz);
      const hex = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", data)), (b) =>
        b.toString(16).padStart(2, "0")).join("");
      const blobFile = `${registryCacheDir()}/open/data/docker/registry/v2/blobs/sha256/${
        hex.slice(0, 2)
      }/${hex}/data`;
      const tampered = data.slice();
      tampered[tampered.length - 5] ^= 0xff;
      await Deno.writeFile(blobFile, tampered);
      const version = /^Pushed: .*:([^:\n]+)\n/.exec(r.stdout)![1];
      const c = await s.charta(
        "template",
        "x",
        `oci://${reg.address}/${path}/webapp`,
        "--version",
        version,
        "--plain-http",
      );
      assert.equal(c.code, 1);
      assert.match(
        c.stderr,
        new RegExp(`^Error: unable to retrieve blob with digest sha256:${hex}: .*mismatched digest`),
      );
      const cached = await Array.fromAsync(Deno.readDir(`${s.home}/cache`)).catch(() => []);
      const content = cached.some((e) =>
          e.name === "content"
        )
        ? await Array.fromAsync(Deno.readDir(`${s.home}/cache/content`))
        : [];
      assert.deepEqual(content, []);
    }),
});

Deno.test({
  name: "registry: push errors as helm's (directory, missing file, scheme, strict name)",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("open");
      const tgz = await s.pack("webapp");
      for (
        const args of [
          [`${ROOT}fixtures/charts/webapp`, `oci://${reg.address}/x`],
          [`${s.home}/missing.tgz`, `oci://${reg.address}/x`],
          [tgz, "foo"],
          [tgz, "https://example.invalid/x"],
          [tgz, `oci://${reg.address}/Bad`],
        ]
      ) {
        const h = await s.helm("push", ...args, "--plain-http");
        const c = await s.charta("push", ...args, "--plain-http");
        assert.equal(c.stderr, h.stderr, args.join(" "));
        assert.equal(c.code, h.code, args.join(" "));
      }
    }),
});

Deno.test({
  name:
    "registry: dependency update and build with oci:// dependencies, as helm (output, Chart.lock, archives)",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("open");
      const path = fresh("deps");
      for (const v of ["1.0.0", "1.3.0", "2.0.0"]) {
        const r = await s.charta(
          "push",
          await s.pack("webapp", v),
          `oci://${reg.address}/${path}`,
          "--plain-http",
        );
        assert.equal(r.code, 0, r.stderr);
      }
      const chartYaml = `apiVersion: v2
name: parent
version: 0.1.0
dependencies:
  - name: webapp
    version: "^1.0.0"
    repository: oci://${reg.address}/${path}
  - name: webapp
    alias: pinned
    version: "2.0.0"
    repository: oci://${reg.address}/${path}
`;
      for (const who of ["charta", "helm"]) {
        await Deno.mkdir(`${s.home}/${who}/parent/templates`, { recursive: true });
        await Deno.writeTextFile(`${s.home}/${who}/parent/Chart.yaml`, chartYaml);
      }
      const c = await s.charta("dependency", "update", `${s.home}/charta/parent`, "--plain-http");
      const h = await s.helm("dependency", "update", `${s.home}/helm/parent`, "--plain-http");
      assert.equal(c.code, 0, c.stderr);
      assert.equal(c.stdout, h.stdout);
      const lock = (who: string) =>
        Deno.readTextFile(`${s.home}/${who}/parent/Chart.lock`).then((t) => t.replace(/generated: .*\n/, ""));
      assert.equal(await lock("charta"), await lock("helm"));
      for (const f of ["webapp-1.3.0.tgz", "webapp-2.0.0.tgz"]) {
        assert.deepEqual(
          await Deno.readFile(`${s.home}/charta/parent/charts/${f}`),
          await Deno.readFile(`${s.home}/helm/parent/charts/${f}`),
        );
      }
      const cb = await s.charta("dependency", "build", `${s.home}/charta/parent`, "--plain-http");
      const hb = await s.helm("dependency", "build", `${s.home}/helm/parent`, "--plain-http");
      assert.equal(cb.stdout, hb.stdout);
    }),
});

Deno.test({
  name: "registry: pull oci:// writes the archive helm pull writes, with the same lines; --untar unpacks it",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withScratch(async (s) => {
      const reg = await testRegistry("open");
      const tgz = await s.pack("webapp");
      const path = fresh("pull");
      const pushed = await s.helm("push", tgz, `oci://${reg.address}/${path}`, "--plain-http");
      assert.equal(pushed.code, 0, pushed.stderr);
      const ref = `oci://${reg.address}/${path}/webapp`;
      for (const tool of ["charta", "helm"] as const) await Deno.mkdir(`${s.home}/${tool}`);
      const c = await s.charta("pull", ref, "--version", "1.4.2", "--plain-http", "-d", `${s.home}/charta`);
      const h = await s.helm("pull", ref, "--version", "1.4.2", "--plain-http", "-d", `${s.home}/helm`);
      assert.deepEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr }, {
        code: h.code,
        stdout: h.stdout,
        stderr: h.stderr,
      });
      assert.deepEqual(
        await Deno.readFile(`${s.home}/charta/webapp-1.4.2.tgz`),
        await Deno.readFile(`${s.home}/helm/webapp-1.4.2.tgz`),
      );
      const u = await s.charta("pull", ref, "--plain-http", "--untar", "-d", `${s.home}/charta`);
      assert.equal(u.code, 0, u.stderr);
      assert.ok((await Deno.stat(`${s.home}/charta/webapp/Chart.yaml`)).isFile);
    }),
});
