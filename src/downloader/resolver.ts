/**
 * Dependency resolution helpers of helm's `internal/resolver`: the digest
 * of Chart.lock (`HashReq`, `HashV2Req`) and local paths of `file://`
 * repositories (`GetLocalPath`).
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { marshal as jsonMarshal, quoteJsonString } from "../gojson/mod.ts";
import { clean } from "../sprig/gopath.ts";
import { absPath } from "../chart/directory.ts";
import { errnoText } from "../chart/errors.ts";
import type { Dependency } from "../chart/types.ts";

/**
 * A dependency as Go's `json.Marshal` writes `*chart.Dependency`: fields in
 * struct order, `name` and `repository` always, the others when not empty;
 * `null` for a nil entry.
 */
export function dependencyJSON(d: Dependency | null | undefined): string {
  if (d === null || d === undefined) return "null";
  const parts = [`"name":${quoteJsonString(d.name ?? "")}`];
  if (d.version) parts.push(`"version":${quoteJsonString(d.version)}`);
  parts.push(`"repository":${quoteJsonString(d.repository ?? "")}`);
  if (d.condition) parts.push(`"condition":${quoteJsonString(d.condition)}`);
  if (d.tags?.length) parts.push(`"tags":${jsonMarshal(d.tags)}`);
  if (d.enabled) parts.push(`"enabled":true`);
  if (d["import-values"]?.length) parts.push(`"import-values":${jsonMarshal(d["import-values"])}`);
  if (d.alias) parts.push(`"alias":${quoteJsonString(d.alias)}`);
  return "{" + parts.join(",") + "}";
}

function listJSON(deps: readonly (Dependency | null)[] | undefined | null): string {
  if (deps === undefined || deps === null) return "null";
  return "[" + deps.map(dependencyJSON).join(",") + "]";
}

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** helm's `HashReq`: `sha256:` + the SHA-256 of the JSON `[requested, locked]`. */
export async function hashReq(
  req: readonly (Dependency | null)[] | undefined | null,
  lock: readonly (Dependency | null)[] | undefined | null,
): Promise<string> {
  return "sha256:" + await sha256Hex(`[${listJSON(req)},${listJSON(lock)}]`);
}

/** helm's `HashV2Req`: the helm 2 digest of requirements.yaml (`{"dependencies": [...]}`). */
export async function hashV2Req(req: readonly (Dependency | null)[] | undefined | null): Promise<string> {
  return "sha256:" + await sha256Hex(`{"dependencies":${listJSON(req)}}`);
}

/**
 * helm's `GetLocalPath`: the directory a `file://` repository (or a
 * `charts/NAME` path) points to, relative to the chart directory unless
 * absolute.
 *
 * @throws {ChartaError} `directory PATH not found`, or the stat error
 */
export async function getLocalPath(repo: string, chartPath: string): Promise<string> {
  const p = repo.startsWith("file://") ? repo.slice("file://".length) : repo;
  const depPath = p.startsWith("/") ? absPath(p) : clean(`${chartPath}/${p}`);
  try {
    await Deno.stat(depPath);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new ChartaError(`directory ${depPath} not found`);
    throw new ChartaError(`stat ${depPath}: ${errnoText(e)}`, { cause: e });
  }
  return depPath;
}
