/**
 * What `helm template` prints (or writes with `--output-dir`) from a
 * rendered chart: Helm 4's `renderResources` after the engine
 * (pkg/action/action.go) and the printing of pkg/cmd/template.go.
 *
 * - `NOTES.txt` files (any name ending so) are taken out, partials and blank
 *   files dropped, every file split into documents and sorted
 *   ({@link sortManifests}); hooks are kept apart.
 * - The release manifest is, in order, the CRDs of `crds/` directories
 *   (with `--include-crds`, raw) and the documents, each as
 *   `---\n# Source: PATH\nCONTENT\n`; `helm template` prints it trimmed plus
 *   a newline, then the hooks (tests left out with `--skip-tests`, all of
 *   them with `--no-hooks`) in the same form.
 * - `--show-only` splits that text again and keeps the documents whose
 *   `# Source:` path (the chart name removed) matches one of the patterns
 *   (Go's `filepath.Match`), pattern by pattern.
 * - `--output-dir` writes files instead ({@link planTemplate} lists the
 *   writes, {@link writeTemplateFiles} performs them).
 *
 * @module
 */

import type { Chart, ChartFile } from "../chart/types.ts";
import { chartFullPath, isCompatibleRange, subchartFullPath } from "../chart/dependencies.ts";
import type { LogFn } from "../log/slog.ts";
import type { Hook } from "../release/types.ts";
import {
  compareSplitManifestKeys,
  InstallOrder,
  type Manifest,
  ManifestParseError,
  sortManifests,
  splitManifests,
  trimSpace,
} from "../release/manifest.ts";
import { compareBytewise } from "../gojson/utf8.ts";
import { pathMatch } from "./path_match.ts";

const NOTES_SUFFIX = "NOTES.txt";

/** Options of {@link renderResources}, as Helm's Install fields. */
export interface RenderResourcesOptions {
  /** Release name, for `--release-name` with `--output-dir`. */
  releaseName?: string;
  /** `--output-dir`: documents become file writes instead of manifest text. */
  outputDir?: string;
  /** `--release-name`: write under `OUTPUT-DIR/RELEASE-NAME`. */
  useReleaseName?: boolean;
  /** `--include-crds`. */
  includeCrds?: boolean;
  /** `--render-subchart-notes`: subcharts' NOTES.txt are part of the notes. */
  subNotes?: boolean;
  /** `--hide-secret` (install/upgrade `--dry-run`): v1 Secrets are replaced by a comment. */
  hideSecret?: boolean;
  /** Receives Helm's log records (`skipping unknown hooks`). */
  log?: LogFn;
}

/** A file write of `--output-dir`, in order. */
export interface OutputWrite {
  /** `OUTPUT-DIR/NAME` joined with `/`, as Helm prints it after `wrote `. */
  file: string;
  /** The text written: `---\n# Source: NAME\nCONTENT\n`. */
  content: string;
  /**
   * `false`: create or truncate; `true`: append (the file was written
   * earlier in this run); `"if-exists"`: append when the file exists on
   * disk at that moment, create it otherwise (hooks: Helm checks the disk,
   * so hooks are appended to files left by an earlier run).
   */
  append: boolean | "if-exists";
}

/** What `renderResources` gives back: the release's hooks, manifest and notes. */
export interface RenderedResources {
  /** Hooks sorted by kind (on a parse error: those found before it, unsorted). */
  hooks: Hook[];
  /** The release manifest (`---\n# Source: …` documents); empty with an output dir. */
  manifest: string;
  /** The rendered notes. */
  notes: string;
  /** The writes of `--output-dir` (CRDs and documents, not hooks). */
  writes: OutputWrite[];
  /** A YAML parse error; the manifest then holds every file for debugging. */
  error?: ManifestParseError;
}

function source(name: string, content: string): string {
  return `---\n# Source: ${name}\n${content}\n`;
}

function joinOutput(dir: string, name: string): string {
  return `${dir}/${name}`;
}

/** Go's `filepath.Join` of two relative or absolute slash paths, cleaned. */
function cleanJoin(a: string, b: string): string {
  const joined = a === "" ? b : b === "" ? a : `${a}/${b}`;
  const abs = joined.startsWith("/");
  const out: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!abs) out.push("..");
      continue;
    }
    out.push(part);
  }
  const s = (abs ? "/" : "") + out.join("/");
  return s === "" ? "." : s;
}

/** Go's `filepath.Ext`. */
function ext(name: string): string {
  for (let i = name.length - 1; i >= 0 && name[i] !== "/"; i--) {
    if (name[i] === ".") return name.slice(i);
  }
  return "";
}

function hasManifestExtension(name: string): boolean {
  const e = ext(name).toLowerCase();
  return e === ".yaml" || e === ".yml" || e === ".json";
}

/** A CRD file of a chart or subchart, with the path Helm prints for it. */
export interface CrdObject {
  /** The name in its chart (`crds/x.yaml`). */
  name: string;
  /** Its chart's full path joined with the name (`top/charts/sub/crds/x.yaml`). */
  filename: string;
  file: ChartFile;
}

/**
 * Helm's `CRDObjects`: files of `crds/` ending `.yaml`, `.yml` or `.json`,
 * the chart's then its subcharts', named after the chart's full path
 * ({@link chartFullPath}).
 */
export function crdObjects(chart: Chart, fullPath: string = chartFullPath(chart)): CrdObject[] {
  const out: CrdObject[] = [];
  for (const f of chart.files ?? []) {
    if (f.name.startsWith("crds/") && hasManifestExtension(f.name)) {
      out.push({ name: f.name, filename: cleanJoin(fullPath, f.name), file: f });
    }
  }
  for (const dep of chart.dependencies ?? []) {
    out.push(...crdObjects(dep, subchartFullPath(dep, fullPath)));
  }
  return out;
}

const decoder = new TextDecoder();

/**
 * The `kubeVersion` check Helm makes before rendering.
 *
 * @throws {Error} `chart requires kubeVersion: C which is incompatible with Kubernetes V`
 */
export function checkKubeVersion(chart: Chart, kube: { Version: string; String(): string }): void {
  const c = chart.metadata.kubeVersion;
  if (c && !isCompatibleRange(c, kube.String())) {
    throw new Error(`chart requires kubeVersion: ${c} which is incompatible with Kubernetes ${kube.Version}`);
  }
}

/**
 * Helm's `renderResources` from the engine's output on (no post-renderer):
 * notes taken out, documents sorted into hooks and manifests, the manifest
 * text (or output-dir writes) built.
 *
 * @param rendered what `render()` returns: full template name → text.
 * @param chart the chart after dependency processing (for its CRDs).
 */
export function renderResources(
  rendered: ReadonlyMap<string, string>,
  chart: Chart,
  options: RenderResourcesOptions = {},
): RenderedResources {
  const files = new Map(rendered);
  const rootNotes = `${chart.metadata.name}/templates/${NOTES_SUFFIX}`;
  const notes: string[] = [];
  for (const k of [...files.keys()].sort(compareBytewise)) {
    if (!k.endsWith(NOTES_SUFFIX)) continue;
    if (options.subNotes || k === rootNotes) notes.push(files.get(k)!);
    files.delete(k);
  }

  let hooks: Hook[];
  let manifests: Manifest[];
  try {
    ({ hooks, manifests } = sortManifests(files, null, InstallOrder, { log: options.log }));
  } catch (e) {
    if (!(e instanceof ManifestParseError)) throw e;
    // Every file as it is, for `--debug` (Go prints them in map order).
    let blob = "";
    for (const name of [...files.keys()].sort(compareBytewise)) {
      const content = files.get(name)!;
      if (trimSpace(content) === "") continue;
      blob += source(name, content);
    }
    return { hooks: e.hooks, manifest: blob, notes: "", writes: [], error: e };
  }

  let manifest = "";
  const writes: OutputWrite[] = [];
  const written = new Set<string>();
  const outputDir = options.outputDir ?? "";
  const write = (dir: string, name: string, content: string) => {
    writes.push({ file: joinOutput(dir, name), content: source(name, content), append: written.has(name) });
    written.add(name);
  };

  if (options.includeCrds) {
    for (const crd of crdObjects(chart)) {
      const data = decoder.decode(crd.file.data);
      if (outputDir === "") manifest += source(crd.filename, data);
      else write(outputDir, crd.filename, data);
    }
  }
  for (const m of manifests) {
    if (outputDir === "") {
      if (options.hideSecret && m.head.kind === "Secret" && m.head.apiVersion === "v1") {
        manifest += `---\n# Source: ${m.name}\n# HIDDEN: The Secret output has been suppressed\n`;
      } else {
        manifest += source(m.name, m.content);
      }
    } else {
      const dir = options.useReleaseName ? cleanJoin(outputDir, options.releaseName ?? "") : outputDir;
      write(dir, m.name, m.content);
    }
  }
  return { hooks, manifest, notes: notes.join("\n"), writes };
}

/** Options of {@link templateOutput}: `helm template`'s flags. */
export interface TemplateOptions extends RenderResourcesOptions {
  /** `--skip-tests`: leave out hooks with the `test` event. */
  skipTests?: boolean;
  /** `--no-hooks`: leave out every hook. */
  disableHooks?: boolean;
  /** `--show-only` patterns, in order. */
  showOnly?: readonly string[];
  /** `--debug`: print what was rendered even when it does not parse. */
  debug?: boolean;
}

/** A failure of `helm template`, with what it printed to stdout before failing. */
export class TemplateOutputError extends Error {
  /** Text printed to stdout before the error (only with `--debug`). */
  output: string;
  /** Writes made before the error (`--output-dir`). */
  writes: OutputWrite[];
  constructor(message: string, output: string, writes: OutputWrite[], options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TemplateOutputError";
    this.output = output;
    this.writes = writes;
  }
}

/** The output of `helm template` for a rendered chart. */
export interface TemplatePlan {
  /** File writes (`--output-dir`), in order; each prints `wrote FILE` when done. */
  writes: OutputWrite[];
  /** What is printed to stdout after the writes. */
  stdout: string;
  /** The error `helm template` ends with, after writing and printing the rest. */
  error?: Error;
  /** The release manifest (no hooks), as install would store it. */
  manifest?: string;
}

const MANIFEST_NAME = /# Source: [^/]+\/([^\n]+)/;

/** Whether a hook runs on `helm test`. */
export function isTestHook(h: Hook): boolean {
  return h.events.includes("test");
}

/**
 * What `helm template` does with a rendered chart: the file writes
 * (`--output-dir`), the text it prints and the error it ends with, if any.
 * A YAML parse error ends it at once unless `debug` is set (then the raw
 * files are printed first); Helm's CLI adds `\n\nUse --debug flag to render
 * out invalid YAML` to that error, which is done here.
 */
export function planTemplate(
  rendered: ReadonlyMap<string, string>,
  chart: Chart,
  options: TemplateOptions = {},
): TemplatePlan {
  const res = renderResources(rendered, chart, options);
  const writes = [...res.writes];
  const installErr = res.error;
  if (installErr && !options.debug) {
    return {
      writes: [],
      stdout: "",
      error: new Error(`${installErr.message}\n\nUse --debug flag to render out invalid YAML`, {
        cause: installErr,
      }),
    };
  }

  let manifests = trimSpace(res.manifest) + "\n";
  if (!options.disableHooks) {
    const outputDir = options.outputDir ?? "";
    for (const h of res.hooks) {
      if (options.skipTests && isTestHook(h)) continue;
      if (outputDir === "") {
        manifests += source(h.path, h.manifest);
      } else {
        const dir = options.useReleaseName ? cleanJoin(outputDir, options.releaseName ?? "") : outputDir;
        writes.push({
          file: joinOutput(dir, h.path),
          content: source(h.path, h.manifest),
          append: "if-exists",
        });
      }
    }
  }

  const showOnly = options.showOnly ?? [];
  if (showOnly.length === 0) return { writes, stdout: manifests, error: installErr, manifest: res.manifest };

  const split = [...splitManifests(manifests)].sort((a, b) => compareSplitManifestKeys(a[0], b[0]));
  const toRender: string[] = [];
  for (const f of showOnly) {
    let missing = true;
    for (const [, manifest] of split) {
      const sub = MANIFEST_NAME.exec(manifest);
      if (sub === null) continue;
      if (!pathMatch(f, sub[1])) continue;
      toRender.push(manifest);
      missing = false;
    }
    if (missing) {
      if (installErr && options.debug) return { writes, stdout: "", error: installErr };
      return { writes, stdout: "", error: new Error(`could not find template ${f} in chart`) };
    }
  }
  return {
    writes,
    stdout: toRender.map((m) => `---\n${m}\n`).join(""),
    error: installErr,
    manifest: res.manifest,
  };
}

/**
 * The text `helm template` prints for a rendered chart (`render()`'s
 * output, after `processDependencies` on the chart). With an output
 * directory, the `wrote FILE` lines are included as if the writes of
 * {@link planTemplate} were made (use {@link writeTemplateFiles} to make
 * them).
 *
 * @throws {TemplateOutputError} Helm's error (`YAML parse error on …`,
 * `could not find template … in chart`) with what was printed before it.
 */
export function templateOutput(
  rendered: ReadonlyMap<string, string>,
  chart: Chart,
  options: TemplateOptions = {},
): string {
  const plan = planTemplate(rendered, chart, options);
  const out = plan.writes.map((w) => `wrote ${w.file}\n`).join("") + plan.stdout;
  if (plan.error) throw new TemplateOutputError(plan.error.message, out, plan.writes, { cause: plan.error });
  return out;
}

function dirName(file: string): string {
  const i = file.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : file.slice(0, i);
}

/**
 * Performs `--output-dir` writes as Helm does (directories 0755, files
 * created or truncated, or appended to) and returns the `wrote FILE` lines
 * Helm prints for them.
 */
export async function writeTemplateFiles(writes: readonly OutputWrite[]): Promise<string> {
  let out = "";
  const enc = new TextEncoder();
  for (const w of writes) {
    await Deno.mkdir(dirName(w.file), { recursive: true, mode: 0o755 });
    let append = w.append === true;
    if (w.append === "if-exists") {
      try {
        await Deno.stat(w.file);
        append = true;
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
    }
    if (append) {
      await Deno.writeFile(w.file, enc.encode(w.content), { append: true, create: false });
    } else {
      await Deno.writeFile(w.file, enc.encode(w.content), { mode: 0o666 });
    }
    out += `wrote ${w.file}\n`;
  }
  return out;
}
