import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbBackends } from '../support/backends.ts'
import { call, createHarness, type Harness, signUp } from '../support/harness.ts'

describe.each(dbBackends)('auth and API keys on %s', (backend) => {
  let harness: Harness
  beforeAll(async () => {
    harness = await createHarness({ backend })
  })
  afterAll(() => harness.close())

  it('registers, logs in by JSON and by form, and answers me', async () => {
    const registered = await call(harness.app, 'POST', '/api/v1/auth/register', {
      json: {
        email: 'Ann@Example.com',
        password: 'correct horse',
        organization_name: 'Ann Travel',
      },
    })
    expect(registered.status).toBe(201)
    expect(registered.body).toMatchObject({
      user: { email: 'ann@example.com' },
      organization: { name: 'Ann Travel', role: 'owner' },
      token_type: 'bearer',
    })
    expect(registered.body.organization.tenant_id).toBeGreaterThanOrEqual(1_000_000)

    const byJson = await call(harness.app, 'POST', '/api/v1/auth/login', {
      json: { email: 'ann@example.com', password: 'correct horse' },
    })
    expect(byJson.status).toBe(200)
    expect(byJson.body.token_type).toBe('bearer')

    const byForm = await call(harness.app, 'POST', '/api/v1/auth/login', {
      form: { username: 'ANN@example.com', password: 'correct horse', grant_type: 'password' },
    })
    expect(byForm.status).toBe(200)

    const me = await call(harness.app, 'GET', '/api/v1/auth/me', {
      token: byForm.body.access_token,
    })
    expect(me.status).toBe(200)
    expect(me.body).toEqual({
      user: {
        id: registered.body.user.id,
        email: 'ann@example.com',
        created_at: expect.any(String),
      },
      organizations: [
        {
          id: registered.body.organization.id,
          tenant_id: registered.body.organization.tenant_id,
          name: 'Ann Travel',
          role: 'owner',
        },
      ],
      auth: { method: 'jwt', api_key_id: null },
    })
  })

  it('gives each sign-up its own tenant id from 1,000,000 up', async () => {
    const first = await signUp(harness.app)
    const second = await signUp(harness.app)
    expect(first.tenantId).toBeGreaterThanOrEqual(1_000_000)
    expect(second.tenantId).toBeGreaterThan(first.tenantId)
  })

  it('refuses a second account with the same email, whatever its case', async () => {
    await signUp(harness.app, 'dup@example.com')
    const again = await call(harness.app, 'POST', '/api/v1/auth/register', {
      json: { email: 'DUP@example.com', password: 'another password' },
    })
    expect(again.status).toBe(409)
    expect(again.body).toEqual({ detail: 'Email already registered' })
  })

  it('rejects a wrong password and an unknown email alike', async () => {
    await signUp(harness.app, 'bob@example.com')
    for (const email of ['bob@example.com', 'nobody@example.com']) {
      const response = await call(harness.app, 'POST', '/api/v1/auth/login', {
        json: { email, password: 'wrong password' },
      })
      expect(response.status).toBe(401)
      expect(response.body).toEqual({ detail: 'Incorrect email or password' })
    }
  })

  it('answers 401 with the contract detail for a missing, malformed or forged token', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4IiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl'
    for (const token of [undefined, 'garbage', forged, 'rk_not_a_real_key']) {
      const response = await call(harness.app, 'GET', '/api/v1/auth/me', token ? { token } : {})
      expect(response.status).toBe(401)
      expect(response.body).toEqual({ detail: 'Could not validate credentials' })
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer')
    }
  })

  it('names the wrong field in a 422', async () => {
    const response = await call(harness.app, 'POST', '/api/v1/auth/register', {
      json: { email: 'not-an-email', password: 'short' },
    })
    expect(response.status).toBe(422)
    const locations = response.body.detail.map((item: { loc: unknown[] }) => item.loc)
    expect(locations).toEqual(
      expect.arrayContaining([
        ['body', 'email'],
        ['body', 'password'],
      ]),
    )
    for (const item of response.body.detail) {
      expect(item).toEqual({
        loc: expect.any(Array),
        msg: expect.any(String),
        type: expect.any(String),
      })
    }
  })

  it('issues an API key once, accepts it as a bearer token, lists it without the secret, and revokes it', async () => {
    const owner = await signUp(harness.app)
    const created = await call(
      harness.app,
      'POST',
      `/api/v1/organizations/${owner.organizationId}/api-keys`,
      {
        token: owner.token,
        json: { name: 'ci' },
      },
    )
    expect(created.status).toBe(201)
    expect(created.body.key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/)
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true)

    const me = await call(harness.app, 'GET', '/api/v1/auth/me', { token: created.body.key })
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(owner.userId)
    expect(me.body.organizations).toHaveLength(1)
    expect(me.body.auth).toEqual({ method: 'api_key', api_key_id: created.body.id })

    const listed = await call(
      harness.app,
      'GET',
      `/api/v1/organizations/${owner.organizationId}/api-keys`,
      {
        token: created.body.key,
      },
    )
    expect(listed.status).toBe(200)
    expect(listed.body.items).toHaveLength(1)
    expect(listed.body.items[0]).not.toHaveProperty('key')
    expect(listed.body.items[0].last_used_at).not.toBeNull()

    const revoked = await call(
      harness.app,
      'DELETE',
      `/api/v1/organizations/${owner.organizationId}/api-keys/${created.body.id}`,
      { token: owner.token },
    )
    expect(revoked.status).toBe(204)
    const after = await call(harness.app, 'GET', '/api/v1/auth/me', { token: created.body.key })
    expect(after.status).toBe(401)
  })

  it("answers 404 for another organization's API keys, by JWT and by key", async () => {
    const alice = await signUp(harness.app)
    const mallory = await signUp(harness.app)
    const aliceKey = await call(
      harness.app,
      'POST',
      `/api/v1/organizations/${alice.organizationId}/api-keys`,
      {
        token: alice.token,
      },
    )
    const malloryKey = await call(
      harness.app,
      'POST',
      `/api/v1/organizations/${mallory.organizationId}/api-keys`,
      {
        token: mallory.token,
      },
    )
    const base = `/api/v1/organizations/${alice.organizationId}/api-keys`
    for (const token of [mallory.token, malloryKey.body.key]) {
      expect((await call(harness.app, 'GET', base, { token })).status).toBe(404)
      expect((await call(harness.app, 'POST', base, { token })).status).toBe(404)
      const deleted = await call(harness.app, 'DELETE', `${base}/${aliceKey.body.id}`, { token })
      expect(deleted.status).toBe(404)
      expect(deleted.body).toEqual({ detail: 'Organization not found' })
    }
    const mine = `/api/v1/organizations/${mallory.organizationId}/api-keys/${aliceKey.body.id}`
    expect((await call(harness.app, 'DELETE', mine, { token: mallory.token })).status).toBe(404)
    expect(
      (await call(harness.app, 'GET', '/api/v1/auth/me', { token: aliceKey.body.key })).status,
    ).toBe(200)
  })
})
