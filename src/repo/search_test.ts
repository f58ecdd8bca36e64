import assert from "node:assert/strict";
import {
  applyConstraint,
  calcScore,
  compileSearchRegexp,
  SEARCH_MAX_SCORE,
  SearchIndex,
  sortResults,
} from "./search.ts";
import { type CompactIndex, type CompactVersion, searchText } from "./cache.ts";

function cv(name: string, version: string, description = "", keywords: string[] = []): CompactVersion {
  return {
    name,
    version,
    appVersion: "",
    description,
    keywords,
    digest: "",
    urls: [],
    created: "",
    deprecated: false,
  };
}

function repo(...versions: CompactVersion[]): CompactIndex {
  const m: CompactIndex = new Map();
  for (const v of versions) m.set(v.name, [...(m.get(v.name) ?? []), v]);
  return m;
}

Deno.test("calcScore counts the separators before the match", () => {
  assert.equal(calcScore(0, "a\vb\vc"), 0);
  assert.equal(calcScore(2, "a\vb\vc"), 1);
  assert.equal(calcScore(4, "a\vb\vc"), 2);
});

Deno.test("search ranks name matches before description and keyword matches, then by name", () => {
  const i = new SearchIndex();
  i.addRepo(
    "r",
    repo(cv("db", "1.0.0", "a web database"), cv("web", "2.0.0", "x"), cv("zz", "1.0.0", "", ["web"])),
  );
  const res = i.search("WEB", SEARCH_MAX_SCORE, false);
  sortResults(res);
  assert.deepEqual(res.map((r) => [r.name, r.score]), [["r/web", 0], ["r/db", 2], ["r/zz", 3]]);
});

Deno.test("regexp search uses Go's syntax and reports its errors", async () => {
  const i = new SearchIndex();
  i.addRepo("r", repo(cv("alpha", "1.0.0"), cv("beta", "1.0.0")));
  assert.deepEqual(i.search("^al", SEARCH_MAX_SCORE, await compileSearchRegexp("^al")).map((r) => r.name), [
    "r/alpha",
  ]);
  await assert.rejects(() => compileSearchRegexp("a("), /error parsing regexp: missing closing \)/);
});

Deno.test("applyConstraint keeps the newest matching version per chart unless all versions are asked for", () => {
  const i = new SearchIndex();
  i.addRepo("r", repo(cv("a", "2.0.0-rc.1"), cv("a", "1.5.0"), cv("a", "1.0.0")));
  const all = i.all();
  sortResults(all);
  assert.deepEqual(applyConstraint(all, ">0.0.0", false).map((r) => r.chart.version), ["1.5.0"]);
  assert.deepEqual(applyConstraint(all, ">0.0.0-0", false).map((r) => r.chart.version), ["2.0.0-rc.1"]);
  assert.deepEqual(applyConstraint(all, "^1", true).map((r) => r.chart.version), ["1.5.0", "1.0.0"]);
  assert.throws(
    () => applyConstraint(all, "nope", false),
    /an invalid version\/constraint format: improper constraint/,
  );
});

Deno.test("search files: byte scan, decoded text and decoded versions give the same results", () => {
  const info = { size: 1, mtime: new Date(0) } as Deno.FileInfo;
  const c = repo(
    cv("db", "1.0.0", "a Web database"),
    cv("web", "2.0.0", "x"),
    cv("zz", "1.0.0", "", ["web"]),
  );
  const text = searchText("r", c, info);
  const body = text.slice(text.indexOf("\n") + 1);
  const run = (add: (i: SearchIndex) => void, term: string) => {
    const i = new SearchIndex();
    add(i);
    const res = i.search(term, SEARCH_MAX_SCORE, false);
    sortResults(res);
    return res.map((r) => [r.name, r.score, r.chart.version, r.chart.description]);
  };
  for (const term of ["web", "WEB", "b d", "zz", "2.0.0", "", "é"]) {
    const fromVersions = run((i) => i.addRepo("r", c), term);
    assert.deepEqual(run((i) => i.addRepoText("r", body), term), fromVersions, term);
    assert.deepEqual(
      run((i) => i.addRepoBytes("r", new TextEncoder().encode(body)), term),
      fromVersions,
      term,
    );
  }
});
