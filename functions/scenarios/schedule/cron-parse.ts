/** Parsing of classic 5-field cron expressions (Vixie cron syntax, as croniter accepts it). */

export type CronField = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week'

export type CronSchedule = {
  expression: string
  minutes: readonly number[]
  hours: readonly number[]
  daysOfMonth: readonly number[]
  months: readonly number[]
  /** 0 = Sunday … 6 = Saturday; a 7 in the expression is folded into 0. */
  daysOfWeek: readonly number[]
  /** The field starts with `*`: Vixie cron then ANDs the two day fields instead of ORing them. */
  dayOfMonthStar: boolean
  dayOfWeekStar: boolean
  /** Neither minute nor hour starts with `*`: such jobs run once when a wall time repeats. */
  fixedTime: boolean
}

export class CronParseError extends Error {
  readonly field: CronField | null
  readonly expression: string

  constructor(expression: string, field: CronField | null, detail: string) {
    super(`Invalid cron expression "${expression}": ${field ? `${field} field: ` : ''}${detail}`)
    this.name = 'CronParseError'
    this.field = field
    this.expression = expression
  }
}

type FieldSpec = { name: CronField; min: number; max: number; names?: readonly string[] }

const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
]
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES },
]

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

/** Longest month length, February counted as 29 so leap days stay reachable. */
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

class FieldError extends Error {}

function parseValue(token: string, spec: FieldSpec): number {
  if (/^\d+$/.test(token)) {
    const value = Number(token)
    if (value < spec.min || value > spec.max) {
      throw new FieldError(`value ${value} is out of range ${spec.min}-${spec.max}`)
    }
    return value
  }
  if (spec.names && /^[a-z]{3}$/i.test(token)) {
    const index = spec.names.indexOf(token.toUpperCase())
    if (index >= 0) return spec.name === 'month' ? index + 1 : index
  }
  if (token === '?' || /[LW#]/i.test(token)) {
    throw new FieldError(`"${token}" is Quartz syntax, which 5-field cron does not support`)
  }
  const expected = spec.names ? `a number or a name like ${spec.names[1]}` : 'a number'
  throw new FieldError(`"${token}" is not ${expected}`)
}

function parseStep(token: string): number {
  if (!/^\d+$/.test(token) || Number(token) < 1) {
    throw new FieldError(`step "${token}" must be a positive integer`)
  }
  return Number(token)
}

function parseField(text: string, spec: FieldSpec): number[] {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    if (part === '') throw new FieldError(`empty list item in "${text}"`)
    const [rangeText = '', stepText, extra] = part.split('/')
    if (extra !== undefined) throw new FieldError(`"${part}" has more than one "/"`)
    const step = stepText === undefined ? 1 : parseStep(stepText)
    // 7 is only an alias of Sunday, so open-ended day-of-week ranges stop at Saturday.
    const openEnd = spec.name === 'day-of-week' ? 6 : spec.max
    let start: number
    let end: number
    if (rangeText === '*') {
      start = spec.min
      end = openEnd
    } else {
      const bounds = rangeText.split('-')
      if (bounds.length > 2) throw new FieldError(`"${rangeText}" is not a valid range`)
      start = parseValue(bounds[0] ?? '', spec)
      // `a/n` means "from a to the end, every n", as in cronie and croniter.
      end = bounds[1] !== undefined ? parseValue(bounds[1], spec) : stepText ? openEnd : start
      if (start > end) throw new FieldError(`range "${rangeText}" runs backwards`)
    }
    for (let value = start; value <= end; value += step) {
      values.add(spec.name === 'day-of-week' && value === 7 ? 0 : value)
    }
  }
  return [...values].sort((a, b) => a - b)
}

function assertCanMatch(schedule: CronSchedule): void {
  if (schedule.dayOfMonthStar || !schedule.dayOfWeekStar) return
  const reachable = schedule.months.some((month) =>
    schedule.daysOfMonth.some((day) => day <= (MAX_DAYS_IN_MONTH[month - 1] ?? 31)),
  )
  if (!reachable) {
    throw new CronParseError(
      schedule.expression,
      'day-of-month',
      `day ${schedule.daysOfMonth.join(',')} never occurs in month ${schedule.months.join(',')}`,
    )
  }
}

/** Parses a 5-field cron expression (or an @daily-style macro); throws CronParseError naming the bad field. */
export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim()
  const source = trimmed.startsWith('@') ? MACROS[trimmed.toLowerCase()] : trimmed
  if (source === undefined) {
    throw new CronParseError(expression, null, `unknown macro "${trimmed}"`)
  }
  const texts = source.split(/\s+/).filter((text) => text !== '')
  if (texts.length !== 5) {
    throw new CronParseError(
      expression,
      null,
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${texts.length}`,
    )
  }
  const parsed = FIELDS.map((spec, index) => {
    const text = texts[index] ?? ''
    try {
      return parseField(text, spec)
    } catch (error) {
      if (error instanceof FieldError) {
        throw new CronParseError(expression, spec.name, `"${text}": ${error.message}`)
      }
      throw error
    }
  })
  const [minutes = [], hours = [], daysOfMonth = [], months = [], daysOfWeek = []] = parsed
  const schedule: CronSchedule = {
    expression,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayOfMonthStar: texts[2]?.startsWith('*') ?? false,
    dayOfWeekStar: texts[4]?.startsWith('*') ?? false,
    fixedTime: !(texts[0]?.startsWith('*') || texts[1]?.startsWith('*')),
  }
  assertCanMatch(schedule)
  return schedule
}
