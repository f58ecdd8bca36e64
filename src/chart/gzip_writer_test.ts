import assert from "node:assert/strict";
import fc from "fast-check";
import { goAvailable, type GzipOracleOptions, runGzipOracle } from "../../scripts/lib/gzip_oracle.ts";
import { ChartaError } from "../errors/mod.ts";
import { InputBuffer, isEOF } from "./goio.ts";
import { crc32, GzipReader } from "./gzip.ts";
import { gzipCompress, type GzipHeader, GzipWriter } from "./gzip_writer.ts";
import { concatBytes } from "../bytes/mod.ts";

const HAVE_GO = await goAvailable();
const HELM_EXTRA = new TextEncoder().encode("rr\x28\x00aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=");
const enc = new TextEncoder();

/** Decompresses with the repository's Go-port gzip reader (which checks the CRC-32 and size). */
async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  let done = false;
  const z = await GzipReader.open(
    new InputBuffer(() => {
      if (done) return Promise.resolve(null);
      done = true;
      return Promise.resolve(data);
    }),
  );
  const parts: Uint8Array[] = [];
  const buf = new Uint8Array(1 << 16);
  for (;;) {
    const [n, err] = await z.read(buf);
    parts.push(buf.slice(0, n));
    if (isEOF(err)) break;
    if (err) throw err;
  }
  return concatBytes(parts);
}

/** Ours, written in the oracle's chunks. */
function gzipChunked(data: Uint8Array, header: GzipHeader, level: number, chunks?: number[]): Uint8Array {
  const z = new GzipWriter(header, level);
  const parts: Uint8Array[] = [];
  if (!chunks) parts.push(z.write(data));
  else {
    for (let i = 0, p = 0; p < data.length; i++) {
      const n = Math.min(chunks[i % chunks.length], data.length - p);
      parts.push(z.write(data.subarray(p, p + n)));
      p += n;
    }
  }
  parts.push(z.close());
  return concatBytes(parts);
}

async function assertSameAsGo(data: Uint8Array, header: GzipHeader, level: number, chunks?: number[]) {
  const ours = gzipChunked(data, header, level, chunks);
  const options: GzipOracleOptions = {
    level,
    chunks,
    name: header.name,
    comment: header.comment,
    extra: header.extra,
    modTime: header.modTime ? Math.floor(header.modTime.getTime() / 1000) : undefined,
    os: header.os,
  };
  const go = await runGzipOracle(data, options);
  if (ours.length !== go.length || !ours.every((x, i) => x === go[i])) {
    let i = 0;
    while (i < ours.length && ours[i] === go[i]) i++;
    assert.fail(
      `level ${level}, ${data.length} bytes: first difference at byte ${i} (ours ${ours.length}, Go ${go.length})`,
    );
  }
}

Deno.test("gzip writer: header fields as Go writes them", () => {
  const out = gzipCompress(new Uint8Array(0), {});
  // No flags, no time, XFL 0, OS 255, the empty final block, CRC 0 and size 0.
  assert.deepEqual(
    out,
    Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255, 1, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]),
  );
  const helm = gzipCompress(enc.encode("x"), { extra: HELM_EXTRA, comment: "Helm" });
  assert.equal(helm[3], 0x14);
  assert.deepEqual(helm.subarray(10, 12), Uint8Array.from([HELM_EXTRA.length, 0]));
  assert.deepEqual(helm.subarray(12, 12 + HELM_EXTRA.length), HELM_EXTRA);
  assert.equal(
    new TextDecoder().decode(helm.subarray(12 + HELM_EXTRA.length, 17 + HELM_EXTRA.length)),
    "Helm\0",
  );
  assert.equal(gzipCompress(new Uint8Array(1), {}, 9)[8], 2);
  assert.equal(gzipCompress(new Uint8Array(1), {}, 1)[8], 4);
  const timed = gzipCompress(new Uint8Array(1), {
    modTime: new Date(1700000000_000),
    os: 3,
    name: "caf\u00e9",
  });
  assert.equal(new DataView(timed.buffer).getUint32(4, true), 1700000000);
  assert.equal(timed[9], 3);
  assert.equal(timed[3], 0x08);
  assert.deepEqual(timed.subarray(10, 15), Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0]));
  // Times up to the epoch are not written.
  assert.equal(
    new DataView(gzipCompress(new Uint8Array(1), { modTime: new Date(-5000) }).buffer).getUint32(4),
    0,
  );
  // An empty extra field is still a field.
  assert.equal(gzipCompress(new Uint8Array(1), { extra: new Uint8Array(0) })[3], 0x04);
});

Deno.test("crc32: the IEEE check value, and the same result however the input is split", () => {
  assert.equal(crc32(0, enc.encode("123456789")), 0xcbf43926);
  const data = enc.encode("slicing by eight must agree with a byte at a time ".repeat(7));
  let bytewise = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    let c = (bytewise ^ data[i]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    bytewise = (c ^ (bytewise >>> 8)) >>> 0;
  }
  const whole = crc32(0, data);
  assert.equal(whole, ~bytewise >>> 0);
  for (const cut of [0, 1, 7, 8, 9, 100, data.length]) {
    assert.equal(crc32(crc32(0, data.subarray(0, cut)), data.subarray(cut)), whole, `cut at ${cut}`);
  }
});

Deno.test("gzip writer: round trip through the gzip reader, CRC and size checked", async () => {
  const text = enc.encode("apiVersion: v2\nname: web\nversion: 1.0.0\n".repeat(5000));
  for (const level of [-2, -1, 0, 1, 5, 9]) {
    assert.deepEqual(await gunzip(gzipCompress(text, { comment: "Helm" }, level)), text);
    assert.deepEqual(await gunzip(gzipChunked(text, {}, level, [512, 10000])), text);
  }
  assert.deepEqual(await gunzip(gzipCompress(new Uint8Array(0))), new Uint8Array(0));
});

Deno.test("gzip writer: bad levels, header fields and use after close give Go's errors", () => {
  for (const level of [-3, 10, 2.5]) {
    assert.throws(() => new GzipWriter({}, level), (e: unknown) => {
      assert.ok(e instanceof ChartaError);
      assert.equal(e.message, `gzip: invalid compression level: ${level}`);
      return true;
    });
  }
  const latin1 = /^ChartaError: gzip\.Write: non-Latin-1 header string$/;
  assert.throws(() => new GzipWriter({ name: "a\u20acb" }).write(new Uint8Array(1)), latin1);
  assert.throws(() => new GzipWriter({ comment: "nul\0" }).close(), latin1);
  assert.throws(
    () => gzipCompress(new Uint8Array(1), { extra: new Uint8Array(0x10000) }),
    /^ChartaError: gzip\.Write: Extra data is too large$/,
  );
  const z = new GzipWriter();
  z.write(enc.encode("data"));
  assert.equal(z.close().length > 8, true);
  assert.equal(z.close().length, 0);
  assert.throws(() => z.write(new Uint8Array(1)), /^ChartaError: flate: closed writer$/);
});

Deno.test({
  name: "gzip writer: the same bytes as Go's compress/gzip (helm's header, every level, chunked writes)",
  ignore: !HAVE_GO,
  async fn() {
    const text = enc.encode(
      Array.from(
        { length: 3000 },
        (_, i) => `  - name: item-${i % 97}\n    value: "{{ .Values.v${i % 13} }}"\n`,
      ).join(""),
    );
    const helm: GzipHeader = { extra: HELM_EXTRA, comment: "Helm" };
    for (const level of [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      await assertSameAsGo(text, helm, level);
      await assertSameAsGo(text, helm, level, [512, 512, 1536, 100]);
    }
    await assertSameAsGo(new Uint8Array(0), helm, -1);
    await assertSameAsGo(
      enc.encode("x"),
      { name: "caf\u00e9.txt", modTime: new Date(1700000000_000), os: 3 },
      -1,
    );
    await assertSameAsGo(enc.encode("x"), { extra: new Uint8Array(0), comment: "c" }, 9);
  },
});

/** Inputs with matches of every length and distance: pieces of a small alphabet, repeats of earlier bytes, noise. */
const compressible = fc.array(
  fc.oneof(
    fc.string({ unit: fc.constantFrom("a", "b", "c", " ", "\n", "{{", "}}"), maxLength: 200 }).map((s) => ({
      text: s,
    })),
    fc.record({ back: fc.nat(40000), length: fc.integer({ min: 3, max: 600 }) }),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })),
    fc.integer({ min: 1, max: 70000 }).map((zeros) => ({ zeros })),
  ),
  { maxLength: 120 },
).map((pieces) => {
  const out: number[] = [];
  for (const p of pieces) {
    if ("text" in p) { for (const b of enc.encode(p.text)) out.push(b); }
    else if ("bytes" in p) { for (const b of p.bytes) out.push(b); }
    else if ("zeros" in p) { for (let i = 0; i < p.zeros; i++) out.push(0); }
    else if (out.length > 0) {
      const start = Math.max(0, out.length - 1 - p.back);
      for (let i = 0; i < p.length; i++) out.push(out[start + (i % (out.length - start))]);
    }
  }
  return Uint8Array.from(out);
});

Deno.test({
  name: "property: random inputs, levels and write sizes give Go's bytes",
  ignore: !HAVE_GO,
  async fn() {
    await fc.assert(
      fc.asyncProperty(
        compressible,
        fc.integer({ min: -2, max: 9 }),
        fc.option(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 4 }), {
          nil: undefined,
        }),
        async (data, level, chunks) => {
          await assertSameAsGo(data, { extra: HELM_EXTRA, comment: "Helm" }, level, chunks);
        },
      ),
      { numRuns: 250 },
    );
  },
});
