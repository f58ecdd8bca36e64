/**
 * Proleptic Gregorian calendar arithmetic on day numbers counted from
 * 1970-01-01, the shared ground for formatting, parsing and zone rules.
 *
 * @module
 */

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86400;

/** Floor division, since JS `/` and `%` truncate toward zero. */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Modulo with the sign of the divisor. */
export function floorMod(a: number, b: number): number {
  return a - Math.floor(a / b) * b;
}

/** Whether the year is a Gregorian leap year. */
export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/** Days in the year before the first of `month` (1–12) in a non-leap year; 13 gives 365. */
export function daysBefore(month: number): number {
  return DAYS_BEFORE[month - 1];
}

/** Days in a month of a year. */
export function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month] - DAYS_BEFORE[month - 1];
}

/** Day number (days since 1970-01-01) of a calendar date; the month must be 1–12, the day may overflow. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Count from March so that the leap day ends the year.
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Day of the year, 1-based. */
export function yearDay(year: number, month: number, day: number): number {
  return daysBefore(month) + day + (month > 2 && isLeap(year) ? 1 : 0);
}

/** Day of the week, 0 = Sunday. */
export function weekday(days: number): number {
  // 1970-01-01 was a Thursday.
  return floorMod(days + 4, 7);
}
