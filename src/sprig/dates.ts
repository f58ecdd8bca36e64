/**
 * Sprig's date functions: `now`, `date`, `dateInZone`, `htmlDate`,
 * `htmlDateInZone`, `toDate`, `dateModify`, `ago`, `unixEpoch`, `duration`,
 * `durationRound`, with their snake_case aliases and `must` forms.
 *
 * Traps kept from Sprig: a date argument that is not a time or an
 * int/int64/int32 means "now" (float64 and strings included); an unknown
 * zone means UTC; `duration` reads only strings and int64s.
 *
 * @module
 */

import {
  formatDuration,
  GoTime,
  HOUR,
  loadLocation,
  localLocation,
  MINUTE,
  parseDuration,
  parseTime,
  roundDuration,
  SECOND,
  since,
  UTC,
} from "../gotime/mod.ts";
import { type FuncMap, goFunc, GoInt } from "../gotpl/value.ts";

const ANY = "interface {}";

/** Sprig's date argument: a time, or Unix seconds as int/int64/int32; anything else is now. */
function timeArg(date: unknown, kinds: readonly string[]): GoTime {
  if (date instanceof GoTime) return date;
  if (date instanceof GoInt && kinds.includes(date.kind)) return GoTime.unix(date.value);
  return GoTime.now();
}

/** Sprig's `dateInZone`. */
export function dateInZone(layout: string, date: unknown, zone: string): string {
  const t = timeArg(date, ["int64", "int", "int32"]);
  return t.in(loadLocation(zone) ?? UTC).format(layout);
}

/** Sprig's `dateModify`: the time moved by a Go duration, or unchanged if the duration does not parse. */
function dateModify(d: string, date: GoTime): GoTime {
  let dur: bigint;
  try {
    dur = parseDuration(d);
  } catch {
    return date;
  }
  return date.add(dur);
}

/** Sprig's `ago`: time since the argument, rounded to seconds. */
function ago(date: unknown): string {
  return formatDuration(roundDuration(since(timeArg(date, ["int64", "int"])), SECOND));
}

/** Go's `strconv.ParseInt(s, 10, 64)` with the error ignored: 0 on bad syntax, clamped on overflow. */
function parseInt64Lenient(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0n;
  const n = BigInt(s);
  const max = (1n << 63n) - 1n;
  return n > max ? max : n < -max - 1n ? -max - 1n : n;
}

/** Sprig's `duration`: seconds (a string or an int64 only) as a Go duration string. */
function duration(sec: unknown): string {
  let n = 0n;
  if (typeof sec === "string") n = parseInt64Lenient(sec);
  else if (sec instanceof GoInt && sec.kind === "int64") n = sec.value;
  return formatDuration(BigInt.asIntN(64, n * SECOND));
}

const DAY = 24n * HOUR;
const ROUND_UNITS: [bigint, string][] = [
  [365n * DAY, "y"],
  [30n * DAY, "mo"],
  [DAY, "d"],
  [HOUR, "h"],
  [MINUTE, "m"],
  [SECOND, "s"],
];

/** Sprig's `durationRound`: the largest unit the duration exceeds, truncated (`2h`, `3mo`, `1y`). */
function durationRound(value: unknown): string {
  let d = 0n;
  if (typeof value === "string") {
    try {
      d = parseDuration(value);
    } catch {
      d = 0n;
    }
  } else if (value instanceof GoInt && value.kind === "int64") {
    d = value.value;
  } else if (value instanceof GoTime) {
    d = since(value);
  }
  // Go works on the magnitude as a uint64, so the minimum duration stays huge.
  const u = BigInt.asUintN(64, d < 0n ? -d : d);
  for (const [unit, suffix] of ROUND_UNITS) {
    if (u > unit) return `${u / unit}${suffix}`;
  }
  return "0s";
}

/** Sprig's `toDate`: parses in Local; a parse error gives the zero time. */
function toDate(layout: string, value: string): GoTime {
  try {
    return mustToDate(layout, value);
  } catch {
    return GoTime.zero();
  }
}

/** Sprig's `mustToDate`. */
function mustToDate(layout: string, value: string): GoTime {
  const local = localLocation();
  return GoTime.fromInstant(parseTime(layout, value, local, local));
}

/** Sprig's `mustDateModify`: fails on a bad duration. */
function mustDateModify(d: string, date: GoTime): GoTime {
  return date.add(parseDuration(d));
}

const dateF = goFunc(["string", ANY], (layout: string, date: unknown) => dateInZone(layout, date, "Local"));
const dateInZoneF = goFunc(["string", ANY, "string"], dateInZone);
const dateModifyF = goFunc(["string", "time.Time"], dateModify);
const mustDateModifyF = goFunc(["string", "time.Time"], mustDateModify);

/** Sprig's date functions. */
export const dateFuncs: FuncMap = {
  ago: goFunc([ANY], ago),
  date: dateF,
  date_in_zone: dateInZoneF,
  date_modify: dateModifyF,
  dateInZone: dateInZoneF,
  dateModify: dateModifyF,
  duration: goFunc([ANY], duration),
  durationRound: goFunc([ANY], durationRound),
  htmlDate: goFunc([ANY], (date: unknown) => dateInZone("2006-01-02", date, "Local")),
  htmlDateInZone: goFunc(
    [ANY, "string"],
    (date: unknown, zone: string) => dateInZone("2006-01-02", date, zone),
  ),
  must_date_modify: mustDateModifyF,
  mustDateModify: mustDateModifyF,
  mustToDate: goFunc(["string", "string"], mustToDate),
  now: goFunc([], () => GoTime.now()),
  toDate: goFunc(["string", "string"], toDate),
  unixEpoch: goFunc(["time.Time"], (date: GoTime) => String(date.sec)),
};
