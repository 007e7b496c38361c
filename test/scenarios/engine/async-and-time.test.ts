import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../functions/platform/clock.ts'
import { type FakeService, startFakeService } from '../../services/fake-http-service.ts'
import { dbBackends } from '../../support/backends.ts'
import { createHarness, type Harness, signUp } from '../../support/harness.ts'
import { type Account, invokeAs, loadScenarios, message, simulate } from './scenario-support.ts'

describe.each(dbBackends)('async steps, waits and sleeps on %s', (backend) => {
  const clock = fixedClock('2026-11-23T10:00:00Z')
  let harness: Harness
  let account: Account
  let service: FakeService
  let release: () => void = () => {}
  beforeAll(async () => {
    harness = await createHarness({ backend, clock })
    account = await signUp(harness.app)
    service = await startFakeService({
      'GET /quote': (request) => ({ body: { value: `quote for ${request.query.user}` } }),
      'GET /slow': () =>
        new Promise((resolve) => (release = () => resolve({ body: { late: true } }))),
    })
    await loadScenarios(
      harness,
      account.tenantId,
      `quote:
  step:
    - action: http_request
      async: true
      action_id: q
      params: {url: "${service.url}/quote", query: {user: "{user_id}"}}
    - action: set_storage
      params: {group_key: run, key: ready_at_once, value: "{_async_action.q|ready}"}
    - action: wait_for_action
      params: {action_id: q, timeout: 60, _namespace: answer}
    - action: set_storage
      params: {group_key: run, key: quote, value: "{_cache.answer.response_body.value}"}
slow:
  step:
    - action: http_request
      async: true
      action_id: s
      params: {url: "${service.url}/slow"}
    - action: wait_for_action
      params: {action_id: s, timeout: 5}
    - action: set_storage
      params: {group_key: run, key: slow, value: "{last_result}/{last_error.code}"}
nap:
  step:
    - action: set_storage
      params: {group_key: run, key: nap, value: before}
    - action: sleep
      params: {seconds: 0.01}
    - action: sleep
      params: {seconds: 30}
    - action: set_storage
      params: {group_key: run, key: nap, value: "after {_cache.note}"}
  description: naps
outer:
  step:
    - action: set_cache
      params: {cache: {note: from outer}}
    - action: execute_scenario
      params: {scenario: nap}
    - action: set_storage
      params: {group_key: run, key: outer, value: "{_cache.scenario_result}"}
echo:
  step:
    - action: set_cache
      params: {cache: {lowered: "{event_text|lower}", direct: "{_config.secret}"}}
`,
    )
  })
  afterAll(async () => {
    release()
    await service.close()
    await harness.close()
  })

  const stored = async (key: string) =>
    (await invokeAs(harness, account, 'get_storage', { group_key: 'run', key })).response_data
      ?.storage_values

  const run = (scenario: string) =>
    invokeAs(harness, account, 'execute_scenario', { scenario, user_id: 42, chat_id: 42 })

  it('runs an async step on the queue; wait_for_action pauses the scenario until it is done', async () => {
    const started = await run('quote')
    expect(started).toEqual({ result: 'success', response_data: { scenario_result: 'suspended' } })
    expect(await stored('ready_at_once')).toBe(false)
    expect(await stored('quote')).toBeUndefined()
    await harness.drain()
    expect(await stored('quote')).toBe('quote for 42')
    expect(service.calls('GET /quote')).toHaveLength(1)
  })

  it('times a wait out at its deadline while the action keeps running', async () => {
    await run('slow')
    clock.advance(6_000)
    const drained = harness.drain()
    for (let attempt = 0; attempt < 200 && (await stored('slow')) === undefined; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(await stored('slow')).toBe('timeout/TIMEOUT')
    // The wait can time out before the async job's request reaches the service; release only then.
    for (let attempt = 0; attempt < 200 && service.calls('GET /slow').length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    release()
    await drained
    expect(service.calls('GET /slow')).toHaveLength(1)
  })

  it('sleeps briefly in place, and continues a long sleep from the queue after the delay, inside a call', async () => {
    const started = await run('outer')
    expect(started.response_data).toEqual({ scenario_result: 'suspended' })
    expect(await stored('nap')).toBe('before')
    await harness.drain()
    expect(await stored('nap')).toBe('before')
    clock.advance(31_000)
    await harness.drain()
    expect(await stored('nap')).toBe('after from outer')
    expect(await stored('outer')).toBe('success')
  })

  it('never lets text a user typed expand into _config, while params may read it', async () => {
    const outcome = await invokeAs(harness, account, 'execute_scenario', {
      scenario: 'echo',
      event_text: '{_config.secret}',
      _config: { secret: 'S3CRET' },
    })
    expect(outcome.response_data).toMatchObject({
      lowered: '{_config.secret}',
      direct: 'S3CRET',
    })
  })
})

describe('async steps under simulation', () => {
  let harness: Harness
  let account: Account
  beforeAll(async () => {
    harness = await createHarness()
    account = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  it('runs them at once, records the calls, and does not wait for sleeps', async () => {
    const result = await simulate(harness, account, {
      event: message('/go'),
      scenarios: `go:
  trigger: [{event_type: message}]
  step:
    - action: http_request
      async: true
      action_id: h
      params: {url: "https://api.example.com/items", method: POST, json: {id: "{user_id}"}}
    - action: sleep
      params: {seconds: 3600}
    - action: validate
      params: {condition: "{_async_action.h|ready} == True"}
    - action: wait_for_action
      params: {action_id: h}
    - action: wait_for_action
      params: {action_id: nope}
`,
    })
    expect(result.runs[0].steps.map((s: { result: string }) => s.result)).toEqual([
      'success',
      'success',
      'success',
      'success',
      'error',
    ])
    expect(result.runs[0].steps[0].async).toBe(true)
    expect(result.runs[0].cache).toEqual({
      response_status: 200,
      response_headers: {},
      response_body: null,
    })
    expect(result.calls).toEqual([
      {
        service: 'http',
        method: 'POST',
        payload: {
          url: 'https://api.example.com/items',
          headers: { 'content-type': 'application/json' },
          json: { id: 42 },
        },
      },
      { service: 'scenario', method: 'sleep', payload: { seconds: 3600 } },
    ])
  })
})
