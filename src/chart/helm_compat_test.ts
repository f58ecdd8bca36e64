/**
 * Compares the loader with the reference helm binary (when it is installed):
 * `helm show chart` (helm's v2 loader) must print the same metadata or the
 * same error as {@link loadChartV2}, and when {@link loadChart} fails,
 * `helm template` (helm's version-dispatching loader) must fail with the
 * same message.
 */
import assert from "node:assert/strict";
import { marshal } from "../goyaml/mod.ts";
import { collectLog } from "../log/slog.ts";
import { loadChart, loadChartV2 } from "./loader.ts";
import type { Metadata } from "./types.ts";
import {
  chartYaml,
  hasReferenceHelm,
  runHelm,
  type TarEntry,
  tgz,
  type Tree,
  withTempDir,
  writeTree,
} from "./test_helpers.ts";

/** Chart metadata as sigs.k8s.io/yaml prints it (`omitempty` fields dropped). */
function showChart(md: Metadata): string {
  const omit = (v: unknown, keep: string[] = []): unknown => {
    if (Array.isArray(v)) return v.map((e) => omit(e, keep));
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) {
      const empty = e === undefined || e === null || e === "" || e === false ||
        (typeof e === "object" && Object.keys(e as object).length === 0);
      if (!empty || keep.includes(k)) {
        out[k] = k === "dependencies" ? omit(e, ["name", "repository"]) : omit(e);
      }
    }
    for (const k of keep) out[k] ??= "";
    return out;
  };
  return marshal(omit(md)) + "\n";
}

interface Case {
  name: string;
  tree?: Tree;
  entries?: TarEntry[];
  raw?: Uint8Array;
}

const C = (n: string, extra = "") => chartYaml(n, extra);
const CASES: Case[] = [
  {
    name: "full",
    tree: {
      "Chart.yaml":
        "apiVersion: v2\nname: full\nversion: 1.2.3-rc.1+b\nkubeVersion: '>=1.20'\ndescription: \"d\\te\"\n" +
        "keywords: [a, 1]\nmaintainers:\n- name: n\n  email: e\nappVersion: 2.10\ndeprecated: true\nannotations: {a: 1}\n" +
        "dependencies:\n- name: d\n  version: ~1\n  repository: https://x\n  tags: [t]\n  import-values: [a, {child: c, parent: p}]\n",
      "charts/d/Chart.yaml": C("d"),
    },
  },
  { name: "noapi", tree: { "Chart.yaml": "name: a\nversion: 1.0.0\n" } },
  { name: "v9", tree: { "Chart.yaml": "apiVersion: v9\nname: a\nversion: 1.0.0\n" } },
  { name: "invalid", tree: { "Chart.yaml": "apiVersion: v2\nname: a/b\nversion: 1.0.0\n" } },
  { name: "badyaml", tree: { "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1\n a: b: c\n" } },
  { name: "typeerr", tree: { "Chart.yaml": "apiVersion: v2\nname: a\nversion: 1.0.0\nmaintainers: [a]\n" } },
  { name: "values", tree: { "Chart.yaml": C("a"), "values.yaml": "a: 1\n---\nb: [\n" } },
  { name: "lock", tree: { "Chart.yaml": C("a"), "Chart.lock": "generated: 5\n" } },
  { name: "req", tree: { "Chart.yaml": C("a"), "requirements.yaml": "dependencies:\n- name: x\n" } },
  { name: "ignore", tree: { "Chart.yaml": C("a"), ".helmignore": "!foo/\n" } },
  { name: "ignorebad", tree: { "Chart.yaml": C("a"), ".helmignore": "a[\n" } },
  { name: "subreadme", tree: { "Chart.yaml": C("p"), "charts/README.md": "x" } },
  { name: "subtgz", tree: { "Chart.yaml": C("p"), "charts/s.tgz": "hello" } },
  {
    name: "symlink",
    tree: { "Chart.yaml": C("a"), "templates/l.yaml": { symlink: "../x.yaml" }, "x.yaml": "a: 1" },
  },
  { name: "dangling", tree: { "Chart.yaml": C("a"), "x": { symlink: "nope" } } },
  { name: "fifo", tree: { "Chart.yaml": C("a"), "f": { fifo: true } } },
  {
    name: "a-ok",
    entries: [{ name: "c/Chart.yaml", data: C("c") }, { name: "c\\templates\\x.yaml", data: "a: 1" }],
  },
  { name: "a-dotdot", entries: [{ name: "c/Chart.yaml", data: C("c") }, { name: "c/../x", data: "x" }] },
  { name: "a-outside", entries: [{ name: "Chart.yaml", data: C("c") }] },
  {
    name: "a-big",
    entries: [{ name: "c/Chart.yaml", data: C("c") }, {
      name: "c/b",
      data: new Uint8Array(5 * 1024 * 1024 + 1),
    }],
  },
  { name: "a-empty", entries: [] },
  { name: "a-nochart", entries: [{ name: "c/values.yaml", data: "a: 1" }] },
  { name: "a-trunc", raw: (await tgz([{ name: "c/Chart.yaml", data: C("c") }])).slice(0, 40) },
  { name: "a-text", raw: new TextEncoder().encode("hello world\n".repeat(40)) },
  {
    name: "a-badsub",
    entries: [{ name: "p/Chart.yaml", data: C("p") }, { name: "p/charts/s.tgz", data: new Uint8Array(12) }],
  },
];

Deno.test({
  name: "helm compatibility: show chart and template errors match the reference helm",
  ignore: !hasReferenceHelm(),
  fn: async () => {
    await withTempDir(async (root) => {
      const bad: string[] = [];
      for (const c of CASES) {
        let target = `${root}/${c.name}`;
        if (c.tree) await writeTree(target, c.tree);
        else {
          await Deno.mkdir(target);
          target += "/chart.tgz";
          await Deno.writeFile(target, c.raw ?? await tgz(c.entries!));
        }
        const show = await runHelm(["show", "chart", target]);
        const helmShow = show.code === 0
          ? show.out
          : show.err.split("\n").filter((l) => l.startsWith("Error:")).join("\n");
        const helmLog = show.err.split("\n").filter((l) => l.startsWith("level=")).map((l) => l + "\n").join(
          "",
        );
        const lines: string[] = [];
        let mine: string;
        try {
          mine = showChart((await loadChartV2(target, { log: collectLog(lines) })).metadata);
        } catch (e) {
          mine = `Error: ${(e as Error).message}`;
        }
        if (mine !== helmShow) bad.push(`${c.name} (show):\n  helm: ${helmShow}\n  mine: ${mine}`);
        if (lines.join("") !== helmLog) {
          bad.push(`${c.name} (log):\n  helm: ${helmLog}\n  mine: ${lines.join("")}`);
        }
        try {
          await loadChart(target);
        } catch (e) {
          const tmpl = await runHelm(["template", "x", target]);
          const helmErr = tmpl.err.split("\n").find((l) => l.startsWith("Error:"));
          if (helmErr !== `Error: ${(e as Error).message}`) {
            bad.push(`${c.name} (template):\n  helm: ${helmErr}\n  mine: Error: ${(e as Error).message}`);
          }
        }
      }
      assert.deepEqual(bad, []);
    });
  },
});
