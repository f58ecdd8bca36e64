/**
 * The template function `lookup` against a live cluster, as helm's
 * (pkg/engine/lookup_func.go over client-go's discovery and dynamic
 * clients): find the resource serving `apiVersion`/`kind` in the server's
 * resource list for that group version, then GET the named object or LIST
 * them all; an object that is not there is an empty map.
 *
 * Template functions cannot await, so requests go through
 * {@link BlockingGet}.
 *
 * @module
 */
import { GoInt } from "../gotpl/value.ts";
import type { LogFn } from "../log/slog.ts";
import { apiError, type KubeClient } from "./client.ts";
import { BlockingGet, type BlockingResponse } from "./blocking_get.ts";

/** helm's lookup: `lookup apiVersion kind namespace name`. */
export type LookupFn = (
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) => Record<string, unknown>;

/** A blocking GET of an API path. */
export type GetFn = (path: string) => BlockingResponse;

interface ApiResource {
  name: string;
  kind: string;
  namespaced?: boolean;
}

/** client-go's `schema.ParseGroupVersion`, whose error `FromAPIVersionAndKind` drops. */
function parseGroupVersion(gv: string): { group: string; version: string } {
  if (gv === "" || gv === "/") return { group: "", version: "" };
  const parts = gv.split("/");
  if (parts.length === 1) return { group: "", version: gv };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: "", version: "" };
}

/** A path segment escaped as Go's `URL.EscapedPath` does (it keeps `$&+,:;=@`, escapes `!'()*`). */
function escapeSegment(s: string): string {
  return encodeURIComponent(s)
    .replace(/%(?:24|26|2B|2C|3A|3B|3D|40)/gi, decodeURIComponent)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** client-go's `rest.IsValidPathSegmentName`, as its `%v` of the messages prints them. */
function pathSegmentProblems(name: string): string | undefined {
  if (name === "." || name === "..") return `[may not be '${name}']`;
  const msgs = ["/", "%"].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
  return msgs.length ? `[${msgs.join(" ")}]` : undefined;
}

/**
 * JSON as apimachinery decodes it into unstructured content: integers that
 * fit int64 become Go int64s, every other number float64.
 */
export function unstructuredJson(text: string): Record<string, unknown> {
  const reviver = (_key: string, value: unknown, context?: { source?: string }) => {
    if (typeof value === "number" && context?.source !== undefined && /^-?\d+$/.test(context.source)) {
      const n = BigInt(context.source);
      if (n >= -(2n ** 63n) && n < 2n ** 63n) return new GoInt(n, "int64");
    }
    return value;
  };
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown) as Record<string, unknown>;
}

/** The error client-go returns for a non-2xx answer. */
function failure(res: BlockingResponse): Error {
  return apiError({ status: res.status, headers: new Headers(), body: res.body });
}

/**
 * A lookup function reading the cluster through `get`; `log` receives
 * helm's error records for discovery failures.
 */
export function clusterLookup(get: GetFn, log: LogFn = () => {}): LookupFn {
  // One discovery request per group version per render.
  const resourceLists = new Map<string, ApiResource[]>();
  const resourcesFor = (gv: string): ApiResource[] => {
    const known = resourceLists.get(gv);
    if (known) return known;
    if (gv === "") throw new Error("groupVersion shouldn't be empty");
    const res = get(gv === "v1" ? "/api/v1" : `/apis/${gv}`);
    let list: ApiResource[] = [];
    if (res.status >= 200 && res.status <= 299) {
      list = ((JSON.parse(res.body) as { resources?: ApiResource[] }).resources) ?? [];
    } else if (!(gv === "v1" && res.status === 404)) {
      // client-go tolerates only core/v1 not being found.
      throw failure(res);
    }
    resourceLists.set(gv, list);
    return list;
  };

  return (apiVersion, kind, namespace, name) => {
    const { group, version } = parseGroupVersion(apiVersion);
    const gv = group ? `${group}/${version}` : version;
    const gvk = `${group}/${version}, Kind=${kind}`;
    let resources: ApiResource[];
    try {
      resources = resourcesFor(gv);
    } catch (e) {
      const err = (e as Error).message;
      log("ERROR", "unable to retrieve resource list", [["GroupVersion", gv], ["error", err]]);
      log("ERROR", "unable to get apiresource", [["groupVersionKind", gvk], ["error", err]]);
      throw new Error(`unable to get apiresource from unstructured: ${gvk}: ${err}`, { cause: e });
    }
    // A kind the group version does not serve leaves client-go an empty resource name: its requests
    // then go to the group version's own path, as here.
    const resource = resources.find((r) => r.kind === kind && !r.name.includes("/"));
    const ns = resource?.namespaced && namespace !== "" ? namespace : "";
    const nsProblem = pathSegmentProblems(ns);
    if (ns !== "" && nsProblem) throw new Error(`invalid namespace ${JSON.stringify(ns)}: ${nsProblem}`);
    if (name !== "") {
      const nameProblem = pathSegmentProblems(name);
      if (nameProblem) throw new Error(`invalid resource name ${JSON.stringify(name)}: ${nameProblem}`);
    }
    // path.Join in client-go drops empty segments.
    const segments = [
      group ? "apis" : "api",
      group,
      version,
      ns ? "namespaces" : "",
      ns,
      resource?.name ?? "",
      name,
    ]
      .filter((s) => s !== "");
    const res = get("/" + segments.map(escapeSegment).join("/"));
    if (res.status === 404) return {};
    if (res.status < 200 || res.status > 299) throw failure(res);
    const obj = unstructuredJson(res.body);
    if (name !== "") return obj;
    // An unstructured list's content: its items carry the kind and apiVersion the server leaves out.
    const items = Array.isArray(obj.items) ? obj.items as Record<string, unknown>[] : [];
    const itemKind = String(obj.kind ?? "").replace(/List$/, "");
    for (const item of items) {
      if (!item.kind && !item.apiVersion) {
        item.kind = itemKind;
        item.apiVersion = obj.apiVersion;
      }
    }
    return { ...obj, items };
  };
}

/** A cluster lookup for one render, and how to release its worker afterwards. */
export interface ClusterLookup {
  /** The lookup function. */
  lookup: LookupFn;
  /** Stops the request worker, if one was started. */
  close(): void;
}

/** A {@link clusterLookup} reading through `kube`'s connection and credentials. */
export async function lookupThrough(kube: KubeClient, log?: LogFn): Promise<ClusterLookup> {
  const getter = new BlockingGet(await kube.blockingGetConfig());
  return { lookup: clusterLookup((path) => getter.get(path), log), close: () => getter.close() };
}
