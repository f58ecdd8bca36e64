/**
 * What `helm install` prints for a release: pkg/cmd/status.go's
 * `statusPrinter` as install uses it (no chart metadata, no resources),
 * in table, JSON or YAML form.
 *
 * @module
 */
import type { Release } from "../release/types.ts";
import { releaseToJson } from "../storage/record.ts";
import { ANSIC, encodeStructured, type OutputFormat, releaseTime } from "./release_output.ts";
import { trimSpace } from "../release/manifest.ts";

/** Options of {@link releaseStatusText}. */
export interface StatusTextOptions {
  /** `--hide-notes`. */
  hideNotes?: boolean;
  /** `--debug`: hooks and manifest are printed as for a dry run. */
  debug?: boolean;
}

/** helm's `statusPrinter.WriteTable` for an install or uninstall-less release. */
export function releaseStatusTable(rel: Release, options: StatusTextOptions = {}): string {
  let out = `NAME: ${rel.name}\n`;
  const last = releaseTime(rel.info.last_deployed);
  if (!last.IsZero()) out += `LAST DEPLOYED: ${last.format(ANSIC)}\n`;
  out += `NAMESPACE: ${rel.namespace}\n`;
  out += `STATUS: ${rel.info.status}\n`;
  out += `REVISION: ${rel.version}\n`;
  out += `DESCRIPTION: ${rel.info.description ?? ""}\n`;
  const tests = (rel.hooks ?? []).filter((h) => h.events.includes("test"));
  if (tests.length === 0) out += "TEST SUITE: None\n";
  else {
    for (const h of tests) {
      if (!h.last_run.started_at) continue;
      out +=
        `TEST SUITE:     ${h.name}\nLast Started:   ${releaseTime(h.last_run.started_at).format(ANSIC)}\n` +
        `Last Completed: ${
          releaseTime(h.last_run.completed_at).format(ANSIC)
        }\nPhase:          ${h.last_run.phase}\n`;
    }
  }
  if ((rel.info.description ?? "").toLowerCase() === "dry run complete" || options.debug) {
    out += "HOOKS:\n";
    for (const h of rel.hooks ?? []) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    out += `MANIFEST:\n${rel.manifest}\n`;
  }
  const notes = rel.info.notes ?? "";
  if (!options.hideNotes && notes.length > 0) out += `NOTES:\n${trimSpace(notes)}\n`;
  return out;
}

/** The release as `-o table|json|yaml` prints it. */
export function releaseStatusText(
  rel: Release,
  format: OutputFormat,
  options: StatusTextOptions = {},
): string {
  if (format === "table") return releaseStatusTable(rel, options);
  return encodeStructured(releaseToJson(rel), format);
}
