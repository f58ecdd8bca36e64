/**
 * Chart provenance as helm writes and checks it (pkg/provenance): a `.prov`
 * file beside a chart archive is an OpenPGP clearsigned message whose text
 * is the chart's Chart.yaml metadata, a `...` line, and a `files:` block
 * giving the archive's `sha256:` digest. Keyrings are the binary
 * (non-armored) OpenPGP key files GnuPG's `--export` and
 * `--export-secret-keys` write (helm reads the legacy `pubring.gpg` /
 * `secring.gpg`, never GnuPG 2's keybox).
 *
 * openpgp.js does the cryptography; the clearsign framing, the armor and
 * the errors are helm's (ProtonMail go-crypto's), so that helm verifies
 * what charta signs and the other way round.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { marshal as yamlMarshal, parseYaml } from "../goyaml/mod.ts";
import * as openpgp from "openpgp";

/** What a successful verification found (helm's `provenance.Verification`). */
export interface Verification {
  /** The user IDs of the key that made the signature. */
  signedBy: string[];
  /** The signing key's primary key fingerprint, upper-case hex. */
  fingerprint: string;
  /** `sha256:HEX` of the verified archive. */
  fileHash: string;
  /** The archive's base name, as the `files:` block names it. */
  fileName: string;
}

/** Where the signing key comes from and how to unlock it. */
export interface SignOptions {
  /** The binary keyring holding the secret key (`--keyring`). */
  keyring: string;
  /** A user ID, or part of one, naming the key (`--key`). */
  key: string;
  /**
   * Returns the passphrase of an encrypted key, given the key's first user
   * ID; called only when the key is encrypted.
   */
  passphrase: (name: string) => Promise<string | Uint8Array>;
  /**
   * The chart metadata as `yaml.Marshal(chart.Metadata)` writes it, or a
   * function giving it (called once the key is unlocked, as helm loads the
   * chart only then).
   */
  metadataYaml: string | (() => Promise<string>);
  /** Signature time (tests); now by default. */
  date?: Date;
}

const BEGIN_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
const BEGIN_SIG = "-----BEGIN PGP SIGNATURE-----";
const END_SIG = "-----END PGP SIGNATURE-----";
const HASH_NAMES: Record<number, string> = {
  [openpgp.enums.hash.sha1]: "SHA1",
  [openpgp.enums.hash.sha224]: "SHA224",
  [openpgp.enums.hash.sha256]: "SHA256",
  [openpgp.enums.hash.sha384]: "SHA384",
  [openpgp.enums.hash.sha512]: "SHA512",
  [openpgp.enums.hash.sha3_256]: "SHA3-256",
  [openpgp.enums.hash.sha3_512]: "SHA3-512",
};
const ALLOWED_HASH_HEADERS = ["SHA224", "SHA256", "SHA384", "SHA512", "SHA3-256", "SHA3-512"];
const PGP_CONFIG = {
  preferredHashAlgorithm: openpgp.enums.hash.sha512,
  minRSABits: 1024,
} as const;

/** helm's `provenance.Digest`: lower-case hex SHA-256. */
export async function digest(data: Uint8Array): Promise<string> {
  const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>));
  return Array.from(sum, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The clearsigned text: metadata, `...`, and the `files:` block. */
export async function messageBlock(
  archive: Uint8Array,
  fileName: string,
  metadataYaml: string,
): Promise<string> {
  const sums = yamlMarshal({ files: { [fileName]: `sha256:${await digest(archive)}` } });
  return `${metadataYaml}\n...\n${sums}`;
}

/** A key as helm's `openpgp.Entity` is used: its user IDs and whether it holds a secret key. */
interface Entity {
  key: openpgp.Key;
  identities: string[];
}

function entity(key: openpgp.Key): Entity {
  const identities = key.users.flatMap((u) => u.userID ? [u.userID.userID] : []);
  return { key, identities };
}

/**
 * helm's `loadKeyRing`: every key in a binary keyring file. An empty file is
 * an empty keyring, as for go-crypto.
 *
 * @throws {ChartaError} `open PATH: …` when unreadable, go-crypto's wording when not a binary keyring
 */
export async function loadKeyring(path: string): Promise<openpgp.Key[]> {
  let data: Uint8Array;
  try {
    data = await Deno.readFile(path);
  } catch (e) {
    const { pathError } = await import("../chart/errors.ts");
    throw new ChartaError(pathError("open", path, e).message, { cause: e });
  }
  if (data.length === 0) return [];
  // go-crypto reads binary packets only: an armored file starts with '-', whose tag byte lacks the MSB.
  if ((data[0] & 0x80) === 0) {
    throw new ChartaError("openpgp: invalid data: tag byte does not have MSB set");
  }
  try {
    return await openpgp.readKeys({ binaryKeys: data, config: PGP_CONFIG });
  } catch (e) {
    throw new ChartaError(`openpgp: invalid data: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * helm's `NewFromKeyring` key selection: a user ID equal to `id` wins; else
 * the one key with a user ID containing it.
 *
 * @throws {ChartaError} `more than one key contain the id "ID"`
 */
export function selectKey(keys: readonly openpgp.Key[], id: string): openpgp.Key | undefined {
  let candidate: openpgp.Key | undefined;
  let vague = false;
  for (const e of keys.map(entity)) {
    for (const n of e.identities) {
      if (n === id) return e.key;
      if (n.includes(id)) {
        if (candidate) vague = true;
        candidate = e.key;
      }
    }
  }
  if (vague) throw new ChartaError(`more than one key contain the id ${JSON.stringify(id)}`);
  return candidate;
}

/** Go's clearsign framing: the lines as written (dash-escaped) and as hashed. */
function clearsignText(text: string): { written: string; hashed: string } {
  const lines = text.split("\n").map((l) => l.replace(/[ \t\r]+$/, ""));
  return {
    written: lines.map((l) => l.startsWith("-") ? `- ${l}` : l).join("\n") + "\n",
    hashed: lines.join("\n"),
  };
}

/** go-crypto's armor: 64-column base64 lines, no checksum line. */
function armorSignature(sig: Uint8Array): string {
  let b64 = "";
  for (let i = 0; i < sig.length; i += 0x8000) b64 += String.fromCharCode(...sig.subarray(i, i + 0x8000));
  b64 = btoa(b64);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `${BEGIN_SIG}\n\n${lines.join("\n")}\n${END_SIG}`;
}

/**
 * helm's `Signatory.ClearSign` on a chart archive: the `.prov` text.
 *
 * @throws {ChartaError} helm's `private key not found`, `provided key is not
 * a private key. Try providing a keyring with secret keys`, `more than one
 * key contain the id …`, keyring errors, and go-crypto's wrong-passphrase error
 */
export async function clearSign(archive: Uint8Array, fileName: string, opts: SignOptions): Promise<string> {
  const keys = await loadKeyring(opts.keyring);
  const key = opts.key === "" ? undefined : selectKey(keys, opts.key);
  if (!key) throw new ChartaError("private key not found");
  if (!key.isPrivate()) {
    throw new ChartaError("provided key is not a private key. Try providing a keyring with secret keys");
  }
  let priv = key as openpgp.PrivateKey;
  if (!priv.isDecrypted()) {
    const name = entity(key).identities.find((i) => i !== "") ?? "Unknown";
    const pass = await opts.passphrase(name);
    try {
      priv = await openpgp.decryptKey({
        privateKey: priv,
        passphrase: typeof pass === "string" ? pass : new TextDecoder().decode(pass),
      });
    } catch (e) {
      throw new ChartaError("openpgp: invalid data: private key checksum failure", { cause: e });
    }
  }
  const md = typeof opts.metadataYaml === "string" ? opts.metadataYaml : await opts.metadataYaml();
  const body = clearsignText(await messageBlock(archive, fileName, md));
  const message = await openpgp.createCleartextMessage({ text: body.hashed });
  const signed = await openpgp.sign({
    message,
    signingKeys: priv,
    // helm signs with the primary key, whatever signing subkeys the key has.
    signingKeyIDs: priv.getKeyID(),
    format: "object",
    date: opts.date,
    config: { ...PGP_CONFIG, nonDeterministicSignaturesViaNotation: true },
  });
  // The typings hide a cleartext message's signature, which the custom armor below needs.
  const sig = (signed as unknown as { signature: openpgp.Signature }).signature;
  const hashes = [
    ...new Set(sig.packets.map((p: openpgp.SignaturePacket) => HASH_NAMES[p.hashAlgorithm!] ?? "SHA512")),
  ];
  return `${BEGIN_SIGNED}\nHash: ${hashes.join(",")}\n\n${body.written}${armorSignature(sig.write())}`;
}

/** A decoded clearsigned message (go-crypto's `clearsign.Block`). */
interface Block {
  /** The text as signed (CRLF line ends, trailing whitespace removed). */
  text: string;
  /** The text as read (LF line ends). */
  plaintext: string;
  /** The armored signature packets. */
  signature: Uint8Array;
}

/** go-crypto's `clearsign.Decode`; undefined where it finds no block. */
export function decodeClearsign(data: string): Block | undefined {
  let rest: string;
  if (data.startsWith(`${BEGIN_SIGNED}`)) rest = data.slice(BEGIN_SIGNED.length);
  else {
    const i = data.indexOf(`\n${BEGIN_SIGNED}`);
    if (i < 0) return undefined;
    rest = data.slice(i + 1 + BEGIN_SIGNED.length);
  }
  const getLine = (): string => {
    const i = rest.indexOf("\n");
    const line = i < 0 ? rest : rest.slice(0, i);
    rest = i < 0 ? "" : rest.slice(i + 1);
    return line.replace(/[ \t\r]+$/, "");
  };
  if (getLine() !== "") return undefined;
  for (;;) {
    if (rest.length === 0) return undefined;
    const line = getLine();
    if (line.trim() === "") break;
    if (/[^\x20-\x7e]/.test(line)) return undefined;
    const colon = line.indexOf(":");
    if (colon < 0 || line.slice(0, colon).trim() !== "Hash") return undefined;
    for (const v of line.slice(colon + 1).split(",")) {
      if (!ALLOWED_HASH_HEADERS.includes(v.trim().toUpperCase())) return undefined;
    }
  }
  const lines: string[] = [];
  for (;;) {
    const start = rest;
    const line = getLine();
    if (line === "" && rest.length === 0) return undefined;
    if (line === BEGIN_SIG) {
      rest = start;
      break;
    }
    lines.push(line.startsWith("- ") ? line.slice(2) : line);
  }
  const end = rest.indexOf(END_SIG);
  if (end < 0) return undefined;
  const armored = rest.slice(0, end).split("\n").slice(1);
  // Armor headers end at the first blank line; a `=XXXX` line is the optional checksum.
  const blank = armored.findIndex((l) => l.trim() === "");
  if (blank < 0) return undefined;
  const b64 = armored.slice(blank + 1).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("="));
  let signature: Uint8Array;
  try {
    signature = Uint8Array.from(atob(b64.join("")), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
  return {
    text: lines.map((l) => l.replace(/[ \t]+$/, "")).join("\r\n"),
    plaintext: lines.map((l) => l.replace(/[ \t]+$/, "")).join("\n"),
    signature,
  };
}

const ALGO_NAMES: Record<string, string> = {
  rsaEncryptSign: "RSA",
  rsaSign: "RSA",
  dsa: "DSA",
  ecdsa: "ECDSA",
  eddsaLegacy: "EdDSA",
  ed25519: "Ed25519",
  ed448: "ed448",
};

/** go-crypto's `CheckDetachedSignature` over a decoded block: the signing key. */
async function checkSignature(keys: readonly openpgp.Key[], block: Block): Promise<openpgp.Key> {
  let sig: openpgp.Signature;
  try {
    sig = await openpgp.readSignature({ binarySignature: block.signature, config: PGP_CONFIG });
  } catch (e) {
    throw new ChartaError(`openpgp: invalid data: ${(e as Error).message}`, { cause: e });
  }
  for (const packet of sig.packets) {
    const id = packet.issuerKeyID;
    if (!id || /^0*$/.test(id.toHex())) {
      throw new ChartaError("openpgp: invalid data: signature doesn't have an issuer");
    }
    for (const key of keys) {
      const subkeys = key.getKeys(id);
      if (subkeys.length === 0) continue;
      const message = await openpgp.createMessage({ text: block.text });
      const result = await openpgp.verify({
        message,
        signature: new openpgp.Signature(new openpgp.PacketList<openpgp.SignaturePacket>(packet)),
        verificationKeys: key,
        config: PGP_CONFIG,
      });
      try {
        await result.signatures[0].verified;
        return key;
      } catch (e) {
        const msg = (e as Error).message;
        // go-crypto checks the two-byte hash tag only of v5+ signatures; older ones fail in the algorithm.
        if (/digest did not match/i.test(msg) && packet.version >= 5) {
          throw new ChartaError("openpgp: invalid signature: hash tag doesn't match", { cause: e });
        }
        if (/digest did not match|verification failed/i.test(msg)) {
          const algo = ALGO_NAMES[String(subkeys[0].getAlgorithmInfo().algorithm)] ?? "signature";
          throw new ChartaError(`openpgp: invalid signature: ${algo} verification failure`, { cause: e });
        }
        throw new ChartaError(`openpgp: ${msg}`, { cause: e });
      }
    }
  }
  throw new ChartaError("openpgp: signature made by unknown entity");
}

/**
 * helm's `Signatory.Verify`: the signature must be made by a key in the
 * keyring and the `files:` block must give the archive's SHA-256.
 *
 * @throws {ChartaError} `signature block not found`, go-crypto's signature
 * errors (`openpgp: signature made by unknown entity`, `openpgp: invalid
 * signature: …`), `message block must have at least two parts`,
 * `provenance does not contain a SHA for a file named "X"`, `sha256 sum
 * does not match for X: "A" != "B"`
 */
export async function verify(
  archive: Uint8Array,
  prov: Uint8Array,
  fileName: string,
  keys: readonly openpgp.Key[],
): Promise<Verification> {
  const block = decodeClearsign(new TextDecoder().decode(prov));
  if (!block) throw new ChartaError("signature block not found");
  const signer = await checkSignature(keys, block);
  const sum = `sha256:${await digest(archive)}`;
  const parts = block.plaintext.split("\n...\n");
  if (parts.length < 2) throw new ChartaError("message block must have at least two parts");
  let files: Record<string, unknown> = {};
  try {
    const doc = parseYaml(parts[1], { target: "map" }) as { files?: Record<string, unknown> } | null;
    files = doc?.files ?? {};
  } catch (e) {
    throw new ChartaError((e as Error).message, { cause: e });
  }
  if (!Object.hasOwn(files, fileName)) {
    throw new ChartaError(`provenance does not contain a SHA for a file named ${JSON.stringify(fileName)}`);
  }
  const sha = String(files[fileName]);
  if (sha !== sum) {
    throw new ChartaError(
      `sha256 sum does not match for ${fileName}: ${JSON.stringify(sha)} != ${JSON.stringify(sum)}`,
    );
  }
  return {
    signedBy: entity(signer).identities,
    fingerprint: signer.getFingerprint().toUpperCase(),
    fileHash: sum,
    fileName,
  };
}

/** helm's `verify` output for a verification. */
export function formatVerification(v: Verification): string {
  return v.signedBy.map((n) => `Signed by: ${n}\n`).join("") +
    `Using Key With Fingerprint: ${v.fingerprint}\nChart Hash Verified: ${v.fileHash}\n`;
}

/**
 * helm's `downloader.VerifyChart`: checks a chart archive against its
 * provenance file with the public keys of a keyring.
 *
 * @throws {ChartaError} helm's errors, `failed to load keyring: …` for the keyring
 */
export async function verifyChart(path: string, provPath: string, keyring: string): Promise<Verification> {
  let keys: openpgp.Key[];
  try {
    keys = await loadKeyring(keyring);
  } catch (e) {
    throw new ChartaError(`failed to load keyring: ${(e as Error).message}`, { cause: e });
  }
  const { pathError } = await import("../chart/errors.ts");
  const read = async (p: string, what: string) => {
    try {
      return await Deno.readFile(p);
    } catch (e) {
      throw new ChartaError(`failed to read ${what}: ${pathError("open", p, e).message}`, { cause: e });
    }
  };
  const archive = await read(path, "chart archive");
  const prov = await read(provPath, "provenance file");
  return await verify(archive, prov, path.slice(path.lastIndexOf("/") + 1), keys);
}

/**
 * Signs a chart archive as `helm package --sign` does, writing
 * `ARCHIVE.prov` (mode 0644).
 *
 * @throws {ChartaError} see {@link clearSign}
 */
export async function signChart(archivePath: string, opts: SignOptions): Promise<string> {
  const archive = await Deno.readFile(archivePath);
  const text = await clearSign(archive, archivePath.slice(archivePath.lastIndexOf("/") + 1), opts);
  const prov = `${archivePath}.prov`;
  await Deno.writeTextFile(prov, text, { mode: 0o644 });
  return prov;
}
