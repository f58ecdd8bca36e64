/**
 * The gzip oracle: Go's compress/gzip and compress/flate behind a small
 * command line (scripts/gzip_oracle), built once into the cache outside the
 * repository. charta's compressor tests compare their output with it byte
 * for byte. It needs only Go's standard library, so the build is offline
 * and quick.
 *
 * @module
 */
import { cacheRoot } from "./reference_helm.ts";
import { buildGoTool, goAvailable, runWithInput } from "./go_tool.ts";

/** Where the gzip oracle is built. */
export function gzipOraclePath(): string {
  return `${cacheRoot()}/gzip-oracle`;
}

export { goAvailable };

/** Builds the oracle if it is missing or older than its source; returns its path. */
export function buildGzipOracle(): Promise<string> {
  const dir = new URL("../gzip_oracle/", import.meta.url).pathname;
  return buildGoTool("gzip oracle", dir, ["main.go", "go.mod"], gzipOraclePath());
}

/** How the oracle compresses: Go's writer options and the cut of the input into Write calls. */
export interface GzipOracleOptions {
  /** Compression level, -2 to 9 (default -1). */
  level?: number;
  /** Raw DEFLATE (`flate.Writer`) instead of gzip. */
  raw?: boolean;
  name?: string;
  comment?: string;
  extra?: Uint8Array;
  /** Unix seconds; 0 or absent leaves Go's zero time. */
  modTime?: number;
  os?: number;
  /** Sizes of successive Write calls, repeated until the input is used up (default: one Write). */
  chunks?: number[];
  /** Flush after every Write. */
  flush?: boolean;
}

/** Compresses `data` with Go; throws with Go's message when the oracle refuses. */
export async function runGzipOracle(data: Uint8Array, options: GzipOracleOptions = {}): Promise<Uint8Array> {
  const args = ["-level", String(options.level ?? -1)];
  if (options.raw) args.push("-raw");
  if (options.name !== undefined) args.push("-name", options.name);
  if (options.comment !== undefined) args.push("-comment", options.comment);
  if (options.extra !== undefined) {
    args.push(
      "-extra",
      "-extra-hex",
      Array.from(options.extra, (b) => b.toString(16).padStart(2, "0")).join(""),
    );
  }
  if (options.modTime) args.push("-modtime", String(options.modTime));
  if (options.os !== undefined) args.push("-os", String(options.os));
  if (options.chunks?.length) args.push("-chunks", options.chunks.join(","));
  if (options.flush) args.push("-flush");
  return await runWithInput(await buildGzipOracle(), args, data);
}
