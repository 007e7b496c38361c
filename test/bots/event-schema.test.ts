import { expect, test } from 'vitest'
import { normalizedEventSchema } from '../../functions/bots/event-schema.ts'

test('a hand-written event needs only its type', () => {
  expect(normalizedEventSchema.parse({ event_type: 'message', event_text: '/start' })).toEqual({
    event_type: 'message',
    event_text: '/start',
  })
})

test('fields a trigger may match, such as user_state or custom keys, are kept', () => {
  const event = normalizedEventSchema.parse({
    event_type: 'message',
    user_state: 'feedback',
    my_flag: true,
  })
  expect(event).toMatchObject({ user_state: 'feedback', my_flag: true })
})

test.each([
  [{}, 'event_type'],
  [{ event_type: 'command' }, 'event_type'],
  [{ event_type: 'message', user_id: '42' }, 'user_id'],
  [{ event_type: 'message', event_date: '2024-01-15 10:30' }, 'event_date'],
  [
    { event_type: 'message', event_attachment: [{ type: 'gif', file_id: 'x' }] },
    'event_attachment',
  ],
  [{ event_type: 'callback', inline_keyboard: [{ Menu: 'menu' }] }, 'inline_keyboard'],
])('%j is rejected at %s', (input, field) => {
  const result = normalizedEventSchema.safeParse(input)
  expect(result.success).toBe(false)
  expect(result.error?.issues[0]?.path[0]).toBe(field)
})
