/**
 * Reading a chart directory into memory as helm's `LoadDir` does: the tree
 * is walked in lexical order following symbolic links (helm's
 * internal/sympath, which logs each link it follows), `.helmignore` rules
 * and the default `templates/.?*` rule skip files and whole directories,
 * irregular files (devices, sockets, pipes) are refused, files over the
 * per-file limit are refused, and a UTF-8 BOM is stripped from every file.
 *
 * @module
 */

import { compareBytewise } from "../gojson/utf8.ts";
import type { LogFn } from "../log/slog.ts";
import { quote } from "../gotpl/quote.ts";
import { base, clean } from "../sprig/gopath.ts";
import { type ArchiveLimits, type BufferedFile, DEFAULT_ARCHIVE_LIMITS, trimBOM } from "./archive.ts";
import { ChartLoadError, errnoText, pathError } from "./errors.ts";
import { HELM_IGNORE, HelmIgnore } from "./helmignore.ts";

/** Options of {@link loadDirFiles}. */
export interface DirOptions {
  /** Size limits; only the per-file limit applies to directories (default 5 MiB). */
  limits?: ArchiveLimits;
  /** Receives helm's log records (INFO for each symbolic link followed). */
  log?: LogFn;
}

/** Go's `filepath.Abs` on Linux. */
export function absPath(p: string): string {
  return clean(p.startsWith("/") ? p : `${Deno.cwd()}/${p}`);
}

/** Go's `filepath.Join` of a directory and a name. */
function join(dir: string, name: string): string {
  return clean(`${dir}/${name}`);
}

/** What the walk knows of a file: Deno's info and the path it describes (for Go's `fi.Name()`). */
interface Info {
  stat: Deno.FileInfo;
  path: string;
}

// The walk uses Deno's synchronous file calls: a chart is hundreds of small
// files, and one async round trip per stat and read cost more than the reads.
function lstat(path: string): Info {
  try {
    return { stat: Deno.lstatSync(path), path };
  } catch (e) {
    throw pathError("lstat", path, e);
  }
}

/**
 * Go's `filepath.EvalSymlinks` on Linux: resolves every link in `path`
 * component by component, with Go's errors.
 */
export async function evalSymlinks(path: string): Promise<string> {
  let volLen = 0;
  if (path.startsWith("/")) volLen = 1;
  let vol = path.slice(0, volLen);
  let dest = vol;
  let links = 0;
  let start = volLen;
  let end = volLen;
  for (; start < path.length; start = end) {
    while (start < path.length && path[start] === "/") start++;
    end = start;
    while (end < path.length && path[end] !== "/") end++;
    if (end === start) break;
    const elem = path.slice(start, end);
    if (elem === ".") continue;
    if (elem === "..") {
      let r = dest.length - 1;
      while (r >= volLen && dest[r] !== "/") r--;
      if (r < volLen || dest.slice(r + 1) === "..") {
        if (dest.length > volLen) dest += "/";
        dest += "..";
      } else {
        dest = dest.slice(0, r);
      }
      continue;
    }
    if (dest.length > 0 && !dest.endsWith("/")) dest += "/";
    dest += elem;
    const fi = (await lstat(dest)).stat;
    if (!fi.isSymlink) {
      if (!fi.isDirectory && end < path.length) throw new ChartLoadError("not a directory", { code: "fs" });
      continue;
    }
    links++;
    if (links > 255) throw new ChartLoadError("EvalSymlinks: too many links", { code: "fs" });
    let link: string;
    try {
      link = Deno.readLinkSync(dest);
    } catch (e) {
      throw pathError("readlink", dest, e);
    }
    path = link + path.slice(end);
    if (link.startsWith("/")) {
      dest = "/";
      end = 1;
      vol = "/";
      volLen = 1;
    } else {
      let r = dest.length - 1;
      while (r >= volLen && dest[r] !== "/") r--;
      dest = r < volLen ? vol : dest.slice(0, r);
      end = 0;
    }
  }
  return clean(dest);
}

const SKIP_DIR = Symbol("SkipDir");
type WalkResult = typeof SKIP_DIR | ChartLoadError | undefined;
type WalkFn = (
  path: string,
  info: Info | null,
  err: ChartLoadError | null,
) => WalkResult | Promise<WalkResult>;

function readDirNames(dir: string): string[] {
  const names: string[] = [];
  try {
    for (const e of Deno.readDirSync(dir)) names.push(e.name);
  } catch (e) {
    throw pathError("open", dir, e);
  }
  return names.sort(compareBytewise);
}

/** helm's sympath `symwalk`: walks `path`, following symbolic links. */
async function symwalk(path: string, info: Info, walkFn: WalkFn, log: LogFn): Promise<WalkResult> {
  if (info.stat.isSymlink) {
    let resolved: string;
    try {
      resolved = await evalSymlinks(path);
    } catch (e) {
      return new ChartLoadError(`error evaluating symlink ${path}: ${(e as Error).message}`, { cause: e });
    }
    log("INFO", "found symbolic link in path. Contents of linked file included and used", [
      ["path", path],
      ["resolved", resolved],
    ]);
    let target: Info;
    try {
      target = await lstat(resolved);
    } catch (e) {
      return e as ChartLoadError;
    }
    const r = await symwalk(path, target, walkFn, log);
    if (r !== undefined && r !== SKIP_DIR) return r;
    return undefined;
  }
  const r = await walkFn(path, info, null);
  if (r !== undefined) return r;
  if (!info.stat.isDirectory) return undefined;
  let names: string[];
  try {
    names = await readDirNames(path);
  } catch (e) {
    return await walkFn(path, info, e as ChartLoadError);
  }
  for (const name of names) {
    const filename = join(path, name);
    let fileInfo: Info;
    try {
      fileInfo = await lstat(filename);
    } catch (e) {
      const r2 = await walkFn(filename, null, e as ChartLoadError);
      if (r2 !== undefined && r2 !== SKIP_DIR) return r2;
      continue;
    }
    const r2 = await symwalk(filename, fileInfo, walkFn, log);
    if (r2 !== undefined) {
      if ((!fileInfo.stat.isDirectory && !fileInfo.stat.isSymlink) || r2 !== SKIP_DIR) return r2;
    }
  }
  return undefined;
}

/** helm's sympath `Walk`. */
async function walk(root: string, walkFn: WalkFn, log: LogFn): Promise<void> {
  let r: WalkResult;
  let info: Info | undefined;
  try {
    info = await lstat(root);
  } catch (e) {
    r = await walkFn(root, null, e as ChartLoadError);
  }
  if (info) r = await symwalk(root, info, walkFn, log);
  if (r !== undefined && r !== SKIP_DIR) throw r;
}

async function readIgnoreFile(path: string): Promise<HelmIgnore> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (e) {
    throw pathError("open", path, e);
  }
  let data: Uint8Array;
  try {
    data = new Uint8Array(await new Response(file.readable).arrayBuffer());
  } catch (e) {
    throw new ChartLoadError(`read ${path}: ${errnoText(e)}`, { code: "fs", cause: e });
  }
  return HelmIgnore.parse(data);
}

/**
 * The files of a chart directory (helm's `LoadDir` before `LoadFiles`),
 * named relative to the directory with `/`.
 *
 * @throws {ChartLoadError} helm's messages: `cannot load irregular file
 * /abs/x as it has file mode type bits set`, `chart file "x" is larger than
 * the maximum file size 5242880`, `error evaluating symlink /abs/x: lstat
 * /abs/y: no such file or directory`, `.helmignore` syntax errors, …
 */
export async function loadDirFiles(dir: string, opts: DirOptions = {}): Promise<BufferedFile[]> {
  const limits = opts.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const log: LogFn = opts.log ?? (() => {});
  const topdir = absPath(dir);
  let rules = HelmIgnore.empty();
  const ifile = join(topdir, HELM_IGNORE);
  let ignoreExists = false;
  try {
    Deno.statSync(ifile);
    ignoreExists = true;
  } catch {
    // No .helmignore (or none readable): no rules.
  }
  if (ignoreExists) rules = await readIgnoreFile(ifile);
  rules.addDefaults();

  const files: BufferedFile[] = [];
  const prefix = topdir + "/";
  const walkFn: WalkFn = (name, info, err) => {
    const n = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    if (n === "") return undefined;
    if (err) return err;
    const fi = info!;
    if (fi.stat.isDirectory) return rules.ignores(n, true) ? SKIP_DIR : undefined;
    if (rules.ignores(n, false)) return undefined;
    if (!fi.stat.isFile) {
      return new ChartLoadError(`cannot load irregular file ${name} as it has file mode type bits set`);
    }
    if (fi.stat.size > limits.maxFileSize) {
      return new ChartLoadError(
        `chart file ${quote(base(fi.path))} is larger than the maximum file size ${limits.maxFileSize}`,
      );
    }
    let data: Uint8Array;
    try {
      data = Deno.readFileSync(name);
    } catch (e) {
      return new ChartLoadError(`error reading ${n}: ${pathError("open", name, e).message}`, { cause: e });
    }
    files.push({ name: n, modTime: fi.stat.mtime ?? undefined, data: trimBOM(data) });
    return undefined;
  };
  await walk(prefix, walkFn, log);
  return files;
}
