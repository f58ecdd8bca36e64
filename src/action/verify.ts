/**
 * The `verify` action: checks a chart archive against its provenance file,
 * as `helm verify` (pkg/action/verify.go).
 *
 * @module
 */
import { verifyChartArchive } from "./chart_path.ts";

/** What `charta verify` was asked to check. */
export interface VerifyRequest {
  /** The chart archive (`PATH`); its provenance file is `PATH.prov`. */
  path: string;
  /** `--keyring`: the binary keyring with the trusted public keys. */
  keyring: string;
}

/**
 * Verifies the archive and returns helm's report (`Signed by: …`, `Using
 * Key With Fingerprint: …`, `Chart Hash Verified: sha256:…`).
 *
 * @throws {ChartaError} helm's errors: `unpacked charts cannot be verified`,
 * `chart must be a tgz file`, `could not load provenance file …`, `failed
 * to load keyring: …`, `signature block not found`, `openpgp: signature made
 * by unknown entity`, `sha256 sum does not match for …`
 */
export async function verifyAction(req: VerifyRequest): Promise<string> {
  const [v, { formatVerification }] = await Promise.all([
    verifyChartArchive(req.path, req.keyring),
    import("../provenance/mod.ts"),
  ]);
  return formatVerification(v);
}
