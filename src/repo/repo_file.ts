/**
 * helm's repositories file (`HELM_REPOSITORY_CONFIG`, `repositories.yaml`),
 * read and written as helm does, so that helm and charta share it: keys
 * sorted (sigs.k8s.io/yaml), every entry field present, `apiVersion: ""` and
 * the zero `generated` time when the file was created by `repo add`.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { marshal, parseYaml } from "../goyaml/mod.ts";
import { ZERO_TIME } from "../chart/metadata.ts";
import { dirname } from "node:path";

/** One repository (helm's `repo.Entry`), with helm's field names. */
export interface RepoEntry {
  /** The name charts are referenced by (`NAME/chart`). */
  name: string;
  /** The repository URL (index.yaml is fetched beside it). */
  url: string;
  /** Basic auth user. */
  username: string;
  /** Basic auth password. */
  password: string;
  /** Client certificate file. */
  certFile: string;
  /** Client key file. */
  keyFile: string;
  /** CA bundle file. */
  caFile: string;
  /** Skip TLS checks. */
  insecure_skip_tls_verify: boolean;
  /** Send credentials to every host. */
  pass_credentials_all: boolean;
}

/** The repositories file. */
export interface RepoFile {
  /** `v1`, or empty when `repo add` created the file (as helm writes it). */
  apiVersion: string;
  /** Go time text, kept as read. */
  generated: string;
  /** The repositories, in file order. */
  repositories: RepoEntry[];
}

/** A repository entry with every field filled (helm's zero values). */
export function newEntry(e: Partial<RepoEntry> & { name: string; url: string }): RepoEntry {
  return {
    name: e.name,
    url: e.url,
    username: e.username ?? "",
    password: e.password ?? "",
    certFile: e.certFile ?? "",
    keyFile: e.keyFile ?? "",
    caFile: e.caFile ?? "",
    insecure_skip_tls_verify: e.insecure_skip_tls_verify ?? false,
    pass_credentials_all: e.pass_credentials_all ?? false,
  };
}

/** Whether two entries are equal field by field (helm's `c != *existing`). */
export function sameEntry(a: RepoEntry, b: RepoEntry): boolean {
  return marshal(newEntry(a)) === marshal(newEntry(b));
}

/**
 * Decodes a repositories file; empty text is helm's zero `repo.File`.
 *
 * @throws {ChartaError} helm's YAML error for malformed files
 */
export function parseRepoFile(text: string): RepoFile {
  const raw = (text.trim() === "" ? {} : parseYaml(text, { target: "map" })) as
    | Record<string, unknown>
    | null;
  const obj = raw ?? {};
  const repos = Array.isArray(obj.repositories) ? obj.repositories : [];
  return {
    apiVersion: typeof obj.apiVersion === "string" ? obj.apiVersion : "",
    generated: typeof obj.generated === "string" && obj.generated !== "" ? obj.generated : ZERO_TIME,
    repositories: repos.filter((r): r is Record<string, unknown> => r !== null && typeof r === "object").map((
      r,
    ) =>
      newEntry({
        name: String(r.name ?? ""),
        url: String(r.url ?? ""),
        username: String(r.username ?? ""),
        password: String(r.password ?? ""),
        certFile: String(r.certFile ?? ""),
        keyFile: String(r.keyFile ?? ""),
        caFile: String(r.caFile ?? ""),
        insecure_skip_tls_verify: r.insecure_skip_tls_verify === true,
        pass_credentials_all: r.pass_credentials_all === true,
      })
    ),
  };
}

/** Whether an error is "file not found". */
export function isNotFound(e: unknown): boolean {
  return e instanceof Deno.errors.NotFound ||
    (e instanceof ChartaError && e.cause instanceof Deno.errors.NotFound);
}

/**
 * Reads the repositories file (helm's `repo.LoadFile`).
 *
 * @throws {ChartaError} `couldn't load repositories file (PATH): …` with the
 * NotFound error as cause when it is missing
 */
export async function loadRepoFile(path: string): Promise<RepoFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    const detail = e instanceof Deno.errors.NotFound
      ? `open ${path}: no such file or directory`
      : (e as Error).message;
    throw new ChartaError(`couldn't load repositories file (${path}): ${detail}`, { cause: e });
  }
  return parseRepoFile(text);
}

/** The file's YAML text, as `yaml.Marshal(repo.File)` writes it. */
export function marshalRepoFile(f: RepoFile): string {
  return marshal({
    apiVersion: f.apiVersion,
    generated: f.generated,
    repositories: f.repositories.map(newEntry),
  });
}

/** Writes the repositories file (mode 0600, directories created), replacing it atomically. */
export async function writeRepoFile(path: string, f: RepoFile): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await atomicWrite(path, marshalRepoFile(f), 0o600);
}

/**
 * Writes a file through a temporary sibling and a rename, so a reader
 * never sees half of it and a failure leaves the old file in place.
 */
export async function atomicWrite(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data, { mode });
    else await Deno.writeFile(tmp, data, { mode });
    await Deno.chmod(tmp, mode).catch(() => {});
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}
