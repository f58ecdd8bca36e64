/**
 * Time zones as Go's `time` package loads and consults them: TZif files from
 * the system zoneinfo directories (Go's own sources, so abbreviations such
 * as `CET` or `+03` come out as Go prints them), POSIX TZ rules for instants
 * past the last transition, `Local` from `$TZ` or `/etc/localtime`, and
 * fixed zones for parsed offsets.
 *
 * Go without a time zone database fails `LoadLocation`; so does this, and
 * callers fall back as Go's callers do.
 *
 * @module
 */

import { GoStruct } from "../gotpl/value.ts";
import { civilFromDays, daysBefore, daysIn, floorDiv, isLeap, SECONDS_PER_DAY, yearDay } from "./civil.ts";

/** One zone of a location: abbreviation, offset east of UTC in seconds, DST flag. */
export interface Zone {
  /** Abbreviation, e.g. `CET` or `+03`; may be empty for fixed zones. */
  readonly name: string;
  /** Seconds east of UTC. */
  readonly offset: number;
  /** Whether it is daylight saving time. */
  readonly isDST: boolean;
}

/** A transition to zone `index` at Unix second `when`. */
interface Transition {
  readonly when: number;
  readonly index: number;
}

/** The zone in effect at an instant and the span over which it holds. */
export interface ZoneLookup extends Zone {
  /** First Unix second the zone holds (may be -Infinity). */
  readonly start: number;
  /** First Unix second it no longer holds (may be Infinity). */
  readonly end: number;
}

const ALPHA = -Infinity;
const OMEGA = Infinity;

/** A Go `*time.Location`; templates see it through `Time.Location`, which prints its name. */
export class Location extends GoStruct {
  readonly #name: string;
  readonly #zones: Zone[];
  readonly #tx: Transition[];
  readonly #extend: string;

  /** A location from its zones, transitions and POSIX TZ footer; no zones means UTC. */
  constructor(name: string, zones: Zone[] = [], tx: Transition[] = [], extend = "") {
    super();
    this.#name = name;
    this.#zones = zones;
    this.#tx = tx;
    this.#extend = extend;
  }

  /** A copy under another name (Go renames the loaded Local zone). */
  withName(name: string): Location {
    return new Location(name, this.#zones, this.#tx, this.#extend);
  }

  /** Name as Go's `Location.String()` prints it. */
  get name(): string {
    return this.#name;
  }

  /** Go type name. */
  get goType(): string {
    return "*time.Location";
  }

  /** Go's `String()`. */
  override toString(): string {
    return this.name;
  }

  /** Go's `String()`, for templates. */
  String(): string {
    return this.name;
  }

  /** Go's `lookup`: the zone in effect at Unix second `sec`. */
  lookup(sec: number): ZoneLookup {
    if (this.#zones.length === 0) return { name: "UTC", offset: 0, isDST: false, start: ALPHA, end: OMEGA };
    const tx = this.#tx;
    if (tx.length === 0 || sec < tx[0].when) {
      const zone = this.#zones[this.#firstZone()];
      return { ...zone, start: ALPHA, end: tx.length > 0 ? tx[0].when : OMEGA };
    }
    let lo = 0;
    let hi = tx.length;
    let end = OMEGA;
    while (hi - lo > 1) {
      const m = (lo + hi) >>> 1;
      if (sec < tx[m].when) {
        end = tx[m].when;
        hi = m;
      } else {
        lo = m;
      }
    }
    const zone = this.#zones[tx[lo].index];
    const start = tx[lo].when;
    // Past the last transition the footer's TZ rule decides.
    if (lo === tx.length - 1 && this.#extend !== "") {
      const ext = tzset(this.#extend, start, sec);
      if (ext !== undefined) return ext;
    }
    return { ...zone, start, end };
  }

  /** Go's `lookupFirstZone`: the zone for instants before the first transition. */
  #firstZone(): number {
    if (!this.#tx.some((t) => t.index === 0)) return 0;
    if (this.#tx.length > 0 && this.#zones[this.#tx[0].index].isDST) {
      for (let zi = this.#tx[0].index - 1; zi >= 0; zi--) if (!this.#zones[zi].isDST) return zi;
    }
    const std = this.#zones.findIndex((z) => !z.isDST);
    return std >= 0 ? std : 0;
  }

  /**
   * Go's `lookupName`: the offset of a zone abbreviation, preferring a zone
   * of that name in effect at `unix`.
   */
  lookupName(name: string, unix: number): number | undefined {
    for (const zone of this.#zones) {
      if (zone.name === name && this.lookup(unix - zone.offset).name === zone.name) {
        return this.lookup(unix - zone.offset).offset;
      }
    }
    return this.#zones.find((z) => z.name === name)?.offset;
  }
}

/** Go's `time.UTC`. */
export const UTC: Location = new Location("UTC");

/** Go's `time.FixedZone`. */
export function fixedZone(name: string, offset: number): Location {
  return new Location(name, [{ name, offset, isDST: false }], [{ when: ALPHA, index: 0 }]);
}

// --- POSIX TZ rules (the TZif footer) ---

type Rule =
  | { kind: "julian"; day: number; time: number }
  | { kind: "doy"; day: number; time: number }
  | { kind: "mwd"; mon: number; week: number; day: number; time: number };

/** Reads a number in [min, max] at the start of s. */
function tzNum(s: string, min: number, max: number): [number, string] | undefined {
  let i = 0;
  let n = 0;
  while (i < s.length && s[i] >= "0" && s[i] <= "9") {
    n = n * 10 + s.charCodeAt(i) - 48;
    if (n > max) return undefined;
    i++;
  }
  if (i === 0 || n < min) return undefined;
  return [n, s.slice(i)];
}

function tzName(s: string): [string, string] | undefined {
  if (s.length === 0) return undefined;
  if (s[0] === "<") {
    const end = s.indexOf(">");
    return end < 0 ? undefined : [s.slice(1, end), s.slice(end + 1)];
  }
  const m = /[0-9,+-]/.exec(s);
  if (m === null) return s.length < 3 ? undefined : [s, ""];
  return m.index < 3 ? undefined : [s.slice(0, m.index), s.slice(m.index)];
}

/** `[+-]hh[:mm[:ss]]` in seconds. */
function tzOffset(s: string): [number, string] | undefined {
  if (s.length === 0) return undefined;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  const h = tzNum(s, 0, 24 * 7);
  if (h === undefined) return undefined;
  let off = h[0] * 3600;
  s = h[1];
  for (const unit of [60, 1]) {
    if (s[0] !== ":") break;
    const n = tzNum(s.slice(1), 0, 59);
    if (n === undefined) return undefined;
    off += n[0] * unit;
    s = n[1];
  }
  return [neg ? -off : off, s];
}

function tzRule(s: string): [Rule, string] | undefined {
  if (s.length === 0) return undefined;
  let rule: Rule;
  if (s[0] === "J") {
    const d = tzNum(s.slice(1), 1, 365);
    if (d === undefined) return undefined;
    rule = { kind: "julian", day: d[0], time: 0 };
    s = d[1];
  } else if (s[0] === "M") {
    const mon = tzNum(s.slice(1), 1, 12);
    if (mon === undefined || mon[1][0] !== ".") return undefined;
    const week = tzNum(mon[1].slice(1), 1, 5);
    if (week === undefined || week[1][0] !== ".") return undefined;
    const day = tzNum(week[1].slice(1), 0, 6);
    if (day === undefined) return undefined;
    rule = { kind: "mwd", mon: mon[0], week: week[0], day: day[0], time: 0 };
    s = day[1];
  } else {
    const d = tzNum(s, 0, 365);
    if (d === undefined) return undefined;
    rule = { kind: "doy", day: d[0], time: 0 };
    s = d[1];
  }
  if (s[0] !== "/") return [{ ...rule, time: 2 * 3600 }, s];
  const off = tzOffset(s.slice(1));
  if (off === undefined) return undefined;
  return [{ ...rule, time: off[0] }, off[1]];
}

/** Seconds from the start of `year` (local standard time `off`) to the rule's moment, as Go's `tzruleTime`. */
function tzRuleTime(year: number, r: Rule, off: number): number {
  let s: number;
  if (r.kind === "julian") {
    s = (r.day - 1) * SECONDS_PER_DAY + (isLeap(year) && r.day >= 60 ? SECONDS_PER_DAY : 0);
  } else if (r.kind === "doy") {
    s = r.day * SECONDS_PER_DAY;
  } else {
    // Zeller's congruence for the weekday of the month's first day.
    const m1 = ((r.mon + 9) % 12) + 1;
    const yy0 = r.mon <= 2 ? year - 1 : year;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let dow =
      (Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
    if (dow < 0) dow += 7;
    let d = r.day - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.week; i++) {
      if (d + 7 >= daysIn(r.mon, year)) break;
      d += 7;
    }
    d += daysBefore(r.mon);
    if (isLeap(year) && r.mon > 2) d++;
    s = d * SECONDS_PER_DAY;
  }
  return s + r.time - off;
}

/** Go's `tzset`: the zone a POSIX TZ string gives at `sec`, or undefined if the string is malformed. */
function tzset(spec: string, lastTxSec: number, sec: number): ZoneLookup | undefined {
  const std = tzName(spec);
  if (std === undefined) return undefined;
  const stdOff = tzOffset(std[1]);
  if (stdOff === undefined) return undefined;
  let stdName = std[0];
  // POSIX offsets are west of UTC; Go's are east.
  let stdOffset = -stdOff[0];
  let s = stdOff[1];
  if (s.length === 0 || s[0] === ",") {
    return { name: stdName, offset: stdOffset, isDST: false, start: lastTxSec, end: OMEGA };
  }
  const dst = tzName(s);
  if (dst === undefined) return undefined;
  let dstName = dst[0];
  let dstOffset: number;
  s = dst[1];
  if (s.length === 0 || s[0] === ",") {
    dstOffset = stdOffset + 3600;
  } else {
    const o = tzOffset(s);
    if (o === undefined) return undefined;
    dstOffset = -o[0];
    s = o[1];
  }
  if (s.length === 0) s = ",M3.2.0,M11.1.0";
  if (s[0] !== "," && s[0] !== ";") return undefined;
  const startRule = tzRule(s.slice(1));
  if (startRule === undefined || startRule[1][0] !== ",") return undefined;
  const endRule = tzRule(startRule[1].slice(1));
  if (endRule === undefined || endRule[1].length > 0) return undefined;

  const days = floorDiv(sec, SECONDS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  // Go mixes a floored day with a truncated remainder here; kept for identical results before 1970.
  const ysec = (yearDay(year, month, day) - 1) * SECONDS_PER_DAY + (sec % SECONDS_PER_DAY);
  const ystart = sec - ysec;
  let startSec = tzRuleTime(year, startRule[0], stdOffset);
  let endSec = tzRuleTime(year, endRule[0], dstOffset);
  let dstIsDST = true;
  let stdIsDST = false;
  // Southern hemisphere: the "DST" rule ends before it starts within a year.
  if (endSec < startSec) {
    [startSec, endSec] = [endSec, startSec];
    [stdName, dstName] = [dstName, stdName];
    [stdOffset, dstOffset] = [dstOffset, stdOffset];
    [stdIsDST, dstIsDST] = [dstIsDST, stdIsDST];
  }
  if (ysec < startSec) {
    return { name: stdName, offset: stdOffset, isDST: stdIsDST, start: ystart, end: startSec + ystart };
  }
  if (ysec >= endSec) {
    return {
      name: stdName,
      offset: stdOffset,
      isDST: stdIsDST,
      start: endSec + ystart,
      end: ystart + 365 * SECONDS_PER_DAY,
    };
  }
  return {
    name: dstName,
    offset: dstOffset,
    isDST: dstIsDST,
    start: startSec + ystart,
    end: endSec + ystart,
  };
}

// --- TZif ---

/** Parses TZif data as Go's `LoadLocationFromTZData` (version 2+ files use their 64-bit section). */
export function parseTZif(name: string, data: Uint8Array): Location | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let p = 0;
  const need = (n: number) => p + n <= data.length;
  if (!need(44) || String.fromCharCode(...data.subarray(0, 4)) !== "TZif") return undefined;
  const v = data[4];
  const version = v === 0 ? 1 : v === 0x32 ? 2 : v === 0x33 ? 3 : 0;
  if (version === 0) return undefined;
  p = 20;
  const readCounts = () => {
    const n: number[] = [];
    for (let i = 0; i < 6; i++) {
      n.push(view.getUint32(p));
      p += 4;
    }
    return n;
  };
  // Counts in file order: isutc, isstd, leap, time, type, char.
  let [nUTC, nStd, nLeap, nTime, nZone, nChar] = readCounts();
  let size = 4;
  if (version > 1) {
    p += nTime * 4 + nTime + nZone * 6 + nChar + nLeap * 8 + nStd + nUTC + 4 + 16;
    if (!need(24)) return undefined;
    [nUTC, nStd, nLeap, nTime, nZone, nChar] = readCounts();
    size = 8;
  }
  if (!need(nTime * size + nTime + nZone * 6 + nChar + nLeap * (size + 4) + nStd + nUTC)) return undefined;
  const times: number[] = [];
  for (let i = 0; i < nTime; i++) {
    times.push(size === 8 ? Number(view.getBigInt64(p + i * 8)) : view.getInt32(p + i * 4));
  }
  p += nTime * size;
  const indexes = data.subarray(p, p + nTime);
  p += nTime;
  const zoneData = p;
  p += nZone * 6;
  const abbrev = data.subarray(p, p + nChar);
  p += nChar + nLeap * (size + 4) + nStd + nUTC;
  const rest = data.subarray(p);
  let extend = "";
  if (rest.length > 2 && rest[0] === 0x0a && rest[rest.length - 1] === 0x0a) {
    extend = new TextDecoder().decode(rest.subarray(1, rest.length - 1));
  }
  if (nZone === 0) return undefined;
  const zones: Zone[] = [];
  for (let i = 0; i < nZone; i++) {
    const o = zoneData + i * 6;
    const ai = data[o + 5];
    if (ai >= abbrev.length) return undefined;
    let end = abbrev.indexOf(0, ai);
    if (end < 0) end = abbrev.length;
    zones.push({
      offset: view.getInt32(o),
      isDST: data[o + 4] !== 0,
      name: new TextDecoder().decode(abbrev.subarray(ai, end)),
    });
  }
  const tx: Transition[] = [];
  for (let i = 0; i < nTime; i++) {
    if (indexes[i] >= zones.length) return undefined;
    tx.push({ when: times[i], index: indexes[i] });
  }
  if (tx.length === 0) tx.push({ when: ALPHA, index: 0 });
  return new Location(name, zones, tx, extend);
}

function readFile(path: string): Uint8Array | undefined {
  try {
    return Deno.readFileSync(path);
  } catch {
    return undefined;
  }
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

const PLATFORM_ZONE_SOURCES = [
  "/usr/share/zoneinfo/",
  "/usr/share/lib/zoneinfo/",
  "/usr/lib/locale/TZ/",
  "/etc/zoneinfo",
];

/** Go's unexported `loadLocation`: the first source holding a valid TZif file for the name. */
function loadFromSources(name: string, sources: string[]): Location | undefined {
  for (const dir of sources) {
    const path = dir === "" ? name : dir.endsWith("/") ? dir + name : `${dir}/${name}`;
    const data = readFile(path);
    if (data === undefined) continue;
    const loc = parseTZif(name, data);
    if (loc !== undefined) return loc;
  }
  return undefined;
}

const loaded = new Map<string, Location | undefined>();

/** Go's `time.LoadLocation`, or undefined where Go returns an error. */
export function loadLocation(name: string): Location | undefined {
  if (name === "" || name === "UTC") return UTC;
  if (name === "Local") return localLocation();
  if (name.includes("..") || name[0] === "/" || name[0] === "\\") return undefined;
  if (loaded.has(name)) return loaded.get(name);
  const zoneinfo = env("ZONEINFO");
  const loc = (zoneinfo ? loadFromSources(name, [zoneinfo]) : undefined) ??
    loadFromSources(name, PLATFORM_ZONE_SOURCES);
  loaded.set(name, loc);
  return loc;
}

let local: Location | undefined;

/** Go's `initLocal`: `$TZ` (unset → /etc/localtime, empty → UTC), falling back to UTC. */
function initLocal(): Location {
  const tz = env("TZ");
  if (tz === undefined) {
    const z = loadFromSources("localtime", ["/etc"]);
    if (z !== undefined) return z.withName("Local");
  } else if (tz !== "") {
    const name = tz[0] === ":" ? tz.slice(1) : tz;
    if (name !== "" && name[0] === "/") {
      const z = loadFromSources(name, [""]);
      if (z !== undefined) return z.withName(name === "/etc/localtime" ? "Local" : name);
    } else if (name !== "" && name !== "UTC") {
      const z = loadFromSources(name, PLATFORM_ZONE_SOURCES);
      if (z !== undefined) return z;
    }
  }
  return UTC;
}

/** Go's `time.Local`, read once from the process environment. */
export function localLocation(): Location {
  local ??= initLocal();
  return local;
}

/** Replaces `time.Local` (tests use it to pin a zone); pass undefined to re-read the environment. */
export function setLocalLocation(loc: Location | undefined): void {
  local = loc;
}
