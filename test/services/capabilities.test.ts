import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { capabilities } from '../../db/schema/index.ts'
import { CapabilitySchema } from '../../functions/pipelines/schema.ts'
import { dbBackends } from '../support/backends.ts'
import { call, createHarness, type Harness, signUp } from '../support/harness.ts'

const usersService = {
  name: 'users_service',
  description: 'Пользователи и их активность.',
  base_url: 'http://127.0.0.1:9101',
  headers: { 'X-Api-Key': 'k-very-secret' },
  actions: [
    {
      name: 'get_recent_users',
      description: 'Получить активных пользователей за последние N дней.',
      method: 'GET',
      path: '/users/recent',
      input_schema: {
        type: 'object',
        properties: { days_back: { type: 'integer' } },
        required: ['days_back'],
      },
      output_schema: { type: 'object', properties: { users: { type: 'array' } } },
      input_type: null,
      output_type: 'users[]',
      external_inputs: ['days_back'],
      timeout_ms: 30000,
    },
    { name: 'ping', method: 'GET', path: '/ping' },
  ],
}

describe.each(dbBackends)('capabilities API on %s', (backend) => {
  let harness: Harness
  beforeAll(async () => {
    harness = await createHarness({ backend })
  })
  afterAll(() => harness.close())

  const create = (token: string, json: unknown = usersService) =>
    call(harness.app, 'POST', '/api/v1/capabilities', { token, json })

  it('registers a service with its actions and returns their ids, never the header values', async () => {
    const user = await signUp(harness.app)
    const created = await create(user.token)
    expect(created.status).toBe(201)
    const capability = CapabilitySchema.parse(created.body)
    expect(capability).toMatchObject({
      name: 'users_service',
      base_url: 'http://127.0.0.1:9101',
      header_names: ['X-Api-Key'],
    })
    expect(capability.actions.map((a) => [a.name, a.capability_id, a.timeout_ms])).toEqual([
      ['get_recent_users', capability.id, 30000],
      ['ping', capability.id, 30000],
    ])
    expect(capability.actions[1]).toMatchObject({ input_type: null, external_inputs: [] })

    const read = await call(harness.app, 'GET', `/api/v1/capabilities/${capability.id}`, {
      token: user.token,
    })
    expect(read.body).toEqual(created.body)
    const list = await call(harness.app, 'GET', '/api/v1/capabilities', { token: user.token })
    expect(list.body).toEqual([created.body])
    for (const body of [created.body, read.body, list.body]) {
      expect(JSON.stringify(body)).not.toContain('k-very-secret')
    }
    // Stored sealed, not in the clear.
    const [row] = await harness.services.db
      .select()
      .from(capabilities)
      .where(eq(capabilities.id, capability.id))
    expect(row?.sealedHeaders).toBeTruthy()
    expect(row?.sealedHeaders).not.toContain('k-very-secret')
  })

  it("keeps each organization's capabilities to itself", async () => {
    const owner = await signUp(harness.app)
    const stranger = await signUp(harness.app)
    const { body } = await create(owner.token)
    const path = `/api/v1/capabilities/${body.id}`
    expect((await call(harness.app, 'GET', path, { token: stranger.token })).status).toBe(404)
    expect((await call(harness.app, 'DELETE', path, { token: stranger.token })).status).toBe(404)
    const theirs = await call(harness.app, 'GET', '/api/v1/capabilities', { token: stranger.token })
    expect(theirs.body).toEqual([])
    // The same name is free in another organization.
    expect((await create(stranger.token)).status).toBe(201)
  })

  it('deletes a capability; a second delete and unknown ids are 404', async () => {
    const user = await signUp(harness.app)
    const { body } = await create(user.token)
    const path = `/api/v1/capabilities/${body.id}`
    expect((await call(harness.app, 'DELETE', path, { token: user.token })).status).toBe(204)
    expect((await call(harness.app, 'DELETE', path, { token: user.token })).status).toBe(404)
    const missing = await call(harness.app, 'GET', `/api/v1/capabilities/${randomUUID()}`, {
      token: user.token,
    })
    expect(missing.body).toEqual({ detail: 'Capability not found' })
  })

  it('refuses a duplicate name (409), invalid definitions (422) and anonymous callers (401)', async () => {
    const user = await signUp(harness.app)
    expect((await create(user.token)).status).toBe(201)
    const duplicate = await create(user.token)
    expect(duplicate).toMatchObject({
      status: 409,
      body: { detail: 'Capability users_service already exists' },
    })
    const [action] = usersService.actions
    const invalid = await create(user.token, {
      ...usersService,
      name: 'other',
      actions: [{ ...action, external_inputs: ['days'] }],
    })
    expect(invalid.status).toBe(422)
    expect(invalid.body.detail[0].loc).toEqual(['body', 'actions', 0, 'external_inputs'])
    const anonymous = await call(harness.app, 'GET', '/api/v1/capabilities')
    expect(anonymous.status).toBe(401)
  })
})
