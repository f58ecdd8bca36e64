import assert from "node:assert/strict";
import { decodeObjectList } from "./metadata_proto.ts";

// A tiny protobuf writer, for building the server's encoding by hand.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const field = (
  num: number,
  bytes: number[],
): number[] => [...varint((num << 3) | 2), ...varint(bytes.length), ...bytes];
const str = (num: number, s: string): number[] => field(num, [...new TextEncoder().encode(s)]);
const intField = (num: number, n: number): number[] => [...varint(num << 3), ...varint(n)];

function meta(name: string, ns: string, labels: Record<string, string>, extra: number[] = []): number[] {
  const body = [...str(1, name), ...str(3, ns), ...str(6, "12345"), ...intField(7, 3), ...extra];
  for (const [k, v] of Object.entries(labels)) body.push(...field(11, [...str(1, k), ...str(2, v)]));
  return body;
}

function envelope(items: number[][], data: Array<Record<string, string>> = []): Uint8Array {
  const item = (m: number[], i: number) => {
    const entries = Object.entries(data[i] ?? {}).flatMap(([k, v]) => field(2, [...str(1, k), ...str(2, v)]));
    // A Secret's `type` (field 3) comes after its data and is skipped.
    return field(2, [...field(1, m), ...entries, ...(data[i] ? str(3, "helm.sh/release.v1") : [])]);
  };
  const list = [...field(1, str(2, "999")), ...items.flatMap(item)];
  const unknown = [
    ...field(1, [...str(1, "meta.k8s.io/v1"), ...str(2, "PartialObjectMetadataList")]),
    ...field(2, list),
  ];
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...unknown]);
}

Deno.test("decodeObjectList reads names, namespaces and labels, skipping every other field", () => {
  const managed = field(17, [...str(1, "helm"), ...str(2, "Update"), ...field(7, [1, 2, 3])]);
  const body = envelope([
    meta("sh.helm.release.v1.web.v1", "prod", {
      name: "web",
      owner: "helm",
      status: "superseded",
      version: "1",
    }),
    meta("sh.helm.release.v1.web.v2", "prod", {
      name: "web",
      owner: "helm",
      status: "deployed",
      version: "2",
    }, managed),
    meta("sh.helm.release.v1.ünï.v1", "dev", { name: "ünï", owner: "helm", status: "failed", version: "1" }),
  ]);
  assert.deepEqual(decodeObjectList(body), [
    {
      name: "sh.helm.release.v1.web.v1",
      namespace: "prod",
      labels: { name: "web", owner: "helm", status: "superseded", version: "1" },
    },
    {
      name: "sh.helm.release.v1.web.v2",
      namespace: "prod",
      labels: { name: "web", owner: "helm", status: "deployed", version: "2" },
    },
    {
      name: "sh.helm.release.v1.ünï.v1",
      namespace: "dev",
      labels: { name: "ünï", owner: "helm", status: "failed", version: "1" },
    },
  ]);
});

Deno.test("decodeObjectList refuses what is not a protobuf list, so list falls back to JSON", () => {
  assert.throws(() => decodeObjectList(new TextEncoder().encode('{"items":[]}')), /no k8s envelope/);
  const cut = envelope([meta("a", "b", { name: "a" })]);
  assert.throws(() => decodeObjectList(cut.subarray(0, cut.length - 3)), /truncated/);
  assert.deepEqual(decodeObjectList(envelope([])), []);
});

Deno.test("decodeObjectList reads a Secret list's data beside the metadata", () => {
  const body = envelope(
    [meta("sh.helm.release.v1.web.v1", "prod", { name: "web", version: "1" }), meta("other", "prod", {})],
    [{ release: "H4sIAAAAAAAA/w==" }, {}],
  );
  assert.deepEqual(decodeObjectList(body), [
    {
      name: "sh.helm.release.v1.web.v1",
      namespace: "prod",
      labels: { name: "web", version: "1" },
      data: { release: "H4sIAAAAAAAA/w==" },
    },
    { name: "other", namespace: "prod", labels: {} },
  ]);
});
