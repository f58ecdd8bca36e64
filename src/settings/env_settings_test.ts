import assert from "node:assert/strict";
import { EnvSettings } from "./env_settings.ts";
import { helmPaths } from "./helm_path.ts";

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("helm's paths: HELM_*_HOME, then XDG, then the OS default", () => {
  assert.deepEqual(helmPaths(envOf({ HOME: "/home/u" }), "linux"), {
    cache: "/home/u/.cache/helm",
    config: "/home/u/.config/helm",
    data: "/home/u/.local/share/helm",
  });
  assert.deepEqual(
    helmPaths(envOf({ HOME: "/home/u", XDG_CONFIG_HOME: "/x/conf", HELM_DATA_HOME: "/d/" }), "linux"),
    { cache: "/home/u/.cache/helm", config: "/x/conf/helm", data: "/d" },
  );
  assert.deepEqual(helmPaths(envOf({ HOME: "/Users/u" }), "darwin"), {
    cache: "/Users/u/Library/Caches/helm",
    config: "/Users/u/Library/Preferences/helm",
    data: "/Users/u/Library/helm",
  });
  assert.deepEqual(helmPaths(envOf({ TEMP: "C:\\Temp", APPDATA: "C:\\AppData" }), "windows"), {
    cache: "C:\\Temp\\helm",
    config: "C:\\AppData\\helm",
    data: "C:\\AppData\\helm",
  });
});

Deno.test("settings read HELM_* variables as helm does", () => {
  const s = EnvSettings.fromEnv(
    envOf({
      HOME: "/h",
      HELM_NAMESPACE: "apps",
      HELM_MAX_HISTORY: "3",
      HELM_BURST_LIMIT: "not-a-number",
      HELM_QPS: "2.5",
      HELM_KUBEASGROUPS: " ,a,b, ",
      HELM_DEBUG: "1",
      HELM_KUBEINSECURE_SKIP_TLS_VERIFY: "true",
      HELM_REPOSITORY_CONFIG: "/r.yaml",
    }),
    "linux",
  );
  assert.equal(s.namespaceOverride, "apps");
  assert.equal(s.maxHistory, 3);
  assert.equal(s.burstLimit, 100); // invalid → default, as helm's envIntOr
  assert.equal(s.qps, 2.5);
  assert.deepEqual(s.kubeAsGroups, ["a", "b"]);
  assert.equal(s.debug, true);
  assert.equal(s.kubeInsecureSkipTLSVerify, true);
  assert.equal(s.repositoryConfig, "/r.yaml");
  assert.equal(s.repositoryCache, "/h/.cache/helm/repository");
  assert.equal(s.registryConfig, "/h/.config/helm/registry/config.json");
  assert.equal(s.contentCache, "/h/.cache/helm/content");
  assert.equal(s.pluginsDirectory, "/h/.local/share/helm/plugins");
});

Deno.test("color mode: NO_COLOR wins over HELM_COLOR; bad values mean auto", () => {
  assert.equal(
    EnvSettings.fromEnv(envOf({ NO_COLOR: "1", HELM_COLOR: "always" }), "linux").colorMode,
    "never",
  );
  assert.equal(EnvSettings.fromEnv(envOf({ HELM_COLOR: "ALWAYS" }), "linux").colorMode, "always");
  assert.equal(EnvSettings.fromEnv(envOf({ HELM_COLOR: "rainbow" }), "linux").colorMode, "auto");
});

Deno.test("namespace: override, else kubeconfig context, else default", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = `${dir}/a`;
    const b = `${dir}/b`;
    await Deno.writeTextFile(a, "apiVersion: v1\nkind: Config\ncurrent-context: dev\n");
    await Deno.writeTextFile(
      b,
      "contexts:\n- name: dev\n  context: {namespace: team-a}\n- name: prod\n  context: {namespace: team-b}\n",
    );
    const s = EnvSettings.fromEnv(envOf({ HOME: dir, KUBECONFIG: `${a}:${b}:${dir}/missing` }), "linux");
    assert.equal(await s.namespace(), "team-a");
    s.kubeContext = "prod";
    assert.equal(await s.namespace(), "team-b");
    s.namespaceOverride = "x";
    assert.equal(await s.namespace(), "x");
    const none = EnvSettings.fromEnv(envOf({ HOME: dir }), "linux");
    assert.equal(await none.namespace(), "default");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("env vars have helm's keys and formats", async () => {
  const s = EnvSettings.fromEnv(envOf({ HOME: "/h", HELM_NAMESPACE: "ns" }), "linux");
  const vars = await s.envVars("/bin/charta");
  assert.equal(vars.HELM_QPS, "0.00");
  assert.equal(vars.HELM_DEBUG, "false");
  assert.equal(vars.HELM_BIN, "/bin/charta");
  assert.equal(vars.HELM_NAMESPACE, "ns");
  assert.equal("KUBECONFIG" in vars, false);
  assert.equal(Object.keys(vars).length, 22);
});
