import { describe, expect, test } from 'vitest'
import { CronParseError, nextRun, parseCron } from '../../../functions/scenarios/schedule/cron.ts'
import { formatZonedIso } from '../../../functions/scenarios/schedule/zoned-time.ts'

/** nextRun from a wall-clock ISO string, answered as a wall-clock ISO string in the same zone. */
function next(expression: string, after: string, zone = 'UTC'): string {
  return formatZonedIso(nextRun(expression, new Date(after), zone), zone)
}

function runs(expression: string, after: string, zone: string, count: number): string[] {
  const result: string[] = []
  let cursor = new Date(after)
  for (let index = 0; index < count; index += 1) {
    cursor = nextRun(expression, cursor, zone)
    result.push(formatZonedIso(cursor, zone))
  }
  return result
}

describe('parseCron', () => {
  test('numbers, ranges, steps, lists and names', () => {
    const schedule = parseCron('0,30 9-17/4 1-7 jan,Jul-AUG MON-FRI')
    expect(schedule).toMatchObject({
      minutes: [0, 30],
      hours: [9, 13, 17],
      daysOfMonth: [1, 2, 3, 4, 5, 6, 7],
      months: [1, 7, 8],
      daysOfWeek: [1, 2, 3, 4, 5],
      dayOfMonthStar: false,
      dayOfWeekStar: false,
      fixedTime: true,
    })
  })

  test('0 and 7 are both Sunday; */n and a/n run to the end of the field', () => {
    expect(parseCron('* * * * 7').daysOfWeek).toStrictEqual([0])
    expect(parseCron('* * * * 5-7').daysOfWeek).toStrictEqual([0, 5, 6])
    expect(parseCron('*/20 * * * *').minutes).toStrictEqual([0, 20, 40])
    expect(parseCron('45/5 * * * *').minutes).toStrictEqual([45, 50, 55])
    expect(parseCron('* * * * */2').daysOfWeek).toStrictEqual([0, 2, 4, 6])
  })

  test('macros', () => {
    expect(parseCron('@daily')).toMatchObject({ minutes: [0], hours: [0] })
    expect(parseCron('@weekly').daysOfWeek).toStrictEqual([0])
  })

  test.each([
    ['61 * * * *', 'minute', 'value 61 is out of range 0-59'],
    ['* 24 * * *', 'hour', 'out of range 0-23'],
    ['* * 0 * *', 'day-of-month', 'out of range 1-31'],
    ['* * * 13 *', 'month', 'out of range 1-12'],
    ['* * * FOO *', 'month', '"FOO" is not a number or a name like FEB'],
    ['* * * * MON-XYZ', 'day-of-week', '"XYZ" is not a number or a name like MON'],
    ['* * * * 5-1', 'day-of-week', 'range "5-1" runs backwards'],
    ['*/0 * * * *', 'minute', 'step "0" must be a positive integer'],
    ['1,,2 * * * *', 'minute', 'empty list item'],
    ['* * ? * *', 'day-of-month', 'Quartz syntax'],
    ['* * L * *', 'day-of-month', 'Quartz syntax'],
    ['0 0 31 2 *', 'day-of-month', 'never occurs'],
  ])('%s → %s field error', (expression, field, detail) => {
    try {
      parseCron(expression)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(CronParseError)
      const parseError = error as CronParseError
      expect(parseError.field).toBe(field)
      expect(parseError.message).toContain(
        `Invalid cron expression "${expression}": ${field} field`,
      )
      expect(parseError.message).toContain(detail)
    }
  })

  test.each([
    ['* * * *', 'expected 5 fields'],
    ['0 * * * * *', 'got 6'],
    ['@reboot', 'unknown macro'],
    ['', 'got 0'],
  ])('%j is rejected as a whole', (expression, detail) => {
    expect(() => parseCron(expression)).toThrow(detail)
  })
})

describe('nextRun', () => {
  test('is strictly after the given time', () => {
    expect(next('0 9 * * *', '2024-01-15T09:00:00Z')).toBe('2024-01-16T09:00:00+00:00')
    expect(next('* * * * *', '2024-01-15T09:00:30Z')).toBe('2024-01-15T09:01:00+00:00')
    expect(next('0 9 * * *', '2024-01-15T08:59:59.999Z')).toBe('2024-01-15T09:00:00+00:00')
  })

  test('evaluates the wall clock of the zone', () => {
    // 06:00 UTC is 09:00 in Moscow, the Coreness default zone.
    expect(next('0 9 * * *', '2024-01-15T05:00:00Z', 'Europe/Moscow')).toBe(
      '2024-01-15T09:00:00+03:00',
    )
    expect(next('0 9 * * *', '2024-01-15T06:00:00Z', 'Europe/Moscow')).toBe(
      '2024-01-16T09:00:00+03:00',
    )
    expect(next('30 0 * * *', '2024-01-15T00:00:00Z', 'Asia/Kolkata')).toBe(
      '2024-01-16T00:30:00+05:30',
    )
  })

  test('rolls over months, years and leap days', () => {
    expect(next('0 0 1 * *', '2024-01-31T12:00:00Z')).toBe('2024-02-01T00:00:00+00:00')
    expect(next('59 23 31 12 *', '2024-06-01T00:00:00Z')).toBe('2024-12-31T23:59:00+00:00')
    expect(next('0 0 29 2 *', '2025-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00+00:00')
    expect(next('0 0 31 * *', '2024-04-01T00:00:00Z')).toBe('2024-05-31T00:00:00+00:00')
  })

  test('day-of-month and day-of-week both restricted: either matches', () => {
    // From Monday 2024-01-15: Friday the 19th, the 20th (by day of month), then Friday the 26th.
    expect(runs('0 12 20 * FRI', '2024-01-15T00:00:00Z', 'UTC', 3)).toStrictEqual([
      '2024-01-19T12:00:00+00:00',
      '2024-01-20T12:00:00+00:00',
      '2024-01-26T12:00:00+00:00',
    ])
  })

  test('one day field starting with * makes both required, as in Vixie cron', () => {
    // Odd days that are Sundays.
    expect(runs('0 0 */2 * 0', '2024-01-01T00:00:00Z', 'UTC', 2)).toStrictEqual([
      '2024-01-07T00:00:00+00:00',
      '2024-01-21T00:00:00+00:00',
    ])
    expect(next('0 0 * * 7', '2024-01-15T00:00:00Z')).toBe('2024-01-21T00:00:00+00:00')
  })

  test('spring forward: a wall time in the gap runs once, shifted by the gap', () => {
    // New York skips 02:00-03:00 on 2024-03-10.
    expect(runs('30 2 * * *', '2024-03-09T12:00:00Z', 'America/New_York', 3)).toStrictEqual([
      '2024-03-10T03:30:00-04:00',
      '2024-03-11T02:30:00-04:00',
      '2024-03-12T02:30:00-04:00',
    ])
    expect(runs('0 * * * *', '2024-03-10T05:30:00Z', 'America/New_York', 3)).toStrictEqual([
      '2024-03-10T01:00:00-05:00',
      '2024-03-10T03:00:00-04:00',
      '2024-03-10T04:00:00-04:00',
    ])
  })

  test('fall back: fixed-time jobs run once, wildcard jobs follow real time through both passes', () => {
    // New York repeats 01:00-02:00 on 2024-11-03.
    expect(runs('30 1 * * *', '2024-11-02T12:00:00Z', 'America/New_York', 2)).toStrictEqual([
      '2024-11-03T01:30:00-04:00',
      '2024-11-04T01:30:00-05:00',
    ])
    expect(runs('*/30 * * * *', '2024-11-03T04:45:00Z', 'America/New_York', 5)).toStrictEqual([
      '2024-11-03T01:00:00-04:00',
      '2024-11-03T01:30:00-04:00',
      '2024-11-03T01:00:00-05:00',
      '2024-11-03T01:30:00-05:00',
      '2024-11-03T02:00:00-05:00',
    ])
  })

  test('a parsed schedule can be reused', () => {
    const schedule = parseCron('0 4 * * *')
    expect(formatZonedIso(nextRun(schedule, new Date('2024-01-15T00:00:00Z'), 'UTC'), 'UTC')).toBe(
      '2024-01-15T04:00:00+00:00',
    )
  })

  test('an unknown zone is a RangeError naming it', () => {
    expect(() => nextRun('* * * * *', new Date(), 'Mars/Olympus')).toThrow(
      'Unknown time zone "Mars/Olympus"',
    )
  })
})
