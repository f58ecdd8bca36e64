/**
 * File-system helpers of the lint rules, with Go's error texts.
 *
 * @module
 */
import { pathError } from "../chart/errors.ts";

/** `os.Stat`, or `null` when it fails. */
export async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch {
    return null;
  }
}

/** Whether `os.Stat` fails with "no such file or directory". */
export async function notExists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return false;
  } catch (e) {
    return e instanceof Deno.errors.NotFound;
  }
}

/** The `*fs.PathError` of `os.Stat`, or `null` when it succeeds. */
export async function statError(path: string): Promise<Error | null> {
  try {
    await Deno.stat(path);
    return null;
  } catch (e) {
    return pathError("stat", path, e);
  }
}

/** Go's `os.ReadFile` error text for `path`. */
export function readFileError(path: string, e: unknown): Error {
  if (e instanceof Deno.errors.IsADirectory || (e as { code?: string })?.code === "EISDIR") {
    return new Error(`read ${path}: is a directory`, { cause: e });
  }
  return pathError("open", path, e);
}
