/**
 * A raw DEFLATE compressor (RFC 1951) whose output is byte for byte that of
 * Go's `compress/flate` Writer at every level, so archives charta writes have
 * the checksums of helm's.
 *
 * The same choices as Go, level by level:
 *
 * - 0: stored blocks of at most 65535 bytes;
 * - 1 (best speed): a Snappy-style single-probe matcher over blocks of up
 *   to 65535 bytes, each written with Huffman-only or dynamic codes;
 * - 2-3: greedy matching over hash chains, 4-9 (and -1 = 6): lazy matching
 *   with Go's good/lazy/nice/chain parameters; blocks of up to 16384 tokens
 *   written with whichever of fixed, dynamic or stored codes is smallest;
 * - -2 (Huffman only): no matching, blocks of literals.
 *
 * Output depends on the bytes written and, for levels 2-9, in one rare case
 * on how they were cut into `write` calls: Go slides its 64 KiB window when
 * new input arrives, and whether a block that ends just as the window slides
 * may still be stored depends on that moment. Since this writer slides at
 * the same moments as Go's, the same sequence of writes gives the same
 * bytes; levels 0, 1 and -2 depend on the bytes alone. `flush` (Go's
 * `Flush`, a sync flush) ends the current block, so it always changes the
 * output.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";

/** Go's `flate.NoCompression`. */
export const NO_COMPRESSION = 0;
/** Go's `flate.BestSpeed`. */
export const BEST_SPEED = 1;
/** Go's `flate.BestCompression`. */
export const BEST_COMPRESSION = 9;
/** Go's `flate.DefaultCompression` (level 6). */
export const DEFAULT_COMPRESSION = -1;
/** Go's `flate.HuffmanOnly`. */
export const HUFFMAN_ONLY = -2;

const WINDOW_SIZE = 1 << 15;
const WINDOW_MASK = WINDOW_SIZE - 1;
const MIN_MATCH = 4;
const MAX_MATCH = 258;
const BASE_MATCH_LENGTH = 3;
const MAX_MATCH_OFFSET = 1 << 15;
const MAX_FLATE_BLOCK_TOKENS = 1 << 14;
const MAX_STORE_BLOCK_SIZE = 65535;
const HASH_BITS = 17;
const HASH_SIZE = 1 << HASH_BITS;
const MAX_HASH_OFFSET = 1 << 24;
const SKIP_NEVER = 0x7fffffff;
const HASH_MUL = 0x1e35a7bd;
/** Where a window of 2 * WINDOW_SIZE slides: the lookahead a match needs must fit. */
const SLIDE_AT = 2 * WINDOW_SIZE - (MIN_MATCH + MAX_MATCH);

const MAX_NUM_LIT = 286;
const OFFSET_CODE_COUNT = 30;
const CODEGEN_CODE_COUNT = 19;
const END_BLOCK = 256;
const LENGTH_CODES_START = 257;
const BAD_CODE = 255;
const MAX_INT32 = 0x7fffffff;

/**
 * Tokens are small integers: a literal byte (or 256, the end of a block), or
 * MATCH | (length - 3) << 15 | (offset - 1) for a back-reference.
 */
const MATCH = 1 << 23;

function matchToken(xlength: number, xoffset: number): number {
  return MATCH | (xlength << 15) | xoffset;
}

// Length and offset code tables (RFC 1951 3.2.5), indexed by length - 3 and offset - 1.
const LENGTH_EXTRA_BITS = [
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
];
const LENGTH_BASE = [
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  10,
  12,
  14,
  16,
  20,
  24,
  28,
  32,
  40,
  48,
  56,
  64,
  80,
  96,
  112,
  128,
  160,
  192,
  224,
  255,
];
const OFFSET_EXTRA_BITS = [
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
];
const OFFSET_BASE = [
  0x0000,
  0x0001,
  0x0002,
  0x0003,
  0x0004,
  0x0006,
  0x0008,
  0x000c,
  0x0010,
  0x0018,
  0x0020,
  0x0030,
  0x0040,
  0x0060,
  0x0080,
  0x00c0,
  0x0100,
  0x0180,
  0x0200,
  0x0300,
  0x0400,
  0x0600,
  0x0800,
  0x0c00,
  0x1000,
  0x1800,
  0x2000,
  0x3000,
  0x4000,
  0x6000,
];
const CODEGEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Length code (0-28) of each length - 3. */
const LENGTH_CODE = new Uint8Array(256);
/** Offset code (0-29) of each offset - 1. */
const OFFSET_CODE = new Uint8Array(MAX_MATCH_OFFSET);
for (let code = 0; code < 29; code++) {
  const end = code === 28 ? 256 : LENGTH_BASE[code + 1];
  for (let x = LENGTH_BASE[code]; x < end; x++) LENGTH_CODE[x] = code;
}
LENGTH_CODE[255] = 28;
for (let code = 0; code < 30; code++) {
  const end = code === 29 ? MAX_MATCH_OFFSET : OFFSET_BASE[code + 1];
  for (let x = OFFSET_BASE[code]; x < end; x++) OFFSET_CODE[x] = code;
}

function reverseBits(code: number, bits: number): number {
  let x = (code << (16 - bits)) & 0xffff;
  let r = 0;
  for (let i = 0; i < 16; i++) {
    r = (r << 1) | (x & 1);
    x >>>= 1;
  }
  return r;
}

/** Codes are packed as `length << 16 | bit-reversed code`. */
class HuffmanEncoder {
  readonly codes: Int32Array;
  private readonly keys = new Int32Array(MAX_NUM_LIT + 1);
  /** Frequencies in increasing order, then a sentinel. */
  private readonly sortedFreq = new Int32Array(MAX_NUM_LIT + 1);
  private readonly sortedLit = new Int32Array(MAX_NUM_LIT + 1);
  private readonly chunk = new Int32Array(MAX_NUM_LIT + 1);
  private readonly bitCount = new Int32Array(17);
  private readonly lastFreq = new Int32Array(17);
  private readonly nextCharFreq = new Int32Array(17);
  private readonly nextPairFreq = new Int32Array(17);
  private readonly needed = new Int32Array(17);
  private readonly leafCounts = new Int32Array(16 * 16);

  constructor(size: number) {
    this.codes = new Int32Array(size);
  }

  /** Total bits of the symbols counted in `freq` under this code. */
  bitLength(freq: Int32Array): number {
    const codes = this.codes;
    let total = 0;
    for (let i = 0; i < freq.length; i++) {
      const f = freq[i];
      if (f !== 0) total += f * (codes[i] >>> 16);
    }
    return total;
  }

  /** The length-limited canonical code Go builds for these frequencies. */
  generate(freq: Int32Array, maxBits: number): void {
    const codes = this.codes;
    const keys = this.keys;
    let count = 0;
    for (let i = 0; i < freq.length; i++) {
      const f = freq[i];
      if (f !== 0) {
        // Sorting by (frequency, symbol): both fit in one integer key.
        keys[count++] = (f << 9) | i;
      } else {
        codes[i] &= 0xffff;
      }
    }
    if (count <= 2) {
      // Keys are in symbol order here; one or two symbols get one bit each.
      for (let i = 0; i < count; i++) codes[keys[i] & 511] = (1 << 16) | i;
      return;
    }
    const sorted = keys.subarray(0, count).sort();
    for (let i = 0; i < count; i++) {
      this.sortedFreq[i] = sorted[i] >>> 9;
      this.sortedLit[i] = sorted[i] & 511;
    }
    this.sortedFreq[count] = MAX_INT32;
    const top = this.bitCounts(count, maxBits);
    this.assign(top, count);
  }

  /**
   * How many symbols get each code length: the package-merge style
   * algorithm of Go's `bitCounts`, run level by level. Returns the deepest
   * level used; counts are in `bitCount[1..]`.
   */
  private bitCounts(n: number, maxBits: number): number {
    const f = this.sortedFreq;
    const lastFreq = this.lastFreq;
    const nextCharFreq = this.nextCharFreq;
    const nextPairFreq = this.nextPairFreq;
    const needed = this.needed;
    const leaf = this.leafCounts;
    if (maxBits > n - 1) maxBits = n - 1;
    lastFreq.fill(0);
    nextCharFreq.fill(0);
    nextPairFreq.fill(0);
    needed.fill(0);
    leaf.fill(0);
    for (let level = 1; level <= maxBits; level++) {
      lastFreq[level] = f[1];
      nextCharFreq[level] = f[2];
      nextPairFreq[level] = level === 1 ? MAX_INT32 : f[0] + f[1];
      leaf[level * 16 + level] = 2;
    }
    needed[maxBits] = 2 * n - 4;
    let level = maxBits;
    for (;;) {
      if (nextPairFreq[level] === MAX_INT32 && nextCharFreq[level] === MAX_INT32) {
        needed[level] = 0;
        nextPairFreq[level + 1] = MAX_INT32;
        level++;
        continue;
      }
      const prevFreq = lastFreq[level];
      if (nextCharFreq[level] < nextPairFreq[level]) {
        const leaves = leaf[level * 16 + level] + 1;
        lastFreq[level] = nextCharFreq[level];
        leaf[level * 16 + level] = leaves;
        nextCharFreq[level] = f[leaves];
      } else {
        lastFreq[level] = nextPairFreq[level];
        leaf.copyWithin(level * 16, (level - 1) * 16, (level - 1) * 16 + level);
        needed[level - 1] = 2;
      }
      if (--needed[level] === 0) {
        if (level === maxBits) break;
        nextPairFreq[level + 1] = prevFreq + lastFreq[level];
        level++;
      } else {
        while (needed[level - 1] > 0) level--;
      }
    }
    if (leaf[maxBits * 16 + maxBits] !== n) {
      throw new Error("deflate: internal error in Huffman code lengths");
    }
    let bits = 1;
    for (let lv = maxBits; lv > 0; lv--) {
      this.bitCount[bits] = leaf[maxBits * 16 + lv] - leaf[maxBits * 16 + lv - 1];
      bits++;
    }
    return maxBits;
  }

  /** Canonical codes: the most frequent symbols get the shortest codes, equal lengths go in symbol order. */
  private assign(top: number, n: number): void {
    const codes = this.codes;
    const chunk = this.chunk;
    let code = 0;
    let end = n;
    for (let bits = 0; bits <= top; bits++) {
      code = (code << 1) & 0xffff;
      const k = bits === 0 ? 0 : this.bitCount[bits];
      if (k === 0) continue;
      for (let i = 0; i < k; i++) chunk[i] = this.sortedLit[end - k + i];
      const lits = chunk.subarray(0, k).sort();
      for (let i = 0; i < k; i++) {
        codes[lits[i]] = (bits << 16) | reverseBits(code, bits);
        code++;
      }
      end -= k;
    }
  }
}

function fixedLiteralEncoding(): HuffmanEncoder {
  const h = new HuffmanEncoder(MAX_NUM_LIT);
  for (let ch = 0; ch < MAX_NUM_LIT; ch++) {
    let bits: number;
    let size: number;
    if (ch < 144) {
      bits = ch + 48;
      size = 8;
    } else if (ch < 256) {
      bits = ch + 400 - 144;
      size = 9;
    } else if (ch < 280) {
      bits = ch - 256;
      size = 7;
    } else {
      bits = ch + 192 - 280;
      size = 8;
    }
    h.codes[ch] = (size << 16) | reverseBits(bits, size);
  }
  return h;
}

function fixedOffsetEncoding(): HuffmanEncoder {
  const h = new HuffmanEncoder(OFFSET_CODE_COUNT);
  for (let ch = 0; ch < OFFSET_CODE_COUNT; ch++) h.codes[ch] = (5 << 16) | reverseBits(ch, 5);
  return h;
}

const FIXED_LITERALS = fixedLiteralEncoding();
const FIXED_OFFSETS = fixedOffsetEncoding();
/** The offset code of Huffman-only blocks, which carry no matches. */
const HUFF_OFFSET = (() => {
  const h = new HuffmanEncoder(OFFSET_CODE_COUNT);
  const freq = new Int32Array(OFFSET_CODE_COUNT);
  freq[0] = 1;
  h.generate(freq, 15);
  return h;
})();

/**
 * Writes blocks as Go's `huffmanBitWriter` does, into a growing output
 * buffer. Bits are packed LSB first; at most 15 bits are pending between
 * calls.
 */
class BlockWriter {
  out = new Uint8Array(1 << 16);
  n = 0;
  bits = 0;
  nbits = 0;
  private readonly literalFreq = new Int32Array(MAX_NUM_LIT);
  private readonly offsetFreq = new Int32Array(OFFSET_CODE_COUNT);
  private readonly codegen = new Uint8Array(MAX_NUM_LIT + OFFSET_CODE_COUNT + 1);
  private readonly codegenFreq = new Int32Array(CODEGEN_CODE_COUNT);
  private readonly literalEncoding = new HuffmanEncoder(MAX_NUM_LIT);
  private readonly offsetEncoding = new HuffmanEncoder(OFFSET_CODE_COUNT);
  private readonly codegenEncoding = new HuffmanEncoder(CODEGEN_CODE_COUNT);

  /** The bytes completed since the last call. */
  take(): Uint8Array {
    const done = this.out.slice(0, this.n);
    this.n = 0;
    return done;
  }

  private reserve(bytes: number): void {
    const need = this.n + bytes + 16;
    if (need <= this.out.length) return;
    let size = this.out.length * 2;
    while (size < need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.out.subarray(0, this.n));
    this.out = grown;
  }

  private writeBits(value: number, nb: number): void {
    this.bits |= value << this.nbits;
    this.nbits += nb;
    if (this.nbits >= 16) {
      const out = this.out;
      out[this.n++] = this.bits;
      out[this.n++] = this.bits >>> 8;
      this.bits >>>= 16;
      this.nbits -= 16;
    }
  }

  /** Pads the pending bits to a byte boundary (Go's `flush`). */
  flush(): void {
    this.reserve(2);
    while (this.nbits > 0) {
      this.out[this.n++] = this.bits;
      this.bits >>>= 8;
      this.nbits = this.nbits > 8 ? this.nbits - 8 : 0;
    }
    this.bits = 0;
  }

  private writeBytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.out.set(data, this.n);
    this.n += data.length;
  }

  writeStoredHeader(length: number, eof: boolean): void {
    this.reserve(8);
    this.writeBits(eof ? 1 : 0, 3);
    this.flush();
    this.writeBits(length, 16);
    this.writeBits(~length & 0xffff, 16);
  }

  /** A stored block (Go's `writeStoredBlock` in the compressor). */
  writeStored(data: Uint8Array, eof: boolean): void {
    this.writeStoredHeader(data.length, eof);
    this.writeBytes(data);
  }

  /**
   * The run-length coded code lengths of both codes (RFC 1951 3.2.7), into
   * `codegen` (ended by BAD_CODE), counting each symbol in `codegenFreq`.
   */
  private generateCodegen(
    numLiterals: number,
    numOffsets: number,
    lit: HuffmanEncoder,
    off: HuffmanEncoder,
  ): void {
    const freq = this.codegenFreq;
    const cg = this.codegen;
    freq.fill(0);
    for (let i = 0; i < numLiterals; i++) cg[i] = lit.codes[i] >>> 16;
    for (let i = 0; i < numOffsets; i++) cg[numLiterals + i] = off.codes[i] >>> 16;
    cg[numLiterals + numOffsets] = BAD_CODE;
    let size = cg[0];
    let count = 1;
    let out = 0;
    for (let inIndex = 1; size !== BAD_CODE; inIndex++) {
      const next = cg[inIndex];
      if (next === size) {
        count++;
        continue;
      }
      if (size !== 0) {
        cg[out++] = size;
        freq[size]++;
        count--;
        while (count >= 3) {
          const n = count < 6 ? count : 6;
          cg[out++] = 16;
          cg[out++] = n - 3;
          freq[16]++;
          count -= n;
        }
      } else {
        while (count >= 11) {
          const n = count < 138 ? count : 138;
          cg[out++] = 18;
          cg[out++] = n - 11;
          freq[18]++;
          count -= n;
        }
        if (count >= 3) {
          cg[out++] = 17;
          cg[out++] = count - 3;
          freq[17]++;
          count = 0;
        }
      }
      for (count--; count >= 0; count--) {
        cg[out++] = size;
        freq[size]++;
      }
      size = next;
      count = 1;
    }
    cg[out] = BAD_CODE;
  }

  /** Bits of a dynamic block and how many code length codes its header lists. */
  private dynamicSize(lit: HuffmanEncoder, off: HuffmanEncoder, extraBits: number): [number, number] {
    const freq = this.codegenFreq;
    let numCodegens = CODEGEN_CODE_COUNT;
    while (numCodegens > 4 && freq[CODEGEN_ORDER[numCodegens - 1]] === 0) numCodegens--;
    const header = 3 + 5 + 5 + 4 + 3 * numCodegens + this.codegenEncoding.bitLength(freq) +
      freq[16] * 2 + freq[17] * 3 + freq[18] * 7;
    const size = header + lit.bitLength(this.literalFreq) + off.bitLength(this.offsetFreq) + extraBits;
    return [size, numCodegens];
  }

  private writeDynamicHeader(
    numLiterals: number,
    numOffsets: number,
    numCodegens: number,
    eof: boolean,
  ): void {
    this.reserve(700);
    this.writeBits(eof ? 5 : 4, 3);
    this.writeBits(numLiterals - 257, 5);
    this.writeBits(numOffsets - 1, 5);
    this.writeBits(numCodegens - 4, 4);
    const cgCodes = this.codegenEncoding.codes;
    for (let i = 0; i < numCodegens; i++) this.writeBits(cgCodes[CODEGEN_ORDER[i]] >>> 16, 3);
    const cg = this.codegen;
    for (let i = 0;;) {
      const word = cg[i++];
      if (word === BAD_CODE) break;
      const c = cgCodes[word];
      this.writeBits(c & 0xffff, c >>> 16);
      if (word === 16) this.writeBits(cg[i++], 2);
      else if (word === 17) this.writeBits(cg[i++], 3);
      else if (word === 18) this.writeBits(cg[i++], 7);
    }
  }

  /** Counts the tokens' symbols and builds both dynamic codes; returns [numLiterals, numOffsets]. */
  private indexTokens(tokens: Uint32Array, count: number): [number, number] {
    const lf = this.literalFreq;
    const of = this.offsetFreq;
    lf.fill(0);
    of.fill(0);
    for (let i = 0; i < count; i++) {
      const t = tokens[i];
      if (t < MATCH) {
        lf[t]++;
      } else {
        lf[LENGTH_CODES_START + LENGTH_CODE[(t >>> 15) & 0xff]]++;
        of[OFFSET_CODE[t & 0x7fff]]++;
      }
    }
    let numLiterals = MAX_NUM_LIT;
    while (lf[numLiterals - 1] === 0) numLiterals--;
    let numOffsets = OFFSET_CODE_COUNT;
    while (numOffsets > 0 && of[numOffsets - 1] === 0) numOffsets--;
    if (numOffsets === 0) {
      // A dynamic header needs at least one offset code.
      of[0] = 1;
      numOffsets = 1;
    }
    this.literalEncoding.generate(lf, 15);
    this.offsetEncoding.generate(of, 15);
    return [numLiterals, numOffsets];
  }

  /**
   * A block of tokens (with room for one more, the end marker) in the
   * smallest of fixed, dynamic and stored form; `input`, the bytes the
   * tokens stand for, is null when they are no longer at hand (then the
   * block is never stored).
   */
  writeBlock(tokens: Uint32Array, count: number, eof: boolean, input: Uint8Array | null): void {
    tokens[count++] = END_BLOCK;
    const [numLiterals, numOffsets] = this.indexTokens(tokens, count);
    let extraBits = 0;
    const storable = input !== null && input.length <= MAX_STORE_BLOCK_SIZE;
    const storedSize = storable ? (input.length + 5) * 8 : 0;
    if (storable) {
      for (let code = LENGTH_CODES_START + 8; code < numLiterals; code++) {
        extraBits += this.literalFreq[code] * LENGTH_EXTRA_BITS[code - LENGTH_CODES_START];
      }
      for (let code = 4; code < numOffsets; code++) {
        extraBits += this.offsetFreq[code] * OFFSET_EXTRA_BITS[code];
      }
    }
    let lit = FIXED_LITERALS;
    let off = FIXED_OFFSETS;
    let size = 3 + FIXED_LITERALS.bitLength(this.literalFreq) + FIXED_OFFSETS.bitLength(this.offsetFreq) +
      extraBits;
    this.generateCodegen(numLiterals, numOffsets, this.literalEncoding, this.offsetEncoding);
    this.codegenEncoding.generate(this.codegenFreq, 7);
    const [dynSize, numCodegens] = this.dynamicSize(this.literalEncoding, this.offsetEncoding, extraBits);
    if (dynSize < size) {
      size = dynSize;
      lit = this.literalEncoding;
      off = this.offsetEncoding;
    }
    if (storable && storedSize < size) {
      this.writeStored(input, eof);
      return;
    }
    if (lit === FIXED_LITERALS) {
      this.reserve(1);
      this.writeBits(eof ? 3 : 2, 3);
    } else {
      this.writeDynamicHeader(numLiterals, numOffsets, numCodegens, eof);
    }
    this.writeTokens(tokens, count, lit.codes, off.codes);
  }

  /** A block with a dynamic code, stored instead unless the code saves more than about 1/16. */
  writeBlockDynamic(tokens: Uint32Array, count: number, eof: boolean, input: Uint8Array): void {
    tokens[count++] = END_BLOCK;
    const [numLiterals, numOffsets] = this.indexTokens(tokens, count);
    this.generateCodegen(numLiterals, numOffsets, this.literalEncoding, this.offsetEncoding);
    this.codegenEncoding.generate(this.codegenFreq, 7);
    const [size, numCodegens] = this.dynamicSize(this.literalEncoding, this.offsetEncoding, 0);
    if (input.length <= MAX_STORE_BLOCK_SIZE && (input.length + 5) * 8 < size + (size >> 4)) {
      this.writeStored(input, eof);
      return;
    }
    this.writeDynamicHeader(numLiterals, numOffsets, numCodegens, eof);
    this.writeTokens(tokens, count, this.literalEncoding.codes, this.offsetEncoding.codes);
  }

  private writeTokens(tokens: Uint32Array, count: number, lc: Int32Array, oc: Int32Array): void {
    // At most 48 bits per token.
    this.reserve(count * 6);
    const out = this.out;
    let n = this.n;
    let bits = this.bits;
    let nbits = this.nbits;
    for (let i = 0; i < count; i++) {
      const t = tokens[i];
      if (t < MATCH) {
        const c = lc[t];
        bits |= (c & 0xffff) << nbits;
        nbits += c >>> 16;
        if (nbits >= 16) {
          out[n++] = bits;
          out[n++] = bits >>> 8;
          bits >>>= 16;
          nbits -= 16;
        }
        continue;
      }
      const xlength = (t >>> 15) & 0xff;
      const lcode = LENGTH_CODE[xlength];
      let c = lc[lcode + LENGTH_CODES_START];
      bits |= (c & 0xffff) << nbits;
      nbits += c >>> 16;
      if (nbits >= 16) {
        out[n++] = bits;
        out[n++] = bits >>> 8;
        bits >>>= 16;
        nbits -= 16;
      }
      const lextra = LENGTH_EXTRA_BITS[lcode];
      if (lextra > 0) {
        bits |= (xlength - LENGTH_BASE[lcode]) << nbits;
        nbits += lextra;
        if (nbits >= 16) {
          out[n++] = bits;
          out[n++] = bits >>> 8;
          bits >>>= 16;
          nbits -= 16;
        }
      }
      const xoffset = t & 0x7fff;
      const ocode = OFFSET_CODE[xoffset];
      c = oc[ocode];
      bits |= (c & 0xffff) << nbits;
      nbits += c >>> 16;
      if (nbits >= 16) {
        out[n++] = bits;
        out[n++] = bits >>> 8;
        bits >>>= 16;
        nbits -= 16;
      }
      const oextra = OFFSET_EXTRA_BITS[ocode];
      if (oextra > 0) {
        bits |= (xoffset - OFFSET_BASE[ocode]) << nbits;
        nbits += oextra;
        if (nbits >= 16) {
          out[n++] = bits;
          out[n++] = bits >>> 8;
          bits >>>= 16;
          nbits -= 16;
        }
      }
    }
    this.n = n;
    this.bits = bits;
    this.nbits = nbits;
  }

  /** A block of literals only, stored instead unless the code saves more than about 1/16. */
  writeBlockHuff(eof: boolean, input: Uint8Array): void {
    const lf = this.literalFreq;
    lf.fill(0);
    for (let i = 0; i < input.length; i++) lf[input[i]]++;
    lf[END_BLOCK] = 1;
    const numLiterals = END_BLOCK + 1;
    this.offsetFreq[0] = 1;
    const numOffsets = 1;
    this.literalEncoding.generate(lf, 15);
    this.generateCodegen(numLiterals, numOffsets, this.literalEncoding, HUFF_OFFSET);
    this.codegenEncoding.generate(this.codegenFreq, 7);
    const [size, numCodegens] = this.dynamicSize(this.literalEncoding, HUFF_OFFSET, 0);
    if (input.length <= MAX_STORE_BLOCK_SIZE && (input.length + 5) * 8 < size + (size >> 4)) {
      this.writeStored(input, eof);
      return;
    }
    this.writeDynamicHeader(numLiterals, numOffsets, numCodegens, eof);
    this.reserve(input.length * 2 + 4);
    const codes = this.literalEncoding.codes;
    const out = this.out;
    let n = this.n;
    let bits = this.bits;
    let nbits = this.nbits;
    for (let i = 0; i < input.length; i++) {
      const c = codes[input[i]];
      bits |= (c & 0xffff) << nbits;
      nbits += c >>> 16;
      if (nbits >= 16) {
        out[n++] = bits;
        out[n++] = bits >>> 8;
        bits >>>= 16;
        nbits -= 16;
      }
    }
    this.n = n;
    this.bits = bits;
    this.nbits = nbits;
    const end = codes[END_BLOCK];
    this.writeBits(end & 0xffff, end >>> 16);
  }
}

// Best speed (level 1): Go's port of Snappy's matcher.
const TABLE_BITS = 14;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_MASK = TABLE_SIZE - 1;
const TABLE_SHIFT = 32 - TABLE_BITS;
const BUFFER_RESET = MAX_INT32 - MAX_STORE_BLOCK_SIZE * 2;
const INPUT_MARGIN = 16 - 1;
const MIN_NON_LITERAL_BLOCK_SIZE = 1 + 1 + INPUT_MARGIN;

function load32(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
}

function fastHash(u: number): number {
  return Math.imul(u, HASH_MUL) >>> TABLE_SHIFT;
}

/** Go's `deflateFast`: a one-entry-per-hash table spanning the current and previous block. */
class FastMatcher {
  private readonly tableVal = new Int32Array(TABLE_SIZE);
  private readonly tableOffset = new Int32Array(TABLE_SIZE);
  private readonly prev = new Uint8Array(MAX_STORE_BLOCK_SIZE);
  private prevLen = 0;
  private cur = MAX_STORE_BLOCK_SIZE;

  /** Tokens for `src` into `dst`; returns their count. */
  encode(dst: Uint32Array, src: Uint8Array): number {
    if (this.cur >= BUFFER_RESET) this.shiftOffsets();
    let d = 0;
    if (src.length < MIN_NON_LITERAL_BLOCK_SIZE) {
      this.cur += MAX_STORE_BLOCK_SIZE;
      this.prevLen = 0;
      for (let i = 0; i < src.length; i++) dst[d++] = src[i];
      return d;
    }
    const tableVal = this.tableVal;
    const tableOffset = this.tableOffset;
    const sLimit = src.length - INPUT_MARGIN;
    let nextEmit = 0;
    let s = 0;
    let cv = load32(src, s);
    let nextHash = fastHash(cv);
    outer: for (;;) {
      let skip = 32;
      let nextS = s;
      let candVal = 0;
      let candOffset = 0;
      for (;;) {
        // The longer nothing matches, the sparser the probes (Snappy's heuristic): incompressible
        // stretches cost little.
        s = nextS;
        const between = skip >> 5;
        nextS = s + between;
        skip += between;
        if (nextS > sLimit) break outer;
        const h = nextHash & TABLE_MASK;
        candVal = tableVal[h];
        candOffset = tableOffset[h];
        const now = load32(src, nextS);
        tableVal[h] = cv;
        tableOffset[h] = s + this.cur;
        nextHash = fastHash(now);
        const offset = s - (candOffset - this.cur);
        if (offset > MAX_MATCH_OFFSET || cv !== candVal) {
          cv = now;
          continue;
        }
        break;
      }
      for (let i = nextEmit; i < s; i++) dst[d++] = src[i];
      for (;;) {
        s += 4;
        const t = candOffset - this.cur + 4;
        const l = this.matchLen(s, t, src);
        dst[d++] = matchToken(l + 4 - BASE_MATCH_LENGTH, s - t - 1);
        s += l;
        nextEmit = s;
        if (s >= sLimit) break outer;
        const x0 = load32(src, s - 1);
        const x1 = load32(src, s);
        const prevHash = fastHash(x0) & TABLE_MASK;
        tableVal[prevHash] = x0;
        tableOffset[prevHash] = this.cur + s - 1;
        const currHash = fastHash(x1) & TABLE_MASK;
        candVal = tableVal[currHash];
        candOffset = tableOffset[currHash];
        tableVal[currHash] = x1;
        tableOffset[currHash] = this.cur + s;
        const offset = s - (candOffset - this.cur);
        if (offset > MAX_MATCH_OFFSET || x1 !== candVal) {
          cv = load32(src, s + 1);
          nextHash = fastHash(cv);
          s++;
          break;
        }
      }
    }
    for (let i = nextEmit; i < src.length; i++) dst[d++] = src[i];
    this.cur += src.length;
    this.prev.set(src);
    this.prevLen = src.length;
    return d;
  }

  /** How far `src[s:]` matches `src[t:]`, where a negative `t` starts in the previous block. */
  private matchLen(s: number, t: number, src: Uint8Array): number {
    let s1 = s + MAX_MATCH - 4;
    if (s1 > src.length) s1 = src.length;
    if (t >= 0) {
      const max = s1 - s;
      for (let i = 0; i < max; i++) if (src[s + i] !== src[t + i]) return i;
      return max;
    }
    const tp = this.prevLen + t;
    if (tp < 0) return 0;
    const prev = this.prev;
    let max = s1 - s;
    if (this.prevLen - tp < max) max = this.prevLen - tp;
    for (let i = 0; i < max; i++) if (src[s + i] !== prev[tp + i]) return i;
    const n = max;
    if (s + n === s1) return n;
    const rest = s1 - (s + n);
    for (let i = 0; i < rest; i++) if (src[s + n + i] !== src[i]) return i + n;
    return rest + n;
  }

  /** Forgets the history, so no match reaches back past this point. */
  reset(): void {
    this.prevLen = 0;
    this.cur += MAX_MATCH_OFFSET;
    if (this.cur >= BUFFER_RESET) this.shiftOffsets();
  }

  private shiftOffsets(): void {
    if (this.prevLen === 0) {
      this.tableVal.fill(0);
      this.tableOffset.fill(0);
      this.cur = MAX_MATCH_OFFSET + 1;
      return;
    }
    const offsets = this.tableOffset;
    for (let i = 0; i < TABLE_SIZE; i++) {
      const v = offsets[i] - this.cur + MAX_MATCH_OFFSET + 1;
      offsets[i] = v < 0 ? 0 : v;
    }
    this.cur = MAX_MATCH_OFFSET + 1;
  }
}

/** good, lazy, nice, chain, fastSkipHashing of levels 2-9, as Go tunes them. */
const LEVELS: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0],
  [4, 0, 16, 8, 5],
  [4, 0, 32, 32, 6],
  [4, 4, 16, 16, SKIP_NEVER],
  [8, 16, 32, 32, SKIP_NEVER],
  [8, 16, 128, 128, SKIP_NEVER],
  [8, 32, 128, 256, SKIP_NEVER],
  [32, 128, 258, 1024, SKIP_NEVER],
  [32, 258, 258, 4096, SKIP_NEVER],
];

/** How a level compresses: stored blocks, literals only, Go's fast matcher, or hash chains. */
const Mode = { Store: 0, HuffmanOnly: 1, Fast: 2, Chains: 3 } as const;
type Mode = typeof Mode[keyof typeof Mode];

/**
 * A streaming raw DEFLATE compressor with the behaviour of Go's
 * `flate.Writer`: each call returns the compressed bytes completed so far
 * (possibly none; a few bits may stay pending until the next call).
 *
 * @example
 * ```ts
 * const w = new DeflateWriter(6);
 * const parts = [w.write(new TextEncoder().encode("hello, hello")), w.close()];
 * ```
 */
export class DeflateWriter {
  private readonly mode: Mode;
  private readonly good: number = 0;
  private readonly lazy: number = 0;
  private readonly nice: number = 0;
  private readonly chain: number = 0;
  private readonly fastSkipHashing: number = 0;

  private readonly w = new BlockWriter();
  private readonly window: Uint8Array;
  /** The window read four bytes at a time (little-endian) when comparing matches. */
  private readonly view: DataView;
  private windowEnd = 0;
  private index = 0;
  /** Where the pending tokens start in the window; MAX_INT32 once that part has slid out. */
  private blockStart = 0;
  /** Lazy matching: the byte before `index` still awaits a decision. */
  private byteAvailable = false;
  private sync = false;
  private readonly tokens: Uint32Array;
  private nTokens = 0;
  private length = MIN_MATCH - 1;
  private offset = 0;
  private chainHead = -1;
  private readonly hashHead: Int32Array;
  private readonly hashPrev: Int32Array;
  private hashOffset = 1;
  private readonly fast: FastMatcher | null = null;
  private closed = false;

  /**
   * @param level -2 (Huffman only) to 9; -1 is the default, 6
   * @throws {ChartaError} Go's error for a level out of range
   */
  constructor(level: number = DEFAULT_COMPRESSION) {
    if (!Number.isInteger(level) || level < HUFFMAN_ONLY || level > BEST_COMPRESSION) {
      throw new ChartaError(`flate: invalid compression level ${level}: want value in range [-2, 9]`);
    }
    if (level === DEFAULT_COMPRESSION) level = 6;
    if (level === NO_COMPRESSION || level === HUFFMAN_ONLY || level === BEST_SPEED) {
      this.mode = level === NO_COMPRESSION
        ? Mode.Store
        : level === HUFFMAN_ONLY
        ? Mode.HuffmanOnly
        : Mode.Fast;
      this.window = new Uint8Array(MAX_STORE_BLOCK_SIZE);
      this.view = new DataView(this.window.buffer);
      this.tokens = new Uint32Array(level === BEST_SPEED ? MAX_STORE_BLOCK_SIZE + 2 : 0);
      this.hashHead = new Int32Array(0);
      this.hashPrev = new Int32Array(0);
      if (level === BEST_SPEED) this.fast = new FastMatcher();
      return;
    }
    this.mode = Mode.Chains;
    [this.good, this.lazy, this.nice, this.chain, this.fastSkipHashing] = LEVELS[level];
    this.window = new Uint8Array(2 * WINDOW_SIZE);
    this.view = new DataView(this.window.buffer);
    this.tokens = new Uint32Array(MAX_FLATE_BLOCK_TOKENS + 2);
    this.hashHead = new Int32Array(HASH_SIZE);
    this.hashPrev = new Int32Array(WINDOW_SIZE);
  }

  /**
   * Compresses `data`; returns the output completed so far.
   * @throws {ChartaError} `flate: closed writer` after {@link close}
   */
  write(data: Uint8Array): Uint8Array {
    if (this.closed) throw new ChartaError("flate: closed writer");
    let p = 0;
    while (p < data.length) {
      this.step();
      p += this.fill(data, p);
    }
    return this.w.take();
  }

  /**
   * Go's `Flush`: ends the current block and writes an empty stored block,
   * so everything written so far can be decoded; returns the output.
   * @throws {ChartaError} `flate: closed writer` after {@link close}
   */
  flush(): Uint8Array {
    if (this.closed) throw new ChartaError("flate: closed writer");
    this.sync = true;
    this.step();
    this.w.writeStoredHeader(0, false);
    this.w.flush();
    this.sync = false;
    return this.w.take();
  }

  /** Go's `Close`: the last blocks and the final empty block; later calls return nothing. */
  close(): Uint8Array {
    if (this.closed) return new Uint8Array(0);
    this.sync = true;
    this.step();
    this.w.writeStoredHeader(0, true);
    this.w.flush();
    this.closed = true;
    return this.w.take();
  }

  private fill(data: Uint8Array, p: number): number {
    if (this.mode === Mode.Chains && this.index >= SLIDE_AT) this.slide();
    const n = Math.min(this.window.length - this.windowEnd, data.length - p);
    this.window.set(data.subarray(p, p + n), this.windowEnd);
    this.windowEnd += n;
    return n;
  }

  /** Moves the upper half of the window down, rebasing hash positions when they grow large. */
  private slide(): void {
    this.window.copyWithin(0, WINDOW_SIZE, 2 * WINDOW_SIZE);
    this.index -= WINDOW_SIZE;
    this.windowEnd -= WINDOW_SIZE;
    this.blockStart = this.blockStart >= WINDOW_SIZE ? this.blockStart - WINDOW_SIZE : MAX_INT32;
    this.hashOffset += WINDOW_SIZE;
    if (this.hashOffset > MAX_HASH_OFFSET) {
      const delta = this.hashOffset - 1;
      this.hashOffset -= delta;
      this.chainHead -= delta;
      for (const table of [this.hashPrev, this.hashHead]) {
        for (let i = 0; i < table.length; i++) {
          const v = table[i];
          table[i] = v > delta ? v - delta : 0;
        }
      }
    }
  }

  private step(): void {
    switch (this.mode) {
      case Mode.Store:
        if (this.windowEnd > 0 && (this.windowEnd === MAX_STORE_BLOCK_SIZE || this.sync)) {
          this.w.writeStored(this.window.subarray(0, this.windowEnd), false);
          this.windowEnd = 0;
        }
        return;
      case Mode.HuffmanOnly:
        if ((this.windowEnd < this.window.length && !this.sync) || this.windowEnd === 0) return;
        this.w.writeBlockHuff(false, this.window.subarray(0, this.windowEnd));
        this.windowEnd = 0;
        return;
      case Mode.Fast:
        this.stepFast();
        return;
      case Mode.Chains:
        this.deflate();
        return;
    }
  }

  private stepFast(): void {
    const fast = this.fast!;
    const end = this.windowEnd;
    const input = this.window.subarray(0, end);
    if (end < MAX_STORE_BLOCK_SIZE) {
      if (!this.sync) return;
      if (end < 128) {
        if (end === 0) return;
        if (end <= 16) this.w.writeStored(input, false);
        else this.w.writeBlockHuff(false, input);
        this.windowEnd = 0;
        fast.reset();
        return;
      }
    }
    const n = fast.encode(this.tokens, input);
    // Too few matches to pay for a dynamic code: literals only.
    if (n > end - (end >> 4)) this.w.writeBlockHuff(false, input);
    else this.w.writeBlockDynamic(this.tokens, n, false, input);
    this.windowEnd = 0;
  }

  /** Writes the `count` pending tokens as a block ending at window position `index`. */
  private writeBlock(count: number, index: number): void {
    if (index > 0) {
      const input = this.blockStart <= index ? this.window.subarray(this.blockStart, index) : null;
      this.blockStart = index;
      this.w.writeBlock(this.tokens, count, false, input);
    }
  }

  /**
   * The longest match for `pos` longer than `prevLength` along the hash
   * chain from `prevHead`, trying at most `chain` candidates; returns
   * `length << 16 | offset`, or 0 when none is found.
   */
  private findMatch(pos: number, prevHead: number, prevLength: number, lookahead: number): number {
    const win = this.window;
    const view = this.view;
    const hashPrev = this.hashPrev;
    const hashOffset = this.hashOffset;
    const maxLook = lookahead < MAX_MATCH ? lookahead : MAX_MATCH;
    const nice = this.nice < maxLook ? this.nice : maxLook;
    let tries = this.chain;
    let length = prevLength;
    if (length >= this.good) tries >>= 2;
    let found = 0;
    let wEnd = win[pos + length];
    const first = win[pos];
    const minIndex = pos - WINDOW_SIZE;
    const lo = minIndex < 0 ? 0 : minIndex;
    for (let i = prevHead; tries > 0; tries--) {
      // Go tests only the byte at the current length; testing the first byte as well skips only
      // candidates that could not be longer, so the choice is unchanged.
      if (wEnd === win[i + length] && first === win[i]) {
        // Extend four bytes at a time; the lowest differing bit tells the first differing byte.
        let n = 1;
        const max4 = maxLook - 4;
        while (n <= max4) {
          const diff = view.getInt32(i + n, true) ^ view.getInt32(pos + n, true);
          if (diff !== 0) {
            n += (31 - Math.clz32(diff & -diff)) >>> 3;
            break;
          }
          n += 4;
        }
        if (n > max4) { while (n < maxLook && win[i + n] === win[pos + n]) n++; }
        if (n > length && (n > MIN_MATCH || pos - i <= 4096)) {
          length = n;
          found = (n << 16) | (pos - i);
          if (n >= nice) break;
          wEnd = win[pos + n];
        }
      }
      if (i === minIndex) break;
      i = hashPrev[i & WINDOW_MASK] - hashOffset;
      if (i < lo) break;
    }
    return found;
  }

  /** Go's `deflate` step: match search and tokens for levels 2-9. */
  private deflate(): void {
    const windowEnd = this.windowEnd;
    const sync = this.sync;
    if (windowEnd - this.index < MIN_MATCH + MAX_MATCH && !sync) return;
    const window = this.window;
    const tokens = this.tokens;
    const hashHead = this.hashHead;
    const hashPrev = this.hashPrev;
    const hashOffset = this.hashOffset;
    const lazyMode = this.fastSkipHashing === SKIP_NEVER;
    const skip = this.fastSkipHashing;
    const lazy = this.lazy;
    const maxInsertIndex = windowEnd - (MIN_MATCH - 1);
    let index = this.index;
    let length = this.length;
    let offset = this.offset;
    let chainHead = this.chainHead;
    let byteAvailable = this.byteAvailable;
    let nTokens = this.nTokens;
    for (;;) {
      const lookahead = windowEnd - index;
      if (lookahead < MIN_MATCH + MAX_MATCH) {
        if (!sync) break;
        if (lookahead === 0) {
          if (byteAvailable) {
            tokens[nTokens++] = window[index - 1];
            byteAvailable = false;
          }
          if (nTokens > 0) {
            this.writeBlock(nTokens, index);
            nTokens = 0;
          }
          break;
        }
      }
      if (index < maxInsertIndex) {
        const h = Math.imul(
          window[index + 3] | (window[index + 2] << 8) | (window[index + 1] << 16) | (window[index] << 24),
          HASH_MUL,
        ) >>> (32 - HASH_BITS);
        chainHead = hashHead[h];
        hashPrev[index & WINDOW_MASK] = chainHead;
        hashHead[h] = index + hashOffset;
      }
      const prevLength = length;
      const prevOffset = offset;
      length = MIN_MATCH - 1;
      offset = 0;
      const minIndex = index > WINDOW_SIZE ? index - WINDOW_SIZE : 0;
      if (
        chainHead - hashOffset >= minIndex &&
        (lazyMode ? lookahead > prevLength && prevLength < lazy : lookahead > MIN_MATCH - 1)
      ) {
        const found = this.findMatch(index, chainHead - hashOffset, MIN_MATCH - 1, lookahead);
        if (found !== 0) {
          length = found >>> 16;
          offset = found & 0xffff;
        }
      }
      if (lazyMode ? prevLength >= MIN_MATCH && length <= prevLength : length >= MIN_MATCH) {
        // Emit the previous match (lazy) or this one (greedy).
        tokens[nTokens++] = lazyMode
          ? matchToken(prevLength - BASE_MATCH_LENGTH, prevOffset - 1)
          : matchToken(length - BASE_MATCH_LENGTH, offset - 1);
        if (length <= skip) {
          const newIndex = lazyMode ? index + prevLength - 1 : index + length;
          // Hash the positions the match covers, rolling the 4-byte value along.
          const end = newIndex < maxInsertIndex ? newIndex : maxInsertIndex;
          let v = (window[index + 1] << 16) | (window[index + 2] << 8) | window[index + 3];
          for (index++; index < end; index++) {
            v = (v << 8) | window[index + 3];
            const h = Math.imul(v, HASH_MUL) >>> (32 - HASH_BITS);
            hashPrev[index & WINDOW_MASK] = hashHead[h];
            hashHead[h] = index + hashOffset;
          }
          if (index < newIndex) index = newIndex;
          if (lazyMode) {
            byteAvailable = false;
            length = MIN_MATCH - 1;
          }
        } else {
          // Long greedy matches are not hashed position by position.
          index += length;
        }
        if (nTokens === MAX_FLATE_BLOCK_TOKENS) {
          this.writeBlock(nTokens, index);
          nTokens = 0;
        }
      } else {
        if (!lazyMode || byteAvailable) {
          const i = lazyMode ? index - 1 : index;
          tokens[nTokens++] = window[i];
          if (nTokens === MAX_FLATE_BLOCK_TOKENS) {
            this.writeBlock(nTokens, i + 1);
            nTokens = 0;
          }
        }
        index++;
        if (lazyMode) byteAvailable = true;
      }
    }
    this.index = index;
    this.length = length;
    this.offset = offset;
    this.chainHead = chainHead;
    this.byteAvailable = byteAvailable;
    this.nTokens = nTokens;
  }
}

/**
 * Compresses `data` in one write, as Go's `flate.NewWriter(w, level)`,
 * `Write(data)`, `Close()` do.
 */
export function deflateRaw(data: Uint8Array, level: number = DEFAULT_COMPRESSION): Uint8Array {
  const w = new DeflateWriter(level);
  const head = w.write(data);
  const tail = w.close();
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
