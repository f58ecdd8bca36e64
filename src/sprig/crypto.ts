/**
 * Sprig's cryptographic functions: digests (`sha1sum`, `sha256sum`,
 * `sha512sum`, `adler32sum`), `bcrypt`/`htpasswd`, the deterministic
 * `derivePassword` (Master Password algorithm), `genPrivateKey`, the
 * certificate builders (`genCA`, `genSelfSignedCert`, `genSignedCert`, their
 * `WithKey` forms, `buildCustomCert`), `encryptAES`/`decryptAES` (AES-256-CBC,
 * interoperable with Go's), `randBytes` and `uuidv4`.
 *
 * Strings are Go byte strings (see `gostring.ts`), so digests and ciphers
 * see exactly the bytes Go would.
 *
 * @module
 */

import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { hashSync as bcryptHash } from "bcrypt-ts/browser";
import { nodeCrypto, randomBytes } from "../crypto/node_crypto.ts";
import { concatBytes } from "../bytes/mod.ts";
import { formatValue } from "../gotpl/fmt.ts";
import { type FuncMap, goFunc, GoInt, GoStruct } from "../gotpl/value.ts";
import { GoTime, HOUR } from "../gotime/mod.ts";
import { createCertificate, type IssuerCert, KEY_USAGE, parseIssuerCert } from "../gox509/cert.ts";
import { bytesToBigInt } from "../gox509/der.ts";
import { parseIP } from "../gox509/ip.ts";
import {
  generatePrivateKey,
  generateRsaKey,
  parsePrivateKeyPem,
  type PrivateKey,
  privateKeyPem,
} from "../gox509/keys.ts";
import { pemDecode, pemEncode } from "../gox509/pem.ts";
import { intArg } from "./cast.ts";
import { base64Decode, base64Encode } from "./encoding.ts";
import { goBytes, goString } from "./gostring.ts";

const ANY_LIST = "[]interface {}";

// Digests and bcrypt come from pure-JS libraries: the template engine then loads no Node layer.
const DIGESTS = { sha1, sha256, sha512 };

function hexDigest(algorithm: keyof typeof DIGESTS, input: string): string {
  return bytesToHex(DIGESTS[algorithm](goBytes(input)));
}

const BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** bcrypt's own base64 (no padding), as Go's bcrypt encodes the salt. */
function bcryptBase64(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const chars = i + 1 >= b.length ? 2 : i + 2 >= b.length ? 3 : 4;
    for (let k = 0; k < chars; k++) out += BCRYPT_ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Adler-32 of the bytes, as Go's hash/adler32. */
function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

/** Go's bcrypt cost 10 hash with the `$2a$` prefix Go writes. */
function bcrypt(input: string): string {
  const password = goBytes(input);
  if (password.length > 72) {
    return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
  }
  // 16 bytes make 22 characters; bcrypt reads 128 bits of them.
  return bcryptHash(goString(password), "$2a$10$" + bcryptBase64(randomBytes(16)));
}

function htpasswd(username: string, password: string): string {
  if (username.includes(":")) return `invalid username: ${username}`;
  return `${username}:${bcrypt(password)}`;
}

/** Go's `make([]byte, n)` panic for a negative length. */
function checkLength(n: number): void {
  if (n < 0) throw new Error("runtime error: makeslice: len out of range");
}

function randBytes(count: unknown): string {
  const n = intArg(count);
  checkLength(n);
  return base64Encode(randomBytes(n));
}

// --- derivePassword: the Master Password algorithm ---

const MASTER_PASSWORD_SEED = "com.lyndir.masterpassword";

const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
  long: [
    "CvcvnoCvcvCvcv",
    "CvcvCvcvnoCvcv",
    "CvcvCvcvCvcvno",
    "CvccnoCvcvCvcv",
    "CvccCvcvnoCvcv",
    "CvccCvcvCvcvno",
    "CvcvnoCvccCvcv",
    "CvcvCvccnoCvcv",
    "CvcvCvccCvcvno",
    "CvcvnoCvcvCvcc",
    "CvcvCvcvnoCvcc",
    "CvcvCvcvCvccno",
    "CvccnoCvccCvcv",
    "CvccCvccnoCvcv",
    "CvccCvccCvcvno",
    "CvcvnoCvccCvcc",
    "CvcvCvccnoCvcc",
    "CvcvCvccCvccno",
    "CvccnoCvcvCvcc",
    "CvccCvcvnoCvcc",
    "CvccCvcvCvccno",
  ],
  medium: ["CvcnoCvc", "CvcCvcno"],
  short: ["Cvcn"],
  basic: ["aaanaaan", "aannaaan", "aaannaaa"],
  pin: ["nnnn"],
}; // deno-fmt-ignore

const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: "AEIOU",
  C: "BCDFGHJKLMNPQRSTVWXYZ",
  v: "aeiou",
  c: "bcdfghjklmnpqrstvwxyz",
  A: "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
  a: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
  n: "0123456789",
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
};

function uint32be(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}

/** Sprig's `derivePassword(counter, type, password, user, site)`: deterministic for the same inputs. */
function derivePassword(
  counter: unknown,
  passwordType: string,
  password: string,
  user: string,
  site: string,
): string {
  const templates = PASSWORD_TEMPLATES[passwordType];
  if (templates === undefined) return `cannot find password template ${passwordType}`;
  const seed = new TextEncoder().encode(MASTER_PASSWORD_SEED);
  const userBytes = goBytes(user);
  const siteBytes = goBytes(site);
  const salt = concatBytes([seed, uint32be(userBytes.length), userBytes]);
  // N=32768, r=8, p=2 needs 64 MiB; node's default memory cap is lower.
  const { scryptSync, createHmac } = nodeCrypto();
  const key = scryptSync(goBytes(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const n = counter instanceof GoInt ? Number(BigInt.asUintN(32, counter.value)) : intArg(counter);
  const message = concatBytes([seed, uint32be(siteBytes.length), siteBytes, uint32be(n)]);
  const hmac = createHmac("sha256", key).update(message).digest();
  const template = templates[hmac[0] % templates.length];
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARACTERS[template[i]];
    out += chars[hmac[i + 1] % chars.length];
  }
  return out;
}

function genPrivateKey(type: string): string {
  let key: PrivateKey | undefined;
  try {
    key = generatePrivateKey(type);
  } catch (e) {
    return `failed to generate private key: ${(e as Error).message}`;
  }
  if (key === undefined) return "Unknown type " + type;
  return privateKeyPem(key);
}

// --- certificates ---

/** Sprig's `certificate` struct: PEM `Cert` and `Key`. */
export class Certificate extends GoStruct {
  /** PEM of the certificate. */
  Cert: string;
  /** PEM of the private key. */
  Key: string;

  /** A certificate/key pair. */
  constructor(cert = "", key = "") {
    super();
    this.Cert = cert;
    this.Key = key;
  }

  /** Go type name (the struct is unexported in package sprig). */
  get goType(): string {
    return "sprig.certificate";
  }
}

/** Sprig's `getNetIPs`: each element must be a string Go's net.ParseIP accepts. */
function netIPs(ips: unknown[] | null): Uint8Array[] {
  if (ips === null || ips === undefined) return [];
  return ips.map((ip) => {
    if (typeof ip !== "string") throw new Error(`error parsing ip: ${formatValue(ip)} is not a string`);
    const parsed = parseIP(ip);
    if (parsed === undefined) throw new Error(`error parsing ip: ${ip}`);
    return parsed;
  });
}

/** Sprig's `getAlternateDNSStrs`. */
function dnsNames(names: unknown[] | null): string[] {
  if (names === null || names === undefined) return [];
  return names.map((name) => {
    if (typeof name !== "string") {
      throw new Error(`error processing alternate dns name: ${formatValue(name)} is not a string`);
    }
    return name;
  });
}

/** A random serial below 2^128, as Sprig draws it. */
function randomSerial(): bigint {
  return bytesToBigInt(randomBytes(16));
}

interface BaseTemplate {
  commonName: string;
  ipAddresses: Uint8Array[];
  dnsNames: string[];
  notBefore: number;
  notAfter: number;
}

/** Sprig's `getBaseCertTemplate`: valid from now for `days` × 24h (Go's int64 arithmetic wraps). */
function baseTemplate(
  cn: string,
  ips: unknown[] | null,
  alternateDNS: unknown[] | null,
  days: number,
): BaseTemplate {
  const ipAddresses = netIPs(ips);
  const names = dnsNames(alternateDNS);
  const now = GoTime.now();
  const notAfter = now.add(BigInt.asIntN(64, HOUR * 24n * BigInt(days)));
  return { commonName: cn, ipAddresses, dnsNames: names, notBefore: now.sec, notAfter: notAfter.sec };
}

/** Sprig's `getCertAndKey`: signs the template and PEM-encodes certificate and key. */
function certAndKey(
  base: BaseTemplate,
  isCA: boolean,
  subjectKey: PrivateKey,
  issuer: IssuerCert | undefined,
  signerKey: PrivateKey,
): Certificate {
  if (subjectKey.kind === "unsupported") {
    throw new Error(
      `error retrieving public key from signee key: unable to get public key for type ${subjectKey.goType}`,
    );
  }
  const keyUsage = KEY_USAGE.keyEncipherment | KEY_USAGE.digitalSignature | (isCA ? KEY_USAGE.certSign : 0);
  let der: Uint8Array;
  try {
    der = createCertificate(
      { ...base, serial: randomSerial(), keyUsage, isCA },
      subjectKey,
      issuer,
      signerKey,
    );
  } catch (e) {
    throw new Error(`error creating certificate: ${(e as Error).message}`);
  }
  return new Certificate(pemEncode("CERTIFICATE", der), privateKeyPem(subjectKey));
}

function withKey<T>(privPEM: string, f: (key: PrivateKey) => T): T {
  let key: PrivateKey;
  try {
    key = parsePrivateKeyPem(privPEM);
  } catch (e) {
    throw new Error(`parsing private key: ${(e as Error).message}`);
  }
  return f(key);
}

function caWithKey(cn: string, days: number, key: PrivateKey): Certificate {
  return certAndKey(baseTemplate(cn, null, null, days), true, key, undefined, key);
}

function selfSignedWithKey(
  cn: string,
  ips: unknown[] | null,
  dns: unknown[] | null,
  days: number,
  key: PrivateKey,
) {
  return certAndKey(baseTemplate(cn, ips, dns, days), false, key, undefined, key);
}

/** Sprig's `generateSignedCertificateWithKeyInternal`. */
function signedWithKey(
  cn: string,
  ips: unknown[] | null,
  dns: unknown[] | null,
  days: number,
  ca: Certificate,
  key: PrivateKey,
): Certificate {
  const block = pemDecode(ca.Cert);
  if (block === undefined) throw new Error("unable to decode certificate");
  let issuer: IssuerCert;
  try {
    issuer = parseIssuerCert(block[0].bytes);
  } catch (e) {
    throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${(e as Error).message}`);
  }
  let signerKey: PrivateKey;
  try {
    signerKey = parsePrivateKeyPem(ca.Key);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return certAndKey(baseTemplate(cn, ips, dns, days), false, key, issuer, signerKey);
}

/** Sprig's `buildCustomCertificate`: validates base64 PEM certificate and key and returns them. */
function buildCustomCert(b64cert: string, b64key: string): Certificate {
  let cert: Uint8Array;
  let key: Uint8Array;
  try {
    cert = base64Decode(goBytes(b64cert));
  } catch {
    throw new Error("unable to decode base64 certificate");
  }
  try {
    key = base64Decode(goBytes(b64key));
  } catch {
    throw new Error("unable to decode base64 private key");
  }
  const certText = goString(cert);
  const keyText = goString(key);
  const block = pemDecode(certText);
  if (block === undefined) throw new Error("unable to decode certificate");
  try {
    parseIssuerCert(block[0].bytes);
  } catch (e) {
    throw new Error(`error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`);
  }
  try {
    parsePrivateKeyPem(keyText);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return new Certificate(certText, keyText);
}

// --- AES ---

/** The AES-256 key Sprig derives: the password's bytes in a zeroed 32-byte buffer, cut at 32. */
function aesKey(password: string): Uint8Array {
  const key = new Uint8Array(32);
  key.set(goBytes(password).subarray(0, 32));
  return key;
}

/** Sprig's `encryptAES`: base64(IV ‖ AES-256-CBC(PKCS#7-padded plaintext)); "" for "". */
function encryptAES(password: string, plaintext: string): string {
  if (plaintext === "") return "";
  const iv = randomBytes(16);
  const cipher = nodeCrypto().createCipheriv("aes-256-cbc", aesKey(password), iv);
  return base64Encode(concatBytes([iv, cipher.update(goBytes(plaintext)), cipher.final()]));
}

/**
 * Sprig's `decryptAES`. Like Sprig, it does not check the padding: it drops
 * as many bytes as the last byte says, and fails the way Go's slicing does
 * when that is impossible.
 */
function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === "") return "";
  const crypt = base64Decode(goBytes(crypt64));
  if (crypt.length < 16) {
    throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  }
  const iv = crypt.subarray(0, 16);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error("crypto/cipher: input not full blocks");
  const decipher = nodeCrypto().createDecipheriv("aes-256-cbc", aesKey(password), iv);
  decipher.setAutoPadding(false);
  const decrypted = concatBytes([decipher.update(body), decipher.final()]);
  if (decrypted.length === 0) throw new Error("runtime error: index out of range [-1]");
  const end = decrypted.length - decrypted[decrypted.length - 1];
  if (end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  return goString(decrypted.subarray(0, end));
}

const intDays = (days: unknown) => intArg(days);

/** Sprig's crypto functions (digests are listed under strings in Sprig's map). */
export const cryptoFuncs: FuncMap = {
  sha1sum: goFunc(["string"], (s: string) => hexDigest("sha1", s)),
  sha256sum: goFunc(["string"], (s: string) => hexDigest("sha256", s)),
  sha512sum: goFunc(["string"], (s: string) => hexDigest("sha512", s)),
  adler32sum: goFunc(["string"], (s: string) => String(adler32(goBytes(s)))),
  bcrypt: goFunc(["string"], bcrypt),
  htpasswd: goFunc(["string", "string"], htpasswd),
  genPrivateKey: goFunc(["string"], genPrivateKey),
  derivePassword: goFunc(["uint32", "string", "string", "string", "string"], derivePassword),
  buildCustomCert: goFunc(["string", "string"], buildCustomCert),
  genCA: goFunc(
    ["string", "int"],
    (cn: string, days: unknown) => caWithKey(cn, intDays(days), generateRsaKey(2048)),
  ),
  genCAWithKey: goFunc(
    ["string", "int", "string"],
    (cn: string, days: unknown, key: string) => withKey(key, (k) => caWithKey(cn, intDays(days), k)),
  ),
  genSelfSignedCert: goFunc(
    ["string", ANY_LIST, ANY_LIST, "int"],
    (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: unknown) =>
      selfSignedWithKey(cn, ips, dns, intDays(days), generateRsaKey(2048)),
  ),
  genSelfSignedCertWithKey: goFunc(
    ["string", ANY_LIST, ANY_LIST, "int", "string"],
    (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: unknown, key: string) =>
      withKey(key, (k) => selfSignedWithKey(cn, ips, dns, intDays(days), k)),
  ),
  genSignedCert: goFunc(
    ["string", ANY_LIST, ANY_LIST, "int", "sprig.certificate"],
    (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: unknown, ca: Certificate) =>
      signedWithKey(cn, ips, dns, intDays(days), ca, generateRsaKey(2048)),
  ),
  genSignedCertWithKey: goFunc(
    ["string", ANY_LIST, ANY_LIST, "int", "sprig.certificate", "string"],
    (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: unknown, ca: Certificate, key: string) =>
      withKey(key, (k) => signedWithKey(cn, ips, dns, intDays(days), ca, k)),
  ),
  encryptAES: goFunc(["string", "string"], encryptAES),
  decryptAES: goFunc(["string", "string"], decryptAES),
  randBytes: goFunc(["int"], randBytes),
  uuidv4: goFunc([], () => crypto.randomUUID()),
};
