/**
 * Turns a parsed Go regexp into the source of an equivalent JavaScript
 * `u`-mode RegExp.
 *
 * Every construct is spelled explicitly rather than relying on a JS
 * shorthand whose meaning differs from Go's: `.` is `[^\n]` (JS also stops
 * at `\r`, U+2028, U+2029), `\s` is `[\t\n\f\r ]` (JS adds `\v` and Unicode
 * spaces), multi-line `^`/`$` are lookarounds on `\n` only (the JS `m` flag
 * knows more line terminators), and case folding is scoped per atom with the
 * `(?i:…)` modifier, since Go's `(?i)` can start mid-pattern. All groups are
 * emitted unnamed; Go's names live beside the RegExp.
 *
 * @module
 */

import type { ClassPart, Node } from "./parse.ts";

/** An emitted piece and whether a quantifier may follow it directly. */
interface Piece {
  src: string;
  atom: boolean;
}

function codePoint(cp: number): string {
  const isAsciiAlnum = (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return isAsciiAlnum ? String.fromCharCode(cp) : `\\u{${cp.toString(16)}}`;
}

function classPart(part: ClassPart): string {
  if (part.kind === "prop") return `${part.negated ? "\\P" : "\\p"}{${part.property}}`;
  let out = "";
  for (let i = 0; i < part.ranges.length; i += 2) {
    const lo = part.ranges[i];
    const hi = part.ranges[i + 1];
    out += lo === hi ? codePoint(lo) : `${codePoint(lo)}-${codePoint(hi)}`;
  }
  return out;
}

function foldWrap(src: string, fold: boolean): string {
  return fold ? `(?i:${src})` : src;
}

function quantifier(node: Extract<Node, { op: "repeat" }>): string {
  let q: string;
  if (!node.counted && node.min === 0 && node.max === -1) q = "*";
  else if (!node.counted && node.min === 1 && node.max === -1) q = "+";
  else if (!node.counted && node.min === 0 && node.max === 1) q = "?";
  else if (node.max === -1) q = `{${node.min},}`;
  else if (node.max === node.min) q = `{${node.min}}`;
  else q = `{${node.min},${node.max}}`;
  return node.greedy ? q : q + "?";
}

function emitNode(node: Node): Piece {
  switch (node.op) {
    case "literal":
      return { src: foldWrap(codePoint(node.cp), node.fold), atom: true };
    case "class": {
      const body = node.parts.map(classPart).join("");
      return { src: foldWrap(`[${node.negated ? "^" : ""}${body}]`, node.fold), atom: true };
    }
    case "anyCharNotNL":
      return { src: "[^\\n]", atom: true };
    case "anyChar":
      return { src: "[\\s\\S]", atom: true };
    case "beginLine":
      return { src: "(?<![^\\n])", atom: false };
    case "endLine":
      return { src: "(?![^\\n])", atom: false };
    case "beginText":
      return { src: "^", atom: false };
    case "endText":
      return { src: "$", atom: false };
    // JS `\b` without the i flag is ASCII-only like Go's; atoms never put it inside (?i:).
    case "wordBoundary":
      return { src: "\\b", atom: false };
    case "noWordBoundary":
      return { src: "\\B", atom: false };
    case "emptyMatch":
      return { src: "", atom: false };
    case "capture":
      return { src: `(${emitNode(node.sub).src})`, atom: true };
    case "repeat": {
      const sub = emitNode(node.sub);
      const operand = sub.atom ? sub.src : `(?:${sub.src})`;
      return { src: operand + quantifier(node), atom: false };
    }
    case "concat":
      return { src: emitConcat(node.subs), atom: false };
    case "alternate":
      return { src: `(?:${node.subs.map((s) => emitNode(s).src).join("|")})`, atom: true };
  }
}

function emitConcat(subs: Node[]): string {
  let out = "";
  let i = 0;
  while (i < subs.length) {
    const sub = subs[i];
    // Runs of case-folded literals share one modifier group for readability.
    if (sub.op === "literal" && sub.fold) {
      let run = "";
      while (i < subs.length) {
        const s = subs[i];
        if (s.op !== "literal" || !s.fold) break;
        run += codePoint(s.cp);
        i++;
      }
      out += `(?i:${run})`;
      continue;
    }
    out += emitNode(sub).src;
    i++;
  }
  return out;
}

/** The JavaScript pattern source for a parsed Go expression (to compile with the `u` flag). */
export function emitJsSource(root: Node): string {
  // A top-level alternation needs no group of its own.
  if (root.op === "alternate") return root.subs.map((s) => emitNode(s).src).join("|");
  return emitNode(root).src;
}
