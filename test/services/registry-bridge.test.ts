import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RecordedCall } from '../../functions/actions/define.ts'
import type { ActionCaller } from '../../functions/actions/types.ts'
import { call, createHarness, type Harness, signUp } from '../support/harness.ts'
import { type FakeService, startFakeService } from './fake-http-service.ts'

describe('connected service actions in the action registry', () => {
  let harness: Harness
  let service: FakeService
  let caller: ActionCaller
  let strangerCaller: ActionCaller
  beforeAll(async () => {
    harness = await createHarness()
    service = await startFakeService({
      'GET /users/recent': (r) => ({ body: { users: [{ id: 1 }], days: r.query.days_back } }),
      'GET /users/1': () => ({ body: [{ id: 1 }] }),
      'POST /emails/offers': (r) => ({ status: 202, body: { queued: r.body } }),
      'GET /broken': () => ({ status: 500, body: { detail: 'boom' } }),
      'GET /slow': () => ({ hang: true }),
    })
    const user = await signUp(harness.app)
    const stranger = await signUp(harness.app)
    caller = { kind: 'agent', organizationId: user.organizationId, sessionId: 's1' }
    strangerCaller = { kind: 'agent', organizationId: stranger.organizationId, sessionId: 's2' }
    const action = (name: string, method: string, path: string, extra = {}) => ({
      name,
      method,
      path,
      ...extra,
    })
    const created = await call(harness.app, 'POST', '/api/v1/capabilities', {
      token: user.token,
      json: {
        name: 'crm',
        base_url: service.url,
        headers: { 'X-Api-Key': 'k-crm' },
        actions: [
          action('get_recent_users', 'GET', '/users/recent', {
            input_schema: {
              type: 'object',
              properties: { days_back: { type: 'integer', minimum: 1 } },
              required: ['days_back'],
            },
          }),
          action('get_user', 'GET', '/users/{id}'),
          action('send_offers', 'POST', '/emails/offers'),
          action('broken', 'GET', '/broken'),
          action('slow', 'GET', '/slow', { timeout_ms: 100 }),
        ],
      },
    })
    expect(created.status).toBe(201)
  })
  afterAll(async () => {
    await service.close()
    await harness.close()
  })

  const invoke = (name: string, input: Record<string, unknown>, options = {}) =>
    harness.services.actions.invoke(name, input, {
      services: harness.services,
      caller,
      ...options,
    })

  it('calls a GET action with the query string and the sealed headers', async () => {
    const outcome = await invoke('crm.get_recent_users', { days_back: '7' })
    expect(outcome).toEqual({
      result: 'success',
      response_data: { users: [{ id: 1 }], days: '7' },
    })
    const [request] = service.calls('GET /users/recent')
    expect(request?.query).toEqual({ days_back: '7' })
    expect(request?.headers['x-api-key']).toBe('k-crm')
  })

  it('fills path parameters and wraps a non-object answer', async () => {
    expect(await invoke('crm.get_user', { id: 1 })).toEqual({
      result: 'success',
      response_data: { data: [{ id: 1 }] },
    })
  })

  it('sends a JSON body with the caller’s idempotency key for other methods', async () => {
    const outcome = await invoke(
      'crm.send_offers',
      { template_id: 't1' },
      { idempotencyKey: 'scenario-42:3' },
    )
    expect(outcome.response_data).toEqual({ queued: { template_id: 't1' } })
    const [request] = service.calls('POST /emails/offers')
    expect(request?.body).toEqual({ template_id: 't1' })
    expect(request?.headers['idempotency-key']).toBe('scenario-42:3')
  })

  it('validates input against the action’s JSON Schema', async () => {
    const outcome = await invoke('crm.get_recent_users', { days_back: 0 })
    expect(outcome.result).toBe('error')
    expect(outcome.error).toMatchObject({ code: 'VALIDATION_ERROR' })
    expect(outcome.error?.details?.[0]).toMatchObject({ field: 'days_back' })
  })

  it('reports HTTP errors and timeouts as outcomes, never throwing', async () => {
    expect(await invoke('crm.broken', {})).toEqual({
      result: 'error',
      error: { code: 'HTTP_500', message: 'crm.broken answered HTTP 500' },
      response_data: { status_code: 500, body: { detail: 'boom' } },
    })
    const slow = await invoke('crm.slow', {})
    expect(slow).toMatchObject({ result: 'timeout', error: { code: 'TIMEOUT' } })
  })

  it('is found only by callers of the same organization', async () => {
    for (const other of [strangerCaller, { kind: 'internal' } as const]) {
      const outcome = await invoke('crm.get_user', { id: 1 }, { caller: other })
      expect(outcome.error).toMatchObject({ code: 'NOT_FOUND' })
    }
    expect((await invoke('crm.nope', {})).error).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('records the call instead of making it while a scenario is simulated', async () => {
    const recorded: RecordedCall[] = []
    const before = service.requests.length
    const outcome = await invoke(
      'crm.send_offers',
      { template_id: 't2' },
      { simulation: { record: (c: RecordedCall) => recorded.push(c) } },
    )
    expect(outcome.result).toBe('success')
    expect(recorded).toEqual([
      { service: 'crm', method: 'send_offers', payload: { template_id: 't2' } },
    ])
    expect(service.requests).toHaveLength(before)
  })
})
