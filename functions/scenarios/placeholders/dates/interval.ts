import { pyStrip } from '../python/py-text.ts'
import type { Interval } from './calendar-math.ts'

const UNIT =
  /(\d+)\s+(year|years|y|month|months|mon|week|weeks|w|day|days|d|hour|hours|h|minute|minutes|min|m|second|seconds|sec|s)(?![\p{L}\p{N}_])/giu

const FIELD: Record<string, keyof Interval> = {
  year: 'years',
  years: 'years',
  y: 'years',
  month: 'months',
  months: 'months',
  mon: 'months',
  week: 'weeks',
  weeks: 'weeks',
  w: 'weeks',
  day: 'days',
  days: 'days',
  d: 'days',
  hour: 'hours',
  hours: 'hours',
  h: 'hours',
  minute: 'minutes',
  minutes: 'minutes',
  min: 'minutes',
  m: 'minutes',
  second: 'seconds',
  seconds: 'seconds',
  sec: 'seconds',
  s: 'seconds',
}

/** Coreness `parse_interval_string`: `N unit` pairs (a space is required), case-insensitive. */
export function parseInterval(text: string): Interval {
  const interval: Interval = {
    years: 0,
    months: 0,
    weeks: 0,
    days: 0,
    hours: 0,
    minutes: 0,
    seconds: 0,
  }
  for (const [, count, unit] of text.matchAll(UNIT)) {
    const field = FIELD[(unit ?? '').toLowerCase()]
    if (field) interval[field] += Number(count)
  }
  return interval
}

const DURATION_PART = /(\d+)\s*(w|d|h|m|s)(?![\p{L}\p{N}_])/gu
const DURATION_TEXT = /^[\p{Nd}\s\p{L}\p{N}_]+$/u
const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 }

/** Coreness `_parse_time_string`: "1w 2d 3h 4m 5s" → seconds; undefined when nothing (or 0) is found. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_TEXT.test(pyStrip(text))) return undefined
  let total = 0
  let found = false
  for (const [, count, unit] of text.matchAll(DURATION_PART)) {
    found = true
    total += Number(count) * (UNIT_SECONDS[unit ?? ''] ?? 0)
  }
  return found && total > 0 ? total : undefined
}
