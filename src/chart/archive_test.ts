import assert from "node:assert/strict";
import { ensureArchive, loadArchiveFiles } from "./archive.ts";
import { ChartLoadError } from "./errors.ts";
import { chartYaml, concat, fixChecksum, gzip, tar, tarHeader, tgz } from "./test_helpers.ts";

const dec = new TextDecoder();

async function names(src: Uint8Array | ReadableStream<Uint8Array>): Promise<string[]> {
  return (await loadArchiveFiles(src)).map((f) => f.name);
}

async function refused(
  src: Uint8Array,
  message: string,
  limits?: { maxChartSize: number; maxFileSize: number },
) {
  await assert.rejects(() => loadArchiveFiles(src, limits), (e: unknown) => {
    assert.ok(e instanceof ChartLoadError, `not a ChartLoadError: ${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

const CHART = { name: "c/Chart.yaml", data: chartYaml("c") };

Deno.test("archive: files lose the top folder, keep order and mtime; BOM stripped; dirs skipped", async () => {
  const files = await loadArchiveFiles(
    await tgz([
      { name: "c/", type: "5" },
      CHART,
      { name: "c/templates/", type: "5" },
      { name: "c/templates/a.yaml", data: "\ufeffkind: A\n" },
      { name: "c/d", mode: 0o40755 }, // a directory by its mode bits
      { name: "c/legacy/", type: "\0" }, // old-style directory
      { name: "c/values.yaml", data: "a: 1\n", mtime: 1234567890 },
    ]),
  );
  assert.deepEqual(files.map((f) => f.name), ["Chart.yaml", "templates/a.yaml", "values.yaml"]);
  assert.equal(dec.decode(files[1].data), "kind: A\n");
  assert.equal(files[2].modTime?.getTime(), 1234567890 * 1000);
});

Deno.test("archive: streams from a ReadableStream in small chunks", async () => {
  const data = await tgz([CHART, { name: "c/big.txt", data: "x".repeat(200_000) }]);
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (i >= data.length) return ctl.close();
      ctl.enqueue(data.slice(i, i + 7));
      i += 7;
    },
  });
  const files = await loadArchiveFiles(stream);
  assert.deepEqual(files.map((f) => [f.name, f.data.length]), [["Chart.yaml", 38], ["big.txt", 200_000]]);
});

Deno.test("archive: Windows separators, PAX names and USTAR prefixes", async () => {
  assert.deepEqual(
    await names(
      await tgz([{ name: "c\\Chart.yaml", data: "x" }, { name: "c\\templates\\a.yaml", data: "y" }]),
    ),
    ["Chart.yaml", "templates/a.yaml"],
  );
  const long = "c/templates/" + "p".repeat(150) + ".yaml";
  assert.deepEqual(await names(await tgz([CHART, { name: "short", data: "x", pax: { path: long } }])), [
    "Chart.yaml",
    long.slice(2),
  ]);
  assert.deepEqual(await names(await tgz([{ name: "Chart.yaml", prefix: "c", data: "x" }])), ["Chart.yaml"]);
});

Deno.test("archive: links and special entries load as (empty) files, as in helm", async () => {
  const files = await loadArchiveFiles(
    await tgz([CHART, { name: "c/l", type: "2", linkname: "Chart.yaml" }, { name: "c/f", type: "6" }]),
  );
  assert.deepEqual(files.map((f) => [f.name, f.data.length]), [["Chart.yaml", 38], ["l", 0], ["f", 0]]);
  // A link whose header claims a size never delivers it.
  await refused(
    await tgz([CHART, { name: "c/l", type: "2", linkname: "Chart.yaml", size: 10 }]),
    "decompressed chart is larger than the maximum size 104857600",
  );
});

Deno.test("archive: path rules refuse what helm refuses, with helm's messages", async () => {
  await refused(
    await tgz([CHART, { name: "c//etc/passwd", data: "x" }]),
    "chart illegally contains absolute paths",
  );
  await refused(
    await tgz([CHART, { name: "c/../../x", data: "x" }]),
    "chart illegally references parent directory",
  );
  await refused(
    await tgz([CHART, { name: "c/..foo", data: "x" }]),
    "chart illegally references parent directory",
  );
  await refused(await tgz([CHART, { name: "c\\c:\\x", data: "x" }]), "chart contains illegally named files");
  await refused(
    await tgz([{ name: "Chart.yaml", data: "x" }]),
    'chart illegally contains content outside the base directory: "Chart.yaml"',
  );
  await refused(
    await tgz([CHART, { name: "c/.", data: "x" }]),
    'chart illegally contains content outside the base directory: "c/."',
  );
  await refused(await tgz([{ name: "Chart.yaml/x", data: "x" }]), "chart yaml not in base directory");
  await refused(await tgz([]), "no files in chart archive");
  await refused(await tgz([{ name: "c/", type: "5" }]), "no files in chart archive");
});

Deno.test("archive: size limits (5 MiB a file, 100 MiB in all)", async () => {
  const five = new Uint8Array(5 * 1024 * 1024);
  assert.deepEqual(await names(await tgz([CHART, { name: "c/big", data: five }])), ["Chart.yaml", "big"]);
  await refused(
    await tgz([CHART, { name: "c/big", data: new Uint8Array(five.length + 1) }]),
    'decompressed chart file "c/big" is larger than the maximum file size 5242880',
  );
  // Checked against the header before anything is read.
  await refused(
    await tgz([CHART, { name: "c/huge", size: 200 * 1024 * 1024 }], false),
    "decompressed chart is larger than the maximum size 104857600",
  );
  const limits = { maxChartSize: 100, maxFileSize: 60 };
  await refused(
    await tgz([CHART, { name: "c/a", data: "x".repeat(61) }]),
    'decompressed chart file "c/a" is larger than the maximum file size 60',
    limits,
  );
  // The total must stay strictly below the limit (38 + 62 = 100).
  await refused(
    await tgz([CHART, { name: "c/a", data: "x".repeat(62) }]),
    "decompressed chart is larger than the maximum size 100",
    { ...limits, maxFileSize: 100 },
  );
  assert.deepEqual(
    (await loadArchiveFiles(await tgz([CHART, { name: "c/a", data: "x".repeat(61) }]), {
      ...limits,
      maxFileSize: 61,
    }))
      .length,
    2,
  );
});

// A chart archive made by CompressionStream (Chart.yaml and values.yaml),
// kept as bytes so that the offsets below do not depend on the compressor.
const BASE = Uint8Array.from(
  atob(
    "H4sIAAAAAAAA/+zUPQrDMAwFYM8+hU/gPAfFhqy9Q3dhDA0kacmPobcvLXTJ0sluofqWB1qk5Sk2pwsvm73zNKpCAMATvRLAMQHyylHXUgig59zBdV4ZqAr2deNFocquH8S34ZyWdbjOvcmtnnlKvYk6v2ewzkJ/+0pRSmwyj3taSz6Aj/1Hd+w/IUj/a+DeOKm3EEKov/MAAAD//wMA8H56UgAMAAA=",
  ),
  (c) => c.charCodeAt(0),
);

Deno.test("archive: truncated and corrupt archives fail with Go's gzip/flate/tar errors", async () => {
  // Expected results were produced by helm's own LoadArchiveFiles.
  assert.deepEqual(await names(BASE), ["Chart.yaml", "values.yaml"]);
  await refused(BASE.slice(0, 10), "unexpected EOF");
  await refused(BASE.slice(0, 30), "unexpected EOF");
  await refused(BASE.slice(0, BASE.length - 20), "unexpected EOF");
  // Only the trailer is missing: the tar ended before it was needed.
  assert.deepEqual(await names(BASE.slice(0, BASE.length - 8)), ["Chart.yaml", "values.yaml"]);
  const flip = (i: number, x: number) => {
    const c = BASE.slice();
    c[i] ^= x;
    return c;
  };
  await refused(flip(20, 0xff), "flate: corrupt input before offset 49");
  await refused(flip(12, 0x40), "flate: corrupt input before offset 9");
  await refused(concat([BASE.slice(0, 10), new Uint8Array([0x07])]), "flate: corrupt input before offset 1");
  await refused(tar([CHART]), "gzip: invalid header");
  await refused(new Uint8Array(0), "EOF");
  const badSum = tar([CHART]);
  badSum[0] = 0x64;
  await refused(await gzip(badSum), "archive/tar: invalid tar header");
  // A zero block followed by a non-zero block.
  await refused(
    await gzip(concat([tar([CHART], false), new Uint8Array(512), new Uint8Array([1]), new Uint8Array(511)])),
    "archive/tar: invalid tar header",
  );
  // A PAX record with a malformed size.
  await refused(
    await tgz([CHART, { name: "c/x", data: "hello", pax: { size: "abc" } }]),
    "archive/tar: invalid tar header",
  );
});

Deno.test("archive: gzip members are read one after another; what follows the tar end is not read", async () => {
  const one = tar([CHART], false);
  const two = tar([{ name: "c/values.yaml", data: "a: 1\n" }]);
  assert.deepEqual(await names(concat([await gzip(one), await gzip(two)])), ["Chart.yaml", "values.yaml"]);
  // Junk where the next member's header should be.
  await refused(concat([await gzip(one), new Uint8Array([1, 2, 3])]), "unexpected EOF");
  // After a complete tar, trailing junk is never reached (helm loads it).
  assert.deepEqual(await names(concat([BASE, new TextEncoder().encode("junk")])), [
    "Chart.yaml",
    "values.yaml",
  ]);
  // A tar without its end blocks ends cleanly.
  assert.deepEqual(await names(await gzip(one)), ["Chart.yaml"]);
});

Deno.test("archive: header checks (checksum, base-256 sizes, GNU long names)", async () => {
  // Base-256 size field.
  const h = tarHeader({ name: "c/a" }, 0);
  h.fill(0, 124, 136);
  h[124] = 0x80;
  h[135] = 3;
  fixChecksum(h);
  const data = concat([tarHeader(CHART, 38), pad(CHART.data), h, pad("abc"), new Uint8Array(1024)]);
  const files = await loadArchiveFiles(await gzip(data));
  assert.equal(dec.decode(files[1].data), "abc");
  // GNU long name ('L').
  const long = "c/" + "n".repeat(120);
  const l = concat([tarHeader({ name: "././@LongLink", type: "L" }, long.length + 1), pad(long + "\0")]);
  const withLong = concat([
    tarHeader(CHART, 38),
    pad(CHART.data),
    l,
    tarHeader({ name: "x" }, 1),
    pad("z"),
    new Uint8Array(1024),
  ]);
  assert.deepEqual(await names(await gzip(withLong)), ["Chart.yaml", "n".repeat(120)]);
});

function pad(s: string | Uint8Array): Uint8Array {
  const b = typeof s === "string" ? new TextEncoder().encode(s) : s;
  const out = new Uint8Array(Math.ceil(b.length / 512) * 512);
  out.set(b);
  return out;
}

Deno.test("archive: GNU sparse files expand their holes", async () => {
  // An old-GNU sparse entry: 3 data bytes at offset 4 of a 10-byte file.
  const h = tarHeader({ name: "c/s", type: "S" }, 3);
  h.set(new TextEncoder().encode("ustar  \0"), 257);
  const field = (off: number, n: number, width: number) =>
    h.set(new TextEncoder().encode(n.toString(8).padStart(width - 1, "0") + "\0"), off);
  field(386, 4, 12); // offset
  field(398, 3, 12); // length
  field(483, 10, 12); // real size
  fixChecksum(h);
  const data = concat([tarHeader(CHART, 38), pad(CHART.data), h, pad("abc"), new Uint8Array(1024)]);
  const files = await loadArchiveFiles(await gzip(data));
  assert.deepEqual(Array.from(files[1].data), [0, 0, 0, 0, 97, 98, 99, 0, 0, 0]);
});

Deno.test("ensureArchive: helm's hints for things that are not gzip", () => {
  const enc = new TextEncoder();
  assert.throws(
    () => ensureArchive("values.yaml", enc.encode("a: 1\n")),
    { message: "file 'values.yaml' seems to be a YAML file, but expected a gzipped archive" },
  );
  // Go sniffs a zero-filled 512-byte buffer: a short text file is binary.
  assert.throws(
    () => ensureArchive("x.tgz", enc.encode("hi")),
    { message: "file 'x.tgz' does not appear to be a gzipped archive; got 'application/octet-stream'" },
  );
  assert.throws(
    () => ensureArchive("x.tgz", enc.encode("hello world\n".repeat(50))),
    { message: "file 'x.tgz' does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'" },
  );
  assert.throws(
    () => ensureArchive("x", enc.encode("<html><body>x</body></html>".repeat(30))),
    { message: "file 'x' does not appear to be a gzipped archive; got 'text/html; charset=utf-8'" },
  );
  assert.throws(
    () => ensureArchive("x", new Uint8Array([0x50, 0x4b, 3, 4, 1])),
    { message: "file 'x' does not appear to be a gzipped archive; got 'application/zip'" },
  );
  ensureArchive("x", new Uint8Array([0x1f, 0x8b, 8]));
});
