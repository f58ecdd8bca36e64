import assert from "node:assert/strict";
import { formatPAXRecord, tarTime, TarWriter } from "./tar_writer.ts";
import { loadArchiveFiles } from "./archive.ts";
import { gzipCompress } from "./gzip_writer.ts";

interface E {
  name: string;
  size: number;
  sec: number;
  nsec: number;
}

function tarOf(entries: E[]): Uint8Array {
  const tw = new TarWriter();
  const parts = entries.map((e) =>
    tw.file(
      { name: e.name, mode: 0o644, modTime: { seconds: e.sec, nanoseconds: e.nsec } },
      new Uint8Array(e.size).fill(0x79),
    )
  );
  parts.push(tw.close());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

async function sha256(b: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (x) => x.toString(16).padStart(2, "0")).join("");
}

// Digests and sizes of what Go 1.26's archive/tar Writer writes for the same headers
// (tar.Header{Name, Mode: 0644, Size, ModTime}, data of 'y' bytes).
const GO_CASES: Array<[string, E[], string, number]> = [
  [
    "plain USTAR",
    [{ name: "a/Chart.yaml", size: 10, sec: 1704164645, nsec: 0 }],
    "81571aebd3bd194cb7da6e9fd49c912af3b1cb796bf4428257c5290078066ef7",
    2048,
  ],
  [
    "long name split into USTAR prefix, time rounded down",
    [{ name: `a/${"d".repeat(60)}/${"e".repeat(60)}/f.yaml`, size: 3, sec: 1704164645, nsec: 499999999 }],
    "d141c46c58834c1aea9c27b31cb95ffe47083751ad0dcc49e345c993fee88831",
    2048,
  ],
  [
    "base name over 100 bytes needs PAX, time rounded up",
    [{ name: `a/files/${"x".repeat(110)}.txt`, size: 0, sec: 1704164645, nsec: 500000000 }],
    "5f05202cdeb41d276538255f4b52010a24901d9a77ea7b094b0878ab0c97b710",
    2560,
  ],
  [
    "non-ASCII name needs PAX",
    [{ name: "a/files/café-ñ.txt", size: 5, sec: 0, nsec: 0 }],
    "7b4c53fd3d75b9283e4120c58eb33ffda0436d58d338c6ce7d9733352d4ebdfa",
    3072,
  ],
  [
    "negative time needs a PAX mtime",
    [{ name: "a/b", size: 700, sec: -5, nsec: 0 }],
    "ba6a5057cdad901a87466e489e6f7bc91de66d1362d8c9452676f934d2207ebb",
    3584,
  ],
  [
    "prefix too long for USTAR",
    [{ name: `a/${"p".repeat(160)}/${"q".repeat(80)}`, size: 1, sec: 1, nsec: 0 }],
    "293c179f52d8e8779b8488dbc04c9ca8bd3e9d23087cc4aa434ff2b2c5c3d99e",
    3072,
  ],
  [
    "exactly 100 bytes, block-sized data, time beyond octal",
    [{ name: "r".repeat(100), size: 512, sec: 99, nsec: 0 }, {
      name: "s",
      size: 513,
      sec: 8589934592,
      nsec: 0,
    }],
    "28784105b86adeb83d3bee2c277cf22e5f4dea947cbba2731ff9f90746982ebd",
    4608,
  ],
  [
    "PAX record length crossing 100",
    [{ name: `ñ${"z".repeat(89)}`, size: 1, sec: 1, nsec: 0 }],
    "4b7a560cefa4654059ee1bb5ff10096f290b8cffd69a995087289715aacfd269",
    3072,
  ],
];

for (const [name, entries, digest, size] of GO_CASES) {
  Deno.test(`TarWriter writes Go's bytes: ${name}`, async () => {
    const tar = tarOf(entries);
    assert.equal(tar.length, size);
    assert.equal(await sha256(tar), digest);
  });
}

Deno.test("TarWriter output reads back with charta's (Go-exact) tar reader", async () => {
  const long = `c/${"x".repeat(120)}.txt`;
  const tgz = gzipCompress(tarOf([
    { name: "c/Chart.yaml", size: 3, sec: 1704164645, nsec: 0 },
    { name: long, size: 2, sec: 1704164645, nsec: 0 },
    { name: "c/é.txt", size: 1, sec: 1704164645, nsec: 0 },
  ]));
  const files = await loadArchiveFiles(tgz);
  assert.deepEqual(files.map((f) => f.name), ["Chart.yaml", long.slice(2), "é.txt"]);
  assert.equal(files[1].modTime?.getTime(), 1704164645000);
});

Deno.test("TarWriter refuses names Go's writer refuses", () => {
  const tw = new TarWriter();
  const t = { seconds: 0, nanoseconds: 0 };
  assert.throws(
    () => tw.file({ name: "a/", modTime: t }, new Uint8Array()),
    /filename may not have trailing slash/,
  );
  assert.throws(() => tw.file({ name: "a\0b", modTime: t }, new Uint8Array()), /invalid PAX record/);
  tw.close();
  assert.throws(() => tw.file({ name: "a", modTime: t }, new Uint8Array()), /write after close/);
});

Deno.test("formatPAXRecord counts its own length", () => {
  assert.equal(formatPAXRecord("path", "abc"), "12 path=abc\n");
  const r = formatPAXRecord("path", "x".repeat(91));
  assert.equal(r.length, 101);
  assert.ok(r.startsWith("101 "));
});

Deno.test("tarTime keeps milliseconds as nanoseconds", () => {
  assert.deepEqual(tarTime(new Date(1500)), { seconds: 1, nanoseconds: 500_000_000 });
  assert.deepEqual(tarTime(new Date(-1)), { seconds: -1, nanoseconds: 999_000_000 });
});
