import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { barrier, type FakeService, type Route } from '../services/fake-http-service.ts'
import { dbBackends } from '../support/backends.ts'
import { createHarness, type Harness, type ResponseBody, signUp } from '../support/harness.ts'
import {
  settle,
  startRun,
  startTravelService,
  stepOf,
  TRAVEL_INPUTS,
  travelPipeline,
  travelRoutes,
} from './travel-service.ts'

const overlap = (a: { startedAt: number; endedAt: number | null }, b: typeof a) =>
  a.startedAt < (b.endedAt ?? Number.POSITIVE_INFINITY) &&
  b.startedAt < (a.endedAt ?? Number.POSITIVE_INFINITY)

describe.each(dbBackends)('a travel pipeline run on %s', (backend) => {
  let harness: Harness
  let service: FakeService
  let user: Awaited<ReturnType<typeof signUp>>
  let pipelineId: string
  let capabilities: Awaited<ReturnType<typeof travelPipeline>>['capabilities']
  // Steps 1 and 2 each wait (up to 2 s) for the other to arrive: only a parallel start gets both
  // answers at once, so a sequential engine shows up as calls that do not overlap.
  let bothRoots = barrier(2)
  const waitForTheOther =
    (route: Route): Route =>
    async (request) => {
      await bothRoots()
      return route(request)
    }

  beforeAll(async () => {
    harness = await createHarness({ backend, env: { PIPELINE_RETRY_BACKOFF_MS: '5' } })
    service = await startTravelService({
      'GET /users/recent': waitForTheOther(travelRoutes['GET /users/recent'] as Route),
      'GET /hotels/top': waitForTheOther(travelRoutes['GET /hotels/top'] as Route),
    })
    user = await signUp(harness.app)
    ;({ pipelineId, capabilities } = await travelPipeline(harness.app, user.token, service, {
      headers: { 'X-Api-Key': 'k-travel-secret' },
    }))
  })
  afterAll(async () => {
    await service.close()
    await harness.close()
  })

  it('runs every step once to SUCCEEDED, steps 1 and 2 overlapping, 3 after both', async () => {
    service.requests.length = 0
    bothRoots = barrier(2)
    const runId = await startRun(harness.app, user.token, pipelineId)
    const detail = await settle(harness, user.token, runId)

    expect(detail).toMatchObject({
      id: runId,
      pipeline_id: pipelineId,
      status: 'SUCCEEDED',
      inputs: TRAVEL_INPUTS,
      summary: { total_steps: 5, succeeded: 5, failed: 0, skipped: 0 },
      error: null,
      retry_of: null,
    })
    expect(detail.started_at).not.toBeNull()
    expect(detail.finished_at).not.toBeNull()
    expect(
      detail.steps.map((s: ResponseBody) => [s.step, s.status, s.method, s.status_code]),
    ).toEqual([
      [1, 'SUCCEEDED', 'GET', 200],
      [2, 'SUCCEEDED', 'GET', 200],
      [3, 'SUCCEEDED', 'POST', 200],
      [4, 'SUCCEEDED', 'POST', 200],
      [5, 'SUCCEEDED', 'POST', 200],
    ])
    const ids = capabilities.map((capability) => [capability.id, capability.actions[0]?.id])
    expect(detail.steps.map((s: ResponseBody) => [s.capability_id, s.action_id])).toEqual(ids)
    for (const step of detail.steps) {
      expect(step.attempt).toBe(1)
      expect(step.error).toBeNull()
      expect(step.duration_ms).toBeGreaterThanOrEqual(0)
      expect(step.output_payload).toEqual(step.response_snapshot.body)
    }

    const [users, hotels, segments, ...rest] = [
      'GET /users/recent',
      'GET /hotels/top',
      'POST /segments',
      'POST /assignments/hotels',
      'POST /emails/offers',
    ].map((key) => service.calls(key))
    for (const calls of [users, hotels, segments, ...rest]) expect(calls).toHaveLength(1)
    const [u, h, s] = [users?.[0], hotels?.[0], segments?.[0]]
    if (!u || !h || !s) throw new Error('missing calls')
    expect(overlap(u, h)).toBe(true)
    expect(s.startedAt).toBeGreaterThan(Math.max(u.endedAt ?? 0, h.endedAt ?? 0))
  })

  it('sends inputs as the query for GET and as a JSON body with an Idempotency-Key otherwise', async () => {
    service.requests.length = 0
    bothRoots = barrier(2)
    const runId = await startRun(harness.app, user.token, pipelineId, { hotels_limit: 3 })
    const detail = await settle(harness, user.token, runId)
    expect(detail.inputs).toEqual({ ...TRAVEL_INPUTS, hotels_limit: 3 })

    const [users] = service.calls('GET /users/recent')
    const [hotels] = service.calls('GET /hotels/top')
    expect(users?.query).toEqual({ days_back: '7' })
    expect(hotels?.query).toEqual({ city: 'Berlin', hotels_limit: '3' })
    expect(stepOf(detail, 1)).toMatchObject({
      resolved_inputs: { days_back: 7 },
      accepted_payload: null,
      request_snapshot: { method: 'GET', path: '/users/recent', query: { days_back: '7' } },
    })
    expect(stepOf(detail, 3).resolved_inputs).toEqual({
      users: [{ id: 1, email: 'ann@example.com' }],
      hotels: [{ id: 'h1', city: 'Berlin' }],
    })
    const email = stepOf(detail, 5)
    expect(email.resolved_inputs).toEqual({
      assignments: [{ user_id: 1, hotel_id: 'h1' }],
      template_id: 'offer_template_2026',
    })
    expect(email.accepted_payload).toEqual(email.resolved_inputs)
    expect(email.request_snapshot).toEqual({
      method: 'POST',
      path: '/emails/offers',
      json_body: email.resolved_inputs,
    })
    const [sent] = service.calls('POST /emails/offers')
    expect(sent?.body).toEqual(email.resolved_inputs)

    for (const request of service.requests) {
      expect(request.headers['x-api-key']).toBe('k-travel-secret')
      const key = request.headers['idempotency-key']
      if (request.method === 'GET') expect(key).toBeUndefined()
    }
    const keys = ['POST /segments', 'POST /assignments/hotels', 'POST /emails/offers'].map(
      (route) => service.calls(route)[0]?.headers['idempotency-key'],
    )
    expect(keys).toEqual([`${runId}:3`, `${runId}:4`, `${runId}:5`])
  })

  it('starts the join exactly once when its two predecessors finish together', async () => {
    for (let round = 0; round < 3; round += 1) {
      service.requests.length = 0
      bothRoots = barrier(2)
      const runId = await startRun(harness.app, user.token, pipelineId)
      const detail = await settle(harness, user.token, runId)
      expect(detail.status).toBe('SUCCEEDED')
      expect(service.calls('POST /segments')).toHaveLength(1)
      expect(service.requests).toHaveLength(5)
    }
  })
})
