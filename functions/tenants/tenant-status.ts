import type { TenantRow } from '../../db/schema/index.ts'
import { type BotRecord, findBotOfTenant } from '../bots/bot-store.ts'
import type { Services } from '../platform/services.ts'
import { loadTenant } from './tenant-store.ts'

export type TenantStatus = {
  tenant: TenantRow
  bot: BotRecord | null
  bot_is_active: boolean
  bot_is_polling: boolean
  bot_is_webhook_active: boolean
  bot_is_working: boolean
  last_updated_at: string | null
  last_failed_at: string | null
  last_error: string | null
}

/**
 * A tenant's sync and bot state. The webhook counts as active when our last setWebhook succeeded
 * (we record it) and polling when this process runs the bot's getUpdates loop.
 */
export async function tenantStatus(
  services: Services,
  tenantId: number,
): Promise<TenantStatus | null> {
  const tenant = await loadTenant(services.db, tenantId)
  if (!tenant) return null
  const bot = await findBotOfTenant(services.db, tenantId)
  const running = bot?.isActive === true && tenant.isActive
  const polling = running && (services.local?.botPolling?.isPolling(bot.botId) ?? false)
  const webhook = running && bot.webhookUrl !== null
  return {
    tenant,
    bot,
    bot_is_active: bot?.isActive ?? false,
    bot_is_polling: polling,
    bot_is_webhook_active: webhook,
    bot_is_working: polling || webhook,
    last_updated_at: tenant.lastSyncedAt?.toISOString() ?? null,
    last_failed_at: tenant.lastFailedAt?.toISOString() ?? null,
    last_error: tenant.lastError,
  }
}
