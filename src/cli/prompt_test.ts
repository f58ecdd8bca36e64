import assert from "node:assert/strict";
import {
  NOT_A_TERMINAL,
  type PromptInput,
  PromptInterrupted,
  readLine,
  readPassword,
  readPlainLine,
  readRawLine,
} from "./prompt.ts";

/** An input serving `chunks` (strings or bytes), then end of input; records raw-mode switches. */
function fakeInput(chunks: (string | number[])[], terminal = true) {
  const queue = chunks.map((c) => (typeof c === "string" ? new TextEncoder().encode(c) : new Uint8Array(c)));
  const raw: boolean[] = [];
  let consumed = 0;
  const input: PromptInput = {
    read(p) {
      while (queue.length && queue[0].length === 0) queue.shift();
      if (!queue.length) return Promise.resolve(null);
      const n = Math.min(p.length, queue[0].length);
      p.set(queue[0].subarray(0, n));
      queue[0] = queue[0].subarray(n);
      consumed += n;
      return Promise.resolve(n);
    },
    isTerminal: () => terminal,
    setRaw: (m) => void raw.push(m),
  };
  return {
    input,
    raw,
    consumed: () => consumed,
    rest: () => queue.map((q) => new TextDecoder().decode(q)).join(""),
  };
}

Deno.test("readRawLine: Enter ends the line, whether CR or LF; nothing after it is read", async () => {
  const a = fakeInput(["secret\rnext"]);
  assert.equal(await readRawLine(a.input.read), "secret");
  assert.equal(a.rest(), "next");
  assert.equal(await readRawLine(fakeInput(["pa ss\n"]).input.read), "pa ss");
});

Deno.test("readRawLine edits as a terminal would: erase, kill line, erase word", async () => {
  assert.equal(await readRawLine(fakeInput(["abcd", [0x7f, 0x08], "x\r"]).input.read), "abx");
  // Erasing a multi-byte character removes all its bytes.
  assert.equal(await readRawLine(fakeInput(["pä", [0x7f], "e\r"]).input.read), "pe");
  assert.equal(await readRawLine(fakeInput(["wrong", [0x15], "right\r"]).input.read), "right");
  assert.equal(await readRawLine(fakeInput(["one two  ", [0x17], "three\r"]).input.read), "one three");
  // Erasing more than was typed is harmless.
  assert.equal(await readRawLine(fakeInput([[0x7f, 0x7f], "ok\r"]).input.read), "ok");
});

Deno.test("readRawLine: end of input, Ctrl-D and Ctrl-C", async () => {
  await assert.rejects(readRawLine(fakeInput([]).input.read), { message: "EOF" });
  await assert.rejects(readRawLine(fakeInput([[0x04]]).input.read), { message: "EOF" });
  // What was typed before input ended counts (x/term); Ctrl-D after text is ignored.
  assert.equal(await readRawLine(fakeInput(["partial"]).input.read), "partial");
  assert.equal(await readRawLine(fakeInput(["ab", [0x04], "c\r"]).input.read), "abc");
  await assert.rejects(readRawLine(fakeInput(["ab", [0x03], "c\r"]).input.read), PromptInterrupted);
});

Deno.test("readPlainLine reads as bufio's ReadLine", async () => {
  const a = fakeInput(["bob\r\nrest"]);
  assert.equal(await readPlainLine(a.input.read), "bob");
  assert.equal(a.rest(), "rest");
  assert.equal(await readPlainLine(fakeInput(["last"]).input.read), "last");
  assert.equal(await readPlainLine(fakeInput(["\n"]).input.read), "");
  await assert.rejects(readPlainLine(fakeInput([]).input.read), { message: "EOF" });
});

Deno.test("readPassword: raw mode on a terminal, restored after; Go's error on no terminal", async () => {
  const t = fakeInput(["hunter2\r"]);
  assert.equal(await readPassword({ input: t.input }), "hunter2");
  assert.deepEqual(t.raw, [true, false]);
  const p = fakeInput(["piped\n"], false);
  await assert.rejects(readPassword({ input: p.input }), { message: NOT_A_TERMINAL });
  assert.equal(p.consumed(), 0, "nothing is read from a pipe");
  assert.deepEqual(p.raw, []);
  // Ctrl-C: the terminal is restored before the interruption.
  const c = fakeInput([[0x03]]);
  let interrupted = false;
  await assert.rejects(
    readPassword({ input: c.input, onInterrupt: () => void (interrupted = c.raw.at(-1) === false) }),
    PromptInterrupted,
  );
  assert.equal(interrupted, true);
  assert.equal(c.raw.at(-1), false);
  // An error while reading restores the terminal too.
  const e = fakeInput([]);
  await assert.rejects(readPassword({ input: e.input }), { message: "EOF" });
  assert.deepEqual(e.raw.at(-1), false);
});

Deno.test("readLine: helm's registry-login prompts", async () => {
  let out = "";
  const write = (t: string) => void (out += t);
  // A username is read with echo, from a terminal or not.
  assert.equal(
    await readLine(write, "Username: ", false, { input: fakeInput(["bob\n"], false).input }),
    "bob",
  );
  assert.equal(out, "Username: ");
  // A password on a terminal: silent, then the prompt's line is ended.
  out = "";
  assert.equal(await readLine(write, "Password: ", true, { input: fakeInput(["pw\r"]).input }), "pw");
  assert.equal(out, "Password: \n");
  // No terminal: the prompt, no newline, Go's error.
  out = "";
  await assert.rejects(readLine(write, "Token: ", true, { input: fakeInput(["t\n"], false).input }), {
    message: NOT_A_TERMINAL,
  });
  assert.equal(out, "Token: ");
});
