import type { Message } from 'grammy/types'
import { extractAttachments } from './event-attachments.ts'
import type { EventAttachment } from './event-schema.ts'

type FormatDate = (unixSeconds: number) => string

export type ReplyFields = {
  is_reply: boolean
  reply_message_id?: number
  reply_message_text?: string | null
  reply_user_id?: number | null
  reply_username?: string | null
  reply_first_name?: string | null
  reply_last_name?: string | null
  reply_date?: string
  reply_attachment?: EventAttachment[]
}

export type ForwardFields = {
  is_forward: boolean
  forward_message_id?: number | null
  forward_from_user_id?: number | null
  forward_from_user_username?: string | null
  forward_from_user_first_name?: string | null
  forward_from_user_last_name?: string | null
  forward_from_chat_id?: number | null
  forward_from_chat_title?: string | null
  forward_from_chat_type?: string | null
  forward_date?: string
}

/**
 * In forum topics Telegram sets `reply_to_message` to the topic's opening service message on
 * every message, so only a reply to anything else is a reply the user made.
 */
function userReply(message: Message): Message | undefined {
  const reply = message.reply_to_message
  if (!reply) return undefined
  if (message.is_topic_message && reply.forum_topic_created) return undefined
  return reply
}

export function replyFields(message: Message, formatDate: FormatDate): ReplyFields {
  const reply = userReply(message)
  if (!reply) return { is_reply: false }
  return {
    is_reply: true,
    reply_message_id: reply.message_id,
    reply_message_text: reply.text ?? reply.caption ?? null,
    reply_user_id: reply.from?.id ?? null,
    reply_username: reply.from?.username ?? null,
    reply_first_name: reply.from?.first_name ?? null,
    reply_last_name: reply.from?.last_name ?? null,
    reply_date: formatDate(reply.date),
    reply_attachment: extractAttachments(reply),
  }
}

const NO_FORWARD_SOURCE = {
  forward_message_id: null,
  forward_from_user_id: null,
  forward_from_user_username: null,
  forward_from_user_first_name: null,
  forward_from_user_last_name: null,
  forward_from_chat_id: null,
  forward_from_chat_title: null,
  forward_from_chat_type: null,
} satisfies Omit<ForwardFields, 'is_forward' | 'forward_date'>

/** Forward details from Bot API `forward_origin` (the legacy `forward_from*` fields are gone since 7.0). */
export function forwardFields(message: Message, formatDate: FormatDate): ForwardFields {
  const origin = message.forward_origin
  if (!origin) return { is_forward: false }
  const base = { is_forward: true, ...NO_FORWARD_SOURCE, forward_date: formatDate(origin.date) }
  switch (origin.type) {
    case 'user':
      return {
        ...base,
        forward_from_user_id: origin.sender_user.id,
        forward_from_user_username: origin.sender_user.username ?? null,
        forward_from_user_first_name: origin.sender_user.first_name,
        forward_from_user_last_name: origin.sender_user.last_name ?? null,
      }
    case 'hidden_user':
      // The sender hid their account: the display name is all Telegram reveals.
      return { ...base, forward_from_user_first_name: origin.sender_user_name }
    case 'chat':
      return {
        ...base,
        forward_from_chat_id: origin.sender_chat.id,
        forward_from_chat_title:
          ('title' in origin.sender_chat && origin.sender_chat.title) || null,
        forward_from_chat_type: origin.sender_chat.type,
      }
    case 'channel':
      return {
        ...base,
        forward_message_id: origin.message_id,
        forward_from_chat_id: origin.chat.id,
        forward_from_chat_title: origin.chat.title,
        forward_from_chat_type: origin.chat.type,
      }
    default:
      return base
  }
}
