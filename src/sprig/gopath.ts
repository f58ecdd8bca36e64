/**
 * Go's `path` package (slash-separated paths). On Linux, where Helm runs,
 * `path/filepath` behaves identically, so Sprig's `os*` functions use these too.
 *
 * @module
 */

/**
 * `path.Clean`: the shortest equivalent path, by lexical processing only.
 *
 * @example
 * ```ts
 * clean("a//b/../c/."); // "a/c"
 * clean(""); // "."
 * ```
 */
export function clean(path: string): string {
  if (path === "") return ".";
  const rooted = path[0] === "/";
  const n = path.length;
  const out: string[] = [];
  let r = 0;
  let dotdot = 0;
  if (rooted) {
    out.push("/");
    r = 1;
    dotdot = 1;
  }
  let w = out.length;
  const put = (c: string) => {
    out[w++] = c;
  };
  while (r < n) {
    if (path[r] === "/") {
      r++;
    } else if (path[r] === "." && (r + 1 === n || path[r + 1] === "/")) {
      r++;
    } else if (path[r] === "." && path[r + 1] === "." && (r + 2 === n || path[r + 2] === "/")) {
      r += 2;
      if (w > dotdot) {
        // Back up to the previous slash.
        w--;
        while (w > dotdot && out[w] !== "/") w--;
      } else if (!rooted) {
        if (w > 0) put("/");
        put(".");
        put(".");
        dotdot = w;
      }
    } else {
      if ((rooted && w !== 1) || (!rooted && w !== 0)) put("/");
      for (; r < n && path[r] !== "/"; r++) put(path[r]);
    }
  }
  if (w === 0) return ".";
  return out.slice(0, w).join("");
}

/**
 * `path.Base`: the last element, trailing slashes removed; `"."` for "" and
 * `"/"` for a path of only slashes.
 */
export function base(path: string): string {
  if (path === "") return ".";
  while (path.length > 0 && path[path.length - 1] === "/") path = path.slice(0, -1);
  const i = path.lastIndexOf("/");
  if (i >= 0) path = path.slice(i + 1);
  return path === "" ? "/" : path;
}

/** `path.Dir`: everything before the last slash, cleaned. */
export function dir(path: string): string {
  const i = path.lastIndexOf("/");
  return clean(path.slice(0, i + 1));
}

/** `path.Ext`: the suffix from the last dot of the last element, or "". */
export function ext(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== "/"; i--) {
    if (path[i] === ".") return path.slice(i);
  }
  return "";
}

/** `path.IsAbs`. */
export function isAbs(path: string): boolean {
  return path.startsWith("/");
}
