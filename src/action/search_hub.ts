/**
 * `search hub`: searches Artifact Hub (or any Monocular-compatible
 * endpoint) for charts and prints helm's table, JSON or YAML of the hits.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";
import { quote } from "../gotpl/quote.ts";
import { quoteJsonString } from "../gojson/mod.ts";
import { marshal as yamlMarshal } from "../goyaml/mod.ts";
import { formatTable } from "./uitable.ts";
import type { OutputFormat } from "./release_output.ts";
import { search, type SearchResult, validateEndpoint } from "../hub/monocular.ts";

/** helm's default `--endpoint`. */
export const DEFAULT_HUB_ENDPOINT = "https://hub.helm.sh";

/** `search hub` options. */
export interface SearchHubOptions {
  /** `--endpoint` (default https://hub.helm.sh). */
  endpoint?: string;
  /** The keywords, joined with spaces into the query. */
  terms: readonly string[];
  /** `--max-col-width` (default 50). */
  maxColWidth?: number;
  /** `--list-repo-url`: a REPO URL column in the table. */
  listRepoURL?: boolean;
  /** `--fail-on-no-result`. */
  failOnNoResult?: boolean;
  /** `-o` (default table). */
  format?: OutputFormat;
  /** Receives the debug line of a failed search. */
  log?: LogFn;
  /** The fetch to use (tests). */
  fetch?: typeof fetch;
}

/** One printed hit (helm's `hubChartElement`). */
export interface HubChart {
  /** The package page (Artifact Hub) or `ENDPOINT/charts/ID` (Monocular). */
  url: string;
  /** The latest chart version. */
  version: string;
  /** Its app version. */
  app_version: string;
  /** The chart's description. */
  description: string;
  /** The chart repository (URL empty when the hub has none). */
  repository: { url: string; name: string };
}

/**
 * The printed hits: the Artifact Hub package page as URL, else (a plain
 * Monocular) `ENDPOINT/charts/ID`.
 */
export function hubCharts(results: readonly SearchResult[], endpoint: string): HubChart[] {
  return results.map((r) => ({
    url: r.artifactHub.packageUrl || `${endpoint}/charts/${r.id}`,
    version: r.relationships.latestChartVersion.data.version,
    app_version: r.relationships.latestChartVersion.data.app_version,
    description: r.attributes.description,
    repository: { url: r.attributes.repo.url, name: r.attributes.repo.name },
  }));
}

/**
 * Searches the hub and returns what helm prints.
 *
 * @throws {ChartaError} helm's `unable to create connection to "E": …` for
 * a bad endpoint, `unable to perform search against "E"` for any failed
 * request (the reason in the debug log), `no results found` with
 * `--fail-on-no-result`
 */
export async function searchHub(o: SearchHubOptions): Promise<string> {
  const endpoint = o.endpoint ?? DEFAULT_HUB_ENDPOINT;
  try {
    validateEndpoint(endpoint);
  } catch (e) {
    throw new ChartaError(`unable to create connection to ${quote(endpoint)}: ${(e as Error).message}`);
  }
  let results: SearchResult[];
  try {
    results = await search(endpoint, o.terms.join(" "), { fetch: o.fetch });
  } catch (e) {
    o.log?.("DEBUG", "search failed", [["error", e]]);
    throw new ChartaError(`unable to perform search against ${quote(endpoint)}`, { cause: e });
  }
  return formatHubCharts(hubCharts(results, endpoint), o);
}

/** helm's `hubSearchWriter`: the table (or `No results found`), JSON or YAML. */
export function formatHubCharts(
  charts: readonly HubChart[],
  o: Pick<SearchHubOptions, "format" | "maxColWidth" | "listRepoURL" | "failOnNoResult">,
): string {
  const format = o.format ?? "table";
  if (charts.length === 0 && o.failOnNoResult) throw new ChartaError("no results found");
  if (format === "table") {
    if (charts.length === 0) return "No results found\n";
    const head = ["URL", "CHART VERSION", "APP VERSION", "DESCRIPTION"];
    const rows = [o.listRepoURL ? [...head, "REPO URL"] : head];
    for (const c of charts) {
      const row = [c.url, c.version, c.app_version, c.description];
      rows.push(o.listRepoURL ? [...row, c.repository.url] : row);
    }
    return formatTable(rows, o.maxColWidth ?? 50) + "\n";
  }
  if (format === "yaml") return yamlMarshal(charts.map((c) => ({ ...c, repository: { ...c.repository } })));
  const q = quoteJsonString;
  return `[${
    charts.map((c) =>
      `{"url":${q(c.url)},"version":${q(c.version)},"app_version":${q(c.app_version)},"description":${
        q(c.description)
      },"repository":{"url":${q(c.repository.url)},"name":${q(c.repository.name)}}}`
    ).join(",")
  }]\n`;
}
