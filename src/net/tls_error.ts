/**
 * Go's wording for server certificates that fail verification, so charta's
 * transport errors read as helm's (`tls: failed to verify certificate:
 * x509: certificate signed by unknown authority`). Deno's fetch reports the
 * reason as rustls names it (`invalid peer certificate: UnknownIssuer`).
 *
 * @module
 */

const REASONS: Record<string, string> = {
  UnknownIssuer: "x509: certificate signed by unknown authority",
  Expired: "x509: certificate has expired or is not yet valid",
  NotValidYet: "x509: certificate has expired or is not yet valid",
  NotValidForName: "x509: certificate is not valid for the requested host name",
  NotValidForNameContext: "x509: certificate is not valid for the requested host name",
  BadSignature: "x509: certificate signature is invalid",
};

/**
 * The Go text for a failed certificate check found in an error text (a
 * fetch error's message and cause), or undefined when it is not one.
 */
export function tlsVerifyError(text: string): string | undefined {
  const m = /invalid peer certificate: ([A-Za-z]+)/.exec(text);
  if (!m) return undefined;
  return `tls: failed to verify certificate: ${REASONS[m[1]] ?? `invalid peer certificate: ${m[1]}`}`;
}

/** A fetch error's own message and its cause's, where the transport's detail usually sits. */
export function fetchErrorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return `${e.message} ${e.cause instanceof Error ? e.cause.message : String(e.cause ?? "")}`;
}
