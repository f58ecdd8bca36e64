/**
 * Realistic releases for the storage tests: a fixture chart loaded,
 * its dependencies processed and rendered as helm's install does
 * (manifest, hooks, notes), with fixed times.
 *
 * @module
 */

import { loadChart } from "../chart/loader.ts";
import { processDependencies } from "../chart/dependencies.ts";
import { coalesceValues } from "../values/coalesce.ts";
import { defaultCapabilities, render, toRenderValues } from "../engine/mod.ts";
import { renderResources } from "../action/template_output.ts";
import type { Release, Status } from "../release/types.ts";
import { GoTime, UTC } from "../gotime/mod.ts";
import { formatReleaseTime, storedChart } from "./record.ts";

const FIXTURES = new URL("../../fixtures/charts/", import.meta.url).pathname;

/** A fixed time, with nanoseconds, as helm would stamp it. */
export function fixedTime(sec: number, nsec = 0): string {
  return formatReleaseTime(GoTime.unix(sec, nsec, UTC));
}

/** What to build a release from. */
export interface TestReleaseOptions {
  /** Fixture chart folder under fixtures/charts. */
  chart: string;
  /** The release name. */
  name: string;
  /** The release namespace (default `default`). */
  namespace?: string;
  /** User-supplied values (the release's `config`). */
  config?: Record<string, unknown> | null;
  /** The revision (default 1). */
  version?: number;
  /** The status (default `deployed`). */
  status?: Status;
  /** The description (default `Install complete`). */
  description?: string;
  /** The release's labels (`--labels`). */
  labels?: Record<string, string>;
  /** `apply_method`. */
  applyMethod?: "ssa" | "csa";
  /** Mark hooks as run (times and phases), as after an install. */
  ranHooks?: boolean;
  /** Also set `deleted` (an uninstalled release). */
  deleted?: boolean;
}

/** Renders a fixture chart into a release record as `helm install` would store it. */
export async function buildTestRelease(o: TestReleaseOptions): Promise<Release> {
  const chart = await loadChart(`${FIXTURES}${o.chart}`);
  const config = o.config === undefined ? null : o.config;
  processDependencies(chart, config ?? {});
  const coalesced = coalesceValues(chart, config ?? {});
  const namespace = o.namespace ?? "default";
  const revision = o.version ?? 1;
  const vals = toRenderValues(chart, coalesced, {
    name: o.name,
    namespace,
    revision,
    isInstall: revision === 1,
    isUpgrade: revision > 1,
  }, defaultCapabilities());
  const rendered = await render(chart, vals);
  const res = renderResources(rendered, chart, {});
  if (res.error) throw res.error;
  const t0 = fixedTime(1_700_000_000, 123_456_789);
  const t1 = fixedTime(1_700_000_100 + revision, 5_000_000);
  if (o.ranHooks) {
    res.hooks.forEach((h, i) => {
      h.last_run = {
        started_at: fixedTime(1_700_000_050 + i, 1),
        completed_at: fixedTime(1_700_000_060 + i, 999_000_000),
        phase: "Succeeded",
      };
    });
  }
  const r: Release = {
    name: o.name,
    info: {
      first_deployed: t0,
      last_deployed: t1,
      status: o.status ?? "deployed",
      description: o.description ?? "Install complete",
      notes: res.notes,
    },
    chart: storedChart(chart),
    config,
    manifest: res.manifest,
    hooks: res.hooks,
    version: revision,
    namespace,
  };
  if (o.deleted) r.info.deleted = fixedTime(1_700_000_900, 42);
  if (o.labels) r.labels = o.labels;
  if (o.applyMethod) r.apply_method = o.applyMethod;
  return r;
}
