/**
 * Provenance interop with the reference helm 4: keys made by GnuPG at test
 * time and exported to the legacy binary keyrings helm reads; charta signs
 * what helm verifies and the other way round, and both refuse the same
 * broken cases with the same error.
 */
import assert from "node:assert/strict";
import { charta, helm, helmBinary, isolatedEnv, type RunResult } from "./lib/cli.ts";
import { registryForTests, testRegistry } from "./lib/registry.ts";

const FIXTURES = new URL("../fixtures/charts/", import.meta.url).pathname;
const WEBAPP = `${FIXTURES}webapp`;
const HELM = helmBinary();
const HAVE_GPG = await new Deno.Command("gpg", { args: ["--version"], stdout: "null", stderr: "null" })
  .output().then((o) => o.success, () => false);
// Skipped locally without gpg; in CI (`CI` set) .ci/run installs it, so its absence is a failure.
if (!HAVE_GPG && Deno.env.get("CI")) throw new Error("gpg is missing; .ci/run must install gnupg");
const ignore = !HELM || !HAVE_GPG;

/** A throwaway GnuPG home with two keys and their exported keyrings. */
interface Keys {
  dir: string;
  /** Public keys of both signers. */
  pubring: string;
  /** Secret keys of both signers. */
  secring: string;
  /** Public key of a third key that signed nothing. */
  otherring: string;
  /** Holds the ed25519 key's passphrase. */
  passFile: string;
  env: Record<string, string>;
}

async function gpg(home: string, args: string[], stdoutFile?: string): Promise<void> {
  const out = await new Deno.Command("gpg", {
    args: ["--batch", "--pinentry-mode", "loopback", ...args],
    env: { GNUPGHOME: home },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`gpg ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  if (stdoutFile) await Deno.writeFile(stdoutFile, out.stdout);
}

let keys: Promise<Keys> | undefined;
function setup(): Promise<Keys> {
  keys ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "charta-prov-" });
    const home = `${dir}/gnupg`;
    const other = `${dir}/gnupg-other`;
    await Deno.mkdir(home, { mode: 0o700 });
    await Deno.mkdir(other, { mode: 0o700 });
    await gpg(home, [
      "--passphrase",
      "",
      "--quick-gen-key",
      "RSA Signer (charta test) <rsa@example.com>",
      "rsa2048",
    ]);
    await gpg(home, [
      "--passphrase",
      "ed pass phrase",
      "--quick-gen-key",
      "Ed Signer <ed@example.com>",
      "ed25519",
      "sign",
    ]);
    await gpg(other, ["--passphrase", "", "--quick-gen-key", "Other <other@example.com>", "ed25519", "sign"]);
    const k: Keys = {
      dir,
      pubring: `${dir}/pubring.gpg`,
      secring: `${dir}/secring.gpg`,
      otherring: `${dir}/other.gpg`,
      passFile: `${dir}/pass.txt`,
      env: isolatedEnv(dir, { GNUPGHOME: home }),
    };
    await gpg(home, ["--export"], k.pubring);
    await gpg(home, ["--passphrase", "ed pass phrase", "--export-secret-keys"], k.secring);
    await gpg(other, ["--export"], k.otherring);
    await Deno.writeTextFile(k.passFile, "ed pass phrase\n");
    return k;
  })();
  return keys;
}

const show = (r: RunResult) => `${r.code}\n${r.stdout}${r.stderr}`;

Deno.test({
  name: "provenance interop with helm 4",
  ignore,
  sanitizeResources: false,
  fn: async (t) => {
    const k = await setup();
    const helmRun = (args: string[]) => helm(HELM!, args, k.env);
    try {
      await t.step(
        "charta package --sign (RSA key): helm verify accepts it and both print the same",
        async () => {
          const dest = `${k.dir}/charta-rsa`;
          const r = await charta([
            "package",
            "--sign",
            "--key",
            "RSA Signer",
            "--keyring",
            k.secring,
            WEBAPP,
            "-d",
            dest,
          ]);
          assert.equal(r.stderr, "");
          assert.equal(r.code, 0);
          const archive = `${dest}/webapp-1.4.2.tgz`;
          const h = await helmRun(["verify", "--keyring", k.pubring, archive]);
          assert.equal(h.code, 0, h.stderr);
          assert.match(
            h.stdout,
            /^Signed by: RSA Signer \(charta test\) <rsa@example.com>\nUsing Key With Fingerprint: [0-9A-F]{40}\nChart Hash Verified: sha256:[0-9a-f]{64}\n$/,
          );
          assert.equal(show(await charta(["verify", "--keyring", k.pubring, archive])), show(h));
        },
      );

      await t.step("charta package --sign with --passphrase-file (ed25519): helm verifies it", async () => {
        const dest = `${k.dir}/charta-ed`;
        const r = await charta([
          "package",
          "--sign",
          "--key",
          "ed@example.com",
          "--keyring",
          k.secring,
          "--passphrase-file",
          k.passFile,
          WEBAPP,
          "-d",
          dest,
        ]);
        assert.equal(r.code, 0, r.stderr);
        const h = await helmRun(["verify", "--keyring", k.pubring, `${dest}/webapp-1.4.2.tgz`]);
        assert.equal(h.code, 0, h.stderr);
        assert.match(h.stdout, /^Signed by: Ed Signer <ed@example.com>\n/);
      });

      await t.step("helm package --sign: charta verify accepts it with helm's output", async () => {
        const dest = `${k.dir}/helm-signed`;
        const p = await helmRun([
          "package",
          "--sign",
          "--key",
          "Ed Signer",
          "--keyring",
          k.secring,
          "--passphrase-file",
          k.passFile,
          WEBAPP,
          "-d",
          dest,
        ]);
        assert.equal(p.code, 0, p.stderr);
        const archive = `${dest}/webapp-1.4.2.tgz`;
        const c = await charta(["verify", "--keyring", k.pubring, archive]);
        assert.equal(c.code, 0, c.stderr);
        assert.equal(show(c), show(await helmRun(["verify", "--keyring", k.pubring, archive])));
      });

      await t.step("the .prov text is helm's apart from the signature bytes", async () => {
        const ours = await Deno.readTextFile(`${k.dir}/charta-ed/webapp-1.4.2.tgz.prov`);
        const theirs = await Deno.readTextFile(`${k.dir}/helm-signed/webapp-1.4.2.tgz.prov`);
        const frame = (s: string) =>
          s.replace(/sha256:[0-9a-f]{64}/, "sha256:X").replace(
            /\n\n[A-Za-z0-9+/=\n]+\n-----END/,
            "\n\nSIG\n-----END",
          );
        assert.equal(frame(ours), frame(theirs));
        assert.ok(ours.endsWith("-----END PGP SIGNATURE-----"));
        assert.match(ours, /\n- - web\n/);
      });

      await t.step("a v1 chart's signed metadata keeps its requirements, as helm's does", async () => {
        const src = `${k.dir}/v1`;
        await Deno.mkdir(src);
        for (const c of ["pkg-v1", "pkg-dep-a"]) {
          await new Deno.Command("cp", { args: ["-r", `${FIXTURES}${c}`, `${src}/${c}`] }).output();
        }
        const args = (
          d: string,
        ) => [
          "package",
          "-u",
          "--sign",
          "--key",
          "RSA Signer",
          "--keyring",
          k.secring,
          `${src}/pkg-v1`,
          "-d",
          d,
        ];
        assert.equal((await helmRun(args(`${k.dir}/v1-helm`))).code, 0);
        assert.equal((await charta(args(`${k.dir}/v1-charta`))).code, 0);
        const body = async (d: string) => {
          const name = (await Array.fromAsync(Deno.readDir(d), (e) => e.name)).find((n) =>
            n.endsWith(".prov")
          )!;
          const text = await Deno.readTextFile(`${d}/${name}`);
          return text.slice(0, text.indexOf("-----BEGIN PGP SIGNATURE-----"));
        };
        const mine = await body(`${k.dir}/v1-charta`);
        assert.match(mine, /\ndependencies:\n- - name: pkg-dep-a\n/);
        assert.equal(mine, await body(`${k.dir}/v1-helm`));
      });

      await t.step("bad cases: same error and exit code from both", async () => {
        const good = `${k.dir}/charta-rsa/webapp-1.4.2.tgz`;
        const tampered = `${k.dir}/tampered/webapp-1.4.2.tgz`;
        await Deno.mkdir(`${k.dir}/tampered`);
        const bytes = await Deno.readFile(good);
        bytes[bytes.length - 5] ^= 1;
        await Deno.writeFile(tampered, bytes);
        await Deno.copyFile(`${good}.prov`, `${tampered}.prov`);
        const badSig = `${k.dir}/badsig/webapp-1.4.2.tgz`;
        await Deno.mkdir(`${k.dir}/badsig`);
        await Deno.copyFile(good, badSig);
        const prov = await Deno.readTextFile(`${good}.prov`);
        await Deno.writeTextFile(`${badSig}.prov`, prov.replace("name: webapp", "name: webapq"));
        const unsigned = `${k.dir}/unsigned/webapp-1.4.2.tgz`;
        await Deno.mkdir(`${k.dir}/unsigned`);
        await Deno.copyFile(good, unsigned);
        const armored = `${k.dir}/armored.asc`;
        await Deno.writeTextFile(armored, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
        const cases: [string, string[]][] = [
          ["tampered archive", ["verify", "--keyring", k.pubring, tampered]],
          ["tampered .prov text", ["verify", "--keyring", k.pubring, badSig]],
          ["wrong keyring", ["verify", "--keyring", k.otherring, good]],
          ["no .prov", ["verify", "--keyring", k.pubring, unsigned]],
          ["armored keyring", ["verify", "--keyring", armored, good]],
          ["missing keyring", ["verify", "--keyring", `${k.dir}/none.gpg`, good]],
          ["a directory", ["verify", "--keyring", k.pubring, WEBAPP]],
          ["not a .tgz", ["verify", "--keyring", k.pubring, k.passFile]],
          ["ambiguous --key", [
            "package",
            "--sign",
            "--key",
            "Signer",
            "--keyring",
            k.secring,
            WEBAPP,
            "-d",
            `${k.dir}/x`,
          ]],
          ["unknown --key", [
            "package",
            "--sign",
            "--key",
            "nobody",
            "--keyring",
            k.secring,
            WEBAPP,
            "-d",
            `${k.dir}/y`,
          ]],
          ["public keyring for signing", [
            "package",
            "--sign",
            "--key",
            "RSA",
            "--keyring",
            k.pubring,
            WEBAPP,
            "-d",
            `${k.dir}/z`,
          ]],
          ["wrong passphrase", [
            "package",
            "--sign",
            "--key",
            "Ed Signer",
            "--keyring",
            k.secring,
            "--passphrase-file",
            armored,
            WEBAPP,
            "-d",
            `${k.dir}/w`,
          ]],
          ["template --verify, signed", ["template", "x", good, "--verify", "--keyring", k.pubring]],
          ["template --verify, tampered", ["template", "x", tampered, "--verify", "--keyring", k.pubring]],
          ["template --verify, unsigned", ["template", "x", unsigned, "--verify", "--keyring", k.pubring]],
          ["install --verify --dry-run=client, signed", [
            "install",
            "x",
            good,
            "--verify",
            "--keyring",
            k.pubring,
            "--dry-run=client",
          ]],
          ["install --verify --dry-run=client, unsigned", [
            "install",
            "x",
            unsigned,
            "--verify",
            "--keyring",
            k.pubring,
            "--dry-run=client",
          ]],
        ];
        for (const [name, args] of cases) {
          const h = await helmRun(args);
          const c = await charta(args);
          assert.equal(show(c), show(h), name);
        }
      });
    } finally {
      await Deno.remove(k.dir, { recursive: true });
      // The next test makes its keys anew.
      keys = undefined;
    }
  },
});

/** One `dependency update --verify` case: what it checks, the dependency's Chart.yaml entry, the keyring. */
type VerifyCase = [what: string, dependency: string, keyring: string];

/**
 * Runs `dependency update --verify` (plus `extra` flags) for each case with charta and with helm, each in
 * a folder of its own under `root`, and asserts the same output, exit code and charts/; only the first case
 * may succeed.
 */
async function sameVerifyOutcomes(
  root: string,
  env: Record<string, string>,
  cases: VerifyCase[],
  extra: string[] = [],
): Promise<void> {
  for (const [i, [what, dependency, keyring]] of cases.entries()) {
    const results: string[] = [];
    for (const tool of ["charta", "helm"]) {
      const dir = `${root}/${tool}${i}`;
      await Deno.mkdir(dir);
      await Deno.writeTextFile(
        `${dir}/Chart.yaml`,
        `apiVersion: v2\nname: par\nversion: 0.1.0\ndependencies:\n${dependency}`,
      );
      const args = ["dependency", "update", dir, "--verify", "--keyring", keyring, ...extra];
      const r = tool === "charta" ? await charta(args, env) : await helm(HELM!, args, env);
      let charts: string[] = [];
      try {
        charts = [...Deno.readDirSync(`${dir}/charts`)].map((e) => e.name);
      } catch {
        // no charts/ folder
      }
      results.push(
        show(r).replaceAll(dir, "DIR").replace(/tmpcharts-\d+/g, "tmpcharts-N") + charts.sort().join(","),
      );
    }
    assert.equal(results[0], results[1], what);
    assert.equal(results[0].startsWith("0\n"), i === 0, `${what}: ${results[0]}`);
  }
}

Deno.test({
  name: "dependency update --verify checks each repository archive's .prov against the keyring, as helm",
  ignore,
  sanitizeResources: false,
  fn: async () => {
    const k = await setup();
    const { startRepoServer } = await import("../scripts/chart_repo_server.ts");
    const root = await Deno.makeTempDir({ prefix: "charta-dep-verify-" });
    const repoDir = `${root}/repo`;
    // webapp signed (with its .prov beside it), operator not.
    const signed = await charta(
      ["package", "--sign", "--key", "RSA Signer", "--keyring", k.secring, WEBAPP, "-d", repoDir],
      k.env,
    );
    assert.equal(signed.code, 0, signed.stderr);
    assert.equal((await charta(["package", `${FIXTURES}operator`, "-d", repoDir], k.env)).code, 0);
    assert.equal((await helm(HELM!, ["repo", "index", repoDir], k.env)).code, 0);
    const server = await startRepoServer({ dir: repoDir });
    try {
      const env = { ...k.env, HELM_CONFIG_HOME: `${root}/config`, HELM_CACHE_HOME: `${root}/cache` };
      assert.equal((await helm(HELM!, ["repo", "add", "fx", server.url], env)).code, 0);
      const dep = (name: string) => `- name: ${name}\n  version: ">=0.0.0-0"\n  repository: "@fx"\n`;
      await sameVerifyOutcomes(root, env, [
        ["a signed archive and the signer's keyring", dep("webapp"), k.pubring],
        ["a keyring without the signer", dep("webapp"), k.otherring],
        ["an archive without a .prov", dep("operator"), k.pubring],
      ]);
    } finally {
      await server.close();
      await Deno.remove(root, { recursive: true });
      await Deno.remove(k.dir, { recursive: true });
      keys = undefined;
    }
  },
});

Deno.test({
  name: "dependency update --verify pulls an OCI dependency's provenance layer and checks it, as helm",
  ignore: ignore || !registryForTests(),
  sanitizeResources: false,
  fn: async () => {
    const k = await setup();
    const reg = await testRegistry("open");
    const root = await Deno.makeTempDir({ prefix: "charta-oci-verify-" });
    try {
      const env = {
        ...k.env,
        HELM_REGISTRY_CONFIG: `${root}/registry.json`,
        HELM_CACHE_HOME: `${root}/cache`,
      };
      const base = `oci://${reg.address}/verify-${crypto.randomUUID().slice(0, 8)}`;
      // webapp pushed with its .prov (a provenance layer), operator without.
      const signed = await charta(
        ["package", "--sign", "--key", "RSA Signer", "--keyring", k.secring, WEBAPP, "-d", `${root}/signed`],
        env,
      );
      assert.equal(signed.code, 0, signed.stderr);
      assert.equal((await charta(["package", `${FIXTURES}operator`, "-d", `${root}/plain`], env)).code, 0);
      for (const dir of ["signed", "plain"]) {
        for (const f of Deno.readDirSync(`${root}/${dir}`)) {
          if (!f.name.endsWith(".tgz")) continue;
          const r = await helm(HELM!, ["push", `${root}/${dir}/${f.name}`, base, "--plain-http"], env);
          assert.equal(r.code, 0, r.stderr);
        }
      }
      const operatorVersion = [...Deno.readDirSync(`${root}/plain`)][0].name.replace(
        /^operator-|\.tgz$/g,
        "",
      );
      const dep = (name: string, version: string) =>
        `- name: ${name}\n  version: ${version}\n  repository: ${base}\n`;
      await sameVerifyOutcomes(root, env, [
        ["a provenance layer and the signer's keyring", dep("webapp", "1.4.2"), k.pubring],
        ["a keyring without the signer", dep("webapp", "1.4.2"), k.otherring],
        ["no provenance layer", dep("operator", operatorVersion), k.pubring],
      ], ["--plain-http"]);
    } finally {
      await Deno.remove(root, { recursive: true });
      await Deno.remove(k.dir, { recursive: true });
      keys = undefined;
    }
  },
});
