import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../functions/app.ts'
import { topics } from '../../workflows/index.ts'
import { call, createHarness, type Harness } from '../support/harness.ts'

describe('HTTP basics', () => {
  let harness: Harness
  beforeAll(async () => {
    harness = await createHarness()
  })
  afterAll(() => harness.close())

  it('reports db, cache and queue health with the version', async () => {
    const response = await call(harness.app, 'GET', '/health')
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      checks: {
        db: { status: 'ok' },
        cache: { status: 'ok', kind: 'memory' },
        queue: { status: 'ok', kind: 'local' },
      },
    })
  })

  it('answers 503 naming the failing dependency, without its internals', async () => {
    const broken = {
      ...harness.services.cache,
      kind: 'memory' as const,
      ping: () => Promise.reject(new Error('redis://user:secret@host')),
    }
    const app = createApp({
      services: () => ({ services: { ...harness.services, cache: broken } }),
      topics,
      docsAssetsUrl: '/x',
      version: '0',
    })
    const response = await call(app, 'GET', '/health')
    expect(response.status).toBe(503)
    expect(response.body.status).toBe('degraded')
    expect(response.body.checks.cache).toMatchObject({ status: 'error', error: 'unreachable' })
    expect(JSON.stringify(response.body)).not.toContain('secret')
  })

  it('puts a request id on every response, and keeps a caller-supplied one', async () => {
    const fresh = await call(harness.app, 'GET', '/nowhere')
    expect(fresh.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
    const kept = await call(harness.app, 'GET', '/health', {
      headers: { 'X-Request-Id': 'trace-123' },
    })
    expect(kept.headers.get('X-Request-Id')).toBe('trace-123')
  })

  it('answers unknown paths with the FastAPI 404 shape', async () => {
    const response = await call(harness.app, 'GET', '/api/v1/nothing-here')
    expect(response.status).toBe(404)
    expect(response.body).toEqual({ detail: 'Not Found' })
  })

  it('answers malformed JSON with a 422 on the body', async () => {
    const response = await harness.app.request('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email": ',
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }],
    })
  })

  it('never puts a stack trace or an internal message in a 500', async () => {
    const app = createApp({
      services: () => {
        throw new Error(
          'connection to postgres://admin:hunter2@db failed at Pool.connect (pool.js:42)',
        )
      },
      topics,
      docsAssetsUrl: '/x',
      version: '0',
    })
    const response = await app.request('/health')
    expect(response.status).toBe(500)
    const body = await response.json()
    expect(body).toEqual({ detail: 'Internal Server Error', request_id: expect.any(String) })
    expect(JSON.stringify(body)).not.toMatch(/hunter2|pool\.js|postgres/)
  })

  it('serves the OpenAPI document and an interactive reference', async () => {
    const spec = await call(harness.app, 'GET', '/openapi.json')
    expect(spec.status).toBe(200)
    expect(spec.body.openapi).toBe('3.0.3')
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/me',
      ]),
    )
    expect(spec.body.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    })
    const docs = await call(harness.app, 'GET', '/docs')
    expect(docs.status).toBe(200)
    expect(docs.headers.get('Content-Type')).toContain('text/html')
    expect(docs.body).toContain('SwaggerUIBundle')
    expect(docs.body).toContain('/openapi.json')
  })

  it('refuses queue deliveries when the queue is local (nothing may inject jobs over HTTP)', async () => {
    const response = await call(harness.app, 'POST', '/queue/anything', { json: {} })
    expect(response.status).toBe(401)
  })
})
