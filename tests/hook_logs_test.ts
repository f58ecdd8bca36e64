/**
 * `helm.sh/hook-output-log-policy` on the local control plane, charta beside
 * the reference helm 4: a Job hook and a Pod hook asking for their logs once
 * they succeed. kwok runs no containers, so the API server has no logs to
 * give: both tools then log the same `error outputting logs for hook failure`
 * lines, in the same order (hooks in reverse, each pod's containers in turn),
 * and the install goes on.
 */
import assert from "node:assert/strict";
import { clusterForTests } from "./lib/cluster.ts";
import { inHelmNamespace } from "./lib/releases.ts";

const enabled = clusterForTests();
const CHART = new URL("../fixtures/charts/hook-logs", import.meta.url).pathname;
// A Job's pod gets a random suffix.
const normalize = (s: string) => s.replace(/r-job-[a-z0-9]{5}/g, "r-job-XXXXX");

Deno.test({
  name: "hook output log policies: the hooks' pod logs are asked for as helm asks for them",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const stderr: Record<string, string> = {};
    for (const tool of ["helm", "charta"] as const) {
      await inHelmNamespace(`charta-hooklogs-${tool}`, async (e) => {
        const r = tool === "helm"
          ? await e.helm("install", "r", CHART)
          : await e.charta("install", "r", CHART);
        assert.equal(r.code, 0, r.stderr);
        stderr[tool] = normalize(r.stderr);
      });
    }
    assert.equal(stderr.charta, stderr.helm);
    assert.match(
      stderr.charta,
      /^level=INFO msg="error outputting logs for hook failure: failed to stream pod logs for pod: r-pod, container: first"\n/,
    );
  },
});
