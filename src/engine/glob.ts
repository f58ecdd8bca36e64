/**
 * Glob patterns as Helm's `.Files.Glob` reads them (gobwas/glob with `/` as
 * the separator): `*` and `?` stop at `/`, `**` crosses it, `[abc]`,
 * `[a-z]`, `[!…]`, `{a,b}` alternatives and `\` escapes.
 *
 * @module
 */

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Compiles a pattern to a RegExp; undefined when the pattern is malformed (Helm then matches everything). */
export function compileGlob(pattern: string): RegExp | undefined {
  let i = 0;
  const parse = (inAlt: boolean): string | undefined => {
    let out = "";
    while (i < pattern.length) {
      const c = pattern[i];
      if (inAlt && (c === "," || c === "}")) return out;
      i++;
      if (c === "\\") {
        if (i >= pattern.length) return undefined;
        out += escapeRe(pattern[i++]);
      } else if (c === "*") {
        if (pattern[i] === "*") {
          i++;
          out += "[\\s\\S]*";
        } else out += "[^/]*";
      } else if (c === "?") {
        out += "[^/]";
      } else if (c === "[") {
        const end = pattern.indexOf("]", i);
        if (end < 0) return undefined;
        let body = pattern.slice(i, end);
        i = end + 1;
        const negate = body.startsWith("!");
        if (negate) body = body.slice(1);
        if (body === "") return undefined;
        const cls = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
        out += negate ? `[^${cls}]` : `[${cls}]`;
      } else if (c === "{") {
        const alts: string[] = [];
        for (;;) {
          const alt = parse(true);
          if (alt === undefined || i >= pattern.length) return undefined;
          alts.push(alt);
          if (pattern[i++] === "}") break;
        }
        out += `(?:${alts.join("|")})`;
      } else {
        out += escapeRe(c);
      }
    }
    return inAlt ? undefined : out;
  };
  const body = parse(false);
  return body === undefined ? undefined : new RegExp(`^${body}$`);
}
