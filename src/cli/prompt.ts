/**
 * Reading a password (or a username) typed on the terminal, as helm asks
 * for them: `repo add --username U` without a password calls
 * golang.org/x/term's `ReadPassword`, `registry login` its own `readLine`
 * (echo off for passwords and tokens). When standard input is no terminal,
 * a silent read fails as Go's does, with `inappropriate ioctl for device`
 * (pipe the password with `--password-stdin` instead).
 *
 * Deno offers raw mode rather than "echo off", so the line editing the
 * terminal would do (erase, kill line, end of file) is done here; see
 * {@link readRawLine}. Only the command files import this module, lazily.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";

/** Reads into `p`; the number of bytes read, or null at end of input (`Deno.stdin.read`). */
export type ReadFn = (p: Uint8Array) => Promise<number | null>;

/** What a prompt needs of standard input (`Deno.stdin` by default; tests inject their own). */
export interface PromptInput {
  /** Reads bytes. */
  read: ReadFn;
  /** Whether input is a terminal. */
  isTerminal(): boolean;
  /** Switches raw mode (no echo, no line editing, no signals). */
  setRaw(mode: boolean): void;
}

/** Ctrl-C was typed while reading in raw mode (where it arrives as a byte, not as SIGINT). */
export class PromptInterrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "PromptInterrupted";
  }
}

/** Go's error for terminal calls on something that is no terminal (ENOTTY). */
export const NOT_A_TERMINAL = "inappropriate ioctl for device";

const CR = 0x0d, LF = 0x0a, BS = 0x08, DEL = 0x7f, ETX = 0x03, EOT = 0x04, NAK = 0x15, ETB = 0x17;

/** Drops the last UTF-8 character of `bytes` (its continuation bytes and its lead byte). */
function dropLastChar(bytes: number[]): void {
  while (bytes.length > 0 && (bytes[bytes.length - 1] & 0xc0) === 0x80) bytes.pop();
  bytes.pop();
}

/**
 * Reads one line typed in raw mode, one byte at a time (so nothing after
 * the line is consumed), editing it as a terminal in canonical mode would:
 * Enter (CR or LF) ends it; Backspace/Delete erase a character, Ctrl-U the
 * line, Ctrl-W a word; Ctrl-D on an empty line is end of input.
 *
 * @throws {Error} `EOF` at end of input before anything was typed
 * @throws {PromptInterrupted} on Ctrl-C
 */
export async function readRawLine(read: ReadFn): Promise<string> {
  const bytes: number[] = [];
  const buf = new Uint8Array(1);
  for (;;) {
    const n = await read(buf);
    if (n === null || n === 0 || (buf[0] === EOT && bytes.length === 0)) {
      // x/term returns what was typed when input ends after some of it.
      if (bytes.length > 0) break;
      throw new ChartaError("EOF");
    }
    const b = buf[0];
    if (b === CR || b === LF) break;
    if (b === ETX) throw new PromptInterrupted();
    if (b === EOT) continue;
    if (b === BS || b === DEL) dropLastChar(bytes);
    else if (b === NAK) bytes.length = 0;
    else if (b === ETB) {
      while (bytes.length > 0 && bytes[bytes.length - 1] === 0x20) bytes.pop();
      while (bytes.length > 0 && bytes[bytes.length - 1] !== 0x20) bytes.pop();
    } else bytes.push(b);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * Reads one line with echo on, as Go's `bufio.Reader.ReadLine` does: up to
 * LF, a CR before it dropped; a last line without LF counts.
 *
 * @throws {Error} `EOF` when input ends before anything was read
 */
export async function readPlainLine(read: ReadFn): Promise<string> {
  const bytes: number[] = [];
  const buf = new Uint8Array(1);
  for (;;) {
    const n = await read(buf);
    if (n === null || n === 0) {
      if (bytes.length === 0) throw new ChartaError("EOF");
      break;
    }
    if (buf[0] === LF) break;
    bytes.push(buf[0]);
  }
  if (bytes[bytes.length - 1] === CR) bytes.pop();
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Options of the prompts. */
export interface PromptOptions {
  /** Standard input (default `Deno.stdin`). */
  input?: PromptInput;
  /**
   * What Ctrl-C does once the terminal is restored; by default the process
   * interrupts itself (SIGINT), as the signal would have done in helm.
   */
  onInterrupt?: () => void | Promise<void>;
}

async function interruptSelf(): Promise<void> {
  Deno.kill(Deno.pid, "SIGINT");
  // The signal ends the process (exit 130) once the event loop turns; should
  // something handle SIGINT instead, the prompt fails with `interrupted`.
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** A silent read: raw mode on a terminal, restored whatever happens. */
async function silentLine(opts: PromptOptions): Promise<string> {
  const input = opts.input ?? Deno.stdin;
  let tty = false;
  try {
    tty = input.isTerminal();
  } catch {
    // No terminal to ask: treated as none.
  }
  if (!tty) throw new ChartaError(NOT_A_TERMINAL);
  input.setRaw(true);
  try {
    return await readRawLine((p) => input.read(p));
  } catch (e) {
    if (e instanceof PromptInterrupted) {
      input.setRaw(false);
      await (opts.onInterrupt ?? interruptSelf)();
    }
    throw e;
  } finally {
    input.setRaw(false);
  }
}

/**
 * x/term's `ReadPassword` (`repo add --username U`): a line read with echo
 * off. The caller prints the prompt and the newline after it.
 *
 * @throws {ChartaError} `inappropriate ioctl for device` when input is no
 * terminal; `EOF` when it ends first
 */
export function readPassword(opts: PromptOptions = {}): Promise<string> {
  return silentLine(opts);
}

/**
 * helm's `readLine(prompt, silent)` of `registry login`: prints the prompt
 * to `write` (stdout), reads a line (with echo off when `silent`, then
 * ends the prompt's line).
 *
 * @throws {ChartaError} `inappropriate ioctl for device` for a silent read
 * when input is no terminal; `EOF` when input ends first
 */
export async function readLine(
  write: (text: string) => void,
  prompt: string,
  silent: boolean,
  opts: PromptOptions = {},
): Promise<string> {
  write(prompt);
  if (!silent) {
    const input = opts.input ?? Deno.stdin;
    return await readPlainLine((p) => input.read(p));
  }
  const line = await silentLine(opts);
  write("\n");
  return line;
}
