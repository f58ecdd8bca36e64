import assert from "node:assert/strict";
import { collectLog, formatLogLine } from "./slog.ts";

Deno.test("formatLogLine: Go slog text handler quoting", () => {
  // Expected lines are what Go's slog.TextHandler (time removed) writes.
  const cases: [string, string][] = [
    ["", '""'],
    ["a", "a"],
    ["a b", '"a b"'],
    ["a=b", '"a=b"'],
    ['"q"', '"\\"q\\""'],
    ["back\\slash", "back\\slash"],
    ["tab\there", '"tab\\there"'],
    ["\x7f", "\x7f"],
    ["\x01", '"\\x01"'],
    ["é", "é"],
    ["\u00a0", '"\\u00a0"'],
    ["\u200b", '"\\u200b"'],
    ["\ufffd", '"\ufffd"'],
    ["𝄞", "𝄞"],
    ["\u0085", '"\\u0085"'],
    ["}{[]", "}{[]"],
  ];
  for (const [s, want] of cases) {
    assert.equal(
      formatLogLine("WARN", s, [["k", s]]),
      `level=WARN msg=${want} k=${want}\n`,
      JSON.stringify(s),
    );
  }
});

Deno.test("formatLogLine: errors print their message; numbers Go's %v", () => {
  assert.equal(
    formatLogLine("WARN", "ImportValues missing table", [["error", new Error('"x" is not a table')], [
      "n",
      0,
    ]]),
    'level=WARN msg="ImportValues missing table" error="\\"x\\" is not a table" n=0\n',
  );
  const lines: string[] = [];
  collectLog(lines)("INFO", "warning: x");
  assert.deepEqual(lines, ['level=INFO msg="warning: x"\n']);
});
