/**
 * The little of Go's `io` the archive reader needs: `Read` returning a count
 * and an error (with `io.EOF` as a value, not a failure), `io.ReadFull`,
 * and an input buffer over a byte stream that decoders pull from.
 *
 * @module
 */

import { ChartLoadError, type GoErrorCode } from "./errors.ts";

/** The result of a Go `Read`: bytes read and an error (`null` for nil). */
export type ReadResult = [n: number, err: ChartLoadError | null];

/** A Go `io.Reader`. */
export interface GoReader {
  read(p: Uint8Array): Promise<ReadResult>;
}

/** A Go error value with a code, e.g. `goError("io.EOF", "EOF")`. */
export function goError(code: GoErrorCode, message: string): ChartLoadError {
  return new ChartLoadError(message, { code });
}

/** `io.EOF`. */
export const eof = (): ChartLoadError => goError("io.EOF", "EOF");
/** `io.ErrUnexpectedEOF`. */
export const unexpectedEOF = (): ChartLoadError => goError("io.ErrUnexpectedEOF", "unexpected EOF");

/** Whether `err` is `io.EOF`. */
export function isEOF(err: ChartLoadError | null): boolean {
  return err !== null && err.code === "io.EOF";
}

/** Go's `noEOF`: `io.EOF` becomes `io.ErrUnexpectedEOF`. */
export function noEOF(err: ChartLoadError): ChartLoadError {
  return isEOF(err) ? unexpectedEOF() : err;
}

/** `io.ReadFull`: all of `p`, `io.EOF` if nothing was read, `io.ErrUnexpectedEOF` if part was. */
export async function readFull(r: GoReader, p: Uint8Array): Promise<ReadResult> {
  let n = 0;
  let err: ChartLoadError | null = null;
  while (n < p.length && err === null) {
    const [nn, e] = await r.read(p.subarray(n));
    n += nn;
    err = e;
  }
  if (n >= p.length) err = null;
  else if (n > 0 && isEOF(err)) err = unexpectedEOF();
  return [n, err];
}

/** Thrown by a decoder that ran out of buffered input before the stream's end. */
export const NEED_INPUT: unique symbol = Symbol("need input");

/** Where bytes come from: the next chunk, or `null` at the end of the stream. */
export type ChunkSource = () => Promise<Uint8Array | null>;

/** A chunk source over a `ReadableStream` of bytes, and a function releasing the stream. */
export function streamSource(stream: ReadableStream<Uint8Array>): [ChunkSource, () => Promise<void>] {
  const reader = stream.getReader();
  let finished = false;
  const pull = async () => {
    const { done, value } = await reader.read();
    if (done) finished = true;
    return done ? null : value;
  };
  const release = async () => {
    if (finished) return;
    finished = true;
    try {
      await reader.cancel();
    } catch {
      // The stream already failed; nothing to release.
    }
  };
  return [pull, release];
}

/** A chunk source over bytes already in memory. */
export function bytesSource(data: Uint8Array): ChunkSource {
  let done = false;
  return () => {
    if (done) return Promise.resolve(null);
    done = true;
    return Promise.resolve(data);
  };
}

/**
 * Buffered input pulled from a {@link ChunkSource}: decoders take bytes
 * synchronously with {@link InputBuffer.byte} and, when the buffer is empty
 * but the stream is not over, throw {@link NEED_INPUT}; the caller then
 * awaits {@link InputBuffer.fill} and resumes from its last consistent
 * state.
 */
export class InputBuffer {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  /** Whether the stream has ended (no more than `end` bytes will come). */
  eof = false;

  constructor(private readonly source: ChunkSource) {}

  /** Bytes buffered and not consumed. */
  available(): number {
    return this.end - this.pos;
  }

  /**
   * The next byte; -1 at the end of the stream.
   * @throws {typeof NEED_INPUT} when more may come.
   */
  byte(): number {
    if (this.pos < this.end) return this.buf[this.pos++];
    if (this.eof) return -1;
    throw NEED_INPUT;
  }

  /** Pulls one more chunk (keeping unconsumed bytes); sets {@link eof} at the end. */
  async fill(): Promise<void> {
    if (this.eof) return;
    const chunk = await this.source();
    if (chunk === null) {
      this.eof = true;
      return;
    }
    if (chunk.length === 0) return;
    const live = this.end - this.pos;
    if (live === 0) {
      this.buf = chunk;
      this.pos = 0;
      this.end = chunk.length;
      return;
    }
    const next = new Uint8Array(live + chunk.length);
    next.set(this.buf.subarray(this.pos, this.end));
    next.set(chunk, live);
    this.buf = next;
    this.pos = 0;
    this.end = next.length;
  }

  /** Go's `Read` on the buffered stream: at least one byte unless at the end. */
  async read(p: Uint8Array): Promise<ReadResult> {
    if (p.length === 0) return [0, null];
    while (this.pos === this.end && !this.eof) await this.fill();
    if (this.pos === this.end) return [0, eof()];
    const n = Math.min(p.length, this.end - this.pos);
    p.set(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return [n, null];
  }

  /** `io.ReadFull` on the buffered stream. */
  readFull(p: Uint8Array): Promise<ReadResult> {
    return readFull(this, p);
  }
}
