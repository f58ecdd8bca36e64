/**
 * Writing a chart archive as helm 4's `chartutil.Save` does, byte for byte:
 *
 * - entries, in order: `NAME/Chart.yaml` (re-marshalled from the metadata:
 *   sigs.k8s.io/yaml, so keys sorted and empty fields omitted; v1 charts
 *   without their `dependencies`), `NAME/Chart.lock` (v2 charts with a lock;
 *   its mtime is the lock's `generated` time), `NAME/values.yaml` (raw),
 *   `NAME/values.schema.json` (which must be valid JSON), templates, other
 *   files, then each subchart recursively under `NAME/charts/`;
 * - each entry `tar.Header{Name, Mode: 0644, Size, ModTime}` with the time
 *   the file was loaded with, or the current time when unknown;
 * - gzip with helm's header: comment `Helm`, helm's extra field, no name,
 *   no time.
 *
 * charta extension: with `sourceDateEpoch` (the CLI reads
 * `SOURCE_DATE_EPOCH`), every entry carries that time instead, so the
 * archive depends only on the chart's contents. helm 4.2.4 ignores the
 * variable.
 *
 * @module
 */

import { ChartaError } from "../errors/mod.ts";
import { quote } from "../gotpl/quote.ts";
import { checkValid } from "../gojson/scanner.ts";
import { marshal as yamlMarshal } from "../goyaml/mod.ts";
import { parseTime } from "../gotime/layout.ts";
import { GoTime, localLocation, UTC } from "../gotime/mod.ts";
import { base, clean, dir } from "../sprig/gopath.ts";
import { API_VERSION_V1, API_VERSION_V2, validateMetadata, ZERO_TIME } from "./metadata.ts";
import { pathError } from "./errors.ts";
import { type TarTime, TarWriter } from "./tar_writer.ts";
import { type GzipHeader, GzipWriter } from "./gzip_writer.ts";
import type { Chart, Dependency, Lock, Maintainer, Metadata } from "./types.ts";
import { concatBytes } from "../bytes/mod.ts";

/** helm's gzip extra field (RFC 1952 subfield `rr`, 40 bytes). */
export const HELM_GZIP_EXTRA: Uint8Array = new TextEncoder().encode(
  "rr\x28\x00aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=",
);

/** A streaming gzip compressor (the shape of `GzipWriter` in gzip_writer.ts). */
export interface GzipStream {
  /** Compresses a chunk; returns the compressed bytes ready so far. */
  write(chunk: Uint8Array): Uint8Array;
  /** Ends the stream; returns the remaining bytes (trailer included). */
  close(): Uint8Array;
}

/** Makes a gzip compressor for a header. */
export type GzipFactory = (header: GzipHeader) => GzipStream;

/** Options of {@link archiveChart} and {@link saveChart}. */
export interface SaveOptions {
  /**
   * Seconds since the epoch to stamp on every entry (`SOURCE_DATE_EPOCH`,
   * a charta extension); by default each file's own modification time.
   */
  sourceDateEpoch?: number;
  /** The current time, for files without a known modification time (default: now). */
  now?: () => Date;
  /** The gzip compressor (default: charta's Go-exact writer). */
  gzip?: GzipFactory;
}

const RFC3339 = "2006-01-02T15:04:05Z07:00";
const RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

/** `"%q is not a valid chart name"`: a name that is not its own base name (`validateName`). */
export function validateChartName(name: string): void {
  if (base(name) !== name) throw new ChartaError(`${quote(name)} is not a valid chart name`);
}

/** Sets `key` unless `v` is empty as Go's `omitempty` judges it (zero value, empty slice or map). */
export function omitEmpty(out: Record<string, unknown>, key: string, v: unknown): void {
  if (v === undefined || v === null || v === "" || v === false) return;
  if (Array.isArray(v) && v.length === 0) return;
  if (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0) return;
  out[key] = v;
}

/** A dependency as Go's JSON encoder writes `*chart.Dependency` (name and repository always present). */
export function dependencyJSONObject(d: Dependency | null): Record<string, unknown> | null {
  if (d === null || d === undefined) return null;
  const out: Record<string, unknown> = { name: d.name ?? "" };
  omitEmpty(out, "version", d.version);
  out.repository = d.repository ?? "";
  omitEmpty(out, "condition", d.condition);
  omitEmpty(out, "tags", d.tags);
  omitEmpty(out, "enabled", d.enabled);
  omitEmpty(out, "import-values", d["import-values"]);
  omitEmpty(out, "alias", d.alias);
  return out;
}

function maintainerObject(m: Maintainer | null): Record<string, unknown> | null {
  if (m === null || m === undefined) return null;
  const out: Record<string, unknown> = {};
  omitEmpty(out, "name", m.name);
  omitEmpty(out, "email", m.email);
  omitEmpty(out, "url", m.url);
  return out;
}

/**
 * Chart metadata as Go's encoders write `chart.Metadata`: fields in the
 * struct's order, empty ones left out; `withDependencies` false leaves the
 * dependencies out (v1 charts keep them in requirements.yaml).
 */
export function metadataObject(md: Metadata, withDependencies = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  omitEmpty(out, "name", md.name);
  omitEmpty(out, "home", md.home);
  omitEmpty(out, "sources", md.sources);
  omitEmpty(out, "version", md.version);
  omitEmpty(out, "description", md.description);
  omitEmpty(out, "keywords", md.keywords);
  if (md.maintainers?.length) out.maintainers = md.maintainers.map(maintainerObject);
  omitEmpty(out, "icon", md.icon);
  omitEmpty(out, "apiVersion", md.apiVersion);
  omitEmpty(out, "condition", md.condition);
  omitEmpty(out, "tags", md.tags);
  omitEmpty(out, "appVersion", md.appVersion);
  omitEmpty(out, "deprecated", md.deprecated);
  omitEmpty(out, "annotations", md.annotations);
  omitEmpty(out, "kubeVersion", md.kubeVersion);
  if (withDependencies && md.dependencies?.length) {
    out.dependencies = md.dependencies.map(dependencyJSONObject);
  }
  omitEmpty(out, "type", md.type);
  return out;
}

/**
 * Chart.yaml as `helm package` writes it: `yaml.Marshal(chart.Metadata)`
 * (keys sorted, empty fields left out). v1 charts keep their dependencies
 * in requirements.yaml, so they are left out of Chart.yaml.
 */
export function marshalChartYaml(md: Metadata): string {
  return yamlMarshal(metadataObject(md, md.apiVersion !== API_VERSION_V1));
}

/** A Go time's JSON text (RFC 3339 with nanoseconds, in the local zone) for a `Date`. */
export function goTimeText(d: Date): string {
  const ms = d.getTime();
  const sec = Math.floor(ms / 1000);
  return GoTime.unix(sec, (ms - sec * 1000) * 1e6, localLocation()).format(RFC3339_NANO);
}

/** Chart.lock as helm writes it (`yaml.Marshal(chart.Lock)`). */
export function marshalLock(lock: Lock): string {
  return yamlMarshal({
    generated: lock.generated || ZERO_TIME,
    digest: lock.digest ?? "",
    dependencies: (lock.dependencies ?? []).map((d) => dependencyJSONObject(d as Dependency)),
  });
}

/** The instant of a lock's `generated` text; undefined for Go's zero time. */
function lockTime(generated: string): TarTime | undefined {
  if (!generated || generated === ZERO_TIME) return undefined;
  try {
    const i = parseTime(RFC3339, generated, UTC, localLocation());
    return { seconds: i.sec, nanoseconds: i.nsec };
  } catch {
    return undefined;
  }
}

/** Writes the archive's entries; returns them as chunks of tar bytes. */
class ArchiveBuilder {
  private readonly tw = new TarWriter();
  readonly chunks: Uint8Array[] = [];
  private readonly fixed?: TarTime;
  private readonly now: () => Date;

  constructor(opts: SaveOptions) {
    if (opts.sourceDateEpoch !== undefined) this.fixed = { seconds: opts.sourceDateEpoch, nanoseconds: 0 };
    this.now = opts.now ?? (() => new Date());
  }

  private add(name: string, data: Uint8Array, modTime: Date | TarTime | undefined): void {
    const t = this.fixed ?? modTime ?? this.now();
    this.chunks.push(this.tw.file({ name, mode: 0o644, modTime: t }, data));
  }

  chart(c: Chart, prefix: string): void {
    const md = c.metadata;
    validateChartName(md.name);
    const root = clean(prefix ? `${prefix}/${md.name}` : md.name);
    const enc = new TextEncoder();
    this.add(`${root}/Chart.yaml`, enc.encode(marshalChartYaml(md)), c.modTime);
    if (md.apiVersion === API_VERSION_V2 && c.lock) {
      this.add(`${root}/Chart.lock`, enc.encode(marshalLock(c.lock)), lockTime(c.lock.generated));
    }
    for (const f of c.raw ?? []) {
      if (f.name === "values.yaml") this.add(`${root}/values.yaml`, f.data, f.modTime);
    }
    if (c.schema !== undefined) {
      try {
        checkValid(c.schema);
      } catch {
        throw new ChartaError("invalid JSON in values.schema.json");
      }
      this.add(`${root}/values.schema.json`, c.schema, c.schemaModTime);
    }
    for (const f of c.templates) this.add(clean(`${root}/${f.name}`), f.data, f.modTime);
    for (const f of c.files) this.add(clean(`${root}/${f.name}`), f.data, f.modTime);
    for (const dep of c.dependencies) this.chart(dep, `${root}/charts`);
  }

  close(): void {
    this.chunks.push(this.tw.close());
  }
}

/** The uncompressed tar stream of a chart archive (what {@link archiveChart} compresses). */
export function chartTar(c: Chart, opts: SaveOptions = {}): Uint8Array[] {
  const b = new ArchiveBuilder(opts);
  b.chart(c, "");
  b.close();
  return b.chunks;
}

const defaultGzip: GzipFactory = (header) => new GzipWriter(header);

/** Compresses tar chunks with helm's gzip header. */
function compress(chunks: Uint8Array[], opts: SaveOptions): Uint8Array[] {
  const gz = (opts.gzip ?? defaultGzip)({ comment: "Helm", extra: HELM_GZIP_EXTRA });
  const out: Uint8Array[] = [];
  for (const c of chunks) {
    const o = gz.write(c);
    if (o.length) out.push(o);
  }
  out.push(gz.close());
  return out;
}

/**
 * The `.tgz` bytes of a chart, as `helm package` would write them.
 *
 * @throws {ChartaError} `"x/y" is not a valid chart name`, `invalid JSON in
 * values.schema.json`
 */
export function archiveChart(c: Chart, opts: SaveOptions = {}): Uint8Array {
  return concatBytes(compress(chartTar(c, opts), opts));
}

/**
 * helm's `chartutil.Save`: writes `OUTDIR/NAME-VERSION.tgz` (creating
 * OUTDIR) and returns its path (`OUTDIR` joined as given, cleaned). Like
 * helm, the file is created before the archive is built and removed again
 * when building fails.
 *
 * @throws {ChartaError} `chart validation: validation: …`, `is not a
 * directory: DIR`, `stat DIR: …`, `open FILE: permission denied`, and the
 * errors of {@link archiveChart}
 */
export async function saveChart(c: Chart, outDir: string, opts: SaveOptions = {}): Promise<string> {
  try {
    validateMetadata(c.metadata);
  } catch (e) {
    throw new ChartaError(`chart validation: ${(e as Error).message}`, { cause: e });
  }
  const archiveName = `${c.metadata.name}-${c.metadata.version}.tgz`;
  const filename = clean(outDir === "" ? archiveName : `${outDir}/${archiveName}`);
  const d = dir(filename);
  let info: Deno.FileInfo | undefined;
  try {
    info = await Deno.stat(d);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw pathError("stat", d, e);
  }
  if (info === undefined) {
    try {
      await Deno.mkdir(d, { recursive: true, mode: 0o755 });
    } catch (e) {
      throw pathError("mkdir", d, e);
    }
  } else if (!info.isDirectory) {
    throw new ChartaError(`is not a directory: ${d}`);
  }
  let file: Deno.FsFile;
  try {
    file = await Deno.open(filename, { write: true, create: true, truncate: true, mode: 0o666 });
  } catch (e) {
    throw pathError("open", filename, e);
  }
  let ok = false;
  try {
    const parts = compress(chartTar(c, opts), opts);
    for (const p of parts) {
      let off = 0;
      while (off < p.length) off += await file.write(p.subarray(off));
    }
    ok = true;
  } finally {
    file.close();
    if (!ok) await Deno.remove(filename).catch(() => {});
  }
  return filename;
}
