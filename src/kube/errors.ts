/**
 * Errors from the API server, shaped as apimachinery's: the server's
 * message, its `StatusReason` and the HTTP code, with `IsNotFound` and
 * `IsAlreadyExists`.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";

/**
 * An error status from the API server (`metav1.Status`): `message` is the
 * server's text (`secrets "x" not found`), `reason` its `StatusReason`
 * (`NotFound`, `AlreadyExists`, `Forbidden`, …), `code` the HTTP code.
 */
export class KubeApiError extends ChartaError {
  /** The HTTP status code. */
  readonly code: number;
  /** The `StatusReason`; empty when the server gave none. */
  readonly reason: string;

  /**
   * Makes the error for a server status.
   * @param message the server's message
   * @param code the HTTP status code
   * @param reason the `StatusReason`
   */
  constructor(message: string, code: number, reason: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "KubeApiError";
    this.code = code;
    this.reason = reason;
  }
}

/** apimachinery's `IsNotFound`: reason NotFound, or code 404 without a known reason. */
export function isNotFound(err: unknown): boolean {
  return err instanceof KubeApiError &&
    (err.reason === "NotFound" || (err.reason === "" && err.code === 404));
}

/** apimachinery's `IsAlreadyExists`: reason AlreadyExists (or code 409 without a reason). */
export function isAlreadyExists(err: unknown): boolean {
  return err instanceof KubeApiError &&
    (err.reason === "AlreadyExists" || (err.reason === "" && err.code === 409));
}
