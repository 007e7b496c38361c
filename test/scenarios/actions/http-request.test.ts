import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeService, startFakeService } from '../../services/fake-http-service.ts'
import { createHarness, type Harness, signUp } from '../../support/harness.ts'
import { type Account, invokeAs } from '../engine/scenario-support.ts'

describe('http_request', () => {
  let harness: Harness
  let account: Account
  let service: FakeService
  let release: () => void = () => {}
  beforeAll(async () => {
    harness = await createHarness()
    account = await signUp(harness.app)
    service = await startFakeService({
      'GET /items': (request) => ({
        body: { query: request.query, auth: request.headers.authorization ?? null },
        headers: { 'x-total': '2' },
      }),
      'POST /orders': (request) => ({ status: 201, body: { created: request.body } }),
      'DELETE /orders': () => ({ status: 409, body: { detail: 'already shipped' } }),
      'GET /slow': () => new Promise((resolve) => (release = () => resolve({ body: null }))),
    })
  })
  afterAll(async () => {
    release()
    await service.close()
    await harness.close()
  })

  const invoke = (input: Record<string, unknown>) =>
    invokeAs(harness, account, 'http_request', input)

  it('sends method, query and headers, and returns status, headers and the parsed body', async () => {
    const outcome = await invoke({
      url: `${service.url}/items?fixed=1`,
      query: { page: 2, tag: ['a', 'b'] },
      headers: { Authorization: 'Bearer t' },
    })
    expect(outcome.result).toBe('success')
    expect(outcome.response_data).toMatchObject({
      response_status: 200,
      response_headers: { 'x-total': '2', 'content-type': 'application/json' },
      response_body: { query: { fixed: '1', page: '2', tag: ['a', 'b'] }, auth: 'Bearer t' },
    })
  })

  it('sends a JSON body with an idempotency key, and reports non-2xx answers as errors with the response', async () => {
    const created = await harness.services.actions.invoke(
      'http_request',
      { method: 'POST', url: `${service.url}/orders`, json: { sku: 'tea', qty: 2 } },
      {
        services: harness.services,
        caller: {
          kind: 'scenario',
          tenantId: account.tenantId,
          organizationId: account.organizationId,
        },
        idempotencyKey: 'exec-1:3',
      },
    )
    expect(created.response_data).toMatchObject({
      response_status: 201,
      response_body: { created: { sku: 'tea', qty: 2 } },
    })
    const [request] = service.calls('POST /orders')
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'exec-1:3',
    })

    const refused = await invoke({ method: 'DELETE', url: `${service.url}/orders` })
    expect(refused).toMatchObject({
      result: 'error',
      error: { code: 'HTTP_ERROR' },
      response_data: { response_status: 409, response_body: { detail: 'already shipped' } },
    })
  })

  it('times out, fails on an unreachable host, and rejects what is not an http(s) URL', async () => {
    const slow = await invoke({ url: `${service.url}/slow`, timeout: 0.2 })
    release()
    expect(slow).toMatchObject({ result: 'timeout', error: { code: 'TIMEOUT' } })
    const closed = await startFakeService()
    const unreachable = closed.url
    await closed.close()
    expect((await invoke({ url: `${unreachable}/x` })).error?.code).toBe('API_ERROR')
    expect((await invoke({ url: 'ftp://example.com/file' })).error?.code).toBe('VALIDATION_ERROR')
  })
})
