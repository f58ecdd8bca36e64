/**
 * A tar writer producing the bytes Go's `archive/tar` Writer produces for
 * regular files, which is what `helm package` (`chartutil.Save`) writes:
 *
 * - the format is chosen as Go chooses it: USTAR when every field fits
 *   (long ASCII names are split into the USTAR prefix and name fields),
 *   otherwise PAX (an `x` header `dir/PaxHeaders.0/file` carrying `path`,
 *   `mtime`, `size` records sorted by key, then the main header with the
 *   ASCII-only, truncated name);
 * - modification times are rounded to the nearest second (Go's
 *   `Time.Round(time.Second)` for headers without an explicit format);
 * - numeric fields are zero-padded octal with a NUL terminator, user and
 *   group names are empty, device numbers are written as `0000000`;
 * - the checksum is the unsigned byte sum with the field as spaces, written
 *   as six octal digits, NUL, space;
 * - each file is padded to 512 bytes and the archive ends with two zero
 *   blocks (1024 bytes) and nothing more.
 *
 * The writer returns the bytes of each entry, so callers stream them into a
 * compressor.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { clean } from "../sprig/gopath.ts";
import { concatBytes } from "../bytes/mod.ts";

const BLOCK = 512;
const NAME_SIZE = 100;
const PREFIX_SIZE = 155;
const TYPE_REG = 0x30;
const TYPE_X_HEADER = 0x78;
const MAX_SPECIAL_FILE_SIZE = 1 << 20;

/** A point in time with Go's precision: Unix seconds and nanoseconds. */
export interface TarTime {
  /** Seconds since the Unix epoch (may be negative). */
  seconds: number;
  /** Nanoseconds within the second, 0 ≤ n < 1e9. */
  nanoseconds: number;
}

/** The header fields helm sets for each file (`tar.Header{Name, Mode, Size, ModTime}`). */
export interface TarEntry {
  /** `/`-separated path inside the archive. */
  name: string;
  /** Permission bits (helm: 0644). */
  mode?: number;
  /** Modification time. */
  modTime: Date | TarTime;
}

const utf8 = new TextEncoder();

/** A `Date` (millisecond precision) as a {@link TarTime}. */
export function tarTime(d: Date | TarTime): TarTime {
  if (!(d instanceof Date)) return d;
  const ms = d.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanoseconds: (ms - seconds * 1000) * 1e6 };
}

/** Go's `Time.Round(time.Second)`: halves round up. */
function roundToSecond(t: TarTime): number {
  return t.nanoseconds >= 500_000_000 ? t.seconds + 1 : t.seconds;
}

/** Go's `isASCII` (a C-style ASCII string: no NUL, nothing ≥ 0x80). */
function isASCII(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || c === 0) return false;
  }
  return true;
}

/** Go's `toASCII`: drops every character that is not ASCII or is NUL. */
function toASCII(s: string): string {
  return isASCII(s) ? s : [...s].filter((c) => c.charCodeAt(0) < 0x80 && c !== "\0").join("");
}

/** `fitsInOctal(n, x)`: fits an n-byte field with its NUL terminator. */
function fitsInOctal(n: number, x: number): boolean {
  return x >= 0 && (n >= 22 || x < 8 ** (n - 1));
}

/** Go's `splitUSTARPath` (on the name's bytes; only called for ASCII names, so bytes = characters). */
function splitUSTARPath(name: string): [string, string] | undefined {
  let length = name.length;
  if (length <= NAME_SIZE || !isASCII(name)) return undefined;
  if (length > PREFIX_SIZE + 1) length = PREFIX_SIZE + 1;
  else if (name[length - 1] === "/") length--;
  const i = name.slice(0, length).lastIndexOf("/");
  const nlen = name.length - i - 1;
  const plen = i;
  if (i <= 0 || nlen > NAME_SIZE || nlen === 0 || plen > PREFIX_SIZE) return undefined;
  return [name.slice(0, i), name.slice(i + 1)];
}

/** Go's `formatter.formatString` over bytes: copy, NUL-terminate when short, no trailing slash when cut. */
function putString(blk: Uint8Array, off: number, size: number, s: string | Uint8Array): void {
  const b = typeof s === "string" ? utf8.encode(s) : s;
  const n = Math.min(b.length, size);
  blk.set(b.subarray(0, n), off);
  if (b.length < size) blk[off + b.length] = 0;
  if (b.length > size && blk[off + size - 1] === 0x2f) {
    // Buggy readers take a trailing slash in the V7 name for a directory.
    let end = size - 1;
    while (end > 0 && blk[off + end - 1] === 0x2f) end--;
    blk[off + end] = 0;
  }
}

/** Go's `formatter.formatOctal`: zero-padded octal leaving room for a NUL; 0 when it does not fit. */
function putOctal(blk: Uint8Array, off: number, size: number, x: number): void {
  if (!fitsInOctal(size, x)) x = 0;
  let s = x.toString(8);
  const pad = size - s.length - 1;
  if (pad > 0) s = "0".repeat(pad) + s;
  putString(blk, off, size, s);
}

/** Writes the USTAR magic and version, then the checksum. */
function finish(blk: Uint8Array): Uint8Array {
  putString(blk, 257, 6, "ustar\0");
  putString(blk, 263, 2, "00");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : blk[i];
  putOctal(blk, 148, 7, sum);
  blk[155] = 0x20;
  return blk;
}

/** Go's `formatPAXRecord`: `"%d %s=%s\n"` whose length counts itself. */
export function formatPAXRecord(k: string, v: string): string {
  const body = utf8.encode(` ${k}=${v}\n`).length;
  let size = body + String(body).length;
  if (String(size).length + body !== size) size = String(size).length + body;
  return `${size} ${k}=${v}\n`;
}

function padding(n: number): number {
  return (BLOCK - (n % BLOCK)) % BLOCK;
}

/** Go's `path.Split` then `path.Join(dir, "PaxHeaders.0", file)`. */
function paxHeaderName(name: string): string {
  const slash = name.lastIndexOf("/");
  const dir = name.slice(0, slash + 1);
  const file = name.slice(slash + 1);
  return clean([dir, "PaxHeaders.0", file].filter((p) => p !== "").join("/"));
}

/**
 * Writes regular files as Go's `tar.Writer` does for a `tar.Header` with
 * `Name`, `Mode`, `Size` and `ModTime` set (and every other field zero).
 */
export class TarWriter {
  private closed = false;

  /**
   * The bytes of one file entry: its header block(s), its data and the
   * padding to the next 512-byte boundary.
   *
   * @throws {ChartaError} when Go's writer refuses the header (a name that
   * ends in `/` or contains NUL)
   */
  file(entry: TarEntry, data: Uint8Array): Uint8Array {
    if (this.closed) throw new ChartaError("archive/tar: write after close");
    const name = entry.name;
    if (name.endsWith("/")) {
      throw new ChartaError("archive/tar: cannot encode header: filename may not have trailing slash");
    }
    if (name.includes("\0")) {
      throw new ChartaError(
        `archive/tar: cannot encode header: invalid PAX record: ${JSON.stringify(`path = ${name}`)}`,
      );
    }
    const mode = entry.mode ?? 0o644;
    const size = data.length;
    const mtime = roundToSecond(tarTime(entry.modTime));

    // Go's allowedFormats for these fields: USTAR unless the name or a number does not fit.
    const pax: Array<[string, string]> = [];
    let ustar = true;
    const nameBytes = utf8.encode(name).length;
    if (!isASCII(name) || nameBytes > NAME_SIZE) {
      if (!splitUSTARPath(name)) ustar = false;
      pax.push(["path", name]);
    }
    if (!fitsInOctal(12, size)) {
      ustar = false;
      pax.push(["size", String(size)]);
    }
    if (!fitsInOctal(12, mtime)) {
      ustar = false;
      pax.push(["mtime", String(mtime)]);
    }

    const parts: Uint8Array[] = [];
    let headerName: string = name;
    let prefix = "";
    if (ustar) {
      const split = splitUSTARPath(name);
      if (split) [prefix, headerName] = split;
    } else {
      const records = pax.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => formatPAXRecord(k, v)).join("");
      const body = utf8.encode(records);
      if (body.length > MAX_SPECIAL_FILE_SIZE) throw new ChartaError("archive/tar: header field too long");
      parts.push(
        this.rawHeader(paxHeaderName(name), body.length),
        body,
        new Uint8Array(padding(body.length)),
      );
      headerName = toASCII(name);
    }

    const blk = new Uint8Array(BLOCK);
    blk[156] = TYPE_REG;
    putString(blk, 0, NAME_SIZE, headerName);
    putOctal(blk, 100, 8, mode);
    putOctal(blk, 108, 8, 0);
    putOctal(blk, 116, 8, 0);
    putOctal(blk, 124, 12, size);
    putOctal(blk, 136, 12, mtime);
    putOctal(blk, 329, 8, 0);
    putOctal(blk, 337, 8, 0);
    if (prefix) putString(blk, 345, PREFIX_SIZE, prefix);
    parts.push(finish(blk), data, new Uint8Array(padding(size)));
    return concatBytes(parts);
  }

  /** Go's `writeRawFile` header for a PAX extended header. */
  private rawHeader(name: string, size: number): Uint8Array {
    let n = toASCII(name);
    if (utf8.encode(n).length > NAME_SIZE) n = n.slice(0, NAME_SIZE);
    n = n.replace(/\/+$/, "");
    const blk = new Uint8Array(BLOCK);
    blk[156] = TYPE_X_HEADER;
    putString(blk, 0, NAME_SIZE, n);
    putOctal(blk, 100, 8, 0);
    putOctal(blk, 108, 8, 0);
    putOctal(blk, 116, 8, 0);
    putOctal(blk, 124, 12, size);
    putOctal(blk, 136, 12, 0);
    return finish(blk);
  }

  /** The end of the archive: two zero blocks. */
  close(): Uint8Array {
    this.closed = true;
    return new Uint8Array(2 * BLOCK);
  }
}
