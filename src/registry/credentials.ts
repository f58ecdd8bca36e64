/**
 * helm's registry credentials: the config file `HELM_REGISTRY_CONFIG` (by
 * default `~/.config/helm/registry/config.json`) in Docker's format, read
 * and written as oras' credentials store (helm's registry library) does, so
 * helm, charta and Docker's tools share logins.
 *
 * Where a credential lives is decided per server address, as oras'
 * `DynamicStore`: the helper named for that address in `credHelpers`, else
 * the `credsStore` helper, else (when the file configures no
 * authentication at all) the platform's default helper if it is installed,
 * else the `auths` map of the file itself. Helpers are the programs
 * `docker-credential-NAME` of Docker's credential helper protocol (`get`,
 * `store`, `erase`; the address or a JSON credential on standard input).
 * Lookups that find nothing in helm's file fall back to Docker's own config
 * (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`), as helm's
 * client does; logins and logouts touch helm's file only.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { EnvLookup } from "../settings/helm_path.ts";
import { unmarshal } from "../gojson/decode.ts";
import type { GoType } from "../gojson/types.ts";

/** A registry credential. */
export interface Credential {
  /** The user ("" for a token). */
  username: string;
  /** The password or token. */
  password: string;
  /**
   * An identity (OAuth2 refresh) token: Docker's `identitytoken`, or what a
   * helper returns under the user `<token>`; exchanged at the registry's
   * token endpoint.
   */
  identityToken?: string;
  /** A registry (bearer access) token: Docker's `registrytoken`, sent as is. */
  registryToken?: string;
}

/** Where helpers and Docker's config are found. */
export interface CredentialStoreOptions {
  /**
   * The environment (`PATH` for helpers, `DOCKER_CONFIG` and `HOME` for
   * Docker's config); the process environment when omitted.
   */
  env?: EnvLookup;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One config file as oras keeps it: the raw content plus its three parsed fields. */
interface Config {
  path: string;
  content: Record<string, Json>;
  auths: Record<string, Json>;
  credsStore: string;
  credHelpers: Record<string, string>;
}

const STRING: GoType = { kind: "string" };
const STRING_MAP: GoType = { kind: "map", elem: STRING };
const RAW_MAP: GoType = { kind: "map", elem: { kind: "interface" }, name: "map[string]json.RawMessage" };
const AUTH_CONFIG: GoType = {
  kind: "struct",
  name: "config.AuthConfig",
  fields: ["auth", "identitytoken", "registrytoken", "username", "password"].map((json) => ({
    json,
    type: STRING,
  })),
};
const DOCKER_CREDENTIALS: GoType = {
  kind: "struct",
  name: "credentials.dockerCredentials",
  fields: ["ServerURL", "Username", "Secret"].map((json) => ({ json, type: STRING })),
};

const HELPER_PREFIX = "docker-credential-";
/** The user name helpers use for identity tokens. */
const TOKEN_USERNAME = "<token>";
/** What helpers print when they hold nothing for an address (not an error for `get`). */
const NOT_FOUND = "credentials not found in native keychain";

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Go's text for the common open failures (Deno's otherwise). */
function goErrno(e: unknown): string {
  if (e instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (e instanceof Deno.errors.NotADirectory) return "not a directory";
  return messageOf(e);
}

/**
 * Reads a registry config file as helm's client does when it starts (the
 * file may be absent), so that a file helm cannot read is refused with its
 * error.
 *
 * @throws {ChartaError} `failed to decode config file PATH: invalid config format: …` and the like
 */
export async function loadRegistryConfig(path: string): Promise<void> {
  await loadConfig(path);
}

/** Decodes with Go's encoding/json semantics (case-insensitive fields, Go's error texts). */
function goDecode(text: string, target: GoType): unknown {
  return unmarshal(text, { target });
}

async function loadConfig(path: string): Promise<Config> {
  const cfg: Config = { path, content: {}, auths: {}, credsStore: "", credHelpers: {} };
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return cfg;
    // Go opens a directory fine; decoding it is what fails.
    if (e instanceof Deno.errors.IsADirectory) {
      throw new ChartaError(
        `failed to decode config file ${path}: invalid config format: read ${path}: is a directory`,
        { cause: e },
      );
    }
    throw new ChartaError(`failed to open config file at ${path}: open ${path}: ${goErrno(e)}`, { cause: e });
  }
  if (text.trim() === "") return cfg;
  try {
    cfg.content = (goDecode(text, RAW_MAP) ?? {}) as Record<string, Json>;
  } catch (e) {
    throw new ChartaError(
      `failed to decode config file ${path}: invalid config format: ${messageOf(e)}`,
      { cause: e },
    );
  }
  const field = (name: string, target: GoType, what: string): unknown => {
    if (!(name in cfg.content)) return undefined;
    try {
      return goDecode(JSON.stringify(cfg.content[name]), target);
    } catch (e) {
      throw new ChartaError(`failed to unmarshal ${what} field: invalid config format: ${messageOf(e)}`);
    }
  };
  cfg.credsStore = (field("credsStore", STRING, "creds store") as string | undefined) ?? "";
  cfg.credHelpers =
    (field("credHelpers", STRING_MAP, "cred helpers") as Record<string, string> | undefined) ??
      {};
  cfg.auths = (field("auths", RAW_MAP, "auths") as Record<string, Json> | undefined) ?? {};
  return cfg;
}

/** Go's json.Marshal escapes these even inside raw messages; JSON text holds them only in strings. */
function escapeLikeGo(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function sortedKeys(o: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** oras' `saveFile`: top-level and `auths` keys sorted (Go maps), nested values as they were, tab-indented. */
async function saveConfig(cfg: Config): Promise<void> {
  const content = { ...cfg.content };
  if (cfg.credsStore) content.credsStore = cfg.credsStore;
  else delete content.credsStore;
  content.auths = sortedKeys(cfg.auths);
  const text = escapeLikeGo(JSON.stringify(sortedKeys(content), null, "\t"));
  const path = cfg.path;
  const dir = path.slice(0, Math.max(path.lastIndexOf("/"), 0)) || ".";
  try {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new ChartaError(`failed to make directory ${dir}: ${messageOf(e)}`, { cause: e });
  }
  // Written beside the target and renamed, so a reader never sees half a file.
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await Deno.writeTextFile(tmp, text, { mode: 0o600 });
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw new ChartaError(`failed to save config file: ${messageOf(e)}`, { cause: e });
  }
}

function isAuthConfigured(cfg: Config): boolean {
  return cfg.credsStore !== "" || Object.keys(cfg.credHelpers).length > 0 ||
    Object.keys(cfg.auths).length > 0;
}

/** The key for a registry host (oras' `ServerAddressFromRegistry`/`FromHostname`: Docker Hub's legacy key). */
export function serverAddress(host: string): string {
  return host === "docker.io" || host === "registry-1.docker.io" ? "https://index.docker.io/v1/" : host;
}

/** oras' `ToHostname`: Docker's legacy keys are URLs (`https://r.example/v1/`). */
function toHostname(addr: string): string {
  let a = addr;
  if (a.startsWith("http://")) a = a.slice(7);
  if (a.startsWith("https://")) a = a.slice(8);
  const slash = a.indexOf("/");
  return slash >= 0 ? a.slice(0, slash) : a;
}

function envOf(opts: CredentialStoreOptions): EnvLookup {
  return opts.env ?? ((n) => Deno.env.get(n));
}

/** Go's `exec.LookPath`: a name with a slash as is, else the first executable file on `PATH`. */
async function lookPath(name: string, env: EnvLookup): Promise<string | undefined> {
  const candidates = name.includes("/")
    ? [name]
    : (env("PATH") ?? "").split(":").map((d) => `${d === "" ? "." : d}/${name}`);
  for (const c of candidates) {
    try {
      const st = await Deno.stat(c);
      if (st.isFile && ((st.mode ?? 0o111) & 0o111) !== 0) return c;
    } catch { /* not there */ }
  }
  return undefined;
}

/**
 * Runs `docker-credential-SUFFIX ACTION` with `input` on standard input and
 * returns its standard output; its standard error goes to ours (as oras'
 * executer). A failure reads as oras reports it: the helper's own output,
 * else Go's `exit status N`, or `exec: "…": executable file not found in $PATH`.
 */
async function runHelper(suffix: string, action: string, input: string, env: EnvLookup): Promise<string> {
  const name = HELPER_PREFIX + suffix;
  const bin = await lookPath(name, env);
  if (!bin) throw new ChartaError(`exec: ${JSON.stringify(name)}: executable file not found in $PATH`);
  const childEnv: Record<string, string> = {};
  for (const k of ["PATH", "HOME"]) {
    const v = env(k);
    if (v !== undefined) childEnv[k] = v;
  }
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(bin, {
      args: [action],
      env: childEnv,
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
  } catch (e) {
    throw new ChartaError(`fork/exec ${bin}: ${messageOf(e)}`, { cause: e });
  }
  const writer = child.stdin.getWriter();
  // A helper may exit without reading its input; that is its answer, not ours to report.
  await writer.write(new TextEncoder().encode(input)).catch(() => {});
  await writer.close().catch(() => {});
  const out = await child.output();
  const stdout = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    const said = stdout.trim();
    if (said) throw new ChartaError(said);
    throw new ChartaError(out.signal ? `signal: ${out.signal}` : `exit status ${out.code}`);
  }
  return stdout;
}

function emptyCredential(c: Credential): boolean {
  return !c.username && !c.password && !c.identityToken && !c.registryToken;
}

/** The helper (suffix) a config assigns to an address, or "" for the file itself. */
function helperFor(cfg: Config, addr: string, detected: string): string {
  return cfg.credHelpers[addr] || cfg.credsStore || detected;
}

/** oras' `DetectDefaultNativeStore`: with no authentication configured, the platform's helper if installed. */
async function detectedStore(cfg: Config, env: EnvLookup): Promise<string> {
  if (isAuthConfigured(cfg)) return "";
  let suffix = "";
  if (Deno.build.os === "linux") suffix = (await lookPath("pass", env)) ? "pass" : "secretservice";
  else if (Deno.build.os === "darwin") suffix = "osxkeychain";
  else if (Deno.build.os === "windows") suffix = "wincred";
  if (!suffix) return "";
  return (await lookPath(HELPER_PREFIX + suffix, env)) ? suffix : "";
}

async function helperGet(suffix: string, addr: string, env: EnvLookup): Promise<Credential> {
  let out: string;
  try {
    out = await runHelper(suffix, "get", addr, env);
  } catch (e) {
    if (messageOf(e) === NOT_FOUND) return { username: "", password: "" };
    throw e;
  }
  let parsed: Record<string, string>;
  try {
    parsed = (goDecode(out, DOCKER_CREDENTIALS) ?? {}) as Record<string, string>;
  } catch (e) {
    throw new ChartaError(messageOf(e), { cause: e });
  }
  const user = parsed.Username ?? "";
  const secret = parsed.Secret ?? "";
  if (user === TOKEN_USERNAME) return { username: "", password: "", identityToken: secret };
  return { username: user, password: secret };
}

function decodeBase64(s: string): string {
  const bin = atob(s);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function fileGet(cfg: Config, addr: string): Credential {
  let entry: Json | undefined = cfg.auths[addr];
  if (entry === undefined) {
    const match = Object.keys(cfg.auths).find((a) => toHostname(a) === addr);
    if (match === undefined) return { username: "", password: "" };
    entry = cfg.auths[match];
  }
  let e: Record<string, string>;
  try {
    e = (goDecode(JSON.stringify(entry), AUTH_CONFIG) ?? {}) as Record<string, string>;
  } catch (err) {
    throw new ChartaError(`failed to unmarshal auth field: invalid config format: ${messageOf(err)}`);
  }
  const cred: Credential = { username: e.username ?? "", password: e.password ?? "" };
  if (e.identitytoken) cred.identityToken = e.identitytoken;
  if (e.registrytoken) cred.registryToken = e.registrytoken;
  if (e.auth) {
    let decoded: string;
    try {
      decoded = decodeBase64(e.auth);
    } catch {
      throw new ChartaError(
        `failed to decode auth field: invalid config format: illegal base64 data at input byte ${
          badBase64Offset(e.auth)
        }`,
      );
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) {
      throw new ChartaError(
        `failed to decode auth field: invalid config format: auth '${decoded}' does not conform the base64(username:password) format`,
      );
    }
    cred.username = decoded.slice(0, colon);
    cred.password = decoded.slice(colon + 1);
  }
  return cred;
}

/** Where Go's StdEncoding stops on bad input (first byte outside the alphabet, or the length). */
function badBase64Offset(s: string): number {
  const bad = /[^A-Za-z0-9+/=]/.exec(s);
  return bad ? bad.index : s.length;
}

/** One store's lookup (helper or file). */
async function storeGet(cfg: Config, addr: string, env: EnvLookup): Promise<Credential> {
  const helper = helperFor(cfg, addr, await detectedStore(cfg, env));
  return helper ? await helperGet(helper, addr, env) : fileGet(cfg, addr);
}

/** Docker's own config, when it can be read (helm ignores it otherwise). */
async function dockerConfig(env: EnvLookup): Promise<Config | undefined> {
  let dir = env("DOCKER_CONFIG") ?? "";
  if (!dir) {
    const home = env("HOME") ?? "";
    if (!home) return undefined;
    dir = `${home}/.docker`;
  }
  try {
    return await loadConfig(`${dir}/config.json`);
  } catch {
    return undefined;
  }
}

/**
 * The stored credential of a registry host, or undefined: helm's config
 * file (through its helper, if one is configured), then Docker's.
 *
 * @param path helm's registry config file
 * @param host `host[:port]` as requests name it
 * @throws {ChartaError} for unreadable config files and failing helpers
 */
export async function getCredential(
  path: string,
  host: string,
  opts: CredentialStoreOptions = {},
): Promise<Credential | undefined> {
  const env = envOf(opts);
  const addr = serverAddress(host);
  const cred = await storeGet(await loadConfig(path), addr, env);
  if (!emptyCredential(cred)) return cred;
  const docker = await dockerConfig(env);
  if (!docker) return undefined;
  const fallback = await storeGet(docker, addr, env);
  return emptyCredential(fallback) ? undefined : fallback;
}

function base64(s: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * Stores a host's credential in helm's config file or its helper (oras'
 * `DynamicStore.Put`). A helper gets `{"ServerURL","Username","Secret"}`
 * on `store`; the file gets `auth` = base64(`user:password`). When the
 * platform's helper was detected for an unconfigured file, the file then
 * names it in `credsStore`, as oras records it.
 *
 * @throws {ChartaError} for failing helpers and unwritable files
 */
export async function putCredential(
  path: string,
  host: string,
  cred: Credential,
  opts: CredentialStoreOptions = {},
): Promise<void> {
  const env = envOf(opts);
  const cfg = await loadConfig(path);
  const addr = serverAddress(host);
  const detected = await detectedStore(cfg, env);
  const helper = helperFor(cfg, addr, detected);
  if (helper) {
    const doc = cred.identityToken
      ? { ServerURL: addr, Username: TOKEN_USERNAME, Secret: cred.identityToken }
      : { ServerURL: addr, Username: cred.username, Secret: cred.password };
    await runHelper(helper, "store", escapeLikeGo(JSON.stringify(doc)), env);
    if (detected) {
      cfg.credsStore = detected;
      try {
        await saveConfig(cfg);
      } catch (e) {
        throw new ChartaError(`failed to set credsStore: ${messageOf(e)}`, { cause: e });
      }
    }
    return;
  }
  if (cred.username.includes(":")) {
    throw new ChartaError("bad credential format: colons(:) are not allowed in username");
  }
  const entry: Record<string, Json> = {};
  if (cred.username || cred.password) entry.auth = base64(`${cred.username}:${cred.password}`);
  if (cred.identityToken) entry.identitytoken = cred.identityToken;
  if (cred.registryToken) entry.registrytoken = cred.registryToken;
  cfg.auths = { ...cfg.auths, [addr]: entry };
  await saveConfig(cfg);
}

/**
 * Removes a host's credential from helm's config file (nothing happens when
 * none is stored) or its helper (`erase`, whose refusal is an error, as in
 * helm: `failed to delete the credential for HOST: …`).
 */
export async function deleteCredential(
  path: string,
  host: string,
  opts: CredentialStoreOptions = {},
): Promise<void> {
  const env = envOf(opts);
  const cfg = await loadConfig(path);
  const addr = serverAddress(host);
  try {
    const helper = helperFor(cfg, addr, await detectedStore(cfg, env));
    if (helper) {
      await runHelper(helper, "erase", addr, env);
      return;
    }
    if (!(addr in cfg.auths)) return;
    const auths = { ...cfg.auths };
    delete auths[addr];
    cfg.auths = auths;
    await saveConfig(cfg);
  } catch (e) {
    throw new ChartaError(`failed to delete the credential for ${addr}: ${messageOf(e)}`, { cause: e });
  }
}
