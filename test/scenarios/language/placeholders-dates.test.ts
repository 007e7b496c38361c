import { describe, expect, it } from 'vitest'
import { renderString } from '../../../functions/scenarios/placeholders/index.ts'

const values = {
  ts: 1640444445,
  ts_s: '1640444445',
  iso: '2024-12-25T15:30:00+05:00',
  isoz: '2024-12-25T15:30:00Z',
  dt: '2024-12-25 15:30:45',
  dd: '25.12.2024',
  zero: 0,
  off: false,
}

describe('format: dates, read in the configured time zone', () => {
  it.each([
    ['{ts|format:date}', 'UTC', '25.12.2021'],
    ['{ts|format:time}', 'UTC', '15:00'],
    ['{ts_s|format:datetime_full}', 'UTC', '25.12.2021 15:00:45'],
    ['{ts_s|format:datetime_full}', 'Europe/Moscow', '25.12.2021 18:00:45'],
    ['{ts|format:pg_datetime}', 'America/New_York', '2021-12-25 10:00:45'],
    ['{ts|format:pg_date}', 'Pacific/Kiritimati', '2021-12-26'],
    ['{ts|format:timestamp}', 'Asia/Tokyo', 1640444445],
    ['{iso|format:datetime}', 'Europe/Moscow', '25.12.2024 15:30'],
    ['{isoz|format:time_full}', 'Europe/Moscow', '15:30:00'],
    ['{iso|format:timestamp}', 'Europe/Moscow', 1735122600],
    ['{dt|format:timestamp}', 'UTC', 1735140645],
    ['{dt|format:timestamp}', 'Europe/Moscow', 1735129845],
    ['{dd|format:pg_date}', 'UTC', '2024-12-25'],
    ['{zero|format:datetime}', 'UTC', '01.01.1970 00:00'],
    ['{off|format:date}', 'UTC', false],
    ["{'2024-1-5 7:05'|format:datetime}", 'UTC', '05.01.2024 07:05'],
    ["{'2024-01-05  10:00'|format:datetime}", 'UTC', '05.01.2024 10:00'],
    ["{'2024-01-05T10:00'|format:datetime}", 'UTC', '05.01.2024 10:00'],
    ["{'2024-02-30'|format:date}", 'UTC', '2024-02-30'],
    ["{'2024-13-01'|format:date}", 'UTC', '2024-13-01'],
    ["{'253402300800'|format:date}", 'UTC', 253402300800],
    ["{'soon'|format:date}", 'UTC', 'soon'],
    ["{'2024-12-25T15:30:00.5-08:00'|format:timestamp}", 'UTC', 1735169400],
    ["{'1960-01-01 00:00:00'|format:timestamp}", 'UTC', -315619200],
  ])('%s in %s → %j', (template, timeZone, expected) => {
    expect(renderString(template, values, { timeZone })).toStrictEqual(expected)
  })

  it('follows Python for wall times around a DST change (fold=0)', () => {
    const ny = { timeZone: 'America/New_York' }
    expect(renderString("{'2024-03-10 02:30:00'|format:timestamp}", {}, ny)).toBe(1710055800)
    expect(renderString("{'2024-11-03 01:30:00'|format:timestamp}", {}, ny)).toBe(1730611800)
    expect(renderString("{'1730615400'|format:datetime_full}", {}, ny)).toBe('03.11.2024 01:30:00')
  })
})

describe('shift', () => {
  it.each([
    ["{'2024-12-25'|shift:+1 day}", '2024-12-26'],
    ["{'2024-12-25'|shift:+7 days}", '2025-01-01'],
    ["{'2024-12-25'|shift:-2 weeks}", '2024-12-11'],
    ["{'2024-12-25'|shift:+1 month}", '2025-01-25'],
    ["{'2024-03-31'|shift:-1 month}", '2024-02-29'],
    ["{'2024-02-29'|shift:+1 year}", '2025-02-28'],
    ["{'2024-12-25'|shift:+1 YEAR 2 months}", '2026-02-25'],
    ["{'2024-12-25'|shift:+1 week 3 days}", '2025-01-04'],
    ["{'2024-12-25'|shift:+2 mon}", '2025-02-25'],
    ["{'2024-12-25'|shift:+1 M}", '2024-12-25'],
    ["{'2024-12-25 15:30:00'|shift:-1 day 12 hours}", '2024-12-24 03:30:00'],
    ["{'2024-12-25 15:30:00'|shift:+45 min}", '2024-12-25 16:15:00'],
    ["{'2024-12-25 15:30:00'|shift:+30 sec}", '2024-12-25 15:30:30'],
    ["{'25.12.2024 15:30'|shift:+2 hours}", '2024-12-25 17:30:00'],
    ["{'2024-01-01'|shift:+25 hours}", '2024-01-02'],
    ['{iso|shift:+1 hour}', '2024-12-25 16:30:00'],
    ["{'2026-02-09T16:02:36.609797+03:00'|shift:+1 day}", '2026-02-10 16:02:36'],
    ['{ts|shift:+1 day}', '2021-12-26 15:00:45'],
    ["{'2024-12-25'|shift:'+1 year 2 months'}", '2026-02-25'],
    ["{'2024-12-25'|shift:1 day}", '2024-12-25'],
    ["{'2024-12-25'|shift:+1day}", '2024-12-25'],
    ["{'2024-12-25'|shift:+1 invalid}", '2024-12-25'],
    ["{'invalid-date'|shift:+1 day}", 'invalid-date'],
    ["{'9999-12-31'|shift:+1 day}", '9999-12-31'],
    ["{'2024-12-25'|shift:+1 day|format:date}", '26.12.2024'],
    ["{'2024-12-25'|shift:+1 year|shift:+6 months}", '2026-06-25'],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, values)).toStrictEqual(expected)
  })
})

describe('to_* period starts', () => {
  it.each([
    ['{dt|to_week}', '2024-12-23 00:00:00'],
    ["{'2024-01-01'|to_week}", '2024-01-01 00:00:00'],
    ["{'2024-12-29 23:59:59'|to_week}", '2024-12-23 00:00:00'],
    ['{dd|to_month}', '2024-12-01 00:00:00'],
    ['{ts|to_date}', '2021-12-25 00:00:00'],
    ["{'soon'|to_date}", 'soon'],
    ['{zero|to_date}', 0],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, values)).toStrictEqual(expected)
  })

  it('reads a timestamp in the configured zone', () => {
    expect(renderString('{ts|to_hour}', values, { timeZone: 'Asia/Kolkata' })).toBe(
      '2021-12-25 20:00:00',
    )
  })
})
