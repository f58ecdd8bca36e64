/**
 * The `env` action: the environment helm (and charta) runs with.
 *
 * @module
 */
import type { EnvSettings } from "../settings/env_settings.ts";

/** The variables `charta env` prints, sorted by name as helm prints them. */
export async function envEntries(settings: EnvSettings, binPath: string): Promise<Array<[string, string]>> {
  const vars = await settings.envVars(binPath);
  return Object.keys(vars).sort().map((k) => [k, vars[k]]);
}

/** helm's `env` output: `KEY="value"` lines, or one value for `env KEY`. */
export async function envText(settings: EnvSettings, binPath: string, key?: string): Promise<string> {
  const entries = await envEntries(settings, binPath);
  if (key !== undefined) return `${new Map(entries).get(key) ?? ""}\n`;
  return entries.map(([k, v]) => `${k}="${v}"\n`).join("");
}
