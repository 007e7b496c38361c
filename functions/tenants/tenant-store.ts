import { eq, sql } from 'drizzle-orm'
import type { Database, Queryable } from '../../db/database.ts'
import { type TenantRow, type TenantSource, tenants } from '../../db/schema/index.ts'
import { withTransaction } from '../../db/transaction.ts'
import { ensureTenantOrganization } from '../organizations/service.ts'
import type { Services } from '../platform/services.ts'

type Deps = Pick<Services, 'ids' | 'clock'>

export async function loadTenant(db: Queryable, tenantId: number): Promise<TenantRow | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.tenantId, tenantId))
  return row ?? null
}

/** The tenant's row and organization, created (inactive) the first time the tenant is seen. */
export async function ensureTenant(
  tx: Queryable,
  deps: Deps,
  tenantId: number,
  source: TenantSource,
): Promise<TenantRow> {
  const organization = await ensureTenantOrganization(tx, deps, {
    tenantId,
    name: `Tenant ${tenantId}`,
  })
  await tx
    .insert(tenants)
    .values({
      tenantId,
      organizationId: organization.id,
      source,
      createdAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    })
    .onConflictDoNothing({ target: tenants.tenantId })
  const row = await loadTenant(tx, tenantId)
  if (!row) throw new Error(`Tenant ${tenantId} vanished during its sync`)
  return row
}

/** Serializes syncs of one tenant: the second waits for the first's transaction to end. */
export async function lockTenant(tx: Queryable, tenantId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${tenantId})`)
}

/** A failed sync: the previous configuration keeps running; the error is kept for status. */
export async function recordSyncFailure(
  services: Services,
  tenantId: number,
  source: TenantSource,
  error: string,
): Promise<void> {
  await withTransaction(services.db, async (tx) => {
    await ensureTenant(tx, services, tenantId, source)
    await tx
      .update(tenants)
      .set({
        lastFailedAt: services.clock.now(),
        lastError: error,
        updatedAt: services.clock.now(),
      })
      .where(eq(tenants.tenantId, tenantId))
  })
  services.log.warn('tenant.sync_failed', { tenantId, error })
}

export async function listTenants(db: Database): Promise<TenantRow[]> {
  return db.select().from(tenants).orderBy(tenants.tenantId)
}
