import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { barrier, type FakeService } from '../services/fake-http-service.ts'
import { dbBackends } from '../support/backends.ts'
import { unreachableUrl } from '../support/fake-llm.ts'
import { createHarness, type Harness, type ResponseBody, signUp } from '../support/harness.ts'
import { seed } from './planning/travel-fixture.ts'
import {
  generate,
  registerTravel,
  settle,
  startRun,
  startTravelService,
  stepOf,
  TRAVEL_INPUTS,
  travelPipeline,
} from './travel-service.ts'

const seedPartialFailed =
  seed.paths['/api/v1/executions/{run_id}'].get.responses['200'].content['application/json']
    .examples.partial_failed.value

/** The seed's step without what differs per run: ids and times. */
const comparable = ({
  capability_id: _c,
  action_id: _a,
  started_at: _s,
  finished_at: _f,
  duration_ms: _d,
  created_at: _cr,
  updated_at: _u,
  attempt: _at,
  ...rest
}: ResponseBody) => rest

describe.each(dbBackends)('failing steps on %s', (backend) => {
  let harness: Harness
  let service: FakeService | undefined
  beforeAll(async () => {
    harness = await createHarness({ backend, env: { PIPELINE_RETRY_BACKOFF_MS: '5' } })
  })
  afterAll(() => harness.close())
  afterEach(async () => {
    await service?.close()
    service = undefined
  })

  it("matches the seed's partial_failed example when step 4 answers 504", async () => {
    service = await startTravelService({
      'GET /users/recent': () => ({ body: { users: [] } }),
      'POST /segments': () => ({ body: { segments: [] } }),
      'POST /assignments/hotels': () => ({ status: 504, body: { detail: 'Gateway Timeout' } }),
    })
    const user = await signUp(harness.app)
    const { pipelineId } = await travelPipeline(harness.app, user.token, service)
    const runId = await startRun(harness.app, user.token, pipelineId, TRAVEL_INPUTS)
    const detail = await settle(harness, user.token, runId)

    const { id: _i, pipeline_id: _p, steps: seedSteps, ...seedRun } = seedPartialFailed
    expect(detail).toMatchObject({
      ...seedRun,
      started_at: expect.any(String),
      finished_at: expect.any(String),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    })
    expect(detail.summary).toEqual({ total_steps: 5, succeeded: 3, failed: 1, skipped: 1 })
    const [seedStep1, seedStep4, seedStep5] = seedSteps
    expect(comparable(stepOf(detail, 1))).toEqual({
      ...comparable(seedStep1),
      request_snapshot: { ...seedStep1.request_snapshot, query: { days_back: '7' } },
    })
    expect(comparable(stepOf(detail, 4))).toEqual(comparable(seedStep4))
    expect(comparable(stepOf(detail, 5))).toEqual(comparable(seedStep5))
    expect(stepOf(detail, 5)).toMatchObject({
      started_at: null,
      finished_at: null,
      duration_ms: null,
    })

    // Three attempts in all, each with the same idempotency key; step 5 never called.
    expect(stepOf(detail, 4).attempt).toBe(3)
    const attempts = service.calls('POST /assignments/hotels')
    expect(attempts.map((r) => r.headers['idempotency-key'])).toEqual(Array(3).fill(`${runId}:4`))
    expect(service.calls('POST /emails/offers')).toHaveLength(0)
  })

  it('retries 503 and 429 answers and succeeds on the third attempt', async () => {
    const answers = [
      { status: 503, body: { detail: 'Service Unavailable' } },
      { status: 429, body: { detail: 'Too Many Requests' }, headers: { 'Retry-After': '0' } },
    ]
    service = await startTravelService({
      'POST /segments': () => answers.shift() ?? { body: { segments: [{ user_id: 1 }] } },
    })
    const user = await signUp(harness.app)
    const { pipelineId } = await travelPipeline(harness.app, user.token, service)
    const detail = await settle(
      harness,
      user.token,
      await startRun(harness.app, user.token, pipelineId),
    )
    expect(detail.status).toBe('SUCCEEDED')
    expect(stepOf(detail, 3)).toMatchObject({ status: 'SUCCEEDED', attempt: 3, status_code: 200 })
    expect(service.calls('POST /segments')).toHaveLength(3)
  })

  it('does not retry a 4xx; a running sibling finishes, nothing new starts', async () => {
    const bothRoots = barrier(2)
    service = await startTravelService({
      'GET /users/recent': async () => {
        await bothRoots()
        return { status: 400, body: { detail: 'days_back must be positive' } }
      },
      'GET /hotels/top': async () => {
        await bothRoots()
        return { body: { hotels: [] } }
      },
    })
    const user = await signUp(harness.app)
    const { pipelineId } = await travelPipeline(harness.app, user.token, service)
    const detail = await settle(
      harness,
      user.token,
      await startRun(harness.app, user.token, pipelineId),
    )
    expect(detail).toMatchObject({
      status: 'PARTIAL_FAILED',
      error: 'Step 1 failed: request rejected by upstream service (HTTP 400)',
      summary: { total_steps: 5, succeeded: 1, failed: 1, skipped: 3 },
    })
    expect(stepOf(detail, 1)).toMatchObject({
      status: 'FAILED',
      attempt: 1,
      status_code: 400,
      error: 'Upstream rejected the request (HTTP 400): days_back must be positive',
      output_payload: { detail: 'days_back must be positive' },
    })
    expect(stepOf(detail, 2).status).toBe('SUCCEEDED')
    for (const step of [3, 4, 5]) {
      expect(stepOf(detail, step)).toMatchObject({
        status: 'SKIPPED',
        error: 'Skipped: run stopped after failure at step 1',
        method: null,
        resolved_inputs: null,
      })
    }
    expect(service.calls('POST /segments')).toHaveLength(0)
  })

  it('times a hanging step out per its timeout_ms, three times, then fails it', async () => {
    service = await startTravelService({ 'GET /users/recent': () => ({ hang: true }) })
    const user = await signUp(harness.app)
    const { pipelineId } = await travelPipeline(harness.app, user.token, service, {
      timeouts: { get_recent_users: 150 },
    })
    const detail = await settle(
      harness,
      user.token,
      await startRun(harness.app, user.token, pipelineId),
    )
    expect(detail.error).toBe('Step 1 failed: upstream service timeout')
    expect(stepOf(detail, 1)).toMatchObject({
      status: 'FAILED',
      attempt: 3,
      status_code: null,
      output_payload: null,
      response_snapshot: null,
      request_snapshot: { method: 'GET', path: '/users/recent' },
      error: 'Upstream timeout',
    })
    expect(stepOf(detail, 1).duration_ms).toBeGreaterThanOrEqual(450)
    expect(service.calls('GET /users/recent')).toHaveLength(3)
  })

  it('fails the run (nothing succeeded) when the service is unreachable', async () => {
    service = await startTravelService()
    const user = await signUp(harness.app)
    await registerTravel(harness.app, user.token, service, {
      baseUrls: { users_service: await unreachableUrl() },
    })
    const generated = await generate(
      harness.app,
      user.token,
      'Получи активных пользователей за последние 7 дней',
    )
    expect(generated.body.nodes.map((node: ResponseBody) => node.name)).toEqual([
      'get_recent_users',
    ])
    const runId = await startRun(harness.app, user.token, generated.body.pipeline_id)
    const detail = await settle(harness, user.token, runId)
    expect(detail).toMatchObject({
      status: 'FAILED',
      error: 'Step 1 failed: upstream service unreachable',
      summary: { total_steps: 1, succeeded: 0, failed: 1, skipped: 0 },
    })
    expect(stepOf(detail, 1)).toMatchObject({ status: 'FAILED', attempt: 3, status_code: null })
    expect(stepOf(detail, 1).error).toMatch(/^Upstream unreachable: /)
  })
})
