import type { InputMedia, Message, ParseMode, ReplyParameters } from 'grammy/types'
import type { EventAttachment } from '../event-schema.ts'
import type { ReplyMarkup } from '../keyboards.ts'
import { TelegramApiError, type TelegramClient } from './client.ts'

/** One `send_message` delivery to one chat, after params were resolved. */
export type Delivery = {
  chatId: number | string
  text: string
  parseMode: ParseMode
  markup: ReplyMarkup | undefined
  attachments: EventAttachment[]
  /** Edit this message instead of sending (text messages only); falls back to a new message. */
  editId?: number
  replyId?: number
}

const CAPTION_LIMIT = 1024
const GROUP_LIMIT = 10
const NO_CAPTION = new Set(['sticker', 'video_note'])

type Send = { kind: 'group'; items: EventAttachment[] } | { kind: 'single'; item: EventAttachment }

/** Photos and videos go together, documents together (10 per album); the rest one by one. */
function plan(attachments: EventAttachment[]): Send[] {
  const sends: Send[] = []
  const album = (items: EventAttachment[]) => {
    for (let start = 0; start < items.length; start += GROUP_LIMIT) {
      const chunk = items.slice(start, start + GROUP_LIMIT)
      const [only] = chunk
      if (chunk.length === 1 && only) sends.push({ kind: 'single', item: only })
      else if (chunk.length > 1) sends.push({ kind: 'group', items: chunk })
    }
  }
  album(attachments.filter((a) => a.type === 'photo' || a.type === 'video'))
  album(attachments.filter((a) => a.type === 'document'))
  for (const item of attachments) {
    if (!['photo', 'video', 'document'].includes(item.type)) sends.push({ kind: 'single', item })
  }
  return sends
}

const SINGLE_METHOD = {
  photo: 'sendPhoto',
  video: 'sendVideo',
  document: 'sendDocument',
  audio: 'sendAudio',
  voice: 'sendVoice',
  animation: 'sendAnimation',
  sticker: 'sendSticker',
  video_note: 'sendVideoNote',
} as const

export class SendMessageError extends Error {}

/** Sends (or edits) one chat's message; returns the id of the last message that chat got. */
export async function sendToChat(client: TelegramClient, delivery: Delivery): Promise<number> {
  const { chatId, text, parseMode, markup } = delivery
  const reply: { reply_parameters?: ReplyParameters } = delivery.replyId
    ? { reply_parameters: { message_id: delivery.replyId, allow_sending_without_reply: true } }
    : {}
  const sendText = async (withReply: boolean): Promise<number> => {
    if (text.trim() === '') throw new SendMessageError('text is empty')
    const message = await client.call('sendMessage', {
      chat_id: chatId,
      text,
      parse_mode: parseMode,
      ...(markup ? { reply_markup: markup } : {}),
      ...(withReply ? reply : {}),
    })
    return message.message_id
  }

  if (delivery.attachments.length === 0) {
    if (delivery.editId !== undefined) {
      const edited = await editText(client, delivery, delivery.editId)
      if (edited !== null) return edited
    }
    return sendText(true)
  }

  const sends = plan(delivery.attachments)
  const first = sends[0]
  // The text rides as the first item's caption when it fits; a keyboard needs a single message.
  const captioned =
    text.trim() !== '' &&
    text.length <= CAPTION_LIMIT &&
    first !== undefined &&
    (first.kind === 'single' ? !NO_CAPTION.has(first.item.type) : markup === undefined)
  let lastId = 0
  let textDelivered = text.trim() === ''
  try {
    for (const [index, send] of sends.entries()) {
      const caption = index === 0 && captioned ? { caption: text, parse_mode: parseMode } : {}
      const extra = index === 0 ? reply : {}
      if (send.kind === 'group') {
        const media = send.items.map((item, i) => ({
          type: item.type,
          media: item.file_id,
          ...(i === 0 ? caption : {}),
        })) as InputMedia[]
        const messages: Message[] = await client.call('sendMediaGroup', {
          chat_id: chatId,
          media: media as never,
          ...extra,
        })
        lastId = messages.at(-1)?.message_id ?? lastId
      } else {
        const method = SINGLE_METHOD[send.item.type]
        const withMarkup = index === 0 && captioned && markup ? { reply_markup: markup } : {}
        const message = await client.call(method, {
          chat_id: chatId,
          [send.item.type]: send.item.file_id,
          ...caption,
          ...withMarkup,
          ...extra,
        } as never)
        lastId = (message as Message).message_id
      }
      if (index === 0 && captioned) textDelivered = true
    }
  } catch (error) {
    // An attachment Telegram refuses must not swallow the message itself.
    if (textDelivered) throw error
    return sendText(lastId === 0)
  }
  return textDelivered ? lastId : sendText(false)
}

/** Edits a text message; null when it cannot be edited (then a new message is sent). */
async function editText(
  client: TelegramClient,
  delivery: Delivery,
  messageId: number,
): Promise<number | null> {
  const inline =
    delivery.markup && 'inline_keyboard' in delivery.markup ? delivery.markup : undefined
  try {
    await client.call('editMessageText', {
      chat_id: delivery.chatId,
      message_id: messageId,
      text: delivery.text,
      parse_mode: delivery.parseMode,
      ...(inline ? { reply_markup: inline } : {}),
    })
    return messageId
  } catch (error) {
    const failure = TelegramApiError.from('editMessageText', error)
    if (/message is not modified/i.test(failure.description)) return messageId
    if (failure.transient) throw failure
    return null
  }
}
