import assert from "node:assert/strict";
import fc from "fast-check";
import { loadArchiveFiles } from "./archive.ts";
import { ChartLoadError } from "./errors.ts";
import { loadArchive } from "./loader.ts";
import { chartYaml, fixChecksum, gzip, tar, type TarEntry, tgz } from "./test_helpers.ts";

const LIMIT_MS = 5000;

/** Loads or refuses, within a time limit; anything but a ChartLoadError fails the property. */
async function loadsOrRefuses(data: Uint8Array): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${LIMIT_MS} ms`)), LIMIT_MS);
  });
  try {
    const files = await Promise.race([loadArchiveFiles(data), timeout]);
    let total = 0;
    for (const f of files) {
      assert.ok(!f.name.startsWith("/") && !f.name.startsWith(".."), `unsafe name ${f.name}`);
      assert.ok(!/^[a-zA-Z]:\//.test(f.name), `drive name ${f.name}`);
      assert.ok(f.data.length <= 5 * 1024 * 1024);
      total += f.data.length;
    }
    assert.ok(total < 100 * 1024 * 1024);
    assert.ok(files.length > 0);
  } catch (e) {
    if (!(e instanceof ChartLoadError)) throw e;
    assert.ok(e.message.length > 0);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("property: random bytes are refused with a clear error", async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => await loadsOrRefuses(bytes)),
    { numRuns: 300 },
  );
});

Deno.test("property: random bytes behind a gzip header are refused with a clear error", async () => {
  const header = new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      const data = new Uint8Array(header.length + bytes.length);
      data.set(header);
      data.set(bytes, header.length);
      await loadsOrRefuses(data);
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: gzipped random bytes (random tar streams) are refused or loaded", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 4096 }),
      async (bytes) => await loadsOrRefuses(await gzip(bytes)),
    ),
    { numRuns: 200 },
  );
});

const segment = fc.constantFrom(
  "c",
  "Chart.yaml",
  "templates",
  "..",
  ".",
  "",
  "a\\b",
  "C:",
  "x.yaml",
  "é",
  "charts",
);
export const entry: fc.Arbitrary<TarEntry> = fc.record({
  name: fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom("/", "\\")).map((
    [s, sep],
  ) => s.join(sep)),
  data: fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 600 })),
  type: fc.constantFrom("0", "\0", "1", "2", "3", "5", "6", "7", "g", "x", "L", "K", "S", "Z"),
  mode: fc.constantFrom(0o644, 0o40755, 0o120777, 0o10644),
  size: fc.option(fc.nat({ max: 2000 }), { nil: undefined }),
  pax: fc.option(
    fc.dictionary(
      fc.constantFrom("path", "size", "mtime", "uid", "linkpath", "GNU.sparse.map", "comment"),
      fc.string({ maxLength: 12 }),
      {
        maxKeys: 2,
      },
    ),
    { nil: undefined },
  ),
});

Deno.test("property: random tar entries load safely or are refused", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(entry, { maxLength: 6 }), fc.boolean(), async (entries, end) => {
      await loadsOrRefuses(await tgz(entries, end));
    }),
    { numRuns: 300 },
  );
});

Deno.test("property: mutated headers of a valid archive (checksums fixed) load safely or are refused", async () => {
  const base = tar([
    { name: "c/Chart.yaml", data: chartYaml("c") },
    { name: "c/templates/a.yaml", data: "kind: A\n" },
    { name: "c/values.yaml", data: "a: 1\n" },
  ]);
  const headers = [0, 1024, 2048];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...headers),
      fc.array(fc.tuple(fc.nat({ max: 511 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }),
      async (at, edits) => {
        const t = base.slice();
        for (const [i, b] of edits) t[at + i] = b;
        fixChecksum(t.subarray(at, at + 512));
        await loadsOrRefuses(await gzip(t));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("property: truncated or bit-flipped archives are refused with a clear error or load", async () => {
  const base = await tgz([
    { name: "c/Chart.yaml", data: chartYaml("c") },
    { name: "c/values.yaml", data: "a: 1\nb: [1, 2, 3]\n".repeat(50) },
  ]);
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: base.length }),
      fc.nat({ max: base.length - 1 }),
      fc.nat({ max: 7 }),
      async (cut, at, bit) => {
        await loadsOrRefuses(base.slice(0, cut));
        const flipped = base.slice();
        flipped[at] ^= 1 << bit;
        await loadsOrRefuses(flipped);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("property: whole-chart loading of random archives only fails with ChartLoadError", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(entry, { maxLength: 4 }), async (entries) => {
      const data = await tgz([{ name: "c/Chart.yaml", data: chartYaml("c") }, ...entries]);
      try {
        await loadArchive(data);
      } catch (e) {
        if (!(e instanceof ChartLoadError)) throw e;
      }
    }),
    { numRuns: 200 },
  );
});
