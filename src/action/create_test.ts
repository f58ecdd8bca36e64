import assert from "node:assert/strict";
import { createAction, starterPath } from "./create.ts";
import { ChartaError } from "../errors/mod.ts";

Deno.test("starters are found by name under the starters directory, or by absolute path", () => {
  assert.equal(starterPath("web", "/data/starters"), "/data/starters/web");
  assert.equal(starterPath("./web", "/data/starters"), "/data/starters/web");
  assert.equal(starterPath("../../x", "/data/starters"), "/x");
  assert.equal(starterPath("/abs/web", "/data/starters"), "/abs/web");
});

Deno.test("createAction prints the Creating line before any error", async () => {
  let out = "";
  await assert.rejects(
    () => createAction({ name: "x", starterDir: "/nowhere", chartApiVersion: "v9" }, (t) => (out += t)),
    { message: "unsupported chart API version: v9 (supported: v2, v3)" },
  );
  assert.equal(out, "Creating x\n");
  await assert.rejects(
    () => createAction({ name: "x", starterDir: "/nowhere", chartApiVersion: "v3" }, () => {}),
    (e: Error) => e instanceof ChartaError && e.message.includes("HELM_EXPERIMENTAL_CHART_V3=1"),
  );
});

Deno.test("createAction makes the chart in the given path", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir());
  try {
    let out = "";
    await Deno.mkdir(`${dir}/web`);
    await createAction({ name: `${dir}/web/`, starterDir: `${dir}/starters` }, (t) => (out += t));
    assert.equal(out, `Creating ${dir}/web/\n`);
    // helm takes the last element as the name and everything before it, "web/" included, as the parent.
    assert.ok((await Deno.stat(`${dir}/web/web/Chart.yaml`)).isFile);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
