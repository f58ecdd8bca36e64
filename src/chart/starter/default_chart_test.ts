import assert from "node:assert/strict";
import { runCli } from "../../cli/run.ts";
import { defaultChartFiles } from "../create.ts";
import { DEFAULT_CHART_FILES } from "./default_chart.ts";

const RENDERED = new URL("../../../fixtures/commands/create/rendered/", import.meta.url);

/** `charta template` in-process, from `cwd`. */
async function template(
  cwd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const previous = Deno.cwd();
  Deno.chdir(cwd);
  try {
    const code = await runCli(["template", "rel", "./mychart", ...args], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: (n) => (n === "HOME" ? cwd : undefined),
      binPath: "charta",
    });
    return { code, stdout, stderr };
  } finally {
    Deno.chdir(previous);
  }
}

async function writeDefaultChart(dir: string): Promise<void> {
  for (const f of defaultChartFiles("mychart")) {
    const path = `${dir}/mychart/${f.path}`;
    await Deno.mkdir(path.replace(/\/[^/]*$/, ""), { recursive: true });
    await Deno.writeTextFile(path, f.content);
  }
}

Deno.test("the default chart renders as helm renders what helm create writes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeDefaultChart(dir);
    const cases: Record<string, string[]> = {
      "default.yaml": [],
      "all-features.yaml": [
        "--set",
        "ingress.enabled=true,autoscaling.enabled=true,httpRoute.enabled=true,serviceAccount.create=false",
        "--set",
        "service.type=NodePort,podAnnotations.team=web",
      ],
    };
    for (const [file, args] of Object.entries(cases)) {
      const want = await Deno.readTextFile(new URL(file, RENDERED));
      const got = await template(dir, args);
      assert.equal(got.stderr, "", file);
      assert.equal(got.code, 0, file);
      assert.equal(got.stdout, want, file);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the default chart has helm's files, in helm's order, each naming the chart", () => {
  assert.deepEqual(DEFAULT_CHART_FILES.map((f) => f.path), [
    "Chart.yaml",
    "values.yaml",
    ".helmignore",
    "templates/ingress.yaml",
    "templates/httproute.yaml",
    "templates/deployment.yaml",
    "templates/service.yaml",
    "templates/serviceaccount.yaml",
    "templates/hpa.yaml",
    "templates/NOTES.txt",
    "templates/_helpers.tpl",
    "templates/tests/test-connection.yaml",
  ]);
  const files = defaultChartFiles("demo");
  assert.ok(files[0].content.includes("\nname: demo\n"));
  assert.ok(files.every((f) => !f.content.includes("<CHARTNAME>")));
});
