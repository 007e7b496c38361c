import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness, signUp } from '../../support/harness.ts'
import { type Account, message, simulate } from './scenario-support.ts'

describe('_cache, context and params', () => {
  let harness: Harness
  let account: Account
  beforeAll(async () => {
    harness = await createHarness()
    account = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  it('deep-merges response_data flat, nests it under _namespace, and renames with _response_key', async () => {
    const result = await simulate(harness, account, {
      event: message('/go'),
      storage: 'settings: {lang: en, limit: 5}\n',
      scenarios: `go:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {user: {name: Ann, tags: [a]}, count: 1}}
    - action: set_cache
      params: {cache: {user: {age: 30, tags: [b]}, count: 2}}
    - action: set_cache
      params: {cache: {x: 1}, _namespace: first}
    - action: set_cache
      params: {cache: {y: 2}, _namespace: first}
    - action: get_storage
      params: {group_key: settings, _response_key: settings}
    - action: get_storage
      params: {group_key: settings, key: lang, _response_key: lang, _namespace: prefs}
    - action: set_cache
      params: {cache: {z: 3}, _response_key: ignored_without_replaceable_field}
`,
    })
    expect(result.runs[0].cache).toEqual({
      user: { name: 'Ann', age: 30, tags: ['b'] },
      count: 2,
      first: { x: 1, y: 2 },
      settings: { lang: 'en', limit: 5 },
      prefs: { lang: 'en' },
      z: 3,
    })
    expect(result.runs[0].steps[4].params).toEqual({ group_key: 'settings' })
  })

  it('passes the whole context flat, lets params override it but never system, and sets last_result/last_error', async () => {
    const result = await simulate(harness, account, {
      event: message('/go', { system: { bot_id: 5, tenant_id: account.tenantId } }),
      scenarios: `go:
  trigger: [{event_type: message}]
  step:
    - action: validate
      params: {condition: "$chat_id == 42 and $tenant_id == ${account.tenantId} and $system.bot_id == 5"}
    - action: validate
      params: {condition: "$chat_id == 7 and $system.bot_id == 5", chat_id: 7, system: {bot_id: 9}}
    - action: get_storage
      params: {group_key: nothing_here}
    - action: set_cache
      params:
        cache:
          last: "{last_result}"
          chain: "{scenario_chain}"
    - action: no_such_action
    - action: set_cache
      params: {cache: {code: "{last_error.code}", result: "{last_result}"}}
`,
    })
    const steps = result.runs[0].steps
    expect(steps.map((step: { result: string }) => step.result)).toEqual([
      'success',
      'success',
      'not_found',
      'success',
      'error',
      'success',
    ])
    expect(result.runs[0].cache).toEqual({
      last: 'not_found',
      chain: ['go'],
      code: 'NOT_FOUND',
      result: 'error',
    })
  })

  it('keeps each matched scenario its own _cache, but carries it along execute_scenario chains', async () => {
    const result = await simulate(harness, account, {
      event: message('/go'),
      scenarios: `a:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {from_a: 1}}
    - action: execute_scenario
      params: {scenario: b, _namespace: called}
    - action: execute_scenario
      params: {scenario: b, return_cache: false}
b:
  step:
    - action: set_cache
      params: {cache: {from_b: "{_cache.from_a|fallback:none}"}}
c:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {from_c: "{_cache.from_a|fallback:none}"}}
`,
    })
    const [a, b, , c] = result.runs
    expect(b.cache).toEqual({ from_a: 1, from_b: 1 })
    expect(a.cache).toEqual({
      from_a: 1,
      called: { from_a: 1, from_b: 1, scenario_result: 'success' },
      scenario_result: 'success',
    })
    expect(c).toMatchObject({ scenario: 'c', cache: { from_c: 'none' } })
  })
})
