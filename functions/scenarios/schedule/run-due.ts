import { and, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm'
import { scenarioSchedules, tenants } from '../../../db/schema/index.ts'
import { findBotOfTenant } from '../../bots/bot-store.ts'
import { runScheduledScenario } from '../../bots/scenario-engine.ts'
import type { Services } from '../../platform/services.ts'
import { tenantRuntime } from '../../tenants/tenant-runtime.ts'
import { nextRun } from './cron.ts'
import { formatZonedIso } from './zoned-time.ts'

/** How long a claimed run keeps the next tick off it; runs are bounded by action timeouts well below. */
const LEASE_MS = 30 * 60_000
const BATCH = 100

/**
 * The minute tick: claims the schedules that are due and not running (the lease is what stops
 * overlap) and queues one `scheduled-scenarios` job per run.
 */
export async function enqueueDueSchedules(services: Services): Promise<number> {
  const now = services.clock.now()
  const due = services.db
    .select({ id: scenarioSchedules.id })
    .from(scenarioSchedules)
    .innerJoin(tenants, eq(tenants.tenantId, scenarioSchedules.tenantId))
    .where(
      and(
        eq(tenants.isActive, true),
        lte(scenarioSchedules.nextRunAt, now),
        or(isNull(scenarioSchedules.runningUntil), lt(scenarioSchedules.runningUntil, now)),
      ),
    )
    .limit(BATCH)
    .for('update', { of: scenarioSchedules, skipLocked: true })
  const claimed = await services.db
    .update(scenarioSchedules)
    .set({ runningUntil: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(scenarioSchedules.id, due))
    .returning()
  for (const row of claimed) {
    const scheduledAt = row.nextRunAt.toISOString()
    await services.queue.publish(
      'scheduled-scenarios',
      { schedule_id: row.id, scheduled_at: scheduledAt },
      { deduplicationId: `scheduled:${row.id}:${scheduledAt}` },
    )
  }
  return claimed.length
}

/**
 * One run of a scheduled scenario with the synthetic event (§5.7). The next run is counted from
 * when this one finished, so a slow run skips the slots it overlapped instead of piling up.
 */
export async function runSchedule(
  services: Services,
  scheduleId: number,
  scheduledAt: Date,
): Promise<void> {
  const [row] = await services.db
    .select()
    .from(scenarioSchedules)
    .where(eq(scenarioSchedules.id, scheduleId))
  // Gone, or already run and rescheduled by an earlier delivery of this job.
  if (!row || row.nextRunAt.getTime() !== scheduledAt.getTime()) return
  const tenant = await tenantRuntime(services, row.tenantId)
  const startedAt = services.clock.now()
  let status = 'skipped'
  let error: string | null = null
  if (tenant?.isActive) {
    const bot = await findBotOfTenant(services.db, row.tenantId)
    const botId = bot?.botId ?? null
    const event = {
      system: { bot_id: botId, tenant_id: row.tenantId },
      tenant_id: row.tenantId,
      bot_id: botId,
      scheduled_at: formatZonedIso(scheduledAt, tenant.timezone),
      scheduled_scenario_id: row.id,
      scheduled_scenario_name: row.scenarioName,
      _config: tenant.config,
    }
    try {
      const run = await runScheduledScenario(services, {
        tenantId: row.tenantId,
        organizationId: tenant.organizationId,
        scenarioName: row.scenarioName,
        event,
        config: tenant.config,
        timezone: tenant.timezone,
      })
      status = run.error ? 'error' : 'success'
      error = run.error ?? null
    } catch (failure) {
      status = 'error'
      error = failure instanceof Error ? failure.message : String(failure)
    }
  }
  const finishedAt = services.clock.now()
  await services.db
    .update(scenarioSchedules)
    .set({
      lastRunAt: startedAt,
      lastStatus: status,
      lastError: error,
      nextRunAt: nextRun(row.schedule, finishedAt, tenant?.timezone ?? 'UTC'),
      runningUntil: null,
    })
    .where(eq(scenarioSchedules.id, row.id))
}
