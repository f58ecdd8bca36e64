import assert from "node:assert/strict";
import type { Chart, ChartFile } from "../chart/types.ts";
import { findReadme, showAction, showChart } from "./show.ts";
import { ChartaError } from "../errors/mod.ts";

const enc = new TextEncoder();
const file = (name: string, text: string): ChartFile => ({ name, data: enc.encode(text) });

function chart(extra: Partial<Chart> = {}): Chart {
  return {
    metadata: { apiVersion: "v2", name: "demo", version: "0.1.0", description: "" },
    templates: [],
    values: { a: 1, list: [{ n: "x" }, { n: "y" }] },
    files: [],
    dependencies: [],
    raw: [file("Chart.yaml", "ignored"), file("values.yaml", "# kept\na: 1\n")],
    ...extra,
  };
}

Deno.test("show chart re-marshals the metadata with sorted keys and a blank line", async () => {
  assert.equal(await showChart(chart(), "chart"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n\n");
});

Deno.test("show values prints values.yaml as written, or nothing without one", async () => {
  assert.equal(await showChart(chart(), "values"), "# kept\na: 1\n\n");
  assert.equal(await showChart(chart({ raw: [] }), "values"), "");
});

Deno.test("show values --jsonpath filters the parsed values; execution errors print nothing", async () => {
  assert.equal(await showChart(chart(), "values", "{.a} {.list[*].n}"), "1 x y");
  assert.equal(await showChart(chart(), "values", "{.a}{.missing}"), "");
  await assert.rejects(() => showChart(chart(), "values", "{.a"), {
    message: "error parsing jsonpath {.a: unclosed action",
  });
});

Deno.test("the README is the first top-level file named like one, in load order", async () => {
  const files = [file("docs/README.md", "no"), file("ReadMe.TXT", "txt"), file("README.md", "md")];
  assert.equal(findReadme(files)?.data, files[1].data);
  assert.equal(findReadme([file("README.rst", "x")]), undefined);
  assert.equal(await showChart(chart({ files }), "readme"), "txt\n");
});

Deno.test("show crds prints each CRD of the chart and its subcharts, with --- where missing", async () => {
  const sub = chart({ files: [file("crds/s.yaml", "kind: S")] });
  sub.metadata = { ...sub.metadata, name: "sub" };
  const c = chart({
    files: [file("crds/a.yaml", "---\nkind: A"), file("crds/notes.txt", "no"), file("crds/b.json", "{}")],
    dependencies: [sub],
  });
  assert.equal(await showChart(c, "crds"), "---\nkind: A\n---\n{}\n---\nkind: S\n");
});

Deno.test("show all joins the parts with --- lines", async () => {
  const c = chart({ files: [file("README.md", "# demo"), file("crds/a.yaml", "kind: A")] });
  assert.equal(
    await showChart(c, "all"),
    "apiVersion: v2\nname: demo\nversion: 0.1.0\n\n---\n# kept\na: 1\n\n---\n# demo\n---\nkind: A\n",
  );
});

Deno.test("showAction reports charts it cannot find as helm does", async () => {
  const exists = () => Promise.resolve(false);
  await assert.rejects(() => showAction({ format: "all", chart: "./nope" }, { exists }), {
    message: 'path "./nope" not found',
  });
  await assert.rejects(() => showAction({ format: "all", chart: "repo/nope" }, { exists }), {
    message: "repo repo not found",
  });
  await assert.rejects(
    () => showAction({ format: "all", chart: "nope" }, { exists }),
    (e: Error) => e instanceof ChartaError && e.message.startsWith("non-absolute URLs"),
  );
  await assert.rejects(() => showAction({ format: "chart", chart: "/", verify: true }), {
    message: "unpacked charts cannot be verified",
  });
});

Deno.test("showAction loads the chart by its absolute path, spaces trimmed", async () => {
  let loaded = "";
  const out = await showAction({ format: "chart", chart: " rel/dir " }, {
    exists: () => Promise.resolve(true),
    loadChart: (p) => {
      loaded = p;
      return Promise.resolve(chart());
    },
  });
  assert.equal(loaded, `${Deno.cwd()}/rel/dir`);
  assert.equal(out, "apiVersion: v2\nname: demo\nversion: 0.1.0\n\n");
});
