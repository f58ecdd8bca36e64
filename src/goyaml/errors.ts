/**
 * YAML errors. `message` is exactly the text Go returns (`yaml: line 3:
 * mapping values are not allowed in this context`, wrapped as
 * sigs.k8s.io/yaml wraps it); the location fields are for charta's own
 * diagnostics.
 *
 * @module
 */

/** A position in YAML input: 0-based character index, line and column. */
export interface Mark {
  index: number;
  line: number;
  column: number;
}

/** Which stage of go-yaml raised a syntax problem. */
export type YamlProblemKind = "reader" | "scanner" | "parser" | "decoder" | "json";

/** A YAML (or YAML→JSON) error with Go's exact message. */
export class GoYamlError extends Error {
  /** The file the text came from, when the caller named it. */
  filename?: string;
  /** 1-based line of the problem, when known. */
  line?: number;
  /** 1-based column of the problem, when known. */
  column?: number;
  /** Which stage failed. */
  readonly kind: YamlProblemKind;
  /**
   * For errors raised after decoding started (a JSON type error), the
   * partially decoded value Go leaves in the target.
   */
  partial?: unknown;

  /** Builds an error; `mark` (0-based) becomes the 1-based `line`/`column`. */
  constructor(message: string, kind: YamlProblemKind, mark?: Mark) {
    super(message);
    this.name = "GoYamlError";
    this.kind = kind;
    if (mark) {
      this.line = mark.line + 1;
      this.column = mark.column + 1;
    }
  }

  /** `file:line:column` (parts omitted when unknown), for diagnostics. */
  get location(): string {
    let s = this.filename ?? "<input>";
    if (this.line !== undefined) s += `:${this.line}`;
    if (this.column !== undefined) s += `:${this.column}`;
    return s;
  }
}

/**
 * A syntax problem inside the libyaml port, before go-yaml turns it into a
 * message (see {@link syntaxMessage}).
 */
export class YamlSyntaxProblem extends Error {
  constructor(
    readonly kind: "reader" | "scanner" | "parser",
    readonly problem: string,
    readonly problemMark?: Mark,
    readonly context?: string,
    readonly contextMark?: Mark,
  ) {
    super(problem);
  }
}

/**
 * go-yaml v2's `parser.fail()` wording: the problem, prefixed by a line
 * number that is the 0-based problem line for parser errors and 1-based for
 * scanner errors, and omitted when that number would be 0.
 */
export function syntaxMessage(p: YamlSyntaxProblem): string {
  let line = 0;
  if (p.problemMark && p.problemMark.line !== 0) {
    line = p.problemMark.line;
    if (p.kind === "scanner") line++;
  } else if (p.contextMark && p.contextMark.line !== 0) {
    line = p.contextMark.line;
  }
  const where = line !== 0 ? `line ${line}: ` : "";
  return `yaml: ${where}${p.problem || "unknown problem parsing YAML content"}`;
}
