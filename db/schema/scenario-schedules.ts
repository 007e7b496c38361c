import { index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns.ts'
import { tenants } from './tenants.ts'

/**
 * When each scheduled scenario runs next and last ran. Keyed by scenario name and kept apart from
 * the scenarios themselves, so a resync (which replaces every scenario) keeps the run history.
 */
export const scenarioSchedules = pgTable(
  'scenario_schedules',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    scenarioName: text('scenario_name').notNull(),
    schedule: text('schedule').notNull(),
    nextRunAt: timestamptz('next_run_at').notNull(),
    lastRunAt: timestamptz('last_run_at'),
    lastStatus: text('last_status'),
    lastError: text('last_error'),
    /** Set while a run is in flight, so the next tick does not start an overlapping one. */
    runningUntil: timestamptz('running_until'),
  },
  (table) => [
    unique('scenario_schedules_tenant_name_key').on(table.tenantId, table.scenarioName),
    index('scenario_schedules_due_idx').on(table.nextRunAt),
  ],
)

export type ScenarioScheduleRow = typeof scenarioSchedules.$inferSelect
