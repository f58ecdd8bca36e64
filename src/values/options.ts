/**
 * The user's values from the command line, in helm's precedence order
 * (values.Options.MergeValues): `-f` files (path, URL or `-`) deep-merged in
 * order, then `--set-json`, `--set`, `--set-string`, `--set-file` and
 * `--set-literal`, later ones overwriting earlier ones.
 *
 * @module
 */
import {
  parseSet,
  parseSetFileAsync,
  parseSetJSON,
  parseSetLiteral,
  parseSetString,
  setJSONFailureMessage,
  StrvalsError,
} from "../strvals/mod.ts";
import { ChartaError } from "../errors/mod.ts";
import { loadValues, mergeMaps } from "../chart/values.ts";
import type { ValueOptions, Values } from "./types.ts";

/** Reads a values source: a path, an http(s) URL, or `-` for standard input. */
export type ValueReader = (source: string) => Uint8Array | Promise<Uint8Array>;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Merges the value options into one map, as helm does before rendering.
 * `read` fetches `-f` and `--set-file` sources (tests pass their own).
 */
export async function mergeValueOptions(opts: ValueOptions, read: ValueReader): Promise<Values> {
  let base: Values = {};
  for (const file of opts.valueFiles ?? []) {
    const raw = await read(file);
    let current: Values;
    try {
      current = loadValues(raw);
    } catch (e) {
      throw new ChartaError(`failed to parse ${file}: ${message(e)}`, { cause: e });
    }
    base = mergeMaps(base, current);
  }
  for (const value of opts.jsonValues ?? []) {
    try {
      parseSetJSON(value, base);
    } catch (e) {
      if (e instanceof StrvalsError) throw new ChartaError(setJSONFailureMessage(value, e), { cause: e });
      throw e;
    }
  }
  const apply = (list: string[] | undefined, flag: string, parse: (s: string, dest: Values) => void) => {
    for (const value of list ?? []) {
      try {
        parse(value, base);
      } catch (e) {
        if (e instanceof StrvalsError || e instanceof Error) {
          throw new ChartaError(`failed parsing ${flag} data: ${message(e)}`, { cause: e });
        }
        throw e;
      }
    }
  };
  apply(opts.values, "--set", parseSet);
  apply(opts.stringValues, "--set-string", parseSetString);
  for (const value of opts.fileValues ?? []) {
    try {
      await parseSetFileAsync(value, base, async (path) => new TextDecoder().decode(await read(path)));
    } catch (e) {
      throw new ChartaError(`failed parsing --set-file data: ${message(e)}`, { cause: e });
    }
  }
  apply(opts.literalValues, "--set-literal", parseSetLiteral);
  return base;
}
