import { z } from 'zod'

/** A chat: a numeric id (numeric strings from placeholders included) or `@channelusername`. */
export const chatIdParam = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^(-?\d+|@[A-Za-z0-9_]{4,})$/, 'must be a numeric chat id or @username')
    .transform((value) => (value.startsWith('@') ? value : Number(value))),
])

export const botIdParam = z.number().int().min(1).describe('ID бота (из контекста события)')

/** `true`: the event's message; a number (or numeric string): that message; false/null: none. */
export const messageRefParam = z
  .union([z.number().int(), z.boolean(), z.string()])
  .nullable()
  .optional()

export function messageRef(value: unknown, eventMessageId: number | undefined): number | undefined {
  if (value === true) return eventMessageId
  if (typeof value === 'number' && value > 0) return value
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase()
    if (lowered === 'true') return eventMessageId
    if (/^\d+$/.test(lowered) && Number(lowered) > 0) return Number(lowered)
  }
  return undefined
}
