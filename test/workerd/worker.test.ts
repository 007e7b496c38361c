import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

const realServices = env.REAL_SERVICES === 'yes'
if (!realServices) {
  console.warn(
    '\n!!! SKIPPED: workerd health against real PostgreSQL and Redis — TEST_DATABASE_URL is not set.\n',
  )
}

describe('the Worker bundle inside workerd', () => {
  it('runs on the Workers runtime', () => {
    expect(navigator.userAgent).toBe('Cloudflare-Workers')
  })

  it('answers 401 with the contract detail when the token is missing or bad', async () => {
    for (const headers of [{}, { Authorization: 'Bearer not-a-token' }] as Record<
      string,
      string
    >[]) {
      const response = await exports.default.fetch('http://relay.test/api/v1/auth/me', { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ detail: 'Could not validate credentials' })
      expect(response.headers.get('X-Request-Id')).toBeTruthy()
    }
  })

  it('serves the OpenAPI document and docs that load Swagger UI from a CDN', async () => {
    const spec = await exports.default.fetch('http://relay.test/openapi.json')
    expect(spec.status).toBe(200)
    expect((await spec.json()) as { openapi: string }).toMatchObject({ openapi: '3.0.3' })
    const docs = await (await exports.default.fetch('http://relay.test/docs')).text()
    expect(docs).toContain('https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js')
  })

  it.runIf(realServices)(
    'reports healthy over Neon and Upstash to the real PostgreSQL and Redis',
    async () => {
      const response = await exports.default.fetch('http://relay.test/health')
      const body = (await response.json()) as {
        status: string
        checks: Record<string, { status: string; kind?: string }>
      }
      expect(response.status).toBe(200)
      expect(body.status).toBe('ok')
      expect(body.checks.cache).toMatchObject({
        status: 'ok',
        kind: env.UPSTASH_REDIS_REST_URL ? 'upstash' : 'memory',
      })
      expect(body.checks.queue).toMatchObject({ status: 'ok', kind: 'local' })
    },
  )

  it.runIf(realServices)('registers a user and reads it back through the Worker', async () => {
    const email = `worker-${Date.now()}@example.com`
    const registered = await exports.default.fetch('http://relay.test/api/v1/auth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse' }),
    })
    expect(registered.status).toBe(201)
    const { access_token } = (await registered.json()) as { access_token: string }
    const me = await exports.default.fetch('http://relay.test/api/v1/auth/me', {
      headers: { Authorization: `Bearer ${access_token}` },
    })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email)
  })
})
