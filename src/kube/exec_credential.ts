/**
 * client-go's exec credential plugins (`users[].user.exec`): the command
 * runs with `KUBERNETES_EXEC_INFO`, its stderr goes to ours, its stdout is
 * an `ExecCredential` whose token (or client certificate) is cached until
 * `expirationTimestamp`. Errors read as client-go's (`getting credentials:
 * exec: executable X failed with exit code N`).
 *
 * Done here rather than through @kubernetes/client-node's `ExecAuth`, which
 * loses the exit code, sets no `KUBERNETES_EXEC_INFO` and ignores
 * `installHint`.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeconfigExec } from "./config.ts";

/** What a plugin returned. */
export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

/** A plugin failure, worded as client-go's (`getting credentials: exec: …`). */
export class ExecCredentialError extends ChartaError {
  /** @param message client-go's text */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "ExecCredentialError";
  }
}

const DEFAULT_HINT =
  "It looks like you are trying to use a client-go credential plugin that is not installed.\n\n" +
  "To learn more about this feature, consult the documentation available at:\n" +
  "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins";

/** Runs a plugin and caches its credential until it expires. */
export class ExecCredentialProvider {
  #cached?: ExecCredentialStatus;
  #pending?: Promise<ExecCredentialStatus>;

  /**
   * @param exec the kubeconfig's `exec` block
   * @param cluster what `provideClusterInfo` passes on (server, CA PEM)
   */
  constructor(
    private readonly exec: KubeconfigExec & { installHint?: string },
    private readonly cluster: { server: string; caPem?: string; insecure: boolean; tlsServerName?: string },
  ) {}

  /** The current credential, running the plugin when none is cached or it expired. */
  credential(): Promise<ExecCredentialStatus> {
    const c = this.#cached;
    if (c && (!c.expirationTimestamp || Date.parse(c.expirationTimestamp) > Date.now())) {
      return Promise.resolve(c);
    }
    this.#pending ??= this.#run().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #run(): Promise<ExecCredentialStatus> {
    const e = this.exec;
    const apiVersion = e.apiVersion ?? "client.authentication.k8s.io/v1";
    if (!e.command) throw new ExecCredentialError("getting credentials: exec: no command specified");
    const spec: Record<string, unknown> = { interactive: false };
    if (e.provideClusterInfo) {
      spec.cluster = {
        server: this.cluster.server,
        "tls-server-name": this.cluster.tlsServerName,
        "insecure-skip-tls-verify": this.cluster.insecure,
        "certificate-authority-data": this.cluster.caPem ? btoa(this.cluster.caPem) : undefined,
      };
    }
    const env: Record<string, string> = {
      KUBERNETES_EXEC_INFO: JSON.stringify({ kind: "ExecCredential", apiVersion, spec }),
    };
    for (const { name, value } of e.env ?? []) env[name] = value;
    let out: Deno.CommandOutput;
    try {
      out = await new Deno.Command(e.command, {
        args: e.args ?? [],
        env,
        stdin: "null",
        stdout: "piped",
        stderr: "inherit",
      }).output();
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) {
        throw new ExecCredentialError(
          `getting credentials: exec: executable ${e.command} not found\n\n${e.installHint || DEFAULT_HINT}`,
          { cause: err },
        );
      }
      throw new ExecCredentialError(`getting credentials: exec: ${(err as Error).message}`, { cause: err });
    }
    if (out.code !== 0) {
      throw new ExecCredentialError(
        `getting credentials: exec: executable ${e.command} failed with exit code ${out.code}`,
      );
    }
    let cred: { apiVersion?: string; kind?: string; status?: ExecCredentialStatus };
    try {
      cred = JSON.parse(new TextDecoder().decode(out.stdout));
    } catch (err) {
      throw new ExecCredentialError(`getting credentials: decoding stdout: ${(err as Error).message}`, {
        cause: err,
      });
    }
    if (cred.apiVersion !== apiVersion) {
      throw new ExecCredentialError(
        `getting credentials: exec plugin is configured to use API version ${apiVersion}, plugin returned version ${cred.apiVersion}`,
      );
    }
    const status = cred.status;
    if (!status || (!status.token && !(status.clientCertificateData && status.clientKeyData))) {
      throw new ExecCredentialError(
        "getting credentials: exec: plugin didn't return a token or cert/key pair",
      );
    }
    this.#cached = status;
    return status;
  }
}
