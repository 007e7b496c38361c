import type { Message } from 'grammy/types'
import { type BotState, chatFor, messageKey } from './fake-telegram-state.ts'

/** Response shapes and checks shared by the fake Bot API's method handlers. */

export type ApiResponse =
  | { ok: true; result: unknown }
  | {
      ok: false
      error_code: number
      description: string
      parameters?: { retry_after?: number; migrate_to_chat_id?: number }
    }

export type Payload = Record<string, unknown>

export type MethodHandler = (
  state: BotState,
  payload: Payload,
) => ApiResponse | Promise<ApiResponse>

export const ok = (result: unknown): ApiResponse => ({ ok: true, result })
export const badRequest = (detail: string): ApiResponse => ({
  ok: false,
  error_code: 400,
  description: `Bad Request: ${detail}`,
})

/** Telegram's limit on callback data, in bytes. */
const CALLBACK_DATA_MAX = 64

export function invalidMarkup(markup: unknown): string | null {
  if (typeof markup !== 'object' || markup === null || !('inline_keyboard' in markup)) return null
  const rows = (markup as { inline_keyboard: unknown }).inline_keyboard
  if (!Array.isArray(rows)) return 'field "inline_keyboard" must be an Array'
  for (const row of rows) {
    if (!Array.isArray(row)) return 'field "inline_keyboard" must be an Array of Arrays'
    for (const button of row as Record<string, unknown>[]) {
      if (typeof button.text !== 'string' || button.text === '')
        return 'text buttons are unallowed in the inline keyboard'
      const data = button.callback_data
      if (
        typeof data === 'string' &&
        (data === '' || Buffer.byteLength(data) > CALLBACK_DATA_MAX)
      ) {
        return 'BUTTON_DATA_INVALID'
      }
    }
  }
  return null
}

/** Only inline keyboards come back inside a Message, as on Telegram. */
export function echoedMarkup(markup: unknown): Partial<Message> {
  return typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup
    ? { reply_markup: markup as Message['reply_markup'] }
    : {}
}

export function replyTarget(state: BotState, payload: Payload): Partial<Message> {
  const parameters = payload.reply_parameters as { message_id?: unknown } | undefined
  const replyId = parameters?.message_id ?? payload.reply_to_message_id
  if (replyId === undefined) return {}
  const chat = chatFor(payload.chat_id)
  const known = state.messages.get(messageKey(chat.id, replyId))
  return {
    reply_to_message: (known ?? {
      message_id: Number(replyId),
      chat,
      date: 0,
    }) as Message['reply_to_message'],
  }
}

export function checkSend(payload: Payload): ApiResponse | null {
  if (payload.chat_id === undefined || payload.chat_id === '') return badRequest('chat_id is empty')
  const markupError = invalidMarkup(payload.reply_markup)
  return markupError ? badRequest(markupError) : null
}
