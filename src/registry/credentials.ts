/**
 * helm's registry credentials file (`HELM_REGISTRY_CONFIG`, by default
 * `~/.config/helm/registry/config.json`) in Docker's format,
 * `{"auths":{"HOST":{"auth":"base64(user:pass)"}}}`, read and written as
 * oras' file store does (sorted keys, tab indentation, other fields kept), so
 * helm and charta share logins.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";

/** A username and password (or identity token). */
export interface Credential {
  /** The user ("" for a token). */
  username: string;
  /** The password or token. */
  password: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

async function readConfig(path: string): Promise<Record<string, Json>> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return {};
    throw e;
  }
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ChartaError(
      `failed to decode config file at ${path}: invalid config format: ${(e as Error).message}`,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ChartaError(`failed to decode config file at ${path}: invalid config format`);
  }
  return parsed as Record<string, Json>;
}

function sorted(v: Json): Json {
  if (Array.isArray(v)) return v.map(sorted);
  if (v !== null && typeof v === "object") {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v).sort()) out[k] = sorted(v[k]);
    return out;
  }
  return v;
}

async function writeConfig(path: string, cfg: Record<string, Json>): Promise<void> {
  const dir = path.slice(0, Math.max(path.lastIndexOf("/"), 0)) || ".";
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  // Written beside the target and renamed, so a reader never sees half a file.
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.writeTextFile(tmp, JSON.stringify(sorted(cfg), null, "\t"), { mode: 0o600 });
  await Deno.rename(tmp, path);
}

/** The key under `auths` for a host, as oras' `ServerAddressFromRegistry`/`FromHostname` (Docker Hub's legacy key). */
export function serverAddress(host: string): string {
  return host === "docker.io" || host === "registry-1.docker.io" ? "https://index.docker.io/v1/" : host;
}

function hostOf(addr: string): string {
  // Docker also stores keys as URLs (`https://index.docker.io/v1/`).
  const m = /^(?:[a-z]+:\/\/)?([^/]+)/.exec(addr);
  return m ? m[1] : addr;
}

/** The stored credential of a host, or undefined. */
export async function getCredential(path: string, host: string): Promise<Credential | undefined> {
  const cfg = await readConfig(path);
  const auths = (cfg.auths ?? {}) as Record<string, Json>;
  const key = serverAddress(host);
  let entry = auths[key];
  if (entry === undefined) {
    const match = Object.keys(auths).find((a) => hostOf(a) === key);
    if (match === undefined) return undefined;
    entry = auths[match];
  }
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return undefined;
  const e = entry as Record<string, Json>;
  if (typeof e.identitytoken === "string" && e.identitytoken) {
    return { username: "", password: e.identitytoken };
  }
  if (typeof e.auth === "string" && e.auth) {
    let decoded: string;
    try {
      decoded = new TextDecoder().decode(Uint8Array.from(atob(e.auth), (c) => c.charCodeAt(0)));
    } catch {
      throw new ChartaError(`failed to decode auth field: invalid config format`);
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new ChartaError(`invalid auth configuration file`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof e.username === "string" || typeof e.password === "string") {
    return { username: String(e.username ?? ""), password: String(e.password ?? "") };
  }
  return undefined;
}

function base64(s: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Stores a host's credential (oras' `PutCredential`: `auth` holds `user:password`, a token with an empty user). */
export async function putCredential(path: string, host: string, cred: Credential): Promise<void> {
  const cfg = await readConfig(path);
  const auths = { ...((cfg.auths ?? {}) as Record<string, Json>) };
  const entry: Record<string, Json> = {};
  entry.auth = base64(`${cred.username}:${cred.password}`);
  auths[serverAddress(host)] = entry;
  cfg.auths = auths;
  await writeConfig(path, cfg);
}

/** Removes a host's credential; nothing happens when none is stored (as oras). */
export async function deleteCredential(path: string, host: string): Promise<void> {
  const cfg = await readConfig(path);
  const auths = { ...((cfg.auths ?? {}) as Record<string, Json>) };
  const key = serverAddress(host);
  if (!(key in auths)) return;
  delete auths[key];
  cfg.auths = auths;
  await writeConfig(path, cfg);
}
