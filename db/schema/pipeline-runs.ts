import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'
import { organizations } from './organizations.ts'
import { pipelines } from './pipelines.ts'

export const runStatuses = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL_FAILED'] as const
export type RunStatusValue = (typeof runStatuses)[number]

export const stepStatuses = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'] as const
export type StepStatusValue = (typeof stepStatuses)[number]

/**
 * One execution of a pipeline. Every step transition locks this row first, which serialises the
 * transitions of one run (two predecessors finishing together cannot both miss the join) and lets
 * the run's events be numbered without gaps.
 */
export const pipelineRuns = pgTable(
  'pipeline_runs',
  {
    id: uuid('id').primaryKey(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    status: text('status', { enum: runStatuses }).notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    error: text('error'),
    /** The step whose failure stopped the run; nothing new starts once it is set. */
    failedStep: integer('failed_step'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    retryOf: uuid('retry_of'),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('pipeline_runs_organization_created_idx').on(table.organizationId, table.createdAt),
  ],
)

/**
 * One row per graph node. A step is claimed by a conditional update (PENDING → RUNNING, or a
 * RUNNING step whose lease ran out because its handler died); `claimToken` fences the finish so
 * only the current holder records the outcome.
 */
export const pipelineRunSteps = pgTable(
  'pipeline_run_steps',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    name: text('name'),
    capabilityId: uuid('capability_id'),
    actionId: uuid('action_id'),
    /** The graph node's wiring, copied so a step needs no pipeline lookup. */
    predecessors: jsonb('predecessors').$type<number[]>().notNull(),
    externalInputs: jsonb('external_inputs').$type<string[]>().notNull(),
    inputTypes: jsonb('input_types').$type<{ from_step: number; type: string }[]>().notNull(),
    method: text('method'),
    statusCode: integer('status_code'),
    status: text('status', { enum: stepStatuses }).notNull(),
    attempt: integer('attempt').notNull().default(0),
    resolvedInputs: jsonb('resolved_inputs').$type<Record<string, unknown>>(),
    acceptedPayload: jsonb('accepted_payload'),
    outputPayload: jsonb('output_payload'),
    requestSnapshot: jsonb('request_snapshot').$type<Record<string, unknown>>(),
    responseSnapshot: jsonb('response_snapshot').$type<Record<string, unknown>>(),
    error: text('error'),
    claimToken: uuid('claim_token'),
    leaseUntil: timestamptz('lease_until'),
    /** Set on a retry run's steps whose result was taken over from the failed run. */
    reusedFromRunId: uuid('reused_from_run_id'),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    durationMs: integer('duration_ms'),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.step] })],
)

export const runEventKinds = ['run', 'step'] as const
export type RunEventKind = (typeof runEventKinds)[number]

/** Status changes of a run and its steps, numbered 1, 2, … per run: the SSE stream's `id:`. */
export const pipelineRunEvents = pgTable(
  'pipeline_run_events',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: runEventKinds }).notNull(),
    step: integer('step'),
    status: text('status').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.seq] })],
)

export type PipelineRunRow = typeof pipelineRuns.$inferSelect
export type PipelineRunStepRow = typeof pipelineRunSteps.$inferSelect
export type PipelineRunEventRow = typeof pipelineRunEvents.$inferSelect
