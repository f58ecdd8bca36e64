/**
 * The main job, as far as charta goes today: each step runs the real CLI
 * and shows its output. Later issues extend it up to
 * create → package → install → upgrade → rollback → uninstall on the local
 * control plane.
 *
 * Usage: `deno task demo`
 *
 * @module
 */
import { runCli } from "../src/cli/run.ts";

const steps: Array<{ say: string; args: string[]; expectCode?: number }> = [
  { say: "Which Helm charta is compatible with", args: ["version"] },
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
  if (code !== (step.expectCode ?? 0)) {
    console.log(`\x1b[31m(exit code ${code}, expected ${step.expectCode ?? 0})\x1b[0m`);
    failed++;
  }
}
console.log(
  failed ? `\n${failed} step(s) did not behave as expected` : "\nall demo steps behaved as expected",
);
Deno.exit(failed ? 1 : 0);
