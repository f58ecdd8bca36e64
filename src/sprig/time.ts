/**
 * The Go `time.Time` value Sprig's date functions produce and accept. The
 * implementation lives in `src/gotime` (layouts, zoneinfo, durations); this
 * module is the Sprig-side entry point.
 *
 * @module
 */

export { GoDuration, GoMonth, GoTime, GoWeekday } from "../gotime/mod.ts";
