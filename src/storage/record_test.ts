import assert from "node:assert/strict";
import type { Release } from "../release/types.ts";
import type { Chart } from "../chart/types.ts";
import { fixedZone, GoTime, UTC } from "../gotime/mod.ts";
import {
  decodeBase64,
  decodeRelease,
  encodeRelease,
  formatReleaseTime,
  parseReleaseTime,
  RecordDecodeError,
  releaseFromJson,
  releaseToJson,
  slowFromJson,
  storedChart,
} from "./record.ts";
import { buildTestRelease } from "./test_helpers.ts";

const enc = new TextEncoder();

function minimal(): Release {
  return {
    name: "r",
    info: { status: "deployed" },
    config: null,
    manifest: "",
    version: 1,
    namespace: "default",
  };
}

Deno.test("releaseToJson: helm's field order and omitempty", () => {
  assert.equal(
    releaseToJson(minimal()),
    '{"name":"r","info":{"status":"deployed"},"version":1,"namespace":"default"}',
  );
  const r: Release = {
    ...minimal(),
    info: {
      first_deployed: "2024-01-02T03:04:05.5Z",
      last_deployed: "0001-01-01T00:00:00Z",
      deleted: "",
      description: "d <&>",
      status: "failed",
      notes: "",
    },
    config: { b: 1, a: [true, null, "x"] },
    chart: {
      metadata: {
        apiVersion: "v2",
        name: "c",
        version: "1.0.0",
        dependencies: [{ name: "d", enabled: false }],
      },
      lock: null,
      templates: [{ name: "templates/a.yaml", data: enc.encode("a: 1\n") }],
      values: {},
      schema: null,
      files: null,
    },
    hooks: [{
      name: "h",
      kind: "Job",
      path: "c/templates/h.yaml",
      manifest: "m",
      events: ["pre-install"],
      last_run: { phase: "" },
      weight: 0,
      delete_policies: [],
    }],
    apply_method: "ssa",
    labels: { not: "in the JSON" },
  };
  assert.equal(
    releaseToJson(r),
    '{"name":"r","info":{"first_deployed":"2024-01-02T03:04:05.5Z","description":"d \\u003c\\u0026\\u003e",' +
      '"status":"failed"},"chart":{"metadata":{"name":"c","version":"1.0.0","apiVersion":"v2",' +
      '"dependencies":[{"name":"d","repository":""}]},"lock":null,"templates":[{"name":"templates/a.yaml",' +
      '"data":"YTogMQo="}],"values":{},"schema":null,"schemamodtime":"0001-01-01T00:00:00Z","files":null},' +
      '"config":{"a":[true,null,"x"],"b":1},"hooks":[{"name":"h","kind":"Job","path":"c/templates/h.yaml",' +
      '"manifest":"m","events":["pre-install"],"last_run":{"phase":""}}],"version":1,"namespace":"default",' +
      '"apply_method":"ssa"}',
  );
});

Deno.test("encodeRelease: Go's gzip header at BestCompression, then base64", async () => {
  const rec = encodeRelease(minimal());
  const b = Uint8Array.fromBase64(rec);
  assert.deepEqual([...b.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
  assert.equal(releaseToJson(await decodeRelease(rec)), releaseToJson(minimal()));
});

Deno.test("decodeRelease: plain JSON records, helm 3's empty times, normalized times", async () => {
  const json = '{"name":"r","info":{"first_deployed":"2024-01-02T03:04:05.000+00:00","last_deployed":"",' +
    '"deleted":"","status":"deployed"},"chart":{"metadata":{"name":"c"},"lock":null,"templates":null,' +
    '"values":null,"schema":"e30=","files":[]},"hooks":[{"name":"h","last_run":{"started_at":"",' +
    '"completed_at":"","phase":"Succeeded"}}],"version":2,"namespace":"ns"}';
  const r = await decodeRelease(enc.encode(json).toBase64());
  assert.equal(r.info.first_deployed, "2024-01-02T03:04:05Z");
  assert.equal(r.info.last_deployed, undefined);
  assert.equal(r.info.deleted, undefined);
  assert.deepEqual(r.chart?.schema, enc.encode("{}"));
  assert.deepEqual(r.chart?.files, []);
  assert.deepEqual(r.hooks?.[0].last_run, { phase: "Succeeded" });
  assert.equal(r.version, 2);
  assert.equal(r.chart?.schemamodtime, undefined);
});

Deno.test("decodeRelease: bad records fail with Go's messages", async () => {
  const cases: Array<[string, string]> = [
    ["a!", "illegal base64 data at input byte 1"],
    [enc.encode("[1]").toBase64(), "json: cannot unmarshal array into Go value of type v1.Release"],
    [
      enc.encode('{"name":1}').toBase64(),
      "json: cannot unmarshal number into Go struct field Release.name of type string",
    ],
    [enc.encode('{"info":{"deleted":5}}').toBase64(), "Time.UnmarshalJSON: input is not a JSON string"],
    [enc.encode("").toBase64(), "unexpected end of JSON input"],
    [Uint8Array.from([0x1f, 0x8b, 8, 0, 1]).toBase64(), "unexpected EOF"],
  ];
  for (const [rec, msg] of cases) {
    await assert.rejects(decodeRelease(rec), (e: Error) => {
      assert.ok(e instanceof RecordDecodeError, String(e));
      assert.equal(e.message, msg);
      return true;
    });
  }
});

Deno.test("decodeBase64: Go's StdEncoding, newlines skipped", () => {
  assert.deepEqual(decodeBase64("QUJD\r\nREVG"), enc.encode("ABCDEF"));
  assert.deepEqual(decodeBase64(""), new Uint8Array(0));
  assert.throws(() => decodeBase64("QUJ"), /illegal base64 data at input byte 0/);
  assert.throws(() => decodeBase64("QQ=a"), /illegal base64 data at input byte 2/);
});

Deno.test("releaseFromJson: keys match case-insensitively, unknown keys are dropped", () => {
  const r = releaseFromJson('{"NAME":"x","Version":3,"extra":{"a":1},"info":{"Status":"failed"}}');
  assert.equal(r.name, "x");
  assert.equal(r.version, 3);
  assert.equal(r.info.status, "failed");
  assert.equal(r.config, null);
});

Deno.test("times: formatted as Go marshals time.Time, parsed back", () => {
  assert.equal(formatReleaseTime(GoTime.unix(1_700_000_000, 5_000_000, UTC)), "2023-11-14T22:13:20.005Z");
  assert.equal(
    formatReleaseTime(GoTime.unix(1_700_000_000, 0, fixedZone("", 3600))),
    "2023-11-14T23:13:20+01:00",
  );
  assert.equal(parseReleaseTime("2024-01-02T03:04:05.5Z")?.toISOString(), "2024-01-02T03:04:05.500Z");
  assert.equal(parseReleaseTime(""), undefined);
  assert.equal(parseReleaseTime("0001-01-01T00:00:00Z"), undefined);
});

Deno.test("storedChart: the root chart only, modification times, nil values without values.yaml", () => {
  const t = new Date(Date.UTC(2024, 0, 1));
  const sub: Chart = {
    metadata: { apiVersion: "v2", name: "sub", version: "1" },
    templates: [],
    values: {},
    files: [],
    dependencies: [],
  };
  const c: Chart = {
    metadata: { apiVersion: "v2", name: "c", version: "1" },
    templates: [{ name: "templates/a.yaml", data: enc.encode("x"), modTime: t }],
    values: {},
    files: [],
    dependencies: [sub],
    raw: [{ name: "Chart.yaml", data: new Uint8Array(0) }],
    modTime: t,
  };
  const s = storedChart(c);
  assert.equal(s.values, null);
  assert.equal(s.templates?.[0].modtime, formatReleaseTime(t));
  assert.equal(s.modtime, formatReleaseTime(t));
  assert.ok(!JSON.stringify(Object.keys(s)).includes("dependencies"));
  c.raw!.push({ name: "values.yaml", data: new Uint8Array(0) });
  assert.deepEqual(storedChart(c).values, {});
});

Deno.test("releaseFromJson: the fast path reads what Go's decoder reads", async () => {
  const inputs: string[] = [];
  for (const chart of ["webapp", "umbrella", "operator", "starter", "packaging"]) {
    const r = await buildTestRelease({
      chart,
      name: "x",
      ranHooks: true,
      labels: { a: "b" },
      config: { k: [1, 2.5] },
    });
    inputs.push(releaseToJson(r));
  }
  inputs.push(
    '{"name":"r","info":{"first_deployed":"","last_deployed":null,"deleted":"2024-01-01T00:00:00.100+01:00"}}',
    '{"name":"r","version":1.0}',
    '{"name":"r","version":1e0}',
    '{"name":"r","weight":1.5,"config":{"version":2.5}}',
    '{"name":"r","config":{"big":1e999}}',
    '{"name":"\\ud800x"}',
    '{"Name":"folded"}',
    '{"name":"r","hooks":[{"name":"h","weight":-3,"last_run":{"phase":"Failed","started_at":""}}]}',
    '{"chart":{"metadata":{"name":"c","maintainers":[{"name":"m"}]},"lock":{"generated":"2024-01-01T00:00:00Z",' +
      '"digest":"d","dependencies":[{"name":"x","repository":"r","enabled":true}]},"schema":"e30=","values":{}}}',
    '{"chart":{"metadata":{"name":1}}}',
    '{"chart":{"lock":{"digest":1}}}',
    '{"config":{"__proto__":{"x":1}},"info":{"status":null}}',
  );
  for (const text of inputs) {
    let want: unknown, got: unknown;
    try {
      want = slowFromJson(text);
    } catch (e) {
      want = (e as Error).message;
    }
    try {
      got = releaseFromJson(text);
    } catch (e) {
      got = (e as Error).message;
    }
    assert.deepEqual(got, want, text.slice(0, 120));
  }
  // Invalid UTF-8 goes to Go's decoder, which replaces it.
  const bad = Uint8Array.from([...enc.encode('{"name":"a'), 0xff, ...enc.encode('"}')]);
  assert.equal(releaseFromJson(bad).name, "a\ufffd");
});
