import { PY_SPACE, pyStrip } from '../python/py-text.ts'
import { pyStr } from '../python/python-str.ts'
import { fromTimestamp } from './time-zone.ts'
import { isValidWall, type WallTime } from './wall-time.ts'

export type ParsedDateTime = { wall: WallTime; hasTime: boolean }

const DATE = String.raw`(\d{4})-?(\d{2})-?(\d{2})`
const TIME = String.raw`(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?`
const OFFSET = String.raw`(?:([+-])(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?)?`
const ISO = new RegExp(`^${DATE}.${TIME}${OFFSET}$`, 'su')

/** Python 3.11 `datetime.fromisoformat` for calendar dates (week dates are not supported). */
function fromIsoFormat(text: string): WallTime | undefined {
  const m = ISO.exec(text)
  if (!m) return undefined
  const n = (i: number) => Number(m[i] ?? 0)
  let offset: number | null = null
  if (m[8]) {
    offset = (n(9) * 60 + n(10)) * (m[8] === '-' ? -1 : 1)
    if (n(9) > 23 || n(10) > 59 || n(11) > 59) return undefined
  }
  const wall: WallTime = {
    year: n(1),
    month: n(2),
    day: n(3),
    hour: n(4),
    minute: n(5),
    second: n(6),
    micro: Number((m[7] ?? '').slice(0, 6).padEnd(6, '0')),
    offset,
  }
  return isValidWall(wall) ? wall : undefined
}

/** The regex `_strptime` builds for each directive (alternation order matters, as in Python). */
const DIRECTIVES: Record<string, string> = {
  Y: String.raw`(\d\d\d\d)`,
  m: '(1[0-2]|0[1-9]|[1-9])',
  d: String.raw`(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])`,
  H: String.raw`(2[0-3]|[0-1]\d|\d)`,
  M: String.raw`([0-5]\d|\d)`,
  S: String.raw`(6[0-1]|[0-5]\d|\d)`,
}

function strptimeRegex(format: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = []
  const body = format.replace(/%([YmdHMS])|(\s+)|([.\-:T])/g, (_, key, space, lit) => {
    if (key) {
      keys.push(key)
      return DIRECTIVES[key] ?? ''
    }
    if (space) return `[${PY_SPACE}]+`
    return lit === 'T' ? '[Tt]' : `\\${lit}`
  })
  return { regex: new RegExp(`^${body}$`), keys }
}

/** Coreness's fallback formats, tried in this order. */
const FORMATS = [
  ['%Y-%m-%d %H:%M:%S', true],
  ['%Y-%m-%d %H:%M', true],
  ['%Y-%m-%d', false],
  ['%d.%m.%Y %H:%M:%S', true],
  ['%d.%m.%Y %H:%M', true],
  ['%d.%m.%Y', false],
  ['%Y-%m-%dT%H:%M:%S', true],
  ['%Y-%m-%dT%H:%M', true],
].map(([format, hasTime]) => ({ ...strptimeRegex(String(format)), hasTime: Boolean(hasTime) }))

function strptime(text: string): ParsedDateTime | undefined {
  for (const { regex, keys, hasTime } of FORMATS) {
    const m = regex.exec(text)
    if (!m) continue
    const field = (key: string) => (keys.includes(key) ? Number(m[keys.indexOf(key) + 1]) : 0)
    const wall: WallTime = {
      year: field('Y'),
      month: field('m'),
      day: field('d'),
      hour: field('H'),
      minute: field('M'),
      second: field('S'),
      micro: 0,
      offset: null,
    }
    if (isValidWall(wall)) return { wall, hasTime }
  }
  return undefined
}

/**
 * Coreness `parse_datetime_value`: an all-digits string is a unix timestamp read in `timeZone`; a string with
 * `T` goes through `fromisoformat` (with every `Z` replaced by `+00:00`); then the fixed formats.
 */
export function parseDateTime(value: unknown, timeZone: string): ParsedDateTime | undefined {
  if (value === null || value === undefined) return undefined
  if (value instanceof Date) {
    const wall = fromTimestamp(value.getTime() / 1000, timeZone)
    return { wall, hasTime: wall.hour !== 0 || wall.minute !== 0 || wall.second !== 0 }
  }
  const text = pyStrip(pyStr(value))
  if (text === '') return undefined
  if (/^[0-9]+$/.test(text)) {
    const wall = fromTimestamp(Number(text), timeZone)
    return isValidWall(wall) ? { wall, hasTime: true } : undefined
  }
  if (text.includes('T')) {
    const wall = fromIsoFormat(text.replaceAll('Z', '+00:00'))
    if (wall) return { wall, hasTime: true }
  }
  return strptime(text)
}
