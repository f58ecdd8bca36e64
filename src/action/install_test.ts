import assert from "node:assert/strict";
import { installAction } from "./install.ts";
import { releaseStatusTable } from "./install_output.ts";
import { loadChart } from "../chart/loader.ts";
import { readValueSource } from "../values/source.ts";
import type { Configuration } from "./configuration.ts";

const WEBAPP = new URL("../../fixtures/charts/webapp", import.meta.url).pathname;

/** A configuration that fails if the cluster or storage is touched (client dry runs never do). */
const offline = {
  namespace: "shop",
  get storage(): never {
    throw new Error("storage used");
  },
  kube: () => Promise.reject(new Error("cluster used")),
} as unknown as Configuration;

const deps = {
  config: offline,
  readValue: readValueSource,
  loadChart: (p: string) => loadChart(p),
  exists: async (p: string) => {
    try {
      await Deno.stat(p);
      return true;
    } catch {
      return false;
    }
  },
};

Deno.test({
  name: "install --dry-run=client renders the release without the cluster",
  sanitizeResources: false,
  async fn() {
    const rel = await installAction(
      { args: ["web", WEBAPP], namespace: "shop", values: { values: ["replicaCount=3"] }, dryRun: "client" },
      deps,
    );
    assert.equal(rel.info.status, "pending-install");
    assert.equal(rel.info.description, "Dry run complete");
    assert.equal(String((rel.config as Record<string, unknown>).replicaCount), "3");
    assert.equal(rel.apply_method, "ssa");
    assert.match(rel.manifest, /kind: Deployment/);
    assert.ok((rel.hooks ?? []).some((h) => h.events.includes("test")));
    const text = releaseStatusTable(rel);
    assert.match(
      text,
      /^NAME: web\nLAST DEPLOYED: .+\nNAMESPACE: shop\nSTATUS: pending-install\nREVISION: 1\n/,
    );
    assert.match(text, /\nHOOKS:\n---\n# Source: webapp\/templates\/tests\//);
    assert.match(text, /\nMANIFEST:\n---\n# Source: /);
    assert.match(releaseStatusTable(rel), /\nNOTES:\n/);
    assert.doesNotMatch(releaseStatusTable(rel, { hideNotes: true }), /\nNOTES:\n/);
  },
});

Deno.test("install refuses bad input before touching the cluster", async () => {
  const run = (req: Partial<Parameters<typeof installAction>[0]>) =>
    installAction({ args: ["web", WEBAPP], namespace: "shop", values: {}, dryRun: "client", ...req }, deps);
  await assert.rejects(
    run({ labels: { owner: "me" } }),
    /user supplied labels contains system reserved label name/,
  );
  await assert.rejects(
    run({ args: ["Bad_Name", WEBAPP] }),
    /^ChartaError: release name check failed: release name "Bad_Name"/,
  );
  await assert.rejects(run({ dryRun: "none", hideSecret: true }), /cluster used/);
  await assert.rejects(run({ args: ["web", "/nonexistent/chart"] }), /path "\/nonexistent\/chart" not found/);
});
