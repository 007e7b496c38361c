import { and, eq, lt } from 'drizzle-orm'
import { telegramUpdates } from '../../db/schema/index.ts'
import type { Services } from '../platform/services.ts'
import { enqueueDueSchedules } from '../scenarios/schedule/run-due.ts'

const MINUTE = 60_000
/** A received update nobody claimed for this long was left by a failure; the queue takes it. */
const STRANDED_AFTER_MS = 2 * MINUTE
/** Processing this long means the process died mid-run; it is not retried (messages may be out). */
const ABANDONED_AFTER_MS = 15 * MINUTE
/** Telegram never repeats an update after a day; a week of records is plenty for support. */
const KEEP_UPDATES_MS = 7 * 24 * 60 * MINUTE

/** The bots' share of the minute tick: due schedules, stranded updates, old update records. */
export async function runBotsTick(services: Services): Promise<void> {
  const now = services.clock.now().getTime()
  await enqueueDueSchedules(services)
  const stranded = await services.db
    .select({ botId: telegramUpdates.botId, updateId: telegramUpdates.updateId })
    .from(telegramUpdates)
    .where(
      and(
        eq(telegramUpdates.status, 'received'),
        lt(telegramUpdates.receivedAt, new Date(now - STRANDED_AFTER_MS)),
      ),
    )
    .limit(100)
  const bucket = Math.floor(now / MINUTE)
  for (const { botId, updateId } of stranded) {
    await services.queue.publish(
      'telegram-update',
      { bot_id: botId, update_id: updateId },
      { deduplicationId: `telegram-update:${botId}:${updateId}:sweep:${bucket}` },
    )
  }
  await services.db
    .update(telegramUpdates)
    .set({ status: 'failed', error: 'interrupted while processing', finishedAt: new Date(now) })
    .where(
      and(
        eq(telegramUpdates.status, 'processing'),
        lt(telegramUpdates.receivedAt, new Date(now - ABANDONED_AFTER_MS)),
      ),
    )
  await services.db
    .delete(telegramUpdates)
    .where(lt(telegramUpdates.receivedAt, new Date(now - KEEP_UPDATES_MS)))
}
