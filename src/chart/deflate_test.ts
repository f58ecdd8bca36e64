import assert from "node:assert/strict";
import { goAvailable, runGzipOracle } from "../../scripts/lib/gzip_oracle.ts";
import { ChartaError } from "../errors/mod.ts";
import { deflateRaw, DeflateWriter } from "./deflate.ts";
import { InputBuffer } from "./goio.ts";
import { Inflater } from "./inflate.ts";
import { isEOF } from "./goio.ts";

const HAVE_GO = await goAvailable();
const LEVELS = [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
  }
  return out;
}

/** Text with the statistics of chart sources: YAML-ish lines from a small vocabulary, repeated with variations. */
function chartText(n: number, seed = 7): Uint8Array {
  const words = [
    "name",
    "image",
    "tag",
    "replicas",
    "{{ .Values",
    "}}",
    "- port:",
    "metadata:",
    "labels:",
    "app",
  ];
  const rnd = randomBytes(n, seed);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < n; i++) {
    const indent = " ".repeat((rnd[i % n] & 3) * 2);
    const line = `${indent}${words[rnd[(i + 1) % n] % words.length]}: ${
      words[rnd[(i + 2) % n] % words.length]
    }${rnd[(i + 3) % n]}\n`;
    parts.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(parts.join("")).subarray(0, n);
}

/** The repository's fixture files, concatenated: real YAML, templates and JSON. */
function fixtureText(max: number): Uint8Array {
  const out = new Uint8Array(max);
  let n = 0;
  const walk = (dir: string) => {
    const entries = [...Deno.readDirSync(dir)].sort((a, b) => a.name < b.name ? -1 : 1);
    for (const e of entries) {
      if (n >= max) return;
      const path = `${dir}/${e.name}`;
      if (e.isDirectory) walk(path);
      else if (e.isFile) {
        const data = Deno.readFileSync(path);
        const k = Math.min(data.length, max - n);
        out.set(data.subarray(0, k), n);
        n += k;
      }
    }
  };
  walk(new URL("../../fixtures", import.meta.url).pathname);
  // Repeat what there is when the fixtures are smaller than asked for.
  for (let i = n; i < max; i++) out[i] = out[i - n];
  return out;
}

/** Decodes raw DEFLATE with the repository's Go-port inflater. */
async function inflate(data: Uint8Array): Promise<Uint8Array> {
  let done = false;
  const inf = new Inflater(
    new InputBuffer(() => {
      if (done) return Promise.resolve(null);
      done = true;
      return Promise.resolve(data);
    }),
  );
  const parts: Uint8Array[] = [];
  let total = 0;
  const buf = new Uint8Array(1 << 16);
  for (;;) {
    const [n, err] = await inf.read(buf);
    parts.push(buf.slice(0, n));
    total += n;
    if (isEOF(err)) break;
    if (err) throw err;
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** Ours, cut into writes as the oracle's `-chunks` cuts them, with optional flushes. */
function deflateChunked(data: Uint8Array, level: number, chunks?: number[], flush = false): Uint8Array {
  const w = new DeflateWriter(level);
  const parts: Uint8Array[] = [];
  if (!chunks) parts.push(w.write(data));
  else {
    for (let i = 0, p = 0; p < data.length; i++) {
      const n = Math.min(chunks[i % chunks.length], data.length - p);
      parts.push(w.write(data.subarray(p, p + n)));
      if (flush) parts.push(w.flush());
      p += n;
    }
  }
  parts.push(w.close());
  const out = new Uint8Array(parts.reduce((s, x) => s + x.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

function firstDifference(a: Uint8Array, b: Uint8Array): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `first difference at byte ${i} (ours ${a.length} bytes, Go ${b.length})`;
}

async function assertSameAsGo(
  name: string,
  data: Uint8Array,
  level: number,
  chunks?: number[],
  flush = false,
) {
  const ours = deflateChunked(data, level, chunks, flush);
  const go = await runGzipOracle(data, { raw: true, level, chunks, flush });
  if (ours.length !== go.length || !ours.every((x, i) => x === go[i])) {
    assert.fail(`${name}, level ${level}${chunks ? `, chunks ${chunks}` : ""}: ${firstDifference(ours, go)}`);
  }
}

const SMALL: [string, Uint8Array][] = [
  ["empty", new Uint8Array(0)],
  ["1 byte", new Uint8Array([0x41])],
  ["4 bytes", new TextEncoder().encode("abcd")],
  ["16 bytes", randomBytes(16)],
  ["17 bytes", randomBytes(17)],
  ["16 zeros", new Uint8Array(16)],
  ["17 zeros", new Uint8Array(17)],
  ["127 bytes of text", chartText(127)],
  ["128 bytes of text", chartText(128)],
  ["zeros 1000", new Uint8Array(1000)],
  ["text 5000", chartText(5000)],
];

const WINDOW = 1 << 15;

const LARGE: [string, Uint8Array][] = [
  ["zeros 300000", new Uint8Array(300000)],
  ["random 100000 (stored)", randomBytes(100000)],
  ["random 65535", randomBytes(65535, 3)],
  ["text 32767", chartText(32767)],
  ["text 32768", chartText(32768)],
  ["text 32769", chartText(32769)],
  ["text 65274 (where the window slides)", chartText(65274)],
  ["text 65535", chartText(65535)],
  ["text 65536", chartText(65536)],
  ["text 65537", chartText(65537)],
  ["fixtures 400000", fixtureText(400000)],
  ["long matches", new TextEncoder().encode("the same sentence, over and over; ".repeat(6000))],
  [
    "random 32 KiB, three times (matches exactly a window back)",
    (() => {
      const block = randomBytes(WINDOW, 9);
      const out = new Uint8Array(3 * WINDOW);
      for (let i = 0; i < 3; i++) out.set(block, i * WINDOW);
      return out;
    })(),
  ],
  [
    "random 32 KiB, then a copy with every 40th byte changed (short matches a window back)",
    (() => {
      const out = new Uint8Array(2 * WINDOW);
      out.set(randomBytes(WINDOW, 17));
      out.copyWithin(WINDOW, 0, WINDOW);
      for (let i = WINDOW; i < out.length; i += 40) out[i] ^= 0x55;
      return out;
    })(),
  ],
  [
    "noise with short repeats (barely compressible)",
    (() => {
      const out = randomBytes(300000, 13);
      for (let i = 200; i + 12 < out.length; i += 97) out.copyWithin(i, i - 150, i - 138);
      return out;
    })(),
  ],
  [
    "alternating runs",
    (() => {
      // Runs of one byte and random stretches: long matches next to stored-worthy data.
      const out = new Uint8Array(200000);
      const r = randomBytes(out.length, 11);
      for (let i = 0; i < out.length; i++) out[i] = (i >> 12) & 1 ? r[i] : 0x20;
      return out;
    })(),
  ],
];

Deno.test("deflate: small inputs, every level, round trip through the inflater", async () => {
  for (const level of LEVELS) {
    for (const [name, data] of [...SMALL, ...LARGE]) {
      const out = deflateRaw(data, level);
      assert.deepEqual(await inflate(out), data, `${name}, level ${level}`);
    }
  }
});

Deno.test("deflate: an empty stream is Go's final empty stored block", () => {
  assert.deepEqual(deflateRaw(new Uint8Array(0)), Uint8Array.from([1, 0, 0, 0xff, 0xff]));
});

Deno.test("deflate: bad levels and use after close give Go's errors", () => {
  for (const level of [-3, 10, 1.5, NaN]) {
    assert.throws(() => new DeflateWriter(level), (e: unknown) => {
      assert.ok(e instanceof ChartaError);
      assert.equal(e.message, `flate: invalid compression level ${level}: want value in range [-2, 9]`);
      return true;
    });
  }
  const w = new DeflateWriter(6);
  w.write(new Uint8Array(10));
  assert.ok(w.close().length > 0);
  assert.equal(w.close().length, 0);
  assert.throws(() => w.write(new Uint8Array(1)), /^ChartaError: flate: closed writer$/);
  assert.throws(() => w.flush(), /flate: closed writer/);
});

Deno.test("deflate: output does not depend on how the input is cut into writes", () => {
  const data = fixtureText(300000);
  for (const level of LEVELS) {
    const whole = deflateRaw(data, level);
    for (const chunks of [[512], [1, 7, 300, 4096], [65535, 3]]) {
      assert.deepEqual(deflateChunked(data, level, chunks), whole, `level ${level}, chunks ${chunks}`);
    }
  }
});

Deno.test({
  name: "deflate: the same bytes as Go's compress/flate (small inputs, every level)",
  ignore: !HAVE_GO,
  async fn() {
    for (const level of LEVELS) {
      for (const [name, data] of SMALL) await assertSameAsGo(name, data, level);
    }
  },
});

Deno.test({
  name: "deflate: the same bytes as Go's compress/flate (window and block boundaries, every level)",
  ignore: !HAVE_GO,
  async fn() {
    for (const level of LEVELS) {
      for (const [name, data] of LARGE) await assertSameAsGo(name, data, level);
    }
  },
});

Deno.test({
  name: "deflate: the same bytes as Go's compress/flate (more than 1 MB, several levels)",
  ignore: !HAVE_GO,
  async fn() {
    const big = new Uint8Array(1_500_000);
    big.set(fixtureText(1_000_000));
    big.set(randomBytes(200_000, 5), 1_000_000);
    big.set(chartText(300_000), 1_200_000);
    for (const level of [-2, -1, 0, 1, 2, 4, 9]) await assertSameAsGo("1.5 MB mixed", big, level);
  },
});

Deno.test({
  name: "deflate: the same bytes as Go's compress/flate for chunked writes and flushes",
  ignore: !HAVE_GO,
  async fn() {
    const data = fixtureText(200000);
    for (const level of LEVELS) {
      await assertSameAsGo("tar-like 512-byte writes", data, level, [512]);
      await assertSameAsGo("odd writes", data, level, [1, 7, 300, 4096, 70000]);
      await assertSameAsGo("flushed writes", data.subarray(0, 50000), level, [3000, 17], true);
    }
  },
});
