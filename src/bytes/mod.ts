/**
 * Byte-array helpers shared by the codecs (archives, DER, crypto).
 *
 * @module
 */

/** The bytes of the parts, one after another. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
