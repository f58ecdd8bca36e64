/**
 * Flag specs several commands share, spelled once: helm declares these
 * flags in each command with the same names, types, defaults and help.
 *
 * @module
 */
import type { FlagSpec } from "./command_spec.ts";
import type { EnvSettings } from "../settings/env_settings.ts";
import type { RegistryOptions } from "../registry/oci.ts";

/** A bool flag. */
export const boolFlag = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  kind: "bool",
  usage,
  ...extra,
});

/** A string flag. */
export const stringFlag = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  kind: "string",
  usage,
  ...extra,
});

/** `--timeout` (5m0s), as every release command has it. */
export function timeoutFlag(): FlagSpec {
  return {
    name: "timeout",
    kind: "duration",
    usage: "time to wait for any individual Kubernetes operation (like Jobs for hooks)",
    default: 300_000,
  };
}

/** `--wait-for-jobs`. */
export function waitForJobsFlag(): FlagSpec {
  return boolFlag(
    "wait-for-jobs",
    "if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful. It will wait for as long as --timeout",
  );
}

/** `--force-replace`, helm 3's `--force` (deprecated) and `--force-conflicts`. */
export function forceFlags(): FlagSpec[] {
  return [
    boolFlag("force-replace", "force resource updates by replacement"),
    boolFlag("force", "deprecated", { hidden: true, deprecated: "use --force-replace instead" }),
    boolFlag("force-conflicts", "if set server-side apply will force changes against conflicts"),
  ];
}

/** upgrade's and rollback's `--server-side auto|true|false`. */
export function serverSideOptionFlag(): FlagSpec {
  return stringFlag(
    "server-side",
    'must be "true", "false" or "auto". Object updates run in the server instead of the client ("auto" defaults the value from the previous chart release\'s method)',
    { default: "auto" },
  );
}

/** `--history-max`, defaulting to `HELM_MAX_HISTORY`. */
export function historyMaxFlag(settings: EnvSettings): FlagSpec {
  return {
    name: "history-max",
    kind: "int",
    default: settings.maxHistory,
    usage: "limit the maximum number of revisions saved per release. Use 0 for no limit",
  };
}

/**
 * The registry transport and credentials the shared flags give (`--plain-http`,
 * `--insecure-skip-tls-verify`, the TLS files, `--username`/`--password`),
 * with helm's registry config and the environment from the settings.
 */
export function registryFlagOptions(
  f: Readonly<Record<string, unknown>>,
  settings: EnvSettings,
): RegistryOptions {
  return {
    plainHTTP: f["plain-http"] as boolean,
    insecureSkipTLSVerify: f["insecure-skip-tls-verify"] as boolean,
    caFile: f["ca-file"] as string,
    certFile: f["cert-file"] as string,
    keyFile: f["key-file"] as string,
    username: f.username as string,
    password: f.password as string,
    registryConfig: settings.registryConfig,
    env: settings.env,
  };
}
