/**
 * Kubernetes access: kubeconfig loading as client-go does it for helm, a
 * thin REST+JSON client with discovery, REST mapping, patches, server-side
 * apply, retries and client-side rate limiting, and the storage drivers'
 * {@link KubeObjects} over it.
 *
 * @module
 */
export {
  DEFAULT_CLIENT_QPS,
  DEFAULT_SERVER,
  type KubeconfigCluster,
  type KubeconfigContext,
  KubeConfigError,
  type KubeconfigExec,
  kubeconfigSources,
  type KubeconfigUser,
  loadKubeconfig,
  loadRestConfig,
  type MergedKubeconfig,
  mergeKubeconfigs,
  parseKubeconfig,
  type RestAuth,
  type RestConfig,
  restConfigFrom,
} from "./config.ts";
export {
  apiError,
  clientForSettings,
  type DeleteOptions,
  KubeApiError,
  KubeClient,
  type KubeClientOptions,
  type KubeList,
  type KubeObject,
  type ListOptions,
  NoKindMatchError,
  type ObjectRef,
  type PatchOptions,
  type PatchType,
  type ResourceMapping,
  type WriteOptions,
} from "./client.ts";
export { ClientKubeObjects, kubeObjects } from "./objects.ts";
export {
  type ClientSidePatch,
  type ClientSidePatchOptions,
  type ClientSidePatchResult,
  createClientSide,
  createClientSidePatch,
  HELM_FIELD_MANAGER,
  patchClientSide,
  replaceResource,
  type ResourceTarget,
  upgradeClientSideFieldManager,
} from "./client_side_apply.ts";
export { upgradeManagedFieldsPatch } from "./csa_upgrade.ts";
export { createMergePatch, createThreeWayJsonMergePatch } from "./merge_patch.ts";
export { patchMetaForKind, usesStrategicMergePatch } from "./patch_meta.ts";
export { createThreeWayMergePatch, PatchError } from "./strategic_patch.ts";
export {
  DEFAULT_RETRY,
  type HttpRequest,
  type HttpResponse,
  KubeTransportError,
  type RetryPolicy,
  type Send,
  sendWithRetry,
  TokenBucket,
} from "./transport.ts";

import type { KubeObjects } from "../storage/kube_objects.ts";
export type { KubeObjects };
