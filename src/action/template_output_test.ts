/**
 * `helm template`'s output for whole charts, against what helm 4.2.4 printed
 * for them (testdata/helm_template_cases.json: charts with aliases, tags,
 * conditions, import-values, nested subcharts, hooks, tests, CRDs, unknown
 * kinds, several documents per file; flags --include-crds, --skip-tests,
 * --no-hooks, --show-only, --set), stdout, log lines and errors alike.
 */
import assert from "node:assert/strict";
import type { Chart, ChartFile } from "../chart/types.ts";
import { checkDependencies, processDependencies } from "../chart/dependencies.ts";
import { parseYaml } from "../goyaml/mod.ts";
import { readValues } from "../values/read.ts";
import { coalesceValues } from "../values/coalesce.ts";
import { allTemplates, defaultCapabilities, renderTemplates, toRenderValues } from "../engine/mod.ts";
import { parseSet } from "../strvals/mod.ts";
import { collectLog } from "../log/slog.ts";
import {
  checkKubeVersion,
  crdObjects,
  planTemplate,
  type TemplateOptions,
  templateOutput,
} from "./template_output.ts";

interface Case {
  chart: string;
  args: string[];
  stdout: string;
  stderr: string;
  code: number;
}

const data = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/helm_template_cases.json", import.meta.url)),
) as { charts: Record<string, Record<string, string>>; cases: Case[] };

const enc = new TextEncoder();

/** A directory chart from its files (what the loader will do, minimally). */
function loadChart(files: Record<string, string>, prefix = ""): Chart {
  const own = Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length))
    .sort();
  const chart: Chart = {
    metadata: parseYaml(files[prefix + "Chart.yaml"], { target: "map" }) as unknown as Chart["metadata"],
    templates: [],
    values: {},
    files: [],
    dependencies: [],
  };
  const subs = new Set<string>();
  for (const f of own) {
    if (f === "Chart.yaml") continue;
    if (f === "values.yaml") {
      chart.values = readValues(files[prefix + f]);
      continue;
    }
    if (f.startsWith("charts/")) {
      subs.add(f.split("/")[1]);
      continue;
    }
    const cf: ChartFile = { name: f, data: enc.encode(files[prefix + f]) };
    if (f.startsWith("templates/")) chart.templates.push(cf);
    else chart.files.push(cf);
  }
  for (const s of [...subs].sort()) chart.dependencies.push(loadChart(files, `${prefix}charts/${s}/`));
  return chart;
}

/** `helm template x CHART ARGS` with charta's pieces: stdout, stderr, exit code. */
function helmTemplate(files: Record<string, string>, args: string[]): Omit<Case, "chart" | "args"> {
  const opts: TemplateOptions = { releaseName: "x" };
  const user: Record<string, unknown> = {};
  const rest = [...args];
  while (rest.length) {
    const a = rest.shift()!;
    if (a === "--include-crds") opts.includeCrds = true;
    else if (a === "--skip-tests") opts.skipTests = true;
    else if (a === "--no-hooks") opts.disableHooks = true;
    else if (a === "-s") opts.showOnly = [...opts.showOnly ?? [], rest.shift()!];
    else if (a === "--set") parseSet(rest.shift()!, user);
    else throw new Error(`unexpected ${a}`);
  }
  const lines: string[] = [];
  const log = collectLog(lines);
  opts.log = log;
  try {
    const chart = loadChart(files);
    if (chart.metadata.dependencies?.length) {
      try {
        checkDependencies(chart);
      } catch (e) {
        throw new Error(
          "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' " +
            `to fetch missing dependencies: ${(e as Error).message}`,
        );
      }
    }
    try {
      processDependencies(chart, user, { log });
    } catch (e) {
      log("ERROR", "chart dependencies processing failed", [["error", e]]);
      throw new Error(`chart dependencies processing failed: ${(e as Error).message}`);
    }
    const caps = defaultCapabilities();
    const vals = coalesceValues(chart, user, (m) => log("INFO", m));
    const rv = toRenderValues(chart, vals, {
      name: "x",
      namespace: "default",
      revision: 1,
      isInstall: true,
      isUpgrade: false,
    }, caps);
    checkKubeVersion(chart, caps.KubeVersion);
    const stdout = templateOutput(renderTemplates(allTemplates(chart, rv)), chart, opts);
    return { stdout, stderr: lines.join(""), code: 0 };
  } catch (e) {
    return { stdout: "", stderr: lines.join("") + `Error: ${(e as Error).message}\n`, code: 1 };
  }
}

for (const c of data.cases) {
  Deno.test(`helm template ${c.chart} ${c.args.join(" ")}: as helm 4`, () => {
    const got = helmTemplate(data.charts[c.chart], c.args);
    assert.deepEqual(got, { stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
}

function rendered(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

const bare: Chart = {
  metadata: { apiVersion: "v2", name: "c", version: "0.1.0" },
  templates: [],
  values: {},
  files: [],
  dependencies: [],
};

Deno.test("templateOutput: documents, blank files, partials and notes", () => {
  const out = templateOutput(
    rendered({
      "c/templates/b.yaml": "kind: Service\n---\nkind: Namespace\n",
      "c/templates/a.yaml": "\n\n  \n",
      "c/templates/_h.tpl": "kind: Pod",
      "c/templates/NOTES.txt": "notes",
      "c/templates/x/MYNOTES.txt": "kind: Pod",
    }),
    bare,
  );
  assert.equal(
    out,
    "---\n# Source: c/templates/b.yaml\nkind: Namespace\n\n---\n# Source: c/templates/b.yaml\nkind: Service\n",
  );
});

Deno.test("templateOutput: an empty chart prints a newline", () => {
  assert.equal(templateOutput(new Map(), bare), "\n");
});

Deno.test("templateOutput: YAML errors carry helm's hint; --debug prints the files first", () => {
  const r = rendered({ "c/templates/a.yaml": "a: b: c", "c/templates/b.yaml": "kind: B\n" });
  assert.throws(() => templateOutput(r, bare), {
    message: "YAML parse error on c/templates/a.yaml: error converting YAML to JSON: yaml: " +
      "mapping values are not allowed in this context\n\nUse --debug flag to render out invalid YAML",
  });
  const plan = planTemplate(r, bare, { debug: true });
  assert.equal(
    plan.stdout,
    "---\n# Source: c/templates/a.yaml\na: b: c\n---\n# Source: c/templates/b.yaml\nkind: B\n",
  );
  assert.match(plan.error!.message, /^YAML parse error on c\/templates\/a.yaml: /);
});

Deno.test("planTemplate: --output-dir writes, hooks appended when the file exists", () => {
  const chart: Chart = { ...bare, files: [{ name: "crds/x.yaml", data: enc.encode("kind: CRD\n") }] };
  const r = rendered({
    "c/templates/a.yaml": "kind: A\n---\nkind: B\n",
    "c/templates/h.yaml": "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: test\n",
  });
  const plan = planTemplate(r, chart, {
    outputDir: "out",
    useReleaseName: true,
    releaseName: "rel",
    includeCrds: true,
  });
  assert.deepEqual(plan.writes, [
    { file: "out/c/crds/x.yaml", content: "---\n# Source: c/crds/x.yaml\nkind: CRD\n\n", append: false },
    {
      file: "out/rel/c/templates/a.yaml",
      content: "---\n# Source: c/templates/a.yaml\nkind: A\n\n",
      append: false,
    },
    {
      file: "out/rel/c/templates/a.yaml",
      content: "---\n# Source: c/templates/a.yaml\nkind: B\n\n",
      append: true,
    },
    {
      file: "out/rel/c/templates/h.yaml",
      content:
        "---\n# Source: c/templates/h.yaml\nkind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: test\n\n",
      append: "if-exists",
    },
  ]);
  assert.equal(plan.stdout, "\n");
  assert.equal(
    templateOutput(r, chart, { outputDir: "out", skipTests: true }),
    "wrote out/c/templates/a.yaml\nwrote out/c/templates/a.yaml\n\n",
  );
  // --show-only looks at what would be printed, which is empty.
  assert.throws(() => templateOutput(r, chart, { outputDir: "out", showOnly: ["templates/a.yaml"] }), {
    message: "could not find template templates/a.yaml in chart",
  });
});

Deno.test("renderResources: --hide-secret hides v1 Secrets only", async () => {
  const { renderResources } = await import("./template_output.ts");
  const r = rendered({
    "c/templates/s.yaml": "apiVersion: v1\nkind: Secret\n---\napiVersion: v2\nkind: Secret\n",
  });
  assert.equal(
    renderResources(r, bare, { hideSecret: true }).manifest,
    "---\n# Source: c/templates/s.yaml\n# HIDDEN: The Secret output has been suppressed\n" +
      "---\n# Source: c/templates/s.yaml\napiVersion: v2\nkind: Secret\n\n",
  );
});

Deno.test("crdObjects: crds/ files with manifest extensions, subcharts after", () => {
  const sub: Chart = {
    ...bare,
    metadata: { ...bare.metadata, name: "s" },
    files: [{ name: "crds/b.JSON", data: new Uint8Array() }],
  };
  const chart: Chart = {
    ...bare,
    files: [
      { name: "crds/a.yml", data: new Uint8Array() },
      { name: "crds/README.md", data: new Uint8Array() },
      { name: "other/c.yaml", data: new Uint8Array() },
    ],
    dependencies: [sub],
  };
  assert.deepEqual(crdObjects(chart).map((c) => c.filename), ["c/crds/a.yml", "c/charts/s/crds/b.JSON"]);
});

Deno.test("checkKubeVersion: helm's message", () => {
  const chart: Chart = { ...bare, metadata: { ...bare.metadata, kubeVersion: ">=1.99.0" } };
  assert.throws(() => checkKubeVersion(chart, defaultCapabilities().KubeVersion), {
    message: /^chart requires kubeVersion: >=1.99.0 which is incompatible with Kubernetes v1\.\d+\.\d+$/,
  });
  checkKubeVersion(
    { ...bare, metadata: { ...bare.metadata, kubeVersion: ">=1.20.0-0" } },
    defaultCapabilities().KubeVersion,
  );
});

Deno.test("writeTemplateFiles: creates, appends, and appends hooks to files left by an earlier run", async () => {
  const { writeTemplateFiles } = await import("./template_output.ts");
  const dir = await Deno.makeTempDir();
  try {
    const r = rendered({
      "c/templates/a.yaml": "kind: A\n---\nkind: B\n",
      "c/templates/h.yaml": "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n",
    });
    const plan = planTemplate(r, bare, { outputDir: `${dir}/out` });
    const wrote = await writeTemplateFiles(plan.writes);
    assert.equal(
      wrote,
      `wrote ${dir}/out/c/templates/a.yaml\n`.repeat(2) + `wrote ${dir}/out/c/templates/h.yaml\n`,
    );
    await writeTemplateFiles(plan.writes);
    const a = await Deno.readTextFile(`${dir}/out/c/templates/a.yaml`);
    assert.equal(
      a,
      "---\n# Source: c/templates/a.yaml\nkind: A\n\n---\n# Source: c/templates/a.yaml\nkind: B\n\n",
    );
    const h = await Deno.readTextFile(`${dir}/out/c/templates/h.yaml`);
    assert.equal(h.split("# Source: c/templates/h.yaml").length, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
