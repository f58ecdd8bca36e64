/**
 * The `template` action: render a chart locally as `helm template` does
 * (helm's install action in client-only dry-run mode): resolve the release
 * name and chart, merge the user's values, load the chart, process its
 * dependencies, render with the offline capabilities and lay out the output.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { Chart } from "../chart/types.ts";
import { checkDependencies, processDependencies } from "../chart/dependencies.ts";
import { coalesceValues } from "../values/coalesce.ts";
import { mergeValueOptions, type ValueReader } from "../values/options.ts";
import type { ValueOptions } from "../values/types.ts";
import { type Capabilities, defaultCapabilities, render, toRenderValues } from "../engine/mod.ts";
import {
  checkKubeVersion,
  crdObjects,
  planTemplate,
  type TemplateOptions,
  type TemplatePlan,
} from "./template_output.ts";
import { capabilitiesFor } from "../engine/kube_version.ts";
import type { KubeClient } from "../kube/client.ts";
import type { LogFn } from "../log/slog.ts";
import { type ChartPathRequest, locateChart, verifyChartArchive } from "./chart_path.ts";

/** What `charta template` was asked to do. */
export interface TemplateRequest extends TemplateOptions {
  /** `--version`, `--repo`, `--verify`, `--keyring`, `--devel`. */
  chartPath?: ChartPathRequest;
  /** `--dependency-update`: fetch missing dependencies first. */
  dependencyUpdate?: boolean;
  /** `[NAME] CHART` as given. */
  args: readonly string[];
  /** `-g/--generate-name`. */
  generateName?: boolean;
  /** `--name-template`. */
  nameTemplate?: string;
  /** The release namespace. */
  namespace: string;
  /** The user's values flags. */
  values: ValueOptions;
  /** `--is-upgrade`. */
  isUpgrade?: boolean;
  /** `--kube-version`. */
  kubeVersion?: string;
  /** `-a/--api-versions`. */
  apiVersions?: readonly string[];
  /** `--enable-dns`. */
  enableDNS?: boolean;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /**
   * `--dry-run=server` (helm 3's `--validate`): capabilities and `lookup`
   * from the cluster, and the objects checked against it as install would.
   */
  dryRun?: "none" | "client" | "server";
  /** `--skip-crds` (server dry run: no warning about CRDs). */
  skipCrds?: boolean;
}

/** What the action needs from its surroundings (tests and library users pass their own). */
export interface TemplateDeps {
  /** Reads `-f`/`--set-file` sources. */
  readValue: ValueReader;
  /** Loads a chart from a path. */
  loadChart: (path: string) => Promise<Chart>;
  /** Whether a local path exists. */
  exists: (path: string) => Promise<boolean>;
  /** Receives helm's log records (printed as `level=WARN msg=…`). */
  log?: LogFn;
  /** Unix seconds now, for `--generate-name`. */
  now?: () => number;
  /** Standard output, for what `--dependency-update` reports as it fetches. */
  out?: (text: string) => void;
  /** The cluster, for `--dry-run=server`. */
  kube?: () => Promise<KubeClient>;
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** helm's release name rule (≤ 53 characters, DNS-like). */
export function validateReleaseName(name: string): void {
  if (name === "" || name.length > 53 || !RELEASE_NAME.test(name)) {
    throw new ChartaError(
      `release name ${JSON.stringify(name)}: invalid release name, must match regex ${RELEASE_NAME.source} ` +
        "and the length must not be longer than 53",
    );
  }
}

/** helm's Install.NameAndChart: the release name and chart reference from the arguments. */
export async function nameAndChart(req: TemplateRequest, now: () => number): Promise<[string, string]> {
  const args = req.args;
  if (args.length > 2) {
    throw new ChartaError(
      `expected at most two arguments, unexpected arguments: ${args.slice(2).join(", ")}`,
    );
  }
  if (args.length === 2) {
    if (req.generateName) throw new ChartaError("cannot set --generate-name and also specify a name");
    if (req.nameTemplate) throw new ChartaError("cannot set --name-template and also specify a name");
    return [args[0], args[1]];
  }
  if (req.nameTemplate) {
    // helm renders the name template with Sprig and no data.
    const [{ Template }, { sprigFuncs }] = await Promise.all([
      import("../gotpl/mod.ts"),
      import("../sprig/mod.ts"),
    ]);
    return [new Template("name-template").funcs(sprigFuncs()).parse(req.nameTemplate).execute(null), args[0]];
  }
  if (!req.generateName) return ["release-name", args[0]];
  let base = args[0].replace(/\/+$/, "");
  base = base.slice(base.lastIndexOf("/") + 1);
  if (base === "." || base === "") base = "chart";
  const dot = base.indexOf(".");
  if (dot >= 0) base = base.slice(0, dot);
  return [`${base}-${now()}`, args[0]];
}

/** The offline capabilities, with `--kube-version` and `--api-versions` applied. */
export function templateCapabilities(
  kubeVersion?: string,
  apiVersions: readonly string[] = [],
): Capabilities {
  let caps: Capabilities;
  try {
    caps = kubeVersion ? capabilitiesFor(kubeVersion) : defaultCapabilities();
  } catch (e) {
    throw new ChartaError((e as Error).message, { cause: e });
  }
  caps.APIVersions.push(...apiVersions);
  return caps;
}

/**
 * Renders a chart as `helm template` does and returns what to write and
 * print; the plan's `error` is the error helm ends with.
 */
export async function templateAction(req: TemplateRequest, deps: TemplateDeps): Promise<TemplatePlan> {
  const [name, chartRef] = await nameAndChart(req, deps.now ?? (() => Math.floor(Date.now() / 1000)));
  const log: LogFn = deps.log ?? (() => {});
  try {
    validateReleaseName(name);
  } catch (e) {
    log("ERROR", "release name check failed", [["error", e]]);
    throw new ChartaError(`release name check failed: ${(e as Error).message}`, { cause: e });
  }
  const { chart, values } = await loadRequestedChart(chartRef, req, deps);
  const kube = req.dryRun === "server" ? await reachableCluster(deps, log) : undefined;
  try {
    processDependencies(chart, values, { log });
  } catch (e) {
    log("ERROR", "chart dependencies processing failed", [["error", e]]);
    throw new ChartaError(`chart dependencies processing failed: ${(e as Error).message}`, { cause: e });
  }

  let caps: Capabilities;
  if (kube) {
    if (!req.skipCrds && crdObjects(chart).length > 0) {
      log(
        "WARN",
        "This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies.",
      );
    }
    if (req.apiVersions?.length) {
      log("DEBUG", "API Version list given outside of client only mode, this list will be ignored");
    }
    const { serverCapabilities } = await import("./install.ts");
    caps = await serverCapabilities(kube);
  } else caps = templateCapabilities(req.kubeVersion, req.apiVersions);
  const coalesced = await coalesceAndValidate(chart, values, req, log);
  let plan: TemplatePlan;
  try {
    plan = await renderPlan(chart, coalesced, caps, name, req, kube);
  } catch (e) {
    // Past this point helm has a release object, and its template command then adds this hint.
    if (req.debug) throw e;
    throw new ChartaError(`${(e as Error).message}\n\nUse --debug flag to render out invalid YAML`, {
      cause: e,
    });
  }
  // These failures come before helm has a release, so without the --debug hint.
  if (kube && !plan.error) await checkAgainstCluster(kube, plan.manifest ?? "", name, req);
  return plan;
}

/**
 * The first steps of helm's install (`runInstall`): locate the chart, merge
 * the values flags, load the chart and check it is installable and its
 * dependencies are present. Shared by `template` and `install`.
 */
export async function loadRequestedChart(
  chartRef: string,
  req: { values: ValueOptions; chartPath?: ChartPathRequest; dependencyUpdate?: boolean },
  deps: TemplateDeps,
): Promise<{ chart: Chart; values: Record<string, unknown> }> {
  const log: LogFn = deps.log ?? (() => {});
  const located = await locateChart(chartRef, {
    exists: deps.exists,
    repoURL: req.chartPath?.repoURL,
    chartPath: req.chartPath,
    out: deps.out,
  });
  // An oci:// reference is now an archive in the content cache; local paths come back as given.
  if (located !== chartRef) chartRef = located;
  if (req.chartPath?.verify) await verifyChartArchive(chartRef, req.chartPath.keyring ?? "");
  const values = await mergeValueOptions(req.values, deps.readValue);
  let chart = await deps.loadChart(chartRef);
  const type = chart.metadata.type ?? "";
  if (type !== "" && type !== "application") throw new ChartaError(`${type} charts are not installable`);
  if (chart.metadata.deprecated) log("WARN", "this chart is deprecated");
  if (chart.metadata.dependencies?.length) {
    try {
      checkDependencies(chart, chart.metadata.dependencies);
    } catch (e) {
      if (req.dependencyUpdate) {
        // helm's --dependency-update: fetch what Chart.yaml asks for, then load the chart again.
        const { dependencyUpdateAction } = await import("./dependency.ts");
        await dependencyUpdateAction({ chartPath: chartRef }, (t) => deps.out?.(t));
        chart = await deps.loadChart(chartRef);
        return { chart, values };
      }
      throw new ChartaError(
        "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' " +
          `to fetch missing dependencies: ${(e as Error).message}`,
        { cause: e },
      );
    }
  }
  return { chart, values };
}

/**
 * The chart's values coalesced with the user's and validated against the
 * charts' schemas (helm's `ToRenderValuesWithSchemaValidation` before the
 * render values are built).
 */
export async function coalesceAndValidate(
  chart: Chart,
  values: Record<string, unknown>,
  req: { skipSchemaValidation?: boolean; debug?: boolean },
  log: LogFn,
): Promise<Record<string, unknown>> {
  const coalesced = coalesceValues(chart, values, (m) => log("INFO", m));
  // helm validates in ToRenderValues; without schemas only its debug lines would show.
  const anySchema = (c: Chart): boolean => c.schema !== undefined || c.dependencies.some(anySchema);
  if (!req.skipSchemaValidation && (req.debug || anySchema(chart))) {
    const { prefetchRemoteSchemas, validateAgainstSchema } = await import("../values/schema.ts");
    await prefetchRemoteSchemas(chart);
    validateAgainstSchema(chart, coalesced, { log });
  }
  return coalesced;
}

async function renderPlan(
  chart: Chart,
  coalesced: Record<string, unknown>,
  caps: Capabilities,
  name: string,
  req: TemplateRequest,
  kube?: KubeClient,
): Promise<TemplatePlan> {
  const vals = toRenderValues(chart, coalesced, {
    name,
    namespace: req.namespace,
    revision: 1,
    isInstall: !req.isUpgrade,
    isUpgrade: req.isUpgrade ?? false,
  }, caps);
  checkKubeVersion(chart, caps.KubeVersion);
  const rendered = kube
    ? await (await import("./release_render.ts")).renderWithLookup(chart, vals, {
      enableDNS: req.enableDNS,
      kube,
      log: req.log,
    })
    : await render(chart, vals, { enableDNS: req.enableDNS });
  return planTemplate(rendered, chart, { ...req, releaseName: name, log: req.log });
}

/** The cluster of a server dry run, checked as install checks it first. */
async function reachableCluster(deps: TemplateDeps, log: LogFn): Promise<KubeClient> {
  try {
    if (!deps.kube) throw new Error("no cluster connection was given");
    const kube = await deps.kube();
    await kube.isReachable();
    return kube;
  } catch (e) {
    log("ERROR", `cluster reachability check failed: ${(e as Error).message}`);
    throw new ChartaError(`cluster reachability check failed: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * What install's server dry run checks after rendering: every object maps
 * to a kind the cluster serves, and none already exists outside this
 * release (not checked for `--is-upgrade`).
 */
async function checkAgainstCluster(kube: KubeClient, manifest: string, name: string, req: TemplateRequest) {
  const { buildResources, existingResources, setOwnership } = await import("./release_objects.ts");
  let resources;
  try {
    resources = await buildResources(kube, manifest, req.namespace);
  } catch (e) {
    throw new ChartaError(
      `unable to build kubernetes objects from release manifest: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  setOwnership(resources, name, req.namespace);
  if (req.isUpgrade || resources.length === 0) return;
  try {
    await existingResources(kube, resources, name, req.namespace, false);
  } catch (e) {
    throw new ChartaError(`unable to continue with install: ${(e as Error).message}`, { cause: e });
  }
}
