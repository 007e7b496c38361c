import type {
  CallbackQuery,
  ChatMember,
  ChatMemberUpdated,
  Message,
  PreCheckoutQuery,
  Update,
} from 'grammy/types'
import { formatZonedIso } from '../scenarios/schedule/zoned-time.ts'
import { extractAttachments } from './event-attachments.ts'
import { parseCommand } from './event-command.ts'
import { toEventInlineKeyboard } from './event-inline-keyboard.ts'
import { chatFields, userFields } from './event-people.ts'
import { forwardFields, replyFields } from './event-reply-forward.ts'
import type { NormalizedEvent } from './event-schema.ts'

export type { NormalizedEvent } from './event-schema.ts'

/** The receiving bot: internal ids (not Telegram's), its username for commands, the tenant's zone. */
export type EventBot = {
  botId: number
  tenantId: number
  username: string
  /** IANA zone for `event_date` and friends; the tenant's `timezone`, UTC when unset. */
  timeZone?: string
}

type Context = { bot: EventBot; now: Date; timeZone: string }

function formatUnix(context: Context, unixSeconds: number): string {
  return formatZonedIso(new Date(unixSeconds * 1000), context.timeZone)
}

function botFields(bot: EventBot) {
  return {
    event_source: 'telegram' as const,
    system: { bot_id: bot.botId, tenant_id: bot.tenantId },
    bot_id: bot.botId,
    tenant_id: bot.tenantId,
  }
}

function messageEvent(message: Message, context: Context): NormalizedEvent {
  const rawText = message.text ?? message.caption ?? null
  const command = rawText === null ? null : parseCommand(rawText, context.bot.username)
  const inlineKeyboard = toEventInlineKeyboard(message.reply_markup)
  return {
    ...botFields(context.bot),
    event_type: 'message',
    ...userFields(message.from),
    ...chatFields(message.chat),
    message_id: message.message_id,
    event_date: formatUnix(context, message.date),
    event_text: command ? command.eventText : null,
    command: command?.command ?? null,
    command_args: command?.commandArgs ?? null,
    start_payload: command?.startPayload ?? null,
    media_group_id: message.media_group_id ?? null,
    event_attachment: extractAttachments(message),
    ...replyFields(message, (date) => formatUnix(context, date)),
    ...forwardFields(message, (date) => formatUnix(context, date)),
    ...(inlineKeyboard ? { inline_keyboard: inlineKeyboard } : {}),
  }
}

function paymentEvent(message: Message, context: Context): NormalizedEvent | null {
  const payment = message.successful_payment
  if (!payment) return null
  return {
    ...botFields(context.bot),
    event_type: 'payment_successful',
    ...userFields(message.from),
    ...chatFields(message.chat),
    message_id: message.message_id,
    event_date: formatUnix(context, message.date),
    invoice_payload: payment.invoice_payload,
    currency: payment.currency,
    total_amount: payment.total_amount,
    telegram_payment_charge_id: payment.telegram_payment_charge_id,
  }
}

function callbackEvent(query: CallbackQuery, context: Context): NormalizedEvent {
  const message = query.message
  // An inaccessible message (too old, or deleted) comes with date 0 and no content.
  const content = message && message.date !== 0 ? (message as Message) : undefined
  const inlineKeyboard = toEventInlineKeyboard(content?.reply_markup)
  return {
    ...botFields(context.bot),
    event_type: 'callback',
    ...userFields(query.from),
    ...chatFields(message?.chat),
    message_id: message?.message_id ?? null,
    event_date: formatZonedIso(context.now, context.timeZone),
    callback_id: query.id,
    callback_data: query.data ?? null,
    callback_message_text: content?.text ?? content?.caption ?? null,
    ...(inlineKeyboard ? { inline_keyboard: inlineKeyboard } : {}),
  }
}

function preCheckoutEvent(query: PreCheckoutQuery, context: Context): NormalizedEvent {
  return {
    ...botFields(context.bot),
    event_type: 'pre_checkout_query',
    ...userFields(query.from),
    event_date: formatZonedIso(context.now, context.timeZone),
    pre_checkout_query_id: query.id,
    invoice_payload: query.invoice_payload,
    currency: query.currency,
    total_amount: query.total_amount,
  }
}

function isInChat(member: ChatMember): boolean {
  switch (member.status) {
    case 'creator':
    case 'administrator':
    case 'member':
      return true
    case 'restricted':
      return member.is_member
    default:
      return false
  }
}

/** A status change that crosses the in-chat line; promotions, restrictions and the like are not joins. */
function memberEvent(change: ChatMemberUpdated, context: Context): NormalizedEvent | null {
  const wasIn = isInChat(change.old_chat_member)
  const isIn = isInChat(change.new_chat_member)
  if (wasIn === isIn) return null
  return {
    ...botFields(context.bot),
    event_type: isIn ? 'member_joined' : 'member_left',
    ...userFields(change.new_chat_member.user),
    ...chatFields(change.chat),
    message_id: null,
    event_date: formatUnix(context, change.date),
  }
}

/**
 * Turns a Telegram update into the scenario event (Coreness event model), or null for updates
 * that no scenario can trigger on: edits, channel posts, inline queries, polls, reactions, and
 * join/leave service messages (joins and leaves come from `chat_member` updates instead, which
 * also see members who join without a service message).
 */
export function normalizeUpdate(update: Update, bot: EventBot, now: Date): NormalizedEvent | null {
  const context: Context = { bot, now, timeZone: bot.timeZone ?? 'UTC' }
  if (update.message) {
    const message = update.message
    if (message.new_chat_members || message.left_chat_member) return null
    if (message.successful_payment) return paymentEvent(message, context)
    return messageEvent(message, context)
  }
  if (update.callback_query) return callbackEvent(update.callback_query, context)
  if (update.pre_checkout_query) return preCheckoutEvent(update.pre_checkout_query, context)
  if (update.chat_member) return memberEvent(update.chat_member, context)
  if (update.my_chat_member) return memberEvent(update.my_chat_member, context)
  return null
}
