/**
 * A client of the Monocular-compatible chart search API that Artifact Hub
 * serves (`GET {endpoint}/api/chartsvc/v1/charts/search?q=TERM`), as helm's
 * internal `monocular` package calls it for `helm search hub`: the endpoint
 * must parse as a Go URL with a host, the request carries helm's
 * User-Agent, anything but 200 fails, and the body is decoded the lenient
 * way helm does (a body that is not JSON, or not of the expected shape,
 * simply yields fewer or no results; decoding errors are never reported).
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { GoJsonError, type GoType, INTERFACE, unmarshal } from "../gojson/mod.ts";
import { hostname, parseURL, urlString } from "../sprig/gourl.ts";
import { clean } from "../sprig/gopath.ts";
import { quote } from "../gotpl/quote.ts";
import { HELM_COMPAT_VERSION } from "../version/mod.ts";

/** The API path helm appends to the endpoint's path. */
export const SEARCH_PATH = "api/chartsvc/v1/charts/search";

/** One search hit, with the fields helm reads of it. */
export interface SearchResult {
  /** `repo/chart` (Monocular's identifier). */
  id: string;
  /** Artifact Hub's extension: the package's page. */
  artifactHub: { packageUrl: string };
  /** The chart's metadata. */
  attributes: {
    name: string;
    repo: { name: string; url: string };
    description: string;
  };
  /** The latest version of the chart. */
  relationships: { latestChartVersion: { data: { version: string; app_version: string } } };
}

const STR: GoType = { kind: "string" };
const STRINGS: GoType = { kind: "slice", elem: STR };
const LINKS: GoType = { kind: "struct", name: "monocular.Links", fields: [{ json: "self", type: STR }] };

/**
 * helm's `monocular.SearchResult` for the decoder: field names and types
 * decide which values land and which type mismatches Go skips over.
 * `created` is a `time.Time` in Go; charta does not read it, so it is
 * decoded as anything (a malformed time would stop Go's decoding there).
 */
const SEARCH_RESULT: GoType = {
  kind: "struct",
  name: "monocular.SearchResult",
  fields: [
    { json: "id", type: STR },
    {
      json: "artifactHub",
      type: { kind: "struct", name: "monocular.ArtifactHub", fields: [{ json: "packageUrl", type: STR }] },
    },
    { json: "type", type: STR },
    {
      json: "attributes",
      type: {
        kind: "struct",
        name: "monocular.Chart",
        fields: [
          { json: "name", type: STR },
          {
            json: "repo",
            type: {
              kind: "struct",
              name: "monocular.Repo",
              fields: [{ json: "name", type: STR }, { json: "url", type: STR }],
            },
          },
          { json: "description", type: STR },
          { json: "home", type: STR },
          { json: "keywords", type: STRINGS },
          {
            json: "maintainers",
            type: {
              kind: "slice",
              elem: {
                kind: "struct",
                name: "chart.Maintainer",
                fields: [{ json: "name", type: STR }, { json: "email", type: STR }, {
                  json: "url",
                  type: STR,
                }],
              },
            },
          },
          { json: "sources", type: STRINGS },
          { json: "icon", type: STR },
        ],
      },
    },
    { json: "links", type: LINKS },
    {
      json: "relationships",
      type: {
        kind: "struct",
        name: "monocular.Relationships",
        fields: [{
          json: "latestChartVersion",
          type: {
            kind: "struct",
            name: "monocular.LatestChartVersion",
            fields: [
              {
                json: "data",
                type: {
                  kind: "struct",
                  name: "monocular.ChartVersion",
                  fields: [
                    { json: "version", type: STR },
                    { json: "app_version", type: STR },
                    { json: "created", type: INTERFACE },
                    { json: "digest", type: STR },
                    { json: "urls", type: STRINGS },
                    { json: "readme", type: STR },
                    { json: "values", type: STR },
                  ],
                },
              },
              { json: "links", type: LINKS },
            ],
          },
        }],
      },
    },
  ],
};

const SEARCH_RESPONSE: GoType = {
  kind: "struct",
  name: "monocular.searchResponse",
  fields: [{ json: "data", type: { kind: "slice", elem: SEARCH_RESULT } }],
};

/**
 * helm's `monocular.New`: the endpoint must parse as a Go URL and name a
 * host.
 *
 * @throws {Error} Go's `parse "X": …` text, or `no hostname provided`
 */
export function validateEndpoint(endpoint: string): void {
  const u = parseURL(endpoint);
  if (hostname(u) === "") throw new Error("no hostname provided");
}

/** Go's `url.QueryEscape`: unreserved bytes kept, space as `+`, the rest `%XX`. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (b === 0x20) out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/**
 * The search URL for `term`: the API path joined (Go's `path.Join`) to the
 * endpoint's path, and the endpoint's query replaced by `q=TERM`.
 */
export function searchURL(endpoint: string, term: string): string {
  const u = parseURL(endpoint);
  u.path = clean(u.path === "" ? SEARCH_PATH : `${u.path}/${SEARCH_PATH}`);
  u.rawQuery = "q=" + queryEscape(term);
  return urlString(u);
}

/** Index just past the first JSON object of `data` (from `start`), or -1 when it does not end. */
function objectEnd(data: Uint8Array, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < data.length; i++) {
    const c = data[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * Decodes a search response as helm does with `json.NewDecoder(body).Decode`
 * and its error ignored: only the first JSON value counts (trailing bytes
 * are not read); a syntax error or a body cut short decodes nothing; a top
 * level that is not an object decodes nothing; type mismatches inside leave
 * the mismatched fields empty and keep the rest.
 */
export function decodeSearchResponse(body: Uint8Array): SearchResult[] {
  let start = 0;
  while (start < body.length && [0x20, 0x09, 0x0a, 0x0d].includes(body[start])) start++;
  if (body[start] !== 0x7b) return [];
  const end = objectEnd(body, start);
  if (end < 0) return [];
  let decoded: unknown;
  try {
    decoded = unmarshal(body.subarray(start, end), { target: SEARCH_RESPONSE });
  } catch (e) {
    if (!(e instanceof GoJsonError)) throw e;
    // A syntax error leaves Go's target untouched; a type error keeps what was decoded.
    decoded = e.kind === "syntax" ? undefined : e.partial;
  }
  const data = (decoded as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? data.map(normalize) : [];
}

/** Fills the fields a decoded value lacks with Go's zero values. */
function normalize(v: unknown): SearchResult {
  const o = (v ?? {}) as Record<string, unknown>;
  const obj = (x: unknown) => (x ?? {}) as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === "string" ? x : "");
  const attrs = obj(o.attributes);
  const repo = obj(attrs.repo);
  const data = obj(obj(obj(o.relationships).latestChartVersion).data);
  return {
    id: str(o.id),
    artifactHub: { packageUrl: str(obj(o.artifactHub).packageUrl) },
    attributes: {
      name: str(attrs.name),
      repo: { name: str(repo.name), url: str(repo.url) },
      description: str(attrs.description),
    },
    relationships: {
      latestChartVersion: { data: { version: str(data.version), app_version: str(data.app_version) } },
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Options of {@link search}. */
export interface SearchOptions {
  /** The fetch to use (tests). */
  fetch?: typeof fetch;
}

/**
 * helm's `Client.Search`: GETs the search URL (redirects followed, as Go's
 * default client does) and decodes the hits.
 *
 * @throws {ChartaError} Go's `Get "URL": …` for transport errors, helm's
 * `failed to fetch URL : STATUS` for anything but 200
 */
export async function search(
  endpoint: string,
  term: string,
  opts: SearchOptions = {},
): Promise<SearchResult[]> {
  const url = searchURL(endpoint, term);
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      headers: { "User-Agent": `Helm/${HELM_COMPAT_VERSION.replace(/^v/, "")}` },
      redirect: "follow",
    });
  } catch (e) {
    const { transportError } = await import("../repo/http.ts");
    throw new ChartaError(`Get ${quote(url)}: ${transportError(url, e as Error)}`, { cause: e });
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new ChartaError(
      `failed to fetch ${url} : ${res.status} ${res.statusText || STATUS_TEXT[res.status] || ""}`.trimEnd(),
    );
  }
  let body: Uint8Array;
  try {
    body = new Uint8Array(await res.arrayBuffer());
  } catch {
    // Go decodes what arrived; a body cut short is a syntax error, so no results.
    return [];
  }
  return decodeSearchResponse(body);
}
