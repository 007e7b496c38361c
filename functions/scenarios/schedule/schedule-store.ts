import { and, eq, notInArray } from 'drizzle-orm'
import type { Queryable } from '../../../db/database.ts'
import { scenarioSchedules } from '../../../db/schema/index.ts'
import type { Clock } from '../../platform/clock.ts'
import { nextRun } from './cron.ts'

export type ScheduleEntry = { name: string; schedule: string }

/**
 * Brings a tenant's schedules in line with its scenarios after a sync. A scenario whose schedule and
 * zone are unchanged keeps its next and last run; a new or changed one gets a next run from now;
 * one no longer scheduled is dropped.
 */
export async function syncSchedules(
  tx: Queryable,
  clock: Clock,
  tenantId: number,
  entries: readonly ScheduleEntry[],
  timeZone: string,
  zoneChanged: boolean,
): Promise<void> {
  const names = entries.map((entry) => entry.name)
  await tx
    .delete(scenarioSchedules)
    .where(
      and(
        eq(scenarioSchedules.tenantId, tenantId),
        ...(names.length > 0 ? [notInArray(scenarioSchedules.scenarioName, names)] : []),
      ),
    )
  const existing = await tx
    .select()
    .from(scenarioSchedules)
    .where(eq(scenarioSchedules.tenantId, tenantId))
  const byName = new Map(existing.map((row) => [row.scenarioName, row]))
  const now = clock.now()
  for (const entry of entries) {
    const row = byName.get(entry.name)
    if (row && row.schedule === entry.schedule && !zoneChanged) continue
    const nextRunAt = nextRun(entry.schedule, now, timeZone)
    if (row) {
      await tx
        .update(scenarioSchedules)
        .set({ schedule: entry.schedule, nextRunAt })
        .where(eq(scenarioSchedules.id, row.id))
    } else {
      await tx
        .insert(scenarioSchedules)
        .values({ tenantId, scenarioName: entry.name, schedule: entry.schedule, nextRunAt })
    }
  }
}
