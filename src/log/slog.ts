/**
 * Helm 4's log lines: Go's `log/slog` text handler without the time
 * attribute (`internal/logging.NewLogger`), writing to stderr:
 *
 * ```text
 * level=WARN msg="returned non-bool value" path=sub.enabled chart=sub
 * ```
 *
 * Output of Go's `log.Printf` goes through the same handler at level INFO,
 * which is how Helm's values-coalescing warnings appear
 * (`level=INFO msg="warning: …"`).
 *
 * @module
 */

import { formatValue } from "../gotpl/fmt.ts";
import { isPrint, quote } from "../gotpl/quote.ts";
import { isGoSpace } from "../gotpl/utf8.ts";

export { isGoSpace };

/** A slog level, as the text handler prints it. */
export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

/** A key and its value; errors print their message, other values Go's `%+v`. */
export type LogAttr = readonly [key: string, value: unknown];

/** Receives a log record: a level, a message and attributes in order. */
export type LogFn = (level: LogLevel, msg: string, attrs?: readonly LogAttr[]) => void;

/** slog's `needsQuoting`: empty, spaces, `=`, `"`, control or unprintable characters. */
function needsQuoting(s: string): boolean {
  if (s.length === 0) return true;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if (cp === 0x5c) continue;
      if (cp === 0x20 || cp === 0x3d || cp === 0x22 || cp < 0x20) return true;
      continue;
    }
    if (cp === 0xfffd || (cp >= 0xd800 && cp <= 0xdfff) || isGoSpace(cp) || !isPrint(cp)) return true;
  }
  return false;
}

function textValue(s: string): string {
  return needsQuoting(s) ? quote(s) : s;
}

function attrValue(v: unknown): string {
  if (v instanceof Error) return v.message;
  if (typeof v === "bigint") return v.toString();
  return formatValue(v);
}

/** One line of slog's text handler (without time), ending in a newline. */
export function formatLogLine(level: LogLevel, msg: string, attrs: readonly LogAttr[] = []): string {
  let out = `level=${level} msg=${textValue(msg)}`;
  for (const [k, v] of attrs) out += ` ${textValue(k)}=${textValue(attrValue(v))}`;
  return out + "\n";
}

/** A {@link LogFn} that collects lines (formatted by {@link formatLogLine}) into an array. */
export function collectLog(lines: string[]): LogFn {
  return (level, msg, attrs) => lines.push(formatLogLine(level, msg, attrs));
}

/**
 * The commands' logger, as helm's default slog handler: records at INFO
 * and above go to `write` (stderr), DEBUG only with `--debug`.
 */
export function logTo(write: (text: string) => void, debug: boolean): LogFn {
  return (level, msg, attrs) => {
    if (level !== "DEBUG" || debug) write(formatLogLine(level, msg, attrs));
  };
}
