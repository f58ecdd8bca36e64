/**
 * TOML datetimes as BurntSushi/toml decodes them: Go `time.Time` values in
 * one of four flavours (offset, local datetime, local date, local time).
 *
 * @module
 */

import { GO_JSON, GoStruct } from "../gotpl/value.ts";
import { GO_TIME } from "../gojson/encode.ts";

/** Which kind of TOML datetime a value came from. */
export type TomlDatetimeKind = "offset-datetime" | "local-datetime" | "local-date" | "local-time";

const LAYOUTS: {
  re: RegExp;
  kind: TomlDatetimeKind;
  zone: boolean;
  date: boolean;
  time: boolean;
  seconds: boolean;
}[] = [
  // time.RFC3339Nano in Local
  {
    re: /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:\d\d)$/,
    kind: "offset-datetime",
    zone: true,
    date: true,
    time: true,
    seconds: true,
  },
  {
    re: /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?$/,
    kind: "local-datetime",
    zone: false,
    date: true,
    time: true,
    seconds: true,
  },
  { re: /^(\d{4})-(\d\d)-(\d\d)$/, kind: "local-date", zone: false, date: true, time: false, seconds: false },
  {
    re: /^(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?$/,
    kind: "local-time",
    zone: false,
    date: false,
    time: true,
    seconds: true,
  },
  {
    re: /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(Z|[+-]\d\d:\d\d)$/,
    kind: "offset-datetime",
    zone: true,
    date: true,
    time: true,
    seconds: false,
  },
  {
    re: /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/,
    kind: "local-datetime",
    zone: false,
    date: true,
    time: true,
    seconds: false,
  },
  { re: /^(\d\d):(\d\d)$/, kind: "local-time", zone: false, date: false, time: true, seconds: false },
];

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The process's current UTC offset in seconds, as Go's `time.Now().Zone()`. */
function localOffsetSeconds(at = Date.now()): number {
  return -new Date(at).getTimezoneOffset() * 60;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

function fmtOffset(sec: number, colon: boolean): string {
  const sign = sec < 0 ? "-" : "+";
  const a = Math.abs(sec);
  const h = Math.floor(a / 3600), m = Math.floor((a % 3600) / 60);
  return sign + pad(h) + (colon ? ":" : "") + pad(m);
}

interface Fields {
  kind: TomlDatetimeKind;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  offset: number;
  utc: boolean;
}

/**
 * A decoded TOML datetime (Go `time.Time`). Like `time.Time` it has no
 * exported fields: the parts are read through lower-case accessors, and
 * `String()` is the Go method templates see.
 */
export class TomlDatetime extends GoStruct {
  /** Go's type name. */
  readonly goType = "time.Time";
  readonly #f: Fields;

  private constructor(f: Fields) {
    super();
    this.#f = f;
  }

  /** The TOML flavour. */
  get kind(): TomlDatetimeKind {
    return this.#f.kind;
  }
  /** Year (0 for a local time). */
  get year(): number {
    return this.#f.year;
  }
  /** Month 1-12. */
  get month(): number {
    return this.#f.month;
  }
  /** Day of the month. */
  get day(): number {
    return this.#f.day;
  }
  /** Hour 0-23. */
  get hour(): number {
    return this.#f.hour;
  }
  /** Minute. */
  get minute(): number {
    return this.#f.minute;
  }
  /** Second. */
  get second(): number {
    return this.#f.second;
  }
  /** Nanoseconds (fraction digits beyond 9 are dropped, as Go does). */
  get nanos(): number {
    return this.#f.nanos;
  }
  /** UTC offset in seconds (the process's offset for local kinds). */
  get offset(): number {
    return this.#f.offset;
  }
  /** True for a `Z` offset (Go's UTC location). */
  get utc(): boolean {
    return this.#f.utc;
  }

  /**
   * Parses a datetime already normalised by the parser (`t`→`T`, `z`→`Z`,
   * space→`T`) with BurntSushi/toml's list of layouts; undefined when none fits.
   */
  static parse(v: string): TomlDatetime | undefined {
    for (const l of LAYOUTS) {
      const m = l.re.exec(v);
      if (!m) continue;
      let i = 1;
      let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0;
      if (l.date) {
        year = Number(m[i++]);
        month = Number(m[i++]);
        day = Number(m[i++]);
        if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) continue;
      }
      if (l.time) {
        hour = Number(m[i++]);
        minute = Number(m[i++]);
        if (l.seconds) second = Number(m[i++]);
        if (hour > 23 || minute > 59 || second > 59) continue;
        if (l.seconds) {
          const frac = m[i++];
          if (frac !== undefined) nanos = Number(frac.slice(0, 9).padEnd(9, "0"));
        }
      }
      let offset = 0;
      let utc = false;
      if (l.zone) {
        const z = m[i++];
        if (z === "Z") utc = true;
        else {
          const h = Number(z.slice(1, 3)), mm = Number(z.slice(4, 6));
          if (h > 24 || mm > 60) continue;
          offset = (z[0] === "-" ? -1 : 1) * (h * 3600 + mm * 60);
        }
      } else {
        offset = localOffsetSeconds();
      }
      return new TomlDatetime({ kind: l.kind, year, month, day, hour, minute, second, nanos, offset, utc });
    }
    return undefined;
  }

  #fraction(): string {
    if (this.nanos === 0) return "";
    return "." + pad(this.nanos, 9).replace(/0+$/, "");
  }

  #datePart(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  #timePart(): string {
    return `${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${this.#fraction()}`;
  }

  /** The zone name Go prints: UTC, the local kinds' names, or the offset itself. */
  #zoneName(): string {
    if (this.utc) return "UTC";
    switch (this.kind) {
      case "local-datetime":
        return "datetime-local";
      case "local-date":
        return "date-local";
      case "local-time":
        return "time-local";
    }
    // Parsed in Local: Go keeps Local when the offset matches it.
    if (this.offset === localOffsetSeconds(this.epochMillis())) return localZoneName(this.epochMillis());
    return fmtOffset(this.offset, false);
  }

  /** Milliseconds since the epoch of the instant. */
  epochMillis(): number {
    const base = Date.UTC(0, this.month - 1, this.day, this.hour, this.minute, this.second);
    const d = new Date(base);
    d.setUTCFullYear(this.year);
    return d.getTime() - this.offset * 1000 + Math.floor(this.nanos / 1e6);
  }

  /** Go's `time.Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`. */
  String(): string {
    return `${this.#datePart()} ${this.#timePart()} ${
      fmtOffset(this.utc ? 0 : this.offset, false)
    } ${this.#zoneName()}`;
  }

  /** RFC 3339 with nanoseconds, as Go's `MarshalJSON`/`MarshalText`. */
  rfc3339(): string {
    const zone = this.utc || this.offset === 0 ? "Z" : fmtOffset(this.offset, true);
    return `${this.#datePart()}T${this.#timePart()}${zone}`;
  }

  /**
   * The text BurntSushi/toml writes back. Local kinds are converted to UTC
   * first, as the Go encoder does (a shift when the process is not on UTC).
   */
  tomlText(): string {
    if (this.kind === "offset-datetime") return this.rfc3339();
    const shifted = new Date(this.epochMillis());
    const y = pad(shifted.getUTCFullYear(), 4),
      mo = pad(shifted.getUTCMonth() + 1),
      d = pad(shifted.getUTCDate());
    const t = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${
      pad(shifted.getUTCSeconds())
    }${this.#fraction()}`;
    if (this.kind === "local-date") return `${y}-${mo}-${d}`;
    if (this.kind === "local-time") return t;
    return `${y}-${mo}-${d}T${t}`;
  }

  /** RFC 3339 text for the JSON and YAML encoders (`1979-05-27T07:32:00Z`). */
  [GO_TIME](): string {
    return this.rfc3339();
  }

  /** time.Time has no exported fields. */
  [GO_JSON](): Map<string, unknown> {
    return new Map();
  }
}

function localZoneName(at: number): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(new Date(at));
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "Local";
}
