import type { Services } from '../platform/services.ts'
import { loadTenant } from './tenant-store.ts'

/** What an event of a tenant needs: its organization, whether it runs, its zone and `_config`. */
export type TenantRuntime = {
  tenantId: number
  organizationId: string
  isActive: boolean
  timezone: string
  /** `_config` as scenarios see it, secrets opened. Never log it. */
  config: Record<string, unknown>
}

type Cached = Omit<TenantRuntime, 'config'> & { aiTokenSealed: string | null }

const TTL_SECONDS = 3600
const keyOf = (tenantId: number) => `tenant:${tenantId}:config`

/** The tenant's runtime settings, from the cache (secrets stay sealed there) or the database. */
export async function tenantRuntime(
  services: Services,
  tenantId: number,
): Promise<TenantRuntime | null> {
  let cached = await services.cache.get<Cached>(keyOf(tenantId))
  if (!cached) {
    const row = await loadTenant(services.db, tenantId)
    if (!row) return null
    cached = {
      tenantId,
      organizationId: row.organizationId,
      isActive: row.isActive,
      timezone: row.timezone ?? 'UTC',
      aiTokenSealed: row.config.ai_token_sealed ?? null,
    }
    await services.cache.set(keyOf(tenantId), cached, { ttlSeconds: TTL_SECONDS })
  }
  const { aiTokenSealed, ...rest } = cached
  const config: Record<string, unknown> = {}
  if (aiTokenSealed) config.ai_token = await services.secrets.decrypt(aiTokenSealed)
  if (rest.timezone !== 'UTC') config.timezone = rest.timezone
  return { ...rest, config }
}

export async function invalidateTenantRuntime(services: Services, tenantId: number) {
  await services.cache.delete(keyOf(tenantId))
}
