/**
 * What the waiter shows while it waits. On a terminal, a block redrawn in
 * place: a header with the ready count and elapsed/timeout, one line per
 * object not ready yet (kind/name, status, message) and, under it, why
 * (pod conditions, recent events of failing pods). Elsewhere (`--debug`
 * into a file or pipe), one plain line per status change. Everything goes
 * to stderr: stdout is helm's output.
 *
 * @module
 */
import type { Status } from "./status.ts";

/** The state of one awaited object. */
export interface ResourceState {
  /** `Kind/namespace/name`, as helm names objects in its wait errors. */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  status: Status;
  message: string;
}

/** Receives the waiter's progress. */
export interface ProgressSink {
  /** Waiting starts for these objects (all Unknown). */
  begin(all: readonly ResourceState[], timeoutMs: number, what: "ready" | "deleted"): void;
  /** One object's status or message changed. */
  changed(state: ResourceState, all: readonly ResourceState[]): void;
  /** Why an object is not ready (lines, from pods and events); only asked when {@link wantsDetails}. */
  details?(id: string, lines: string[]): void;
  /** Whether the waiter should fetch details (pods, events) while waiting. */
  readonly wantsDetails: boolean;
  /** Waiting ended. */
  end(ok: boolean): void;
}

/** Where progress text goes (stderr by default). */
export type Write = (text: string) => void;

const encoder = new TextEncoder();
const stderrWrite: Write = (text) => {
  Deno.stderr.writeSync(encoder.encode(text));
};

/** Go's `time.Duration` text for whole seconds (`5s`, `1m30s`, `5m0s`). */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}

/** One line per status change: `Deployment/ns/web: InProgress: Available: 0/1`, `Deployment/ns/web: Current`. */
export class PlainProgress implements ProgressSink {
  readonly wantsDetails = false;
  #last = new Map<string, string>();
  /** @param write where lines go (stderr by default) */
  constructor(private readonly write: Write = stderrWrite) {}

  begin(all: readonly ResourceState[], timeoutMs: number, what: "ready" | "deleted"): void {
    this.write(
      `waiting up to ${durationText(timeoutMs)} for ${all.length} resource(s) to be ${what}\n`,
    );
  }

  changed(state: ResourceState): void {
    const line = state.status === "Current" || state.status === "NotFound" || !state.message
      ? `${state.id}: ${state.status}`
      : `${state.id}: ${state.status}: ${state.message}`;
    if (this.#last.get(state.id) === line) return;
    this.#last.set(state.id, line);
    this.write(line + "\n");
  }

  end(): void {}
}

/** A redrawn block on a terminal; a timer refreshes the elapsed time once a second. */
export class TtyProgress implements ProgressSink {
  readonly wantsDetails = true;
  #all: readonly ResourceState[] = [];
  #details = new Map<string, string[]>();
  #lines = 0;
  #start = 0;
  #timeoutMs = 0;
  #what: "ready" | "deleted" = "ready";
  #timer?: ReturnType<typeof setInterval>;

  /**
   * @param write where the block goes (stderr by default)
   * @param columns terminal width (truncates lines)
   */
  constructor(
    private readonly write: Write = stderrWrite,
    private readonly columns: () => number = () => {
      try {
        return Deno.consoleSize().columns || 120;
      } catch {
        return 120;
      }
    },
  ) {}

  begin(all: readonly ResourceState[], timeoutMs: number, what: "ready" | "deleted"): void {
    this.#all = all;
    this.#start = Date.now();
    this.#timeoutMs = timeoutMs;
    this.#what = what;
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), 1000);
    Deno.unrefTimer(this.#timer as unknown as number);
  }

  changed(_state: ResourceState, all: readonly ResourceState[]): void {
    this.#all = all;
    this.#draw();
  }

  details(id: string, lines: string[]): void {
    this.#details.set(id, lines);
    this.#draw();
  }

  end(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#clear();
  }

  #clear(): void {
    if (this.#lines > 0) this.write(`\x1b[${this.#lines}F\x1b[J`);
    this.#lines = 0;
  }

  /** The block's lines (exported through {@link render} for tests). */
  render(now: number = Date.now()): string[] {
    const done = (s: ResourceState) =>
      this.#what === "ready" ? s.status === "Current" : s.status === "NotFound";
    const pending = this.#all.filter((s) => !done(s));
    const width = Math.max(40, this.columns());
    const cut = (s: string) => (s.length > width - 1 ? s.slice(0, width - 2) + "…" : s);
    const out = [
      `Waiting for resources to be ${this.#what}: ${
        this.#all.length - pending.length
      }/${this.#all.length} ${this.#what}, ${durationText(now - this.#start)} of ${
        durationText(this.#timeoutMs)
      }`,
    ];
    for (const s of pending.slice(0, 20)) {
      out.push(cut(`  ${s.kind}/${s.name}  ${s.status}${s.message ? `  ${s.message}` : ""}`));
      for (const d of (this.#details.get(s.id) ?? []).slice(0, 6)) out.push(cut(`      ${d}`));
    }
    if (pending.length > 20) out.push(`  … and ${pending.length - 20} more`);
    return out;
  }

  #draw(): void {
    const lines = this.render();
    this.#clear();
    this.write(lines.join("\n") + "\n");
    this.#lines = lines.length;
  }
}

/**
 * The progress view charta uses: plain lines with `--debug` (they mix
 * with the debug log, which a redrawn block would garble), else the
 * redrawn block when stderr is a terminal, else nothing (helm 4 prints
 * nothing while it waits, so scripts see the same output).
 *
 * @param options `debug`: `--debug`; `isTerminal`: whether stderr is a terminal (default: asks Deno)
 */
export function defaultProgress(
  options: { debug?: boolean; isTerminal?: boolean } = {},
): ProgressSink | undefined {
  if (options.debug) return new PlainProgress();
  let tty = options.isTerminal;
  if (tty === undefined) {
    try {
      tty = Deno.stderr.isTerminal();
    } catch {
      tty = false;
    }
  }
  return tty ? new TtyProgress() : undefined;
}
