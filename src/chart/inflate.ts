/**
 * DEFLATE decoding (RFC 1951) with the observable behaviour of Go's
 * `compress/flate` reader, which helm's archive loading depends on:
 *
 * - output is handed out in the same pieces (when the 32 KiB window fills,
 *   at the end of the last block, at empty stored blocks, before an error),
 *   so a tar reader that stops early never sees what lies past its last read
 *   (a bad checksum or truncated trailer after a complete tar goes unnoticed,
 *   as in helm);
 * - input is consumed byte by byte and never past the end of the stream;
 * - errors are Go's: `unexpected EOF` and `flate: corrupt input before
 *   offset N` with Go's offset.
 *
 * Decoding is synchronous over an {@link InputBuffer}; when the buffer runs
 * dry mid-symbol the decoder rolls back to its last consistent point,
 * awaits more input and resumes.
 *
 * @module
 */

import { ChartLoadError } from "./errors.ts";
import { goError, type InputBuffer, NEED_INPUT, type ReadResult, unexpectedEOF } from "./goio.ts";

const WINDOW = 1 << 15;
const MAX_NUM_LIT = 286;
const MAX_NUM_DIST = 30;
const END_BLOCK = 256;
const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function corrupt(offset: number): ChartLoadError {
  return goError("flate.CorruptInputError", `flate: corrupt input before offset ${offset}`);
}

/** A canonical Huffman code as a full lookup table indexed by LSB-first bits. */
interface Huffman {
  /** The fewest bits read before the first lookup (Go's `min`). */
  min: number;
  /** 2^max entries of `symbol << 4 | length`; 0 where no code matches. */
  table: Int32Array;
  mask: number;
}

const EMPTY_TABLE = new Int32Array(1);

function emptyHuffman(): Huffman {
  return { min: 0, table: EMPTY_TABLE, mask: 0 };
}

function reverseBits(code: number, n: number): number {
  let r = 0;
  for (let i = 0; i < n; i++) {
    r = (r << 1) | (code & 1);
    code >>>= 1;
  }
  return r;
}

/**
 * Builds a decoder from code lengths; false for an over-subscribed or
 * incomplete code (one code of length 1 is allowed), as Go's `init`.
 */
function initHuffman(h: Huffman, lengths: ArrayLike<number>, count: number): boolean {
  const counts = new Array<number>(16).fill(0);
  let min = 0;
  let max = 0;
  for (let i = 0; i < count; i++) {
    const n = lengths[i];
    if (n === 0) continue;
    if (min === 0 || n < min) min = n;
    if (n > max) max = n;
    counts[n]++;
  }
  // Go resets a decoder that was in use before it checks the new code.
  if (h.min !== 0) {
    h.min = 0;
    h.table = EMPTY_TABLE;
    h.mask = 0;
  }
  if (max === 0) return true;
  let code = 0;
  const next = new Array<number>(16).fill(0);
  for (let i = min; i <= max; i++) {
    code <<= 1;
    next[i] = code;
    code += counts[i];
  }
  if (code !== 1 << max && !(code === 1 && max === 1)) return false;
  const size = 1 << max;
  const table = new Int32Array(size);
  for (let sym = 0; sym < count; sym++) {
    const n = lengths[sym];
    if (n === 0) continue;
    const rev = reverseBits(next[n]++, n);
    const entry = (sym << 4) | n;
    for (let off = rev; off < size; off += 1 << n) table[off] = entry;
  }
  h.min = min;
  h.table = table;
  h.mask = size - 1;
  return true;
}

let fixed: Huffman | undefined;
function fixedHuffman(): Huffman {
  if (!fixed) {
    const bits = new Array<number>(288);
    for (let i = 0; i < 144; i++) bits[i] = 8;
    for (let i = 144; i < 256; i++) bits[i] = 9;
    for (let i = 256; i < 280; i++) bits[i] = 7;
    for (let i = 280; i < 288; i++) bits[i] = 8;
    fixed = emptyHuffman();
    initHuffman(fixed, bits, 288);
  }
  return fixed;
}

type Step = "nextBlock" | "huffman" | "copyData";

/** Go's flate decompressor over an {@link InputBuffer}, with Go's `Read`. */
export class Inflater {
  // Sliding window (Go's dictDecoder).
  private readonly hist = new Uint8Array(WINDOW);
  private wrPos = 0;
  private rdPos = 0;
  private full = false;

  // Bit buffer: nb valid bits at the bottom of b.
  private b = 0;
  private nb = 0;
  /** Input bytes consumed (Go's roffset). */
  private roffset = 0;

  private step: Step = "nextBlock";
  /** In a Huffman block: resume a copy (`true`) or read a symbol. */
  private inCopy = false;
  private final = false;
  private err: ChartLoadError | null = null;
  private toRead: Uint8Array = new Uint8Array(0);
  private hl: Huffman = emptyHuffman();
  private hd: Huffman | null = null;
  private readonly h1 = emptyHuffman();
  private readonly h2 = emptyHuffman();
  private readonly bits = new Array<number>(MAX_NUM_LIT + MAX_NUM_DIST).fill(0);
  private readonly codebits = new Array<number>(19).fill(0);
  private copyLen = 0;
  private copyDist = 0;

  // Last consistent point to roll back to when input runs dry.
  private markPos = 0;
  private markB = 0;
  private markNb = 0;
  private markOff = 0;

  constructor(private readonly input: InputBuffer) {}

  /** Go's `Read`: the last bytes of the stream come with `io.EOF`. */
  async read(p: Uint8Array): Promise<ReadResult> {
    if (p.length === 0) return [0, null];
    for (;;) {
      if (this.toRead.length > 0) {
        const n = Math.min(p.length, this.toRead.length);
        p.set(this.toRead.subarray(0, n));
        this.toRead = this.toRead.subarray(n);
        return [n, this.toRead.length === 0 ? this.err : null];
      }
      if (this.err) return [0, this.err];
      await this.runStep();
      if (this.err && this.toRead.length === 0) this.toRead = this.readFlush();
    }
  }

  private async runStep(): Promise<void> {
    for (;;) {
      this.mark();
      try {
        this.doStep();
        return;
      } catch (e) {
        if (e !== NEED_INPUT) throw e;
        this.input.pos = this.markPos;
        this.b = this.markB;
        this.nb = this.markNb;
        this.roffset = this.markOff;
        await this.input.fill();
      }
    }
  }

  private mark(): void {
    this.markPos = this.input.pos;
    this.markB = this.b;
    this.markNb = this.nb;
    this.markOff = this.roffset;
  }

  private doStep(): void {
    switch (this.step) {
      case "nextBlock":
        return this.nextBlock();
      case "huffman":
        return this.huffmanBlock();
      case "copyData":
        return this.copyData();
    }
  }

  // --- window ---

  private availWrite(): number {
    return WINDOW - this.wrPos;
  }

  private histSize(): number {
    return this.full ? WINDOW : this.wrPos;
  }

  private readFlush(): Uint8Array {
    const out = this.hist.slice(this.rdPos, this.wrPos);
    this.rdPos = this.wrPos;
    if (this.wrPos === WINDOW) {
      this.wrPos = 0;
      this.rdPos = 0;
      this.full = true;
    }
    return out;
  }

  /** Copies up to `length` bytes from `dist` back; returns how many fit before the window's end. */
  private writeCopy(dist: number, length: number): number {
    const hist = this.hist;
    const base = this.wrPos;
    let dst = base;
    const end = Math.min(dst + length, WINDOW);
    let src = dst - dist;
    if (src < 0) src += WINDOW;
    while (dst < end) {
      hist[dst++] = hist[src++];
      if (src === WINDOW) src = 0;
    }
    this.wrPos = dst;
    return dst - base;
  }

  // --- bits ---

  /** Reads one more byte into the bit buffer (Go's moreBits). */
  private moreBits(): void {
    const c = this.input.byte();
    if (c < 0) throw unexpectedEOF();
    this.roffset++;
    this.b |= c << this.nb;
    this.nb += 8;
  }

  private needBits(n: number): void {
    while (this.nb < n) this.moreBits();
  }

  private takeBits(n: number): number {
    const v = this.b & ((1 << n) - 1);
    this.b >>>= n;
    this.nb -= n;
    return v;
  }

  /** Go's huffSym: reads as few bytes as the code needs. */
  private huffSym(h: Huffman): number {
    let n = h.min;
    for (;;) {
      while (this.nb < n) this.moreBits();
      const entry = h.table[this.b & h.mask];
      n = entry & 15;
      if (n <= this.nb) {
        if (n === 0) throw corrupt(this.roffset);
        this.b >>>= n;
        this.nb -= n;
        return entry >> 4;
      }
    }
  }

  /** Runs `f`, turning a Go error into the sticky stream error; NEED_INPUT passes through. */
  private guarded(f: () => void): void {
    try {
      f();
    } catch (e) {
      if (e instanceof ChartLoadError) {
        this.err = e;
        return;
      }
      throw e;
    }
  }

  // --- blocks ---

  private nextBlock(): void {
    this.guarded(() => {
      this.needBits(3);
      this.final = (this.b & 1) === 1;
      this.b >>>= 1;
      const typ = this.b & 3;
      this.b >>>= 2;
      this.nb -= 3;
      switch (typ) {
        case 0:
          return this.dataBlock();
        case 1:
          this.hl = fixedHuffman();
          this.hd = null;
          this.step = "huffman";
          this.inCopy = false;
          this.mark();
          return this.huffmanBlock();
        case 2:
          this.readHuffman();
          this.hl = this.h1;
          this.hd = this.h2;
          this.step = "huffman";
          this.inCopy = false;
          this.mark();
          return this.huffmanBlock();
        default:
          throw corrupt(this.roffset);
      }
    });
  }

  private readHuffman(): void {
    this.needBits(14);
    const nlit = (this.b & 0x1f) + 257;
    if (nlit > MAX_NUM_LIT) throw corrupt(this.roffset);
    this.b >>>= 5;
    const ndist = (this.b & 0x1f) + 1;
    if (ndist > MAX_NUM_DIST) throw corrupt(this.roffset);
    this.b >>>= 5;
    const nclen = (this.b & 0xf) + 4;
    this.b >>>= 4;
    this.nb -= 14;
    for (let i = 0; i < nclen; i++) {
      this.needBits(3);
      this.codebits[CODE_ORDER[i]] = this.takeBits(3);
    }
    for (let i = nclen; i < CODE_ORDER.length; i++) this.codebits[CODE_ORDER[i]] = 0;
    if (!initHuffman(this.h1, this.codebits, 19)) throw corrupt(this.roffset);

    const bits = this.bits;
    const n = nlit + ndist;
    for (let i = 0; i < n;) {
      const x = this.huffSym(this.h1);
      if (x < 16) {
        bits[i++] = x;
        continue;
      }
      let rep: number;
      let nb: number;
      let v: number;
      if (x === 16) {
        rep = 3;
        nb = 2;
        if (i === 0) throw corrupt(this.roffset);
        v = bits[i - 1];
      } else if (x === 17) {
        rep = 3;
        nb = 3;
        v = 0;
      } else {
        rep = 11;
        nb = 7;
        v = 0;
      }
      this.needBits(nb);
      rep += this.takeBits(nb);
      if (i + rep > n) throw corrupt(this.roffset);
      for (let j = 0; j < rep; j++) bits[i++] = v;
    }
    if (
      !initHuffman(this.h1, bits, nlit) ||
      !initHuffman(this.h2, bits.slice(nlit, nlit + ndist), ndist)
    ) {
      throw corrupt(this.roffset);
    }
    // Every block ends with an end-of-block code, so reading that many bits
    // first never reads past the stream's end.
    if (this.h1.min < bits[END_BLOCK]) this.h1.min = bits[END_BLOCK];
  }

  private huffmanBlock(): void {
    this.guarded(() => this.huffmanLoop());
  }

  private huffmanLoop(): void {
    const hist = this.hist;
    for (;;) {
      if (this.inCopy) {
        const cnt = this.writeCopy(this.copyDist, this.copyLen);
        this.copyLen -= cnt;
        if (this.availWrite() === 0 || this.copyLen > 0) {
          // Resume the copy (possibly with nothing left) on the next step.
          this.toRead = this.readFlush();
          return;
        }
        this.inCopy = false;
        this.mark();
      }
      // One literal or one length/distance pair.
      const v = this.huffSym(this.hl);
      if (v < 256) {
        hist[this.wrPos++] = v;
        this.mark();
        if (this.wrPos === WINDOW) {
          this.toRead = this.readFlush();
          return;
        }
        continue;
      }
      if (v === END_BLOCK) {
        this.finishBlock();
        return;
      }
      let length: number;
      let n: number;
      if (v < 265) {
        length = v - (257 - 3);
        n = 0;
      } else if (v < 269) {
        length = v * 2 - (265 * 2 - 11);
        n = 1;
      } else if (v < 273) {
        length = v * 4 - (269 * 4 - 19);
        n = 2;
      } else if (v < 277) {
        length = v * 8 - (273 * 8 - 35);
        n = 3;
      } else if (v < 281) {
        length = v * 16 - (277 * 16 - 67);
        n = 4;
      } else if (v < 285) {
        length = v * 32 - (281 * 32 - 131);
        n = 5;
      } else if (v < MAX_NUM_LIT) {
        length = 258;
        n = 0;
      } else {
        throw corrupt(this.roffset);
      }
      if (n > 0) {
        this.needBits(n);
        length += this.takeBits(n);
      }
      let dist: number;
      if (this.hd === null) {
        this.needBits(5);
        dist = reverseBits(this.takeBits(5), 5);
      } else {
        dist = this.huffSym(this.hd);
      }
      if (dist < 4) {
        dist++;
      } else if (dist < MAX_NUM_DIST) {
        const nb = (dist - 2) >> 1;
        let extra = (dist & 1) << nb;
        this.needBits(nb);
        extra |= this.takeBits(nb);
        dist = (1 << (nb + 1)) + 1 + extra;
      } else {
        throw corrupt(this.roffset);
      }
      if (dist > this.histSize()) throw corrupt(this.roffset);
      this.copyLen = length;
      this.copyDist = dist;
      this.inCopy = true;
      this.mark();
    }
  }

  private dataBlock(): void {
    // A stored block starts at a byte boundary.
    this.nb = 0;
    this.b = 0;
    const hdr = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      const c = this.input.byte();
      if (c < 0) throw unexpectedEOF();
      this.roffset++;
      hdr[i] = c;
    }
    const n = hdr[0] | (hdr[1] << 8);
    const nn = hdr[2] | (hdr[3] << 8);
    if ((nn ^ 0xffff) !== n) throw corrupt(this.roffset);
    if (n === 0) {
      this.toRead = this.readFlush();
      this.finishBlock();
      return;
    }
    this.copyLen = n;
    this.step = "copyData";
    this.mark();
    this.copyData();
  }

  private copyData(): void {
    const input = this.input;
    for (;;) {
      const want = Math.min(this.availWrite(), this.copyLen);
      const have = input.end - input.pos;
      const cnt = Math.min(want, have);
      this.hist.set(input.buf.subarray(input.pos, input.pos + cnt), this.wrPos);
      input.pos += cnt;
      this.roffset += cnt;
      this.copyLen -= cnt;
      this.wrPos += cnt;
      this.mark();
      if (cnt < want) {
        if (!input.eof) throw NEED_INPUT;
        this.err = unexpectedEOF();
        return;
      }
      if (this.availWrite() === 0 || this.copyLen > 0) {
        this.toRead = this.readFlush();
        return;
      }
      this.finishBlock();
      return;
    }
  }

  private finishBlock(): void {
    if (this.final) {
      if (this.wrPos > this.rdPos) this.toRead = this.readFlush();
      this.err = goError("io.EOF", "EOF");
    }
    this.step = "nextBlock";
  }
}
