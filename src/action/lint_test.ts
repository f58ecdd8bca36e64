import assert from "node:assert/strict";
import { lintAction, subchartPaths } from "./lint.ts";
import { ChartaError } from "../errors/mod.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const read = (p: string) => Deno.readFile(p);

Deno.test("lint action: report, summary and failure", async () => {
  const cwd = Deno.cwd();
  Deno.chdir(ROOT);
  try {
    const ok = await lintAction({ paths: ["fixtures/charts/webapp"], namespace: "default", values: {} }, {
      readValue: read,
    });
    assert.equal(
      ok.stdout,
      "==> Linting fixtures/charts/webapp\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n",
    );
    assert.equal(ok.error, undefined);

    const quiet = await lintAction({
      paths: ["fixtures/charts/webapp"],
      namespace: "default",
      quiet: true,
      values: {},
    }, {
      readValue: read,
    });
    assert.equal(quiet.stdout, "");

    const bad = await lintAction({ paths: ["fixtures/charts/nope"], namespace: "default", values: {} }, {
      readValue: read,
    });
    assert.match(
      bad.stdout,
      /^==> Linting fixtures\/charts\/nope\nError unable to check Chart\.yaml file in chart: stat /,
    );
    assert.ok(bad.error instanceof ChartaError);
    assert.equal(bad.error.message, "1 chart(s) linted, 1 chart(s) failed");

    const strict = await lintAction({
      paths: ["fixtures/charts/lint/deprecated-api"],
      namespace: "default",
      strict: true,
      values: {},
    }, { readValue: read });
    assert.equal(strict.error?.message, "1 chart(s) linted, 1 chart(s) failed");
  } finally {
    Deno.chdir(cwd);
  }
});

Deno.test("lint action: bad flags fail before anything is linted", async () => {
  await assert.rejects(
    lintAction({ paths: ["x"], namespace: "default", kubeVersion: "x.y", values: {} }, { readValue: read }),
    { message: `invalid kube version 'x.y': could not parse "x.y" as version` },
  );
  await assert.rejects(
    lintAction({ paths: ["x"], namespace: "default", values: { values: ["a=1,b"] } }, { readValue: read }),
    /failed parsing --set data/,
  );
});

Deno.test("lint action: --with-subcharts finds chart directories and archives under charts/", async () => {
  const paths = await subchartPaths([`${ROOT}fixtures/charts/umbrella/`]);
  const rel = paths.map((p) => p.replace(ROOT, ""));
  assert.deepEqual(rel, [
    "fixtures/charts/umbrella/",
    "fixtures/charts/umbrella/charts/backend",
    "fixtures/charts/umbrella/charts/backend/charts/cache",
    "fixtures/charts/umbrella/charts/common",
    "fixtures/charts/umbrella/charts/metrics-0.1.0.tgz",
    "fixtures/charts/umbrella/charts/worker",
  ]);
});
