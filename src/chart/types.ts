/**
 * The chart model: what Chart.yaml holds and what a loaded chart is, with
 * the field names helm uses in Chart.yaml and in release records.
 *
 * @module
 */

/** A maintainer entry of Chart.yaml. */
export interface Maintainer {
  /** A user or organization name. */
  name?: string;
  /** An email address to reach the maintainer. */
  email?: string;
  /** A URL for the maintainer. */
  url?: string;
}

/** A dependency entry (Chart.yaml `dependencies` for v2, requirements.yaml for v1). */
export interface Dependency {
  /** The chart's name (its Chart.yaml `name`). */
  name: string;
  /** A version constraint, e.g. `~1.2.0`. */
  version?: string;
  /** `https://…`, `oci://…`, `file://…`, `@repo` or `alias:repo`. */
  repository?: string;
  /** Comma-separated value paths; the first boolean found enables or disables the dependency. */
  condition?: string;
  /** Tags that enable or disable the dependency as a group (`tags.NAME` in the values). */
  tags?: string[];
  /** Whether the dependency is enabled (set while dependencies are processed). */
  enabled?: boolean;
  /** `{child, parent}` pairs or export names. */
  "import-values"?: Array<string | { child: string; parent: string }>;
  /** Another name to use the chart under (`^[a-zA-Z0-9_-]+$`). */
  alias?: string;
}

/** Chart.yaml, with helm's field names. */
export interface Metadata {
  /** `v1`, `v2` (or `v3`, experimental in helm 4). */
  apiVersion: string;
  /** The chart's name. */
  name: string;
  /** A SemVer 2 version. */
  version: string;
  /** A constraint on the Kubernetes version, e.g. `>=1.21.0-0`. */
  kubeVersion?: string;
  /** A one-sentence description. */
  description?: string;
  /** `application` (default) or `library`. */
  type?: string;
  /** Search keywords. */
  keywords?: string[];
  /** The project's home page. */
  home?: string;
  /** URLs of the source code. */
  sources?: string[];
  /** The charts this one depends on (v2; v1 charts list them in requirements.yaml). */
  dependencies?: Dependency[];
  /** Who maintains the chart. */
  maintainers?: Maintainer[];
  /** A URL to an icon. */
  icon?: string;
  /** The version of the application the chart deploys. */
  appVersion?: string;
  /** Whether the chart is deprecated. */
  deprecated?: boolean;
  /** Free-form annotations. */
  annotations?: Record<string, string>;
  /** Legacy (helm 2) enabling condition of the chart itself. */
  condition?: string;
  /** Legacy (helm 2) tags of the chart itself, one string. */
  tags?: string;
}

/** Chart.lock (or requirements.lock): the resolved dependencies. */
export interface Lock {
  /** RFC 3339 time the lock was generated, as Go writes it (`0001-01-01T00:00:00Z` when unset). */
  generated: string;
  /** `sha256:<hex>` over the requested and locked dependencies. */
  digest: string;
  /** The resolved dependencies (empty when the file lists none). */
  dependencies: Array<{ name: string; version: string; repository: string }>;
}

/** A file of a chart, by path relative to the chart root. */
export interface ChartFile {
  /** The path relative to the chart root, `/`-separated. */
  name: string;
  /** The contents (a leading UTF-8 BOM removed by the loader). */
  data: Uint8Array;
  /** When the file was last modified (from the file system or the archive), if known. */
  modTime?: Date;
}

/** A loaded chart: metadata, templates, values, other files and subcharts. */
export interface Chart {
  /** Chart.yaml (merged with requirements.yaml for v1 charts). */
  metadata: Metadata;
  /** Chart.lock (requirements.lock for v1 charts), if any. */
  lock?: Lock;
  /** Files under `templates/`. */
  templates: ChartFile[];
  /** The parsed values.yaml. */
  values: Record<string, unknown>;
  /** values.schema.json, raw. */
  schema?: Uint8Array;
  /** Every other file (reachable through `.Files`). */
  files: ChartFile[];
  /** Subcharts from `charts/`. */
  dependencies: Chart[];
  /**
   * Every file the chart was loaded from (Chart.yaml and values.yaml
   * included), in load order: what `helm show values` prints raw. Set by the
   * loader.
   */
  raw?: ChartFile[];
  /** Modification time of Chart.yaml, if known. */
  modTime?: Date;
  /** Modification time of values.schema.json, if known. */
  schemaModTime?: Date;
  /**
   * The chart this one is a subchart of (unset for the root). The loader
   * sets it as a non-enumerable property, so charts stay plain trees for
   * copying, comparing and JSON; see `addDependency`.
   */
  parent?: Chart;
}
