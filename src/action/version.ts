/**
 * The `version` action: build information, optionally through a Go template.
 *
 * @module
 */
import { type BuildInfo, buildInfo, formatBuildInfo, shortVersion } from "../version/mod.ts";

/** Options of the version action. */
export interface VersionOptions {
  /** Print only the version (helm's `--short`). */
  short?: boolean;
  /** A Go template over the build information (helm's `--template`). */
  template?: string;
}

/** The text `charta version` prints, without the trailing newline. */
export async function versionText(
  options: VersionOptions = {},
  info: BuildInfo = buildInfo(),
): Promise<string> {
  if (options.template) {
    // The template engine is loaded only when a template is given: `version` stays fast.
    // Like helm, plain text/template (no Sprig) over a version.BuildInfo struct.
    const [{ Template }, { GoStruct }] = await Promise.all([
      import("../gotpl/mod.ts"),
      import("../gotpl/value.ts"),
    ]);
    class BuildInfoStruct extends GoStruct {
      readonly goType = "version.BuildInfo";
    }
    return new Template("_").parse(options.template).execute(Object.assign(new BuildInfoStruct(), info));
  }
  return options.short ? shortVersion(info) : formatBuildInfo(info);
}
