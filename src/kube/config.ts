/**
 * Kubeconfig loading as client-go's `clientcmd` does it for helm
 * (`genericclioptions.ConfigFlags` bound to {@link EnvSettings}): which
 * files are read and how they merge, which context, cluster and user apply,
 * how helm's global flags override them, and client-go's error texts.
 *
 * The result, a {@link RestConfig}, is what the transport needs: the server
 * URL, TLS material (PEM text), and how to authenticate (token, token file,
 * basic auth, client certificate, exec plugin, auth provider). Parsing is
 * our own (client-node's `KubeConfig` refuses duplicate names across files,
 * where client-go lets the first file win); `@kubernetes/client-node` is
 * loaded only for `auth-provider` (oidc) users.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { EnvSettings } from "../settings/env_settings.ts";

/** client-go's `clientcmd.DefaultClientConfig` server, used when no kubeconfig names one. */
export const DEFAULT_SERVER = "http://localhost:8080";
/** client-go's default QPS when helm passes 0. */
export const DEFAULT_CLIENT_QPS = 5;

/** A `clusters[].cluster` entry (kubeconfig field names). */
export interface KubeconfigCluster {
  server?: string;
  "certificate-authority"?: string;
  "certificate-authority-data"?: string;
  "insecure-skip-tls-verify"?: boolean;
  "tls-server-name"?: string;
  "proxy-url"?: string;
}

/** An exec credential plugin (`users[].user.exec`). */
export interface KubeconfigExec {
  apiVersion?: string;
  command?: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  interactiveMode?: string;
  provideClusterInfo?: boolean;
  /** Printed when the command is not found. */
  installHint?: string;
}

/** A `users[].user` entry (kubeconfig field names). */
export interface KubeconfigUser {
  "client-certificate"?: string;
  "client-certificate-data"?: string;
  "client-key"?: string;
  "client-key-data"?: string;
  token?: string;
  tokenFile?: string;
  as?: string;
  "as-groups"?: string[];
  username?: string;
  password?: string;
  exec?: KubeconfigExec;
  "auth-provider"?: { name: string; config?: Record<string, string> };
}

/** A `contexts[].context` entry. */
export interface KubeconfigContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** Kubeconfig files merged by client-go's rules (the first file to define a name or `current-context` wins). */
export interface MergedKubeconfig {
  currentContext: string;
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
  contexts: Map<string, KubeconfigContext>;
}

/** How requests authenticate; several may combine (a client certificate and a token). */
export interface RestAuth {
  /** Bearer token. */
  token?: string;
  /** File holding the bearer token, re-read on use (projected tokens rotate). */
  tokenFile?: string;
  /** Basic auth. */
  username?: string;
  password?: string;
  /** Exec credential plugin (src/kube/exec_credential.ts). */
  exec?: KubeconfigExec;
  /** Auth provider such as `oidc` (through @kubernetes/client-node). */
  authProvider?: { name: string; config?: Record<string, string> };
  /** The kubeconfig user's name (token caches are per user). */
  userName: string;
}

/** Everything needed to talk to one API server, as client-go's `rest.Config`. */
export interface RestConfig {
  /** `https://host:port` (no trailing slash), possibly with a path prefix. */
  server: string;
  /** PEM of the CA bundle; undefined = system roots. */
  caPem?: string;
  /** PEM of the client certificate and key. */
  certPem?: string;
  keyPem?: string;
  /** `insecure-skip-tls-verify`. */
  insecure: boolean;
  /** Name to verify the server's certificate against (`tls-server-name`). */
  tlsServerName?: string;
  /** `proxy-url` (http, https or socks5); the `HTTPS_PROXY` variables apply otherwise. */
  proxyUrl?: string;
  /** Authentication. */
  auth: RestAuth;
  /** Impersonation headers (`Impersonate-User`, `Impersonate-Group`). */
  impersonateUser?: string;
  impersonateGroups: string[];
  /** The namespace (`-n` > `HELM_NAMESPACE` > context > `default`). */
  namespace: string;
  /** The context used (empty when none). */
  contextName: string;
  /** Client-side throttling: queries per second (negative = unlimited) and burst. */
  qps: number;
  burst: number;
  /** Sent as `User-Agent`. */
  userAgent: string;
}

/**
 * A kubeconfig that cannot be used: unreadable or malformed files, a
 * context that does not exist, unreadable certificate files. The message is
 * client-go's; helm prefixes it with `kubernetes cluster unreachable: `.
 */
export class KubeConfigError extends ChartaError {
  /** @param message client-go's text */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "KubeConfigError";
  }
}

type Obj = Record<string, unknown>;

// Small path helpers instead of node:path: a node built-in costs start-up time, and kubeconfig paths need little.
function isAbsolute(p: string): boolean {
  return p.startsWith("/") || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith("\\\\");
}

function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
  return i < 0 ? "." : i === 0 ? "/" : p.slice(0, i);
}

function join(base: string, p: string): string {
  const rel = p.replace(/^(\.[\\/])+/, "");
  return base === "." ? rel : `${base.replace(/[\\/]+$/, "")}/${rel}`;
}

function asObj(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v as Obj : undefined;
}

function resolvePath(base: string, p: string | undefined): string | undefined {
  if (p === undefined || p === "" || isAbsolute(p)) return p;
  return join(base, p);
}

/** Reads the named entries of one list (`clusters`, `users`, `contexts`) with relative paths resolved. */
function namedEntries(doc: Obj, list: string, key: string, file: string): Array<[string, Obj]> {
  const items = doc[list];
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    throw new KubeConfigError(
      `error loading config file "${file}": json: cannot unmarshal into field ${list}`,
    );
  }
  const out: Array<[string, Obj]> = [];
  for (const item of items) {
    const o = asObj(item) ?? {};
    const name = o.name;
    if (name !== undefined && typeof name !== "string") {
      throw new KubeConfigError(
        `error loading config file "${file}": json: cannot unmarshal ${
          typeof name === "boolean" ? "bool" : typeof name
        } into Go struct field Named${key[0].toUpperCase()}${key.slice(1)}.${list}.name of type string`,
      );
    }
    out.push([name ?? "", { ...(asObj(o[key]) ?? {}) }]);
  }
  return out;
}

function resolveClusterPaths(c: Obj, base: string): KubeconfigCluster {
  const cluster = c as KubeconfigCluster;
  cluster["certificate-authority"] = resolvePath(base, cluster["certificate-authority"]);
  return cluster;
}

function resolveUserPaths(u: Obj, base: string): KubeconfigUser {
  const user = u as KubeconfigUser;
  user["client-certificate"] = resolvePath(base, user["client-certificate"]);
  user["client-key"] = resolvePath(base, user["client-key"]);
  user.tokenFile = resolvePath(base, user.tokenFile);
  // client-go resolves an exec command relative to its file only when it names a path, not a $PATH lookup.
  const cmd = user.exec?.command;
  if (user.exec && cmd && cmd.includes("/") && !isAbsolute(cmd)) {
    user.exec = { ...user.exec, command: join(base, cmd) };
  }
  return user;
}

/**
 * Parses kubeconfig text; `file` names it in errors and anchors relative paths.
 * The parser is loaded on first use (the CLI's start-up stays small).
 */
export async function parseKubeconfig(text: string, file: string): Promise<MergedKubeconfig> {
  const { parseYaml } = await import("../goyaml/parse.ts");
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    // client-go decodes without sigs.k8s.io/yaml's "error converting YAML to JSON" prefix.
    const msg = (e as Error).message.replace(/^error converting YAML to JSON: /, "");
    throw new KubeConfigError(`error loading config file "${file}": ${msg}`, { cause: e });
  }
  const o = asObj(doc) ?? {};
  const base = dirname(file);
  const cfg: MergedKubeconfig = {
    currentContext: typeof o["current-context"] === "string" ? o["current-context"] : "",
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const [n, c] of namedEntries(o, "clusters", "cluster", file)) {
    if (!cfg.clusters.has(n)) cfg.clusters.set(n, resolveClusterPaths(c, base));
  }
  for (const [n, u] of namedEntries(o, "users", "user", file)) {
    if (!cfg.users.has(n)) cfg.users.set(n, resolveUserPaths(u, base));
  }
  for (const [n, c] of namedEntries(o, "contexts", "context", file)) {
    if (!cfg.contexts.has(n)) cfg.contexts.set(n, c as KubeconfigContext);
  }
  return cfg;
}

/** Merges configs in precedence order: names and `current-context` from the first file that has them. */
export function mergeKubeconfigs(configs: MergedKubeconfig[]): MergedKubeconfig {
  const out: MergedKubeconfig = {
    currentContext: "",
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const c of configs) {
    if (!out.currentContext) out.currentContext = c.currentContext;
    for (const [k, v] of c.clusters) if (!out.clusters.has(k)) out.clusters.set(k, v);
    for (const [k, v] of c.users) if (!out.users.has(k)) out.users.set(k, v);
    for (const [k, v] of c.contexts) if (!out.contexts.has(k)) out.contexts.set(k, v);
  }
  return out;
}

/**
 * Which kubeconfig files apply and whether the first must exist: an
 * explicit `--kubeconfig` must (client-go's `ExplicitPath`), while the
 * `KUBECONFIG` list and `~/.kube/config` skip missing files.
 */
export function kubeconfigSources(settings: EnvSettings): { files: string[]; explicit: boolean } {
  const fromEnv = settings.env("KUBECONFIG") ?? "";
  if (settings.kubeConfig && settings.kubeConfig !== fromEnv) {
    return { files: [settings.kubeConfig], explicit: true };
  }
  return { files: settings.kubeConfigFiles(), explicit: false };
}

/** Reads and merges the kubeconfig files of {@link kubeconfigSources}. */
export async function loadKubeconfig(settings: EnvSettings): Promise<MergedKubeconfig> {
  const { files, explicit } = kubeconfigSources(settings);
  const configs: MergedKubeconfig[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        if (explicit) throw new KubeConfigError(`stat ${file}: no such file or directory`, { cause: e });
        continue;
      }
      throw new KubeConfigError(`error loading config file "${file}": ${goFileError("open", file, e)}`, {
        cause: e,
      });
    }
    configs.push(await parseKubeconfig(text, file));
  }
  return mergeKubeconfigs(configs);
}

/** Go's `*PathError` text for a failed file operation. */
function goFileError(op: string, file: string, e: unknown): string {
  if (e instanceof Deno.errors.NotFound) return `${op} ${file}: no such file or directory`;
  if (e instanceof Deno.errors.PermissionDenied) return `${op} ${file}: permission denied`;
  if (e instanceof Deno.errors.IsADirectory) return `read ${file}: is a directory`;
  return `${op} ${file}: ${(e as Error).message}`;
}

function decodeData(b64: string): string {
  const bin = atob(b64.replace(/\s+/g, ""));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** client-go's `DefaultServerURL`: a host without a scheme gets https when TLS is configured, else http. */
function normalizeServer(server: string, tls: boolean): string {
  let s = server;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `${tls ? "https" : "http"}://${s}`;
  return s.replace(/\/+$/, "");
}

/**
 * Builds the {@link RestConfig} helm would use: the kubeconfig merged, the
 * context chosen (`--kube-context`, else `current-context`), helm's global
 * flags applied over the kubeconfig as client-go's `ConfigOverrides` are.
 *
 * @throws KubeConfigError with client-go's message (helm prints it after
 *   `kubernetes cluster unreachable: `)
 */
export async function loadRestConfig(settings: EnvSettings, userAgent = "charta"): Promise<RestConfig> {
  const merged = await loadKubeconfig(settings);
  return await restConfigFrom(merged, settings, userAgent);
}

/** {@link loadRestConfig} from an already merged kubeconfig (tests, callers holding one). */
export async function restConfigFrom(
  merged: MergedKubeconfig,
  settings: EnvSettings,
  userAgent = "charta",
): Promise<RestConfig> {
  const errors: string[] = [];
  const contextName = settings.kubeContext || merged.currentContext;
  let context: KubeconfigContext = {};
  if (settings.kubeContext) {
    const c = merged.contexts.get(settings.kubeContext);
    if (!c) throw new KubeConfigError(`context "${settings.kubeContext}" does not exist`);
    context = c;
  } else if (contextName) {
    const c = merged.contexts.get(contextName);
    if (c) context = c;
    else errors.push(`context was not found for specified context: ${contextName}`);
  }
  const clusterName = context.cluster ?? "";
  const userName = context.user ?? "";
  const cluster: KubeconfigCluster = { ...(merged.clusters.get(clusterName) ?? {}) };
  const user: KubeconfigUser = { ...(merged.users.get(userName) ?? {}) };

  // helm's flags as client-go overrides: non-empty values win; a CA or insecure override replaces all CA settings.
  if (settings.kubeAPIServer) cluster.server = settings.kubeAPIServer;
  if (settings.kubeInsecureSkipTLSVerify || settings.kubeCaFile) {
    cluster["insecure-skip-tls-verify"] = settings.kubeInsecureSkipTLSVerify;
    cluster["certificate-authority"] = settings.kubeCaFile || undefined;
    cluster["certificate-authority-data"] = undefined;
  }
  if (settings.kubeTLSServerName || settings.kubeAPIServer) {
    cluster["tls-server-name"] = settings.kubeTLSServerName;
  }
  if (settings.kubeToken) {
    user.token = settings.kubeToken;
    user.tokenFile = undefined;
  }
  if (settings.kubeAsUser) user.as = settings.kubeAsUser;
  if (settings.kubeAsGroups.length > 0) user["as-groups"] = settings.kubeAsGroups;

  const read = async (what: string, path: string, owner: string): Promise<string | undefined> => {
    try {
      return await Deno.readTextFile(path);
    } catch (e) {
      errors.push(`unable to read ${what} ${path} for ${owner} due to ${goFileError("open", path, e)}`);
      return undefined;
    }
  };
  // client-go's ConfirmUsable order: the user's problems, then the cluster's.
  const methods: string[] = [];
  if (user.token) methods.push("token");
  if (user.username || user.password) methods.push("basicAuth");
  let certPem: string | undefined;
  let keyPem: string | undefined;
  if (user["client-certificate"] || user["client-certificate-data"]) {
    if (user["client-certificate"] && user["client-certificate-data"]) {
      errors.push(
        `client-cert-data and client-cert are both specified for ${userName}. client-cert-data will override.`,
      );
    }
    if (user["client-key"] && user["client-key-data"]) {
      errors.push(
        `client-key-data and client-key are both specified for ${userName}; client-key-data will override`,
      );
    }
    if (!user["client-key"] && !user["client-key-data"]) {
      errors.push(
        `client-key-data or client-key must be specified for ${userName} to use the clientCert authentication method.`,
      );
    }
    const certFile = user["client-certificate"]
      ? await read("client-cert", user["client-certificate"], userName)
      : undefined;
    const keyFile = user["client-key"] ? await read("client-key", user["client-key"], userName) : undefined;
    certPem = user["client-certificate-data"] ? decodeData(user["client-certificate-data"]) : certFile;
    keyPem = user["client-key-data"] ? decodeData(user["client-key-data"]) : keyFile;
  }
  if (user.exec) {
    const e = user.exec;
    const who = userName;
    if (user["auth-provider"]) {
      errors.push(`authProvider cannot be provided in combination with an exec plugin for ${who}`);
    }
    if (!e.command) errors.push(`command must be specified for ${who} to use exec authentication plugin`);
    if (!e.apiVersion) {
      errors.push(`apiVersion must be specified for ${who} to use exec authentication plugin`);
    }
    for (const v of e.env ?? []) {
      if (!v?.name) {
        errors.push(`env variable name must be specified for ${who} to use exec authentication plugin`);
      }
    }
    // The v1beta1 API defaults the mode; v1 requires it.
    const mode = e.interactiveMode || (e.apiVersion && !e.apiVersion.endsWith("/v1") ? "IfAvailable" : "");
    if (mode === "") {
      errors.push(`interactiveMode must be specified for ${who} to use exec authentication plugin`);
    } else if (!["Never", "IfAvailable", "Always"].includes(mode)) {
      errors.push(`invalid interactiveMode for ${who}: "${mode}"`);
    }
  }
  if (methods.length > 1) {
    errors.push(
      `more than one authentication method found for ${userName}; found [${
        methods.join(" ")
      }], only one is allowed`,
    );
  }
  if ((user["as-groups"]?.length ?? 0) > 0 && !user.as) {
    errors.push(`requesting uid, groups or user-extra for ${userName} without impersonating a user`);
  }
  if (cluster["certificate-authority"] && cluster["certificate-authority-data"]) {
    errors.push(
      `certificate-authority-data and certificate-authority are both specified for ${clusterName}. certificate-authority-data will override.`,
    );
  }
  const caFile = cluster["certificate-authority"]
    ? await read("certificate-authority", cluster["certificate-authority"], clusterName)
    : undefined;
  const caPem = cluster["certificate-authority-data"]
    ? decodeData(cluster["certificate-authority-data"])
    : caFile;
  if (errors.length === 1) throw new KubeConfigError(`invalid configuration: ${errors[0]}`);
  if (errors.length > 1) throw new KubeConfigError(`invalid configuration: [${errors.join(", ")}]`);

  const tls = caPem !== undefined || certPem !== undefined || !!cluster["insecure-skip-tls-verify"];
  const qps = settings.qps === 0 ? DEFAULT_CLIENT_QPS : settings.qps;
  return {
    server: normalizeServer(cluster.server || DEFAULT_SERVER, tls),
    caPem,
    certPem,
    keyPem,
    insecure: !!cluster["insecure-skip-tls-verify"],
    tlsServerName: cluster["tls-server-name"] || undefined,
    proxyUrl: cluster["proxy-url"] || undefined,
    auth: {
      token: user.token || undefined,
      tokenFile: user.token ? undefined : user.tokenFile || undefined,
      username: user.username || undefined,
      password: user.password || undefined,
      exec: user.exec,
      authProvider: user["auth-provider"],
      userName,
    },
    impersonateUser: user.as || undefined,
    impersonateGroups: user["as-groups"] ?? [],
    namespace: settings.namespaceOverride || context.namespace || "default",
    contextName,
    qps,
    burst: settings.burstLimit,
    userAgent,
  };
}
