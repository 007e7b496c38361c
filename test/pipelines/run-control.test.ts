import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  ExecutionRunDetailResponseSchema,
  RunPipelineResponseSchema,
} from '../../functions/pipelines/schema.ts'
import type { FakeService, Route } from '../services/fake-http-service.ts'
import { dbBackends } from '../support/backends.ts'
import { call, createHarness, type Harness, type ResponseBody, signUp } from '../support/harness.ts'
import { readEvents } from './sse.ts'
import {
  contract,
  execution,
  settle,
  startRun,
  startTravelService,
  stepOf,
  travelPipeline,
  travelRoutes,
} from './travel-service.ts'

describe.each(dbBackends)('cancel, retry and events on %s', (backend) => {
  let harness: Harness
  let service: FakeService
  let user: Awaited<ReturnType<typeof signUp>>
  let pipelineId: string
  beforeAll(async () => {
    harness = await createHarness({ backend, env: { PIPELINE_RETRY_BACKOFF_MS: '5' } })
    service = await startTravelService()
    user = await signUp(harness.app)
    ;({ pipelineId } = await travelPipeline(harness.app, user.token, service))
  })
  beforeEach(() => {
    service.requests.length = 0
  })
  afterAll(async () => {
    await service.close()
    await harness.close()
  })

  it('cancels a run: pending steps are skipped, running ones finish, then it ends', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const held: Route = async () => {
      await gate
      return { body: { items: [] } }
    }
    service.route('GET /users/recent', held)
    service.route('GET /hotels/top', held)
    const runId = await startRun(harness.app, user.token, pipelineId)
    const draining = harness.drain()
    while (service.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5))

    const cancelled = await call(harness.app, 'POST', `/api/v1/executions/${runId}/cancel`, {
      token: user.token,
    })
    expect(cancelled.status).toBe(200)
    const during = contract(ExecutionRunDetailResponseSchema, cancelled.body)
    expect(during.status).toBe('RUNNING')
    expect(during.steps.map((step) => step.status)).toEqual([
      'RUNNING',
      'RUNNING',
      'SKIPPED',
      'SKIPPED',
      'SKIPPED',
    ])
    expect(during.steps[2]?.error).toBe('Skipped: run cancelled')

    release()
    await draining
    const detail = await settle(harness, user.token, runId)
    expect(detail).toMatchObject({
      status: 'PARTIAL_FAILED',
      error: 'Run cancelled',
      summary: { total_steps: 5, succeeded: 2, failed: 0, skipped: 3, cancelled: true },
    })
    expect(service.calls('POST /segments')).toHaveLength(0)
    const again = await call(harness.app, 'POST', `/api/v1/executions/${runId}/cancel`, {
      token: user.token,
    })
    expect(again.status).toBe(409)
    service.route('GET /users/recent', travelRoutes['GET /users/recent'] as Route)
    service.route('GET /hotels/top', travelRoutes['GET /hotels/top'] as Route)
  })

  it('retries a failed run from its failed step, reusing what succeeded', async () => {
    service.route('POST /assignments/hotels', () => ({
      status: 504,
      body: { detail: 'Gateway Timeout' },
    }))
    const failedId = await startRun(harness.app, user.token, pipelineId)
    const failed = await settle(harness, user.token, failedId)
    expect(failed.status).toBe('PARTIAL_FAILED')

    service.route('POST /assignments/hotels', () => ({ body: { assignments: [{ user_id: 1 }] } }))
    service.requests.length = 0
    const response = await call(harness.app, 'POST', `/api/v1/executions/${failedId}/retry`, {
      token: user.token,
      json: { inputs: { template_id: 'offer_template_2027' } },
    })
    expect(response.status).toBe(202)
    const queued = contract(RunPipelineResponseSchema, response.body)
    expect(queued).toMatchObject({ pipeline_id: pipelineId, status: 'QUEUED' })
    expect(queued.run_id).not.toBe(failedId)

    const retried = await settle(harness, user.token, queued.run_id)
    expect(retried).toMatchObject({ status: 'SUCCEEDED', retry_of: failedId })
    expect(retried.inputs.template_id).toBe('offer_template_2027')
    for (const step of [1, 2, 3]) {
      const { created_at: _a, updated_at: _b, ...kept } = stepOf(failed, step)
      expect(stepOf(retried, step)).toMatchObject(kept)
    }
    expect(service.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /assignments/hotels',
      'POST /emails/offers',
    ])
    expect(service.calls('POST /emails/offers')[0]?.body).toMatchObject({
      template_id: 'offer_template_2027',
    })

    const list = await call(harness.app, 'GET', '/api/v1/executions?limit=2', { token: user.token })
    expect(list.body.map((run: ResponseBody) => run.id)).toEqual([queued.run_id, failedId])
    const notFailed = await call(harness.app, 'POST', `/api/v1/executions/${queued.run_id}/retry`, {
      token: user.token,
    })
    expect(notFailed.status).toBe(409)
  })

  it('streams numbered status events, resumable with Last-Event-ID', async () => {
    const runId = await startRun(harness.app, user.token, pipelineId)
    const live = readEvents(harness.app, user.token, runId)
    await harness.drain()
    const events = await live

    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => String(index + 1)))
    expect(events[0]).toMatchObject({ event: 'run', data: { status: 'QUEUED', run_id: runId } })
    expect(events.at(-1)).toMatchObject({ event: 'run', data: { status: 'SUCCEEDED' } })
    const steps = events.filter((event) => event.event === 'step').map((e) => e.data)
    for (const step of [1, 2, 3, 4, 5]) {
      expect(steps.filter((e) => e.step === step).map((e) => e.status)).toEqual([
        'RUNNING',
        'SUCCEEDED',
      ])
    }
    expect(steps.find((e) => e.status === 'SUCCEEDED')).toMatchObject({
      attempt: 1,
      status_code: 200,
    })

    const tail = await readEvents(harness.app, user.token, runId, {
      'Last-Event-ID': String(events.length - 2),
    })
    expect(tail.map((event) => event.id)).toEqual([
      String(events.length - 1),
      String(events.length),
    ])
    const byQuery = await readEvents(harness.app, user.token, runId, {}, events.length - 1)
    expect(byQuery.map((event) => event.data.status)).toEqual(['SUCCEEDED'])
  })

  it('lists executions newest first within bounds, and only the organization’s', async () => {
    const first = await startRun(harness.app, user.token, pipelineId)
    const second = await startRun(harness.app, user.token, pipelineId)
    await harness.drain()
    const page = await call(harness.app, 'GET', '/api/v1/executions?limit=1&offset=1', {
      token: user.token,
    })
    expect(page.body.map((run: ResponseBody) => run.id)).toEqual([first])
    const newest = await call(harness.app, 'GET', '/api/v1/executions?limit=1', {
      token: user.token,
    })
    expect(newest.body[0]).toMatchObject({ id: second, status: 'SUCCEEDED', error: null })
    for (const query of ['limit=0', 'limit=201', 'offset=-1', 'limit=x']) {
      const invalid = await call(harness.app, 'GET', `/api/v1/executions?${query}`, {
        token: user.token,
      })
      expect(invalid.status, query).toBe(422)
    }

    const stranger = await signUp(harness.app)
    const theirs = await call(harness.app, 'GET', '/api/v1/executions', { token: stranger.token })
    expect(theirs.body).toEqual([])
    for (const path of ['', '/events']) {
      const hidden = await call(harness.app, 'GET', `/api/v1/executions/${first}${path}`, {
        token: stranger.token,
      })
      expect(hidden.status).toBe(404)
    }
    for (const action of ['cancel', 'retry']) {
      const hidden = await call(harness.app, 'POST', `/api/v1/executions/${first}/${action}`, {
        token: stranger.token,
      })
      expect(hidden.status).toBe(404)
    }
    await execution(harness.app, user.token, first)
  })
})
