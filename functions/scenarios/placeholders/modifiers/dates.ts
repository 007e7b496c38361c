import { type Period, periodStart, shiftWall } from '../dates/calendar-math.ts'
import { parseDuration, parseInterval } from '../dates/interval.ts'
import { parseDateTime } from '../dates/parse-datetime.ts'
import { strftime } from '../dates/wall-time.ts'
import { pyTruthy } from '../python/py-ops.ts'
import { pyStrip } from '../python/py-text.ts'
import { pyStr } from '../python/python-str.ts'
import type { Modifier } from './modifier.ts'

/** `shift:±N unit …`; the result keeps a time part only if the input had one. */
const shift: Modifier = (value, param, ctx) => {
  if (!pyTruthy(value) || !param) return value
  const text = pyStrip(param)
  const sign = text[0] === '+' ? 1 : text[0] === '-' ? -1 : 0
  if (sign === 0) {
    ctx.warn(`shift modifier needs a + or - sign: '${param}'`)
    return value
  }
  const interval = parseInterval(pyStrip(text.slice(1)))
  if (Object.values(interval).every((n) => n === 0)) {
    ctx.warn(`shift modifier: cannot read the interval '${param}'`)
    return value
  }
  const parsed = parseDateTime(value, ctx.timeZone)
  if (!parsed) {
    ctx.warn(`shift modifier: cannot read the date '${pyStr(value)}'`)
    return value
  }
  const shifted = shiftWall(parsed.wall, interval, sign)
  if (!shifted) return value
  return strftime(shifted, parsed.hasTime ? '%Y-%m-%d %H:%M:%S' : '%Y-%m-%d')
}

/** "1w 2d 3h 4m 5s" → seconds. */
const seconds: Modifier = (value) => {
  if (!pyTruthy(value)) return null
  const text = pyStrip(pyStr(value))
  return text === '' ? null : (parseDuration(text) ?? null)
}

function toPeriod(period: Period): Modifier {
  return (value, _param, ctx) => {
    if (!pyTruthy(value)) return value
    const parsed = parseDateTime(value, ctx.timeZone)
    if (!parsed) {
      ctx.warn(`to_${period} modifier: cannot read the date '${pyStr(value)}'`)
      return value
    }
    const start = periodStart(parsed.wall, period)
    return start ? strftime(start, '%Y-%m-%d %H:%M:%S') : value
  }
}

export const dateModifiers: Record<string, Modifier> = {
  shift,
  seconds,
  to_date: toPeriod('date'),
  to_hour: toPeriod('hour'),
  to_minute: toPeriod('minute'),
  to_second: toPeriod('second'),
  to_week: toPeriod('week'),
  to_month: toPeriod('month'),
  to_year: toPeriod('year'),
}
