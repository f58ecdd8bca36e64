import assert from "node:assert/strict";
import { charta, chartaProcess, helm, helmBinary, isolatedEnv } from "./lib/cli.ts";

const HOME = "/nonexistent-home";
const env = isolatedEnv(HOME);
const helmBin = helmBinary();

Deno.test("version prints helm's BuildInfo form; --short the version", async () => {
  const full = await charta(["version"], env);
  assert.equal(full.code, 0);
  assert.match(
    full.stdout,
    /^version\.BuildInfo\{Version:"v4\.2\.4", GitCommit:"", GitTreeState:"", GoVersion:"deno[\d.]+", KubeClientVersion:"v1\.36", ChartaVersion:"[\d.]+"\}\n$/,
  );
  assert.equal((await charta(["version", "--short"], env)).stdout, "v4.2.4\n");
  assert.equal((await charta(["version", "--short=false"], env)).stdout, full.stdout);
});

Deno.test("version --template renders a Go template over the build information, as helm does", async () => {
  const r = await charta(["version", "--template", "{{.Version}}|{{.KubeClientVersion}}"], env);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "v4.2.4|v1.36");
  const bad = await charta(["version", "--template", "{{.Nope}}"], env);
  assert.equal(bad.code, 1);
  assert.equal(
    bad.stderr,
    'Error: template: _:1:2: executing "_" at <.Nope>: can\'t evaluate field Nope in type version.BuildInfo\n',
  );
});

Deno.test("version rejects arguments with helm's message and usage line", async () => {
  const r = await charta(["version", "extra"], env);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error: "charta version" accepts no arguments\n\nUsage:  charta version [flags]\n');
});

Deno.test('env prints sorted KEY="value" lines with helm\'s keys, and one value for env KEY', async () => {
  const r = await charta(["env"], { ...env, HELM_NAMESPACE: "team" });
  const lines = r.stdout.trimEnd().split("\n");
  const keys = lines.map((l) => l.split("=")[0]);
  assert.deepEqual(keys, [...keys].sort());
  assert.ok(lines.includes('HELM_NAMESPACE="team"'));
  assert.ok(lines.includes(`HELM_REPOSITORY_CONFIG="${HOME}/.config/helm/repositories.yaml"`));
  assert.equal((await charta(["env", "HELM_CACHE_HOME"], env)).stdout, `${HOME}/.cache/helm\n`);
  assert.equal((await charta(["env", "NOPE"], env)).stdout, "\n");
  assert.equal((await charta(["env", "a", "b"], env)).code, 1);
});

Deno.test("global flags override the environment, anywhere on the line", async () => {
  const r = await charta(["env", "HELM_NAMESPACE", "-n", "flagged"], { ...env, HELM_NAMESPACE: "fromenv" });
  assert.equal(r.stdout, "flagged\n");
  const q = await charta(["--qps=2.5", "env", "HELM_QPS"], env);
  assert.equal(q.stdout, "2.50\n");
});

Deno.test("an unknown command is an error that names the closest command", async () => {
  const r = await charta(["verison"], env);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'Error: unknown command "verison" for "charta"\n\nDid you mean this?\n\tversion\n\nRun \'charta --help\' for usage.\n',
  );
  const far = await charta(["zzz"], env);
  assert.equal(far.stderr, 'Error: unknown command "zzz" for "charta"\nRun \'charta --help\' for usage.\n');
});

Deno.test("help for every command: --help, -h and `help CMD` agree", async () => {
  for (
    const cmd of [[], ["version"], ["env"], ["completion"], ["completion", "bash"], ["completion", "zsh"]]
  ) {
    const a = await charta([...cmd, "--help"], env);
    const b = await charta([...cmd, "-h"], env);
    const c = await charta(["help", ...cmd], env);
    assert.equal(a.code, 0);
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.stdout, c.stdout);
    assert.match(a.stdout, /Usage:\n {2}charta/);
  }
  assert.match((await charta([], env)).stdout, /Available Commands:\n {2}completion/);
  assert.match((await charta(["help", "nope"], env)).stdout, /^Unknown help topic \[`nope`\]\nUsage:/);
});

Deno.test("a command group with an unknown word prints its help, as cobra does", async () => {
  const r = await charta(["completion", "nope"], env);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Available Commands:\n {2}bash/);
});

Deno.test("completion scripts for every shell call back into charta", async () => {
  for (const shell of ["bash", "zsh", "fish", "powershell"]) {
    const r = await charta(["completion", shell], env);
    assert.equal(r.code, 0, shell);
    assert.match(r.stdout, /charta/);
    assert.match(r.stdout, /__complete/);
  }
});

Deno.test("__complete lists commands, flags and flag values from the tree", async () => {
  const cmds = await charta(["__complete", "ver"], env);
  assert.equal(
    cmds.stdout,
    "verify\tverify that a chart at the given path has been signed and is valid\n" +
      "version\tprint the charta version information\n:4\n",
  );
  const flags = await charta(["__complete", "version", "--sh"], env);
  assert.equal(flags.stdout, "--short\tprint the version number\n:4\n");
  const vals = await charta(["__completeNoDesc", "--color", "a"], env);
  assert.equal(vals.stdout, "auto\talways\n".replace("\t", "\n") + ":4\n");
  const eq = await charta(["__complete", "--color=n"], env);
  assert.equal(eq.stdout, "--color=never\n:4\n");
});

Deno.test("the bash completion script completes in a real bash", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const main = new URL("../main.ts", import.meta.url).pathname;
    await Deno.writeTextFile(
      `${dir}/charta`,
      `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet "${main}" "$@"\n`,
    );
    await Deno.chmod(`${dir}/charta`, 0o755);
    const script = (await charta(["completion", "bash"], env)).stdout;
    await Deno.writeTextFile(`${dir}/completion.bash`, script);
    const probe = `source ${dir}/completion.bash
COMP_WORDS=(charta completion b); COMP_CWORD=2; __charta_complete; echo "\${COMPREPLY[*]}"
COMP_WORDS=(charta version --s); COMP_CWORD=2; __charta_complete; echo "\${COMPREPLY[*]}"`;
    const out = await new Deno.Command("bash", {
      args: ["-c", probe],
      env: { PATH: `${dir}:${Deno.env.get("PATH")}`, HOME },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(out.stdout), "bash\n--short\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the real process: Error: on stderr, exit 1, no stack trace", async () => {
  const r = await chartaProcess(["--burst-limit", "abc", "version"], env);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'Error: invalid argument "abc" for "--burst-limit" flag: strconv.ParseInt: parsing "abc": invalid syntax\n',
  );
  const ok = await chartaProcess(["version", "--short"], env);
  assert.equal(ok.code, 0);
  assert.equal(ok.stdout, "v4.2.4\n");
});

Deno.test({
  name: "differential: env keys and values equal helm's (but HELM_BIN)",
  ignore: !helmBin,
  fn: async () => {
    const e = { ...env, HELM_NAMESPACE: "x", XDG_CACHE_HOME: "/xdg/cache", HELM_KUBEASGROUPS: "a,b" };
    const ours = (await charta(["env"], e)).stdout.split("\n").filter((l) => !l.startsWith("HELM_BIN="));
    const theirs = (await helm(helmBin!, ["env"], e)).stdout.split("\n").filter((l) =>
      !l.startsWith("HELM_BIN=")
    );
    assert.deepEqual(ours, theirs);
  },
});

Deno.test({
  name: "differential: help usage sections and flag errors equal helm's",
  ignore: !helmBin,
  fn: async () => {
    const usage = (s: string) => s.slice(s.indexOf("Usage:")).replace(/(^|\s|")helm(?=[\s"])/g, "$1charta");
    for (const cmd of [["version"], ["env"], ["completion"], ["completion", "fish"]]) {
      const ours = await charta([...cmd, "--help"], env);
      const theirs = await helm(helmBin!, [...cmd, "--help"], env);
      assert.equal(usage(ours.stdout), usage(theirs.stdout), cmd.join(" "));
    }
    for (
      const bad of [["--foo"], ["-n"], ["version", "-x"], ["--burst-limit", "x", "env"], ["version", "a"], [
        "--debug=maybe",
        "env",
      ]]
    ) {
      const ours = await charta(bad, env);
      const theirs = await helm(helmBin!, bad, env);
      assert.equal(ours.code, theirs.code, bad.join(" "));
      assert.equal(ours.stderr, theirs.stderr.replaceAll("helm", "charta"), bad.join(" "));
    }
  },
});

Deno.test({
  name: "differential: __complete of global flags and their values equals helm's",
  ignore: !helmBin,
  fn: async () => {
    for (const words of [["--k"], ["completion", "b"], ["completion", ""], ["version", "--"]]) {
      const ours = await charta(["__complete", ...words], env);
      const theirs = await helm(helmBin!, ["__complete", ...words], env);
      assert.equal(ours.stdout, theirs.stdout, words.join(" "));
    }
  },
});

Deno.test("the real process writes raw bytes that are not UTF-8 exactly as Go prints them", async () => {
  // helm prints the single byte 0xff for "\xff" (bytes seen from helm version --template).
  const main = new URL("../main.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", main, "version", "--template", '{{ "\\xff" }}{{ "é" }}'],
    env: { HOME: "/nonexistent-home" },
    stdout: "piped",
  }).output();
  assert.deepEqual([...out.stdout], [0xff, 0xc3, 0xa9]);
});
