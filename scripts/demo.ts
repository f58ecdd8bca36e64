/**
 * The main job, as far as charta goes today: each step runs the real CLI
 * and shows its output: create → lint → package → template a chart, then
 * the chart tools on the fixture charts; then, on the local control plane
 * (started when its binaries are built: `deno task cluster:up` builds them
 * once), the release lifecycle: install → upgrade → rollback → uninstall,
 * waiting for the objects with progress shown (`CHARTA_PROGRESS=plain`), a
 * diff before the upgrade, and the reference helm reading and continuing
 * what charta wrote when it is built.
 *
 * Usage: `deno task demo`
 *
 * @module
 */
import { runCli } from "../src/cli/run.ts";
import { clusterAvailable, ensureCluster, kubeClient } from "./cluster/mod.ts";
import { referenceHelmPath } from "./lib/reference_helm.ts";

// The new chart is made in a scratch directory; the fixture charts are read from the checkout.
const work = await Deno.makeTempDir({ prefix: "charta-demo-" });
const shop = `${work}/shop`;

const steps: Array<{ say: string; args: string[]; expectCode?: number }> = [
  { say: "Which Helm charta is compatible with", args: ["version"] },
  { say: "Create a chart: helm 4's default chart, file for file", args: ["create", shop] },
  { say: "Lint it with helm's rules", args: ["lint", shop] },
  {
    say: "Package it: the archive's sha256 equals helm package's",
    args: ["package", shop, "-d", work, "--app-version", "2.0.0"],
  },
  { say: "What the archive holds", args: ["show", "chart", `${shop}-0.1.0.tgz`] },
  {
    say: "Render the archive, byte-for-byte as helm template does",
    args: [
      "template",
      "web",
      `${shop}-0.1.0.tgz`,
      "--set",
      "replicaCount=3",
      "-s",
      "templates/deployment.yaml",
    ],
  },
  {
    say: "Values are checked against values.schema.json, as helm checks them",
    args: ["template", "x", "fixtures/charts/schema/app", "--set", "replicaCount=many"],
    expectCode: 1,
  },
  {
    say: "The same, short, and through a Go template",
    args: ["version", "--template", "helm {{.Version}} on {{.GoVersion}}\n"],
  },
  { say: "Helm's environment and paths, read from HELM_* and XDG variables", args: ["env"] },
  {
    say: "Render a chart locally, byte-for-byte as helm template does",
    args: [
      "template",
      "shop",
      "fixtures/charts/webapp",
      "--set",
      "replicaCount=3",
      "-s",
      "templates/deployment.yaml",
    ],
  },
  {
    say: "An umbrella chart: subcharts, aliases, conditions, tags, import-values, globals",
    args: ["template", "shop", "fixtures/charts/umbrella", "-s", "charts/backend/templates/deployment.yaml"],
  },
  {
    say: "Bad input gets a clear error in helm's words",
    args: ["template", "shop", "fixtures/charts/webapp", "--set", "a=1,b"],
    expectCode: 1,
  },
  { say: "A mistyped command names the closest one", args: ["verison"], expectCode: 1 },
  { say: "Shell completion asks charta's command tree", args: ["__complete", "completion", ""] },
];

// Releases on the local control plane, when it can be had in seconds; waits show their progress.
Deno.env.set("CHARTA_PROGRESS", "plain");
const namespace = `demo-${Date.now().toString(36)}`;
let kubeconfig: string | undefined;
if (clusterAvailable()) {
  kubeconfig = (await ensureCluster()).kubeconfig;
  const kc = ["--kubeconfig", kubeconfig, "-n", namespace];
  steps.push(
    {
      say: "Install the chart on the local control plane and wait until it is ready (records helm reads)",
      args: [
        "install",
        "web",
        `${shop}-0.1.0.tgz`,
        ...kc,
        "--create-namespace",
        "--set",
        "replicaCount=2",
        "--wait",
        "--timeout",
        "120s",
      ],
    },
    { say: "List releases", args: ["list", ...kc] },
    {
      say: "What an upgrade would change, from a server-side dry run",
      args: [
        "diff",
        "upgrade",
        "web",
        `${shop}-0.1.0.tgz`,
        ...kc,
        "--reuse-values",
        "--set",
        "replicaCount=3",
      ],
    },
    {
      say: "Upgrade it, waiting for the rollout with progress shown",
      args: [
        "upgrade",
        "web",
        `${shop}-0.1.0.tgz`,
        ...kc,
        "--reuse-values",
        "--set",
        "replicaCount=3",
        "--wait",
        "--timeout",
        "120s",
      ],
    },
    {
      say: "An upgrade whose pods can never be scheduled fails in time, says why, and is rolled back",
      args: [
        "upgrade",
        "web",
        `${shop}-0.1.0.tgz`,
        ...kc,
        "--reuse-values",
        "--set",
        "nodeSelector.nowhere=yes",
        "--rollback-on-failure",
        "--timeout",
        "8s",
      ],
      expectCode: 1,
    },
    {
      say: "Roll back to the first revision",
      args: ["rollback", "web", "1", ...kc, "--wait", "--timeout", "120s"],
    },
    { say: "Its history", args: ["history", "web", ...kc] },
    { say: "Its status, with the live resources", args: ["status", "web", ...kc] },
    { say: "The values it runs with", args: ["get", "values", "web", ...kc] },
    { say: "Uninstall it", args: ["uninstall", "web", ...kc, "--wait"] },
  );
} else {
  console.log(
    "(the local control plane is not built: `deno task cluster:up` builds it once; releases are skipped)",
  );
}

let failed = 0;
for (const step of steps) {
  console.log(
    `\n\x1b[1m# ${step.say}\x1b[0m\n$ charta ${
      step.args.map((a) => (/\s|^$/.test(a) ? JSON.stringify(a) : a)).join(" ")
    }`,
  );
  const code = await runCli(step.args, {
    stdout: (t) => Deno.stdout.writeSync(new TextEncoder().encode(t)),
    stderr: (t) => Deno.stdout.writeSync(new TextEncoder().encode(t)),
    binPath: "charta",
  });
  const helm = referenceHelmPath("v4");
  if (helm && kubeconfig && code === 0 && (step.args[0] === "install" || step.args[0] === "history")) {
    // The reference helm reads the records charta just wrote.
    const args = step.args[0] === "install" ? ["list"] : ["history", "web"];
    console.log(
      `\n\x1b[1m# helm reads what charta wrote\x1b[0m\n$ helm ${args.join(" ")} -n ${namespace}`,
    );
    const out = await new Deno.Command(helm, { args: [...args, "--kubeconfig", kubeconfig, "-n", namespace] })
      .output();
    Deno.stdout.writeSync(out.stdout);
  }
  if (code !== (step.expectCode ?? 0)) {
    console.log(`\x1b[31m(exit code ${code}, expected ${step.expectCode ?? 0})\x1b[0m`);
    failed++;
  }
}
await Deno.remove(work, { recursive: true });
if (kubeconfig) {
  // Leave the cluster as it was: the namespace install created goes too.
  const client = await kubeClient(await ensureCluster());
  await (await client.request("DELETE", `/api/v1/namespaces/${namespace}`)).body?.cancel();
  client.close();
}
console.log(
  failed ? `\n${failed} step(s) did not behave as expected` : "\nall demo steps behaved as expected",
);
Deno.exit(failed ? 1 : 0);
