/**
 * A gzip writer (RFC 1952) producing the bytes of Go's `compress/gzip`
 * Writer: the same header (flags, modification time only when after the
 * epoch, XFL 2 at level 9 and 4 at level 1, OS 255 unless set), Go's DEFLATE
 * stream (see deflate.ts) and the CRC-32/size trailer. helm writes chart
 * archives with `gzip.NewWriter` (level 6), Extra set to its `rr` field and
 * Comment `Helm`, so the same calls here give archives with helm's sha256.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { BEST_COMPRESSION, BEST_SPEED, DEFAULT_COMPRESSION, DeflateWriter, HUFFMAN_ONLY } from "./deflate.ts";
import { crc32 } from "./gzip.ts";

/** The header fields of Go's `gzip.Header`. */
export interface GzipHeader {
  /** File name (Latin-1, no NUL); left out when empty. */
  name?: string;
  /** Comment (Latin-1, no NUL); left out when empty. */
  comment?: string;
  /** The extra field (at most 65535 bytes); present whenever set, even empty. */
  extra?: Uint8Array;
  /** Modification time; written only when after the Unix epoch (Go's zero time writes 0). */
  modTime?: Date;
  /** Operating system byte (default 255, unknown). */
  os?: number;
}

/** Latin-1 bytes of a header string, or Go's error for characters it cannot hold. */
function latin1(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0 || c > 0xff) throw new ChartaError("gzip.Write: non-Latin-1 header string");
    out.push(c);
  }
  return Uint8Array.from(out);
}

function headerBytes(h: GzipHeader, level: number): Uint8Array {
  const extra = h.extra;
  if (extra !== undefined && extra.length > 0xffff) {
    throw new ChartaError("gzip.Write: Extra data is too large");
  }
  const name = h.name ? latin1(h.name) : undefined;
  const comment = h.comment ? latin1(h.comment) : undefined;
  const size = 10 + (extra ? 2 + extra.length : 0) + (name ? name.length + 1 : 0) +
    (comment ? comment.length + 1 : 0);
  const out = new Uint8Array(size);
  out[0] = 0x1f;
  out[1] = 0x8b;
  out[2] = 8;
  if (extra) out[3] |= 0x04;
  if (name) out[3] |= 0x08;
  if (comment) out[3] |= 0x10;
  const ms = h.modTime?.getTime();
  if (ms !== undefined && ms > 0) {
    // Go's ModTime.Unix(), truncated to 32 bits.
    new DataView(out.buffer).setUint32(4, Math.floor(ms / 1000) >>> 0, true);
  }
  out[8] = level === BEST_COMPRESSION ? 2 : level === BEST_SPEED ? 4 : 0;
  out[9] = h.os ?? 255;
  let p = 10;
  if (extra) {
    out[p++] = extra.length & 0xff;
    out[p++] = extra.length >>> 8;
    out.set(extra, p);
    p += extra.length;
  }
  for (const s of [name, comment]) {
    if (!s) continue;
    out.set(s, p);
    p += s.length + 1;
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Streaming gzip compression with Go's `gzip.Writer` output: write chunks
 * (each call returns the compressed bytes ready so far), then `close()`
 * returns the rest and the trailer. The header goes out with the first
 * write (or at close when nothing was written), as in Go.
 *
 * @example
 * ```ts
 * const z = new GzipWriter({ comment: "Helm" });
 * const parts = [z.write(new TextEncoder().encode("data")), z.close()];
 * ```
 */
export class GzipWriter {
  private readonly header: GzipHeader;
  private readonly level: number;
  private compressor: DeflateWriter | null = null;
  private digest = 0;
  private size = 0;
  private closed = false;

  /**
   * @param header the header fields (none by default)
   * @param level -2 (Huffman only) to 9; -1, the default, is level 6
   * @throws {ChartaError} `gzip: invalid compression level: N` as Go's `NewWriterLevel`
   */
  constructor(header: GzipHeader = {}, level: number = DEFAULT_COMPRESSION) {
    if (!Number.isInteger(level) || level < HUFFMAN_ONLY || level > BEST_COMPRESSION) {
      throw new ChartaError(`gzip: invalid compression level: ${level}`);
    }
    this.header = { ...header };
    this.level = level;
  }

  /**
   * Compresses a chunk; returns the output ready so far (the header with the first call).
   * @throws {ChartaError} for header fields Go refuses (`gzip.Write: …`), or `flate: closed writer` after close
   */
  write(chunk: Uint8Array): Uint8Array {
    let head: Uint8Array = new Uint8Array(0);
    if (this.compressor === null) {
      head = headerBytes(this.header, this.level);
      this.compressor = new DeflateWriter(this.level);
    }
    if (this.closed) throw new ChartaError("flate: closed writer");
    this.size = (this.size + chunk.length) >>> 0;
    this.digest = crc32(this.digest, chunk);
    return concat(head, this.compressor.write(chunk));
  }

  /** Ends the stream: the last compressed bytes and the CRC-32/size trailer; later calls return nothing. */
  close(): Uint8Array {
    if (this.closed) return new Uint8Array(0);
    const head = this.compressor === null ? this.write(new Uint8Array(0)) : new Uint8Array(0);
    this.closed = true;
    const body = this.compressor!.close();
    const out = new Uint8Array(head.length + body.length + 8);
    out.set(head);
    out.set(body, head.length);
    const view = new DataView(out.buffer, head.length + body.length);
    view.setUint32(0, this.digest, true);
    view.setUint32(4, this.size, true);
    return out;
  }
}

/** Compresses `data` in one write, as Go's `gzip.Writer` with these header fields and level. */
export function gzipCompress(data: Uint8Array, header?: GzipHeader, level?: number): Uint8Array {
  const z = new GzipWriter(header, level);
  return concat(z.write(data), z.close());
}
