/**
 * A real HTTP chart repository for tests and local trials: serves a folder
 * (index.yaml and chart archives) on 127.0.0.1 at a free port, optionally
 * behind basic auth and/or TLS with a self-signed CA made by openssl.
 * It records every request (path and whether credentials came along) so
 * tests can check where credentials were sent, and can redirect or cut a
 * download short on request.
 *
 * Usage: `deno run -A scripts/chart_repo_server.ts DIR [--auth USER:PASS] [--tls]`
 *
 * @module
 */
import { join, normalize, resolve } from "node:path";

/** One request the server saw. */
export interface SeenRequest {
  /** URL path. */
  path: string;
  /** The Authorization header, if any. */
  authorization: string | null;
}

/** How to run the server. */
export interface RepoServerOptions {
  /** The folder served. */
  dir: string;
  /** Basic auth required for every request. */
  auth?: { username: string; password: string };
  /** Serve HTTPS with a fresh self-signed CA. */
  tls?: boolean;
  /** Paths answered with a redirect to another URL. */
  redirects?: Record<string, string>;
  /** Paths whose body is cut off after half of it (the connection breaks). */
  truncate?: string[];
}

/** A running server. */
export interface RepoServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The CA certificate (PEM file) with `tls`. */
  caFile?: string;
  /** Requests seen so far. */
  requests: SeenRequest[];
  /** Stops the server (and removes the TLS files). */
  close(): Promise<void>;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  const out = await new Deno.Command("openssl", { args, cwd, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) throw new Error(`openssl ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
}

/** A CA and a serving certificate for 127.0.0.1 and localhost, in a new temporary folder. */
export async function makeServingCerts(): Promise<{ dir: string; ca: string; cert: string; key: string }> {
  const dir = await Deno.makeTempDir({ prefix: "charta-repo-tls-" });
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    "/CN=charta test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ], dir);
  await openssl([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=127.0.0.1",
  ], dir);
  await Deno.writeTextFile(
    join(dir, "server.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
  );
  await openssl([
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.crt",
    "-days",
    "2",
    "-extfile",
    "server.ext",
  ], dir);
  return { dir, ca: join(dir, "ca.crt"), cert: join(dir, "server.crt"), key: join(dir, "server.key") };
}

/** Starts a chart repository server on 127.0.0.1 at a free port. */
export async function startRepoServer(opts: RepoServerOptions): Promise<RepoServer> {
  const requests: SeenRequest[] = [];
  const root = resolve(opts.dir);
  const expected = opts.auth ? `Basic ${btoa(`${opts.auth.username}:${opts.auth.password}`)}` : undefined;
  const certs = opts.tls ? await makeServingCerts() : undefined;
  const handler = async (req: Request): Promise<Response> => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    requests.push({ path, authorization: req.headers.get("authorization") });
    if (expected && req.headers.get("authorization") !== expected) {
      return new Response("unauthorized\n", {
        status: 401,
        headers: { "WWW-Authenticate": 'Basic realm="charts"' },
      });
    }
    const target = opts.redirects?.[path];
    if (target) return new Response(null, { status: 302, headers: { location: target } });
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return new Response("forbidden\n", { status: 403 });
    let data: Uint8Array;
    try {
      data = await Deno.readFile(file);
    } catch {
      return new Response("404 page not found\n", { status: 404 });
    }
    if (opts.truncate?.includes(path)) {
      const half = data.slice(0, Math.floor(data.length / 2));
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(half);
          setTimeout(() => c.error(new Error("cut short")), 20);
        },
      });
      return new Response(body, { headers: { "content-length": String(data.length) } });
    }
    return new Response(data as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": "application/octet-stream" },
    });
  };
  const ready = Promise.withResolvers<number>();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => ready.resolve(port),
    ...(certs ? { cert: await Deno.readTextFile(certs.cert), key: await Deno.readTextFile(certs.key) } : {}),
  }, handler);
  const port = await ready.promise;
  return {
    url: `${certs ? "https" : "http"}://127.0.0.1:${port}`,
    caFile: certs?.ca,
    requests,
    async close() {
      await server.shutdown();
      if (certs) await Deno.remove(certs.dir, { recursive: true }).catch(() => {});
    },
  };
}

if (import.meta.main) {
  const [dir, ...rest] = Deno.args;
  if (!dir) {
    console.error("usage: chart_repo_server.ts DIR [--auth USER:PASS] [--tls]");
    Deno.exit(2);
  }
  const authArg = rest[rest.indexOf("--auth") + 1];
  const auth = rest.includes("--auth") && authArg
    ? { username: authArg.split(":")[0], password: authArg.split(":").slice(1).join(":") }
    : undefined;
  const s = await startRepoServer({ dir, auth, tls: rest.includes("--tls") });
  console.log(s.url);
  if (s.caFile) console.log(`CA: ${s.caFile}`);
}
