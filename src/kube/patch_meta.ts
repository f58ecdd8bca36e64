/**
 * Patch metadata of strategic merge patches (which lists merge, by which
 * key, which maps are replaced or keep only listed keys), read from the API
 * server's OpenAPI v3 documents.
 *
 * helm takes this metadata from the `patchStrategy`/`patchMergeKey` tags of
 * client-go's Go structs (`strategicpatch.NewPatchMetaFromStruct`); the
 * server publishes the same tags as `x-kubernetes-patch-strategy` and
 * `x-kubernetes-patch-merge-key` in its schemas, generated from those very
 * structs. Lookup failures are worded as the struct lookup words them, since
 * those are the messages helm prints.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { KubeClient } from "./client.ts";

/** Strategy and merge key of one field (`GetPatchStrategies`, `GetPatchMergeKey`). */
export interface PatchMeta {
  /** `merge`, `replace`, `retainKeys`, or two of them; `[]` when none. */
  strategies: string[];
  /** The merge key of a merging list of maps; `""` when none. */
  mergeKey: string;
}

/** apimachinery's `LookupPatchMeta`: descends into a field's schema. Lookups throw on unknown fields. */
export interface LookupPatchMeta {
  /** The schema and metadata of field `key`, whose value is a map. */
  lookupForStruct(key: string): [LookupPatchMeta, PatchMeta];
  /** The schema of the elements and the metadata of field `key`, whose value is a list. */
  lookupForSlice(key: string): [LookupPatchMeta, PatchMeta];
  /** The type's name (error messages). */
  name(): string;
}

/** A failed lookup (unknown field, or a field of the wrong shape). */
export class PatchMetaError extends ChartaError {
  /** @param message the Go text */
  constructor(message: string) {
    super(message);
    this.name = "PatchMetaError";
  }
}

/** One schema of an OpenAPI v3 document (the parts patch metadata needs). */
export interface OpenApiSchema {
  type?: string | string[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  $ref?: string;
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-group-version-kind"?: Array<{ group: string; version: string; kind: string }>;
  [key: string]: unknown;
}

/** An OpenAPI v3 document of one group/version (`GET /openapi/v3/apis/apps/v1`). */
export interface OpenApiDocument {
  components?: { schemas?: Record<string, OpenApiSchema> };
}

const REF_PREFIX = "#/components/schemas/";

function schemaType(s: OpenApiSchema): string {
  return Array.isArray(s.type) ? s.type.join("") : s.type ?? "";
}

/** The Go kind the struct lookup would see for a schema (its error messages name it). */
function goKindOf(s: OpenApiSchema | undefined): string {
  if (!s) return "invalid";
  const t = schemaType(s);
  if (t === "array") return "slice";
  if (s.properties && Object.keys(s.properties).length > 0) return "struct";
  if (s.additionalProperties && typeof s.additionalProperties === "object") return "map";
  switch (t) {
    case "string":
      return s["x-kubernetes-int-or-string"] || s.format === "date-time" ? "struct" : "string";
    case "integer":
      return s.format === "int32" ? "int32" : "int64";
    case "number":
      return "float64";
    case "boolean":
      return "bool";
  }
  return "struct";
}

/**
 * Patch metadata over an OpenAPI v3 schema: apimachinery's
 * `PatchMetaFromOpenAPIV3` (`allOf[0]` and `$ref` resolved), with the
 * struct lookup's case-insensitive fallback and error texts.
 */
export class OpenApiPatchMeta implements LookupPatchMeta {
  /**
   * @param schemas the document's `components.schemas`
   * @param schema the schema of this level
   * @param typeName the Go type name of this level (last segment of its component name)
   */
  constructor(
    readonly schemas: Record<string, OpenApiSchema>,
    readonly schema: OpenApiSchema | undefined,
    readonly typeName = "",
  ) {}

  /** The metadata of the kind `group/version/kind` in `doc`, or undefined when the document has no such kind. */
  static forKind(
    doc: OpenApiDocument,
    group: string,
    version: string,
    kind: string,
  ): OpenApiPatchMeta | undefined {
    const schemas = doc.components?.schemas ?? {};
    for (const [name, s] of Object.entries(schemas)) {
      const gvks = s["x-kubernetes-group-version-kind"];
      if (gvks?.some((g) => g.group === group && g.version === version && g.kind === kind)) {
        return new OpenApiPatchMeta(schemas, s, name.slice(name.lastIndexOf(".") + 1));
      }
    }
    return undefined;
  }

  #resolve(s: OpenApiSchema, name: string): [OpenApiSchema, string] {
    if (s.allOf && s.allOf.length > 0) s = s.allOf[0];
    if (s.$ref) {
      const key = s.$ref.startsWith(REF_PREFIX) ? s.$ref.slice(REF_PREFIX.length) : s.$ref;
      const target = this.schemas[key];
      if (!target) throw new PatchMetaError(`unable to resolve ${s.$ref} in OpenAPI V3`);
      return [target, key.slice(key.lastIndexOf(".") + 1)];
    }
    return [s, name];
  }

  #field(key: string): [OpenApiSchema, PatchMeta] {
    const s = this.schema;
    const kind = goKindOf(s);
    if (!s || kind !== "struct") {
      throw new PatchMetaError(`merging an object in json but data type is not struct, instead is: ${kind}`);
    }
    const props = s.properties ?? {};
    let sub: OpenApiSchema | undefined = Object.prototype.hasOwnProperty.call(props, key)
      ? props[key]
      : undefined;
    if (!sub) {
      // encoding/json matches field names case-insensitively when no exact match exists.
      const lower = key.toLowerCase();
      const k = Object.keys(props).find((p) => p.toLowerCase() === lower);
      if (k !== undefined) sub = props[k];
    }
    if (!sub) {
      throw new PatchMetaError(
        `unable to find api field in struct ${this.typeName} for the json field "${key}"`,
      );
    }
    const strategy = sub["x-kubernetes-patch-strategy"];
    return [sub, {
      strategies: typeof strategy === "string" ? strategy.split(",") : [],
      mergeKey: typeof sub["x-kubernetes-patch-merge-key"] === "string"
        ? sub["x-kubernetes-patch-merge-key"]
        : "",
    }];
  }

  lookupForStruct(key: string): [LookupPatchMeta, PatchMeta] {
    const [sub, meta] = this.#field(key);
    const [resolved, name] = this.#resolve(sub, "");
    return [new OpenApiPatchMeta(this.schemas, resolved, name), meta];
  }

  lookupForSlice(key: string): [LookupPatchMeta, PatchMeta] {
    const [sub, meta] = this.#field(key);
    const [field] = this.#resolve(sub, "");
    if (schemaType(field) !== "array") {
      throw new PatchMetaError(`expected slice or array type, but got: struct`);
    }
    const items = field.items ?? {};
    if (schemaType(items) === "array") throw new PatchMetaError("unexpected slice of slice");
    const [resolved, name] = this.#resolve(items, "");
    return [new OpenApiPatchMeta(this.schemas, resolved, name), meta];
  }

  name(): string {
    return this.typeName || "Struct";
  }
}

/** Per client: the OpenAPI v3 index and the documents fetched so far, by `api/v1` / `apis/GROUP/VERSION`. */
interface OpenApiCache {
  index?: Promise<Record<string, { serverRelativeURL?: string }>>;
  docs: Map<string, Promise<OpenApiDocument>>;
}

const caches = new WeakMap<KubeClient, OpenApiCache>();

function cacheOf(kube: KubeClient): OpenApiCache {
  let c = caches.get(kube);
  if (!c) caches.set(kube, c = { docs: new Map() });
  return c;
}

/** The OpenAPI path key of a group/version (`api/v1`, `apis/apps/v1`). */
export function openApiPathKey(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

/**
 * The OpenAPI v3 document of `group/version`, fetched once per client
 * (`GET /openapi/v3` for the index, then the document's hashed URL).
 */
export function openApiDocument(kube: KubeClient, group: string, version: string): Promise<OpenApiDocument> {
  const cache = cacheOf(kube);
  const key = openApiPathKey(group, version);
  let doc = cache.docs.get(key);
  if (!doc) {
    doc = (async () => {
      cache.index ??= kube.requestJson<{ paths?: Record<string, { serverRelativeURL?: string }> }>(
        "GET",
        "/openapi/v3",
      ).then((r) => r.paths ?? {});
      let paths: Record<string, { serverRelativeURL?: string }>;
      try {
        paths = await cache.index;
      } catch (e) {
        cache.index = undefined;
        throw e;
      }
      const url = paths[key]?.serverRelativeURL ?? `/openapi/v3/${key}`;
      return await kube.requestJson<OpenApiDocument>("GET", url);
    })();
    cache.docs.set(key, doc);
    // A failure is not cached: the next upgrade asks again.
    doc.catch(() => cache.docs.delete(key));
  }
  return doc;
}

/**
 * The patch metadata of a kind from the server's OpenAPI v3 document.
 *
 * @throws PatchMetaError when the document does not describe the kind
 */
export async function patchMetaForKind(
  kube: KubeClient,
  group: string,
  version: string,
  kind: string,
): Promise<OpenApiPatchMeta> {
  const doc = await openApiDocument(kube, group, version);
  const meta = OpenApiPatchMeta.forKind(doc, group, version, kind);
  if (!meta) {
    throw new PatchMetaError(
      `unable to create patch metadata from object: no OpenAPI schema for ${
        group ? `${group}/${version}` : version
      }, Kind=${kind}`,
    );
  }
  return meta;
}

/**
 * The API groups and versions of client-go's typed scheme as helm 4.2.4
 * builds it (client-go v0.36's `kubernetes/scheme` plus apiextensions v1 and
 * v1beta1): objects of these group/versions are typed in helm and patched
 * with a strategic merge patch; everything else (custom resources,
 * aggregated APIs such as `apiregistration.k8s.io`, versions client-go does
 * not know) is unstructured and gets a JSON merge patch.
 */
export const TYPED_GROUP_VERSIONS: ReadonlySet<string> = new Set([
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
  "certificates.k8s.io/v1alpha1",
  "certificates.k8s.io/v1beta1",
  "coordination.k8s.io/v1",
  "coordination.k8s.io/v1alpha2",
  "coordination.k8s.io/v1beta1",
  "v1",
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
  "rbac.authorization.k8s.io/v1alpha1",
  "rbac.authorization.k8s.io/v1beta1",
  "resource.k8s.io/v1",
  "resource.k8s.io/v1alpha3",
  "resource.k8s.io/v1beta1",
  "resource.k8s.io/v1beta2",
  "scheduling.k8s.io/v1",
  "scheduling.k8s.io/v1alpha2",
  "scheduling.k8s.io/v1beta1",
  "storage.k8s.io/v1",
  "storage.k8s.io/v1alpha1",
  "storage.k8s.io/v1beta1",
  "storagemigration.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1",
]);

/**
 * Whether helm patches an object of this group/version/kind with a
 * strategic merge patch (a typed object) rather than a JSON merge patch.
 *
 * The rule: the group/version is one client-go's scheme registers
 * ({@link TYPED_GROUP_VERSIONS}) — Kubernetes' own API groups served by
 * kube-apiserver, in the versions client-go v0.36 knows — and the kind is
 * built in (not a custom resource someone defined in such a group; the
 * caller passes `builtIn=false` when the server's OpenAPI has no schema
 * for the kind). `apiextensions.k8s.io/v1` CustomResourceDefinitions are
 * typed in helm (it checks only for the v1beta1 CRD type), so they get a
 * strategic merge patch; `apiextensions.k8s.io/v1beta1` ones a merge patch.
 */
export function usesStrategicMergePatch(group: string, version: string, builtIn = true): boolean {
  return builtIn && TYPED_GROUP_VERSIONS.has(group ? `${group}/${version}` : version);
}
