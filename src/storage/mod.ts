/**
 * Release storage as helm keeps it: the record codec (base64 of gzipped
 * JSON, byte for byte helm's), the `secret`, `configmap` and `memory`
 * drivers, and helm's storage logic (history, deployed, last, pruning).
 *
 * @example
 * ```ts
 * import { FakeKubeCluster, openStorage } from "./mod.ts";
 * const storage = openStorage({ driver: "secret", namespace: "default", kube: new FakeKubeCluster().objects("default") });
 * await storage.listReleases(); // []
 * ```
 *
 * @module
 */

export {
  decodeBase64,
  decodeRelease,
  encodeRelease,
  formatReleaseTime,
  nowReleaseTime,
  parseReleaseTime,
  RecordDecodeError,
  releaseFromJson,
  releaseToJson,
  storedChart,
  ZERO_TIME,
} from "./record.ts";
export {
  checkUserLabels,
  containsSystemLabels,
  type Driver,
  DriverError,
  type DriverErrorCode,
  errInvalidKey,
  errNoDeployedReleases,
  errReleaseExists,
  errReleaseNotFound,
  filterSystemLabels,
  isDriverError,
  isSystemLabel,
  labelSelector,
  SYSTEM_LABELS,
  validateLabelValue,
  WrappedError,
} from "./driver.ts";
export {
  alreadyExistsError,
  FakeKubeCluster,
  isAlreadyExists,
  isNotFound,
  KubeApiError,
  type KubeObjects,
  notFoundError,
  type RecordKind,
  type RecordObject,
  type RecordObjectMeta,
  selectorMatcher,
} from "./kube_objects.ts";
export {
  ConfigMapsDriver,
  type KubeDriverOptions,
  RELEASE_SECRET_TYPE,
  SecretsDriver,
} from "./kube_drivers.ts";
export { MemoryDriver } from "./memory.ts";
export {
  HELM_STORAGE_TYPE,
  lazyKubeObjects,
  makeKey,
  openStorage,
  Storage,
  type StorageOptions,
} from "./storage.ts";
