/**
 * Live differential test of the release-reading commands (`list`,
 * `status`, `history`, `get …`): the reference helm 4 (and helm 3) write
 * release records on the local cluster, then charta and helm read them with
 * the same command lines and must print the same bytes and exit codes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { charta, helm, helmBinary, isolatedEnv, type RunResult } from "./lib/cli.ts";
import { clusterForTests, normalizeResources, testCluster } from "./lib/cluster.ts";
import { referenceHelmPath } from "../scripts/lib/reference_helm.ts";
import { EnvSettings } from "../src/settings/env_settings.ts";
import { clientForSettings } from "../src/kube/client.ts";

const CHART = new URL("../fixtures/charts/webapp", import.meta.url).pathname;

const helm4 = helmBinary();
const enabled = helm4 !== undefined && clusterForTests();

Deno.test({
  name: "release reading commands print what helm 4 prints, for records written by helm 4 and helm 3",
  ignore: !enabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const info = await testCluster();
    const home = await Deno.makeTempDir({ prefix: "charta-rr-" });
    const id = Math.random().toString(36).slice(2, 8);
    const ns = `charta-rr-${id}`;
    const p = `rr${id}`;
    const env = isolatedEnv(home, {
      KUBECONFIG: info.kubeconfig,
      HELM_CACHE_HOME: `${home}/cache`,
      HELM_CONFIG_HOME: `${home}/config`,
      HELM_DATA_HOME: `${home}/data`,
    });
    const h4 = (args: string[]) => helm(helm4!, args, env);
    const must = async (r: Promise<RunResult>, what: string) => {
      const res = await r;
      assert.equal(res.code, 0, `${what}: ${res.stderr}`);
    };
    try {
      await must(h4(["install", `${p}-web`, CHART, "-n", ns, "--create-namespace"]), "install");
      await must(
        h4(["upgrade", `${p}-web`, CHART, "-n", ns, "--set", "replicaCount=2", "--labels", "team=a"]),
        "upgrade",
      );
      await must(
        h4(["install", `${p}-gone`, CHART, "-n", ns, "--set", `fullnameOverride=${p}-gone`]),
        "install",
      );
      await must(h4(["uninstall", `${p}-gone`, "-n", ns, "--keep-history"]), "uninstall");
      // An object the API server refuses: a failed release.
      const failed = await h4([
        "install",
        `${p}-bad`,
        CHART,
        "-n",
        ns,
        "--set",
        "replicaCount=-1",
        "--set",
        `fullnameOverride=${p}-bad`,
      ]);
      assert.equal(failed.code, 1, failed.stderr);
      const helm3 = referenceHelmPath("v3");
      if (helm3) {
        await must(
          helm(helm3, ["install", `${p}-h3`, CHART, "-n", ns, "--set", `fullnameOverride=${p}-h3`], env),
          "helm 3 install",
        );
      }

      const n = ["-n", ns];
      const cases: string[][] = [
        ["list", ...n],
        ["ls", ...n, "-o", "json"],
        ["list", ...n, "-o", "yaml"],
        ["list", "-A", "-f", `^${p}-`],
        ["list", "-A", "-f", `^${p}-`, "-o", "json"],
        ["list", ...n, "--deployed"],
        ["list", ...n, "--failed"],
        ["list", ...n, "--uninstalled"],
        ["list", ...n, "--superseded"],
        ["list", ...n, "--pending"],
        ["list", ...n, "--uninstalling"],
        ["list", ...n, "--deployed", "--failed"],
        ["list", ...n, "-d"],
        ["list", ...n, "-d", "-r"],
        ["list", ...n, "-r"],
        ["list", ...n, "-m", "1"],
        ["list", ...n, "-m", "2", "--offset", "1"],
        ["list", ...n, "--offset", "10"],
        ["list", ...n, "-f", "web|h3"],
        ["list", ...n, "-f", "["],
        ["list", ...n, "-q"],
        ["list", ...n, "-q", "-o", "json"],
        ["list", ...n, "-q", "-o", "yaml"],
        ["list", ...n, "-l", "team=a"],
        ["list", ...n, "-l", "team!=a"],
        ["list", ...n, "-l", "status in (failed,uninstalled)"],
        ["list", ...n, "--no-headers"],
        ["list", ...n, "--time-format", "2006-01-02T15:04:05Z07:00"],
        ["list", ...n, "-o", "xml"],
        ["list", "-n", `${ns}-none`],
        ["history", `${p}-web`, ...n],
        ["history", `${p}-web`, ...n, "-o", "json"],
        ["history", `${p}-web`, ...n, "-o", "yaml"],
        ["history", `${p}-web`, ...n, "--max", "1"],
        ["history", `${p}-nope`, ...n],
        ["history", "Bad_Name", ...n],
        ["status", `${p}-gone`, ...n],
        ["status", `${p}-gone`, ...n, "-o", "json"],
        ["status", `${p}-gone`, ...n, "-o", "yaml"],
        ["status", `${p}-nope`, ...n],
        // Live objects that do not change: the failed release's ServiceAccount, ConfigMap, Service.
        ["status", `${p}-bad`, ...n, "-o", "json"],
        ["status", `${p}-bad`, ...n, "-o", "yaml"],
        ["get", "all", `${p}-web`, ...n],
        ["get", "all", `${p}-web`, ...n, "--revision", "1"],
        ["get", "hooks", `${p}-web`, ...n],
        ["get", "manifest", `${p}-web`, ...n],
        ["get", "manifest", `${p}-web`, ...n, "--revision", "1"],
        ["get", "notes", `${p}-web`, ...n],
        ["get", "values", `${p}-web`, ...n],
        ["get", "values", `${p}-web`, ...n, "--all"],
        ["get", "values", `${p}-web`, ...n, "-o", "json"],
        ["get", "values", `${p}-web`, ...n, "-a", "-o", "yaml"],
        ["get", "values", `${p}-web`, ...n, "--revision", "1"],
        ["get", "values", `${p}-web`, ...n, "--revision", "9"],
        ["get", "values", "Bad_Name", ...n],
        ["get", "metadata", `${p}-web`, ...n],
        ["get", "metadata", `${p}-web`, ...n, "-o", "json"],
        ["get", "metadata", `${p}-web`, ...n, "-o", "yaml"],
        ["get", "metadata", `${p}-web`, ...n, "--revision", "1"],
        ["get", "all", `${p}-bad`, ...n],
        [
          "get",
          "all",
          `${p}-web`,
          ...n,
          "--template",
          "{{.Release.Name}} {{.Release.Version}} {{.Release.Info.Status}}",
        ],
        [
          "get",
          "all",
          `${p}-web`,
          ...n,
          "--template",
          "{{.Release.Chart.Metadata.Version}} {{.Release.Info.LastDeployed}}",
        ],
        ["get", "all", `${p}-web`, ...n, "--template", "{{.Release.Config}}|{{.Release.Labels}}"],
        ["get", "all", `${p}-web`, ...n, "--template", "{{.Release.Nope}}"],
        ["get", "all", `${p}-web`, ...n, "--template", "{{.Release.Name"],
        ["list", ...n, "-m", "0", "-o", "yaml"],
        ["history", `${p}-bad`, ...n],
      ];
      if (helm3) {
        cases.push(
          ["get", "all", `${p}-h3`, ...n],
          ["get", "metadata", `${p}-h3`, ...n, "-o", "json"],
          ["history", `${p}-h3`, ...n, "-o", "json"],
          ["list", ...n, "-f", "h3", "-o", "yaml"],
        );
      }
      // helm prints the RESOURCES groups in Go map order (random) and ages as of each request.
      for (
        const args of [["status", `${p}-web`, ...n], ["status", `${p}-bad`, ...n], [
          "status",
          `${p}-h3`,
          ...n,
        ]]
      ) {
        await t.step(`${args.join(" ")} (groups sorted, ages masked)`, async () => {
          const want = await h4(args);
          const got = await charta(args, env);
          assert.equal(got.code, want.code);
          assert.equal(got.stderr, want.stderr);
          assert.match(got.stdout, /RESOURCES:\n==> v1\/ServiceAccount|RESOURCES:\n==> /);
          assert.equal(normalizeResources(got.stdout), normalizeResources(want.stdout));
        });
      }
      for (const args of cases) {
        await t.step(args.join(" "), async () => {
          const want = await h4(args);
          const got = await charta(args, env);
          assert.deepEqual(got, want);
        });
      }
    } finally {
      await helm(
        helm4!,
        ["uninstall", `${p}-web`, `${p}-bad`, `${p}-h3`, "-n", ns, "--ignore-not-found"],
        env,
      );
      const settings = EnvSettings.fromEnv((k) => env[k], "linux");
      const admin = await clientForSettings(settings);
      await admin.delete({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }).catch(() => {});
      await Deno.remove(home, { recursive: true });
    }
  },
});
