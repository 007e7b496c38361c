import { type CronSchedule, parseCron } from './cron-parse.ts'
import { instantsOf, isValidTimeZone, offsetAt, shiftedInstantOf, toNaive } from './zoned-time.ts'

export { type CronField, CronParseError, type CronSchedule, parseCron } from './cron-parse.ts'

const MINUTE = 60_000
const HOUR = 3_600_000
/** Wider than any real DST shift, so a repeated wall hour is still searched. */
const DST_WINDOW = 3 * HOUR
/** Long enough for rare combinations such as "Feb 29 that is a Monday" under the AND rule. */
const SEARCH_YEARS = 30

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const domMatch = schedule.daysOfMonth.includes(date.getUTCDate())
  const dowMatch = schedule.daysOfWeek.includes(date.getUTCDay())
  // Vixie cron: when either day field starts with `*` both must match, otherwise either may.
  return schedule.dayOfMonthStar || schedule.dayOfWeekStar
    ? domMatch && dowMatch
    : domMatch || dowMatch
}

/** The first naive wall-clock minute at or after `fromNaive` that the schedule matches. */
function nextMatchingWallTime(schedule: CronSchedule, fromNaive: number): number | null {
  let cursor = Math.ceil(fromNaive / MINUTE) * MINUTE
  const lastYear = new Date(cursor).getUTCFullYear() + SEARCH_YEARS
  for (;;) {
    const date = new Date(cursor)
    const year = date.getUTCFullYear()
    const month = date.getUTCMonth()
    const day = date.getUTCDate()
    const hour = date.getUTCHours()
    if (year > lastYear) return null
    if (!schedule.months.includes(month + 1)) {
      cursor = Date.UTC(year, month + 1, 1)
    } else if (!dayMatches(schedule, date)) {
      cursor = Date.UTC(year, month, day + 1)
    } else if (!schedule.hours.includes(hour)) {
      cursor = Date.UTC(year, month, day, hour + 1)
    } else if (!schedule.minutes.includes(date.getUTCMinutes())) {
      cursor += MINUTE
    } else {
      return cursor
    }
  }
}

function instantsForRun(schedule: CronSchedule, naive: number, timeZone: string): number[] {
  const instants = instantsOf(naive, timeZone)
  const [first] = instants
  if (first === undefined) return [shiftedInstantOf(naive, timeZone)]
  // A repeated wall time (DST fall-back) fires once for fixed-time jobs, like Vixie cron.
  return schedule.fixedTime ? [first] : instants
}

/**
 * The first time strictly after `after` at which `expression` fires, evaluated on the wall clock of
 * the IANA `timeZone`. Throws CronParseError for a bad expression and RangeError for a bad zone.
 */
export function nextRun(expression: string | CronSchedule, after: Date, timeZone: string): Date {
  const schedule = typeof expression === 'string' ? parseCron(expression) : expression
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`)
  const afterMs = after.getTime()
  if (Number.isNaN(afterMs)) throw new RangeError('nextRun: "after" is an invalid Date')

  // Near a fall-back, a later instant can have an earlier wall time, so the search starts earlier
  // and keeps going a little past the first hit; elsewhere wall order is instant order.
  const steady = (instant: number) =>
    offsetAt(instant - DST_WINDOW, timeZone) === offsetAt(instant, timeZone)
  let bestInstant = Number.POSITIVE_INFINITY
  let bestNaive = Number.POSITIVE_INFINITY
  let cursor = toNaive(afterMs, timeZone)
  if (!steady(afterMs) || !steady(afterMs + DST_WINDOW)) cursor -= DST_WINDOW
  for (;;) {
    const naive = nextMatchingWallTime(schedule, cursor)
    if (naive === null || naive > bestNaive + DST_WINDOW) break
    for (const instant of instantsForRun(schedule, naive, timeZone)) {
      if (instant > afterMs && instant < bestInstant) {
        bestInstant = instant
        bestNaive = naive
      }
    }
    if (Number.isFinite(bestInstant) && steady(bestInstant)) break
    cursor = naive + MINUTE
  }
  if (!Number.isFinite(bestInstant)) {
    throw new RangeError(
      `Cron expression "${schedule.expression}" has no run within ${SEARCH_YEARS} years`,
    )
  }
  return new Date(bestInstant)
}
