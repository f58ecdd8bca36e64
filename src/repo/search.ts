/**
 * `search repo` matching as helm's `pkg/cmd/search` does it: each chart
 * version is a line `name\vrepo/name\vdescription\vkeywords`; a match's
 * score is the number of separators before it (a name match beats a
 * description match), results under the threshold are sorted by score,
 * then name, then newest version.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { parseConstraint, parseVersion } from "../semver/mod.ts";
import { type CompactIndex, type CompactVersion, RECORD_END, TRAILER } from "./cache.ts";

/** One search hit. */
export interface SearchResult {
  /** `repo/chart`. */
  name: string;
  /** How far into the line the match was (0 is best). */
  score: number;
  /** The chart version matched. */
  chart: CompactVersion;
}

/** A compiled Go regular expression (src/goregexp), loaded only for `--regexp`. */
export interface GoRegexpLike {
  /** The leftmost match at or after `pos`. */
  execAt(s: string, pos: number): { start: number } | undefined;
}

/**
 * Compiles a `--regexp` term with Go's syntax.
 *
 * @throws {ChartaError} Go's `error parsing regexp: …`
 */
export async function compileSearchRegexp(term: string): Promise<GoRegexpLike> {
  const { compileGoRegexp } = await import("../goregexp/mod.ts");
  try {
    return compileGoRegexp(term);
  } catch (e) {
    throw new ChartaError((e as Error).message, { cause: e });
  }
}

/** Whether every character is ASCII. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** helm's `searchMaxScore`. */
export const SEARCH_MAX_SCORE = 25;

const SEP = "\v";

interface Line {
  name: string;
  text: string;
  chart: CompactVersion;
}

/**
 * The searchable lines of some repositories (helm's `search.Index` with
 * every version): decoded versions, or the raw text of charta's search
 * files, scanned as one string so that only matching versions are decoded.
 */
export class SearchIndex {
  private readonly lines: Line[] = [];
  private readonly texts: { repo: string; text: string }[] = [];

  private readonly byteTexts: { repo: string; data: Uint8Array }[] = [];

  /** Adds a repository's search records (see `searchText` in cache.ts). */
  addRepoText(repo: string, text: string): void {
    this.texts.push({ repo, text });
  }

  /**
   * Adds a repository's search records as UTF-8 bytes: literal searches for
   * ASCII terms scan the bytes and decode only matching records; anything
   * else decodes the text.
   */
  addRepoBytes(repo: string, data: Uint8Array): void {
    this.byteTexts.push({ repo, data });
  }

  private decodeByteTexts(): void {
    for (const { repo, data } of this.byteTexts.splice(0)) {
      this.texts.push({ repo, text: new TextDecoder().decode(data) });
    }
  }

  /** ASCII term over UTF-8 records: ASCII letters fold; separators count the same in bytes as in characters. */
  private searchBytes(term: string, threshold: number): SearchResult[] {
    const out: SearchResult[] = [];
    const t = new TextEncoder().encode(term.toLowerCase());
    const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
    const dec = new TextDecoder();
    for (const { repo, data } of this.byteTexts.splice(0)) {
      let start = 0, vt = 0, inLine = true;
      for (let i = 0; i < data.length; i++) {
        const c = data[i];
        if (c === 0) {
          start = i + 1;
          vt = 0;
          inLine = true;
          continue;
        }
        if (!inLine) continue;
        if (c === 1) {
          inLine = false;
          continue;
        }
        if (c === 11) vt++;
        if (t.length === 0 || lower(c) === t[0]) {
          let k = 1;
          while (k < t.length && i + k < data.length) {
            const d = data[i + k];
            if (d === 0 || d === 1 || lower(d) !== t[k]) break;
            k++;
          }
          if (k < t.length) continue;
          const score = c === 11 ? vt - 1 : vt;
          const end = data.indexOf(0, i);
          if (score < threshold) {
            const text = dec.decode(data.subarray(start, end));
            out.push(this.record(repo, text, 0, text.length, score));
          }
          inLine = false;
        }
      }
    }
    return out;
  }

  private record(repo: string, text: string, start: number, end: number, score: number): SearchResult {
    const [line, version, appVersion, entry] = text.slice(start, end).split(TRAILER);
    const parts = line.split("\v");
    const chart: CompactVersion = {
      name: parts[0],
      version,
      appVersion,
      description: parts.slice(2, -1).join("\v"),
      keywords: [],
      digest: "",
      urls: [],
      created: "",
      deprecated: false,
    };
    return { name: `${repo}/${entry}`, score, chart };
  }

  private *records(text: string): Generator<[number, number, number]> {
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf(RECORD_END, start);
      if (end < 0) return;
      yield [start, text.indexOf(TRAILER, start), end];
      start = end + 1;
    }
  }

  private searchTexts(term: string, threshold: number, regexp: GoRegexpLike | undefined): SearchResult[] {
    const out: SearchResult[] = [];
    const t = term.toLowerCase();
    for (const { repo, text } of this.texts) {
      // ASCII text (the usual case) is searched in place with a case-blind pattern; other text through a
      // lower-cased copy, as helm's strings.ToLower.
      const ascii = !regexp && isAscii(text) && isAscii(term);
      const lower = regexp || ascii ? text : text.toLowerCase();
      if (regexp || lower.length !== text.length) {
        // Case mapping changed lengths (rare scripts): match line by line.
        for (const [start, trailer, end] of this.records(text)) {
          const line = text.slice(start, trailer);
          const at = regexp ? (regexp.execAt(line, 0)?.start ?? -1) : line.toLowerCase().indexOf(t);
          if (at < 0) continue;
          const score = calcScore(at, line);
          if (score < threshold) out.push(this.record(repo, text, start, end, score));
        }
        continue;
      }
      const finder = ascii ? new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi") : undefined;
      const find = (from: number): number => {
        if (!finder) return lower.indexOf(t, from);
        finder.lastIndex = from;
        const m = finder.exec(lower);
        return m ? m.index : -1;
      };
      let pos = find(0);
      while (pos >= 0 && pos < lower.length) {
        const start = lower.lastIndexOf(RECORD_END, pos - 1) + 1;
        const end = lower.indexOf(RECORD_END, pos);
        if (end < 0) break;
        const trailer = lower.indexOf(TRAILER, start);
        if (pos + t.length <= trailer) {
          let score = 0;
          for (let i = start; i < pos; i++) if (lower.charCodeAt(i) === 11) score++;
          if (score < threshold) out.push(this.record(repo, text, start, end, score));
        }
        pos = find(end + 1);
      }
    }
    return out;
  }

  /** Adds every version of every chart of a repository (helm's `AddRepo(name, index, true)`). */
  addRepo(repo: string, index: CompactIndex): void {
    for (const [name, versions] of index) {
      if (versions.length === 0) continue;
      const full = `${repo}/${name}`;
      for (const cv of versions) {
        this.lines.push({
          name: full,
          text: `${cv.name}${SEP}${full}${SEP}${cv.description}${SEP}${cv.keywords.join(" ")}`,
          chart: cv,
        });
      }
    }
  }

  /** Every chart version, unscored. */
  all(): SearchResult[] {
    this.decodeByteTexts();
    const out = this.lines.map((l) => ({ name: l.name, score: 0, chart: l.chart }));
    for (const { repo, text } of this.texts) {
      for (const [start, , end] of this.records(text)) out.push(this.record(repo, text, start, end, 0));
    }
    return out;
  }

  /**
   * The lines matching `term` (case-insensitive substring, or a Go regular
   * expression) with a score under `threshold`.
   *
   * @throws {ChartaError} Go's regexp syntax error
   */
  search(term: string, threshold: number, regexp: false | GoRegexpLike): SearchResult[] {
    const out: SearchResult[] = [];
    if (regexp) {
      const re = regexp;
      this.decodeByteTexts();
      out.push(...this.searchTexts(term, threshold, re));
      for (const l of this.lines) {
        const m = re.execAt(l.text, 0);
        if (!m) continue;
        const score = calcScore(m.start, l.text);
        if (score < threshold) out.push({ name: l.name, score, chart: l.chart });
      }
      return out;
    }
    if (isAscii(term)) out.push(...this.searchBytes(term, threshold));
    else this.decodeByteTexts();
    out.push(...this.searchTexts(term, threshold, undefined));
    const t = term.toLowerCase();
    for (const l of this.lines) {
      const lv = l.text.toLowerCase();
      const at = lv.indexOf(t);
      if (at === -1) continue;
      const score = calcScore(at, lv);
      if (score < threshold) out.push({ name: l.name, score, chart: l.chart });
    }
    return out;
  }
}

/** The number of separators before position `index` (helm's `calcScore`). */
export function calcScore(index: number, line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== SEP) continue;
    if (index <= i) return n;
    n++;
  }
  return n;
}

function tryVersion(v: string) {
  try {
    return parseVersion(v);
  } catch {
    return undefined;
  }
}

// Sorting and the constraint both need each result's version: parse it once.
const parsedVersions = new WeakMap<CompactVersion, ReturnType<typeof tryVersion>>();
function versionOf(c: CompactVersion) {
  if (!parsedVersions.has(c)) parsedVersions.set(c, tryVersion(c.version));
  return parsedVersions.get(c);
}

/** Sorts results as helm's `SortScore`: score, then name, then newest version first. */
export function sortResults(results: SearchResult[]): void {
  const ver = versionOf;
  results.sort((a, b) => {
    if (a.score !== b.score) return a.score - b.score;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    const va = ver(a.chart), vb = ver(b.chart);
    if (!va || !vb) return 0;
    return vb.compare(va);
  });
}

/**
 * Keeps the results meeting the version constraint, only the first (newest)
 * per chart unless `versions` (helm's `applyConstraint`).
 *
 * @throws {ChartaError} `an invalid version/constraint format: …`
 */
export function applyConstraint(results: SearchResult[], version: string, versions: boolean): SearchResult[] {
  if (version === "") return results;
  let constraint;
  try {
    constraint = parseConstraint(version);
  } catch (e) {
    throw new ChartaError(`an invalid version/constraint format: ${(e as Error).message}`, { cause: e });
  }
  const seen = new Set<string>();
  const out: SearchResult[] = [];
  for (const r of results) {
    if (!versions && seen.has(r.name)) continue;
    const v = versionOf(r.chart);
    if (!v) continue;
    if (constraint.check(v)) {
      out.push(r);
      seen.add(r.name);
    }
  }
  return out;
}
