import { and, eq } from 'drizzle-orm'
import type { Update } from 'grammy/types'
import { type TelegramUpdateStatus, telegramUpdates } from '../../../db/schema/index.ts'
import type { Services } from '../../platform/services.ts'

/** Telegram keeps undelivered updates for a day; a repeat can only come within that window. */
const DEDUPE_TTL_SECONDS = 86_400

const cacheKey = (botId: number, updateId: number) => `tg:update:${botId}:${updateId}`

/**
 * Records an update before anything is done with it. The cache's SET NX turns most repeats away
 * without touching the database; the row is the durable record (and the authority when the cache
 * was wiped or an earlier attempt died before recording). Throws when nothing could be recorded,
 * so the caller answers 5xx and Telegram delivers again. Recorded as `processing`, the caller has
 * claimed it in the same statement.
 */
export async function recordUpdate(
  services: Services,
  botId: number,
  update: Update,
  status: 'received' | 'processing' = 'received',
): Promise<'new' | 'duplicate'> {
  const key = cacheKey(botId, update.update_id)
  const fresh = await services.cache.set(key, 1, {
    onlyIfAbsent: true,
    ttlSeconds: DEDUPE_TTL_SECONDS,
  })
  if (!fresh && (await findUpdate(services, botId, update.update_id))) return 'duplicate'
  try {
    const inserted = await services.db
      .insert(telegramUpdates)
      .values({
        botId,
        updateId: update.update_id,
        status,
        payload: update,
        receivedAt: services.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ updateId: telegramUpdates.updateId })
    return inserted.length > 0 ? 'new' : 'duplicate'
  } catch (error) {
    await services.cache.delete(key).catch(() => 0)
    throw error
  }
}

export async function findUpdate(services: Services, botId: number, updateId: number) {
  const [row] = await services.db
    .select()
    .from(telegramUpdates)
    .where(and(eq(telegramUpdates.botId, botId), eq(telegramUpdates.updateId, updateId)))
  return row ?? null
}

/** Takes a received update for processing; false when someone else already has (or had) it. */
export async function claimUpdate(
  services: Services,
  botId: number,
  updateId: number,
): Promise<boolean> {
  const claimed = await services.db
    .update(telegramUpdates)
    .set({ status: 'processing' })
    .where(
      and(
        eq(telegramUpdates.botId, botId),
        eq(telegramUpdates.updateId, updateId),
        eq(telegramUpdates.status, 'received'),
      ),
    )
    .returning({ updateId: telegramUpdates.updateId })
  return claimed.length > 0
}

export async function finishUpdate(
  services: Services,
  botId: number,
  updateId: number,
  fields: { status: TelegramUpdateStatus; eventType?: string | null; error?: string | null },
): Promise<void> {
  const done = fields.status !== 'received'
  await services.db
    .update(telegramUpdates)
    .set({ ...fields, finishedAt: done ? services.clock.now() : null })
    .where(and(eq(telegramUpdates.botId, botId), eq(telegramUpdates.updateId, updateId)))
}
