/**
 * The patch oracle: apimachinery's strategic merge patch, evanphx's JSON
 * merge patch and client-go's csaupgrade behind a small command
 * (scripts/patch_oracle), built once into the cache outside the repository.
 * charta's client-side apply tests compare their patches with it byte for
 * byte. The Go modules come from the module cache (or the module proxy).
 *
 * @module
 */
import { cacheRoot } from "./reference_helm.ts";
import { buildGoTool, goAvailable, runWithInput } from "./go_tool.ts";

export { goAvailable };

/** Where the patch oracle is built. */
export function patchOraclePath(): string {
  return `${cacheRoot()}/patch-oracle`;
}

/** Builds the oracle if it is missing or older than its sources; returns its path. */
export function buildPatchOracle(): Promise<string> {
  const dir = new URL("../patch_oracle/", import.meta.url).pathname;
  return buildGoTool("patch oracle", dir, ["main.go", "go.mod", "go.sum"], patchOraclePath());
}

/** One computation for the oracle. */
export interface PatchOracleCase {
  /** `three-way` (strategic), `merge`, `three-way-json`, `schema` or `csa-upgrade`. */
  mode: "three-way" | "merge" | "three-way-json" | "schema" | "csa-upgrade";
  /** The Go type whose struct tags give the patch metadata (`Deployment`, `Service`, `ConfigMap`, `Pod`, …). */
  kind?: string;
  original?: unknown;
  modified?: unknown;
  current?: unknown;
}

/** The oracle's answer: the patch as Go wrote it, Go's error text, or a schema document. */
export interface PatchOracleResult {
  patch?: string;
  error?: string;
  schema?: unknown;
}

/** Runs all `cases` in one oracle process. */
export async function runPatchOracle(cases: PatchOracleCase[]): Promise<PatchOracleResult[]> {
  return JSON.parse(
    new TextDecoder().decode(await runWithInput(await buildPatchOracle(), [], JSON.stringify(cases))),
  );
}
