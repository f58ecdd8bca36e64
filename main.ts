/**
 * charta's command-line entry point.
 *
 * @module
 */
import { runCli } from "./src/cli/run.ts";

const encoder = new TextEncoder();
const write = (stream: { writeSync(p: Uint8Array): number }) => (text: string) => {
  const bytes = encoder.encode(text);
  let off = 0;
  while (off < bytes.length) off += stream.writeSync(bytes.subarray(off));
};

if (import.meta.main) {
  const code = await runCli(Deno.args, { stdout: write(Deno.stdout), stderr: write(Deno.stderr) });
  Deno.exit(code);
}
