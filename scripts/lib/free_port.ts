/**
 * A free TCP port on 127.0.0.1, for the local servers the scripts and tests start.
 *
 * @module
 */

/** A port nothing listens on now (the kernel's choice for port 0, released at once). */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}
