/**
 * `charta package [CHART_PATH] [...]`: packages chart directories into
 * versioned chart archives, as `helm package`.
 *
 * @module
 */
import type { CommandContext, CommandSpec, FlagSpec } from "../command_spec.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";

const LONG = `
This command packages a chart into a versioned chart archive file. If a path
is given, this will look at that path for a chart (which must contain a
Chart.yaml file) and then package that directory.

Versioned chart archives are used by Helm package repositories.

To sign a chart, use the '--sign' flag. In most cases, you should also
provide '--keyring path/to/secret/keys' and '--key keyname'.

  $ helm package --sign ./mychart --key mykey --keyring ~/.gnupg/secring.gpg

If '--keyring' is not specified, Helm usually defaults to the public keyring
unless your environment is otherwise configured.
`;

/** helm's default keyring: \`$GNUPGHOME/pubring.gpg\` or \`~/.gnupg/pubring.gpg\`. */
export function defaultKeyring(settings?: EnvSettings): string {
  const env = settings?.env ?? ((n: string) => Deno.env.get(n));
  const gnupg = env("GNUPGHOME");
  if (gnupg !== undefined) return `${gnupg.replace(/\/+$/, "")}/pubring.gpg`;
  return `${env("HOME") ?? ""}/.gnupg/pubring.gpg`;
}

/** The registry/TLS flags helm's chart-fetching commands share. */
export function repoClientFlags(): FlagSpec[] {
  return [
    {
      name: "username",
      kind: "string",
      usage: "chart repository username where to locate the requested chart",
    },
    {
      name: "password",
      kind: "string",
      usage: "chart repository password where to locate the requested chart",
    },
    { name: "cert-file", kind: "string", usage: "identify HTTPS client using this SSL certificate file" },
    { name: "key-file", kind: "string", usage: "identify HTTPS client using this SSL key file" },
    {
      name: "insecure-skip-tls-verify",
      kind: "bool",
      usage: "skip tls certificate checks for the chart download",
    },
    { name: "plain-http", kind: "bool", usage: "use insecure HTTP connections for the chart download" },
    {
      name: "ca-file",
      kind: "string",
      usage: "verify certificates of HTTPS-enabled servers using this CA bundle",
    },
  ];
}

function flags(settings?: EnvSettings): FlagSpec[] {
  return [
    { name: "sign", kind: "bool", usage: "use a PGP private key to sign this package" },
    { name: "key", kind: "string", usage: "name of the key to use when signing. Used if --sign is true" },
    {
      name: "keyring",
      kind: "string",
      usage: "location of a public keyring",
      default: defaultKeyring(settings),
    },
    {
      name: "passphrase-file",
      kind: "string",
      usage:
        'location of a file which contains the passphrase for the signing key. Use "-" in order to read from stdin.',
    },
    { name: "version", kind: "string", usage: "set the version on the chart to this semver version" },
    { name: "app-version", kind: "string", usage: "set the appVersion on the chart to this version" },
    { name: "destination", short: "d", kind: "string", usage: "location to write the chart.", default: "." },
    {
      name: "dependency-update",
      short: "u",
      kind: "bool",
      usage: 'update dependencies from "Chart.yaml" to dir "charts/" before packaging',
    },
    ...repoClientFlags(),
  ];
}

async function run(ctx: CommandContext): Promise<void> {
  const [{ packageAction, parseSourceDateEpoch }, { logTo }] = await Promise.all([
    import("../../action/package.ts"),
    import("../../log/slog.ts"),
  ]);
  const f = ctx.flags;
  await packageAction(
    {
      paths: ctx.args,
      version: f.version as string,
      appVersion: f["app-version"] as string,
      destination: f.destination as string,
      dependencyUpdate: f["dependency-update"] as boolean,
      sign: f.sign as boolean,
      key: f.key as string,
      keyring: f.keyring as string,
      passphraseFile: f["passphrase-file"] as string,
      repositoryConfig: ctx.settings.repositoryConfig,
      repositoryCache: ctx.settings.repositoryCache,
      debug: ctx.settings.debug,
      sourceDateEpoch: parseSourceDateEpoch(ctx.settings.env("SOURCE_DATE_EPOCH")),
    },
    ctx.stdout,
    { log: logTo(ctx.stderr, ctx.settings.debug) },
  );
}

/** The `package` command. */
export function packageCommand(settings?: EnvSettings): CommandSpec {
  return {
    use: "package [CHART_PATH] [...]",
    short: "package a chart directory into a chart archive",
    long: LONG,
    flags: flags(settings),
    run,
  };
}
