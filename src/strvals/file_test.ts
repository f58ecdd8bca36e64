import assert from "node:assert/strict";
import { parseSetFile, parseSetFileAsync } from "./mod.ts";
import { type Case, runCases } from "./test_helpers.ts";

// Expected values and errors below were checked against Helm v4.2.4's strvals.ParseIntoFile
// with a reader that fails like os.ReadFile for unknown paths.

const FILE_CASES: Array<Case & { files?: Record<string, string> }> = [
  { s: "a=f1", files: { f1: "content" }, want: { a: "content" } },
  { s: "a=f1,b.c=f2", files: { f1: "one", f2: "two\n" }, want: { a: "one", b: { c: "two\n" } } },
  { s: "a={f1,f2}", files: { f1: "one", f2: "two" }, want: { a: ["one", "two"] } },
  { s: "a[1]=f1", files: { f1: "one" }, want: { a: [null, "one"] } },
  { s: "a=true", files: { true: "T" }, want: { a: "T" } },
  { s: "a=f\\,1", files: { "f,1": "comma" }, want: { a: "comma" } },
  { s: "a=,b=f1", files: { "": "empty", f1: "x" }, want: { a: "empty", b: "x" } },
  { s: "a=", files: { "": "never read" }, want: { a: "" } },
  { s: "a=missing", want: { a: null }, err: "open missing: no such file or directory" },
  {
    s: "a=f1,b=missing,c=f1",
    files: { f1: "one" },
    want: { a: "one", b: null },
    err: "open missing: no such file or directory",
  },
  { s: "a[0]=missing", want: { a: [] }, err: "open missing: no such file or directory" },
  { s: "a={f1,missing}", files: { f1: "one" }, want: {}, err: "open missing: no such file or directory" },
  { s: "a={missing}", files: { f1: "one" }, want: {}, err: "open missing: no such file or directory" },
  { s: "a={missing,f1}", files: { f1: "one" }, want: {}, err: "open missing: no such file or directory" },
  { s: "a", files: { f1: "one" }, want: {}, err: 'key "a" has no value' },
];

function reader(files: Record<string, string> = {}) {
  return (path: string): string => {
    if (!Object.hasOwn(files, path)) throw new Error(`open ${path}: no such file or directory`);
    return files[path];
  };
}

Deno.test("--set-file: each value is read, list items too; reader errors stop the parse", () => {
  for (const c of FILE_CASES) runCases([c], (s, dest) => parseSetFile(s, dest, reader(c.files)));
});

Deno.test("--set-file: an async reader gives the same results", async () => {
  for (const c of FILE_CASES) {
    const dest: Record<string, unknown> = {};
    let err: string | undefined;
    const read = reader(c.files);
    try {
      await parseSetFileAsync(c.s, dest, async (p) => {
        await Promise.resolve();
        return read(p);
      });
    } catch (e) {
      err = (e as Error).message;
    }
    assert.equal(err, c.err, c.s);
    assert.deepStrictEqual(dest, c.want, c.s);
  }
});

Deno.test("--set-file: the reader's own error object is thrown, and reads happen in order", () => {
  class ReadError extends Error {}
  const seen: string[] = [];
  const failure = new ReadError("boom");
  assert.throws(
    () =>
      parseSetFile("a=x,b={y,z},c=w", {}, (p) => {
        seen.push(p);
        if (p === "z") throw failure;
        return p.toUpperCase();
      }),
    (e) => e === failure,
  );
  assert.deepStrictEqual(seen, ["x", "y", "z"]);
  // Whatever the reader returns is stored as is.
  const dest: Record<string, unknown> = {};
  parseSetFile("a=x", dest, () => ({ nested: [1] }));
  assert.deepStrictEqual(dest, { a: { nested: [1] } });
});
