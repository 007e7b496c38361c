import type { Update } from 'grammy/types'
import type { Services } from '../../platform/services.ts'
import { tenantRuntime } from '../../tenants/tenant-runtime.ts'
import type { BotRecord } from '../bot-store.ts'
import { normalizeUpdate } from '../normalize-update.ts'
import { runEvent, userStateFor } from '../scenario-engine.ts'
import { claimUpdate, finishUpdate, recordUpdate } from './record-update.ts'

export type UpdateOutcome = 'duplicate' | 'inactive' | 'ignored' | 'processed' | 'failed' | 'queued'

/**
 * The one path every update takes, whether it came by webhook, long polling or `process_event`:
 * record (dedupe) → normalize → user and state → the scenario engine. Throws only when the update
 * could not be recorded.
 */
export async function receiveUpdate(
  services: Services,
  bot: BotRecord,
  update: Update,
): Promise<UpdateOutcome> {
  if (!bot.isActive || !bot.tenantActive) return 'inactive'
  const recorded = await recordUpdate(services, bot.botId, update, 'processing')
  if (recorded === 'duplicate') return 'duplicate'
  try {
    return await processUpdate(services, bot, update, { fromQueue: false, claimed: true })
  } catch (error) {
    // Recorded, so Telegram must not send it again; the tick's sweep picks up what was left.
    services.log.error('telegram.update_stuck', { botId: bot.botId, error })
    return 'failed'
  }
}

/**
 * Processes a recorded update once (the claim makes repeats no-ops). Before the engine starts, a
 * failure (database, cache) hands the update to the `telegram-update` queue, or, on the queue,
 * throws so it is retried; once scenarios ran, a failure is recorded and not retried, because their
 * messages may already be out.
 */
export async function processUpdate(
  services: Services,
  bot: BotRecord,
  update: Update,
  options: { fromQueue: boolean; claimed?: boolean },
): Promise<UpdateOutcome> {
  const claimed = options.claimed || (await claimUpdate(services, bot.botId, update.update_id))
  if (!claimed) return 'duplicate'
  let prepared: Awaited<ReturnType<typeof prepare>>
  try {
    prepared = await prepare(services, bot, update)
  } catch (error) {
    await finishUpdate(services, bot.botId, update.update_id, { status: 'received' })
    if (options.fromQueue) throw error
    services.log.warn('telegram.update_deferred', { botId: bot.botId, error })
    await services.queue.publish(
      'telegram-update',
      { bot_id: bot.botId, update_id: update.update_id },
      { deduplicationId: `telegram-update:${bot.botId}:${update.update_id}` },
    )
    return 'queued'
  }
  if (!prepared) {
    await finishUpdate(services, bot.botId, update.update_id, { status: 'ignored' })
    return 'ignored'
  }
  const eventType = String(prepared.event.event_type)
  try {
    const run = await runEvent(services, prepared)
    await finishUpdate(services, bot.botId, update.update_id, {
      status: run.error ? 'failed' : 'processed',
      eventType,
      error: run.error ?? null,
    })
    return run.error ? 'failed' : 'processed'
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    services.log.error('telegram.update_failed', { botId: bot.botId, error })
    await finishUpdate(services, bot.botId, update.update_id, {
      status: 'failed',
      eventType,
      error: message,
    })
    return 'failed'
  }
}

async function prepare(services: Services, bot: BotRecord, update: Update) {
  const tenant = await tenantRuntime(services, bot.tenantId)
  if (!tenant) throw new Error(`Tenant ${bot.tenantId} of bot ${bot.botId} is missing`)
  const event = normalizeUpdate(
    update,
    {
      botId: bot.botId,
      tenantId: bot.tenantId,
      username: bot.username ?? '',
      timeZone: tenant.timezone,
    },
    services.clock.now(),
  )
  if (!event) return null
  const state = await userStateFor(services, bot.tenantId, event)
  return {
    tenantId: bot.tenantId,
    organizationId: tenant.organizationId,
    event: { ...event, ...state, _config: tenant.config } as Record<string, unknown>,
    config: tenant.config,
    timezone: tenant.timezone,
  }
}
