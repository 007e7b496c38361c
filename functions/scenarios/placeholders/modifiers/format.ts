import { parseDateTime } from '../dates/parse-datetime.ts'
import { toTimestamp } from '../dates/time-zone.ts'
import { strftime } from '../dates/wall-time.ts'
import { isPyNumeric, numericValue, pyFloatOf } from '../python/py-float.ts'
import { formatFixed } from '../python/py-format.ts'
import { isNone, pyTruthy } from '../python/py-ops.ts'
import { pyStr } from '../python/python-str.ts'
import type { Modifier } from './modifier.ts'

export const DATE_FORMATS: Record<string, string> = {
  date: '%d.%m.%Y',
  time: '%H:%M',
  time_full: '%H:%M:%S',
  datetime: '%d.%m.%Y %H:%M',
  datetime_full: '%d.%m.%Y %H:%M:%S',
  pg_date: '%Y-%m-%d',
  pg_datetime: '%Y-%m-%d %H:%M:%S',
}

const NUMBER_FORMATS: Record<string, (x: number) => string> = {
  currency: (x) => `${formatFixed(x, 2)} ₽`,
  percent: (x) => `${formatFixed(x, 1)}%`,
  number: (x) => formatFixed(x, 2),
}

export const FORMAT_TYPES = [
  'timestamp',
  ...Object.keys(DATE_FORMATS),
  ...Object.keys(NUMBER_FORMATS),
]

/** `format:<type>`; anything it cannot parse or does not know comes back as the value's text. */
const format: Modifier = (value, param, ctx) => {
  const zero = isPyNumeric(value) && numericValue(value) === 0
  if ((!pyTruthy(value) && !zero) || !param) return isNone(value) ? '' : pyStr(value)
  if (param === 'timestamp' || Object.hasOwn(DATE_FORMATS, param)) {
    const parsed = parseDateTime(value, ctx.timeZone)
    if (parsed) {
      if (param === 'timestamp') return String(Math.trunc(toTimestamp(parsed.wall, ctx.timeZone)))
      return strftime(parsed.wall, DATE_FORMATS[param] ?? '')
    }
  } else if (Object.hasOwn(NUMBER_FORMATS, param)) {
    const x = pyFloatOf(value)
    if (x !== undefined) return NUMBER_FORMATS[param]?.(x) ?? pyStr(value)
  }
  return pyStr(value)
}

const ITEMS_OR_SELF = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

/** `@a @b`; a leading `@` is not doubled. */
const tags: Modifier = (value) =>
  pyTruthy(value)
    ? ITEMS_OR_SELF(value)
        .map((item) => `@${pyStr(item).replace(/^@+/, '')}`)
        .join(' ')
    : ''

/** `• a\n• b`. */
const list: Modifier = (value) =>
  pyTruthy(value)
    ? ITEMS_OR_SELF(value)
        .map((item) => `• ${pyStr(item)}`)
        .join('\n')
    : ''

/** `a, b`; a scalar is just its text. */
const comma: Modifier = (value) =>
  pyTruthy(value) ? ITEMS_OR_SELF(value).map(pyStr).join(', ') : ''

export const formatModifiers: Record<string, Modifier> = { format, tags, list, comma }
