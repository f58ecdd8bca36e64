/**
 * Go's `time` package as templates meet it: `time.Time` values with Go's
 * layouts, time zones read from the system zoneinfo like Go reads them,
 * and `time.Duration` parsing and printing.
 *
 * @example
 * ```ts
 * import { GoTime, loadLocation } from "./mod.ts";
 * GoTime.unix(1700000000).in(loadLocation("Asia/Tokyo")!).format("2006-01-02 15:04 MST");
 * // "2023-11-15 07:13 JST"
 * ```
 *
 * @module
 */

export { GoDuration, GoMonth, GoTime, GoWeekday, since } from "./time.ts";
export {
  DurationError,
  formatDuration,
  HOUR,
  MICROSECOND,
  MILLISECOND,
  MINUTE,
  NANOSECOND,
  parseDuration,
  roundDuration,
  SECOND,
} from "./duration.ts";
export { formatTime, type Instant, parseTime, TimeParseError } from "./layout.ts";
export {
  fixedZone,
  loadLocation,
  localLocation,
  Location,
  parseTZif,
  setLocalLocation,
  UTC,
  type Zone,
  type ZoneLookup,
} from "./zoneinfo.ts";
