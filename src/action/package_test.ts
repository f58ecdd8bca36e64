import assert from "node:assert/strict";
import { packageAction, parseSourceDateEpoch } from "./package.ts";
import { formatTable } from "./uitable.ts";
import { readPassphraseFile } from "./package_sign.ts";

const FIXTURES = new URL("../../fixtures/charts/", import.meta.url).pathname;

Deno.test("package --sign checks --key and --keyring first, as helm does", async () => {
  const out: string[] = [];
  await assert.rejects(() => packageAction({ paths: ["x"], sign: true }, (t) => out.push(t)), {
    message: "--key is required for signing a package",
  });
  await assert.rejects(() => packageAction({ paths: ["x"], sign: true, key: "k" }, (t) => out.push(t)), {
    message: "--keyring is required for signing a package",
  });
  assert.deepEqual(out, []);
});

Deno.test("package --sign with a missing keyring leaves the archive but reports the error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out: string[] = [];
    await assert.rejects(
      () =>
        packageAction(
          {
            paths: [`${FIXTURES}webapp`],
            destination: dir,
            sign: true,
            key: "k",
            keyring: `${dir}/none.gpg`,
          },
          (t) => out.push(t),
        ),
      { message: `open ${dir}/none.gpg: no such file or directory` },
    );
    assert.deepEqual(out, []);
    await Deno.stat(`${dir}/webapp-1.4.2.tgz`);
    await assert.rejects(() => Deno.stat(`${dir}/webapp-1.4.2.tgz.prov`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readPassphraseFile: first line of a file or of piped stdin, helm's errors otherwise", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/pw`, "pass word\r\nsecond\n");
    assert.equal(await readPassphraseFile(`${dir}/pw`), "pass word");
    await Deno.writeTextFile(`${dir}/empty`, "");
    await assert.rejects(() => readPassphraseFile(`${dir}/empty`), { message: "EOF" });
    await assert.rejects(() => readPassphraseFile(`${dir}/none`), {
      message: `open ${dir}/none: no such file or directory`,
    });
    const stdin = (isFifo: boolean) => ({
      readable: new Blob(["from stdin\n"]).stream(),
      stat: () => Promise.resolve({ isFifo }),
    });
    assert.equal(await readPassphraseFile("-", stdin(true)), "from stdin");
    await assert.rejects(() => readPassphraseFile("-", stdin(false)), {
      message: "specified reading passphrase from stdin, without input on stdin",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
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
