/**
 * Helm 4's shaping of template execution errors: `fail`/`required` messages
 * become `execution error at (FILE:LINE:COL): MSG`; chains of template errors
 * become a multi-line trace (location, executing…, message); anything else
 * keeps Go's text.
 *
 * @module
 */

import { splitN } from "../gotpl/utf8.ts";

const WARN_RE = /HELM_ERR_START([\s\S]*)HELM_ERR_END/;

interface Traceable {
  location: string;
  message: string;
  executedFunction: string;
}

function traceText(t: Traceable): string {
  let s = "";
  if (t.location) s += `${t.location}\n  `;
  if (t.executedFunction) s += `${t.executedFunction}\n    `;
  if (t.message) s += `${t.message}\n`;
  return s;
}

function trimChained(msg: string): string {
  const cut = msg.indexOf(" template:");
  return cut >= 0 ? msg.slice(0, cut) : msg;
}

/** Parses one level of a text/template error message, as helm's parseTemplateExecErrorString. */
function parseLevel(s: string): Traceable | undefined {
  const prefix = "template: ";
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith("no template ")) return { location: "", message: s, executedFunction: "" };
  const exec = rest.indexOf(": executing ");
  if (exec >= 0) {
    const templateName = rest.slice(0, exec);
    const after = rest.slice(exec + ": executing ".length);
    if (after.length === 0 || after[0] !== '"') return undefined;
    const endQuote = after.indexOf('"', 1);
    if (endQuote < 0) return undefined;
    const functionName = after.slice(1, endQuote);
    const afterFunc = after.slice(endQuote + 1);
    if (!afterFunc.startsWith(" at <")) return undefined;
    const afterAt = afterFunc.slice(" at <".length);
    const cut = afterAt.indexOf(">: ");
    if (cut < 0) return undefined;
    return {
      location: templateName,
      message: trimChained(afterAt.slice(cut + 3)),
      executedFunction: `executing "${functionName}" at <${afterAt.slice(0, cut)}>:`,
    };
  }
  const sep = rest.lastIndexOf(": ");
  if (sep < 0) return undefined;
  return { location: rest.slice(0, sep), message: trimChained(rest.slice(sep + 2)), executedFunction: "" };
}

/** The message helm 4 prints for an execution error of `filename`. */
export function reformatExecError(filename: string, err: Error): string {
  const tokens = splitN(err.message, ": ", 3);
  if (tokens.length !== 3) return `execution error in (${filename}): ${err.message}`;
  const location = tokens[1];
  const warn = tokens[2].match(WARN_RE);
  if (warn) return `execution error at (${location}): ${warn[1]}`;
  const levels: Traceable[] = [];
  for (let current: unknown = err; current instanceof Error; current = current.cause) {
    const t = parseLevel(current.message);
    if (!t) return err.message;
    const last = levels[levels.length - 1];
    if (
      !last || last.location !== t.location || last.message !== t.message ||
      last.executedFunction !== t.executedFunction
    ) {
      levels.push(t);
    }
  }
  return levels.map(traceText).join("").trim();
}
