/**
 * Errors that charta reports to users.
 *
 * The CLI prints any error as `Error: <message>` on stderr and exits 1; a
 * {@link ChartaError} is expected bad input or a failed operation, so its
 * stack is shown only with `--debug`. Any other error is a bug in charta and
 * is reported the same way, with the stack under `--debug`.
 *
 * @module
 */

/** An error with a message fit for users, optionally with a hint on how to fix it. */
export class ChartaError extends Error {
  /** A sentence telling the user how to fix the problem, printed after the message. */
  readonly hint?: string;
  /** The process exit code the CLI should use (helm uses 1 for every error). */
  readonly exitCode: number;

  /**
   * @param message what failed and where, for users
   * @param options `hint` (how to fix it), `cause` (the underlying error), `exitCode` (default 1)
   */
  constructor(message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = "ChartaError";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A command line that cannot be run as given (unknown command, bad flag, wrong arguments). */
export class UsageError extends ChartaError {
  /** The usage line of the command, printed after the error as cobra does. */
  readonly usage?: string;

  /**
   * @param message what is wrong with the command line
   * @param options `usage` (the command's usage line) and `hint`
   */
  constructor(message: string, options: { usage?: string; hint?: string } = {}) {
    super(message, { hint: options.hint });
    this.name = "UsageError";
    this.usage = options.usage;
  }
}
