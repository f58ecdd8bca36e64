/**
 * The capabilities helm 4 assumes when it has no cluster to ask (template,
 * lint, client dry runs): generated from helm's own DefaultCapabilities by
 * the engine oracle (`scripts/helm_engine_oracle --capabilities`).
 *
 * @module
 */

/** The offline Kubernetes version. */
export const DEFAULT_KUBE_VERSION = { version: "v1.36.0", major: "1", minor: "36" } as const;

/** The API group versions helm 4 assumes offline, in helm's order. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  "v1",
  "admissionregistration.k8s.io/v1",
  "admissionregistration.k8s.io/v1alpha1",
  "admissionregistration.k8s.io/v1beta1",
  "internal.apiserver.k8s.io/v1alpha1",
  "apps/v1",
  "apps/v1beta1",
  "apps/v1beta2",
  "authentication.k8s.io/v1",
  "authentication.k8s.io/v1alpha1",
  "authentication.k8s.io/v1beta1",
  "authorization.k8s.io/v1",
  "authorization.k8s.io/v1beta1",
  "autoscaling/v1",
  "autoscaling/v2",
  "batch/v1",
  "batch/v1beta1",
  "certificates.k8s.io/v1",
  "certificates.k8s.io/v1beta1",
  "certificates.k8s.io/v1alpha1",
  "coordination.k8s.io/v1alpha2",
  "coordination.k8s.io/v1beta1",
  "coordination.k8s.io/v1",
  "discovery.k8s.io/v1",
  "discovery.k8s.io/v1beta1",
  "events.k8s.io/v1",
  "events.k8s.io/v1beta1",
  "extensions/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1",
  "flowcontrol.apiserver.k8s.io/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1beta2",
  "flowcontrol.apiserver.k8s.io/v1beta3",
  "networking.k8s.io/v1",
  "networking.k8s.io/v1beta1",
  "node.k8s.io/v1",
  "node.k8s.io/v1alpha1",
  "node.k8s.io/v1beta1",
  "policy/v1",
  "policy/v1beta1",
  "rbac.authorization.k8s.io/v1",
  "rbac.authorization.k8s.io/v1beta1",
  "rbac.authorization.k8s.io/v1alpha1",
  "resource.k8s.io/v1",
  "resource.k8s.io/v1beta2",
  "resource.k8s.io/v1beta1",
  "resource.k8s.io/v1alpha3",
  "scheduling.k8s.io/v1alpha2",
  "scheduling.k8s.io/v1beta1",
  "scheduling.k8s.io/v1",
  "storage.k8s.io/v1beta1",
  "storage.k8s.io/v1",
  "storage.k8s.io/v1alpha1",
  "storagemigration.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1",
];

/** helm's HelmVersion fields, as a release build of the reference helm reports them. */
export const DEFAULT_HELM_VERSION = {
  "version": "v4.2.4",
  "git_tree_state": "clean",
  "go_version": "go1.26.8",
  "kube_client_version": "v1.36",
} as const;
