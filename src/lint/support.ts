/**
 * The lint message model (helm's `lint/support`): every rule reports an
 * error with a severity and the path it is about; a message prints as
 * `[SEVERITY] path: message`.
 *
 * @module
 */

/** How bad a lint finding is; the order matters (higher is worse). */
export enum Severity {
  /** Not known; never stops anything. */
  Unknown = 0,
  /** Information, e.g. a missing values.yaml. */
  Info = 1,
  /** Against convention, but will likely work. */
  Warning = 2,
  /** Will likely not work. */
  Error = 3,
}

const NAMES = ["UNKNOWN", "INFO", "WARNING", "ERROR"] as const;

/** One finding of the linter. */
export class LintMessage {
  constructor(
    /** How bad it is. */
    readonly severity: Severity,
    /** The file or directory it is about (`Chart.yaml`, `templates/x.yaml`, …). */
    readonly path: string,
    /** What is wrong (its message is what helm prints). */
    readonly err: Error,
  ) {}

  /** helm's `[SEVERITY] path: message`. */
  toString(): string {
    return `[${NAMES[this.severity]}] ${this.path}: ${this.err.message}`;
  }
}

/** The findings of linting one chart. */
export class Linter {
  /** The findings, in the order the rules ran. */
  readonly messages: LintMessage[] = [];
  /** The worst severity reported so far. */
  highestSeverity: Severity = Severity.Unknown;

  /** @param chartDir the chart's directory, absolute (some messages print it). */
  constructor(readonly chartDir: string) {}

  /**
   * Records `err` (when there is one) with `severity` at `path`; returns
   * whether the rule passed, so callers can stop as helm does.
   */
  runRule(severity: Severity, path: string, err: Error | null | undefined): boolean {
    if (severity < Severity.Unknown || severity > Severity.Error) return false;
    if (err) {
      this.messages.push(new LintMessage(severity, path, err));
      if (severity > this.highestSeverity) this.highestSeverity = severity;
    }
    return !err;
  }
}
