import assert from "node:assert/strict";
import { formatResources } from "./status_resources.ts";

const table = (cols: string[], rows: unknown[][], priorities: number[] = []) => ({
  kind: "Table",
  columnDefinitions: cols.map((name, i) => ({ name, priority: priorities[i] ?? 0 })),
  rows: rows.map((cells) => ({ cells })),
});

Deno.test("status resources: kubectl's table layout, wide columns hidden, one header per run of equal columns", () => {
  const out = formatResources({
    "v1/Service": [
      table(["Name", "Type", "Cluster-IP", "Selector", "Age"], [[
        "web",
        "ClusterIP",
        "10.0.0.1",
        "a=b",
        "2s",
      ]], [
        0,
        0,
        0,
        1,
        0,
      ]),
    ],
    "v1/ConfigMap": [
      table(["Name", "Data", "Age"], [["a-long-name", 3, "5m"]]),
      table(["Name", "Data", "Age"], [["b", 1, "5m"]]),
    ],
    "v1/Pod(related)": [table(["Name", "Ready"], [])],
  });
  assert.equal(
    out,
    "RESOURCES:\n" +
      "==> v1/Service\nNAME   TYPE        CLUSTER-IP   AGE\nweb    ClusterIP   10.0.0.1     2s\n\n" +
      "==> v1/ConfigMap\nNAME          DATA   AGE\na-long-name   3      5m\nb     1     5m\n\n" +
      "==> v1/Pod(related)\n\n\n",
  );
  assert.equal(formatResources({}), "");
});
