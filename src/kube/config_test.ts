import assert from "node:assert/strict";
import { EnvSettings } from "../settings/env_settings.ts";
import { DEFAULT_SERVER, KubeConfigError, loadRestConfig } from "./config.ts";

const b64 = (s: string) => btoa(s);

async function scratch(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "charta-kubeconfig-" });
  for (const [name, text] of Object.entries(files)) {
    await Deno.mkdir(`${dir}/${name}`.replace(/\/[^/]+$/, ""), { recursive: true });
    await Deno.writeTextFile(`${dir}/${name}`, text);
  }
  return dir;
}

function settings(env: Record<string, string>, set: (s: EnvSettings) => void = () => {}): EnvSettings {
  const s = EnvSettings.fromEnv((n) => env[n], "linux");
  set(s);
  return s;
}

const ONE = `apiVersion: v1
kind: Config
current-context: one
clusters:
- name: c1
  cluster:
    server: https://one.example:6443/
    certificate-authority: pki/ca.crt
contexts:
- name: one
  context: {cluster: c1, user: u1, namespace: ns-one}
- name: shared
  context: {cluster: c1, user: u1, namespace: from-first}
users:
- name: u1
  user:
    client-certificate: pki/u1.crt
    client-key-data: ${b64("KEY-ONE")}
`;

const TWO = `apiVersion: v1
kind: Config
current-context: two
clusters:
- name: c2
  cluster:
    server: two.example:443
    certificate-authority-data: ${b64("CA-TWO")}
    tls-server-name: api.two
contexts:
- name: two
  context: {cluster: c2, user: u2}
- name: shared
  context: {cluster: c2, user: u2, namespace: from-second}
users:
- name: u2
  user:
    token: tok-two
    as: someone
    as-groups: [g1]
`;

Deno.test("kubeconfig: KUBECONFIG files merge as client-go does (first definition and first current-context win)", async () => {
  const dir = await scratch({
    "one.yaml": ONE,
    "two.yaml": TWO,
    "pki/ca.crt": "CA-ONE",
    "pki/u1.crt": "CERT-ONE",
  });
  try {
    const env = { HOME: dir, KUBECONFIG: `${dir}/missing.yaml:${dir}/one.yaml:${dir}/two.yaml` };
    const one = await loadRestConfig(settings(env));
    assert.equal(one.contextName, "one");
    assert.equal(one.server, "https://one.example:6443");
    assert.equal(one.caPem, "CA-ONE"); // relative to the file that names it
    assert.equal(one.certPem, "CERT-ONE");
    assert.equal(one.keyPem, "KEY-ONE");
    assert.equal(one.namespace, "ns-one");

    const shared = await loadRestConfig(settings(env, (s) => s.kubeContext = "shared"));
    assert.equal(shared.namespace, "from-first");

    const two = await loadRestConfig(settings(env, (s) => s.kubeContext = "two"));
    assert.equal(two.server, "https://two.example:443"); // scheme from TLS settings
    assert.equal(two.caPem, "CA-TWO");
    assert.equal(two.tlsServerName, "api.two");
    assert.equal(two.auth.token, "tok-two");
    assert.equal(two.impersonateUser, "someone");
    assert.deepEqual(two.impersonateGroups, ["g1"]);
    assert.equal(two.namespace, "default");

    const reversed = await loadRestConfig(
      settings({ HOME: dir, KUBECONFIG: `${dir}/two.yaml:${dir}/one.yaml` }),
    );
    assert.equal(reversed.contextName, "two");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kubeconfig: helm's flags override the kubeconfig", async () => {
  const dir = await scratch({ "two.yaml": TWO, "ca.pem": "CA-FLAG" });
  try {
    const env = { HOME: dir, KUBECONFIG: `${dir}/two.yaml` };
    const c = await loadRestConfig(settings(env, (s) => {
      s.kubeAPIServer = "127.0.0.1:9443";
      s.kubeCaFile = `${dir}/ca.pem`;
      s.kubeToken = "flag-token";
      s.kubeAsUser = "alice";
      s.kubeAsGroups = ["devs", "ops"];
      s.namespaceOverride = "flag-ns";
      s.qps = 0;
      s.burstLimit = 7;
    }));
    assert.equal(c.server, "https://127.0.0.1:9443");
    assert.equal(c.caPem, "CA-FLAG");
    assert.equal(c.tlsServerName, undefined); // --kube-apiserver clears the kubeconfig's tls-server-name
    assert.equal(c.auth.token, "flag-token");
    assert.equal(c.impersonateUser, "alice");
    assert.deepEqual(c.impersonateGroups, ["devs", "ops"]);
    assert.equal(c.namespace, "flag-ns");
    assert.equal(c.qps, 5); // client-go's default for 0
    assert.equal(c.burst, 7);

    const insecure = await loadRestConfig(settings(env, (s) => {
      s.kubeInsecureSkipTLSVerify = true;
      s.kubeTLSServerName = "other.name";
    }));
    assert.equal(insecure.insecure, true);
    assert.equal(insecure.caPem, undefined); // insecure replaces the kubeconfig's CA
    assert.equal(insecure.tlsServerName, "other.name");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kubeconfig: no kubeconfig at all means client-go's default server", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const c = await loadRestConfig(settings({ HOME: dir, KUBECONFIG: `${dir}/nope.yaml` }));
    assert.equal(c.server, DEFAULT_SERVER);
    assert.equal(c.namespace, "default");
    const home = await loadRestConfig(settings({ HOME: dir }));
    assert.equal(home.server, DEFAULT_SERVER);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kubeconfig: errors carry client-go's wording", async () => {
  const dir = await scratch({
    "bad.yaml": "garbage: [\n",
    "one.yaml": ONE.replace("pki/ca.crt", "pki/absent.crt"),
    "dangling.yaml": "apiVersion: v1\nkind: Config\ncurrent-context: z\n",
    "boolname.yaml": "contexts:\n- name: y\n  context: {}\n",
    "pki/u1.crt": "x",
  });
  try {
    const env = (f: string) => ({ HOME: dir, KUBECONFIG: `${dir}/${f}` });
    await assert.rejects(
      loadRestConfig(settings(env("bad.yaml"))),
      (e: Error) =>
        e instanceof KubeConfigError &&
        e.message.startsWith(`error loading config file "${dir}/bad.yaml": yaml: `),
    );
    await assert.rejects(loadRestConfig(settings(env("one.yaml"), (s) => s.kubeContext = "nope")), {
      message: 'context "nope" does not exist',
    });
    await assert.rejects(loadRestConfig(settings(env("one.yaml"))), {
      message:
        `invalid configuration: unable to read certificate-authority ${dir}/pki/absent.crt for c1 due to ` +
        `open ${dir}/pki/absent.crt: no such file or directory`,
    });
    await assert.rejects(loadRestConfig(settings(env("dangling.yaml"))), {
      message: "invalid configuration: context was not found for specified context: z",
    });
    await assert.rejects(loadRestConfig(settings(env("boolname.yaml"))), {
      message:
        `error loading config file "${dir}/boolname.yaml": json: cannot unmarshal bool into Go struct field ` +
        "NamedContext.contexts.name of type string",
    });
    await assert.rejects(
      loadRestConfig(settings(env("one.yaml"), (s) => {
        s.kubeContext = "shared";
        s.kubeAsGroups = ["g"];
      })),
      (e: Error) =>
        e.message.includes("requesting uid, groups or user-extra for u1 without impersonating a user"),
    );
    // An explicit --kubeconfig must exist; KUBECONFIG entries may be missing.
    await assert.rejects(loadRestConfig(settings({ HOME: dir }, (s) => s.kubeConfig = "/nonexistent/kc")), {
      message: "stat /nonexistent/kc: no such file or directory",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kubeconfig: exec plugins, token files and basic auth are carried to the client", async () => {
  const dir = await scratch({
    "kc.yaml": `clusters:
- name: c
  cluster: {server: "https://h:1", insecure-skip-tls-verify: true}
contexts:
- name: e
  context: {cluster: c, user: e}
- name: f
  context: {cluster: c, user: f}
- name: b
  context: {cluster: c, user: b}
current-context: e
users:
- name: e
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, args: [a], interactiveMode: Never}
- name: f
  user: {tokenFile: tok}
- name: b
  user: {username: me, password: pw}
`,
    "tok": "file-token\n",
  });
  try {
    const env = { HOME: dir, KUBECONFIG: `${dir}/kc.yaml` };
    const e = await loadRestConfig(settings(env));
    assert.equal(e.auth.exec?.command, `${dir}/bin/plugin`);
    assert.equal(e.insecure, true);
    const f = await loadRestConfig(settings(env, (s) => s.kubeContext = "f"));
    assert.equal(f.auth.tokenFile, `${dir}/tok`);
    const b = await loadRestConfig(settings(env, (s) => s.kubeContext = "b"));
    assert.deepEqual([b.auth.username, b.auth.password], ["me", "pw"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kubeconfig: client-go's validation of users (exec plugins, auth methods, client keys)", async () => {
  const dir = await scratch({
    "kc.yaml": `clusters:
- name: c
  cluster: {server: "https://h:1"}
contexts:
- {name: nomode, context: {cluster: c, user: nomode}}
- {name: badmode, context: {cluster: c, user: badmode}}
- {name: beta, context: {cluster: c, user: beta}}
- {name: two, context: {cluster: c, user: two}}
- {name: nokey, context: {cluster: c, user: nokey}}
users:
- name: nomode
  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}
- name: badmode
  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x, interactiveMode: Sometimes}}
- name: beta
  user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: x}}
- name: two
  user: {token: t, username: u, password: p}
- name: nokey
  user: {client-certificate-data: ${b64("C")}}
`,
  });
  try {
    const env = { HOME: dir, KUBECONFIG: `${dir}/kc.yaml` };
    const load = (ctx: string) => loadRestConfig(settings(env, (s) => s.kubeContext = ctx));
    await assert.rejects(load("nomode"), {
      message:
        "invalid configuration: interactiveMode must be specified for nomode to use exec authentication plugin",
    });
    await assert.rejects(load("badmode"), {
      message: 'invalid configuration: invalid interactiveMode for badmode: "Sometimes"',
    });
    assert.equal((await load("beta")).auth.exec?.command, "x");
    await assert.rejects(load("two"), {
      message:
        "invalid configuration: more than one authentication method found for two; found [token basicAuth], only one is allowed",
    });
    await assert.rejects(load("nokey"), {
      message:
        "invalid configuration: client-key-data or client-key must be specified for nokey to use the clientCert authentication method.",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
