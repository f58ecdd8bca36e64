/**
 * Go's `time.Time` for templates: an instant (Unix seconds + nanoseconds), the
 * location it is shown in, and the optional monotonic reading `time.Now()`
 * carries (which `String()` prints as ` m=+0.001`).
 *
 * @module
 */

import { GO_METHODS, GO_TIME, GoInt, type GoMethodSig, GoStruct } from "../gotpl/value.ts";
import { daysFromCivil, SECONDS_PER_DAY } from "./civil.ts";
import { formatDuration, int64, SECOND } from "./duration.ts";
import { dateInLocation, formatTime, type Instant, monthName, wallClock, weekdayName } from "./layout.ts";
import { localLocation, type Location, UTC } from "./zoneinfo.ts";

/** Go's `time.Month`: an int that prints as `January`. */
export class GoMonth extends GoInt {
  /** Go type name. */
  get goType(): string {
    return "time.Month";
  }
  /** Month 1–12. */
  constructor(month: number) {
    super(BigInt(month), "int");
  }
  /** Go `String()`. */
  String(): string {
    return monthName(this.toNumber());
  }
}

/** Go's `time.Weekday`: an int that prints as `Monday`. */
export class GoWeekday extends GoInt {
  /** Go type name. */
  get goType(): string {
    return "time.Weekday";
  }
  /** Day of the week, 0 = Sunday. */
  constructor(day: number) {
    super(BigInt(day), "int");
  }
  /** Go `String()`. */
  String(): string {
    return weekdayName(this.toNumber());
  }
}

/** Go's `time.Duration`: int64 nanoseconds that print as `1h2m3s`. */
export class GoDuration extends GoInt {
  /** Go type name. */
  get goType(): string {
    return "time.Duration";
  }
  /** A duration in nanoseconds. */
  constructor(ns: bigint) {
    super(ns, "int64");
  }
  /** Go `String()`. */
  String(): string {
    return formatDuration(this.value);
  }
}

/** Reads a Go integer argument (GoInt, bigint or an integral number). */
function intArg(x: unknown): bigint {
  if (x instanceof GoInt) return x.value;
  if (typeof x === "bigint") return x;
  if (typeof x === "number" && Number.isInteger(x)) return BigInt(x);
  throw new Error(`expected an integer, got ${typeof x}`);
}

// Go's zero Time is January 1, year 1, 00:00:00 UTC.
const ZERO_SEC = daysFromCivil(1, 1, 1) * SECONDS_PER_DAY;
const MIN_I64 = -(1n << 63n);
const MAX_I64 = (1n << 63n) - 1n;

/** Monotonic clock reading in nanoseconds since process start, as Go's runtime keeps it. */
function monotonicNow(): bigint {
  return BigInt(Math.round(performance.now() * 1e6)) + 1n;
}

/**
 * A Go `time.Time` value.
 *
 * @example
 * ```ts
 * const t = GoTime.unix(0, 0, UTC);
 * t.format("Mon Jan _2 15:04:05 2006"); // "Thu Jan  1 00:00:00 1970"
 * ```
 */
export class GoTime extends GoStruct {
  readonly #sec: number;
  readonly #nsec: number;
  readonly #loc: Location;
  readonly #mono: bigint | undefined;

  /** Go type name for `%T`. */
  get goType(): string {
    return "time.Time";
  }

  /**
   * Go signatures of the methods templates may call. `Add` is declared with
   * int64 rather than time.Duration so that integer constants pass, as Go's
   * untyped constants do.
   */
  static readonly [GO_METHODS]: Record<string, GoMethodSig> = {
    Format: { params: ["string"] },
    Add: { params: ["int64"] },
    AddDate: { params: ["int", "int", "int"] },
    Sub: { params: ["time.Time"] },
    Before: { params: ["time.Time"] },
    After: { params: ["time.Time"] },
    Equal: { params: ["time.Time"] },
  };

  /** An instant: Unix seconds, nanoseconds within the second (0–999999999), location, monotonic reading. */
  constructor(sec: number, nsec: number, loc: Location, mono?: bigint) {
    super();
    this.#sec = sec;
    this.#nsec = nsec;
    this.#loc = loc;
    this.#mono = mono;
  }

  /** Go's `time.Now()`: the current instant in Local, with a monotonic reading. */
  static now(): GoTime {
    const ns = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
    return new GoTime(Number(ns / SECOND), Number(ns % SECOND), localLocation(), monotonicNow());
  }

  /** Go's `time.Unix(sec, nsec)` (in Local unless a location is given). */
  static unix(sec: number | bigint, nsec: number | bigint = 0, loc: Location = localLocation()): GoTime {
    const total = BigInt(sec) * SECOND + BigInt(nsec);
    const s = total / SECOND - (total % SECOND < 0n ? 1n : 0n);
    return new GoTime(Number(s), Number(total - s * SECOND), loc);
  }

  /** Go's zero `time.Time{}`: year 1, UTC. */
  static zero(): GoTime {
    return new GoTime(ZERO_SEC, 0, UTC);
  }

  /** Go's `time.Date`, normalising overflowing fields. */
  static date(
    year: number,
    month: number,
    day: number,
    hour: number,
    min: number,
    sec: number,
    nsec: number,
    loc: Location,
  ): GoTime {
    return GoTime.fromInstant(dateInLocation(year, month, day, hour, min, sec, nsec, loc));
  }

  /** Wraps an instant from the layout parser. */
  static fromInstant(i: Instant): GoTime {
    return new GoTime(i.sec, i.nsec, i.loc);
  }

  /** Unix seconds. */
  get sec(): number {
    return this.#sec;
  }
  /** Nanoseconds within the second. */
  get nsec(): number {
    return this.#nsec;
  }
  /** The location the time is shown in. */
  get loc(): Location {
    return this.#loc;
  }
  /** The monotonic reading, when the time came from `now`. */
  get mono(): bigint | undefined {
    return this.#mono;
  }

  /** Nanoseconds since the Unix epoch as a bigint. */
  get unixNano(): bigint {
    return BigInt(this.#sec) * SECOND + BigInt(this.#nsec);
  }

  /** Go's `Format`. */
  format(layout: string): string {
    return formatTime({ sec: this.#sec, nsec: this.#nsec, loc: this.#loc }, layout);
  }

  /** Go's `String()`: `2006-01-02 15:04:05.999999999 -0700 MST` plus ` m=±s.nnnnnnnnn` when monotonic. */
  override toString(): string {
    let s = this.format("2006-01-02 15:04:05.999999999 -0700 MST");
    if (this.#mono !== undefined) {
      const neg = this.#mono < 0n;
      const m = neg ? -this.#mono : this.#mono;
      s += ` m=${neg ? "-" : "+"}${m / SECOND}.${String(m % SECOND).padStart(9, "0")}`;
    }
    return s;
  }

  /** The same instant shown in another location (monotonic reading dropped, as Go does). */
  in(loc: Location): GoTime {
    return new GoTime(this.#sec, this.#nsec, loc);
  }

  /** Go's `Add(d)`: keeps the monotonic reading unless it would overflow. */
  add(d: bigint): GoTime {
    let dsec = d / SECOND;
    let nsec = this.#nsec + Number(d % SECOND);
    if (nsec >= 1e9) {
      dsec++;
      nsec -= 1e9;
    } else if (nsec < 0) {
      dsec--;
      nsec += 1e9;
    }
    let mono = this.#mono;
    if (mono !== undefined) {
      const te = mono + d;
      mono = te > MAX_I64 || te < MIN_I64 ? undefined : te;
    }
    return new GoTime(this.#sec + Number(dsec), nsec, this.#loc, mono);
  }

  /** Go's `Sub(u)`: the duration t-u, from monotonic readings when both have one, saturating. */
  sub(u: GoTime): bigint {
    const d = this.#mono !== undefined && u.#mono !== undefined
      ? this.#mono - u.#mono
      : this.unixNano - u.unixNano;
    return d > MAX_I64 ? MAX_I64 : d < MIN_I64 ? MIN_I64 : d;
  }

  /** Go's `AddDate`. */
  addDate(years: number, months: number, days: number): GoTime {
    const w = wallClock(this);
    return GoTime.date(
      w.year + years,
      w.month + months,
      w.day + days,
      w.hour,
      w.minute,
      w.second,
      this.#nsec,
      this.#loc,
    );
  }

  /** RFC 3339 with nanoseconds: how TOML and YAML v3 encoders write a time.Time. */
  [GO_TIME](): string {
    return this.format("2006-01-02T15:04:05.999999999Z07:00");
  }

  /** The JSON form Go's `MarshalJSON` writes (RFC 3339 with nanoseconds). */
  toJSONString(): string {
    const year = wallClock(this).year;
    if (year < 0 || year > 9999) throw new Error("Time.MarshalJSON: year outside of range [0,9999]");
    return JSON.stringify(this.format("2006-01-02T15:04:05.999999999Z07:00"));
  }

  // Go's methods, as templates call them.

  /** Go `Format(layout)`. */
  Format(layout: string): string {
    return this.format(layout);
  }
  /** Go `String()`. */
  String(): string {
    return this.toString();
  }
  /** Go `Year()`. */
  Year(): GoInt {
    return GoInt.of(wallClock(this).year);
  }
  /** Go `Month()`. */
  Month(): GoMonth {
    return new GoMonth(wallClock(this).month);
  }
  /** Go `Day()`. */
  Day(): GoInt {
    return GoInt.of(wallClock(this).day);
  }
  /** Go `Hour()`. */
  Hour(): GoInt {
    return GoInt.of(wallClock(this).hour);
  }
  /** Go `Minute()`. */
  Minute(): GoInt {
    return GoInt.of(wallClock(this).minute);
  }
  /** Go `Second()`. */
  Second(): GoInt {
    return GoInt.of(wallClock(this).second);
  }
  /** Go `Nanosecond()`. */
  Nanosecond(): GoInt {
    return GoInt.of(this.#nsec);
  }
  /** Go `YearDay()`. */
  YearDay(): GoInt {
    return GoInt.of(wallClock(this).yday);
  }
  /** Go `Weekday()`. */
  Weekday(): GoWeekday {
    return new GoWeekday(wallClock(this).weekday);
  }
  /** Go `Unix()`, an int64. */
  Unix(): GoInt {
    return GoInt.of(this.#sec, "int64");
  }
  /** Go `UnixMilli()`. */
  UnixMilli(): GoInt {
    return new GoInt(int64(this.unixNano / 1000000n), "int64");
  }
  /** Go `UnixMicro()`. */
  UnixMicro(): GoInt {
    return new GoInt(int64(this.unixNano / 1000n), "int64");
  }
  /** Go `UnixNano()`. */
  UnixNano(): GoInt {
    return new GoInt(this.unixNano, "int64");
  }
  /** Go `UTC()`. */
  UTC(): GoTime {
    return this.in(UTC);
  }
  /** Go `Local()`. */
  Local(): GoTime {
    return this.in(localLocation());
  }
  /** Go `Add(time.Duration)`. */
  Add(d: unknown): GoTime {
    return this.add(intArg(d));
  }
  /** Go `Sub(time.Time) time.Duration`. */
  Sub(u: GoTime): GoDuration {
    return new GoDuration(this.sub(u));
  }
  /** Go `AddDate(years, months, days int)`. */
  AddDate(years: unknown, months: unknown, days: unknown): GoTime {
    return this.addDate(Number(intArg(years)), Number(intArg(months)), Number(intArg(days)));
  }
  /** Go `IsZero()`. */
  IsZero(): boolean {
    return this.#sec === ZERO_SEC && this.#nsec === 0;
  }
  /** Go `Before(u)`. */
  Before(u: GoTime): boolean {
    return this.unixNano < u.unixNano;
  }
  /** Go `After(u)`. */
  After(u: GoTime): boolean {
    return this.unixNano > u.unixNano;
  }
  /** Go `Equal(u)`. */
  Equal(u: GoTime): boolean {
    return this.unixNano === u.unixNano;
  }
  /** Go `Location()`, printed by its name. */
  Location(): Location {
    return this.#loc;
  }
  /** Go `MarshalJSON()`. */
  MarshalJSON(): Uint8Array {
    return new TextEncoder().encode(this.toJSONString());
  }
  /** Go `MarshalText()`. */
  MarshalText(): Uint8Array {
    return new TextEncoder().encode(JSON.parse(this.toJSONString()));
  }
}

/** Go's `time.Since(t)`. */
export function since(t: GoTime): bigint {
  return GoTime.now().sub(t);
}

export { formatDuration };
