import assert from "node:assert/strict";
import { packageAction, parseSourceDateEpoch } from "./package.ts";
import { formatTable } from "./uitable.ts";

const FIXTURES = new URL("../../fixtures/charts/", import.meta.url).pathname;

Deno.test("package --sign is refused clearly (after helm's own flag checks)", async () => {
  const out: string[] = [];
  await assert.rejects(() => packageAction({ paths: ["x"], sign: true }, (t) => out.push(t)), {
    message: "--key is required for signing a package",
  });
  await assert.rejects(
    () => packageAction({ paths: ["x"], sign: true, key: "k", keyring: "r" }, (t) => out.push(t)),
    {
      message: "signing chart archives (--sign) is not supported by charta yet",
    },
  );
  assert.deepEqual(out, []);
});

Deno.test("package into an unwritable destination fails with the path error", async () => {
  await assert.rejects(
    () => packageAction({ paths: [`${FIXTURES}webapp`], destination: "/dev/null/out" }, () => {}),
    { message: "failed to save: stat /dev/null/out: not a directory" },
  );
});

Deno.test("package --version must be semver", async () => {
  await assert.rejects(
    () => packageAction({ paths: [`${FIXTURES}webapp`], version: "one", destination: "/dev/null" }, () => {}),
    { message: "invalid semantic version" },
  );
});

Deno.test("package with SOURCE_DATE_EPOCH writes the same bytes whatever the file times", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out: string[] = [];
    await packageAction(
      { paths: [`${FIXTURES}webapp`], destination: `${dir}/a`, sourceDateEpoch: 1700000000 },
      (t) => out.push(t),
    );
    await new Deno.Command("cp", { args: ["-r", `${FIXTURES}webapp`, `${dir}/webapp`] }).output();
    await Deno.utime(`${dir}/webapp/values.yaml`, 5, 5);
    await packageAction(
      { paths: [`${dir}/webapp`], destination: `${dir}/b`, sourceDateEpoch: 1700000000 },
      () => {},
    );
    assert.deepEqual(out, [`Successfully packaged chart and saved it to: ${dir}/a/webapp-1.4.2.tgz\n`]);
    assert.deepEqual(
      await Deno.readFile(`${dir}/a/webapp-1.4.2.tgz`),
      await Deno.readFile(`${dir}/b/webapp-1.4.2.tgz`),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parseSourceDateEpoch accepts seconds and refuses anything else", () => {
  assert.equal(parseSourceDateEpoch(undefined), undefined);
  assert.equal(parseSourceDateEpoch(""), undefined);
  assert.equal(parseSourceDateEpoch("1700000000"), 1700000000);
  assert.throws(() => parseSourceDateEpoch("-1"), /invalid SOURCE_DATE_EPOCH "-1"/);
  assert.throws(() => parseSourceDateEpoch("1.5"), /invalid SOURCE_DATE_EPOCH/);
  assert.throws(() => parseSourceDateEpoch("99999999999999999999"), /invalid SOURCE_DATE_EPOCH/);
});

Deno.test("formatTable pads every cell and cuts wide ones as uitable does", () => {
  assert.equal(
    formatTable([["NAME", "STATUS"], ["a-long-name", "ok"]], 6),
    "NAME  \tSTATUS\na-l...\tok    ",
  );
  assert.equal(formatTable([["A", "B"], ["", "x"]]), "A\tB\n \tx");
});
