import { expect, test } from 'vitest'
import {
  formatZonedIso,
  instantsOf,
  isValidTimeZone,
} from '../../../functions/scenarios/schedule/zoned-time.ts'

test('formats with the zone offset at that instant, seconds precision', () => {
  const date = new Date('2024-07-01T12:34:56.789Z')
  expect(formatZonedIso(date, 'UTC')).toBe('2024-07-01T12:34:56+00:00')
  expect(formatZonedIso(date, 'Europe/Berlin')).toBe('2024-07-01T14:34:56+02:00')
  expect(formatZonedIso(date, 'America/St_Johns')).toBe('2024-07-01T10:04:56-02:30')
  expect(formatZonedIso(new Date('2024-01-01T00:00:00Z'), 'Pacific/Kiritimati')).toBe(
    '2024-01-01T14:00:00+14:00',
  )
})

test('a wall time has one instant, two in a fall-back overlap, none in a gap', () => {
  const naive = (iso: string) => Date.parse(`${iso}Z`)
  expect(instantsOf(naive('2024-06-01T12:00:00'), 'Europe/Berlin')).toStrictEqual([
    Date.parse('2024-06-01T10:00:00Z'),
  ])
  expect(instantsOf(naive('2024-10-27T02:30:00'), 'Europe/Berlin')).toStrictEqual([
    Date.parse('2024-10-27T00:30:00Z'),
    Date.parse('2024-10-27T01:30:00Z'),
  ])
  expect(instantsOf(naive('2024-03-31T02:30:00'), 'Europe/Berlin')).toStrictEqual([])
})

test('recognises IANA zones', () => {
  expect(isValidTimeZone('Europe/Moscow')).toBe(true)
  expect(isValidTimeZone('Moscow')).toBe(false)
})
