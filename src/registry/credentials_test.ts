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
      /failed to decode config file at .*invalid config format/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
