/**
 * Errors raised by the JSON codec; each message is exactly Go's `err.Error()`.
 *
 * @module
 */

/** What kind of Go error a {@link GoJsonError} mirrors. */
export type GoJsonErrorKind =
  /** `*json.SyntaxError` */
  | "syntax"
  /** `*json.UnsupportedValueError` (NaN, ±Inf, cycles) */
  | "unsupported-value"
  /** `*json.UnsupportedTypeError` (functions, channels…) */
  | "unsupported-type"
  /** `*json.UnmarshalTypeError` */
  | "unmarshal-type";

/** An encoding/json error with Go's exact message. */
export class GoJsonError extends Error {
  /** The Go error type this mirrors. */
  readonly kind: GoJsonErrorKind;
  /** Byte offset in the input for syntax and unmarshal-type errors. */
  readonly offset?: number;
  /**
   * For unmarshal-type errors, the partially decoded value Go leaves behind
   * (decoding continues past a type error; `fromJson` shows it with `Error`).
   */
  partial?: unknown;

  /** Builds an error with Go's message text. */
  constructor(message: string, kind: GoJsonErrorKind, offset?: number) {
    super(message);
    this.name = "GoJsonError";
    this.kind = kind;
    this.offset = offset;
  }
}
