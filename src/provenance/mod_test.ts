import assert from "node:assert/strict";
import * as openpgp from "openpgp";
import { clearSign, decodeClearsign, messageBlock, selectKey, verify, verifyChart } from "./mod.ts";

const ARCHIVE = new TextEncoder().encode("not really a tarball");
const METADATA = "apiVersion: v2\nkeywords:\n- web\nname: demo\nversion: 1.0.0\n";

async function keyring(
  dir: string,
  users: { name: string; email: string }[],
  passphrase?: string,
): Promise<{ pub: string; sec: string }> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: "ecc",
    curve: "ed25519Legacy",
    userIDs: users,
    passphrase,
    format: "binary",
  });
  const pub = `${dir}/pub-${users[0].name}.gpg`;
  const sec = `${dir}/sec-${users[0].name}.gpg`;
  await Deno.writeFile(pub, publicKey);
  await Deno.writeFile(sec, privateKey);
  return { pub, sec };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("messageBlock is the metadata, `...` and the files block", async () => {
  assert.equal(
    await messageBlock(ARCHIVE, "demo-1.0.0.tgz", METADATA),
    `${METADATA}\n...\nfiles:\n  demo-1.0.0.tgz: sha256:${await sha256Hex(ARCHIVE)}\n`,
  );
});

async function sha256Hex(b: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>));
  return Array.from(d, (x) => x.toString(16).padStart(2, "0")).join("");
}

Deno.test("clearSign writes go-crypto's framing and verify accepts it", async () => {
  await withDir(async (dir) => {
    const k = await keyring(dir, [{ name: "Demo", email: "demo@example.com" }]);
    const prov = await clearSign(ARCHIVE, "demo-1.0.0.tgz", {
      keyring: k.sec,
      key: "Demo",
      passphrase: () => Promise.reject(new Error("not encrypted")),
      metadataYaml: METADATA,
    });
    assert.match(
      prov,
      /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\napiVersion: v2\nkeywords:\n- - web\n/,
    );
    assert.match(
      prov,
      /\n\.\.\.\nfiles:\n {2}demo-1\.0\.0\.tgz: sha256:[0-9a-f]{64}\n\n-----BEGIN PGP SIGNATURE-----\n\n/,
    );
    assert.ok(prov.endsWith("\n-----END PGP SIGNATURE-----"));
    assert.ok(!/\n=[A-Za-z0-9+/]{4}\n/.test(prov), "no armor checksum line");
    for (const line of prov.split("\n")) assert.ok(line.length <= 64 || line.startsWith("  demo"));
    const keys = await openpgp.readKeys({ binaryKeys: await Deno.readFile(k.pub) });
    const v = await verify(ARCHIVE, new TextEncoder().encode(prov), "demo-1.0.0.tgz", keys);
    assert.deepEqual(v.signedBy, ["Demo <demo@example.com>"]);
    assert.equal(v.fingerprint, keys[0].getFingerprint().toUpperCase());
    assert.equal(v.fileHash, `sha256:${await sha256Hex(ARCHIVE)}`);

    const enc = (s: string) => new TextEncoder().encode(s);
    await assert.rejects(() => verify(enc("other"), enc(prov), "demo-1.0.0.tgz", keys), {
      message: new RegExp(`^sha256 sum does not match for demo-1.0.0.tgz: "sha256:[0-9a-f]{64}" != "sha256:`),
    });
    await assert.rejects(() => verify(ARCHIVE, enc(prov), "x.tgz", keys), {
      message: 'provenance does not contain a SHA for a file named "x.tgz"',
    });
    await assert.rejects(
      () => verify(ARCHIVE, enc(prov.replace("name: demo", "name: demx")), "demo-1.0.0.tgz", keys),
      {
        message: "openpgp: invalid signature: EdDSA verification failure",
      },
    );
    await assert.rejects(() => verify(ARCHIVE, enc(prov), "demo-1.0.0.tgz", []), {
      message: "openpgp: signature made by unknown entity",
    });
    await assert.rejects(() => verify(ARCHIVE, enc("plain text"), "demo-1.0.0.tgz", keys), {
      message: "signature block not found",
    });
  });
});

Deno.test("clearSign unlocks an encrypted key with the passphrase, and refuses a wrong one", async () => {
  await withDir(async (dir) => {
    const k = await keyring(dir, [{ name: "Locked", email: "l@example.com" }], "s3cret");
    const asked: string[] = [];
    const opts = (pw: string) => ({
      keyring: k.sec,
      key: "l@example",
      passphrase: (name: string) => {
        asked.push(name);
        return Promise.resolve(pw);
      },
      metadataYaml: METADATA,
    });
    const prov = await clearSign(ARCHIVE, "demo-1.0.0.tgz", opts("s3cret"));
    assert.deepEqual(asked, ["Locked <l@example.com>"]);
    assert.ok(decodeClearsign(prov));
    await assert.rejects(() => clearSign(ARCHIVE, "demo-1.0.0.tgz", opts("wrong")), {
      message: "openpgp: invalid data: private key checksum failure",
    });
  });
});

Deno.test("clearSign refuses missing, public-only and ambiguous keys with helm's errors", async () => {
  await withDir(async (dir) => {
    const a = await keyring(dir, [{ name: "Alice Signer", email: "a@example.com" }]);
    const b = await keyring(dir, [{ name: "Bob Signer", email: "b@example.com" }]);
    const both = `${dir}/both.gpg`;
    await Deno.writeFile(
      both,
      new Uint8Array([...await Deno.readFile(a.sec), ...await Deno.readFile(b.sec)]),
    );
    const sign = (keyring: string, key: string) =>
      clearSign(ARCHIVE, "d.tgz", {
        keyring,
        key,
        passphrase: () => Promise.resolve(""),
        metadataYaml: METADATA,
      });
    await assert.rejects(() => sign(both, "Signer"), {
      message: 'more than one key contain the id "Signer"',
    });
    await assert.rejects(() => sign(both, "Carol"), { message: "private key not found" });
    await assert.rejects(() => sign(a.pub, "Alice"), {
      message: "provided key is not a private key. Try providing a keyring with secret keys",
    });
    await assert.rejects(() => sign(`${dir}/none.gpg`, "Alice"), {
      message: `open ${dir}/none.gpg: no such file or directory`,
    });
    // An exact user ID wins over other keys containing it.
    const keys = await openpgp.readKeys({ binaryKeys: await Deno.readFile(both) });
    assert.equal(selectKey(keys, "Bob Signer <b@example.com>"), keys[1]);
    assert.ok(await sign(both, "Bob Signer <b@example.com>"));
  });
});

Deno.test("verifyChart: keyring errors are wrapped as helm wraps them", async () => {
  await withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/armored.asc`, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
    await assert.rejects(() => verifyChart(`${dir}/a.tgz`, `${dir}/a.tgz.prov`, `${dir}/armored.asc`), {
      message: "failed to load keyring: openpgp: invalid data: tag byte does not have MSB set",
    });
    await assert.rejects(() => verifyChart(`${dir}/a.tgz`, `${dir}/a.tgz.prov`, `${dir}/none`), {
      message: `failed to load keyring: open ${dir}/none: no such file or directory`,
    });
    await Deno.writeFile(`${dir}/empty.gpg`, new Uint8Array());
    await Deno.writeTextFile(`${dir}/a.tgz.prov`, "junk");
    await Deno.writeTextFile(`${dir}/a.tgz`, "junk");
    await assert.rejects(() => verifyChart(`${dir}/a.tgz`, `${dir}/a.tgz.prov`, `${dir}/empty.gpg`), {
      message: "signature block not found",
    });
  });
});

Deno.test("decodeClearsign: only Hash headers, dash-unescaping, trailing whitespace dropped", () => {
  const sig = "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----";
  const b = decodeClearsign(`-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n- - a  \nb\n\n${sig}`);
  assert.ok(b);
  assert.equal(b.text, "- a\r\nb\r\n");
  assert.equal(b.plaintext, "- a\nb\n");
  assert.deepEqual(b.signature, new Uint8Array([0, 0, 0]));
  assert.equal(decodeClearsign(`-----BEGIN PGP SIGNED MESSAGE-----\nComment: x\n\nbody\n${sig}`), undefined);
  assert.equal(decodeClearsign(`-----BEGIN PGP SIGNED MESSAGE-----\nHash: MD5\n\nbody\n${sig}`), undefined);
  assert.equal(decodeClearsign("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nbody\n"), undefined);
  assert.equal(decodeClearsign(""), undefined);
});
