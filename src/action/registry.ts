/**
 * `registry login` and `registry logout`, as helm's `RegistryLogin` and
 * `RegistryLogout`: the login is checked against the registry (`GET /v2/`
 * with the credential) before it is stored in helm's registry config file,
 * which helm and charta share.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { deleteCredential, putCredential } from "../registry/credentials.ts";
import { newClient, type RegistryOptions } from "../registry/oci.ts";
import { validRegistry } from "../registry/reference.ts";
import type { LogFn } from "../log/slog.ts";
import type { EnvLookup } from "../settings/helm_path.ts";

/** What `registry login` takes. */
export interface RegistryLoginRequest extends RegistryOptions {
  /** The registry host (`host[:port]`). */
  host: string;
  /** The user ("" for an identity token). */
  username: string;
  /** The password or token. */
  password: string;
  /** helm's registry config file. */
  registryConfig: string;
}

/** Checks the credential against the registry and stores it; prints `Login Succeeded`. */
export async function registryLoginAction(
  req: RegistryLoginRequest,
  out: (s: string) => void,
  log?: LogFn,
): Promise<void> {
  const host = req.host;
  if (host.includes("/")) {
    log?.("WARN", "registry login currently only supports registry hostname, not a repository path", [
      ["host", host],
      ["suggested", host.split("/")[0]],
    ]);
  }
  // oras' NewRegistry: the argument must be a bare host[:port].
  if (!validRegistry(host)) {
    throw new ChartaError(`invalid reference: invalid registry ${JSON.stringify(host)}`);
  }
  // helm checks exactly the credential given (an empty user included), not a stored one.
  const client = newClient({
    ...req,
    registryConfig: undefined,
    staticCredential: { username: req.username, password: req.password },
  });
  try {
    // helm tries the OAuth2 password grant first (token endpoints that take it return a refreshable
    // login), then the plain token GET; the second attempt's error is the one reported.
    client.forceAttemptOAuth2 = true;
    await client.ping(host).catch(async () => {
      client.forceAttemptOAuth2 = false;
      await client.ping(host);
    });
  } catch (e) {
    throw new ChartaError(`authenticating to ${JSON.stringify(req.host)}: ${(e as Error).message}`, {
      cause: e,
    });
  } finally {
    client.close();
  }
  await putCredential(req.registryConfig, host, { username: req.username, password: req.password }, {
    env: req.env,
  });
  out("Login Succeeded\n");
}

/** Removes the stored credential of a host; prints `Removing login credentials for HOST`. */
export async function registryLogoutAction(
  req: { host: string; registryConfig: string; env?: EnvLookup },
  out: (s: string) => void,
): Promise<void> {
  await deleteCredential(req.registryConfig, req.host, { env: req.env });
  out(`Removing login credentials for ${req.host}\n`);
}

/**
 * helm's `getUsernamePassword`: `--password-stdin` reads the password from
 * standard input (one trailing newline dropped); without a password the
 * user is prompted for a username (when not given) and a password or token.
 */
export async function loginCredentials(
  username: string,
  password: string,
  passwordStdin: boolean,
  io: {
    readAll: () => Promise<string>;
    /** Prints `label` and reads a line; `silent`: with echo off (passwords, tokens). */
    prompt: (label: string, silent: boolean) => Promise<string>;
    log?: LogFn;
  },
): Promise<{ username: string; password: string }> {
  if (passwordStdin) {
    let p = await io.readAll();
    if (p.endsWith("\n")) p = p.slice(0, -1);
    if (p.endsWith("\r")) p = p.slice(0, -1);
    return { username, password: p };
  }
  if (password !== "") {
    io.log?.("WARN", "using --password via the CLI is insecure. Use --password-stdin", []);
    return { username, password };
  }
  if (username === "") username = (await io.prompt("Username: ", false)).trim();
  if (username === "") {
    const token = await io.prompt("Token: ", true);
    if (token === "") throw new ChartaError("token required");
    return { username, password: token };
  }
  const p = await io.prompt("Password: ", true);
  if (p === "") throw new ChartaError("password required");
  return { username, password: p };
}
