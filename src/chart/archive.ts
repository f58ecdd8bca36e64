/**
 * Reading a chart archive (`.tgz`) into memory with helm's safety rules
 * (pkg/chart/loader/archive): at most 100 MiB decompressed in all and 5 MiB
 * per file, no absolute paths, no `..`, no drive letters, Chart.yaml only
 * inside the top folder, no empty archive; the top folder is dropped from
 * every name and a UTF-8 BOM is stripped from every file.
 *
 * The gzip and tar layers behave as Go's (see {@link GzipReader} and
 * {@link TarReader}) so that the same archives load, and fail with the same
 * messages, as in helm.
 *
 * @module
 */

import { quote } from "../gotpl/quote.ts";
import { clean, isAbs } from "../sprig/gopath.ts";
import { ChartLoadError, errnoText } from "./errors.ts";
import { bytesSource, InputBuffer, isEOF, streamSource } from "./goio.ts";
import { GzipReader } from "./gzip.ts";
import { detectContentType } from "./sniff.ts";
import { isDirHeader, TarReader, TYPE_X_GLOBAL_HEADER, TYPE_X_HEADER } from "./tar.ts";

/** A file read out of a chart archive or directory, by path relative to the chart root. */
export interface BufferedFile {
  /** The path relative to the chart root, `/`-separated. */
  name: string;
  /** Modification time, when known. */
  modTime?: Date;
  /** The contents. */
  data: Uint8Array;
}

/** Size limits on decompressed archives (helm's `MaxDecompressedChartSize` and `MaxDecompressedFileSize`). */
export interface ArchiveLimits {
  /** The most bytes all files of an archive may hold together (default 100 MiB). */
  maxChartSize: number;
  /** The most bytes one file may hold, in an archive or a chart directory (default 5 MiB). */
  maxFileSize: number;
}

/** Helm's default limits: 100 MiB per chart, 5 MiB per file. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxChartSize: 100 * 1024 * 1024,
  maxFileSize: 5 * 1024 * 1024,
});

const DRIVE_PATH = /^[a-zA-Z]:\//;

/** Drops a leading UTF-8 byte order mark. */
export function trimBOM(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf
    ? data.subarray(3)
    : data;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Go's `%q` of a byte string: valid UTF-8 quoted as `strconv.Quote` does, other bytes as `\xNN`. */
export function quoteBytes(b: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < b.length) {
    // The longest valid UTF-8 run from i.
    let j = i;
    while (j < b.length) {
      const n = runeLength(b, j);
      if (n === 0) break;
      j += n;
    }
    if (j > i) {
      out += quote(strictUtf8.decode(b.subarray(i, j))).slice(1, -1);
      i = j;
    } else {
      out += "\\x" + b[i].toString(16).padStart(2, "0");
      i++;
    }
  }
  return `"${out}"`;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 (Go's rules: no overlongs, no surrogates). */
function runeLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1];
    if (c === 0xe0 && c1 < 0xa0) return 0;
    if (c === 0xed && c1 > 0x9f) return 0;
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1];
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 > 0x8f) return 0;
    return 4;
  }
  return 0;
}

function fail(message: string): ChartLoadError {
  return new ChartLoadError(message);
}

/** What an archive can be read from: bytes in memory or a byte stream. */
export type ArchiveSource = Uint8Array | ReadableStream<Uint8Array>;

/**
 * Helm's `LoadArchiveFiles`: the files of a gzipped tar archive, decompressed
 * as they stream in, with the top folder dropped from their names.
 *
 * @throws {ChartLoadError} helm's messages: `chart illegally contains absolute
 * paths`, `chart illegally references parent directory`, `chart illegally
 * contains content outside the base directory: "x"`, `chart contains
 * illegally named files`, `chart yaml not in base directory`, `decompressed
 * chart is larger than the maximum size 104857600`, `decompressed chart file
 * "c/x" is larger than the maximum file size 5242880`, `no files in chart
 * archive`, and Go's gzip/tar errors (`gzip: invalid header`, `unexpected
 * EOF`, `archive/tar: invalid tar header`, `flate: corrupt input before
 * offset 12`, `EOF` for empty input).
 */
export async function loadArchiveFiles(
  src: ArchiveSource,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<BufferedFile[]> {
  if (src instanceof Uint8Array) return await readArchive(new InputBuffer(bytesSource(src)), limits);
  const [pull, release] = streamSource(src);
  try {
    return await readArchive(new InputBuffer(pull), limits);
  } finally {
    await release();
  }
}

async function readArchive(input: InputBuffer, limits: ArchiveLimits): Promise<BufferedFile[]> {
  const gz = await GzipReader.open(input);
  const tr = new TarReader(gz);
  const files: BufferedFile[] = [];
  let remaining = limits.maxChartSize;
  for (;;) {
    const hd = await tr.next();
    if (hd === null) break;
    if (isDirHeader(hd)) continue;
    if (hd.typeflag === TYPE_X_GLOBAL_HEADER || hd.typeflag === TYPE_X_HEADER) continue;

    // An archive made on Windows may use backslashes.
    const delimiter = hd.name.includes("\\") ? "\\" : "/";
    const parts = hd.name.split(delimiter);
    let n = parts.slice(1).join(delimiter).replaceAll(delimiter, "/");
    if (isAbs(n)) throw fail("chart illegally contains absolute paths");
    n = clean(n);
    if (n === ".") {
      throw fail(`chart illegally contains content outside the base directory: ${quoteBytes(hd.nameRaw)}`);
    }
    if (n.startsWith("..")) throw fail("chart illegally references parent directory");
    if (DRIVE_PATH.test(n)) throw fail("chart contains illegally named files");
    if (parts[0] === "Chart.yaml") throw fail("chart yaml not in base directory");
    if (hd.size > remaining) {
      throw fail(`decompressed chart is larger than the maximum size ${limits.maxChartSize}`);
    }
    if (hd.size > limits.maxFileSize) {
      throw fail(
        `decompressed chart file ${
          quote(hd.name)
        } is larger than the maximum file size ${limits.maxFileSize}`,
      );
    }

    // io.Copy(buffer, io.LimitReader(tr, remaining))
    const chunks: Uint8Array[] = [];
    let written = 0;
    for (;;) {
      const room = remaining - written;
      if (room <= 0) break;
      const buf = new Uint8Array(Math.min(32 * 1024, room, Math.max(hd.size - written, 512)));
      const [k, err] = await tr.read(buf);
      if (k > 0) {
        chunks.push(buf.subarray(0, k));
        written += k;
      }
      if (err) {
        if (isEOF(err)) break;
        throw err;
      }
    }
    remaining -= written;
    if (written < hd.size || remaining <= 0) {
      throw fail(`decompressed chart is larger than the maximum size ${limits.maxChartSize}`);
    }
    const data = new Uint8Array(written);
    let off = 0;
    for (const c of chunks) {
      data.set(c, off);
      off += c.length;
    }
    files.push({ name: n, modTime: modTime(hd.modTimeSec, hd.modTimeNsec), data: trimBOM(data) });
  }
  if (files.length === 0) throw fail("no files in chart archive");
  return files;
}

function modTime(sec: number, nsec: number): Date {
  return new Date(sec * 1000 + Math.trunc(nsec / 1e6));
}

/**
 * Helm's `EnsureArchive`: checks that the first 512 bytes of a file look
 * like gzip, for a clear error when something else (often a values file)
 * is given where a chart archive is expected.
 *
 * @param head the first bytes of the file (at most 512 are looked at)
 * @throws {ChartLoadError} `file 'x.yaml' seems to be a YAML file, but
 * expected a gzipped archive` or `file 'x' does not appear to be a gzipped
 * archive; got 'text/plain; charset=utf-8'`
 */
export function ensureArchive(name: string, head: Uint8Array): void {
  // Go sniffs a 512-byte buffer, zero-filled past what the file holds.
  const buffer = new Uint8Array(512);
  buffer.set(head.subarray(0, 512));
  const contentType = detectContentType(buffer);
  const gzipMagic = buffer[0] === 0x1f && buffer[1] === 0x8b && buffer[2] === 0x08;
  if (contentType !== "application/x-gzip" && !gzipMagic) {
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      throw fail(`file '${name}' seems to be a YAML file, but expected a gzipped archive`);
    }
    throw fail(`file '${name}' does not appear to be a gzipped archive; got '${contentType}'`);
  }
}

/**
 * Opens an archive file for streaming after {@link ensureArchive} accepted
 * its first bytes. The caller closes the file by consuming or cancelling the
 * stream.
 */
export async function openArchiveFile(name: string): Promise<ReadableStream<Uint8Array>> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(name, { read: true });
  } catch (e) {
    throw new ChartLoadError(`open ${name}: ${errnoText(e)}`, { code: "fs", cause: e });
  }
  const head = new Uint8Array(512);
  let n = 0;
  try {
    const r = await file.read(head);
    n = r ?? 0;
  } catch (e) {
    file.close();
    throw new ChartLoadError(`file '${name}' cannot be read: read ${name}: ${errnoText(e)}`, { cause: e });
  }
  try {
    ensureArchive(name, head.subarray(0, n));
    await file.seek(0, Deno.SeekMode.Start);
  } catch (e) {
    file.close();
    throw e;
  }
  return file.readable;
}
