import { z } from '@hono/zod-openapi'

/**
 * The normalized Telegram event that scenarios see (Coreness event model). Every field except
 * `event_type` is optional so the simulation API can accept hand-written events; unknown keys are
 * kept because triggers may match any field (e.g. `user_state` set by a test).
 */

export const EVENT_TYPES = [
  'message',
  'callback',
  'member_joined',
  'member_left',
  'pre_checkout_query',
  'payment_successful',
] as const

export type EventType = (typeof EVENT_TYPES)[number]

export const ATTACHMENT_TYPES = [
  'photo',
  'document',
  'video',
  'audio',
  'voice',
  'sticker',
  'animation',
  'video_note',
] as const

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]

export const eventAttachmentSchema = z.object({
  type: z.enum(ATTACHMENT_TYPES),
  file_id: z.string().min(1),
})

export type EventAttachment = z.infer<typeof eventAttachmentSchema>

/** `[[{"Button text": "callback_data or url"}]]`, the same shape the `inline` action param takes. */
export const eventInlineKeyboardSchema = z.array(z.array(z.record(z.string(), z.string())))

export type EventInlineKeyboard = z.infer<typeof eventInlineKeyboardSchema>

const telegramId = z.number().int()
const text = z.string().nullish()
const id = telegramId.nullish()
const flag = z.boolean().nullish()
const isoDate = z.iso.datetime({ offset: true }).nullish()

export const normalizedEventSchema = z.looseObject({
  event_type: z.enum(EVENT_TYPES),
  event_source: z.literal('telegram').optional(),

  system: z.object({ bot_id: z.number().int(), tenant_id: z.number().int() }).optional(),
  bot_id: z.number().int().optional(),
  tenant_id: z.number().int().optional(),
  _config: z.record(z.string(), z.unknown()).optional(),
  user_state: text,
  user_state_expired_at: text,

  user_id: id,
  chat_id: id,
  chat_type: z.enum(['private', 'group', 'supergroup', 'channel']).nullish(),
  is_group: flag,
  message_id: id,
  event_date: isoDate,
  username: text,
  first_name: text,
  last_name: text,
  language_code: text,
  is_bot: flag,
  is_premium: flag,
  chat_title: text,
  chat_username: text,

  event_text: text,
  command: text,
  command_args: text,
  start_payload: text,
  media_group_id: text,
  event_attachment: z.array(eventAttachmentSchema).optional(),
  media_group_count: z.number().int().nonnegative().optional(),
  media_group_events: z.array(z.record(z.string(), z.unknown())).optional(),

  is_reply: flag,
  reply_message_id: id,
  reply_message_text: text,
  reply_user_id: id,
  reply_username: text,
  reply_first_name: text,
  reply_last_name: text,
  reply_date: isoDate,
  reply_attachment: z.array(eventAttachmentSchema).nullish(),

  is_forward: flag,
  forward_message_id: id,
  forward_from_user_id: id,
  forward_from_user_username: text,
  forward_from_user_first_name: text,
  forward_from_user_last_name: text,
  forward_from_chat_id: id,
  forward_from_chat_title: text,
  forward_from_chat_type: text,
  forward_date: isoDate,

  inline_keyboard: eventInlineKeyboardSchema.optional(),

  callback_id: text,
  callback_data: text,
  callback_message_text: text,

  pre_checkout_query_id: text,
  invoice_payload: text,
  currency: text,
  total_amount: z.number().int().nullish(),
  telegram_payment_charge_id: text,
})

export type NormalizedEvent = z.infer<typeof normalizedEventSchema>
