/**
 * helm 4's client-side apply update path (`pkg/kube/client.go`): what
 * `upgrade` and `rollback` do to each object of a release recorded with
 * `apply_method: "csa"` (or none: helm 3 and `--server-side=false`):
 *
 * - {@link patchClientSide}: a three-way patch from the last release's
 *   manifest, the new manifest and the live object — strategic for
 *   Kubernetes' own kinds, JSON merge for the rest — sent with field
 *   manager `helm`, skipped when empty (`patchResourceClientSide`);
 * - {@link replaceResource}: `--force-replace`'s PUT;
 * - {@link createClientSide}: POST of an object the release did not have;
 * - {@link upgradeClientSideFieldManager}: before a release moves to
 *   server-side apply, the `helm` client-side field ownership is handed to
 *   the `helm` apply manager (csaupgrade), so the first apply does not
 *   conflict with helm's own old fields.
 *
 * Which patch type an object gets (helm's `createPatch`): a strategic
 * merge patch when the object's group/version is in client-go's typed
 * scheme and the server's OpenAPI describes the kind (see
 * {@link usesStrategicMergePatch}); otherwise a JSON merge patch — two-way
 * from the last manifest, or three-way (with the live object) when
 * `threeWayMergeForUnstructured` is set, as `install --take-ownership`
 * does. Patch metadata comes from the server's OpenAPI v3 documents,
 * fetched once per client and group/version.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient, KubeObject, ResourceMapping } from "./client.ts";
import { isNotFound, KubeApiError } from "./errors.ts";
import { createMergePatch, createThreeWayJsonMergePatch } from "./merge_patch.ts";
import { openApiDocument, OpenApiPatchMeta, usesStrategicMergePatch } from "./patch_meta.ts";
import {
  createThreeWayMergePatch,
  type PatchError,
  requireKeyUnchanged,
  requireMetadataKeyUnchanged,
} from "./strategic_patch.ts";
import { upgradeManagedFieldsPatch } from "./csa_upgrade.ts";

/** helm's field manager (`getManagedFieldsManager` with no override: the binary's name, `helm`). */
export const HELM_FIELD_MANAGER = "helm";

/** One object to write (cli-runtime's `resource.Info`). */
export interface ResourceTarget {
  /** The object as the chart renders it. */
  object: KubeObject;
  /** Where its kind is served. */
  mapping: ResourceMapping;
  /** Its namespace (`""` for cluster-scoped kinds). */
  namespace: string;
  /** Its name. */
  name: string;
}

/** Which patch {@link createClientSidePatch} made. */
export interface ClientSidePatch {
  /** The patch as Go's `json.Marshal` writes it (`{}` when nothing changes). */
  patch: string;
  /** `strategic` or `merge`. */
  type: "strategic" | "merge";
}

/** Options of {@link patchClientSide}. */
export interface ClientSidePatchOptions {
  /** Three-way JSON merge patch for unstructured objects (helm's `--take-ownership` installs). */
  threeWayMergeForUnstructured?: boolean;
  /** Field manager (default `helm`). */
  fieldManager?: string;
}

function gvkString(m: ResourceMapping): string {
  return `${m.group}/${m.version}, Kind=${m.kind}`;
}

function refOf(t: ResourceTarget): KubeObject {
  return {
    apiVersion: t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : t.mapping.version,
    kind: t.mapping.kind,
    metadata: { name: t.name, ...(t.mapping.namespaced && t.namespace ? { namespace: t.namespace } : {}) },
  };
}

/** helm's builder puts the release namespace into namespaced objects that name none. */
function withNamespace(obj: KubeObject, t: ResourceTarget): KubeObject {
  if (!t.mapping.namespaced || !t.namespace || obj.metadata?.namespace) return obj;
  return { ...obj, metadata: { ...obj.metadata, namespace: t.namespace } };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function getLive(kube: KubeClient, t: ResourceTarget): Promise<KubeObject> {
  return await kube.get(refOf(t), t.namespace);
}

/**
 * helm's `createPatch`: GETs the live object and computes the patch from
 * `original` (the last release's object; the live object when undefined)
 * to the target.
 *
 * @throws ChartaError `unable to get data for current object NS/NAME: …` or the patch computation's error
 */
export async function createClientSidePatch(
  kube: KubeClient,
  original: KubeObject | undefined,
  target: ResourceTarget,
  options: ClientSidePatchOptions = {},
): Promise<ClientSidePatch> {
  let current: KubeObject | null = null;
  try {
    current = await getLive(kube, target);
  } catch (e) {
    if (!isNotFound(e)) {
      throw new ChartaError(
        `unable to get data for current object ${target.namespace}/${target.name}: ${message(e)}`,
        { cause: e },
      );
    }
  }
  const modified = withNamespace(target.object, target);
  const old = original ? withNamespace(original, target) : current;
  const { group, version, kind } = target.mapping;
  let meta: OpenApiPatchMeta | undefined;
  if (usesStrategicMergePatch(group, version)) {
    const doc = await openApiDocument(kube, group, version);
    meta = OpenApiPatchMeta.forKind(doc, group, version, kind);
  }
  if (meta) {
    return { patch: createThreeWayMergePatch(old, modified, current, meta, true), type: "strategic" };
  }
  if (options.threeWayMergeForUnstructured) {
    const patch = createThreeWayJsonMergePatch(old, modified, current, [
      requireKeyUnchanged("apiVersion"),
      requireKeyUnchanged("kind"),
      requireMetadataKeyUnchanged("name"),
    ]);
    return { patch, type: "merge" };
  }
  return { patch: createMergePatch(old, modified), type: "merge" };
}

/** What {@link patchClientSide} did. */
export interface ClientSidePatchResult {
  /** The object as the server has it afterwards (the PATCH's answer, or a fresh GET when nothing changed). */
  object: KubeObject;
  /** The patch sent; undefined when it was empty and skipped. */
  patch?: ClientSidePatch;
}

/**
 * helm's `patchResourceClientSide`: computes the patch, skips an empty
 * one (refreshing the object instead), else PATCHes with field manager
 * `helm`.
 *
 * @throws ChartaError `failed to create patch: …`, `failed to refresh resource information: …`,
 *   or `cannot patch "NAME" with kind KIND: …`
 */
export async function patchClientSide(
  kube: KubeClient,
  original: KubeObject | undefined,
  target: ResourceTarget,
  options: ClientSidePatchOptions = {},
): Promise<ClientSidePatchResult> {
  let patch: ClientSidePatch;
  try {
    patch = await createClientSidePatch(kube, original, target, options);
  } catch (e) {
    if (e instanceof ChartaError && e.message.startsWith("unable to get data for current object")) {
      throw new ChartaError(`failed to create patch: ${e.message}`, { cause: e });
    }
    if (e instanceof KubeApiError) {
      throw new ChartaError(`failed to create patch: ${e.message}`, { cause: e });
    }
    throw new ChartaError(`failed to create patch: ${message(e as PatchError)}`, { cause: e });
  }
  if (patch.patch === "{}") {
    try {
      return { object: await getLive(kube, target) };
    } catch (e) {
      throw new ChartaError(`failed to refresh resource information: ${message(e)}`, { cause: e });
    }
  }
  try {
    const object = await kube.patch(refOf(target), patch.patch, patch.type, {
      namespace: target.namespace,
      fieldManager: options.fieldManager ?? HELM_FIELD_MANAGER,
    });
    return { object, patch };
  } catch (e) {
    throw new ChartaError(`cannot patch "${target.name}" with kind ${target.mapping.kind}: ${message(e)}`, {
      cause: e,
    });
  }
}

/** Options of {@link replaceResource}. */
export interface ReplaceOptions {
  /** `fieldValidation` (helm's default `Strict`). */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  fieldManager?: string;
}

/**
 * helm's `replaceResource` (`--force-replace`): PUT of the target; an
 * object without `resourceVersion` takes the live one's, so the PUT
 * overwrites whatever is there.
 *
 * @throws ChartaError `failed to replace object: …`
 */
export async function replaceResource(
  kube: KubeClient,
  target: ResourceTarget,
  options: ReplaceOptions = {},
): Promise<KubeObject> {
  let obj = withNamespace(target.object, target);
  if (!obj.metadata?.resourceVersion) {
    try {
      const live = await getLive(kube, target);
      const rv = live.metadata?.resourceVersion;
      if (rv) obj = { ...obj, metadata: { ...obj.metadata, resourceVersion: rv } };
    } catch {
      // cli-runtime PUTs anyway when the GET fails; the server then says what is wrong.
    }
  }
  try {
    return await kube.replace(obj, {
      namespace: target.namespace,
      fieldManager: options.fieldManager ?? HELM_FIELD_MANAGER,
      fieldValidation: options.fieldValidation ?? "Strict",
    });
  } catch (e) {
    throw new ChartaError(`failed to replace object: ${message(e)}`, { cause: e });
  }
}

function isConflict(e: unknown): boolean {
  return e instanceof KubeApiError && (e.reason === "Conflict" || (e.reason === "" && e.code === 409));
}

/** client-go's `retry.DefaultRetry`: 5 tries, 10ms apart (with 10% jitter). */
async function retryOnConflict<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isConflict(e) || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 10 * (1 + Math.random() * 0.1)));
    }
  }
}

/**
 * helm's `createResource` for client-side apply: POST with field manager
 * `helm` (no field validation parameter, as cli-runtime's helper sends
 * none there), retried on conflicts; a `resourceVersion` is cleared first.
 */
export async function createClientSide(
  kube: KubeClient,
  target: ResourceTarget,
  options: { fieldManager?: string } = {},
): Promise<KubeObject> {
  let obj = withNamespace(target.object, target);
  if (obj.metadata?.resourceVersion) {
    const { resourceVersion: _, ...rest } = obj.metadata;
    obj = { ...obj, metadata: rest };
  }
  return await retryOnConflict(() =>
    kube.create(obj, {
      namespace: target.namespace,
      fieldManager: options.fieldManager ?? HELM_FIELD_MANAGER,
    })
  );
}

/** Options of {@link upgradeClientSideFieldManager}. */
export interface UpgradeFieldManagerOptions {
  dryRun?: boolean;
  /** `fieldValidation` sent with the patch (helm's default `Strict`). */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** The manager whose client-side fields move to its apply entry (default `helm`). */
  fieldManager?: string;
}

/**
 * helm's `upgradeClientSideFieldManager`: GETs the object, and when its
 * managed fields have an `Update` entry of `helm`, JSON-patches them so
 * `helm`'s `Apply` entry owns those fields; retried on conflicts (another
 * writer changed the object between the GET and the PATCH). Returns
 * whether it patched, and the object as it is now.
 *
 * @throws ChartaError `failed to get object NS/NAME GVK: …` or
 *   `failed to patch object to upgrade CSA field manager NS/NAME GVK: …`
 */
export async function upgradeClientSideFieldManager(
  kube: KubeClient,
  target: ResourceTarget,
  options: UpgradeFieldManagerOptions = {},
): Promise<{ patched: boolean; object: KubeObject }> {
  const manager = options.fieldManager ?? HELM_FIELD_MANAGER;
  const where = `${target.namespace}/${target.name} ${gvkString(target.mapping)}`;
  let patched = false;
  const object = await retryOnConflict(async () => {
    let live: KubeObject;
    try {
      live = await getLive(kube, target);
    } catch (e) {
      throw new ChartaError(`failed to get object ${where}: ${message(e)}`, { cause: e });
    }
    let patch: string | undefined;
    try {
      patch = upgradeManagedFieldsPatch(live, new Set([manager]), manager);
    } catch (e) {
      throw new ChartaError(`failed to upgrade managed fields for object ${where}: ${message(e)}`, {
        cause: e,
      });
    }
    if (!patch) return live;
    try {
      const out = await kube.patch(refOf(target), patch, "json", {
        namespace: target.namespace,
        fieldManager: manager,
        fieldValidation: options.fieldValidation ?? "Strict",
        dryRun: options.dryRun,
      });
      patched = true;
      return out;
    } catch (e) {
      if (isConflict(e)) throw e;
      throw new ChartaError(`failed to patch object to upgrade CSA field manager ${where}: ${message(e)}`, {
        cause: e,
      });
    }
  });
  return { patched, object };
}
