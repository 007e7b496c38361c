import { and, asc, eq, lte, or, sql } from 'drizzle-orm'
import type { Database } from '../../../db/database.ts'
import { queueJobs } from '../../../db/schema/index.ts'
import type { Clock, IdSource } from '../clock.ts'
import { DEFAULT_RETRIES, type PublishOptions, type PublishResult, type Queue } from './queue.ts'

/** Publishes into the `queue_jobs` outbox; `LocalQueueWorker` drains it. */
export class LocalQueue implements Queue {
  readonly kind = 'local'
  private readonly db: Database
  private readonly clock: Clock
  private readonly ids: IdSource
  private readonly onPublish: () => void

  constructor(deps: { db: Database; clock: Clock; ids: IdSource; onPublish?: () => void }) {
    this.db = deps.db
    this.clock = deps.clock
    this.ids = deps.ids
    this.onPublish = deps.onPublish ?? (() => {})
  }

  async publish(
    topic: string,
    payload: unknown,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    const now = this.clock.now()
    const runAt = new Date(now.getTime() + (options.delaySeconds ?? 0) * 1000)
    const inserted = await this.db
      .insert(queueJobs)
      .values({
        id: this.ids.uuid(),
        topic,
        payload: payload ?? null,
        deduplicationId: options.deduplicationId ?? null,
        maxAttempts: (options.retries ?? DEFAULT_RETRIES) + 1,
        runAt,
        createdAt: now,
      })
      .onConflictDoNothing({ target: queueJobs.deduplicationId })
      .returning({ id: queueJobs.id })
    const first = inserted[0]
    if (first) {
      this.onPublish()
      return { messageId: first.id, deduplicated: false }
    }
    const dedupId = options.deduplicationId ?? ''
    const [existing] = await this.db
      .select({ id: queueJobs.id })
      .from(queueJobs)
      .where(eq(queueJobs.deduplicationId, dedupId))
    return { messageId: existing?.id ?? '', deduplicated: true }
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`)
  }

  /** Jobs that are due now: pending ones whose time came, and running ones whose lease ran out. */
  static dueCondition(now: Date) {
    return or(
      and(eq(queueJobs.status, 'pending'), lte(queueJobs.runAt, now)),
      and(eq(queueJobs.status, 'running'), lte(queueJobs.lockedUntil, now)),
    )
  }

  static dueOrder = asc(queueJobs.runAt)
}
