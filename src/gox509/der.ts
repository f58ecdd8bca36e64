/**
 * Minimal ASN.1 DER encoding and decoding: enough to write X.509
 * certificates and private keys the way Go's encoding/asn1 writes them,
 * and to read back the parts of certificates and keys that Sprig needs.
 *
 * @module
 */

import { concatBytes } from "../bytes/mod.ts";

/** Universal tag numbers used here. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A TLV with the given identifier octet and content. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.from([tag, ...lengthBytes(content.length)]), content]);
}

/** SEQUENCE of already-encoded elements. */
export function sequence(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.SEQUENCE, concatBytes(items));
}

/** SET of already-encoded elements (callers keep DER order; here sets hold one element). */
export function set(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.SET, concatBytes(items));
}

/** INTEGER in minimal two's complement. */
export function integer(n: bigint): Uint8Array {
  const bytes: number[] = [];
  let x = n;
  do {
    bytes.unshift(Number(BigInt.asUintN(8, x)));
    x >>= 8n;
  } while (!(x === 0n && (bytes[0] & 0x80) === 0) && !(x === -1n && (bytes[0] & 0x80) !== 0));
  return tlv(TAG.INTEGER, Uint8Array.from(bytes));
}

/** Unsigned big-endian bytes as a non-negative INTEGER. */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  return integer(bytesToBigInt(bytes));
}

/** Big-endian bytes to a non-negative bigint. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let x = Math.floor(arc / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift(0x80 | (x & 0x7f));
    out.push(...chunk);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** NULL. */
export function nullValue(): Uint8Array {
  return Uint8Array.from([TAG.NULL, 0]);
}

/** BOOLEAN (DER: 0xff for true). */
export function boolean(b: boolean): Uint8Array {
  return Uint8Array.from([TAG.BOOLEAN, 1, b ? 0xff : 0]);
}

/** OCTET STRING. */
export function octetString(b: Uint8Array): Uint8Array {
  return tlv(TAG.OCTET_STRING, b);
}

/** BIT STRING with the given number of unused trailing bits. */
export function bitString(b: Uint8Array, unusedBits = 0): Uint8Array {
  return tlv(TAG.BIT_STRING, concatBytes([Uint8Array.of(unusedBits), b]));
}

/** A string with a string tag (PrintableString, UTF8String, IA5String). */
export function stringOf(tag: number, s: string): Uint8Array {
  return tlv(tag, new TextEncoder().encode(s));
}

/** Context-specific EXPLICIT [n] around an encoded element. */
export function explicit(n: number, inner: Uint8Array): Uint8Array {
  return tlv(0xa0 | n, inner);
}

/** Context-specific IMPLICIT [n] primitive with raw content. */
export function implicit(n: number, content: Uint8Array): Uint8Array {
  return tlv(0x80 | n, content);
}

/** UTCTime or GeneralizedTime as Go's asn1 picks it (UTCTime for 1950–2049), seconds precision. */
export function time(unixSeconds: number): Uint8Array {
  const d = new Date(unixSeconds * 1000);
  const year = d.getUTCFullYear();
  const p2 = (n: number) => String(n).padStart(2, "0");
  const rest = p2(d.getUTCMonth() + 1) + p2(d.getUTCDate()) + p2(d.getUTCHours()) + p2(d.getUTCMinutes()) +
    p2(d.getUTCSeconds()) + "Z";
  if (year >= 1950 && year < 2050) return stringOf(TAG.UTC_TIME, p2(year % 100) + rest);
  return stringOf(TAG.GENERALIZED_TIME, String(year).padStart(4, "0") + rest);
}

/** A decoded element. */
export interface Element {
  /** The identifier octet. */
  readonly tag: number;
  /** The content bytes. */
  readonly content: Uint8Array;
  /** The whole TLV. */
  readonly full: Uint8Array;
}

/** A DER structure that does not parse. */
export class DerError extends Error {}

/** Reads one element at offset; returns it and the offset after it. */
export function readElement(buf: Uint8Array, offset = 0): [Element, number] {
  if (offset + 2 > buf.length) throw new DerError("truncated tag or length");
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("high tag numbers are not supported");
  let len = buf[offset + 1];
  let p = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > buf.length) throw new DerError("bad length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i];
    p += n;
  }
  if (p + len > buf.length) throw new DerError("data truncated");
  return [{ tag, content: buf.subarray(p, p + len), full: buf.subarray(offset, p + len) }, p + len];
}

/** Reads a whole buffer as exactly one element. */
export function readOne(buf: Uint8Array): Element {
  const [el, end] = readElement(buf);
  if (end !== buf.length) throw new DerError("trailing data");
  return el;
}

/** The children of a constructed element. */
export function children(el: Element): Element[] {
  const out: Element[] = [];
  let p = 0;
  while (p < el.content.length) {
    const [child, next] = readElement(el.content, p);
    out.push(child);
    p = next;
  }
  return out;
}

/** An INTEGER's value. */
export function readInteger(el: Element): bigint {
  if (el.tag !== TAG.INTEGER || el.content.length === 0) throw new DerError("not an integer");
  let n = bytesToBigInt(el.content);
  if (el.content[0] & 0x80) n -= 1n << BigInt(8 * el.content.length);
  return n;
}

/** An OBJECT IDENTIFIER in dotted form. */
export function readOid(el: Element): string {
  if (el.tag !== TAG.OID || el.content.length === 0) throw new DerError("not an object identifier");
  const b = el.content;
  const arcs = [Math.floor(Math.min(b[0], 80) / 40), b[0] - Math.floor(Math.min(b[0], 80) / 40) * 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join(".");
}

/** Unsigned big-endian bytes of a bigint, left-padded to `size` bytes. */
export function bigIntToBytes(n: bigint, size = 0): Uint8Array {
  const hex = n.toString(16);
  const bytes: number[] = [];
  for (let i = hex.length; i > 0; i -= 2) bytes.unshift(parseInt(hex.slice(Math.max(0, i - 2), i), 16));
  while (bytes.length < size) bytes.unshift(0);
  return Uint8Array.from(bytes);
}
