import assert from "node:assert/strict";
import {
  DownloadBar,
  downloadProgress,
  type DownloadProgressFactory,
  formatBytes,
  progressOptionFromEnv,
  readBodyWithProgress,
  urlLabel,
} from "./download.ts";
import { httpGet } from "../repo/http.ts";

/** A bar on a fake clock and terminal. */
function fakeBar(total: number | undefined, columns = 100) {
  let t = 1000;
  const writes: string[] = [];
  const bar = new DownloadBar("webapp-1.4.2.tgz", total, {
    write: (s) => void writes.push(s),
    now: () => t,
    columns: () => columns,
  });
  return { bar, writes, tick: (ms: number) => void (t += ms) };
}

Deno.test("formatBytes", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(5 * 1024 * 1024), "5.0 MiB");
  assert.equal(formatBytes(3 * 1024 ** 3), "3.0 GiB");
});

Deno.test("DownloadBar renders done/total, a bar and the rate", () => {
  const { bar, tick } = fakeBar(2 * 1024 * 1024);
  tick(2000);
  bar.update(1024 * 1024);
  assert.equal(
    bar.render(),
    "webapp-1.4.2.tgz  [##########..........]  1.0 MiB/2.0 MiB  512.0 KiB/s",
  );
  // More than announced: the bar stays full.
  bar.update(3 * 1024 * 1024);
  assert.match(bar.render(), /\[#{20}\] {2}3\.0 MiB\/2\.0 MiB/);
});

Deno.test("DownloadBar without a total: bytes and rate only", () => {
  const { bar, tick } = fakeBar(undefined);
  tick(1000);
  bar.update(2048);
  assert.equal(bar.render(), "webapp-1.4.2.tgz  2.0 KiB  2.0 KiB/s");
  // A zero or nonsense total counts as unknown.
  assert.equal(fakeBar(0).bar.render(), "webapp-1.4.2.tgz  0 B");
  assert.equal(fakeBar(NaN).bar.render(), "webapp-1.4.2.tgz  0 B");
});

Deno.test("DownloadBar never wraps on narrow terminals", () => {
  const { bar, tick } = fakeBar(1000, 30);
  tick(500);
  bar.update(500);
  const line = bar.render();
  assert.equal([...line].length, 29);
  assert.ok(line.endsWith("…"));
});

Deno.test("DownloadBar redraws at most every 100 ms, not before the first 100 ms, and clears when done", () => {
  const { bar, writes, tick } = fakeBar(1000);
  bar.update(100);
  tick(50);
  bar.update(200);
  assert.equal(writes.length, 0, "a quick download draws nothing");
  tick(50);
  bar.update(300);
  assert.equal(writes.length, 1);
  assert.ok(writes[0].startsWith("\r") && writes[0].endsWith("\x1b[K"));
  for (let i = 0; i < 9; i++) {
    tick(10);
    bar.update(300 + i);
  }
  assert.equal(writes.length, 1, "no redraw within 100 ms");
  tick(10);
  bar.update(400);
  assert.equal(writes.length, 2);
  bar.finish();
  assert.equal(writes.at(-1), "\r\x1b[K");
  bar.finish();
  assert.equal(writes.length, 3, "cleared once");
  // A bar never drawn clears nothing.
  const quiet = fakeBar(10);
  quiet.bar.update(10);
  quiet.bar.finish();
  assert.deepEqual(quiet.writes, []);
});

Deno.test("downloadProgress: auto only on a terminal; off and nothing give none", () => {
  assert.equal(downloadProgress("auto", false), undefined);
  assert.equal(typeof downloadProgress("auto", true), "function");
  assert.equal(downloadProgress("off", true), undefined);
  assert.equal(downloadProgress(undefined, true), undefined);
  const own: DownloadProgressFactory = () => ({ update() {}, finish() {} });
  assert.equal(downloadProgress(own, false), own);
  assert.equal(progressOptionFromEnv("off"), "off");
  assert.equal(progressOptionFromEnv("plain"), "auto");
  assert.equal(progressOptionFromEnv(undefined), "auto");
});

Deno.test("urlLabel: the file name of a URL", () => {
  assert.equal(urlLabel("https://h/charts/web%20app-1.0.0.tgz?x=1"), "web app-1.0.0.tgz");
  assert.equal(urlLabel("https://h/"), "https://h/");
  assert.equal(urlLabel("not a url"), "not a url");
});

/** A factory recording what it was told. */
function recorder() {
  const events: string[] = [];
  const factory: DownloadProgressFactory = (label, total) => {
    events.push(`start ${label} ${total}`);
    return { update: (n) => void events.push(`${n}`), finish: () => void events.push("finish") };
  };
  return { events, factory };
}

Deno.test("readBodyWithProgress reports each chunk against Content-Length and finishes", async () => {
  const { events, factory } = recorder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3]));
      c.enqueue(new Uint8Array([4, 5]));
      c.close();
    },
  });
  const res = new Response(body, { headers: { "content-length": "5" } });
  assert.deepEqual(await readBodyWithProgress(res, "x.tgz", factory), new Uint8Array([1, 2, 3, 4, 5]));
  assert.deepEqual(events, ["start x.tgz 5", "3", "5", "finish"]);
  // A body that breaks off still finishes the bar (the line is cleared) and fails.
  const broken = new Response(
    new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array([1]));
        c.error(new Error("connection reset"));
      },
    }),
  );
  const r2 = recorder();
  await assert.rejects(readBodyWithProgress(broken, "y", r2.factory, 10), { message: "connection reset" });
  assert.equal(r2.events[0], "start y 10");
  assert.equal(r2.events.at(-1), "finish");
});

Deno.test("httpGet: a progress option receives the chart download; none by default", async () => {
  const data = new Uint8Array(64 * 1024).fill(7);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => new Response(data));
  try {
    const url = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}/charts/webapp-1.4.2.tgz`;
    const { events, factory } = recorder();
    assert.deepEqual(await httpGet(url, { progress: factory }), data);
    assert.equal(events[0], `start webapp-1.4.2.tgz ${data.length}`);
    assert.equal(events.at(-2), `${data.length}`);
    assert.equal(events.at(-1), "finish");
    // "auto" draws nothing where stderr is no terminal; off never.
    assert.deepEqual(await httpGet(url, { progress: "off" }), data);
  } finally {
    await server.shutdown();
  }
});

Deno.test("RegistryClient.getBlob: the chart layer's bar gets the descriptor's size; digests still checked", async () => {
  const { RegistryClient, sha256Digest } = await import("../registry/client.ts");
  const blob = new TextEncoder().encode("chart bytes");
  const digest = await sha256Digest(blob);
  const fake = (() => Promise.resolve(new Response(blob))) as typeof fetch;
  const client = new RegistryClient({ plainHTTP: true, fetch: fake });
  try {
    const { events, factory } = recorder();
    const desc = {
      mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
      digest,
      size: blob.length,
    };
    assert.deepEqual(
      await client.getBlob("h:5000", "charts/webapp", desc, { factory, label: "webapp:1.0.0" }),
      blob,
    );
    assert.deepEqual(events, [`start webapp:1.0.0 ${blob.length}`, `${blob.length}`, "finish"]);
    await assert.rejects(
      client.getBlob("h:5000", "charts/webapp", { ...desc, size: 3 }, { factory, label: "webapp:1.0.0" }),
      /mismatched size/,
    );
  } finally {
    client.close();
  }
});
