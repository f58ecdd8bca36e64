/**
 * `push CHART.tgz oci://host/path`: uploads a chart archive (and its `.prov`
 * file when present) to an OCI registry, as helm's `Push` action with its
 * OCI pusher.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { isOCI } from "../registry/reference.ts";
import { pushChart, type PushResult, type RegistryOptions } from "../registry/oci.ts";

/** What `push` takes. */
export interface PushRequest extends RegistryOptions {
  /** The chart archive. */
  chart: string;
  /** `oci://host/path`. */
  remote: string;
}

/** Pushes the chart; prints helm's `Pushed:` and `Digest:` lines. */
export async function pushAction(req: PushRequest, out: (s: string) => void): Promise<PushResult> {
  if (!isOCI(req.remote)) {
    // helm parses the remote as a URL and looks for a pusher of its scheme; only oci has one.
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(req.remote)?.[1];
    if (!scheme) throw new ChartaError(`scheme prefix missing from remote (e.g. "oci://")`);
    throw new ChartaError(`scheme ${JSON.stringify(scheme)} not supported`);
  }
  return await pushChart(req.chart, req.remote, { ...req, out });
}
