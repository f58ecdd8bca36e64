/**
 * charta's command-line entry point.
 *
 * @module
 */
import { runCli } from "./src/cli/run.ts";
import { goBytes } from "./src/gotpl/utf8.ts";

// Rendered text may hold bytes that are not valid UTF-8 (kept as escapes, see
// src/gotpl/utf8.ts): goBytes writes them back as the raw bytes Go would print.
const write = (stream: { writeSync(p: Uint8Array): number }) => (text: string) => {
  const bytes = goBytes(text);
  let off = 0;
  try {
    while (off < bytes.length) off += stream.writeSync(bytes.subarray(off));
  } catch (e) {
    // A closed pipe (`charta list | head -1`): end quietly with SIGPIPE's status, as a Go program does.
    if (e instanceof Deno.errors.BrokenPipe) Deno.exit(141);
    throw e;
  }
};

if (import.meta.main) {
  const code = await runCli(Deno.args, { stdout: write(Deno.stdout), stderr: write(Deno.stderr) });
  Deno.exit(code);
}
