import { Api, GrammyError, HttpError, type Transformer } from 'grammy'
import type { ApiMethods, Opts } from 'grammy/types'
import type { SimulationRecorder } from '../../actions/define.ts'
import { pacer } from './pacing.ts'
import { simulatedResult } from './simulated-results.ts'

/**
 * The Bot API for one bot token, through grammY's `Api`: paced per bot and per chat, 429s retried
 * after Telegram's `retry_after` (a few times, briefly), and, under simulation, recorded instead of sent.
 */

export type TelegramMethod = keyof ApiMethods
export type TelegramResult<M extends TelegramMethod> = ReturnType<ApiMethods[M]>

/** How often a 429 is retried, and the longest `retry_after` worth waiting for inside a request. */
const MAX_RETRIES = 3
const MAX_RETRY_AFTER_SECONDS = 10

/** Methods whose flood limits count: anything that puts a message in a chat. */
const PACED = /^(send|edit|copy|forward)/

/** Zero-parameter methods take the AbortSignal first in grammY's raw API. */
const NO_PAYLOAD = new Set<string>(['getMe', 'getWebhookInfo', 'logOut', 'close'])

export type TelegramClientOptions = {
  apiRoot: string
  token: string
  signal?: AbortSignal
  simulation?: SimulationRecorder
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(done, ms)
    function done() {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    function abort() {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', abort, { once: true })
  })
}

/** The numeric part of a token names the bot without repeating its secret half. */
export function botKeyOf(token: string): string {
  return token.split(':')[0] ?? 'bot'
}

function chatOf(method: string, payload: unknown): number | string | undefined {
  if (!PACED.test(method) || typeof payload !== 'object' || payload === null) return undefined
  const chatId = (payload as { chat_id?: unknown }).chat_id
  return typeof chatId === 'number' || typeof chatId === 'string' ? chatId : undefined
}

function pacing(botKey: string): Transformer {
  return async (prev, method, payload, grammySignal) => {
    // grammY types its signal with the abort-controller polyfill; at runtime it is the platform's.
    const signal = grammySignal as unknown as AbortSignal | undefined
    for (let attempt = 0; ; attempt += 1) {
      if (PACED.test(method)) {
        const wait = pacer.reserve(botKey, chatOf(method, payload))
        if (wait > 0) await sleep(wait, signal)
      }
      const response = await prev(method, payload, grammySignal)
      if (response.ok || response.error_code !== 429 || attempt >= MAX_RETRIES) return response
      const retryAfter = response.parameters?.retry_after ?? 1
      if (retryAfter > MAX_RETRY_AFTER_SECONDS) return response
      await sleep(retryAfter * 1000, signal)
    }
  }
}

export class TelegramClient {
  readonly api: Api
  private readonly signal: AbortSignal | undefined
  private readonly simulation: SimulationRecorder | undefined

  constructor(options: TelegramClientOptions) {
    this.api = new Api(options.token, { apiRoot: options.apiRoot })
    this.api.config.use(pacing(botKeyOf(options.token)))
    this.signal = options.signal
    this.simulation = options.simulation
  }

  /** One Bot API call; throws TelegramApiError when Telegram refuses it or cannot be reached. */
  async call<M extends TelegramMethod>(method: M, payload: Opts<M>): Promise<TelegramResult<M>> {
    if (this.simulation) {
      this.simulation.record({ service: 'telegram', method, payload })
      return simulatedResult(method, payload) as TelegramResult<M>
    }
    const raw = this.api.raw as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    const invoke = raw[method]
    if (!invoke) throw new TelegramApiError(method, 404, `Unknown method ${method}`)
    try {
      const result = NO_PAYLOAD.has(method)
        ? await invoke(this.signal)
        : await invoke(payload, this.signal)
      return result as TelegramResult<M>
    } catch (error) {
      throw TelegramApiError.from(method, error)
    }
  }
}

/** A failed Bot API call: Telegram's code and description, or 0 when it was not reached at all. */
export class TelegramApiError extends Error {
  readonly method: string
  readonly code: number
  readonly description: string
  readonly retryAfter: number | undefined

  constructor(method: string, code: number, description: string, retryAfter?: number) {
    super(`${method}: ${description}`)
    this.name = 'TelegramApiError'
    this.method = method
    this.code = code
    this.description = description
    this.retryAfter = retryAfter
  }

  static from(method: string, error: unknown): TelegramApiError {
    if (error instanceof TelegramApiError) return error
    if (error instanceof GrammyError) {
      return new TelegramApiError(
        method,
        error.error_code,
        error.description,
        error.parameters.retry_after,
      )
    }
    if (error instanceof HttpError) {
      return new TelegramApiError(method, 0, 'Telegram could not be reached')
    }
    const message = error instanceof Error ? error.message : String(error)
    return new TelegramApiError(method, 0, message)
  }

  /** Worth retrying later: Telegram unreachable, overloaded or rate limiting us. */
  get transient(): boolean {
    return this.code === 0 || this.code === 429 || this.code >= 500
  }
}
