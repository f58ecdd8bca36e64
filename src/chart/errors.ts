/**
 * Errors of chart loading, with helm's texts.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";

/**
 * Go sentinel errors the loader distinguishes, as `errors.Is` would
 * (`gzip.ErrHeader` decides between two wordings of a bad archive).
 */
export type GoErrorCode =
  | "io.EOF"
  | "io.ErrUnexpectedEOF"
  | "gzip.ErrHeader"
  | "gzip.ErrChecksum"
  | "flate.CorruptInputError"
  | "tar.ErrHeader"
  | "tar.ErrFieldTooLong"
  | "tar.errMissData"
  | "tar.errUnrefData"
  | "tar.errSparseTooLong"
  | "fs";

/** A chart that cannot be loaded: a missing or unreadable file, a bad archive, bad YAML, bad metadata. */
export class ChartLoadError extends ChartaError {
  /** The Go error this one is (or wraps), for errors that have one. */
  readonly code?: GoErrorCode;

  /** An error with helm's message, optionally marked as (wrapping) a Go error. */
  constructor(message: string, options: { code?: GoErrorCode; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "ChartLoadError";
    this.code = options.code;
  }
}

/** Chart.yaml breaks helm's rules (`Metadata.Validate`); the message starts with `validation: `. */
export class ChartValidationError extends ChartLoadError {
  /** A validation error; `validation: ` is prefixed to the message. */
  constructor(message: string) {
    super("validation: " + message);
    this.name = "ChartValidationError";
  }
}

/** A wrapped error (Go's `fmt.Errorf("…: %w", err)`), keeping the wrapped error's code. */
export function wrapError(prefix: string, err: unknown, suffix = ""): ChartLoadError {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof ChartLoadError ? err.code : undefined;
  return new ChartLoadError(`${prefix}${message}${suffix}`, { code, cause: err });
}

/** Go's text of an errno, as `syscall.Errno.Error()` prints it on Linux. */
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files in system",
  ENOMEM: "cannot allocate memory",
  EBUSY: "device or resource busy",
  EINVAL: "invalid argument",
  ENXIO: "no such device or address",
  ENODEV: "no such device",
  EFBIG: "file too large",
  EOVERFLOW: "value too large for defined data type",
  ESTALE: "stale NFS file handle",
  EAGAIN: "resource temporarily unavailable",
};

/** The Go text of a Deno file-system error's cause (`no such file or directory`). */
export function errnoText(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === "string" && Object.hasOwn(ERRNO_TEXT, code)) return ERRNO_TEXT[code];
  const msg = err instanceof Error ? err.message : String(err);
  // "No such file or directory (os error 2): lstat '/x'" → "no such file or directory"
  const m = /^(.*?) \(os error \d+\)/.exec(msg);
  if (m) return m[1].charAt(0).toLowerCase() + m[1].slice(1);
  return msg;
}

/** Go's `*fs.PathError` text: `open /a/b: no such file or directory`. */
export function pathError(op: string, path: string, err: unknown): ChartLoadError {
  return new ChartLoadError(`${op} ${path}: ${errnoText(err)}`, { code: "fs", cause: err });
}
