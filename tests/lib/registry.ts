/**
 * The local OCI registry for integration tests (scripts/oci_registry.ts,
 * `deno task registry:up`): Debian's docker-registry on loopback, without
 * authentication (`open`), with htpasswd basic authentication (`auth`) and
 * with bearer tokens from scripts/registry_token_server.ts (`token`).
 *
 * @module
 */
import {
  ensureRegistry,
  registryAvailable,
  type RegistryVariant,
  type RunningRegistry,
} from "../../scripts/oci_registry.ts";

export type { RunningRegistry };

/**
 * Whether tests needing a registry run: the binary is installed (then
 * {@link testRegistry} starts or reuses it in a second). Locally they are
 * skipped otherwise; in CI (`CI` set) the absence is a failure, since
 * `.ci/run` installs and starts it before the tests.
 */
export function registryForTests(): boolean {
  const ok = registryAvailable();
  if (!ok && Deno.env.get("CI")) {
    throw new Error(
      "docker-registry is not installed; .ci/run must install it and run deno task registry:up",
    );
  }
  return ok;
}

/** The registry of a variant, started if needed; it keeps running after the tests (`deno task registry:down`). */
export function testRegistry(variant: RegistryVariant = "open"): Promise<RunningRegistry> {
  return ensureRegistry(variant);
}
