/**
 * Private keys as Sprig handles them: generation (RSA, DSA, ECDSA P-256,
 * Ed25519), PEM blocks in the formats Go's x509 marshals (PKCS#1 for RSA,
 * SEC 1 for EC, the OpenSSL DSA sequence, PKCS#8 for Ed25519), and parsing
 * those back with Sprig's error messages.
 *
 * Keys other than DSA are node:crypto KeyObjects; DSA keys are kept as their
 * numbers, since Go cannot sign with them anyway.
 *
 * @module
 */

import type { KeyObject } from "node:crypto";
import { nodeCrypto, toBuffer } from "../crypto/node_crypto.ts";
import { children, DerError, integer, readInteger, readOid, readOne, sequence } from "./der.ts";
import { pemDecode, pemEncode } from "./pem.ts";

/** A private key of one of the kinds Sprig produces or accepts. */
export type PrivateKey =
  | { readonly kind: "rsa" | "ecdsa" | "ed25519"; readonly key: KeyObject }
  | {
    readonly kind: "dsa";
    readonly p: bigint;
    readonly q: bigint;
    readonly g: bigint;
    readonly y: bigint;
    readonly x: bigint;
  }
  | { readonly kind: "unsupported"; readonly goType: string };

const OID_DSA = "1.2.840.10040.4.1";

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/** Reads p, q, g and x out of a PKCS#8 DSA key and derives y = g^x mod p. */
function dsaFromPkcs8(der: Uint8Array): PrivateKey {
  const [, alg, priv] = children(readOne(der));
  const [, params] = children(alg);
  const [p, q, g] = children(params).map(readInteger);
  const x = readInteger(readOne(priv.content));
  return { kind: "dsa", p, q, g, x, y: modPow(g, x, p) };
}

/**
 * Generates a key as Sprig's `genPrivateKey` does: RSA 4096 (also for ""),
 * DSA L2048/N256, ECDSA P-256, Ed25519; undefined for an unknown type.
 */
export function generatePrivateKey(type: string): PrivateKey | undefined {
  switch (type) {
    case "":
    case "rsa":
      return {
        kind: "rsa",
        key: nodeCrypto().generateKeyPairSync("rsa", { modulusLength: 4096 }).privateKey,
      };
    case "dsa": {
      const { privateKey } = nodeCrypto().generateKeyPairSync("dsa", {
        modulusLength: 2048,
        divisorLength: 256,
      });
      return dsaFromPkcs8(new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" })));
    }
    case "ecdsa":
      return {
        kind: "ecdsa",
        key: nodeCrypto().generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey,
      };
    case "ed25519":
      return { kind: "ed25519", key: nodeCrypto().generateKeyPairSync("ed25519").privateKey };
    default:
      return undefined;
  }
}

/** A fresh RSA key of the given size (the certificate functions use 2048). */
export function generateRsaKey(bits: number): PrivateKey {
  return { kind: "rsa", key: nodeCrypto().generateKeyPairSync("rsa", { modulusLength: bits }).privateKey };
}

/** Sprig's `pemBlockForKey` as PEM text: the block type and DER Go would write. */
export function privateKeyPem(k: PrivateKey): string {
  const der = (type: "pkcs1" | "sec1" | "pkcs8", key: KeyObject) =>
    new Uint8Array(key.export({ type, format: "der" }));
  switch (k.kind) {
    case "rsa":
      return pemEncode("RSA PRIVATE KEY", der("pkcs1", k.key));
    case "ecdsa":
      return pemEncode("EC PRIVATE KEY", der("sec1", k.key));
    case "ed25519":
      return pemEncode("PRIVATE KEY", der("pkcs8", k.key));
    case "dsa":
      return pemEncode(
        "DSA PRIVATE KEY",
        sequence(integer(0n), integer(k.p), integer(k.q), integer(k.g), integer(k.y), integer(k.x)),
      );
    case "unsupported":
      // Go's pem.Encode of a nil block would panic; Sprig never gets here with keys it parsed.
      throw new Error(`x509: unknown key type while marshaling PKCS#8: ${k.goType}`);
  }
}

/** The public key of a signable key, as SubjectPublicKeyInfo DER. */
export function publicKeySpki(k: PrivateKey): Uint8Array | undefined {
  if (k.kind === "rsa" || k.kind === "ecdsa" || k.kind === "ed25519") {
    return new Uint8Array(nodeCrypto().createPublicKey(k.key).export({ type: "spki", format: "der" }));
  }
  return undefined;
}

/** The Go type name of a key's public half, for Go's error messages. */
export function publicKeyGoType(k: PrivateKey): string {
  switch (k.kind) {
    case "rsa":
      return "*rsa.PublicKey";
    case "ecdsa":
      return "*ecdsa.PublicKey";
    case "ed25519":
      return "ed25519.PublicKey";
    case "dsa":
      return "*dsa.PublicKey";
    case "unsupported":
      return k.goType;
  }
}

/** An error whose message is Sprig's text for a key that does not parse. */
export class KeyParseError extends Error {}

function nodeKey(der: Uint8Array, type: "pkcs1" | "sec1" | "pkcs8"): KeyObject {
  return nodeCrypto().createPrivateKey({ key: toBuffer(der), format: "der", type });
}

/** Go's `x509.ParsePKCS8PrivateKey`, with Go's messages for the common failures. */
function parsePkcs8(der: Uint8Array): PrivateKey {
  let algOid: string;
  try {
    const [, alg] = children(readOne(der));
    algOid = readOid(children(alg)[0]);
  } catch {
    // Go points at the formats the bytes do parse as.
    if (tryParse(() => nodeKey(der, "pkcs1"))) {
      throw new Error(
        "x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)",
      );
    }
    if (tryParse(() => nodeKey(der, "sec1"))) {
      throw new Error(
        "x509: failed to parse private key (use ParseECPrivateKey instead for this key format)",
      );
    }
    throw new Error("asn1: structure error: tags don't match");
  }
  if (algOid === OID_DSA) {
    throw new Error(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${algOid}`);
  }
  let key: KeyObject;
  try {
    key = nodeKey(der, "pkcs8");
  } catch {
    throw new Error("x509: failed to parse private key");
  }
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { kind: "rsa", key };
    case "ec":
      return { kind: "ecdsa", key };
    case "ed25519":
      return { kind: "ed25519", key };
    case "x25519":
      return { kind: "unsupported", goType: "*ecdh.PrivateKey" };
    default:
      throw new Error(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${algOid}`);
  }
}

function tryParse(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

function parseDsa(der: Uint8Array): PrivateKey {
  try {
    const [, p, q, g, y, x] = children(readOne(der)).map(readInteger);
    if (x === undefined) throw new DerError("short");
    return { kind: "dsa", p, q, g, y, x };
  } catch {
    throw new Error("asn1: syntax error: sequence truncated");
  }
}

/**
 * Sprig's `parsePrivateKeyPEM`: the first PEM block as an RSA (PKCS#1), EC
 * (SEC 1), DSA or PKCS#8 key.
 *
 * @throws {KeyParseError} with Sprig's message (`no PEM data in input`, …).
 */
export function parsePrivateKeyPem(pem: string): PrivateKey {
  const decoded = pemDecode(pem);
  if (decoded === undefined) throw new KeyParseError("no PEM data in input");
  const [block] = decoded;
  if (block.type === "PRIVATE KEY") {
    try {
      return parsePkcs8(block.bytes);
    } catch (e) {
      throw new KeyParseError(`decoding PEM as PKCS#8: ${(e as Error).message}`);
    }
  }
  if (!block.type.endsWith(" PRIVATE KEY")) {
    throw new KeyParseError(`no private key data in PEM block of type ${block.type}`);
  }
  switch (block.type.slice(0, -" PRIVATE KEY".length)) {
    case "RSA":
      try {
        return { kind: "rsa", key: nodeKey(block.bytes, "pkcs1") };
      } catch {
        const hint = tryParse(() => nodeKey(block.bytes, "pkcs8"))
          ? "x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)"
          : "x509: failed to parse private key";
        throw new KeyParseError(`parsing RSA private key from PEM: ${hint}`);
      }
    case "EC":
      try {
        return { kind: "ecdsa", key: nodeKey(block.bytes, "sec1") };
      } catch {
        throw new KeyParseError("parsing EC private key from PEM: x509: failed to parse EC private key");
      }
    case "DSA":
      try {
        return parseDsa(block.bytes);
      } catch (e) {
        throw new KeyParseError(`parsing DSA private key from PEM: ${(e as Error).message}`);
      }
    default:
      throw new KeyParseError(`invalid private key type ${block.type}`);
  }
}
