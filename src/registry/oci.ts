/**
 * Pushing chart archives to and pulling them from OCI registries, as helm's
 * `registry.Client` Push and Pull do, with tag resolution for `--version`
 * (helm's `ValidateReference`) and helm 4's content cache for pulled charts.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { loadArchive } from "../chart/loader.ts";
import type { Metadata } from "../chart/types.ts";
import { parseConstraint, parseVersion, strictParseVersion, type Version } from "../semver/mod.ts";
import {
  type ClientOptions,
  type Descriptor,
  type Manifest,
  RegistryClient,
  sha256Digest,
} from "./client.ts";
import { type Credential, getCredential } from "./credentials.ts";
import {
  CHART_LAYER_MEDIA_TYPE,
  chartAnnotations,
  chartConfigJson,
  chartManifestJson,
  CONFIG_MEDIA_TYPE,
  LEGACY_CHART_LAYER_MEDIA_TYPE,
  PROV_LAYER_MEDIA_TYPE,
  rfc3339,
} from "./chart.ts";
import { parseReference, type Reference, referenceString, tagToVersion } from "./reference.ts";
import type { EnvLookup } from "../settings/helm_path.ts";
import {
  downloadProgress,
  type DownloadProgressFactory,
  type DownloadProgressOption,
} from "../progress/download.ts";

/** Transport and credential options of registry commands. */
export interface RegistryOptions {
  /** `--plain-http`. */
  plainHTTP?: boolean;
  /** `--insecure-skip-tls-verify`. */
  insecureSkipTLSVerify?: boolean;
  /** `--ca-file`. */
  caFile?: string;
  /** `--cert-file`. */
  certFile?: string;
  /** `--key-file`. */
  keyFile?: string;
  /** `--username` (with `--password`, used instead of the stored login). */
  username?: string;
  /** `--password`. */
  password?: string;
  /** helm's registry config file (`HELM_REGISTRY_CONFIG`). */
  registryConfig?: string;
  /**
   * The environment credential helpers and Docker's config are found in
   * (`PATH`, `HOME`, `DOCKER_CONFIG`); the process's when omitted.
   */
  env?: EnvLookup;
  /**
   * The credential for every host, whatever the flags and the stored logins
   * say (`registry login` checks the one it is given).
   */
  staticCredential?: Credential;
  /** charta's own: a progress bar while the chart layer arrives (src/progress/download.ts); none by default. */
  progress?: DownloadProgressOption;
  /** The fetch to use (tests). */
  fetch?: typeof fetch;
}

/**
 * A registry client for the options: `--username` with `--password` for any
 * host (helm uses them only when both are given), else the stored login,
 * looked up once per host.
 */
export function newClient(opts: RegistryOptions): RegistryClient {
  const flagCred: Credential | undefined = opts.staticCredential ??
    (opts.username && opts.password ? { username: opts.username, password: opts.password } : undefined);
  const stored = new Map<string, Promise<Credential | undefined>>();
  const clientOpts: ClientOptions = {
    plainHTTP: opts.plainHTTP,
    insecureSkipTLSVerify: opts.insecureSkipTLSVerify,
    caFile: opts.caFile,
    certFile: opts.certFile,
    keyFile: opts.keyFile,
    fetch: opts.fetch,
    credential: (host) => {
      if (flagCred) return Promise.resolve(flagCred);
      if (!opts.registryConfig) return Promise.resolve(undefined);
      let found = stored.get(host);
      if (!found) {
        found = getCredential(opts.registryConfig, host, { env: opts.env });
        stored.set(host, found);
      }
      return found;
    },
  };
  return new RegistryClient(clientOpts);
}

/** What a push did. */
export interface PushResult {
  /** `host/path/chart:tag`. */
  ref: string;
  /** The manifest's digest. */
  digest: string;
  /** The manifest bytes pushed. */
  manifest: Uint8Array;
  /** The config blob pushed. */
  config: Uint8Array;
}

const REGISTRY_UNDERSCORE_MESSAGE = `
OCI artifact references (e.g. tags) do not support the plus sign (+). To support
storing semantic versions, Helm adopts the convention of changing plus (+) to
an underscore (_) in chart version tags when pushing to a registry and back to
a plus (+) when pulling from a registry.`;

async function chartMeta(data: Uint8Array): Promise<Metadata> {
  const ch = await loadArchive(data);
  return ch.metadata;
}

/**
 * helm's `Client.Push` of a chart archive to `host/path/chart:version`:
 * chart layer, optional provenance layer, config, manifest (annotations
 * with `created` = `created`), then the tag.
 *
 * @param ref `host/path/name:version` (strict mode: name and version must match the chart)
 * @returns the pushed reference and digest; `out` gets helm's `Pushed:`/`Digest:` lines
 */
export async function pushChartBytes(
  data: Uint8Array,
  ref: string,
  opts: RegistryOptions & { prov?: Uint8Array; created?: string; out?: (s: string) => void },
): Promise<PushResult> {
  const parsed = parseReference(ref);
  const meta = await chartMeta(data);
  if (!ref.endsWith(`/${meta.name}:${meta.version}`)) {
    throw new ChartaError("strict mode enabled, ref basename and tag must match the chart name and version");
  }
  const enc = new TextEncoder();
  const chartDesc: Descriptor = {
    mediaType: CHART_LAYER_MEDIA_TYPE,
    digest: await sha256Digest(data),
    size: data.length,
  };
  const config = enc.encode(chartConfigJson(meta));
  const configDesc: Descriptor = {
    mediaType: CONFIG_MEDIA_TYPE,
    digest: await sha256Digest(config),
    size: config.length,
  };
  const layers: Array<[Descriptor, Uint8Array]> = [[chartDesc, data]];
  if (opts.prov) {
    layers.push([{
      mediaType: PROV_LAYER_MEDIA_TYPE,
      digest: await sha256Digest(opts.prov),
      size: opts.prov.length,
    }, opts.prov]);
  }
  const annotations = chartAnnotations(meta, opts.created ?? rfc3339(new Date()));
  const manifest = enc.encode(chartManifestJson(configDesc, layers.map((l) => l[0]), annotations));
  const digest = await sha256Digest(manifest);
  const client = newClient(opts);
  try {
    const { registry: host, repository } = parsed;
    // helm's withScopeHint: every request of the push asks for a token that may push.
    client.appendScopeHint(host, `repository:${repository}:pull,push`);
    // oras' ExtendedCopy, step for step, so failures name the same operation: a manifest already
    // there is only tagged; otherwise missing blobs are pushed, the manifest by digest, then the tag.
    const step = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (e) {
        throw new ChartaError(`failed to perform "${op}" on destination: ${(e as Error).message}`, {
          cause: e,
        });
      }
    };
    const pushScope = `repository:${repository}:pull,push`;
    if (await step("Exists", () => client.resolve(host, repository, digest)) === undefined) {
      for (const [d, bytes] of [...layers, [configDesc, config] as [Descriptor, Uint8Array]]) {
        if (await step("Exists", () => client.blobExists(host, repository, d.digest, pushScope))) continue;
        await step("Push", () => client.uploadBlob(host, repository, bytes, d.digest));
      }
      await step("Push", () => client.putManifest(host, repository, digest, manifest));
    }
    const tag = parsed.tag || digest;
    if (tag !== digest) {
      // oras' Tag fetches the manifest it tags from the registry, then puts it under the tag.
      await step("Tag", async () => {
        await client.getManifest(host, repository, digest);
        await client.putManifest(host, repository, tag, manifest);
      });
    }
  } finally {
    client.close();
  }
  const result = { ref: referenceString(parsed), digest, manifest, config };
  if (opts.out) {
    opts.out(`Pushed: ${result.ref}\n`);
    opts.out(`Digest: ${result.digest}\n`);
    if (parsed.tag.includes("_")) {
      opts.out(`${result.ref} contains an underscore.\n${REGISTRY_UNDERSCORE_MESSAGE}\n`);
    }
  }
  return result;
}

/**
 * helm's `OCIPusher.push`: a chart archive (and its `.prov` beside it) to
 * `oci://host/path`, tagged `host/path/NAME:VERSION`; `created` is the
 * archive's modification time, as helm records it.
 */
export async function pushChart(
  chartPath: string,
  remote: string,
  opts: RegistryOptions & { out?: (s: string) => void },
): Promise<PushResult> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(chartPath);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new ChartaError(`${chartPath}: no such file`);
    throw e;
  }
  if (info.isDirectory) throw new ChartaError("cannot push directory, must provide chart archive (.tgz)");
  const data = await Deno.readFile(chartPath);
  const meta = await chartMeta(data);
  let prov: Uint8Array | undefined;
  try {
    prov = await Deno.readFile(`${chartPath}.prov`);
  } catch { /* no provenance file */ }
  const base = remote.replace(/^oci:\/\//, "").replace(/\/+$/, "");
  const ref = `${joinPath(base, meta.name)}:${meta.version}`;
  return await pushChartBytes(data, ref, {
    ...opts,
    prov,
    created: rfc3339(info.mtime ?? new Date()),
  });
}

/** Go's `path.Join` of two parts (cleaned). */
function joinPath(a: string, b: string): string {
  const parts: string[] = [];
  for (const p of `${a}/${b}`.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return parts.join("/");
}

/** The chart versions tagged in a repository, highest first (helm's `Client.Tags`). */
export async function chartTags(client: RegistryClient, host: string, repository: string): Promise<string[]> {
  const versions: Version[] = [];
  for (const t of await client.tags(host, repository)) {
    try {
      versions.push(strictParseVersion(tagToVersion(t)));
    } catch { /* not a chart version */ }
  }
  versions.sort((a, b) => b.compare(a));
  return versions.map((v) => v.toString());
}

/** helm's `GetTagMatchingVersionOrConstraint`. */
export function matchTag(tags: string[], version: string): string {
  if (version !== "" && tags.includes(version)) return version;
  let constraint;
  try {
    constraint = parseConstraint(version === "" ? "*" : version);
  } catch (e) {
    throw new ChartaError((e as Error).message, { cause: e });
  }
  for (const t of tags) {
    try {
      if (constraint.check(parseVersion(t))) return t;
    } catch { /* not a version */ }
  }
  throw new ChartaError(`could not locate a version matching provided version string ${version}`);
}

/**
 * helm's `ValidateReference`: the manifest reference (`tag` or `@digest`) a
 * chart reference and `--version` resolve to.
 */
export async function resolveReference(
  client: RegistryClient,
  ref: string,
  version: string,
): Promise<{ parsed: Reference; reference: string; version?: string; cacheDigest?: string }> {
  const parsed = parseReference(ref);
  if (version === "") version = parsed.tag;
  else if (parsed.tag !== "" && parsed.tag !== version) {
    throw new ChartaError(`chart reference and version mismatch: ${version} is not ${parsed.tag}`);
  }
  if (parsed.digest !== "") {
    if (version === "") return { parsed, reference: parsed.digest };
    const d = await client.resolve(parsed.registry, parsed.repository, version.replaceAll("+", "_")).catch(
      () => undefined,
    );
    if (d !== undefined && d !== parsed.digest) {
      throw new ChartaError(`chart reference digest mismatch: ${d} is not ${parsed.digest}`);
    }
    // helm hands the digest on (as the content cache key) only when the tag resolved to it.
    return {
      parsed,
      reference: parsed.digest,
      version,
      cacheDigest: d === undefined ? undefined : parsed.digest,
    };
  }
  let tag: string;
  let isVersion = false;
  try {
    parseVersion(version);
    isVersion = true;
  } catch { /* a constraint or empty */ }
  if (isVersion) tag = version;
  else {
    const tags = await chartTags(client, parsed.registry, parsed.repository);
    if (tags.length === 0) throw new ChartaError(`unable to locate any tags in provided repository: ${ref}`);
    tag = matchTag(tags, version);
  }
  return { parsed, reference: tag.replaceAll("+", "_"), version: tag };
}

/** A pulled chart. */
export interface PulledChart {
  /** The chart archive bytes (verified against the manifest's digest). */
  chart: Uint8Array;
  /** The provenance file, when asked for and present. */
  prov?: Uint8Array;
  /** The manifest digest. */
  digest: string;
  /** The chart layer's digest. */
  chartDigest: string;
  /** `host/path/chart:tag` or `@digest`. */
  ref: string;
  /** Chart metadata from the config blob. */
  config: Metadata;
}

/** helm's `Client.Pull`: the manifest, config and chart (and provenance) layers, all digests verified. */
export async function pullChartBytes(
  client: RegistryClient,
  parsed: Reference,
  reference: string,
  withProv = false,
  progress?: DownloadProgressFactory,
): Promise<PulledChart> {
  const { registry: host, repository } = parsed;
  let m;
  try {
    m = await client.getManifest(host, repository, reference);
  } catch (e) {
    throw new ChartaError(`failed to perform "FetchReference" on source: ${(e as Error).message}`, {
      cause: e,
    });
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(m.bytes)) as Manifest;
  } catch (e) {
    throw new ChartaError(`invalid manifest ${m.digest}: ${(e as Error).message}`);
  }
  const layers = Array.isArray(manifest.layers) ? manifest.layers : [];
  const count = layers.length + (manifest.config ? 1 : 0);
  if (count < 2) {
    throw new ChartaError(
      `manifest does not contain minimum number of descriptors (2), descriptors found: ${count}`,
    );
  }
  if (!manifest.config || manifest.config.mediaType !== CONFIG_MEDIA_TYPE) {
    throw new ChartaError(`could not load config with mediatype ${CONFIG_MEDIA_TYPE}`);
  }
  const chartDesc = layers.find((l) => l.mediaType === CHART_LAYER_MEDIA_TYPE) ??
    layers.find((l) => l.mediaType === LEGACY_CHART_LAYER_MEDIA_TYPE);
  if (!chartDesc) {
    throw new ChartaError(`manifest does not contain a layer with mediatype ${CHART_LAYER_MEDIA_TYPE}`);
  }
  const blob = async (d: Descriptor, bar?: { factory: DownloadProgressFactory; label: string }) => {
    try {
      return await client.getBlob(host, repository, d, bar);
    } catch (e) {
      throw new ChartaError(`unable to retrieve blob with digest ${d.digest}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  };
  const configBytes = await blob(manifest.config);
  const chart = await blob(
    chartDesc,
    progress && { factory: progress, label: `${repository.split("/").pop()}:${reference.slice(0, 19)}` },
  );
  let prov: Uint8Array | undefined;
  if (withProv) {
    const provDesc = layers.find((l) => l.mediaType === PROV_LAYER_MEDIA_TYPE);
    if (!provDesc) {
      throw new ChartaError(`manifest does not contain a layer with mediatype ${PROV_LAYER_MEDIA_TYPE}`);
    }
    prov = await blob(provDesc);
  }
  let config: Metadata;
  try {
    config = JSON.parse(new TextDecoder().decode(configBytes)) as Metadata;
  } catch (e) {
    throw new ChartaError(`unable to parse chart config: ${(e as Error).message}`);
  }
  const ref = reference.includes(":")
    ? `${host}/${repository}@${reference}`
    : `${host}/${repository}:${reference}`;
  return { chart, prov, digest: m.digest, chartDigest: chartDesc.digest, ref, config };
}

/** What {@link pullOciChart} returns: the pulled chart (absent when served from the cache) and where it was stored. */
export interface PulledOci extends Partial<PulledChart> {
  /** The resolved chart version. */
  version?: string;
  /** The cached archive. */
  path?: string;
  /** The cached provenance file. */
  provPath?: string;
  /** Whether the content cache served it without a download. */
  cached: boolean;
}

/** Options of {@link pullOciChart}. */
export interface PullOciOptions extends RegistryOptions {
  /** `--version`: an exact version or a constraint; empty takes the reference's tag or the highest version. */
  version?: string;
  /** helm 4's content cache (`HELM_CONTENT_CACHE`); without it nothing is cached. */
  contentCache?: string;
  /** Also fetch the provenance layer. */
  withProv?: boolean;
  /** Receives helm's `Pulled:`/`Digest:` lines. */
  out?: (text: string) => void;
}

/** Where helm 4's content cache keeps a chart of this sha256 (`ROOT/xx/HEX.chart`). */
export function contentCachePath(root: string, digest: string, suffix = ".chart"): string {
  const hex = digest.replace(/^sha256:/, "");
  return `${root}/${hex.slice(0, 2)}/${hex}${suffix}`;
}

async function atomicWrite(path: string, data: Uint8Array): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await Deno.writeFile(tmp, data, { mode: 0o644 });
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/**
 * Pulls `oci://host/path/chart[:tag][@digest]` (with `--version` resolved
 * as helm does) and, with a content cache, stores the archive there.
 *
 * @returns the pulled chart, the resolved version, and the cached archive path when cached
 */
export async function pullOciChart(
  ref: string,
  opts: PullOciOptions = {},
): Promise<PulledOci> {
  try {
    new URL(ref);
  } catch {
    throw new ChartaError(`invalid chart URL format: ${ref}`);
  }
  const client = newClient(opts);
  try {
    const { parsed, reference, version, cacheDigest } = await resolveReference(
      client,
      ref,
      opts.version ?? "",
    );
    // helm's DownloadToCache: a digest pinned together with a version is looked up in the cache first.
    if (opts.contentCache && cacheDigest) {
      const cached = contentCachePath(opts.contentCache, cacheDigest);
      const provCached = contentCachePath(opts.contentCache, cacheDigest, ".prov");
      if (await nonEmptyFile(cached) && (!opts.withProv || await nonEmptyFile(provCached))) {
        return { version, path: cached, provPath: opts.withProv ? provCached : undefined, cached: true };
      }
    }
    const pulled = await pullChartBytes(
      client,
      parsed,
      reference,
      opts.withProv,
      downloadProgress(opts.progress),
    );
    if (opts.out) {
      opts.out(`Pulled: ${pulled.ref}\nDigest: ${pulled.digest}\n`);
      if (pulled.ref.includes("_")) {
        opts.out(`${pulled.ref} contains an underscore.\n${REGISTRY_UNDERSCORE_MESSAGE}\n`);
      }
    }
    let path: string | undefined;
    let provPath: string | undefined;
    if (opts.contentCache) {
      const key = cacheDigest ?? pulled.chartDigest;
      path = contentCachePath(opts.contentCache, key);
      await atomicWrite(path, pulled.chart);
      if (pulled.prov) {
        provPath = contentCachePath(opts.contentCache, key, ".prov");
        await atomicWrite(provPath, pulled.prov);
      }
    }
    return { ...pulled, version: version ?? pulled.config.version, path, provPath, cached: false };
  } finally {
    client.close();
  }
}

async function nonEmptyFile(path: string): Promise<boolean> {
  try {
    const st = await Deno.stat(path);
    return st.isFile && st.size > 0;
  } catch {
    return false;
  }
}
