/**
 * The objects templates see (`.Values`, `.Release`, `.Chart`, `.Files`,
 * `.Capabilities`, `.Subcharts`, `.Template`), built with the types and
 * shapes helm 4 gives them, and the per-chart scoping of subcharts.
 *
 * @module
 */
import { GO_JSON, GoInt, goNil, GoStruct, registerGoType, withGoType } from "../gotpl/value.ts";
import type { Chart, Metadata } from "../chart/types.ts";
import { DEFAULT_API_VERSIONS, DEFAULT_HELM_VERSION, DEFAULT_KUBE_VERSION } from "./default_capabilities.ts";
import { newFiles } from "./files.ts";
import { chartFullPath, subchartFullPath } from "../chart/dependencies.ts";
import { toYAML } from "./funcs.ts";

/** The Go type of `.Values` in helm 4. */
export const VALUES_TYPE = "common.Values";

type Values = Record<string, unknown>;

/** Tags a map as `common.Values`, the type whose methods (YAML, AsMap, …) shadow keys of the same name. */
export function asValues<T extends Values>(m: T): T {
  return withGoType(m, VALUES_TYPE);
}

function isTable(v: unknown): v is Values {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Go's %q for a key, as helm's ErrNoTable/ErrNoValue print it. */
function q(key: string): string {
  return JSON.stringify(key);
}

/** `Values.Table`: the map at a dotted path; throws helm's `"key" is not a table`. */
export function valuesTable(v: Values, name: string): Values {
  let table: Values = v;
  for (const part of name.split(".")) {
    const next = table[part];
    if (!Object.hasOwn(table, part) || !isTable(next)) throw new Error(`${q(part)} is not a table`);
    table = next;
  }
  return table === v ? table : asValues(table);
}

/** `Values.PathValue`: a non-table value at a dotted path; throws helm's `"key" is not a value`. */
function pathValue(v: Values, path: string): unknown {
  if (path === "") throw new Error("YAML path cannot be empty");
  const parts = path.split(".");
  const key = parts.pop()!;
  let table: Values = v;
  if (parts.length) {
    try {
      table = valuesTable(v, parts.join("."));
    } catch {
      throw new Error(`${q(key)} is not a value`);
    }
  }
  if (Object.hasOwn(table, key) && !isTable(table[key])) return table[key];
  throw new Error(`${q(key)} is not a value`);
}

registerGoType(VALUES_TYPE, {
  underlying: "map[string]interface {}",
  methods: {
    // Values.YAML keeps the trailing newline (unlike toYaml).
    YAML: { params: [], fn: (v: Values) => toYAML(v) + "\n" },
    AsMap: { params: [], fn: (v: Values) => (Object.keys(v).length === 0 ? {} : { ...v }) },
    Table: { params: ["string"], fn: (v: Values, name: string) => valuesTable(v, name) },
    PathValue: { params: ["string"], fn: pathValue },
  },
});

const VERSION_SET = "common.VersionSet";
registerGoType(VERSION_SET, {
  underlying: "[]string",
  methods: { Has: { params: ["string"], fn: (v: string[], apiVersion: string) => v.includes(apiVersion) } },
});

/** `.Capabilities.KubeVersion`. */
export class KubeVersion extends GoStruct {
  readonly goType = "common.KubeVersion";
  Version: string;
  normalizedVersion: string;
  Major: string;
  Minor: string;

  constructor(version: string, major: string, minor: string) {
    super();
    this.Version = version;
    this.normalizedVersion = version;
    this.Major = major;
    this.Minor = minor;
  }

  /** The normalized version, as helm's String() method. */
  String(): string {
    return this.normalizedVersion || this.Version;
  }

  /** Deprecated alias of `.Version`. */
  GitVersion(): string {
    return this.Version;
  }

  [GO_JSON](): Map<string, unknown> {
    return new Map([["Version", this.Version], ["Major", this.Major], ["Minor", this.Minor]]);
  }
}

/** `.Capabilities.HelmVersion` (helm's version.BuildInfo). */
export class HelmBuildInfo extends GoStruct {
  readonly goType = "version.BuildInfo";
  Version: string;
  GitCommit: string;
  GitTreeState: string;
  GoVersion: string;
  KubeClientVersion: string;

  constructor(
    info: {
      version?: string;
      git_commit?: string;
      git_tree_state?: string;
      go_version?: string;
      kube_client_version?: string;
    },
  ) {
    super();
    this.Version = info.version ?? "";
    this.GitCommit = info.git_commit ?? "";
    this.GitTreeState = info.git_tree_state ?? "";
    this.GoVersion = info.go_version ?? "";
    this.KubeClientVersion = info.kube_client_version ?? "";
  }

  [GO_JSON](): Map<string, unknown> {
    const m = new Map<string, unknown>();
    if (this.Version) m.set("version", this.Version);
    if (this.GitCommit) m.set("git_commit", this.GitCommit);
    if (this.GitTreeState) m.set("git_tree_state", this.GitTreeState);
    if (this.GoVersion) m.set("go_version", this.GoVersion);
    if (this.KubeClientVersion) m.set("kube_client_version", this.KubeClientVersion);
    return m;
  }
}

/** `.Capabilities`: what the cluster (or helm's offline defaults) supports. */
export class Capabilities extends GoStruct {
  readonly goType = "*common.Capabilities";
  KubeVersion: KubeVersion;
  APIVersions: string[];
  HelmVersion: HelmBuildInfo;

  constructor(kube: KubeVersion, apiVersions: readonly string[], helm: HelmBuildInfo) {
    super();
    this.KubeVersion = kube;
    this.APIVersions = withGoType([...apiVersions], VERSION_SET);
    this.HelmVersion = helm;
  }

  [GO_JSON](): Map<string, unknown> {
    return new Map<string, unknown>([
      ["KubeVersion", this.KubeVersion],
      ["APIVersions", this.APIVersions],
      ["HelmVersion", this.HelmVersion],
    ]);
  }
}

/** The capabilities helm 4 assumes without a cluster. */
export function defaultCapabilities(): Capabilities {
  const k = DEFAULT_KUBE_VERSION;
  return new Capabilities(
    new KubeVersion(k.version, k.major, k.minor),
    DEFAULT_API_VERSIONS,
    new HelmBuildInfo(DEFAULT_HELM_VERSION),
  );
}

/** Release facts for rendering (helm's ReleaseOptions). */
export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision: number;
  isUpgrade: boolean;
  isInstall: boolean;
}

const list = (xs: readonly unknown[] | undefined) => (xs ?? []).map((x) => x);

/**
 * `.Chart` as helm 4 builds it: every Metadata field by its Go name (zero
 * values included; nil slices become empty lists), nested structs as maps.
 */
export function metadataAsMap(md: Metadata): Values {
  return {
    Name: md.name ?? "",
    Home: md.home ?? "",
    Sources: list(md.sources),
    Version: md.version ?? "",
    Description: md.description ?? "",
    Keywords: list(md.keywords),
    Maintainers: (md.maintainers ?? []).map((m) => ({
      Name: m.name ?? "",
      Email: m.email ?? "",
      URL: m.url ?? "",
    })),
    Icon: md.icon ?? "",
    APIVersion: md.apiVersion ?? "",
    Condition: "",
    Tags: "",
    AppVersion: md.appVersion ?? "",
    Deprecated: md.deprecated ?? false,
    Annotations: withGoType(md.annotations ? { ...md.annotations } : goNil({}), "map[string]string"),
    KubeVersion: md.kubeVersion ?? "",
    Dependencies: (md.dependencies ?? []).map((d) => ({
      Name: d.name ?? "",
      Version: d.version ?? "",
      Repository: d.repository ?? "",
      Condition: d.condition ?? "",
      Tags: list(d.tags),
      Enabled: d.enabled ?? false,
      ImportValues: list(d["import-values"]),
      Alias: d.alias ?? "",
    })),
    Type: md.type ?? "",
  };
}

/**
 * The top-level render values (helm's ToRenderValues, after coalescing):
 * Chart, Capabilities, Release and Values.
 */
export function toRenderValues(
  chart: Chart,
  coalesced: Values,
  options: ReleaseOptions,
  caps: Capabilities = defaultCapabilities(),
): Values {
  return {
    Chart: metadataAsMap(chart.metadata),
    Capabilities: caps,
    Release: {
      Name: options.name,
      Namespace: options.namespace,
      IsUpgrade: options.isUpgrade,
      IsInstall: options.isInstall,
      Revision: GoInt.of(options.revision),
      Service: "Helm",
    },
    Values: asValues(coalesced),
  };
}

/** A template with the values it renders with. */
export interface Renderable {
  /** The template text. */
  tpl: string;
  /** `.Chart`, `.Files`, `.Release`, `.Capabilities`, `.Values`, `.Subcharts` of its chart. */
  vals: Values;
  /** `.Template` (`Name`, `BasePath`). */
  templateValues: Values;
}

function recAllTpls(
  c: Chart,
  fullPath: string,
  isRoot: boolean,
  templates: Map<string, Renderable>,
  values: Values,
): Values {
  const subcharts: Values = {};
  const chartMeta = metadataAsMap(c.metadata);
  chartMeta.IsRoot = isRoot;
  const next: Values = {
    Chart: chartMeta,
    Files: newFiles(c.files),
    Release: values.Release,
    Capabilities: values.Capabilities,
    Values: asValues({}),
    Subcharts: subcharts,
  };
  if (isRoot) {
    next.Values = values.Values;
  } else {
    try {
      next.Values = valuesTable(values as Values, `Values.${c.metadata.name}`);
    } catch {
      // not a table: the subchart sees empty values, as in helm
    }
  }
  for (const child of c.dependencies) {
    subcharts[child.metadata.name] = recAllTpls(
      child,
      // Helm's ChartFullPath (follows parents, which alias copies may share).
      subchartFullPath(child, fullPath),
      false,
      templates,
      next,
    );
  }
  const library = c.metadata.type === "library";
  for (const t of c.templates) {
    const base = t.name.slice(t.name.lastIndexOf("/") + 1);
    if (library && !base.startsWith("_")) continue;
    const name = `${fullPath}/${t.name}`;
    templates.set(name, {
      // Go keeps a leading BOM in template text; TextDecoder would drop it.
      tpl: new TextDecoder("utf-8", { ignoreBOM: true }).decode(t.data),
      vals: next,
      templateValues: asValues({ Name: name, BasePath: `${fullPath}/templates` }),
    });
  }
  return next;
}

/** Every template of a chart and its subcharts, with the values each renders with. */
export function allTemplates(chart: Chart, values: Values): Map<string, Renderable> {
  const templates = new Map<string, Renderable>();
  recAllTpls(chart, chartFullPath(chart), true, templates, values);
  return templates;
}
