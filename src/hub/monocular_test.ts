import assert from "node:assert/strict";
import { decodeSearchResponse, queryEscape, search, searchURL, validateEndpoint } from "./monocular.ts";
import { formatHubCharts, hubCharts, searchHub } from "../action/search_hub.ts";
import { ChartaError } from "../errors/mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);

const ONE = JSON.stringify({
  data: [{
    id: "repo/one",
    artifactHub: { packageUrl: "https://hub.example/packages/one" },
    attributes: { name: "one", repo: { name: "repo", url: "https://charts.example" }, description: "first" },
    relationships: { latestChartVersion: { data: { version: "1.0.0", app_version: "2" } } },
  }],
});

Deno.test("queryEscape escapes as Go's url.QueryEscape", () => {
  assert.equal(queryEscape(""), "");
  assert.equal(queryEscape("nginx"), "nginx");
  assert.equal(queryEscape("a b&c/d?e=f+g~h.i_j-k"), "a+b%26c%2Fd%3Fe%3Df%2Bg~h.i_j-k");
  assert.equal(queryEscape("ü"), "%C3%BC");
});

Deno.test("searchURL joins the API path to the endpoint's path and replaces its query", () => {
  assert.equal(
    searchURL("https://hub.helm.sh", "x"),
    "https://hub.helm.sh/api/chartsvc/v1/charts/search?q=x",
  );
  assert.equal(searchURL("https://h/", "a b"), "https://h/api/chartsvc/v1/charts/search?q=a+b");
  assert.equal(
    searchURL("http://h:8080/base/../m/?z=1", ""),
    "http://h:8080/m/api/chartsvc/v1/charts/search?q=",
  );
  assert.equal(searchURL("http://h/p#frag", "q"), "http://h/p/api/chartsvc/v1/charts/search?q=q#frag");
});

Deno.test("validateEndpoint wants a Go URL with a host", () => {
  validateEndpoint("https://hub.helm.sh");
  validateEndpoint("http://127.0.0.1:9/x");
  assert.throws(() => validateEndpoint(""), { message: "no hostname provided" });
  assert.throws(() => validateEndpoint("hub.helm.sh"), { message: "no hostname provided" });
  assert.throws(() => validateEndpoint("http://a b"), {
    message: 'parse "http://a b": invalid character " " in host name',
  });
  assert.throws(() => validateEndpoint("%zz"), { message: 'parse "%zz": invalid URL escape "%zz"' });
});

Deno.test("decodeSearchResponse reads what Go's lenient decoding keeps", () => {
  const one = decodeSearchResponse(enc(ONE));
  assert.equal(one.length, 1);
  assert.equal(one[0].artifactHub.packageUrl, "https://hub.example/packages/one");
  assert.equal(one[0].relationships.latestChartVersion.data.app_version, "2");
  // Only the first value counts; what trails it is never read.
  assert.equal(decodeSearchResponse(enc(`  ${ONE} trailing {junk`)).length, 1);
  // Syntax errors, a body cut short, other top-level values: nothing.
  for (const bad of ["", "not json", ONE.slice(0, 40), "[1,2]", '"x"', "null", '{"data": [}']) {
    assert.deepEqual(decodeSearchResponse(enc(bad)), [], bad);
  }
  assert.deepEqual(decodeSearchResponse(enc('{"data": null}')), []);
  assert.deepEqual(decodeSearchResponse(enc('{"data": {"id": "x"}}')), []);
  // Wrong types leave those fields empty and keep the rest.
  const typed = decodeSearchResponse(
    enc('{"data":[{"id":5,"attributes":{"description":["x"],"name":"n","repo":{"url":"u"}}},{"id":"ok"}]}'),
  );
  assert.deepEqual(typed.map((r) => [r.id, r.attributes.description, r.attributes.repo.url]), [
    ["", "", "u"],
    ["ok", "", ""],
  ]);
  // Field names match case-insensitively, as encoding/json does.
  assert.equal(decodeSearchResponse(enc('{"DATA":[{"ID":"up"}]}'))[0].id, "up");
});

Deno.test("hubCharts: package URL, else ENDPOINT/charts/ID", () => {
  const rs = decodeSearchResponse(
    enc('{"data":[{"id":"r/c"},{"id":"r/d","artifactHub":{"packageUrl":"https://p"}}]}'),
  );
  assert.deepEqual(hubCharts(rs, "http://m/").map((c) => c.url), ["http://m//charts/r/c", "https://p"]);
});

Deno.test("formatHubCharts: table, JSON, YAML, empty results", () => {
  const charts = hubCharts(decodeSearchResponse(enc(ONE)), "x");
  assert.equal(
    formatHubCharts(charts, { listRepoURL: true }),
    "URL                             \tCHART VERSION\tAPP VERSION\tDESCRIPTION\tREPO URL              \n" +
      "https://hub.example/packages/one\t1.0.0        \t2          \tfirst      \thttps://charts.example\n",
  );
  assert.equal(
    formatHubCharts(charts, { format: "json" }),
    '[{"url":"https://hub.example/packages/one","version":"1.0.0","app_version":"2","description":"first",' +
      '"repository":{"url":"https://charts.example","name":"repo"}}]\n',
  );
  assert.match(formatHubCharts(charts, { format: "yaml" }), /^- app_version: "2"\n {2}description: first\n/);
  assert.equal(formatHubCharts([], {}), "No results found\n");
  assert.equal(formatHubCharts([], { format: "json" }), "[]\n");
  assert.equal(formatHubCharts([], { format: "yaml" }), "[]\n");
  assert.throws(() => formatHubCharts([], { failOnNoResult: true }), { message: "no results found" });
  assert.throws(() => formatHubCharts([], { format: "yaml", failOnNoResult: true }), {
    message: "no results found",
  });
});

Deno.test("search: helm's User-Agent; statuses and transport errors as helm words them", async () => {
  let agent = "";
  const ok = ((_url: string, init: RequestInit) => {
    agent = new Headers(init.headers).get("user-agent") ?? "";
    return Promise.resolve(new Response(ONE));
  }) as typeof fetch;
  assert.equal((await search("http://h", "x", { fetch: ok })).length, 1);
  assert.equal(agent, "Helm/4.2.4");
  const status = (() => Promise.resolve(new Response("no", { status: 500 }))) as typeof fetch;
  await assert.rejects(search("http://h", "x y", { fetch: status }), {
    message: "failed to fetch http://h/api/chartsvc/v1/charts/search?q=x+y : 500 Internal Server Error",
  });
  const refused =
    (() => Promise.reject(new TypeError("error sending request: Connection refused"))) as typeof fetch;
  await assert.rejects(search("http://h:81", "", { fetch: refused }), {
    message: 'Get "http://h:81/api/chartsvc/v1/charts/search?q=": dial tcp h:81: connect: connection refused',
  });
});

Deno.test("searchHub: bad endpoints and failed searches give helm's errors; the reason goes to the debug log", async () => {
  await assert.rejects(searchHub({ endpoint: "nohost", terms: [] }), {
    message: 'unable to create connection to "nohost": no hostname provided',
  });
  const lines: string[] = [];
  const status = (() => Promise.resolve(new Response("no", { status: 404 }))) as typeof fetch;
  const e = await searchHub({
    endpoint: "http://h",
    terms: ["a"],
    fetch: status,
    log: (level, msg, attrs) => lines.push(`${level} ${msg} ${(attrs?.[0]?.[1] as Error).message}`),
  }).catch((e) => e);
  assert.ok(e instanceof ChartaError);
  assert.equal(e.message, 'unable to perform search against "http://h"');
  assert.deepEqual(lines, [
    "DEBUG search failed failed to fetch http://h/api/chartsvc/v1/charts/search?q=a : 404 Not Found",
  ]);
  const empty = (() => Promise.resolve(new Response("{}"))) as typeof fetch;
  assert.equal(await searchHub({ endpoint: "http://h", terms: [], fetch: empty }), "No results found\n");
});
