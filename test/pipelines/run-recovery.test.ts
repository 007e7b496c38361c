import { and, eq, like } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { pipelineRunSteps, pipelineRuns, queueJobs } from '../../db/schema/index.ts'
import type { Queue } from '../../functions/platform/queue/queue.ts'
import type { FakeService } from '../services/fake-http-service.ts'
import { dbBackends } from '../support/backends.ts'
import { call, createHarness, type Harness, type ResponseBody, signUp } from '../support/harness.ts'
import {
  settle,
  settleFinished,
  startRun,
  startTravelService,
  stepOf,
  travelPipeline,
} from './travel-service.ts'

const ROUTES = [
  'GET /users/recent',
  'GET /hotels/top',
  'POST /segments',
  'POST /assignments/hotels',
  'POST /emails/offers',
]

describe.each(dbBackends)('recovering runs on %s', (backend) => {
  let harness: Harness
  let service: FakeService
  let user: Awaited<ReturnType<typeof signUp>>
  let pipelineId: string
  let realQueue: Queue
  beforeAll(async () => {
    harness = await createHarness({ backend, env: { PIPELINE_RETRY_BACKOFF_MS: '5' } })
    realQueue = harness.services.queue
    service = await startTravelService()
    user = await signUp(harness.app)
    ;({ pipelineId } = await travelPipeline(harness.app, user.token, service))
  })
  beforeEach(() => {
    service.requests.length = 0
  })
  afterEach(() => {
    harness.services.queue = realQueue
  })
  afterAll(async () => {
    await service.close()
    await harness.close()
  })

  const deliver = (runId: string, step: number, attempt = 1) =>
    harness.topics.dispatch(
      harness.services,
      'pipeline-step',
      { run_id: runId, step },
      { topic: 'pipeline-step', messageId: `dup-${step}-${attempt}`, attempt },
    )

  /** What a handler that claimed the step and then died leaves behind: RUNNING, lease expired. */
  const abandonStep = async (runId: string, step: number) => {
    await harness.services.db
      .update(pipelineRunSteps)
      .set({
        status: 'RUNNING',
        attempt: 1,
        claimToken: crypto.randomUUID(),
        leaseUntil: new Date(Date.now() - 1_000),
        startedAt: new Date(),
      })
      .where(and(eq(pipelineRunSteps.runId, runId), eq(pipelineRunSteps.step, step)))
    await harness.services.db
      .update(pipelineRuns)
      .set({ status: 'RUNNING' })
      .where(eq(pipelineRuns.id, runId))
  }

  const expectEachRouteCalledOnce = () => {
    for (const route of ROUTES) expect(service.calls(route), route).toHaveLength(1)
  }

  it('never runs a step twice when its message is delivered more than once', async () => {
    const runId = await startRun(harness.app, user.token, pipelineId)
    // Two extra deliveries of step 1 race the queued one; later, finished steps come again.
    await Promise.all([deliver(runId, 1, 2), deliver(runId, 1, 3), harness.drain()])
    const detail = await settle(harness, user.token, runId)
    expect(detail.status).toBe('SUCCEEDED')
    for (const step of [1, 3, 5]) await deliver(runId, step, 4)
    await harness.drain()
    expectEachRouteCalledOnce()
    expect(stepOf(await settle(harness, user.token, runId), 1).attempt).toBe(1)
  })

  it('loses nothing when publishing the next step fails after a step finished', async () => {
    let failures = 0
    harness.services.queue = {
      kind: realQueue.kind,
      ping: () => realQueue.ping(),
      publish(topic, payload, options) {
        // The handler finishing the join's second predecessor "crashes" before step 3 is queued.
        if ((payload as { step?: number }).step === 3 && failures === 0) {
          failures += 1
          return Promise.reject(new Error('queue unavailable'))
        }
        return realQueue.publish(topic, payload, options)
      },
    }
    const runId = await startRun(harness.app, user.token, pipelineId)
    const detail = await settleFinished(harness, user.token, runId)
    expect(failures).toBe(1)
    expect(detail.status).toBe('SUCCEEDED')
    expectEachRouteCalledOnce()
  })

  it('resumes a step whose handler died mid-call once its lease has run out', async () => {
    const runId = await startRun(harness.app, user.token, pipelineId)
    await abandonStep(runId, 1)
    const detail = await settle(harness, user.token, runId)
    expect(detail.status).toBe('SUCCEEDED')
    expect(stepOf(detail, 1).attempt).toBe(2)
    expectEachRouteCalledOnce()
    const events = await call(harness.app, 'GET', `/api/v1/executions/${runId}/events`, {
      token: user.token,
    })
    expect(events.body).toContain('"step":1,"status":"RUNNING","resumed":true')
  })

  it('finishes a lost in-flight step after a cancel, so the run still ends', async () => {
    const runId = await startRun(harness.app, user.token, pipelineId)
    await abandonStep(runId, 1)
    const cancelled = await call(harness.app, 'POST', `/api/v1/executions/${runId}/cancel`, {
      token: user.token,
    })
    expect(cancelled.body.status).toBe('RUNNING')
    const detail = await settle(harness, user.token, runId)
    expect(detail).toMatchObject({ status: 'PARTIAL_FAILED', error: 'Run cancelled' })
    expect(detail.steps.map((s: ResponseBody) => s.status)).toEqual([
      'SUCCEEDED',
      'SKIPPED',
      'SKIPPED',
      'SKIPPED',
      'SKIPPED',
    ])
    expect(service.requests.map((r) => r.path)).toEqual(['/users/recent'])
  })

  it('leaves a step with a live lease alone and looks again when the lease ends', async () => {
    const runId = await startRun(harness.app, user.token, pipelineId)
    const leaseUntil = new Date(Date.now() + 60_000)
    await harness.services.db
      .update(pipelineRunSteps)
      .set({ status: 'RUNNING', claimToken: crypto.randomUUID(), leaseUntil })
      .where(and(eq(pipelineRunSteps.runId, runId), eq(pipelineRunSteps.step, 1)))
    await harness.services.db
      .update(pipelineRuns)
      .set({ status: 'RUNNING' })
      .where(eq(pipelineRuns.id, runId))

    const waiting = await settle(harness, user.token, runId)
    expect(waiting.status).toBe('RUNNING')
    expect(stepOf(waiting, 1).status).toBe('RUNNING')
    expect(service.calls('GET /users/recent')).toHaveLength(0)
    const [check] = await harness.services.db
      .select()
      .from(queueJobs)
      .where(like(queueJobs.deduplicationId, `${runId}:1:lease:%`))
    expect(check?.runAt.getTime()).toBeGreaterThan(leaseUntil.getTime())

    // The lease runs out (its holder died) and the scheduled check arrives.
    await harness.services.db
      .update(pipelineRunSteps)
      .set({ leaseUntil: new Date(Date.now() - 1) })
      .where(and(eq(pipelineRunSteps.runId, runId), eq(pipelineRunSteps.step, 1)))
    await deliver(runId, 1, 2)
    const detail: ResponseBody = await settle(harness, user.token, runId)
    expect(detail.status).toBe('SUCCEEDED')
    expectEachRouteCalledOnce()
  })
})
