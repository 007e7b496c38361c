import type { Update } from 'grammy/types'
import { ALLOWED_UPDATES, telegramClient } from '../bots/bot-lifecycle.ts'
import { findBot, openToken } from '../bots/bot-store.ts'
import { TelegramApiError } from '../bots/telegram/client.ts'
import { receiveUpdate } from '../bots/updates/process-update.ts'
import type { BotPolling, Services } from '../platform/services.ts'

/** Telegram's long-poll wait; the connection stays open this long when nothing happens. */
const LONG_POLL_SECONDS = 20
const BACKOFF_MS = 5_000

/**
 * BOT_UPDATES=polling: one getUpdates loop per bot, feeding the same path as the webhook, so a bot
 * works on a laptop with no public URL. Offsets confirm updates once they are recorded.
 */
export function createBotPolling(
  services: () => Services,
): BotPolling & { stopAll(): Promise<void> } {
  const loops = new Map<number, { controller: AbortController; done: Promise<void> }>()

  async function run(botId: number, signal: AbortSignal): Promise<void> {
    let offset = 0
    while (!signal.aborted) {
      const current = services()
      try {
        const bot = await findBot(current, botId)
        const token = bot ? await openToken(current, bot) : null
        if (!bot || !token || !bot.isActive) return
        const updates: Update[] = await telegramClient(current, token, { signal }).call(
          'getUpdates',
          { offset, timeout: LONG_POLL_SECONDS, limit: 100, allowed_updates: [...ALLOWED_UPDATES] },
        )
        for (const update of updates) {
          await receiveUpdate(current, bot, update)
          offset = update.update_id + 1
        }
      } catch (error) {
        if (signal.aborted) return
        const failure = TelegramApiError.from('getUpdates', error)
        current.log.warn('bot.polling_failed', {
          botId,
          code: failure.code,
          error: failure.description,
        })
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS))
      }
    }
  }

  // Not waiting for the loop: a scenario run by this very loop may be the one stopping its bot.
  const stop = async (botId: number) => {
    const loop = loops.get(botId)
    if (!loop) return
    loops.delete(botId)
    loop.controller.abort()
  }

  return {
    async start(botId) {
      if (loops.has(botId)) return
      const controller = new AbortController()
      const done = run(botId, controller.signal).finally(() => {
        if (loops.get(botId)?.controller === controller) loops.delete(botId)
      })
      loops.set(botId, { controller, done })
    },
    stop,
    isPolling: (botId) => loops.has(botId),
    async stopAll() {
      const running = [...loops.values()]
      for (const loop of running) loop.controller.abort()
      loops.clear()
      await Promise.all(running.map((loop) => loop.done))
    },
  }
}
