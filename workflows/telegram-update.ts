import type { Update } from 'grammy/types'
import { z } from 'zod'
import { findBot } from '../functions/bots/bot-store.ts'
import { processUpdate } from '../functions/bots/updates/process-update.ts'
import { findUpdate } from '../functions/bots/updates/record-update.ts'
import { defineTopic } from './topic.ts'

/**
 * A recorded update the webhook could not process (or the sweep found left over): processed from its
 * database record. A repeated delivery finds it claimed or finished and does nothing.
 */
export const telegramUpdateTopic = defineTopic({
  name: 'telegram-update',
  payload: z.object({ bot_id: z.number().int().min(1), update_id: z.number().int() }),
  async handle(payload, services) {
    const row = await findUpdate(services, payload.bot_id, payload.update_id)
    if (row?.status !== 'received') return
    const bot = await findBot(services, payload.bot_id, { fresh: true })
    if (!bot) return
    await processUpdate(services, bot, row.payload as Update, { fromQueue: true })
  },
})
