/**
 * Wall-clock arithmetic in IANA time zones through Intl alone, so it runs unchanged on Workers.
 *
 * A "naive" value is a wall-clock time encoded as if it were UTC milliseconds; it lets plain Date.UTC
 * arithmetic walk calendars while the zone's offset is applied only when converting to a real instant.
 */

const MINUTE = 60_000
const DAY = 86_400_000

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/** Wall-clock time of `instantMs` in `timeZone`, as naive milliseconds (whole seconds). */
export function toNaive(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  )
}

/** Offset of `timeZone` from UTC at `instantMs`, in milliseconds (east positive). */
export function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000
  return toNaive(wholeSecond, timeZone) - wholeSecond
}

/**
 * The real instants whose wall-clock time in `timeZone` is `naiveMs`: one normally, two inside a
 * fall-back overlap (earlier first), none inside a spring-forward gap.
 */
export function instantsOf(naiveMs: number, timeZone: string): number[] {
  const candidates = new Set([offsetAt(naiveMs - DAY, timeZone), offsetAt(naiveMs + DAY, timeZone)])
  const instants: number[] = []
  for (const offset of candidates) {
    const instant = naiveMs - offset
    if (offsetAt(instant, timeZone) === offset) instants.push(instant)
  }
  return instants.sort((a, b) => a - b)
}

/**
 * Like Temporal's "compatible" disambiguation: a wall time skipped by a spring-forward gap moves
 * forward by the gap's length (02:30 becomes 03:30), because a job silently not running is worse.
 */
export function shiftedInstantOf(naiveMs: number, timeZone: string): number {
  return naiveMs - offsetAt(naiveMs - DAY, timeZone)
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

/** ISO 8601 with the zone's offset, seconds precision: `2024-01-15T10:30:45+03:00`. */
export function formatZonedIso(date: Date, timeZone: string): string {
  const instant = Math.floor(date.getTime() / 1000) * 1000
  const naive = new Date(toNaive(instant, timeZone))
  const offsetMinutes = Math.round((naive.getTime() - instant) / MINUTE)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const absolute = Math.abs(offsetMinutes)
  return (
    `${pad(naive.getUTCFullYear(), 4)}-${pad(naive.getUTCMonth() + 1)}-${pad(naive.getUTCDate())}` +
    `T${pad(naive.getUTCHours())}:${pad(naive.getUTCMinutes())}:${pad(naive.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  )
}
