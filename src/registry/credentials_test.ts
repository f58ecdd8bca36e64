import assert from "node:assert/strict";
import { deleteCredential, getCredential, putCredential } from "./credentials.ts";

Deno.test("credentials: written as oras writes them, other fields kept, removed on logout", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/registry/config.json`;
    assert.equal(await getCredential(path, "r.example"), undefined);
    await putCredential(path, "r.example:5000", { username: "u", password: "p:w" });
    assert.equal(
      await Deno.readTextFile(path),
      '{\n\t"auths": {\n\t\t"r.example:5000": {\n\t\t\t"auth": "dTpwOnc="\n\t\t}\n\t}\n}',
    );
    assert.deepEqual(await getCredential(path, "r.example:5000"), { username: "u", password: "p:w" });
    const cfg = JSON.parse(await Deno.readTextFile(path));
    cfg.credHelpers = { "other.example": "x" };
    await Deno.writeTextFile(path, JSON.stringify(cfg));
    await deleteCredential(path, "r.example:5000");
    assert.deepEqual(JSON.parse(await Deno.readTextFile(path)), {
      auths: {},
      credHelpers: { "other.example": "x" },
    });
    await deleteCredential(path, "absent.example");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("credentials: a URL key (Docker's style) matches its host; a broken file is a clear error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/config.json`;
    await Deno.writeTextFile(
      path,
      JSON.stringify({ auths: { "https://r.example/v1/": { auth: btoa("a:b") } } }),
    );
    assert.deepEqual(await getCredential(path, "r.example"), { username: "a", password: "b" });
    await Deno.writeTextFile(path, "{not json");
    await assert.rejects(
      () => getCredential(path, "r.example"),
      /failed to decode config file .*config\.json: invalid config format: invalid character 'n' looking for beginning of object key string/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** A helper script in a fresh folder: `docker-credential-NAME` running `body` (sh) with the action in $1. */
async function helper(dir: string, name: string, body: string): Promise<string> {
  const bin = `${dir}/bin`;
  await Deno.mkdir(bin, { recursive: true });
  await Deno.writeTextFile(`${bin}/docker-credential-${name}`, `#!/bin/sh\n${body}\n`);
  await Deno.chmod(`${bin}/docker-credential-${name}`, 0o755);
  return bin;
}

Deno.test("credentials: credHelpers and credsStore run the helper for get, store and erase", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // Records each call with its input; answers get with a fixed credential.
    const bin = await helper(
      dir,
      "t",
      `input=$(cat); echo "$1 $input" >> "${dir}/calls"
case "$1" in get) echo '{"ServerURL":"x","Username":"u","Secret":"s"}';; esac`,
    );
    const env = (n: string) => n === "PATH" ? `${bin}:/usr/bin:/bin` : n === "HOME" ? dir : undefined;
    const path = `${dir}/config.json`;
    await Deno.writeTextFile(path, JSON.stringify({ credHelpers: { "r.example:5000": "t" } }));
    assert.deepEqual(await getCredential(path, "r.example:5000", { env }), { username: "u", password: "s" });
    // Another host is not the helper's: the file (empty), then Docker's config (absent).
    assert.equal(await getCredential(path, "other.example", { env }), undefined);
    await putCredential(path, "r.example:5000", { username: "a<b", password: "p" }, { env });
    await deleteCredential(path, "r.example:5000", { env });
    assert.deepEqual((await Deno.readTextFile(`${dir}/calls`)).split("\n"), [
      "get r.example:5000",
      'store {"ServerURL":"r.example:5000","Username":"a\\u003cb","Secret":"p"}',
      "erase r.example:5000",
      "",
    ]);
    // The helper's store left the file alone.
    assert.deepEqual(JSON.parse(await Deno.readTextFile(path)), { credHelpers: { "r.example:5000": "t" } });
    // credsStore serves every host; Docker Hub's key is the legacy URL.
    await Deno.writeTextFile(path, JSON.stringify({ credsStore: "t" }));
    await Deno.remove(`${dir}/calls`);
    assert.deepEqual(await getCredential(path, "docker.io", { env }), { username: "u", password: "s" });
    assert.equal(await Deno.readTextFile(`${dir}/calls`), "get https://index.docker.io/v1/\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("credentials: helper answers and failures read as oras reports them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bin = await helper(
      dir,
      "t",
      `server=$(cat)
case "$server" in
  token.example) echo '{"username":"<token>","secret":"idt"}';;
  none.example) echo 'credentials not found in native keychain'; exit 1;;
  said.example) echo 'keychain locked'; exit 1;;
  silent.example) exit 3;;
  garbage.example) echo 'not json';;
esac`,
    );
    const env = (n: string) => n === "PATH" ? `${bin}:/usr/bin:/bin` : undefined;
    const path = `${dir}/config.json`;
    await Deno.writeTextFile(path, JSON.stringify({ credsStore: "t", auths: { "none.example": {} } }));
    assert.deepEqual(await getCredential(path, "token.example", { env }), {
      username: "",
      password: "",
      identityToken: "idt",
    });
    assert.equal(await getCredential(path, "none.example", { env }), undefined);
    await assert.rejects(
      () => getCredential(path, "said.example", { env }),
      /^ChartaError: keychain locked$/,
    );
    await assert.rejects(
      () => getCredential(path, "silent.example", { env }),
      /^ChartaError: exit status 3$/,
    );
    await assert.rejects(
      () => getCredential(path, "garbage.example", { env }),
      /^ChartaError: invalid character 'o' in literal null \(expecting 'u'\)$/,
    );
    await assert.rejects(
      () => deleteCredential(path, "none.example", { env }),
      /^ChartaError: failed to delete the credential for none.example: credentials not found in native keychain$/,
    );
    await Deno.writeTextFile(path, JSON.stringify({ credsStore: "absent" }));
    await assert.rejects(
      () => getCredential(path, "r.example", { env }),
      /^ChartaError: exec: "docker-credential-absent": executable file not found in \$PATH$/,
    );
    await Deno.writeTextFile(path, JSON.stringify({ credsStore: 5 }));
    await assert.rejects(
      () => getCredential(path, "r.example", { env }),
      /failed to unmarshal creds store field: invalid config format: json: cannot unmarshal number into Go value of type string/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("credentials: tokens, legacy fields and bad entries in the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/config.json`;
    const env = (n: string) => (n === "PATH" ? "/nonexistent" : undefined);
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        auths: {
          "id.example": { identitytoken: "idt" },
          "reg.example": { registrytoken: "rt" },
          "legacy.example": { Username: "lu", Password: "lp" },
          "bad.example": { auth: "%%%" },
          "nocolon.example": { auth: btoa("justuser") },
          "str.example": "x",
        },
      }),
    );
    assert.deepEqual(await getCredential(path, "id.example", { env }), {
      username: "",
      password: "",
      identityToken: "idt",
    });
    assert.deepEqual(await getCredential(path, "reg.example", { env }), {
      username: "",
      password: "",
      registryToken: "rt",
    });
    assert.deepEqual(await getCredential(path, "legacy.example", { env }), {
      username: "lu",
      password: "lp",
    });
    await assert.rejects(
      () => getCredential(path, "bad.example", { env }),
      /failed to decode auth field: invalid config format: illegal base64 data at input byte 0/,
    );
    await assert.rejects(
      () => getCredential(path, "nocolon.example", { env }),
      /auth 'justuser' does not conform the base64\(username:password\) format/,
    );
    await assert.rejects(
      () => getCredential(path, "str.example", { env }),
      /failed to unmarshal auth field: invalid config format: json: cannot unmarshal string into Go value of type config.AuthConfig/,
    );
    await assert.rejects(
      () => putCredential(path, "x.example", { username: "a:b", password: "p" }, { env }),
      /^ChartaError: bad credential format: colons\(:\) are not allowed in username$/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("credentials: Docker's config is the fallback for lookups; an unconfigured file adopts the platform helper", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/helm.json`;
    await Deno.mkdir(`${dir}/docker`);
    await Deno.writeTextFile(
      `${dir}/docker/config.json`,
      JSON.stringify({ auths: { "https://d.example/v1/": { auth: btoa("du:dp") } } }),
    );
    const plain = (n: string) =>
      n === "DOCKER_CONFIG" ? `${dir}/docker` : n === "PATH" ? "/nonexistent" : undefined;
    assert.deepEqual(await getCredential(path, "d.example", { env: plain }), {
      username: "du",
      password: "dp",
    });
    // helm's own login wins; a broken Docker config is ignored as helm ignores it.
    await putCredential(path, "d.example", { username: "hu", password: "hp" }, { env: plain });
    assert.deepEqual(await getCredential(path, "d.example", { env: plain }), {
      username: "hu",
      password: "hp",
    });
    await Deno.writeTextFile(`${dir}/docker/config.json`, "{broken");
    assert.equal(await getCredential(path, "e.example", { env: plain }), undefined);

    // With secretservice's helper installed and nothing configured, the login goes there and is remembered.
    const bin = await helper(dir, "secretservice", `cat > "${dir}/stored"`);
    const withHelper = (n: string) => n === "PATH" ? `${bin}:/usr/bin:/bin` : undefined;
    const fresh = `${dir}/fresh/config.json`;
    await putCredential(fresh, "f.example", { username: "u", password: "p" }, { env: withHelper });
    assert.equal(
      await Deno.readTextFile(`${dir}/stored`),
      '{"ServerURL":"f.example","Username":"u","Secret":"p"}',
    );
    assert.equal(await Deno.readTextFile(fresh), '{\n\t"auths": {},\n\t"credsStore": "secretservice"\n}');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
