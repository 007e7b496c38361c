import { and, eq, inArray, min, sql } from 'drizzle-orm'
import type { Database } from '../../../db/database.ts'
import { type QueueJobRow, queueJobs } from '../../../db/schema/index.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import { LocalQueue } from './local-queue.ts'
import { type Dispatch, PermanentJobError } from './queue.ts'

export type LocalQueueWorkerOptions = {
  db: Database
  clock: Clock
  log: Logger
  dispatch: Dispatch
  /** Jobs handled at the same time. */
  concurrency?: number
  /** How long a claimed job is protected from other drainers before it counts as abandoned. */
  leaseMs?: number
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number
  maxBackoffMs?: number
  /** Longest sleep between polls, so delayed jobs and other processes' jobs are noticed. */
  pollMs?: number
}

/**
 * Drains the outbox in-process: claims due jobs with FOR UPDATE SKIP LOCKED, runs them through the
 * topic router, then marks them done, schedules a retry with exponential backoff, or marks them dead.
 */
export class LocalQueueWorker {
  private readonly options: Required<
    Omit<LocalQueueWorkerOptions, 'db' | 'clock' | 'log' | 'dispatch'>
  >
  private readonly db: Database
  private readonly clock: Clock
  private readonly log: Logger
  private readonly dispatch: Dispatch
  private readonly inFlight = new Set<Promise<void>>()
  private running = false
  private wakeUp: (() => void) | null = null
  private loop: Promise<void> | null = null

  constructor(options: LocalQueueWorkerOptions) {
    this.db = options.db
    this.clock = options.clock
    this.log = options.log
    this.dispatch = options.dispatch
    this.options = {
      concurrency: options.concurrency ?? 8,
      leaseMs: options.leaseMs ?? 5 * 60_000,
      backoffMs: options.backoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      pollMs: options.pollMs ?? 1_000,
    }
  }

  /** Starts the background loop. `exclusive`: this process is the only drainer (PGlite), so jobs left running by a previous process resume at once. */
  async start({ exclusive = false } = {}): Promise<void> {
    if (this.running) return
    if (exclusive) {
      await this.db
        .update(queueJobs)
        .set({ status: 'pending', lockedUntil: null })
        .where(eq(queueJobs.status, 'running'))
    }
    this.running = true
    this.loop = this.run()
  }

  async stop(): Promise<void> {
    this.running = false
    this.notify()
    await this.loop
    await Promise.allSettled([...this.inFlight])
  }

  /** Wakes the loop early: called on publish so a job starts without waiting for the next poll. */
  notify(): void {
    this.wakeUp?.()
  }

  /** Runs every job that is due now, and the jobs those publish, until nothing is due. For tests and scripts. */
  async drain(): Promise<number> {
    let handled = 0
    for (;;) {
      const claimed = await this.claim(this.options.concurrency)
      if (claimed.length === 0 && this.inFlight.size === 0) return handled
      handled += claimed.length
      for (const job of claimed) this.track(job)
      if (this.inFlight.size > 0) await Promise.race([...this.inFlight])
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const free = this.options.concurrency - this.inFlight.size
        if (free <= 0) {
          // Every slot is busy: wait for one to free up (a finishing job notifies). Polling for
          // due jobs here would spin without yielding to I/O when jobs are due, as PGlite
          // answers on microtasks, and the running jobs would never finish.
          await this.sleep(this.options.pollMs)
          continue
        }
        const claimed = await this.claim(free)
        for (const job of claimed) this.track(job)
        if (claimed.length > 0 && claimed.length === free) continue
        await this.sleep(await this.untilNextDue())
      } catch (error) {
        this.log.error('queue.loop_failed', { error })
        await this.sleep(this.options.pollMs)
      }
    }
  }

  private track(job: QueueJobRow): void {
    const work = this.handle(job).finally(() => {
      this.inFlight.delete(work)
      this.notify()
    })
    this.inFlight.add(work)
  }

  private async claim(limit: number): Promise<QueueJobRow[]> {
    const now = this.clock.now()
    const due = this.db
      .select({ id: queueJobs.id })
      .from(queueJobs)
      .where(LocalQueue.dueCondition(now))
      .orderBy(LocalQueue.dueOrder)
      .limit(limit)
      .for('update', { skipLocked: true })
    return this.db
      .update(queueJobs)
      .set({
        status: 'running',
        attempts: sql`${queueJobs.attempts} + 1`,
        lockedUntil: new Date(now.getTime() + this.options.leaseMs),
      })
      .where(inArray(queueJobs.id, due))
      .returning()
  }

  private async handle(job: QueueJobRow): Promise<void> {
    try {
      await this.dispatch(job.topic, job.payload, {
        topic: job.topic,
        messageId: job.id,
        attempt: job.attempts,
      })
      await this.finish(job, { status: 'done', finishedAt: this.clock.now(), lockedUntil: null })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const permanent = error instanceof PermanentJobError
      if (permanent || job.attempts >= job.maxAttempts) {
        this.log.error('queue.job_dead', {
          topic: job.topic,
          jobId: job.id,
          attempts: job.attempts,
          error: message,
        })
        await this.finish(job, {
          status: 'dead',
          lastError: message,
          finishedAt: this.clock.now(),
          lockedUntil: null,
        })
        return
      }
      const delay = Math.min(
        this.options.backoffMs * 2 ** (job.attempts - 1),
        this.options.maxBackoffMs,
      )
      this.log.warn('queue.job_retry', {
        topic: job.topic,
        jobId: job.id,
        attempt: job.attempts,
        delayMs: delay,
        error: message,
      })
      await this.finish(job, {
        status: 'pending',
        lastError: message,
        runAt: new Date(this.clock.now().getTime() + delay),
        lockedUntil: null,
      })
    }
  }

  private async finish(job: QueueJobRow, values: Partial<QueueJobRow>): Promise<void> {
    // Only the holder of this attempt may settle it; a drainer that took over an expired lease wins.
    await this.db
      .update(queueJobs)
      .set(values)
      .where(and(eq(queueJobs.id, job.id), eq(queueJobs.attempts, job.attempts)))
  }

  private async untilNextDue(): Promise<number> {
    const [row] = await this.db
      .select({ next: min(queueJobs.runAt) })
      .from(queueJobs)
      .where(eq(queueJobs.status, 'pending'))
    if (!row?.next) return this.options.pollMs
    const wait = new Date(row.next).getTime() - this.clock.now().getTime()
    return Math.max(0, Math.min(wait, this.options.pollMs))
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running || ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wakeUp = () => {
        this.wakeUp = null
        done()
      }
    })
  }
}
