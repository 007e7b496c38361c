import type { IncomingMessage } from 'node:http'
import type { Message, Update, UserFromGetMe } from 'grammy/types'
import type { ApiResponse, Payload } from './fake-telegram-common.ts'
import { METHODS } from './fake-telegram-methods.ts'
import {
  type BotState,
  createBotState,
  noteMessageId,
  storeBotMessage,
} from './fake-telegram-state.ts'
import type { UpdateInput } from './fake-telegram-updates.ts'
import { readBody, sendJson, startLoopbackServer } from './loopback-server.ts'
import { type FormFile, parseMultipart } from './multipart.ts'

/**
 * A fake Telegram Bot API on loopback for grammY's `apiRoot`: `new Api(token, { apiRoot: fake.url })`.
 * It records every call, keeps enough state per token (sent messages, commands, webhook, update
 * queue) to answer like Telegram, and lets a test program failures.
 */

export const FAKE_BOT_TOKEN = '123456789:AAFakeTelegramTokenForTests_0123456789'

export type TelegramCall = {
  token: string
  method: string
  payload: Payload
  /** Files uploaded as multipart parts; the payload holds their `attach://` names. */
  files: FormFile[]
  status: number
  response: ApiResponse
}

export type TelegramFailure = {
  /** How many of the next calls fail; default 1. */
  times?: number
  /** Default 429 when `retryAfter` is set, else 400. */
  status?: number
  description?: string
  retryAfter?: number
  migrateToChatId?: number
}

export type FakeTelegramOptions = {
  /** getMe fields for FAKE_BOT_TOKEN, e.g. `{ username: 'shop_bot' }`. */
  botInfo?: Partial<UserFromGetMe>
  /** Upper bound on a getUpdates long poll, so tests never wait for Telegram's real timeouts. */
  maxLongPollMs?: number
}

export type FakeTelegram = {
  url: string
  calls: TelegramCall[]
  callsOf(method: string): TelegramCall[]
  waitFor(
    match: string | ((call: TelegramCall) => boolean),
    timeoutMs?: number,
  ): Promise<TelegramCall>
  /** Makes the next call(s) of `method` (or `'*'`, any method) fail. */
  fail(method: string, failure?: TelegramFailure): void
  /** Replaces the built-in answer of a method; return an ApiResponse. */
  respond(method: string, handler: (payload: Payload, token: string) => ApiResponse): void
  /** Queues an update for getUpdates; `update_id` is assigned when missing. */
  pushUpdate(update: UpdateInput, token?: string): Update
  /** Records a message as already sent by the bot (e.g. the menu a callback fixture clicks). */
  botMessage(chatId: number, fields?: Partial<Message>, token?: string): Message
  bot(token?: string): BotState
  revokeToken(token: string): void
  reset(): void
  close(): Promise<void>
}

const TOKEN_SHAPE = /^\d+:[\w-]+$/
const ROUTE = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/

/** Form values arrive as strings; these are the ones Telegram reads as integers. */
const INTEGER_FIELDS = new Set([
  'chat_id',
  'from_chat_id',
  'message_id',
  'user_id',
  'reply_to_message_id',
  'message_thread_id',
  'until_date',
  'offset',
  'limit',
  'timeout',
  'cache_time',
  'duration',
  'width',
  'height',
  'max_connections',
  'total_amount',
])

function formValue(key: string, value: string): unknown {
  if (INTEGER_FIELDS.has(key) && /^-?\d+$/.test(value)) return Number(value)
  if (value === 'true' || value === 'false') return value === 'true'
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  }
  return value
}

async function readPayload(request: IncomingMessage, url: URL) {
  const body = await readBody(request)
  const type = request.headers['content-type'] ?? ''
  const payload: Payload = {}
  let files: FormFile[] = []
  for (const [key, value] of url.searchParams) payload[key] = formValue(key, value)
  if (body.length === 0) return { payload, files }
  if (type.includes('application/json')) {
    Object.assign(payload, JSON.parse(body.toString('utf8')) as Payload)
  } else if (type.includes('multipart/form-data')) {
    const form = parseMultipart(body, type)
    for (const [key, value] of Object.entries(form.fields)) payload[key] = formValue(key, value)
    files = form.files
  } else {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
      payload[key] = formValue(key, value)
    }
  }
  return { payload, files }
}

function failureResponse(failure: TelegramFailure): ApiResponse {
  const status = failure.status ?? (failure.retryAfter !== undefined ? 429 : 400)
  const defaults: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden: bot was blocked by the user',
    409: 'Conflict',
    429: `Too Many Requests: retry after ${failure.retryAfter ?? 1}`,
  }
  const parameters = {
    ...(failure.retryAfter !== undefined ? { retry_after: failure.retryAfter } : {}),
    ...(failure.migrateToChatId !== undefined
      ? { migrate_to_chat_id: failure.migrateToChatId }
      : {}),
  }
  return {
    ok: false,
    error_code: status,
    description: failure.description ?? defaults[status] ?? 'Internal Server Error',
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
  }
}

function notedIds(state: BotState, update: Update): void {
  const message = update.message ?? update.callback_query?.message
  if (message) noteMessageId(state, message.chat.id, message.message_id)
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const bots = new Map<string, BotState>()
  const failures = new Map<string, TelegramFailure[]>()
  const overrides = new Map<string, (payload: Payload, token: string) => ApiResponse>()
  const revoked = new Set<string>()
  const listeners = new Set<(call: TelegramCall) => void>()
  const calls: TelegramCall[] = []
  const maxLongPollMs = options.maxLongPollMs ?? 1000

  const bot = (token = FAKE_BOT_TOKEN): BotState => {
    let state = bots.get(token)
    if (!state) {
      state = createBotState(token, token === FAKE_BOT_TOKEN ? options.botInfo : {})
      bots.set(token, state)
    }
    return state
  }

  const takeFailure = (method: string): TelegramFailure | undefined => {
    for (const key of [method.toLowerCase(), '*']) {
      const queue = failures.get(key)
      const failure = queue?.[0]
      if (!queue || !failure) continue
      const remaining = (failure.times ?? 1) - 1
      if (remaining > 0) queue[0] = { ...failure, times: remaining }
      else queue.shift()
      return failure
    }
    return undefined
  }

  const answer = async (token: string, method: string, payload: Payload): Promise<ApiResponse> => {
    if (!TOKEN_SHAPE.test(token)) return { ok: false, error_code: 404, description: 'Not Found' }
    if (revoked.has(token)) return { ok: false, error_code: 401, description: 'Unauthorized' }
    const failure = takeFailure(method)
    if (failure) return failureResponse(failure)
    const override = overrides.get(method.toLowerCase())
    if (override) return override(payload, token)
    const handler = METHODS[method.toLowerCase()]
    if (!handler) return { ok: false, error_code: 404, description: 'Not Found' }
    const state = bot(token)
    const waitMs = Math.min(Number(payload.timeout ?? 0) * 1000, maxLongPollMs)
    return handler(
      state,
      method.toLowerCase() === 'getupdates' ? { ...payload, timeout: waitMs / 1000 } : payload,
    )
  }

  const server = await startLoopbackServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const route = ROUTE.exec(url.pathname)
    const token = decodeURIComponent(route?.[1] ?? '')
    const method = route?.[2] ?? ''
    const { payload, files } = await readPayload(request, url)
    const result = route
      ? await answer(token, method, payload)
      : { ok: false as const, error_code: 404, description: 'Not Found' }
    const status = result.ok ? 200 : result.error_code
    const call: TelegramCall = { token, method, payload, files, status, response: result }
    calls.push(call)
    for (const listener of [...listeners]) listener(call)
    sendJson(response, status, result)
  })

  return {
    url: server.url,
    calls,
    callsOf: (method) => calls.filter((call) => call.method.toLowerCase() === method.toLowerCase()),
    waitFor(match, timeoutMs = 2000) {
      const test =
        typeof match === 'string'
          ? (call: TelegramCall) => call.method.toLowerCase() === match.toLowerCase()
          : match
      const seen = calls.find(test)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener)
          const methods = calls.map((call) => call.method).join(', ') || 'none'
          reject(
            new Error(`fake Telegram: no matching call within ${timeoutMs} ms (calls: ${methods})`),
          )
        }, timeoutMs)
        function listener(call: TelegramCall) {
          if (!test(call)) return
          clearTimeout(timer)
          listeners.delete(listener)
          resolve(call)
        }
        listeners.add(listener)
      })
    },
    fail(method, failure = {}) {
      const key = method.toLowerCase()
      failures.set(key, [...(failures.get(key) ?? []), failure])
    },
    respond(method, handler) {
      overrides.set(method.toLowerCase(), handler)
    },
    pushUpdate(update, token) {
      const state = bot(token)
      const queued = state.updates.push(update)
      notedIds(state, queued)
      return queued
    },
    botMessage: (chatId, fields, token) => storeBotMessage(bot(token), chatId, fields),
    bot,
    revokeToken(token) {
      revoked.add(token)
    },
    reset() {
      calls.length = 0
      failures.clear()
      overrides.clear()
      revoked.clear()
      for (const state of bots.values()) state.updates.wakeAll()
      bots.clear()
    },
    async close() {
      for (const state of bots.values()) state.updates.wakeAll()
      await server.close()
    },
  }
}
