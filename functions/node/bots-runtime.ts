import { and, eq } from 'drizzle-orm'
import { bots, tenants } from '../../db/schema/index.ts'
import { reconcileReceiving } from '../bots/bot-lifecycle.ts'
import type { Services } from '../platform/services.ts'
import { syncAllTenants } from '../tenants/sync-service.ts'
import { createBotPolling } from './bot-polling.ts'
import { localFileTree } from './tenant-files.ts'

/**
 * What `npm start` adds for bots: TENANT_CONFIG_DIR as a config source (synced now), and with
 * BOT_UPDATES=polling a getUpdates loop for every active bot.
 */
export async function startBotsRuntime(services: Services): Promise<{ stop(): Promise<void> }> {
  const { env } = services
  const polling = env.BOT_UPDATES === 'polling' ? createBotPolling(() => services) : null
  services.local = {
    ...services.local,
    ...(env.TENANT_CONFIG_DIR ? { tenantFiles: localFileTree(env.TENANT_CONFIG_DIR) } : {}),
    ...(polling ? { botPolling: polling } : {}),
  }
  if (env.TENANT_CONFIG_DIR) {
    const summary = await syncAllTenants(services, ['local'])
    for (const error of summary.errors) services.log.warn('tenant.local_sync_failed', { error })
  }
  if (polling) {
    const active = await services.db
      .select({ id: bots.id })
      .from(bots)
      .innerJoin(tenants, eq(tenants.tenantId, bots.tenantId))
      .where(and(eq(bots.isActive, true), eq(tenants.isActive, true)))
    for (const { id } of active) {
      // The sync above already started the folder's bots.
      if (polling.isPolling(id)) continue
      await reconcileReceiving(services, id).catch((error: unknown) =>
        services.log.warn('bot.polling_start_failed', { botId: id, error }),
      )
    }
  }
  return { stop: async () => polling?.stopAll() }
}
