/**
 * The conformance case format, shared by the generator script and the tests.
 *
 * A case file is a YAML list; each case has a `name`, either a `template`
 * (rendered as templates/t.yaml) or a `templates` map (path → text), and
 * optionally `values` (a values.yaml text), `set` and `setString` (as on the
 * command line) and `files` (path → text, reachable through `.Files`).
 *
 * @module
 */
import { parse } from "yaml";

/** One template case. */
export interface ConformanceCase {
  name: string;
  templates: Record<string, string>;
  values?: string;
  set?: string[];
  setString?: string[];
  files?: Record<string, string>;
}

/** What helm produced for a case: rendered files by full template name, or an error. */
export interface Expected {
  name: string;
  outputs?: Record<string, string>;
  error?: string;
}

interface RawCase extends Omit<ConformanceCase, "templates"> {
  template?: string;
  templates?: Record<string, string>;
}

/** Loads every case file under `root/cases/`, by family (file name). */
export async function loadCases(root: URL): Promise<Array<{ family: string; cases: ConformanceCase[] }>> {
  const out: Array<{ family: string; cases: ConformanceCase[] }> = [];
  const names: string[] = [];
  for await (const e of Deno.readDir(new URL("cases/", root))) {
    if (e.name.endsWith(".yaml")) names.push(e.name);
  }
  for (const file of names.sort()) {
    const raw = parse(await Deno.readTextFile(new URL(`cases/${file}`, root))) as RawCase[];
    const seen = new Set<string>();
    const cases = raw.map((c) => {
      if (seen.has(c.name)) throw new Error(`${file}: duplicate case name ${c.name}`);
      seen.add(c.name);
      const templates = c.templates ?? { "templates/t.yaml": c.template ?? "" };
      return { ...c, templates } as ConformanceCase;
    });
    out.push({ family: file.replace(/\.yaml$/, ""), cases });
  }
  return out;
}
