/**
 * A Python datetime as wall-clock fields. `offset` (minutes east of UTC) is set for aware values; naive
 * values belong to the configured time zone. Python does naive datetime arithmetic on the wall clock, so
 * all date math here works on these fields, never on instants.
 */
export type WallTime = {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  micro: number
  offset: number | null
}

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

/** Python datetime's own range check (years 1–9999, real calendar days). */
export function isValidWall(w: WallTime): boolean {
  return (
    w.year >= 1 &&
    w.year <= 9999 &&
    w.month >= 1 &&
    w.month <= 12 &&
    w.day >= 1 &&
    w.day <= daysInMonth(w.year, w.month) &&
    w.hour <= 23 &&
    w.minute <= 59 &&
    w.second <= 59
  )
}

/** Seconds since 1970-01-01 00:00 of the wall fields read as UTC (microseconds excluded). */
export function wallSeconds(w: WallTime): number {
  const date = new Date(0)
  date.setUTCFullYear(w.year, w.month - 1, w.day)
  date.setUTCHours(w.hour, w.minute, w.second, 0)
  return date.getTime() / 1000
}

/** The wall fields of `seconds` since the epoch read as UTC; `micro` and `offset` are carried over. */
export function wallFromSeconds(seconds: number, micro: number, offset: number | null): WallTime {
  const date = new Date(seconds * 1000)
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    micro,
    offset,
  }
}

/** Python `datetime.weekday()`: Monday is 0. */
export const weekday = (w: WallTime): number =>
  (new Date(wallSeconds(w) * 1000).getUTCDay() + 6) % 7

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Python `strftime` for the directives Coreness uses: %Y %m %d %H %M %S. */
export function strftime(w: WallTime, pattern: string): string {
  const fields: Record<string, string> = {
    Y: String(w.year),
    m: pad(w.month, 2),
    d: pad(w.day, 2),
    H: pad(w.hour, 2),
    M: pad(w.minute, 2),
    S: pad(w.second, 2),
  }
  return pattern.replace(/%([YmdHMS])/g, (_, key: string) => fields[key] ?? '')
}
