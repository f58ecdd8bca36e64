/**
 * An HTTPS OCI registry with a self-signed certificate for tests of
 * `--insecure-skip-tls-verify` / `--insecure`: Debian's docker-registry (as
 * scripts/oci_registry.ts installs it) started in a temporary folder on a
 * free loopback port, with a serving certificate from a fresh private CA
 * (scripts/chart_repo_server.ts makes them). It runs only for the test that
 * started it.
 *
 * @module
 */
import { join } from "node:path";
import { makeServingCerts } from "../../scripts/chart_repo_server.ts";
import { registryConfigYaml } from "../../scripts/oci_registry.ts";
import { freePort } from "../../scripts/lib/free_port.ts";

/** A running HTTPS registry. */
export interface TlsRegistry {
  /** `127.0.0.1:PORT`. */
  address: string;
  /** The CA that signed its certificate (PEM file). */
  caFile: string;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** Starts the registry and waits until it answers `GET /v2/` over TLS. */
export async function startTlsRegistry(): Promise<TlsRegistry> {
  const certs = await makeServingCerts();
  const port = freePort();
  const config = join(certs.dir, "config.yml");
  await Deno.writeTextFile(
    config,
    registryConfigYaml({
      dataDir: join(certs.dir, "data"),
      port,
      secret: "charta-tls-test-registry",
      http: `  tls:\n    certificate: ${certs.cert}\n    key: ${certs.key}\n`,
    }),
  );
  const child = new Deno.Command("/usr/bin/docker-registry", {
    args: ["serve", config],
    stdout: "null",
    stderr: "null",
    stdin: "null",
  }).spawn();
  const client = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(certs.ca)] });
  const close = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    await child.status;
    client.close();
    await Deno.remove(certs.dir, { recursive: true }).catch(() => {});
  };
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`https://127.0.0.1:${port}/v2/`, { client } as RequestInit);
      await res.body?.cancel();
      if (res.status === 200) return { address: `127.0.0.1:${port}`, caFile: certs.ca, close };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  await close();
  throw new Error("the TLS registry did not come up");
}
