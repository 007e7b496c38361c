import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbBackends } from '../../support/backends.ts'
import { call, createHarness, type Harness, signUp } from '../../support/harness.ts'
import {
  type Account,
  invokeAs,
  loadScenarios,
  message,
  simulate,
} from '../engine/scenario-support.ts'

describe.each(dbBackends)('POST /api/v1/tenants/{tenant_id}/simulate on %s', (backend) => {
  let harness: Harness
  let account: Account
  beforeAll(async () => {
    harness = await createHarness({ backend })
    account = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  const path = (tenantId: number) => `/api/v1/tenants/${tenantId}/simulate`

  it('answers 401 without a token and 404 for a tenant that is not yours or does not exist', async () => {
    const body = { event: message('/start') }
    expect((await call(harness.app, 'POST', path(account.tenantId), { json: body })).status).toBe(
      401,
    )
    const stranger = await signUp(harness.app)
    for (const tenantId of [account.tenantId, 999_999_999]) {
      const response = await call(harness.app, 'POST', path(tenantId), {
        token: stranger.token,
        json: body,
      })
      expect(response.status).toBe(404)
    }
  })

  it('shows the writes of a run to its later steps, then discards them', async () => {
    const scenarios = `profile:
  trigger: [{event_type: message, event_text: /save}]
  step:
    - action: set_storage
      params: {group_key: profiles, key: "{user_id}", value: {name: "{first_name}"}}
    - action: set_user_storage
      params: {key: visits, value: 1}
    - action: set_user_state
      params: {state: editing}
    - action: get_storage
      params: {group_key: profiles, _response_key: profiles}
    - action: get_user_storage
      params: {key: visits, _response_key: visits}
    - action: get_user_state
    - action: get_tenant_users
`
    const first = await simulate(harness, account, { event: message('/save'), scenarios })
    expect(first.runs[0].cache).toMatchObject({
      profiles: { '42': { name: 'Ann' } },
      visits: 1,
      user_state: 'editing',
      user_ids: [42],
    })
    for (const [action, input] of [
      ['get_storage', { group_key: 'profiles' }],
      ['get_user_storage', { user_id: 42 }],
    ] as const) {
      expect((await invokeAs(harness, account, action, input)).result).toBe('not_found')
    }
    const state = await invokeAs(harness, account, 'get_user_state', { user_id: 42 })
    expect(state.response_data).toEqual({ user_state: null, user_state_expired_at: null })
    const users = await invokeAs(harness, account, 'get_tenant_users', {})
    expect(users.response_data).toEqual({ user_ids: [], user_count: 0 })
  })

  it('seeds storage groups for the run only, and leaves the others as stored', async () => {
    await invokeAs(harness, account, 'set_storage', {
      values: { settings: { lang: 'ru' }, other: { a: 1 } },
    })
    const result = await simulate(harness, account, {
      event: message('/x'),
      storage: 'settings:\n  lang: en\n  limit: 5\n',
      scenarios: `x:
  trigger: [{event_type: message}]
  step:
    - action: get_storage
`,
    })
    expect(result.runs[0].cache.storage_values).toEqual({
      other: { a: 1 },
      settings: { lang: 'en', limit: 5 },
    })
    const after = await invokeAs(harness, account, 'get_storage', { group_key: 'settings' })
    expect(after.response_data?.storage_values).toEqual({ lang: 'ru' })
  })

  it("runs the tenant's loaded scenarios when no YAML is given", async () => {
    await loadScenarios(
      harness,
      account.tenantId,
      `hello:
  trigger: [{event_type: message, event_text: /hello}]
  step:
    - action: set_cache
      params: {cache: {hi: "{first_name}"}}
`,
    )
    const result = await simulate(harness, account, { event: message('/hello') })
    expect(result).toMatchObject({
      matched: ['hello'],
      runs: [{ cache: { hi: 'Ann' } }],
      calls: [],
    })
  })

  it('answers 422 naming the file, scenario and line of bad YAML, a bad seed or a bad event', async () => {
    const send = (json: unknown) =>
      call(harness.app, 'POST', path(account.tenantId), { token: account.token, json })
    const syntax = await send({ event: message('/x'), scenarios: 'a:\n  step: [\n' })
    expect(syntax.status).toBe(422)
    expect(syntax.body.detail[0]).toMatchObject({
      loc: ['body', 'scenarios'],
      file: 'scenarios.yaml',
      line: 3,
    })

    const schema = await send({
      event: message('/x'),
      scenarios:
        'ok:\n  step:\n    - action: sleep\nbad:\n  step:\n    - action: sleep\n      params: {seconds: "{x|nope}"}\n',
    })
    expect(schema.status).toBe(422)
    expect(schema.body.detail).toEqual([
      {
        loc: ['body', 'scenarios'],
        msg: `scenarios.yaml:7: scenario "bad": step[0].params.seconds: unknown modifier 'nope' in placeholder at position 0`,
        type: 'value_error',
        file: 'scenarios.yaml',
        scenario: 'bad',
        line: 7,
        message: "step[0].params.seconds: unknown modifier 'nope' in placeholder at position 0",
      },
    ])

    const seed = await send({ event: message('/x'), storage: '- not a mapping\n' })
    expect(seed.status).toBe(422)
    expect(seed.body.detail[0].loc).toEqual(['body', 'storage'])

    const event = await send({ event: { event_text: 'no type' } })
    expect(event.status).toBe(422)
    expect(event.body.detail[0].loc).toEqual(['body', 'event', 'event_type'])
  })
})
