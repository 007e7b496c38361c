import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { queueJobs } from '../../db/schema/index.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { LocalQueueWorker } from '../../functions/platform/queue/local-queue-worker.ts'
import { PermanentJobError } from '../../functions/platform/queue/queue.ts'
import { createTopicRouter, defineTopic } from '../../workflows/topic.ts'
import { dbBackends } from '../support/backends.ts'
import { createHarness, type Harness } from '../support/harness.ts'

type Behaviour = { failTimes?: number; permanent?: boolean; holdMs?: number }

describe.each(dbBackends)('local queue on %s', (backend) => {
  const handled: { id: string; attempt: number; startedAt: number; endedAt: number }[] = []
  const failures = new Map<string, number>()
  const topics = createTopicRouter([
    defineTopic({
      name: 'test-job',
      payload: z.object({ id: z.string(), behaviour: z.custom<Behaviour>().optional() }),
      async handle(payload, _services, meta) {
        const startedAt = performance.now()
        const behaviour = payload.behaviour ?? {}
        if (behaviour.permanent) throw new PermanentJobError('cannot ever work')
        const failed = failures.get(payload.id) ?? 0
        if (failed < (behaviour.failTimes ?? 0)) {
          failures.set(payload.id, failed + 1)
          throw new Error(`transient failure ${failed + 1}`)
        }
        if (behaviour.holdMs) await new Promise((resolve) => setTimeout(resolve, behaviour.holdMs))
        handled.push({
          id: payload.id,
          attempt: meta.attempt,
          startedAt,
          endedAt: performance.now(),
        })
      },
    }),
  ])

  let harness: Harness
  beforeAll(async () => {
    harness = await createHarness({ backend, topics })
  })
  afterAll(() => harness.close())

  const job = async (id: string) => {
    const [row] = await harness.services.db.select().from(queueJobs).where(eq(queueJobs.id, id))
    return row
  }

  it('delivers a published job to its topic handler', async () => {
    const { messageId, deduplicated } = await harness.services.queue.publish('test-job', {
      id: 'plain',
    })
    expect(deduplicated).toBe(false)
    await harness.drain()
    expect(handled.find((h) => h.id === 'plain')).toMatchObject({ attempt: 1 })
    expect(await job(messageId)).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('makes a second publish with the same deduplication id a no-op', async () => {
    const first = await harness.services.queue.publish(
      'test-job',
      { id: 'dedup' },
      { deduplicationId: 'same' },
    )
    const second = await harness.services.queue.publish(
      'test-job',
      { id: 'dedup' },
      { deduplicationId: 'same' },
    )
    expect(second).toEqual({ messageId: first.messageId, deduplicated: true })
    await harness.drain()
    expect(handled.filter((h) => h.id === 'dedup')).toHaveLength(1)
  })

  it('holds a delayed job until its time', async () => {
    await harness.services.queue.publish('test-job', { id: 'delayed' }, { delaySeconds: 1 })
    await harness.drain()
    expect(handled.some((h) => h.id === 'delayed')).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 1_050))
    await harness.drain()
    expect(handled.some((h) => h.id === 'delayed')).toBe(true)
  })

  it('retries a failing job with backoff and keeps the attempt count', async () => {
    const { messageId } = await harness.services.queue.publish('test-job', {
      id: 'flaky',
      behaviour: { failTimes: 2 },
    })
    for (let round = 0; round < 20 && !handled.some((h) => h.id === 'flaky'); round += 1) {
      await harness.drain()
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    expect(handled.find((h) => h.id === 'flaky')?.attempt).toBe(3)
    expect(await job(messageId)).toMatchObject({
      status: 'done',
      attempts: 3,
      lastError: 'transient failure 2',
    })
  })

  it('gives up after the retries are spent, and at once on a permanent error', async () => {
    const spent = await harness.services.queue.publish(
      'test-job',
      { id: 'hopeless', behaviour: { failTimes: 99 } },
      { retries: 1 },
    )
    const permanent = await harness.services.queue.publish('test-job', {
      id: 'broken',
      behaviour: { permanent: true },
    })
    const invalid = await harness.services.queue.publish('test-job', { nope: true })
    for (let round = 0; round < 10; round += 1) {
      await harness.drain()
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    expect(await job(spent.messageId)).toMatchObject({ status: 'dead', attempts: 2 })
    expect(await job(permanent.messageId)).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'cannot ever work',
    })
    expect((await job(invalid.messageId))?.lastError).toMatch(/^Invalid test-job payload: id:/)
  })

  it('runs independent jobs at the same time', async () => {
    await harness.services.queue.publish('test-job', { id: 'wide-1', behaviour: { holdMs: 150 } })
    await harness.services.queue.publish('test-job', { id: 'wide-2', behaviour: { holdMs: 150 } })
    await harness.drain()
    const [a, b] = ['wide-1', 'wide-2'].map((id) => handled.find((h) => h.id === id))
    expect(a && b && a.startedAt < b.endedAt && b.startedAt < a.endedAt).toBe(true)
  })

  it('resumes jobs left running by a process that died', async () => {
    const { messageId } = await harness.services.queue.publish('test-job', { id: 'orphan' })
    // A crashed drainer: the job is claimed with a long lease and never settled.
    await harness.services.db
      .update(queueJobs)
      .set({ status: 'running', attempts: 1, lockedUntil: new Date(Date.now() + 3_600_000) })
      .where(eq(queueJobs.id, messageId))
    await harness.drain()
    expect(handled.some((h) => h.id === 'orphan')).toBe(false)

    const restarted = new LocalQueueWorker({
      db: harness.services.db,
      clock: harness.services.clock,
      log: silentLogger,
      dispatch: (topic, payload, meta) => topics.dispatch(harness.services, topic, payload, meta),
      pollMs: 20,
    })
    await restarted.start({ exclusive: true })
    for (let i = 0; i < 100 && !handled.some((h) => h.id === 'orphan'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await restarted.stop()
    expect(handled.find((h) => h.id === 'orphan')?.attempt).toBe(2)
    expect(await job(messageId)).toMatchObject({ status: 'done' })
  })

  it('starts published jobs promptly from the background loop', async () => {
    await harness.worker.start()
    await harness.services.queue.publish('test-job', { id: 'background' })
    for (let i = 0; i < 100 && !handled.some((h) => h.id === 'background'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await harness.worker.stop()
    expect(handled.some((h) => h.id === 'background')).toBe(true)
  })
})
