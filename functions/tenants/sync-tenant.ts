import { eq } from 'drizzle-orm'
import { bots, type StoredTenantConfig, type TenantRow, tenants } from '../../db/schema/index.ts'
import { withTransaction } from '../../db/transaction.ts'
import { reconcileReceiving } from '../bots/bot-lifecycle.ts'
import { findBotOfTenant, invalidateBot } from '../bots/bot-store.ts'
import type { TenantConfig } from '../bots/config-schema.ts'
import {
  invalidateScenarioCaches,
  replaceScenarios,
  replaceStorage,
} from '../bots/scenario-engine.ts'
import { TelegramApiError } from '../bots/telegram/client.ts'
import { syncOrganizationAdmins } from '../organizations/service.ts'
import type { Services } from '../platform/services.ts'
import { syncSchedules } from '../scenarios/schedule/schedule-store.ts'
import type { ConfigSnapshot } from './config-source.ts'
import { applyBot, type BotPlan, planBot, writeBot } from './sync-bot.ts'
import { pathsOf, readTenantFiles } from './tenant-files.ts'
import { invalidateTenantRuntime } from './tenant-runtime.ts'
import { ensureTenant, loadTenant, lockTenant, recordSyncFailure } from './tenant-store.ts'
import { describeSyncIssues, validateTenantFiles } from './validate-tenant.ts'

/** The parts of a tenant a sync writes (Coreness's blocks, plus config.yaml, which it forgot). */
export type SyncBlocks = { bot: boolean; config: boolean; scenarios: boolean; storage: boolean }

export const ALL_BLOCKS: SyncBlocks = { bot: true, config: true, scenarios: true, storage: true }

export type SyncOutcome =
  | { status: 'synced'; tenantId: number; botId: number | null; warnings: string[] }
  | { status: 'failed'; tenantId: number; error: string }
  | { status: 'removed'; tenantId: number }
  | { status: 'not_found'; tenantId: number }

/**
 * Syncs one tenant from a snapshot: reads and validates all its files, then swaps the chosen blocks
 * in one transaction, then tells Telegram (commands, webhook). Invalid files change nothing but
 * `last_failed_at`/`last_error`. Throws only on failures worth retrying (source or Telegram down).
 */
export async function syncTenant(
  services: Services,
  snapshot: ConfigSnapshot,
  tenantId: number,
  options: { blocks?: SyncBlocks; commit?: string } = {},
): Promise<SyncOutcome> {
  const existing = await loadTenant(services.db, tenantId)
  if (pathsOf(snapshot, tenantId).length === 0) {
    if (!existing) return { status: 'not_found', tenantId }
    await deactivateTenant(services, tenantId)
    return { status: 'removed', tenantId }
  }
  // A tenant never synced before gets everything, whatever changed.
  const blocks = existing?.lastSyncedAt ? (options.blocks ?? ALL_BLOCKS) : ALL_BLOCKS
  const files = await readTenantFiles(snapshot, tenantId)
  const validation = validateTenantFiles(files)
  if (!validation.ok)
    return fail(services, snapshot, tenantId, describeSyncIssues(validation.issues))
  const valid = validation.tenant

  let plan: BotPlan | null = null
  if (blocks.bot) {
    const planned = await planBot(services, tenantId, valid.bot, files.bot?.path ?? '')
    if ('issue' in planned)
      return fail(services, snapshot, tenantId, describeSyncIssues([planned.issue]))
    plan = planned.plan
  }

  const botId = await withTransaction(services.db, async (tx) => {
    await lockTenant(tx, tenantId)
    const row = await ensureTenant(tx, services, tenantId, snapshot.source)
    const now = services.clock.now()
    const changes: Partial<TenantRow> = {
      isActive: true,
      source: snapshot.source,
      lastSyncedAt: now,
      lastCommit: options.commit ?? snapshot.revision,
      updatedAt: now,
    }
    if (blocks.config) {
      changes.config = await storedConfig(services, row.config, valid.config)
      changes.timezone = valid.config?.timezone ?? null
      await syncOrganizationAdmins(tx, services, {
        organizationId: row.organizationId,
        emails: valid.config?.admins ?? [],
      })
    }
    await tx.update(tenants).set(changes).where(eq(tenants.tenantId, tenantId))
    const timezone = changes.timezone !== undefined ? changes.timezone : row.timezone
    if (blocks.scenarios) await replaceScenarios(tx, tenantId, valid.scenarios)
    if (blocks.scenarios || blocks.config) {
      await syncSchedules(
        tx,
        services.clock,
        tenantId,
        valid.scenarios.schedules,
        timezone ?? 'UTC',
        timezone !== row.timezone,
      )
    }
    if (blocks.storage && valid.storage) await replaceStorage(tx, tenantId, valid.storage)
    return plan ? writeBot(services, tx, tenantId, plan) : null
  })

  await invalidateTenantRuntime(services, tenantId)
  await invalidateScenarioCaches(services, tenantId)
  if (botId !== null) await invalidateBot(services, botId)
  if (plan && botId !== null) {
    try {
      await applyBot(services, botId, plan)
    } catch (error) {
      const failure = TelegramApiError.from('telegram', error)
      if (failure.transient) throw failure
      const file = files.bot?.path ?? `tenant_${tenantId}/bots/telegram.yaml`
      return fail(services, snapshot, tenantId, `${file}: Telegram refused ${failure.message}`)
    }
  }
  services.log.info('tenant.synced', { tenantId, source: snapshot.source, blocks })
  return { status: 'synced', tenantId, botId, warnings: valid.warnings }
}

async function fail(
  services: Services,
  snapshot: ConfigSnapshot,
  tenantId: number,
  error: string,
): Promise<SyncOutcome> {
  await recordSyncFailure(services, tenantId, snapshot.source, error)
  await invalidateTenantRuntime(services, tenantId)
  return { status: 'failed', tenantId, error }
}

/** `config.yaml` as stored: a new ai_token is sealed; an absent one keeps what is stored. */
async function storedConfig(
  services: Services,
  current: StoredTenantConfig,
  config: TenantConfig | null,
): Promise<StoredTenantConfig> {
  const stored: StoredTenantConfig = { admins: config?.admins ?? [] }
  const sealed = config?.ai_token
    ? await services.secrets.encrypt(config.ai_token)
    : current.ai_token_sealed
  if (sealed) stored.ai_token_sealed = sealed
  return stored
}

/** The tenant's folder is gone: its bot stops and it is marked inactive; nothing is deleted. */
export async function deactivateTenant(services: Services, tenantId: number): Promise<void> {
  await withTransaction(services.db, async (tx) => {
    await lockTenant(tx, tenantId)
    const now = services.clock.now()
    await tx
      .update(tenants)
      .set({ isActive: false, updatedAt: now })
      .where(eq(tenants.tenantId, tenantId))
    await tx
      .update(bots)
      .set({ isActive: false, updatedAt: now })
      .where(eq(bots.tenantId, tenantId))
  })
  await invalidateTenantRuntime(services, tenantId)
  const bot = await findBotOfTenant(services.db, tenantId)
  if (bot) {
    await invalidateBot(services, bot.botId)
    await reconcileReceiving(services, bot.botId)
  }
  services.log.info('tenant.deactivated', { tenantId })
}
