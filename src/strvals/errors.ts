/**
 * Errors of the `--set` parsers.
 *
 * Inside the parsers errors are values, as in Go, because Helm's control flow
 * depends on which error came back (`io.EOF` ends parsing quietly, even when
 * wrapped) and on state changes made before an error is returned. Only the
 * public entry points turn them into thrown {@link StrvalsError}s.
 *
 * @module
 */

/** A parse failure with the exact message of Helm's `err.Error()`. */
export class StrvalsError extends Error {
  /**
   * True when a `--set-json` value in the whole-object form (`{...}`) was not
   * a valid JSON object; Helm reports those differently (see
   * {@link setJSONFailureMessage}).
   */
  readonly jsonObject: boolean;

  constructor(message: string, options: { jsonObject?: boolean } = {}) {
    super(message);
    this.name = "StrvalsError";
    this.jsonObject = options.jsonObject ?? false;
  }
}

/** A Go `error` value: a message, optionally wrapping another (`%w`). */
export class GoErr {
  constructor(
    readonly message: string,
    readonly wrapped?: GoErr,
    /** For reader failures: what the reader threw, rethrown unchanged. */
    readonly cause?: unknown,
  ) {}
}

/** Go's `io.EOF`; compared by identity where Helm compares with `==`. */
export const EOF: GoErr = new GoErr("EOF");

/** strvals' `ErrNotList`: the value after `=` does not start with `{`. */
export const ERR_NOT_LIST: GoErr = new GoErr("not a list");

/** `errors.Is(err, io.EOF)`: EOF itself or anything wrapping it. */
export function isEOF(err: GoErr): boolean {
  for (let e: GoErr | undefined = err; e; e = e.wrapped) {
    if (e === EOF) return true;
  }
  return false;
}

/** `fmt.Errorf(prefix + "%w", err)`. */
export function wrap(prefix: string, err: GoErr): GoErr {
  return new GoErr(prefix + err.message, err);
}

/**
 * A Go runtime panic (here only failed type assertions on existing values);
 * thrown, and recovered by the parsers' `key` step as Helm's deferred
 * `recover` does.
 */
export class GoPanic extends Error {}

/** Converts a parser error into what the public API throws. */
export function toThrown(err: GoErr): unknown {
  if (err.cause !== undefined) return err.cause;
  return new StrvalsError(err.message);
}
