/**
 * Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`, `Jan _2`,
 * `.000`, `MST` …): splitting a layout into literal text and fields, then
 * formatting an instant with it or parsing text against it, with Go's rules
 * and error messages.
 *
 * @module
 */

import {
  civilFromDays,
  daysBefore,
  daysFromCivil,
  daysIn,
  floorDiv,
  isLeap,
  SECONDS_PER_DAY,
  weekday,
  yearDay,
} from "./civil.ts";
import { timeQuote } from "./duration.ts";
import { fixedZone, type Location, UTC } from "./zoneinfo.ts";

/** The fields a layout can hold. */
type Field =
  | "LongMonth" // January
  | "Month" // Jan
  | "NumMonth" // 1
  | "ZeroMonth" // 01
  | "LongWeekDay" // Monday
  | "WeekDay" // Mon
  | "Day" // 2
  | "UnderDay" // _2
  | "ZeroDay" // 02
  | "UnderYearDay" // __2
  | "ZeroYearDay" // 002
  | "Hour" // 15
  | "Hour12" // 3
  | "ZeroHour12" // 03
  | "Minute" // 4
  | "ZeroMinute" // 04
  | "Second" // 5
  | "ZeroSecond" // 05
  | "LongYear" // 2006
  | "Year" // 06
  | "PM" // PM
  | "pm" // pm
  | "TZ" // MST
  | "ISO8601TZ" // Z0700
  | "ISO8601SecondsTZ" // Z070000
  | "ISO8601ShortTZ" // Z07
  | "ISO8601ColonTZ" // Z07:00
  | "ISO8601ColonSecondsTZ" // Z07:00:00
  | "NumTZ" // -0700
  | "NumSecondsTz" // -070000
  | "NumShortTZ" // -07
  | "NumColonTZ" // -07:00
  | "NumColonSecondsTZ" // -07:00:00
  | "FracSecond0" // .000
  | "FracSecond9"; // .999

/** A field with its fraction digits and separator (for fractional seconds). */
interface Std {
  readonly field: Field;
  readonly digits: number;
  readonly separator: "." | ",";
}

interface Chunk {
  readonly prefix: string;
  readonly std: Std | undefined;
  readonly suffix: string;
}

const ZERO_FIELDS: Field[] = ["ZeroMonth", "ZeroDay", "ZeroHour12", "ZeroMinute", "ZeroSecond", "Year"];

function std(field: Field, digits = 0, separator: "." | "," = "."): Std {
  return { field, digits, separator };
}

const isDigitAt = (s: string, i: number) => i < s.length && s[i] >= "0" && s[i] <= "9";

/** Go's `nextStdChunk`: the text before the first field, the field, and the rest. */
export function nextStdChunk(layout: string): Chunk {
  const at = (i: number, word: string) => layout.startsWith(word, i);
  const cut = (i: number, s: Std, len: number): Chunk => ({
    prefix: layout.slice(0, i),
    std: s,
    suffix: layout.slice(i + len),
  });
  for (let i = 0; i < layout.length; i++) {
    switch (layout[i]) {
      case "J":
        if (at(i, "Jan")) {
          if (at(i, "January")) return cut(i, std("LongMonth"), 7);
          if (!/^[a-z]/.test(layout.slice(i + 3, i + 4))) return cut(i, std("Month"), 3);
        }
        break;
      case "M":
        if (at(i, "Mon")) {
          if (at(i, "Monday")) return cut(i, std("LongWeekDay"), 6);
          if (!/^[a-z]/.test(layout.slice(i + 3, i + 4))) return cut(i, std("WeekDay"), 3);
        }
        if (at(i, "MST")) return cut(i, std("TZ"), 3);
        break;
      case "0":
        if (layout[i + 1] >= "1" && layout[i + 1] <= "6") {
          return cut(i, std(ZERO_FIELDS[layout.charCodeAt(i + 1) - 49]), 2);
        }
        if (at(i + 1, "02")) return cut(i, std("ZeroYearDay"), 3);
        break;
      case "1":
        if (layout[i + 1] === "5") return cut(i, std("Hour"), 2);
        return cut(i, std("NumMonth"), 1);
      case "2":
        if (at(i, "2006")) return cut(i, std("LongYear"), 4);
        return cut(i, std("Day"), 1);
      case "_":
        if (layout[i + 1] === "2") {
          // _2006 is a literal _ followed by the year.
          if (at(i + 1, "2006")) {
            return { prefix: layout.slice(0, i + 1), std: std("LongYear"), suffix: layout.slice(i + 5) };
          }
          return cut(i, std("UnderDay"), 2);
        }
        if (at(i + 1, "_2")) return cut(i, std("UnderYearDay"), 3);
        break;
      case "3":
        return cut(i, std("Hour12"), 1);
      case "4":
        return cut(i, std("Minute"), 1);
      case "5":
        return cut(i, std("Second"), 1);
      case "P":
        if (layout[i + 1] === "M") return cut(i, std("PM"), 2);
        break;
      case "p":
        if (layout[i + 1] === "m") return cut(i, std("pm"), 2);
        break;
      case "-":
        if (at(i, "-070000")) return cut(i, std("NumSecondsTz"), 7);
        if (at(i, "-07:00:00")) return cut(i, std("NumColonSecondsTZ"), 9);
        if (at(i, "-0700")) return cut(i, std("NumTZ"), 5);
        if (at(i, "-07:00")) return cut(i, std("NumColonTZ"), 6);
        if (at(i, "-07")) return cut(i, std("NumShortTZ"), 3);
        break;
      case "Z":
        if (at(i, "Z070000")) return cut(i, std("ISO8601SecondsTZ"), 7);
        if (at(i, "Z07:00:00")) return cut(i, std("ISO8601ColonSecondsTZ"), 9);
        if (at(i, "Z0700")) return cut(i, std("ISO8601TZ"), 5);
        if (at(i, "Z07:00")) return cut(i, std("ISO8601ColonTZ"), 6);
        if (at(i, "Z07")) return cut(i, std("ISO8601ShortTZ"), 3);
        break;
      case ".":
      case ",":
        if (layout[i + 1] === "0" || layout[i + 1] === "9") {
          const ch = layout[i + 1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          // Only a run of digits that ends the number is a fraction.
          if (!isDigitAt(layout, j)) {
            const field = ch === "9" ? "FracSecond9" : "FracSecond0";
            return cut(i, std(field, j - (i + 1), layout[i] as "." | ","), j - i);
          }
        }
        break;
    }
  }
  return { prefix: layout, std: undefined, suffix: "" };
}

const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const LONG_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
]; // deno-fmt-ignore
const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));

/** Go's `Month.String()`, including `%!Month(13)` for out-of-range values. */
export function monthName(m: number): string {
  return m >= 1 && m <= 12 ? LONG_MONTHS[m - 1] : `%!Month(${m})`;
}

/** Go's `Weekday.String()`. */
export function weekdayName(d: number): string {
  return d >= 0 && d <= 6 ? LONG_DAYS[d] : `%!Weekday(${d})`;
}

/** Go's `appendInt`: decimal, zero-padded to width, sign before the padding. */
function pad(x: number, width: number): string {
  const digits = String(Math.abs(x)).padStart(width, "0");
  return x < 0 ? "-" + digits : digits;
}

/** An instant in a location: Unix seconds, nanoseconds, and the zone to show it in. */
export interface Instant {
  /** Unix seconds. */
  readonly sec: number;
  /** Nanoseconds within the second. */
  readonly nsec: number;
  /** The location to show it in. */
  readonly loc: Location;
}

/** The wall-clock fields of an instant in its location. */
export function wallClock(t: Instant) {
  const zone = t.loc.lookup(t.sec);
  const local = t.sec + zone.offset;
  const days = floorDiv(local, SECONDS_PER_DAY);
  const secOfDay = local - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    zone,
    days,
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    yday: yearDay(year, month, day),
    weekday: weekday(days),
  };
}

function formatFraction(nsec: number, s: Std): string {
  const trim = s.field === "FracSecond9";
  if (trim && (s.digits === 0 || nsec === 0)) return "";
  let digits = String(nsec).padStart(9, "0").slice(0, s.digits);
  if (trim) digits = digits.replace(/0+$/, "");
  return digits === "" && trim ? "" : s.separator + digits;
}

function formatZone(field: Field, offset: number): string {
  const iso = field.startsWith("ISO8601");
  if (offset === 0 && iso) return "Z";
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = "+";
  if (zone < 0) {
    out = "-";
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.trunc(zone / 60), 2);
  const colon = field.includes("Colon");
  if (colon) out += ":";
  if (!field.includes("Short")) out += pad(zone % 60, 2);
  if (field.includes("Seconds")) {
    if (colon) out += ":";
    out += pad(abs % 60, 2);
  }
  return out;
}

/**
 * Go's `Time.Format`.
 *
 * @example
 * ```ts
 * formatTime({ sec: 0, nsec: 0, loc: UTC }, "2006-01-02T15:04:05Z07:00"); // "1970-01-01T00:00:00Z"
 * ```
 */
export function formatTime(t: Instant, layout: string): string {
  const w = wallClock(t);
  let out = "";
  for (;;) {
    const { prefix, std: s, suffix } = nextStdChunk(layout);
    out += prefix;
    if (s === undefined) break;
    layout = suffix;
    const hr12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
    switch (s.field) {
      case "Year":
        out += pad(Math.abs(w.year) % 100, 2);
        break;
      case "LongYear":
        out += pad(w.year, 4);
        break;
      case "Month":
        out += SHORT_MONTHS[w.month - 1];
        break;
      case "LongMonth":
        out += LONG_MONTHS[w.month - 1];
        break;
      case "NumMonth":
        out += String(w.month);
        break;
      case "ZeroMonth":
        out += pad(w.month, 2);
        break;
      case "WeekDay":
        out += SHORT_DAYS[w.weekday];
        break;
      case "LongWeekDay":
        out += LONG_DAYS[w.weekday];
        break;
      case "Day":
        out += String(w.day);
        break;
      case "UnderDay":
        out += (w.day < 10 ? " " : "") + w.day;
        break;
      case "ZeroDay":
        out += pad(w.day, 2);
        break;
      case "UnderYearDay":
        out += String(w.yday).padStart(3, " ");
        break;
      case "ZeroYearDay":
        out += pad(w.yday, 3);
        break;
      case "Hour":
        out += pad(w.hour, 2);
        break;
      case "Hour12":
        out += String(hr12);
        break;
      case "ZeroHour12":
        out += pad(hr12, 2);
        break;
      case "Minute":
        out += String(w.minute);
        break;
      case "ZeroMinute":
        out += pad(w.minute, 2);
        break;
      case "Second":
        out += String(w.second);
        break;
      case "ZeroSecond":
        out += pad(w.second, 2);
        break;
      case "PM":
        out += w.hour >= 12 ? "PM" : "AM";
        break;
      case "pm":
        out += w.hour >= 12 ? "pm" : "am";
        break;
      case "TZ":
        if (w.zone.name !== "") {
          out += w.zone.name;
        } else {
          // No abbreviation known: Go prints the -0700 form.
          const zone = Math.trunc(w.zone.offset / 60);
          out += (zone < 0 ? "-" : "+") + pad(Math.trunc(Math.abs(zone) / 60), 2) +
            pad(Math.abs(zone) % 60, 2);
        }
        break;
      case "FracSecond0":
      case "FracSecond9":
        out += formatFraction(t.nsec, s);
        break;
      default:
        out += formatZone(s.field, w.zone.offset);
    }
  }
  return out;
}

// --- parsing ---

/** A time string that does not match its layout; the message is Go's `*time.ParseError`. */
export class TimeParseError extends Error {
  /** Go's `ParseError` fields; an empty message means "cannot parse X as Y". */
  constructor(layout: string, value: string, layoutElem: string, valueElem: string, message: string) {
    super(
      message === ""
        ? `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${
          timeQuote(valueElem)
        } as ${timeQuote(layoutElem)}`
        : `parsing time ${timeQuote(value)}${message}`,
    );
    this.name = "TimeParseError";
  }
}

/** Marker for a field that does not parse (Go's errBad). */
class Bad extends Error {}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + s.charCodeAt(1) - 48, s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + s.charCodeAt(i) - 48;
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

/** Go's `leadingInt` for the time package: digits as a number, failing past 2^63. */
function leadingInt(s: string): [number, string] {
  let i = 0;
  let x = 0n;
  for (; i < s.length && s[i] >= "0" && s[i] <= "9"; i++) {
    if (x > (1n << 63n) / 10n) throw new Bad();
    x = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (x > 1n << 63n) throw new Bad();
  }
  return [Number(BigInt.asIntN(64, x)), s.slice(i)];
}

/** Go's time-package `atoi`. */
function atoi(s: string): number {
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  const [x, rest] = leadingInt(s);
  if (rest.length > 0) throw new Bad();
  return neg ? -x : x;
}

/** Go's `match`: equal ignoring the case of ASCII letters only. */
function matchFold(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    let c1 = a.charCodeAt(i);
    let c2 = b.charCodeAt(i);
    if (c1 !== c2) {
      c1 |= 0x20;
      c2 |= 0x20;
      if (c1 !== c2 || c1 < 0x61 || c1 > 0x7a) return false;
    }
  }
  return true;
}

/** Go's `lookup`: the first name that prefixes val, ignoring ASCII case. */
function lookupName(tab: string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i];
    if (val.length >= v.length && matchFold(val.slice(0, v.length), v)) return [i, val.slice(v.length)];
  }
  throw new Bad();
}

/** Go's `skip`: consumes a literal prefix, where runs of spaces match runs of spaces. */
function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") throw new Bad();
      prefix = prefix.replace(/^ +/, "");
      value = value.replace(/^ +/, "");
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw new Bad();
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

const commaOrPeriod = (c: string | undefined) => c === "." || c === ",";

/** Go's `parseNanoseconds`: value[0] is the separator, value[1:n] the digits. */
function parseNanoseconds(value: string, n: number): [number, string] {
  if (!commaOrPeriod(value[0])) throw new Bad();
  if (n > 10) n = 10;
  let ns = atoi(value.slice(1, n));
  if (ns < 0) return [0, "fractional second"];
  for (let i = 0; i < 10 - n; i++) ns *= 10;
  return [ns, ""];
}

function parseSignedOffset(value: string): number {
  if (value[0] !== "-" && value[0] !== "+") return 0;
  let x: number;
  let rest: string;
  try {
    [x, rest] = leadingInt(value.slice(1));
  } catch {
    return 0;
  }
  if (rest === value.slice(1) || x > 23) return 0;
  return value.length - rest.length;
}

/** Go's `parseTimeZone`: the length of a zone abbreviation at the start of value, or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === "+" || value[0] === "-") return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n] >= "A" && value[n] <= "Z") n++;
  switch (n) {
    case 5:
      return value[4] === "T" ? 5 : 0;
    case 4:
      return value[3] === "T" || value.startsWith("WITA") ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

/** Go's `time.Date`: normalises overflowing fields and resolves the wall time in loc. */
export function dateInLocation(
  year: number,
  month: number,
  day: number,
  hour: number,
  min: number,
  sec: number,
  nsec: number,
  loc: Location,
): Instant {
  const norm = (hi: number, lo: number, base: number): [number, number] => {
    const n = floorDiv(lo, base);
    return [hi + n, lo - n * base];
  };
  let m: number;
  [year, m] = norm(year, month - 1, 12);
  [sec, nsec] = norm(sec, nsec, 1e9);
  [min, sec] = norm(min, sec, 60);
  [hour, min] = norm(hour, min, 60);
  [day, hour] = norm(day, hour, 24);
  let unix = (daysFromCivil(year, m + 1, 1) + day - 1) * SECONDS_PER_DAY + hour * 3600 + min * 60 + sec;
  // Guess the offset at the wall time, then correct it if that lands outside the zone's span.
  const z = loc.lookup(unix);
  let offset = z.offset;
  if (offset !== 0) {
    const utc = unix - offset;
    if (utc < z.start || utc >= z.end) offset = loc.lookup(utc).offset;
    unix -= offset;
  }
  return { sec: unix, nsec, loc };
}

/**
 * Go's `time.ParseInLocation` (and `Parse` with defaultLoc = UTC): fields
 * missing from the layout default to zero (or one), a zone offset matching
 * `local` takes `local`, others make a fixed zone.
 *
 * @throws {TimeParseError} with Go's message.
 */
export function parseTime(layout: string, value: string, defaultLoc: Location, local: Location): Instant {
  const alayout = layout;
  const avalue = value;
  let rangeErr = "";
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | undefined;
  let zoneOffset = -1;
  let zoneName = "";

  for (;;) {
    const { prefix, std: s, suffix } = nextStdChunk(layout);
    const stdstr = layout.slice(prefix.length, layout.length - suffix.length);
    try {
      value = skip(value, prefix);
    } catch {
      throw new TimeParseError(alayout, avalue, prefix, value, "");
    }
    if (s === undefined) {
      if (value.length !== 0) {
        throw new TimeParseError(alayout, avalue, "", value, `: extra text: ${timeQuote(value)}`);
      }
      break;
    }
    layout = suffix;
    const hold = value;
    try {
      switch (s.field) {
        case "Year": {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          year = atoi(p);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case "LongYear":
          if (value.length < 4 || !isDigitAt(value, 0)) throw new Bad();
          year = atoi(value.slice(0, 4));
          value = value.slice(4);
          break;
        case "Month":
          [month, value] = lookupName(SHORT_MONTHS, value);
          month++;
          break;
        case "LongMonth":
          [month, value] = lookupName(LONG_MONTHS, value);
          month++;
          break;
        case "NumMonth":
        case "ZeroMonth":
          [month, value] = getnum(value, s.field === "ZeroMonth");
          if (month <= 0 || month > 12) rangeErr = "month";
          break;
        case "WeekDay":
          value = lookupName(SHORT_DAYS, value)[1];
          break;
        case "LongWeekDay":
          value = lookupName(LONG_DAYS, value)[1];
          break;
        case "Day":
        case "UnderDay":
        case "ZeroDay":
          if (s.field === "UnderDay" && value[0] === " ") value = value.slice(1);
          [day, value] = getnum(value, s.field === "ZeroDay");
          break;
        case "UnderYearDay":
        case "ZeroYearDay":
          for (let i = 0; i < 2; i++) {
            if (s.field === "UnderYearDay" && value[0] === " ") value = value.slice(1);
          }
          [yday, value] = getnum3(value, s.field === "ZeroYearDay");
          break;
        case "Hour":
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = "hour";
          break;
        case "Hour12":
        case "ZeroHour12":
          [hour, value] = getnum(value, s.field === "ZeroHour12");
          if (hour < 0 || hour > 12) rangeErr = "hour";
          break;
        case "Minute":
        case "ZeroMinute":
          [min, value] = getnum(value, s.field === "ZeroMinute");
          if (min < 0 || min >= 60) rangeErr = "minute";
          break;
        case "Second":
        case "ZeroSecond": {
          [sec, value] = getnum(value, s.field === "ZeroSecond");
          if (sec < 0 || sec >= 60) {
            rangeErr = "second";
            break;
          }
          // A fraction in the input with no fraction field next in the layout.
          if (value.length >= 2 && commaOrPeriod(value[0]) && isDigitAt(value, 1)) {
            const next = nextStdChunk(layout).std;
            if (next?.field === "FracSecond0" || next?.field === "FracSecond9") break;
            let n = 2;
            while (n < value.length && isDigitAt(value, n)) n++;
            [nsec, rangeErr] = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case "PM":
        case "pm": {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [pm, am] = s.field === "PM" ? ["PM", "AM"] : ["pm", "am"];
          if (p === pm) pmSet = true;
          else if (p === am) amSet = true;
          else throw new Bad();
          break;
        }
        case "ISO8601TZ":
        case "ISO8601ShortTZ":
        case "ISO8601ColonTZ":
        case "ISO8601SecondsTZ":
        case "ISO8601ColonSecondsTZ":
          if (value[0] === "Z") {
            value = value.slice(1);
            z = UTC;
            break;
          }
        // falls through
        case "NumTZ":
        case "NumShortTZ":
        case "NumColonTZ":
        case "NumSecondsTz":
        case "NumColonSecondsTZ": {
          let sign: string, hh: string, mm: string, ss: string;
          const f = s.field;
          if (f === "ISO8601ColonTZ" || f === "NumColonTZ") {
            if (value.length < 6 || value[3] !== ":") throw new Bad();
            [sign, hh, mm, ss, value] = [
              value[0],
              value.slice(1, 3),
              value.slice(4, 6),
              "00",
              value.slice(6),
            ];
          } else if (f === "NumShortTZ" || f === "ISO8601ShortTZ") {
            if (value.length < 3) throw new Bad();
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), "00", "00", value.slice(3)];
          } else if (f === "ISO8601ColonSecondsTZ" || f === "NumColonSecondsTZ") {
            if (value.length < 9 || value[3] !== ":" || value[6] !== ":") throw new Bad();
            [sign, hh, mm, ss, value] = [
              value[0],
              value.slice(1, 3),
              value.slice(4, 6),
              value.slice(7, 9),
              value.slice(9),
            ];
          } else if (f === "ISO8601SecondsTZ" || f === "NumSecondsTz") {
            if (value.length < 7) throw new Bad();
            [sign, hh, mm, ss, value] = [
              value[0],
              value.slice(1, 3),
              value.slice(3, 5),
              value.slice(5, 7),
              value.slice(7),
            ];
          } else {
            if (value.length < 5) throw new Bad();
            [sign, hh, mm, ss, value] = [
              value[0],
              value.slice(1, 3),
              value.slice(3, 5),
              "00",
              value.slice(5),
            ];
          }
          // Go parses hours, then minutes, then seconds, stopping at the first failure but
          // still applying the range checks below, which win over the failure.
          let bad = false;
          const num = (x: string) => {
            if (bad) return 0;
            try {
              return getnum(x, true)[0];
            } catch {
              bad = true;
              return 0;
            }
          };
          const hr = num(hh);
          const mi = num(mm);
          const se = num(ss);
          // Offsets of 24 hours or 60 minutes do occur, hence > rather than >=.
          if (hr > 24) rangeErr = "time zone offset hour";
          if (mi > 60) rangeErr = "time zone offset minute";
          if (se > 60) rangeErr = "time zone offset second";
          zoneOffset = (hr * 60 + mi) * 60 + se;
          if (sign === "-") zoneOffset = -zoneOffset;
          else if (sign !== "+") bad = true;
          if (bad) throw new Bad();
          break;
        }
        case "TZ": {
          if (value.startsWith("UTC")) {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw new Bad();
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case "FracSecond0": {
          const ndigit = 1 + s.digits;
          if (value.length < ndigit) throw new Bad();
          [nsec, rangeErr] = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case "FracSecond9": {
          if (value.length < 2 || !commaOrPeriod(value[0]) || !isDigitAt(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
          [nsec, rangeErr] = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      if (rangeErr !== "") {
        throw new TimeParseError(alayout, avalue, stdstr, value, `: ${rangeErr} out of range`);
      }
      throw new TimeParseError(alayout, avalue, stdstr, hold, "");
    }
    if (rangeErr !== "") {
      throw new TimeParseError(alayout, avalue, stdstr, value, `: ${rangeErr} out of range`);
    }
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) {
      throw new TimeParseError(alayout, avalue, "", value, ": day-of-year out of range");
    }
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (daysBefore(m + 1) < yday) m++;
      d = yday - daysBefore(m);
    }
    if (month >= 0 && month !== m) {
      throw new TimeParseError(alayout, avalue, "", value, ": day-of-year does not match month");
    }
    month = m;
    if (day >= 0 && day !== d) {
      throw new TimeParseError(alayout, avalue, "", value, ": day-of-year does not match day");
    }
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) {
    throw new TimeParseError(alayout, avalue, "", value, ": day out of range");
  }

  if (z !== undefined) return dateInLocation(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = dateInLocation(year, month, day, hour, min, sec, nsec, UTC);
    const unix = t.sec - zoneOffset;
    // Use the local zone if it has this offset at that instant.
    const lz = local.lookup(unix);
    if (lz.offset === zoneOffset && (zoneName === "" || lz.name === zoneName)) {
      return { sec: unix, nsec, loc: local };
    }
    return { sec: unix, nsec, loc: fixedZone(zoneName, zoneOffset) };
  }
  if (zoneName !== "") {
    const t = dateInLocation(year, month, day, hour, min, sec, nsec, UTC);
    const offset = local.lookupName(zoneName, t.sec);
    if (offset !== undefined) return { sec: t.sec - offset, nsec, loc: local };
    // Unknown abbreviation: a fake zone of that name, offset zero unless it is GMT±h.
    let fake = 0;
    if (zoneName.length > 3 && zoneName.startsWith("GMT")) fake = atoi(zoneName.slice(3)) * 3600;
    return { sec: t.sec, nsec, loc: fixedZone(zoneName, fake) };
  }
  return dateInLocation(year, month, day, hour, min, sec, nsec, defaultLoc);
}
