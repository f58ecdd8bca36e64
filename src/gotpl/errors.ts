/**
 * Template errors with Go's exact text plus the pieces a caller needs to
 * reformat them (Helm 4 rewrites execution errors into its own layout).
 *
 * @module
 */

import { quote } from "./quote.ts";

/**
 * A parse error: `template: NAME:LINE: DESCRIPTION`.
 *
 * @example
 * ```ts
 * try { new Template("x").parse("{{foo}}"); } catch (e) {
 *   if (e instanceof TemplateParseError) console.log(e.templateName, e.line, e.description);
 *   // x 1 function "foo" not defined
 * }
 * ```
 */
export class TemplateParseError extends Error {
  /** The name of the template being parsed (a file name in Helm). */
  readonly templateName: string;
  /** 1-based line of the offending token. */
  readonly line: number;
  /** The message after the `template: NAME:LINE: ` prefix. */
  readonly description: string;

  /** Builds the error from Go's three parts. */
  constructor(templateName: string, line: number, description: string) {
    super(`template: ${templateName}:${line}: ${description}`);
    this.name = "TemplateParseError";
    this.templateName = templateName;
    this.line = line;
    this.description = description;
  }
}

/**
 * An execution error: `template: NAME:LINE:COL: executing "TPL" at <NODE>: DESCRIPTION`,
 * or `template: TPL: DESCRIPTION` when no node is involved.
 */
export class TemplateExecError extends Error {
  /** Name of the template (file) holding the failing node; equals `executing` when there is no node. */
  readonly templateName: string;
  /** 1-based line, or 0 when no node is involved. */
  readonly line: number;
  /** 0-based byte column, or 0 when no node is involved. */
  readonly col: number;
  /** Name of the template being executed when the error happened. */
  readonly executing: string;
  /** The failing node re-printed as Go does (`.Values.a.b`), or "" when no node is involved. */
  readonly context: string;
  /** The message after the location prefix. */
  readonly description: string;

  /** Builds the error; the message is laid out as Go's unless `fields.message` is given. */
  constructor(
    fields: {
      templateName: string;
      line: number;
      col: number;
      executing: string;
      context: string;
      description: string;
      /** A complete message to use instead of the usual layout (Go's few errors without location). */
      message?: string;
    },
    options?: { cause?: unknown },
  ) {
    const { templateName, line, col, executing, context, description } = fields;
    const text = fields.message ??
      (context === "" && line === 0
        ? `template: ${executing}: ${description}`
        : `template: ${templateName}:${line}:${col}: executing ${
          quote(executing)
        } at <${context}>: ${description}`);
    super(text, options);
    this.name = "TemplateExecError";
    this.templateName = templateName;
    this.line = line;
    this.col = col;
    this.executing = executing;
    this.context = context;
    this.description = description;
  }
}
