/**
 * The root command: charta's global flags (helm 4's, with helm's defaults)
 * and the list of commands.
 *
 * @module
 */
import type { CommandSpec, FlagSpec } from "../command_spec.ts";
import type { EnvSettings } from "../../settings/env_settings.ts";
import { completionCommand } from "./completion.ts";
import { dependencyCommand } from "./dependency.ts";
import { createCommand } from "./create.ts";
import { diffCommand } from "./diff.ts";
import { envCommand } from "./env.ts";
import { getCommand } from "./get.ts";
import { historyCommand } from "./history.ts";
import { installCommand } from "./install.ts";
import { showCommand } from "./show.ts";
import { packageCommand } from "./package.ts";
import { pullCommand } from "./pull.ts";
import { pushCommand } from "./push.ts";
import { registryCommand } from "./registry.ts";
import { lintCommand } from "./lint.ts";
import { listCommand } from "./list.ts";
import { repoCommand } from "./repo.ts";
import { rollbackCommand } from "./rollback.ts";
import { searchCommand } from "./search.ts";
import { statusCommand } from "./status.ts";
import { templateCommand } from "./template.ts";
import { testCommand } from "./test.ts";
import { uninstallCommand } from "./uninstall.ts";
import { upgradeCommand } from "./upgrade.ts";
import { verifyCommand } from "./verify.ts";
import { versionCommand } from "./version.ts";

const ROOT_LONG = `The Kubernetes package manager, compatible with Helm

Common actions for charta:

- charta search:    search for charts
- charta pull:      download a chart to your local directory to view
- charta install:   upload the chart to Kubernetes
- charta list:      list releases of charts

Environment variables:

| Name                               | Description                                                                                                |
|------------------------------------|------------------------------------------------------------------------------------------------------------|
| $HELM_CACHE_HOME                   | set an alternative location for storing cached files.                                                      |
| $HELM_CONFIG_HOME                  | set an alternative location for storing Helm configuration.                                                |
| $HELM_DATA_HOME                    | set an alternative location for storing Helm data.                                                         |
| $HELM_DEBUG                        | indicate whether or not Helm is running in Debug mode                                                      |
| $HELM_DRIVER                       | set the backend storage driver. Values are: configmap, secret, memory, sql.                                |
| $HELM_DRIVER_SQL_CONNECTION_STRING | set the connection string the SQL storage driver should use.                                               |
| $HELM_MAX_HISTORY                  | set the maximum number of helm release history.                                                            |
| $HELM_NAMESPACE                    | set the namespace used for the helm operations.                                                            |
| $HELM_NO_PLUGINS                   | disable plugins. Set HELM_NO_PLUGINS=1 to disable plugins.                                                 |
| $HELM_PLUGINS                      | set the path to the plugins directory                                                                      |
| $HELM_REGISTRY_CONFIG              | set the path to the registry config file.                                                                  |
| $HELM_REPOSITORY_CACHE             | set the path to the repository cache directory                                                             |
| $HELM_REPOSITORY_CONFIG            | set the path to the repositories file.                                                                     |
| $KUBECONFIG                        | set an alternative Kubernetes configuration file (default "~/.kube/config")                                |
| $HELM_KUBEAPISERVER                | set the Kubernetes API Server Endpoint for authentication                                                  |
| $HELM_KUBECAFILE                   | set the Kubernetes certificate authority file.                                                             |
| $HELM_KUBEASGROUPS                 | set the Groups to use for impersonation using a comma-separated list.                                      |
| $HELM_KUBEASUSER                   | set the Username to impersonate for the operation.                                                         |
| $HELM_KUBECONTEXT                  | set the name of the kubeconfig context.                                                                    |
| $HELM_KUBETOKEN                    | set the Bearer KubeToken used for authentication.                                                          |
| $HELM_KUBEINSECURE_SKIP_TLS_VERIFY | indicate if the Kubernetes API server's certificate validation should be skipped (insecure)                |
| $HELM_KUBETLS_SERVER_NAME          | set the server name used to validate the Kubernetes API server certificate                                 |
| $HELM_BURST_LIMIT                  | set the default burst limit in the case the server contains many CRDs (default 100, -1 to disable)         |
| $HELM_QPS                          | set the Queries Per Second in cases where a high number of calls exceed the option for higher burst values |
| $HELM_COLOR                        | set color output mode. Allowed values: never, always, auto (default: never)                                |
| $NO_COLOR                          | set to any non-empty value to disable all colored output (overrides $HELM_COLOR)                           |

charta reads and writes Helm's own files. It stores cache, configuration, and data based on the following configuration order:

- If a HELM_*_HOME environment variable is set, it will be used
- Otherwise, on systems supporting the XDG base directory specification, the XDG variables will be used
- When no other location is set a default location will be used based on the operating system

By default, the default directories depend on the Operating System. The defaults are listed below:

| Operating System | Cache Path                | Configuration Path             | Data Path               |
|------------------|---------------------------|--------------------------------|-------------------------|
| Linux            | $HOME/.cache/helm         | $HOME/.config/helm             | $HOME/.local/share/helm |
| macOS            | $HOME/Library/Caches/helm | $HOME/Library/Preferences/helm | $HOME/Library/helm      |
| Windows          | %TEMP%\\helm               | %APPDATA%\\helm                 | %APPDATA%\\helm          |
`;

const COLOR_MODES = ["never", "auto", "always"] as const;

/** Helm 4's global flags, with defaults from the environment as helm shows them. */
export function globalFlags(s: EnvSettings): FlagSpec[] {
  return [
    { name: "namespace", short: "n", kind: "string", usage: "namespace scope for this request" },
    { name: "kubeconfig", kind: "string", usage: "path to the kubeconfig file" },
    {
      name: "kube-context",
      kind: "string",
      usage: "name of the kubeconfig context to use",
      default: s.kubeContext,
    },
    {
      name: "kube-token",
      kind: "string",
      usage: "bearer token used for authentication",
      default: s.kubeToken,
    },
    {
      name: "kube-as-user",
      kind: "string",
      usage: "username to impersonate for the operation",
      default: s.kubeAsUser,
    },
    {
      name: "kube-as-group",
      kind: "stringArray",
      usage: "group to impersonate for the operation, this flag can be repeated to specify multiple groups.",
      default: s.kubeAsGroups,
    },
    {
      name: "kube-apiserver",
      kind: "string",
      usage: "the address and the port for the Kubernetes API server",
      default: s.kubeAPIServer,
    },
    {
      name: "kube-ca-file",
      kind: "string",
      usage: "the certificate authority file for the Kubernetes API server connection",
      default: s.kubeCaFile,
    },
    {
      name: "kube-tls-server-name",
      kind: "string",
      usage:
        "server name to use for Kubernetes API server certificate validation. If it is not provided, the hostname used to contact the server is used",
      default: s.kubeTLSServerName,
    },
    {
      name: "kube-insecure-skip-tls-verify",
      kind: "bool",
      usage:
        "if true, the Kubernetes API server's certificate will not be checked for validity. This will make your HTTPS connections insecure",
      default: s.kubeInsecureSkipTLSVerify,
    },
    { name: "debug", kind: "bool", usage: "enable verbose output", default: s.debug },
    {
      name: "registry-config",
      kind: "string",
      usage: "path to the registry config file",
      default: s.registryConfig,
    },
    {
      name: "repository-config",
      kind: "string",
      usage: "path to the file containing repository names and URLs",
      default: s.repositoryConfig,
    },
    {
      name: "repository-cache",
      kind: "string",
      usage: "path to the directory containing cached repository indexes",
      default: s.repositoryCache,
    },
    {
      name: "content-cache",
      kind: "string",
      usage: "path to the directory containing cached content (e.g. charts)",
      default: s.contentCache,
    },
    {
      name: "burst-limit",
      kind: "int",
      usage: "client-side default throttling limit",
      default: s.burstLimit,
    },
    {
      name: "qps",
      kind: "float32",
      usage: "queries per second used when communicating with the Kubernetes API, not including bursting",
      default: s.qps,
    },
    {
      name: "color",
      kind: "string",
      usage: "use colored output (never, auto, always)",
      default: s.colorMode,
      completions: COLOR_MODES,
    },
    {
      name: "colour",
      kind: "string",
      usage: "use colored output (never, auto, always)",
      default: s.colorMode,
      completions: COLOR_MODES,
    },
  ];
}

/** Applies the global flags given on the command line to the settings, as pflag binds them. */
export function applyGlobalFlags(
  s: EnvSettings,
  flags: Readonly<Record<string, unknown>>,
  changed: ReadonlySet<string>,
) {
  const str = (name: string) => flags[name] as string;
  if (changed.has("namespace")) s.namespaceOverride = str("namespace");
  if (changed.has("kubeconfig")) s.kubeConfig = str("kubeconfig");
  if (changed.has("kube-context")) s.kubeContext = str("kube-context");
  if (changed.has("kube-token")) s.kubeToken = str("kube-token");
  if (changed.has("kube-as-user")) s.kubeAsUser = str("kube-as-user");
  if (changed.has("kube-as-group")) s.kubeAsGroups = flags["kube-as-group"] as string[];
  if (changed.has("kube-apiserver")) s.kubeAPIServer = str("kube-apiserver");
  if (changed.has("kube-ca-file")) s.kubeCaFile = str("kube-ca-file");
  if (changed.has("kube-tls-server-name")) s.kubeTLSServerName = str("kube-tls-server-name");
  if (changed.has("kube-insecure-skip-tls-verify")) {
    s.kubeInsecureSkipTLSVerify = flags["kube-insecure-skip-tls-verify"] as boolean;
  }
  if (changed.has("debug")) s.debug = flags.debug as boolean;
  if (changed.has("registry-config")) s.registryConfig = str("registry-config");
  if (changed.has("repository-config")) s.repositoryConfig = str("repository-config");
  if (changed.has("repository-cache")) s.repositoryCache = str("repository-cache");
  if (changed.has("content-cache")) s.contentCache = str("content-cache");
  if (changed.has("burst-limit")) s.burstLimit = flags["burst-limit"] as number;
  if (changed.has("qps")) s.qps = flags.qps as number;
  // --color and --colour share one variable in helm: the last one given wins.
  for (const name of ["color", "colour"]) {
    if (changed.has(name)) s.colorMode = str(name) as typeof s.colorMode;
  }
}

/** The whole command tree. Later issues add their commands here. */
export function rootCommand(settings: EnvSettings, prog = "charta"): CommandSpec {
  return {
    use: prog,
    short: "The Kubernetes package manager",
    long: ROOT_LONG,
    flags: globalFlags(settings),
    subcommands: [
      completionCommand(),
      createCommand(),
      dependencyCommand(settings),
      diffCommand(settings),
      envCommand(),
      getCommand(),
      historyCommand(),
      installCommand(settings),
      lintCommand(),
      listCommand(),
      packageCommand(settings),
      pullCommand(settings),
      pushCommand(),
      registryCommand(),
      repoCommand(),
      rollbackCommand(settings),
      searchCommand(),
      showCommand(settings),
      statusCommand(),
      templateCommand(settings),
      testCommand(),
      uninstallCommand(),
      upgradeCommand(settings),
      verifyCommand(settings),
      versionCommand(),
    ],
  };
}
