/**
 * Values: the configuration merged into a chart.
 *
 * @module
 */

/**
 * A tree of values as the template engine sees it: numbers read from YAML
 * are float64 (JS numbers); integers from `--set` are Go int64 values (see
 * `GoInt` in the template engine).
 */
export type Values = Record<string, unknown>;

/** What a user gave on the command line, in helm's precedence order (low → high). */
export interface ValueOptions {
  /** `-f/--values`: files, URLs or `-`, merged in order. */
  valueFiles?: string[];
  /** `--set-json` entries. */
  jsonValues?: string[];
  /** `--set` entries. */
  values?: string[];
  /** `--set-string` entries. */
  stringValues?: string[];
  /** `--set-file` entries. */
  fileValues?: string[];
  /** `--set-literal` entries. */
  literalValues?: string[];
}
