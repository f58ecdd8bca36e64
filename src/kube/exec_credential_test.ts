import assert from "node:assert/strict";
import { ExecCredentialProvider } from "./exec_credential.ts";

const CLUSTER = { server: "https://127.0.0.1:6443", caPem: "CA", insecure: false };

async function plugin(dir: string, body: string): Promise<string> {
  const path = `${dir}/plugin.sh`;
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`);
  await Deno.chmod(path, 0o755);
  return path;
}

Deno.test("exec credential: KUBERNETES_EXEC_INFO and env reach the plugin; the credential is cached until it expires", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const later = new Date(Date.now() + 3600_000).toISOString();
    const cmd = await plugin(
      dir,
      `echo run >> ${dir}/runs
printf '%s' "$KUBERNETES_EXEC_INFO" > ${dir}/info
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"${later}"}}' "$EXTRA"`,
    );
    const p = new ExecCredentialProvider({
      apiVersion: "client.authentication.k8s.io/v1",
      command: cmd,
      env: [{ name: "EXTRA", value: "tok-1" }],
      provideClusterInfo: true,
    }, CLUSTER);
    assert.equal((await p.credential()).token, "tok-1");
    assert.equal((await p.credential()).token, "tok-1");
    assert.equal((await Deno.readTextFile(`${dir}/runs`)).trim().split("\n").length, 1);
    const info = JSON.parse(await Deno.readTextFile(`${dir}/info`));
    assert.equal(info.kind, "ExecCredential");
    assert.equal(info.spec.interactive, false);
    assert.equal(info.spec.cluster.server, CLUSTER.server);
    assert.equal(info.spec.cluster["certificate-authority-data"], btoa("CA"));

    const expired = new ExecCredentialProvider({
      command: await plugin(
        dir,
        `echo run >> ${dir}/runs2
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2000-01-01T00:00:00Z"}}'`,
      ),
    }, CLUSTER);
    await expired.credential();
    await expired.credential();
    assert.equal((await Deno.readTextFile(`${dir}/runs2`)).trim().split("\n").length, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("exec credential: failures read as client-go's", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const failing = await plugin(dir, "exit 3");
    await assert.rejects(new ExecCredentialProvider({ command: failing }, CLUSTER).credential(), {
      message: `getting credentials: exec: executable ${failing} failed with exit code 3`,
    });
    await assert.rejects(
      new ExecCredentialProvider({ command: "charta-no-such-plugin" }, CLUSTER).credential(),
      {
        message: "getting credentials: exec: executable charta-no-such-plugin not found\n\n" +
          "It looks like you are trying to use a client-go credential plugin that is not installed.\n\n" +
          "To learn more about this feature, consult the documentation available at:\n" +
          "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins",
      },
    );
    await assert.rejects(
      new ExecCredentialProvider(
        { command: "charta-no-such-plugin", installHint: "brew install it" },
        CLUSTER,
      )
        .credential(),
      { message: "getting credentials: exec: executable charta-no-such-plugin not found\n\nbrew install it" },
    );
    const wrongVersion = await plugin(
      dir,
      `echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"x"}}'`,
    );
    await assert.rejects(
      new ExecCredentialProvider(
        { apiVersion: "client.authentication.k8s.io/v1", command: wrongVersion },
        CLUSTER,
      )
        .credential(),
      {
        message:
          "getting credentials: exec plugin is configured to use API version client.authentication.k8s.io/v1, " +
          "plugin returned version client.authentication.k8s.io/v1beta1",
      },
    );
    const empty = await plugin(dir, `echo '{"apiVersion":"client.authentication.k8s.io/v1","status":{}}'`);
    await assert.rejects(new ExecCredentialProvider({ command: empty }, CLUSTER).credential(), {
      message: "getting credentials: exec: plugin didn't return a token or cert/key pair",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
