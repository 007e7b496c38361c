import { eq } from 'drizzle-orm'
import { type TenantSource, tenants } from '../../db/schema/index.ts'
import type { Services } from '../platform/services.ts'
import {
  type ConfigSnapshot,
  isSystemTenant,
  openSnapshot,
  SourceUnavailableError,
  sourceFor,
  tenantIdOf,
  tenantIdsIn,
} from './config-source.ts'
import { ALL_BLOCKS, type SyncBlocks, type SyncOutcome, syncTenant } from './sync-tenant.ts'
import { recordSyncFailure } from './tenant-store.ts'

/**
 * Entry points of tenant sync: one tenant, every tenant, or the tenants a list of changed repository
 * paths touches. They read the source themselves; the queue job and the actions call them.
 */

/** Syncs one tenant from wherever it lives now. A source that cannot be read is recorded as the error. */
export async function syncTenantNow(
  services: Services,
  tenantId: number,
  blocks: SyncBlocks = ALL_BLOCKS,
): Promise<SyncOutcome> {
  const source = sourceFor(services, tenantId)
  if (!source) return { status: 'not_found', tenantId }
  let snapshot: ConfigSnapshot
  try {
    snapshot = await openSnapshot(services, source)
  } catch (error) {
    if (!(error instanceof SourceUnavailableError) || error.transient) throw error
    await recordSyncFailure(services, tenantId, source, error.message)
    return { status: 'failed', tenantId, error: error.message }
  }
  return syncTenant(services, snapshot, tenantId, { blocks })
}

export type SyncSummary = { outcomes: SyncOutcome[]; errors: string[] }

/**
 * Every tenant of every available source: system tenants from the local folder, the rest from GitHub
 * (or the local folder without a repository). Tenants a source used to hold but no longer does are
 * deactivated. One tenant failing does not stop the others.
 */
export async function syncAllTenants(
  services: Services,
  only: TenantSource[] = ['local', 'github'],
): Promise<SyncSummary> {
  const sources = new Set<TenantSource>()
  if (services.local?.tenantFiles && only.includes('local')) sources.add('local')
  if (services.env.TENANT_REPO && only.includes('github')) sources.add('github')
  const summary: SyncSummary = { outcomes: [], errors: [] }
  for (const source of sources) {
    let snapshot: ConfigSnapshot
    try {
      snapshot = await openSnapshot(services, source)
    } catch (error) {
      summary.errors.push(error instanceof Error ? error.message : String(error))
      continue
    }
    const present = tenantIdsIn(snapshot, services)
    const known = await services.db
      .select({ tenantId: tenants.tenantId })
      .from(tenants)
      .where(eq(tenants.source, source))
    const gone = known.map((row) => row.tenantId).filter((id) => !present.includes(id))
    for (const tenantId of [...present, ...gone]) {
      try {
        const outcome = await syncTenant(services, snapshot, tenantId)
        summary.outcomes.push(outcome)
        if (outcome.status === 'failed') summary.errors.push(`Tenant-${tenantId}: ${outcome.error}`)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        summary.errors.push(`Tenant-${tenantId}: ${message}`)
      }
    }
  }
  return summary
}

/** Blocks touched per tenant by changed repository paths (`tenant/tenant_<ID>/…`), as §7.1 maps them. */
export function changedTenants(
  paths: readonly string[],
  onIgnored: (path: string, reason: string) => void = () => {},
): Map<number, SyncBlocks> {
  const changes = new Map<number, SyncBlocks>()
  for (const path of paths) {
    const match = /^tenant\/(tenant_[^/]+)\/(.*)$/.exec(path)
    const tenantId = match?.[1] ? tenantIdOf(match[1]) : null
    if (!match || tenantId === null) continue
    if (isSystemTenant(tenantId)) {
      onIgnored(path, 'system tenants are never taken from GitHub')
      continue
    }
    const rest = match[2] ?? ''
    const blocks = changes.get(tenantId) ?? {
      bot: false,
      config: false,
      scenarios: false,
      storage: false,
    }
    if (rest.startsWith('bots/')) blocks.bot = true
    else if (rest.startsWith('scenarios/')) blocks.scenarios = true
    else if (rest.startsWith('storage/')) blocks.storage = true
    else if (/^config\.ya?ml$/.test(rest)) blocks.config = true
    changes.set(tenantId, blocks)
  }
  return changes
}
