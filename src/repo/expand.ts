/**
 * Unpacking a chart archive into a folder (helm's `chartutil.ExpandFile`),
 * with the archive loader's rules (no absolute paths, no `..`, size limits)
 * and every output path kept inside `dest/<chart name>`. The chart is first
 * unpacked into a temporary sibling folder and renamed into place, so a
 * failure leaves nothing half-written.
 *
 * @module
 */
import { dirname, join, normalize, relative, resolve } from "node:path";
import { ChartaError } from "../errors/mod.ts";
import { loadArchiveFiles } from "../chart/archive.ts";
import { parseYaml } from "../goyaml/mod.ts";

/**
 * Writes the archive's files under `dest/<chart name>`.
 *
 * @returns the chart folder
 * @throws {ChartaError} the loader's errors, `chart name not specified`, and
 * helm's checks on the chart name
 */
export async function expandChart(dest: string, archive: Uint8Array): Promise<string> {
  const files = await loadArchiveFiles(archive);
  let chartName = "";
  for (const f of files) {
    if (f.name !== "Chart.yaml") continue;
    try {
      const md = parseYaml(f.data, { target: "map" }) as Record<string, unknown> | null;
      chartName = typeof md?.name === "string" ? md.name : "";
    } catch (e) {
      throw new ChartaError(`cannot load Chart.yaml: ${(e as Error).message}`, { cause: e });
    }
  }
  if (!chartName) throw new ChartaError("chart name not specified");
  if (chartName === "." || chartName === "..") {
    throw new ChartaError(`chart name "${chartName}" is not allowed`);
  }
  if (chartName.includes("/") || chartName.includes("\\")) {
    throw new ChartaError(`chart name "${chartName}" must not contain path separators`);
  }
  const root = resolve(dest);
  const chartDir = join(root, chartName);
  await Deno.mkdir(root, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: root, prefix: `.${chartName}-` });
  try {
    for (const f of files) {
      const out = normalize(join(tmp, f.name));
      const rel = relative(tmp, out);
      if (rel.startsWith("..") || rel === "") {
        throw new ChartaError(`chart illegally contains content outside the base directory: "${f.name}"`);
      }
      await Deno.mkdir(dirname(out), { recursive: true });
      await Deno.writeFile(out, f.data, { mode: 0o644 });
    }
    await Deno.rename(tmp, chartDir);
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
  return chartDir;
}
