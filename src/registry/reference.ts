/**
 * OCI references as helm reads them: `oci://host[:port]/path/chart[:tag][@sha256:digest]`,
 * with helm's convention that a `+` in a chart version is an `_` in the tag
 * (OCI tags cannot hold `+`), and oras' validation and error messages.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";

/** The URL scheme of registry references. */
export const OCI_SCHEME = "oci";

const REPOSITORY_RE =
  /^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$/;
const TAG_RE = /^\w[\w.-]{0,127}$/;
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** A parsed registry reference (helm's `registry.reference`). */
export interface Reference {
  /** `host[:port]`. */
  registry: string;
  /** The repository path below the host, e.g. `charts/webapp`. */
  repository: string;
  /** The tag (with `+` already turned into `_`), or "". */
  tag: string;
  /** The `@` digest, or "". */
  digest: string;
}

/** Whether a chart reference names a registry (`oci://…`). */
export function isOCI(ref: string): boolean {
  return ref.startsWith(`${OCI_SCHEME}://`);
}

/** A chart version as a tag: `+` becomes `_`. */
export function versionToTag(version: string): string {
  return version.replaceAll("+", "_");
}

/** A tag as a chart version: `_` becomes `+`. */
export function tagToVersion(tag: string): string {
  return tag.replaceAll("_", "+");
}

function invalid(msg: string): ChartaError {
  return new ChartaError(`invalid reference: ${msg}`);
}

/** go-digest's `Digest.Validate`: `algorithm:encoded` with a known algorithm and length; the error or undefined. */
export function validateDigest(d: string): string | undefined {
  const i = d.indexOf(":");
  if (i <= 0 || i + 1 === d.length) return "invalid checksum digest format";
  const alg = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  if (!(alg in lengths)) {
    return DIGEST_RE.test(d) ? "unsupported digest algorithm" : "invalid checksum digest format";
  }
  if (encoded.length !== lengths[alg]) return "invalid checksum digest length";
  if (!/^[a-f0-9]+$/.test(encoded)) return "invalid checksum digest format";
  return undefined;
}

/** oras' `registry.ParseReference`: `host/repository[:tag|@digest]`. */
function parseOras(artifact: string): { registry: string; repository: string; reference: string } {
  const slash = artifact.indexOf("/");
  if (slash < 0) throw invalid("missing registry or repository");
  const registry = artifact.slice(0, slash);
  const path = artifact.slice(slash + 1);
  let repository = path;
  let reference = "";
  let isTag = false;
  const at = path.indexOf("@");
  if (at >= 0) {
    repository = path.slice(0, at);
    reference = path.slice(at + 1);
    const colon = repository.indexOf(":");
    if (colon >= 0) repository = repository.slice(0, colon);
  } else if (path.includes(":")) {
    const colon = path.indexOf(":");
    isTag = true;
    repository = path.slice(0, colon);
    reference = path.slice(colon + 1);
  }
  if (!validRegistry(registry)) throw invalid(`invalid registry ${JSON.stringify(registry)}`);
  if (!REPOSITORY_RE.test(repository)) throw invalid(`invalid repository ${JSON.stringify(repository)}`);
  if (reference) {
    if (isTag) {
      if (!TAG_RE.test(reference)) throw invalid(`invalid tag ${JSON.stringify(reference)}`);
    } else {
      const err = validateDigest(reference);
      if (err) throw invalid(`invalid digest ${JSON.stringify(reference)}: ${err}`);
    }
  }
  return { registry, repository, reference };
}

/** oras' registry check: Go's `url.ParseRequestURI("dummy://" + r)` giving back exactly `r` as host. */
export function validRegistry(r: string): boolean {
  if (r === "" || /[\/?#@\s]/.test(r)) return false;
  try {
    return new URL(`dummy://${r}`).host !== "" || /^[\w.-]+(:\d*)?$/.test(r);
  } catch {
    return false;
  }
}

/**
 * helm's `newReference`: strips `oci://`, takes an `@digest` off the end,
 * turns `+` in the tag into `_`, and validates the rest as oras does.
 *
 * @throws {ChartaError} `invalid reference: …` as helm prints it
 */
export function parseReference(raw: string): Reference {
  let rest = raw.startsWith(`${OCI_SCHEME}://`) ? raw.slice(OCI_SCHEME.length + 3) : raw;
  let digest = "";
  const at = rest.lastIndexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const parts = rest.split(":");
  if (parts.length > 1 && !parts[parts.length - 1].includes("/")) {
    const tag = parts[parts.length - 1];
    if (tag !== "") rest = rest.replaceAll(tag, versionToTag(tag));
  }
  const o = parseOras(rest);
  if (digest !== "") {
    // The digest is validated when the full reference reaches oras.
    const err = validateDigest(digest);
    if (err) throw invalid(`invalid digest ${JSON.stringify(digest)}: ${err}`);
  }
  return { registry: o.registry, repository: o.repository, tag: o.reference, digest };
}

/** helm's `reference.String()`: `host/repo:tag`, or `host/repo@digest` without a tag. */
export function referenceString(r: Reference): string {
  const base = `${r.registry}/${r.repository}`;
  if (r.tag === "") return r.digest ? `${base}@${r.digest}` : base;
  return `${base}:${r.tag}`;
}
