/**
 * A tar reader with the behaviour of Go's `archive/tar` Reader, which
 * decides what helm sees in a chart archive: V7, USTAR, PAX, GNU and STAR
 * headers, PAX records (`path`, `size`, `mtime`, …), GNU long names, GNU
 * and PAX sparse files, legacy directories (a name ending in `/`),
 * checksum validation, and Go's errors (`archive/tar: invalid tar header`,
 * `unexpected EOF`, …). Like Go, it stops at the two zero blocks that end an
 * archive and never reads past them; a truncated final padding is a normal
 * end.
 *
 * @module
 */

import type { ChartLoadError } from "./errors.ts";
import { eof, goError, type GoReader, isEOF, readFull, type ReadResult, unexpectedEOF } from "./goio.ts";

const BLOCK = 512;
const MAX_SPECIAL_FILE_SIZE = 1 << 20;
const MAX_SPARSE_ENTRIES = 1 << 20;
const INT64_MAX = (1n << 63n) - 1n;

/** `tar.ErrHeader`. */
export const errTarHeader = (): ChartLoadError => goError("tar.ErrHeader", "archive/tar: invalid tar header");
const errFieldTooLong = () => goError("tar.ErrFieldTooLong", "archive/tar: header field too long");
const errMissData = () => goError("tar.errMissData", "archive/tar: sparse file references non-existent data");
const errUnrefData = () => goError("tar.errUnrefData", "archive/tar: sparse file contains unreferenced data");
const errSparseTooLong = () => goError("tar.errSparseTooLong", "archive/tar: sparse map too long");

/** Type flags. */
export const TYPE_REG = 0x30; // '0'
const TYPE_REG_A = 0x00;
const TYPE_LINK = 0x31;
const TYPE_SYMLINK = 0x32;
const TYPE_CHAR = 0x33;
const TYPE_BLOCK = 0x34;
/** A directory ('5'). */
export const TYPE_DIR = 0x35;
const TYPE_FIFO = 0x36;
/** A PAX extended header for the next entry ('x'). */
export const TYPE_X_HEADER = 0x78;
/** A PAX global header ('g'). */
export const TYPE_X_GLOBAL_HEADER = 0x67;
const TYPE_GNU_SPARSE = 0x53; // 'S'
const TYPE_GNU_LONG_NAME = 0x4c; // 'L'
const TYPE_GNU_LONG_LINK = 0x4b; // 'K'

const C_ISDIR = 0o40000n;

/** The fields of a tar header helm looks at. */
export interface TarHeader {
  /** The type flag byte ('0' regular, '5' directory, …). */
  typeflag: number;
  name: string;
  /** The name's bytes (Go keeps names as bytes; `name` is their UTF-8 decoding). */
  nameRaw: Uint8Array;
  linkname: string;
  /** The logical size of the entry (for sparse files, the expanded size). */
  size: number;
  /** The mode field, with its file-type bits. */
  mode: bigint;
  /** Modification time, Unix seconds and nanoseconds. */
  modTimeSec: number;
  modTimeNsec: number;
  /** PAX records that applied to the entry. */
  paxRecords: Map<string, string> | null;
  /** The same records with their values as bytes. */
  paxRaw?: Map<string, Uint8Array>;
}

/** Whether the header is a directory, as Go's `FileInfo().IsDir()`. */
export function isDirHeader(hd: TarHeader): boolean {
  return (hd.mode & ~0o7777n) === C_ISDIR || hd.typeflag === TYPE_DIR;
}

function isHeaderOnlyType(flag: number): boolean {
  return flag === TYPE_LINK || flag === TYPE_SYMLINK || flag === TYPE_CHAR || flag === TYPE_BLOCK ||
    flag === TYPE_DIR || flag === TYPE_FIFO;
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
function str(b: Uint8Array): string {
  return utf8.decode(b);
}

/** Go's parser.parseString: up to the first NUL. */
function cstr(b: Uint8Array): Uint8Array {
  const i = b.indexOf(0);
  return i >= 0 ? b.subarray(0, i) : b;
}

/** Go's `strconv.ParseInt(s, 10, 64)`; null on a syntax or range error. */
export function parseInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const v = BigInt(s);
  if (v > INT64_MAX || v < -INT64_MAX - 1n) return null;
  return v;
}

/** Field parsing with Go's sticky error (`parser.err`). */
class Parser {
  err = false;

  octal(b: Uint8Array): bigint {
    let lo = 0;
    let hi = b.length;
    while (lo < hi && (b[lo] === 0x20 || b[lo] === 0)) lo++;
    while (hi > lo && (b[hi - 1] === 0x20 || b[hi - 1] === 0)) hi--;
    if (lo === hi) return 0n;
    const s = cstr(b.subarray(lo, hi));
    let ok = s.length > 0;
    let x = 0n;
    for (const c of s) {
      if (c < 0x30 || c > 0x37) {
        ok = false;
        break;
      }
      x = x * 8n + BigInt(c - 0x30);
    }
    if (!ok) {
      this.err = true;
      return 0n;
    }
    if (x > 0xffffffffffffffffn) {
      this.err = true;
      return -1n;
    }
    return BigInt.asIntN(64, x);
  }

  numeric(b: Uint8Array): bigint {
    if (b.length > 0 && (b[0] & 0x80) !== 0) {
      // Base-256 (binary), two's complement.
      const inv = (b[0] & 0x40) !== 0 ? 0xff : 0;
      let x = 0n;
      for (let i = 0; i < b.length; i++) {
        let c = b[i] ^ inv;
        if (i === 0) c &= 0x7f;
        if (x >> 56n > 0n) {
          this.err = true;
          return 0n;
        }
        x = (x << 8n) | BigInt(c);
      }
      if (x >> 63n > 0n) {
        this.err = true;
        return 0n;
      }
      return inv === 0xff ? ~x : x;
    }
    return this.octal(b);
  }
}

const enum Format {
  Unknown = 0,
  V7 = 1,
  USTAR = 2,
  PAX = 4,
  GNU = 8,
  STAR = 16,
}

function getFormat(blk: Uint8Array): Format {
  const p = new Parser();
  const value = p.octal(blk.subarray(148, 156));
  let unsigned = 0n;
  let signed = 0n;
  {
    let u = 0;
    let s = 0;
    for (let i = 0; i < BLOCK; i++) {
      const c = i >= 148 && i < 156 ? 0x20 : blk[i];
      u += c;
      s += c >= 0x80 ? c - 256 : c;
    }
    unsigned = BigInt(u);
    signed = BigInt(s);
  }
  if (p.err || (value !== unsigned && value !== signed)) return Format.Unknown;
  const magic = str(blk.subarray(257, 263));
  const version = str(blk.subarray(263, 265));
  const trailer = str(blk.subarray(508, 512));
  if (magic === "ustar\x00" && trailer === "tar\x00") return Format.STAR;
  if (magic === "ustar\x00") return Format.USTAR | Format.PAX;
  if (magic === "ustar " && version === " \x00") return Format.GNU;
  return Format.V7;
}

function isZeroBlock(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

function blockPadding(n: number): number {
  const r = n % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}

/** What `Read` on an entry goes through. */
interface FileReader {
  read(p: Uint8Array): Promise<ReadResult>;
  logicalRemaining(): number;
  physicalRemaining(): number;
}

class RegFileReader implements FileReader {
  constructor(private readonly r: GoReader, public nb: number) {}

  async read(p: Uint8Array): Promise<ReadResult> {
    if (p.length > this.nb) p = p.subarray(0, this.nb);
    let n = 0;
    let err: ChartLoadError | null = null;
    if (p.length > 0) {
      [n, err] = await this.r.read(p);
      this.nb -= n;
    }
    if (isEOF(err) && this.nb > 0) return [n, unexpectedEOF()];
    if (err === null && this.nb === 0) return [n, eof()];
    return [n, err];
  }

  logicalRemaining(): number {
    return this.nb;
  }

  physicalRemaining(): number {
    return this.nb;
  }
}

interface SparseEntry {
  offset: number;
  length: number;
}

/** Go's tryReadFull: `io.EOF` only when not everything was read. */
async function tryReadFull(r: GoReader, b: Uint8Array): Promise<ReadResult> {
  let n = 0;
  let err: ChartLoadError | null = null;
  while (b.length > n && err === null) {
    const [nn, e] = await r.read(b.subarray(n));
    n += nn;
    err = e;
  }
  if (b.length === n && isEOF(err)) err = null;
  return [n, err];
}

async function mustReadFull(r: GoReader, b: Uint8Array): Promise<ReadResult> {
  const [n, err] = await tryReadFull(r, b);
  return [n, isEOF(err) ? unexpectedEOF() : err];
}

class SparseFileReader implements FileReader {
  private pos = 0;
  /** The current hole (Go drops passed holes from the front of its slice). */
  private at = 0;

  constructor(private readonly fr: FileReader, private readonly sp: SparseEntry[]) {}

  async read(b: Uint8Array): Promise<ReadResult> {
    const finished = b.length >= this.logicalRemaining();
    if (finished) b = b.subarray(0, this.logicalRemaining());
    const total = b.length;
    let done = 0;
    const endPos = this.pos + total;
    let err: ChartLoadError | null = null;
    while (endPos > this.pos && err === null) {
      let nf: number;
      const holeStart = this.sp[this.at].offset;
      const holeEnd = holeStart + this.sp[this.at].length;
      const rest = b.subarray(done);
      if (this.pos < holeStart) {
        [nf, err] = await tryReadFull(this.fr, rest.subarray(0, Math.min(rest.length, holeStart - this.pos)));
      } else {
        nf = Math.min(rest.length, holeEnd - this.pos);
        rest.fill(0, 0, nf);
      }
      done += nf;
      this.pos += nf;
      if (this.pos >= holeEnd && this.at < this.sp.length - 1) this.at++;
    }
    if (isEOF(err)) return [done, errMissData()];
    if (err) return [done, err];
    if (this.logicalRemaining() === 0 && this.physicalRemaining() > 0) return [done, errUnrefData()];
    if (finished) return [done, eof()];
    return [done, null];
  }

  logicalRemaining(): number {
    const last = this.sp[this.sp.length - 1];
    return last.offset + last.length - this.pos;
  }

  physicalRemaining(): number {
    return this.fr.physicalRemaining();
  }
}

function validateSparseEntries(sp: SparseEntry[], size: number): boolean {
  if (size < 0) return false;
  let preEnd = 0;
  for (const cur of sp) {
    if (cur.offset < 0 || cur.length < 0) return false;
    if (cur.offset > Number.MAX_SAFE_INTEGER - cur.length) return false;
    if (cur.offset + cur.length > size) return false;
    if (preEnd > cur.offset) return false;
    preEnd = cur.offset + cur.length;
  }
  return true;
}

function invertSparseEntries(src: SparseEntry[], size: number): SparseEntry[] {
  const dst: SparseEntry[] = [];
  let preOffset = 0;
  for (const cur of src) {
    if (cur.length === 0) continue;
    const len = cur.offset - preOffset;
    if (len > 0) dst.push({ offset: preOffset, length: len });
    preOffset = cur.offset + cur.length;
  }
  dst.push({ offset: preOffset, length: size - preOffset });
  return dst;
}

/** Go's PAX record parsing; returns key, value and the rest, or null. */
function parsePAXRecord(s: Uint8Array): [string, Uint8Array, Uint8Array] | null {
  const sp = s.indexOf(0x20);
  if (sp < 0) return null;
  const n = parseInt64(str(s.subarray(0, sp)));
  if (n === null || n < 5n || n > BigInt(s.length)) return null;
  const end = Number(n);
  if (end - (sp + 1) <= 0) return null;
  if (s[end - 1] !== 0x0a) return null;
  const rec = s.subarray(sp + 1, end - 1);
  const eq = rec.indexOf(0x3d);
  if (eq < 0) return null;
  const kb = rec.subarray(0, eq);
  const v = rec.subarray(eq + 1);
  if (kb.length === 0) return null;
  const k = str(kb);
  if (k === "path" || k === "linkpath" || k === "uname" || k === "gname") {
    if (v.includes(0)) return null;
  } else if (kb.includes(0)) {
    return null;
  }
  return [k, v, s.subarray(end)];
}

/** Go's parsePAXTime; null when malformed. */
function parsePAXTime(s: string): [number, number] | null {
  const dot = s.indexOf(".");
  const ss = dot >= 0 ? s.slice(0, dot) : s;
  const sn = dot >= 0 ? s.slice(dot + 1) : "";
  const secs = parseInt64(ss);
  if (secs === null) return null;
  if (sn.length === 0) return [Number(secs), 0];
  let digits = "";
  for (let i = 0; i < sn.length; i++) {
    const c = sn.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    if (i < 9) digits += sn[i];
  }
  const nsecs = Number(digits.padEnd(9, "0"));
  return ss.startsWith("-") ? [Number(secs), -nsecs] : [Number(secs), nsecs];
}

/** Go's `archive/tar.Reader`. */
export class TarReader {
  private pad = 0;
  private curr: FileReader;
  private err: ChartLoadError | null = null;
  private readonly blk = new Uint8Array(BLOCK);

  constructor(private readonly r: GoReader) {
    this.curr = new RegFileReader(r, 0);
  }

  /**
   * The next entry, or null at the end of the archive.
   * @throws {ChartLoadError} Go's error (sticky, like Go's).
   */
  async next(): Promise<TarHeader | null> {
    if (this.err) {
      if (isEOF(this.err)) return null;
      throw this.err;
    }
    try {
      return await this.nextEntry();
    } catch (e) {
      this.err = e as ChartLoadError;
      if (isEOF(this.err)) return null;
      throw e;
    }
  }

  /** Reads the current entry's data (Go's `Reader.Read`). */
  async read(p: Uint8Array): Promise<ReadResult> {
    if (this.err) return [0, this.err];
    const [n, err] = await this.curr.read(p);
    if (err && !isEOF(err)) this.err = err;
    return [n, err];
  }

  private async discard(n: number): Promise<void> {
    // io.CopyN(io.Discard, r, n)
    let skipped = 0;
    const buf = new Uint8Array(8192);
    let err: ChartLoadError | null = null;
    while (skipped < n) {
      const want = Math.min(buf.length, n - skipped);
      const [k, e] = await this.r.read(buf.subarray(0, want));
      skipped += k;
      if (e) {
        if (!isEOF(e)) err = e;
        break;
      }
    }
    if (skipped >= n) return;
    if (err) throw err;
    throw unexpectedEOF();
  }

  private async nextEntry(): Promise<TarHeader> {
    let paxHdrs: Map<string, Uint8Array> | null = null;
    let gnuLongName: Uint8Array = new Uint8Array(0);
    let gnuLongLink = "";
    for (;;) {
      await this.discard(this.curr.physicalRemaining());
      {
        const [, err] = await tryReadFull(this.r, this.blk.subarray(0, this.pad));
        if (err) throw err;
      }
      this.pad = 0;

      const { hdr, raw } = await this.readHeader();
      this.handleRegularFile(hdr);

      if (hdr.typeflag === TYPE_X_HEADER || hdr.typeflag === TYPE_X_GLOBAL_HEADER) {
        paxHdrs = await this.parsePAX();
        if (hdr.typeflag === TYPE_X_GLOBAL_HEADER) {
          try {
            mergePAX(hdr, paxHdrs);
          } catch {
            // Go ignores the merge error of a global header.
          }
          return {
            typeflag: hdr.typeflag,
            name: hdr.name,
            nameRaw: hdr.nameRaw,
            linkname: "",
            size: 0,
            mode: 0n,
            modTimeSec: 0,
            modTimeNsec: 0,
            paxRecords: hdr.paxRecords,
          };
        }
        continue;
      }
      if (hdr.typeflag === TYPE_GNU_LONG_NAME || hdr.typeflag === TYPE_GNU_LONG_LINK) {
        const realname = await this.readSpecialFile();
        if (hdr.typeflag === TYPE_GNU_LONG_NAME) gnuLongName = cstr(realname);
        else gnuLongLink = str(cstr(realname));
        continue;
      }
      mergePAX(hdr, paxHdrs);
      if (gnuLongName.length > 0) setName(hdr, gnuLongName);
      if (gnuLongLink !== "") hdr.linkname = gnuLongLink;
      if (hdr.typeflag === TYPE_REG_A) hdr.typeflag = hdr.name.endsWith("/") ? TYPE_DIR : TYPE_REG;
      this.handleRegularFile(hdr);
      await this.handleSparseFile(hdr, raw);
      return hdr;
    }
  }

  private handleRegularFile(hdr: TarHeader): void {
    const nb = isHeaderOnlyType(hdr.typeflag) ? 0 : hdr.size;
    if (nb < 0) throw errTarHeader();
    this.pad = blockPadding(nb);
    this.curr = new RegFileReader(this.r, nb);
  }

  private async readHeader(): Promise<{ hdr: TarHeader; raw: Uint8Array }> {
    const blk = this.blk;
    {
      const [, err] = await readFull(this.r, blk);
      if (err) throw err;
    }
    if (isZeroBlock(blk)) {
      const [, err] = await readFull(this.r, blk);
      if (err) throw err;
      if (isZeroBlock(blk)) throw eof();
      throw errTarHeader();
    }
    const format = getFormat(blk);
    if (format === Format.Unknown) throw errTarHeader();

    const p = new Parser();
    let nameBytes: Uint8Array = cstr(blk.subarray(0, 100));
    const hdr: TarHeader = {
      typeflag: blk[156],
      name: "",
      nameRaw: new Uint8Array(0),
      linkname: str(cstr(blk.subarray(157, 257))),
      size: Number(p.numeric(blk.subarray(124, 136))),
      mode: p.numeric(blk.subarray(100, 108)),
      modTimeSec: 0,
      modTimeNsec: 0,
      paxRecords: null,
    };
    p.numeric(blk.subarray(108, 116)); // uid
    p.numeric(blk.subarray(116, 124)); // gid
    hdr.modTimeSec = Number(p.numeric(blk.subarray(136, 148)));

    if (format > Format.V7) {
      p.numeric(blk.subarray(329, 337)); // devmajor
      p.numeric(blk.subarray(337, 345)); // devminor
      let prefix: Uint8Array = new Uint8Array(0);
      if (format & (Format.USTAR | Format.PAX)) {
        prefix = cstr(blk.subarray(345, 500));
      } else if (format & Format.STAR) {
        prefix = cstr(blk.subarray(345, 476));
        p.numeric(blk.subarray(476, 488)); // atime
        p.numeric(blk.subarray(488, 500)); // ctime
      } else if (format & Format.GNU) {
        const p2 = new Parser();
        if (blk[345] !== 0) p2.numeric(blk.subarray(345, 357));
        if (blk[357] !== 0) p2.numeric(blk.subarray(357, 369));
        if (p2.err) {
          // A buggy archive that is not really GNU: the field is a USTAR prefix.
          const s = cstr(blk.subarray(345, 500));
          if (s.every((c) => c < 0x80)) prefix = s;
        }
      }
      if (prefix.length > 0) {
        const joined = new Uint8Array(prefix.length + 1 + nameBytes.length);
        joined.set(prefix);
        joined[prefix.length] = 0x2f;
        joined.set(nameBytes, prefix.length + 1);
        nameBytes = joined;
      }
    }
    setName(hdr, nameBytes);
    if (p.err) throw errTarHeader();
    return { hdr, raw: blk.slice() };
  }

  private async readSpecialFile(): Promise<Uint8Array> {
    // io.ReadAll(io.LimitReader(tr, maxSpecialFileSize+1))
    const limit = MAX_SPECIAL_FILE_SIZE + 1;
    const chunks: Uint8Array[] = [];
    let total = 0;
    let err: ChartLoadError | null = null;
    while (total < limit) {
      const buf = new Uint8Array(Math.min(32 * 1024, limit - total));
      const [n, e] = await this.read(buf);
      if (n > 0) {
        chunks.push(buf.subarray(0, n));
        total += n;
      }
      if (e) {
        if (!isEOF(e)) err = e;
        break;
      }
    }
    if (total > MAX_SPECIAL_FILE_SIZE) throw errFieldTooLong();
    if (err) throw err;
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of chunks) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }

  private async parsePAX(): Promise<Map<string, Uint8Array>> {
    let buf = await this.readSpecialFile();
    const sparseMap: string[] = [];
    const pax = new Map<string, Uint8Array>();
    while (buf.length > 0) {
      const rec = parsePAXRecord(buf);
      if (rec === null) throw errTarHeader();
      const [key, vb, rest] = rec;
      const value = str(vb);
      buf = rest;
      if (key === "GNU.sparse.offset" || key === "GNU.sparse.numbytes") {
        if (
          (sparseMap.length % 2 === 0 && key !== "GNU.sparse.offset") ||
          (sparseMap.length % 2 === 1 && key !== "GNU.sparse.numbytes") ||
          value.includes(",")
        ) {
          throw errTarHeader();
        }
        sparseMap.push(value);
      } else {
        pax.set(key, vb);
      }
    }
    if (sparseMap.length > 0) pax.set("GNU.sparse.map", new TextEncoder().encode(sparseMap.join(",")));
    return pax;
  }

  private async handleSparseFile(hdr: TarHeader, raw: Uint8Array): Promise<void> {
    let spd: SparseEntry[] | null;
    if (hdr.typeflag === TYPE_GNU_SPARSE) spd = await this.readOldGNUSparseMap(hdr, raw);
    else spd = await this.readGNUSparsePAXHeaders(hdr);
    if (spd !== null) {
      if (isHeaderOnlyType(hdr.typeflag) || !validateSparseEntries(spd, hdr.size)) throw errTarHeader();
      this.curr = new SparseFileReader(this.curr, invertSparseEntries(spd, hdr.size));
    }
  }

  private async readGNUSparsePAXHeaders(hdr: TarHeader): Promise<SparseEntry[] | null> {
    const recs = hdr.paxRecords ?? new Map<string, string>();
    const major = recs.get("GNU.sparse.major") ?? "";
    const minor = recs.get("GNU.sparse.minor") ?? "";
    let is1x0: boolean;
    if (major === "0" && (minor === "0" || minor === "1")) is1x0 = false;
    else if (major === "1" && minor === "0") is1x0 = true;
    else if (major !== "" || minor !== "") return null;
    else if ((recs.get("GNU.sparse.map") ?? "") !== "") is1x0 = false;
    else return null;

    const name = hdr.paxRaw?.get("GNU.sparse.name");
    if (name !== undefined && name.length > 0) setName(hdr, name);
    let size = recs.get("GNU.sparse.size") ?? "";
    if (size === "") size = recs.get("GNU.sparse.realsize") ?? "";
    if (size !== "") {
      const n = parseInt64(size);
      if (n === null) throw errTarHeader();
      hdr.size = Number(n);
    }
    return is1x0 ? await this.readGNUSparseMap1x0() : readGNUSparseMap0x1(recs);
  }

  private async readGNUSparseMap1x0(): Promise<SparseEntry[]> {
    let newlines = 0;
    let totalSize = 0;
    const text: number[] = [];
    let cursor = 0;
    const blk = new Uint8Array(BLOCK);
    const feed = async (n: number) => {
      while (newlines < n) {
        totalSize += BLOCK;
        if (totalSize > MAX_SPECIAL_FILE_SIZE) throw errSparseTooLong();
        const [, err] = await mustReadFull(this.curr, blk);
        if (err) throw err;
        for (const c of blk) {
          text.push(c);
          if (c === 0x0a) newlines++;
        }
      }
    };
    const token = (): string => {
      newlines--;
      let end = text.indexOf(0x0a, cursor);
      const stop = end < 0 ? text.length : end;
      const tok = str(Uint8Array.from(text.slice(cursor, stop)));
      if (end < 0) end = text.length - 1;
      cursor = end + 1;
      return tok;
    };
    await feed(1);
    const count = parseInt64(token());
    if (count === null || count < 0n || count >= 1n << 62n) throw errTarHeader();
    await feed(2 * Number(count));
    const spd: SparseEntry[] = [];
    for (let i = 0n; i < count; i++) {
      const offset = parseInt64(token());
      const length = parseInt64(token());
      if (offset === null || length === null) throw errTarHeader();
      if (spd.length >= MAX_SPARSE_ENTRIES) throw errSparseTooLong();
      spd.push({ offset: Number(offset), length: Number(length) });
    }
    return spd;
  }

  private async readOldGNUSparseMap(hdr: TarHeader, blk: Uint8Array): Promise<SparseEntry[]> {
    if (getFormat(blk) !== Format.GNU) throw errTarHeader();
    const p = new Parser();
    hdr.size = Number(p.numeric(blk.subarray(483, 495)));
    if (p.err) throw errTarHeader();
    let s = blk.subarray(386, 386 + 24 * 4 + 1);
    const spd: SparseEntry[] = [];
    let totalSize = s.length;
    while (totalSize < MAX_SPECIAL_FILE_SIZE) {
      const max = Math.floor(s.length / 24);
      for (let i = 0; i < max; i++) {
        const e = s.subarray(i * 24, i * 24 + 24);
        if (e[0] === 0) break;
        const offset = p.numeric(e.subarray(0, 12));
        const length = p.numeric(e.subarray(12, 24));
        if (p.err) throw errTarHeader();
        if (spd.length >= MAX_SPARSE_ENTRIES) throw errSparseTooLong();
        spd.push({ offset: Number(offset), length: Number(length) });
      }
      if (s[24 * max] > 0) {
        const ext = new Uint8Array(BLOCK);
        const [, err] = await mustReadFull(this.r, ext);
        if (err) throw err;
        s = ext;
        totalSize += s.length;
        continue;
      }
      return spd;
    }
    throw errSparseTooLong();
  }
}

function readGNUSparseMap0x1(recs: Map<string, string>): SparseEntry[] {
  const count = parseInt64(recs.get("GNU.sparse.numblocks") ?? "");
  if (count === null || count < 0n || count >= 1n << 62n) throw errTarHeader();
  let parts = (recs.get("GNU.sparse.map") ?? "").split(",");
  if (parts.length === 1 && parts[0] === "") parts = [];
  if (BigInt(parts.length) !== 2n * count) throw errTarHeader();
  const spd: SparseEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const offset = parseInt64(parts[i]);
    const length = parseInt64(parts[i + 1]);
    if (offset === null || length === null) throw errTarHeader();
    if (spd.length >= MAX_SPARSE_ENTRIES) throw errSparseTooLong();
    spd.push({ offset: Number(offset), length: Number(length) });
  }
  return spd;
}

function setName(hdr: TarHeader, raw: Uint8Array): void {
  hdr.nameRaw = raw;
  hdr.name = str(raw);
}

/** Go's mergePAX: PAX records override header fields; a malformed number is ErrHeader. */
function mergePAX(hdr: TarHeader, pax: Map<string, Uint8Array> | null): void {
  if (pax === null) return;
  const records = new Map<string, string>();
  for (const [k, raw] of pax) {
    const v = str(raw);
    records.set(k, v);
    if (raw.length === 0) continue;
    let ok = true;
    switch (k) {
      case "path":
        setName(hdr, raw);
        break;
      case "linkpath":
        hdr.linkname = v;
        break;
      case "uid":
      case "gid":
        ok = parseInt64(v) !== null;
        break;
      case "atime":
      case "ctime":
        ok = parsePAXTime(v) !== null;
        break;
      case "mtime": {
        const t = parsePAXTime(v);
        ok = t !== null;
        if (t) [hdr.modTimeSec, hdr.modTimeNsec] = t;
        break;
      }
      case "size": {
        const n = parseInt64(v);
        ok = n !== null;
        if (n !== null) hdr.size = Number(n);
        break;
      }
    }
    if (!ok) throw errTarHeader();
  }
  hdr.paxRecords = records;
  hdr.paxRaw = pax;
}
