/**
 * The table layout of github.com/gosuri/uitable, which helm uses for
 * `dependency list` (and its other listings): every cell padded with spaces
 * to its column's width (the last column too), cells separated by a tab,
 * rows by a newline, and cells wider than the maximum column width cut to
 * it with `...`.
 *
 * @module
 */

/** Display width of a string (uitable counts runes for the text charta prints). */
function width(s: string): number {
  return [...s].length;
}

/** uitable's `strutil.Resize`: pad right, or cut with `...` when too long. */
function resize(s: string, n: number): string {
  const w = width(s);
  if (w === n) return s;
  if (w < n) return s + " ".repeat(n - w);
  let out = "";
  let used = 0;
  for (const r of s) {
    out += r;
    if (used + 1 >= n - 3) break;
    used++;
  }
  return out + "...";
}

/**
 * Renders rows as uitable does (`table.String()`, no trailing newline).
 *
 * @param maxColWidth cells wider than this are cut (0: no limit)
 */
export function formatTable(rows: readonly (readonly string[])[], maxColWidth = 0): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      let w = Math.max(...cell.split("\n").map(width));
      if (maxColWidth !== 0 && w > maxColWidth) w = maxColWidth;
      widths[i] = Math.max(widths[i] ?? 0, w);
    });
  }
  return rows.map((row) => row.map((cell, i) => (widths[i] > 0 ? resize(cell, widths[i]) : cell)).join("\t"))
    .join("\n");
}
