import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'
import { organizations } from './organizations.ts'

/**
 * A tenant's scenarios as loaded from its YAML (`definition` is the validated LoadedScenario), in load
 * order (`position`). A sync replaces them all; schedule run history lives in `scenario_schedules`,
 * keyed by name, so it survives.
 */
export const tenantScenarios = pgTable(
  'tenant_scenarios',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => organizations.tenantId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    file: text('file').notNull(),
    position: integer('position').notNull(),
    definition: jsonb('definition').notNull(),
    schedule: text('schedule'),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.name] })],
)

export const asyncActionStatuses = ['pending', 'running', 'done'] as const
export type AsyncActionStatus = (typeof asyncActionStatuses)[number]

/**
 * An `async: true` step: queued, then its outcome ({result, error, response_data}) once done, under
 * the action id of the execution that started it, where `wait_for_action` and `|ready` look.
 */
export const scenarioAsyncActions = pgTable(
  'scenario_async_actions',
  {
    executionId: uuid('execution_id').notNull(),
    actionId: text('action_id').notNull(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => organizations.tenantId, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    /** The step's input (the flat context and params) without `_config`, which is reloaded when it runs. */
    input: jsonb('input').notNull(),
    /** Which launch a queued job belongs to: a step that runs again replaces the row and its job. */
    launchId: uuid('launch_id').notNull(),
    status: text('status', { enum: asyncActionStatuses }).notNull().default('pending'),
    outcome: jsonb('outcome'),
    createdAt: createdAt(),
    claimedAt: timestamptz('claimed_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (table) => [
    primaryKey({ columns: [table.executionId, table.actionId] }),
    index('scenario_async_actions_created_idx').on(table.createdAt),
  ],
)

/**
 * A paused execution (a long `sleep`, a `wait_for_action` on an unfinished action): its state as plain
 * JSON until a `scenario-continue` job resumes it. Claimed by deleting it, so a repeat finds nothing.
 */
export const scenarioContinuations = pgTable(
  'scenario_continuations',
  {
    id: uuid('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => organizations.tenantId, { onDelete: 'cascade' }),
    executionId: uuid('execution_id').notNull(),
    /** The async action id a `wait_for_action` waits for; its completion resumes the execution. */
    waitingFor: text('waiting_for'),
    state: jsonb('state').notNull(),
    resumeAt: timestamptz('resume_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('scenario_continuations_execution_idx').on(table.executionId)],
)

/** `generate_unique_id`: one number per (tenant, seed), the same every time that seed comes back. */
export const scenarioUniqueIds = pgTable(
  'scenario_unique_ids',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => organizations.tenantId, { onDelete: 'cascade' }),
    seed: text('seed').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('scenario_unique_ids_seed_key').on(table.tenantId, table.seed)],
)
