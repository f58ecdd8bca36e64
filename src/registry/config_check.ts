/**
 * helm creates its registry client, which reads the registry config file
 * (`HELM_REGISTRY_CONFIG` or `--registry-config`), before it runs any
 * command, `--help` included; a file it cannot read stops everything with
 * `level=WARN msg="command failed" error="…"` and exit status 1. This check
 * does the same at charta's start for the price of one read: the usual
 * absent or well-formed file is accepted with `JSON.parse`, and only a
 * suspicious one loads the Go-exact reader of ./credentials.ts for the
 * message.
 *
 * @module
 */

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Whether the text is a config helm's reader accepts without doubt. */
function plainlyValid(text: string): boolean {
  if (text.trim() === "") return true;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isObject(v)) return false;
  const { credsStore, credHelpers, auths } = v;
  if (credsStore !== undefined && credsStore !== null && typeof credsStore !== "string") return false;
  if (credHelpers !== undefined && credHelpers !== null) {
    if (!isObject(credHelpers)) return false;
    if (Object.values(credHelpers).some((h) => h !== null && typeof h !== "string")) return false;
  }
  return auths === undefined || auths === null || isObject(auths);
}

/**
 * The error helm would stop on for the registry config at `path`, or
 * undefined when helm would start.
 */
export async function registryConfigStartupError(path: string): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    if (plainlyValid(await Deno.readTextFile(path))) return undefined;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
  }
  const { loadRegistryConfig } = await import("./credentials.ts");
  try {
    await loadRegistryConfig(path);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The registry config path a command line names (`--registry-config X` or `=X`), else `fallback`. */
export function registryConfigFromArgs(argv: readonly string[], fallback: string): string {
  let path = fallback;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a === "--registry-config" && i + 1 < argv.length) path = argv[++i];
    else if (a.startsWith("--registry-config=")) path = a.slice("--registry-config=".length);
  }
  return path;
}
