import { offsetAt } from '../../schedule/zoned-time.ts'
import { type WallTime, wallFromSeconds, wallSeconds } from './wall-time.ts'

/** Offset of `timeZone` from UTC, in minutes, at the instant `seconds` since the epoch. */
export function zoneOffset(seconds: number, timeZone: string): number {
  return Math.round(offsetAt(Math.floor(seconds) * 1000, timeZone) / 60_000)
}

/** Python `datetime.fromtimestamp(ts)` with `timeZone` as the local zone: a naive wall time. */
export function fromTimestamp(seconds: number, timeZone: string): WallTime {
  const whole = Math.floor(seconds)
  const micro = Math.round((seconds - whole) * 1e6)
  return wallFromSeconds(whole + zoneOffset(whole, timeZone) * 60, micro, null)
}

/**
 * Python `naive.timestamp()` with `timeZone` as the local zone (fold=0): an ambiguous wall time takes the
 * earlier instant, a wall time skipped by a DST jump uses the offset from before the jump.
 */
export function toTimestamp(w: WallTime, timeZone: string): number {
  const wall = wallSeconds(w)
  if (w.offset !== null) return wall - w.offset * 60 + w.micro / 1e6
  const before = zoneOffset(wall - 86400, timeZone)
  const after = zoneOffset(wall + 86400, timeZone)
  const valid = [before, after]
    .map((offset) => wall - offset * 60)
    .filter((instant) => instant + zoneOffset(instant, timeZone) * 60 === wall)
  const instant = valid.length > 0 ? Math.min(...valid) : wall - before * 60
  return instant + w.micro / 1e6
}
