/**
 * `search hub` against a local Artifact-Hub-like server: the differential
 * harness (scripts/lib/differential.ts) runs fixed command lines without a
 * server, so this file starts one (Deno.serve on 127.0.0.1) that answers
 * helm's Monocular-compatible search path, runs the reference helm 4 and
 * charta with `--endpoint http://127.0.0.1:PORT/...` and compares stdout,
 * stderr and exit codes. Each endpoint prefix plays one kind of server:
 * Artifact Hub, a plain Monocular (no package URLs), failures (500, 404,
 * not JSON, a body cut short, trailing bytes, wrong types, a redirect).
 *
 * @module
 */
import assert from "node:assert/strict";
import { charta, helm, helmBinary, type RunResult } from "./lib/cli.ts";

const HELM = helmBinary();

/** Packages the fake hub knows: some with repository URLs, some without; long and odd descriptions. */
const PACKAGES = [
  {
    id: "fixture-stable/webapp",
    packageUrl: "https://artifacthub.example/packages/helm/fixture-stable/webapp",
    name: "webapp",
    repo: { name: "fixture-stable", url: "https://charts.fixture.example/stable" },
    description:
      "A small web application with an ingress, a service and a horizontal autoscaler for busy days",
    version: "1.4.2",
    appVersion: "2.0.1",
  },
  {
    id: "fixture-incubator/web-operator",
    packageUrl: "https://artifacthub.example/packages/helm/fixture-incubator/web-operator",
    name: "web-operator",
    repo: { name: "fixture-incubator", url: "" },
    description: "Operator <beta> & friends: manages webapp releases \u2014 ünïcödé included",
    version: "0.9.0-rc.1",
    appVersion: "",
  },
  {
    id: "fixture-stable/database",
    packageUrl: "https://artifacthub.example/packages/helm/fixture-stable/database",
    name: "database",
    repo: { name: "fixture-stable", url: "https://charts.fixture.example/stable" },
    description: "",
    version: "12.0.0",
    appVersion: "16.3",
  },
];

function hit(p: (typeof PACKAGES)[number], withPackageUrl: boolean) {
  return {
    id: p.id,
    ...(withPackageUrl ? { artifactHub: { packageUrl: p.packageUrl } } : {}),
    type: "chart",
    attributes: {
      name: p.name,
      repo: p.repo,
      description: p.description,
      home: "https://fixture.example/",
      keywords: ["fixture", p.name],
      maintainers: [{ name: "Fixture Team", email: "team@fixture.example" }],
      sources: [],
      icon: "",
    },
    links: { self: `/v1/charts/${p.id}` },
    relationships: {
      latestChartVersion: {
        data: {
          version: p.version,
          app_version: p.appVersion,
          created: "2024-05-06T07:08:09.123Z",
          digest: "0".repeat(64),
          urls: [`https://charts.fixture.example/${p.name}-${p.version}.tgz`],
          readme: "",
          values: "",
        },
        links: { self: `/v1/charts/${p.id}/versions/${p.version}` },
      },
    },
  };
}

const SEARCH = "/api/chartsvc/v1/charts/search";

/** What each endpoint prefix answers for a query. */
function answer(prefix: string, q: string, url: URL): Response {
  const matching = PACKAGES.filter((p) =>
    q.split(" ").every((w) => `${p.name} ${p.description}`.toLowerCase().includes(w.toLowerCase()))
  );
  const json = (body: unknown) => Response.json(body);
  switch (prefix) {
    case "":
    case "/hub":
      return json({ data: matching.map((p) => hit(p, true)) });
    case "/monocular":
      return json({ data: matching.map((p) => hit(p, false)) });
    case "/empty":
      return json({ data: [] });
    case "/null":
      return json({ data: null });
    case "/broken":
      return new Response("boom", { status: 500 });
    case "/unavailable":
      return new Response("later", { status: 503 });
    case "/notjson":
      return new Response("<html>not json</html>", { headers: { "content-type": "text/html" } });
    case "/cut":
      return new Response(JSON.stringify({ data: matching.map((p) => hit(p, true)) }).slice(0, 700));
    case "/trailing":
      return new Response(JSON.stringify({ data: matching.map((p) => hit(p, true)) }) + "\n{garbage");
    case "/array":
      return json([{ data: [] }]);
    case "/typed": {
      // Wrong types in places: Go skips those fields and keeps the rest.
      const data: Record<string, unknown>[] = matching.map((p) => hit(p, true));
      if (data[0]) (data[0].attributes as Record<string, unknown>).description = 42;
      if (data[1]) data[1].artifactHub = { packageUrl: ["x"] };
      return json({ data });
    }
    case "/redirect":
      return Response.redirect(new URL(`/hub${SEARCH}${url.search}`, url), 302);
    default:
      return new Response("404 page not found\n", { status: 404 });
  }
}

interface Hub {
  url: string;
  agents: Set<string>;
  queries: string[];
  close(): Promise<void>;
}

function startHub(): Hub {
  const agents = new Set<string>();
  const queries: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    agents.add(req.headers.get("user-agent") ?? "");
    if (!url.pathname.endsWith(SEARCH)) return new Response("404 page not found\n", { status: 404 });
    queries.push(url.search);
    return answer(url.pathname.slice(0, -SEARCH.length), url.searchParams.get("q") ?? "", url);
  });
  const addr = server.addr as Deno.NetAddr;
  return { url: `http://127.0.0.1:${addr.port}`, agents, queries, close: () => server.shutdown() };
}

/** charta adds the error's stack under --debug; helm has none. */
function withoutStack(stderr: string): string {
  return stderr.replace(/^ChartaError: .*\n(?: {4}at .*\n)*/m, "");
}

function same(c: RunResult, h: RunResult, what: string) {
  assert.deepEqual(
    { code: c.code, stdout: c.stdout, stderr: withoutStack(c.stderr) },
    { code: h.code, stdout: h.stdout, stderr: h.stderr },
    what,
  );
}

Deno.test({
  name: "search hub: charta prints what helm prints against a local Artifact-Hub-like server",
  ignore: HELM === undefined,
  fn: async () => {
    const hub = startHub();
    const home = await Deno.makeTempDir({ prefix: "hub-home-" });
    const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };
    try {
      const u = hub.url;
      // A port nothing listens on (fetch refuses "bad ports" such as 1 before connecting).
      const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const down = `http://127.0.0.1:${(l.addr as Deno.NetAddr).port}`;
      l.close();
      const cases: string[][] = [
        ["search", "hub", "--endpoint", u],
        ["search", "hub", "web", "--endpoint", u],
        ["search", "hub", "web", "app", "--endpoint", u],
        ["search", "hub", "web", "--endpoint", u + "/"],
        ["search", "hub", "web", "--endpoint", `${u}/hub`],
        ["search", "hub", "web", "--endpoint", `${u}/hub?ignored=1`],
        ["search", "hub", "web", "--endpoint", u, "--list-repo-url"],
        ["search", "hub", "--endpoint", u, "--max-col-width", "10"],
        ["search", "hub", "--endpoint", u, "--max-col-width", "0", "--list-repo-url"],
        ["search", "hub", "--endpoint", u, "-o", "json"],
        ["search", "hub", "--endpoint", u, "-o", "yaml"],
        ["search", "hub", "web", "--endpoint", `${u}/monocular`],
        ["search", "hub", "web", "--endpoint", `${u}/monocular/`, "-o", "json"],
        ["search", "hub", "nothing-matches", "--endpoint", u],
        ["search", "hub", "nothing-matches", "--endpoint", u, "-o", "json"],
        ["search", "hub", "nothing-matches", "--endpoint", u, "-o", "yaml"],
        ["search", "hub", "nothing-matches", "--endpoint", u, "--fail-on-no-result"],
        ["search", "hub", "nothing-matches", "--endpoint", u, "--fail-on-no-result", "-o", "json"],
        ["search", "hub", "--endpoint", `${u}/empty`],
        ["search", "hub", "--endpoint", `${u}/null`, "-o", "json"],
        ["search", "hub", "a&b c/d ü+?", "--endpoint", u],
        ["search", "hub", "--endpoint", `${u}/broken`],
        ["search", "hub", "x", "--endpoint", `${u}/broken`, "--debug"],
        ["search", "hub", "--endpoint", `${u}/unavailable`, "--debug"],
        ["search", "hub", "--endpoint", `${u}/nowhere`, "--debug"],
        ["search", "hub", "--endpoint", `${u}/notjson`],
        ["search", "hub", "--endpoint", `${u}/notjson`, "--fail-on-no-result"],
        ["search", "hub", "--endpoint", `${u}/cut`],
        ["search", "hub", "--endpoint", `${u}/trailing`],
        ["search", "hub", "--endpoint", `${u}/array`, "-o", "json"],
        ["search", "hub", "--endpoint", `${u}/typed`],
        ["search", "hub", "--endpoint", `${u}/typed`, "-o", "json"],
        ["search", "hub", "web", "--endpoint", `${u}/redirect`],
        ["search", "hub", "--endpoint", down],
        ["search", "hub", "x", "--endpoint", down, "--debug"],
        ["search", "hub", "--endpoint", "nohost"],
        ["search", "hub", "--endpoint", ""],
        ["search", "hub", "--endpoint", "http://a b"],
        ["search", "hub", "--endpoint", "%zz"],
        ["search", "hub", "--endpoint", u, "--max-col-width", "-1"],
        ["search", "hub", "--endpoint", u, "-o", "xml"],
      ];
      for (const args of cases) {
        same(await charta(args, env), await helm(HELM!, args, env), args.join(" "));
      }
      // Both sent helm's User-Agent, and the same query strings (charta runs first, then helm, each time).
      assert.deepEqual([...hub.agents], ["Helm/4.2.4"]);
      assert.equal(hub.queries.length % 2, 0);
      for (let i = 0; i < hub.queries.length; i += 2) assert.equal(hub.queries[i], hub.queries[i + 1]);
      assert.ok(hub.queries.includes("?q=a%26b+c%2Fd+%C3%BC%2B%3F"), hub.queries.join(" "));
    } finally {
      await hub.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});

Deno.test("search hub: help matches helm's", {
  ignore: HELM === undefined,
}, async () => {
  const env = { HOME: "/nonexistent", PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };
  for (const args of [["search", "hub", "--help"], ["search", "--help"]]) {
    const c = await charta(args, env);
    const h = await helm(HELM!, args, env);
    assert.equal(c.code, h.code);
    assert.equal(c.stdout.replaceAll("charta", "helm"), h.stdout, args.join(" "));
  }
});
