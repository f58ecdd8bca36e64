/**
 * Where `-f/--values` and `--set-file` read from, as helm's `ReadFile` for
 * values does: `-` is standard input, `http(s)://` a download, anything
 * else a local file.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";

/**
 * The bytes of a values source.
 *
 * @throws {ChartaError} helm's texts: `failed to fetch URL : 404 Not Found`,
 * `open PATH: no such file or directory`.
 */
export async function readValueSource(source: string): Promise<Uint8Array> {
  if (source.trim() === "-") return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new ChartaError(`failed to fetch ${source} : ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  try {
    return await Deno.readFile(source);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new ChartaError(`open ${source}: no such file or directory`);
    throw e;
  }
}
