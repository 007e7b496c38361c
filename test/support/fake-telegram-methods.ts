import type { Message } from 'grammy/types'
import {
  badRequest,
  checkSend,
  echoedMarkup,
  invalidMarkup,
  type MethodHandler,
  ok,
  type Payload,
  replyTarget,
} from './fake-telegram-common.ts'
import { sendMediaMessage } from './fake-telegram-media.ts'
import { type BotState, chatFor, messageKey, storeBotMessage } from './fake-telegram-state.ts'

const sendMessage: MethodHandler = (state, payload) => {
  const problem = checkSend(payload)
  if (problem) return problem
  const text = typeof payload.text === 'string' ? payload.text : ''
  if (text.trim() === '') return badRequest('message text is empty')
  if (text.length > 4096) return badRequest('message is too long')
  return ok(
    storeBotMessage(state, payload.chat_id, {
      text,
      ...echoedMarkup(payload.reply_markup),
      ...replyTarget(state, payload),
    }),
  )
}

function editTarget(state: BotState, payload: Payload, verb: 'edit' | 'delete') {
  const chat = chatFor(payload.chat_id)
  const key = messageKey(chat.id, payload.message_id)
  const message = state.messages.get(key)
  if (!message) return { key, error: badRequest(`message to ${verb} not found`) }
  return { key, message }
}

const editMessageText: MethodHandler = (state, payload) => {
  if (payload.inline_message_id !== undefined) return ok(true)
  const markupError = invalidMarkup(payload.reply_markup)
  if (markupError) return badRequest(markupError)
  const target = editTarget(state, payload, 'edit')
  if (!target.message) return target.error
  if (target.message.text === undefined)
    return badRequest('there is no text in the message to edit')
  const text = String(payload.text ?? '')
  if (text.trim() === '') return badRequest('message text is empty')
  const sameMarkup =
    JSON.stringify(target.message.reply_markup) === JSON.stringify(payload.reply_markup)
  if (target.message.text === text && sameMarkup) {
    return badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    )
  }
  const { reply_markup: _previous, ...rest } = target.message
  const edited = {
    ...rest,
    text,
    ...echoedMarkup(payload.reply_markup),
    edit_date: Math.floor(Date.now() / 1000),
  } as Message
  state.messages.set(target.key, edited)
  return ok(edited)
}

const editMessageReplyMarkup: MethodHandler = (state, payload) => {
  if (payload.inline_message_id !== undefined) return ok(true)
  const target = editTarget(state, payload, 'edit')
  if (!target.message) return target.error
  const { reply_markup: _previous, ...rest } = target.message
  const edited = { ...rest, ...echoedMarkup(payload.reply_markup) } as Message
  state.messages.set(target.key, edited)
  return ok(edited)
}

const deleteMessage: MethodHandler = (state, payload) => {
  const key = messageKey(chatFor(payload.chat_id).id, payload.message_id)
  if (state.deleted.has(key)) return badRequest('message to delete not found')
  state.messages.delete(key)
  state.deleted.add(key)
  // Messages the fake never saw are taken to be deletable user messages.
  return ok(true)
}

function scopeKey(payload: Payload): string {
  return `${JSON.stringify(payload.scope ?? { type: 'default' })}|${String(payload.language_code ?? '')}`
}

const sendInvoice: MethodHandler = (state, payload) => {
  const problem = checkSend(payload)
  if (problem) return problem
  const prices = Array.isArray(payload.prices) ? (payload.prices as { amount?: unknown }[]) : []
  if (prices.length === 0) return badRequest('prices must be non-empty')
  if (payload.currency === 'XTR' && prices.length !== 1) return badRequest('STARS_INVOICE_INVALID')
  return ok(
    storeBotMessage(state, payload.chat_id, {
      invoice: {
        title: String(payload.title ?? ''),
        description: String(payload.description ?? ''),
        start_parameter: String(payload.start_parameter ?? ''),
        currency: String(payload.currency ?? ''),
        total_amount: prices.reduce((sum, price) => sum + Number(price.amount ?? 0), 0),
      },
      ...echoedMarkup(payload.reply_markup),
    }),
  )
}

const restrictChatMember: MethodHandler = (_state, payload) => {
  if (chatFor(payload.chat_id).type !== 'supergroup') {
    return badRequest('method is available only for supergroups')
  }
  if (payload.user_id === undefined) return badRequest('user_id is empty')
  if (typeof payload.permissions !== 'object' || payload.permissions === null) {
    return badRequest('parameter "permissions" is required')
  }
  return ok(true)
}

const getWebhookInfo: MethodHandler = (state) =>
  ok({
    url: String(state.webhook?.url ?? ''),
    has_custom_certificate: false,
    pending_update_count: state.updates.pending.length,
    ...(state.webhook?.max_connections ? { max_connections: state.webhook.max_connections } : {}),
    ...(state.updates.allowedUpdates ? { allowed_updates: state.updates.allowedUpdates } : {}),
  })

const setWebhook: MethodHandler = (state, payload) => {
  const url = String(payload.url ?? '')
  if (url !== '' && !url.startsWith('https://')) {
    return badRequest('bad webhook: An HTTPS URL must be provided for webhook')
  }
  if (payload.drop_pending_updates === true) state.updates.clear()
  state.updates.setAllowed(payload.allowed_updates)
  state.webhook = url === '' ? null : { ...payload }
  return ok(true)
}

const deleteWebhook: MethodHandler = (state, payload) => {
  if (payload.drop_pending_updates === true) state.updates.clear()
  state.webhook = null
  return ok(true)
}

const getUpdates: MethodHandler = async (state, payload) => {
  if (state.webhook) {
    return {
      ok: false,
      error_code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    }
  }
  state.updates.setAllowed(payload.allowed_updates)
  const waitMs = Number(payload.timeout ?? 0) * 1000
  return ok(
    await state.updates.take(Number(payload.offset ?? 0), Number(payload.limit ?? 100), waitMs),
  )
}

const alwaysTrue: MethodHandler = () => ok(true)

/** Handlers by lower-cased method name: Telegram matches method names case-insensitively. */
export const METHODS: Record<string, MethodHandler> = {
  getme: (state) => ok(state.me),
  sendmessage: sendMessage,
  editmessagetext: editMessageText,
  editmessagereplymarkup: editMessageReplyMarkup,
  deletemessage: deleteMessage,
  sendphoto: (state, payload) => sendMediaMessage(state, payload, 'photo'),
  senddocument: (state, payload) => sendMediaMessage(state, payload, 'document'),
  sendvideo: (state, payload) => sendMediaMessage(state, payload, 'video'),
  sendaudio: (state, payload) => sendMediaMessage(state, payload, 'audio'),
  sendvoice: (state, payload) => sendMediaMessage(state, payload, 'voice'),
  sendanimation: (state, payload) => sendMediaMessage(state, payload, 'animation'),
  sendsticker: (state, payload) => sendMediaMessage(state, payload, 'sticker'),
  sendvideonote: (state, payload) => sendMediaMessage(state, payload, 'video_note'),
  sendmediagroup: (state, payload) => sendMediaMessage(state, payload, 'media_group'),
  sendinvoice: sendInvoice,
  createinvoicelink: (_state, payload) => {
    const prices = Array.isArray(payload.prices) ? payload.prices : []
    if (prices.length === 0) return badRequest('prices must be non-empty')
    return ok(`https://t.me/$FakeInvoice_${String(payload.payload ?? '')}`)
  },
  answercallbackquery: alwaysTrue,
  answerprecheckoutquery: alwaysTrue,
  restrictchatmember: restrictChatMember,
  setmycommands: (state, payload) => {
    if (!Array.isArray(payload.commands)) return badRequest('parameter "commands" is required')
    state.commands.set(scopeKey(payload), payload.commands)
    return ok(true)
  },
  getmycommands: (state, payload) => ok(state.commands.get(scopeKey(payload)) ?? []),
  deletemycommands: (state, payload) => {
    state.commands.delete(scopeKey(payload))
    return ok(true)
  },
  setwebhook: setWebhook,
  deletewebhook: deleteWebhook,
  getwebhookinfo: getWebhookInfo,
  getupdates: getUpdates,
  sendchataction: alwaysTrue,
  getchat: (_state, payload) => ok(chatFor(payload.chat_id)),
  getfile: (_state, payload) =>
    ok({
      file_id: payload.file_id,
      file_unique_id: `u${String(payload.file_id)}`,
      file_size: 1024,
      file_path: `files/${String(payload.file_id)}`,
    }),
  pinchatmessage: alwaysTrue,
  unpinchatmessage: alwaysTrue,
  banchatmember: alwaysTrue,
  unbanchatmember: alwaysTrue,
  refundstarpayment: alwaysTrue,
  logout: alwaysTrue,
  close: alwaysTrue,
}
