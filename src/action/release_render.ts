/**
 * The render step every release action shares (helm's
 * `Configuration.renderResources` as install and upgrade call it): the
 * chart rendered with its values, split into manifest, hooks and notes,
 * and the release's user labels checked against helm's system labels.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { Chart } from "../chart/types.ts";
import { type Capabilities, render } from "../engine/mod.ts";
import type { LogFn } from "../log/slog.ts";
import type { Release } from "../release/types.ts";
import { checkKubeVersion, renderResources } from "./template_output.ts";
import type { KubeClient } from "../kube/client.ts";
import { lookupThrough } from "../kube/lookup.ts";

/** Labels helm's storage keeps for itself (`driver.GetSystemLabels`). */
export const SYSTEM_LABELS = ["name", "owner", "status", "version", "createdAt", "modifiedAt"];

/** helm's `ContainsSystemLabels` check, with its error text. */
export function checkUserLabels(labels: Record<string, string> | undefined): void {
  if (Object.keys(labels ?? {}).some((k) => SYSTEM_LABELS.includes(k))) {
    throw new ChartaError(
      `user supplied labels contains system reserved label name. System labels: [${SYSTEM_LABELS.join(" ")}]`,
    );
  }
}

/** How {@link renderInto} renders. */
export interface RenderIntoOptions {
  /** The capabilities the chart is checked and rendered against. */
  caps: Capabilities;
  /** `--render-subchart-notes`. */
  subNotes?: boolean;
  /** `--hide-secret`. */
  hideSecret?: boolean;
  /** `--enable-dns`. */
  enableDNS?: boolean;
  /** Warnings. */
  log: LogFn;
  /** The cluster `lookup` reads (helm's engine made with a REST config); none: lookup finds nothing. */
  kube?: KubeClient;
}

/**
 * Renders `chart` with the render values `vals` and puts the manifest,
 * hooks and notes into `rel`. A failure leaves whatever manifest was made
 * in `rel` and throws.
 */
export async function renderInto(
  rel: Release,
  chart: Chart,
  vals: Record<string, unknown>,
  options: RenderIntoOptions,
): Promise<void> {
  checkKubeVersion(chart, options.caps.KubeVersion);
  const rendered = await renderWithLookup(chart, vals, options);
  const res = renderResources(rendered, chart, {
    subNotes: options.subNotes,
    hideSecret: options.hideSecret,
    releaseName: rel.name,
    log: options.log,
  });
  rel.manifest = res.manifest;
  if (res.error) throw res.error;
  rel.hooks = res.hooks;
  if (res.notes !== "") rel.info.notes = res.notes;
}

/** Renders with `lookup` reading the cluster when `kube` is given. */
export async function renderWithLookup(
  chart: Chart,
  vals: Record<string, unknown>,
  options: { enableDNS?: boolean; kube?: KubeClient; log?: LogFn },
): Promise<Map<string, string>> {
  const cluster = options.kube ? await lookupThrough(options.kube, options.log) : undefined;
  try {
    return await render(chart, vals, { enableDNS: options.enableDNS, lookup: cluster?.lookup });
  } finally {
    cluster?.close();
  }
}
