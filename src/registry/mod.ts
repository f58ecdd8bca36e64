/**
 * OCI registries: references, the distribution client, helm's chart
 * artifacts, credentials shared with helm, push and pull.
 *
 * @module
 */
export {
  isOCI,
  parseReference,
  type Reference,
  referenceString,
  tagToVersion,
  versionToTag,
} from "./reference.ts";
export { type Credential, deleteCredential, getCredential, putCredential } from "./credentials.ts";
export {
  type ClientOptions,
  type Descriptor,
  type Manifest,
  RegistryClient,
  sha256Digest,
} from "./client.ts";
export {
  CHART_LAYER_MEDIA_TYPE,
  chartAnnotations,
  chartConfigJson,
  chartManifestJson,
  CONFIG_MEDIA_TYPE,
  LEGACY_CHART_LAYER_MEDIA_TYPE,
  PROV_LAYER_MEDIA_TYPE,
} from "./chart.ts";
export {
  chartTags,
  contentCachePath,
  matchTag,
  newClient,
  type PulledChart,
  type PulledOci,
  pullOciChart,
  type PullOciOptions,
  pushChart,
  pushChartBytes,
  type PushResult,
  type RegistryOptions,
  resolveReference,
} from "./oci.ts";
