import assert from "node:assert/strict";
import { chartAnnotations, chartConfigJson, chartManifestJson, rfc3339 } from "./chart.ts";
import type { Metadata } from "../chart/types.ts";

const md: Metadata = {
  apiVersion: "v2",
  name: "demo",
  version: "1.0.0+build.1",
  description: "A <demo> & more",
  home: "https://example.invalid",
  sources: ["https://src.invalid/a", "https://src.invalid/b"],
  maintainers: [{ name: "Ann", email: "ann@x.invalid" }, { name: "Bob" }],
  annotations: { "org.opencontainers.image.title": "ignored", "z": "1", "a": "2" },
  dependencies: [{
    name: "sub",
    version: "~1",
    repository: "file://sub",
    "import-values": [{ child: "c", parent: "p" }],
  }],
  type: "application",
};

Deno.test("chartConfigJson: Go's json.Marshal of helm's Metadata (field order, omitempty, HTML escaping)", () => {
  assert.equal(
    chartConfigJson(md),
    '{"name":"demo","home":"https://example.invalid","sources":["https://src.invalid/a","https://src.invalid/b"],' +
      '"version":"1.0.0+build.1","description":"A \\u003cdemo\\u003e \\u0026 more",' +
      '"maintainers":[{"name":"Ann","email":"ann@x.invalid"},{"name":"Bob"}],"apiVersion":"v2",' +
      '"annotations":{"a":"2","org.opencontainers.image.title":"ignored","z":"1"},' +
      '"dependencies":[{"name":"sub","version":"~1","repository":"file://sub","import-values":[{"child":"c","parent":"p"}]}],' +
      '"type":"application"}',
  );
  assert.equal(
    chartConfigJson({ apiVersion: "v2", name: "x", version: "0.1.0" }),
    '{"name":"x","version":"0.1.0","apiVersion":"v2"}',
  );
});

Deno.test("chartAnnotations: helm's image annotations; title and version cannot be overridden", () => {
  const a = chartAnnotations(md, "2026-01-02T03:04:05Z");
  assert.deepEqual(a, {
    "org.opencontainers.image.description": "A <demo> & more",
    "org.opencontainers.image.title": "demo",
    "org.opencontainers.image.version": "1.0.0+build.1",
    "org.opencontainers.image.url": "https://example.invalid",
    "org.opencontainers.image.created": "2026-01-02T03:04:05Z",
    "org.opencontainers.image.source": "https://src.invalid/a",
    "org.opencontainers.image.authors": "Ann (ann@x.invalid), Bob",
    "z": "1",
    "a": "2",
  });
});

Deno.test("chartManifestJson: layers sorted by digest, annotations by key", () => {
  const cfg = { mediaType: "application/vnd.cncf.helm.config.v1+json", digest: "sha256:cc", size: 3 };
  const json = chartManifestJson(cfg, [
    { mediaType: "p", digest: "sha256:bb", size: 2 },
    { mediaType: "c", digest: "sha256:aa", size: 1 },
  ], { b: "2", a: "1" });
  assert.equal(
    json,
    '{"schemaVersion":2,"config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"sha256:cc","size":3},' +
      '"layers":[{"mediaType":"c","digest":"sha256:aa","size":1},{"mediaType":"p","digest":"sha256:bb","size":2}],' +
      '"annotations":{"a":"1","b":"2"}}',
  );
});

Deno.test("rfc3339: Go's RFC 3339 layout without fractions", () => {
  assert.match(rfc3339(new Date(0)), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
});
