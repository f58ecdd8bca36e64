/**
 * Chart repositories against a real HTTP server (scripts/chart_repo_server.ts):
 * charta and the reference helm 4 share one HOME and HELM_* folders, each
 * reads what the other wrote, and their outputs are compared. Also the
 * security rules: credentials only for the repository's own origin, TLS with
 * a private CA, and refused downloads (wrong digest, cut short) that leave
 * nothing behind.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";
import { readTree, repoFixture, startRepoServer } from "./lib/chart_repo.ts";

const HELM = helmBinary();
const ignore = HELM === undefined;

function same(a: RunResult, b: RunResult, what: string) {
  assert.deepEqual(
    { code: a.code, stdout: a.stdout, stderr: a.stderr },
    { code: b.code, stdout: b.stdout, stderr: b.stderr },
    what,
  );
}

async function both(args: string[], env: Record<string, string>) {
  return { c: await charta(args, env), h: await helm(HELM!, args, env) };
}

Deno.test({
  name: "helm adds a repository; charta lists, searches and pulls from it exactly as helm does",
  ignore,
  fn: async () => {
    const fx = await repoFixture();
    try {
      const add = await helm(HELM!, ["repo", "add", "fx", fx.server.url], fx.env);
      assert.equal(add.code, 0, add.stderr);
      for (
        const args of [
          ["repo", "list"],
          ["repo", "list", "-o", "json"],
          ["repo", "list", "-o", "yaml"],
          ["repo", "list", "--no-headers"],
          ["search", "repo"],
          ["search", "repo", "web"],
          ["search", "repo", "fixture", "-o", "json"],
          ["search", "repo", "--devel", "-o", "yaml"],
          ["search", "repo", "-l", "--devel"],
          ["search", "repo", "--version", "^1"],
          ["search", "repo", "--regexp", "^op"],
          ["search", "repo", "--max-col-width", "10"],
          ["search", "repo", "nothing-matches"],
          ["search", "repo", "nothing-matches", "--fail-on-no-result"],
          ["search", "repo", "--version", "nope"],
          ["pull", "fx/nope"],
          ["pull", "nope/webapp"],
          ["pull", "webapp"],
          ["pull", "fx/webapp", "--version", "9.9.9"],
          ["show", "chart", "fx/webapp"],
          ["show", "values", "fx/operator", "--devel"],
          ["template", "r", "fx/webapp"],
          ["template", "r", "webapp", "--repo", fx.server.url],
          ["template", "r", "nope", "--repo", fx.server.url],
          ["template", "r", `${fx.server.url}/webapp-1.4.2.tgz`],
        ]
      ) {
        const r = await both(args, fx.env);
        same(r.c, r.h, args.join(" "));
      }
      const dc = join(fx.root, "pc"), dh = join(fx.root, "ph");
      await Deno.mkdir(dc);
      await Deno.mkdir(dh);
      for (
        const args of [
          ["pull", "fx/webapp"],
          ["pull", "fx/operator", "--devel", "--untar"],
          ["pull", "webapp", "--repo", fx.server.url, "--untar", "--untardir", "u"],
          ["pull", `${fx.server.url}/webapp-1.4.2.tgz`, "--untar", "--untardir", "v"],
        ]
      ) {
        const c = await charta([...args, "-d", dc], fx.env);
        const h = await helm(HELM!, [...args, "-d", dh], fx.env);
        same(c, h, args.join(" "));
      }
      assert.deepEqual(await readTree(dc), await readTree(dh));
      // Pulling again over an unpacked chart fails alike.
      const again = ["pull", "fx/operator", "--devel", "--untar"];
      const ca = await charta([...again, "-d", dc], fx.env);
      const ha = await helm(HELM!, [...again, "-d", dh], fx.env);
      same(
        { ...ca, stderr: ca.stderr.replace(dc, "D") },
        { ...ha, stderr: ha.stderr.replace(dh, "D") },
        "again",
      );
    } finally {
      await fx.close();
    }
  },
});

Deno.test({
  name: "charta adds a repository; its files equal helm's and helm reads them",
  ignore,
  fn: async () => {
    const fx = await repoFixture();
    try {
      const henv = {
        ...fx.env,
        HELM_CONFIG_HOME: join(fx.root, "hconfig"),
        HELM_CACHE_HOME: join(fx.root, "hcache"),
      };
      const args = ["repo", "add", "fx", fx.server.url, "--username", "u", "--password", "p"];
      same(await charta(args, fx.env), await helm(HELM!, args, henv), "repo add");
      assert.equal(
        await Deno.readTextFile(join(fx.env.HELM_CONFIG_HOME, "repositories.yaml")),
        await Deno.readTextFile(join(henv.HELM_CONFIG_HOME, "repositories.yaml")),
      );
      for (const f of ["fx-index.yaml", "fx-charts.txt"]) {
        const a = await Deno.readTextFile(join(fx.env.HELM_CACHE_HOME, "repository", f));
        const b = await Deno.readTextFile(join(henv.HELM_CACHE_HOME, "repository", f));
        assert.deepEqual(a.split("\n").sort(), b.split("\n").sort(), f);
      }
      // helm works on charta's files; the same add again is skipped by both; a different one refused.
      same(
        await helm(HELM!, ["search", "repo", "-l", "--devel"], fx.env),
        await charta(["search", "repo", "-l", "--devel"], fx.env),
        "search",
      );
      same(await charta(args, fx.env), await helm(HELM!, args, fx.env), "add again");
      const other = ["repo", "add", "fx", fx.server.url];
      same(await charta(other, fx.env), await helm(HELM!, other, fx.env), "add clash");
      for (
        const a of [
          ["repo", "add", "a/b", fx.server.url],
          ["repo", "add", "bad", `${fx.server.url}/missing`],
          ["repo", "add", "old", "https://kubernetes-charts.storage.googleapis.com"],
          ["repo", "update", "nope"],
          ["repo", "update", "fx"],
          ["repo", "remove", "nope"],
        ]
      ) {
        same(await charta(a, fx.env), await helm(HELM!, a, fx.env), a.join(" "));
      }
      same(
        await charta(["repo", "remove", "fx"], fx.env),
        await helm(HELM!, ["repo", "remove", "fx"], henv),
        "rm",
      );
      assert.deepEqual([...Deno.readDirSync(join(fx.env.HELM_CACHE_HOME, "repository"))], []);
      for (
        const a of [["repo", "list"], ["repo", "list", "-o", "json"], ["repo", "update"], [
          "repo",
          "remove",
          "fx",
        ], ["search", "repo"]]
      ) {
        same(await charta(a, fx.env), await helm(HELM!, a, fx.env), a.join(" "));
      }
    } finally {
      await fx.close();
    }
  },
});

Deno.test({
  name: "repo index writes what helm writes apart from time stamps, with --url, --merge and --json",
  ignore,
  fn: async () => {
    const fx = await repoFixture();
    try {
      const strip = (s: string) => s.replace(/"\d{4}-\d\d-\d\dT[^"]*"/g, "T");
      const out = join(fx.repoDir, "index.yaml");
      const old = join(fx.root, "old.yaml");
      await Deno.writeTextFile(
        old,
        "apiVersion: v1\nentries:\n  webapp:\n  - name: webapp\n    version: 0.0.1\n    urls: [http://old/webapp-0.0.1.tgz]\n    created: 2020-01-01T00:00:00Z\n",
      );
      for (
        const args of [
          ["repo", "index", fx.repoDir],
          ["repo", "index", fx.repoDir, "--url", "https://charts.example.com/sub/"],
          ["repo", "index", fx.repoDir, "--merge", old],
          ["repo", "index", fx.repoDir, "--json", "--url", "http://x"],
          ["repo", "index", join(fx.root, "nope")],
        ]
      ) {
        const c = await charta(args, fx.env);
        const ct = await Deno.readTextFile(out).catch(() => "");
        const h = await helm(HELM!, args, fx.env);
        // helm's temporary file name has a random suffix.
        h.stderr = h.stderr.replace(/index\.yaml\d+:/, "index.yaml:");
        const ht = await Deno.readTextFile(out).catch(() => "");
        same(c, h, args.join(" "));
        assert.equal(strip(ct), strip(ht), args.join(" "));
      }
    } finally {
      await fx.close();
    }
  },
});

Deno.test({
  name:
    "dependency update and build from @name and https repositories match helm (Chart.lock, charts/, output)",
  ignore,
  fn: async () => {
    const fx = await repoFixture();
    try {
      await helm(HELM!, ["repo", "add", "fx", fx.server.url], fx.env);
      const chartYaml = `apiVersion: v2\nname: par\nversion: 0.1.0\ndependencies:\n` +
        `- name: webapp\n  version: ^1.0.0\n  repository: "@fx"\n` +
        `- name: operator\n  version: ">=2.0.0-0"\n  repository: ${fx.server.url}\n`;
      const pc = join(fx.root, "pc"), ph = join(fx.root, "ph");
      for (const d of [pc, ph]) {
        await Deno.mkdir(d);
        await Deno.writeTextFile(join(d, "Chart.yaml"), chartYaml);
      }
      for (
        const args of [["dependency", "update"], ["dependency", "build", "--skip-refresh"], [
          "dependency",
          "build",
        ]]
      ) {
        await Deno.remove(join(pc, "charts"), { recursive: true }).catch(() => {});
        await Deno.remove(join(ph, "charts"), { recursive: true }).catch(() => {});
        same(await charta([...args, pc], fx.env), await helm(HELM!, [...args, ph], fx.env), args.join(" "));
        const strip = (m: Map<string, Uint8Array>) => {
          const lock = new TextDecoder().decode(m.get("Chart.lock")).replace(/generated: .*\n/, "");
          m.delete("Chart.lock");
          return { lock, rest: m };
        };
        assert.deepEqual(strip(await readTree(pc)), strip(await readTree(ph)), args.join(" "));
      }
    } finally {
      await fx.close();
    }
  },
});

Deno.test("credentials go only to the repository's own origin, not to hosts an index or a redirect names", async () => {
  const cdnDir = await Deno.makeTempDir();
  const cdn = await startRepoServer({ dir: cdnDir });
  const fx = await repoFixture({ auth: { username: "u", password: "p" } });
  try {
    const idxPath = join(fx.repoDir, "index.yaml");
    // The index points webapp at the CDN (another port: another origin).
    await Deno.copyFile(join(fx.repoDir, "webapp-1.4.2.tgz"), join(cdnDir, "webapp-1.4.2.tgz"));
    const idx = await Deno.readTextFile(idxPath);
    await Deno.writeTextFile(idxPath, idx.replace("- webapp-1.4.2.tgz", `- ${cdn.url}/webapp-1.4.2.tgz`));
    const noAuth = await charta(["repo", "add", "fx", fx.server.url], fx.env);
    assert.match(noAuth.stderr, /failed to fetch http:\/\/127\.0\.0\.1:\d+\/index\.yaml : 401 Unauthorized/);
    const add = await charta(
      ["repo", "add", "fx", fx.server.url, "--username", "u", "--password", "p"],
      fx.env,
    );
    assert.equal(add.code, 0, add.stderr);
    const d1 = join(fx.root, "d1");
    await Deno.mkdir(d1);
    assert.equal((await charta(["pull", "fx/webapp", "-d", d1], fx.env)).code, 0);
    assert.equal((await charta(["pull", "fx/operator", "--devel", "-d", d1], fx.env)).code, 0);
    assert.ok(
      fx.server.requests.filter((r) => r.path !== "/index.yaml" || r.authorization).every((r) =>
        r.authorization
      ),
    );
    assert.deepEqual(cdn.requests.map((r) => [r.path, r.authorization]), [["/webapp-1.4.2.tgz", null]]);
    // --pass-credentials: the user asked for them to go everywhere.
    await charta([
      "repo",
      "add",
      "fx",
      fx.server.url,
      "--username",
      "u",
      "--password",
      "p",
      "--pass-credentials",
      "--force-update",
    ], fx.env);
    await charta(["pull", "fx/webapp", "-d", join(fx.root, "d2"), "--untar"], fx.env);
    assert.ok(cdn.requests.at(-1)!.authorization?.startsWith("Basic "));
    // --repo with flags' credentials: a redirect to another origin drops them.
    const redirect = await startRepoServer({
      dir: fx.repoDir,
      auth: { username: "u", password: "p" },
      redirects: { "/webapp-1.4.2.tgz": `${cdn.url}/webapp-1.4.2.tgz` },
    });
    try {
      await Deno.writeTextFile(idxPath, idx);
      const before = cdn.requests.length;
      const r = await charta(
        [
          "pull",
          "webapp",
          "--repo",
          redirect.url,
          "--username",
          "u",
          "--password",
          "p",
          "-d",
          join(fx.root, "d1"),
        ],
        fx.env,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(cdn.requests.slice(before).map((x) => x.authorization), [null]);
    } finally {
      await redirect.close();
    }
  } finally {
    await fx.close();
    await cdn.close();
    await Deno.remove(cdnDir, { recursive: true });
  }
});

Deno.test("TLS with a private CA: refused without --ca-file, added and pulled with it", async () => {
  const fx = await repoFixture({ tls: true });
  try {
    const bad = await charta(["repo", "add", "fx", fx.server.url], fx.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /is not a valid chart repository or cannot be reached/);
    const ok = await charta(["repo", "add", "fx", fx.server.url, "--ca-file", fx.server.caFile!], fx.env);
    assert.equal(ok.code, 0, ok.stderr);
    const pulled = await charta(["pull", "fx/webapp", "-d", fx.root], fx.env);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.ok((await Deno.stat(join(fx.root, "webapp-1.4.2.tgz"))).size > 0);
  } finally {
    await fx.close();
  }
});

Deno.test("a wrong digest or a download cut short is refused, and nothing is left in the cache or the folder", async () => {
  const fx = await repoFixture({ truncate: ["/operator-2.0.0-rc.1+build.7.tgz"] });
  try {
    const idxPath = join(fx.repoDir, "index.yaml");
    const idx = await Deno.readTextFile(idxPath);
    // webapp's digest is the last one before its name (keys are sorted; operator comes first).
    const at = idx.lastIndexOf("digest: ", idx.indexOf("name: webapp"));
    await Deno.writeTextFile(idxPath, idx.slice(0, at) + `digest: ${"e".repeat(64)}` + idx.slice(at + 72));
    assert.equal((await charta(["repo", "add", "fx", fx.server.url], fx.env)).code, 0);
    const dest = join(fx.root, "out");
    await Deno.mkdir(dest);
    const wrong = await charta(["pull", "fx/webapp", "-d", dest], fx.env);
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /^Error: digest mismatch for http:\/\/127\.0\.0\.1:\d+\/webapp-1\.4\.2\.tgz: the index says sha256:e{64}, the download has sha256:[0-9a-f]{64}\n$/,
    );
    const cut = await charta(["pull", "fx/operator", "--devel", "-d", dest, "--untar"], fx.env);
    assert.equal(cut.code, 1);
    assert.match(cut.stderr, /^Error: /);
    const tpl = await charta(["template", "r", "fx/webapp"], fx.env);
    assert.equal(tpl.code, 1);
    assert.deepEqual([...Deno.readDirSync(dest)], []);
    const content = join(fx.env.HELM_CACHE_HOME, "content");
    const cached = await readTree(content).catch(() => new Map());
    assert.deepEqual([...cached.keys()], []);
  } finally {
    await fx.close();
  }
});

Deno.test({
  name: "help of repo, search repo and pull equals helm's",
  ignore,
  fn: async () => {
    const env = { HOME: "/nonexistent", PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };
    const usage = (s: string) => s.slice(s.indexOf("Usage:")).replace(/(^|\s|")helm(?=[\s"])/g, "$1charta");
    for (
      const cmd of [
        ["repo"],
        ["repo", "add"],
        ["repo", "list"],
        ["repo", "update"],
        ["repo", "remove"],
        ["repo", "index"],
        ["search", "repo"],
        ["pull"],
      ]
    ) {
      const ours = await charta([...cmd, "--help"], env);
      const theirs = await helm(HELM!, [...cmd, "--help"], env);
      assert.equal(usage(ours.stdout), usage(theirs.stdout), cmd.join(" "));
    }
  },
});
