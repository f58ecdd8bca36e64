/**
 * X.509 certificate creation laid out as Go's `x509.CreateCertificate`
 * writes it for Sprig's templates: version 3, the same extensions in the
 * same order and criticality (key usage, extended key usage, basic
 * constraints, subject and authority key IDs, subject alternative names),
 * Go's choice of string and time types, and Go's error messages.
 *
 * @module
 */

import { sha256 } from "@noble/hashes/sha2.js";
import { nodeCrypto, toBuffer } from "../crypto/node_crypto.ts";
import { goQuote } from "../goregexp/mod.ts";
import {
  bitString,
  boolean,
  children,
  type Element,
  explicit,
  implicit,
  integer,
  nullValue,
  octetString,
  oid,
  readElement,
  readOid,
  readOne,
  sequence,
  set,
  stringOf,
  TAG,
  time,
} from "./der.ts";
import { type PrivateKey, publicKeyGoType, publicKeySpki } from "./keys.ts";

/** Go's `x509.KeyUsage` bits used by Sprig. */
export const KEY_USAGE = { digitalSignature: 1, keyEncipherment: 4, certSign: 32 } as const;

/** What Sprig's `getBaseCertTemplate` fills in. */
export interface CertTemplate {
  /** Serial number (positive). */
  readonly serial: bigint;
  /** Subject CN; empty means an empty subject. */
  readonly commonName: string;
  /** Addresses as 4 or 16 bytes. */
  readonly ipAddresses: readonly Uint8Array[];
  /** DNS subject alternative names (ASCII only, as Go requires). */
  readonly dnsNames: readonly string[];
  /** Unix seconds; sub-second parts are dropped in the encoding as in Go. */
  readonly notBefore: number;
  /** End of validity, Unix seconds. */
  readonly notAfter: number;
  /** Go's KeyUsage bits (see {@link KEY_USAGE}). */
  readonly keyUsage: number;
  /** Whether basic constraints say CA (and a subject key ID is added). */
  readonly isCA: boolean;
}

/** The parts of a parsed issuer certificate that signing needs. */
export interface IssuerCert {
  /** The DER of the subject name, reused verbatim as the issuer. */
  readonly rawSubject: Uint8Array;
  /** The subject key identifier, if the certificate has one. */
  readonly subjectKeyId?: Uint8Array;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
}

const OID = {
  commonName: "2.5.4.3",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  basicConstraints: "2.5.29.19",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  subjectAltName: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
  ecdsaWithSHA384: "1.2.840.10045.4.3.3",
  ecdsaWithSHA512: "1.2.840.10045.4.3.4",
  ed25519: "1.3.101.112",
};

/** Go's asn1 PrintableString set (no `*` or `&` when marshalling). */
function isPrintableString(s: string): boolean {
  return /^[A-Za-z0-9'()+,\-./:=? ]*$/.test(s);
}

/** Go's `pkix.Name{CommonName: cn}.ToRDNSequence()` marshalled: empty when cn is empty. */
function subjectName(cn: string): Uint8Array {
  if (cn === "") return sequence();
  const value = isPrintableString(cn) ? stringOf(TAG.PRINTABLE_STRING, cn) : stringOf(TAG.UTF8_STRING, cn);
  return sequence(set(sequence(oid(OID.commonName), value)));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value));
}

/** Go's `marshalKeyUsage`: bits reversed into a BIT STRING without trailing zero bits. */
function keyUsageValue(ku: number): Uint8Array {
  const reverse = (b: number) => {
    let r = 0;
    for (let i = 0; i < 8; i++) if (b & (1 << i)) r |= 0x80 >> i;
    return r;
  };
  const bytes = [reverse(ku & 0xff), reverse((ku >> 8) & 0xff)];
  const used = bytes[1] !== 0 ? bytes : [bytes[0]];
  const last = used[used.length - 1];
  let unused = 0;
  if (last === 0) unused = 8;
  else while (((last >> unused) & 1) === 0) unused++;
  return bitString(Uint8Array.from(used), unused === 8 ? 0 : unused);
}

/** The BIT STRING contents of a SubjectPublicKeyInfo (what Go hashes for key IDs). */
function publicKeyBits(spki: Uint8Array): Uint8Array {
  const [, bits] = children(readOne(spki));
  return bits.content.subarray(1);
}

/** Go's `signingParamsForKey`: the signature algorithm identifier and how to sign. */
function signingParams(key: PrivateKey): { algorithm: Uint8Array; hash: string | null } {
  if (key.kind === "rsa") return { algorithm: sequence(oid(OID.sha256WithRSA), nullValue()), hash: "sha256" };
  if (key.kind === "ed25519") return { algorithm: sequence(oid(OID.ed25519)), hash: null };
  if (key.kind === "ecdsa") {
    const curve = key.key.asymmetricKeyDetails?.namedCurve;
    if (curve === "secp384r1") return { algorithm: sequence(oid(OID.ecdsaWithSHA384)), hash: "sha384" };
    if (curve === "secp521r1") return { algorithm: sequence(oid(OID.ecdsaWithSHA512)), hash: "sha512" };
    if (curve === "prime256v1" || curve === "secp224r1") {
      return { algorithm: sequence(oid(OID.ecdsaWithSHA256)), hash: "sha256" };
    }
    throw new Error("x509: unknown elliptic curve");
  }
  throw new Error("x509: certificate private key does not implement crypto.Signer");
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Go's `net.IP.To4()` for the SAN encoding: IPv4 and IPv4-mapped addresses become 4 bytes. */
function ipBytes(ip: Uint8Array): Uint8Array {
  if (ip.length === 4) return ip;
  const mapped = ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
  return mapped ? ip.subarray(12) : ip;
}

/**
 * Go's `x509.CreateCertificate(rand, template, parent, pub, priv)` for
 * Sprig's templates. `issuer` undefined means self-signed (parent =
 * template). Returns the certificate DER.
 *
 * @throws {Error} with Go's x509 message.
 */
export function createCertificate(
  template: CertTemplate,
  subjectKey: PrivateKey,
  issuer: IssuerCert | undefined,
  signerKey: PrivateKey,
): Uint8Array {
  const { algorithm, hash } = signingParams(signerKey);
  const spki = publicKeySpki(subjectKey);
  if (spki === undefined) {
    throw new Error(`x509: unsupported public key type: ${publicKeyGoType(subjectKey)}`);
  }
  const subject = subjectName(template.commonName);
  const issuerName = issuer?.rawSubject ?? subject;
  const keyBits = publicKeyBits(spki);

  // An authority key ID only when the issuer name differs and the issuer has a key ID.
  const authorityKeyId = !equalBytes(issuerName, subject) && issuer?.subjectKeyId?.length
    ? issuer.subjectKeyId
    : undefined;
  // CA certificates get a subject key ID: SHA-256 of the key, truncated (Go ≥ 1.25 default).
  const subjectKeyId = template.isCA ? sha256(keyBits).subarray(0, 20) : undefined;

  const signerSpki = publicKeySpki(signerKey)!;
  if (issuer !== undefined && !equalBytes(signerSpki, issuer.spki)) {
    throw new Error("x509: provided PrivateKey doesn't match parent's PublicKey");
  }

  const extensions: Uint8Array[] = [];
  if (template.keyUsage !== 0) {
    extensions.push(extension(OID.keyUsage, true, keyUsageValue(template.keyUsage)));
  }
  extensions.push(extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth), oid(OID.clientAuth))));
  extensions.push(
    extension(OID.basicConstraints, true, template.isCA ? sequence(boolean(true)) : sequence()),
  );
  if (subjectKeyId !== undefined) {
    extensions.push(extension(OID.subjectKeyId, false, octetString(subjectKeyId)));
  }
  if (authorityKeyId !== undefined) {
    extensions.push(extension(OID.authorityKeyId, false, sequence(implicit(0, authorityKeyId))));
  }
  if (template.dnsNames.length > 0 || template.ipAddresses.length > 0) {
    const names: Uint8Array[] = [];
    for (const name of template.dnsNames) {
      if ([...name].some((ch) => ch.codePointAt(0)! > 0x7f)) {
        throw new Error(`x509: ${goQuote(name)} cannot be encoded as an IA5String`);
      }
      names.push(implicit(2, new TextEncoder().encode(name)));
    }
    for (const ip of template.ipAddresses) names.push(implicit(7, ipBytes(ip)));
    // With an empty subject the names identify the holder, so the extension is critical.
    extensions.push(extension(OID.subjectAltName, subject.length === 2, sequence(...names)));
  }

  const tbs = sequence(
    explicit(0, integer(2n)),
    integer(template.serial),
    algorithm,
    issuerName,
    sequence(validityTime(template.notBefore), validityTime(template.notAfter)),
    subject,
    spki,
    explicit(3, sequence(...extensions)),
  );
  const keyObject = signerKey.kind === "dsa" || signerKey.kind === "unsupported" ? undefined : signerKey.key;
  const signature = new Uint8Array(nodeCrypto().sign(hash, tbs, keyObject!));
  return sequence(tbs, algorithm, bitString(signature));
}

function validityTime(unixSeconds: number): Uint8Array {
  const year = new Date(Math.floor(unixSeconds) * 1000).getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) {
    throw new Error("asn1: structure error: cannot represent time as GeneralizedTime");
  }
  return time(Math.floor(unixSeconds));
}

/** Reads the issuer-side facts from a certificate's DER, or throws Go's generic parse error. */
export function parseIssuerCert(der: Uint8Array): IssuerCert {
  try {
    const [tbs] = children(readOne(der));
    const fields = children(tbs);
    let i = 0;
    if (fields[i].tag === 0xa0) i++; // version
    i += 2; // serial, signature algorithm
    i++; // issuer
    i++; // validity
    const rawSubject = fields[i++].full;
    const spki = fields[i++].full;
    let subjectKeyId: Uint8Array | undefined;
    for (; i < fields.length; i++) {
      if (fields[i].tag !== 0xa3) continue;
      const [exts] = children(fields[i]);
      for (const ext of children(exts)) {
        const parts = children(ext);
        if (readOid(parts[0]) !== OID.subjectKeyId) continue;
        const value = parts[parts.length - 1].content;
        subjectKeyId = (readElement(value)[0] as Element).content;
      }
    }
    // Also make sure the key itself is one node:crypto understands, as Go's parser would check.
    nodeCrypto().createPublicKey({ key: toBuffer(spki), format: "der", type: "spki" });
    return { rawSubject, spki, subjectKeyId };
  } catch {
    throw new Error("x509: malformed certificate");
  }
}
