/**
 * The release oracle: helm's own release storage code (helm 4 and helm 3
 * drivers over a fake client-go clientset) behind a small command line
 * (scripts/release_oracle), built once into the cache outside the
 * repository. charta's record codec and drivers are compared with it byte
 * for byte, without a cluster.
 *
 * @module
 */
import { cacheRoot } from "./reference_helm.ts";
import { buildGoTool, runWithInput } from "./go_tool.ts";

/** Where the release oracle is built. */
export function releaseOraclePath(): string {
  return `${cacheRoot()}/release-oracle`;
}

/** Builds the oracle if it is missing or older than its sources; returns its path. */
export function buildReleaseOracle(): Promise<string> {
  const dir = new URL("../release_oracle/", import.meta.url).pathname;
  return buildGoTool("release oracle", dir, ["main.go", "go.mod", "go.sum"], releaseOraclePath());
}

/** The oracle's modes: encode or decode with helm 4's or helm 3's code; helm 4's history pruning. */
export type ReleaseOracleMode = "encode4" | "encode3" | "decode4" | "decode3" | "history4";

/** A Secret or ConfigMap as the oracle prints it (client-go's JSON; Secret data is base64). */
export interface OracleObject {
  /** Name, namespace, labels. */
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  /** The Secret type. */
  type?: string;
  /** The data (base64 values for a Secret). */
  data?: Record<string, string>;
}

/** What `encode*` answers. */
export interface OracleEncoded {
  /** The Secret helm's secrets driver created. */
  secret: OracleObject;
  /** The ConfigMap helm's configmaps driver created. */
  configmap: OracleObject;
  /** `json.Marshal` of the release helm decoded from the request. */
  json: string;
}

/** What `decode*` answers. */
export interface OracleDecoded {
  /** The release helm's driver read, as `json.Marshal` writes it. */
  json?: string;
  /** The labels helm's driver gave the release. */
  labels?: Record<string, string>;
  /** helm's error, when it could not read the record. */
  error?: string;
}

/** What `history4` answers. */
export interface OracleHistory {
  /** The revisions left after the create. */
  versions: number[];
  /** The error helm's create ended with. */
  error?: string;
}

/** Runs the oracle on one request (see scripts/release_oracle/main.go). */
export async function runReleaseOracle(
  mode: "encode4" | "encode3",
  request: object | string,
): Promise<OracleEncoded>;
/** Runs the oracle on one request (see scripts/release_oracle/main.go). */
export async function runReleaseOracle(
  mode: "decode4" | "decode3",
  request: object | string,
): Promise<OracleDecoded>;
/** Runs the oracle on one request (see scripts/release_oracle/main.go). */
export async function runReleaseOracle(mode: "history4", request: object | string): Promise<OracleHistory>;
export async function runReleaseOracle(mode: ReleaseOracleMode, request: object | string): Promise<unknown> {
  const stdout = await runWithInput(
    await buildReleaseOracle(),
    [mode],
    typeof request === "string" ? request : JSON.stringify(request),
  );
  return JSON.parse(new TextDecoder().decode(stdout));
}
