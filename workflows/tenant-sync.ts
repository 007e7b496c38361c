import { z } from 'zod'
import { sourceFor } from '../functions/tenants/config-source.ts'
import { syncTenantNow } from '../functions/tenants/sync-service.ts'
import { recordSyncFailure } from '../functions/tenants/tenant-store.ts'
import { defineTopic } from './topic.ts'

const blocks = z.object({
  bot: z.boolean(),
  config: z.boolean(),
  scenarios: z.boolean(),
  storage: z.boolean(),
})

/**
 * Syncs one tenant from its source (published by the GitHub webhook, per tenant and commit, and by
 * the REST sync route). Invalid config is recorded, not retried. An unreachable source or Telegram is
 * recorded too, then thrown so the queue retries; a repeated delivery syncs the same content again.
 */
export const tenantSyncTopic = defineTopic({
  name: 'tenant-sync',
  payload: z.object({
    tenant_id: z.number().int().min(1),
    commit: z.string().optional(),
    blocks: blocks.optional(),
  }),
  async handle(payload, services, meta) {
    try {
      const outcome = await syncTenantNow(services, payload.tenant_id, payload.blocks)
      services.log.info('tenant_sync.done', {
        tenantId: payload.tenant_id,
        commit: payload.commit,
        status: outcome.status,
      })
    } catch (error) {
      const source = sourceFor(services, payload.tenant_id)
      const message = error instanceof Error ? error.message : String(error)
      if (source) {
        await recordSyncFailure(
          services,
          payload.tenant_id,
          source,
          `attempt ${meta.attempt}: ${message}`,
        )
      }
      throw error
    }
  },
})
