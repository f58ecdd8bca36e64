/**
 * node:crypto on first use. Importing it costs 25–60 ms of start-up (Deno's
 * Node compatibility layer), and only key, certificate, AES and scrypt
 * functions need it; template functions are synchronous, so it is loaded
 * synchronously with `process.getBuiltinModule`.
 *
 * @module
 */
import type * as NodeCrypto from "node:crypto";
import type { Buffer } from "node:buffer";

let loaded: typeof NodeCrypto | undefined;

/** node:crypto, loaded the first time it is asked for. */
export function nodeCrypto(): typeof NodeCrypto {
  loaded ??= process.getBuiltinModule("node:crypto") as typeof NodeCrypto;
  return loaded;
}

/** A node Buffer over the same bytes, for the node:crypto calls whose types ask for one. */
export function toBuffer(bytes: Uint8Array): Buffer {
  const { Buffer } = process.getBuiltinModule("node:buffer") as typeof import("node:buffer");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `n` cryptographically random bytes (Web Crypto, which needs no Node layer). */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65536 bytes a call.
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(out.subarray(at, Math.min(n, at + 65536)));
  return out;
}
