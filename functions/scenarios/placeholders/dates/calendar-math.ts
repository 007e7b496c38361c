import {
  daysInMonth,
  isValidWall,
  type WallTime,
  wallFromSeconds,
  wallSeconds,
  weekday,
} from './wall-time.ts'

export type Interval = {
  years: number
  months: number
  weeks: number
  days: number
  hours: number
  minutes: number
  seconds: number
}

/**
 * `datetime + relativedelta(...)` (when years or months are set: month arithmetic clamped to the month end,
 * then the rest) or `datetime + timedelta(...)`. Undefined when Python would overflow.
 */
export function shiftWall(w: WallTime, interval: Interval, sign: 1 | -1): WallTime | undefined {
  let base = w
  if (interval.years || interval.months) {
    const total = w.year * 12 + (w.month - 1) + sign * (interval.years * 12 + interval.months)
    const year = Math.floor(total / 12)
    const month = total - year * 12 + 1
    if (year < 1 || year > 9999) return undefined
    base = { ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) }
  }
  const delta =
    ((interval.weeks * 7 + interval.days) * 86400 +
      interval.hours * 3600 +
      interval.minutes * 60 +
      interval.seconds) *
    sign
  const shifted = wallFromSeconds(wallSeconds(base) + delta, w.micro, w.offset)
  return isValidWall(shifted) ? shifted : undefined
}

export type Period = 'date' | 'hour' | 'minute' | 'second' | 'week' | 'month' | 'year'

/** The start of the period containing `w` (Coreness `_to_period_start`); weeks start on Monday. */
export function periodStart(w: WallTime, period: Period): WallTime | undefined {
  const zero = { ...w, micro: 0 }
  switch (period) {
    case 'second':
      return zero
    case 'minute':
      return { ...zero, second: 0 }
    case 'hour':
      return { ...zero, minute: 0, second: 0 }
    case 'date':
      return { ...zero, hour: 0, minute: 0, second: 0 }
    case 'month':
      return { ...zero, day: 1, hour: 0, minute: 0, second: 0 }
    case 'year':
      return { ...zero, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
    case 'week': {
      const day = { ...zero, hour: 0, minute: 0, second: 0 }
      const monday = wallFromSeconds(wallSeconds(day) - weekday(w) * 86400, 0, w.offset)
      return isValidWall(monday) ? monday : undefined
    }
  }
}
