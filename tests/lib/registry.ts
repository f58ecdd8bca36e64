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

/** `registry login HOST -u USER -p PASS --plain-http` against a test registry with credentials. */
export function loginArgs(reg: RunningRegistry): string[] {
  return ["registry", "login", reg.address, "-u", reg.username!, "-p", reg.password!, "--plain-http"];
}

/** `pull REF --version 1.4.2 --plain-http -d DIR`: the webapp fixture chart from a test registry. */
export function pullWebappArgs(ref: string, dir: string): string[] {
  return ["pull", ref, "--version", "1.4.2", "--plain-http", "-d", dir];
}

/** The environment registry tests run both tools with: everything helm keeps under a scratch HOME. */
export function scratchEnv(home: string): Record<string, string> {
  return {
    HOME: home,
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HELM_REGISTRY_CONFIG: `${home}/registry.json`,
    HELM_CACHE_HOME: `${home}/cache`,
    HELM_CONFIG_HOME: `${home}/config`,
    HELM_DATA_HOME: `${home}/data`,
  };
}

/** `push TGZ REF --plain-http --username USER --password PASS`. */
export function pushWithCredentialsArgs(tgz: string, ref: string, user: string, password: string): string[] {
  return ["push", tgz, ref, "--plain-http", "--username", user, "--password", password];
}
