import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'

export const queueJobStatuses = ['pending', 'running', 'done', 'dead'] as const
export type QueueJobStatus = (typeof queueJobStatuses)[number]

/**
 * The embedded queue's outbox. A job is claimed by moving it to `running` with a lease
 * (`locked_until`); a lease that expires (the process died) makes it claimable again, which is how
 * pending work resumes after a restart.
 */
export const queueJobs = pgTable(
  'queue_jobs',
  {
    id: uuid('id').primaryKey(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    deduplicationId: text('deduplication_id').unique(),
    status: text('status', { enum: queueJobStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: timestamptz('run_at').notNull(),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: timestamptz('finished_at'),
  },
  (table) => [index('queue_jobs_due_idx').on(table.status, table.runAt)],
)

export type QueueJobRow = typeof queueJobs.$inferSelect
