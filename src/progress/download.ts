/**
 * A progress bar for downloads (chart archives from repositories, OCI
 * blobs), drawn on stderr only when stderr is a terminal: helm prints
 * nothing while it downloads, so output that is piped or captured stays
 * helm's. One line, redrawn at most every 100 ms and only once a download
 * has taken that long (small downloads show nothing), cleared when done:
 *
 *     webapp-1.4.2.tgz  [#########...........]  1.2 MiB/2.5 MiB  850.3 KiB/s
 *
 * `CHARTA_PROGRESS=off` turns it off, as for the waiting view
 * (src/wait/progress.ts); `plain`, which asks the waiter for lines where
 * stderr is no terminal, draws no bar there either (a bar in a log is
 * noise).
 *
 * @module
 */

/** Receives one download's progress. */
export interface DownloadProgress {
  /** `done` bytes have arrived so far. */
  update(done: number): void;
  /** The download ended (completed or failed): the line is cleared. */
  finish(): void;
}

/** Starts the progress of one download (`total`: the announced size, when known). */
export type DownloadProgressFactory = (label: string, total?: number) => DownloadProgress;

/**
 * How a command asks for download progress: `auto` (a bar when stderr is a
 * terminal), `off`, or a factory of its own (tests, library users).
 */
export type DownloadProgressOption = "auto" | "off" | DownloadProgressFactory;

/** The command line's choice: `CHARTA_PROGRESS=off` turns the bar off, anything else leaves it automatic. */
export function progressOptionFromEnv(value: string | undefined): "auto" | "off" {
  return value === "off" ? "off" : "auto";
}

/** Bytes as `512 B`, `1.5 KiB`, `12.0 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Where and when a bar draws (all injectable for tests). */
export interface BarOptions {
  /** Writes to the terminal (stderr by default). */
  write?: (text: string) => void;
  /** The clock, in milliseconds. */
  now?: () => number;
  /** The terminal's width. */
  columns?: () => number;
  /** Least time between two draws, and before the first (default 100 ms). */
  intervalMs?: number;
}

const encoder = new TextEncoder();

function stderrWrite(text: string): void {
  Deno.stderr.writeSync(encoder.encode(text));
}

function terminalColumns(): number {
  try {
    return Deno.consoleSize().columns || 80;
  } catch {
    return 80;
  }
}

const BAR_WIDTH = 20;

/** The bar of one download; see the module's description. */
export class DownloadBar implements DownloadProgress {
  readonly #label: string;
  readonly #total?: number;
  readonly #write: (text: string) => void;
  readonly #now: () => number;
  readonly #columns: () => number;
  readonly #interval: number;
  readonly #start: number;
  #done = 0;
  #lastDraw: number;
  #drawn = false;

  /**
   * @param label what is downloaded (a file name)
   * @param total the size announced (Content-Length, a descriptor's size)
   */
  constructor(label: string, total: number | undefined, opts: BarOptions = {}) {
    this.#label = label;
    this.#total = total !== undefined && Number.isFinite(total) && total > 0 ? total : undefined;
    this.#write = opts.write ?? stderrWrite;
    this.#now = opts.now ?? (() => performance.now());
    this.#columns = opts.columns ?? terminalColumns;
    this.#interval = opts.intervalMs ?? 100;
    this.#start = this.#now();
    // The first draw waits one interval too: quick downloads draw nothing.
    this.#lastDraw = this.#start;
  }

  update(done: number): void {
    this.#done = done;
    const now = this.#now();
    if (now - this.#lastDraw < this.#interval) return;
    this.#lastDraw = now;
    this.#write(`\r${this.render(now)}\x1b[K`);
    this.#drawn = true;
  }

  finish(): void {
    if (this.#drawn) this.#write("\r\x1b[K");
    this.#drawn = false;
  }

  /** The line for the bytes received so far at time `now`. */
  render(now: number = this.#now()): string {
    const seconds = (now - this.#start) / 1000;
    const rate = seconds > 0 ? `${formatBytes(this.#done / seconds)}/s` : "";
    let text: string;
    if (this.#total !== undefined) {
      const frac = Math.min(1, this.#done / this.#total);
      const full = Math.floor(frac * BAR_WIDTH);
      const bar = "#".repeat(full) + ".".repeat(BAR_WIDTH - full);
      text = `${this.#label}  [${bar}]  ${formatBytes(this.#done)}/${formatBytes(this.#total)}  ${rate}`;
    } else {
      text = `${this.#label}  ${formatBytes(this.#done)}  ${rate}`;
    }
    text = text.trimEnd();
    // Never wrap: a wrapped line cannot be redrawn with a carriage return.
    const width = Math.max(20, this.#columns()) - 1;
    const chars = [...text];
    return chars.length > width ? chars.slice(0, width - 1).join("") + "…" : text;
  }
}

/**
 * The factory an option stands for: `auto` is a {@link DownloadBar} on
 * stderr when stderr is a terminal (else none); `off` or nothing is none.
 *
 * @param isTerminal whether stderr is a terminal (default: asks Deno)
 */
export function downloadProgress(
  option: DownloadProgressOption | undefined,
  isTerminal?: boolean,
): DownloadProgressFactory | undefined {
  if (typeof option === "function") return option;
  if (option !== "auto") return undefined;
  let tty = isTerminal;
  if (tty === undefined) {
    try {
      tty = Deno.stderr.isTerminal();
    } catch {
      tty = false;
    }
  }
  return tty ? (label, total) => new DownloadBar(label, total) : undefined;
}

/**
 * Reads a response's body whole, reporting progress as it arrives (the
 * total from Content-Length, unless `total` is given).
 */
export async function readBodyWithProgress(
  res: Response,
  label: string,
  factory: DownloadProgressFactory,
  total?: number,
): Promise<Uint8Array> {
  const declared = res.headers.get("content-length");
  const progress = factory(label, total ?? (declared === null ? undefined : Number(declared)));
  try {
    if (!res.body) return new Uint8Array(0);
    const chunks: Uint8Array[] = [];
    let done = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      chunks.push(value);
      done += value.length;
      progress.update(done);
    }
    const out = new Uint8Array(done);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } finally {
    progress.finish();
  }
}

/** The last path element of a URL, for a bar's label. */
export function urlLabel(href: string): string {
  try {
    const name = new URL(href).pathname.split("/").filter(Boolean).pop();
    return name ? decodeURIComponent(name) : href;
  } catch {
    return href;
  }
}
