/**
 * `charta registry login|logout`: credentials for OCI registries, kept in
 * helm's registry config file, as `helm registry`.
 *
 * @module
 */
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";

const LONG = `
This command consists of multiple subcommands to interact with registries.
`;

const LOGIN_LONG = `
Authenticate to a remote registry.

For example for Github Container Registry:

    echo "$GITHUB_TOKEN" | charta registry login ghcr.io -u $GITHUB_USER --password-stdin
`;

const LOGOUT_LONG = `
Remove credentials stored for a remote registry.
`;

function loginFlags(): FlagSpec[] {
  return [
    { name: "username", short: "u", kind: "string", usage: "registry username" },
    { name: "password", short: "p", kind: "string", usage: "registry password or identity token" },
    { name: "password-stdin", kind: "bool", usage: "read password or identity token from stdin" },
    { name: "insecure", kind: "bool", usage: "allow connections to TLS registry without certs" },
    { name: "cert-file", kind: "string", usage: "identify registry client using this SSL certificate file" },
    { name: "key-file", kind: "string", usage: "identify registry client using this SSL key file" },
    {
      name: "ca-file",
      kind: "string",
      usage: "verify certificates of HTTPS-enabled servers using this CA bundle",
    },
    { name: "plain-http", kind: "bool", usage: "use insecure HTTP connections for the chart upload" },
  ];
}

async function readAllStdin(): Promise<string> {
  return await new Response(Deno.stdin.readable).text();
}

async function login(ctx: CommandContext): Promise<void> {
  const [{ loginCredentials, registryLoginAction }, { logTo }, { readLine }] = await Promise.all([
    import("../../action/registry.ts"),
    import("../../log/slog.ts"),
    import("../prompt.ts"),
  ]);
  const f = ctx.flags;
  const log = logTo(ctx.stderr, ctx.settings.debug);
  const cred = await loginCredentials(
    f.username as string,
    f.password as string,
    f["password-stdin"] as boolean,
    { readAll: readAllStdin, prompt: (l, silent) => readLine(ctx.stdout, l, silent), log },
  );
  await registryLoginAction(
    {
      host: ctx.args[0],
      username: cred.username,
      password: cred.password,
      insecureSkipTLSVerify: f.insecure as boolean,
      certFile: f["cert-file"] as string,
      keyFile: f["key-file"] as string,
      caFile: f["ca-file"] as string,
      plainHTTP: f["plain-http"] as boolean,
      registryConfig: ctx.settings.registryConfig,
      env: ctx.settings.env,
    },
    ctx.stdout,
    log,
  );
}

async function logout(ctx: CommandContext): Promise<void> {
  const { registryLogoutAction } = await import("../../action/registry.ts");
  await registryLogoutAction(
    { host: ctx.args[0], registryConfig: ctx.settings.registryConfig, env: ctx.settings.env },
    ctx.stdout,
  );
}

/** The `registry` command group. */
export function registryCommand(): CommandSpec {
  return {
    use: "registry",
    short: "login to or logout from a registry",
    long: LONG,
    args: { kind: "none" },
    subcommands: [
      {
        use: "login [host]",
        short: "login to a registry",
        long: LOGIN_LONG,
        args: { kind: "min", n: 1 },
        flags: loginFlags(),
        run: login,
      },
      {
        use: "logout [host]",
        short: "logout from a registry",
        long: LOGOUT_LONG,
        args: { kind: "min", n: 1 },
        run: logout,
      },
    ],
  };
}
